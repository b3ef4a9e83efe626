"""The outcome windows of an evaluation: before the campaign and after the event.

A window is ``(after, through]``: it starts the day after ``after`` and ends with ``through``,
as in ``metrics.outcomes``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import pandas as pd

from campaign_eval.conventions import ACTIVE_LOOKBACK_MONTHS
from campaign_eval.evaluation.specs import Period

_ONE_DAY = dt.timedelta(days=1)


def first_day(window: tuple[dt.date, dt.date]) -> dt.date:
    """The first day of a window ``(after, through]``: the day after ``after``."""
    return window[0] + _ONE_DAY


@dataclass(frozen=True, slots=True)
class OutcomeWindows:
    """The outcome windows, each ``(after, through]`` in days.

    Attributes:
        pre: Ends the day before the campaign start (the first invitations), so it never
            overlaps the promotion; the plan stage measures its baselines the same way.
        post: Starts after the event.
        days: W, the length of both.
        active_as_of: The day churn rate's "active at the start" is judged on (an order in the
            12 months up to it), for both windows; None for each window's own start.
    """

    pre: tuple[dt.date, dt.date]
    post: tuple[dt.date, dt.date]
    days: int
    active_as_of: dt.date | None = None

    @classmethod
    def around(cls, start: dt.date, event: dt.date, days: int) -> OutcomeWindows:
        """Pre window (start - 1 - W, start - 1] and post window (event, event + W].

        The invitations go out on ``start``, so the pre window ends the day before, as the
        plan's baseline window does (reference date = start - 1). Churn's active customers are
        judged on that day in both windows: orders during the promotion come after the
        randomization and must not decide who is in the denominator.
        """
        width = dt.timedelta(days=days)
        last_before = start - dt.timedelta(days=1)
        return cls(
            pre=(last_before - width, last_before),
            post=(event, event + width),
            days=days,
            active_as_of=last_before,
        )

    def of(self, period: Period) -> tuple[dt.date, dt.date]:
        """The window of a period."""
        return self.pre if period == "pre" else self.post

    @property
    def active_from(self) -> dt.date | None:
        """The first day of the 12 months churn's "active at the start" looks back over."""
        if self.active_as_of is None:
            return None
        months = pd.DateOffset(months=ACTIVE_LOOKBACK_MONTHS)
        return (pd.Timestamp(self.active_as_of) - months).date() + _ONE_DAY

    def overridden(
        self,
        pre: tuple[dt.date, dt.date] | None = None,
        post: tuple[dt.date, dt.date] | None = None,
    ) -> OutcomeWindows:
        """The same windows with a goal's own pre or post window where it fixed one."""
        return replace(self, pre=pre or self.pre, post=post or self.post)
