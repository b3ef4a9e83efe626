"""Charts of the evaluation stage: effects by segment, goal attainment, budget, before and after.

Each function takes the stage's outcome and returns a Figure, or None when the chart does not
apply (no control group, no goals, no budget), so a notebook cell shows nothing in that case.
"""

from __future__ import annotations

import math
import textwrap
from typing import TYPE_CHECKING

import numpy as np
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from campaign_eval.config.evaluation import ALL_SEGMENTS
from campaign_eval.evaluation import pooled_value
from campaign_eval.report.charts import finish, new_figure, new_grid

if TYPE_CHECKING:
    from campaign_eval.evaluation import EvaluationOutcome

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


def _plain(text: str) -> str:
    """User text for matplotlib: a ``$`` would start mathtext."""
    return str(text).replace("$", r"\$")


def _scale(outcome: EvaluationOutcome, metric: str) -> tuple[float, str]:
    """Multiplier and unit of a metric's differences on the chart (rates in percentage points)."""
    kind = outcome.spec(metric).kind
    if kind == "proportion":
        return _PERCENT, outcome.t("ev.unit.pp").strip()
    if kind == "nps":
        return 1.0, outcome.t("ev.unit.points").strip()
    return 1.0, ""


def forest(outcome: EvaluationOutcome) -> Figure | None:
    """Treatment minus control with its CI, one panel per metric, one row per segment (and arm).

    Filled markers are significant after the multiple-testing adjustment; hollow ones are not.
    None without a control group.
    """
    effects = outcome.effects
    if effects is None or effects.rows.empty:
        return None
    metrics = [s.name for s in outcome.specs if (effects.rows["metric"] == s.name).any()]
    sizes = [int((effects.rows["metric"] == m).sum()) for m in metrics]
    height = _TITLE_IN + sum(_AXIS_OVERHEAD_IN + _ROW_HEIGHT_IN * n for n in sizes)
    fig, grid = new_grid(len(metrics), 1, height=max(height, _MIN_HEIGHT_IN))
    axes = grid[:, 0]
    colors = sns.color_palette()
    multi = len(outcome.treatments) > 1
    for ax, metric in zip(axes, metrics, strict=True):
        rows = effects.rows[effects.rows["metric"] == metric].reset_index(drop=True)
        scale, unit = _scale(outcome, metric)
        y = np.arange(len(rows))[::-1]
        for position, (_, row) in zip(y, rows.iterrows(), strict=True):
            color = colors[outcome.treatments.index(row["arm"]) % len(colors)]
            low, high = row["ci_low"] * scale, row["ci_high"] * scale
            if math.isfinite(low) and math.isfinite(high):
                ax.hlines(position, low, high, color=color, linewidth=2)
            ax.plot(
                row["diff"] * scale,
                position,
                "o",
                markersize=_MARKER_SIZE,
                color=color,
                markerfacecolor=color if row["significant"] else "white",
            )
        ax.axvline(0, color="0.4", linewidth=1, linestyle="--")
        labels = [
            _plain(outcome.segment_label(s) + (f" ({outcome.arm_label(a)})" if multi else ""))
            for s, a in zip(rows["segment"], rows["arm"], strict=True)
        ]
        ax.set_yticks(y, labels)
        ax.set_ylim(-0.7, len(rows) - 0.3)
        # the overall row first, set apart from the segments by a thin line
        if len(rows) > 1 and rows["segment"].iloc[0] == ALL_SEGMENTS:
            ax.axhline(y[0] - 0.5, color="0.8", linewidth=0.8)
        ax.set_title(_plain(outcome.metric_label(metric)))
        ax.set_xlabel(unit)
        ax.grid(axis="y", visible=False)
    return finish(fig, outcome.t("ev.chart.forest", level=outcome.ci_level))


def attainment(outcome: EvaluationOutcome) -> Figure | None:
    """Attainment of each goal (actual vs target), coloured by grade; None without goals."""
    goals = outcome.goals
    if goals.empty or not goals["attainment"].notna().any():
        return None
    goals = goals[goals["attainment"].notna()].reset_index(drop=True)
    bands = outcome.params.grades
    names = [
        textwrap.fill(textwrap.shorten(_plain(outcome.goal_label(g)), _LABEL_CHARS), _LABEL_WIDTH)
        for _, g in goals.iterrows()
    ]
    lines = max(name.count("\n") + 1 for name in names)
    values = goals["attainment"].to_numpy(dtype=float) * _PERCENT
    grades = ("excellent", "good", "fair", "poor")
    palette = dict(zip(grades, sns.color_palette("RdYlGn_r", len(grades)), strict=True))
    per_goal = _LINE_HEIGHT_IN * lines + _GOAL_GAP_IN
    fig, ax = new_figure(height=max(_MIN_HEIGHT_IN, _TITLE_IN + per_goal * len(goals) + 1.4))
    positions = np.arange(len(goals))[::-1]
    ax.barh(positions, values, color=[palette.get(g, "0.6") for g in goals["grade"]])
    for position, value in zip(positions, values, strict=True):
        ax.text(value, position, f" {value:.0f}%", va="center")
    ax.axvline(bands.excellent * _PERCENT, color="0.3", linewidth=1, linestyle=":")
    handles = [
        Patch(
            color=palette[g],
            label=f"{outcome.t(f'ev.grade.{g}')}"
            + (f" ≥ {getattr(bands, g) * _PERCENT:.0f}%" if g != "poor" else ""),
        )
        for g in grades
    ]
    ax.legend(
        handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2, frameon=False
    )
    ax.set_yticks(positions, names)
    ax.set_xlim(0, max(float(values.max()), bands.excellent * _PERCENT) * 1.25)
    ax.set_xlabel("")
    ax.grid(axis="y", visible=False)
    return finish(fig, outcome.t("ev.chart.attainment"))


def budget(outcome: EvaluationOutcome) -> Figure | None:
    """Planned and actual cost per category; None without costs."""
    costs = outcome.returns.costs
    if costs.empty:
        return None
    labels = [_plain(outcome.category_label(c)) for c in costs["category"]]
    positions = np.arange(len(costs))[::-1]
    fig, ax = new_figure(height=max(_MIN_HEIGHT_IN, _TITLE_IN + 0.6 * len(costs) + 1))
    colors = sns.color_palette()
    ax.barh(
        positions + _BAR_HEIGHT / 2,
        costs["planned"],
        height=_BAR_HEIGHT,
        color=colors[0],
        label=outcome.t("ev.chart.planned"),
    )
    ax.barh(
        positions - _BAR_HEIGHT / 2,
        costs["actual"].fillna(0),
        height=_BAR_HEIGHT,
        color=colors[1],
        label=outcome.t("ev.chart.actual"),
    )
    ax.set_yticks(positions, labels)
    ax.xaxis.set_major_formatter(lambda value, _pos: f"{value:,.0f}")
    ax.legend(loc="lower right")
    ax.grid(axis="y", visible=False)
    return finish(fig, outcome.t("ev.chart.budget"))


def before_after(outcome: EvaluationOutcome) -> Figure | None:
    """The conversion metric before and after, per group (all customers); None without data.

    With a control group the gap between the two lines' slopes is the difference in differences.
    """
    metric = outcome.returns.conversion_metric or (outcome.specs[0].name if outcome.specs else None)
    if metric is None:
        return None
    arms = [*outcome.treatments, *([outcome.control] if outcome.has_control else [])]
    kind = outcome.spec(metric).kind
    scale = _PERCENT if kind == "proportion" else 1.0
    series = {}
    for arm in arms:
        values = [
            pooled_value(table, metric, [arm], kind)[0] * scale
            for table in (outcome.pre, outcome.post)
        ]
        if all(math.isfinite(v) for v in values):
            series[arm] = values
    if not series:
        return None
    fig, ax = new_figure()
    colors = sns.color_palette()
    for index, (arm, values) in enumerate(series.items()):
        color = "0.45" if arm == outcome.control else colors[index % len(colors)]
        ax.plot(
            [0, 1],
            values,
            "o-",
            color=color,
            linewidth=2.5,
            markersize=_MARKER_SIZE,
            label=_plain(outcome.arm_label(arm)),
        )
    ax.set_xticks([0, 1], [outcome.t("ev.col.before"), outcome.t("ev.col.after")])
    ax.set_xlim(-0.3, 1.3)
    ax.set_ylabel("%" if kind == "proportion" else "")
    ax.legend()
    return finish(fig, outcome.t("ev.chart.did", metric=_plain(outcome.metric_label(metric))))
