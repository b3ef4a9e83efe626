"""What the reader must know before the figures: an open window, no control, a broken design.

Each notice is a code with its figures (``result.Notice``); ``evaluation.json`` lists them by the
label key the report shows them with (``NOTICE_KEYS``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd

from campaign_eval.conventions import ALL_SEGMENTS
from campaign_eval.evaluation.result import AssignmentSource, Notice
from campaign_eval.evaluation.windows import OutcomeWindows

WINDOW_OPEN = "window_open"
"""The outcome window ends after the report date: results are incomplete."""
DATA_SHORT = "data_short"
"""The data ends before the outcome window does."""
NO_CONTROL = "no_control"
"""The control arm has no customers."""
NO_CONTROL_CONTACTS = "no_control_contacts"
"""No assignment was found: the invited customers are evaluated, without a control."""
SAMPLE_RATIO = "srm"
"""The arm sizes do not match the planned split."""
IMBALANCE = "imbalance"
"""The arms differed before the campaign, over all customers."""
SKIPPED_METRICS = "skipped_metrics"
"""Metrics the data cannot compute."""
NOTICE_KEYS = {
    WINDOW_OPEN: "ev.msg.window_open",
    DATA_SHORT: "ev.msg.data_short",
    NO_CONTROL: "ev.msg.no_control",
    NO_CONTROL_CONTACTS: "ev.msg.no_control_contacts",
    SAMPLE_RATIO: "ev.msg.srm",
    IMBALANCE: "ev.msg.imbalance",
    SKIPPED_METRICS: "ev.msg.skipped_metrics",
}
"""The label key of each notice: how the report shows it and how evaluation.json names it."""


def _window_notice(
    windows: OutcomeWindows, today: dt.date, newest: dt.date | None
) -> Notice | None:
    end = windows.post[1]
    if today < end:
        return Notice(WINDOW_OPEN, (("end", end), ("today", today)))
    if newest is not None and newest < end:
        return Notice(DATA_SHORT, (("end", end), ("newest", newest)))
    return None


def _design_notices(srm: pd.DataFrame, balance: pd.DataFrame) -> list[Notice]:
    notices = []
    if not srm.empty and bool(srm["flagged"].any()):
        notices.append(Notice(SAMPLE_RATIO))
    # segment rows are many small tests; the summary warns only when all customers differed
    if not balance.empty and bool(balance.loc[balance["segment"] == ALL_SEGMENTS, "flagged"].any()):
        notices.append(Notice(IMBALANCE))
    return notices


def find_notices(
    *,
    windows: OutcomeWindows,
    today: dt.date,
    newest: dt.date | None,
    control: str | None,
    assignment_source: AssignmentSource,
    srm: pd.DataFrame,
    balance: pd.DataFrame,
    skipped_metrics: Sequence[str],
) -> tuple[Notice, ...]:
    """The notices for the top of the summary, in the order the report shows them.

    Args:
        windows: The outcome windows.
        today: The day the run counts as today.
        newest: The newest date of the data (None for an outcome table).
        control: The control arm when it has no customers; None when it has.
        assignment_source: Where the arms came from.
        srm: The sample-ratio checks.
        balance: The balance checks.
        skipped_metrics: Metrics the data could not compute.
    """
    notices = [n for n in (_window_notice(windows, today, newest),) if n is not None]
    if control is not None:
        code = NO_CONTROL_CONTACTS if assignment_source == "contacts" else NO_CONTROL
        notices.append(Notice(code, (("control", control),)))
    notices += _design_notices(srm, balance)
    if skipped_metrics:
        notices.append(Notice(SKIPPED_METRICS, (("metrics", tuple(skipped_metrics)),)))
    return tuple(notices)
