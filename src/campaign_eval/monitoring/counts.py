"""Counting in the engine: the as-of day, the contacts sent by then, and every per-group count.

The contacts table is grouped by channel, segment and day on DuckDB (written in narwhals); only
per-group counts reach pandas. An event counts when it is recorded before the end of the as-of
day (``cut``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import narwhals as nw
import pandas as pd

from campaign_eval.contract import CUSTOMER_ID
from campaign_eval.monitoring.funnel import EVENTS
from campaign_eval.monitoring.groups import Groups, collect
from campaign_eval.monitoring.result import AsOfSource, Counts, Status

_NO_QUESTIONS = {"attendees": 0, "questions": 0, "askers": 0}


def happened(column: str, cut: dt.datetime) -> nw.Expr:
    """The event is recorded and happened before ``cut`` (the end of the as-of day)."""
    return ~nw.col(column).is_null() & (nw.col(column) < cut)


def end_of(day: dt.date) -> dt.datetime:
    """The end of ``day``: midnight of the next day."""
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time())


def row_count(frame: nw.LazyFrame) -> int:
    """Rows of a lazy frame, counted in the engine."""
    return int(frame.select(nw.len()).collect().item())


def event_columns(contacts: nw.LazyFrame) -> dict[str, str]:
    """Event -> its column, for the event columns the contacts table supplies."""
    names = set(contacts.collect_schema().names())
    return {e: f"{e}_at" for e in EVENTS if f"{e}_at" in names}


def newest_event(contacts: nw.LazyFrame, cut: dt.datetime | None) -> dt.date | None:
    """Day of the newest contact event (before ``cut`` when given)."""
    columns = list(event_columns(contacts).values())
    exprs = [
        (nw.when(nw.col(c) < cut).then(nw.col(c)) if cut is not None else nw.col(c)).max().alias(c)
        for c in columns
    ]
    row = contacts.select(*exprs).collect(backend="pandas").to_native().iloc[0]
    values = [pd.Timestamp(v) for v in row.tolist() if not pd.isna(v)]
    return max(values).date() if values else None


def as_of_day(
    contacts: nw.LazyFrame | None, param: dt.date | None, today: dt.date
) -> tuple[dt.date, AsOfSource]:
    """``monitoring.as_of``, else the newest contact event, else today (never after today)."""
    if param is not None:
        return param, "param"
    newest = newest_event(contacts, None) if contacts is not None and row_count(contacts) else None
    if newest is not None and newest <= today:
        return newest, "data"
    return today, "today"


def sent_by(contacts: nw.LazyFrame | None, as_of: dt.date) -> tuple[Status, nw.LazyFrame | None]:
    """Whether there is anything to monitor, and the contacts invited by the end of ``as_of``."""
    if contacts is None:
        return "no_contacts_table", None
    if row_count(contacts) == 0:
        return "empty", None
    sent = contacts.filter(happened("invited_at", end_of(as_of)))
    if row_count(sent) == 0:
        return "not_yet", None
    return "ok", sent


def empty() -> Counts:
    """Counts of a campaign with no contacts yet: every table without rows."""

    def frame(**dtypes: str) -> pd.DataFrame:
        return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in dtypes.items()})

    events = dict.fromkeys(EVENTS, "int64")
    return Counts(
        channel=frame(channel="str", segment="str", **events),
        customer=frame(segment="str", arm="str", **events),
        daily=frame(step="str", segment="str", day="datetime64[ns]", n="int64"),
        delivery=frame(channel="str", day="datetime64[ns]", invited="int64", delivered="int64"),
        scores=frame(score="int64", n="int64"),
        questions=dict(_NO_QUESTIONS),
    )


def _with_events(frame: pd.DataFrame) -> pd.DataFrame:
    """Add a zero column for each event the contacts table does not supply; all as int64."""
    for event in EVENTS:
        frame[event] = frame[event].fillna(0).astype("int64") if event in frame else 0
    return frame


def count(
    sent: nw.LazyFrame,
    groups: Groups,
    as_of: dt.date,
    keep: Callable[[nw.LazyFrame], nw.LazyFrame] = lambda frame: frame,
) -> Counts:
    """Aggregate the contacts invited by the end of ``as_of`` in the engine; only counts return.

    ``keep`` keeps an intermediate result that several aggregates read in the engine
    (``CampaignData.materialize``); by default each aggregate computes it again.
    """
    cut = end_of(as_of)
    columns = event_columns(sent)
    rows = groups.attach(sent.with_columns(nw.col("channel").fill_null("?")))
    channel = collect(
        rows.group_by("channel", "segment").agg(
            *[happened(col, cut).cast(nw.Int64).sum().alias(e) for e, col in columns.items()]
        ),
        ["channel", "segment"],
    )
    # a customer reaches a step when any of their contacts does, at the first such time
    per_customer = keep(
        groups.attach(
            sent.group_by(CUSTOMER_ID).agg(
                *[
                    nw.when(happened(col, cut)).then(nw.col(col)).min().alias(e)
                    for e, col in columns.items()
                ]
            )
        )
    )
    customer = collect(
        per_customer.group_by("segment", "arm").agg(*[nw.col(e).count() for e in columns]),
        ["segment", "arm"],
    )
    daily = _daily(per_customer, columns)
    delivery = _delivery(rows, columns, cut)
    for frame in (daily, delivery):
        frame["day"] = pd.to_datetime(frame["day"]).astype("datetime64[ns]")
    scores, questions = _onsite(sent, columns, cut)
    return Counts(
        channel=_with_events(channel),
        customer=_with_events(customer),
        daily=daily,
        delivery=delivery,
        scores=scores,
        questions=questions,
    )


def _daily(per_customer: nw.LazyFrame, columns: dict[str, str]) -> pd.DataFrame:
    """Customers reaching each event for the first time, per segment and day."""
    return collect(
        nw.concat(
            [
                per_customer.filter(~nw.col(e).is_null()).select(
                    nw.lit(e).alias("step"), "segment", nw.col(e).dt.date().alias("day")
                )
                for e in columns
            ]
        )
        .group_by("step", "segment", "day")
        .agg(nw.len().alias("n")),
        ["step", "segment", "day"],
    )


def _delivery(rows: nw.LazyFrame, columns: dict[str, str], cut: dt.datetime) -> pd.DataFrame:
    """Invitations and deliveries per channel and day of invitation."""
    delivered = (
        happened(columns["delivered"], cut).cast(nw.Int64).sum()
        if "delivered" in columns
        else nw.lit(0).cast(nw.Int64).sum()
    )
    return collect(
        rows.with_columns(nw.col("invited_at").dt.date().alias("day"))
        .group_by("channel", "day")
        .agg(nw.len().alias("invited"), delivered.alias("delivered")),
        ["channel", "day"],
    )


def _onsite(
    sent: nw.LazyFrame, columns: dict[str, str], cut: dt.datetime
) -> tuple[pd.DataFrame, dict[str, int]]:
    """On-site scores and questions, one per attendee (their highest if several rows have one)."""
    scores = pd.DataFrame({"score": pd.Series(dtype="int64"), "n": pd.Series(dtype="int64")})
    questions = dict(_NO_QUESTIONS)
    if "attended" not in columns:
        return scores, questions
    names = set(sent.collect_schema().names())
    wanted = [c for c in ("onsite_score", "questions") if c in names]
    attendees = (
        sent.filter(happened(columns["attended"], cut))
        .group_by(CUSTOMER_ID)
        .agg(nw.len().alias("rows"), *[nw.col(c).max() for c in wanted])
    )
    if "onsite_score" in wanted:
        scores = collect(
            attendees.filter(~nw.col("onsite_score").is_null())
            .with_columns(nw.col("onsite_score").round(0).cast(nw.Int64).alias("score"))
            .group_by("score")
            .agg(nw.len().alias("n")),
            ["score"],
        ).astype("int64")
    summary = [nw.len().alias("attendees")]
    if "questions" in wanted:
        asked = nw.col("questions").fill_null(0)
        summary += [
            asked.sum().alias("questions"),
            (asked > 0).cast(nw.Int64).sum().alias("askers"),
        ]
    row = attendees.select(*summary).collect(backend="pandas").to_native().iloc[0]
    return scores, {k: int(row[k]) if k in row and not pd.isna(row[k]) else 0 for k in questions}
