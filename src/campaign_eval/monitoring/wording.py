"""How the monitoring report names things and writes numbers, and its alert sentences.

Every label key is written out here in full (the mappings below), never built from parts.
``Wording(language, value_labels)`` turns a step, rate, channel, segment or arm into its label (a
value the package has no label for takes its display form, ``campaign.value_labels`` first),
writes every number through ``report.format.Formatter``, and writes the sentence of each alert.
The view and the charts use it; ``export`` uses it for the alert sentences stored in
``monitoring.json``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from campaign_eval import artifacts
from campaign_eval.conventions import ALL_SEGMENTS
from campaign_eval.monitoring.funnel import UNASSIGNED
from campaign_eval.monitoring.result import (
    Alert,
    By,
    Contamination,
    DeliveryDrop,
    Freshness,
    RateBreach,
    RateEstimate,
    SampleRatioCheck,
    TargetStatus,
)
from campaign_eval.report.format import P_FLOOR, Formatter, Language
from campaign_eval.report.labels import ARM_KEYS, SEGMENT_KEYS, display_value, text

STEP_KEYS = {
    "invited": "mon.step.invited",
    "delivered": "mon.step.delivered",
    "opened": "mon.step.opened",
    "clicked": "mon.step.clicked",
    "registered": "mon.step.registered",
    "attended": "mon.step.attended",
    "cancelled": "mon.step.cancelled",
}
"""Funnel event -> its name."""
METRIC_KEYS = {
    "delivery_rate": "mon.rate.delivery_rate",
    "open_rate": "mon.rate.open_rate",
    "click_rate": "mon.rate.click_rate",
    "ctr": "mon.rate.ctr",
    "registration_rate": "mon.rate.registration_rate",
    "attendance_rate": "mon.rate.attendance_rate",
    "participation_rate": "mon.rate.participation_rate",
    "invited": "mon.rate.invited",
    "registered": "mon.rate.registered",
    "attended": "mon.rate.attended",
}
"""Rate or target metric -> its name."""
CHANNEL_KEYS = {"email": "mon.channel.email", "sms": "mon.channel.sms", "call": "mon.channel.call"}
"""Channel -> its name; other channels are shown as the data writes them."""
BY_KEYS = {"channel": "mon.by.channel", "segment": "mon.by.segment"}
"""Grouping -> the name of its column."""
INCIDENT_KEYS = {
    "cancelled": "mon.incident.cancelled",
    "equipment": "mon.incident.equipment",
    "delay": "mon.incident.delay",
    "other": "mon.incident.other",
}
"""Incident kind -> its name."""
STATE_KEYS = {
    "on_track": "mon.state.on_track",
    "at_risk": "mon.state.at_risk",
    "behind": "mon.state.behind",
    "no_data": "mon.state.no_data",
}
"""Target status -> its name."""
SEVERITY_KEYS = {"critical": "mon.severity.critical", "warning": "mon.severity.warning"}
"""Alert severity -> its name."""
_TARGET_ALERT_KEYS = {
    "behind": "mon.alert.target_behind",
    "at_risk": "mon.alert.target_at_risk",
}
_TARGET_MISSED_KEY = "mon.alert.target_missed"
"""Once the event day is over, a target behind or at risk was missed."""


class Wording:
    """Names, numbers and alert sentences of the monitoring report in one language.

    Attributes:
        language: The report language.
        value_labels: The analyst's display names of data values (``campaign.value_labels``).
        f: The formatter every number goes through.
    """

    def __init__(self, language: Language, value_labels: Mapping[str, str] | None = None) -> None:
        self.language: Language = language
        self.value_labels: Mapping[str, str] = dict(value_labels or {})
        self.f = Formatter(language)

    def t(self, key: str, **values: object) -> str:
        """The label ``key`` with its placeholders filled."""
        return text(key, self.language, **values)

    # ---- names ---------------------------------------------------------------------------------

    def step(self, step: str) -> str:
        """A funnel event's name."""
        return self.t(STEP_KEYS[step])

    def metric(self, name: str) -> str:
        """A rate's or a target metric's name."""
        return self.t(METRIC_KEYS[name])

    def value(self, value: object) -> str:
        """A data value the package has no label for, in its display form."""
        return display_value(value, self.value_labels, self.language)

    def channel(self, channel: str) -> str:
        """A channel's name (``all``: all channels): the analyst's, ours, or its display form.

        A channel is a value of the data, so ``campaign.value_labels`` may rename even the ones
        the package names (``sms``, ``email``, ``call``).
        """
        if channel == ALL_SEGMENTS:
            return self.t("mon.all_channels")
        key = CHANNEL_KEYS.get(channel)
        return self.value(channel) if key is None or channel in self.value_labels else self.t(key)

    def segment(self, segment: str | None) -> str:
        """A segment's name (None or ``all``: all targeted); others in their display form."""
        if segment == UNASSIGNED:
            return self.t("mon.unassigned")
        key = SEGMENT_KEYS.get(segment or ALL_SEGMENTS)
        return self.value(segment) if key is None else self.t(key)

    def arm(self, arm: str) -> str:
        """An arm's name; an arm the plan did not name in its display form."""
        key = ARM_KEYS.get(arm)
        return self.value(arm) if key is None else self.t(key)

    def group(self, by: By, group: str) -> str:
        """A channel's or a segment's name."""
        return self.channel(group) if by == "channel" else self.segment(group)

    def target(self, status: TargetStatus) -> str:
        """A target in words, e.g. 'Participation rate, New'."""
        return self.metric(status.metric) + self.t("mon.sep") + self.segment(status.segment)

    # ---- numbers -------------------------------------------------------------------------------

    def count(self, n: object) -> str:
        """A count of customers, contacts, days or answers."""
        return self.f.number(n)

    def pct(self, x: object) -> str:
        """A fraction as a percentage."""
        return self.f.pct(x)

    def rate(self, estimate: RateEstimate) -> str:
        """A rate with its interval, e.g. '45.2% (41.0% to 49.5%)'; n/a without a denominator."""
        if estimate.n == 0:
            return self.t("word.not_applicable")
        ci = self.f.ci(estimate.ci_low, estimate.ci_high, pct=True)
        return f"{self.pct(estimate.value)} ({ci})"

    def p(self, p: float) -> str:
        """A p-value in a sentence: 'p = 0.012' or 'p <0.001' (no-break spaces after p)."""
        key = "mon.p_below" if p < P_FLOOR else "mon.p_equals"
        return self.t(key, p=self.f.p(p))

    def target_value(self, status: TargetStatus, value: float) -> str:
        """A target's value: a count, or a rate as a percentage."""
        return self.f.number(value) if status.is_count else self.pct(value)

    # ---- alert sentences -----------------------------------------------------------------------

    def alert(self, alert: Alert, *, event: dt.date, level: int, event_passed: bool = False) -> str:
        """The sentence of ``alert``: what happened, with the numbers behind it.

        Args:
            alert: The alert.
            event: The event day (targets are projected to it).
            level: The confidence level of the intervals, in percent.
            event_passed: Whether the as-of day is the event day or later (a target short of
                its goal was then missed, not projected to be).
        """
        detail = alert.detail
        if isinstance(detail, RateBreach):
            return self._rate_breach(detail, level)
        if isinstance(detail, DeliveryDrop):
            return self._delivery_drop(detail)
        if isinstance(detail, SampleRatioCheck):
            return self._sample_ratio(detail)
        if isinstance(detail, Contamination):
            return self.t(
                "mon.alert.contamination",
                count=self.count(detail.count),
                arm=self.arm(detail.arm),
                file=artifacts.CONTAMINATION_CSV,
            )
        if isinstance(detail, Freshness):
            return self._stale(detail)
        return self._target(detail, event, missed=event_passed)

    def _rate_breach(self, breach: RateBreach, level: int) -> str:
        return self.t(
            "mon.alert.rate_clear" if breach.clear else "mon.alert.rate",
            channel=self.channel(breach.channel),
            rate=self.metric(breach.estimate.name),
            value=self.rate(breach.estimate),
            threshold=self.pct(breach.threshold),
            n=self.count(breach.estimate.n),
            level=self.count(level),
        )

    def _delivery_drop(self, drop: DeliveryDrop) -> str:
        return self.t(
            "mon.alert.delivery_drop",
            channel=self.channel(drop.channel),
            start=drop.start.isoformat(),
            end=drop.end.isoformat(),
            recent=self.pct(drop.rate_recent),
            earlier=self.pct(drop.rate_earlier),
            n_recent=self.count(drop.n_recent),
            n_earlier=self.count(drop.n_earlier),
            p=self.p(drop.p_value),
        )

    def _sample_ratio(self, check: SampleRatioCheck) -> str:
        res = check.result
        split = self.t("mon.sep").join(
            self.t("mon.arm_split", arm=self.arm(a), observed=self.pct(o), planned=self.pct(e))
            for a, o, e in zip(res.arms, res.observed_shares, res.expected_shares, strict=True)
        )
        return self.t(
            "mon.alert.srm", segment=self.segment(check.segment), split=split, p=self.p(res.p_value)
        )

    def _stale(self, fresh: Freshness) -> str:
        return self.t(
            "mon.alert.stale",
            newest=fresh.newest.isoformat() if fresh.newest else "",
            reference=fresh.reference.isoformat(),
            lag=self.count(fresh.lag_days),
            limit=self.count(fresh.limit_days),
        )

    def _target(self, status: TargetStatus, event: dt.date, *, missed: bool) -> str:
        return self.t(
            _TARGET_MISSED_KEY if missed else _TARGET_ALERT_KEYS[status.status],
            target=self.target(status),
            projected=self.target_value(status, status.projected),
            goal=self.target_value(status, status.target),
            event=event.isoformat(),
            actual=self.target_value(status, status.actual),
        )
