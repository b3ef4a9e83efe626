"""The plan stage run through the real runner and notebook, in both languages, and on its own."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest

from campaign_eval import artifacts, plan
from campaign_eval.plan import charts
from tests.conftest import assert_stakeholder_html, run_stages
from tests.plan._helpers import check_plan_json
from tests.plan.conftest import demo_goals, zh_plan


@pytest.mark.slow
def test_plan_notebook_in_english(demo_params, demo_data, tmp_path):
    custom = {"core": {"form": "<b>VIP</b> dinner", "content": ["Chef's table", "Roadmap"]}}
    result = run_stages(
        demo_params(extra={"plan": {"goals": demo_goals(), "activities": custom}}),
        tmp_path / "out",
        ["segmentation", "plan"],
    )
    assert result.ok, result
    run_dir = Path(result.run_dir)
    html = (run_dir / "02_plan.html").read_text(encoding="utf-8")
    assert_stakeholder_html(html)
    assignment = pd.read_parquet(run_dir / artifacts.ASSIGNMENT)
    assert not any(cid in html for cid in assignment["customer_id"]), "customer ids leaked"
    assert "Plan at a glance" in html and "Before anything is sent" in html
    # the answer first, right under the header; goals by description, never by id
    assert html.index('id="answer"') < html.index("Plan at a glance")
    assert "Can the plan detect its goals?" in html
    assert "not detectable" in html or "Yes: the planned holdout detects all 3 goals." in html
    for goal in demo_goals():
        assert goal["id"] not in html and goal["description"] in html
    assert "power.prop.test" not in html and "earlier_cohort" not in html
    assert html.count("<img") == 2  # power curve and Gantt chart
    assert "&lt;b&gt;VIP&lt;/b&gt; dinner" in html and "<b>VIP</b>" not in html  # free text escaped
    assert "Executive salon" not in html and "Product training webinar" in html
    # the guide cells are for the analyst, not the report
    assert "For the analyst" not in html and "Goals and baselines.**" not in html
    assert "view." not in html

    # the plan's assignment is the one the demo world planted its effects on
    demo = pd.read_parquet(demo_data / "assignment.parquet")
    merged = demo.merge(
        assignment, on="customer_id", how="outer", suffixes=("_demo", "_plan"), indicator=True
    )
    assert (merged["_merge"] == "both").all()
    assert (merged["arm_demo"] == merged["arm_plan"]).all()
    assert (merged["segment_demo"] == merged["segment_plan"]).all()

    payload = json.loads((run_dir / artifacts.PLAN_JSON).read_text(encoding="utf-8"))
    check_plan_json(payload)
    assert payload["segments_source"] == "this_run"
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


@pytest.mark.slow
def test_plan_notebook_in_chinese(demo_params, tmp_path):
    result = run_stages(
        demo_params(language="zh", extra={"plan": zh_plan()}),
        tmp_path / "out",
        ["segmentation", "plan"],
    )
    assert result.ok, result
    run_dir = Path(result.run_dir)
    html = (run_dir / "02_plan.html").read_text(encoding="utf-8")
    assert_stakeholder_html(html)
    assert "策划概要" in html and "实验组与对照组" in html and "执行计划" in html
    assert html.index('id="answer"') < html.index("策划概要") and "计划能否检验出活动目标？" in html
    assert "流失风险客户30天复购率提升至18%" in html and "churn_reactivation" not in html
    assert "Plan at a glance" not in html and html.count("<img") == 2
    assignment = pd.read_parquet(run_dir / artifacts.ASSIGNMENT)
    assert not any(cid in html for cid in assignment["customer_id"]), "customer ids leaked"


def test_stage_runs_without_a_plan_section(demo_params, open_plan, tmp_path):
    ctx = open_plan(demo_params(extra={"plan": None}), tmp_path / "run")
    result = plan.run(ctx)
    assert result.goals == () and result.segments_source == "computed"
    assert result.n_targeted > 0 and result.roi is not None
    assert result.budget_source == "costs_table"
    assert math.isclose(sum(result.budget.values()), result.budget_total)
    view = plan.View(result, ctx.params)
    # every section renders without goals (tables keep their headers); the ROI flag is raised
    for name in ("summary", "goals", "design", "roi", "assignment", "activities", "schedule",
                 "budget", "files"):  # fmt: skip
        assert getattr(view, name)()._repr_html_()
    assert "callout-warning" in view.summary()._repr_html_()
    assert charts.power_curve(result, "en") is None
    assert charts.gantt(result, "en").axes
    written = sorted(p.name for p in ctx.run_dir.iterdir() if p.is_file())
    assert written == sorted(result.files.values())
    # the full list of every targeted segment, beside the workbook that holds its first rows
    lists = ctx.run_dir / artifacts.TARGET_LISTS_DIR
    assert {p.stem for p in lists.glob("*.csv")} == set(result.assignment.frame["segment"])
