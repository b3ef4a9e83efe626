"""The plan report: one method per section, each a Section with its heading, words from the
labels in the report language, free text escaped, charts embedded with their alt text."""

from __future__ import annotations

import dataclasses
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
