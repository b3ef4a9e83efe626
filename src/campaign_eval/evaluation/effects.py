"""Treatment vs control after the event: one comparison per metric, segment and treatment arm.

Every comparison is computed from sufficient statistics per arm and segment by the documented
test of its kind (``stats.compare_proportions``, ``stats.compare_means_from_sums``,
``stats.compare_nps``). The comparisons form two families (docs/methods.md): the **primary** one
holds one comparison per goal fixed before the start (its metric in its segment), adjusted with
Holm among themselves; every other comparison is **exploratory**, adjusted within its own family.
Each comparison states the effect it could have detected (``stats.detectable_effect``) at the
strictest level its family's adjustment applies, in the direction of its goal or, without one,
of the observed difference.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import fields, replace
from typing import Any

import narwhals as nw
import pandas as pd

from campaign_eval import stats
from campaign_eval.conventions import CONTROL
from campaign_eval.evaluation.outcomes import DataOutcomes, collect_stats
from campaign_eval.evaluation.result import EffectsTable
from campaign_eval.evaluation.specs import Kind, MetricSpec, metric_spec
from campaign_eval.evaluation.sums import (
    NPS_COUNTS,
    STAT_COLUMNS,
    count,
    has_customers,
    lookup,
    order_segments,
    stat_sd,
    with_overall,
)
from campaign_eval.evaluation.windows import OutcomeWindows
from campaign_eval.io import CampaignData

COMPARISON_FIELDS = tuple(f.name for f in fields(stats.Comparison))
"""Every field of ``stats.Comparison``: the columns a comparison adds to its row."""
KEY_COLUMNS = ("metric", "segment", "arm", "control_arm", "kind", "lower_is_better")
"""What a comparison is about."""
EFFECT_COLUMNS = (
    *KEY_COLUMNS, *COMPARISON_FIELDS, "family", "p_adjusted", "significant", "improved",
)  # fmt: skip
"""Columns of ``EffectsTable.rows``: keys, every ``stats.Comparison`` field, the adjustment."""
PRIMARY = "primary"
"""A comparison fixed before the start, one per goal: its verdict may credit the campaign."""
EXPLORATORY = "exploratory"
"""Every other comparison: a lead to test next time, never a result on its own."""
FAMILIES = (PRIMARY, EXPLORATORY)
PrimaryKey = tuple[str, str]
"""(metric, segment) of a primary comparison."""
EMPTY_TREATMENT = "empty_treatment"
"""A comparison skipped because the treatment arm has no customer with a value."""
EMPTY_CONTROL = "empty_control"
"""A comparison skipped because the control arm has no customer with a value."""


def compare_groups(kind: Kind, t: pd.Series, c: pd.Series, *, alpha: float) -> stats.Comparison:
    """Treatment vs control from sufficient statistics, by the documented test of ``kind``."""
    if kind == "proportion":
        return stats.compare_proportions(
            count(t["sum"]), int(t["n"]), count(c["sum"]), int(c["n"]), alpha=alpha
        )
    if kind == "nps":
        return stats.compare_nps(
            *(count(t[k]) for k in NPS_COUNTS), *(count(c[k]) for k in NPS_COUNTS), alpha=alpha
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


def improved(spec: MetricSpec, diff: float) -> bool:
    """Whether a difference points the good way: down for churn and complaints, else up."""
    return bool(diff < 0) if spec.lower_is_better else bool(diff > 0)


def _records(
    full: pd.DataFrame, specs: Sequence[MetricSpec], control: str, arms: Sequence[str], alpha: float
) -> tuple[list[dict[str, Any]], list[tuple[str, str, str, str]]]:
    """One record per comparison that can be made, and the ones that cannot, with the reason."""
    records: list[dict[str, Any]] = []
    skipped: list[tuple[str, str, str, str]] = []
    for spec in specs:
        part = full[full["metric"] == spec.name]
        rows = lookup(part)
        for segment in order_segments(part["segment"].astype(str)):
            c = rows.get((control, segment))
            for arm in arms:
                t = rows.get((arm, segment))
                if t is None or c is None or not has_customers(t, c):
                    reason = EMPTY_TREATMENT if not has_customers(t) else EMPTY_CONTROL
                    skipped.append((spec.name, segment, arm, reason))
                    continue
                comparison = compare_groups(spec.kind, t, c, alpha=alpha)
                keys = (spec.name, segment, arm, control, spec.kind, spec.lower_is_better)
                records.append(
                    {
                        **dict(zip(KEY_COLUMNS, keys, strict=True)),
                        **{name: getattr(comparison, name) for name in COMPARISON_FIELDS},
                    }
                )
    return records, skipped


def compare_arms(
    table: pd.DataFrame,
    specs: Sequence[MetricSpec],
    *,
    control: str,
    treatments: Sequence[str] | None = None,
    alpha: float = stats.DEFAULT_ALPHA,
    adjustment: stats.PValueAdjustment = "holm",
    primary: Mapping[PrimaryKey, str] | None = None,
) -> EffectsTable:
    """Compare every treatment arm with the control from sufficient statistics.

    Args:
        table: Columns ``metric``, ``arm``, ``segment``, ``n``, ``sum``, ``sumsq`` (and NPS
            counts); overall rows are added here.
        specs: The metrics to compare, in report order.
        control: The control arm.
        treatments: Treatment arms; default every other arm in ``table``.
        alpha: Two-sided significance level.
        adjustment: Multiple-testing correction within the exploratory family (``holm`` or
            ``fdr_bh``); the primary family always uses Holm.
        primary: (metric, segment) -> the goal's direction, for the primary comparisons (every
            treatment arm of that metric and segment). Without it every row is exploratory.

    Returns:
        The effects table with a ``family`` column and p-values adjusted within each family.
    """
    frames = [with_overall(table[table["metric"] == s.name], STAT_COLUMNS) for s in specs]
    full = pd.concat(frames, ignore_index=True) if frames else table.iloc[0:0]
    arms = (
        sorted(set(full["arm"].astype(str)) - {control}) if treatments is None else list(treatments)
    )
    records, skipped = _records(full, specs, control, arms, alpha)
    rows = pd.DataFrame.from_records(records, columns=list(EFFECT_COLUMNS[:-4]))
    goals = primary or {}
    rows["family"] = [
        PRIMARY if (m, s) in goals else EXPLORATORY
        for m, s in zip(rows["metric"], rows["segment"], strict=True)
    ]
    rows["p_adjusted"] = float("nan")
    rows["significant"] = False
    methods: tuple[tuple[str, stats.PValueAdjustment], ...] = (
        (PRIMARY, "holm"),
        (EXPLORATORY, adjustment),
    )
    for family, method in methods:
        members = rows["family"] == family
        if members.any():
            adjusted = stats.adjust_pvalues(
                rows.loc[members, "p_value"].to_numpy(dtype=float), method, alpha=alpha
            )
            rows.loc[members, "p_adjusted"] = list(adjusted.p_adjusted)
            rows.loc[members, "significant"] = list(adjusted.rejected)
    rows["significant"] = rows["significant"].astype(bool)
    by_name = {s.name: s for s in specs}
    rows["improved"] = [
        improved(by_name[m], d) for m, d in zip(rows["metric"], rows["diff"], strict=True)
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


def evaluate_effects(
    data: CampaignData,
    assignment: nw.LazyFrame,
    metrics: Sequence[str],
    windows: OutcomeWindows,
    *,
    control: str = CONTROL,
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
            are judged on ``windows.active_as_of`` (``OutcomeWindows.around``: the day before
            the campaign started).
        control: The control arm.
        treatments: Treatment arms (default: every other arm).
        alpha: Two-sided significance level.
        adjustment: ``holm`` (default) or ``fdr_bh`` over all segments x metrics x arms.

    Returns:
        The effects table. One ``metrics.outcomes.group_stats_many`` query (all metrics in one
        pass) reaches the engine; no per-customer row is collected.
    """
    specs = [metric_spec(m) for m in metrics]
    table = collect_stats(DataOutcomes(data, assignment, windows), specs, "post")
    return compare_arms(
        table, specs, control=control, treatments=treatments, alpha=alpha, adjustment=adjustment
    )


def mde_direction(
    spec: MetricSpec, row: pd.Series, primary: Mapping[PrimaryKey, str]
) -> stats.Direction:
    """The direction an MDE is stated in: the goal's, else the observed difference's.

    Near 0% the two directions differ (a rate of 2% is detected falling by less than it must
    rise), so an increase of complaints is measured against the MDE of an increase, not against
    the decrease a lower-is-better metric hopes for.
    A difference of exactly 0 takes the metric's good direction.
    """
    goal = primary.get((str(row["metric"]), str(row["segment"])))
    if goal in ("increase", "decrease"):
        return "increase" if goal == "increase" else "decrease"
    diff = float(row["diff"])
    if diff > 0:
        return "increase"
    if diff < 0:
        return "decrease"
    return "decrease" if spec.lower_is_better else "increase"


def detectable_effect(
    effects: EffectsTable,
    row: pd.Series,
    *,
    power: float,
    alpha: float,
    direction: stats.Direction,
) -> float:
    """The minimum detectable effect of one comparison at level ``alpha`` in ``direction``."""
    spec = effects.spec(row["metric"])
    sd = float("nan")
    if spec.kind != "proportion":
        control = effects.arm_stats(row["metric"], row["segment"], effects.control)
        sd = stat_sd(control, spec.kind) if control is not None else sd
    return stats.detectable_effect(
        "proportion" if spec.kind == "proportion" else "mean",
        float(row["value_control"]),
        float(row["n_control"]),
        float(row["n_treatment"]),
        sd=sd,
        alpha=alpha,
        power=power,
        direction=direction,
    )


def mde_level(effects: EffectsTable, family: str = EXPLORATORY) -> float:
    """Alpha / m, m the tested comparisons of ``family``: the strictest level Holm (or BH) applies.

    After the adjustment a comparison is significant at a level between alpha / m and alpha, so an
    MDE at the raw alpha would promise detection the adjusted test does not deliver; alpha / m
    gives the effect that would have been detected with the stated power in any case. For the
    primary family this is the level the plan sized the goals at.
    """
    rows = effects.rows
    members = rows["family"] == family if "family" in rows else pd.Series(True, index=rows.index)
    tested = max(int(rows.loc[members, "p_value"].notna().sum()), 1)
    return effects.alpha / tested


def with_detectable_effects(
    effects: EffectsTable, power: float, primary: Mapping[PrimaryKey, str] | None = None
) -> EffectsTable:
    """The effects with ``mde`` (at its family's ``mde_level``) and ``mde_direction`` columns."""
    rows = effects.rows.copy()
    goals = primary or {}
    levels = {family: mde_level(effects, family) for family in FAMILIES}
    directions = [mde_direction(effects.spec(r["metric"]), r, goals) for _, r in rows.iterrows()]
    rows["mde_direction"] = directions
    rows["mde"] = [
        detectable_effect(
            effects, row, power=power, alpha=levels[row["family"]], direction=direction
        )
        for (_, row), direction in zip(rows.iterrows(), directions, strict=True)
    ]
    return replace(effects, rows=rows)
