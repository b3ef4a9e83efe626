"""Charts of the evaluation stage: functions (result, language) -> matplotlib Figure or None.

Each returns None when the chart does not apply (no control group, no goals, no budget). Words
come from the labels in the report language, numbers from ``report.format``; the view embeds
each figure in its section.
"""

from __future__ import annotations

import math
import textwrap

import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from campaign_eval.conventions import ALL_SEGMENTS
from campaign_eval.evaluation.result import GRADES, EvaluationResult
from campaign_eval.evaluation.wording import Words
from campaign_eval.report.charts import finish, new_figure, new_grid
from campaign_eval.report.format import Language

_ROW_HEIGHT_IN = 0.42
_AXIS_OVERHEAD_IN = 1.1
_TITLE_IN = 0.9
_MIN_HEIGHT_IN = 3.0
_BAR_HEIGHT = 0.38
_PERCENT = 100.0
_MARKER_SIZE = 8
_LABEL_WIDTH = 22
_LABEL_CHARS = 60
_LINE_HEIGHT_IN = 0.3
_GOAL_GAP_IN = 0.3
_LEGEND_IN = 1.4
_COST_ROW_IN = 0.6
_XLIM_MARGIN = 1.25


def _plain(text: str) -> str:
    """User text for matplotlib: a ``$`` would start mathtext."""
    return str(text).replace("$", r"\$")


def _scale(w: Words, metric: str) -> tuple[float, str]:
    """Multiplier and unit of a metric's differences on the chart (rates in percentage points)."""
    spec = w.result.spec(metric)
    kind = spec.kind if spec is not None else "mean"
    if kind == "proportion":
        return _PERCENT, w.t("ev.unit.pp").strip()
    if kind == "nps":
        return 1.0, w.t("ev.unit.points").strip()
    return 1.0, ""


def _forest_panel(ax: Axes, w: Words, rows: pd.DataFrame, metric: str) -> None:
    """One metric's differences with their CIs, one row per segment (and arm)."""
    scale, unit = _scale(w, metric)
    colors = sns.color_palette()
    treatments = w.result.treatments
    y = np.arange(len(rows))[::-1]
    for position, (_, row) in zip(y, rows.iterrows(), strict=True):
        color = colors[treatments.index(row["arm"]) % len(colors)]
        low, high = row["ci_low"] * scale, row["ci_high"] * scale
        if math.isfinite(low) and math.isfinite(high):
            ax.hlines(position, low, high, color=color, linewidth=2)
        face = color if row["significant"] else "white"
        ax.plot(row["diff"] * scale, position, "o", markersize=_MARKER_SIZE, color=color,
                markerfacecolor=face)  # fmt: skip
    ax.axvline(0, color="0.4", linewidth=1, linestyle="--")
    multi = len(treatments) > 1
    labels = [
        _plain(w.t("ev.fmt.with_arm", text=w.segment(s), arm=w.arm(a)) if multi else w.segment(s))
        for s, a in zip(rows["segment"], rows["arm"], strict=True)
    ]
    ax.set_yticks(y, labels)
    ax.set_ylim(-0.7, len(rows) - 0.3)
    # the overall row first, set apart from the segments by a thin line
    if len(rows) > 1 and rows["segment"].iloc[0] == ALL_SEGMENTS:
        ax.axhline(y[0] - 0.5, color="0.8", linewidth=0.8)
    ax.set_title(_plain(w.metric(metric)))
    ax.set_xlabel(unit)
    ax.grid(axis="y", visible=False)


def forest(result: EvaluationResult, language: Language) -> Figure | None:
    """Treatment minus control with its CI, one panel per metric, one row per segment (and arm).

    Filled markers are significant after the multiple-testing adjustment; hollow ones are not.
    None without a control group.
    """
    effects = result.effects
    if effects is None or effects.rows.empty:
        return None
    w = Words(result, language)
    metrics = [m for m in result.metric_names if (effects.rows["metric"] == m).any()]
    sizes = [int((effects.rows["metric"] == m).sum()) for m in metrics]
    height = _TITLE_IN + sum(_AXIS_OVERHEAD_IN + _ROW_HEIGHT_IN * n for n in sizes)
    fig, grid = new_grid(len(metrics), 1, height=max(height, _MIN_HEIGHT_IN))
    for ax, metric in zip(grid[:, 0], metrics, strict=True):
        rows = effects.rows[effects.rows["metric"] == metric].reset_index(drop=True)
        _forest_panel(ax, w, rows, metric)
    return finish(fig, w.t("ev.chart.forest", level=w.ci_level))


def attainment(result: EvaluationResult, language: Language) -> Figure | None:
    """Attainment of each goal (actual vs target), coloured by grade; None without goals."""
    goals = result.goals.rows
    if goals.empty or not goals["attainment"].notna().any():
        return None
    w = Words(result, language)
    goals = goals[goals["attainment"].notna()].reset_index(drop=True)
    names = [
        textwrap.fill(textwrap.shorten(_plain(w.goal(g)), _LABEL_CHARS), _LABEL_WIDTH)
        for _, g in goals.iterrows()
    ]
    lines = max(name.count("\n") + 1 for name in names)
    values = goals["attainment"].to_numpy(dtype=float)
    palette = dict(zip(GRADES, sns.color_palette("RdYlGn_r", len(GRADES)), strict=True))
    per_goal = _LINE_HEIGHT_IN * lines + _GOAL_GAP_IN
    height = max(_MIN_HEIGHT_IN, _TITLE_IN + per_goal * len(goals) + _LEGEND_IN)
    fig, ax = new_figure(height=height)
    positions = np.arange(len(goals))[::-1]
    lengths = values * _PERCENT
    ax.barh(positions, lengths, color=[palette.get(g, "0.6") for g in goals["grade"]])
    for position, length, value in zip(positions, lengths, values, strict=True):
        ax.text(length, position, " " + w.pct(value), va="center")
    bands = dict(result.goals.bands)
    excellent = bands.get("excellent", 1.0)
    ax.axvline(excellent * _PERCENT, color="0.3", linewidth=1, linestyle=":")
    handles = [
        Patch(
            color=palette[g],
            label=w.t("ev.chart.band", grade=w.grade(g), low=w.pct(bands[g]))
            if g in bands
            else w.grade(g),
        )
        for g in GRADES
    ]
    ax.legend(
        handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2, frameon=False
    )
    ax.set_yticks(positions, names)
    ax.set_xlim(0, max(float(values.max()), excellent) * _PERCENT * _XLIM_MARGIN)
    ax.xaxis.set_major_formatter(lambda value, _pos: w.pct(value / _PERCENT))
    ax.set_xlabel("")
    ax.grid(axis="y", visible=False)
    return finish(fig, w.t("ev.chart.attainment"))


def budget(result: EvaluationResult, language: Language) -> Figure | None:
    """Planned and actual cost per category; None without costs."""
    costs = result.returns.costs
    if costs.empty:
        return None
    w = Words(result, language)
    labels = [_plain(w.category(c)) for c in costs["category"]]
    positions = np.arange(len(costs))[::-1]
    height = max(_MIN_HEIGHT_IN, _TITLE_IN + _COST_ROW_IN * len(costs) + 1)
    fig, ax = new_figure(height=height)
    colors = sns.color_palette()
    ax.barh(positions + _BAR_HEIGHT / 2, costs["planned"], height=_BAR_HEIGHT, color=colors[0],
            label=w.t("ev.chart.planned"))  # fmt: skip
    ax.barh(positions - _BAR_HEIGHT / 2, costs["actual"].fillna(0), height=_BAR_HEIGHT,
            color=colors[1], label=w.t("ev.chart.actual"))  # fmt: skip
    ax.set_yticks(positions, labels)
    ax.xaxis.set_major_formatter(lambda value, _pos: w.money(value))
    ax.legend(loc="lower right")
    ax.grid(axis="y", visible=False)
    return finish(fig, w.t("ev.chart.budget"))


def trend_metric(result: EvaluationResult) -> str | None:
    """The metric the before/after chart shows: the conversion metric, else the first one."""
    if result.returns.conversion_metric:
        return result.returns.conversion_metric
    return result.specs[0].name if result.specs else None


def before_after(result: EvaluationResult, language: Language) -> Figure | None:
    """The conversion metric before and after, per group (all customers); None without data.

    With a control group the gap between the two lines' slopes is the difference in differences.
    """
    metric = trend_metric(result)
    spec = result.spec(metric) if metric is not None else None
    if metric is None or spec is None:
        return None
    scale = _PERCENT if spec.kind == "proportion" else 1.0
    series = {}
    for arm in result.arms:
        values = [result.pooled(metric, [arm], period) * scale for period in ("pre", "post")]
        if all(math.isfinite(v) for v in values):
            series[arm] = values
    if not series:
        return None
    w = Words(result, language)
    fig, ax = new_figure()
    colors = sns.color_palette()
    for index, (arm, values) in enumerate(series.items()):
        color = "0.45" if arm == result.control else colors[index % len(colors)]
        ax.plot([0, 1], values, "o-", color=color, linewidth=2.5, markersize=_MARKER_SIZE,
                label=_plain(w.arm(arm)))  # fmt: skip
    ax.set_xticks([0, 1], [w.t("ev.col.before"), w.t("ev.col.after")])
    ax.set_xlim(-0.3, 1.3)
    if spec.kind == "proportion":
        ax.yaxis.set_major_formatter(lambda value, _pos: w.pct(value / _PERCENT))
    ax.legend()
    return finish(fig, w.t("ev.chart.did", metric=_plain(w.metric(metric))))
