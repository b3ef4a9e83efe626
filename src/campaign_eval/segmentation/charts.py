"""Charts of the segmentation stage."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import seaborn as sns
from matplotlib.figure import Figure

from campaign_eval.conventions import MAINTAIN
from campaign_eval.report.charts import finish, new_figure

if TYPE_CHECKING:
    from campaign_eval.segmentation import SegmentationOutcome


def _order(outcome: SegmentationOutcome) -> list[str]:
    return [*outcome.result.precedence, MAINTAIN]


def segment_sizes(outcome: SegmentationOutcome) -> Figure:
    """Horizontal bars: customers per segment, counts printed at the bar ends."""
    sizes = outcome.result.sizes()
    labels = [outcome.segment_label(s) for s in sizes.index]
    fig, ax = new_figure()
    sns.barplot(x=sizes.to_numpy(), y=labels, hue=labels, legend=False, ax=ax, orient="h")
    for container in ax.containers:
        ax.bar_label(container, fmt="{:,.0f}", padding=3)
    ax.set_xlabel(outcome.ctx.t("word.customers"))
    ax.set_ylabel("")
    ax.margins(x=0.15)
    return finish(fig, outcome.ctx.t("chart.segment_sizes"))


def spend_by_segment(outcome: SegmentationOutcome) -> Figure:
    """Box plot of 12-month spend per segment on a log scale (customers with spend > 0)."""
    frame = outcome.customers
    frame = frame[frame["spend_12m"] > 0]
    order = [s for s in _order(outcome) if (frame["segment"] == s).any()]
    fig, ax = new_figure()
    sns.boxplot(
        x=np.log10(frame["spend_12m"]),
        y=frame["segment"].map(outcome.segment_label),
        order=[outcome.segment_label(s) for s in order],
        ax=ax,
        showfliers=False,
        color=sns.color_palette()[0],
    )
    low, high = np.floor(ax.get_xlim()[0]), np.ceil(ax.get_xlim()[1])
    ticks = np.arange(low, high + 1)
    ax.set_xticks(ticks, [_compact(10**t) for t in ticks])
    ax.set_xlabel(outcome.ctx.t("feature.spend_12m"))
    ax.set_ylabel("")
    return finish(fig, outcome.ctx.t("chart.spend_by_segment"))


_COMPACT_UNITS = ((1e9, "B"), (1e6, "M"), (1e3, "k"))


def _compact(value: float) -> str:
    """10000 -> '10k': tick labels that fit a phone-width axis."""
    for size, unit in _COMPACT_UNITS:
        if value >= size:
            return f"{value / size:g}{unit}"
    return f"{value:g}"


def structure_heatmap(outcome: SegmentationOutcome, dimension: str) -> Figure | None:
    """Heat map of customers by a structure dimension and segment; None when absent."""
    table = outcome.structure(dimension)
    if table is None:
        return None
    index_name = table.columns[0]
    matrix = table.set_index(index_name).drop(columns=outcome.ctx.t("word.total")).head(15)
    fig, ax = new_figure(height=0.45 * len(matrix) + 2)
    sns.heatmap(matrix, annot=True, fmt=",d", cmap="Blues", cbar=False, ax=ax)
    ax.set_ylabel("")
    ax.set_xlabel("")
    ax.tick_params(axis="x", rotation=30)
    title = outcome.ctx.t("chart.structure", dimension=outcome.ctx.t(f"dimension.{dimension}"))
    return finish(fig, title)
