"""The charts: a figure when there is something to show, None otherwise, words in the report
language."""

from __future__ import annotations

import dataclasses

import pytest
from matplotlib.figure import Figure

from campaign_eval.monitoring import charts
from campaign_eval.monitoring.result import Incident

CHARTS = ("funnel", "channel_rates", "delivery_by_day", "progress", "participation_mix",
          "onsite_scores", "incidents_timeline")  # fmt: skip


def _words(fig: Figure) -> str:
    """Every text drawn on the figure: titles, labels, ticks, legends, annotations."""
    return " ".join(t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")))


@pytest.mark.parametrize("name", CHARTS)
def test_every_chart_draws_the_demo_at_the_event_day(demo_run, name):
    fig = getattr(charts, name)(demo_run.result, "en")
    assert isinstance(fig, Figure) and fig.axes


def test_the_charts_speak_the_report_language(demo_run, demo_run_zh):
    funnel_zh = _words(charts.funnel(demo_run_zh.result, "zh"))
    assert "各环节客户数" in funnel_zh and "已邀请" in funnel_zh and "Invited" not in funnel_zh
    rates = _words(charts.channel_rates(demo_run.result, "en"))
    assert "Delivery rate" in rates and "SMS" in rates and "95% intervals" in rates
    assert "Event day" in _words(charts.progress(demo_run.result, "en"))


def test_bar_labels_are_formatted_numbers(demo_run):
    words = _words(charts.funnel(demo_run.result, "en"))
    invited = demo_run.result.funnel.totals["invited"]
    assert f"{invited:,} (100.0%)" in words


def test_nothing_to_monitor_draws_nothing(not_yet_run):
    for name in CHARTS:
        assert getattr(charts, name)(not_yet_run.result, "en") is None, name


def test_on_site_scores_wait_for_the_event(early_run):
    assert charts.onsite_scores(early_run.result, "en") is None
    assert charts.participation_mix(early_run.result, "en") is not None
    assert "Registered" in _words(charts.participation_mix(early_run.result, "en"))


def test_logged_incidents_are_drawn_even_without_cancellations(not_yet_run):
    before = not_yet_run.result
    logged = (Incident(before.as_of, "delay", "Late truck", 2),)
    result = dataclasses.replace(
        before, incidents=dataclasses.replace(before.incidents, logged=logged)
    )
    fig = charts.incidents_timeline(result, "en")
    assert fig is not None and "Delay" in _words(fig)
