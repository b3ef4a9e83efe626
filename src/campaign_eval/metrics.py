"""The metric catalogue of CONVENTIONS.md, computed per customer and aggregated inside the engine.

Every metric is an outcome per customer in a window ``(start, end]`` of days. Aggregation by arm
and segment happens in the engine and returns only sufficient statistics (n, sum, sum of squares,
or NPS category counts) per group, so ten million customers never reach pandas. ``campaign_eval.
stats`` turns those statistics into tests and intervals.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

import narwhals as nw
import pandas as pd

from campaign_eval.contract import CUSTOMER_ID
from campaign_eval.data import CampaignData
from campaign_eval.features import orders_by_order

MetricKind = Literal["proportion", "mean", "nps"]
GROUP_KEYS = ("arm", "segment")
ACTIVE_LOOKBACK_MONTHS = 12
"""CONVENTIONS churn rate: 'active at the start' means an order in the previous 12 months."""
CSAT_MIN_SCORE = 4
"""CONVENTIONS CSAT: a 1-5 answer of 4 or 5 counts as satisfied."""
NPS_PROMOTER_MIN = 9
NPS_DETRACTOR_MAX = 6


@dataclass(frozen=True, slots=True)
class Metric:
    """One metric of the catalogue.

    Attributes:
        name: Key used in params (goals, evaluation metrics).
        kind: proportion (0/1 per customer), mean (a number per customer) or nps (0-10 answers).
        table: The canonical table it needs.
        column: The column it needs, when one beyond the table's keys.
        lower_is_better: True for churn and complaints.
        per_customer: How the per-customer value is defined (documentation).
    """

    name: str
    kind: MetricKind
    table: str
    column: str | None
    lower_is_better: bool
    per_customer: str


METRICS: dict[str, Metric] = {
    m.name: m
    for m in (
        Metric("repurchase_rate", "proportion", "orders", None, False,
               ">= 1 order with a positive amount in the window"),
        Metric("repeat_purchase_rate", "proportion", "orders", None, False,
               ">= 2 orders with a positive amount in the window"),
        Metric("spend_per_customer", "mean", "orders", None, False,
               "net order amount in the window; customers without orders count as 0"),
        Metric("churn_rate", "proportion", "orders", None, True,
               "no order in the window, among customers with an order in the 12 months before it"),
        Metric("complaint_rate", "proportion", "complaints", None, True,
               ">= 1 complaint in the window"),
        Metric("mean_satisfaction", "mean", "surveys", "satisfaction", False,
               "mean of the customer's 1-5 answers in the window (customers who answered)"),
        Metric("csat", "proportion", "surveys", "satisfaction", False,
               "the customer's latest 1-5 answer in the window is 4 or 5 (customers who answered)"),
        Metric("nps", "nps", "surveys", "nps", False,
               "the customer's latest 0-10 answer in the window: promoter, passive or detractor"),
    )
}  # fmt: skip
"""The metrics a goal or an evaluation may name."""


def check_metric(name: str) -> Metric:
    """The metric called ``name``; a ValueError lists the catalogue otherwise."""
    if name not in METRICS:
        raise ValueError(f"unknown metric '{name}'; choose from {', '.join(METRICS)}")
    return METRICS[name]


def metric_available(data: CampaignData, name: str) -> bool:
    """Whether the supplied tables can compute the metric."""
    metric = check_metric(name)
    if metric.column is None:
        return data.has(metric.table)
    return data.has_column(metric.table, metric.column)


def _bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """Window (start, end] of days as [midnight after start, midnight after end)."""
    one = dt.timedelta(days=1)
    return (dt.datetime.combine(start + one, dt.time()), dt.datetime.combine(end + one, dt.time()))


def _between(column: str, start: dt.date, end: dt.date) -> nw.Expr:
    low, high = _bounds(start, end)
    return (nw.col(column) >= low) & (nw.col(column) < high)


def outcomes(
    data: CampaignData, population: nw.LazyFrame, metric: str, start: dt.date, end: dt.date
) -> nw.LazyFrame:
    """Per-customer outcome of ``metric`` in the window (start, end], lazily in the engine.

    Args:
        data: The canonical tables.
        population: Customers in scope: ``customer_id`` plus any grouping columns; must live on
            the same engine (see ``CampaignData.register``).
        metric: A key of ``METRICS``.
        start: The window starts after this day.
        end: The window ends with this day.

    Returns:
        ``population`` plus ``value`` (float; 0/1 for proportions, 0-10 for nps). Customers for
        whom the metric is undefined (no answer; not active at start for churn) are dropped.
    """
    m = check_metric(metric)
    if m.table == "orders":
        orders = orders_by_order(data).filter(nw.col("amount") > 0)
        in_window = orders.filter(_between("order_date", start, end))
        if metric == "spend_per_customer":
            per = orders_by_order(data).filter(_between("order_date", start, end))
            per = per.group_by(CUSTOMER_ID).agg(nw.col("amount").sum().alias("value"))
            return _left_fill(population, per)
        counts = in_window.group_by(CUSTOMER_ID).agg(nw.len().alias("orders"))
        joined = population.join(counts, on=CUSTOMER_ID, how="left").with_columns(
            nw.col("orders").fill_null(0)
        )
        if metric == "repurchase_rate":
            value = nw.col("orders") >= 1
        elif metric == "repeat_purchase_rate":
            value = nw.col("orders") >= 2  # noqa: PLR2004 - "repeat" means a second order
        else:  # churn_rate
            active_start = (pd.Timestamp(start) - pd.DateOffset(months=ACTIVE_LOOKBACK_MONTHS)).date()
            active = (
                orders.filter(_between("order_date", active_start, start))
                .select(CUSTOMER_ID)
                .unique()
            )
            joined = joined.join(active, on=CUSTOMER_ID, how="inner")
            value = nw.col("orders") == 0
        return joined.with_columns(value.cast(nw.Float64).alias("value")).drop("orders")
    if m.table == "complaints":
        per = (
            data.table("complaints")
            .filter(_between("complaint_date", start, end))
            .group_by(CUSTOMER_ID)
            .agg(nw.lit(1.0).max().alias("value"))
        )
        return _left_fill(population, per)
    answers = (
        data.table("surveys")
        .filter(_between("survey_date", start, end) & ~nw.col(m.column).is_null())
        .select(CUSTOMER_ID, "survey_date", nw.col(m.column).cast(nw.Float64).alias("score"))
    )
    if metric == "mean_satisfaction":
        per = answers.group_by(CUSTOMER_ID).agg(nw.col("score").mean().alias("value"))
    else:
        latest_day = answers.group_by(CUSTOMER_ID).agg(nw.col("survey_date").max())
        latest = answers.join(latest_day, on=[CUSTOMER_ID, "survey_date"], how="inner")
        per = latest.group_by(CUSTOMER_ID).agg(nw.col("score").mean().alias("value"))
        if metric == "csat":
            per = per.with_columns((nw.col("value") >= CSAT_MIN_SCORE).cast(nw.Float64))
    return population.join(per, on=CUSTOMER_ID, how="inner")


def _left_fill(population: nw.LazyFrame, per: nw.LazyFrame) -> nw.LazyFrame:
    return population.join(per, on=CUSTOMER_ID, how="left").with_columns(
        nw.col("value").fill_null(0.0).cast(nw.Float64)
    )


def group_stats(
    data: CampaignData,
    population: nw.LazyFrame,
    metric: str,
    start: dt.date,
    end: dt.date,
    *,
    by: tuple[str, ...] = GROUP_KEYS,
) -> pd.DataFrame:
    """Sufficient statistics of a metric per group, aggregated in the engine.

    Returns:
        One row per group with ``n``, ``sum``, ``sumsq`` (for proportions sum = successes), and
        for nps ``promoters``, ``passives``, ``detractors``. Only these rows reach pandas.
    """
    per = outcomes(data, population, metric, start, end)
    value = nw.col("value")
    aggs = [nw.len().alias("n"), value.sum().alias("sum"), (value * value).sum().alias("sumsq")]
    if METRICS[metric].kind == "nps":
        aggs += [
            (value >= NPS_PROMOTER_MIN).cast(nw.Int64).sum().alias("promoters"),
            ((value > NPS_DETRACTOR_MAX) & (value < NPS_PROMOTER_MIN)).cast(nw.Int64).sum().alias("passives"),
            (value <= NPS_DETRACTOR_MAX).cast(nw.Int64).sum().alias("detractors"),
        ]  # fmt: skip
    frame = per.group_by(*by).agg(*aggs) if by else per.select(*aggs)
    out = frame.collect(backend="pandas").to_native()
    return out.sort_values(list(by)).reset_index(drop=True) if by else out


def customer_values(
    data: CampaignData, population: nw.LazyFrame, metric: str, start: dt.date, end: dt.date
) -> pd.DataFrame:
    """Per-customer values collected to pandas (for tests needing raw values: paired, Mann-Whitney).

    Use on segment-sized populations only; group comparisons should use ``group_stats``.
    """
    return outcomes(data, population, metric, start, end).collect(backend="pandas").to_native()
