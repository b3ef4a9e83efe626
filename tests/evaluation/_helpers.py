"""Helpers of the evaluation tests: params, windows, the pandas oracle's pieces, an e-mail test."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from campaign_eval import datasets
from campaign_eval.config.evaluation import EvaluationParams
from campaign_eval.evaluation.effects import compare_arms, with_detectable_effects
from campaign_eval.evaluation.goals import Goal, Measured, grade_bands, grade_goals
from campaign_eval.evaluation.result import EvaluationResult, GoalTable
from campaign_eval.evaluation.specs import metric_spec
from campaign_eval.evaluation.windows import OutcomeWindows
from campaign_eval.run.context import StageContext, open_stage
from tests.conftest import ROOT, TODAY, merge_params

DEMO_EVALUATION = {
    "planned_shares": {"treatment": 0.8, "control": 0.2},
    "goals": [
        {"metric": "repurchase_rate", "segment": "churn_risk", "target": 0.18,
         "name": "Win back churn-risk customers", "deadline": "2026-08-31"},
        {"metric": "mean_satisfaction", "segment": "core", "target": 4.4,
         "name": "Delight core customers", "deadline": "2026-08-31"},
        {"metric": "complaint_rate", "target": 0.005, "name": "Fewer complaints"},
    ],
    "planned_preparation_days": 21,
    "actual_preparation_days": 18,
    "notes": ["The SMS outage from 8 July cut delivery to 40%; check the provider before the next wave."],
}  # fmt: skip
"""An evaluation section with its own goals and shares (the stage working without a plan)."""
ASSIGNMENT_TABLE = {"data": {"tables": {"assignment": {"path": "assignment.parquet"}}}}
"""Params that map the world's assignment table (no plan stage needed)."""
METRICS = (
    "repurchase_rate",
    "spend_per_customer",
    "mean_satisfaction",
    "nps",
    "churn_rate",
    "complaint_rate",
)
"""The default metrics of the evaluation."""
POST = datasets.POST_WINDOW
"""The demo's post window (event, event + W]."""
DAY = dt.timedelta(days=1)
PRE = (
    datasets.CAMPAIGN_START - DAY - dt.timedelta(days=datasets.WINDOW_DAYS),
    datasets.CAMPAIGN_START - DAY,
)
"""(start - 1 - W, start - 1]: ends the day before the first invitations, like the plan's baselines."""
REL = 1e-9
"""Relative tolerance of a figure against its pandas oracle."""
START, EVENT = dt.date(2026, 7, 1), dt.date(2026, 7, 15)
"""The unit-test campaign's start and event (the demo's dates)."""
OUTCOME_TABLE = {
    "source": "outcome_table",
    "outcome_table": {
        "path": "email_test.csv", "arm_column": "variant", "segment_column": "region",
        "covariate_column": "revenue_before",
        "outcomes": {"converted": {"kind": "binary", "label": "Converted <b>now</b>"},
                     "revenue": {"kind": "continuous"}, "nps": {"kind": "nps"}},
    },
    "value_metric": "revenue", "conversion_metric": "converted",
    "goals": [{"metric": "converted", "target": 0.12, "baseline": 0.10}],
}  # fmt: skip
"""An e-mail test export with two treatment arms, evaluated as an outcome table."""


def write_params(
    folder: Path, data: Path, *, language: str = "en", extra: dict | None = None
) -> Path:
    """params/demo.yaml (or demo_zh.yaml) on a test world, with overrides (None drops a key)."""
    name = "demo_zh.yaml" if language == "zh" else "demo.yaml"
    demo = yaml.safe_load((ROOT / "params" / name).read_text(encoding="utf-8"))
    on_world = {"data": {"base_dir": str(data), "demo": False}}
    raw = merge_params(
        merge_params(json.loads(json.dumps(demo, default=str)), on_world), extra or {}
    )
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"demo_{language}.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def open_evaluation(params: Path, run_dir: Path) -> StageContext:
    """Open the evaluation stage, today being ``TODAY``."""
    return open_stage("evaluation", str(params), run_dir=str(run_dir), today=TODAY.isoformat())


def in_window(frame: pd.DataFrame, column: str, window: tuple[dt.date, dt.date]) -> pd.DataFrame:
    """Rows in (after, through], written directly in pandas."""
    low = pd.Timestamp(window[0]) + pd.Timedelta(days=1)
    high = pd.Timestamp(window[1]) + pd.Timedelta(days=1)
    return frame[(frame[column] >= low) & (frame[column] < high)]


def arms(
    values: pd.Series, assignment: pd.DataFrame, segment: str
) -> tuple[np.ndarray, np.ndarray]:
    """The treatment and control values of a segment (``all``: every segment)."""
    frame = assignment.join(values.rename("v"), how="inner")
    if segment != "all":
        frame = frame[frame["segment"] == segment]
    return (frame.loc[frame["arm"] == "treatment", "v"].to_numpy(),
            frame.loc[frame["arm"] == "control", "v"].to_numpy())  # fmt: skip


def email_test(n: int = 3000, seed: int = 3) -> pd.DataFrame:
    """A seeded e-mail test export: arms control, A (converts more) and B, an NPS with gaps."""
    rng = np.random.default_rng(seed)
    arm = rng.choice(["control", "A", "B"], n)
    before = rng.gamma(2, 50, n)
    converted = (rng.random(n) < np.where(arm == "A", 0.16, 0.10)).astype(int)
    nps = rng.integers(0, 11, n).astype(float)
    nps[rng.random(n) < 0.4] = np.nan
    return pd.DataFrame({
        "variant": arm, "converted": converted,
        "revenue": (converted * rng.gamma(2, 60, n) + 0.3 * before).round(2),
        "nps": nps, "revenue_before": before.round(2), "region": rng.choice(["North", "South"], n),
    })  # fmt: skip


def standalone_params(folder: Path) -> Path:
    """A campaign that is only an e-mail test export: no CRM tables at all."""
    params = folder / "email.yaml"
    params.write_text(
        "campaign: {id: email-ab, name: E-mail test, start: 2026-10-01, event: 2026-10-01}\n"
        "data: {tables: {}}\n"
        "stages: [evaluation]\n"
        "evaluation:\n"
        "  source: outcome_table\n"
        "  outcome_table: {path: email_test.csv, arm_column: variant,\n"
        "                  outcomes: {converted: {kind: binary}, revenue: {kind: continuous}}}\n",
        encoding="utf-8",
    )
    return params


def churn_rise(result: EvaluationResult) -> EvaluationResult:
    """``result`` whose only comparison is a significant rise of churn (lower is better)."""
    table = pd.DataFrame(
        [("churn_rate", "treatment", "core", 1000, 600.0, 600.0, 0, 0, 0),
         ("churn_rate", "control", "core", 1000, 300.0, 300.0, 0, 0, 0)],
        columns=["metric", "arm", "segment", "n", "sum", "sumsq", "promoters", "passives",
                 "detractors"],
    )  # fmt: skip
    effects = compare_arms(table, [metric_spec("churn_rate")], control="control")
    return replace(result, effects=with_detectable_effects(effects, result.power))


WRONG_SIDE = "Target 34% is not below the baseline 20% although lower is better"


def flagged_goals() -> pd.DataFrame:
    """A churn goal whose target the plan flagged as on the wrong side, and its neighbours."""
    goals = [
        # lower is better, target above the baseline, actual doubled: the review's case
        Goal(metric="churn_rate", segment="growth", direction="decrease", target=0.34,
             baseline=0.20, name="Churn", source="plan", plan_baseline_source="pre_window",
             problems=(("target_wrong_side", WRONG_SIDE),)),
        # higher is better, target below the baseline, actual above both: graded by the ratio
        Goal(metric="repurchase_rate", segment="core", direction="increase", target=0.15,
             baseline=0.20, name="Repurchase", source="plan",
             plan_baseline_source="earlier_cohort"),
        # a sound goal that moved the wrong way: attainment 95% would be excellent
        Goal(metric="spend_per_customer", segment="core", direction="increase", target=100.0,
             baseline=98.0, name="Spend", source="plan", plan_baseline_source="pre_window"),
    ]  # fmt: skip
    actual = {"churn_rate": 0.40, "repurchase_rate": 0.25, "spend_per_customer": 95.0}
    specs = [metric_spec(g.metric) for g in goals]
    return grade_goals(
        goals,
        specs,
        lambda g, _s, _p: Measured(actual[g.metric], 500),
        EvaluationParams().grades,
        windows=OutcomeWindows.around(START, EVENT, 30),
        today=TODAY,
    )


def flagged(result: EvaluationResult) -> EvaluationResult:
    """``result`` graded on ``flagged_goals`` (goals from a plan)."""
    goals = GoalTable(flagged_goals(), "plan", grade_bands(EvaluationParams().grades))
    return replace(result, goals=goals)
