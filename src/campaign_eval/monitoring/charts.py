"""Charts of the monitoring report: ``(result, language, value_labels) -> Figure``, or None.

None when there is nothing to show. Words come from the labels and numbers from ``report.format``
(through ``wording.Wording``; ``value_labels`` are the display names of data values such as
channels, ``campaign.value_labels``); the style (phone width, font, palette, axes of counts and
rates) from ``report.charts``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.container import BarContainer
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from campaign_eval.monitoring.feedback import SCORES, answers_per_score
from campaign_eval.monitoring.funnel import CANCELLED, STEPS, channels
from campaign_eval.monitoring.incidents import INCIDENT_KINDS
from campaign_eval.monitoring.wording import INCIDENT_KEYS, Wording
from campaign_eval.report.charts import finish, new_figure, new_grid, number_axis, rate_axis
from campaign_eval.report.format import Language

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from campaign_eval.monitoring.result import MonitoringResult

CHANNEL_RATES = ("delivery_rate", "open_rate", "click_rate", "registration_rate")
"""The four rates drawn per channel: one panel each."""
MIX_TITLE_KEYS = {"attended": "mon.chart.mix.attended", "registered": "mon.chart.mix.registered"}
"""The participation step -> the title of the segment mix chart."""
_DATE_FORMAT = "%m-%d"
_PANEL_HEIGHT_IN = 2.4
_MIN_HEIGHT_IN = 3.0
_PROGRESS_HEIGHT_IN = 5.2
"""Taller than the default: the legend sits below the axes (progress, incidents)."""


def _date_axis(ax: Axes, start: dt.date, end: dt.date) -> None:
    half_day = pd.Timedelta(hours=12)
    ax.set_xlim(pd.Timestamp(start) - half_day, pd.Timestamp(end) + half_day)
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=8))
    ax.xaxis.set_major_formatter(mdates.DateFormatter(_DATE_FORMAT))
    ax.set_xlabel("")


def _bars(ax: Axes) -> list[BarContainer]:
    """The bar groups drawn on ``ax``, in drawing order."""
    return [c for c in ax.containers if isinstance(c, BarContainer)]


def funnel(
    result: MonitoringResult, language: Language, value_labels: Mapping[str, str] | None = None
) -> Figure | None:
    """Horizontal funnel: customers at each step over all channels, with their share of invited."""
    if not result.ready:
        return None
    w = Wording(language, value_labels)
    counts = np.array([result.funnel.totals[s] for s in STEPS], dtype=float)
    labels = [w.step(s) for s in STEPS]
    fig, ax = new_figure()
    sns.barplot(x=counts, y=labels, hue=labels, legend=False, ax=ax, orient="h")
    invited = max(counts[0], 1.0)
    for container, count in zip(_bars(ax), counts, strict=True):
        text = w.t("mon.chart.of_invited", count=w.count(count), share=w.pct(count / invited))
        ax.bar_label(container, labels=[text], padding=3)
    ax.set_xlabel(w.t("word.customers"))
    ax.set_ylabel("")
    ax.margins(x=0.35)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))  # the bars carry their counts
    number_axis(ax, "x", w.f)
    return finish(fig, w.t("mon.chart.funnel"))


def channel_rates(
    result: MonitoringResult, language: Language, value_labels: Mapping[str, str] | None = None
) -> Figure | None:
    """One panel per rate: each channel's rate with its Wilson interval and its alert threshold."""
    if not result.ready:
        return None
    w = Wording(language, value_labels)
    names = channels(result.funnel)
    fig, axes = new_grid(2, 2, height=max(_MIN_HEIGHT_IN, _PANEL_HEIGHT_IN * 2))
    colors = sns.color_palette(n_colors=len(names))
    for ax, rate in zip(axes.flat, CHANNEL_RATES, strict=True):
        for k, channel in enumerate(names):
            est = result.funnel.channel_rates[channel][rate]
            if est.n == 0:
                continue
            # Wilson bounds at 0% or 100% can miss the estimate by a rounding error
            err = [[max(est.value - est.ci_low, 0.0)], [max(est.ci_high - est.value, 0.0)]]
            ax.errorbar(est.value, k, xerr=err, fmt="o", color=colors[k], capsize=4)
            threshold = result.thresholds[channel][rate]
            if threshold is not None:
                ax.plot([threshold, threshold], [k - 0.3, k + 0.3], color="0.3", linestyle="--")
        ax.set_yticks(np.arange(len(names)), [w.channel(c) for c in names])
        ax.set_ylim(len(names) - 0.5, -0.5)
        ax.set_xlim(0, 1.05)
        rate_axis(ax, "x", language)
        ax.set_title(w.metric(rate))
    return finish(fig, w.t("mon.chart.rates", level=w.count(result.level)))


def delivery_by_day(
    result: MonitoringResult, language: Language, value_labels: Mapping[str, str] | None = None
) -> Figure | None:
    """Delivery rate of each channel by day of invitation (a sending outage shows as a drop)."""
    frame = result.counts.delivery
    if not result.ready or frame.empty:
        return None
    w = Wording(language, value_labels)
    fig, ax = new_figure()
    for channel, rows in frame.groupby("channel"):
        rate = rows["delivered"] / rows["invited"]
        ax.plot(rows["day"], rate, marker="o", label=w.channel(str(channel)))
    _date_axis(ax, frame["day"].min().date(), frame["day"].max().date())
    ax.set_ylim(0, 1.05)
    rate_axis(ax, "y", language)
    ax.set_ylabel(w.metric("delivery_rate"))
    ax.legend(loc="lower left")
    return finish(fig, w.t("mon.chart.delivery_daily"))


def progress(
    result: MonitoringResult, language: Language, value_labels: Mapping[str, str] | None = None
) -> Figure | None:
    """Cumulative customers at each step from the campaign start to the as-of day."""
    if not result.ready:
        return None
    w = Wording(language, value_labels)
    cumulative = result.cumulative
    event = pd.Timestamp(result.event_day)
    fig, ax = new_figure(height=_PROGRESS_HEIGHT_IN)
    for step in STEPS:
        ax.plot(cumulative.index, cumulative[step], label=w.step(step))
    ax.axvline(event, color="0.3", linestyle="--", linewidth=1)
    ax.annotate(
        w.t("mon.chart.event"),
        xy=(event, 1),
        xycoords=("data", "axes fraction"),
        ha="right",
        va="bottom",
        fontsize="small",
        color="0.3",
    )
    _date_axis(ax, cumulative.index[0].date(), max(result.event_day, result.as_of))
    ax.set_ylabel(w.t("word.customers"))
    ax.set_ylim(bottom=0)
    number_axis(ax, "y", w.f)
    # below the axes: the lines fill the upper left, where a legend would hide them
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), fontsize="small", ncols=3)
    return finish(fig, w.t("mon.chart.progress"))


def participation_mix(
    result: MonitoringResult, language: Language, value_labels: Mapping[str, str] | None = None
) -> Figure | None:
    """Each segment's share of the invited against its share of attendees (or registrations)."""
    if not result.ready:
        return None
    w = Wording(language, value_labels)
    mix = result.participation
    invited, reached = w.step("invited"), w.step(mix.step)
    long = pd.DataFrame(
        {
            "segment": [w.segment(m.segment) for m in mix.segments for _ in (0, 1)],
            "what": [label for _ in mix.segments for label in (invited, reached)],
            "share": [x for m in mix.segments for x in (m.invited_share, m.reached_share)],
        }
    )
    height = max(_MIN_HEIGHT_IN, 0.8 * len(mix.segments) + 1.5)
    fig, ax = new_figure(height=height)
    sns.barplot(long, x="share", y="segment", hue="what", orient="h", ax=ax)
    rate_axis(ax, "x", language)
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.legend(title="", loc="lower right")
    return finish(fig, w.t(MIX_TITLE_KEYS[mix.step]))


def onsite_scores(
    result: MonitoringResult, language: Language, value_labels: Mapping[str, str] | None = None
) -> Figure | None:
    """Answers per on-site score, 1 to 5; None before the event or without answers."""
    if not result.ready or not result.event_passed:
        return None
    answers = answers_per_score(result.feedback)
    if answers.sum() == 0:
        return None
    w = Wording(language, value_labels)
    fig, ax = new_figure(height=_MIN_HEIGHT_IN)
    color = sns.color_palette()[0]
    sns.barplot(x=[str(s) for s in SCORES], y=answers.to_numpy(), ax=ax, color=color)
    for container in _bars(ax):
        ax.bar_label(container, labels=[w.count(n) for n in answers.to_numpy()], padding=2)
    ax.set_xlabel(w.t("mon.score"))
    ax.set_ylabel(w.t("mon.answers"))
    ax.margins(y=0.15)
    number_axis(ax, "y", w.f)
    return finish(fig, w.t("mon.chart.scores"))


def _incidents_per_day(result: MonitoringResult) -> pd.DataFrame:
    """Per day: cancellations, then each kind of logged incident (kinds with none left out)."""
    daily = result.counts.daily
    columns = {CANCELLED: daily[daily["step"] == CANCELLED].groupby("day")["n"].sum()}
    for kind in INCIDENT_KINDS:
        entries = [i for i in result.incidents.logged if i.kind == kind]
        days = pd.DatetimeIndex([pd.Timestamp(i.date) for i in entries])
        columns[kind] = pd.Series([i.count for i in entries], index=days, dtype="int64")
    table = pd.DataFrame(columns).groupby(level=0).sum().sort_index()
    return table.loc[:, table.sum() > 0]


def incidents_timeline(
    result: MonitoringResult, language: Language, value_labels: Mapping[str, str] | None = None
) -> Figure | None:
    """Cancellations and logged incidents per day, as stacked bars (one colour per kind)."""
    table = _incidents_per_day(result)
    if table.empty:
        return None
    w = Wording(language, value_labels)
    fig, ax = new_figure(height=_PROGRESS_HEIGHT_IN)
    palette = sns.color_palette()
    bottom = np.zeros(len(table))
    for k, kind in enumerate(table.columns):
        heights = table[kind].to_numpy(dtype=float)
        label = w.t(INCIDENT_KEYS[kind])
        ax.bar(table.index, heights, width=0.8, bottom=bottom, label=label, color=palette[k])
        bottom += heights
    start = min(result.campaign_start, result.as_of)
    _date_axis(ax, start, max(result.event_day, result.as_of))
    ax.set_ylabel(w.t("mon.count"))
    ax.set_ylim(bottom=0)
    locator = ax.yaxis.get_major_locator()
    if isinstance(locator, MaxNLocator):
        locator.set_params(integer=True)
    number_axis(ax, "y", w.f)
    # below the axes: tall days fill any corner a legend could take
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), fontsize="small", ncols=2)
    return finish(fig, w.t("mon.chart.incidents"))
