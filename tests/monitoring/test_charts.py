"""The charts: a figure when there is something to show, None otherwise, words in the report
language, readable on a phone in both languages (``assert_readable``), counts with thousands
separators and rates from zero."""

from __future__ import annotations

import dataclasses

import pytest
from matplotlib.axis import Axis
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from campaign_eval.monitoring import charts
from campaign_eval.monitoring.result import Incident
from campaign_eval.report.charts import setup_style
from tests.report._charts import assert_readable as _assert_readable

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


def _hide_ticks_outside_the_view(axis: Axis) -> None:
    """Hide the tick labels matplotlib keeps but does not draw (beyond the axis limits).

    A locator may place a tick past the limits (6,000 on an axis ending at 5,149); matplotlib
    labels it but leaves it out of the drawing. ``assert_readable`` measures every visible text,
    so such a label would count as overlapping the title it would sit on if it were drawn.
    """
    low, high = sorted(axis.get_view_interval())
    span = high - low
    for tick in axis.get_major_ticks():
        if not low - 1e-9 * span <= tick.get_loc() <= high + 1e-9 * span:
            tick.label1.set_visible(False)
            tick.label2.set_visible(False)


def assert_readable(fig: Figure) -> None:
    """``tests.report._charts.assert_readable`` on what the figure draws.

    Figures come from ``Figure()``, which has no renderer: a canvas that can measure text is
    attached first.
    """
    FigureCanvasAgg(fig).draw()
    for ax in fig.axes:
        _hide_ticks_outside_the_view(ax.xaxis)
        _hide_ticks_outside_the_view(ax.yaxis)
    _assert_readable(fig)


@pytest.mark.parametrize("name", CHARTS)
@pytest.mark.parametrize("language", ["en", "zh"])
def test_every_chart_is_readable_on_a_phone(request, language, name):
    run = request.getfixturevalue("demo_run" if language == "en" else "demo_run_zh")
    setup_style(language)
    fig = getattr(charts, name)(run.result, language)
    assert_readable(fig)


@pytest.mark.parametrize("name", ["participation_mix", "progress", "incidents_timeline"])
def test_charts_before_the_event_are_readable_too(early_run, name):
    setup_style("en")
    assert_readable(getattr(charts, name)(early_run.result, "en"))


def _ticks(fig: Figure, axis: str, panel: int = 0) -> list[str]:
    FigureCanvasAgg(fig).draw()
    ax = fig.axes[panel]
    ticks = ax.get_xticklabels() if axis == "x" else ax.get_yticklabels()
    return [t.get_text() for t in ticks if t.get_text()]


def test_counts_have_thousands_separators_and_rates_start_at_zero(demo_run):
    setup_style("en")
    funnel = charts.funnel(demo_run.result, "en").axes[0]
    assert funnel.xaxis.get_major_formatter()(4000, 0) == "4,000"
    progress = charts.progress(demo_run.result, "en").axes[0]
    assert progress.yaxis.get_major_formatter()(12000, 0) == "12,000"
    rates = charts.channel_rates(demo_run.result, "en")
    assert all(ax.get_xlim()[0] == 0 for ax in rates.axes)
    assert _ticks(rates, "x")[0] == "0%"
    daily = charts.delivery_by_day(demo_run.result, "en")
    assert daily.axes[0].get_ylim()[0] == 0 and "100%" in _ticks(daily, "y")
    mix = charts.participation_mix(demo_run.result, "en")
    assert mix.axes[0].get_xlim()[0] == 0


def test_data_values_take_the_analysts_names(demo_run):
    fig = charts.channel_rates(demo_run.result, "zh", {"email": "电子邮件"})
    assert "电子邮件" in _words(fig)
