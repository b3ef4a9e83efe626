"""The result types: frozen, numbers only, each shows itself as a table in a notebook."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math

import pandas as pd
import pytest

from campaign_eval.plan import result as r
from campaign_eval.plan.design import design_goal

DAY = dt.date(2026, 6, 30)


def _baseline(n_measured: int = 40) -> r.Baseline:
    return r.Baseline(4.2, 0.6, 100, n_measured, DAY - dt.timedelta(days=30), DAY, "pre_window")


def _goal(design: r.Design | None, problems: tuple[r.Problem, ...] = ()) -> r.GoalPlan:
    return r.GoalPlan(
        id="g", description=None, metric="mean_satisfaction", metric_kind="mean",
        segment="core", filters=(("region", ("North",)),), window_days=30,
        baseline_source="pre_window", target_kind="change", target_input=0.2, deadline=None,
        direction="increase", alpha=0.05, n_in_scope=100, baseline=_baseline(), target=4.4,
        design=design, problems=problems,
    )  # fmt: skip


def _assignment() -> r.AssignmentInfo:
    frame = pd.DataFrame(
        {"customer_id": list("abcdef"), "segment": ["core"] * 4 + ["new"] * 2,
         "arm": ["treatment", "treatment", "treatment", "control", "treatment", "treatment"]}
    )  # fmt: skip
    shares = r.PlannedShares(0.25, {"core": 0.25, "new": 0.25}, "params")
    return r.AssignmentInfo(frame, "drawn", False, None, None, False, 0, shares)


def test_every_result_type_is_frozen_and_documents_each_field():
    for cls in (r.Problem, r.Baseline, r.Design, r.GoalPlan, r.PlannedShares, r.ShareChange,
                r.AssignmentInfo, r.PhasePlan, r.RoiCheck, r.PlanResult):  # fmt: skip
        assert dataclasses.is_dataclass(cls) and cls.__dataclass_params__.frozen, cls
        doc = cls.__doc__ or ""
        missing = [f.name for f in dataclasses.fields(cls) if f"{f.name}:" not in doc]
        assert missing == [], (cls.__name__, missing)
    with pytest.raises(dataclasses.FrozenInstanceError):
        _baseline().value = 1.0


def test_baseline_and_design_properties():
    assert _baseline(40).measured_share == 0.4
    assert _baseline().first_day == dt.date(2026, 6, 1)
    assert math.isnan(r.Baseline(0, 0, 0, 0, DAY, DAY, "pre_window").measured_share)
    design = design_goal("proportion", 0.12, 0.20, 660, 0.5)
    assert design.n_required_total == 2 * design.n_required_per_arm
    assert design.powered is (design.power >= design.desired_power)
    assert design.feasible is (design.n_required_total <= design.n_available)


def test_a_goal_is_powered_only_with_a_design_that_reaches_the_power():
    design = design_goal("mean", 4.2, 4.4, 2000, 0.5, sd=0.6)
    assert _goal(design).powered
    assert not _goal(None).powered
    blocked = _goal(None, (r.Problem("scope_empty"), r.Problem("deadline_missing")))
    assert blocked.blocked and not _goal(design, (r.Problem("deadline_missing"),)).blocked


def test_assignment_counts_and_frozen_state():
    info = _assignment()
    counts = info.counts()
    assert list(counts.columns) == ["treatment", "control"]
    assert counts.loc["new"].tolist() == [2, 0] and counts.loc["core"].tolist() == [3, 1]
    assert not info.frozen  # drawn before the start
    assert dataclasses.replace(info, started=True).frozen
    assert dataclasses.replace(info, source="data").frozen
    assert info.shares.control_share_of("maintain") == 0.25
    assert info.shares.planned("core") and not info.shares.planned("maintain")


def test_phase_and_roi_properties():
    phase = r.PhasePlan("event", DAY, DAY, 2, None, None)
    assert phase.days == 1 and phase.buffer_end == dt.date(2026, 7, 2)
    roi = r.RoiCheck(100.0, 5.0, 1.0, 80, 20, DAY - dt.timedelta(days=30), DAY, 50.0, 10.0,
                     500.0, 6.25, 0.125, math.nan, 0.05, ())  # fmt: skip
    assert not roi.detectable and roi.window_days == 30 and roi.first_day == dt.date(2026, 6, 1)
    assert dataclasses.replace(roi, mde_lift=0.1).detectable
    assert not dataclasses.replace(roi, mde_lift=0.2).detectable


def test_every_result_shows_as_a_table_in_a_notebook():
    design = design_goal("mean", 4.2, 4.4, 2000, 0.5, sd=0.6)
    info = _assignment()
    result = r.PlanResult(
        today=DAY, event=DAY, segments_source="computed", customers=pd.DataFrame(),
        goals=(_goal(design), _goal(None)), assignment=info, phases=(), schedule_end=DAY,
        schedule_problems=(), budget={"staff": 10.0, "venue": 5.0}, budget_source="params",
        roi=None,
    )  # fmt: skip
    assert (result.n_targeted, result.n_treated, result.n_control) == (6, 5, 1)
    assert result.budget_total == 15.0 and result.shares is info.shares
    assert result.family_size == 2  # one primary comparison per goal
    frame = result.to_frame()
    assert frame["goal"].tolist() == ["g", "g"] and frame["powered"].tolist() == [True, False]
    assert frame["alpha"].tolist() == [0.05, 0.05]
    for shown in (result, info, info.shares, design, _baseline(), _goal(design),
                  r.Problem("too_few_customers", {"needed": 10, "available": 5}),
                  r.ShareChange("core", 0.2, 0.3)):  # fmt: skip
        html = shown._repr_html_()
        assert html.startswith("<table") and "</table>" in html, type(shown)
    assert "available" in r.Problem("too_few_customers", {"available": 5})._repr_html_()
