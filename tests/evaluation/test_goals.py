"""Goal attainment: measured on the scope's treated customers, graded, the plan's goals read."""

from __future__ import annotations

import datetime as dt
import json
import math

import pandas as pd
import pytest
from scipy import stats as sps
from statsmodels.stats.proportion import proportion_confint

from campaign_eval.artifacts import read_plan
from campaign_eval.config.evaluation import EvaluationParams
from campaign_eval.evaluation.goals import (
    Goal,
    Measured,
    attainment,
    data_measure,
    goals_from_params,
    goals_from_plan,
    grade,
    grade_bands,
    grade_goals,
    progress,
)
from campaign_eval.evaluation.outcomes import DataOutcomes
from campaign_eval.evaluation.specs import metric_spec
from campaign_eval.evaluation.windows import OutcomeWindows
from tests.conftest import TODAY
from tests.evaluation._helpers import EVENT, REL, START, WRONG_SIDE, flagged_goals


def test_attainment_progress_and_grades():
    assert attainment(0.18, 0.20, "increase") == pytest.approx(0.9)
    assert attainment(0.025, 0.02, "decrease") == pytest.approx(0.8)
    assert math.isnan(attainment(-10.0, 20.0, "increase"))  # NPS below 0: no ratio
    assert progress(0.18, 0.12, 0.20, "increase") == pytest.approx(0.75)
    assert progress(0.08, 0.12, 0.10, "decrease") == pytest.approx(2.0)
    assert math.isnan(progress(0.18, 0.12, 0.10, "increase"))  # target below baseline
    bands = EvaluationParams().grades
    assert [grade(v, bands) for v in (0.95, 0.9, 0.8, 0.6, 0.2, math.nan)] == [
        "excellent", "excellent", "good", "fair", "poor", "n/a"
    ]  # fmt: skip
    assert grade_bands(bands) == (("excellent", 0.9), ("good", 0.75), ("fair", 0.5))


def test_goals_the_plan_flagged_are_not_graded_as_progress():
    rows = flagged_goals().set_index("name")
    churn = rows.loc["Churn"]
    assert churn["attainment"] == pytest.approx(0.34 / 0.40)  # the documented ratio, unchanged
    assert math.isnan(churn["progress"])  # was +143%
    assert churn["grade"] == "poor"  # was "good"
    assert churn["worse_than_baseline"] and not churn["target_on_improving_side"]
    assert churn["problems"] == [{"code": "target_wrong_side", "message": WRONG_SIDE}]
    repurchase = rows.loc["Repurchase"]
    assert math.isnan(repurchase["progress"]) and repurchase["grade"] == "excellent"
    spend = rows.loc["Spend"]
    assert spend["attainment"] == pytest.approx(0.95) and spend["grade"] == "poor"
    assert spend["progress"] == pytest.approx(-1.5)
    assert set(rows["baseline_source"]) == {"plan"}


def test_goals_are_measured_on_the_treated_customers_of_their_scope(small, raw):
    a = raw["assignment"]
    treated = a[a["arm"] == "treatment"]
    goals = small.result.goals.rows.set_index("name")
    goal = goals.loc["Win back churn-risk customers"]
    scope = treated.index[treated["segment"] == "churn_risk"]
    actual = raw["repurchase_post"][scope].mean()
    baseline = raw["repurchase_pre"][scope].mean()
    assert goal["actual"] == pytest.approx(actual, rel=REL) and goal["n"] == len(scope)
    assert goal["baseline"] == pytest.approx(baseline, rel=REL)
    assert goal["baseline_source"] == "measured"
    assert goal["attainment"] == pytest.approx(actual / 0.18, rel=REL)
    assert goal["progress"] == pytest.approx((actual - baseline) / (0.18 - baseline), rel=REL)
    complaints = goals.loc["Fewer complaints"]
    assert complaints["direction"] == "decrease"  # the metric's good direction by default
    assert complaints["attainment"] == pytest.approx(0.005 / complaints["actual"], rel=REL)
    assert small.result.goals.source == "params"


KEPT = ("spend_per_customer", "churn_rate")
"""Metrics the evaluation keeps per customer: goals in its windows read them (``kept``)."""


@pytest.mark.parametrize("keep", [False, True], ids=["own-query", "kept"])
def test_a_goal_filter_narrows_the_scope_through_the_customers_table(small, raw, demo_data, keep):
    customers = pd.read_parquet(demo_data / "customers.parquet").set_index("customer_id")
    a = raw["assignment"]
    region = str(customers["region"].iloc[0])
    scope = a.index[(a["arm"] == "treatment") & customers.reindex(a.index)["region"].eq(region)]
    data, population = small.ctx.data, small.ctx.data.table("assignment")
    kept = DataOutcomes(data, population, small.result.windows, KEPT) if keep else None
    measure = data_measure(data, population, small.result.windows, ["treatment"], alpha=0.05,
                           kept=kept)  # fmt: skip
    goal = Goal(metric="spend_per_customer", segment="all", direction="increase", target=1.0,
                filters=(("region", (region,)),))  # fmt: skip
    got = measure(goal, metric_spec("spend_per_customer"), "post")
    spend = raw["spend_post"][scope]
    assert got.n == len(scope) and got.value == pytest.approx(spend.mean(), rel=REL)
    low, high = sps.t.interval(0.95, len(spend) - 1, loc=spend.mean(), scale=sps.sem(spend))
    assert (got.ci_low, got.ci_high) == (
        pytest.approx(low, rel=1e-9),
        pytest.approx(high, rel=1e-9),
    )
    unknown = Goal(metric="spend_per_customer", segment="all", direction="increase", target=1.0,
                   filters=(("planet", ("Mars",)),))  # fmt: skip
    missing = measure(unknown, metric_spec("spend_per_customer"), "post")
    assert math.isnan(missing.value) and missing.n == 0  # an attribute the data does not have


@pytest.mark.parametrize("keep", [False, True], ids=["own-query", "kept"])
def test_churn_goals_count_the_customers_active_before_the_campaign(dated, keep):
    data, population = dated
    windows = OutcomeWindows.around(START, EVENT, 30)
    goal = Goal(metric="churn_rate", segment="all", direction="decrease", target=0.1)
    kept = DataOutcomes(data, population, windows, KEPT) if keep else None
    measure = data_measure(data, population, windows, ["treatment"], alpha=0.05, kept=kept)
    # active = an order in the 12 months up to June 30: A, D and E; only E buys after the event
    got = measure(goal, metric_spec("churn_rate"), "post")
    assert (got.value, got.n) == (pytest.approx(2 / 3), 3)
    wilson = proportion_confint(2, 3, alpha=0.05, method="wilson")
    assert (got.ci_low, got.ci_high) == (pytest.approx(wilson[0]), pytest.approx(wilson[1]))
    own = Goal(metric="churn_rate", segment="all", direction="decrease", target=0.1,
               outcome_window=(dt.date(2026, 7, 1), dt.date(2026, 7, 10)))  # fmt: skip
    got = measure(own, metric_spec("churn_rate"), "post")
    assert (got.value, got.n) == (pytest.approx(1.0), 3)  # its own window, not the kept one
    if kept is not None:
        assert len(kept._kept) == 1  # the goal in the evaluation's windows read the kept table


def test_plan_json_goals_are_read_through_read_plan(tmp_path):
    plan = {
        "goals": [
            {"id": "g1", "description": "Churn-risk repurchase to 18%", "metric": "repurchase_rate",
             "scope": {"segment": "churn_risk", "filters": {"region": ["East"]}}, "direction": "higher",
             "baseline": 0.11, "target": 0.18, "deadline": "2026-08-31",
             "outcome_window": {"after": "2026-07-15", "through": "2026-08-14"},
             "baseline_window": {"after": "2026-05-31", "through": "2026-06-30"},
             "baseline_source": "earlier_cohort",
             "problems": [{"code": "too_few_customers", "message": "Too few customers"}]},
            {"id": "g2", "metric": "complaint_rate", "scope": {"segment": "all", "filters": {}},
             "target": None},
        ],
    }  # fmt: skip
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan), encoding="utf-8")
    goals = goals_from_plan(read_plan(path))
    assert goals[0].segment == "churn_risk" and goals[0].filters == (("region", ("East",)),)
    assert goals[0].direction == "increase" and goals[0].baseline == 0.11
    assert goals[0].source == "plan" and goals[0].name == "Churn-risk repurchase to 18%"
    assert goals[0].outcome_window == (dt.date(2026, 7, 15), dt.date(2026, 8, 14))
    assert goals[0].baseline_window == (dt.date(2026, 5, 31), dt.date(2026, 6, 30))
    assert goals[0].plan_baseline_source == "earlier_cohort"
    assert goals[0].problems == (("too_few_customers", "Too few customers"),)
    assert goals[1].problems == () and goals[1].plan_baseline_source is None
    # no direction in the plan: the metric's good direction; no target: kept, not gradable
    assert goals[1].direction == "decrease" and math.isnan(goals[1].target)
    assert goals[1].name == "g2"
    assert goals_from_plan(None) == []


def test_params_goals_take_the_metrics_direction_unless_given():
    params = EvaluationParams.model_validate(
        {"goals": [{"metric": "churn_rate", "target": 0.5, "deadline": "2026-08-31"},
                   {"metric": "churn_rate", "target": 0.7, "direction": "increase"}]}
    )  # fmt: skip
    goals = goals_from_params(params, [metric_spec("churn_rate")])
    assert [g.direction for g in goals] == ["decrease", "increase"]
    assert goals[0].deadline == "2026-08-31" and goals[0].source == "params"
    graded = grade_goals(
        goals, [], lambda *_: Measured(0.5, 10), params.grades,
        windows=OutcomeWindows.around(START, EVENT, 30), today=TODAY,
    )  # fmt: skip
    assert not graded["measurable"].any() and (graded["grade"] == "n/a").all()


def test_an_outcome_table_goal_needs_its_baseline_given(email):
    frame, evaluated = email
    goal = evaluated.result.goals.rows.iloc[0]
    treated = frame[frame["variant"].isin(["A", "B"])]
    assert goal["actual"] == pytest.approx(treated["converted"].mean())
    assert goal["baseline_source"] == "given" and goal["baseline"] == 0.10
