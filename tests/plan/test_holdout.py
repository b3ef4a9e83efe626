"""Which assignment a run uses: drawn until the start, then frozen (kept with the shares it was
drawn with) unless a redraw reason is given; an assignment table in the data as it is."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from markupsafe import escape

from campaign_eval import artifacts, plan, stats
from campaign_eval.conventions import CONTROL, TREATMENT
from campaign_eval.plan.holdout import (
    earlier_shares,
    shares_from_params,
    split_checks,
)
from campaign_eval.plan.result import PlannedShares
from campaign_eval.plan.wording import Words
from campaign_eval.run import folders as runs
from tests.plan._helpers import check_plan_json
from tests.plan.conftest import campaign_params


def _earlier_run(out_root: Path, campaign_id: str, frame: pd.DataFrame) -> Path:
    earlier = out_root / campaign_id / "20260625T080000Z-0001"
    earlier.mkdir(parents=True)
    frame.to_parquet(earlier / artifacts.ASSIGNMENT, index=False)
    runs.mark(earlier, runs.COMPLETE)
    return earlier


def _html(view: plan.View, section: str) -> str:
    return getattr(view, section)()._repr_html_()


def test_started_campaign_keeps_the_frozen_assignment_and_redraws_only_with_a_reason(
    demo_params, open_plan, tmp_path
):
    params = demo_params()
    out = tmp_path / "out"
    first = plan.run(open_plan(params, out / "demo-2026-q3" / "20260620T080000Z-0000"))
    assert first.assignment.source == "drawn" and first.assignment.frozen  # today is after start
    # an earlier complete run drew a different split (say, an older rule); it is the record now
    frozen = first.assignment.frame.copy()
    frozen["arm"] = np.where(frozen["arm"] == TREATMENT, CONTROL, TREATMENT)
    _earlier_run(out, "demo-2026-q3", frozen)

    run_dir = out / "demo-2026-q3" / "20261130T080000Z-0002"
    ctx = open_plan(params, run_dir)
    kept = plan.run(ctx)
    view = plan.View(kept, ctx.params)
    assert kept.assignment.source == "kept"
    # that run left no plan.json: the params' shares are the best guess, and the report says so
    assert kept.shares.source == "params_no_earlier_plan"
    assert kept.assignment.share_changes == ()
    notes = _html(view, "assignment")
    assert "has no readable plan.json" in notes
    stored = pd.read_parquet(run_dir / artifacts.ASSIGNMENT)
    pd.testing.assert_frame_equal(stored.reset_index(drop=True), frozen.reset_index(drop=True))
    assert "frozen and was kept from run 20260625T080000Z-0001" in notes
    assert "give a reason for redrawing in the params file" in notes
    assert "plan.redraw" not in notes  # words, not params keys
    assert json.loads((run_dir / artifacts.PLAN_JSON).read_text(encoding="utf-8"))["frozen"]

    reason = "Rule change <b>approved</b> by the CRM board"
    redraw_dir = out / "demo-2026-q3" / "20261130T090000Z-0003"
    redraw_ctx = open_plan(demo_params(extra={"plan": {"redraw": {"reason": reason}}}), redraw_dir)
    redrawn = plan.run(redraw_ctx)
    assert redrawn.assignment.source == "redrawn"
    assert redrawn.assignment.earlier_run == "20260625T080000Z-0001"
    pd.testing.assert_frame_equal(redrawn.assignment.frame, first.assignment.frame)
    payload = json.loads((redraw_dir / artifacts.PLAN_JSON).read_text(encoding="utf-8"))
    assert payload["redraw_reason"] == reason
    status = Words("en").assignment_status(redrawn.assignment, redraw_ctx.params.campaign.start)
    assert reason in status
    # the reason is shown escaped, never as markup
    html = _html(plan.View(redrawn, redraw_ctx.params), "assignment")
    assert str(escape(reason)) in html and reason not in html


def test_a_kept_assignment_keeps_the_holdout_shares_it_was_drawn_with(
    demo_params, open_plan, tmp_path
):
    campaign = tmp_path / "out" / "demo-2026-q3"
    first_dir = campaign / "20260620T080000Z-0000"
    first = plan.run(open_plan(demo_params(), first_dir))
    runs.mark(first_dir, runs.COMPLETE)
    before = json.loads((first_dir / artifacts.PLAN_JSON).read_text(encoding="utf-8"))

    # after the start someone raises the holdout in the params, without plan.redraw.reason
    changed = demo_params(extra={"plan": {"control_share": 0.3}}, name="c.yaml")
    run_dir = campaign / "20261130T080000Z-0001"
    ctx = open_plan(changed, run_dir)
    kept = plan.run(ctx)
    view = plan.View(kept, ctx.params)
    assert kept.assignment.source == "kept"
    pd.testing.assert_frame_equal(kept.assignment.frame, first.assignment.frame)
    payload = json.loads((run_dir / artifacts.PLAN_JSON).read_text(encoding="utf-8"))
    drawn_with = {"treatment": 0.8, "control": 0.2}
    # the shares the evaluation and monitoring read are those the groups were drawn with
    assert payload["arm_shares"] == drawn_with
    assert payload["segment_shares"] == dict.fromkeys(payload["design"]["targeted"], drawn_with)
    assert payload["design"]["control_share"] == 0.2
    check_plan_json(payload)
    assert payload["assignment"]["shares_source"] == "earlier_run"
    assert kept.shares.source == "earlier_run"
    # no false sample ratio mismatch, and power and MDE for the holdout that exists
    assert all(p is None or p > stats.SRM_ALPHA for p in payload["assignment"]["srm_p"].values())
    assert not any(check.flagged for check in kept.assignment.split_checks.values() if check)
    for now, then in zip(payload["goals"], before["goals"], strict=True):
        assert now["control_share"] == then["control_share"]
        # the engine may add the baseline's sums in another order: equal up to rounding
        assert (now["power"], now["mde"]) == pytest.approx((then["power"], then["mde"]), rel=1e-9)
    assert any(g["control_share"] == pytest.approx(0.2) for g in payload["goals"])
    assert all(kept.shares.control_share_of(s) == 0.2 for s in payload["design"]["targeted"])
    # ...and a prominent warning with both numbers, in the report and in plan.json
    changes = payload["assignment"]["params_share_changes"]
    assert [c["segment"] for c in changes] == payload["design"]["targeted"]
    assert all((c["kept_control_share"], c["params_control_share"]) == (0.2, 0.3) for c in changes)
    warning = payload["share_warning"]
    assert "20.0%" in warning and "30.0%" in warning and first_dir.name in warning
    summary = _html(view, "summary")
    assert "callout-warning" in summary
    # the warning is the first thing that needs attention
    assert f"Before anything is sent:<br>\u2022 {escape(warning)}" in summary
    notes = _html(view, "assignment")
    assert str(escape(warning)) in notes
    assert first_dir.name in notes and "Planned holdout shares are those of run" in notes

    assert before["assignment"]["shares_source"] == "params"
    assert before["share_warning"] is None and before["assignment"]["params_share_changes"] == []

    # the same params as when it was drawn: kept, no warning
    same = plan.run(open_plan(demo_params(), campaign / "20261130T090000Z-2"))
    assert same.assignment.source == "kept" and same.assignment.share_changes == ()
    assert Words("en").share_warning(same.assignment, ("core",)) is None


def test_an_assignment_table_in_the_data_is_used_as_it_is(
    demo_params, demo_data, open_plan, tmp_path
):
    supplied = pd.read_parquet(demo_data / "assignment.parquet")[["customer_id", "arm"]]
    path = tmp_path / "supplied.parquet"
    supplied.to_parquet(path, index=False)
    extra = {
        "data": {"tables": {"assignment": {"path": str(path)}}},
        "plan": {"redraw": {"reason": "nothing is frozen yet"}},
    }
    result = plan.run(open_plan(demo_params(extra=extra), tmp_path / "run"))
    info = result.assignment
    assert info.source == "data" and info.frozen and info.redraw_ignored
    assert len(info.frame) == len(supplied)
    assert set(info.frame["segment"]) <= {"core", "growth", "churn_risk", "new", "maintain"}
    assert info.shares.source == "params"


def test_split_checks_test_each_planned_segment_and_skip_the_rest():
    counts = pd.DataFrame(
        {TREATMENT: [800, 50, 10], CONTROL: [200, 0, 5]}, index=["core", "growth", "maintain"]
    )
    shares = PlannedShares(0.2, {"core": 0.2, "growth": 0.2}, "params")
    checks = split_checks(counts, shares)
    assert checks["growth"] is None  # an empty arm
    assert checks["maintain"] is None  # no planned share
    assert checks["core"] == stats.sample_ratio_test(
        [800, 200], [0.8, 0.2], arms=("treatment", "control")
    )


def test_the_shares_of_the_params_and_of_an_earlier_plan_json(tmp_path):
    params = campaign_params(plan={"control_share": 0.25, "segment_control_share": {"core": 0.4}})
    shares = shares_from_params(params.plan)
    assert (shares.default, shares.source) == (0.25, "params")
    assert shares.segments == {"core": 0.4, "growth": 0.25, "churn_risk": 0.25, "new": 0.25}
    path = tmp_path / "plan.json"
    assert earlier_shares(path) is None  # missing
    path.write_text("{not json", encoding="utf-8")
    assert earlier_shares(path) is None  # unreadable
    path.write_text(json.dumps({"arm_shares": {"treatment": 3, "control": 1},
                                "segment_shares": {"core": {"treatment": 0.6, "control": 0.4}}}),
                    encoding="utf-8")  # fmt: skip
    found = earlier_shares(path)
    assert found == PlannedShares(0.25, {"core": 0.4}, "earlier_run")
    path.write_text(json.dumps({"arm_shares": {"treatment": 1.0}}), encoding="utf-8")
    assert earlier_shares(path) is None  # no two-arm split
