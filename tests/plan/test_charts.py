"""The plan's charts: the power curve of each designed goal and the Gantt chart, worded from the
labels in the report language, readable on a phone in both languages."""

from __future__ import annotations

import dataclasses

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from campaign_eval.plan import charts
from campaign_eval.plan.wording import Words
from campaign_eval.report.labels import text
from tests.report import _charts


def assert_readable(fig: Figure) -> None:
    """``_charts.assert_readable`` on a figure drawn by Agg (a bare Figure has no renderer)."""
    FigureCanvasAgg(fig)
    _charts.assert_readable(fig)


def _texts(fig: Figure) -> str:
    found = [t.get_text() for t in fig.findobj(match=lambda a: hasattr(a, "get_text"))]
    return " ".join(found)


def test_the_power_curve_draws_each_designed_goal_with_the_needed_power_and_the_holdout(demo_plan):
    result = demo_plan.result
    designed = [g for g in result.goals if g.design is not None]
    curves = charts.power_curves(result)
    assert sorted(curves["goal"].unique()) == sorted(g.id for g in designed)
    named = charts.power_curves(result, Words("en", goals=result.goals))
    assert sorted(named["goal"].unique()) == sorted(g.description for g in designed)
    assert curves.groupby("goal").size().tolist() == [len(designed[0].design.curve)] * len(designed)
    fig = charts.power_curve(result, "en")
    assert isinstance(fig, Figure)
    (ax,) = fig.axes
    assert len(ax.get_lines()) >= len(designed) + 2  # one curve each, needed power, holdout
    words = _texts(fig)
    assert text("plan.chart.power_x", "en") in words and "needed: 80%" in words
    # the legend names each goal by its description (wrapped), never by its id
    legend = " ".join(t.get_text().replace("\n", " ") for t in fig.legends[0].get_texts())
    assert all(g.description in legend for g in designed)
    assert not any(g.id in words for g in designed)
    # both axes are shares and start at zero
    assert ax.get_xlim()[0] == 0 and ax.get_ylim()[0] == 0
    assert [t.get_text() for t in ax.get_yticklabels()][:2] == ["0%", "20%"]
    zh = _texts(charts.power_curve(result, "zh"))
    assert "对照组比例" in zh and "要求：80%" in zh


def test_no_power_curve_without_a_designed_goal(demo_plan):
    undesigned = tuple(dataclasses.replace(g, design=None) for g in demo_plan.result.goals)
    assert charts.power_curve(dataclasses.replace(demo_plan.result, goals=undesigned), "en") is None
    assert charts.power_curve(dataclasses.replace(demo_plan.result, goals=()), "en") is None


def test_the_gantt_chart_has_a_bar_per_phase_and_marks_the_event(demo_plan):
    result = demo_plan.result
    fig = charts.gantt(result, "en")
    (ax,) = fig.axes
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["Preparation", "Promotion and invitations", "Event", "Follow-up"]
    buffered = sum(1 for p in result.phases if p.buffer_days)
    assert len(ax.patches) == len(result.phases) + buffered
    assert text("plan.chart.event_day", "en") in _texts(fig)
    zh = charts.gantt(result, "zh")
    assert zh.axes[0].get_yticklabels()[0].get_text() == "准备阶段"


def test_a_gantt_chart_without_phases_is_empty_not_an_error(demo_plan):
    fig = charts.gantt(dataclasses.replace(demo_plan.result, phases=()), "en")
    assert fig.axes and not fig.axes[0].patches


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_charts_are_readable_on_a_phone(demo_plan, demo_plan_zh, language):
    result = (demo_plan if language == "en" else demo_plan_zh).result
    power = charts.power_curve(result, language)
    assert power is not None
    assert_readable(power)
    assert_readable(charts.gantt(result, language))


def test_a_long_goal_description_wraps_in_the_legend(demo_plan):
    long = "Raise the repurchase rate of every churn-risk customer in the northern region to 18%"
    goals = tuple(dataclasses.replace(g, description=long + g.id) for g in demo_plan.result.goals)
    fig = charts.power_curve(dataclasses.replace(demo_plan.result, goals=goals), "en")
    assert fig is not None
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert all("\n" in label for label in labels)
    assert_readable(fig)
