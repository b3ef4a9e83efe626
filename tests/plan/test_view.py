"""The plan report: one method per section, each a Section with its heading, words from the
labels in the report language, free text escaped, charts embedded with their alt text."""

from __future__ import annotations

import dataclasses
import html
import inspect

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
    assert public == set(SECTIONS)
    nb = nbformat.read(NOTEBOOK_DIR / "02_plan.ipynb", as_version=4)
    calls = [c.source for c in nb.cells if c.cell_type == "code"][2:]
    assert calls == [f"view.{name}()" for name in SECTIONS]


def test_every_section_has_its_heading_in_the_report_language(demo_plan, demo_plan_zh):
    for planned, language in ((demo_plan, "en"), (demo_plan_zh, "zh")):
        for name, key in SECTIONS.items():
            shown = getattr(planned.view, name)()
            assert isinstance(shown, Section)
            assert shown.title == text(key, language) and shown.parts, name
            html = shown._repr_html_()
            assert "{" not in html.replace("{}", ""), (name, "a placeholder was left unfilled")
    assert "Plan at a glance" not in demo_plan_zh.view.summary()._repr_html_()


def test_charts_are_embedded_with_alt_text_saying_what_they_show(demo_plan):
    design = demo_plan.view.design()._repr_html_()
    assert f'alt="{escape(text("plan.alt.power", "en"))}"' in design
    schedule = demo_plan.view.schedule()._repr_html_()
    assert f'alt="{escape(text("plan.alt.gantt", "en"))}"' in schedule and "<img" in schedule


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
        "because spend per customer is the metric of growth_spend."
    )
    assert said in _shown(demo_plan.view.roi())
    assert "在 α = 0.017 下可检出的最小消费额提升" in _shown(demo_plan_zh.view.roi())
    plain = dataclasses.replace(checked, alpha=0.05, spend_goals=())
    result = dataclasses.replace(demo_plan.result, roi=plain)
    roi = _shown(plan.View(result, demo_plan.ctx.params).roi())
    assert "at α = 0.05: the plan's alpha, because no goal is about spend per customer." in roi
