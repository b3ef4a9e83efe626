"""The report's sections: a heading each, words escaped, charts with alt text, both languages."""

from __future__ import annotations

import inspect
import re
from dataclasses import replace

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from campaign_eval import stats
from campaign_eval.evaluation import View, verdict_sentences
from campaign_eval.report.html import Section
from campaign_eval.report.labels import LABELS
from tests.conftest import assert_stakeholder_html

SECTIONS = [
    name
    for name, member in inspect.getmembers(View, inspect.isfunction)
    if not name.startswith("_")
    and inspect.signature(member).return_annotation in {"Section", "Section | None"}
]
TITLES = {
    "summary": "Summary",
    "effects": "Effects: treatment vs control",
    "before_after": "Before and after",
    "feedback": "Customer feedback against the standards",
    "returns": "Return on the campaign",
    "process": "Process efficiency",
    "design": "Checks of the experiment",
    "retrospective": "Retrospective",
}


def _sections(view: View) -> list[Section]:
    """The sections the report shows (an outcome table leaves out those it has no data for)."""
    return [s for name in SECTIONS if (s := getattr(view, name)()) is not None]


def _html(view: View) -> str:
    return "".join(s._repr_html_() for s in _sections(view))


def test_every_section_has_its_heading(small):
    assert sorted(SECTIONS) == sorted(TITLES)
    for name, title in TITLES.items():
        section = getattr(small.view, name)()
        assert isinstance(section, Section) and section.title == title and section.level == 2


def test_the_english_report_states_its_conventions_and_embeds_the_charts(small):
    html = _html(small.view)
    assert_stakeholder_html(html)
    soup = BeautifulSoup(html, "html.parser")
    images = soup.select("figure.ce-figure img")
    assert len(images) == 2  # before and after, budget: the effects are drawn by the scorecard
    alts = [img["alt"] for img in images]
    assert alts[0].startswith("Line chart: Repurchase rate before and after the campaign")
    assert "Treatment" in alts[0] and "→" in alts[0]
    assert alts[1].startswith("Bar chart: planned and actual cost") and "CN¥" in alts[1]
    assert "Incremental ROI" in html and "Gross ROI" in html and "(unadjusted)" in html
    assert "Outcomes are measured in the 30 days after the event (2026-07-16 to 2026-08-14)" in html
    assert "Before: 2026-06-01 to 2026-06-30" in html  # the windows are told once, here
    assert "an order in the 12 months before it started (2025-07-01 to 2026-06-30" in html
    assert "The SMS outage from 8 July" in html


def test_method_text_is_out_of_the_reading_path(small):
    """Every method paragraph sits in a "How this was computed" block, closed on screen."""
    html = _html(small.view)
    soup = BeautifulSoup(html, "html.parser")
    methods = ("Welch's t-test", "CUPED): it removes", "Mann-Whitney U", "paired t-test",
               "Change from before to after", "Holm's adjustment", "chi-square test",
               "standardized difference is", "margin rate of")  # fmt: skip
    blocks = soup.select("details.ce-details")
    summaries = {b.summary.get_text() for b in blocks}
    assert {s for s in summaries if not s.startswith("Exploratory")} == {"How this was computed"}
    inside = " ".join(b.get_text(" ") for b in blocks)
    for method in methods:
        assert method in inside, method
        outside = [p for p in soup.find_all("p") if p.find_parent("details") is None]
        assert not any(method in p.get_text() for p in outside), method


def test_the_answer_opens_the_report_and_the_summary_does_not_repeat_it(small):
    assert small.view.answer().data.startswith('<section id="answer"')
    summary = small.view.summary()._repr_html_()
    assert "Did it work?" not in summary and "Goals: " not in summary
    assert "Scorecard" in summary and "ce-scorecard" in summary


def test_the_chinese_report_has_no_english_words(small_zh):
    html = _html(small_zh.view)
    for heading in ("评估概要", "活动效果：实验组与对照组对比", "活动前后对比", "复盘"):
        assert heading in html
    words = BeautifulSoup(html, "html.parser").get_text(" ")  # not the images' base64
    for image in BeautifulSoup(html, "html.parser").select("img"):
        assert "ev." not in image["alt"] and not image["alt"].isascii()
    for english in ("Summary", "Headline effects", "Incremental ROI", "not significant",
                    "Treatment", "n/a"):  # fmt: skip
        assert english not in words


def test_without_control_the_report_says_changes_are_not_effects(uncontrolled):
    html = _html(uncontrolled.view)
    assert "not proof that the campaign caused them" in html
    assert "not effects of the campaign" in html and "Regression to the mean" in html
    assert "only the gross return can be computed" in html and "McNemar" in html
    assert "There is no control group, so there is no experiment to check." in html


def test_user_text_is_escaped_and_several_arms_are_compared(email):
    html = _html(email[1].view)
    assert_stakeholder_html(html)
    assert "Converted &lt;b&gt;now&lt;/b&gt;" in html and "<b>now</b>" not in html
    assert "The pre-period column of the outcome table by group." in html


def test_the_srm_threshold_comes_from_stats(small, monkeypatch):
    for key in ("ev.srm.method.plan", "ev.srm.method.params"):
        for language in ("en", "zh"):
            assert "{srm_alpha}" in LABELS[key][language] and "0.001" not in LABELS[key][language]
    monkeypatch.setattr(stats, "SRM_ALPHA", 0.0005)
    assert "a p-value below 0.0005 is flagged" in small.view.design()._repr_html_()


@pytest.mark.parametrize("name", ["summary", "effects", "retrospective"])
def test_notices_and_sentences_follow_the_report_language(small_zh, name):
    html = getattr(small_zh.view, name)()._repr_html_()
    words = BeautifulSoup(html, "html.parser").get_text(" ")
    assert "ev." not in words  # no label key leaks into the report


def test_an_outcome_table_report_invents_no_dates_and_shows_no_empty_sections(email):
    """An export has one row per customer and no dates: no window, no empty section."""
    view = email[1].view
    html = _html(view)
    text = BeautifulSoup(html, "html.parser").get_text(" ")
    assert re.search(r"\d{4}-\d{2}-\d{2}", text) is None, "a date the table does not have"
    assert "from an outcome table: one row per customer, without dates" in text
    assert sorted(s.title for s in _sections(view)) == sorted(
        [
            "Summary",
            "Effects: treatment vs control",
            "Precision with the table's pre-period column (CUPED)",  # its covariate column
            "Return on the campaign",
            "Process efficiency",  # the demo's params record the preparation days
            "Checks of the experiment",
            "Retrospective",
        ]
    )
    for empty in ("No before-period data", "Control customers contacted", "No 1-5 scores",
                  "Preparation time was not recorded", "No budget was supplied"):  # fmt: skip
        assert empty not in text
    worked = verdict_sentences.worked(view.w, view.retro)
    arms = ("(A)", "(B)", ", A:", ", B:")  # a goal's deciding arm, or a comparison's arm
    assert worked and all(any(arm in s for arm in arms) for s in worked)


def test_primary_comparisons_named_in_params_answer_without_goals(email):
    result = replace(email[1].result, goals=replace(email[1].result.goals, rows=pd.DataFrame()),
                     primary_source="params")  # fmt: skip
    view = View(result, email[1].ctx.params)
    primary = result.effects.rows[result.effects.rows["family"] == "primary"]
    credited = int((primary["significant"] & primary["improved"]).sum())
    block = BeautifulSoup(view.answer().data, "html.parser")
    figures = {kf.dt.get_text(): kf.dd.get_text() for kf in block.select(".ce-kf")}
    assert figures["Primary comparisons credited"] == f"{credited} of {len(primary)}"
    summary = view.summary()._repr_html_()
    assert "Primary comparisons (named before the analysis)" in summary
    assert "Goals (primary comparisons)" not in summary
    # with no primary family at all every comparison is a lead, and the answer says so
    none = View(replace(result, primary_source="none", effects=replace(
        result.effects, rows=result.effects.rows.assign(family="exploratory"))),
        email[1].ctx.params)  # fmt: skip
    assert "every comparison is exploratory" in none.answer().data
    assert "Primary comparisons (named" not in none.summary()._repr_html_()
