"""The plan report: one method per section, each a Section with its heading, words from the
labels in the report language, free text escaped, charts embedded with their alt text."""

from __future__ import annotations

import dataclasses
import html
import inspect
import re

import nbformat
from markupsafe import escape

from campaign_eval import plan, stats
from campaign_eval.report.html import Section
from campaign_eval.report.labels import LABELS, text
from campaign_eval.run.runner import NOTEBOOK_DIR
from tests.plan.conftest import campaign_params

SECTIONS = {
    "summary": "plan.h.summary",
    "goals": "plan.h.goals",
    "design": "plan.h.design",
    "roi": "plan.h.roi",
    "assignment": "plan.h.assignment",
    "activities": "plan.h.activities",
    "schedule": "plan.h.schedule",
    "budget": "plan.h.budget",
    "files": "plan.h.files",
}
"""Each section of the report and the label of its heading."""


def test_the_view_has_one_public_method_per_section_and_the_notebook_calls_each():
    public = {
        n for n, _ in inspect.getmembers(plan.View, inspect.isfunction) if not n.startswith("_")
    }
    assert public == {"answer", *SECTIONS}
    nb = nbformat.read(NOTEBOOK_DIR / "02_plan.ipynb", as_version=4)
    calls = [c.source for c in nb.cells if c.cell_type == "code"][2:]
    # the answer first, right after the setup cell, then the sections in order
    assert calls == ["view.answer()", *(f"view.{name}()" for name in SECTIONS)]


def test_every_section_has_its_heading_in_the_report_language(demo_plan, demo_plan_zh):
    for planned, language in ((demo_plan, "en"), (demo_plan_zh, "zh")):
        for name, key in SECTIONS.items():
            shown = getattr(planned.view, name)()
            assert isinstance(shown, Section)
            assert shown.title == text(key, language) and shown.parts, name
            html = shown._repr_html_()
            assert "{" not in html.replace("{}", ""), (name, "a placeholder was left unfilled")
    assert "Plan at a glance" not in demo_plan_zh.view.summary()._repr_html_()


def _alt(section) -> str:
    found = re.search(r'<img [^>]*alt="([^"]*)"', section._repr_html_())
    assert found is not None
    return html.unescape(found.group(1))


def test_charts_are_embedded_with_alt_text_saying_what_they_show(demo_plan, demo_plan_zh):
    result, fmt = demo_plan.result, demo_plan.view.words.fmt
    power = _alt(demo_plan.view.design())
    assert power.startswith("Line chart: the chance to detect each goal")
    chances = "; ".join(
        f"{g.description} {fmt.pct(g.design.power, 0)}" for g in result.goals if g.design
    )
    assert f"At the planned 20% holdout: {chances}; 80% is needed." in power
    gantt = _alt(demo_plan.view.schedule())
    assert gantt == (
        "Gantt chart: the 4 phases of the schedule from 2026-06-24 to 2026-07-24, each a bar from "
        "its first to its last day, buffer days lighter; the event is on 2026-07-15."
    )
    zh = _alt(demo_plan_zh.view.design())
    assert zh.startswith("折线图：") and "计划对照组比例为 20% 时：" in zh


def test_without_anything_to_flag_the_summary_says_the_plan_is_ready(demo_plan):
    calm = dataclasses.replace(demo_plan.result, goals=(), roi=None, schedule_problems=())
    summary = plan.View(calm, demo_plan.ctx.params).summary()._repr_html_()
    assert "callout-success" in summary and str(escape(text("plan.flag.none", "en"))) in summary
    busy = demo_plan.view.summary()._repr_html_()
    assert "callout-warning" in busy and "Before anything is sent:" in busy


def test_free_text_from_the_params_is_escaped(demo_plan):
    params = demo_plan.ctx.params.model_copy(
        update={
            "plan": campaign_params(
                plan={"activities": {"core": {"form": "<b>VIP</b> dinner"}}}
            ).plan
        }
    )
    html = plan.View(demo_plan.result, params).activities()._repr_html_()
    assert "&lt;b&gt;VIP&lt;/b&gt; dinner" in html and "<b>VIP</b>" not in html


def test_the_split_check_threshold_follows_stats(demo_plan, demo_plan_zh, monkeypatch):
    assert f"p = {stats.SRM_ALPHA:g})" in demo_plan.view.assignment()._repr_html_()
    monkeypatch.setattr(stats, "SRM_ALPHA", 0.005)
    assert "p = 0.005)" in demo_plan.view.assignment()._repr_html_()
    assert "p &lt; 0.005" in demo_plan_zh.view.assignment()._repr_html_()


def test_no_plan_or_monitoring_label_hard_codes_the_srm_threshold():
    for key, texts in LABELS.items():
        if key.startswith(("plan.", "mon.")):
            for language, said in texts.items():
                assert "0.001" not in said, (key, language)


def test_customer_ids_never_reach_the_report(demo_plan):
    html = "".join(getattr(demo_plan.view, name)()._repr_html_() for name in SECTIONS)
    assert not any(cid in html for cid in demo_plan.result.assignment.frame["customer_id"])


def _shown(section) -> str:
    """A section's HTML with entities such as &#39; turned back into characters."""
    return html.unescape(section._repr_html_())


def test_the_design_section_says_which_level_the_goals_are_sized_at_and_why(
    demo_plan, demo_plan_zh
):
    design = _shown(demo_plan.view.design())
    said = (
        "Each goal is sized at α = 0.05 / 3 = 0.017: the plan's 3 goals are its primary "
        "comparisons, and the evaluation judges them with Holm's procedure, whose first step is "
        "this level. A goal powered here is at least as powered there."
    )
    assert said in design
    # the design table shows each goal's level through the formatter
    assert "Test level (α)" in design and design.count(">0.017</td>") == 3
    zh = _shown(demo_plan_zh.view.design())
    assert "每个目标按 α = 0.05 / 3 = 0.017 计算样本量" in zh and "Holm" in zh
    assert "检验水平（α）" in zh


def test_one_goal_is_sized_at_the_plans_alpha_and_no_goal_needs_no_level(demo_plan):
    goal = demo_plan.result.goals[0]
    assert goal.design is not None
    one = dataclasses.replace(goal, alpha=0.05, design=dataclasses.replace(goal.design, alpha=0.05))
    result = dataclasses.replace(demo_plan.result, goals=(one,))
    design = _shown(plan.View(result, demo_plan.ctx.params).design())
    assert "The goal is sized at α = 0.05: it is the plan's only goal" in design
    assert "Holm" not in design and ">0.05</td>" in design
    none = dataclasses.replace(demo_plan.result, goals=())
    assert "α =" not in _shown(plan.View(none, demo_plan.ctx.params).design())


def test_the_roi_section_says_at_which_level_the_lift_is_detectable(demo_plan, demo_plan_zh):
    checked = demo_plan.result.roi
    assert checked is not None
    mde = demo_plan.view.words.fmt.pct(checked.mde_lift, 1)
    said = (
        f"the smallest spend lift the test detects is {mde}, at α = 0.017: the goals' level, "
        "because spend per customer is the metric of the goal 'Spend of growth customers +15%'."
    )
    assert said in _shown(demo_plan.view.roi())
    assert "在 α = 0.017 下可检出的最小消费额提升" in _shown(demo_plan_zh.view.roi())
    plain = dataclasses.replace(checked, alpha=0.05, spend_goals=())
    result = dataclasses.replace(demo_plan.result, roi=plain)
    roi = _shown(plan.View(result, demo_plan.ctx.params).roi())
    assert "at α = 0.05: the plan's significance level, because no goal is about spend" in roi
    assert "CN¥" in roi  # money carries the campaign's currency


def _page(planned) -> str:
    """The whole report of a plan: the answer block and every section."""
    parts = [planned.view.answer().data]
    parts += [getattr(planned.view, name)()._repr_html_() for name in SECTIONS]
    return "".join(parts)


def _words_shown(page: str) -> str:
    """What a reader sees of a page: its text without tags (alt texts included)."""
    alts = " ".join(re.findall(r'alt="([^"]*)"', page))
    return html.unescape(re.sub(r"<[^>]+>", " ", page) + " " + alts)


def test_no_table_has_more_than_seven_columns(demo_plan, demo_plan_zh):
    for planned in (demo_plan, demo_plan_zh):
        heads = re.findall(r"<thead>(.*?)</thead>", _page(planned), flags=re.DOTALL)
        assert len(heads) >= 8
        widths = [head.count("<th") for head in heads]
        assert max(widths) <= 7, widths


def test_readers_see_goals_by_description_and_no_identifier_or_code(demo_plan, demo_plan_zh):
    for planned in (demo_plan, demo_plan_zh):
        shown = _words_shown(_page(planned))
        for goal in planned.result.goals:
            assert goal.id not in shown
            assert goal.description in shown
        for code in ("earlier_cohort", "power.prop", "R's", "baseline:", "alpha", "SD "):
            assert code not in shown, code
        keys = re.findall(r"\b(?:plan|campaign|data)\.(?!json\b|xlsx\b)[a-z_]+", shown)
        assert keys == [], "params keys are shown"


def test_method_text_waits_in_a_how_this_was_computed_block(demo_plan, demo_plan_zh):
    for planned, how, method in (
        (demo_plan, "How this was computed", "standard sample-size formula"),
        (demo_plan_zh, "计算方法", "标准样本量公式"),
    ):
        design = _shown(planned.view.design())
        opened = design.index('<details class="ce-details"><summary>' + how)
        assert opened < design.index(method) and opened < design.index("Holm")
        assert design.index("<table") < opened  # the manager's table comes first
        goals = _shown(planned.view.goals())
        assert goals.index("<details") < goals.index(str(planned.ctx.params.reference_date))
        assignment = _shown(planned.view.assignment())
        assert assignment.index("<details") < assignment.index("chi" if how[0] == "H" else "卡方")


def test_money_carries_the_currency_in_both_languages(demo_plan, demo_plan_zh):
    budget = _shown(demo_plan.view.budget())
    fmt = demo_plan.view.words.fmt
    total = fmt.money(demo_plan.result.budget_total)
    # the currency once, in the header; the amounts right-aligned numbers
    shown = fmt.number(demo_plan.result.budget_total)
    assert '<th class="num">Planned (CN¥)</th>' in budget
    assert f'<td class="num" data-label="Planned (CN¥)">{shown}</td>' in budget
    summary = _shown(demo_plan.view.summary())
    assert total.startswith("CN¥") and f"{total} in all" in summary
    zh = _shown(demo_plan_zh.view.budget())
    assert "计划金额（¥）" in zh and "CN¥" not in zh
