"""Build outputs: compose each audience, render each format, write files atomically."""

from __future__ import annotations

import errno
import os
import re
import tempfile
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.fonts import shared_subsets
from briefing.lifetime import can_fork_workers, tie_to_parent
from briefing.style.pattern import PatternError

if TYPE_CHECKING:  # imported where used: `briefing check` needs none of them
    from concurrent.futures import ProcessPoolExecutor

    from briefing.document import Document
    from briefing.model.content import Content
    from briefing.style.audience import Audience

FORMATS = ("pdf", "docx", "odt")
"""Output formats, in the order they are built; each maps to briefing.render.<format>."""

Renderer = Callable[["Document"], bytes]


def renderer(fmt: str) -> Renderer:
    """The render function of a format (imported on first use: reportlab is slow to load)."""
    module = import_module(f"briefing.render.{fmt}")
    render: Renderer = getattr(module, f"render_{fmt}")
    return render


MAX_EPOCH = 253_402_300_799
"""9999-12-31T23:59:59Z: the last moment a four-digit year (and a PDF date) can show."""


def build_date() -> date | None:
    """The date SOURCE_DATE_EPOCH asks for, if set (reproducible-builds convention).

    Raises ValueError, saying what is wrong in one line, when it is set but not a plain
    integer number of seconds since 1970 that a four-digit year can show.
    """
    raw = os.environ.get("SOURCE_DATE_EPOCH")
    if raw is None or raw.strip() == "":
        return None
    epoch = raw.strip()
    if not (epoch.isascii() and epoch.isdigit()) or int(epoch) > MAX_EPOCH:
        shown = repr(raw) if len(raw) <= 40 else repr(raw[:40]) + "…"
        raise ValueError(
            f"SOURCE_DATE_EPOCH={shown} is not a whole number of seconds from 0 to "
            f"{MAX_EPOCH:,} (1970 to 9999); unset it to stamp the report date"
        )
    return datetime.fromtimestamp(int(epoch), tz=UTC).date()


@dataclass(frozen=True)
class Output:
    """One file written: which audience and format, where, how many pages, how big."""

    audience: str
    fmt: str
    path: Path
    pages: int | None
    size: int


def pdf_pages(data: bytes) -> int:
    """Number of pages of a PDF we wrote (counts the page objects)."""
    return len(re.findall(rb"/Type /Page\b", data))


def _stage(path: Path, data: bytes) -> Path:
    """Write `data` to a temporary file beside `path`, flushed to disk; return its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # The process id in the name tells the next build whether the file is a leftover.
    handle, temp = tempfile.mkstemp(
        prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, 0o644)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return Path(temp)


class BuildError(Exception):
    """A build that must not produce files (e.g. a briefing over its page limit)."""


@dataclass(frozen=True)
class Job:
    """One file to make: an audience in a format."""

    audience: str
    fmt: str


def longest_first(audience: Audience) -> tuple[bool, bool]:
    """Sort key putting the full report (no page limit, a cover) before the briefings."""
    return (audience.spec.max_pages is not None, "cover" not in audience.spec.parts)


def render_job(document: Document, audience: Audience, fmt: str, formats: Sequence[str]) -> bytes:
    """Render one file; enforce the template's page limit on the PDF."""
    return render_file(document, audience.name, audience.spec.max_pages, fmt, formats)


def render_file(
    document: Document, audience: str, max_pages: int | None, fmt: str, formats: Sequence[str]
) -> bytes:
    """Render `audience`'s file in `fmt`; refuse a PDF longer than `max_pages`."""
    data = renderer(fmt)(document)
    if max_pages is not None and (fmt == "pdf" or "pdf" not in formats):
        pdf = data if fmt == "pdf" else renderer("pdf")(document)  # the PDF's pages measure
        pages = pdf_pages(pdf)
        if pages > max_pages:
            raise BuildError(
                f"{audience}: the briefing takes {pages} pages; its template allows at most "
                f"{max_pages} (shorten the short forms or drop a part)"
            )
    return data


_SHARED: tuple[dict[str, Document], dict[str, Audience], tuple[str, ...]] | None = None
"""What forked workers render from: set before the fork, inherited, never pickled."""


def _render_shared(job: Job) -> bytes:
    assert _SHARED is not None
    documents, specs, formats = _SHARED
    return render_job(documents[job.audience], specs[job.audience], job.fmt, formats)


def _compose(content: Content, audience: Audience, created: date | None) -> Document:
    """Compose one audience; a template text that cannot be filled is a BuildError."""
    from briefing.compose import compose  # not needed by `briefing check`

    try:
        return compose(content, audience, created=created)
    except PatternError as exc:
        raise BuildError(f"{audience.name}: a template text cannot be filled: {exc}") from None


def render_all(
    content: Content,
    specs: Sequence[Audience],
    formats: Sequence[str],
    done: Callable[[Job, bytes], None] = lambda job, data: None,
    scope: Sequence[Audience] = (),
) -> dict[Job, bytes]:
    """Compose every audience, then render each in every format, on two cores if there are.

    `scope` is every audience the project defines: their characters make the one font
    subset all documents share, so a file's bytes do not depend on which audiences were
    built with it.
    """

    by_name = {spec.name: spec for spec in specs}
    created = build_date()
    documents = {spec.name: _compose(content, spec, created) for spec in specs}
    others = []
    for spec in scope:
        if spec.name not in documents:
            with suppress(BuildError):  # a broken template breaks no other audience's build
                others.append(_compose(content, spec, created))
    # The full report is the longest job: start it first so the cores finish together.
    jobs = sorted(
        (Job(s.name, f) for s in specs for f in formats),
        key=lambda job: longest_first(by_name[job.audience]),
    )
    # One font subset for the whole build: instanced once, not once per document.
    from briefing.render.texts import document_texts  # imports reportlab: only builds need it

    texts = (
        text for document in (*documents.values(), *others) for text in document_texts(document)
    )
    with shared_subsets(texts):
        return _render_jobs(jobs, documents, by_name, tuple(formats), done)


def _render_jobs(
    jobs: list[Job],
    documents: dict[str, Document],
    specs: dict[str, Audience],
    formats: tuple[str, ...],
    done: Callable[[Job, bytes], None],
) -> dict[Job, bytes]:
    """Render the jobs in this process, or in two forked workers when there are two cores."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    global _SHARED
    results: dict[Job, bytes] = {}
    if len(jobs) < 2 or not can_fork_workers():
        for job in jobs:
            results[job] = render_job(
                documents[job.audience], specs[job.audience], job.fmt, formats
            )
            done(job, results[job])
        return results
    for fmt in formats:
        renderer(fmt)  # import before forking, so that workers start warm
    _SHARED = (documents, specs, formats)
    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(
            max_workers=2, mp_context=context, initializer=tie_to_parent, initargs=(os.getpid(),)
        ) as pool:
            futures = {pool.submit(_render_shared, job): job for job in jobs}
            try:
                for future in as_completed(futures):
                    job = futures[future]
                    results[job] = future.result()
                    done(job, results[job])
            except BaseException:
                _stop_workers(pool)
                raise
    finally:
        _SHARED = None
    return results


_TEMPORARY = re.compile(r"\.[a-z0-9][a-z0-9-]*\.(?:pdf|docx|odt)\.(?:(\d+)\.)?\w+\.tmp")
"""The name of a temporary file _stage makes (older versions left out the process id)."""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def remove_leftovers(out_dir: Path) -> None:
    """Remove temporary files of ours that a killed build left behind (never a live one's)."""
    try:
        entries = list(out_dir.iterdir())
    except OSError:
        return  # no folder yet, or not one: writing will say so
    for entry in entries:
        match = _TEMPORARY.fullmatch(entry.name)
        pid = int(match.group(1) or 0) if match else 0
        if match is None or (pid and pid != os.getpid() and _alive(pid)):
            continue
        if entry.is_file() and not entry.is_symlink():
            entry.unlink(missing_ok=True)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Stop the workers now (Ctrl-C, SIGTERM, a failed job): their work is no longer wanted."""
    # The executor offers no public way to end running jobs; its process table is stable.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)
    for process in processes:
        process.join()


def _check_target(path: Path) -> None:
    """Raise the OSError that renaming a file onto `path` would meet, before any rename."""
    if path.is_dir() and not path.is_symlink():
        raise IsADirectoryError(errno.EISDIR, "a folder is in the way of the output file", path)
    if path.parent.exists() and not path.parent.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "not a folder", path.parent)


def write_outputs(results: dict[Job, bytes], out_dir: Path) -> list[Output]:
    """Write every rendered file (only once all of them were rendered): each to a temporary
    file first, and only when all are on disk renamed into place, so that a failure while
    writing (a full disk) leaves every previous output as it was."""
    outputs = []
    staged: list[tuple[Path, Path]] = []
    paths = {job: out_dir / f"{job.audience}.{job.fmt}" for job in results}
    remove_leftovers(out_dir)
    for path in paths.values():
        _check_target(path)
    try:
        for job, data in results.items():
            path = paths[job]
            staged.append((_stage(path, data), path))
            pages = pdf_pages(data) if job.fmt == "pdf" else None
            outputs.append(Output(job.audience, job.fmt, path, pages, len(data)))
        for temp, path in staged:
            os.replace(temp, path)
    finally:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
    return outputs
