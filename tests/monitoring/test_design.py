"""Design checks: the planned split's source and order, per-segment sample ratio tests that a
correct stratified split passes and opposite imbalances cannot hide from, and data freshness."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest

from campaign_eval import artifacts, monitoring, plan, stats
from campaign_eval.monitoring import design, notes
from campaign_eval.monitoring.groups import Groups
from campaign_eval.monitoring.result import PlannedSplit
from campaign_eval.monitoring.wording import Wording
from campaign_eval.plan.assignment import assign_arms
from campaign_eval.run import folders as runs
from campaign_eval.run.context import open_stage
from tests.conftest import TODAY
from tests.monitoring.conftest import EVENT_DAY, campaign_params, extra, open_ctx


def test_a_correct_stratified_split_is_not_a_sample_ratio_mismatch(
    demo_params, demo_data, tmp_path
):
    segment_shares = {
        "core": {"treatment": 0.5, "control": 0.5},
        "new": {"treatment": 0.6, "control": 0.4},
    }
    segments = pd.read_parquet(demo_data / "assignment.parquet")[["customer_id", "segment"]]
    split = assign_arms(segments, salt="stratified", shares={"treatment": 0.8, "control": 0.2},
                        segment_shares=segment_shares)  # fmt: skip
    path = tmp_path / "stratified.parquet"
    split.to_parquet(path, index=False)
    params = demo_params(
        extra=extra({"segment_arm_shares": segment_shares}, assignment={"path": str(path)})
    )
    result = monitoring.run(open_ctx(params, tmp_path / "r"))
    # every segment against its own split, and all customers against the size-weighted split
    assert [c.segment for c in result.sample_ratio] == [None, "core", "growth", "churn_risk", "new"]
    assert not any(c.result.flagged for c in result.sample_ratio)
    assert result.planned_split is not None
    assert result.planned_split.source == "monitoring_params"
    assert "sample_ratio_mismatch" not in {a.rule for a in result.alerts}
    # the same split judged against one overall 80/20 plan would be a (false) mismatch
    counts = split["arm"].value_counts()
    assert stats.sample_ratio_test([counts["treatment"], counts["control"]], [0.8, 0.2]).flagged


def _split_with_shifted_holdouts(demo_data: Path, shift: dict[str, int]) -> pd.DataFrame:
    """The demo's customers with an exact 20% holdout per segment, moved by ``shift`` customers."""
    frame = pd.read_parquet(demo_data / "assignment.parquet")[["customer_id", "segment"]]
    frame = frame.sort_values(["segment", "customer_id"]).reset_index(drop=True)
    rank = frame.groupby("segment").cumcount()
    size = frame.groupby("segment")["customer_id"].transform("size")
    control = (size * 0.2).round().astype(int) + frame["segment"].map(shift).fillna(0).astype(int)
    return frame.assign(arm=(rank < control).map({True: "control", False: "treatment"}))


def test_opposite_imbalances_in_two_segments_do_not_cancel_out(
    demo_params, demo_data, tmp_path, monkeypatch
):
    # growth holds out 60 customers too many, churn risk 60 too few: together exactly 20%
    split = _split_with_shifted_holdouts(demo_data, {"growth": 60, "churn_risk": -60})
    counts = split["arm"].value_counts()
    pooled = stats.sample_ratio_test([counts["treatment"], counts["control"]], [0.8, 0.2])
    assert not pooled.flagged  # the pooled test the stage used to run sees nothing
    path = tmp_path / "shifted.parquet"
    split.to_parquet(path, index=False)
    ctx = open_ctx(demo_params(extra=extra(assignment={"path": str(path)})), tmp_path / "r")
    result = monitoring.run(ctx)
    flagged = {c.segment for c in result.sample_ratio if c.result.flagged}
    assert flagged == {"growth", "churn_risk"}
    alerts = {a.key for a in result.alerts if a.rule == "sample_ratio_mismatch"}
    assert alerts == {"sample_ratio_mismatch:growth", "sample_ratio_mismatch:churn_risk"}
    overall = next(c for c in result.sample_ratio if c.segment is None)
    assert not overall.result.flagged
    payload = json.loads(ctx.artifact(artifacts.MONITORING_JSON).read_text(encoding="utf-8"))
    segments = [c["segment"] for c in payload["design"]["sample_ratio"]]
    assert segments == ["all", "core", "growth", "churn_risk", "new"]
    assert payload["design"]["planned_shares"] == {"source": "plan_params", "run_id": None}
    # the threshold in the method sentence is stats.SRM_ALPHA
    words = Wording(ctx.language)
    assert any("(p < 0.001)" in n for n in notes.split_method(result, words))
    monkeypatch.setattr(stats, "SRM_ALPHA", 0.01)
    assert any("(p < 0.010)" in n for n in notes.split_method(result, words))
    verdict = notes.design_notes(result, words, "control")[1]
    assert verdict.endswith("planned split in Growth potential, Churn risk. Check the assignment "
                            "before trusting any effect.")  # fmt: skip


def test_planned_shares_come_from_the_plan_record_before_the_params(demo_params, tmp_path):
    campaign = tmp_path / "out" / "demo-2026-q3"
    plan_dir = campaign / "20260620T080000Z-0000"
    plan_dir.mkdir(parents=True)
    plan.run(open_stage("plan", str(demo_params()), run_dir=str(plan_dir), today=TODAY.isoformat()))
    recorded = json.loads((plan_dir / artifacts.PLAN_JSON).read_text(encoding="utf-8"))
    assert recorded["arm_shares"] == {"treatment": 0.8, "control": 0.2}
    runs.mark(plan_dir, runs.COMPLETE)
    # the params now say 30% (changed after the start); the groups were drawn with 20%
    raised = {
        "data": {"tables": {"assignment": None}},
        "plan": {"control_share": 0.3},
        "monitoring": {"arm_shares": {"treatment": 0.7, "control": 0.3}},
    }
    ctx = open_ctx(
        demo_params(extra=raised, name="raised.yaml"), campaign / "20261130T080000Z-0001"
    )
    result = monitoring.run(ctx)
    assert result.group_source == "plan"
    assert result.sample_ratio and not any(c.result.flagged for c in result.sample_ratio)
    assert all(c.result.expected_shares == (0.8, 0.2) for c in result.sample_ratio)
    assert "sample_ratio_mismatch" not in {a.rule for a in result.alerts}
    assert result.planned_split is not None
    assert result.planned_split.source == "plan_json"
    assert result.planned_split.run_id == plan_dir.name
    sentences = " ".join(notes.split_method(result, Wording(ctx.language)))
    assert plan_dir.name in sentences and "settings is not used" in sentences


# ---- the planned split, unit by unit ---------------------------------------------------------


def _plan_groups(folder: Path, plan_json: object | None) -> Groups:
    """Groups taken from a plan run's assignment, with ``plan_json`` beside it (None: no file)."""
    folder.mkdir(parents=True, exist_ok=True)
    if plan_json is not None:
        text = plan_json if isinstance(plan_json, str) else json.dumps(plan_json)
        (folder / artifacts.PLAN_JSON).write_text(text, encoding="utf-8")
    return Groups(None, "plan", has_arm=True, path=folder / artifacts.ASSIGNMENT)


def test_a_plan_record_gives_the_default_and_the_per_segment_shares(tmp_path):
    record = {
        "arm_shares": {"treatment": 3, "control": 1},  # normalized over the two arms
        "segment_shares": {"core": {"treatment": 0.5, "control": 0.5}},
        "assignment": {"source": "drawn"},
    }
    split = design.planned_split(campaign_params(), _plan_groups(tmp_path / "run", record))
    assert (split.source, split.run_id, split.params_ignored) == ("plan_json", "run", False)
    assert split.of("growth") == pytest.approx({"treatment": 0.75, "control": 0.25})
    assert split.of("core") == pytest.approx({"treatment": 0.5, "control": 0.5})


def test_a_plan_that_took_the_datas_assignment_only_echoes_the_params(tmp_path):
    record = {"arm_shares": {"treatment": 0.5, "control": 0.5}, "assignment": {"source": "data"}}
    split = design.planned_split(campaign_params(), _plan_groups(tmp_path / "run", record))
    assert split.source == "plan_params"
    assert split.of("core") == pytest.approx({"treatment": 0.8, "control": 0.2})


@pytest.mark.parametrize("record", [None, "{not json", "[1, 2]", {"arm_shares": {"a": 1}}])
def test_a_missing_or_unusable_plan_record_falls_back_to_the_params(tmp_path, record):
    params = campaign_params(arm_shares={"treatment": 0.6, "control": 0.4})
    split = design.planned_split(params, _plan_groups(tmp_path / "run", record))
    assert split == PlannedSplit("monitoring_params", None, {"treatment": 0.6, "control": 0.4}, {})


def test_monitoring_segment_shares_override_the_plan_params_per_segment():
    params = campaign_params(segment_arm_shares={"new": {"treatment": 0.5, "control": 0.5}})
    split = design.planned_split(params, Groups(None, "data", has_arm=True))
    assert split.source == "monitoring_params"
    assert split.of("new") == {"treatment": 0.5, "control": 0.5}
    assert split.of("core") == pytest.approx({"treatment": 0.8, "control": 0.2})


def test_one_tested_segment_has_no_overall_test_and_no_split_no_test():
    sizes = pd.DataFrame({"segment": ["core", "core"], "arm": ["treatment", "control"],
                          "n": [80, 20]})  # fmt: skip
    split = PlannedSplit("plan_params", None, {"treatment": 0.8, "control": 0.2})
    (check,) = design.sample_ratio_checks(sizes, split)
    assert check.segment == "core" and check.result.observed == (80, 20)
    assert check.result.p_value == pytest.approx(1.0)
    assert design.sample_ratio_checks(sizes, None) == ()
    one_arm = PlannedSplit("plan_params", None, {"treatment": 1.0})
    assert design.sample_ratio_checks(sizes, one_arm) == ()


def test_freshness_is_judged_at_the_event_day_once_it_has_passed():
    params = campaign_params(stale_after_days=2)
    after = design.freshness(EVENT_DAY - dt.timedelta(days=1), params, dt.date(2026, 11, 30))
    assert after.reference == EVENT_DAY and after.lag_days == 1 and not after.stale
    during = design.freshness(dt.date(2026, 7, 8), params, dt.date(2026, 7, 12))
    assert during.reference == dt.date(2026, 7, 12) and during.lag_days == 4 and during.stale
    as_of = campaign_params(as_of="2026-07-09")
    assert design.freshness(None, as_of, dt.date(2026, 7, 12)).reference == dt.date(2026, 7, 9)
    assert design.freshness(None, params, dt.date(2026, 7, 12)).lag_days is None
