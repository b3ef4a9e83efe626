"""The invitation funnel: its steps, its rates (docs/methods.md) and their Wilson intervals.

Counts arrive from the engine (``counts``); this module adds them up per channel and per segment,
appends the ``all`` row (customers over all channels) and turns each pair of steps into a rate
with its interval from ``stats.wilson_interval``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import pandas as pd

from campaign_eval import stats
from campaign_eval.checks import check_choice
from campaign_eval.contract import CONTACT_STEPS
from campaign_eval.conventions import ALL_SEGMENTS, SEGMENTS
from campaign_eval.monitoring.result import BY, By, Counts, Funnel, RateEstimate

STEPS: tuple[str, ...] = CONTACT_STEPS
"""Funnel steps in order: invited, delivered, opened, clicked, registered, attended."""
CANCELLED = "cancelled"
"""A registration cancelled."""
EVENTS: tuple[str, ...] = (*STEPS, CANCELLED)
"""Every dated event of a contact."""
UNASSIGNED = "unassigned"
"""Segment and arm of contacted customers missing from the assignment."""
RATES: dict[str, tuple[str, str]] = {
    "delivery_rate": ("delivered", "invited"),
    "open_rate": ("opened", "delivered"),
    "click_rate": ("clicked", "delivered"),
    "ctr": ("clicked", "opened"),
    "registration_rate": ("registered", "invited"),
    "attendance_rate": ("attended", "registered"),
    "participation_rate": ("attended", "invited"),
}
"""Rate -> (numerator step, denominator step), as docs/methods.md defines them."""
MESSAGE_RATES = ("delivery_rate", "open_rate", "click_rate", "ctr")
"""Rates of the invitation messages."""
EVENT_RATES = ("registration_rate", "attendance_rate", "participation_rate")
"""Rates of registration and attendance."""


def rate_estimate(name: str, successes: int, n: int, *, alpha: float) -> RateEstimate:
    """The rate ``name`` with a Wilson interval (``stats.wilson_interval``); NaN when ``n`` is 0.

    Tracking can record a click without an open (images blocked), so a numerator above its
    denominator is capped at it for the rate and the interval.

    Example:
        >>> round(rate_estimate("open_rate", 45, 100, alpha=0.05).value, 2)
        0.45
    """
    successes, n = int(successes), int(n)
    if n <= 0:
        return RateEstimate(name, successes, 0, math.nan, math.nan, math.nan)
    interval = stats.wilson_interval(min(successes, n), n, alpha=alpha)
    return RateEstimate(name, successes, n, interval.proportion, interval.ci_low, interval.ci_high)


def segment_order(segments: Iterable[str]) -> list[str]:
    """Segments in report order (``conventions.SEGMENTS``), other names after them by name."""
    present = list(segments)
    known = [s for s in SEGMENTS if s in present]
    return known + sorted(s for s in present if s not in SEGMENTS)


def totals(counts: Counts) -> dict[str, int]:
    """Customers reaching each event over all channels (a customer counts once)."""
    return {e: int(counts.customer[e].sum()) for e in EVENTS}


def group_counts(counts: Counts, by: By) -> pd.DataFrame:
    """Counts per channel (contacts) or segment (customers, all channels), then ``all``.

    The ``all`` row counts customers over all channels in both cases.
    """
    check_choice("by", by, BY)
    source = counts.channel if by == "channel" else counts.customer
    grouped = source.groupby(by)[list(EVENTS)].sum()
    if by == "segment":
        grouped = grouped.reindex(segment_order(grouped.index))
    overall = pd.DataFrame([totals(counts)], index=[ALL_SEGMENTS])
    return pd.concat([grouped, overall]).astype("int64")


def group_rates(table: pd.DataFrame, *, alpha: float) -> dict[str, dict[str, RateEstimate]]:
    """Group -> rate name -> estimate, for each row of a ``group_counts`` table."""
    return {
        str(group): {
            name: rate_estimate(name, row[num], row[den], alpha=alpha)
            for name, (num, den) in RATES.items()
        }
        for group, row in table.iterrows()
    }


def build(counts: Counts, *, alpha: float) -> Funnel:
    """The funnel by channel and by segment, with rates at level ``1 - alpha``."""
    channel = group_counts(counts, "channel")
    segment = group_counts(counts, "segment")
    return Funnel(
        totals=totals(counts),
        channel=channel,
        segment=segment,
        channel_rates=group_rates(channel, alpha=alpha),
        segment_rates=group_rates(segment, alpha=alpha),
    )


def channels(funnel: Funnel) -> list[str]:
    """The channels of the funnel, without the ``all`` row."""
    return [str(c) for c in funnel.channel.index if c != ALL_SEGMENTS]


def segments(funnel: Funnel) -> list[str]:
    """The segments of the funnel in report order, without the ``all`` row."""
    return [str(s) for s in funnel.segment.index if s != ALL_SEGMENTS]
