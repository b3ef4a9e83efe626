"""SIGTERM as an exception, so that a scheduler's kill ends a run the way Ctrl-C does.

Python dies on SIGTERM without running any ``finally``: a run folder would keep saying "running"
for ever. Inside ``terminate_as_exception`` the signal raises ``Terminated`` instead, which the
runner turns into a FAILED run (manifest, index page and marker) before the process exits.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType

EXIT_TERMINATED = 128 + signal.SIGTERM
"""Exit code of a process ended by SIGTERM (143), as shells report it."""


class Terminated(BaseException):
    """The process received SIGTERM (a scheduler's time limit or kill)."""


_received: list[int] = []
"""The SIGTERMs this process has had (a library may turn the exception into its own error)."""


def _raise_terminated(signum: int, _frame: FrameType | None) -> None:
    _received.append(signum)
    raise Terminated(f"stopped by {signal.Signals(signum).name}")


def received() -> bool:
    """Whether SIGTERM reached this process, even if what it raised was caught and rewrapped.

    DuckDB, for one, turns an exception raised by a signal handler during a query into its own
    ``RuntimeError: Query interrupted``.
    """
    return bool(_received)


@contextlib.contextmanager
def terminate_as_exception() -> Iterator[None]:
    """Within the block, SIGTERM raises ``Terminated`` (main thread only; elsewhere a no-op)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def install() -> None:
    """Make SIGTERM raise ``Terminated`` for the rest of the process (pool workers)."""
    signal.signal(signal.SIGTERM, _raise_terminated)
