"""The retrospective as facts: what worked, what to improve, leads to test next time, standards.

Each list holds facts, never sentences (``verdict_sentences`` words them). The rules
(docs/methods.md, "Verdicts"): **worked** holds goals reached and primary comparisons significant
after Holm's adjustment that moved the good way; **improve** holds goals missed or too close to
call and primary comparisons that moved the wrong way; **leads** holds exploratory comparisons
significant within their own family, to test next time; **standards** holds the template's
standards that could be judged. Each fact is listed once: a reached goal carries its own
comparison, a credited comparison of a goal not reached is listed under worked and its goal
under improve without it, and a rate that is the complement of another in the same scope
(churn = 1 - repurchase when everyone was active) is not a second fact.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from campaign_eval.evaluation.effects import EXPLORATORY
from campaign_eval.evaluation.result import EvaluationResult

COMPLEMENTS = {"churn_rate": "repurchase_rate"}
"""Rates that are the complement of another when both count the same customers."""
_COMPLEMENT_TOLERANCE = 1e-12
GOAL_FIELDS = (
    "name", "metric", "segment", "verdict", "credited", "actual", "ci_low", "ci_high", "target",
    "effect_diff", "effect_ci_low", "effect_ci_high", "effect_p_adjusted",
)  # fmt: skip
"""What a goal fact holds."""
EFFECT_FIELDS = (
    "metric", "segment", "arm", "family", "diff", "ci_low", "ci_high", "p_value", "p_adjusted",
    "improved", "mde", "mde_direction",
)  # fmt: skip
"""What a comparison fact holds."""


@dataclass(frozen=True)
class Retrospective:
    """The facts of the retrospective.

    Attributes:
        worked: Goals reached and primary comparisons that moved the good way, significantly.
        improve: Goals missed or too close to call, harmful primary comparisons, standards missed.
        leads: Exploratory comparisons significant within their family: to test next time.
        standards: Every template standard that could be judged: name, verdict and figures.
        open_until: The first day the outcomes can be judged, while the window is still open.
    """

    worked: list[dict[str, Any]] = field(default_factory=list)
    improve: list[dict[str, Any]] = field(default_factory=list)
    leads: list[dict[str, Any]] = field(default_factory=list)
    standards: list[dict[str, Any]] = field(default_factory=list)
    open_until: str | None = None


def _goal_fact(goal: pd.Series, *, effect_listed: bool = False) -> dict[str, Any]:
    return {"kind": "goal", **{k: goal.get(k) for k in GOAL_FIELDS}, "effect_listed": effect_listed}


def _effect_fact(row: pd.Series) -> dict[str, Any]:
    return {"kind": "effect", **{k: row.get(k) for k in EFFECT_FIELDS}}


def is_complement(row: pd.Series, rows: pd.DataFrame) -> bool:
    """Whether ``row`` restates another comparison of the same scope (churn = 1 - repurchase)."""
    other = COMPLEMENTS.get(str(row["metric"]))
    if other is None:
        return False
    same_scope = (rows["segment"] == row["segment"]) & (rows["arm"] == row["arm"])
    twin = rows[(rows["metric"] == other) & same_scope]
    if twin.empty:
        return False
    t = twin.iloc[0]
    same_customers = all(int(t[k]) == int(row[k]) for k in ("n_treatment", "n_control"))
    mirrored = all(
        math.isclose(float(row[k]), 1 - float(t[k]), abs_tol=_COMPLEMENT_TOLERANCE)
        for k in ("value_treatment", "value_control")
    )
    return same_customers and mirrored


def _standard(name: str, verdict: str, value: object, threshold: object) -> dict[str, Any]:
    return {
        "kind": "standard",
        "standard": name,
        "verdict": verdict,
        "value": value,
        "threshold": threshold,
    }


def _standards(result: EvaluationResult) -> list[dict[str, Any]]:
    r, out = result.returns, []
    if r.verdict is not None:
        roi = _standard("roi", r.verdict, r.incremental_roi, r.min_roi)
        out.append({**roi, "p_meets_standard": r.p_meets_standard})
    f, process = result.feedback, result.process
    judged: list[tuple[str, bool | None, object, object]] = []
    if f is not None:
        judged.append(
            ("satisfaction", f.satisfaction_met, f.mean_satisfaction, f.min_mean_satisfaction)
        )
        judged.append(("negative_suggestions", f.negative_met, f.negative, f.max_negative))
    judged.append(("preparation", process.met, process.ratio, process.max_ratio))
    out += [
        _standard(name, "met" if met else "not_met", value, threshold)
        for name, met, value, threshold in judged
        if met is not None
    ]
    return out


def open_until(result: EvaluationResult) -> str | None:
    """The first day the outcomes can be judged, while the outcome window is still open."""
    goals = result.goals.rows
    pending = [str(v) for v in goals.get("measurable_from", pd.Series(dtype=object)) if v]
    if pending:
        return pending[0]
    window = next((n for n in result.notices if n.code == "window_open"), None)
    if window is None:
        return None
    end = dict(window.figures)["end"]
    return str(end + dt.timedelta(days=1)) if isinstance(end, dt.date) else str(end)


def _sort_effect(retro: Retrospective, row: pd.Series, covered: set[tuple[str, str]]) -> None:
    """Put one significant comparison where it belongs (a goal may already hold its own)."""
    if (str(row["metric"]), str(row["segment"])) in covered:
        return
    if row["family"] == EXPLORATORY:
        retro.leads.append(_effect_fact(row))
    else:
        (retro.worked if row["improved"] else retro.improve).append(_effect_fact(row))


def build(result: EvaluationResult) -> Retrospective:
    """The retrospective's facts (only the standards while the outcome window is still open)."""
    goals = result.goals.rows
    retro = Retrospective(standards=_standards(result), open_until=open_until(result))
    if retro.open_until is not None:
        return retro
    covered: set[tuple[str, str]] = set()
    for _, goal in goals.iterrows():
        verdict = goal.get("verdict")
        if verdict == "reached":
            retro.worked.append(_goal_fact(goal))
            covered.add((str(goal["metric"]), str(goal["segment"])))
        elif verdict in ("missed", "too_close"):
            credited = bool(goal.get("credited"))
            retro.improve.append(_goal_fact(goal, effect_listed=credited))
            if not credited:  # its comparison is told with the goal
                covered.add((str(goal["metric"]), str(goal["segment"])))
    effects = result.effects.rows if result.effects is not None else pd.DataFrame()
    for _, row in effects.iterrows():
        if row["significant"] and not is_complement(row, effects):
            _sort_effect(retro, row, covered)
    return retro
