"""Charts of the plan stage: power by holdout share, and the schedule as a Gantt chart.

Each function takes the result and the report language and returns a matplotlib Figure (None
when there is nothing to draw); every word comes from the labels through ``wording.Words``.
"""

from __future__ import annotations

import datetime as dt
import math

import matplotlib.dates as mdates
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from campaign_eval.plan.result import PlanResult
from campaign_eval.plan.wording import Words
from campaign_eval.report.charts import finish, new_figure
from campaign_eval.report.format import Language

_BUFFER_ALPHA = 0.35
_GANTT_ROW_IN = 0.55
_GANTT_MIN_IN = 2.6
_GANTT_PAD_IN = 1.6
_DATE_FORMAT = "%m-%d"
_LEGEND_COLUMNS = 2
_LEGEND_ROW_IN = 0.35
_LEGEND_PAD_IN = 0.1


def power_curves(result: PlanResult) -> pd.DataFrame:
    """Power by holdout share of every designed goal (long format: goal, share, power)."""
    rows = [
        (g.id, share, power)
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
    curves = power_curves(result)
    designs = [g.design for g in result.goals if g.design is not None]
    if curves.empty or not designs:
        return None
    words = Words(language)
    t = words.t
    fig, ax = new_figure()
    sns.lineplot(data=curves, x="share", y="power", hue="goal", ax=ax, linewidth=2)
    wanted = designs[0].desired_power
    ax.axhline(wanted, color="0.3", linestyle="--", linewidth=1)
    ax.annotate(
        t("plan.chart.power_wanted", power=words.fmt.pct(wanted, 0)),
        xy=(curves["share"].max(), wanted),
        xytext=(0, 4),
        textcoords="offset points",
        ha="right",
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
    as_pct = FuncFormatter(lambda value, _: words.fmt.pct(value, 0))
    ax.xaxis.set_major_formatter(as_pct)
    ax.yaxis.set_major_formatter(as_pct)
    ax.set_xlabel(t("plan.chart.power_x"))
    ax.set_ylabel(t("plan.chart.power_y"))
    # the legend goes below the axes, in space kept free for it, so it never hides a curve
    handles, labels = ax.get_legend_handles_labels()
    legend = ax.get_legend()
    if legend is not None:
        legend.remove()
    rows = math.ceil(len(labels) / _LEGEND_COLUMNS)
    fig.set_figheight(fig.get_figheight() + _LEGEND_ROW_IN * rows)
    fig.legend(handles, labels, loc="lower center", ncol=_LEGEND_COLUMNS, frameon=False)
    finish(fig, t("plan.chart.power"))
    fig.tight_layout(rect=(0, (_LEGEND_ROW_IN * rows + _LEGEND_PAD_IN) / fig.get_figheight(), 1, 1))
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
        ax.legend(loc="upper right")
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
