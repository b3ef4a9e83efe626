"""Charts of the monitoring stage; each returns None when it has nothing to show."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure

from campaign_eval.monitoring import ALL, CANCELLED, INCIDENT_KINDS, SCORES, STEPS
from campaign_eval.report.charts import finish, new_figure, new_grid

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from campaign_eval.monitoring import MonitoringOutcome

CHANNEL_RATES = ("delivery_rate", "open_rate", "click_rate", "registration_rate")
"""The four rates drawn per channel: one panel each."""
_DATE_FORMAT = "%m-%d"
_MARGIN = 0.15
"""Room to the right of the longest bar for its label."""
_PANEL_HEIGHT_IN = 2.4
_MIN_HEIGHT_IN = 3.0
_PROGRESS_HEIGHT_IN = 5.2
"""Taller than the default: the legend sits below the axes."""


def _date_axis(ax: Axes, start: dt.date, end: dt.date) -> None:
    half_day = pd.Timedelta(hours=12)
    ax.set_xlim(pd.Timestamp(start) - half_day, pd.Timestamp(end) + half_day)
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=8))
    ax.xaxis.set_major_formatter(mdates.DateFormatter(_DATE_FORMAT))
    ax.set_xlabel("")


def funnel(outcome: MonitoringOutcome) -> Figure | None:
    """Horizontal funnel: customers at each step over all channels, with their share of invited."""
    if not outcome.ready:
        return None
    totals = outcome.funnel_totals()
    counts = np.array([totals[s] for s in STEPS], dtype=float)
    labels = [outcome.t(f"mon.step.{s}") for s in STEPS]
    fig, ax = new_figure()
    sns.barplot(x=counts, y=labels, hue=labels, legend=False, ax=ax, orient="h")
    invited = max(counts[0], 1.0)
    for container, count in zip(ax.containers, counts, strict=True):
        text = outcome.t(
            "mon.chart.of_invited", count=outcome.number(count), share=outcome.pct(count / invited)
        )
        ax.bar_label(container, labels=[text], padding=3)
    ax.set_xlabel(outcome.t("word.customers"))
    ax.set_ylabel("")
    ax.margins(x=0.35)
    return finish(fig, outcome.t("mon.chart.funnel"))


def channel_rates(outcome: MonitoringOutcome) -> Figure | None:
    """One panel per rate: each channel's rate with its Wilson interval and its alert threshold."""
    if not outcome.ready:
        return None
    rates = {k: v for k, v in outcome.rates("channel").items() if k != ALL}
    channels = list(rates)
    mon = outcome.ctx.params.monitoring
    fig, axes = new_grid(2, 2, height=max(_MIN_HEIGHT_IN, _PANEL_HEIGHT_IN * 2))
    colors = sns.color_palette(n_colors=len(channels))
    y = np.arange(len(channels))
    for ax, name in zip(axes.flat, CHANNEL_RATES, strict=True):
        for k, channel in enumerate(channels):
            est = rates[channel][name]
            if est.n == 0:
                continue
            # Wilson bounds at 0% or 100% can miss the estimate by a rounding error
            err = [[max(est.value - est.ci_low, 0.0)], [max(est.ci_high - est.value, 0.0)]]
            ax.errorbar(est.value, k, xerr=err, fmt="o", color=colors[k], capsize=4)
            threshold = mon.channel_threshold(channel, name)
            if threshold is not None:
                ax.plot([threshold, threshold], [k - 0.3, k + 0.3], color="0.3", linestyle="--")
        ax.set_yticks(y, [outcome.channel_label(c) for c in channels])
        ax.set_ylim(len(channels) - 0.5, -0.5)
        ax.set_xlim(0, 1.05)
        ax.xaxis.set_major_formatter(lambda v, _pos: outcome.pct(v).replace(".0%", "%"))
        ax.set_title(outcome.t(f"mon.rate.{name}"))
    level = round(100 * (1 - mon.alpha))
    return finish(fig, outcome.t("mon.chart.rates", level=level))


def delivery_by_day(outcome: MonitoringOutcome) -> Figure | None:
    """Delivery rate of each channel by day of invitation (a sending outage shows as a drop)."""
    frame = outcome.counts.delivery
    if not outcome.ready or frame.empty:
        return None
    fig, ax = new_figure()
    for channel, rows in frame.groupby("channel"):
        rate = rows["delivered"] / rows["invited"]
        ax.plot(rows["day"], rate, marker="o", label=outcome.channel_label(str(channel)))
    _date_axis(ax, frame["day"].min().date(), frame["day"].max().date())
    ax.set_ylim(0, 1.05)
    ax.yaxis.set_major_formatter(lambda v, _pos: outcome.pct(v).replace(".0%", "%"))
    ax.set_ylabel(outcome.t("mon.rate.delivery_rate"))
    ax.legend(loc="lower left")
    return finish(fig, outcome.t("mon.chart.delivery_daily"))


def progress(outcome: MonitoringOutcome) -> Figure | None:
    """Cumulative customers at each step from the campaign start to the as-of day."""
    if not outcome.ready:
        return None
    cumulative = outcome.cumulative()
    event = outcome.ctx.params.campaign.event
    fig, ax = new_figure(height=_PROGRESS_HEIGHT_IN)
    for step in STEPS:
        ax.plot(cumulative.index, cumulative[step], label=outcome.t(f"mon.step.{step}"))
    ax.axvline(pd.Timestamp(event), color="0.3", linestyle="--", linewidth=1)
    ax.annotate(
        outcome.t("mon.chart.event"),
        xy=(pd.Timestamp(event), 1),
        xycoords=("data", "axes fraction"),
        ha="right",
        va="bottom",
        fontsize="small",
        color="0.3",
    )
    _date_axis(ax, cumulative.index[0].date(), max(event, outcome.as_of))
    ax.set_ylabel(outcome.t("word.customers"))
    ax.set_ylim(bottom=0)
    # below the axes: the lines fill the upper left, where a legend would hide them
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), fontsize="small", ncols=3)
    return finish(fig, outcome.t("mon.chart.progress"))


def participation_mix(outcome: MonitoringOutcome) -> Figure | None:
    """Each segment's share of the invited against its share of attendees (or registrations)."""
    if not outcome.ready:
        return None
    counts = outcome.group_counts("segment").drop(index=ALL)
    step = outcome.mix_step
    totals = counts[["invited", step]].sum().replace(0, 1)
    shares = counts[["invited", step]] / totals
    shares.index = [outcome.segment_label(s) for s in shares.index]
    long = shares.rename(
        columns={"invited": outcome.t("mon.step.invited"), step: outcome.t(f"mon.step.{step}")}
    ).melt(ignore_index=False, var_name="what", value_name="share")
    fig, ax = new_figure(height=max(_MIN_HEIGHT_IN, 0.8 * len(counts) + 1.5))
    sns.barplot(long.reset_index(), x="share", y="index", hue="what", orient="h", ax=ax)
    ax.xaxis.set_major_formatter(lambda v, _pos: outcome.pct(v).replace(".0%", "%"))
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.legend(title="", loc="lower right")
    title = outcome.t("mon.chart.mix", step=outcome.t(f"mon.step.{step}"))
    return finish(fig, title)


def onsite_scores(outcome: MonitoringOutcome) -> Figure | None:
    """Answers per on-site score, 1 to 5; None before the event or without answers."""
    if not outcome.ready or not outcome.event_passed:
        return None
    scores = outcome.counts.scores.set_index("score")["n"].reindex(SCORES, fill_value=0)
    if scores.sum() == 0:
        return None
    fig, ax = new_figure(height=_MIN_HEIGHT_IN)
    color = sns.color_palette()[0]
    sns.barplot(x=[str(s) for s in SCORES], y=scores.to_numpy(), ax=ax, color=color)
    for container in ax.containers:
        ax.bar_label(container, fmt="{:,.0f}", padding=2)
    ax.set_xlabel(outcome.t("mon.score"))
    ax.set_ylabel(outcome.t("mon.answers"))
    ax.margins(y=0.15)
    return finish(fig, outcome.t("mon.chart.scores"))


def incidents_timeline(outcome: MonitoringOutcome) -> Figure | None:
    """Cancellations per day as bars, logged incidents as markers on their day."""
    daily = outcome.counts.daily
    cancels = daily[daily["step"] == CANCELLED].groupby("day")["n"].sum()
    logged = outcome.logged_incidents()
    if cancels.empty and not logged:
        return None
    start = min(outcome.ctx.params.campaign.start, outcome.as_of)
    end = max(outcome.ctx.params.campaign.event, outcome.as_of)
    fig, ax = new_figure()
    if not cancels.empty:
        label = outcome.t("mon.incident.cancelled")
        color = sns.color_palette()[0]
        ax.bar(cancels.index, cancels.to_numpy(), width=0.8, label=label, color=color)
    markers = dict(zip(INCIDENT_KINDS, ("X", "s", "D"), strict=True))
    colors = dict(zip(INCIDENT_KINDS, sns.color_palette()[1:4], strict=True))
    for offset, kind in enumerate(INCIDENT_KINDS):
        entries = [i for i in logged if i.kind == kind]
        if entries:
            # kinds side by side, so two incidents of one day never hide each other
            shift = pd.Timedelta(hours=6 * (offset - 1))
            ax.scatter(
                [pd.Timestamp(i.date) + shift for i in entries],
                [i.count for i in entries],
                marker=markers[kind],
                s=80,
                color=colors[kind],
                label=outcome.t(f"mon.incident.{kind}"),
                zorder=3,
            )
    _date_axis(ax, start, end)
    ax.set_ylabel(outcome.t("mon.count"))
    ax.set_ylim(bottom=0)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="upper left", fontsize="small")
    return finish(fig, outcome.t("mon.chart.incidents"))
