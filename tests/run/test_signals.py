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


def test_a_sigterm_that_duckdb_rewraps_is_still_known(monkeypatch):
    """DuckDB turns the handler's exception, raised during a query, into its own error."""
    import threading

    import duckdb

    monkeypatch.setattr(signals, "_received", [])
    timer = threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGTERM))
    with signals.terminate_as_exception():
        timer.start()
        with pytest.raises(BaseException) as stopped:  # whatever DuckDB makes of it
            duckdb.sql("SELECT count(*) FROM range(10000000000) t(i) WHERE i % 7 = 3").fetchall()
        timer.join()
    # the signal came between two calls into DuckDB (nothing to rewrap), or during the query
    assert stopped.type is signals.Terminated or "interrupted" in str(stopped.value).lower()
    assert signals.received()
