"""Charts of the segmentation: words in the report language, numbers formatted, None when empty."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from matplotlib.figure import Figure

from campaign_eval.report.charts import setup_style
from campaign_eval.segmentation import charts
from campaign_eval.segmentation.profiles import TOTAL


@pytest.fixture(params=["en", "zh"])
def language(request):
    setup_style(request.param)  # the CJK font, so Chinese labels draw without warnings
    return request.param


TITLES = {
    "en": ("Customers per segment", "12-month spend by segment", "Customers by Industry"),
    "zh": ("各客户群人数", "各客户群近12个月消费额", "按行业与客户群"),
}
FIRST_SEGMENT = {"en": "Core value", "zh": "核心价值客户"}


def _texts(fig: Figure) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def test_segment_sizes_bars_in_precedence_order_with_formatted_counts(small_result, language):
    fig = charts.segment_sizes(small_result, language)
    assert isinstance(fig, Figure)
    assert fig.get_suptitle().startswith(TITLES[language][0])
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == FIRST_SEGMENT[language] and len(labels) == 5
    counts = [t.get_text() for t in ax.texts] or [
        t.get_text() for c in ax.containers for t in getattr(c, "datavalues", [])
    ]
    maintain = int(small_result.sizes.loc["maintain", "customers"])
    assert f"{maintain:,}" in counts or str(maintain) in counts


def test_bar_counts_use_thousands_separators(small_result):
    setup_style("en")
    sizes = small_result.sizes.copy()
    sizes.loc["maintain", "customers"] = 12345
    fig = charts.segment_sizes(dataclasses.replace(small_result, sizes=sizes), "en")
    assert "12,345" in _texts(fig)


def test_spend_box_plot_on_a_log_axis_with_compact_ticks(small_result, language):
    fig = charts.spend_by_segment(small_result, language)
    assert fig is not None
    assert fig.get_suptitle().startswith(TITLES[language][1])
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert any(t.endswith("k") for t in ticks)


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


@pytest.mark.parametrize(("value", "text"), [(-1e3, "-1k"), (0.0, "0"), (-5.0, "-5")])
def test_compact_tick_labels_of_negative_and_zero_spend(value, text):
    assert charts._compact(value) == text


def test_spend_box_plot_is_none_when_nobody_spent(small_result, language):
    customers = small_result.customers.assign(spend_12m=0.0)
    segments = dataclasses.replace(small_result.segments, customers=customers)
    assert (
        charts.spend_by_segment(dataclasses.replace(small_result, segments=segments), language)
        is None
    )


@pytest.mark.parametrize(
    ("value", "text"), [(5.0, "5"), (1e3, "1k"), (2.5e4, "25k"), (3e6, "3M"), (1e9, "1B")]
)
def test_compact_tick_labels(value, text):
    assert charts._compact(value) == text


def test_structure_heat_map_counts_by_dimension_and_segment(small_result, language):
    fig = charts.structure_heatmap(small_result, "industry", language)
    assert fig is not None
    assert fig.get_suptitle().startswith(TITLES[language][2])
    table = small_result.structure["industry"].drop(columns=TOTAL)
    assert sorted(_texts(fig)) == sorted(str(v) for v in table.to_numpy().ravel())
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == list(table.index)


def test_structure_heat_map_is_none_without_the_dimension(small_result, language):
    structure = {k: v for k, v in small_result.structure.items() if k != "size"}
    result = dataclasses.replace(small_result, structure=structure)
    assert charts.structure_heatmap(result, "size", language) is None


def test_structure_heat_map_shows_at_most_fifteen_values(small_result):
    setup_style("en")
    many = pd.DataFrame(
        {"core": range(20), "maintain": range(20)}, index=pd.Index([f"v{i}" for i in range(20)])
    )
    many[TOTAL] = many.sum(axis=1)
    result = dataclasses.replace(small_result, structure={"region": many})
    fig = charts.structure_heatmap(result, "region", "en")
    assert fig is not None
    assert len(fig.axes[0].get_yticklabels()) == charts.HEATMAP_ROWS
    assert "1,000" not in _texts(fig)
