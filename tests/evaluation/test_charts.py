"""The stage's charts: a figure when the data supports it, None otherwise, words in the language."""

from __future__ import annotations

import dataclasses
import io

import pandas as pd
import pytest
from matplotlib.figure import Figure

from campaign_eval.evaluation import charts
from campaign_eval.evaluation.result import GoalTable
from campaign_eval.report.charts import setup_style

CHARTS = (charts.forest, charts.attainment, charts.budget, charts.before_after)


@pytest.fixture(autouse=True)
def _style(request):
    setup_style("zh" if "zh" in request.node.name else "en")


def _texts(fig: Figure) -> str:
    found = [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))]
    return " ".join(found)


def test_every_chart_draws_the_demo(small):
    for chart in CHARTS:
        fig = chart(small.result, "en")
        assert isinstance(fig, Figure), chart.__name__
    forest = charts.forest(small.result, "en")
    assert len(forest.axes) == len(small.result.specs)  # one panel per metric
    assert "Repurchase rate" in _texts(forest) and "Core value" in _texts(forest)


def test_chinese_charts_use_chinese_words(small_zh):
    texts = " ".join(_texts(chart(small_zh.result, "zh")) for chart in CHARTS)
    assert "复购率" in texts and "实验组" in texts and "计划" in texts
    assert "Treatment" not in texts and "Planned" not in texts


def test_charts_that_do_not_apply_are_none(small, uncontrolled):
    assert charts.forest(uncontrolled.result, "en") is None
    no_goals = dataclasses.replace(small.result, goals=GoalTable(pd.DataFrame(), "none", ()))
    assert charts.attainment(no_goals, "en") is None
    no_costs = dataclasses.replace(
        small.result, returns=dataclasses.replace(small.result.returns, costs=pd.DataFrame())
    )
    assert charts.budget(no_costs, "en") is None
    assert charts.trend_metric(small.result) == "repurchase_rate"


def test_without_control_the_before_after_chart_shows_the_treated_only(uncontrolled):
    fig = charts.before_after(uncontrolled.result, "en")
    (ax,) = fig.axes
    assert [line.get_label() for line in ax.get_lines()] == ["Treatment"]


def test_user_text_cannot_start_mathtext(email):
    _frame, evaluated = email
    result = dataclasses.replace(
        evaluated.result,
        specs=tuple(dataclasses.replace(s, label="$5 off") for s in evaluated.result.specs),
    )
    fig = charts.forest(result, "en")
    assert r"\$5 off" in _texts(fig)
    fig.savefig(io.BytesIO(), format="png")  # draws without a mathtext error
