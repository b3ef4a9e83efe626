"""The evaluation stage (04_evaluation): effects against a control group, goals, return, standards.

The core runs inside the engine. Per-customer outcomes are never collected: every comparison is
computed from sufficient statistics per arm and segment (``metrics.group_stats`` for the data
contract, the same sums for an outcome table), so ten million customers cost one aggregation
query per metric and window. Only the paired before/after test needs per-customer values, and it
collects them only up to ``evaluation.max_paired_customers`` customers.

``evaluate_effects`` is the benchmarkable core: assignment + metrics + windows -> ``EffectsTable``.
``run(ctx)`` is the stage: it finds the assignment and the goals, evaluates everything and writes
``evaluation.json`` (documented in ``docs/evaluation_json.md``) and ``evaluation_effects.csv``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Literal, Protocol

import duckdb
import narwhals as nw
import numpy as np
import pandas as pd
from IPython.display import HTML

from campaign_eval import conventions, report, stats
from campaign_eval.config import CampaignParams
from campaign_eval.config.evaluation import (
    ALL_SEGMENTS,
    EvaluationParams,
    GradeBands,
    OutcomeTableParams,
)
from campaign_eval.contract import CUSTOMER_ID
from campaign_eval.io import CampaignData, DataValidationError, connect
from campaign_eval.metrics import catalogue
from campaign_eval.metrics import outcomes as engine_metrics
from campaign_eval.run.context import StageContext
from campaign_eval.run.folders import write_json_atomic, write_text_atomic

SCHEMA_VERSION = 1
"""Version of the evaluation.json schema (docs/evaluation_json.md); bump on incompatible changes."""
EVALUATION_FILE = "evaluation.json"
EFFECTS_FILE = "evaluation_effects.csv"
ASSIGNMENT_FILE = "assignment.parquet"
PLAN_FILE = "plan.json"
SEGMENTS_FILE = "segments.parquet"
SEGMENT_ORDER = ("core", "growth", "churn_risk", "new", "maintain")
"""Display order of the catalogue segments; other segments follow alphabetically."""
UNKNOWN_SEGMENT = "unknown"
"""Segment of assigned customers the segmentation did not list."""

Kind = Literal["proportion", "mean", "nps"]
Period = Literal["pre", "post"]
AssignmentSource = Literal["plan", "data", "contacts", "outcome_table"]

# Metrics whose pre-window value is defined for every customer (orders and complaints are filled
# with 0), so CUPED can use it as the covariate without dropping anyone.
_CUPED_METRICS = frozenset(
    {"repurchase_rate", "repeat_purchase_rate", "spend_per_customer", "complaint_rate"}
)
# 1-5 scores: Mann-Whitney beside the Welch test; the paired before/after test uses them too.
_ORDINAL_METRICS = frozenset({"mean_satisfaction"})
_NPS_COUNTS = ("promoters", "passives", "detractors")
_STAT_COLUMNS = ("n", "sum", "sumsq", *_NPS_COUNTS)
_MOMENT_COLUMNS = ("n", "sum_y", "sumsq_y", "sum_x", "sumsq_x", "sum_xy")
_TABLE_FORMATS = {".csv": "csv", ".txt": "csv", ".parquet": "parquet", ".pq": "parquet"}
_EXAMPLES = 3
_NPS_RANGE = (0.0, 10.0)


class OutcomeTableError(DataValidationError):
    """The outcome table does not match its params; ``problems`` has one line per problem."""


class AssignmentError(ValueError):
    """No usable assignment of customers to arms was found."""


# --------------------------------------------------------------------------------------------------
# Metrics and windows
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MetricSpec:
    """What the evaluation needs to know about one metric.

    Attributes:
        name: Catalogue name, or the outcome table's column.
        kind: proportion (0/1 per customer), mean, or nps (0-10 answers).
        lower_is_better: True for churn, complaints and outcomes declared ``decrease``.
        label: Display name given in params (outcome tables); None for catalogue metrics.
        ordinal: Values are 1-5 scores: Mann-Whitney is shown beside the Welch test.
        cuped: The pre-window value is defined for every customer and can be the covariate.
    """

    name: str
    kind: Kind
    lower_is_better: bool
    label: str | None = None
    ordinal: bool = False
    cuped: bool = False


def metric_spec(name: str) -> MetricSpec:
    """The spec of a catalogue metric (``metrics.METRICS``)."""
    metric = catalogue.check_metric(name)
    return MetricSpec(
        name=name,
        kind=metric.kind,
        lower_is_better=metric.lower_is_better,
        ordinal=name in _ORDINAL_METRICS,
        cuped=name in _CUPED_METRICS,
    )


def table_specs(table: OutcomeTableParams) -> list[MetricSpec]:
    """Specs of the outcome table's declared columns."""
    kinds: dict[str, Kind] = {"binary": "proportion", "continuous": "mean", "nps": "nps"}
    return [
        MetricSpec(
            name=column,
            kind=kinds[spec.kind],
            lower_is_better=spec.direction == "decrease",
            label=spec.label,
            ordinal=spec.ordinal,
            cuped=(spec.covariate or table.covariate_column) is not None and spec.kind != "nps",
        )
        for column, spec in table.outcomes.items()
    ]


@dataclass(frozen=True, slots=True)
class Windows:
    """The outcome windows, each ``(start, end]`` in days.

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
    def around(cls, start: dt.date, event: dt.date, days: int) -> Windows:
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


# --------------------------------------------------------------------------------------------------
# Per-customer outcomes, aggregated in the engine
# --------------------------------------------------------------------------------------------------


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
            ``windows.active_as_of`` in both (see ``metrics.outcome_columns``).
    """

    data: CampaignData
    population: nw.LazyFrame
    windows: Windows

    def frame(self, metric: MetricSpec, period: Period) -> nw.LazyFrame:
        """Per-customer values from ``metrics.outcomes``."""
        return engine_metrics.outcomes(
            self.data,
            self.population,
            metric.name,
            *self.windows.of(period),
            active_as_of=self.windows.active_as_of,
        )

    def stats(self, metric: MetricSpec, period: Period) -> pd.DataFrame:
        """``metrics.group_stats`` per arm and segment."""
        return engine_metrics.group_stats(
            self.data,
            self.population,
            metric.name,
            *self.windows.of(period),
            active_as_of=self.windows.active_as_of,
        )

    def stats_many(self, metrics: Sequence[MetricSpec], period: Period) -> dict[str, pd.DataFrame]:
        """``metrics.group_stats_many``: every metric in one pass of the engine."""
        if not metrics:
            return {}
        return engine_metrics.group_stats_many(
            self.data,
            self.population,
            [m.name for m in metrics],
            *self.windows.of(period),
            active_as_of=self.windows.active_as_of,
        )


@dataclass(frozen=True)
class TableOutcomes:
    """Outcomes read from a per-customer outcome table; the pre period is the covariate.

    Attributes:
        table: ``customer_id``, ``arm``, ``segment`` and one float column per outcome and
            covariate, on the engine.
        columns: Outcome name -> its column in ``table``.
        covariates: Outcome name -> the column of its pre-period value (when one is declared).
    """

    table: nw.LazyFrame
    columns: dict[str, str]
    covariates: dict[str, str]

    def frame(self, metric: MetricSpec, period: Period) -> nw.LazyFrame | None:
        """The outcome column (post) or its covariate (pre), rows with a value only."""
        column = (
            self.columns.get(metric.name) if period == "post" else self.covariates.get(metric.name)
        )
        if column is None:
            return None
        return self.table.filter(~nw.col(column).is_null()).select(
            CUSTOMER_ID, "arm", "segment", nw.col(column).alias("value")
        )

    def stats(self, metric: MetricSpec, period: Period) -> pd.DataFrame | None:
        """Sums per arm and segment, as ``metrics.group_stats`` returns them."""
        frame = self.frame(metric, period)
        return None if frame is None else aggregate(frame, metric.kind)

    def stats_many(self, metrics: Sequence[MetricSpec], period: Period) -> dict[str, pd.DataFrame]:
        """``stats`` of every metric that has values in the period."""
        out = {m.name: self.stats(m, period) for m in metrics}
        return {name: frame for name, frame in out.items() if frame is not None}


def aggregate(
    frame: nw.LazyFrame, kind: Kind, by: tuple[str, ...] = ("arm", "segment")
) -> pd.DataFrame:
    """Sufficient statistics of ``value`` per group, in the engine (as ``metrics.group_stats``)."""
    value = nw.col("value")
    aggs = [nw.len().alias("n"), value.sum().alias("sum"), (value * value).sum().alias("sumsq")]
    if kind == "nps":
        aggs += [
            (value >= conventions.NPS_PROMOTER_MIN).cast(nw.Int64).sum().alias("promoters"),
            ((value > conventions.NPS_DETRACTOR_MAX) & (value < conventions.NPS_PROMOTER_MIN))
            .cast(nw.Int64)
            .sum()
            .alias("passives"),
            (value <= conventions.NPS_DETRACTOR_MAX).cast(nw.Int64).sum().alias("detractors"),
        ]
    out = frame.group_by(*by).agg(*aggs).collect(backend="pandas").to_native()
    return out.sort_values(list(by)).reset_index(drop=True)


def moment_sums(outcomes: Outcomes, metric: MetricSpec) -> pd.DataFrame | None:
    """CUPED sums per arm and segment: n, sums of y, y², x, x² and xy, in the engine.

    ``y`` is the post-window value and ``x`` the same customer's pre-window value; customers
    without both are left out.
    """
    post, pre = outcomes.frame(metric, "post"), outcomes.frame(metric, "pre")
    if post is None or pre is None:
        return None
    joined = post.join(pre.select(CUSTOMER_ID, nw.col("value").alias("x")), on=CUSTOMER_ID)
    y, x = nw.col("value"), nw.col("x")
    out = (
        joined.group_by("arm", "segment")
        .agg(
            nw.len().alias("n"),
            y.sum().alias("sum_y"),
            (y * y).sum().alias("sumsq_y"),
            x.sum().alias("sum_x"),
            (x * x).sum().alias("sumsq_x"),
            (x * y).sum().alias("sum_xy"),
        )
        .collect(backend="pandas")
        .to_native()
    )
    return out.sort_values(["arm", "segment"]).reset_index(drop=True)


def value_counts(outcomes: Outcomes, metric: MetricSpec) -> pd.DataFrame | None:
    """Customers per arm, segment and distinct post-window value (Mann-Whitney), in the engine."""
    frame = outcomes.frame(metric, "post")
    if frame is None:
        return None
    return (
        frame.group_by("arm", "segment", "value")
        .agg(nw.len().alias("count"))
        .collect(backend="pandas")
        .to_native()
    )


def with_overall(table: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Add ``segment == "all"`` rows: sums over segments (exact for counts and sums).

    With a single segment the overall rows would repeat it, so none are added.
    """
    if table.empty or _single(table["segment"]):
        return table
    present = [c for c in columns if c in table]
    keys = [c for c in table.columns if c not in present and c != "segment"]
    if keys:
        overall = table.groupby(keys, as_index=False)[present].sum()
    else:
        overall = table[present].sum().to_frame().T
    overall["segment"] = ALL_SEGMENTS
    return pd.concat([overall[table.columns], table], ignore_index=True)


def _single(values: pd.Series) -> bool:
    """Whether a column holds at most one distinct value."""
    array = values.to_numpy()
    return len(array) == 0 or bool((array == array[0]).all())


def order_segments(segments: Iterable[str]) -> list[str]:
    """``all`` first, then the catalogue segments in their order, then the rest alphabetically."""
    unique = set(segments)
    known = [s for s in (ALL_SEGMENTS, *SEGMENT_ORDER) if s in unique]
    return known + sorted(unique - set(known))


# --------------------------------------------------------------------------------------------------
# Comparisons
# --------------------------------------------------------------------------------------------------

_COMPARISON_FIELDS = tuple(f.name for f in fields(stats.Comparison))
EFFECT_COLUMNS = (
    "metric",
    "segment",
    "arm",
    "control_arm",
    "kind",
    "lower_is_better",
    *_COMPARISON_FIELDS,
    "p_adjusted",
    "significant",
    "improved",
)
"""Columns of ``EffectsTable.rows``: keys, every ``stats.Comparison`` field, the adjustment."""


def stat_value(row: pd.Series | dict[str, Any], kind: Kind) -> float:
    """The metric's value from one row of sufficient statistics (NPS in points)."""
    n = float(row["n"])
    if n <= 0:
        return math.nan
    if kind == "nps":
        return stats.NPS_POINTS * (float(row["promoters"]) - float(row["detractors"])) / n
    return float(row["sum"]) / n


def stat_sd(row: pd.Series | dict[str, Any], kind: Kind) -> float:
    """Per-customer standard deviation (ddof=1) from sufficient statistics; NPS in points."""
    n = float(row["n"])
    if n < 2:  # noqa: PLR2004 - a sample variance needs two observations
        return math.nan
    if kind == "nps":
        return stats.nps_sd(*(float(row[k]) for k in _NPS_COUNTS))
    return stats.sd_from_sums(n, float(row["sum"]), float(row["sumsq"]))


def _count(value: float) -> int:
    """A success count summed by the engine as a float: round it."""
    return round(float(value))


def compare_rows(kind: Kind, t: pd.Series, c: pd.Series, *, alpha: float) -> stats.Comparison:
    """Treatment vs control from sufficient statistics, by the CONVENTIONS test of ``kind``."""
    if kind == "proportion":
        return stats.compare_proportions(
            _count(t["sum"]), int(t["n"]), _count(c["sum"]), int(c["n"]), alpha=alpha
        )
    if kind == "nps":
        return stats.compare_nps(
            *(_count(t[k]) for k in _NPS_COUNTS), *(_count(c[k]) for k in _NPS_COUNTS), alpha=alpha
        )
    return stats.compare_means_from_sums(
        int(t["n"]),
        float(t["sum"]),
        float(t["sumsq"]),
        int(c["n"]),
        float(c["sum"]),
        float(c["sumsq"]),
        alpha=alpha,
    )


def _improved(spec: MetricSpec, diff: float) -> bool:
    return bool(diff < 0) if spec.lower_is_better else bool(diff > 0)


def _lookup(table: pd.DataFrame) -> dict[tuple[str, str], pd.Series]:
    return {(str(r["arm"]), str(r["segment"])): r for _, r in table.iterrows()}


@dataclass(frozen=True)
class EffectsTable:
    """Treatment vs control for every metric, segment and treatment arm (one family of tests).

    Attributes:
        rows: One row per comparison, columns ``EFFECT_COLUMNS``, metrics in the given order,
            segments in ``order_segments`` order (``all`` first).
        stats: The sufficient statistics per metric, arm and segment (with ``all`` rows) they
            were computed from.
        specs: The metrics, in order.
        control: The control arm.
        treatments: The treatment arms.
        alpha: Significance level; CIs have level ``1 - alpha`` and are not adjusted.
        adjustment: ``holm`` or ``fdr_bh``, applied over every row.
        skipped: Sentences (keys) on comparisons that could not be made: metric, segment, arm,
            reason.
    """

    rows: pd.DataFrame
    stats: pd.DataFrame
    specs: tuple[MetricSpec, ...]
    control: str
    treatments: tuple[str, ...]
    alpha: float
    adjustment: str
    skipped: tuple[tuple[str, str, str, str], ...] = ()

    def spec(self, metric: str) -> MetricSpec:
        """The spec of an evaluated metric."""
        for spec in self.specs:
            if spec.name == metric:
                return spec
        raise KeyError(f"metric '{metric}' was not evaluated")

    def row(self, metric: str, segment: str, arm: str) -> pd.Series | None:
        """The comparison of one metric, segment and arm, or None."""
        hit = self.rows[
            (self.rows["metric"] == metric)
            & (self.rows["segment"] == segment)
            & (self.rows["arm"] == arm)
        ]
        return None if hit.empty else hit.iloc[0]

    def arm_stats(self, metric: str, segment: str, arm: str) -> pd.Series | None:
        """The sufficient statistics of one metric, segment and arm, or None."""
        hit = self.stats[
            (self.stats["metric"] == metric)
            & (self.stats["segment"] == segment)
            & (self.stats["arm"] == arm)
        ]
        return None if hit.empty else hit.iloc[0]

    @property
    def segments(self) -> list[str]:
        """Segments with at least one comparison, ``all`` first."""
        return order_segments(self.rows["segment"]) if not self.rows.empty else []


def effects_from_stats(
    table: pd.DataFrame,
    specs: Sequence[MetricSpec],
    *,
    control: str,
    treatments: Sequence[str] | None = None,
    alpha: float = stats.DEFAULT_ALPHA,
    adjustment: stats.PValueAdjustment = "holm",
) -> EffectsTable:
    """Compare every treatment arm with the control from sufficient statistics.

    Args:
        table: Columns ``metric``, ``arm``, ``segment``, ``n``, ``sum``, ``sumsq`` (and NPS
            counts); overall rows are added here.
        specs: The metrics to compare, in report order.
        control: The control arm.
        treatments: Treatment arms; default every other arm in ``table``.
        alpha: Two-sided significance level.
        adjustment: Multiple-testing correction over all rows (``holm`` or ``fdr_bh``).

    Returns:
        The effects table; the p-values of all rows form one family.
    """
    frames = [with_overall(table[table["metric"] == s.name], _STAT_COLUMNS) for s in specs]
    full = pd.concat(frames, ignore_index=True) if frames else table.iloc[0:0]
    arms = (
        sorted(set(full["arm"].astype(str)) - {control}) if treatments is None else list(treatments)
    )
    records: list[dict[str, Any]] = []
    skipped: list[tuple[str, str, str, str]] = []
    for spec in specs:
        part = full[full["metric"] == spec.name]
        lookup = _lookup(part)
        for segment in order_segments(part["segment"].astype(str)):
            c = lookup.get((control, segment))
            for arm in arms:
                t = lookup.get((arm, segment))
                if t is None or c is None or int(t["n"]) == 0 or int(c["n"]) == 0:
                    empty = "treatment" if t is None or int(t["n"]) == 0 else "control"
                    skipped.append((spec.name, segment, arm, f"empty_{empty}"))
                    continue
                comparison = compare_rows(spec.kind, t, c, alpha=alpha)
                record = {
                    "metric": spec.name,
                    "segment": segment,
                    "arm": arm,
                    "control_arm": control,
                    "kind": spec.kind,
                    "lower_is_better": spec.lower_is_better,
                    **{name: getattr(comparison, name) for name in _COMPARISON_FIELDS},
                }
                records.append(record)
    rows = pd.DataFrame.from_records(records, columns=list(EFFECT_COLUMNS[:-3]))
    adjusted = stats.adjust_pvalues(rows["p_value"].to_numpy(dtype=float), adjustment, alpha=alpha)
    rows["p_adjusted"] = list(adjusted.p_adjusted)
    rows["significant"] = list(adjusted.rejected)
    rows["improved"] = [
        _improved(s, d) for s, d in zip(_specs_of(rows, specs), rows["diff"], strict=True)
    ]
    return EffectsTable(
        rows=rows,
        stats=full.reset_index(drop=True),
        specs=tuple(specs),
        control=control,
        treatments=tuple(arms),
        alpha=alpha,
        adjustment=adjustment,
        skipped=tuple(skipped),
    )


def _specs_of(rows: pd.DataFrame, specs: Sequence[MetricSpec]) -> list[MetricSpec]:
    by_name = {s.name: s for s in specs}
    return [by_name[m] for m in rows["metric"]]


def collect_stats(outcomes: Outcomes, specs: Sequence[MetricSpec], period: Period) -> pd.DataFrame:
    """Sufficient statistics of every metric in one period, stacked with a ``metric`` column."""
    frames = []
    for name, part in outcomes.stats_many(specs, period).items():
        if part is None or part.empty:
            continue
        frames.append(
            part.assign(
                metric=name, arm=part["arm"].astype(str), segment=part["segment"].astype(str)
            )
        )
    columns = ["metric", "arm", "segment", *_STAT_COLUMNS]
    if not frames:
        return pd.DataFrame(columns=columns)
    out = pd.concat(frames, ignore_index=True)
    for column in _NPS_COUNTS:
        if column not in out:
            out[column] = 0
    out[list(_NPS_COUNTS)] = out[list(_NPS_COUNTS)].fillna(0)
    out[["sum", "sumsq"]] = out[["sum", "sumsq"]].fillna(0.0)
    return out[columns]


def evaluate_effects(
    data: CampaignData,
    assignment: nw.LazyFrame,
    metrics: Sequence[str],
    windows: Windows,
    *,
    control: str = "control",
    treatments: Sequence[str] | None = None,
    alpha: float = stats.DEFAULT_ALPHA,
    adjustment: stats.PValueAdjustment = "holm",
) -> EffectsTable:
    """Post-window effects of every metric per segment and arm, from engine-side sums only.

    Args:
        data: The canonical tables.
        assignment: ``customer_id``, ``arm``, ``segment`` on the same engine as ``data``
            (``CampaignData.register`` or ``data.table("assignment")``).
        metrics: Catalogue metric names.
        windows: The outcome windows; the post window is compared. Churn's active customers
            are judged on ``windows.active_as_of`` (``Windows.around``: the day before the
            campaign started).
        control: The control arm.
        treatments: Treatment arms (default: every other arm).
        alpha: Two-sided significance level.
        adjustment: ``holm`` (default) or ``fdr_bh`` over all segments x metrics x arms.

    Returns:
        The effects table. One ``metrics.group_stats_many`` query (all metrics in one pass)
        reaches the engine; no per-customer row is collected.
    """
    specs = [metric_spec(m) for m in metrics]
    outcomes = DataOutcomes(data, assignment, windows)
    table = collect_stats(outcomes, specs, "post")
    return effects_from_stats(
        table, specs, control=control, treatments=treatments, alpha=alpha, adjustment=adjustment
    )


def _fields(result: object) -> dict[str, Any]:
    return {f.name: getattr(result, f.name) for f in fields(result)}


def _pairs(
    table: pd.DataFrame, control: str, treatments: Sequence[str]
) -> Iterable[tuple[str, str, pd.Series, pd.Series]]:
    """(segment, arm, treatment row, control row) for every segment where both arms have rows."""
    lookup = _lookup(table)
    for segment in order_segments(table["segment"].astype(str)):
        c = lookup.get((control, segment))
        for arm in treatments:
            t = lookup.get((arm, segment))
            if t is not None and c is not None and int(t["n"]) > 0 and int(c["n"]) > 0:
                yield segment, arm, t, c


# --------------------------------------------------------------------------------------------------
# Before and after: difference in differences, CUPED, paired, Mann-Whitney
# --------------------------------------------------------------------------------------------------


def did_table(
    pre: pd.DataFrame,
    post: pd.DataFrame,
    specs: Sequence[MetricSpec],
    *,
    control: str,
    treatments: Sequence[str],
    alpha: float,
) -> pd.DataFrame:
    """Difference in differences per metric, segment and arm: (T_post - T_pre) - (C_post - C_pre).

    Proportions use ``stats.diff_in_diff_proportions``; means and NPS (a mean of +1/0/-1 per
    respondent) the normal approximation ``stats.diff_in_diff_means_from_stats``.

    Returns:
        One row per comparison: keys, the four cell values and every ``stats.Comparison`` field.
    """
    records = []
    for spec in specs:
        before = with_overall(pre[pre["metric"] == spec.name], _STAT_COLUMNS)
        after = with_overall(post[post["metric"] == spec.name], _STAT_COLUMNS)
        pre_lookup = _lookup(before)
        for segment, arm, t_post, c_post in _pairs(after, control, treatments):
            t_pre, c_pre = pre_lookup.get((arm, segment)), pre_lookup.get((control, segment))
            if t_pre is None or c_pre is None or int(t_pre["n"]) == 0 or int(c_pre["n"]) == 0:
                continue
            cells = (t_pre, t_post, c_pre, c_post)
            if spec.kind == "proportion":
                result = stats.diff_in_diff_proportions(
                    *(v for cell in cells for v in (_count(cell["sum"]), int(cell["n"]))),
                    alpha=alpha,
                )
            else:
                result = stats.diff_in_diff_means_from_stats(
                    *(
                        v
                        for cell in cells
                        for v in (
                            stat_value(cell, spec.kind),
                            _sd_or_zero(cell, spec.kind),
                            int(cell["n"]),
                        )
                    ),
                    alpha=alpha,
                )
            records.append(
                {
                    "metric": spec.name,
                    "segment": segment,
                    "arm": arm,
                    "kind": spec.kind,
                    "lower_is_better": spec.lower_is_better,
                    "treatment_pre": stat_value(t_pre, spec.kind),
                    "treatment_post": stat_value(t_post, spec.kind),
                    "control_pre": stat_value(c_pre, spec.kind),
                    "control_post": stat_value(c_post, spec.kind),
                    **_fields(result),
                }
            )
    return pd.DataFrame.from_records(records)


def _sd_or_zero(row: pd.Series, kind: Kind) -> float:
    """The sd for the DiD helpers, which ignore it for a single observation."""
    sd = stat_sd(row, kind)
    return 0.0 if math.isnan(sd) else sd


def cuped_table(
    outcomes: Outcomes,
    specs: Sequence[MetricSpec],
    effects: EffectsTable,
) -> pd.DataFrame:
    """CUPED (covariate: the same metric in the pre window) from engine sums, beside the plain test.

    Only metrics whose pre-window value exists for every customer are adjusted (orders and
    complaints are 0 without rows); survey scores are not, because requiring an earlier answer
    would change who is compared.

    Returns:
        One row per metric, segment and arm: the plain difference and CI, the CUPED difference,
        CI, p-value and the variance reduction achieved.
    """
    records = []
    for spec in specs:
        if not spec.cuped:
            continue
        sums = moment_sums(outcomes, spec)
        if sums is None or sums.empty:
            continue
        sums = with_overall(sums.astype({"arm": str, "segment": str}), _MOMENT_COLUMNS)
        for segment, arm, t, c in _pairs(sums, effects.control, effects.treatments):
            if int(t["n"]) < 2 or int(c["n"]) < 2:  # noqa: PLR2004 - variances need two customers
                continue
            result = stats.cuped_from_stats(
                *(int(t["n"]), *(float(t[k]) for k in _MOMENT_COLUMNS[1:])),
                *(int(c["n"]), *(float(c[k]) for k in _MOMENT_COLUMNS[1:])),
                alpha=effects.alpha,
            )
            plain = effects.row(spec.name, segment, arm)
            records.append(
                {
                    "metric": spec.name,
                    "segment": segment,
                    "arm": arm,
                    "kind": spec.kind,
                    "plain_diff": math.nan if plain is None else plain["diff"],
                    "plain_ci_low": math.nan if plain is None else plain["ci_low"],
                    "plain_ci_high": math.nan if plain is None else plain["ci_high"],
                    **_fields(result),
                }
            )
    return pd.DataFrame.from_records(records)


def mann_whitney_table(
    outcomes: Outcomes, specs: Sequence[MetricSpec], effects: EffectsTable
) -> pd.DataFrame:
    """Mann-Whitney U beside the Welch test for 1-5 scores, from value counts per arm (engine).

    Returns:
        One row per ordinal metric, segment and arm: n, U, p, probability of superiority and
        the Welch p-value of the same comparison.
    """
    records = []
    for spec in specs:
        if not spec.ordinal:
            continue
        counts = value_counts(outcomes, spec)
        if counts is None or counts.empty:
            continue
        counts = counts.astype({"arm": str, "segment": str})
        if not _single(counts["segment"]):
            overall = counts.groupby(["arm", "value"], as_index=False)["count"].sum()
            counts = pd.concat([overall.assign(segment=ALL_SEGMENTS), counts], ignore_index=True)
        levels = np.sort(counts["value"].unique())
        for segment in order_segments(counts["segment"]):
            part = counts[counts["segment"] == segment]
            by_arm = {
                arm: g.set_index("value")["count"].reindex(levels, fill_value=0).to_numpy()
                for arm, g in part.groupby("arm")
            }
            control = by_arm.get(effects.control)
            for arm in effects.treatments:
                treated = by_arm.get(arm)
                if control is None or treated is None or control.sum() == 0 or treated.sum() == 0:
                    continue
                result = stats.mann_whitney_from_counts(treated.tolist(), control.tolist())
                welch = effects.row(spec.name, segment, arm)
                records.append(
                    {
                        "metric": spec.name,
                        "segment": segment,
                        "arm": arm,
                        **_fields(result),
                        "welch_p_value": math.nan if welch is None else welch["p_value"],
                    }
                )
    return pd.DataFrame.from_records(records)


@dataclass(frozen=True)
class PairedTable:
    """Paired before/after results for customers with a value in both windows.

    Attributes:
        rows: One row per metric, segment and arm with every ``stats.PairedResult`` field.
        too_many: Metrics skipped because more than the cap of customers had both values.
    """

    rows: pd.DataFrame
    too_many: tuple[str, ...] = ()


def paired_table(
    outcomes: Outcomes,
    specs: Sequence[MetricSpec],
    *,
    arms: Sequence[str],
    alpha: float,
    max_customers: int,
) -> PairedTable:
    """Paired t-test and Wilcoxon signed-rank for customers with a 1-5 score in both windows.

    The pairs are counted in the engine first; per-customer values are collected only when there
    are at most ``max_customers`` of them (the Wilcoxon test needs the individual differences).
    """
    records, too_many = [], []
    for spec in specs:
        if not spec.ordinal:
            continue
        post, pre = outcomes.frame(spec, "post"), outcomes.frame(spec, "pre")
        if post is None or pre is None:
            continue
        joined = post.join(pre.select(CUSTOMER_ID, nw.col("value").alias("before")), on=CUSTOMER_ID)
        n_pairs = int(joined.select(nw.len()).collect().item())
        if n_pairs > max_customers:
            too_many.append(spec.name)
            continue
        values = (
            joined.select("arm", "segment", "before", "value").collect(backend="pandas").to_native()
        )
        values = values.astype({"arm": str, "segment": str})
        groups = {str(s): g for s, g in values.groupby("segment")}
        if len(groups) > 1:
            groups[ALL_SEGMENTS] = values
        for segment in order_segments(groups):
            part = groups[segment]
            for arm in arms:
                rows = part[part["arm"] == arm]
                if len(rows) < 2:  # noqa: PLR2004 - a paired test needs two pairs
                    continue
                result = stats.paired_change(
                    rows["before"].to_numpy(), rows["value"].to_numpy(), alpha=alpha
                )
                records.append(
                    {"metric": spec.name, "segment": segment, "arm": arm, **_fields(result)}
                )
    return PairedTable(pd.DataFrame.from_records(records), tuple(too_many))


def _change_fields(change: stats.PairedChange) -> dict[str, Any]:
    keys = ("mean_diff", "se", "statistic", "df", "p_value", "ci_low", "ci_high")
    return {k: getattr(change, k) for k in keys}


def before_after_table(
    outcomes: Outcomes,
    specs: Sequence[MetricSpec],
    *,
    alpha: float,
) -> pd.DataFrame:
    """Pre vs post window for the same customers, when there is no control group (not causal).

    Every test runs on engine sums over the customers with a value in both windows. Yes/no
    outcomes (proportions): McNemar's test on the discordant pairs, counted in the engine as
    sums of indicator products (yes before and no after, no before and yes after), with a Wald
    CI of the change. Means: paired t-test on each customer's change. NPS: the two windows'
    respondents compared as independent samples (``stats.compare_nps``), because an NPS is not
    defined per customer. (The paired section adds the Wilcoxon test for 1-5 scores.)

    Returns:
        One row per metric and segment: n, before, after, change, CI, p-value, method
        (``mcnemar``, ``paired`` or ``independent``), and for ``mcnemar`` the discordant pairs.
    """
    records = []
    for spec in specs:
        if spec.kind == "nps":
            records += _nps_before_after(outcomes, spec, alpha)
            continue
        post, pre = outcomes.frame(spec, "post"), outcomes.frame(spec, "pre")
        if post is None or pre is None:
            continue
        joined = post.join(pre.select(CUSTOMER_ID, nw.col("value").alias("x")), on=CUSTOMER_ID)
        x, y = nw.col("x"), nw.col("value")
        d = y - x
        aggs = [
            nw.len().alias("n"),
            x.sum().alias("sum_x"),
            y.sum().alias("sum_y"),
            d.sum().alias("sum_d"),
            (d * d).sum().alias("sumsq_d"),
        ]
        columns = ["n", "sum_x", "sum_y", "sum_d", "sumsq_d"]
        if spec.kind == "proportion":
            aggs += [
                (x * (1 - y)).sum().alias("yes_to_no"),
                ((1 - x) * y).sum().alias("no_to_yes"),
            ]
            columns += ["yes_to_no", "no_to_yes"]
        sums = (
            joined.group_by("segment")
            .agg(*aggs)
            .collect(backend="pandas")
            .to_native()
            .astype({"segment": str})
        )
        sums = with_overall(sums, columns)
        for _, row in sums.set_index("segment").loc[order_segments(sums["segment"])].iterrows():
            n = int(row["n"])
            if n == 0:
                continue
            if spec.kind == "proportion":
                yes_to_no, no_to_yes = _count(row["yes_to_no"]), _count(row["no_to_yes"])
                change = stats.mcnemar_change(n, yes_to_no, no_to_yes, alpha=alpha)
                test = {
                    **_change_fields(change),
                    "yes_to_no": yes_to_no,
                    "no_to_yes": no_to_yes,
                    "note": change.note,
                }
                method = "mcnemar"
            else:
                paired = stats.paired_change_from_sums(
                    n, float(row["sum_d"]), float(row["sumsq_d"]), alpha=alpha
                )
                test = _change_fields(paired)
                method = "paired"
            records.append(
                {
                    "metric": spec.name,
                    "segment": row.name,
                    "kind": spec.kind,
                    "n": n,
                    "n_before": n,
                    "before": row["sum_x"] / n,
                    "after": row["sum_y"] / n,
                    **test,
                    "method": method,
                }
            )
    return pd.DataFrame.from_records(records)


def _nps_before_after(outcomes: Outcomes, spec: MetricSpec, alpha: float) -> list[dict[str, Any]]:
    pre, post = outcomes.stats(spec, "pre"), outcomes.stats(spec, "post")
    if pre is None or post is None or pre.empty or post.empty:
        return []
    pre_seg = with_overall(
        pre.groupby("segment", as_index=False)[list(_STAT_COLUMNS)].sum().astype({"segment": str}),
        _STAT_COLUMNS,
    )
    post_seg = with_overall(
        post.groupby("segment", as_index=False)[list(_STAT_COLUMNS)].sum().astype({"segment": str}),
        _STAT_COLUMNS,
    )
    before = pre_seg.set_index("segment")
    records = []
    for _, row in post_seg.set_index("segment").loc[order_segments(post_seg["segment"])].iterrows():
        if (
            row.name not in before.index
            or int(row["n"]) == 0
            or int(before.loc[row.name, "n"]) == 0
        ):
            continue
        old = before.loc[row.name]
        result = stats.compare_nps(
            *(_count(row[k]) for k in _NPS_COUNTS),
            *(_count(old[k]) for k in _NPS_COUNTS),
            alpha=alpha,
        )
        records.append(
            {
                "metric": spec.name,
                "segment": row.name,
                "kind": spec.kind,
                "n": int(row["n"]),
                "n_before": int(old["n"]),
                "before": result.value_control,
                "after": result.value_treatment,
                "mean_diff": result.diff,
                "se": result.se,
                "statistic": result.statistic,
                "df": math.nan,
                "p_value": result.p_value,
                "ci_low": result.ci_low,
                "ci_high": result.ci_high,
                "method": "independent",
            }
        )
    return records


# --------------------------------------------------------------------------------------------------
# Design checks: sample ratio and balance
# --------------------------------------------------------------------------------------------------


def arm_counts(population: nw.LazyFrame) -> pd.DataFrame:
    """Customers per segment and arm, counted in the engine."""
    out = (
        population.group_by("segment", "arm")
        .agg(nw.len().alias("n"))
        .collect(backend="pandas")
        .to_native()
    )
    return (
        out.astype({"segment": str, "arm": str})
        .sort_values(["segment", "arm"])
        .reset_index(drop=True)
    )


def sample_ratio_table(
    counts: pd.DataFrame,
    planned: dict[str, float] | None,
    segment_shares: dict[str, dict[str, float]] | None = None,
) -> pd.DataFrame:
    """Chi-square test of arm sizes against the planned split, per segment and overall.

    The overall expectation weights each segment's planned split by its size, so per-segment
    splits that differ are not mistaken for a mismatch.

    Returns:
        One row per segment (``all`` first): arms, observed counts and shares, planned shares,
        chi-square, p-value and whether it is flagged (p < ``stats.SRM_ALPHA``); arms found in
        the data but not in the plan are listed in ``unplanned``.
    """
    segment_shares = segment_shares or {}
    records = []
    expected_total: dict[str, float] = {}
    observed_total: dict[str, int] = {}
    for segment, part in counts.groupby("segment"):
        shares = segment_shares.get(str(segment), planned)
        if not shares:  # a segment the plan did not target: nothing to check it against
            continue
        observed = dict(zip(part["arm"], part["n"].astype(int), strict=True))
        size = sum(observed.values())
        weight = sum(shares.values())
        for arm, share in shares.items():
            expected_total[arm] = expected_total.get(arm, 0.0) + size * share / weight
        for arm, n in observed.items():
            observed_total[arm] = observed_total.get(arm, 0) + n
        records.append(_srm_record(str(segment), observed, shares))
    if len(records) > 1:
        records.insert(0, _srm_record(ALL_SEGMENTS, observed_total, expected_total))
    out = pd.DataFrame.from_records(records)
    if out.empty:
        return out
    order = order_segments(out["segment"])
    return out.set_index("segment").loc[order].reset_index()


def _srm_record(segment: str, observed: dict[str, int], shares: dict[str, float]) -> dict[str, Any]:
    arms = [a for a in shares if shares[a] > 0]
    unplanned = sorted(a for a in observed if a not in arms and observed[a] > 0)
    record: dict[str, Any] = {
        "segment": segment,
        "arms": tuple(arms),
        "observed": tuple(int(observed.get(a, 0)) for a in arms),
        "expected_shares": tuple(shares[a] / sum(shares[b] for b in arms) for a in arms),
        "unplanned": tuple(unplanned),
    }
    if len(arms) < 2 or sum(record["observed"]) == 0:  # noqa: PLR2004 - a split needs two arms
        return {**record, "statistic": math.nan, "p_value": math.nan, "flagged": bool(unplanned)}
    result = stats.sample_ratio_test(list(record["observed"]), [shares[a] for a in arms], arms=arms)
    return {
        **record,
        "observed_shares": result.observed_shares,
        "statistic": result.statistic,
        "p_value": result.p_value,
        "flagged": result.flagged or bool(unplanned),
    }


def balance_table(pre_effects: EffectsTable, threshold: float) -> pd.DataFrame:
    """Pre-window means by arm: standardized difference and the (unadjusted) test of each.

    The standardized mean difference is the difference over the root mean of the two arms'
    per-customer variances. A row is flagged when it is above ``threshold`` and its raw p-value
    is below alpha: in a randomized split small segments differ by chance, and only a sizeable
    difference that chance does not explain points to a broken assignment.
    """
    records = []
    for _, row in pre_effects.rows.iterrows():
        spec = pre_effects.spec(row["metric"])
        t = pre_effects.arm_stats(row["metric"], row["segment"], row["arm"])
        c = pre_effects.arm_stats(row["metric"], row["segment"], pre_effects.control)
        smd = stats.standardized_difference(
            row["diff"], stat_sd(t, spec.kind), stat_sd(c, spec.kind)
        )
        records.append(
            {
                "metric": row["metric"],
                "segment": row["segment"],
                "arm": row["arm"],
                "kind": spec.kind,
                "n_treatment": row["n_treatment"],
                "n_control": row["n_control"],
                "value_treatment": row["value_treatment"],
                "value_control": row["value_control"],
                "smd": smd,
                "p_value": row["p_value"],
                "flagged": bool(
                    not math.isnan(smd)
                    and abs(smd) > threshold
                    and _finite(row["p_value"])
                    and row["p_value"] < pre_effects.alpha
                ),
            }
        )
    return pd.DataFrame.from_records(records)


# --------------------------------------------------------------------------------------------------
# Goals
# --------------------------------------------------------------------------------------------------

Grade = Literal["excellent", "good", "fair", "poor", "n/a"]


@dataclass(frozen=True, slots=True)
class Goal:
    """One goal to grade.

    Attributes:
        metric: The metric it is measured by.
        segment: The segment it is about (``all`` for every assigned customer).
        direction: ``increase`` or ``decrease``.
        target: Target value (rates as fractions, NPS in points); NaN when the plan has none.
        baseline: The baseline fixed in the plan or given in params; None to measure it.
        deadline: Deadline (ISO date), when given.
        name: Display name, when given.
        filters: Attribute filters of the scope: (attribute, accepted values) pairs.
        outcome_window: The window the plan fixed for the goal; None for the evaluation's.
        baseline_window: The plan's baseline window; None for the evaluation's pre window.
        source: ``plan`` or ``params``.
        plan_baseline_source: How the plan measured the baseline: ``pre_window`` (the scope's
            customers, both arms, before the start) or ``earlier_cohort`` (the customers the
            segment rule picked one window earlier); None for params goals.
        problems: What the plan found wrong with the goal, as (code, message) pairs
            (plan.json ``goals[].problems``; codes in docs/plan_json.md).
    """

    metric: str
    segment: str
    direction: str
    target: float
    baseline: float | None = None
    deadline: str | None = None
    name: str | None = None
    filters: tuple[tuple[str, tuple[str, ...]], ...] = ()
    outcome_window: tuple[dt.date, dt.date] | None = None
    baseline_window: tuple[dt.date, dt.date] | None = None
    source: str = "params"
    plan_baseline_source: str | None = None
    problems: tuple[tuple[str, str], ...] = ()


def attainment(actual: float, target: float, direction: str) -> float:
    """CONVENTIONS attainment: actual / target when higher is better, target / actual otherwise.

    NaN when the ratio has no meaning: a target or actual of 0 or below in the denominator, or a
    negative value (an NPS below 0), where a ratio would reward moving the wrong way.
    """
    if any(math.isnan(v) for v in (actual, target)) or actual < 0 or target < 0:
        return math.nan
    if direction == "increase":
        return actual / target if target > 0 else math.nan
    return target / actual if actual > 0 else math.nan


def _known(*values: float) -> bool:
    return all(v is not None and not math.isnan(v) for v in values)


def on_improving_side(baseline: float, target: float, direction: str) -> bool | None:
    """Whether the target lies on the good side of the baseline (None when either is unknown).

    Higher is better: target > baseline; lower is better: target < baseline. A target equal to
    the baseline, or on the other side, asks for no improvement (plan problem
    ``target_wrong_side``).
    """
    if not _known(baseline, target):
        return None
    return target > baseline if direction == "increase" else target < baseline


def worse_than_baseline(actual: float, baseline: float, direction: str) -> bool | None:
    """Whether the actual moved the wrong way from the baseline (None when either is unknown)."""
    if not _known(actual, baseline):
        return None
    return actual < baseline if direction == "increase" else actual > baseline


def progress(actual: float, baseline: float, target: float, direction: str) -> float:
    """Share of the way from baseline to target: (actual - baseline) / (target - baseline).

    NaN when a value is unknown or the target is not on the improving side of the baseline:
    a ratio to a step in the wrong direction would report getting worse as progress.
    """
    if not _known(actual) or not on_improving_side(baseline, target, direction):
        return math.nan
    return (actual - baseline) / (target - baseline)


def grade(value: float, bands: GradeBands) -> Grade:
    """The grade of an attainment: excellent, good, fair, poor (``n/a`` when undefined)."""
    if math.isnan(value):
        return "n/a"
    for name in ("excellent", "good", "fair"):
        if value >= getattr(bands, name):
            return name  # type: ignore[return-value]
    return "poor"


def pooled_value(
    table: pd.DataFrame, metric: str, arms: Sequence[str], kind: Kind, segment: str = ALL_SEGMENTS
) -> tuple[float, int]:
    """A metric's value over ``arms`` pooled, in one segment or (``all``) every segment.

    Args:
        table: Sufficient statistics per metric, arm and segment (without ``all`` rows).
        metric: The metric.
        arms: The arms to pool.
        kind: The metric's kind.
        segment: A segment, or ``all``.

    Returns:
        The value and the number of customers it is computed over.
    """
    if table.empty:
        return math.nan, 0
    part = table[(table["metric"] == metric) & table["arm"].isin(list(arms))]
    if segment != ALL_SEGMENTS:
        part = part[part["segment"] == segment]
    if part.empty:
        return math.nan, 0
    total = part[list(_STAT_COLUMNS)].sum()
    return stat_value(total, kind), int(total["n"])


Measure = Callable[[Goal, MetricSpec, Period], tuple[float, int]]
"""Value of a goal's metric on its scope in a period, with the customers it covers."""


def table_measure(post: pd.DataFrame, arms: Sequence[str]) -> Measure:
    """Goals measured from an outcome table's statistics.

    The table has no before period of its own (a covariate may measure something else), so a
    baseline must be given; attribute filters cannot be applied.
    """

    def measure(goal: Goal, spec: MetricSpec, period: Period) -> tuple[float, int]:
        if goal.filters or period == "pre":
            return math.nan, 0
        return pooled_value(post, goal.metric, arms, spec.kind, goal.segment)

    return measure


def data_measure(
    data: CampaignData, population: nw.LazyFrame, windows: Windows, arms: Sequence[str]
) -> Measure:
    """Goals measured in the engine on their own scope (segment, filters) and windows.

    The treated customers (every treatment arm) of the goal's segment, narrowed by the scope's
    attribute filters through the customers table, in the window the plan fixed for the goal
    (else the evaluation's windows).
    """

    def measure(goal: Goal, spec: MetricSpec, period: Period) -> tuple[float, int]:
        scope = population.filter(nw.col("arm").is_in(list(arms)))
        if goal.segment != ALL_SEGMENTS:
            scope = scope.filter(nw.col("segment") == goal.segment)
        if goal.filters:
            if not data.has("customers"):
                return math.nan, 0
            customers = data.table("customers")
            names = customers.collect_schema().names()
            if any(column not in names for column, _ in goal.filters):
                return math.nan, 0
            for column, values in goal.filters:
                customers = customers.filter(nw.col(column).cast(nw.String).is_in(list(values)))
            scope = scope.join(customers.select(CUSTOMER_ID), on=CUSTOMER_ID)
        own = Windows(
            pre=goal.baseline_window or windows.pre,
            post=goal.outcome_window or windows.post,
            days=windows.days,
            active_as_of=windows.active_as_of,
        )
        part = DataOutcomes(data, scope, own).stats(spec, period)
        if part is None or part.empty:
            return math.nan, 0
        total = part[[c for c in _STAT_COLUMNS if c in part]].sum()
        for column in _NPS_COUNTS:
            total[column] = total.get(column, 0)
        return stat_value(total, spec.kind), int(total["n"])

    return measure


_LOWEST_GRADE: Grade = "poor"


def goal_table(
    goals: Sequence[Goal],
    specs: Sequence[MetricSpec],
    measure: Measure,
    bands: GradeBands,
) -> pd.DataFrame:
    """Grade every goal on the treated customers (all treatment arms pooled).

    ``actual`` is the value in the outcome window, ``baseline`` the one fixed in the plan or
    given in params, else measured on the same customers in the pre window. Attainment is not an
    effect: the comparison with the control group says how much of the change the campaign
    caused.

    Attainment is the CONVENTIONS ratio, but a goal whose actual moved the wrong way from its
    baseline is graded at most the lowest band (``poor``): with a target on the wrong side of
    the baseline the ratio alone would grade getting worse as good. Progress is NaN when the
    target is not on the improving side. The plan's problems of the goal are carried along.

    Returns:
        One row per goal: name, metric, segment, filters, direction, baseline, baseline_source,
        plan_baseline_source, target, actual, n, attainment, progress, grade, deadline,
        target_on_improving_side, worse_than_baseline, problems (list of {code, message}),
        measurable, kind, source.
    """
    by_name = {s.name: s for s in specs}
    records = []
    for goal in goals:
        spec = by_name.get(goal.metric)
        actual, n = (math.nan, 0) if spec is None else measure(goal, spec, "post")
        if goal.baseline is not None:
            baseline, source = float(goal.baseline), ("plan" if goal.source == "plan" else "given")
        elif spec is not None:
            baseline = measure(goal, spec, "pre")[0]
            source = "measured" if math.isfinite(baseline) else "none"
        else:
            baseline, source = math.nan, "none"
        ratio = attainment(actual, goal.target, goal.direction)
        worse = worse_than_baseline(actual, baseline, goal.direction)
        graded = grade(ratio, bands)
        if worse and graded != "n/a":
            graded = _LOWEST_GRADE
        records.append(
            {
                "name": goal.name,
                "metric": goal.metric,
                "segment": goal.segment,
                "filters": {k: list(v) for k, v in goal.filters},
                "direction": goal.direction,
                "baseline": baseline,
                "baseline_source": source,
                "plan_baseline_source": goal.plan_baseline_source if source == "plan" else None,
                "target": goal.target,
                "actual": actual,
                "n": n,
                "attainment": ratio,
                "progress": progress(actual, baseline, goal.target, goal.direction),
                "grade": graded,
                "deadline": goal.deadline,
                "target_on_improving_side": on_improving_side(
                    baseline, goal.target, goal.direction
                ),
                "worse_than_baseline": worse,
                "problems": [{"code": c, "message": m} for c, m in goal.problems],
                "measurable": spec is not None and n > 0,
                "kind": None if spec is None else spec.kind,
                "source": goal.source,
            }
        )
    return pd.DataFrame.from_records(records)


def _first(mapping: dict[str, Any], *keys: str) -> Any:
    for key in keys:
        if mapping.get(key) is not None:
            return mapping[key]
    return None


_PLAN_DIRECTIONS = {
    "higher": "increase",
    "lower": "decrease",
    "increase": "increase",
    "decrease": "decrease",
}


def _plan_window(raw: Any) -> tuple[dt.date, dt.date] | None:
    if not isinstance(raw, dict) or raw.get("after") is None or raw.get("through") is None:
        return None
    try:
        return dt.date.fromisoformat(str(raw["after"])), dt.date.fromisoformat(str(raw["through"]))
    except ValueError:
        return None


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def goals_from_plan(plan: dict[str, Any], default_direction: Callable[[str], str]) -> list[Goal]:
    """The goals of a plan.json (docs/plan_json.md), with the plan's baseline, windows and problems.

    A goal whose target the plan could not set is kept with a NaN target, so the report shows it
    as not gradable instead of hiding it; the plan's problems (e.g. ``target_wrong_side``) travel
    with the goal so the report can show them beside its grade.
    """
    goals = []
    for item in plan.get("goals") or []:
        if not isinstance(item, dict) or item.get("metric") is None:
            continue
        metric = str(item["metric"])
        scope = item.get("scope") if isinstance(item.get("scope"), dict) else {}
        segment = scope.get("segment") or item.get("segment") or ALL_SEGMENTS
        filters = scope.get("filters") if isinstance(scope.get("filters"), dict) else {}
        target = _number(item.get("target"))
        problems = tuple(
            (str(p.get("code") or ""), str(p.get("message") or p.get("code") or ""))
            for p in item.get("problems") or []
            if isinstance(p, dict)
        )
        plan_baseline = item.get("baseline_source")
        goals.append(
            Goal(
                metric=metric,
                segment=str(segment),
                direction=_PLAN_DIRECTIONS.get(
                    str(item.get("direction")), default_direction(metric)
                ),
                target=math.nan if target is None else target,
                baseline=_number(item.get("baseline")),
                deadline=None if item.get("deadline") is None else str(item["deadline"]),
                name=_first(item, "description", "name", "id"),
                filters=tuple((str(k), tuple(str(x) for x in v)) for k, v in filters.items() if v),
                outcome_window=_plan_window(item.get("outcome_window")),
                baseline_window=_plan_window(item.get("baseline_window")),
                source="plan",
                plan_baseline_source=None if plan_baseline is None else str(plan_baseline),
                problems=problems,
            )
        )
    return goals


def shares_from_plan(
    plan: dict[str, Any],
) -> tuple[dict[str, float] | None, dict[str, dict[str, float]]]:
    """Planned arm shares of a plan.json: the default split and per-segment splits.

    Reads ``arm_shares`` (either ``{arm: share}`` or ``{segment: {arm: share}}``) and
    ``segment_shares`` (``{segment: {arm: share}}``).
    """
    raw = plan.get("arm_shares")
    flat = _as_shares(raw)
    per_segment: dict[str, dict[str, float]] = {}
    for nested in (raw if flat is None else None, plan.get("segment_shares")):
        if isinstance(nested, dict):
            per_segment.update({str(s): v for s, r in nested.items() if (v := _as_shares(r))})
    return flat, per_segment


def _as_shares(raw: Any) -> dict[str, float] | None:
    if isinstance(raw, dict) and raw and all(_number(v) is not None for v in raw.values()):
        return {str(k): float(v) for k, v in raw.items()}
    return None


# --------------------------------------------------------------------------------------------------
# Customer feedback, return and process
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Feedback:
    """Customer feedback of the post window against the template's standards.

    Attributes:
        mean_satisfaction: Mean 1-5 satisfaction of treated customers who answered (the mean of
            each customer's answers); NaN when unknown.
        respondents: Treated customers who answered.
        negative: Negative suggestions from treated customers (None when not measurable).
        negative_control: The same count in the control arm, for comparison (None without one).
        comments: Comments from treated customers.
        min_mean_satisfaction: The standard for the mean.
        max_negative: The standard for negative suggestions.
    """

    mean_satisfaction: float
    respondents: int
    negative: int | None
    negative_control: int | None
    comments: int
    min_mean_satisfaction: float
    max_negative: int

    @property
    def satisfaction_met(self) -> bool | None:
        """Whether the mean reaches the standard (None when unknown)."""
        return (
            None
            if math.isnan(self.mean_satisfaction)
            else self.mean_satisfaction >= self.min_mean_satisfaction
        )

    @property
    def negative_met(self) -> bool | None:
        """Whether negative suggestions stay within the standard (None when unknown)."""
        return None if self.negative is None else self.negative <= self.max_negative


def feedback_summary(
    data: CampaignData,
    population: nw.LazyFrame,
    windows: Windows,
    params: EvaluationParams,
    *,
    treatments: Sequence[str],
    control: str | None,
) -> Feedback:
    """Mean satisfaction and negative suggestions of treated customers in the post window."""
    mean, respondents = math.nan, 0
    if engine_metrics.metric_available(data, "mean_satisfaction"):
        sat = engine_metrics.group_stats(
            data, population, "mean_satisfaction", *windows.post, by=("arm",)
        )
        sat = sat[sat["arm"].astype(str).isin(treatments)]
        respondents = int(sat["n"].sum())
        mean = float(sat["sum"].sum()) / respondents if respondents else math.nan
    negative = negative_control = None
    comments = 0
    if data.has_column("surveys", "comment"):
        rule = params.negative_feedback
        low, high = (dt.datetime.combine(d + dt.timedelta(days=1), dt.time()) for d in windows.post)
        answers = data.table("surveys").filter(
            (nw.col("survey_date") >= low)
            & (nw.col("survey_date") < high)
            & ~nw.col("comment").is_null()
            & (nw.col("comment").str.strip_chars() != "")
        )
        conditions = []
        if data.has_column("surveys", "sentiment") and rule.sentiments:
            sentiments = [s.lower() for s in rule.sentiments]
            conditions.append(
                nw.col("sentiment").str.to_lowercase().is_in(sentiments).fill_null(value=False)
            )
        if data.has_column("surveys", "satisfaction") and rule.max_score is not None:
            conditions.append((nw.col("satisfaction") <= rule.max_score).fill_null(value=False))
        flag = conditions[0] if conditions else nw.lit(value=False)
        for extra in conditions[1:]:
            flag = flag | extra
        counted = (
            answers.join(population.select(CUSTOMER_ID, "arm"), on=CUSTOMER_ID)
            .with_columns(flag.cast(nw.Int64).alias("negative"))
            .group_by("arm")
            .agg(nw.len().alias("comments"), nw.col("negative").sum())
            .collect(backend="pandas")
            .to_native()
            .astype({"arm": str})
            .set_index("arm")
        )
        treated = counted[counted.index.isin(treatments)]
        comments = int(treated["comments"].sum())
        negative = int(treated["negative"].sum()) if conditions else None
        if control is not None and conditions:
            negative_control = int(counted["negative"].get(control, 0))
    return Feedback(
        mean_satisfaction=mean,
        respondents=respondents,
        negative=negative,
        negative_control=negative_control,
        comments=comments,
        min_mean_satisfaction=params.standards.min_mean_satisfaction,
        max_negative=params.standards.max_negative_suggestions,
    )


CostBasis = Literal["actual", "planned", "mixed", "none"]


@dataclass(frozen=True)
class ReturnSummary:
    """Return on the campaign: incremental value against the control (headline) and gross value.

    Attributes:
        costs: One row per category: category, planned, actual, used, basis (actual or planned).
        cost_total: Sum of the used amounts (actual where known, else planned).
        cost_basis: actual (every category), planned (none known), mixed, or none (no costs).
        margin_rate: Share of the value metric counted as value.
        value_metric: The metric of value (spend per customer), or None.
        incremental_value: Sum over segments and treatment arms of (treatment mean - control
            mean) x treated customers, times the margin rate; NaN without a control.
        incremental_ci: Its CI (normal, from the segments' standard errors).
        gross_value: All value of treated customers in the post window, times the margin rate.
        incremental_conversions: Sum of (treatment rate - control rate) x treated customers of
            the conversion metric.
        conversions_ci: Its CI.
        conversion_metric: The conversion metric, or None.
        segments: Segments whose comparison entered the incremental value.
        missing_segments: Segments without a control comparison (not in the incremental value).
        min_roi: The ROI standard.
        alpha: Significance level of the CIs.
    """

    costs: pd.DataFrame
    cost_total: float
    cost_basis: CostBasis
    margin_rate: float
    value_metric: str | None
    incremental_value: float
    incremental_ci: tuple[float, float]
    gross_value: float
    incremental_conversions: float
    conversions_ci: tuple[float, float]
    conversion_metric: str | None
    segments: tuple[str, ...]
    missing_segments: tuple[str, ...]
    min_roi: float
    alpha: float

    def _ratio(self, value: float) -> float:
        return value / self.cost_total if self.cost_total > 0 else math.nan

    @property
    def incremental_roi(self) -> float:
        """Incremental value / cost: the headline ROI."""
        return self._ratio(self.incremental_value)

    @property
    def incremental_roi_ci(self) -> tuple[float, float]:
        """CI of the incremental ROI (the cost is known, so it scales the value's CI)."""
        return (self._ratio(self.incremental_ci[0]), self._ratio(self.incremental_ci[1]))

    @property
    def gross_roi(self) -> float:
        """Gross value / cost: labelled gross, never the headline."""
        return self._ratio(self.gross_value)

    @property
    def cost_per_incremental_conversion(self) -> float:
        """Cost / incremental conversions; NaN when the campaign added none."""
        if self.cost_total > 0 and self.incremental_conversions > 0:
            return self.cost_total / self.incremental_conversions
        return math.nan

    @property
    def meets_standard(self) -> bool | None:
        """Whether the incremental ROI reaches the standard (None when unknown)."""
        roi = self.incremental_roi
        return None if math.isnan(roi) else roi >= self.min_roi

    @property
    def meets_standard_surely(self) -> bool:
        """Whether even the CI's lower bound reaches the standard."""
        low = self.incremental_roi_ci[0]
        return not math.isnan(low) and low >= self.min_roi


def cost_table(
    data: CampaignData | None, params: EvaluationParams
) -> tuple[pd.DataFrame, float, CostBasis]:
    """Budget by category from the costs table (or the params), with the amount used for ROI.

    Every category uses its actual amount where known and its planned amount otherwise.
    """
    columns = ["category", "planned", "actual"]
    if data is not None and data.has("costs"):
        costs = data.to_pandas("costs")
        if "actual" not in costs:
            costs["actual"] = math.nan
        costs = costs[columns]
    elif params.costs:
        costs = pd.DataFrame([c.model_dump() for c in params.costs], columns=columns)
    else:
        return pd.DataFrame(columns=[*columns, "used", "basis"]), math.nan, "none"
    costs = costs.astype({"category": str, "planned": float, "actual": float})
    known = costs["actual"].notna()
    costs["used"] = costs["actual"].where(known, costs["planned"])
    costs["basis"] = np.where(known, "actual", "planned")
    basis: CostBasis = "actual" if known.all() else ("planned" if not known.any() else "mixed")
    return costs.reset_index(drop=True), float(costs["used"].sum()), basis


def _incremental(
    effects: EffectsTable | None, metric: str | None, alpha: float
) -> tuple[stats.IncrementalTotal, tuple[str, ...], tuple[str, ...]]:
    """Sum of diff x treated customers over segments and arms, with its interval."""
    if effects is None or metric is None or metric not in {s.name for s in effects.specs}:
        return stats.incremental_total([], [], [], alpha=alpha), (), ()
    rows = effects.rows[effects.rows["metric"] == metric]
    by_segment = rows[rows["segment"] != ALL_SEGMENTS]
    if by_segment.empty:
        by_segment = rows
    total = stats.incremental_total(
        by_segment["diff"].tolist(),
        by_segment["se"].tolist(),
        by_segment["n_treatment"].tolist(),
        alpha=alpha,
    )
    stats_rows = effects.stats[
        (effects.stats["metric"] == metric) & (effects.stats["segment"] != ALL_SEGMENTS)
    ]
    missing = sorted(set(stats_rows["segment"]) - set(by_segment["segment"]))
    return total, tuple(order_segments(by_segment["segment"])), tuple(missing)


def return_summary(
    effects: EffectsTable | None,
    post: pd.DataFrame,
    costs: tuple[pd.DataFrame, float, CostBasis],
    params: EvaluationParams,
    *,
    treatments: Sequence[str],
    alpha: float,
) -> ReturnSummary:
    """Incremental and gross value, ROI and cost per incremental conversion."""
    value_metric, conversion_metric = params.value_metric_name, params.conversion_metric_name
    margin = params.margin_rate
    value, segments, missing = _incremental(effects, value_metric, alpha)
    conv, _, _ = _incremental(effects, conversion_metric, alpha)
    gross = math.nan
    if value_metric is not None:
        part = post[(post["metric"] == value_metric) & post["arm"].isin(treatments)]
        if not part.empty:
            gross = float(part["sum"].sum()) * margin
    table, total, basis = costs
    return ReturnSummary(
        costs=table,
        cost_total=total,
        cost_basis=basis,
        margin_rate=margin,
        value_metric=value_metric if value_metric in set(post["metric"]) else None,
        incremental_value=value.value * margin,
        incremental_ci=(value.ci_low * margin, value.ci_high * margin),
        gross_value=gross,
        incremental_conversions=conv.value,
        conversions_ci=(conv.ci_low, conv.ci_high),
        conversion_metric=conversion_metric if conversion_metric in set(post["metric"]) else None,
        segments=segments,
        missing_segments=missing,
        min_roi=params.standards.min_roi,
        alpha=alpha,
    )


@dataclass(frozen=True, slots=True)
class Process:
    """Preparation time against the plan.

    Attributes:
        planned_days: Planned preparation days (None when not recorded).
        actual_days: Actual preparation days.
        max_ratio: The standard: actual at most this share of planned.
    """

    planned_days: float | None
    actual_days: float | None
    max_ratio: float

    @property
    def ratio(self) -> float:
        """Actual / planned preparation time."""
        if self.planned_days is None or self.actual_days is None:
            return math.nan
        return self.actual_days / self.planned_days

    @property
    def met(self) -> bool | None:
        """Whether preparation took at most the standard share of the plan."""
        return None if math.isnan(self.ratio) else self.ratio <= self.max_ratio


# --------------------------------------------------------------------------------------------------
# Inputs of the stage: the assignment and the outcome table
# --------------------------------------------------------------------------------------------------

SegmentSource = Literal["assignment", "segmentation", "none"]


@dataclass(frozen=True)
class Assignment:
    """Who was in which arm, on the engine.

    Attributes:
        frame: ``customer_id``, ``arm`` and ``segment`` (all text), one row per customer.
        source: plan (assignment.parquet of the plan stage), data (the data contract's
            assignment table), contacts (every invited customer, no control group) or
            outcome_table.
        segment_source: Where the segments come from: the assignment itself, the segmentation
            stage's segments.parquet, or none (one segment, ``all``).
    """

    frame: nw.LazyFrame
    source: AssignmentSource
    segment_source: SegmentSource


def resolve_assignment(
    ctx: StageContext, data: CampaignData, *, treatment_arm: str = "treatment"
) -> Assignment:
    """The plan stage's assignment, else the data contract's, else the invited customers.

    Args:
        ctx: The stage context (finds artifacts of this or the newest complete earlier run).
        data: The canonical tables.
        treatment_arm: Arm name given to invited customers when only the contacts table exists.

    Returns:
        The assignment on ``data``'s engine.

    Raises:
        AssignmentError: When there is none, or a customer appears twice.
    """
    plan_file = ctx.find_artifact(ASSIGNMENT_FILE)
    source: AssignmentSource
    if plan_file is not None:
        raw, source = data.register("evaluation_assignment", plan_file), "plan"
    elif data.has("assignment"):
        raw, source = data.table("assignment"), "data"
    elif data.has("contacts"):
        raw = (
            data.table("contacts")
            .select(CUSTOMER_ID)
            .unique()
            .with_columns(nw.lit(treatment_arm).alias("arm"))
        )
        source = "contacts"
    else:
        raise AssignmentError(
            "no assignment of customers to arms was found: run the plan stage (it writes "
            f"{ASSIGNMENT_FILE}), or map data.tables.assignment (customer_id, arm, segment) in the "
            "params file, or supply the contacts table of the invited customers"
        )
    names = raw.collect_schema().names()
    for column in (CUSTOMER_ID, "arm"):
        if column not in names:
            raise AssignmentError(
                f"the assignment ({source}) has no column '{column}'; columns: {', '.join(names)}"
            )
    frame = raw.filter(~nw.col(CUSTOMER_ID).is_null()).select(
        nw.col(CUSTOMER_ID).cast(nw.String),
        nw.col("arm").cast(nw.String),
        *([nw.col("segment").cast(nw.String)] if "segment" in names else []),
    )
    segment_source: SegmentSource = "assignment"
    has_segments = "segment" in names and not bool(
        frame.select(nw.col("segment").is_null().all()).collect().item()
    )
    if not has_segments:
        frame = frame.select(CUSTOMER_ID, "arm")
        segments_file = ctx.find_artifact(SEGMENTS_FILE)
        if segments_file is not None:
            segments = data.register("evaluation_segments", segments_file).select(
                nw.col(CUSTOMER_ID).cast(nw.String), nw.col("segment").cast(nw.String)
            )
            frame = frame.join(segments, on=CUSTOMER_ID, how="left")
            segment_source = "segmentation"
        else:
            frame = frame.with_columns(nw.lit(ALL_SEGMENTS).alias("segment"))
            segment_source = "none"
    frame = frame.with_columns(nw.col("segment").fill_null(UNKNOWN_SEGMENT))
    _check_unique(frame, f"the assignment ({source})")
    return Assignment(frame=frame, source=source, segment_source=segment_source)


def _check_unique(frame: nw.LazyFrame, what: str) -> None:
    counts = (
        frame.select(nw.len().alias("rows"), nw.col(CUSTOMER_ID).n_unique().alias("ids"))
        .collect(backend="pandas")
        .to_native()
    )
    rows, ids = int(counts["rows"].iloc[0]), int(counts["ids"].iloc[0])
    if rows != ids:
        raise AssignmentError(
            f"{what} lists {rows - ids:,} customer ids more than once; each customer must be in "
            "exactly one arm. Fix the assignment before evaluating"
        )


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def outcome_table_path(params: CampaignParams, params_dir: Path) -> Path:
    """Where the evaluation's outcome table lives (relative paths start at data.base_dir)."""
    table = params.evaluation.outcome_table
    if table is None:
        raise ValueError("evaluation.outcome_table is not set")
    return (params.data.resolve(params_dir) / table.path).resolve()


def check_outcome_table(params: CampaignParams, params_dir: Path) -> Path:
    """Read and validate the outcome table before any kernel starts (the runner calls this).

    Returns:
        The table's path, for the manifest.

    Raises:
        OutcomeTableError: Every problem, with the file, the column and the fix.
    """
    path = outcome_table_path(params, params_dir)
    read_outcome_table(
        connect(),
        path,
        params.evaluation.outcome_table,
        control=params.evaluation.control_arm,
        treatments=params.evaluation.treatment_arms,
    )
    return path


def read_outcome_table(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    table: OutcomeTableParams,
    *,
    control: str,
    treatments: Sequence[str] | None = None,
) -> TableOutcomes:
    """Read and validate a per-customer outcome table on the engine.

    Every problem is collected before raising: a missing file or column, outcome or covariate
    values that are not numbers, binary outcomes other than 0/1, NPS outside 0-10, rows without
    an arm, a missing control arm or treatment arm, a customer id given twice.

    Args:
        con: The DuckDB connection to read with.
        path: The CSV or Parquet file.
        table: Its params (columns and their kinds).
        control: The control arm, which must be present.
        treatments: Treatment arms that must be present (default: any other arm).

    Returns:
        The outcomes, with one float column per outcome and covariate.

    Raises:
        OutcomeTableError: Listing every problem with the file, the column and the fix.
    """
    where = "evaluation.outcome_table"
    if not path.exists():
        raise OutcomeTableError(
            [f"{where}.path: file not found: {path.name}. Fix the path (relative to data.base_dir)"]
        )
    kind = table.format if table.format != "auto" else _TABLE_FORMATS.get(path.suffix.lower())
    if kind is None:
        raise OutcomeTableError(
            [f"{path.name}: unknown file type '{path.suffix}'; set {where}.format: csv or parquet"]
        )
    try:
        rel = con.read_csv(str(path), header=True) if kind == "csv" else con.read_parquet(str(path))
    except duckdb.Error as exc:
        raise OutcomeTableError(
            [f"{path.name}: cannot read the file: {str(exc).splitlines()[0]}"]
        ) from None
    present = list(rel.columns)
    shown = ", ".join(present[:30])
    named: list[tuple[str, str]] = [("arm_column", table.arm_column)]
    named += [
        (key, getattr(table, key))
        for key in ("id_column", "segment_column", "covariate_column")
        if getattr(table, key) is not None
    ]
    for column, spec in table.outcomes.items():
        named.append((f"outcomes.{column}", column))
        if spec.covariate is not None:
            named.append((f"outcomes.{column}.covariate", spec.covariate))
    problems = [
        f"{path.name}: no column '{column}' (named in {where}.{key}). Columns in the file: "
        f"{shown}. Fix: name one of these columns in {where}.{key}"
        for key, column in named
        if column not in present
    ]
    if problems:
        raise OutcomeTableError(problems)
    numeric = [(c, f"outcome ({s.kind})", s.kind) for c, s in table.outcomes.items()]
    covariates = {
        c: cov for c, s in table.outcomes.items() if (cov := s.covariate or table.covariate_column)
    }
    numeric += [(cov, "covariate", "continuous") for cov in dict.fromkeys(covariates.values())]
    for column, role, value_kind in numeric:
        q = _quote(column)
        cast = f"TRY_CAST({q} AS DOUBLE)"
        checks = [
            (
                f"{q} IS NOT NULL AND trim(CAST({q} AS VARCHAR)) <> '' AND {cast} IS NULL",
                "are not numbers",
                f"clean these rows, or declare another column in {where}.outcomes",
            ),
        ]
        if value_kind == "binary":
            checks.append(
                (
                    f"{cast} IS NOT NULL AND {cast} NOT IN (0, 1)",
                    "are not 0 or 1",
                    "code the outcome as 1 (yes) and 0 (no), or declare it kind: continuous",
                )
            )
        if value_kind == "nps":
            checks.append(
                (
                    f"{cast} NOT BETWEEN {_NPS_RANGE[0]} AND {_NPS_RANGE[1]}",
                    "are outside 0-10",
                    "NPS answers are 0-10 scores; correct these rows or declare another kind",
                )
            )
        for condition, what, fix in checks:
            offending = rel.filter(condition)
            count = int(offending.aggregate("count(*)").fetchall()[0][0])
            if count:
                examples = ", ".join(
                    repr(r[0]) for r in offending.project(q).limit(_EXAMPLES).fetchall()
                )
                problems.append(
                    f"{path.name}: column '{column}' ({role}): {count:,} rows {what}, e.g. "
                    f"{examples}. Fix: {fix}"
                )
    arm = _quote(table.arm_column)
    no_arm = int(
        rel.filter(f"{arm} IS NULL OR trim(CAST({arm} AS VARCHAR)) = ''")
        .aggregate("count(*)")
        .fetchall()[0][0]
    )
    if no_arm:
        problems.append(
            f"{path.name}: column '{table.arm_column}' (arm): {no_arm:,} rows have no arm. Fix: "
            "fill in each row's arm or drop those rows"
        )
    arms = sorted(
        str(r[0])
        for r in rel.project(f"CAST({arm} AS VARCHAR)").distinct().fetchall()
        if r[0] is not None and str(r[0]).strip()
    )
    found = ", ".join(arms) or "none"
    if control not in arms:
        problems.append(
            f"{path.name}: column '{table.arm_column}' has no rows of the control arm '{control}' "
            f"(arms found: {found}). Fix: set evaluation.control_arm to the arm that got no "
            "treatment"
        )
    wanted = list(treatments) if treatments is not None else [a for a in arms if a != control]
    missing = [a for a in wanted if a not in arms]
    if missing:
        problems.append(
            f"{path.name}: evaluation.treatment_arms names {', '.join(missing)}, not found in "
            f"column '{table.arm_column}' (arms found: {found}). Fix evaluation.treatment_arms"
        )
    elif not wanted:
        problems.append(
            f"{path.name}: column '{table.arm_column}' has no treatment arm besides the control "
            f"'{control}' (arms found: {found}); there is nothing to compare"
        )
    if table.id_column is not None:
        ident = _quote(table.id_column)
        rows, ids = rel.aggregate(f"count(*), count(DISTINCT {ident})").fetchall()[0]
        if rows != ids:
            problems.append(
                f"{path.name}: column '{table.id_column}' (id) repeats {int(rows) - int(ids):,} "
                "ids (or has empty ones); each customer must appear once. Fix the export"
            )
    if problems:
        raise OutcomeTableError(problems)
    ident = (
        f"CAST({_quote(table.id_column)} AS VARCHAR)"
        if table.id_column is not None
        else "CAST(row_number() OVER () AS VARCHAR)"
    )
    segment = (
        f"coalesce(CAST({_quote(table.segment_column)} AS VARCHAR), '{UNKNOWN_SEGMENT}')"
        if table.segment_column is not None
        else f"'{ALL_SEGMENTS}'"
    )
    columns: dict[str, str] = {}
    exprs = [
        f"{ident} AS {CUSTOMER_ID}",
        f"trim(CAST({arm} AS VARCHAR)) AS arm",
        f"{segment} AS segment",
    ]
    for index, column in enumerate(table.outcomes):
        columns[column] = f"y{index}"
        exprs.append(f"TRY_CAST({_quote(column)} AS DOUBLE) AS y{index}")
    covariate_columns: dict[str, str] = {}
    for index, cov in enumerate(dict.fromkeys(covariates.values())):
        covariate_columns[cov] = f"x{index}"
        exprs.append(f"TRY_CAST({_quote(cov)} AS DOUBLE) AS x{index}")
    # Materialized once in the engine: row numbers (no id column) must not change between the
    # queries that join a customer's pre and post values, and the file is scanned only once.
    name = "_evaluation_outcome_table"
    con.execute(f"DROP TABLE IF EXISTS {name}")
    rel.project(", ".join(exprs)).create(name)
    projected = nw.from_native(con.table(name))
    return TableOutcomes(
        table=projected,
        columns=columns,
        # outcome -> its covariate's column, and each covariate under its own name (balance)
        covariates={
            **{c: covariate_columns[cov] for c, cov in covariates.items()},
            **covariate_columns,
        },
    )


# --------------------------------------------------------------------------------------------------
# The stage
# --------------------------------------------------------------------------------------------------

ShareSource = Literal["plan", "params", "none"]
GoalSource = Literal["plan", "params", "none"]
_KNOWN_ARMS = ("treatment", "control")
_P_FLOOR = 0.001
_MONEY_DIGITS = 0
_SCORE_DIGITS = 2
_NPS_DIGITS = 1
_PCT_DIGITS = 1
_LARGE_VALUE = 100
_SMALL_VALUE = 1
_MDE_ZERO_ONE = (0.0, 1.0)


@dataclass(frozen=True, slots=True)
class Message:
    """A sentence for the report, kept as a label key so it follows the report language.

    Attributes:
        kind: Callout kind: info, warning, alert or success.
        key: Label key.
        values: Values for the label's placeholders.
    """

    kind: report.CalloutKind
    key: str
    values: tuple[tuple[str, Any], ...] = ()


def _msg(kind: report.CalloutKind, key: str, **values: Any) -> Message:
    return Message(kind, key, tuple(values.items()))


def _mde(effects: EffectsTable, row: pd.Series, power: float, alpha: float) -> float:
    """Minimum detectable effect of one comparison at level ``alpha``, in its direction."""
    spec = effects.spec(row["metric"])
    sd = math.nan
    if spec.kind != "proportion":
        control = effects.arm_stats(row["metric"], row["segment"], effects.control)
        sd = stat_sd(control, spec.kind) if control is not None else math.nan
    return stats.detectable_effect(
        "proportion" if spec.kind == "proportion" else "mean",
        float(row["value_control"]),
        float(row["n_control"]),
        float(row["n_treatment"]),
        sd=sd,
        alpha=alpha,
        power=power,
        direction="decrease" if spec.lower_is_better else "increase",
    )


def _with_mde(effects: EffectsTable, power: float) -> EffectsTable:
    """Add each comparison's MDE at the strictest level the adjustment applies, alpha / m.

    After Holm (or BH) a comparison is significant at a level between alpha / m and alpha, so an
    MDE at the raw alpha would promise detection the adjusted test does not deliver; alpha / m
    gives the effect that would have been detected with the stated power in any case.
    """
    rows = effects.rows.copy()
    tested = max(int(rows["p_value"].notna().sum()), 1)
    level = effects.alpha / tested
    rows["mde"] = [_mde(effects, row, power, level) for _, row in rows.iterrows()]
    return EffectsTable(
        rows=rows,
        stats=effects.stats,
        specs=effects.specs,
        control=effects.control,
        treatments=effects.treatments,
        alpha=effects.alpha,
        adjustment=effects.adjustment,
        skipped=effects.skipped,
    )


def _read_plan(ctx: StageContext) -> dict[str, Any]:
    path = ctx.find_artifact(PLAN_FILE)
    if path is None:
        return {}
    try:
        plan = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return plan if isinstance(plan, dict) else {}


def _default_direction(specs: Sequence[MetricSpec]) -> Callable[[str], str]:
    lower = {s.name for s in specs if s.lower_is_better}
    return lambda metric: (
        "decrease"
        if metric in lower
        or (metric in catalogue.METRICS and catalogue.METRICS[metric].lower_is_better)
        else "increase"
    )


def _data_metrics(params: EvaluationParams, goals: Sequence[Any]) -> list[str]:
    """The metrics to evaluate: params, then goal metrics and the value/conversion metrics."""
    wanted = [*params.metrics, *(g.metric for g in goals)]
    wanted += [m for m in (params.value_metric_name, params.conversion_metric_name) if m]
    return [m for m in dict.fromkeys(wanted) if m in catalogue.METRICS]


def run(ctx: StageContext) -> EvaluationOutcome:
    """Evaluate the campaign and write ``evaluation.json`` and ``evaluation_effects.csv``.

    Outcomes come from the data contract (``evaluation.source: data``) with the plan stage's
    assignment (or the data's ``assignment`` table, or the invited customers without a control
    group), or from a per-customer outcome table. Goals come from plan.json, else from
    ``evaluation.goals``.

    Raises:
        AssignmentError: When no usable assignment exists or the arms do not match the params.
        OutcomeTableError: When the outcome table does not match its params.
    """
    params: EvaluationParams = ctx.params.evaluation
    campaign = ctx.params.campaign
    windows = Windows.around(campaign.start, campaign.event, params.window_days)
    plan = _read_plan(ctx)
    data: CampaignData | None = None
    skipped_metrics: list[str] = []
    if params.source == "outcome_table":
        assert params.outcome_table is not None
        path = outcome_table_path(ctx.params, ctx.loaded.folder)
        outcomes: Outcomes = read_outcome_table(
            connect(),
            path,
            params.outcome_table,
            control=params.control_arm,
            treatments=params.treatment_arms,
        )
        specs = table_specs(params.outcome_table)
        population = outcomes.table.select(CUSTOMER_ID, "arm", "segment")
        _check_unique(population, "the outcome table")
        assignment_source: AssignmentSource = "outcome_table"
        segment_source: SegmentSource = (
            "assignment" if params.outcome_table.segment_column else "none"
        )
        if ctx.params.data.tables.costs is not None:
            data = ctx.data
    else:
        data = ctx.data
        treatment_name = (params.treatment_arms or ["treatment"])[0]
        assignment = resolve_assignment(ctx, data, treatment_arm=treatment_name)
        population = assignment.frame
        assignment_source, segment_source = assignment.source, assignment.segment_source
        names = _data_metrics(params, params.goals)
        plan_goals = goals_from_plan(plan, _default_direction([]))
        names = list(
            dict.fromkeys(
                [*names, *(g.metric for g in plan_goals if g.metric in catalogue.METRICS)]
            )
        )
        skipped_metrics = [m for m in names if not engine_metrics.metric_available(data, m)]
        specs = [metric_spec(m) for m in names if m not in skipped_metrics]
        outcomes = DataOutcomes(data, population, windows)
    counts = arm_counts(population)
    arms = sorted(set(counts["arm"]))
    control = params.control_arm
    has_control = control in arms
    treatments = params.treatment_arms or [a for a in arms if a != control]
    missing_arms = [a for a in treatments if a not in arms]
    if missing_arms or not treatments:
        raise AssignmentError(
            f"evaluation.treatment_arms names {', '.join(missing_arms) or 'no arm'}, but the "
            f"assignment has the arms {', '.join(arms)}; fix evaluation.treatment_arms"
        )
    post = collect_stats(outcomes, specs, "post")
    # An outcome table's "pre" value is its covariate, which may measure something else (revenue
    # before a conversion test): it is compared as a mean for balance, never differenced.
    pre_specs = (
        specs
        if params.source == "data"
        else [
            MetricSpec(name=c, kind="mean", lower_is_better=False)
            for c in dict.fromkeys(
                spec.covariate or params.outcome_table.covariate_column
                for spec in params.outcome_table.outcomes.values()
            )
            if c is not None
        ]
    )
    pre = collect_stats(outcomes, pre_specs, "pre")
    alpha, adjustment = params.alpha, params.adjustment
    empty = pd.DataFrame()
    effects = pre_effects = None
    did = cuped = mann_whitney = balance = before_after = empty
    if has_control:
        effects = _with_mde(
            effects_from_stats(
                post,
                specs,
                control=control,
                treatments=treatments,
                alpha=alpha,
                adjustment=adjustment,
            ),
            params.power,
        )
        if not pre.empty:
            pre_effects = effects_from_stats(
                pre,
                pre_specs,
                control=control,
                treatments=treatments,
                alpha=alpha,
                adjustment=adjustment,
            )
            balance = balance_table(pre_effects, params.balance_smd_threshold)
            if params.source == "data":
                did = did_table(
                    pre, post, specs, control=control, treatments=treatments, alpha=alpha
                )
        cuped = cuped_table(outcomes, specs, effects)
        mann_whitney = mann_whitney_table(outcomes, specs, effects)
    else:
        before_after = before_after_table(outcomes, specs, alpha=alpha)
    paired = paired_table(
        outcomes,
        specs,
        arms=[*treatments, *([control] if has_control else [])],
        alpha=alpha,
        max_customers=params.max_paired_customers,
    )
    planned, segment_shares = shares_from_plan(plan)
    share_source: ShareSource = "plan" if (planned or segment_shares) else "none"
    if share_source == "none" and params.planned_shares:
        planned, segment_shares = dict(params.planned_shares), dict(params.segment_shares)
        share_source = "params"
    srm = (
        sample_ratio_table(counts, planned, segment_shares)
        if share_source != "none" and has_control
        else empty
    )
    direction = _default_direction(specs)
    plan_goals = goals_from_plan(plan, direction)
    goal_source: GoalSource = "plan" if plan_goals else ("params" if params.goals else "none")
    goals = plan_goals or [
        Goal(
            metric=g.metric,
            segment=g.segment,
            direction=g.direction or direction(g.metric),
            target=g.target,
            baseline=g.baseline,
            deadline=None if g.deadline is None else g.deadline.isoformat(),
            name=g.name,
        )
        for g in params.goals
    ]
    measure = (
        data_measure(data, population, windows, treatments)
        if params.source == "data" and data is not None
        else table_measure(post, treatments)
    )
    goal_rows = goal_table(goals, specs, measure, params.grades)
    feedback = (
        feedback_summary(
            data,
            population,
            windows,
            params,
            treatments=treatments,
            control=control if has_control else None,
        )
        if data is not None and params.source == "data"
        else None
    )
    returns = return_summary(
        effects, post, cost_table(data, params), params, treatments=treatments, alpha=alpha
    )
    process = Process(
        params.planned_preparation_days,
        params.actual_preparation_days,
        params.standards.max_preparation_ratio,
    )
    messages = _messages(
        ctx, data, params, windows, has_control, srm, balance, skipped_metrics, assignment_source
    )
    outcome = EvaluationOutcome(
        ctx=ctx,
        params=params,
        windows=windows,
        specs=tuple(specs),
        assignment_source=assignment_source,
        segment_source=segment_source,
        counts=counts,
        control=control,
        treatments=tuple(treatments),
        has_control=has_control,
        post=post,
        pre=pre,
        effects=effects,
        did=did,
        cuped=cuped,
        mann_whitney=mann_whitney,
        balance=balance,
        paired=paired,
        before_after=before_after,
        srm=srm,
        share_source=share_source,
        goals=goal_rows,
        goal_source=goal_source,
        feedback=feedback,
        returns=returns,
        process=process,
        messages=tuple(messages),
        skipped_metrics=tuple(skipped_metrics),
    )
    outcome.write_artifacts()
    return outcome


def _messages(
    ctx: StageContext,
    data: CampaignData | None,
    params: EvaluationParams,
    windows: Windows,
    has_control: bool,
    srm: pd.DataFrame,
    balance: pd.DataFrame,
    skipped_metrics: Sequence[str],
    assignment_source: AssignmentSource,
) -> list[Message]:
    """Warnings the summary shows first: incomplete windows, no control, a broken design."""
    messages = []
    end = windows.post[1]
    if ctx.today < end:
        messages.append(
            _msg("alert", "ev.msg.window_open", end=end.isoformat(), today=ctx.today.isoformat())
        )
    elif data is not None and params.source == "data":
        newest = data.data_date()
        if newest is not None and newest < end:
            messages.append(
                _msg("alert", "ev.msg.data_short", end=end.isoformat(), newest=newest.isoformat())
            )
    if not has_control:
        key = (
            "ev.msg.no_control_contacts" if assignment_source == "contacts" else "ev.msg.no_control"
        )
        messages.append(_msg("alert", key, control=params.control_arm))
    if not srm.empty and bool(srm["flagged"].any()):
        messages.append(_msg("alert", "ev.msg.srm"))
    # segment rows are many small tests; the summary warns only when all customers differed
    if not balance.empty and bool(balance.loc[balance["segment"] == ALL_SEGMENTS, "flagged"].any()):
        messages.append(_msg("warning", "ev.msg.imbalance"))
    if skipped_metrics:
        messages.append(_msg("info", "ev.msg.skipped_metrics", metrics=tuple(skipped_metrics)))
    return messages


def _html(*parts: HTML | None) -> HTML | None:
    """Join HTML fragments into one display object (None when all are None)."""
    kept = [p.data for p in parts if p is not None]
    return HTML("".join(kept)) if kept else None


def _digits_for(typical: float) -> int:
    """Decimals for an average of about ``typical``: none for amounts, two for scores."""
    if typical >= _LARGE_VALUE:
        return _MONEY_DIGITS
    return _SCORE_DIGITS if typical >= _SMALL_VALUE else 3


def _text(value: Any) -> str | None:
    """A user-given name, or None when missing (None or NaN from a frame)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return str(value)


def _flag(value: Any) -> bool | None:
    """A yes/no cell of a frame: None when missing (None or NaN), else a Python bool."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return bool(value)


def _finite(value: Any) -> bool:
    return isinstance(value, int | float | np.integer | np.floating) and math.isfinite(float(value))


@dataclass(frozen=True)
class EvaluationOutcome:
    """Everything the evaluation found, with the report's tables and sentences.

    Attributes:
        ctx: The stage context (language, params, run folder).
        params: The evaluation params.
        windows: The pre and post windows.
        specs: The evaluated metrics.
        assignment_source: Where the arms came from (plan, data, contacts, outcome_table).
        segment_source: Where the segments came from.
        counts: Customers per segment and arm.
        control: The control arm.
        treatments: The treatment arms.
        has_control: Whether the control arm has customers.
        post: Sufficient statistics of the post window per metric, arm and segment.
        pre: The same for the pre window.
        effects: Treatment vs control (None without a control), with an ``mde`` column.
        did: Difference in differences per metric, segment and arm.
        cuped: CUPED comparisons with the variance reduction.
        mann_whitney: Mann-Whitney beside Welch for 1-5 scores.
        balance: Pre-window balance by arm.
        paired: Paired before/after for customers with a score in both windows.
        before_after: Pre vs post without a control group (not causal).
        srm: Sample-ratio checks per segment (empty without planned shares).
        share_source: Where the planned shares came from.
        goals: One row per graded goal.
        goal_source: Where the goals came from.
        feedback: Customer feedback against the standards (None when not measurable).
        returns: Value, cost and ROI.
        process: Preparation time against the plan.
        messages: Warnings for the top of the summary.
        skipped_metrics: Metrics the data could not compute.
    """

    ctx: StageContext
    params: EvaluationParams
    windows: Windows
    specs: tuple[MetricSpec, ...]
    assignment_source: AssignmentSource
    segment_source: SegmentSource
    counts: pd.DataFrame
    control: str
    treatments: tuple[str, ...]
    has_control: bool
    post: pd.DataFrame
    pre: pd.DataFrame
    effects: EffectsTable | None
    did: pd.DataFrame
    cuped: pd.DataFrame
    mann_whitney: pd.DataFrame
    balance: pd.DataFrame
    paired: PairedTable
    before_after: pd.DataFrame
    srm: pd.DataFrame
    share_source: ShareSource
    goals: pd.DataFrame
    goal_source: GoalSource
    feedback: Feedback | None
    returns: ReturnSummary
    process: Process
    messages: tuple[Message, ...] = ()
    skipped_metrics: tuple[str, ...] = ()

    # ---- words ---------------------------------------------------------------------------------

    def t(self, key: str, **values: Any) -> str:
        """A label in the report language."""
        return self.ctx.t(key, **values)

    @property
    def language(self) -> str:
        """The report language."""
        return self.ctx.language

    def spec(self, metric: str) -> MetricSpec:
        """The spec of an evaluated metric."""
        for spec in self.specs:
            if spec.name == metric:
                return spec
        raise KeyError(metric)

    def metric_label(self, metric: str) -> str:
        """Display name of a metric (outcome-table labels are user text, escaped on display)."""
        spec = next((s for s in self.specs if s.name == metric), None)
        if spec is not None and spec.label:
            return spec.label
        if metric in catalogue.METRICS:
            return self.t(f"ev.metric.{metric}")
        return metric

    def segment_label(self, segment: str) -> str:
        """Display name of a segment."""
        if segment in (ALL_SEGMENTS, *SEGMENT_ORDER):
            return self.t(f"segment.{segment}")
        if segment == UNKNOWN_SEGMENT:
            return self.t("ev.segment.unknown")
        return segment

    def arm_label(self, arm: str) -> str:
        """Display name of an arm."""
        return self.t(f"arm.{arm}") if arm in _KNOWN_ARMS else arm

    @property
    def ci_level(self) -> str:
        """The confidence level as text, e.g. 95%."""
        return report.format_pct(
            1 - self.params.alpha, 0 if (100 * (1 - self.params.alpha)).is_integer() else 1
        )

    def _digits(self, spec: MetricSpec) -> int:
        if spec.kind == "nps":
            return _NPS_DIGITS
        if spec.name == "spend_per_customer":
            return _MONEY_DIGITS
        if spec.name == "mean_satisfaction":
            return _SCORE_DIGITS
        part = self.post[self.post["metric"] == spec.name]
        typical = (
            abs(stat_value(part[list(_STAT_COLUMNS)].sum(), spec.kind)) if not part.empty else 0.0
        )
        return _digits_for(typical)

    def fmt_value(self, metric: str, value: float, kind: Kind | None = None) -> str:
        """A metric value: rates as %, NPS in points, averages with sensible decimals.

        Args:
            metric: An evaluated metric, or another measure (an outcome table's covariate).
            value: The value.
            kind: The kind when ``metric`` is not an evaluated metric.
        """
        spec = next((s for s in self.specs if s.name == metric), None)
        kind = kind or (spec.kind if spec is not None else "mean")
        if kind == "proportion":
            return report.format_pct(value, _PCT_DIGITS, language=self.language)
        digits = (
            self._digits(spec)
            if spec is not None and spec.kind == kind
            else _digits_for(abs(value) if _finite(value) else 0.0)
        )
        return report.format_number(value, digits, language=self.language)

    def _signed(self, value: float, digits: int, unit: str = "") -> str:
        if not _finite(value):
            return self.t("word.not_applicable")
        text = report.format_number(value, digits, language=self.language)
        plus = "+" if value > 0 and text.strip("0.,") else ""
        return f"{plus}{text}{unit}"

    def fmt_diff(self, metric: str, value: float) -> str:
        """A difference: percentage points for rates, points for NPS, else the metric's unit."""
        spec = self.spec(metric)
        if spec.kind == "proportion":
            return self._signed(100 * value, _PCT_DIGITS, self.t("ev.unit.pp"))
        if spec.kind == "nps":
            return self._signed(value, _NPS_DIGITS, self.t("ev.unit.points"))
        return self._signed(value, self._digits(spec))

    def fmt_diff_ci(self, metric: str, low: float, high: float) -> str:
        """A CI of a difference, in the units of ``fmt_diff``."""
        if not (_finite(low) and _finite(high)):
            return self.t("word.not_applicable")
        return f"{self.fmt_diff(metric, low)} \u2013 {self.fmt_diff(metric, high)}"

    def fmt_rel(self, value: float, low: float, high: float) -> str:
        """A relative lift with its CI, e.g. +12.0% (+3.1% – +21.4%)."""
        if not _finite(value):
            return self.t("word.not_applicable")
        main = self._signed(100 * value, _PCT_DIGITS, "%")
        if not (_finite(low) and _finite(high)):
            return main
        low_text = self._signed(100 * low, _PCT_DIGITS, "%")
        return f"{main} ({low_text} \u2013 {self._signed(100 * high, _PCT_DIGITS, '%')})"

    def _arrow(self, metric: str, before: float, after: float) -> str:
        return f"{self.fmt_value(metric, before)} \u2192 {self.fmt_value(metric, after)}"

    def _diff_with_ci(self, metric: str, diff: float, low: float, high: float) -> str:
        return f"{self.fmt_diff(metric, diff)} ({self.fmt_diff_ci(metric, low, high)})"

    def fmt_p(self, p: float) -> str:
        """A p-value: three decimals, or <0.001."""
        if not _finite(p):
            return self.t("word.not_applicable")
        return "<0.001" if p < _P_FLOOR else f"{p:.3f}"

    def fmt_money(self, value: float) -> str:
        """An amount of money."""
        return report.format_number(value, _MONEY_DIGITS, language=self.language)

    def fmt_ratio(self, value: float) -> str:
        """An ROI as the template writes it: value per 1 of cost, e.g. 1:3.2."""
        if not _finite(value):
            return self.t("word.not_applicable")
        return f"1:{report.format_number(value, 1, language=self.language)}"

    def join(self, items: Iterable[str]) -> str:
        """A list in running text, with the report language's separator."""
        return self.t("ev.sep.list").join(items)

    def _yes_no(self, value: bool | None) -> str:
        if value is None:
            return self.t("word.not_applicable")
        return self.t("ev.met") if value else self.t("ev.not_met")

    def _show(self, frame: pd.DataFrame, caption: str | None = None) -> HTML:
        return report.show_table(frame, caption=caption, language=self.language)

    def message_text(self, message: Message) -> str:
        """A message in the report language."""
        values = dict(message.values)
        if "metrics" in values:
            values["metrics"] = self.join(self.metric_label(m) for m in values["metrics"])
        return self.t(message.key, **values)

    # ---- 1. summary ------------------------------------------------------------------------------

    @property
    def n_customers(self) -> int:
        """Customers in the evaluation (every arm)."""
        return int(self.counts["n"].sum())

    def intro(self) -> str:
        """What was evaluated, on whom, in which windows."""
        arms = self.join(
            f"{self.arm_label(str(a))} {report.format_number(int(n), language=self.language)}"
            for a, n in self.counts.groupby("arm")["n"].sum().items()
        )
        return self.t(
            "ev.intro",
            n=report.format_number(self.n_customers, language=self.language),
            arms=arms,
            source=self.t(f"ev.source.{self.assignment_source}"),
            **self._window_dates(),
        )

    def _window_dates(self) -> dict[str, Any]:
        """First and last day of each window, the campaign's start and event, for the labels."""
        pre, post = self.windows.pre, self.windows.post
        campaign = self.ctx.params.campaign
        one = dt.timedelta(days=1)
        return {
            "days": self.windows.days,
            "pre_start": (pre[0] + one).isoformat(),
            "pre_end": pre[1].isoformat(),
            "post_start": (post[0] + one).isoformat(),
            "post_end": post[1].isoformat(),
            "start": campaign.start.isoformat(),
            "event": campaign.event.isoformat(),
        }

    def churn_definition(self) -> str | None:
        """What churn rate's "active" means here; None when churn was not computed from data."""
        as_of = self.windows.active_as_of
        if (
            self.params.source != "data"
            or as_of is None
            or "churn_rate" not in {s.name for s in self.specs}
        ):
            return None
        first = (
            pd.Timestamp(as_of) - pd.DateOffset(months=conventions.ACTIVE_LOOKBACK_MONTHS)
        ).date() + dt.timedelta(days=1)
        return self.t(
            "ev.churn.definition",
            months=conventions.ACTIVE_LOOKBACK_MONTHS,
            active_start=first.isoformat(),
            active_end=as_of.isoformat(),
            start=self.ctx.params.campaign.start.isoformat(),
        )

    def goals_table(self) -> pd.DataFrame | None:
        """Goal attainment with grades; None without goals."""
        if self.goals.empty:
            return None
        rows = []
        note_numbers = itertools.count(1)
        for _, g in self.goals.iterrows():
            measurable = g["metric"] in {s.name for s in self.specs}
            value = (
                (lambda v, m=g["metric"]: self.fmt_value(m, v))
                if measurable
                else (lambda v: report.format_number(v, 2, language=self.language))
            )
            baseline = value(g["baseline"])
            kind = self._baseline_kind(g)
            if kind is not None:
                baseline += self.t(f"ev.goal.tag.{kind}")
            refs = [self.t("ev.goal.note_ref", n=next(note_numbers)) for _ in self.goal_checks(g)]
            rows.append(
                {
                    self.t("ev.col.goal"): self.goal_label(g),
                    self.t("ev.col.baseline"): baseline,
                    self.t("ev.col.target"): value(g["target"]),
                    self.t("ev.col.actual"): value(g["actual"]),
                    self.t("ev.col.attainment"): report.format_pct(
                        g["attainment"], 0, language=self.language
                    ),
                    self.t("ev.col.progress"): report.format_pct(
                        g["progress"], 0, language=self.language
                    ),
                    self.t("ev.col.grade"): self.t(f"ev.grade.{g['grade']}"),
                    self.t("ev.col.deadline"): _text(g["deadline"]) or "",
                    # long sentences squeeze a table column on a phone: the table points to
                    # numbered notes below it (goal_check_notes)
                    self.t("ev.col.checks"): ", ".join(refs),
                }
            )
        table = pd.DataFrame(rows)
        if self.goals["deadline"].isna().all():
            table = table.drop(columns=self.t("ev.col.deadline"))
        if not (table[self.t("ev.col.checks")] != "").any():
            table = table.drop(columns=self.t("ev.col.checks"))
        return table

    @staticmethod
    def _baseline_kind(goal: pd.Series) -> str | None:
        """Where a goal's baseline comes from: measured, plan, plan_cohort, given (None: none)."""
        source = goal["baseline_source"]
        if source == "plan":
            return "plan_cohort" if goal.get("plan_baseline_source") == "earlier_cohort" else "plan"
        return source if source in ("measured", "given") else None

    def goal_checks(self, goal: pd.Series) -> list[str]:
        """The plan's problems of a goal, and why its progress or grade is limited here."""
        problems = goal.get("problems")
        problems = problems if isinstance(problems, list) else []
        out = [str(p.get("message") or p.get("code")) for p in problems if isinstance(p, dict)]
        codes = {p.get("code") for p in problems if isinstance(p, dict)}
        if _flag(goal.get("target_on_improving_side")) is False and (
            "target_wrong_side" not in codes
        ):
            out.append(self.t("ev.goal.check.wrong_side"))
        if _flag(goal.get("worse_than_baseline")):
            out.append(self.t("ev.goal.check.worse", lowest=self.t(f"ev.grade.{_LOWEST_GRADE}")))
        return out

    def goal_check_notes(self) -> list[str]:
        """The goal table's numbered checks, in the order of the references in its table."""
        notes = []
        for _, g in self.goals.iterrows():
            label = self.goal_label(g)
            notes += [f"{label}: {check}" for check in self.goal_checks(g)]
        return [
            self.t("ev.goal.note_item", n=i, text=note) for i, note in enumerate(notes, start=1)
        ]

    def goals_note(self) -> str:
        """The goal table's footnote: where goals, actuals and each kind of baseline come from."""
        kinds = [self._baseline_kind(g) for _, g in self.goals.iterrows()]
        parts = [
            self.t(f"ev.goals.source.{self.goal_source}"),
            self.t("ev.goals.actual"),
            *(
                self.t(f"ev.goals.baseline.{kind}")
                for kind in ("measured", "plan", "plan_cohort", "given")
                if kind in kinds
            ),
            self.t("ev.goals.attainment", lowest=self.t(f"ev.grade.{_LOWEST_GRADE}")),
        ]
        return self.t("ev.sep.sentence").join(p for p in parts if p)

    def _headline_rows(self) -> list[pd.Series]:
        if self.effects is None:
            return []
        rows = self.effects.rows
        out = []
        for spec in self.specs:
            part = rows[rows["metric"] == spec.name]
            top = part[part["segment"] == ALL_SEGMENTS]
            out += [
                r for _, r in (top if not top.empty else part.head(len(self.treatments))).iterrows()
            ]
        return out

    def _verdict(self, row: pd.Series, *, short: bool) -> str:
        metric = row["metric"]
        prefix = "ev.verdict_short" if short else "ev.verdict"
        if row["significant"]:
            return self.t(f"{prefix}.better" if row["improved"] else f"{prefix}.worse")
        mde = row.get("mde", math.nan)
        if _finite(mde):
            return self.t(f"{prefix}.ns_mde", mde=self.fmt_diff(metric, abs(mde)).lstrip("+"))
        return self.t(f"{prefix}.ns")

    def effect_sentence(self, row: pd.Series, *, short: bool = False) -> str:
        """One plain sentence on one comparison, saying what is and is not known.

        Args:
            row: A row of ``effects.rows`` (with ``mde``).
            short: The summary's compact form.
        """
        metric = row["metric"]
        segment = (
            "" if short and row["segment"] == ALL_SEGMENTS else self.segment_label(row["segment"])
        )
        return self.t(
            "ev.sentence.headline" if short else "ev.sentence.effect",
            metric=self.metric_label(metric) + (f" ({segment})" if short and segment else ""),
            segment=segment,
            arm=self.arm_label(row["arm"]),
            control=self.arm_label(self.control),
            t=self.fmt_value(metric, row["value_treatment"]),
            c=self.fmt_value(metric, row["value_control"]),
            diff=self.fmt_diff(metric, row["diff"]),
            level=self.ci_level,
            ci=self.fmt_diff_ci(metric, row["ci_low"], row["ci_high"]),
            verdict=self._verdict(row, short=short),
        )

    def headlines(self) -> list[str]:
        """The headline effects, one short sentence each (overall rows)."""
        if self.effects is None:
            return [self.t("ev.headline.no_control")]
        return [self.effect_sentence(r, short=True) for r in self._headline_rows()]

    def roi_sentence(self) -> str:
        """The headline return in one sentence."""
        r = self.returns
        if not _finite(r.cost_total):
            return self.t("ev.roi.no_costs")
        if not _finite(r.incremental_value):
            if _finite(r.gross_value):
                return self.t("ev.roi.gross_only", gross=self.fmt_ratio(r.gross_roi))
            return self.t("ev.roi.no_value")
        low, high = r.incremental_roi_ci
        verdict = (
            "ev.roi.meets_surely"
            if r.meets_standard_surely
            else ("ev.roi.meets_point" if r.meets_standard else "ev.roi.misses")
        )
        return self.t(
            "ev.roi.sentence",
            roi=self.fmt_ratio(r.incremental_roi),
            level=self.ci_level,
            low=self.fmt_ratio(low),
            high=self.fmt_ratio(high),
            value=self.fmt_money(r.incremental_value),
            cost=self.fmt_money(r.cost_total),
            basis=self.t(f"ev.basis.{r.cost_basis}"),
            gross=self.fmt_ratio(r.gross_roi),
            verdict=self.t(verdict, standard=self.fmt_ratio(r.min_roi)),
        )

    def summary(self) -> HTML | None:
        """The one-screen summary: warnings, what was evaluated, goals, return, headline effects."""
        goals = self.goals_table()
        return _html(
            *(report.callout(self.message_text(m), kind=m.kind) for m in self.messages),
            report.paragraph(self.intro()),
            report.heading(self.t("ev.h.goals"), level=3),
            self._show(goals) if goals is not None else report.paragraph(self.t("ev.goals.none")),
            report.bullet_list(self.goal_check_notes()) if goals is not None else None,
            report.paragraph(self.goals_note()) if goals is not None else None,
            report.heading(self.t("ev.h.return_short"), level=3),
            report.paragraph(self.roi_sentence()),
            report.heading(self.t("ev.h.headlines"), level=3),
            report.bullet_list(self.headlines()),
        )

    # ---- 2. effects ----------------------------------------------------------------------------

    def effects_table(self) -> pd.DataFrame | None:
        """Treatment vs control per metric and segment, with CIs and raw and adjusted p."""
        if self.effects is None or self.effects.rows.empty:
            return None
        multi = len(self.treatments) > 1
        rows = []
        for _, r in self.effects.rows.iterrows():
            m = r["metric"]
            exact = str(r["method"]).startswith("Fisher")
            result = (
                self.t("ev.result.better" if r["improved"] else "ev.result.worse")
                if r["significant"]
                else self.t("ev.result.ns")
            )
            row = {
                self.t("ev.col.metric"): self.metric_label(m),
                self.t("word.segment"): self.segment_label(r["segment"]),
                **({self.t("ev.col.arm"): self.arm_label(r["arm"])} if multi else {}),
                self.t(
                    "ev.col.n"
                ): f"{report.format_number(int(r['n_treatment']), language=self.language)} / "
                f"{report.format_number(int(r['n_control']), language=self.language)}",
                self.t("ev.col.treatment"): self.fmt_value(m, r["value_treatment"]),
                self.t("ev.col.control"): self.fmt_value(m, r["value_control"]),
                self.t("ev.col.diff"): self.fmt_diff(m, r["diff"]),
                self.t("ev.col.ci", level=self.ci_level): self.fmt_diff_ci(
                    m, r["ci_low"], r["ci_high"]
                ),
                self.t("ev.col.rel"): self.fmt_rel(
                    r["rel_lift"], r["rel_ci_low"], r["rel_ci_high"]
                ),
                self.t("ev.col.p"): self.fmt_p(r["p_value"]) + (" \u2020" if exact else ""),
                self.t("ev.col.p_adj"): self.fmt_p(r["p_adjusted"]),
                self.t("ev.col.result"): result,
            }
            rows.append(row)
        return pd.DataFrame(rows)

    def effects_method(self) -> str:
        """How the effects were computed, in words."""
        assert self.effects is not None
        post = self.windows.post
        return self.t(
            "ev.effects.method",
            control=self.arm_label(self.control),
            days=self.windows.days,
            start=(post[0] + dt.timedelta(days=1)).isoformat(),
            end=post[1].isoformat(),
            level=self.ci_level,
            adjustment=self.t(f"ev.adjustment.{self.effects.adjustment}"),
            n=len(self.effects.rows),
            alpha=report.format_number(self.params.alpha, 2, language=self.language),
        )

    def effects_section(self) -> HTML | None:
        """Section 2: the method, the table, and any comparison that could not be made."""
        if self.effects is None:
            return report.callout(self.t("ev.effects.no_control"), kind="alert")
        table = self.effects_table()
        notes = [
            self.t(
                f"ev.skipped.{reason}",
                metric=self.metric_label(m),
                segment=self.segment_label(s),
                arm=self.arm_label(a),
            )
            for m, s, a, reason in self.effects.skipped
            if s != ALL_SEGMENTS
        ]
        exact = bool(self.effects.rows["method"].astype(str).str.startswith("Fisher").any())
        return _html(
            report.paragraph(self.effects_method()),
            self._show(table) if table is not None else report.paragraph(self.t("ev.effects.none")),
            report.paragraph(self.t("ev.effects.exact_note")) if exact else None,
            report.bullet_list(notes) if notes else None,
        )

    # ---- 3. before and after -------------------------------------------------------------------

    def did_table(self) -> pd.DataFrame | None:
        """Difference in differences per metric and segment."""
        if self.did.empty:
            return None
        multi = len(self.treatments) > 1
        rows = []
        for _, r in self.did.iterrows():
            m = r["metric"]
            rows.append(
                {
                    self.t("ev.col.metric"): self.metric_label(m),
                    self.t("word.segment"): self.segment_label(r["segment"]),
                    **({self.t("ev.col.arm"): self.arm_label(r["arm"])} if multi else {}),
                    self.t("ev.col.treatment_change"): self._arrow(
                        m, r["treatment_pre"], r["treatment_post"]
                    ),
                    self.t("ev.col.control_change"): self._arrow(
                        m, r["control_pre"], r["control_post"]
                    ),
                    self.t("ev.col.did"): self.fmt_diff(m, r["diff"]),
                    self.t("ev.col.ci", level=self.ci_level): self.fmt_diff_ci(
                        m, r["ci_low"], r["ci_high"]
                    ),
                    self.t("ev.col.p_raw"): self.fmt_p(r["p_value"]),
                }
            )
        return pd.DataFrame(rows)

    def cuped_table(self) -> pd.DataFrame | None:
        """CUPED beside the plain comparison, with the variance reduction achieved."""
        if self.cuped.empty:
            return None
        multi = len(self.treatments) > 1
        rows = []
        for _, r in self.cuped.iterrows():
            m = r["metric"]
            rows.append(
                {
                    self.t("ev.col.metric"): self.metric_label(m),
                    self.t("word.segment"): self.segment_label(r["segment"]),
                    **({self.t("ev.col.arm"): self.arm_label(r["arm"])} if multi else {}),
                    self.t("ev.col.plain"): self._diff_with_ci(
                        m, r["plain_diff"], r["plain_ci_low"], r["plain_ci_high"]
                    ),
                    self.t("ev.col.cuped"): self._diff_with_ci(
                        m, r["diff"], r["ci_low"], r["ci_high"]
                    ),
                    self.t("ev.col.variance_reduction"): report.format_pct(
                        r["variance_reduction"], 1, language=self.language
                    ),
                    self.t("ev.col.p_raw"): self.fmt_p(r["p_value"]),
                }
            )
        return pd.DataFrame(rows)

    def paired_table(self) -> pd.DataFrame | None:
        """Paired before/after of customers who answered in both windows."""
        if self.paired.rows.empty:
            return None
        rows = []
        for _, r in self.paired.rows.iterrows():
            m = r["metric"]
            rows.append(
                {
                    self.t("ev.col.metric"): self.metric_label(m),
                    self.t("word.segment"): self.segment_label(r["segment"]),
                    self.t("ev.col.arm"): self.arm_label(r["arm"]),
                    self.t("ev.col.pairs"): int(r["n"]),
                    self.t("ev.col.before"): self.fmt_value(m, r["mean_before"]),
                    self.t("ev.col.after"): self.fmt_value(m, r["mean_after"]),
                    self.t("ev.col.change"): self.fmt_diff(m, r["mean_diff"]),
                    self.t("ev.col.ci", level=self.ci_level): self.fmt_diff_ci(
                        m, r["ci_low"], r["ci_high"]
                    ),
                    self.t("ev.col.p_t"): self.fmt_p(r["p_value"]),
                    self.t("ev.col.p_wilcoxon"): self.fmt_p(r["wilcoxon_p_value"]),
                }
            )
        return pd.DataFrame(rows)

    def mann_whitney_table(self) -> pd.DataFrame | None:
        """Mann-Whitney beside Welch for 1-5 scores."""
        if self.mann_whitney.empty:
            return None
        multi = len(self.treatments) > 1
        return pd.DataFrame(
            [
                {
                    self.t("ev.col.metric"): self.metric_label(r["metric"]),
                    self.t("word.segment"): self.segment_label(r["segment"]),
                    **({self.t("ev.col.arm"): self.arm_label(r["arm"])} if multi else {}),
                    self.t("ev.col.n"): f"{int(r['n_treatment']):,} / {int(r['n_control']):,}",
                    self.t("ev.col.superiority"): report.format_pct(
                        r["prob_superiority"], 1, language=self.language
                    ),
                    self.t("ev.col.p_mw"): self.fmt_p(r["p_value"]),
                    self.t("ev.col.p_welch"): self.fmt_p(r["welch_p_value"]),
                }
                for _, r in self.mann_whitney.iterrows()
            ]
        )

    def before_after_table(self) -> pd.DataFrame | None:
        """Without a control group: pre vs post of the same customers (not causal)."""
        if self.before_after.empty:
            return None
        return pd.DataFrame(
            [
                {
                    self.t("ev.col.metric"): self.metric_label(r["metric"]),
                    self.t("word.segment"): self.segment_label(r["segment"]),
                    self.t("ev.col.customers"): int(r["n"]),
                    self.t("ev.col.before"): self.fmt_value(r["metric"], r["before"]),
                    self.t("ev.col.after"): self.fmt_value(r["metric"], r["after"]),
                    self.t("ev.col.change"): self.fmt_diff(r["metric"], r["mean_diff"]),
                    self.t("ev.col.ci", level=self.ci_level): self.fmt_diff_ci(
                        r["metric"], r["ci_low"], r["ci_high"]
                    ),
                    self.t("ev.col.p_raw"): self.fmt_p(r["p_value"]),
                    self.t("ev.col.test"): self.t(f"ev.ba.test.{r['method']}"),
                }
                for _, r in self.before_after.iterrows()
            ]
        )

    def change_sentences(self) -> list[str]:
        """Churn and complaint rate changes (difference in differences, all customers)."""
        out = []
        if self.did.empty:
            return out
        for metric in ("churn_rate", "complaint_rate"):
            part = self.did[(self.did["metric"] == metric) & (self.did["segment"] == ALL_SEGMENTS)]
            if part.empty:
                part = self.did[self.did["metric"] == metric].head(1)
            for _, r in part.iterrows():
                out.append(
                    self.t(
                        "ev.sentence.change",
                        metric=self.metric_label(metric),
                        arm=self.arm_label(r["arm"]),
                        control=self.arm_label(self.control),
                        t_change=self.fmt_diff(metric, r["value_treatment"]),
                        c_change=self.fmt_diff(metric, r["value_control"]),
                        did=self.fmt_diff(metric, r["diff"]),
                        level=self.ci_level,
                        ci=self.fmt_diff_ci(metric, r["ci_low"], r["ci_high"]),
                    )
                )
        return out

    def low_score_segments(self) -> list[str]:
        """Evaluated segments chosen for low scores (regression to the mean applies)."""
        present = set(self.counts["segment"])
        return [s for s in self.params.low_score_segments if s in present]

    def before_after_section(self) -> HTML | None:
        """Section 3: DiD, churn, CUPED, Mann-Whitney, paired; or before/after without control."""
        window_text = self.t("ev.windows", **self._window_dates())
        churn = self.churn_definition()
        paired = self.paired_table()
        paired_parts = [
            report.heading(self.t("ev.h.paired"), level=3),
            report.paragraph(self.t("ev.paired.method", level=self.ci_level)),
            self._show(paired)
            if paired is not None
            else report.paragraph(self.t("ev.paired.none")),
            report.paragraph(
                self.t(
                    "ev.paired.too_many",
                    n=report.format_number(
                        self.params.max_paired_customers, language=self.language
                    ),
                )
            )
            if self.paired.too_many
            else None,
        ]
        if not self.has_control:
            low = self.low_score_segments()
            table = self.before_after_table()
            return _html(
                report.callout(self.t("ev.ba.not_causal"), kind="alert"),
                report.callout(
                    self.t("ev.ba.rtm", segments=self.join(self.segment_label(s) for s in low)),
                    kind="warning",
                )
                if low
                else None,
                report.paragraph(window_text),
                report.paragraph(self.t("ev.ba.method", level=self.ci_level)),
                report.paragraph(churn) if churn else None,
                self._show(table) if table is not None else report.paragraph(self.t("ev.ba.none")),
                *paired_parts,
            )
        did, cuped, mw = self.did_table(), self.cuped_table(), self.mann_whitney_table()
        changes = self.change_sentences()
        return _html(
            report.paragraph(window_text),
            report.heading(self.t("ev.h.did"), level=3),
            report.paragraph(self.t("ev.did.method", level=self.ci_level)),
            self._show(did) if did is not None else report.paragraph(self.t("ev.did.none")),
            report.heading(self.t("ev.h.churn"), level=3),
            report.paragraph(churn) if churn else None,
            report.bullet_list(changes) if changes else report.paragraph(self.t("ev.churn.none")),
            report.heading(self.t("ev.h.cuped"), level=3),
            report.paragraph(self.t("ev.cuped.method", level=self.ci_level)),
            self._show(cuped) if cuped is not None else report.paragraph(self.t("ev.cuped.none")),
            report.heading(self.t("ev.h.mann_whitney"), level=3),
            report.paragraph(self.t("ev.mw.method")),
            self._show(mw) if mw is not None else report.paragraph(self.t("ev.mw.none")),
            *paired_parts,
        )

    # ---- 4. feedback ---------------------------------------------------------------------------

    def feedback_table(self) -> pd.DataFrame | None:
        """Mean satisfaction and negative suggestions against the template's standards."""
        f = self.feedback
        if f is None:
            return None
        na = self.t("word.not_applicable")
        return pd.DataFrame(
            [
                {
                    self.t("ev.col.indicator"): self.t("ev.fb.mean"),
                    self.t("ev.col.actual"): report.format_number(
                        f.mean_satisfaction, 2, language=self.language
                    ),
                    self.t("ev.col.standard"): "\u2265 "
                    + report.format_number(f.min_mean_satisfaction, 1, language=self.language),
                    self.t("ev.col.met"): self._yes_no(f.satisfaction_met),
                },
                {
                    self.t("ev.col.indicator"): self.t("ev.fb.negative"),
                    self.t("ev.col.actual"): na
                    if f.negative is None
                    else report.format_number(f.negative, language=self.language),
                    self.t("ev.col.standard"): f"\u2264 {f.max_negative}",
                    self.t("ev.col.met"): self._yes_no(f.negative_met),
                },
            ]
        )

    def feedback_section(self) -> HTML | None:
        """Section 4: customer feedback against the standards."""
        f = self.feedback
        if f is None:
            return report.paragraph(self.t("ev.fb.none"))
        rule = self.params.negative_feedback
        definition = self.t(
            "ev.fb.definition",
            sentiments=self.join(rule.sentiments) or "-",
            score=self.t("word.not_applicable")
            if rule.max_score is None
            else report.format_number(rule.max_score, 0, language=self.language),
        )
        control = (
            self.t(
                "ev.fb.control",
                n=report.format_number(f.negative_control, language=self.language),
                control=self.arm_label(self.control),
            )
            if f.negative_control is not None
            else None
        )
        return _html(
            report.paragraph(
                self.t(
                    "ev.fb.scope",
                    respondents=report.format_number(f.respondents, language=self.language),
                    comments=report.format_number(f.comments, language=self.language),
                )
            ),
            self._show(self.feedback_table()),
            report.paragraph(definition),
            report.paragraph(control) if control else None,
        )

    # ---- 5. return -----------------------------------------------------------------------------

    def return_table(self) -> pd.DataFrame:
        """Incremental (headline) and gross value and ROI, cost, cost per incremental conversion."""
        r = self.returns
        na = self.t("word.not_applicable")
        low, high = r.incremental_ci
        roi_low, roi_high = r.incremental_roi_ci
        conv_name = self.metric_label(r.conversion_metric) if r.conversion_metric else na
        rows = [
            (
                self.t("ev.ret.incremental_value"),
                self.fmt_money(r.incremental_value),
                f"{self.fmt_money(low)} \u2013 {self.fmt_money(high)}" if _finite(low) else na,
            ),
            (
                self.t("ev.ret.cost", basis=self.t(f"ev.basis.{r.cost_basis}")),
                self.fmt_money(r.cost_total),
                "",
            ),
            (
                self.t("ev.ret.incremental_roi"),
                self.fmt_ratio(r.incremental_roi),
                f"{self.fmt_ratio(roi_low)} \u2013 {self.fmt_ratio(roi_high)}"
                if _finite(roi_low)
                else na,
            ),
            (self.t("ev.ret.gross_value"), self.fmt_money(r.gross_value), ""),
            (self.t("ev.ret.gross_roi"), self.fmt_ratio(r.gross_roi), ""),
            (
                self.t("ev.ret.incremental_conversions", metric=conv_name),
                report.format_number(r.incremental_conversions, 0, language=self.language),
                f"{report.format_number(r.conversions_ci[0], 0, language=self.language)} \u2013 "
                f"{report.format_number(r.conversions_ci[1], 0, language=self.language)}"
                if _finite(r.conversions_ci[0])
                else na,
            ),
            (
                self.t("ev.ret.cost_per_conversion", metric=conv_name),
                self.fmt_money(r.cost_per_incremental_conversion),
                "",
            ),
        ]
        return pd.DataFrame(
            rows,
            columns=[
                self.t("ev.col.item"),
                self.t("ev.col.value"),
                self.t("ev.col.ci", level=self.ci_level),
            ],
        )

    def budget_table(self) -> pd.DataFrame | None:
        """Budget vs actual by category, and which amount the ROI used."""
        costs = self.returns.costs
        if costs.empty:
            return None
        out = pd.DataFrame(
            {
                self.t("ev.col.category"): [self.category_label(c) for c in costs["category"]],
                self.t("ev.col.planned"): [self.fmt_money(v) for v in costs["planned"]],
                self.t("ev.col.actual_cost"): [self.fmt_money(v) for v in costs["actual"]],
                self.t("ev.col.variance"): [
                    self._signed(a - p, _MONEY_DIGITS)
                    if _finite(a)
                    else self.t("word.not_applicable")
                    for p, a in zip(costs["planned"], costs["actual"], strict=True)
                ],
                self.t("ev.col.used"): [self.t(f"ev.basis.{b}") for b in costs["basis"]],
            }
        )
        total = {
            out.columns[0]: self.t("word.total"),
            out.columns[1]: self.fmt_money(costs["planned"].sum()),
            out.columns[2]: self.fmt_money(costs["actual"].sum())
            if costs["actual"].notna().all()
            else self.t("word.not_applicable"),
            out.columns[3]: self._signed(
                costs["actual"].sum() - costs["planned"].sum(), _MONEY_DIGITS
            )
            if costs["actual"].notna().all()
            else self.t("word.not_applicable"),
            out.columns[4]: self.fmt_money(self.returns.cost_total),
        }
        return pd.concat([out, pd.DataFrame([total])], ignore_index=True)

    def category_label(self, category: str) -> str:
        """Display name of a budget category (the template's categories are translated)."""
        key = f"ev.cost.{category}"
        from campaign_eval.report.labels import LABELS

        return self.t(key) if key in LABELS else category

    def return_section(self) -> HTML | None:
        """Section 5: incremental ROI as the headline, gross ROI labelled, budget vs actual."""
        r = self.returns
        budget = self.budget_table()
        planned_only = (
            r.costs.loc[r.costs["basis"] == "planned", "category"].tolist()
            if not r.costs.empty
            else []
        )
        basis = self.t(
            f"ev.basis_sentence.{r.cost_basis}",
            categories=self.join(self.category_label(c) for c in planned_only),
        )
        value_name = (
            self.metric_label(r.value_metric) if r.value_metric else self.t("word.not_applicable")
        )
        return _html(
            report.paragraph(self.roi_sentence()),
            report.paragraph(
                self.t(
                    "ev.ret.method",
                    value=value_name,
                    margin=report.format_pct(r.margin_rate, 0, language=self.language),
                    control=self.arm_label(self.control),
                )
            )
            if self.has_control
            else None,
            report.paragraph(
                self.t(
                    "ev.ret.missing_segments",
                    segments=self.join(self.segment_label(s) for s in r.missing_segments),
                )
            )
            if r.missing_segments
            else None,
            self._show(self.return_table()),
            report.heading(self.t("ev.h.budget"), level=3),
            self._show(budget)
            if budget is not None
            else report.paragraph(self.t("ev.budget.none")),
            report.paragraph(basis) if budget is not None else None,
        )

    # ---- 6. process ----------------------------------------------------------------------------

    def process_section(self) -> HTML | None:
        """Section 6: preparation time against the plan."""
        p = self.process
        if p.planned_days is None or p.actual_days is None:
            return report.paragraph(self.t("ev.process.none"))
        table = pd.DataFrame(
            [
                {
                    self.t("ev.col.indicator"): self.t("ev.process.prep"),
                    self.t("ev.col.planned"): report.format_number(
                        p.planned_days, 0, language=self.language
                    ),
                    self.t("ev.col.actual"): report.format_number(
                        p.actual_days, 0, language=self.language
                    ),
                    self.t("ev.col.ratio"): report.format_pct(p.ratio, 0, language=self.language),
                    self.t(
                        "ev.col.standard"
                    ): f"\u2264 {report.format_pct(p.max_ratio, 0, language=self.language)}",
                    self.t("ev.col.met"): self._yes_no(p.met),
                }
            ]
        )
        return self._show(table)

    # ---- 7. design checks ----------------------------------------------------------------------

    def srm_table(self) -> pd.DataFrame | None:
        """Observed arm sizes against the planned split, per segment."""
        if self.srm.empty:
            return None
        rows = []
        for _, r in self.srm.iterrows():
            arms = [self.arm_label(a) for a in r["arms"]]
            observed_shares = r.get("observed_shares")
            rows.append(
                {
                    self.t("word.segment"): self.segment_label(r["segment"]),
                    self.t("ev.col.customers"): " / ".join(
                        f"{a} {n:,}" for a, n in zip(arms, r["observed"], strict=True)
                    ),
                    self.t("ev.col.planned_share"): " / ".join(
                        report.format_pct(s, 1, language=self.language)
                        for s in r["expected_shares"]
                    ),
                    self.t("ev.col.observed_share"): " / ".join(
                        report.format_pct(s, 1, language=self.language) for s in observed_shares
                    )
                    if isinstance(observed_shares, tuple)
                    else self.t("word.not_applicable"),
                    self.t("ev.col.p_raw"): self.fmt_p(r["p_value"]),
                    self.t("ev.col.flag"): self.t("ev.flag.yes")
                    if r["flagged"]
                    else self.t("ev.flag.no"),
                }
            )
        return pd.DataFrame(rows)

    def balance_table(self) -> pd.DataFrame | None:
        """Pre-window means by arm over all customers (every segment in evaluation.json)."""
        if self.balance.empty:
            return None
        part = self.balance[self.balance["segment"] == ALL_SEGMENTS]
        if part.empty:
            part = self.balance
        multi = len(self.treatments) > 1
        return pd.DataFrame(
            [
                {
                    self.t("ev.col.metric"): self.metric_label(r["metric"]),
                    **({self.t("ev.col.arm"): self.arm_label(r["arm"])} if multi else {}),
                    self.t("ev.col.treatment"): self.fmt_value(
                        r["metric"], r["value_treatment"], r["kind"]
                    ),
                    self.t("ev.col.control"): self.fmt_value(
                        r["metric"], r["value_control"], r["kind"]
                    ),
                    self.t("ev.col.smd"): report.format_number(r["smd"], 3, language=self.language),
                    self.t("ev.col.p_raw"): self.fmt_p(r["p_value"]),
                    self.t("ev.col.flag"): self.t("ev.flag.yes")
                    if r["flagged"]
                    else self.t("ev.flag.no"),
                }
                for _, r in part.iterrows()
            ]
        )

    def design_section(self) -> HTML | None:
        """Section 7: sample-ratio check and balance check."""
        if not self.has_control:
            return report.paragraph(self.t("ev.design.no_control"))
        srm, balance = self.srm_table(), self.balance_table()
        flagged = (
            self.balance[self.balance["flagged"] & (self.balance["segment"] != ALL_SEGMENTS)]
            if not self.balance.empty
            else self.balance
        )
        imbalance = [
            self.t(
                "ev.balance.flagged_row",
                metric=self.metric_label(r["metric"]),
                segment=self.segment_label(r["segment"]),
                smd=report.format_number(r["smd"], 2, language=self.language),
            )
            for _, r in flagged.iterrows()
        ]
        return _html(
            report.heading(self.t("ev.h.srm"), level=3),
            report.paragraph(
                self.t(f"ev.srm.method.{self.share_source}", srm_alpha=f"{stats.SRM_ALPHA:g}")
            ),
            self._show(srm) if srm is not None else None,
            report.heading(self.t("ev.h.balance"), level=3),
            report.paragraph(
                self.t(
                    "ev.balance.method"
                    if self.params.source == "data"
                    else "ev.balance.method_table",
                    threshold=report.format_number(
                        self.params.balance_smd_threshold, 2, language=self.language
                    ),
                )
            ),
            self._show(balance)
            if balance is not None
            else report.paragraph(self.t("ev.balance.none")),
            report.bullet_list(imbalance) if imbalance else None,
        )

    # ---- 8. retrospective ----------------------------------------------------------------------

    def successes(self) -> list[str]:
        """Significant improvements after adjustment, and goals graded excellent."""
        out = []
        if self.effects is not None:
            good = self.effects.rows[
                self.effects.rows["significant"] & self.effects.rows["improved"]
            ]
            out += [self.effect_sentence(r) for _, r in good.iterrows()]
        for _, g in self.goals.iterrows():
            if g["grade"] == "excellent":
                out.append(self._goal_sentence(g))
        out += [self.t(key) for key, met in self._standards() if met]
        return out

    def goal_label(self, goal: pd.Series) -> str:
        """A goal's name, or its metric and segment."""
        name = _text(goal["name"]) or self.metric_label(goal["metric"])
        return f"{name} · {self.segment_label(goal['segment'])}"

    def _goal_sentence(self, g: pd.Series) -> str:
        sentence = self.t(
            "ev.retro.goal",
            goal=self.goal_label(g),
            attainment=report.format_pct(g["attainment"], 0, language=self.language),
            grade=self.t(f"ev.grade.{g['grade']}"),
        )
        if _flag(g.get("worse_than_baseline")):
            worse = self.t("ev.goal.check.worse", lowest=self.t(f"ev.grade.{_LOWEST_GRADE}"))
            sentence += self.t("ev.sep.sentence") + worse
        return sentence

    def _standards(self) -> list[tuple[str, bool]]:
        """(label key, met) for each template standard that could be judged."""
        out = []
        f = self.feedback
        if f is not None and f.satisfaction_met is not None:
            out.append(
                (
                    "ev.retro.satisfaction_met"
                    if f.satisfaction_met
                    else "ev.retro.satisfaction_missed",
                    f.satisfaction_met,
                )
            )
        if f is not None and f.negative_met is not None:
            out.append(
                (
                    "ev.retro.negative_met" if f.negative_met else "ev.retro.negative_missed",
                    f.negative_met,
                )
            )
        if self.returns.meets_standard is not None:
            out.append(
                (
                    "ev.retro.roi_met" if self.returns.meets_standard else "ev.retro.roi_missed",
                    self.returns.meets_standard,
                )
            )
        if self.process.met is not None:
            out.append(
                (
                    "ev.retro.process_met" if self.process.met else "ev.retro.process_missed",
                    self.process.met,
                )
            )
        return out

    def improvements(self) -> list[str]:
        """Misses: harmful effects, effects not shown (with the MDE), goals and standards missed."""
        out = []
        if self.effects is not None:
            rows = self.effects.rows
            harmful = rows[rows["significant"] & ~rows["improved"]]
            out += [self.effect_sentence(r) for _, r in harmful.iterrows()]
            for spec in self.specs:
                missed = rows[(rows["metric"] == spec.name) & ~rows["significant"]]
                if missed.empty:
                    continue
                parts = [
                    self.t(
                        "ev.retro.ns_part",
                        segment=self.segment_label(r["segment"]),
                        mde=self.fmt_diff(spec.name, abs(r["mde"])).lstrip("+")
                        if _finite(r["mde"])
                        else self.t("word.not_applicable"),
                    )
                    + (f" ({self.arm_label(r['arm'])})" if len(self.treatments) > 1 else "")
                    for _, r in missed.iterrows()
                ]
                out.append(
                    self.t(
                        "ev.retro.not_shown",
                        metric=self.metric_label(spec.name),
                        parts=self.t("ev.sep.clause").join(parts),
                    )
                )
        else:
            out.append(self.t("ev.retro.no_control"))
        for _, g in self.goals.iterrows():
            if g["grade"] != "excellent":
                out.append(self._goal_sentence(g))
        out += [self.t(key) for key, met in self._standards() if not met]
        return out

    def retrospective_section(self) -> HTML | None:
        """Section 8: successes, what to improve, and the analyst's own notes (escaped)."""
        successes, improvements = self.successes(), self.improvements()
        notes = self.params.notes_list
        return _html(
            report.heading(self.t("ev.h.successes"), level=3),
            report.bullet_list(successes)
            if successes
            else report.paragraph(self.t("ev.retro.no_successes")),
            report.heading(self.t("ev.h.improve"), level=3),
            report.paragraph(self.t("ev.retro.ns_explained")),
            report.bullet_list(improvements)
            if improvements
            else report.paragraph(self.t("ev.retro.nothing")),
            report.heading(self.t("ev.h.notes"), level=3),
            report.bullet_list(notes) if notes else report.paragraph(self.t("ev.retro.no_notes")),
        )

    # ---- evaluation.json -----------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        """The machine-readable result, schema ``SCHEMA_VERSION`` (docs/evaluation_json.md)."""
        p = self.params
        r = self.returns
        f = self.feedback

        def window(bounds: tuple[dt.date, dt.date]) -> dict[str, str]:
            return {"after": bounds[0].isoformat(), "through": bounds[1].isoformat()}

        def records(frame: pd.DataFrame, keys: Sequence[str]) -> list[dict[str, Any]]:
            if frame.empty:
                return []
            return [{k: row.get(k) for k in keys} for row in frame.to_dict("records")]

        effects_rows = self.effects.rows if self.effects is not None else pd.DataFrame()
        payload = {
            "schema_version": SCHEMA_VERSION,
            "campaign_id": self.ctx.params.campaign.id,
            "evaluated_on": self.ctx.today.isoformat(),
            "source": p.source,
            "assignment_source": self.assignment_source,
            "segment_source": self.segment_source,
            "windows": {
                "days": self.windows.days,
                "pre": window(self.windows.pre),
                "post": window(self.windows.post),
                "active_as_of": None
                if self.windows.active_as_of is None or p.source != "data"
                else self.windows.active_as_of.isoformat(),
            },
            "alpha": p.alpha,
            "ci_level": 1 - p.alpha,
            "adjustment": p.adjustment,
            "power": p.power,
            "control_arm": self.control,
            "treatment_arms": list(self.treatments),
            "has_control": self.has_control,
            "customers": records(self.counts, ("segment", "arm", "n")),
            "metrics": [
                {
                    "name": s.name,
                    "kind": s.kind,
                    "lower_is_better": s.lower_is_better,
                    "label": s.label,
                }
                for s in self.specs
            ],
            "skipped_metrics": list(self.skipped_metrics),
            "comparisons": records(effects_rows, COMPARISON_KEYS),
            "did": records(self.did, DID_KEYS),
            "cuped": records(self.cuped, CUPED_KEYS),
            "mann_whitney": records(self.mann_whitney, MANN_WHITNEY_KEYS),
            "paired": records(self.paired.rows, PAIRED_KEYS),
            "before_after": records(self.before_after, BEFORE_AFTER_KEYS),
            "sample_ratio": {
                "share_source": self.share_source,
                "checks": records(self.srm, SRM_KEYS),
            },
            "balance": records(self.balance, BALANCE_KEYS),
            "goals": {"source": self.goal_source, "items": records(self.goals, GOAL_KEYS)},
            "feedback": None
            if f is None
            else {
                "mean_satisfaction": f.mean_satisfaction,
                "respondents": f.respondents,
                "comments": f.comments,
                "negative_suggestions": f.negative,
                "negative_suggestions_control": f.negative_control,
                "min_mean_satisfaction": f.min_mean_satisfaction,
                "max_negative_suggestions": f.max_negative,
                "satisfaction_met": f.satisfaction_met,
                "negative_met": f.negative_met,
                "negative_definition": {
                    "sentiments": list(p.negative_feedback.sentiments),
                    "max_score": p.negative_feedback.max_score,
                },
            },
            "roi": {
                "value_metric": r.value_metric,
                "margin_rate": r.margin_rate,
                "incremental": {
                    "value": r.incremental_value,
                    "ci_low": r.incremental_ci[0],
                    "ci_high": r.incremental_ci[1],
                    "roi": r.incremental_roi,
                    "roi_ci_low": r.incremental_roi_ci[0],
                    "roi_ci_high": r.incremental_roi_ci[1],
                    "segments": list(r.segments),
                    "missing_segments": list(r.missing_segments),
                },
                "gross": {"value": r.gross_value, "roi": r.gross_roi},
                "cost": {
                    "total": r.cost_total,
                    "basis": r.cost_basis,
                    "categories": records(
                        r.costs, ("category", "planned", "actual", "used", "basis")
                    ),
                },
                "conversion_metric": r.conversion_metric,
                "incremental_conversions": r.incremental_conversions,
                "conversions_ci_low": r.conversions_ci[0],
                "conversions_ci_high": r.conversions_ci[1],
                "cost_per_incremental_conversion": r.cost_per_incremental_conversion,
                "min_roi": r.min_roi,
                "meets_standard": r.meets_standard,
            },
            "process": {
                "planned_days": self.process.planned_days,
                "actual_days": self.process.actual_days,
                "ratio": self.process.ratio,
                "max_ratio": self.process.max_ratio,
                "met": self.process.met,
            },
            "messages": [m.key for m in self.messages],
            "notes": self.params.notes_list,
        }
        return _jsonable(payload)

    def write_artifacts(self) -> None:
        """Write evaluation.json and evaluation_effects.csv (aggregates only, no customer rows)."""
        write_json_atomic(self.ctx.artifact(EVALUATION_FILE), self.to_json())
        if self.effects is not None:
            columns = [c for c in COMPARISON_KEYS if c in self.effects.rows]
            write_text_atomic(
                self.ctx.artifact(EFFECTS_FILE), self.effects.rows[columns].to_csv(index=False)
            )


# fmt: off
COMPARISON_KEYS = (
    "metric", "segment", "arm", "control_arm", "kind", "method", "n_treatment", "n_control",
    "value_treatment", "value_control", "diff", "se", "ci_low", "ci_high", "rel_lift",
    "rel_ci_low", "rel_ci_high", "p_value", "p_adjusted", "significant", "improved", "mde", "note",
)
"""Keys of each ``comparisons[]`` entry of evaluation.json (docs/evaluation_json.md)."""
DID_KEYS = (
    "metric", "segment", "arm", "kind", "treatment_pre", "treatment_post", "control_pre",
    "control_post", "diff", "se", "ci_low", "ci_high", "p_value", "method", "note",
)
CUPED_KEYS = (
    "metric", "segment", "arm", "kind", "plain_diff", "plain_ci_low", "plain_ci_high", "diff", "se",
    "ci_low", "ci_high", "p_value", "variance_reduction", "method", "note",
)
MANN_WHITNEY_KEYS = (
    "metric", "segment", "arm", "n_treatment", "n_control", "statistic", "p_value",
    "prob_superiority", "welch_p_value",
)
PAIRED_KEYS = (
    "metric", "segment", "arm", "n", "mean_before", "mean_after", "mean_diff", "ci_low", "ci_high",
    "p_value", "wilcoxon_p_value", "method", "note",
)
BEFORE_AFTER_KEYS = (
    "metric", "segment", "kind", "n", "n_before", "before", "after", "mean_diff", "ci_low",
    "ci_high", "p_value", "method", "yes_to_no", "no_to_yes", "note",
)
SRM_KEYS = (
    "segment", "arms", "observed", "observed_shares", "expected_shares", "statistic", "p_value",
    "flagged", "unplanned",
)
BALANCE_KEYS = (
    "metric", "segment", "arm", "n_treatment", "n_control", "value_treatment", "value_control",
    "smd", "p_value", "flagged",
)
GOAL_KEYS = (
    "name", "metric", "segment", "filters", "direction", "baseline", "baseline_source",
    "plan_baseline_source", "target", "actual", "n", "attainment", "progress", "grade", "deadline",
    "target_on_improving_side", "worse_than_baseline", "problems", "source",
)
# fmt: on


def _jsonable(value: Any) -> Any:
    """Plain JSON values: NaN and infinities become null, numpy scalars Python numbers."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | np.ndarray):
        return [_jsonable(v) for v in value]
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return float(value) if math.isfinite(float(value)) else None
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return str(value)
