"""Which comparisons are primary, and which goals the campaign can be credited with.

Each goal fixed before the start is one primary comparison: its metric in its segment, against
the control (docs/methods.md, "Two families"). A goal is **credited** to the campaign only when
that comparison is significant after Holm's adjustment within the primary family and points the
goal's way; a goal reached without such a comparison was reached, but not shown to be caused.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from campaign_eval.config.evaluation import EvaluationParams
from campaign_eval.evaluation.effects import PRIMARY, PrimaryKey, mde_level
from campaign_eval.evaluation.goals import PLAN, Goal
from campaign_eval.evaluation.result import EffectsTable, PrimarySource
from campaign_eval.evaluation.specs import MetricSpec, good_direction

EFFECT_COLUMNS = (
    "effect_arm", "effect_diff", "effect_ci_low", "effect_ci_high", "effect_p_value",
    "effect_p_adjusted", "effect_significant", "effect_improved", "effect_mde", "alpha",
    "credited",
)  # fmt: skip
"""What each goal row gains from its primary comparison."""


@dataclass(frozen=True)
class PrimaryFamily:
    """The primary comparisons, fixed before the campaign, and where they came from.

    Attributes:
        comparisons: (metric, segment) -> the direction the campaign is meant to move it.
        source: ``goals`` (the plan's, else the params'), ``params`` (``evaluation.primary``)
            or ``none`` (every comparison is exploratory).
    """

    comparisons: dict[PrimaryKey, str] = field(default_factory=dict)
    source: PrimarySource = "none"


def primary_comparisons(
    goals: Sequence[Goal], params: EvaluationParams, specs: Sequence[MetricSpec]
) -> PrimaryFamily:
    """The primary family: one comparison per goal, else per ``evaluation.primary`` entry.

    The plan's goals when there are any; else ``evaluation.primary``; else the params' goals. A
    goal whose scope filters customers by attribute has no comparison of its own (comparisons
    are per segment), so it is not in the family.
    """
    if any(g.source == PLAN for g in goals) or not params.primary:
        by_goal = {(g.metric, g.segment): g.direction for g in goals if not g.filters}
        return PrimaryFamily(by_goal, "goals" if by_goal else "none")
    named = {
        (p.metric, p.segment): p.direction or good_direction(p.metric, specs)
        for p in params.primary
    }
    return PrimaryFamily(named, "params")


def _best(effects: EffectsTable, goal: pd.Series) -> pd.Series | None:
    """The goal's primary comparison; with several treatment arms, the one with the lowest p."""
    rows = effects.rows
    hit = rows[
        (rows["metric"] == goal["metric"])
        & (rows["segment"] == goal["segment"])
        & (rows["family"] == PRIMARY)
    ]
    if hit.empty:
        return None
    return hit.sort_values("p_adjusted", na_position="last").iloc[0]


def _credit(effects: EffectsTable | None, goal: pd.Series, level: float) -> dict[str, Any]:
    none: dict[str, Any] = dict.fromkeys(EFFECT_COLUMNS)
    none.update(alpha=math.nan, credited=False)
    row = None if effects is None or goal.get("filters") else _best(effects, goal)
    if row is None:
        return none
    significant, improved = bool(row["significant"]), bool(row["improved"])
    return {
        "effect_arm": row["arm"],
        "effect_diff": row["diff"],
        "effect_ci_low": row["ci_low"],
        "effect_ci_high": row["ci_high"],
        "effect_p_value": row["p_value"],
        "effect_p_adjusted": row["p_adjusted"],
        "effect_significant": significant,
        "effect_improved": improved,
        "effect_mde": row.get("mde"),
        "alpha": level,
        "credited": significant and improved and goal.get("measurable_from") is None,
    }


def credit_goals(goals: pd.DataFrame, effects: EffectsTable | None) -> pd.DataFrame:
    """The goal rows with their primary comparison, its level and whether it is credited."""
    if goals.empty:
        return goals.reindex(columns=[*goals.columns, *EFFECT_COLUMNS])
    level = mde_level(effects, PRIMARY) if effects is not None else math.nan
    credit = pd.DataFrame([_credit(effects, g, level) for _, g in goals.iterrows()])
    return pd.concat([goals.reset_index(drop=True), credit], axis=1)
