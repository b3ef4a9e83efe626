"""What each chart of the report shows, with its key number: the images' alt text.

A reader who cannot see a chart (a screen reader, a picture that did not load, a text-only copy)
gets the chart's message in a sentence: one function per chart of ``charts``, each
``(result, w) -> str``, called only when the chart is drawn.
"""

from __future__ import annotations

import pandas as pd

from campaign_eval.monitoring.charts import CHANNEL_RATES
from campaign_eval.monitoring.funnel import CANCELLED, channels
from campaign_eval.monitoring.result import MonitoringResult
from campaign_eval.monitoring.wording import Wording

MIX_KEYS = {"attended": "mon.alt.mix.attended", "registered": "mon.alt.mix.registered"}
"""The participation step -> the alt text of the segment mix chart."""


def funnel(result: MonitoringResult, w: Wording) -> str:
    """Customers invited, registered and attended, with their share of the invited."""
    totals = result.funnel.totals
    invited = totals["invited"]

    def share(step: str) -> str:
        return w.pct(totals[step] / invited) if invited else w.t("word.not_applicable")

    return w.t(
        "mon.alt.funnel",
        invited=w.count(invited),
        registered=w.count(totals["registered"]),
        registered_share=share("registered"),
        attended=w.count(totals["attended"]),
        attended_share=share("attended"),
    )


def channel_rates(result: MonitoringResult, w: Wording) -> str:
    """How many of the drawn channel rates are below their alert threshold."""
    below = total = 0
    for channel in channels(result.funnel):
        for rate in CHANNEL_RATES:
            est = result.funnel.channel_rates[channel][rate]
            if est.n == 0:
                continue
            total += 1
            threshold = result.thresholds[channel][rate]
            if threshold is not None and est.value < threshold:
                below += 1
    return w.t("mon.alt.rates", below=w.count(below), total=w.count(total))


def delivery_by_day(result: MonitoringResult, w: Wording) -> str:
    """The lowest daily delivery rate: its channel, day and rate."""
    frame = result.counts.delivery
    rates = frame.assign(rate=frame["delivered"] / frame["invited"]).dropna(subset=["rate"])
    low = rates.loc[rates["rate"].idxmin()]
    return w.t(
        "mon.alt.delivery_daily",
        channel=w.channel(str(low["channel"])),
        day=pd.Timestamp(low["day"]).date().isoformat(),
        rate=w.pct(low["rate"]),
    )


def progress(result: MonitoringResult, w: Wording) -> str:
    """Customers invited, registered and attended by the as-of day."""
    last = result.cumulative.iloc[-1]
    return w.t(
        "mon.alt.progress",
        start=result.cumulative.index[0].date().isoformat(),
        as_of=result.as_of.isoformat(),
        invited=w.count(last["invited"]),
        registered=w.count(last["registered"]),
        attended=w.count(last["attended"]),
        event=result.event_day.isoformat(),
    )


def participation_mix(result: MonitoringResult, w: Wording) -> str:
    """The segment with the largest share of attendees (registrations), against its invited share.

    Called only when the chart is drawn, so there is at least one segment.
    """
    mix = result.participation
    top = max(mix.segments, key=lambda m: (m.reached_share, m.invited_share))
    return w.t(
        MIX_KEYS[mix.step],
        segment=w.segment(top.segment),
        share=w.pct(top.reached_share),
        invited=w.pct(top.invited_share),
    )


def onsite_scores(result: MonitoringResult, w: Wording) -> str:
    """Answers, mean score and the share of 4 and 5."""
    fb = result.feedback
    return w.t("mon.alt.scores", n=w.count(fb.n), mean=w.f.number(fb.mean, 2), csat=w.pct(fb.csat))


def incidents_timeline(result: MonitoringResult, w: Wording) -> str:
    """Cancellations and logged incidents up to the as-of day."""
    logged = sum(i.count for i in result.incidents.logged)
    return w.t(
        "mon.alt.incidents",
        cancelled=w.count(result.funnel.totals[CANCELLED]),
        logged=w.count(logged),
        as_of=result.as_of.isoformat(),
    )
