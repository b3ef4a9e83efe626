"""Charts of the segmentation stage: functions (result, language) -> matplotlib Figure or None.

Words come from the labels in the report language, numbers from ``report.format``; the view
embeds each figure in its section.
"""

from __future__ import annotations

import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from campaign_eval.report.charts import finish, new_figure
from campaign_eval.report.format import Formatter, Language
from campaign_eval.report.labels import segment_label, text
from campaign_eval.segmentation.profiles import TOTAL
from campaign_eval.segmentation.result import SegmentationResult

DIMENSION_KEYS = {
    "industry": "dimension.industry",
    "size": "dimension.size",
    "region": "dimension.region",
}
"""The reader's name of each structure dimension."""
HEATMAP_ROWS = 15
"""A structure heat map shows at most this many values of its dimension (the biggest)."""
_COMPACT_UNITS = ((1e9, "B"), (1e6, "M"), (1e3, "k"))
SYMLOG_LINEAR_UP_TO = 1.0
"""The spend axis is linear from 0 to one unit of money, logarithmic beyond."""


def segment_sizes(result: SegmentationResult, language: Language) -> Figure:
    """Horizontal bars: customers per segment, counts printed at the bar ends."""
    f = Formatter(language)
    counts = result.sizes["customers"]
    labels = [segment_label(s, language) for s in counts.index]
    fig, ax = new_figure()
    bars = ax.barh(labels, counts.to_numpy(), color=sns.color_palette(n_colors=len(labels)))
    ax.bar_label(bars, labels=[f.number(c) for c in counts], padding=3)
    ax.invert_yaxis()  # the first segment of the precedence on top
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: f.number(x)))
    ax.set_xlabel(text("word.customers", language))
    ax.margins(x=0.15)
    return finish(fig, text("chart.segment_sizes", language))


def spend_by_segment(result: SegmentationResult, language: Language) -> Figure | None:
    """Box plot of 12-month spend per segment on a symmetric log scale; None when nobody spent.

    The axis is linear below one unit of money and logarithmic above it, so customers without
    spend are drawn at 0 and count in every box and median (a plain log axis would drop them).
    A net spend below 0 (returns of earlier purchases) is drawn at 0, as it is ranked.
    """
    frame = result.customers
    if not (frame["spend_12m"] > 0).any():
        return None
    order = [s for s in result.order if (frame["segment"] == s).any()]
    spend = frame["spend_12m"].clip(lower=0.0)  # as ranked: a net spend below 0 counts as 0
    fig, ax = new_figure()
    ax.boxplot(
        [spend[frame["segment"] == s].to_numpy() for s in order],
        orientation="horizontal",
        tick_labels=[segment_label(s, language) for s in order],
        showfliers=False,
        patch_artist=True,
        boxprops={"facecolor": sns.color_palette()[0]},
        medianprops={"color": "black"},
    )
    ax.invert_yaxis()  # the first segment of the precedence on top
    ax.set_xscale("symlog", linthresh=SYMLOG_LINEAR_UP_TO)
    ax.set_xlim(left=-SYMLOG_LINEAR_UP_TO / 2)  # a margin before 0, no negative spend
    ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: _compact(x)))
    ax.set_xlabel(text("feature.spend_12m", language))
    ax.set_ylabel("")
    return finish(fig, text("chart.spend_by_segment", language))


def _compact(value: float) -> str:
    """10000 -> '10k', -1000 -> '-1k': tick labels that fit a phone-width axis."""
    sign = "-" if value < 0 else ""
    for size, unit in _COMPACT_UNITS:
        if abs(value) >= size:
            return f"{sign}{abs(value) / size:g}{unit}"
    return f"{value:g}"


def structure_heatmap(
    result: SegmentationResult, dimension: str, language: Language
) -> Figure | None:
    """Heat map of customers by a structure dimension and segment; None when the data lacks it."""
    table = result.structure.get(dimension)
    if table is None:
        return None
    f = Formatter(language)
    matrix = table.drop(columns=TOTAL).head(HEATMAP_ROWS)
    matrix.columns = [segment_label(s, language) for s in matrix.columns]
    fig, ax = new_figure(height=0.45 * len(matrix) + 2)
    sns.heatmap(matrix, annot=matrix.map(f.number), fmt="", cmap="Blues", cbar=False, ax=ax)
    ax.set_ylabel("")
    ax.set_xlabel("")
    ax.tick_params(axis="x", rotation=30)
    name = text(DIMENSION_KEYS[dimension], language)
    return finish(fig, text("chart.structure", language, dimension=name))
