"""The budget: planned amounts by category, and the lift the ROI standard needs against the lift
the holdout detects (numbers from stats, at the goals' level when spend is a goal's metric)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from campaign_eval import stats
from campaign_eval.io import CampaignData
from campaign_eval.metrics.catalogue import METRICS
from campaign_eval.plan.baseline import measure
from campaign_eval.plan.budget import planned_budget, roi_alpha, roi_check
from tests.plan.conftest import DEADLINE, campaign_params


def _assignment(small_frames, n_control: int = 100) -> pd.DataFrame:
    ids = small_frames["customers"]["customer_id"]
    arms = ["control"] * n_control + ["treatment"] * (len(ids) - n_control)
    return pd.DataFrame({"customer_id": ids, "segment": "core", "arm": arms})


def test_planned_amounts_come_from_the_params_in_report_order(small_data):
    params = campaign_params(plan={"budget": {"venue": 30, "staff": 60.5}})
    assert planned_budget(small_data, params) == ({"staff": 60.5, "venue": 30.0}, "params")


def test_planned_amounts_fall_back_to_the_costs_table_then_to_none(small_frames):
    costs = pd.DataFrame(
        {"category": ["venue", "staff", "venue"], "planned": [10.0, 5.0, 2.5],
         "actual": [9.0, 5.0, 2.0]}
    )  # fmt: skip
    with_costs = CampaignData.from_frames({**small_frames, "costs": costs})
    amounts, source = planned_budget(with_costs, campaign_params())
    assert (amounts, source) == ({"venue": 12.5, "staff": 5.0}, "costs_table")
    assert planned_budget(CampaignData.from_frames(small_frames), campaign_params()) == (
        {},
        "none",
    )


def test_the_roi_check_needs_the_lift_that_pays_the_standard(small_data, small_frames):
    params = campaign_params(plan={"roi_standard": 4.0, "margin_rate": 0.5})
    assignment = _assignment(small_frames)
    roi = roi_check(small_data, params, assignment, 10_000.0)
    assert roi is not None
    after, through = dt.date(2026, 5, 31), dt.date(2026, 6, 30)
    spend, sd, n = measure(
        small_data, assignment, METRICS["spend_per_customer"], after, through, "x"
    )
    assert n == len(assignment)  # spend: every customer counts, 0 without orders
    assert (roi.after, roi.through, roi.window_days) == (after, through, 30)
    assert (roi.n_treated, roi.n_control) == (300, 100)
    assert (roi.baseline_spend, roi.sd) == (pytest.approx(spend), pytest.approx(sd))
    assert roi.required_value == 40_000.0
    assert roi.required_per_treated == pytest.approx(40_000.0 / 0.5 / 300)
    assert roi.required_lift == pytest.approx(roi.required_per_treated / spend)
    mde = stats.mde_means(sd, 100, ratio=3.0).effect
    assert roi.mde_lift == pytest.approx(mde / spend)
    assert roi.detectable is (roi.required_lift >= roi.mde_lift)
    # no goal is about spend: the plan's alpha
    assert (roi.alpha, roi.spend_goals) == (0.05, ())


def _goal(goal_id: str, metric: str) -> dict:
    return {"id": goal_id, "metric": metric, "relative": 0.1, "deadline": DEADLINE}


def test_the_roi_check_detects_at_the_goals_level_when_spend_is_a_goal(small_data, small_frames):
    goals = [_goal("rebuy", "repurchase_rate"), _goal("spend", "spend_per_customer"),
             _goal("happy", "mean_satisfaction")]  # fmt: skip
    params = campaign_params(plan={"goals": goals})
    assert roi_alpha(params) == (0.05 / 3, ("spend",))
    assignment = _assignment(small_frames)
    roi = roi_check(small_data, params, assignment, 10_000.0)
    assert roi is not None and (roi.alpha, roi.spend_goals) == (0.05 / 3, ("spend",))
    # oracle: stats at alpha / m, where m = 3 goals
    mde = stats.detectable_effect(
        "mean", roi.baseline_spend, 100, 300, sd=roi.sd, alpha=0.05 / 3, power=0.8
    )
    assert roi.mde_lift == pytest.approx(mde / roi.baseline_spend, rel=1e-12)
    at_alpha = roi_check(small_data, campaign_params(), assignment, 10_000.0)
    assert at_alpha is not None and roi.mde_lift > at_alpha.mde_lift
    # without a spend goal the goals' level does not apply
    others = campaign_params(plan={"goals": [goals[0], goals[2]]})
    assert roi_alpha(others) == (0.05, ())
    assert roi_alpha(campaign_params(plan={"goals": [goals[1]], "alpha": 0.1})) == (0.1, ("spend",))


def test_no_roi_check_without_a_cost_or_a_control_group(small_data, small_frames):
    params = campaign_params()
    assert roi_check(small_data, params, _assignment(small_frames), 0.0) is None
    assert roi_check(small_data, params, _assignment(small_frames, n_control=0), 100.0) is None
