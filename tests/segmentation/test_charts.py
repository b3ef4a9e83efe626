"""Charts of the segmentation: readable on a phone in both languages, numbers formatted, None when
empty."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from campaign_eval.report.charts import setup_style
from campaign_eval.segmentation import charts
from campaign_eval.segmentation.profiles import MISSING_VALUE, TOTAL
from tests.report import _charts


def _measurable(fig: Figure) -> Figure:
    """A canvas that can measure text: charts are bare Figures (no pyplot), drawn without one."""
    FigureCanvasAgg(fig)
    return fig


def assert_readable(fig: Figure) -> None:
    """No text runs into other text, and every text is at least 10 CSS px on a phone."""
    _charts.assert_readable(_measurable(fig))


def overlapping_texts(fig: Figure) -> list[tuple[str, str]]:
    return _charts.overlapping_texts(_measurable(fig))


@pytest.fixture(params=["en", "zh"])
def language(request):
    setup_style(request.param)  # the CJK font, so Chinese labels draw without warnings
    return request.param


TITLES = {
    "en": ("Customers per segment", "Spend in the last 12 months by segment", "Customers by industry"),
    "zh": ("各客户群人数", "各客户群近12个月消费额", "按行业与客户群"),
}  # fmt: skip
FIRST_SEGMENT = {"en": "Core value", "zh": "核心价值客户"}


def _texts(fig: Figure) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def _ticks(fig: Figure, axis: str = "x") -> list[str]:
    _measurable(fig).canvas.draw()
    labels = fig.axes[0].get_xticklabels() if axis == "x" else fig.axes[0].get_yticklabels()
    return [t.get_text() for t in labels]


def test_segment_sizes_bars_in_precedence_order_with_formatted_counts(small_result, language):
    fig = charts.segment_sizes(small_result, language)
    assert fig.get_suptitle().startswith(TITLES[language][0])
    labels = _ticks(fig, "y")
    assert labels[0] == FIRST_SEGMENT[language] and len(labels) == 5
    counts = [t.get_text() for t in fig.axes[0].texts] or [
        t.get_text() for c in fig.axes[0].containers for t in getattr(c, "datavalues", [])
    ]
    maintain = int(small_result.sizes.loc["maintain", "customers"])
    assert f"{maintain:,}" in counts or str(maintain) in counts
    assert_readable(fig)


def test_bar_counts_and_axis_use_thousands_separators_and_never_run_together(
    small_result, language
):
    sizes = small_result.sizes.copy()
    sizes.loc["maintain", "customers"] = 13883  # the demo's: ticks up to 15,000
    fig = charts.segment_sizes(dataclasses.replace(small_result, sizes=sizes), language)
    assert "13,883" in _texts(fig)
    ticks = [t for t in _ticks(fig) if t]
    assert "10,000" in ticks and len(ticks) <= charts.SIZE_TICKS + 1
    assert_readable(fig)  # the '10,00020,00030,000'


def test_spend_box_plot_labels_money_at_a_few_powers_of_ten(small_result, language):
    fig = charts.spend_by_segment(small_result, language, currency="CNY")
    assert fig is not None
    assert fig.get_suptitle().startswith(TITLES[language][1])
    ticks = _ticks(fig)
    symbol = {"en": "CN¥", "zh": "¥"}[language]
    assert ticks[0] == f"{symbol}0" and all(t.startswith(symbol) for t in ticks)
    assert f"{symbol}1,000" in ticks or f"{symbol}10,000" in ticks  # thousands separators
    assert len(ticks) <= charts.SPEND_TICKS + 1
    assert_readable(fig)


@pytest.mark.parametrize("top", [3e5, 4.5e6, 4.5e7])
def test_spend_axis_of_a_large_spender_stays_readable(small_result, language, top):
    customers = small_result.customers.copy()
    customers.loc[customers.index[:5], "spend_12m"] = top
    segments = dataclasses.replace(small_result.segments, customers=customers)
    fig = charts.spend_by_segment(
        dataclasses.replace(small_result, segments=segments), language, currency="CNY", months=6
    )
    assert fig is not None and "6" in fig.get_suptitle()
    assert_readable(fig)


@pytest.mark.parametrize(
    ("top", "ticks"),
    [
        (3e5, [0, 10, 1e3, 1e5]),
        (2e6, [0, 1e3, 1e6]),
        (5.0, [0, 10]),
        (8e3, [0, 10, 1e3]),
        (4.5e7, [0, 10, 1e4, 1e7]),
    ],
)
def test_spend_ticks_are_zero_and_evenly_spaced_powers_of_ten(top, ticks):
    assert charts._spend_ticks(top) == ticks


def test_zero_spend_is_drawn_at_zero_on_a_symlog_axis(small_result, monkeypatch):
    """A plain log axis drops customers without spend and draws a median that is not theirs."""
    from matplotlib.axes import Axes

    setup_style("en")
    customers = small_result.customers.copy()
    maintain = customers["segment"] == "maintain"
    customers.loc[maintain, "spend_12m"] = 0.0
    customers.loc[maintain[maintain].index[:5], "spend_12m"] = 5000.0  # most have none
    segments = dataclasses.replace(small_result.segments, customers=customers)
    drawn: list = []
    real_boxplot = Axes.boxplot

    def boxplot(self, data, *args, **kwargs):
        drawn.extend(data)
        return real_boxplot(self, data, *args, **kwargs)

    monkeypatch.setattr(Axes, "boxplot", boxplot)
    fig = charts.spend_by_segment(dataclasses.replace(small_result, segments=segments), "en")
    ax = fig.axes[0]
    assert ax.get_xscale() == "symlog" and ax.get_xlim()[0] <= 0  # the axis reaches 0
    boxes = dict(zip([t.get_text() for t in ax.get_yticklabels()], drawn, strict=True))
    assert len(boxes["Maintain"]) == maintain.sum()  # every customer, spend or not
    assert pd.Series(boxes["Maintain"]).median() == 0.0


def test_spend_box_plot_is_none_when_nobody_spent(small_result, language):
    customers = small_result.customers.assign(spend_12m=0.0)
    segments = dataclasses.replace(small_result.segments, customers=customers)
    result = dataclasses.replace(small_result, segments=segments)
    assert charts.spend_by_segment(result, language) is None


def test_structure_heat_map_counts_by_dimension_and_segment(small_result, language):
    fig = charts.structure_heatmap(small_result, "industry", language)
    assert fig is not None
    assert fig.get_suptitle().startswith(TITLES[language][2])
    table = small_result.structure["industry"].drop(columns=TOTAL)
    assert sorted(_texts(fig)) == sorted(f"{v:,}" for v in table.to_numpy().ravel())
    rows = _ticks(fig, "y")
    if language == "en":  # data values in their display form
        assert rows == [v.capitalize() for v in table.index]
    assert_readable(fig)


@pytest.mark.parametrize("dimension", ["industry", "size", "region"])
def test_heat_map_labels_never_stack_in_either_language(small_result, language, dimension):
    """The issue: in Chinese the column labels, turned 30 degrees, were drawn over each other."""
    fig = charts.structure_heatmap(small_result, dimension, language)
    columns = _ticks(fig)
    assert all(t.get_rotation() == 0 for t in fig.axes[0].get_xticklabels())
    if language == "zh":
        assert "核心价值\n客户" in columns and "新客户" in columns
    else:
        assert "Core\nvalue" in columns and "Maintain" in columns
    assert overlapping_texts(fig) == []
    assert_readable(fig)


def test_heat_map_shows_the_analysts_names_of_data_values(small_result, language):
    table = small_result.structure["size"].copy()
    table.loc[MISSING_VALUE] = table.iloc[0]
    result = dataclasses.replace(small_result, structure={"size": table})
    fig = charts.structure_heatmap(
        result, "size", language, value_labels={"small": "小型企业", "large": "<b>Large</b>"}
    )
    rows = _ticks(fig, "y")
    assert rows[:2] == ["小型企业", "<b>Large</b>"] or rows[:2] == ["<b>Large</b>", "小型企业"]
    assert rows[-1] == {"en": "Not given", "zh": "未填写"}[language]


def test_structure_heat_map_is_none_without_the_dimension(small_result, language):
    structure = {k: v for k, v in small_result.structure.items() if k != "size"}
    result = dataclasses.replace(small_result, structure=structure)
    assert charts.structure_heatmap(result, "size", language) is None


def test_structure_heat_map_shows_at_most_fifteen_values_and_stays_readable(small_result, language):
    many = pd.DataFrame(
        {"core": range(20), "churn_risk": range(20), "new": range(20), "growth": range(20),
         "maintain": range(1000, 1020)},
        index=pd.Index([f"value {i}" for i in range(20)]),
    )  # fmt: skip
    many[TOTAL] = many.sum(axis=1)
    result = dataclasses.replace(small_result, structure={"region": many})
    fig = charts.structure_heatmap(result, "region", language)
    assert fig is not None
    assert len(fig.axes[0].get_yticklabels()) == charts.HEATMAP_ROWS
    assert "1,000" in _texts(fig) and "1,019" not in _texts(fig)
    assert_readable(fig)


@pytest.mark.parametrize(
    ("label", "wrapped"),
    [("New", "New"), ("Growth potential", "Growth\npotential"), ("常规维护", "常规维护"),
     ("潜力增长客户", "潜力增长\n客户"), ("Maintain", "Maintain")],
)  # fmt: skip
def test_column_labels_wrap_at_spaces_or_after_four_chinese_glyphs(label, wrapped):
    assert charts._wrapped(label) == wrapped
