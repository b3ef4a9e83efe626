"""The monitoring report's answer: what needs action now, and where the funnel stands.

The block a manager reads first (``report.html.answer``): the critical alerts ("act now") as short
sentences in plain words, each saying what to do, then the warnings ("watch"); the funnel's state
in three numbers; and a tone (bad: something to act on, mixed: only things to watch, good:
nothing, neutral: nothing to monitor yet). The alerts' full sentences, with intervals and
p-values, stay in the report's alerts section.
"""

from __future__ import annotations

from campaign_eval import artifacts
from campaign_eval.monitoring.result import (
    Alert,
    Contamination,
    DeliveryDrop,
    Freshness,
    MonitoringResult,
    RateBreach,
    SampleRatioCheck,
    TargetStatus,
)
from campaign_eval.monitoring.wording import Wording
from campaign_eval.report.html import KeyFigure, Tone

RATE_ACTION_KEYS = {
    "delivery_rate": "mon.act.rate.delivery_rate",
    "open_rate": "mon.act.rate.open_rate",
    "click_rate": "mon.act.rate.click_rate",
    "ctr": "mon.act.rate.ctr",
    "registration_rate": "mon.act.rate.registration_rate",
    "attendance_rate": "mon.act.rate.attendance_rate",
}
"""A channel rate under its threshold -> what it means and what to do."""
TARGET_ACTION_KEYS = {
    ("behind", True): "mon.act.target_behind.count",
    ("behind", False): "mon.act.target_behind.rate",
    ("at_risk", True): "mon.act.target_at_risk",
    ("at_risk", False): "mon.act.target_at_risk",
}
"""(status, is a count) of a target the pace will miss -> what to do before the event day.

More invitations raise a count; a rate (of those invited) rises only by following them up."""
NOTHING_KEYS = {
    "no_contacts_table": "mon.nothing.no_contacts_table",
    "empty": "mon.nothing.empty",
    "not_yet": "mon.nothing.not_yet",
}
"""Why there is nothing to monitor yet -> the sentence saying so."""


def action(alert: Alert, result: MonitoringResult, w: Wording) -> str:
    """What ``alert`` means and what to do about it, in one or two short sentences."""
    detail = alert.detail
    if isinstance(detail, RateBreach):
        return w.t(
            RATE_ACTION_KEYS[detail.estimate.name],
            channel=w.channel(detail.channel),
            value=w.pct(detail.estimate.value),
            threshold=w.pct(detail.threshold),
        )
    if isinstance(detail, DeliveryDrop):
        return w.t(
            "mon.act.delivery_drop",
            channel=w.channel(detail.channel),
            recent=w.pct(detail.rate_recent),
            earlier=w.pct(detail.rate_earlier),
            start=detail.start.isoformat(),
            end=detail.end.isoformat(),
        )
    if isinstance(detail, SampleRatioCheck):
        return w.t("mon.act.srm", segment=w.segment(detail.segment))
    if isinstance(detail, Contamination):
        count = w.count(detail.count)
        return w.t("mon.act.contamination", count=count, file=artifacts.CONTAMINATION_CSV)
    if isinstance(detail, Freshness):
        newest = detail.newest.isoformat() if detail.newest else ""
        return w.t("mon.act.stale", newest=newest, lag=w.count(detail.lag_days))
    return _target_action(detail, result, w)


def _target_action(status: TargetStatus, result: MonitoringResult, w: Wording) -> str:
    if result.event_passed:
        key = "mon.act.target_missed"
    else:
        key = TARGET_ACTION_KEYS[status.status, status.is_count]
    return w.t(
        key,
        target=w.target(status),
        projected=w.target_value(status, status.projected),
        actual=w.target_value(status, status.actual),
        goal=w.target_value(status, status.target),
    )


def _items(alerts: list[Alert], result: MonitoringResult, w: Wording) -> list[str]:
    return [
        w.t("mon.answer.item", n=w.count(n), text=action(a, result, w))
        for n, a in enumerate(alerts, start=1)
    ]


def headline(result: MonitoringResult, w: Wording) -> str:
    """The answer: the alerts to act on now, one per line (else those to watch, else none)."""
    critical = [a for a in result.alerts if a.severity == "critical"]
    watch = [a for a in result.alerts if a.severity == "warning"]
    if critical:
        many = len(critical) > 1
        lead = w.t("mon.answer.act_many" if many else "mon.answer.act_one", count=len(critical))
        return "\n".join([lead, *_items(critical, result, w)])
    if watch:
        many = len(watch) > 1
        lead = w.t("mon.answer.watch_many" if many else "mon.answer.watch_one", count=len(watch))
        return "\n".join([lead, *_items(watch, result, w)])
    if not result.ready:
        return w.t(NOTHING_KEYS[result.status], as_of=result.as_of.isoformat())
    return w.t("mon.answer.clear")


def note(result: MonitoringResult, w: Wording) -> str | None:
    """The alerts to watch beside those to act on, or why there is nothing to monitor yet."""
    critical = any(a.severity == "critical" for a in result.alerts)
    watch = [a for a in result.alerts if a.severity == "warning"]
    lines = []
    if critical and watch:
        lines += [w.t("mon.answer.also_watch"), *_items(watch, result, w)]
    if result.alerts and not result.ready:
        lines.append(w.t(NOTHING_KEYS[result.status], as_of=result.as_of.isoformat()))
    return "\n".join(lines) or None


def figures(result: MonitoringResult, w: Wording) -> list[KeyFigure]:
    """The funnel in three numbers: invited, registered, then attended (or days to the event)."""
    if not result.ready:
        return []
    totals = result.funnel.totals
    invited = totals["invited"]

    def of_invited(step: str) -> str | None:
        share = w.pct(totals[step] / invited) if invited else None
        return None if share is None else w.t("mon.kf.of_invited", share=share)

    shown = [
        KeyFigure(w.step("invited"), w.count(invited)),
        KeyFigure(w.step("registered"), w.count(totals["registered"]), of_invited("registered")),
    ]
    if result.event_passed:
        shown.append(
            KeyFigure(w.step("attended"), w.count(totals["attended"]), of_invited("attended"))
        )
    else:
        days = (result.event_day - result.as_of).days
        event = w.t("mon.kf.event_on", event=result.event_day.isoformat())
        shown.append(KeyFigure(w.t("mon.kf.days_left"), w.count(days), event))
    return shown


def tone(result: MonitoringResult) -> Tone:
    """bad: something to act on; mixed: only things to watch; good: nothing; neutral: no data."""
    if any(a.severity == "critical" for a in result.alerts):
        return "bad"
    if result.alerts:
        return "mixed"
    return "good" if result.ready else "neutral"
