"""The report sections: each a heading and its parts, words from the labels in both languages,
numbers and p-values through report.format, charts with alt text that gives their key number,
tables a manager reads in the reading path and the method in "How this was computed" blocks,
free text escaped, and never a customer id or a params key."""

from __future__ import annotations

import dataclasses
import re

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from campaign_eval import artifacts
from campaign_eval.monitoring import View
from campaign_eval.monitoring.result import PreviousRun
from campaign_eval.report.html import Section
from tests.monitoring.test_run import HEADINGS_ZH, SECTIONS

HEADINGS_EN = ("Alerts and status", "Since the last monitoring run", "Funnel by channel",
               "Funnel by segment", "Progress and targets", "Who is coming: participation by segment",
               "On-site feedback", "Incidents", "Design checks", "Files of this run")  # fmt: skip
FIGURES = {"funnel_by_channel": 3, "progress": 1, "participation": 1, "feedback": 1,
           "incidents": 1}  # fmt: skip


def _sections(view: View) -> dict[str, Section]:
    return {name: getattr(view, name)() for name in SECTIONS}


def _text(section: Section) -> str:
    return BeautifulSoup(section._repr_html_(), "html.parser").get_text(" ")


@pytest.mark.parametrize(("run", "headings"), [("demo_run", HEADINGS_EN),
                                               ("demo_run_zh", HEADINGS_ZH)])  # fmt: skip
def test_each_section_has_its_heading_in_the_report_language(request, run, headings):
    sections = _sections(request.getfixturevalue(run).view())
    assert [s.title for s in sections.values()] == list(headings)
    for section, heading in zip(sections.values(), headings, strict=True):
        assert f">{heading}</h2>" in section._repr_html_()


def test_charts_are_embedded_with_words_saying_what_they_show(demo_run):
    for name, section in _sections(demo_run.view()).items():
        images = BeautifulSoup(section._repr_html_(), "html.parser").select("figure img")
        assert len(images) == FIGURES.get(name, 0), name
        assert all(img["src"].startswith("data:image/svg+xml") for img in images)
        assert all(re.search(r"\d", img["alt"]) for img in images), name  # its key number
    funnel = BeautifulSoup(demo_run.view().funnel_by_channel()._repr_html_(), "html.parser")
    totals = demo_run.result.funnel.totals
    assert funnel.select("figure img")[0]["alt"].startswith(
        f"Bar chart of the customers at each step over all channels: {totals['invited']:,} invited"
    )


def _reading_path(section: Section) -> BeautifulSoup:
    """The section without its collapsed "How this was computed" blocks."""
    soup = BeautifulSoup(section._repr_html_(), "html.parser")
    for block in soup.select("details"):
        block.decompose()
    return soup


def test_tables_in_the_reading_path_have_at_most_seven_columns(demo_run, demo_run_zh):
    for run in (demo_run, demo_run_zh):
        for name, section in _sections(run.view()).items():
            for table in _reading_path(section).select("table"):
                assert len(table.select("thead th")) <= 7, name


def test_method_text_sits_in_how_this_was_computed_blocks(demo_run):
    view = demo_run.view()
    for name in ("funnel_by_channel", "funnel_by_segment", "progress", "feedback", "design"):
        section = getattr(view, name)()
        soup = BeautifulSoup(section._repr_html_(), "html.parser")
        summaries = [s.get_text() for s in soup.select("details > summary")]
        assert summaries == ["How this was computed"], name
    channel = view.funnel_by_channel()
    assert "Wilson" not in _reading_path(channel).get_text()
    details = BeautifulSoup(channel._repr_html_(), "html.parser").select_one("details")
    assert "confidence interval (Wilson)" in details.get_text()
    assert len(details.select("table")) == 2  # every rate with its interval, click-through too
    assert "Click-through (clicks / opens)" in details.get_text()
    design = _reading_path(view.design()).get_text(" ")
    assert "chi-square" not in design and "p-value" not in design
    assert "match the planned split" in design


def test_no_params_key_or_code_reaches_the_reader(demo_run, demo_run_zh, not_yet_run):
    for run in (demo_run, demo_run_zh, not_yet_run):
        text = " ".join(_text(s) for s in _sections(run.view()).values())
        text += BeautifulSoup(run.view().answer().data, "html.parser").get_text(" ")
        assert not re.search(r"monitoring\.(?!json)\w", text)  # monitoring.json is a file
        for key in ("data.tables", "plan.control_share", "arm_shares", "t interval", "_rate",
                    "==", "denominator"):  # fmt: skip
            assert key not in text, (run.ctx.language, key)


def test_the_answer_block_opens_the_report(demo_run, demo_run_zh):
    for run, question in ((demo_run, "What needs action now?"),
                          (demo_run_zh, "现在需要处理什么？")):  # fmt: skip
        soup = BeautifulSoup(run.view().answer().data, "html.parser")
        block = soup.find("section", id="answer")
        assert block.find("h2").get_text() == question
        assert len(block.select(".ce-kf")) == 3


def test_numbers_and_p_values_are_written_by_report_format(demo_run):
    view = demo_run.view()
    drop = next(a for a in demo_run.result.alerts if a.rule == "delivery_drop").detail
    alerts = _text(view.alerts())
    # the sms outage: counts with thousands separators, the p-value below the floor of 0.001
    assert f"({drop.n_recent:,} against {drop.n_earlier:,} invitations; p\u00a0<0.001)" in alerts
    assert "p < 0.0001" not in alerts
    design = _text(view.design())
    assert "<0.001" in design or re.search(r"\b0\.\d{3}\b", design)
    assert not re.search(r"\b0\.\d{4}\b", design)  # no four-decimal p-value left


def test_logged_descriptions_are_escaped(demo_run):
    html = demo_run.view().incidents()._repr_html_()
    assert "&lt;b&gt;failed&lt;/b&gt;" in html and "<b>failed</b>" not in html


def test_no_section_shows_a_customer_id(demo_run):
    contaminated = pd.read_csv(demo_run.ctx.artifact(artifacts.CONTAMINATION_CSV), dtype=str)
    assert len(contaminated) > 0
    html = "".join(s._repr_html_() for s in _sections(demo_run.view()).values())
    assert not any(customer in html for customer in contaminated["customer_id"])


def test_nothing_to_monitor_yet_is_said_in_place_of_the_funnel(not_yet_run):
    sections = _sections(not_yet_run.view())
    assert "Nothing to monitor yet: no invitation had been sent by the end of 2026-06-20" in _text(
        sections["alerts"]
    )
    for name in ("funnel_by_channel", "funnel_by_segment", "progress", "participation", "feedback"):
        assert "No contact data yet." in _text(sections[name]), name
    assert "Act now: " not in _text(sections["alerts"])
    assert "<details" not in sections["progress"]._repr_html_()  # nothing computed yet
    assert "contamination.csv" in _text(sections["files"])


def test_a_later_run_shows_new_and_cleared_alerts_and_the_funnel_then_and_now(demo_run):
    previous = PreviousRun(
        run_id="20260710T080000Z-0000",
        as_of="2026-07-10",
        funnel={"invited": 100},
        alerts={"stale_data:contacts": "Data was stale."},
        compatible=True,
    )
    later = View(dataclasses.replace(demo_run.result, previous=previous), demo_run.ctx.params)
    text = _text(later.change())
    assert "Cleared since then: Data was stale." in text and "Then (2026-07-10)" in text
    assert "<table" in later.change()._repr_html_()
    assert "<table" not in demo_run.view().change()._repr_html_()  # the first run: no table


def test_the_chinese_report_has_no_english_words(demo_run_zh):
    text = " ".join(_text(s) for s in _sections(demo_run_zh.view()).values())
    for english in ("Act now", "Watch", "Funnel", "Target", "Incident", "Contamination"):
        assert english not in text
    assert "需立即处理" in text and "短信" in text
