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
        (tables.goals_overview, tables.GOALS_OVERVIEW_COLUMNS),
        (tables.baselines_table, tables.BASELINES_COLUMNS),
        (tables.design_table, tables.DESIGN_COLUMNS),
        (tables.design_overview, tables.DESIGN_OVERVIEW_COLUMNS),
        (tables.design_details, tables.DESIGN_DETAILS_COLUMNS),
        (tables.schedule_table, tables.SCHEDULE_COLUMNS),
        (tables.schedule_overview, tables.SCHEDULE_OVERVIEW_COLUMNS),
        (tables.budget_table, tables.BUDGET_COLUMNS),
        (tables.budget_overview, tables.BUDGET_COLUMNS),
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


def test_the_reports_tables_keep_to_seven_columns_and_name_goals_by_description(demo_plan):
    result, params = demo_plan.result, demo_plan.ctx.params
    words = Words.of(result, params)
    for columns in (tables.GOALS_OVERVIEW_COLUMNS, tables.DESIGN_OVERVIEW_COLUMNS,
                    tables.SCHEDULE_OVERVIEW_COLUMNS, tables.BASELINES_COLUMNS,
                    tables.DESIGN_DETAILS_COLUMNS):  # fmt: skip
        assert len(columns) <= 7
    goals = tables.goals_overview(result, words)
    assert goals["Goal"].tolist() == [g.description for g in result.goals]
    assert list(goals.columns) == [
        "Goal", "Customers", "Baseline", "Target", "Deadline", "Status"
    ]  # fmt: skip
    spend = goals.set_index("Goal").loc["Spend of growth customers +15%"]
    assert spend["Baseline"].startswith("CN¥") and spend["Target"].endswith("(+15%)")
    baselines = tables.baselines_table(result, words).set_index("Goal")
    churn = "Raise the 30-day repurchase rate of churn-risk customers to 18%"
    assert baselines.loc[churn, "Baseline measured on"].endswith("(earlier cohort)")
    assert baselines.loc[churn, "Metric"] == "Repurchase rate"


def test_the_reports_design_table_says_what_would_be_enough(demo_plan):
    result, params = demo_plan.result, demo_plan.ctx.params
    words = Words.of(result, params)
    design = tables.design_overview(result, words)
    assert list(design.columns) == [
        "Goal", "Change asked for", "Detects from", "Enough?", "Measurable customers",
        "Customers needed", "Chance to detect",
    ]  # fmt: skip
    for goal, row in zip(result.goals, design.itertuples(index=False), strict=True):
        d = goal.design
        assert d is not None
        assert row[3] == tables.enough_text(d, words)
        assert row[4] == d.n_available and row[5] == d.n_required_total and row[6] == d.power
    spend = design.set_index("Goal").loc["Spend of growth customers +15%"]
    assert spend["Change asked for"].startswith("+CN¥")
    details = tables.design_details(result, words)
    assert list(details.columns) == [
        "Goal", "Customers in scope", "Test level (α)", "Planned holdout",
        "Needed per group (equal groups)",
    ]  # fmt: skip


def test_enough_says_yes_or_what_would_be(demo_plan):
    design = next(g.design for g in demo_plan.result.goals if g.design is not None)
    assert design is not None
    enough = dataclasses.replace(design, power=0.95, desired_power=0.8)
    assert tables.enough_text(enough, EN) == "yes"
    larger = dataclasses.replace(enough, power=0.5, recommended_share=0.3)
    assert tables.enough_text(larger, EN) == "no: a 30% holdout would be"
    few = dataclasses.replace(larger, recommended_share=None, n_available=10)
    assert tables.enough_text(few, EN) == "no: too few customers"
    grid = dataclasses.replace(larger, recommended_share=None, n_available=10**9)
    assert tables.enough_text(grid, EN) == "no: no holdout share is"
    assert tables.enough_text(larger, Words("zh")) == "否：对照组需 30%"


def test_the_reports_schedule_and_budget(demo_plan):
    words = Words.of(demo_plan.result, demo_plan.ctx.params)
    schedule = tables.schedule_overview(demo_plan.result, words)
    assert schedule["Dates"].tolist() == [
        "2026-06-24\u00a0to 2026-06-30", "2026-07-01\u00a0to 2026-07-14", "2026-07-15",
        "2026-07-16\u00a0to 2026-07-22",
    ]  # fmt: skip
    assert "Days" not in schedule.columns  # the workbook and the Gantt chart have them
    budget = tables.budget_overview(demo_plan.result, words)
    # the amounts stay numbers, their currency once in the header
    assert list(budget.columns) == ["Category", "Planned (CN¥)", "Share"]
    assert budget["Planned (CN¥)"].iloc[-1] == demo_plan.result.budget_total
    assert budget["Category"].iloc[0] == "Staff"
    assert tables.budget_amount_header(EN) == "Planned"  # no currency: no unit
    zh = tables.budget_overview(demo_plan.result, Words("zh", "CNY"))
    # one set of budget category names for plan and evaluation (labels/common.py)
    assert (
        list(zh.columns) == ["类别", "计划金额（¥）", "占比"] and zh["类别"].iloc[0] == "人力成本"
    )
