"""Per-customer outcomes of an evaluation, lazily on the engine, and their sums per group.

Outcomes come from the data contract (``DataOutcomes``: the metric catalogue in the pre and post
windows) or from an outcome table (``TableOutcomes``: the outcome columns, the covariate as the
"pre" value). Per-customer values stay in the engine; only sums per arm and segment reach pandas.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

import narwhals as nw
import pandas as pd

from campaign_eval import conventions
from campaign_eval.contract import CUSTOMER_ID
from campaign_eval.evaluation.specs import Kind, MetricSpec, Period
from campaign_eval.evaluation.sums import GROUP_KEYS, NPS_COUNTS, STAT_COLUMNS
from campaign_eval.evaluation.windows import OutcomeWindows
from campaign_eval.io import CampaignData
from campaign_eval.io.outcome_table import OutcomeTable
from campaign_eval.metrics import outcomes as engine_metrics


class Outcomes(Protocol):
    """Per-customer outcomes of one evaluation, lazily on the engine.

    ``frame`` gives ``customer_id``, ``arm``, ``segment`` and ``value`` (customers for whom the
    metric is undefined are left out); ``stats`` aggregates it per arm and segment.
    """

    def frame(self, metric: MetricSpec, period: Period) -> nw.LazyFrame | None:
        """Per-customer values of ``metric`` in ``period``; None when there are none."""
        ...

    def stats(self, metric: MetricSpec, period: Period) -> pd.DataFrame | None:
        """Sufficient statistics per arm and segment (columns of ``metrics.group_stats``)."""
        ...

    def stats_many(self, metrics: Sequence[MetricSpec], period: Period) -> dict[str, pd.DataFrame]:
        """``stats`` of several metrics, in one pass where the engine allows it."""
        ...


@dataclass(frozen=True)
class DataOutcomes:
    """Outcomes computed from the data contract by the metric catalogue.

    Attributes:
        data: The canonical tables.
        population: ``customer_id``, ``arm`` and ``segment`` on the same engine.
        windows: The pre and post windows; churn's active customers are judged on
            ``windows.active_as_of`` in both (see ``metrics.outcomes.outcome_columns``).
        metrics: The metrics an evaluation will ask for more than once. Their per-customer
            values in both windows are computed once, with one pass over the orders, and kept
            in the engine (``CampaignData.materialize``); every frame and sum of them then
            reads that table instead of the orders and surveys again. Others are computed per
            call.
    """

    data: CampaignData
    population: nw.LazyFrame
    windows: OutcomeWindows
    metrics: tuple[str, ...] = ()
    _kept: list[nw.LazyFrame] = field(default_factory=list, compare=False, repr=False)

    def columns(self) -> nw.LazyFrame:
        """The population with a column per metric of ``metrics`` and period, kept.

        Columns are named ``metrics.outcomes.column_name(metric, period)`` (``"post|nps"``).
        """
        if not self._kept:
            self._kept.append(
                self.data.materialize(
                    engine_metrics.window_columns(
                        self.data,
                        self.population,
                        list(self.metrics),
                        {"pre": self.windows.pre, "post": self.windows.post},
                        active_as_of=self.windows.active_as_of,
                    )
                )
            )
        return self._kept[0]

    def narrowed(self, scope: nw.LazyFrame) -> DataOutcomes:
        """The same outcomes for the customers of ``scope`` (some of the population) only.

        ``scope`` has ``customer_id``, ``arm`` and ``segment``; the kept table, once built, is
        shared rather than computed again for the fewer customers.
        """
        if not self.metrics:
            return replace(self, population=scope)
        ids = scope.select(CUSTOMER_ID)
        part = self.columns().join(ids, on=CUSTOMER_ID, how="semi")
        return DataOutcomes(self.data, scope, self.windows, self.metrics, [part])

    def frame(self, metric: MetricSpec, period: Period) -> nw.LazyFrame:
        """Per-customer values from ``metrics.outcomes``."""
        if metric.name in self.metrics:
            column = engine_metrics.column_name(metric.name, period)
            return (
                self.columns()
                .select(CUSTOMER_ID, "arm", "segment", nw.col(column).alias("value"))
                .filter(~nw.col("value").is_null())
            )
        return engine_metrics.outcomes(
            self.data,
            self.population,
            metric.name,
            *self.windows.of(period),
            active_as_of=self.windows.active_as_of,
        )

    def stats(self, metric: MetricSpec, period: Period) -> pd.DataFrame:
        """``metrics.outcomes.group_stats`` per arm and segment."""
        return self.stats_many([metric], period)[metric.name]

    def stats_many(self, metrics: Sequence[MetricSpec], period: Period) -> dict[str, pd.DataFrame]:
        """``metrics.outcomes.group_stats_many``: every metric in one pass of the engine."""
        if not metrics:
            return {}
        names = [m.name for m in metrics]
        if set(names) <= set(self.metrics):
            columns = {engine_metrics.column_name(name, period): name for name in names}
            kept = self.columns().select("arm", "segment", *columns).rename(columns)
            return engine_metrics.column_stats(kept, names)
        return engine_metrics.group_stats_many(
            self.data,
            self.population,
            names,
            *self.windows.of(period),
            active_as_of=self.windows.active_as_of,
        )


@dataclass(frozen=True)
class TableOutcomes:
    """Outcomes read from a per-customer outcome table; the pre period is the covariate.

    Attributes:
        source: The table on the engine (``io.outcome_table.read_outcome_table``).
    """

    source: OutcomeTable

    @property
    def population(self) -> nw.LazyFrame:
        """``customer_id``, ``arm`` and ``segment`` of every row."""
        return self.source.table.select(CUSTOMER_ID, "arm", "segment")

    def frame(self, metric: MetricSpec, period: Period) -> nw.LazyFrame | None:
        """The outcome column (post) or its covariate (pre), rows with a value only."""
        columns = self.source.columns if period == "post" else self.source.covariates
        column = columns.get(metric.name)
        if column is None:
            return None
        return self.source.table.filter(~nw.col(column).is_null()).select(
            CUSTOMER_ID, "arm", "segment", nw.col(column).alias("value")
        )

    def stats(self, metric: MetricSpec, period: Period) -> pd.DataFrame | None:
        """Sums per arm and segment, as ``metrics.outcomes.group_stats`` returns them."""
        frame = self.frame(metric, period)
        return None if frame is None else aggregate(frame, metric.kind)

    def stats_many(self, metrics: Sequence[MetricSpec], period: Period) -> dict[str, pd.DataFrame]:
        """``stats`` of every metric that has values in the period."""
        out = {m.name: self.stats(m, period) for m in metrics}
        return {name: frame for name, frame in out.items() if frame is not None}


def aggregate(frame: nw.LazyFrame, kind: Kind, by: tuple[str, ...] = GROUP_KEYS) -> pd.DataFrame:
    """Sufficient statistics of ``value`` per group, in the engine (as ``group_stats``)."""
    value = nw.col("value")
    aggs = [nw.len().alias("n"), value.sum().alias("sum"), (value * value).sum().alias("sumsq")]
    if kind == "nps":
        passive = (value > conventions.NPS_DETRACTOR_MAX) & (value < conventions.NPS_PROMOTER_MIN)
        aggs += [
            (value >= conventions.NPS_PROMOTER_MIN).cast(nw.Int64).sum().alias("promoters"),
            passive.cast(nw.Int64).sum().alias("passives"),
            (value <= conventions.NPS_DETRACTOR_MAX).cast(nw.Int64).sum().alias("detractors"),
        ]
    out = to_pandas(frame.group_by(*by).agg(*aggs))
    return out.sort_values(list(by)).reset_index(drop=True)


def both_windows(outcomes: Outcomes, metric: MetricSpec, before: str) -> nw.LazyFrame | None:
    """Customers with a value in both windows: the post frame with the pre value as ``before``."""
    post, pre = outcomes.frame(metric, "post"), outcomes.frame(metric, "pre")
    if post is None or pre is None:
        return None
    return post.join(pre.select(CUSTOMER_ID, nw.col("value").alias(before)), on=CUSTOMER_ID)


def collect_stats(outcomes: Outcomes, specs: Sequence[MetricSpec], period: Period) -> pd.DataFrame:
    """Sufficient statistics of every metric in one period, stacked with a ``metric`` column."""
    frames = [
        part.assign(metric=name, arm=part["arm"].astype(str), segment=part["segment"].astype(str))
        for name, part in outcomes.stats_many(specs, period).items()
        if part is not None and not part.empty
    ]
    columns = ["metric", *GROUP_KEYS, *STAT_COLUMNS]
    if not frames:
        return pd.DataFrame(columns=columns)
    out = pd.concat(frames, ignore_index=True)
    for column in NPS_COUNTS:
        if column not in out:
            out[column] = 0
    out[list(NPS_COUNTS)] = out[list(NPS_COUNTS)].fillna(0)
    out[["sum", "sumsq"]] = out[["sum", "sumsq"]].fillna(0.0)
    return out[columns]


def to_pandas(frame: nw.LazyFrame) -> pd.DataFrame:
    """A small (per-group) result in pandas, through the engine's own conversion."""
    return frame.collect(backend="pandas").to_native()


def grouped(frame: nw.LazyFrame, by: Sequence[str], *aggs: nw.Expr) -> pd.DataFrame:
    """Aggregates of a lazy frame per group, collected to pandas with text group keys."""
    return to_pandas(frame.group_by(*by).agg(*aggs)).astype(dict.fromkeys(by, str))
