"""The render worker of a warm process (`briefing watch`), forked once and kept for the
session, and the rounds made without sharing (the first, or one whose halves disagree):
the first file here, the others meanwhile in the worker.

Both processes keep what they measured, laid out and rendered (briefing.render.pdf.fonts,
briefing.watch_worker.Renders), so a round renders each document from warm caches,
wherever it is rendered. The worker is forked when a round first needs it (a shared
round, or a round with two files to make); a task sends it the document tree (a few tens
of kilobytes pickled) and the characters of the round's shared font subset.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from briefing.build import BuildError, Job, renderer
from briefing.lifetime import can_fork_workers, tie_to_parent
from briefing.watch_worker import RENDERS, Outcome, Renders, Source


@dataclass(frozen=True)
class Task:
    """A file to render: the content folder it is of, the job, and what it is made from."""

    folder: Path
    job: Job
    source: Source


Done = Callable[[Task, Outcome], None]
"""Receives each file as soon as it is ready, or why it was refused."""


FULL_SWEEP_ROUNDS = 16
"""Rounds between two collections of the whole heap (garbage that was alive when frozen
waits for one: a few rounds' worth of cycles at most)."""


def _tidy(full: bool) -> None:
    """Collect what the collector may walk (everything when `full`), then freeze the rest."""
    if full:
        gc.unfreeze()
    gc.collect()
    gc.freeze()


def _render(task: Task) -> Outcome:
    """Render a task in the worker, remembering it there (a later round may reuse it)."""
    return RENDERS.render(task.folder, task.job, task.source)


class RenderPool:
    """Renders the files of each round; one worker kept for the session on a second core."""

    def __init__(self) -> None:
        """Start with no worker (one is forked when a round first needs it)."""
        self._pool: ProcessPoolExecutor | None = None
        self._rounds = 0

    def render(self, tasks: Sequence[Task], here: Renders, done: Done) -> None:
        """Render every task, the first here (remembered in `here`) and the rest meanwhile
        in the worker; `done` gets each file as soon as it is ready (or why it was refused)."""
        formats = tasks[0].source.formats if tasks else ()
        pool = self._worker(formats) if len(tasks) > 1 else None
        if pool is None:
            for task in tasks:
                done(task, here.render(task.folder, task.job, task.source))
            return
        futures = [(task, pool.submit(_render, task)) for task in tasks[1:]]
        try:
            first = tasks[0]
            done(first, here.render(first.folder, first.job, first.source))
            for task, future in futures:
                try:
                    done(task, future.result())
                except BrokenProcessPool:
                    self.close()  # a new worker is forked next round
                    died = BuildError(f"{task.job.audience}: the render worker died")
                    done(task, Outcome(died, fresh=True))
        except BaseException:
            for _, future in futures:
                future.cancel()
            raise

    def tidy(self) -> None:
        """Collect the garbage of the round, here and in the worker, while nothing waits.

        A render leaves cycles (reportlab's documents, flowables) that the collector's
        thresholds would let pile up over many rounds, making later renders slower. What
        survives is frozen: the next collection walks only what later rounds made (a few
        milliseconds, not the 45 of the whole heap), so a save made just after a round
        is not kept waiting; every FULL_SWEEP_ROUNDS rounds the whole heap is walked."""
        self._rounds += 1
        full = self._rounds % FULL_SWEEP_ROUNDS == 0
        _tidy(full)
        if self._pool is not None:
            self._pool.submit(_tidy, full)  # runs after the round's renders, before the next

    def close(self) -> None:
        """Stop the worker, if there is one, and let the collector walk everything again."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        if self._rounds:
            gc.unfreeze()

    @property
    def forked(self) -> bool:
        """Whether a worker is running (it keeps its own copy of the file cache)."""
        return self._pool is not None

    def partner(self, formats: Sequence[str]) -> ProcessPoolExecutor | None:
        """The worker, to share a round with (None: one core, or no fork on this system)."""
        return self._worker(formats)

    def _worker(self, formats: Sequence[str]) -> ProcessPoolExecutor | None:
        """The worker process, forked now if there is none yet (None: one core, no fork)."""
        if self._pool is None and can_fork_workers():
            for fmt in formats:
                renderer(fmt)  # imported before the fork, so the worker starts warm
            context = multiprocessing.get_context("fork")
            self._pool = ProcessPoolExecutor(
                max_workers=1, mp_context=context, initializer=tie_to_parent,
                initargs=(os.getpid(),),
            )  # fmt: skip
        return self._pool
