"""Per-customer features as of a reference date, computed inside the engine with narwhals.

Only the per-customer result (one row per customer) comes back to pandas; order lines, surveys and
complaints stay in the engine. The same code runs on DuckDB and on any engine narwhals supports.

Money is rounded to cents before anything is ranked or divided, so the residue of a fully
cancelled purchase (1e-14) never splits a tie or makes growth infinite. Returns (negative amounts)
are netted against the spend of their window or dropped (``segmentation.returns``). The spend
percentile ranks only the customers with a purchase in the spend window, each by spend floored at 0.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import narwhals as nw
import numpy as np
import pandas as pd

from campaign_eval.config.segmentation import Returns, SegmentationParams
from campaign_eval.contract import CUSTOMER_ID
from campaign_eval.io.engine import CampaignData, collect_pandas
from campaign_eval.metrics.outcomes import latest_day_means, orders_by_order

DAYS_PER_YEAR = 365.25
DAYS_PER_MONTH = DAYS_PER_YEAR / 12
MONEY_DIGITS = 2
"""Spend is rounded to cents before it is ranked or compared."""
SPEND_COLUMNS = ("spend_12m", "spend_6m", "spend_prev_6m")


@dataclass(frozen=True, slots=True)
class LookBack:
    """Look-back windows of the features, in months (the documented defaults).

    Attributes:
        spend_months: Window of spend_12m, orders_12m and the spend percentile.
        recency_months: Window of orders_3m (no order in it = lapsed).
        growth_months: Length of each of the two growth windows.
        complaint_months: Window of complaints_12m.
    """

    spend_months: int = 12
    recency_months: int = 3
    growth_months: int = 6
    complaint_months: int = 12

    @classmethod
    def of(cls, params: SegmentationParams) -> LookBack:
        """The look-back windows configured in the segmentation params."""
        return cls(
            spend_months=params.spend_months,
            recency_months=params.recency_months,
            growth_months=params.growth_months,
            complaint_months=params.complaint_months,
        )


def _months_before(day: dt.date, months: int) -> dt.datetime:
    """Midnight after the day that lies ``months`` calendar months before ``day``."""
    return (pd.Timestamp(day) - pd.DateOffset(months=months) + pd.Timedelta(days=1)).to_pydatetime()


def _in_window(column: str, start: dt.datetime, end: dt.datetime) -> nw.Expr:
    return (nw.col(column) >= start) & (nw.col(column) < end)


def _end(reference_date: dt.date) -> dt.datetime:
    """Midnight after the reference date: the features see everything before it."""
    return (pd.Timestamp(reference_date) + pd.Timedelta(days=1)).to_pydatetime()


def _orders(data: CampaignData, end: dt.datetime, returns: Returns) -> nw.LazyFrame:
    """Orders before ``end``; without the negative ones when returns are dropped."""
    orders = orders_by_order(data).filter(nw.col("order_date") < end)
    return orders.filter(nw.col("amount") >= 0) if returns == "drop" else orders


def build_features(
    data: CampaignData,
    reference_date: dt.date,
    look_back: LookBack | None = None,
    returns: Returns = "net",
    *,
    attributes: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Compute the feature catalogue for every customer as of the end of ``reference_date``.

    Args:
        data: The campaign's canonical tables.
        reference_date: The day the analysis looks back from (inclusive).
        look_back: Look-back windows; the documented defaults when omitted.
        returns: ``net`` subtracts negative amounts from spend, ``drop`` leaves them out.
        attributes: The customer attributes to keep beside the features (None: all of them).
            Text attributes cost about 60 bytes a customer each in pandas, so a caller that
            needs none (an earlier cohort's segments) saves gigabytes at 10 million customers.

    Returns:
        One row per customer: ``customer_id``, the customer attributes that were supplied, and
        every available feature. Features whose table is missing are absent.
    """
    w = look_back or LookBack()
    end = _end(reference_date)
    spend_start = _months_before(reference_date, w.spend_months)
    recent_start = _months_before(reference_date, w.recency_months)
    growth_start = _months_before(reference_date, w.growth_months)
    prev_start = _months_before(reference_date, 2 * w.growth_months)

    orders = _orders(data, end, returns)
    positive = nw.col("amount") > 0

    def _spend(start: dt.datetime, stop: dt.datetime) -> nw.Expr:
        return nw.when(_in_window("order_date", start, stop)).then(nw.col("amount")).otherwise(0.0)

    def _count(start: dt.datetime) -> nw.Expr:
        hit = _in_window("order_date", start, end) & positive
        return nw.when(hit).then(nw.lit(1)).otherwise(nw.lit(0))

    per_customer = (
        orders.with_columns(
            _spend(spend_start, end).alias("spend_12m"),
            _spend(growth_start, end).alias("spend_6m"),
            _spend(prev_start, growth_start).alias("spend_prev_6m"),
            _count(spend_start).alias("orders_12m"),
            _count(recent_start).alias("orders_3m"),
            nw.when(positive).then(nw.col("order_date")).alias("positive_date"),
        )
        .group_by(CUSTOMER_ID)
        .agg(
            nw.col("spend_12m", "spend_6m", "spend_prev_6m").sum(),
            # DuckDB sums integers into 128 bits, which reach pandas as Python Decimals
            nw.col("orders_12m", "orders_3m").sum().cast(nw.Int64),
            nw.col("positive_date").max().alias("last_order"),
            nw.col("order_date").min().alias("first_order"),
        )
    )
    base = _customer_base(data, attributes)
    frame = base.join(per_customer, on=CUSTOMER_ID, how="left")
    complaints = _complaints(data, w, reference_date, end)
    for extra in [*_latest_scores(data, end), *([complaints] if complaints is not None else [])]:
        frame = frame.join(extra, on=CUSTOMER_ID, how="left")
    out = collect_pandas(frame.sort(CUSTOMER_ID))  # sorting a million ids is the engine's job
    return _finish(out, reference_date)


def returns_in_window(
    data: CampaignData, reference_date: dt.date, look_back: LookBack | None = None
) -> tuple[int, float]:
    """Orders with a negative amount in the spend window, and their total (0 or less)."""
    w = look_back or LookBack()
    end = _end(reference_date)
    start = _months_before(reference_date, w.spend_months)
    negative = orders_by_order(data).filter(
        _in_window("order_date", start, end) & (nw.col("amount") < 0)
    )
    count, total = negative.select(nw.len(), nw.col("amount").sum()).collect().row(0)
    return int(count), round(float(total or 0.0), MONEY_DIGITS)


def _customer_base(data: CampaignData, attributes: Sequence[str] | None) -> nw.LazyFrame:
    if not data.has("customers"):
        return data.table("orders").select(CUSTOMER_ID).unique()
    customers = data.table("customers")
    if attributes is not None:  # the start of cooperation is a feature's input, always kept
        names = customers.collect_schema().names()
        customers = customers.select(c for c in names if c in {CUSTOMER_ID, "since", *attributes})
    rows, ids = customers.select(nw.len(), nw.col(CUSTOMER_ID).n_unique()).collect().row(0)
    if rows == ids:
        return customers
    # frames built in memory may repeat a customer (files were refused or reduced on loading)
    cols = [c for c in customers.collect_schema().names() if c != CUSTOMER_ID]
    return customers.group_by(CUSTOMER_ID).agg(nw.col(c).min() for c in cols)


def _latest_scores(data: CampaignData, end: dt.datetime) -> list[nw.LazyFrame]:
    """Each customer's latest satisfaction and NPS, in two passes over the surveys for both.

    The latest day is found per score (an answer may give one score and not the other); several
    answers on that day are averaged rather than picked arbitrarily.
    """
    scores = [
        (score, feature)
        for score, feature in (("satisfaction", "latest_satisfaction"), ("nps", "latest_nps"))
        if data.has_column("surveys", score)
    ]
    if not scores:
        return []
    answers = (
        data.table("surveys")
        .filter(nw.col("survey_date") < end)
        .select(CUSTOMER_ID, "survey_date", *(score for score, _ in scores))
    )
    given = {feature: (score, ~nw.col(score).is_null()) for score, feature in scores}
    return [latest_day_means(answers, given)]


def _complaints(
    data: CampaignData, w: LookBack, reference_date: dt.date, end: dt.datetime
) -> nw.LazyFrame | None:
    if not data.has("complaints"):
        return None
    start = _months_before(reference_date, w.complaint_months)
    return (
        data.table("complaints")
        .filter(_in_window("complaint_date", start, end))
        .group_by(CUSTOMER_ID)
        .agg(nw.len().alias("complaints_12m"))
    )


def _finish(out: pd.DataFrame, reference_date: dt.date) -> pd.DataFrame:
    """Derived features that need the whole population (percentiles) or date arithmetic."""
    for col in SPEND_COLUMNS:
        # + 0.0 turns the -0.0 of a rounded residue into 0.0
        out[col] = out[col].fillna(0.0).astype(float).round(MONEY_DIGITS) + 0.0
    for col in ("orders_12m", "orders_3m"):
        out[col] = out[col].fillna(0).astype("int64")
    if "complaints_12m" in out:
        out["complaints_12m"] = out["complaints_12m"].fillna(0).astype("int64")
    out["spend_12m_pct"] = spend_percentile(out["spend_12m"], out["orders_12m"])
    ref = pd.Timestamp(reference_date)
    out["recency_days"] = (ref - pd.to_datetime(out.pop("last_order")).dt.normalize()).dt.days
    first = pd.to_datetime(out.pop("first_order"))
    start = pd.to_datetime(out["since"]).fillna(first) if "since" in out else first
    out["tenure_days"] = (ref - start.dt.normalize()).dt.days.astype(float)
    out["tenure_months"] = out["tenure_days"] / DAYS_PER_MONTH
    out["tenure_years"] = out["tenure_days"] / DAYS_PER_YEAR
    with np.errstate(divide="ignore", invalid="ignore"):
        growth = out["spend_6m"] / out["spend_prev_6m"] - 1.0
    started = (out["spend_prev_6m"] <= 0) & (out["spend_6m"] > 0)
    out["spend_growth_6m"] = growth.where(
        out["spend_prev_6m"] > 0, np.where(started, np.inf, np.nan)
    )
    out["recency_days"] = out["recency_days"].astype(float)
    return out


def spend_percentile(spend: pd.Series, orders: pd.Series) -> pd.Series:
    """Percentile of spend among the customers with a purchase (``orders`` >= 1), 0-1.

    Spend below 0 (returns of purchases made before the window) ranks as 0; customers without a
    purchase get no percentile (NaN), so they neither match a percentile rule nor push the
    buyers up. Ties share their average rank.
    """
    ranked = spend.clip(lower=0.0).where(orders >= 1)
    return ranked.rank(pct=True, method="average")
