"""Charts of the segmentation stage: functions (result, language) -> matplotlib Figure or None.

Words come from the labels in the report language, numbers from ``report.format``; the view
embeds each figure in its section. Every chart is drawn for a phone's column first: at most
four or five tick labels an axis, category labels wrapped rather than turned, and no text under
10 CSS px (``report.charts.finish``).
"""

from __future__ import annotations

import math
import textwrap
import unicodedata
from collections.abc import Mapping

import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, MaxNLocator, NullLocator

from campaign_eval.report.charts import finish, new_figure, number_axis
from campaign_eval.report.format import Formatter, Language
from campaign_eval.report.labels import segment_label, text
from campaign_eval.segmentation.profiles import TOTAL
from campaign_eval.segmentation.result import SegmentationResult
from campaign_eval.segmentation.wording import data_value

DIMENSION_KEYS = {
    "industry": "dimension.industry",
    "size": "dimension.size",
    "region": "dimension.region",
}
"""The reader's name of each structure dimension (a table's header)."""
DIMENSION_TEXT_KEYS = {
    "industry": "dimension.industry_text",
    "size": "dimension.size_text",
    "region": "dimension.region_text",
}
"""A structure dimension's name inside a sentence or a title."""
HEATMAP_ROWS = 15
"""A structure heat map shows at most this many values of its dimension (the biggest)."""
HEATMAP_ROW_IN = 0.45
"""Height of a heat map's row, in inches (room for a count at the phone's smallest size)."""
SIZE_TICKS = 4
"""At most this many intervals on the customer-count axis: its labels never run together."""
SPEND_TICKS = 3
"""About this many labelled powers of ten on the spend axis, besides 0 (the longer the amounts,
the fewer: CN¥10,000,000 needs three decades of a phone-wide axis)."""
SPEND_TICK_STEP = 2
"""Labelled powers of ten are at least this many decades apart: "CN¥1,000" needs the room."""
SYMLOG_LINEAR_UP_TO = 1.0
"""The spend axis is linear from 0 to one unit of money, logarithmic beyond."""
LABEL_UNITS = 8
"""A heat map's column label wraps beyond this many units (a Chinese glyph counts two)."""


def segment_sizes(result: SegmentationResult, language: Language) -> Figure:
    """Horizontal bars: customers per segment, counts printed at the bar ends."""
    f = Formatter(language)
    counts = result.sizes["customers"]
    labels = [segment_label(s, language) for s in counts.index]
    fig, ax = new_figure()
    bars = ax.barh(labels, counts.to_numpy(), color=sns.color_palette(n_colors=len(labels)))
    ax.bar_label(bars, labels=[f.number(c) for c in counts], padding=3)
    ax.invert_yaxis()  # the first segment of the precedence on top
    ax.xaxis.set_major_locator(MaxNLocator(nbins=SIZE_TICKS, integer=True))
    number_axis(ax, "x", f)
    ax.set_xlabel(text("word.customers", language))
    ax.margins(x=0.18)  # room for the count at the end of the longest bar
    return finish(fig, text("chart.segment_sizes", language))


def spend_by_segment(
    result: SegmentationResult,
    language: Language,
    *,
    currency: str | None = None,
    months: int = 12,
) -> Figure | None:
    """Box plot of spend per segment on a symmetric log scale; None when nobody spent.

    The axis is linear below one unit of money and logarithmic above it, so customers without
    spend are drawn at 0 and count in every box and median (a plain log axis would drop them).
    A net spend below 0 (returns of earlier purchases) is drawn at 0, as it is ranked. The axis
    labels 0 and a few powers of ten, as money with thousands separators.
    """
    frame = result.customers
    if "spend_12m" not in frame or not (frame["spend_12m"] > 0).any():
        return None
    f = Formatter(language, currency=currency)
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
    ax.xaxis.set_major_locator(FixedLocator(_spend_ticks(ax.get_xlim()[1])))
    ax.xaxis.set_minor_locator(NullLocator())
    number_axis(ax, "x", f, money=True)
    ax.set_xlabel(text("chart.spend_axis", language, months=f.number(months)))
    ax.set_ylabel("")
    return finish(fig, text("chart.spend_by_segment", language, months=f.number(months)))


def _spend_ticks(top: float) -> list[float]:
    """0 and at most ``SPEND_TICKS`` powers of ten up to ``top``, evenly spaced, the top kept."""
    largest = max(math.floor(math.log10(max(top, 10.0))), 1)
    step = max(math.ceil((largest + 1) / SPEND_TICKS), SPEND_TICK_STEP)
    return [0.0, *sorted(10.0**k for k in range(largest, 0, -step))]


def structure_heatmap(
    result: SegmentationResult,
    dimension: str,
    language: Language,
    *,
    value_labels: Mapping[str, str] | None = None,
) -> Figure | None:
    """Heat map of customers by a structure dimension and segment; None when the data lacks it.

    Rows are the dimension's values in their display form (``campaign.value_labels``), columns
    the segments with their names wrapped onto two lines, never turned, so that no label runs
    into its neighbour in either language.
    """
    table = result.structure.get(dimension)
    if table is None:
        return None
    f = Formatter(language)
    matrix = table.drop(columns=TOTAL).head(HEATMAP_ROWS)
    matrix.index = [data_value(v, value_labels or {}, language) for v in matrix.index]
    matrix.columns = [_wrapped(segment_label(s, language)) for s in matrix.columns]
    fig, ax = new_figure(height=HEATMAP_ROW_IN * len(matrix) + 2)
    sns.heatmap(matrix, annot=matrix.map(f.number), fmt="", cmap="Blues", cbar=False, ax=ax)
    ax.set_ylabel("")
    ax.set_xlabel("")
    ax.tick_params(axis="x", rotation=0)
    ax.tick_params(axis="y", rotation=0)
    name = text(DIMENSION_TEXT_KEYS[dimension], language)
    return finish(fig, text("chart.structure", language, dimension=name))


def _wrapped(label: str) -> str:
    """A column label on lines of at most ``LABEL_UNITS`` units: at spaces, else mid-label."""
    units = sum(2 if unicodedata.east_asian_width(c) in {"W", "F"} else 1 for c in label)
    if units <= LABEL_UNITS:
        return label
    if " " in label:
        return "\n".join(textwrap.wrap(label, width=LABEL_UNITS, break_long_words=False))
    cut = LABEL_UNITS // 2  # a Chinese name breaks after its first four glyphs: 核心价值/客户
    return label[:cut] + "\n" + label[cut:]
