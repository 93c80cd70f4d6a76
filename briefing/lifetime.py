"""How long a build's processes live: workers die with their parent, SIGTERM stops a build."""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

_PR_SET_PDEATHSIG = 1
"""prctl option (linux/prctl.h): the signal a process gets when its parent dies."""


class Terminated(BaseException):
    """The build was asked to stop by a signal other than SIGINT (e.g. SIGTERM).

    A BaseException, like KeyboardInterrupt, so that no `except Exception` swallows it.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(f"stopped by signal {signum}")
        self.signum = signum


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    raise Terminated(signum)


@contextmanager
def stoppable() -> Iterator[None]:
    """Within the block, SIGTERM unwinds like Ctrl-C does, so cleanup code runs."""
    try:
        previous = signal.signal(signal.SIGTERM, _raise_terminated)
    except ValueError:  # not the main thread: leave signals to whoever runs us
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def tie_to_parent(parent: int) -> None:
    """Make a forked worker die when its parent does, and leave stopping to the parent.

    Run first in each worker. A worker the parent no longer waits for would otherwise
    render on, holding the caller's pipes open.
    """
    # The parent terminates its workers on Ctrl-C or SIGTERM; the workers themselves only
    # need the default: die on SIGTERM (the handler inherited from the parent would turn it
    # into an exception the pool sends back), and leave Ctrl-C to the parent.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)


def can_fork_workers() -> bool:
    """Whether rendering can be shared with forked workers: two cores or more, and a
    system that forks (workers start warm, with what the parent imported and measured)."""
    import multiprocessing

    return (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods()
