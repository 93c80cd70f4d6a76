"""`briefing watch`: the build kept warm, redone on every change to the content or styles.

Each round re-reads only the files that changed (briefing.cache), re-validates and
re-checks, composes every audience, and renders only the documents whose tree or font
subset changed; a file is rewritten only when its bytes did. What a round writes is what
a fresh `briefing build` with the same options writes, byte for byte.
"""

from __future__ import annotations

import os
import re
import signal
import sys
import time
import traceback
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from briefing.build import BuildError, Job, build_date, write_outputs
from briefing.cache import FileCache, Stamp
from briefing.compose import compose
from briefing.diagnostics import Diagnostic, Diagnostics, display_path
from briefing.document import Document
from briefing.fonts.chars import char_set
from briefing.pipeline import check_folder
from briefing.render_pool import RenderPool, Task
from briefing.style.audience import Audience, resolve_audiences

YAML_SUFFIXES = (".yaml", ".yml")
STEP_MS = 10
"""How long the folder must stay quiet before a round starts (editors save in steps)."""
RUST_TIMEOUT_MS = 1000
"""The longest the watcher waits before reporting, even with nothing to report."""
_TEMP_FILE = re.compile(r"^\..*\.tmp$")
"""Our own temporary files (briefing.build writes `.<name>.<random>.tmp` then renames)."""


@dataclass(frozen=True)
class WatchOptions:
    """What to watch and build: content folders, templates, audiences, formats, output."""

    folders: tuple[Path, ...]
    styles: Path
    names: tuple[str, ...] | None
    formats: tuple[str, ...]
    out: Path


@dataclass(frozen=True)
class Round:
    """What one rebuild of one content folder found and did."""

    folder: Path
    diagnostics: tuple[Diagnostic, ...]
    seconds: float
    written: tuple[Path, ...] = ()
    unchanged: int = 0
    failure: str = ""
    """Why nothing (or not everything) was written; empty when the round succeeded."""

    def status(self, clock: str) -> str:
        """One line, like `typst watch`: when, what happened, how long it took."""
        where = display_path(self.folder)
        took = f"{self.seconds:.2f} s"
        if self.failure:
            return f"[{clock}] {where}: {self.failure} ({took})"
        names = ", ".join(path.name for path in self.written) or "nothing (no output changed)"
        return f"[{clock}] {where}: built in {took}; wrote {names}; {self.unchanged} unchanged"


@dataclass
class _Rendered:
    document: Document
    data: bytes


@dataclass
class FolderBuild:
    """The warm state of one content folder: last documents, subset and bytes per file."""

    folder: Path
    options: WatchOptions
    cache: FileCache
    pool: RenderPool
    rendered: dict[Job, _Rendered] = field(default_factory=dict)
    chars: frozenset[str] | None = None

    def run(self, force: bool = False) -> Round:
        """Check, compose and render what changed; write the files whose bytes changed.

        `force` re-renders every document (a file that is not YAML changed, e.g. an image
        a figure shows: the tree names the image by path only).
        """
        started = time.perf_counter()
        options = self.options
        with self.cache.active():
            checked = check_folder(self.folder, options.styles, options.names)
            if not checked.ok:
                summary = checked.diagnostics.summary()
                return self._round(checked.diagnostics, started, failure=_kept(summary))
            assert checked.content is not None
            content = checked.content
            ready = list(checked.audiences)
            scope = ready
            if options.names:
                scope = list(resolve_audiences(content, options.styles, Diagnostics()))
        created = build_date()
        documents = {a.name: compose(content, a, created=created) for a in ready}
        others = [compose(content, a, created=created) for a in scope if a.name not in documents]
        from briefing.render.texts import document_texts  # imports reportlab

        chars = char_set(
            text for doc in (*documents.values(), *others) for text in document_texts(doc)
        )
        if force or chars != self.chars:
            # A new (or dropped) character changes the one subset every PDF embeds.
            self.rendered.clear()
        self.chars = chars
        out_dir = options.out / content.name
        written: list[Path] = []
        unchanged = 0
        failures: list[str] = []

        def deliver(job: Job, data: bytes) -> None:
            nonlocal unchanged
            path = out_dir / f"{job.audience}.{job.fmt}"
            if _same_file(path, data):
                unchanged += 1
                return
            try:
                with _signals_held():  # a file is renamed into place whole, or not at all
                    write_outputs({job: data}, out_dir)
            except OSError as exc:
                where = display_path(Path(exc.filename)) if exc.filename else path.name
                failures.append(f"cannot write {where}: {exc.strerror or exc}")
                return
            written.append(path)

        tasks: list[Task] = []
        for audience, job in _jobs(ready, options.formats):
            last = self.rendered.get(job)
            if last is not None and last.document == documents[audience.name]:
                deliver(job, last.data)  # restores a file deleted meanwhile
            else:
                tasks.append(Task(audience, job, documents[audience.name]))

        def rendered(task: Task, data: bytes | BuildError) -> None:
            if isinstance(data, BuildError):
                failures.append(f"{data}; kept the last good {task.job.audience}.{task.job.fmt}")
                return
            self.rendered[task.job] = _Rendered(task.document, data)
            deliver(task.job, data)

        self.pool.render(tasks, options.formats, chars, rendered)
        return self._round(
            checked.diagnostics, started, tuple(written), unchanged, "; ".join(failures)
        )

    def _round(
        self,
        diagnostics: Diagnostics,
        started: float,
        written: tuple[Path, ...] = (),
        unchanged: int = 0,
        failure: str = "",
    ) -> Round:
        seconds = time.perf_counter() - started
        found = tuple(diagnostics.sorted())
        return Round(self.folder, found, seconds, written, unchanged, failure)


def _kept(summary: str) -> str:
    return f"{summary}: not built; the last good files are kept"


def _jobs(ready: Sequence[Audience], formats: Sequence[str]) -> list[tuple[Audience, Job]]:
    """Every file to make, PDFs first and the full report first among them (what a reader
    beside the editor looks at)."""
    jobs = [(a, Job(a.name, fmt)) for a in ready for fmt in formats]
    return sorted(
        jobs,
        key=lambda item: (
            item[1].fmt != "pdf",
            item[0].spec.max_pages is not None,
            "cover" not in item[0].spec.parts,
        ),
    )


def _same_file(path: Path, data: bytes) -> bool:
    """Whether `path` already holds exactly `data` (then it is left alone)."""
    try:
        if path.stat().st_size != len(data):
            return False
        return path.read_bytes() == data
    except OSError:
        return False


@contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back while a file is written and renamed; deliver after."""
    held = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


class Watcher:
    """Every watched content folder's warm build, and the screen that shows their rounds."""

    def __init__(self, options: WatchOptions, stream: TextIO = sys.stdout) -> None:
        """Prepare one warm build per content folder (nothing is read yet)."""
        self.options = options
        self.stream = stream
        self.cache = FileCache()
        self.pool = RenderPool()
        self.builds = {
            folder: FolderBuild(folder, options, self.cache, self.pool)
            for folder in options.folders
        }
        self.rounds: dict[Path, Round] = {}

    def __enter__(self) -> Watcher:
        """Use the watcher in a with-block: its render worker stops at the end."""
        return self

    def __exit__(self, *exc: object) -> None:
        """Stop the render worker."""
        self.close()

    def close(self) -> None:
        """Stop the render worker, if one was started."""
        self.pool.close()

    def rebuild(self, folders: Iterable[Path], force: bool = False) -> list[Round]:
        """Run a round for each of these folders and show the result."""
        rounds = [self._run(self.builds[folder], force) for folder in folders]
        for found in rounds:
            self.rounds[found.folder] = found
        self.show(rounds)
        self.pool.tidy()  # after the files are written and shown: nobody waits on it
        return rounds

    def _run(self, build: FolderBuild, force: bool) -> Round:
        started = time.perf_counter()
        try:
            return build.run(force)
        except Exception as exc:  # a bug of ours: say so and keep watching
            if os.environ.get("BRIEFING_DEBUG"):
                traceback.print_exc()
            seconds = time.perf_counter() - started
            message = (
                f"internal error: {type(exc).__name__}: {exc} (set BRIEFING_DEBUG=1 to see the "
                "traceback; please report it); the last good files are kept"
            )
            return Round(build.folder, (), seconds, failure=message)

    def show(self, rounds: Sequence[Round]) -> None:
        """Print the diagnostics and status; on a terminal, the whole screen is redrawn."""
        clock = time.strftime("%H:%M:%S")
        lines: list[str] = []
        if self.stream.isatty():
            lines.append("\x1b[2J\x1b[3J\x1b[H" + self.banner())
            folders = self.options.folders
            shown: Iterable[Round] = (self.rounds[f] for f in folders if f in self.rounds)
        else:
            shown = rounds
        for found in shown:
            lines.extend(d.render() for d in found.diagnostics)
            lines.append(found.status(clock))
        print("\n".join(lines), file=self.stream, flush=True)

    def banner(self) -> str:
        """What is watched and where files go."""
        watched = ", ".join(display_path(p) for p in (*self.options.folders, self.options.styles))
        return f"watching {watched}\nwriting to {display_path(self.options.out)} (Ctrl-C to stop)\n"

    def affected(self, changes: Iterable[Path]) -> tuple[list[Path], bool]:
        """The folders a batch of changed paths concerns, and whether a file that is not
        YAML changed (an image: every document is rendered again)."""
        changes = [Path(os.path.abspath(p)) for p in changes]
        styles = Path(os.path.abspath(self.options.styles))
        force = any(p.suffix not in YAML_SUFFIXES for p in changes)
        if any(_under(p, styles) for p in changes):
            return list(self.options.folders), force
        folders = [
            folder
            for folder in self.options.folders
            if any(_under(p, Path(os.path.abspath(folder))) for p in changes)
        ]
        return folders, force

    def watch(self) -> None:
        """Build once, then rebuild on every change until interrupted (Ctrl-C, SIGTERM)."""
        import watchfiles

        paths = [*self.options.folders, self.options.styles]
        out = Path(os.path.abspath(self.options.out))
        default_filter = watchfiles.DefaultFilter()

        def wanted(change: watchfiles.Change, path: str) -> bool:
            where = Path(path)
            return (
                default_filter(change, path)
                and not _TEMP_FILE.match(where.name)
                and not _under(where, out)
            )

        if self.stream.isatty():
            print(self.banner(), file=self.stream, flush=True)
        before = _stamps(paths)
        self.rebuild(self.options.folders)
        # The watcher starts when the loop does: a save during the first build is found by
        # comparing stamps at its first report (it reports at least every RUST_TIMEOUT_MS).
        pending: dict[Path, Stamp] | None = before
        for batch in watchfiles.watch(
            *paths,
            watch_filter=wanted,
            step=STEP_MS,
            rust_timeout=RUST_TIMEOUT_MS,
            yield_on_timeout=True,
        ):
            changed = {Path(path) for _, path in batch}
            if pending is not None:
                now = _stamps(paths)
                changed |= {p for p in now.keys() | pending.keys() if now.get(p) != pending.get(p)}
                changed = {p for p in changed if wanted(watchfiles.Change.modified, str(p))}
                pending = None
            if not changed:
                continue
            self.cache.forget(changed)
            folders, force = self.affected(changed)
            if folders:
                self.rebuild(folders, force)


def _stamps(paths: Iterable[Path]) -> dict[Path, Stamp]:
    """The stamp of every file under these folders (to find changes made while unwatched)."""
    found: dict[Path, Stamp] = {}
    for root in paths:
        for folder, _, files in os.walk(root):
            for name in files:
                path = Path(os.path.abspath(os.path.join(folder, name)))
                try:
                    info = path.stat()
                except OSError:
                    continue
                found[path] = (info.st_mtime_ns, info.st_size)
    return found


def _under(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


@contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM ends the process as Ctrl-C does (files cleaned up)."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run_watch(options: WatchOptions) -> int:
    """`briefing watch`: watch until interrupted; exit status 0 when stopped by the user."""
    with Watcher(options) as watcher, terminate_as_interrupt():
        try:
            watcher.watch()
        except KeyboardInterrupt:
            print("briefing: stopped watching", file=sys.stderr, flush=True)
    return 0
