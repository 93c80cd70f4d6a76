"""Run face builds, in parallel worker processes when that pays off."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Sequence

from briefing.fonts.build import FaceJob, build_face

# Variable-font jobs with fewer glyphs than this are not worth a worker process.
PARALLEL_MIN_GLYPHS = 300


def run_jobs(jobs: Sequence[FaceJob], parallel: bool = True) -> None:
    """Build every job, largest first, using forked workers when worthwhile."""
    ordered = sorted(jobs, key=lambda j: (j.instance, len(j.codepoints)), reverse=True)
    workers = min(len(ordered), _cpu_count())
    if parallel and workers > 1 and _heavy(ordered) and _fork_is_safe():
        from concurrent.futures.process import BrokenProcessPool

        try:
            _run_pool(ordered, workers)
            return
        except (BrokenProcessPool, OSError):
            pass  # no usable worker processes here: build in-process instead
    for job in ordered:
        build_face(job)


def _run_pool(jobs: Sequence[FaceJob], workers: int) -> None:
    """Build `jobs` in a pool of forked processes and re-raise the first error."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [pool.submit(build_face, job) for job in jobs]
        for future in futures:
            future.result()


def _heavy(jobs: Sequence[FaceJob]) -> bool:
    """Return True when at least two jobs are big enough to be worth a process."""
    big = [j for j in jobs if j.instance and len(j.codepoints) >= PARALLEL_MIN_GLYPHS]
    return len(big) >= 2


def _fork_is_safe() -> bool:
    """Return True on Linux with fork available and a single running thread."""
    import multiprocessing

    return (
        sys.platform.startswith("linux")
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    )


def _cpu_count() -> int:
    """Return the number of CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1
