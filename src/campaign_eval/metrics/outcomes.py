"""The metrics of the catalogue, computed per customer and aggregated inside the engine.

Every metric is an outcome per customer in a window ``(start, end]`` of days. Aggregation by arm
and segment happens in the engine and returns only sufficient statistics (n, sum, sum of squares,
or NPS category counts) per group, so ten million customers never reach pandas. ``campaign_eval.
stats`` turns those statistics into tests and intervals.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import TypeAlias

import narwhals as nw
import pandas as pd

from campaign_eval import conventions
from campaign_eval.contract import CUSTOMER_ID
from campaign_eval.io.engine import CampaignData, collect_pandas
from campaign_eval.metrics.catalogue import METRICS, check_metric

GROUP_KEYS = ("arm", "segment")
"""Default grouping of the sufficient statistics: per arm and segment."""


def metric_available(data: CampaignData, name: str) -> bool:
    """Whether the supplied tables can compute the metric."""
    metric = check_metric(name)
    if metric.column is None:
        return data.has(metric.table)
    return data.has_column(metric.table, metric.column)


def orders_by_order(data: CampaignData) -> nw.LazyFrame:
    """One row per order (order lines were already summed into orders when the data was read)."""
    return data.table("orders").select(CUSTOMER_ID, "order_date", "amount")


def _bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """Window (start, end] of days as [midnight after start, midnight after end)."""
    one = dt.timedelta(days=1)
    return (dt.datetime.combine(start + one, dt.time()), dt.datetime.combine(end + one, dt.time()))


def _between(column: str, start: dt.date, end: dt.date) -> nw.Expr:
    low, high = _bounds(start, end)
    return (nw.col(column) >= low) & (nw.col(column) < high)


Window: TypeAlias = tuple[dt.date, dt.date]
"""A window ``(start, end]`` of days."""


def column_name(metric: str, key: str) -> str:
    """The column of ``metric`` in window ``key`` (``window_columns``); the bare name for ""."""
    return f"{key}|{metric}" if key else metric


def _active_window(day: dt.date) -> Window:
    """The 12 months up to ``day``: an order in them makes a customer active on ``day``."""
    months = pd.DateOffset(months=conventions.ACTIVE_LOOKBACK_MONTHS)
    return ((pd.Timestamp(day) - months).date(), day)


def _order_columns(
    data: CampaignData,
    population: nw.LazyFrame,
    metrics: list[str],
    windows: Mapping[str, Window],
    active: Mapping[str, dt.date],
) -> tuple[nw.LazyFrame | None, dict[str, nw.Expr]]:
    """One per-customer aggregate of the orders, shared by every order metric and window.

    The orders from the earliest window (or churn's look-back) to the latest are read once and
    summed per customer with one conditional sum per window, so the pre and post windows and
    the "active at the start" test of churn cost one pass over the orders, not one each.
    """
    wanted = [m for m in metrics if METRICS[m].table == "orders"]
    if not wanted:
        return None, {}
    churn = "churn_rate" in wanted
    actives = {key: _active_window(active[key]) for key in windows} if churn else {}
    spans = [*windows.values(), *actives.values()]
    amount, bought = nw.col("amount"), nw.col("amount") > 0
    aggs = []
    for key, (start, end) in windows.items():
        inside = _between("order_date", start, end)
        aggs += [
            (inside & bought).cast(nw.Int64).sum().alias(f"_orders{key}"),
            nw.when(inside).then(amount).otherwise(nw.lit(0.0)).sum().alias(f"_spend{key}"),
        ]
    for key, (start, end) in actives.items():
        aggs.append((_between("order_date", start, end) & bought).cast(nw.Int64).sum()
                    .alias(f"_active{key}"))  # fmt: skip
    per = (
        orders_by_order(data)
        .filter(_between("order_date", *_span(spans)))
        .join(population.select(CUSTOMER_ID), on=CUSTOMER_ID, how="semi")
        .group_by(CUSTOMER_ID)
        .agg(*aggs)
    )
    exprs = {}
    for key in windows:
        orders = nw.col(f"_orders{key}").fill_null(0)
        by_metric = {
            "repurchase_rate": (orders >= 1).cast(nw.Float64),
            "repeat_purchase_rate": (orders >= 2).cast(nw.Float64),  # noqa: PLR2004 - "repeat" = 2nd order
            "spend_per_customer": nw.col(f"_spend{key}").fill_null(0.0).cast(nw.Float64),
            # churn is defined only for customers active at the start; the others get null
            "churn_rate": nw.when(nw.col(f"_active{key}").fill_null(0) > 0).then(
                (orders == 0).cast(nw.Float64)
            ),
        }
        exprs.update({column_name(m, key): by_metric[m] for m in wanted})
    return per, exprs


def _span(windows: Iterable[Window]) -> Window:
    """The smallest window holding every one of ``windows``."""
    spans = list(windows)
    return min(s for s, _ in spans), max(e for _, e in spans)


def _complaint_columns(
    data: CampaignData, population: nw.LazyFrame, windows: Mapping[str, Window]
) -> tuple[nw.LazyFrame, dict[str, nw.Expr]]:
    """Complaints per customer and window, one pass over the complaints for every window."""
    per = (
        data.table("complaints")
        .filter(_between("complaint_date", *_span(windows.values())))
        .join(population.select(CUSTOMER_ID), on=CUSTOMER_ID, how="semi")
        .group_by(CUSTOMER_ID)
        .agg(
            _between("complaint_date", start, end).cast(nw.Int64).sum().alias(f"_complaints{key}")
            for key, (start, end) in windows.items()
        )
    )
    exprs = {
        column_name("complaint_rate", key): (nw.col(f"_complaints{key}").fill_null(0) > 0).cast(
            nw.Float64
        )
        for key in windows
    }
    return per, exprs


def _survey_columns(
    data: CampaignData,
    population: nw.LazyFrame,
    metrics: list[str],
    windows: Mapping[str, Window],
) -> tuple[nw.LazyFrame | None, dict[str, nw.Expr]]:
    """Every survey metric per customer and window, in two passes over the answers at most.

    ``mean_satisfaction`` averages a window's answers; ``nps`` and ``csat`` average the answers
    of the customer's latest day with a score in the window (the first pass finds those days).
    """
    wanted = [m for m in metrics if METRICS[m].table == "surveys"]
    if not wanted:
        return None, {}
    columns = sorted({str(METRICS[m].column) for m in wanted})
    answers = (
        data.table("surveys")
        .filter(_between("survey_date", *_span(windows.values())))
        .join(population.select(CUSTOMER_ID), on=CUSTOMER_ID, how="semi")
        .select(CUSTOMER_ID, "survey_date", *(nw.col(c).cast(nw.Float64) for c in columns))
    )

    def given(metric: str, key: str) -> nw.Expr:
        start, end = windows[key]
        return _between("survey_date", start, end) & ~nw.col(str(METRICS[metric].column)).is_null()

    latest = {
        f"_v{key}_{m}": (str(METRICS[m].column), given(m, key))
        for m in wanted
        if m != "mean_satisfaction"
        for key in windows
    }
    means = [
        nw.when(given(m, key)).then(nw.col(str(METRICS[m].column))).mean().alias(f"_v{key}_{m}")
        for m in wanted
        if m == "mean_satisfaction"
        for key in windows
    ]
    exprs = {}
    for m in wanted:
        for key in windows:
            value = nw.col(f"_v{key}_{m}")
            if m == "csat":
                value = (value >= conventions.CSAT_MIN_SCORE).cast(nw.Float64)
            exprs[column_name(m, key)] = value
    return latest_day_means(answers, latest, also=means), exprs


def latest_day_means(
    answers: nw.LazyFrame,
    latest: Mapping[str, tuple[str, nw.Expr]],
    *,
    also: Sequence[nw.Expr] = (),
) -> nw.LazyFrame:
    """Per customer, each score averaged over the answers of the latest day that gave it.

    Args:
        answers: Survey answers with ``customer_id`` and ``survey_date``.
        latest: Output column -> (score column, which answers count: e.g. in a window and
            with that score given). Several answers on the latest day are averaged rather than
            one picked arbitrarily.
        also: More aggregates per customer over all ``answers``, computed in the same pass.

    Returns:
        ``customer_id`` with one column per key of ``latest`` and per expression of ``also``.
    """
    if latest:
        days = answers.group_by(CUSTOMER_ID).agg(
            nw.when(given).then(nw.col("survey_date")).max().alias(f"_day{name}")
            for name, (_, given) in latest.items()
        )
        answers = answers.join(days, on=CUSTOMER_ID, how="inner")
    on_latest = [
        nw.when(given & (nw.col("survey_date") == nw.col(f"_day{name}")))
        .then(nw.col(column))
        .mean()
        .alias(name)
        for name, (column, given) in latest.items()
    ]
    return answers.group_by(CUSTOMER_ID).agg(*on_latest, *also)


def outcome_columns(
    data: CampaignData,
    population: nw.LazyFrame,
    metrics: list[str],
    start: dt.date,
    end: dt.date,
    *,
    active_as_of: dt.date | None = None,
) -> nw.LazyFrame:
    """Per-customer outcomes of several metrics in the window (start, end], lazily in the engine.

    Args:
        data: The canonical tables.
        population: Customers in scope: ``customer_id`` plus any grouping columns; must live on
            the same engine (see ``CampaignData.register``).
        metrics: Keys of ``METRICS``.
        start: The window starts after this day.
        end: The window ends with this day.
        active_as_of: The day "active at the start" (churn rate) is judged on: an order in the
            12 months up to it. Default ``start``. For a window after a campaign pass the day
            before the campaign started: orders during the promotion happen after the
            randomization and would make the denominator depend on the treatment.

    Returns:
        ``population`` plus one float column per metric, named as the metric (0/1 for
        proportions, 0-10 for nps). A customer for whom a metric is undefined (no answer; not
        active at the start for churn) has null there.
    """
    return window_columns(data, population, metrics, {"": (start, end)}, active_as_of=active_as_of)


def window_columns(
    data: CampaignData,
    population: nw.LazyFrame,
    metrics: list[str],
    windows: Mapping[str, Window],
    *,
    active_as_of: dt.date | None = None,
) -> nw.LazyFrame:
    """``outcome_columns`` of several windows at once, with one pass over the orders.

    Args:
        data: The canonical tables.
        population: Customers in scope, as for ``outcome_columns``.
        metrics: Keys of ``METRICS``.
        windows: Window key -> its ``(start, end]``; e.g. ``{"pre": ..., "post": ...}``.
        active_as_of: Churn's "active at the start" day for every window; default each
            window's own start.

    Returns:
        ``population`` plus one column per metric and window, named ``column_name(metric,
        key)`` (``"post|nps"``; the bare metric for the key ``""``).
    """
    for metric in metrics:
        check_metric(metric)
    active = {key: active_as_of or start for key, (start, _) in windows.items()}
    frame = population
    orders, exprs = _order_columns(data, population, metrics, windows, active)
    if orders is not None:
        frame = frame.join(orders, on=CUSTOMER_ID, how="left")
    if "complaint_rate" in metrics:
        complaints, complaint_exprs = _complaint_columns(data, population, windows)
        frame = frame.join(complaints, on=CUSTOMER_ID, how="left")
        exprs.update(complaint_exprs)
    surveys, survey_exprs = _survey_columns(data, population, metrics, windows)
    if surveys is not None:
        frame = frame.join(surveys, on=CUSTOMER_ID, how="left")
        exprs.update(survey_exprs)
    keep = population.collect_schema().names()
    names = [column_name(m, key) for key in windows for m in metrics]
    return frame.select(*keep, *(exprs[name].alias(name) for name in names))


def outcomes(
    data: CampaignData,
    population: nw.LazyFrame,
    metric: str,
    start: dt.date,
    end: dt.date,
    *,
    active_as_of: dt.date | None = None,
) -> nw.LazyFrame:
    """Per-customer outcome of one metric as column ``value``; undefined customers dropped."""
    frame = outcome_columns(data, population, [metric], start, end, active_as_of=active_as_of)
    return frame.rename({metric: "value"}).filter(~nw.col("value").is_null())


def group_stats_many(
    data: CampaignData,
    population: nw.LazyFrame,
    metrics: list[str],
    start: dt.date,
    end: dt.date,
    *,
    by: tuple[str, ...] = GROUP_KEYS,
    active_as_of: dt.date | None = None,
) -> dict[str, pd.DataFrame]:
    """Sufficient statistics of several metrics per group, in one pass of the engine.

    ``active_as_of`` is passed to ``outcome_columns`` (churn rate's "active at the start").

    Returns:
        Metric -> one row per group with ``n`` (customers with a defined value), ``sum`` and
        ``sumsq`` (for proportions sum = successes), and for nps ``promoters``, ``passives``,
        ``detractors``. Only these rows reach pandas.
    """
    frame = outcome_columns(data, population, metrics, start, end, active_as_of=active_as_of)
    return column_stats(frame, metrics, by=by)


def column_stats(
    frame: nw.LazyFrame, metrics: list[str], *, by: tuple[str, ...] = GROUP_KEYS
) -> dict[str, pd.DataFrame]:
    """``group_stats_many`` of per-customer outcomes already computed (``outcome_columns``).

    Args:
        frame: The grouping columns plus one column per metric, named as the metric; null
            where the metric is undefined for a customer.
        metrics: The metric columns to aggregate (keys of ``METRICS``).
        by: The grouping columns; empty for one row over every customer.
    """
    aggs = []
    for m in metrics:
        value = nw.col(m)
        aggs += [value.count().alias(f"{m}|n"), value.sum().alias(f"{m}|sum"),
                 (value * value).sum().alias(f"{m}|sumsq")]  # fmt: skip
        if METRICS[m].kind == "nps":
            passive = (value > conventions.NPS_DETRACTOR_MAX) & (
                value < conventions.NPS_PROMOTER_MIN
            )
            aggs += [
                (value >= conventions.NPS_PROMOTER_MIN)
                .cast(nw.Int64)
                .sum()
                .alias(f"{m}|promoters"),
                passive.cast(nw.Int64).sum().alias(f"{m}|passives"),
                (value <= conventions.NPS_DETRACTOR_MAX)
                .cast(nw.Int64)
                .sum()
                .alias(f"{m}|detractors"),
            ]
    grouped = frame.group_by(*by).agg(*aggs) if by else frame.select(*aggs)
    wide = collect_pandas(grouped)
    if by:
        wide = wide.sort_values(list(by)).reset_index(drop=True)
    out = {}
    for m in metrics:
        cols = [c for c in wide.columns if c.startswith(f"{m}|")]
        part = wide[list(by) + cols].rename(columns={c: c.split("|", 1)[1] for c in cols})
        part[["sum", "sumsq"]] = part[["sum", "sumsq"]].fillna(0.0)
        out[m] = part
    return out


def group_stats(
    data: CampaignData,
    population: nw.LazyFrame,
    metric: str,
    start: dt.date,
    end: dt.date,
    *,
    by: tuple[str, ...] = GROUP_KEYS,
    active_as_of: dt.date | None = None,
) -> pd.DataFrame:
    """Sufficient statistics of one metric per group (see ``group_stats_many``)."""
    return group_stats_many(
        data, population, [metric], start, end, by=by, active_as_of=active_as_of
    )[metric]


def customer_values(
    data: CampaignData, population: nw.LazyFrame, metric: str, start: dt.date, end: dt.date
) -> pd.DataFrame:
    """Per-customer values collected to pandas (for tests needing raw values: paired, Mann-Whitney).

    Use on segment-sized populations only; group comparisons should use ``group_stats``.
    """
    return collect_pandas(outcomes(data, population, metric, start, end))
