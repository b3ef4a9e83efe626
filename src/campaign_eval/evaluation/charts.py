"""Charts of the evaluation stage: (result, language, currency) -> matplotlib Figure or None.

Each returns None when the chart does not apply (no budget, no values before and after). Words
come from the labels in the report language, numbers from ``report.format`` (axes through
``report.charts.number_axis`` and ``rate_axis``: thousands separators, the currency, rates from
zero); the view embeds each figure in its section with alt text that gives its key numbers.
The effects of every comparison are drawn by the scorecard (``scorecard``), not here.
"""

from __future__ import annotations

import math

import numpy as np
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from campaign_eval.evaluation.result import EvaluationResult
from campaign_eval.evaluation.wording import Words
from campaign_eval.report.charts import finish, new_figure, number_axis, rate_axis
from campaign_eval.report.format import Language

_TITLE_IN = 1.0
_MIN_HEIGHT_IN = 3.4
_BAR_HEIGHT = 0.38
_MARKER_SIZE = 8
_COST_ROW_IN = 0.62
_LEGEND_IN = 0.9
_BUDGET_TICKS = 4
"""At most this many money ticks: "CN¥60,000" is wide, five would run together on a phone."""
_HEADROOM = 1.15
"""The value axis reaches this far above the highest value, so no point sits on the frame."""


def _plain(text: str) -> str:
    """User text for matplotlib: a ``$`` would start mathtext."""
    return str(text).replace("$", r"\$")


def budget(
    result: EvaluationResult, language: Language, currency: str | None = None
) -> Figure | None:
    """Planned and actual cost per category, in the campaign's currency; None without costs."""
    costs = result.returns.costs
    if costs.empty:
        return None
    w = Words(result, language, currency)
    labels = [_plain(w.category(c)) for c in costs["category"]]
    positions = np.arange(len(costs))[::-1]
    height = max(_MIN_HEIGHT_IN, _TITLE_IN + _COST_ROW_IN * len(costs) + _LEGEND_IN)
    fig, ax = new_figure(height=height)
    colors = sns.color_palette()
    ax.barh(positions + _BAR_HEIGHT / 2, costs["planned"], height=_BAR_HEIGHT, color=colors[0],
            label=w.t("ev.chart.planned"))  # fmt: skip
    ax.barh(positions - _BAR_HEIGHT / 2, costs["actual"].fillna(0), height=_BAR_HEIGHT,
            color=colors[1], label=w.t("ev.chart.actual"))  # fmt: skip
    ax.set_yticks(positions, labels)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=_BUDGET_TICKS, steps=[1, 2, 2.5, 5, 10]))
    number_axis(ax, "x", w.f, money=True)
    ax.set_xlim(0, None)
    # the legend sits under the axis, where no bar can be
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2, frameon=False)
    ax.grid(axis="y", visible=False)
    return finish(fig, w.t("ev.chart.budget"))


def trend_metric(result: EvaluationResult) -> str | None:
    """The metric the before/after chart shows: the conversion metric, else the first one."""
    if result.returns.conversion_metric:
        return result.returns.conversion_metric
    return result.specs[0].name if result.specs else None


def before_after_values(result: EvaluationResult) -> dict[str, tuple[float, float]]:
    """Each arm's value of the trend metric before and after, over all customers.

    An arm without a value in both windows is left out.
    """
    metric = trend_metric(result)
    if metric is None or result.spec(metric) is None:
        return {}
    out = {}
    for arm in result.arms:
        pre, post = (result.pooled(metric, [arm], period) for period in ("pre", "post"))
        if math.isfinite(pre) and math.isfinite(post):
            out[arm] = (pre, post)
    return out


def before_after(
    result: EvaluationResult, language: Language, currency: str | None = None
) -> Figure | None:
    """The conversion metric before and after, per group (all customers); None without data.

    With a control group the gap between the two lines' slopes is the difference in differences.
    A rate axis starts at zero, so the change is drawn at its true size.
    """
    metric = trend_metric(result)
    series = before_after_values(result)
    spec = result.spec(metric) if metric is not None else None
    if metric is None or spec is None or not series:
        return None
    w = Words(result, language, currency)
    fig, ax = new_figure()
    colors = sns.color_palette()
    for index, (arm, values) in enumerate(series.items()):
        color = "0.45" if arm == result.control else colors[index % len(colors)]
        ax.plot([0, 1], values, "o-", color=color, linewidth=2.5, markersize=_MARKER_SIZE,
                label=_plain(w.arm(arm)))  # fmt: skip
    ax.set_xticks([0, 1], [w.t("ev.col.before"), w.t("ev.col.after")])
    ax.set_xlim(-0.3, 1.3)
    top = max(v for values in series.values() for v in values) * _HEADROOM
    if spec.kind == "proportion":
        ax.set_ylim(0, top)
        rate_axis(ax, "y", language)
    else:
        ax.set_ylim(min(0.0, ax.get_ylim()[0]), top)
        number_axis(ax, "y", w.f, money=w.is_money(metric))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, frameon=False)
    return finish(fig, w.t("ev.chart.did", metric=_plain(w.metric(metric))))
