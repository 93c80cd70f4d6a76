"""Rendering for a warm process (`briefing watch`): the first file of a round here, the
others meanwhile in one worker process that lives as long as the session.

Both processes keep what they measured and laid out (briefing.render.pdf.fonts), so a
round renders each document from warm caches, wherever it is rendered. The worker is
forked once, when a round first has two files to make; it is sent each document tree
(a few tens of kilobytes pickled) and the characters of the round's shared font subset.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from briefing.build import BuildError, Job, render_file, renderer
from briefing.document import Document
from briefing.fonts import shared_subsets
from briefing.lifetime import tie_to_parent
from briefing.style.audience import Audience


@dataclass(frozen=True)
class Task:
    """A file to render: its audience, the job, and the document tree to render."""

    audience: Audience
    job: Job
    document: Document


@dataclass(frozen=True)
class _Request:
    """What the worker needs of a task (the audience's models stay in this process)."""

    document: Document
    audience: str
    max_pages: int | None
    fmt: str
    formats: tuple[str, ...]
    chars: frozenset[str]


Done = Callable[[Task, bytes | BuildError], None]
"""Receives each file as soon as it is ready, or why it was refused."""


def _render(request: _Request) -> bytes:
    with shared_subsets(request.chars):
        return render_file(
            request.document, request.audience, request.max_pages, request.fmt, request.formats
        )


class RenderPool:
    """Renders the files of each round; one worker kept for the session on a second core."""

    def __init__(self) -> None:
        """Start with no worker (one is forked when a round first has two files)."""
        self._pool: ProcessPoolExecutor | None = None

    def render(
        self, tasks: Sequence[Task], formats: tuple[str, ...], chars: frozenset[str], done: Done
    ) -> None:
        """Render every task, the first here and the rest meanwhile in the worker; `done`
        gets each file as soon as it is ready (or why it was refused)."""
        requests = [_request(task, formats, chars) for task in tasks]
        pool = self._worker(formats) if len(tasks) > 1 else None
        if pool is None:
            for task, request in zip(tasks, requests, strict=True):
                done(task, _here(request))
            return
        futures: list[tuple[Task, Future[bytes]]] = [
            (task, pool.submit(_render, request))
            for task, request in zip(tasks[1:], requests[1:], strict=True)
        ]
        try:
            done(tasks[0], _here(requests[0]))
            for task, future in futures:
                try:
                    done(task, future.result())
                except BuildError as exc:
                    done(task, exc)
                except BrokenProcessPool:
                    self.close()  # a new worker is forked next round
                    done(task, BuildError(f"{task.job.audience}: the render worker died"))
        except BaseException:
            for _, future in futures:
                future.cancel()
            raise

    def tidy(self) -> None:
        """Collect the garbage of the round, here and in the worker, while nothing waits.

        A render leaves cycles (reportlab's documents, flowables) that the collector's
        thresholds would let pile up over many rounds, making later renders slower."""
        gc.collect()
        if self._pool is not None:
            self._pool.submit(gc.collect)  # runs after the round's renders, before the next

    def close(self) -> None:
        """Stop the worker, if there is one."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def _worker(self, formats: Sequence[str]) -> ProcessPoolExecutor | None:
        """The worker process, forked now if there is none yet (None: one core, no fork)."""
        if self._pool is None and _can_fork() and (os.cpu_count() or 1) > 1:
            for fmt in formats:
                renderer(fmt)  # imported before the fork, so the worker starts warm
            context = multiprocessing.get_context("fork")
            self._pool = ProcessPoolExecutor(
                max_workers=1, mp_context=context, initializer=tie_to_parent,
                initargs=(os.getpid(),),
            )  # fmt: skip
        return self._pool


def _request(task: Task, formats: tuple[str, ...], chars: frozenset[str]) -> _Request:
    spec = task.audience.spec
    return _Request(task.document, task.audience.name, spec.max_pages, task.job.fmt, formats, chars)


def _here(request: _Request) -> bytes | BuildError:
    try:
        return _render(request)
    except BuildError as exc:
        return exc


def _can_fork() -> bool:
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()
