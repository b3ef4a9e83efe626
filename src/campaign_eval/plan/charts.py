"""Charts of the plan stage: power by holdout share, and the schedule as a Gantt chart.

Each function takes the result and the report language and returns a matplotlib Figure (None
when there is nothing to draw); every word comes from the labels through ``wording.Words``. Goals
are named by their description, wrapped in a one-column legend below the chart so that a long
description never runs into another; both axes of the power chart start at zero.
"""

from __future__ import annotations

import datetime as dt
import textwrap

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure

from campaign_eval.plan.result import PlanResult
from campaign_eval.plan.wording import Words
from campaign_eval.report.charts import finish, new_figure, rate_axis
from campaign_eval.report.format import Language

_BUFFER_ALPHA = 0.35
_GANTT_ROW_IN = 0.55
_GANTT_MIN_IN = 2.6
_GANTT_PAD_IN = 1.6
_DATE_FORMAT = "%m-%d"
_GANTT_LEGEND_Y = -0.12
"""Where the Gantt chart's legend hangs, in axes heights (below the date labels)."""
_POWER_TICKS = 6
_LEGEND_LINE_IN = 0.3
_LEGEND_PAD_IN = 0.15
_LEGEND_WIDTH = {"en": 48, "zh": 24}
"""Characters per legend line: a CJK character is about twice as wide as a Latin one."""


def power_curves(result: PlanResult, words: Words | None = None) -> pd.DataFrame:
    """Power by holdout share of every designed goal (long format: goal, share, power).

    ``goal`` is the goal's id, or its name for readers (its description) when ``words`` is given.
    """
    rows = [
        (g.id if words is None else words.goal(g), share, power)
        for g in result.goals
        if g.design is not None
        for share, power in g.design.curve
    ]
    return pd.DataFrame(rows, columns=["goal", "share", "power"])


def power_curve(result: PlanResult, language: Language) -> Figure | None:
    """Power of each goal's test by holdout share, the needed power and the planned holdout.

    Returns:
        The figure, or None when no goal has a design.
    """
    words = Words(language, goals=result.goals)
    curves = power_curves(result, words)
    designs = [g.design for g in result.goals if g.design is not None]
    if curves.empty or not designs:
        return None
    t = words.t
    width = _LEGEND_WIDTH[language]
    curves["goal"] = [textwrap.fill(name, width) for name in curves["goal"]]
    fig, ax = new_figure()
    sns.lineplot(data=curves, x="share", y="power", hue="goal", ax=ax, linewidth=2)
    wanted = designs[0].desired_power
    ax.axhline(wanted, color="0.3", linestyle="--", linewidth=1)
    # at the left end, where every curve is still low, the label never sits on a curve
    ax.annotate(
        t("plan.chart.power_wanted", power=words.fmt.pct(wanted, 0)),
        xy=(0, wanted),
        xytext=(4, 4),
        textcoords="offset points",
        ha="left",
        color="0.3",
    )
    # the holdout the assignment was drawn with (a kept assignment keeps its own)
    planned = result.shares.default
    ax.axvline(planned, color="0.5", linestyle=":", linewidth=1.5)
    ax.text(
        planned,
        1.0,
        t("plan.chart.planned"),
        transform=ax.get_xaxis_transform(),
        ha="center",
        va="bottom",
        color="0.4",
    )
    ax.set_ylim(0, 1.02)
    ax.set_xlim(0, curves["share"].max())
    # fixed ticks: no tick label is left over beyond the axes (a locator's spare 120%)
    ax.set_yticks(np.linspace(0, 1, _POWER_TICKS))
    ax.set_xticks(np.linspace(0, curves["share"].max(), _POWER_TICKS))
    rate_axis(ax, "x", language)
    rate_axis(ax, "y", language)
    ax.set_xlabel(t("plan.chart.power_x"))
    ax.set_ylabel(t("plan.chart.power_y"))
    # the legend goes below the axes, one goal a row, in space kept free for it, so it never
    # hides a curve and a long description never runs into the next
    handles, labels = ax.get_legend_handles_labels()
    legend = ax.get_legend()
    if legend is not None:
        legend.remove()
    lines = sum(label.count("\n") + 1 for label in labels)
    legend_in = _LEGEND_LINE_IN * lines + _LEGEND_PAD_IN
    fig.set_figheight(fig.get_figheight() + legend_in)
    fig.legend(handles, labels, loc="lower left", ncol=1, frameon=False)
    finish(fig, t("plan.chart.power"))
    fig.tight_layout(rect=(0, legend_in / fig.get_figheight(), 1, 1))
    return fig


def gantt(result: PlanResult, language: Language) -> Figure:
    """The phases as bars from first to last day, buffers lighter, the event day marked."""
    words = Words(language)
    t = words.t
    phases = result.phases
    fig, ax = new_figure(height=max(_GANTT_MIN_IN, _GANTT_ROW_IN * len(phases) + _GANTT_PAD_IN))
    colors = sns.color_palette(n_colors=max(len(phases), 1))[: len(phases)]
    labels = [words.phase(p.name) for p in phases]
    one_day = dt.timedelta(days=1)
    buffer_label: str | None = t("plan.chart.buffer")
    for row, (phase, color) in enumerate(zip(phases, colors, strict=True)):
        start = mdates.date2num(phase.start)
        width = max((phase.end - phase.start + one_day).days, 0)
        ax.barh(row, width, left=start, color=color, height=0.6)
        if phase.buffer_days:
            ax.barh(
                row,
                phase.buffer_days,
                left=start + width,
                color=color,
                alpha=_BUFFER_ALPHA,
                height=0.6,
                hatch="//",
                label=buffer_label,
            )
            buffer_label = None  # one legend entry for all buffers
    if buffer_label is None:
        # below the dates, so that it never covers a bar or the event's label
        ax.legend(loc="upper right", bbox_to_anchor=(1, _GANTT_LEGEND_Y), frameon=False)
    event = mdates.date2num(result.event)
    ax.axvline(event, color="0.2", linestyle="--", linewidth=1)
    ax.text(
        event,
        1.0,
        t("plan.chart.event_day"),
        transform=ax.get_xaxis_transform(),
        ha="center",
        va="bottom",
        color="0.2",
    )
    ax.set_yticks(range(len(phases)), labels)
    ax.invert_yaxis()
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=8))
    ax.xaxis.set_major_formatter(mdates.DateFormatter(_DATE_FORMAT))
    ax.set_xlabel("")
    ax.grid(axis="y", visible=False)
    return finish(fig, t("plan.chart.gantt"))
