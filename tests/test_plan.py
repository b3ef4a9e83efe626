"""The plan stage: design numbers, the assignment, SMART and schedule checks, artifacts, the report."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import get_args

import numpy as np
import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

from campaign_eval import plan, report, stats
from campaign_eval.cli import app
from campaign_eval.config import ParamsError, load_params
from campaign_eval.config.plan import PlanParams
from campaign_eval.plan import charts as plan_charts
from campaign_eval.run import folders as runs
from campaign_eval.run.context import open_stage
from tests.conftest import ROOT, TODAY, assert_stakeholder_html, run_stages

DEADLINE = "2026-08-31"
DEMO_PLAN = {
    "goals": [
        {
            "id": "churn_reactivation",
            "description": "Raise the 30-day repurchase rate of churn-risk customers to 18%",
            "metric": "repurchase_rate",
            "window_days": 30,
            "scope": {"segment": "churn_risk"},
            "target": 0.18,
            "baseline": "earlier_cohort",
            "deadline": DEADLINE,
        },
        {
            "id": "core_satisfaction",
            "description": "Mean satisfaction of core customers +0.2 points",
            "metric": "mean_satisfaction",
            "scope": {"segment": "core"},
            "change": 0.2,
            "deadline": DEADLINE,
        },
        {
            "id": "growth_spend",
            "description": "Spend of growth customers +15%",
            "metric": "spend_per_customer",
            "scope": {"segment": "growth"},
            "relative": 0.15,
            "deadline": DEADLINE,
        },
    ],
}
"""The demo's plan section (pasted into params/demo.yaml by the lead; passed explicitly until then)."""
DEMO_PLAN_ZH = {
    "goals": [
        {**goal, "description": zh}
        for goal, zh in zip(
            DEMO_PLAN["goals"],
            [
                "流失风险客户30天复购率提升至18%",
                "核心客户平均满意度提升0.2分",
                "潜力客户消费额提升15%",
            ],
            strict=True,
        )
    ]
}
"""The same plan for params/demo_zh.yaml: goal descriptions in Chinese."""


def _open(params: Path, run_dir: Path):
    return open_stage("plan", str(params), run_dir=str(run_dir), today=TODAY.isoformat())


# -- design ---------------------------------------------------------------------------------


def test_design_reproduces_conventions_r4():
    # CONVENTIONS R4, R: power.prop.test(p1=.12, p2=.20, power=.8) -> 328.4715 -> 329 per arm
    design = plan.design_goal("proportion", 0.12, 0.20, 660, 0.5)
    assert design.n_required_per_arm == 329
    assert design.n_required_total == 658
    # R4: power at 330 per arm 0.801826
    assert design.power == pytest.approx(0.801826, abs=5e-7)
    assert design.powered and design.feasible
    # R4: MDE at 500 per arm from 12% is 18.3496%
    wide = plan.design_goal("proportion", 0.12, 0.20, 1000, 0.5)
    assert 0.12 + wide.mde == pytest.approx(0.183496, abs=5e-7)


def test_design_of_means_uses_the_baseline_sd_and_recommends_the_smallest_holdout():
    design = plan.design_goal("mean", 3.0, 3.2, 1000, 0.1, sd=1.0, grid=[0.05, 0.1, 0.2, 0.3, 0.5])
    assert design.n_required_per_arm == stats.sample_size_means(1.0, 0.2).n_control == 393
    assert not design.powered  # 100 control customers are not enough
    assert design.recommended_share == 0.3
    assert design.power_at(0.3) >= 0.8 > design.power_at(0.2)
    # the MDE at the chosen split is what mde_means gives for 100 vs 900 customers
    assert design.mde == pytest.approx(stats.mde_means(1.0, 100, ratio=9).effect)


def test_design_says_when_no_split_is_enough():
    design = plan.design_goal("proportion", 0.12, 0.13, 3000, 0.2, grid=[0.2, 0.5])
    assert not design.feasible and design.recommended_share is None
    assert design.n_required_total > 3000


# -- assignment -----------------------------------------------------------------------------


def _customers(n: int, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    segments = rng.choice(["core", "growth", "churn_risk", "new", "maintain"], n)
    return pd.DataFrame({"customer_id": [f"K{i:07d}" for i in range(n)], "segment": segments})


def test_assignment_is_stable_and_new_customers_never_move_existing_ones():
    params = PlanParams()
    first = plan.draw_assignment(_customers(5000), params, "salt-1")
    again = plan.draw_assignment(_customers(5000), params, "salt-1")
    pd.testing.assert_frame_equal(first, again)
    assert "maintain" not in set(first["segment"])
    grown = plan.draw_assignment(_customers(8000), params, "salt-1")
    merged = first.merge(grown, on="customer_id", suffixes=("", "_later"))
    assert len(merged) == len(first)
    assert (merged["arm"] == merged["arm_later"]).all()
    other_salt = plan.draw_assignment(_customers(5000), params, "salt-2")
    assert (other_salt["arm"] != first["arm"]).any()


def test_stratified_split_matches_planned_shares():
    params = PlanParams(segment_control_share={"core": 0.3, "new": 0.1})
    frame = plan.draw_assignment(_customers(200_000, seed=11), params, "chi-square")
    for segment, rows in frame.groupby("segment"):
        share = params.control_share_of(segment)
        counts = [(rows["arm"] == plan.TREATMENT).sum(), (rows["arm"] == plan.CONTROL).sum()]
        result = stats.sample_ratio_test(counts, [1 - share, share])
        assert result.p_value > 0.001, (segment, counts, share)


# -- params ---------------------------------------------------------------------------------


def test_a_goal_states_its_target_exactly_once(demo_params):
    goal = {"id": "g", "metric": "repurchase_rate", "target": 0.2, "relative": 0.1}
    with pytest.raises(ParamsError, match="give exactly one of target"):
        load_params(demo_params(extra={"plan": {"goals": [goal]}}), today=TODAY)
    with pytest.raises(ParamsError, match=r"plan\.goals\.0\.traget: unknown key"):
        load_params(
            demo_params(extra={"plan": {"goals": [{"id": "g", "metric": "x", "traget": 1}]}}),
            today=TODAY,
        )


def test_an_unknown_goal_metric_fails_validation_with_a_suggestion(demo_params):
    goal = {"id": "g", "metric": "repurchase", "target": 0.3, "deadline": DEADLINE}
    path = demo_params(extra={"plan": {"goals": [goal]}})
    expected = (
        r"plan\.goals\.0\.metric: unknown metric 'repurchase'.*did you mean 'repurchase_rate'"
    )
    with pytest.raises(ParamsError, match=expected):
        load_params(path, today=TODAY)
    # `campaign-eval validate` catches it before anything runs
    result = CliRunner().invoke(app, ["validate", str(path), "--today", TODAY.isoformat()])
    assert result.exit_code == 1
    assert "did you mean 'repurchase_rate'" in result.output


# -- checks ---------------------------------------------------------------------------------

BAD_GOALS = [
    ({"metric": "repurchase_rate", "scope": {"segment": "core", "filters": {"region": "Atlantis"}}, "target": 0.99},
     "scope_empty", "No customer is in the goal's scope"),
    ({"metric": "repurchase_rate", "scope": {"segment": "churn_risk"}, "target": 0.2},
     "baseline_degenerate", "baseline: earlier_cohort"),
    ({"metric": "repurchase_rate", "scope": {"segment": "core"}, "target": 0.3},
     "target_wrong_side", "is not an improvement on the baseline"),
    ({"metric": "spend_per_customer", "scope": {"segment": "growth"}, "relative": 0.01},
     "too_few_customers", "but the scope has"),
    ({"metric": "repurchase_rate", "scope": {"segment": "new"}, "relative": 0.5, "deadline": None},
     "deadline_missing", "has no deadline"),
    ({"metric": "repurchase_rate", "scope": {"segment": "new"}, "relative": 0.5, "deadline": "2026-06-01"},
     "deadline_before_start", "is before the campaign starts (2026-07-01)"),
    ({"metric": "repurchase_rate", "scope": {"segment": "new"}, "relative": 0.5, "deadline": "2026-07-31"},
     "deadline_before_window_end", "measurement window after the event ends (2026-08-14)"),
    ({"metric": "churn_rate", "scope": {"segment": "growth"}, "relative": 0.2, "direction": "increase"},
     "direction_conflict", "graded upside down"),
    ({"metric": "mean_satisfaction", "scope": {"segment": "maintain"}, "change": 0.1},
     "segment_not_targeted", "does not target that segment"),
    ({"metric": "mean_satisfaction", "scope": {"segment": "core"}, "target": 6},
     "target_out_of_range", "outside the possible range"),
]  # fmt: skip


def test_each_smart_check_has_its_own_message(demo_params, tmp_path):
    goals = [
        {"id": f"g{i}", "deadline": DEADLINE, **spec} for i, (spec, _, _) in enumerate(BAD_GOALS)
    ]
    for goal in goals:
        if goal["deadline"] is None:
            del goal["deadline"]
    params = demo_params(extra={"plan": {"goals": goals}})
    outcome = plan.run(_open(params, tmp_path / "run"))
    messages = {}
    for (_, code, fragment), result in zip(BAD_GOALS, outcome.goals, strict=True):
        found = {p.code: p.message for p in result.problems}
        assert code in found, (result.goal.id, found)
        assert fragment in found[code], found[code]
        messages[code] = found[code]
    assert len(set(messages.values())) == len(BAD_GOALS), "every check has its own message"
    # a goal without a design is never called powered, and the report lists every problem
    assert not any(g.powered for g in outcome.goals if g.design is None)
    assert any(g.design is None for g in outcome.goals)
    assert len(outcome.goal_problems()) >= len(BAD_GOALS)
    stored = json.loads((tmp_path / "run" / plan.PLAN_JSON).read_text(encoding="utf-8"))
    assert [p["code"] for p in stored["goals"][0]["problems"]] == ["scope_empty"]


def test_a_baseline_on_a_segment_selected_by_the_metric_gets_a_caution(
    demo_params, tmp_path, monkeypatch
):
    cohort = {**DEMO_PLAN["goals"][2], "id": "growth_spend_cohort", "baseline": "earlier_cohort"}
    churn_nps = {"id": "churn_nps", "metric": "nps", "scope": {"segment": "churn_risk"},
                 "change": 10, "deadline": DEADLINE}  # fmt: skip
    params = demo_params(extra={"plan": {"goals": [*DEMO_PLAN["goals"], cohort, churn_nps]}})
    outcome = plan.run(_open(params, tmp_path / "run"))
    goals = {g.goal.id: g for g in outcome.goals}
    caution = {
        goal_id: next((p.message for p in g.problems if p.code == "baseline_selection_bias"), None)
        for goal_id, g in goals.items()
    }
    # growth is chosen for rising spend, churn risk for low recommendation scores
    assert "Growth potential customers are selected by their spend" in caution["growth_spend"]
    assert "regression to the mean" in caution["growth_spend"]
    assert "NPS" in caution["churn_nps"]
    assert goals["growth_spend"].design is not None  # a caution, not a blocking problem
    assert caution["growth_spend"] in outcome.flag_text()
    # an earlier-cohort baseline already includes the drift; core is not chosen by satisfaction
    assert caution["growth_spend_cohort"] is None
    assert caution["churn_reactivation"] is None
    assert caution["core_satisfaction"] is None

    zh = plan.run(
        _open(demo_params(language="zh", extra={"plan": DEMO_PLAN_ZH}, name="zh.yaml"),
              tmp_path / "zh")
    )  # fmt: skip
    (growth,) = [g for g in zh.goals if g.goal.id == "growth_spend"]
    (message,) = [p.message for p in growth.problems if p.code == "baseline_selection_bias"]
    assert "潜力增长客户正是按消费额选出的" in message and "均值回归" in message

    # the split check's threshold in the report follows stats.SRM_ALPHA
    assert f"p = {stats.SRM_ALPHA:g})" in outcome.assignment_intro()
    monkeypatch.setattr(stats, "SRM_ALPHA", 0.005)
    assert "p = 0.005)" in outcome.assignment_intro()
    assert "p < 0.005" in zh.assignment_intro()


def test_no_plan_or_monitoring_label_hard_codes_the_srm_threshold():
    from campaign_eval.report.labels import LABELS

    for key, texts in LABELS.items():
        if key.startswith(("plan.", "mon.")):
            for language, text in texts.items():
                assert "0.001" not in text, (key, language)


def test_missing_table_is_reported_for_its_goal(demo_params, tmp_path):
    goal = {"id": "sat", "metric": "mean_satisfaction", "scope": {"segment": "core"}, "change": 0.2,
            "deadline": DEADLINE}  # fmt: skip
    params = demo_params(extra={"data": {"tables": {"surveys": None}}, "plan": {"goals": [goal]}})
    outcome = plan.run(_open(params, tmp_path / "run"))
    (problem,) = outcome.goals[0].problems
    assert (
        problem.code == "metric_no_data"
        and "the data has no surveys.satisfaction" in problem.message
    )


def test_schedule_checks(demo_params, tmp_path):
    phases = [
        {"name": "preparation", "start_day": -21, "end_day": -25, "owner": "Li"},
        {"name": "event", "start_day": 0, "end_day": 0},
        {"name": "follow_up", "start_day": 1, "end_day": 14, "owner": "Wang", "buffer_days": 3},
    ]
    goal = {"id": "late", "metric": "repurchase_rate", "scope": {"segment": "new"}, "relative": 0.5,
            "deadline": "2026-07-20", "window_days": 3}  # fmt: skip
    extra = {"campaign": {"owner": None}, "plan": {"phases": phases, "goals": [goal]}}
    outcome = plan.run(_open(demo_params(extra=extra), tmp_path / "run"))
    found = {p.code: p.message for p in outcome.schedule_problems}
    assert set(found) == {"phase_end_before_start", "phase_no_owner", "deadline_before_follow_up"}
    assert "ends (2026-06-20) before it starts (2026-06-24)" in found["phase_end_before_start"]
    assert "'Event' has no owner" in found["phase_no_owner"]
    assert (
        "earlier than the end of the follow-up (2026-08-01)" in found["deadline_before_follow_up"]
    )
    assert outcome.flag_kind() == "warning"
    assert all(message in outcome.flag_text() for message in found.values())


# -- frozen assignment ----------------------------------------------------------------------


def _earlier_run(out_root: Path, campaign_id: str, frame: pd.DataFrame) -> Path:
    earlier = out_root / campaign_id / "20260625T080000Z-0001"
    earlier.mkdir(parents=True)
    frame.to_parquet(earlier / plan.ASSIGNMENT_FILE, index=False)
    runs.mark(earlier, runs.COMPLETE)
    return earlier


def test_started_campaign_keeps_the_frozen_assignment_and_redraws_only_with_a_reason(
    demo_params, tmp_path
):
    params = demo_params()
    out = tmp_path / "out"
    first = plan.run(_open(params, out / "demo-2026-q3" / "20260620T080000Z-0000"))
    assert first.assignment.source == "drawn" and first.assignment.frozen  # today is after start
    # an earlier complete run drew a different split (say, an older rule); it is the record now
    frozen = first.assignment.frame.copy()
    frozen["arm"] = np.where(frozen["arm"] == plan.TREATMENT, plan.CONTROL, plan.TREATMENT)
    _earlier_run(out, "demo-2026-q3", frozen)

    run_dir = out / "demo-2026-q3" / "20261130T080000Z-0002"
    kept = plan.run(_open(params, run_dir))
    assert kept.assignment.source == "kept"
    # that run left no plan.json: the params' shares are the best guess, and the report says so
    assert kept.shares.source == "params_no_earlier_plan" and kept.share_warning() is None
    assert "has no readable plan.json" in " ".join(kept.assignment_notes())
    stored = pd.read_parquet(run_dir / plan.ASSIGNMENT_FILE)
    pd.testing.assert_frame_equal(stored.reset_index(drop=True), frozen.reset_index(drop=True))
    notes = " ".join(kept.assignment_notes())
    assert "frozen and was kept from run 20260625T080000Z-0001" in notes
    assert "give plan.redraw.reason" in notes
    assert json.loads((run_dir / plan.PLAN_JSON).read_text(encoding="utf-8"))["frozen"] is True

    reason = "Rule change <b>approved</b> by the CRM board"
    redraw_dir = out / "demo-2026-q3" / "20261130T090000Z-0003"
    redrawn = plan.run(
        _open(demo_params(extra={"plan": {"redraw": {"reason": reason}}}), redraw_dir)
    )
    assert redrawn.assignment.source == "redrawn"
    pd.testing.assert_frame_equal(redrawn.assignment.frame, first.assignment.frame)
    payload = json.loads((redraw_dir / plan.PLAN_JSON).read_text(encoding="utf-8"))
    assert payload["redraw_reason"] == reason
    assert reason in redrawn.assignment_status()


def test_a_kept_assignment_keeps_the_holdout_shares_it_was_drawn_with(demo_params, tmp_path):
    campaign = tmp_path / "out" / "demo-2026-q3"
    first_dir = campaign / "20260620T080000Z-0000"
    first = plan.run(_open(demo_params(extra={"plan": DEMO_PLAN}), first_dir))
    runs.mark(first_dir, runs.COMPLETE)
    before = json.loads((first_dir / plan.PLAN_JSON).read_text(encoding="utf-8"))

    # after the start someone raises the holdout in the params, without plan.redraw.reason
    changed = demo_params(extra={"plan": {**DEMO_PLAN, "control_share": 0.3}}, name="c.yaml")
    run_dir = campaign / "20261130T080000Z-0001"
    kept = plan.run(_open(changed, run_dir))
    assert kept.assignment.source == "kept"
    pd.testing.assert_frame_equal(kept.assignment.frame, first.assignment.frame)
    payload = json.loads((run_dir / plan.PLAN_JSON).read_text(encoding="utf-8"))
    drawn_with = {"treatment": 0.8, "control": 0.2}
    # the shares the evaluation and monitoring read are those the groups were drawn with
    assert payload["arm_shares"] == drawn_with
    assert payload["segment_shares"] == dict.fromkeys(payload["design"]["targeted"], drawn_with)
    assert payload["design"]["control_share"] == 0.2
    _check_plan_json(payload)
    assert payload["assignment"]["shares_source"] == "earlier_run"
    assert kept.shares.source == "earlier_run"
    # no false sample ratio mismatch, and power and MDE for the holdout that exists
    assert all(p is None or p > stats.SRM_ALPHA for p in payload["assignment"]["srm_p"].values())
    assert not any(check.flagged for check in kept.split_checks().values() if check)
    for now, then in zip(payload["goals"], before["goals"], strict=True):
        assert (now["control_share"], now["power"], now["mde"]) == (
            then["control_share"],
            then["power"],
            then["mde"],
        )
    assert any(g["control_share"] == pytest.approx(0.2) for g in payload["goals"])
    planned = kept.assignment_table()[kept.t("plan.col.planned_share")]
    assert (planned == 0.2).all()
    # ...and a prominent warning with both numbers, in the report and in plan.json
    changes = payload["assignment"]["params_share_changes"]
    assert [c["segment"] for c in changes] == payload["design"]["targeted"]
    assert all((c["kept_control_share"], c["params_control_share"]) == (0.2, 0.3) for c in changes)
    warning = payload["share_warning"]
    assert warning == kept.share_warning() == kept.flags()[0]
    assert "20.0%" in warning and "30.0%" in warning and first_dir.name in warning
    assert kept.flag_kind() == "warning"
    assert any(first_dir.name in note and "20.0%" in note for note in kept.assignment_notes())

    assert before["assignment"]["shares_source"] == "params"
    assert before["share_warning"] is None and before["assignment"]["params_share_changes"] == []

    # the same params as when it was drawn: kept, no warning
    same = plan.run(_open(demo_params(extra={"plan": DEMO_PLAN}), campaign / "20261130T090000Z-2"))
    assert same.assignment.source == "kept" and same.share_warning() is None
    assert same.share_changes() == []


# -- the real notebook through the runner ---------------------------------------------------


def _documented_patterns() -> list[re.Pattern[str]]:
    text = (ROOT / "docs" / "plan_json.md").read_text(encoding="utf-8")
    keys = re.findall(r"^\| `([^`]+)` \|", text, flags=re.MULTILINE)
    patterns = []
    for key in keys:
        regex = re.escape(key).replace(r"\[\]", r"\[\]")
        regex = re.sub(r"\\\{[a-z]+\\\}", r"[^.]+", regex)
        patterns.append(re.compile(f"^{regex}$"))
    return patterns


def _leaves(value: object, prefix: str = "") -> list[str]:
    if isinstance(value, dict) and value:
        return [
            leaf for k, v in value.items() for leaf in _leaves(v, f"{prefix}.{k}" if prefix else k)
        ]
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return [leaf for v in value for leaf in _leaves(v, f"{prefix}[]")]
    return [prefix]


def test_problem_codes_are_documented():
    text = (ROOT / "docs" / "plan_json.md").read_text(encoding="utf-8")
    section = text.split("## Problem codes", 1)[1]
    assert set(re.findall(r"`([a-z_]+)`", section)) - {"baseline", "earlier_cohort"} == set(
        get_args(plan.ProblemCode)
    )


def _check_plan_json(payload: dict) -> None:
    patterns = _documented_patterns()
    undocumented = sorted(
        {leaf for leaf in _leaves(payload) if not any(p.match(leaf) for p in patterns)}
    )
    assert undocumented == [], f"keys missing from docs/plan_json.md: {undocumented}"
    top = {p.pattern.strip("^$") for p in patterns if "." not in p.pattern and "[" not in p.pattern}
    assert top <= payload.keys()
    assert payload["schema_version"] == plan.PLAN_SCHEMA_VERSION
    for goal in payload["goals"]:
        for key in ("id", "metric", "scope", "direction", "window_days", "baseline", "target",
                    "deadline", "n_in_scope", "n_required_per_arm", "mde", "powered", "problems"):  # fmt: skip
            assert key in goal


@pytest.mark.slow
def test_plan_notebook_in_english(demo_params, demo_data, tmp_path):
    custom = {"core": {"form": "<b>VIP</b> dinner", "content": ["Chef's table", "Roadmap"]}}
    result = run_stages(
        demo_params(extra={"plan": {**DEMO_PLAN, "activities": custom}}),
        tmp_path / "out",
        ["segmentation", "plan"],
    )
    assert result.ok, result
    run_dir = Path(result.run_dir)
    html = (run_dir / "02_plan.html").read_text(encoding="utf-8")
    assert_stakeholder_html(html)
    assignment = pd.read_parquet(run_dir / plan.ASSIGNMENT_FILE)
    assert not any(cid in html for cid in assignment["customer_id"]), "customer ids leaked"
    assert "Plan at a glance" in html and "Before anything is sent" in html
    assert "under-powered" in html or "cannot be detected" in html
    assert "<img" in html  # power curve and Gantt chart
    assert "&lt;b&gt;VIP&lt;/b&gt; dinner" in html and "<b>VIP</b>" not in html  # free text escaped
    assert (
        "Executive salon" not in html and "Product training webinar" in html
    )  # override, defaults

    # the plan's assignment is the one the demo world planted its effects on
    demo = pd.read_parquet(demo_data / "assignment.parquet")
    merged = demo.merge(
        assignment, on="customer_id", how="outer", suffixes=("_demo", "_plan"), indicator=True
    )
    assert (merged["_merge"] == "both").all()
    assert (merged["arm_demo"] == merged["arm_plan"]).all()
    assert (merged["segment_demo"] == merged["segment_plan"]).all()
    csv = pd.read_csv(run_dir / plan.ASSIGNMENT_CSV, dtype=str)
    assert list(csv.columns) == ["customer_id", "segment", "arm"] and len(csv) == len(assignment)

    payload = json.loads((run_dir / plan.PLAN_JSON).read_text(encoding="utf-8"))
    _check_plan_json(payload)
    goals = {g["id"]: g for g in payload["goals"]}
    churn = goals["churn_reactivation"]
    # powered means the planned holdout reaches the desired power (which goals are powered
    # depends on the size of the world: the 20,000-customer demo powers this goal)
    assert churn["powered"] is (churn["power"] >= payload["design"]["power"])
    assert 0 < churn["baseline"] < 0.18
    assert goals["core_satisfaction"]["target"] == pytest.approx(
        goals["core_satisfaction"]["baseline"] + 0.2
    )
    assert payload["assignment"]["counts"]["core"]["control"] == int(
        ((assignment["segment"] == "core") & (assignment["arm"] == "control")).sum()
    )
    assert (
        payload["arm_shares"]
        == payload["segment_shares"]["churn_risk"]
        == {"treatment": 0.8, "control": 0.2}
    )

    book = openpyxl.load_workbook(run_dir / plan.PLAN_XLSX, read_only=True)
    assert book.sheetnames == list(plan.PLAN_SHEETS)
    book.close()
    lists = openpyxl.load_workbook(run_dir / plan.TARGET_LISTS, read_only=True)
    assert lists.sheetnames == ["Core value", "Growth potential", "Churn risk", "New"]
    rows = list(lists["Churn risk"].iter_rows(values_only=True))
    lists.close()
    header, body = rows[0], rows[1:]
    contact = [dict(zip(header, row, strict=True)) for row in body]
    assert len(contact) == int((assignment["segment"] == "churn_risk").sum())
    assert {r["Contact"] for r in contact if r["Group"] == "Control (holdout)"} == {
        "do not contact"
    }
    assert {r["Contact"] for r in contact if r["Group"] == "Treatment"} == {"contact"}


@pytest.mark.slow
def test_plan_notebook_in_chinese(demo_params, tmp_path):
    result = run_stages(
        demo_params(language="zh", extra={"plan": DEMO_PLAN_ZH}),
        tmp_path / "out",
        ["segmentation", "plan"],
    )
    assert result.ok, result
    run_dir = Path(result.run_dir)
    html = (run_dir / "02_plan.html").read_text(encoding="utf-8")
    assert_stakeholder_html(html)
    assert "策划概要" in html and "实验组与对照组" in html
    assert "Plan at a glance" not in html
    assignment = pd.read_parquet(run_dir / plan.ASSIGNMENT_FILE)
    assert not any(cid in html for cid in assignment["customer_id"]), "customer ids leaked"
    lists = openpyxl.load_workbook(run_dir / plan.TARGET_LISTS, read_only=True)
    values = {cell for row in lists["流失风险客户"].iter_rows(values_only=True) for cell in row}
    lists.close()
    assert "请勿联系" in values


def test_stage_runs_without_a_plan_section(demo_params, tmp_path):
    outcome = plan.run(_open(demo_params(extra={"plan": None}), tmp_path / "run"))
    assert outcome.goals == () and outcome.segments_source == "computed"
    assert outcome.n_targeted > 0 and outcome.roi is not None
    assert outcome.budget_source == "costs_table" and math.isclose(
        outcome.budget.sum(), outcome.budget_total
    )
    assert outcome.design_table().empty and outcome.flag_kind() == "warning"  # the ROI flag
    # the notebook's display calls work without goals too (tables keep their headers)
    report.show_table(outcome.design_table(), pct_columns=outcome.design_pct_columns())
    report.show_table(outcome.goals_table())
    assert plan_charts.power_curve(outcome) is None
    assert plan_charts.gantt(outcome).axes
