"""The report sections: each a heading and its parts, words from the labels in both languages,
numbers and p-values through report.format, charts with alt text, free text escaped, and never a
customer id."""

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
        assert all(img["alt"] and img["src"].startswith("data:image/png") for img in images)


def test_numbers_and_p_values_are_written_by_report_format(demo_run):
    view = demo_run.view()
    drop = next(a for a in demo_run.result.alerts if a.rule == "delivery_drop").detail
    alerts = _text(view.alerts())
    # the sms outage: counts with thousands separators, the p-value below the floor of 0.001
    assert f"({drop.n_recent:,} against {drop.n_earlier:,} invitations; p <0.001)" in alerts
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
