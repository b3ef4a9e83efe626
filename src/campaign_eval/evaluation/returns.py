"""Return on the campaign: incremental value against the control (the headline) and gross value.

Incremental value is the sum over segments and treatment arms of (treatment mean - control
mean) x treated customers of the value metric, with its interval (``stats.incremental_total``);
costs use the actual amount of each category where known and the planned amount otherwise.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from campaign_eval import stats
from campaign_eval.config.evaluation import EvaluationParams
from campaign_eval.conventions import ALL_SEGMENTS
from campaign_eval.evaluation.result import CostBasis, EffectsTable, ReturnSummary
from campaign_eval.evaluation.sums import order_segments
from campaign_eval.io import CampaignData

COST_COLUMNS = ("category", "planned", "actual", "used", "basis")
"""Columns of the budget table."""
ACTUAL = "actual"
PLANNED = "planned"

Costs = tuple[pd.DataFrame, float, CostBasis]
"""The budget by category, the total the ROI divides by, and which amounts it uses."""


def cost_table(data: CampaignData | None, params: EvaluationParams) -> Costs:
    """Budget by category from the costs table (or the params), with the amount used for ROI.

    Every category uses its actual amount where known and its planned amount otherwise.
    """
    columns = ["category", PLANNED, ACTUAL]
    if data is not None and data.has("costs"):
        costs = data.to_pandas("costs")
        if ACTUAL not in costs:
            costs[ACTUAL] = math.nan
        costs = costs[columns]
    elif params.costs:
        costs = pd.DataFrame([c.model_dump() for c in params.costs], columns=columns)
    else:
        return pd.DataFrame(columns=list(COST_COLUMNS)), math.nan, "none"
    costs = costs.astype({"category": str, PLANNED: float, ACTUAL: float})
    known = costs[ACTUAL].notna()
    costs["used"] = costs[ACTUAL].where(known, costs[PLANNED])
    costs["basis"] = np.where(known, ACTUAL, PLANNED)
    basis: CostBasis = "actual" if known.all() else ("planned" if not known.any() else "mixed")
    return costs.reset_index(drop=True), float(costs["used"].sum()), basis


def _segment_arms(effects: EffectsTable, rows: pd.DataFrame, segment: str) -> stats.SegmentArms:
    """A segment's treatment arms and its control, as means with their sampling variances."""
    metric = str(rows["metric"].iloc[0])
    kind = "proportion" if effects.spec(metric).kind == "proportion" else "mean"

    def variance(arm: str) -> float:
        row = effects.arm_stats(metric, segment, arm)
        if row is None:
            return float("nan")
        return stats.variance_of_mean(kind, float(row["n"]), float(row["sum"]), float(row["sumsq"]))

    part = rows[rows["segment"] == segment]
    arms = tuple(
        stats.ArmMean(float(r["n_treatment"]), float(r["value_treatment"]), variance(r["arm"]))
        for _, r in part.iterrows()
    )
    control_mean = float(part["value_control"].iloc[0])
    return stats.SegmentArms(arms, control_mean, variance(effects.control))


def incremental(
    effects: EffectsTable | None, metric: str | None, alpha: float
) -> tuple[stats.IncrementalTotal, tuple[str, ...], tuple[str, ...]]:
    """Sum of diff x treated customers over segments and arms, with its interval.

    Each segment's treatment arms share its control, whose variance is counted once
    (``stats.incremental_total_shared``); segments add up independently.

    Returns:
        The total, the segments in it, and the segments left out for want of a comparison.
    """
    if effects is None or metric is None or metric not in {s.name for s in effects.specs}:
        return stats.incremental_total_shared([], alpha=alpha), (), ()
    rows = effects.rows[effects.rows["metric"] == metric]
    by_segment = rows[rows["segment"] != ALL_SEGMENTS]
    if by_segment.empty:
        by_segment = rows
    segments = order_segments(by_segment["segment"])
    found = stats.incremental_total_shared(
        [_segment_arms(effects, by_segment, s) for s in segments], alpha=alpha
    )
    stats_rows = effects.stats[
        (effects.stats["metric"] == metric) & (effects.stats["segment"] != ALL_SEGMENTS)
    ]
    missing = sorted(set(stats_rows["segment"]) - set(by_segment["segment"]))
    return found, tuple(order_segments(by_segment["segment"])), tuple(missing)


def summarize_return(
    effects: EffectsTable | None,
    post: pd.DataFrame,
    costs: Costs,
    params: EvaluationParams,
    *,
    treatments: Sequence[str],
    alpha: float,
    judged: bool = True,
) -> ReturnSummary:
    """Incremental and gross value, ROI, its verdict, and cost per incremental conversion.

    ``judged`` is False while the outcome window is still open: the figures are partial and the
    ROI gets no verdict.
    """
    value_metric, conversion_metric = params.value_metric_name, params.conversion_metric_name
    margin = params.margin_rate
    value, segments, missing = incremental(effects, value_metric, alpha)
    conv, _, _ = incremental(effects, conversion_metric, alpha)
    gross = math.nan
    if value_metric is not None:
        part = post[(post["metric"] == value_metric) & post["arm"].isin(treatments)]
        if not part.empty:
            gross = float(part["sum"].sum()) * margin
    table, cost_total, basis = costs
    evaluated = set(post["metric"])
    standard = params.standards.min_roi
    roi_low, roi_high = (
        (value.ci_low * margin / cost_total, value.ci_high * margin / cost_total)
        if cost_total > 0
        else (math.nan, math.nan)
    )
    verdict = stats.standard_verdict(roi_low, roi_high, standard) if judged else None
    p_meets = (
        stats.probability_at_least(value.value * margin, value.se * margin, standard * cost_total)
        if judged and cost_total > 0
        else math.nan
    )
    return ReturnSummary(
        costs=table,
        cost_total=cost_total,
        cost_basis=basis,
        margin_rate=margin,
        value_metric=value_metric if value_metric in evaluated else None,
        incremental_value=value.value * margin,
        incremental_ci=(value.ci_low * margin, value.ci_high * margin),
        incremental_se=value.se * margin,
        gross_value=gross,
        incremental_conversions=conv.value,
        conversions_ci=(conv.ci_low, conv.ci_high),
        conversion_metric=conversion_metric if conversion_metric in evaluated else None,
        segments=segments,
        missing_segments=missing,
        min_roi=standard,
        alpha=alpha,
        verdict=verdict,
        p_meets_standard=p_meets,
    )
