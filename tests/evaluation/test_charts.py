"""The stage's charts: a figure when the data supports it, None otherwise, readable on a phone.

Every chart is checked in both languages with ``assert_readable``: no text runs into other text
and every text is at least 10 CSS px once a 390 px phone scales the chart to its column.
"""

from __future__ import annotations

import dataclasses
import io

import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from campaign_eval.evaluation import charts
from campaign_eval.report.charts import setup_style
from tests.report._charts import assert_readable as _assert_readable

CHARTS = (charts.budget, charts.before_after)


@pytest.fixture(autouse=True)
def _style(request):
    setup_style("zh" if "zh" in request.node.name else "en")


def assert_readable(fig: Figure) -> None:
    """``tests.report._charts.assert_readable`` on a figure given a canvas that can measure text.

    The stage's figures come from ``Figure()`` (not pyplot), which has no renderer of its own.
    """
    FigureCanvasAgg(fig)
    _assert_readable(fig)


def _texts(fig: Figure) -> str:
    found = [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))]
    return " ".join(found)


def _tick_labels(fig: Figure, axis: str) -> list[str]:
    FigureCanvasAgg(fig).draw()
    ax = fig.axes[0]
    ticks = ax.get_xticklabels() if axis == "x" else ax.get_yticklabels()
    return [t.get_text() for t in ticks if t.get_text()]


@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.__name__)
def test_every_chart_is_readable_on_a_phone_in_english(small, chart):
    fig = chart(small.result, "en", "CNY")
    assert isinstance(fig, Figure)
    assert_readable(fig)


@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.__name__)
def test_every_chart_is_readable_on_a_phone_in_zh(small_zh, chart):
    fig = chart(small_zh.result, "zh", "CNY")
    assert isinstance(fig, Figure)
    assert_readable(fig)


def test_the_budget_axis_is_money_with_thousands_separators(small):
    ticks = _tick_labels(charts.budget(small.result, "en", "CNY"), "x")
    assert ticks[0] == "CN¥0" and all(t.startswith("CN¥") for t in ticks)
    assert any("," in t for t in ticks)  # CN¥20,000, never 20000
    zh = _tick_labels(charts.budget(small.result, "zh", "CNY"), "x")
    assert all(t.startswith("¥") for t in zh)


def test_the_rate_axis_of_the_before_after_chart_starts_at_zero(small):
    fig = charts.before_after(small.result, "en", "CNY")
    (ax,) = fig.axes
    assert ax.get_ylim()[0] == 0
    assert _tick_labels(fig, "y")[0] == "0%"
    values = charts.before_after_values(small.result)
    assert set(values) == {"treatment", "control"}
    assert ax.get_ylim()[1] > max(v for pair in values.values() for v in pair)


def test_chinese_charts_use_chinese_words(small_zh):
    texts = " ".join(_texts(chart(small_zh.result, "zh")) for chart in CHARTS)
    assert "复购率" in texts and "实验组" in texts and "计划" in texts
    assert "Treatment" not in texts and "Planned" not in texts


def test_charts_that_do_not_apply_are_none(small):
    no_costs = dataclasses.replace(
        small.result, returns=dataclasses.replace(small.result.returns, costs=pd.DataFrame())
    )
    assert charts.budget(no_costs, "en") is None
    assert charts.trend_metric(small.result) == "repurchase_rate"
    no_metrics = dataclasses.replace(
        small.result,
        specs=(),
        returns=dataclasses.replace(small.result.returns, conversion_metric=None),
    )
    assert charts.before_after(no_metrics, "en") is None
    assert charts.before_after_values(no_metrics) == {}


def test_without_control_the_before_after_chart_shows_the_treated_only(uncontrolled):
    fig = charts.before_after(uncontrolled.result, "en")
    (ax,) = fig.axes
    assert [line.get_label() for line in ax.get_lines()] == ["Treatment"]
    assert_readable(fig)


def test_user_text_cannot_start_mathtext(small):
    costs = small.result.returns.costs.assign(category="$5 off")
    result = dataclasses.replace(
        small.result, returns=dataclasses.replace(small.result.returns, costs=costs)
    )
    fig = charts.budget(result, "en")
    assert r"\$5 off" in _texts(fig)
    fig.savefig(io.BytesIO(), format="png")  # draws without a mathtext error
