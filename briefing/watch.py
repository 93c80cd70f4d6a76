"""`briefing watch`: the build kept warm, redone on every change to the content or styles.

Each round re-reads only the files that changed (briefing.cache), re-validates and
re-checks, composes every audience, and renders only the documents whose tree or font
subset changed; a file is rewritten only when its bytes did. What a round writes is what
a fresh `briefing build` with the same options writes, byte for byte. On two cores a round
is shared with the render worker (briefing.watch_worker): the full report is rendered here
while the worker checks.
"""

from __future__ import annotations

import os
import re
import signal
import sys
import time
import traceback
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TextIO

from briefing.build import BuildError, Job, build_date, write_outputs
from briefing.cache import FileCache, Stamp
from briefing.compose import compose
from briefing.diagnostics import Diagnostic, Diagnostics, display_path
from briefing.model.content import Content
from briefing.pipeline import load_content
from briefing.render_pool import RenderPool, Task
from briefing.style.audience import Audience, resolve_audiences
from briefing.watch_worker import (
    Outcome,
    Renders,
    RoundRequest,
    Source,
    adopt,
    check_round,
    document_chars,
    ordered_jobs,
    prepare,
    render_other,
    same_reading,
)

YAML_SUFFIXES = (".yaml", ".yml")
STEP_MS = 3
"""How long the folder must stay quiet before a round starts: an editor's save is a few
system calls within a millisecond; a round started within one sees a half-written file,
says so, and the next round (the rest of the save is a change too) builds it."""
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
    rendered: tuple[str, ...] = ()
    """The files rendered in this round (the others were unchanged and reused)."""

    def status(self, clock: str) -> str:
        """One line, like `typst watch`: when, what happened, how long it took."""
        where = display_path(self.folder)
        took = f"{self.seconds:.2f} s"
        if self.failure:
            return f"[{clock}] {where}: {self.failure} ({took})"
        names = ", ".join(path.name for path in self.written) or "nothing (no output changed)"
        return f"[{clock}] {where}: built in {took}; wrote {names}; {self.unchanged} unchanged"


class _Writer:
    """Writes a round's files into place, each only when its bytes changed."""

    def __init__(self, out_dir: Path) -> None:
        """Write into `out_dir`; nothing written yet."""
        self.out_dir = out_dir
        self.written: list[Path] = []
        self.rendered: list[str] = []
        self.unchanged = 0
        self.failures: list[str] = []

    def take(self, job: Job, outcome: Outcome | None) -> None:
        """Write a file the round made, or say why it could not be."""
        name = f"{job.audience}.{job.fmt}"
        if outcome is None:
            self.failures.append(f"{name} was not made; kept the last good one")
            return
        if outcome.fresh:
            self.rendered.append(name)
        if isinstance(outcome.data, BuildError):
            self.failures.append(f"{outcome.data}; kept the last good {name}")
            return
        self.deliver(job, outcome.data)

    def deliver(self, job: Job, data: bytes) -> None:
        """Write the file unless it already holds these bytes (a deleted file comes back)."""
        path = self.out_dir / f"{job.audience}.{job.fmt}"
        if _same_file(path, data):
            self.unchanged += 1
            return
        try:
            with _signals_held():  # a file is renamed into place whole, or not at all
                write_outputs({job: data}, self.out_dir)
        except OSError as exc:
            where = display_path(Path(exc.filename)) if exc.filename else path.name
            self.failures.append(f"cannot write {where}: {exc.strerror or exc}")
            return
        self.written.append(path)


@dataclass
class FolderBuild:
    """The warm state of one content folder: what it last rendered, and with which subset."""

    folder: Path
    options: WatchOptions
    cache: FileCache
    pool: RenderPool
    made: Renders = field(default_factory=Renders)
    chars: frozenset[str] | None = None
    """The characters of the last good round's subset (what the next round likely needs)."""
    worker_stale: bool = False
    """A file the documents name changed since the worker last heard of this folder."""

    def run(self, force: bool = False) -> Round:
        """Check, compose and render what changed; write the files whose bytes changed.

        `force` re-renders every document (a file that is not YAML changed, e.g. an image
        a figure shows: the tree names the image by path only).
        """
        started = time.perf_counter()
        created = build_date()
        if force:
            self.made.forget(self.folder)
            self.worker_stale = True
        if not self.pool.forked:
            # A worker forked later copies the cache as it is then: nothing to tell it.
            self.cache.take_forgotten()
        partner = self.pool.partner(self.options.formats) if self.chars is not None else None
        if partner is not None:
            try:
                shared = self._run_shared(partner, created, started)
            except BrokenProcessPool:
                self.pool.close()  # a new worker is forked next round
                shared = None
            if shared is not None:
                return shared
        return self._run_here(created, started)

    def _run_here(self, created: date | None, started: float) -> Round:
        """The round in this process (the worker, if any, renders the other files)."""
        options = self.options
        prepared = prepare(self.cache, self.folder, options.styles, options.names, created)
        checked = prepared.checked
        if not checked.ok:
            failure = self._not_built(checked.diagnostics.summary())
            return self._round(checked.diagnostics.sorted(), started, failure=failure)
        assert checked.content is not None
        chars = self.chars = prepared.chars
        writer = _Writer(options.out / checked.content.name)
        tasks: list[Task] = []
        for audience, job in ordered_jobs(checked.audiences, options.formats):
            document = prepared.documents[audience.name]
            source = Source(document, chars, audience.spec.max_pages, options.formats)
            data = self.made.reuse(self.folder, job, source)
            if data is not None:
                writer.deliver(job, data)
            else:
                tasks.append(Task(self.folder, job, source))

        def done(task: Task, outcome: Outcome) -> None:
            if not isinstance(outcome.data, BuildError):  # rendered here or in the worker
                self.made.keep(task.folder, task.job, task.source, outcome.data)
            writer.take(task.job, outcome)

        self.pool.render(tasks, self.made, done)
        return self._round(checked.diagnostics.sorted(), started, writer)

    def _run_shared(
        self, partner: ProcessPoolExecutor, created: date | None, started: float
    ) -> Round | None:
        """The round split with the worker: the first file rendered here from the last
        round's subset while the worker checks the folder, then the other files shared
        out between the two (None: the halves read different files: run it here).

        The worker renders nothing while the first file is rendered here: on a machine of
        two cores the two renders slowed each other by a quarter.
        """
        options, folder = self.options, self.folder
        request = RoundRequest(
            folder, options.styles, options.names, options.formats,
            self.cache.take_forgotten(), self.worker_stale, created,
        )  # fmt: skip
        report_future = partner.submit(check_round, request)
        self.worker_stale = False
        with self.cache.active(), self.cache.recording() as stamps:
            content = load_content(folder, Diagnostics())
            audiences = (
                resolve_audiences(content, options.styles, Diagnostics(), options.names)
                if content is not None
                else []
            )
        jobs = ordered_jobs(audiences, options.formats)
        guess = self.chars
        first: Outcome | None = None
        if content is not None and jobs and guess is not None:
            audience, job = jobs[0]
            document = compose(content, audience, created=created)
            if document_chars([document]) <= guess:  # else the subset must grow: wait
                source = Source(document, guess, audience.spec.max_pages, options.formats)
                first = self.made.render(folder, job, source)
        report = report_future.result()
        planned = tuple(job for _, job in jobs)
        if not same_reading(stamps, report.stamps, folder) or (
            report.ok and (content is None or report.jobs != planned)
        ):
            return None
        if not report.ok:
            return self._round(report.diagnostics, started, failure=self._not_built(report.summary))
        assert content is not None
        self.chars = report.chars
        writer = _Writer(options.out / content.name)
        if not jobs:  # no audience to build: a clean round that writes nothing
            return self._round(report.diagnostics, started, writer)
        if first is None or report.chars != guess:
            first = self._render(content, *jobs[0], report.chars, created)
        writer.take(jobs[0][1], first)
        rest = jobs[1:]
        theirs = [(job, partner.submit(render_other, folder, job)) for _, job in rest[0::2]]
        for audience, job in rest[1::2]:
            writer.take(job, self._render(content, audience, job, report.chars, created))
        for job, future in theirs:
            writer.take(job, future.result())
        return self._round(report.diagnostics, started, writer)

    def _render(
        self,
        content: Content,
        audience: Audience,
        job: Job,
        chars: frozenset[str],
        created: date | None,
    ) -> Outcome:
        """One file of the round, composed and rendered here (or reused)."""
        document = compose(content, audience, created=created)
        source = Source(document, chars, audience.spec.max_pages, self.options.formats)
        return self.made.render(self.folder, job, source)

    def _not_built(self, summary: str) -> str:
        """Why a round wrote nothing, and what stays on disk."""
        if self.chars is None:  # no good round yet: there may be nothing to keep
            return f"{summary}: not built; nothing is written until they are fixed"
        return f"{summary}: not built; the last good files are kept"

    def _round(
        self,
        diagnostics: Iterable[Diagnostic],
        started: float,
        writer: _Writer | None = None,
        failure: str = "",
    ) -> Round:
        seconds = time.perf_counter() - started
        found = tuple(diagnostics)
        if writer is None:
            return Round(self.folder, found, seconds, failure=failure)
        return Round(
            self.folder, found, seconds, tuple(writer.written), writer.unchanged,
            "; ".join(writer.failures), tuple(writer.rendered),
        )  # fmt: skip


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
        adopt(self.cache)  # the render worker, once forked, starts from this cache
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
