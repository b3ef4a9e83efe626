"""The plan's tables: the reader's headers (also without rows), numbers kept as numbers, texts
worded, the template's activities unless the params give their own."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from campaign_eval.plan import tables
from campaign_eval.plan.result import Problem
from campaign_eval.plan.wording import Words
from campaign_eval.report.labels import text
from tests.plan.conftest import campaign_params

EN = Words("en")


def test_every_table_keeps_its_headers_without_rows(demo_plan):
    empty = dataclasses.replace(demo_plan.result, goals=(), phases=(), budget={})
    for build, columns in [
        (tables.goals_table, tables.GOALS_COLUMNS),
        (tables.design_table, tables.DESIGN_COLUMNS),
        (tables.schedule_table, tables.SCHEDULE_COLUMNS),
        (tables.budget_table, tables.BUDGET_COLUMNS),
    ]:
        frame = build(empty, EN)
        assert frame.empty and list(frame.columns) == [text(c, "en") for c in columns]


def test_goals_and_design_tables_of_the_demo(demo_plan):
    result = demo_plan.result
    goals = tables.goals_table(result, EN).set_index("Goal")
    assert goals.loc["churn_reactivation", "Baseline measured on"].endswith("(earlier cohort)")
    assert goals.loc["core_satisfaction", "Target"].endswith("(+0.20)")
    assert goals.loc["growth_spend", "Target"].endswith("(+15%)")
    assert goals.loc["growth_spend", "Metric"] == "Spend per customer"
    design = tables.design_table(result, EN).set_index("Goal")
    churn = next(g for g in result.goals if g.id == "churn_reactivation")
    assert churn.design is not None
    # numbers stay numbers: the report and the workbook format them
    assert design.loc["churn_reactivation", "Chance to detect"] == churn.design.power
    assert design.loc["churn_reactivation", "Needed per group (equal groups)"] == (
        churn.design.n_required_per_arm
    )
    assert tables.headers(tables.DESIGN_PCT_COLUMNS, EN) == ["Planned holdout", "Chance to detect"]
    # each goal's level stays a number; the report shows it with the decimals of the smallest
    assert (design["Test level (α)"] == [g.design.alpha for g in result.goals]).all()
    assert tables.design_level_digits(result, EN) == {"Test level (α)": 3}


def test_goal_status_from_problems_and_design(demo_plan):
    goal = next(g for g in demo_plan.result.goals if g.design is not None)
    assert goal.design is not None
    ready = dataclasses.replace(
        goal, problems=(), design=dataclasses.replace(goal.design, power=0.95)
    )
    assert tables.goal_status_key(ready) == "plan.status.ready"
    weak = dataclasses.replace(ready, design=dataclasses.replace(goal.design, power=0.1))
    assert tables.goal_status_key(weak) == "plan.status.underpowered"
    noted = dataclasses.replace(ready, problems=(Problem("deadline_missing"),))
    assert tables.goal_status_key(noted) == "plan.status.check"
    blocked = dataclasses.replace(ready, problems=(Problem("scope_empty"),))
    assert tables.goal_status_key(blocked) == "plan.status.fix"
    assert tables.goal_status_key(dataclasses.replace(ready, design=None)) == "plan.status.fix"


def test_assignment_table_lists_targeted_segments_with_their_split_check(demo_plan):
    frame = tables.assignment_table(demo_plan.result, demo_plan.ctx.params, EN)
    assert frame["Segment"].tolist() == ["Core value", "Growth potential", "Churn risk", "New"]
    counts = demo_plan.result.assignment.counts()
    assert frame["Treatment"].sum() + frame["Control (holdout)"].sum() == counts.to_numpy().sum()
    assert (frame["Planned holdout"] == 0.2).all()
    assert frame["Split check"].str.startswith("as planned (p = ").all()


def test_activities_use_the_template_unless_the_params_give_their_own():
    params = campaign_params(
        plan={
            "activities": {"core": {"form": "VIP dinner", "content": ["Chef's table", "Roadmap"]}}
        }
    )
    frame = tables.activities_table(params, EN).set_index("Segment")
    assert frame.loc["Core value", "Form"] == "VIP dinner"
    assert frame.loc["Core value", "Content"] == "Chef's table; Roadmap"
    assert frame.loc["Core value", "Channel"] == text("plan.act.core.channel", "en")
    assert frame.loc["Growth potential", "Form"] == "Product training webinar"
    zh = tables.activities_table(campaign_params(language="zh"), Words("zh"))
    assert zh.iloc[0].tolist()[:2] == ["核心价值客户", "高管沙龙"]


def test_schedule_and_budget_tables(demo_plan):
    schedule = tables.schedule_table(demo_plan.result, EN)
    assert schedule["Phase"].tolist() == ["Preparation", "Promotion and invitations", "Event",
                                          "Follow-up"]  # fmt: skip
    assert schedule["Days"].tolist() == [p.days for p in demo_plan.result.phases]
    budget = tables.budget_table(demo_plan.result, EN)
    assert budget["Category"].iloc[-1] == "Total"
    assert budget["Planned"].iloc[-1] == pytest.approx(budget["Planned"].iloc[:-1].sum())
    assert budget["Share"].iloc[:-1].sum() == pytest.approx(1.0)


def test_summary_table_has_one_row_per_key_fact(demo_plan):
    frame = tables.summary_table(demo_plan.result, demo_plan.ctx.params, EN)
    assert list(frame.columns) == ["Item", "Plan"]
    assert frame["Item"].tolist() == [
        "Dates", "Targeted customers", "Control group (holdout)", "Goals", "Planned budget",
        "Return standard", "Assignment",
    ]  # fmt: skip
    facts = dict(zip(frame["Item"], frame["Plan"], strict=True))
    assert facts["Goals"].startswith("3 goals:")
    assert isinstance(pd.Series(facts).iloc[0], str)
