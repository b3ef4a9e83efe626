"""The evaluation's files: ``evaluation.json`` (docs/evaluation_json.md) and the effects CSV.

Both hold aggregates only, never a row per customer. The JSON's key tables below are the
documented schema; ``SCHEMA_VERSION`` changes when a key is renamed or removed, or a value
changes meaning.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from campaign_eval.artifacts import (
    EVALUATION_EFFECTS_CSV,
    EVALUATION_JSON,
    write_json_atomic,
    write_text_atomic,
)
from campaign_eval.evaluation import retrospective
from campaign_eval.evaluation.notices import NOTICE_KEYS
from campaign_eval.evaluation.result import EvaluationResult, Feedback, Process, ReturnSummary
from campaign_eval.evaluation.returns import COST_COLUMNS

SCHEMA_VERSION = 2
"""Version of the evaluation.json schema (docs/evaluation_json.md); bump on incompatible changes."""

# fmt: off
COMPARISON_KEYS = (
    "metric", "segment", "arm", "control_arm", "kind", "method", "n_treatment", "n_control",
    "value_treatment", "value_control", "diff", "se", "ci_low", "ci_high", "rel_lift",
    "rel_ci_low", "rel_ci_high", "p_value", "family", "p_adjusted", "significant", "improved",
    "mde", "mde_direction", "note",
)
"""Keys of each ``comparisons[]`` entry of evaluation.json (docs/evaluation_json.md)."""
DID_KEYS = (
    "metric", "segment", "arm", "kind", "treatment_pre", "treatment_post", "control_pre",
    "control_post", "diff", "se", "ci_low", "ci_high", "p_value", "method", "note",
)
"""Keys of each ``did[]`` entry."""
CUPED_KEYS = (
    "metric", "segment", "arm", "kind", "plain_diff", "plain_ci_low", "plain_ci_high", "diff", "se",
    "ci_low", "ci_high", "p_value", "variance_reduction", "method", "note",
)
"""Keys of each ``cuped[]`` entry."""
MANN_WHITNEY_KEYS = (
    "metric", "segment", "arm", "n_treatment", "n_control", "statistic", "p_value",
    "prob_superiority", "welch_p_value",
)
"""Keys of each ``mann_whitney[]`` entry."""
PAIRED_KEYS = (
    "metric", "segment", "arm", "n", "mean_before", "mean_after", "mean_diff", "ci_low", "ci_high",
    "p_value", "wilcoxon_p_value", "method", "note",
)
"""Keys of each ``paired[]`` entry."""
BEFORE_AFTER_KEYS = (
    "metric", "segment", "kind", "n", "n_before", "before", "after", "mean_diff", "ci_low",
    "ci_high", "p_value", "method", "yes_to_no", "no_to_yes", "note",
)
"""Keys of each ``before_after[]`` entry."""
SRM_KEYS = (
    "segment", "arms", "observed", "observed_shares", "expected_shares", "statistic", "p_value",
    "flagged", "unplanned",
)
"""Keys of each ``sample_ratio.checks[]`` entry."""
BALANCE_KEYS = (
    "metric", "segment", "arm", "n_treatment", "n_control", "value_treatment", "value_control",
    "smd", "p_value", "flagged",
)
"""Keys of each ``balance[]`` entry."""
GOAL_KEYS = (
    "name", "metric", "segment", "filters", "direction", "baseline", "baseline_source",
    "plan_baseline_source", "target", "target_kind", "actual", "ci_low", "ci_high", "n",
    "verdict", "attainment", "progress", "grade", "deadline", "measurable_from",
    "target_on_improving_side", "worse_than_baseline", "effect_arm", "effect_diff", "effect_ci_low",
    "effect_ci_high", "effect_p_value", "effect_p_adjusted", "effect_significant",
    "effect_improved", "effect_mde", "alpha", "credited", "problems", "source",
)
"""Keys of each ``goals.items[]`` entry."""
# fmt: on


def write(folder: Path, result: EvaluationResult) -> dict[str, Path]:
    """Write evaluation.json and, with a control group, evaluation_effects.csv.

    Returns:
        The files written, by name.
    """
    written = {"evaluation": folder / EVALUATION_JSON}
    write_json_atomic(written["evaluation"], to_json(result))
    if result.effects is not None:
        columns = [c for c in COMPARISON_KEYS if c in result.effects.rows]
        written["evaluation_effects"] = folder / EVALUATION_EFFECTS_CSV
        write_text_atomic(
            written["evaluation_effects"], result.effects.rows[columns].to_csv(index=False)
        )
    return written


def records(frame: pd.DataFrame, keys: Sequence[str]) -> list[dict[str, Any]]:
    """The rows of a table as JSON objects with ``keys`` (None where a column is absent)."""
    if frame.empty:
        return []
    return [{k: row.get(k) for k in keys} for row in frame.to_dict("records")]


def _window(bounds: tuple[dt.date, dt.date]) -> dict[str, str]:
    return {"after": bounds[0].isoformat(), "through": bounds[1].isoformat()}


def _windows(result: EvaluationResult) -> dict[str, Any]:
    if result.from_table:  # a table has no dates: none are invented
        return {"days": None, "pre": None, "post": None, "active_as_of": None,
                "label": result.outcome_label}  # fmt: skip
    windows = result.windows
    as_of = windows.active_as_of
    return {
        "days": windows.days,
        "pre": _window(windows.pre),
        "post": _window(windows.post),
        "active_as_of": None if as_of is None or result.source != "data" else as_of.isoformat(),
    }


def _feedback(f: Feedback | None) -> dict[str, Any] | None:
    if f is None:
        return None
    return {
        "mean_satisfaction": f.mean_satisfaction,
        "respondents": f.respondents,
        "comments": f.comments,
        "negative_suggestions": f.negative,
        "negative_suggestions_control": f.negative_control,
        "customers": f.customers,
        "customers_control": f.customers_control,
        "negative_rate": f.negative_rate,
        "negative_rate_control": f.negative_rate_control,
        "min_mean_satisfaction": f.min_mean_satisfaction,
        "max_negative_suggestions": f.max_negative,
        "satisfaction_met": f.satisfaction_met,
        "negative_met": f.negative_met,
        "negative_definition": {
            "sentiments": list(f.negative_sentiments),
            "max_score": f.negative_max_score,
        },
    }


def _roi(r: ReturnSummary) -> dict[str, Any]:
    return {
        "value_metric": r.value_metric,
        "margin_rate": r.margin_rate,
        "incremental": {
            "value": r.incremental_value,
            "se": r.incremental_se,
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
            "categories": records(r.costs, COST_COLUMNS),
        },
        "conversion_metric": r.conversion_metric,
        "incremental_conversions": r.incremental_conversions,
        "conversions_ci_low": r.conversions_ci[0],
        "conversions_ci_high": r.conversions_ci[1],
        "cost_per_incremental_conversion": r.cost_per_incremental_conversion,
        "min_roi": r.min_roi,
        "meets_standard": r.meets_standard,
        "verdict": r.verdict,
        "p_meets_standard": r.p_meets_standard,
    }


def _process(p: Process) -> dict[str, Any]:
    return {
        "planned_days": p.planned_days,
        "actual_days": p.actual_days,
        "ratio": p.ratio,
        "max_ratio": p.max_ratio,
        "met": p.met,
    }


def _analyses(result: EvaluationResult) -> dict[str, Any]:
    """The comparisons and the before/after, rank and paired analyses."""
    effects = result.effects.rows if result.effects is not None else pd.DataFrame()
    return {
        "comparisons": records(effects, COMPARISON_KEYS),
        "did": records(result.did, DID_KEYS),
        "cuped": records(result.cuped, CUPED_KEYS),
        "mann_whitney": records(result.mann_whitney, MANN_WHITNEY_KEYS),
        "paired": records(result.paired.rows, PAIRED_KEYS),
        "before_after": records(result.before_after, BEFORE_AFTER_KEYS),
        "sample_ratio": {
            "share_source": result.share_source,
            "checks": records(result.srm, SRM_KEYS),
        },
        "balance": records(result.balance, BALANCE_KEYS),
    }


def to_json(result: EvaluationResult) -> dict[str, Any]:
    """The machine-readable result, schema ``SCHEMA_VERSION`` (docs/evaluation_json.md)."""
    payload = {
        "schema_version": SCHEMA_VERSION,
        "campaign_id": result.campaign_id,
        "evaluated_on": result.evaluated_on.isoformat(),
        "source": result.source,
        "assignment_source": result.assignment_source,
        "segment_source": result.segment_source,
        "windows": _windows(result),
        "alpha": result.alpha,
        "ci_level": 1 - result.alpha,
        "adjustment": result.adjustment,
        "primary_source": result.primary_source,
        "power": result.power,
        "control_arm": result.control,
        "treatment_arms": list(result.treatments),
        "has_control": result.has_control,
        "customers": records(result.counts, ("segment", "arm", "n")),
        "metrics": [
            {"name": s.name, "kind": s.kind, "lower_is_better": s.lower_is_better, "label": s.label}
            for s in result.specs
        ],
        "skipped_metrics": list(result.skipped_metrics),
        **_analyses(result),
        "goals": {"source": result.goals.source, "items": records(result.goals.rows, GOAL_KEYS)},
        "feedback": _feedback(result.feedback),
        "roi": _roi(result.returns),
        "process": _process(result.process),
        "contamination": _contamination(result),
        "retrospective": _retrospective(result),
        "messages": [NOTICE_KEYS[n.code] for n in result.notices],
        "notes": list(result.notes),
    }
    return jsonable(payload)


def _contamination(result: EvaluationResult) -> dict[str, Any] | None:
    c = result.contamination
    if c is None:
        return None
    return {"count": c.count, "monitoring_run": c.run_id, "as_of": c.as_of,
            "bias": "towards_zero"}  # fmt: skip


def _retrospective(result: EvaluationResult) -> dict[str, Any]:
    retro = retrospective.build(result)
    return {
        "open_until": retro.open_until,
        "worked": retro.worked,
        "improve": retro.improve,
        "leads": retro.leads,
        "standards": retro.standards,
    }


def jsonable(value: Any) -> Any:
    """Plain JSON values: NaN and infinities become null, numpy scalars Python numbers."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | np.ndarray):
        return [jsonable(v) for v in value]
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
