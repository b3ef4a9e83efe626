"""Progress against the targets: customers so far, and where the current pace leads.

A target's value on the event day is projected by continuing the pace of the last
``monitoring.pace_days`` days in a straight line. Attendance is recorded on the event day, so
before it attendance is projected from the registrations that stand (registered minus
cancelled) times ``monitoring.expected_show_up``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable

import pandas as pd

from campaign_eval.config.monitoring import COUNT_METRICS, MonitoringParams, Target
from campaign_eval.monitoring.funnel import CANCELLED, EVENTS, RATES
from campaign_eval.monitoring.result import TargetState, TargetStatus

Projector = Callable[[str], tuple[float, float]]
"""Event -> (customers now, customers projected to the end of the event day)."""


def cumulative(
    daily: pd.DataFrame, start: dt.date, as_of: dt.date, segment: str | None = None
) -> pd.DataFrame:
    """Customers who reached each event by the end of each day, campaign start to as-of day.

    Events before the campaign start (early sends) count from its first day on.

    Args:
        daily: ``step``, ``segment``, ``day``, ``n`` (``Counts.daily``).
        start: The campaign start.
        as_of: The as-of day.
        segment: Only this segment; None for all.

    Returns:
        One row per day (index ``day``), one int column per event.
    """
    first = min(start, as_of)
    days = pd.date_range(first, as_of, freq="D", name="day")
    if segment is not None:
        daily = daily[daily["segment"] == segment]
    table = pd.DataFrame(0, index=days, columns=list(EVENTS), dtype="int64")
    if len(daily):
        per_day = daily.pivot_table(index="day", columns="step", values="n", aggfunc="sum")
        per_day = per_day.reindex(columns=list(EVENTS)).fillna(0)
        before = per_day[per_day.index < days[0]].sum()
        table = per_day.reindex(days, fill_value=0).cumsum() + before
    table.index.name = "day"
    return table.astype("int64")


def projector(
    table: pd.DataFrame, as_of: dt.date, event: dt.date, mon: MonitoringParams
) -> Projector:
    """Event -> (customers now, customers projected to the end of the event day).

    Args:
        table: A ``cumulative`` table.
        as_of: The as-of day.
        event: The event day.
        mon: The monitoring params (``pace_days``, ``expected_show_up``).
    """
    start = table.index[0].date()
    days_left = max(0, (event - as_of).days)
    window = min(mon.pace_days, (as_of - start).days + 1)

    def at(step: str, day: dt.date) -> float:
        return 0.0 if day < start else float(table.loc[pd.Timestamp(day), step])

    def project(step: str) -> tuple[float, float]:
        now = at(step, as_of)
        if step == "attended" and days_left > 0:
            standing = project("registered")[1] - project(CANCELLED)[1]
            return now, max(standing, 0.0) * mon.expected_show_up
        pace = (now - at(step, as_of - dt.timedelta(days=window))) / window
        return now, now + pace * days_left

    return project


def target_status(target: Target, project: Projector, mon: MonitoringParams) -> TargetStatus:
    """Where ``target`` stands now and on the event day, given the projector of its segment."""
    is_count = target.metric in COUNT_METRICS
    if is_count:
        actual, projected = project(target.metric)
        in_scope = project("invited")[0]
    else:
        num, den = RATES[target.metric]
        num_now, num_projected = project(num)
        den_now, den_projected = project(den)
        actual = num_now / den_now if den_now else math.nan
        projected = num_projected / den_projected if den_projected else math.nan
        in_scope = den_now
    state: TargetState
    if not in_scope or math.isnan(projected):
        state = "no_data"
    elif projected >= target.target:
        state = "on_track"
    elif projected >= target.target * (1 - mon.at_risk_margin):
        state = "at_risk"
    else:
        state = "behind"
    return TargetStatus(
        metric=target.metric,
        segment=target.segment,
        target=target.target,
        actual=actual,
        projected=projected,
        status=state,
        is_count=is_count,
    )


def target_statuses(
    daily: pd.DataFrame,
    *,
    start: dt.date,
    as_of: dt.date,
    event: dt.date,
    mon: MonitoringParams,
) -> tuple[TargetStatus, ...]:
    """The status of every target of ``monitoring.targets``, in the params' order."""
    statuses = []
    for target in mon.targets:
        table = cumulative(daily, start, as_of, target.segment)
        statuses.append(target_status(target, projector(table, as_of, event, mon), mon))
    return tuple(statuses)
