"""SIGTERM raises, so a scheduler's kill ends a run the way Ctrl-C does."""

from __future__ import annotations

import os
import signal
import time

import pytest

from campaign_eval.run import signals


def test_sigterm_raises_terminated_inside_the_block_only():
    before = signal.getsignal(signal.SIGTERM)

    def signalled() -> None:
        with signals.terminate_as_exception():
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(5)  # the handler raises as soon as the signal arrives

    with pytest.raises(signals.Terminated, match="stopped by SIGTERM"):
        signalled()
    assert signal.getsignal(signal.SIGTERM) == before


def test_terminated_is_not_an_exception_so_except_exception_cannot_swallow_it():
    assert not issubclass(signals.Terminated, Exception)
    assert signals.EXIT_TERMINATED == 143
