"""The monitoring stage (03_monitoring): funnel, targets, participation, feedback and alerts.

The report a campaign team reads each morning: funnel, progress against targets, participation,
on-site feedback, incidents, design checks, and every breached rule as an alert at the top.

Counting happens in the engine: the contacts table is grouped by channel, segment and day on
DuckDB (written in narwhals) and only per-group counts reach pandas. Every run writes
``monitoring.json`` (documented in ``docs/monitoring_json.md``), which the next run of the same
campaign reads to show what changed.

Where segments and arms come from, first match wins:

1. ``assignment.parquet`` of the plan stage (this run, else the newest complete earlier run);
2. the ``assignment`` table of the data section (``data.tables.assignment``);
3. ``segments.parquet`` of the segmentation stage (segments only: no design checks);
4. nothing: the funnel is shown by channel only.

The planned arm shares the sample ratio check compares with, first match wins:

1. ``plan.json`` of the plan run whose ``assignment.parquet`` is used (its ``segment_shares``, else
   ``arm_shares``): the split the assignment was drawn with, even when the params changed since
   (skipped when the plan took its assignment from the data's assignment table);
2. ``monitoring.segment_arm_shares`` / ``monitoring.arm_shares`` (a campaign planned elsewhere);
3. the plan params: ``plan.segment_control_share`` / ``plan.control_share``.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

import narwhals as nw
import pandas as pd
from IPython.display import HTML

from campaign_eval import report, stats
from campaign_eval.config.monitoring import COUNT_METRICS, RATE_NAMES, LoggedIncident, Target
from campaign_eval.contract import CONTACT_STEPS, CUSTOMER_ID
from campaign_eval.report.labels import LABELS
from campaign_eval.run import folders as runs
from campaign_eval.run.context import StageContext

MONITORING_JSON = "monitoring.json"
"""Artifact: the run's figures, target statuses and alerts (read by the next monitoring run)."""
CONTAMINATION_CSV = "contamination.csv"
"""Artifact: control customers who were contacted (never shown in the report)."""
FUNNEL_CSV = "funnel_counts.csv"
"""Artifact: funnel counts per channel and segment (aggregates only)."""
ASSIGNMENT_FILE = "assignment.parquet"
"""The plan stage's assignment: customer_id, segment, arm."""
PLAN_JSON = "plan.json"
"""The plan stage's plan, beside its assignment: the planned arm shares."""
SEGMENTS_FILE = "segments.parquet"
"""The segmentation stage's customers with their segment."""
JSON_SCHEMA_VERSION = 1
"""Version of the ``monitoring.json`` layout; bumped on any incompatible change."""

STEPS: tuple[str, ...] = CONTACT_STEPS
"""Funnel steps in order: invited, delivered, opened, clicked, registered, attended."""
CANCELLED = "cancelled"
EVENTS: tuple[str, ...] = (*STEPS, CANCELLED)
"""Every dated event of a contact."""
ALL = "all"
"""Group key of the total over channels or segments."""
UNASSIGNED = "unassigned"
"""Segment and arm of contacted customers missing from the assignment."""
RATES: dict[str, tuple[str, str]] = {
    "delivery_rate": ("delivered", "invited"),
    "open_rate": ("opened", "delivered"),
    "click_rate": ("clicked", "delivered"),
    "ctr": ("clicked", "opened"),
    "registration_rate": ("registered", "invited"),
    "attendance_rate": ("attended", "registered"),
    "participation_rate": ("attended", "invited"),
}
"""Rate -> (numerator step, denominator step), as CONVENTIONS defines them."""
MESSAGE_RATES = ("delivery_rate", "open_rate", "click_rate", "ctr")
"""Rates of the invitation messages."""
EVENT_RATES = ("registration_rate", "attendance_rate", "participation_rate")
"""Rates of registration and attendance."""
SCORES = (1, 2, 3, 4, 5)
"""The on-site satisfaction scale."""
SEGMENT_ORDER = ("core", "growth", "churn_risk", "new", "maintain")
"""Display order of the known segments; other names follow alphabetically."""
INCIDENT_KINDS = ("equipment", "delay", "other")

Status = Literal["ok", "no_contacts_table", "empty", "not_yet"]
GroupSource = Literal["plan", "data", "segments", "none"]
SharesSource = Literal["plan_json", "monitoring_params", "plan_params"]
AsOfSource = Literal["param", "data", "today"]
Severity = Literal["critical", "warning"]
AlertRule = Literal[
    "rate_below_threshold",
    "delivery_drop",
    "sample_ratio_mismatch",
    "contamination",
    "stale_data",
    "target_behind",
    "target_at_risk",
]
TargetState = Literal["on_track", "at_risk", "behind", "no_data"]
By = Literal["channel", "segment"]
RateGroup = Literal["message", "event"]
_BY: tuple[By, ...] = ("channel", "segment")
_RATE_GROUPS: dict[str, tuple[str, ...]] = {"message": MESSAGE_RATES, "event": EVENT_RATES}
_SEVERITY_ORDER = {"critical": 0, "warning": 1}
_MIN_ARMS = 2
_SMALLEST_P = 0.0001
"""p-values below this are shown as '< 0.0001'."""


def _check_choice(name: str, value: object, allowed: Iterable[object]) -> None:
    allowed = tuple(allowed)
    if value not in allowed:
        raise ValueError(f"{name} must be one of {allowed}, got {value!r}")


# --------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True, slots=True)
class RateEstimate:
    """A funnel rate with its Wilson score interval.

    Attributes:
        name: Key of ``RATES``.
        successes: Numerator count.
        n: Denominator count.
        value: ``successes / n`` (capped at 1); NaN when ``n`` is 0.
        ci_low: Lower bound of the interval (NaN when ``n`` is 0).
        ci_high: Upper bound of the interval.
    """

    name: str
    successes: int
    n: int
    value: float
    ci_low: float
    ci_high: float

    def to_json(self) -> dict[str, Any]:
        """The estimate as JSON-ready numbers (null for undefined values)."""
        return {
            "value": _num(self.value),
            "ci_low": _num(self.ci_low),
            "ci_high": _num(self.ci_high),
            "numerator": self.successes,
            "denominator": self.n,
        }


def rate_estimate(name: str, successes: int, n: int, *, alpha: float) -> RateEstimate:
    """The rate ``name`` with a Wilson interval (``stats.wilson_interval``); NaN when ``n`` is 0.

    Tracking can record a click without an open (images blocked), so a numerator above its
    denominator is capped at it for the rate and the interval.

    Example:
        >>> round(rate_estimate("open_rate", 45, 100, alpha=0.05).value, 2)
        0.45
    """
    successes, n = int(successes), int(n)
    if n <= 0:
        return RateEstimate(name, successes, 0, math.nan, math.nan, math.nan)
    interval = stats.wilson_interval(min(successes, n), n, alpha=alpha)
    return RateEstimate(name, successes, n, interval.proportion, interval.ci_low, interval.ci_high)


@dataclass(frozen=True, slots=True)
class Alert:
    """One breached rule, in plain words with the number behind it.

    Attributes:
        rule: Which rule fired.
        severity: ``critical`` (act today) or ``warning`` (watch).
        subject: What it is about, e.g. ``sms/delivery_rate``, a segment, or the control arm.
        message: The sentence in the report language.
        value: The observed number (a fraction for rates).
        threshold: The number it was compared with.
    """

    rule: AlertRule
    severity: Severity
    subject: str
    message: str
    value: float
    threshold: float

    @property
    def key(self) -> str:
        """Identity of the alert across runs: rule and subject."""
        return f"{self.rule}:{self.subject}"

    def to_json(self) -> dict[str, Any]:
        """The alert as a JSON object."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "subject": self.subject,
            "message": self.message,
            "value": _num(self.value),
            "threshold": _num(self.threshold),
        }


@dataclass(frozen=True, slots=True)
class TargetStatus:
    """Where a target stands and where the current pace leads by the event day.

    Attributes:
        target: The target of the params file.
        actual: Its value at the end of the as-of day.
        projected: Its projected value at the end of the event day.
        status: on_track, at_risk, behind, or no_data (nobody in scope yet).
    """

    target: Target
    actual: float
    projected: float
    status: TargetState

    def to_json(self) -> dict[str, Any]:
        """The status as a JSON object."""
        return {
            "metric": self.target.metric,
            "segment": self.target.segment or ALL,
            "target": self.target.target,
            "actual": _num(self.actual),
            "projected": _num(self.projected),
            "status": self.status,
        }


@dataclass(frozen=True, slots=True)
class Freshness:
    """How recent the contact data is.

    Attributes:
        newest: Day of the newest contact event up to the as-of day (None: no event).
        reference: The day data is expected up to: the run day, or the event day once passed.
        limit_days: Data more than this many days behind ``reference`` is stale.
    """

    newest: dt.date | None
    reference: dt.date
    limit_days: int

    @property
    def lag_days(self) -> int | None:
        """Days from the newest event to the reference day (0 when not behind)."""
        return None if self.newest is None else max(0, (self.reference - self.newest).days)

    @property
    def stale(self) -> bool:
        """Whether the data is more than ``limit_days`` behind."""
        return self.lag_days is not None and self.lag_days > self.limit_days


@dataclass(frozen=True, slots=True)
class SampleRatioCheck:
    """The sample ratio test of one segment, or of all assigned customers.

    Attributes:
        segment: The segment, or None for all assigned customers.
        result: The chi-square test against the planned shares (flagged at
            p < ``stats.SRM_ALPHA``).
    """

    segment: str | None
    result: stats.SampleRatioResult


@dataclass(frozen=True, slots=True)
class PlannedSplit:
    """The planned arm shares the sample ratio check uses, and where they come from.

    Attributes:
        source: ``plan_json``, ``monitoring_params`` or ``plan_params`` (see the module
            docstring for the order).
        run_id: The run whose plan.json gave the shares (``plan_json`` only).
        default: Shares of a segment without its own; None when none are known.
        segments: Shares of each segment that has its own.
        params_ignored: ``monitoring.arm_shares`` or ``segment_arm_shares`` are set but the
            plan.json, which records the split actually drawn, was used instead.
    """

    source: SharesSource
    run_id: str | None
    default: dict[str, float] | None
    segments: dict[str, dict[str, float]] = field(default_factory=dict)
    params_ignored: bool = False

    def of(self, segment: str) -> dict[str, float] | None:
        """The planned shares of ``segment``."""
        return self.segments.get(segment, self.default)


@dataclass(frozen=True, slots=True)
class PreviousRun:
    """The last complete monitoring run of the same campaign, as its ``monitoring.json`` says.

    Attributes:
        run_id: Its run folder.
        as_of: Its as-of day (ISO text).
        funnel: Event -> customers (all channels).
        alerts: Alert key -> message.
        compatible: Whether its schema version is the one this code writes.
    """

    run_id: str
    as_of: str
    funnel: dict[str, int]
    alerts: dict[str, str]
    compatible: bool


@dataclass(frozen=True, slots=True)
class Counts:
    """Every per-group count the report needs, aggregated in the engine.

    Attributes:
        channel: ``channel``, ``segment`` and one count column per event (contacts).
        customer: ``segment``, ``arm`` and one count column per event (customers, all
            channels: a customer counts for a step when any of their contacts reached it).
        daily: ``step``, ``segment``, ``day``, ``n``: customers reaching an event for the first
            time that day.
        delivery: ``channel``, ``day`` (of invitation), ``invited``, ``delivered``.
        scores: ``score`` (1-5), ``n``: on-site answers, one per attendee.
        questions: ``attendees``, ``questions`` (asked), ``askers`` (attendees with >= 1).
    """

    channel: pd.DataFrame
    customer: pd.DataFrame
    daily: pd.DataFrame
    delivery: pd.DataFrame
    scores: pd.DataFrame
    questions: dict[str, int]


@dataclass(frozen=True)
class MonitoringOutcome:
    """What the monitoring stage found; its methods return labelled tables, sentences and views.

    Attributes:
        ctx: The stage context.
        status: ok, or why there is nothing to monitor yet: no contacts table, an empty one,
            or no invitation up to the as-of day (not_yet).
        as_of: The day the report describes, up to its end.
        as_of_source: param (monitoring.as_of), data (newest contact event) or today.
        group_source: Where segments and arms come from (see the module docstring).
        counts: The per-group counts.
        freshness: Data freshness.
        sample_ratio: Sample ratio checks, all assigned customers first, then one per segment
            (empty when not possible).
        contamination: Contacted control customers (None when no arms are known).
        targets: Target statuses.
        alerts: Breached rules, critical first.
        previous: The previous monitoring run, when there is one.
        artifacts: Files written into the run folder.
        planned_split: The planned shares of the sample ratio checks and their source (None
            when no arms are known).
    """

    ctx: StageContext
    status: Status
    as_of: dt.date
    as_of_source: AsOfSource
    group_source: GroupSource
    counts: Counts
    freshness: Freshness
    sample_ratio: tuple[SampleRatioCheck, ...]
    contamination: int | None
    previous: PreviousRun | None
    artifacts: tuple[str, ...]
    targets: tuple[TargetStatus, ...] = ()
    alerts: tuple[Alert, ...] = ()
    planned_split: PlannedSplit | None = None

    # ---- basics ---------------------------------------------------------------------------

    @property
    def ready(self) -> bool:
        """Whether there are contacts to monitor."""
        return self.status == "ok"

    @property
    def event_passed(self) -> bool:
        """Whether the as-of day is the event day or later (attendance is known)."""
        return self.as_of >= self.ctx.params.campaign.event

    def t(self, key: str, **values: object) -> str:
        """A label in the report language."""
        return self.ctx.t(key, **values)

    def pct(self, x: float) -> str:
        """A fraction as a percentage in the report language."""
        return report.format_pct(x, language=self.ctx.language)

    def number(self, x: float, digits: int = 0) -> str:
        """A number with separators in the report language."""
        return report.format_number(x, digits, language=self.ctx.language)

    def rate_text(self, estimate: RateEstimate) -> str:
        """A rate with its interval, e.g. '45.2% (41.0% - 49.5%)'; n/a without a denominator."""
        if estimate.n == 0:
            return self.t("word.not_applicable")
        ci = report.format_ci(
            estimate.ci_low, estimate.ci_high, pct=True, language=self.ctx.language
        )
        return f"{self.pct(estimate.value)} ({ci})"

    def _label(self, key: str, fallback: str) -> str:
        return self.t(key) if key in LABELS else fallback

    def segment_label(self, segment: str) -> str:
        """Display name of a segment (or of 'all', 'unassigned'); unknown names as written."""
        if segment == ALL:
            return self.t("segment.all")
        if segment == UNASSIGNED:
            return self.t("mon.unassigned")
        return self._label(f"segment.{segment}", segment)

    def channel_label(self, channel: str) -> str:
        """Display name of a channel; unknown channels as written."""
        if channel == ALL:
            return self.t("mon.all_channels")
        return self._label(f"mon.channel.{channel}", channel)

    def arm_label(self, arm: str) -> str:
        """Display name of an arm; unknown arms as written."""
        return self._label(f"arm.{arm}", arm)

    def _group_label(self, by: By, group: str) -> str:
        return self.channel_label(group) if by == "channel" else self.segment_label(group)

    @property
    def _level(self) -> int:
        """Confidence level of the intervals, in percent."""
        return round(100 * (1 - self.ctx.params.monitoring.alpha))

    def _nothing_yet(self) -> HTML:
        return report.paragraph(self.t("mon.no_data_yet"))

    # ---- summary and alerts ---------------------------------------------------------------

    def intro(self) -> str:
        """What the report describes: the as-of day, how it was chosen, where segments come from."""
        campaign = self.ctx.params.campaign
        text = self.t(
            f"mon.intro.{self.as_of_source}",
            as_of=self.as_of.isoformat(),
            start=campaign.start.isoformat(),
            event=campaign.event.isoformat(),
        )
        return f"{text} {self.t(f'mon.source.{self.group_source}')}"

    def alerts_view(self) -> HTML:
        """The alerts as callouts, critical first; a 'nothing yet' or 'all clear' box otherwise."""
        boxes: list[HTML] = []
        if not self.ready:
            message = self.t(f"mon.nothing.{self.status}", as_of=self.as_of.isoformat())
            boxes.append(report.callout(message, kind="info"))
        for alert in self.alerts:
            kind = "alert" if alert.severity == "critical" else "warning"
            label = self.t(f"mon.severity.{alert.severity}")
            boxes.append(report.callout(label + self.t("mon.colon") + alert.message, kind=kind))
        if self.ready and not self.alerts:
            boxes.append(report.callout(self.t("mon.all_clear"), kind="success"))
        return _join(boxes)

    # ---- change since the last run --------------------------------------------------------

    def change_notes(self) -> list[str]:
        """Sentences on the previous run and on new and cleared alerts."""
        prev = self.previous
        if prev is None:
            return [self.t("mon.change.first")]
        if not prev.compatible:
            return [self.t("mon.change.incompatible", run=prev.run_id)]
        notes = [self.t("mon.change.since", run=prev.run_id, as_of=prev.as_of)]
        current = {a.key: a.message for a in self.alerts}
        new = [msg for key, msg in current.items() if key not in prev.alerts]
        cleared = [msg for key, msg in prev.alerts.items() if key not in current]
        notes += [self.t("mon.change.new_alert", message=m) for m in new]
        notes += [self.t("mon.change.cleared_alert", message=m) for m in cleared]
        if not new and not cleared:
            notes.append(self.t("mon.change.same_alerts", count=len(current)))
        return notes

    def change_table(self) -> pd.DataFrame | None:
        """Customers at each funnel step then and now; None without a comparable previous run."""
        prev = self.previous
        if prev is None or not prev.compatible:
            return None
        now = self.funnel_totals()
        return pd.DataFrame(
            {
                self.t("mon.step"): [self.t(f"mon.step.{s}") for s in EVENTS],
                self.t("mon.then", as_of=prev.as_of): [prev.funnel.get(s, 0) for s in EVENTS],
                self.t("mon.now", as_of=self.as_of.isoformat()): [now[s] for s in EVENTS],
                self.t("mon.difference"): [now[s] - prev.funnel.get(s, 0) for s in EVENTS],
            }
        )

    def change_view(self) -> HTML:
        """The change since the previous run: sentences, then the funnel then and now."""
        parts = [report.bullet_list(self.change_notes())]
        table = self.change_table()
        if table is not None:
            parts.append(report.show_table(table, language=self.ctx.language))
        return _join(parts)

    # ---- funnel ---------------------------------------------------------------------------

    def funnel_totals(self) -> dict[str, int]:
        """Customers reaching each event over all channels (a customer counts once)."""
        frame = self.counts.customer
        return {e: int(frame[e].sum()) for e in EVENTS}

    def group_counts(self, by: By) -> pd.DataFrame:
        """Counts per channel (contacts) or segment (customers, all channels), then 'all'.

        The 'all' row counts customers over all channels in both cases.
        """
        _check_choice("by", by, _BY)
        source = self.counts.channel if by == "channel" else self.counts.customer
        grouped = source.groupby(by)[list(EVENTS)].sum()
        if by == "segment":
            grouped = grouped.reindex(_segment_order(grouped.index))
        totals = pd.DataFrame([self.funnel_totals()], index=[ALL])
        return pd.concat([grouped, totals]).astype("int64")

    def rates(self, by: By) -> dict[str, dict[str, RateEstimate]]:
        """Group (and 'all') -> rate name -> estimate with its Wilson interval."""
        alpha = self.ctx.params.monitoring.alpha
        return {
            str(group): {
                name: rate_estimate(name, row[num], row[den], alpha=alpha)
                for name, (num, den) in RATES.items()
            }
            for group, row in self.group_counts(by).iterrows()
        }

    def funnel_table(self, by: By) -> pd.DataFrame:
        """Counts at each step per channel or segment, with the all-channels row last."""
        counts = self.group_counts(by)
        return pd.DataFrame(
            {
                self.t(f"mon.by.{by}"): [self._group_label(by, g) for g in counts.index],
                **{self.t(f"mon.step.{s}"): counts[s].to_numpy() for s in STEPS},
            }
        )

    def rates_table(self, by: By, group: RateGroup) -> pd.DataFrame:
        """Message rates or registration/attendance rates with Wilson intervals."""
        _check_choice("group", group, _RATE_GROUPS)
        rates = self.rates(by)
        names = _RATE_GROUPS[group]
        return pd.DataFrame(
            {
                self.t(f"mon.by.{by}"): [self._group_label(by, g) for g in rates],
                **{
                    self.t(f"mon.rate.{name}"): [self.rate_text(r[name]) for r in rates.values()]
                    for name in names
                },
            }
        )

    def funnel_view(self, by: By) -> HTML:
        """Counts and rates per channel or segment with the method in words."""
        if not self.ready:
            return self._nothing_yet()
        lang = self.ctx.language
        parts = [
            report.show_table(
                self.funnel_table(by), caption=self.t(f"mon.caption.counts.{by}"), language=lang
            ),
            report.show_table(
                self.rates_table(by, "message"),
                caption=self.t("mon.caption.message", level=self._level),
                language=lang,
            ),
            report.show_table(
                self.rates_table(by, "event"),
                caption=self.t("mon.caption.event", level=self._level),
                language=lang,
            ),
        ]
        if by == "channel":
            parts.append(report.paragraph(self.funnel_method()))
        return _join(parts)

    def funnel_method(self) -> str:
        """How the funnel is counted and what the intervals mean, in words."""
        return self.t("mon.funnel_method", as_of=self.as_of.isoformat(), level=self._level)

    # ---- progress and targets -------------------------------------------------------------

    def cumulative(self, segment: str | None = None) -> pd.DataFrame:
        """Customers who reached each event by the end of each day, campaign start to as-of day.

        Events before the campaign start (early sends) count from its first day on.
        """
        start = min(self.ctx.params.campaign.start, self.as_of)
        days = pd.date_range(start, self.as_of, freq="D", name="day")
        daily = self.counts.daily
        if segment is not None:
            daily = daily[daily["segment"] == segment]
        table = pd.DataFrame(0, index=days, columns=list(EVENTS), dtype="int64")
        if len(daily):
            per_day = daily.pivot_table(index="day", columns="step", values="n", aggfunc="sum")
            per_day = per_day.reindex(columns=list(EVENTS)).fillna(0)
            before = per_day[per_day.index < days[0]].sum()
            table = per_day.reindex(days, fill_value=0).cumsum() + before
        table.index.name = "day"
        return table.astype("int64")

    def target_label(self, target: Target) -> str:
        """A target in words, e.g. 'Participation rate, New'."""
        scope = self.segment_label(target.segment or ALL)
        return self.t(f"mon.rate.{target.metric}") + self.t("mon.sep") + scope

    def format_target_value(self, target: Target, value: float) -> str:
        """A count with separators, or a rate as a percentage."""
        return self.number(value) if target.metric in COUNT_METRICS else self.pct(value)

    def targets_table(self) -> pd.DataFrame | None:
        """Each target with its value now, its projection to the event day and its status."""
        if not self.targets:
            return None
        rows = []
        for status in self.targets:
            target = status.target
            rows.append(
                {
                    self.t("mon.target"): self.target_label(target),
                    self.t("mon.target_value"): self.format_target_value(target, target.target),
                    self.t("mon.actual", as_of=self.as_of.isoformat()): self.format_target_value(
                        target, status.actual
                    ),
                    self.t("mon.projected"): self.format_target_value(target, status.projected),
                    self.t("mon.status"): self.t(f"mon.state.{status.status}"),
                }
            )
        return pd.DataFrame(rows)

    def progress_method(self) -> str:
        """How the projection is made, in words."""
        mon = self.ctx.params.monitoring
        return self.t(
            "mon.progress_method",
            days=mon.pace_days,
            event=self.ctx.params.campaign.event.isoformat(),
            show_up=self.pct(mon.expected_show_up),
            margin=self.pct(mon.at_risk_margin),
        )

    def progress_view(self) -> HTML:
        """The targets table and the projection method; a note when no target is set."""
        if not self.ready:
            return self._nothing_yet()
        table = self.targets_table()
        if table is None:
            return report.paragraph(self.t("mon.no_targets"))
        return _join(
            [
                report.show_table(table, language=self.ctx.language),
                report.paragraph(self.progress_method()),
            ]
        )

    # ---- participation --------------------------------------------------------------------

    @property
    def mix_step(self) -> str:
        """``attended`` once the event took place; ``registered`` before it."""
        return "attended" if self.event_passed else "registered"

    def participation_table(self) -> pd.DataFrame:
        """Per segment: invited, share of invited, attendees (or registrations), share, rate."""
        counts = self.group_counts("segment")
        step = self.mix_step
        alpha = self.ctx.params.monitoring.alpha
        segments = [g for g in counts.index if g != ALL]
        invited_total = max(int(counts.loc[ALL, "invited"]), 1)
        step_total = max(int(counts.loc[ALL, step]), 1)
        rate = "participation_rate" if step == "attended" else "registration_rate"
        return pd.DataFrame(
            {
                self.t("word.segment"): [self.segment_label(s) for s in segments],
                self.t("mon.step.invited"): [int(counts.loc[s, "invited"]) for s in segments],
                self.t("mon.share_invited"): [
                    counts.loc[s, "invited"] / invited_total for s in segments
                ],
                self.t(f"mon.step.{step}"): [int(counts.loc[s, step]) for s in segments],
                self.t(f"mon.share_{step}"): [counts.loc[s, step] / step_total for s in segments],
                self.t(f"mon.rate.{rate}"): [
                    self.rate_text(
                        rate_estimate(
                            rate, counts.loc[s, step], counts.loc[s, "invited"], alpha=alpha
                        )
                    )
                    for s in segments
                ],
            }
        )

    def participation_notes(self) -> list[str]:
        """The focus segments' share of attendees (or registrations) against their share invited."""
        counts = self.group_counts("segment")
        step = self.mix_step
        event = self.ctx.params.campaign.event.isoformat()
        notes = [] if self.event_passed else [self.t("mon.mix_before_event", event=event)]
        focus = [s for s in self.ctx.params.monitoring.focus_segments if s in counts.index]
        if not focus:
            return [*notes, self.t("mon.focus_absent")]
        step_total = int(counts.loc[ALL, step])
        invited_total = int(counts.loc[ALL, "invited"])
        share = counts.loc[focus, step].sum() / step_total if step_total else math.nan
        invited = counts.loc[focus, "invited"].sum() / invited_total if invited_total else math.nan
        notes.append(
            self.t(
                f"mon.focus_share.{step}",
                segments=self.t("mon.list_sep").join(self.segment_label(s) for s in focus),
                share=self.pct(share),
                invited=self.pct(invited),
            )
        )
        return notes

    def participation_view(self) -> HTML:
        """The segment mix table and the focus segments' share."""
        if not self.ready:
            return self._nothing_yet()
        table = self.participation_table()
        pct = [self.t("mon.share_invited"), self.t(f"mon.share_{self.mix_step}")]
        return _join(
            [
                report.show_table(table, pct_columns=pct, language=self.ctx.language),
                report.bullet_list(self.participation_notes()),
            ]
        )

    # ---- on-site feedback -----------------------------------------------------------------

    def score_summary(self) -> dict[str, float]:
        """``n``, ``mean`` and the t interval (``ci_low``, ``ci_high``) of the on-site scores."""
        scores = self.counts.scores
        n = int(scores["n"].sum())
        total = float((scores["score"] * scores["n"]).sum())
        total_sq = float((scores["score"] ** 2 * scores["n"]).sum())
        if n == 0:
            return {"n": 0, "mean": math.nan, "ci_low": math.nan, "ci_high": math.nan}
        interval = stats.mean_interval(n, total, total_sq, alpha=self.ctx.params.monitoring.alpha)
        return {
            "n": n,
            "mean": interval.mean,
            "ci_low": interval.ci_low,
            "ci_high": interval.ci_high,
        }

    def feedback_notes(self) -> list[str]:
        """Sentences: the mean on-site score with its interval, and the questions asked."""
        if not self.event_passed:
            event = self.ctx.params.campaign.event.isoformat()
            return [self.t("mon.feedback_before_event", event=event)]
        summary = self.score_summary()
        notes = []
        if summary["n"] == 0:
            notes.append(self.t("mon.no_scores"))
        else:
            ci = report.format_ci(
                summary["ci_low"], summary["ci_high"], digits=2, language=self.ctx.language
            )
            notes.append(
                self.t(
                    "mon.score_mean",
                    n=summary["n"],
                    mean=self.number(summary["mean"], 2),
                    ci=ci,
                    level=self._level,
                    csat=self.pct(self.csat()),
                )
            )
        q = self.counts.questions
        if q["attendees"]:
            notes.append(
                self.t(
                    "mon.questions",
                    questions=q["questions"],
                    askers=q["askers"],
                    attendees=q["attendees"],
                    per=self.number(q["questions"] / q["attendees"], 2),
                )
            )
        return notes

    def csat(self) -> float:
        """CONVENTIONS CSAT of the on-site scores: share of 4 and 5; NaN without answers."""
        from campaign_eval.conventions import CSAT_MIN_SCORE

        scores = self.counts.scores
        n = scores["n"].sum()
        satisfied = scores.loc[scores["score"] >= CSAT_MIN_SCORE, "n"].sum()
        return float(satisfied / n) if n else math.nan

    def score_table(self) -> pd.DataFrame | None:
        """Answers per on-site score 1-5 and their share; None without answers."""
        scores = self.counts.scores.set_index("score")["n"].reindex(SCORES, fill_value=0)
        total = int(scores.sum())
        if total == 0:
            return None
        return pd.DataFrame(
            {
                self.t("mon.score"): list(SCORES),
                self.t("mon.answers"): scores.to_numpy().astype("int64"),
                self.t("word.share"): scores.to_numpy() / total,
            }
        )

    def feedback_view(self) -> HTML:
        """Mean score with its interval, questions, and the score distribution table."""
        if not self.ready:
            return self._nothing_yet()
        parts = [report.bullet_list(self.feedback_notes())]
        table = self.score_table()
        if table is not None and self.event_passed:
            parts.append(
                report.show_table(
                    table, pct_columns=[self.t("word.share")], language=self.ctx.language
                )
            )
        return _join(parts)

    # ---- incidents ------------------------------------------------------------------------

    def logged_incidents(self) -> list[LoggedIncident]:
        """Incidents of the params file up to the as-of day, by date."""
        incidents = self.ctx.params.monitoring.incidents
        return sorted((i for i in incidents if i.date <= self.as_of), key=lambda i: i.date)

    def incident_summary(self) -> pd.DataFrame:
        """Counts: cancellations (from the contacts) and logged incidents by kind."""
        totals = self.funnel_totals()
        alpha = self.ctx.params.monitoring.alpha
        cancel = rate_estimate("cancellation", totals[CANCELLED], totals["registered"], alpha=alpha)
        logged = self.logged_incidents()
        kinds = [CANCELLED, *INCIDENT_KINDS]
        counts = [totals[CANCELLED]]
        counts += [sum(i.count for i in logged if i.kind == k) for k in INCIDENT_KINDS]
        notes = [
            self.t("mon.cancel_rate", rate=self.rate_text(cancel)),
            *[self.t("mon.logged_by_team")] * len(INCIDENT_KINDS),
        ]
        return pd.DataFrame(
            {
                self.t("mon.incident"): [self.t(f"mon.incident.{k}") for k in kinds],
                self.t("mon.count"): pd.array(counts, dtype="int64"),
                self.t("mon.note"): notes,
            }
        )

    def incident_log(self) -> pd.DataFrame | None:
        """The logged incidents (descriptions are escaped when shown); None when there are none."""
        logged = self.logged_incidents()
        if not logged:
            return None
        return pd.DataFrame(
            {
                self.t("mon.date"): [i.date.isoformat() for i in logged],
                self.t("mon.kind"): [self.t(f"mon.incident.{i.kind}") for i in logged],
                self.t("mon.description"): [i.description for i in logged],
                self.t("mon.count"): pd.array([i.count for i in logged], dtype="int64"),
            }
        )

    def incidents_view(self) -> HTML:
        """Incident counts and the team's log."""
        lang = self.ctx.language
        parts = [report.show_table(self.incident_summary(), language=lang)]
        log = self.incident_log()
        if log is not None:
            parts.append(report.show_table(log, caption=self.t("mon.caption.log"), language=lang))
        else:
            parts.append(report.paragraph(self.t("mon.no_logged")))
        return _join(parts)

    # ---- design checks --------------------------------------------------------------------

    def sample_ratio_table(self) -> pd.DataFrame | None:
        """Arm sizes against the planned shares, with the test's p-value; None when not run."""
        if not self.sample_ratio:
            return None
        rows = []
        for check in self.sample_ratio:
            res = check.result
            for arm, observed, share, planned in zip(
                res.arms, res.observed, res.observed_shares, res.expected_shares, strict=True
            ):
                rows.append(
                    {
                        self.t("word.segment"): self.segment_label(check.segment or ALL),
                        self.t("mon.arm"): self.arm_label(arm),
                        self.t("word.customers"): observed,
                        self.t("mon.observed_share"): share,
                        self.t("mon.planned_share"): planned,
                        self.t("mon.p_value"): _p_text(res.p_value),
                        self.t("mon.mismatch"): self.t("mon.yes" if res.flagged else "mon.no"),
                    }
                )
        return pd.DataFrame(rows)

    def design_notes(self) -> list[str]:
        """Sentences on the sample ratio method, contamination and data freshness."""
        notes = []
        mon = self.ctx.params.monitoring
        if self.group_source in {"none", "segments"}:
            notes.append(self.t("mon.no_arms"))
        elif not self.sample_ratio:
            notes.append(self.t("mon.srm_not_configured"))
        else:
            notes.append(self.t("mon.srm_method", alpha=f"{stats.SRM_ALPHA:g}"))
        split = self.planned_split
        if split is not None and self.group_source in {"plan", "data"}:
            notes.append(self.t(f"mon.srm_source.{split.source}", run=split.run_id or ""))
            if split.params_ignored:
                notes.append(self.t("mon.srm_source.params_ignored"))
        if self.contamination is not None:
            notes.append(
                self.t(
                    "mon.contamination" if self.contamination else "mon.no_contamination",
                    count=self.contamination,
                    arm=self.arm_label(mon.control_arm),
                    file=CONTAMINATION_CSV,
                )
            )
        fresh = self.freshness
        if fresh.newest is None:
            notes.append(self.t("mon.fresh.none"))
        else:
            notes.append(
                self.t(
                    "mon.fresh.stale" if fresh.stale else "mon.fresh.ok",
                    newest=fresh.newest.isoformat(),
                    reference=fresh.reference.isoformat(),
                    lag=fresh.lag_days,
                    limit=fresh.limit_days,
                )
            )
        return notes

    def design_view(self) -> HTML:
        """The sample ratio table and the design sentences."""
        parts = []
        table = self.sample_ratio_table()
        if table is not None:
            pct = [self.t("mon.observed_share"), self.t("mon.planned_share")]
            parts.append(report.show_table(table, pct_columns=pct, language=self.ctx.language))
        parts.append(report.bullet_list(self.design_notes()))
        return _join(parts)

    def files_notes(self) -> list[str]:
        """One sentence per artifact written (file names only, never their contents)."""
        return [self.t(f"mon.file.{name.split('.')[0]}", file=name) for name in self.artifacts]


# --------------------------------------------------------------------------------------------
# The stage


def run(ctx: StageContext) -> MonitoringOutcome:
    """Monitor the campaign as of its as-of day and write the artifacts.

    Writes ``monitoring.json`` always, ``contamination.csv`` when arms are known and
    ``funnel_counts.csv`` when there are contacts.

    Raises:
        ValueError: When ``monitoring.as_of`` is after the run's today.
    """
    mon = ctx.params.monitoring
    if mon.as_of is not None and mon.as_of > ctx.today:
        raise ValueError(
            f"monitoring.as_of ({mon.as_of}) is after today ({ctx.today}); monitor a day that "
            "has passed, or leave monitoring.as_of empty"
        )
    contacts = ctx.data.table("contacts") if ctx.data.has("contacts") else None
    as_of, as_of_source = _as_of(ctx, contacts)
    cut = dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time())
    groups = _Groups.load(ctx)
    split = _planned_split(ctx, groups) if groups.has_arm else None
    counts = _empty_counts()
    newest = None
    sent = None
    if contacts is None:
        status: Status = "no_contacts_table"
    elif _count(contacts) == 0:
        status = "empty"
    else:
        sent = contacts.filter(_happened("invited_at", cut))
        if _count(sent) == 0:
            status, sent = "not_yet", None
        else:
            status = "ok"
            counts = _compute_counts(sent, groups, cut)
            newest = _newest_event(sent, cut)
    # after the event no new contact events are expected, so freshness is judged at the event
    reference = min(ctx.params.campaign.event, mon.as_of or ctx.today)
    freshness = Freshness(newest=newest, reference=reference, limit_days=mon.stale_after_days)
    artifacts = [MONITORING_JSON]
    contamination = None
    if groups.has_arm:
        contamination = _write_contamination(ctx, sent, groups)
        artifacts.append(CONTAMINATION_CSV)
    if status == "ok":
        runs.write_text_atomic(ctx.artifact(FUNNEL_CSV), counts.channel.to_csv(index=False))
        artifacts.append(FUNNEL_CSV)
    outcome = MonitoringOutcome(
        ctx=ctx,
        status=status,
        as_of=as_of,
        as_of_source=as_of_source,
        group_source=groups.source,
        counts=counts,
        freshness=freshness,
        sample_ratio=_sample_ratio(groups, split),
        contamination=contamination,
        previous=_previous(ctx),
        artifacts=tuple(artifacts),
        planned_split=split,
    )
    if outcome.ready:
        outcome = replace(outcome, targets=tuple(_target_status(outcome, t) for t in mon.targets))
    outcome = replace(outcome, alerts=tuple(_alerts(outcome)))
    runs.write_json_atomic(ctx.artifact(MONITORING_JSON), to_json(outcome))
    return outcome


def _join(parts: Sequence[HTML]) -> HTML:
    return HTML("".join(part.data for part in parts))


def _num(x: float | None) -> float | None:
    """A float for JSON: None for missing, NaN or infinite values."""
    return None if x is None or not math.isfinite(float(x)) else float(x)


def _p_text(p: float) -> str:
    """A p-value for a table cell: four decimals, or '< 0.0001'."""
    return f"< {_SMALLEST_P}" if p < _SMALLEST_P else f"{p:.4f}"


def _p_phrase(p: float) -> str:
    """A p-value for a sentence: 'p = 0.0123' or 'p < 0.0001'."""
    return f"p < {_SMALLEST_P}" if p < _SMALLEST_P else f"p = {p:.4f}"


def _segment_order(segments: Iterable[str]) -> list[str]:
    present = list(segments)
    return [s for s in SEGMENT_ORDER if s in present] + sorted(
        s for s in present if s not in SEGMENT_ORDER
    )


# --------------------------------------------------------------------------------------------
# Reading: as-of day, groups, counts


def _happened(column: str, cut: dt.datetime) -> nw.Expr:
    """The event is recorded and happened before ``cut`` (the end of the as-of day)."""
    return ~nw.col(column).is_null() & (nw.col(column) < cut)


def _count(frame: nw.LazyFrame) -> int:
    return int(frame.select(nw.len()).collect().item())


def _event_columns(contacts: nw.LazyFrame) -> dict[str, str]:
    """Event -> its column, for the event columns the contacts table supplies."""
    names = set(contacts.collect_schema().names())
    return {e: f"{e}_at" for e in EVENTS if f"{e}_at" in names}


def _newest_event(contacts: nw.LazyFrame, cut: dt.datetime | None) -> dt.date | None:
    """Day of the newest contact event (before ``cut`` when given)."""
    columns = list(_event_columns(contacts).values())
    exprs = [
        (nw.when(nw.col(c) < cut).then(nw.col(c)) if cut is not None else nw.col(c)).max().alias(c)
        for c in columns
    ]
    row = contacts.select(*exprs).collect(backend="pandas").to_native().iloc[0]
    values = [pd.Timestamp(v) for v in row.tolist() if not pd.isna(v)]
    return max(values).date() if values else None


def _as_of(ctx: StageContext, contacts: nw.LazyFrame | None) -> tuple[dt.date, AsOfSource]:
    """monitoring.as_of, else the newest contact event, else today (never after today)."""
    param = ctx.params.monitoring.as_of
    if param is not None:
        return param, "param"
    newest = _newest_event(contacts, None) if contacts is not None and _count(contacts) else None
    if newest is not None and newest <= ctx.today:
        return newest, "data"
    return ctx.today, "today"


@dataclass(frozen=True)
class _Groups:
    """Customer -> segment and arm on the engine, and where they came from."""

    frame: nw.LazyFrame | None
    source: GroupSource
    has_arm: bool
    path: Path | None = None
    """The plan stage's assignment.parquet, when the groups come from it."""

    @classmethod
    def load(cls, ctx: StageContext) -> _Groups:
        """The assignment (plan stage, then data), else the segments; see the module docstring."""
        plan = ctx.find_artifact(ASSIGNMENT_FILE)
        source: GroupSource
        if plan is not None:
            frame, source = ctx.data.register("monitoring_assignment", plan), "plan"
        elif ctx.data.has("assignment"):
            frame, source = ctx.data.table("assignment"), "data"
        else:
            segments = ctx.find_artifact(SEGMENTS_FILE)
            if segments is None:
                return cls(None, "none", has_arm=False)
            frame, source = ctx.data.register("monitoring_segments", segments), "segments"
        names = set(frame.collect_schema().names())
        has_arm = "arm" in names and source != "segments"
        segment = nw.col("segment").cast(nw.String) if "segment" in names else nw.lit(UNASSIGNED)
        arm = nw.col("arm").cast(nw.String) if has_arm else nw.lit(UNASSIGNED)
        frame = frame.select(
            nw.col(CUSTOMER_ID).cast(nw.String), segment.alias("segment"), arm.alias("arm")
        )
        return cls(frame, source, has_arm=has_arm, path=plan if source == "plan" else None)

    def attach(self, frame: nw.LazyFrame) -> nw.LazyFrame:
        """``frame`` with each customer's segment and arm (unassigned when missing)."""
        if self.frame is None:
            return frame.with_columns(
                nw.lit(UNASSIGNED).alias("segment"), nw.lit(UNASSIGNED).alias("arm")
            )
        return frame.join(self.frame, on=CUSTOMER_ID, how="left").with_columns(
            nw.col("segment").fill_null(UNASSIGNED), nw.col("arm").fill_null(UNASSIGNED)
        )


def _empty_counts() -> Counts:
    def frame(**dtypes: str) -> pd.DataFrame:
        return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in dtypes.items()})

    events = dict.fromkeys(EVENTS, "int64")
    return Counts(
        channel=frame(channel="str", segment="str", **events),
        customer=frame(segment="str", arm="str", **events),
        daily=frame(step="str", segment="str", day="datetime64[ns]", n="int64"),
        delivery=frame(channel="str", day="datetime64[ns]", invited="int64", delivered="int64"),
        scores=frame(score="int64", n="int64"),
        questions={"attendees": 0, "questions": 0, "askers": 0},
    )


def _collect(frame: nw.LazyFrame, order: list[str]) -> pd.DataFrame:
    out = frame.collect(backend="pandas").to_native()
    return out.sort_values(order).reset_index(drop=True)


def _with_events(frame: pd.DataFrame) -> pd.DataFrame:
    """Add a zero column for each event the contacts table does not supply; all as int64."""
    for event in EVENTS:
        frame[event] = frame[event].fillna(0).astype("int64") if event in frame else 0
    return frame


def _compute_counts(sent: nw.LazyFrame, groups: _Groups, cut: dt.datetime) -> Counts:
    """Aggregate the contacts invited before ``cut`` in the engine; only counts come back."""
    columns = _event_columns(sent)
    rows = groups.attach(sent.with_columns(nw.col("channel").fill_null("?")))
    channel = _collect(
        rows.group_by("channel", "segment").agg(
            *[_happened(col, cut).cast(nw.Int64).sum().alias(e) for e, col in columns.items()]
        ),
        ["channel", "segment"],
    )
    # a customer reaches a step when any of their contacts does, at the first such time
    per_customer = groups.attach(
        sent.group_by(CUSTOMER_ID).agg(
            *[
                nw.when(_happened(col, cut)).then(nw.col(col)).min().alias(e)
                for e, col in columns.items()
            ]
        )
    )
    customer = _collect(
        per_customer.group_by("segment", "arm").agg(*[nw.col(e).count() for e in columns]),
        ["segment", "arm"],
    )
    daily = _collect(
        nw.concat(
            [
                per_customer.filter(~nw.col(e).is_null()).select(
                    nw.lit(e).alias("step"), "segment", nw.col(e).dt.date().alias("day")
                )
                for e in columns
            ]
        )
        .group_by("step", "segment", "day")
        .agg(nw.len().alias("n")),
        ["step", "segment", "day"],
    )
    delivered = (
        _happened(columns["delivered"], cut).cast(nw.Int64).sum()
        if "delivered" in columns
        else nw.lit(0).cast(nw.Int64).sum()
    )
    delivery = _collect(
        rows.with_columns(nw.col("invited_at").dt.date().alias("day"))
        .group_by("channel", "day")
        .agg(nw.len().alias("invited"), delivered.alias("delivered")),
        ["channel", "day"],
    )
    for frame in (daily, delivery):
        frame["day"] = pd.to_datetime(frame["day"]).astype("datetime64[ns]")
    scores, questions = _onsite(sent, columns, cut)
    return Counts(
        channel=_with_events(channel),
        customer=_with_events(customer),
        daily=daily,
        delivery=delivery,
        scores=scores,
        questions=questions,
    )


def _onsite(
    sent: nw.LazyFrame, columns: dict[str, str], cut: dt.datetime
) -> tuple[pd.DataFrame, dict[str, int]]:
    """On-site scores and questions, one per attendee (their highest if several rows have one)."""
    scores = pd.DataFrame({"score": pd.Series(dtype="int64"), "n": pd.Series(dtype="int64")})
    questions = {"attendees": 0, "questions": 0, "askers": 0}
    if "attended" not in columns:
        return scores, questions
    names = set(sent.collect_schema().names())
    wanted = [c for c in ("onsite_score", "questions") if c in names]
    attendees = (
        sent.filter(_happened(columns["attended"], cut))
        .group_by(CUSTOMER_ID)
        .agg(nw.len().alias("rows"), *[nw.col(c).max() for c in wanted])
    )
    if "onsite_score" in wanted:
        scores = _collect(
            attendees.filter(~nw.col("onsite_score").is_null())
            .with_columns(nw.col("onsite_score").round(0).cast(nw.Int64).alias("score"))
            .group_by("score")
            .agg(nw.len().alias("n")),
            ["score"],
        ).astype("int64")
    summary = [nw.len().alias("attendees")]
    if "questions" in wanted:
        asked = nw.col("questions").fill_null(0)
        summary += [
            asked.sum().alias("questions"),
            (asked > 0).cast(nw.Int64).sum().alias("askers"),
        ]
    row = attendees.select(*summary).collect(backend="pandas").to_native().iloc[0]
    return scores, {k: int(row[k]) if k in row and not pd.isna(row[k]) else 0 for k in questions}


# --------------------------------------------------------------------------------------------
# Design checks


def _sample_ratio(groups: _Groups, split: PlannedSplit | None) -> tuple[SampleRatioCheck, ...]:
    """Sample ratio tests of the assignment: all assigned customers, then each segment.

    Every segment is tested against its own planned shares, so opposite imbalances in two segments
    cannot cancel out and a correct stratified split never looks like a mismatch. The overall test
    compares all assigned customers with the split the segments' plans imply together (each
    segment's planned shares weighted by its size); it is left out when only one segment is
    tested (it would repeat that test).
    """
    if not groups.has_arm or groups.frame is None or split is None:
        return ()
    sizes = _collect(
        groups.frame.group_by("segment", "arm").agg(nw.len().alias("n")), ["segment", "arm"]
    )
    checks = []
    observed_total: dict[str, int] = {}
    expected_total: dict[str, float] = {}
    for segment in _segment_order(sizes["segment"].unique()):
        shares = split.of(segment) or {}
        arms = [a for a in shares if shares[a] > 0]
        by_arm = sizes[sizes["segment"] == segment].groupby("arm")["n"].sum()
        observed = [int(by_arm.get(a, 0)) for a in arms]
        size = sum(observed)
        if len(arms) < _MIN_ARMS or size == 0:
            continue
        weight = sum(shares[a] for a in arms)
        for arm, n in zip(arms, observed, strict=True):
            observed_total[arm] = observed_total.get(arm, 0) + n
            expected_total[arm] = expected_total.get(arm, 0.0) + size * shares[arm] / weight
        result = stats.sample_ratio_test(observed, [shares[a] for a in arms], arms=arms)
        checks.append(SampleRatioCheck(segment, result))
    if len(checks) > 1:
        arms = list(expected_total)
        overall = stats.sample_ratio_test(
            [observed_total[a] for a in arms], [expected_total[a] for a in arms], arms=arms
        )
        checks.insert(0, SampleRatioCheck(None, overall))
    return tuple(checks)


def _planned_split(ctx: StageContext, groups: _Groups) -> PlannedSplit:
    """The planned arm shares, first match wins (see the module docstring).

    The plan.json beside the plan stage's assignment records the shares that assignment was
    drawn with: a kept (frozen) assignment keeps its shares even when ``plan.control_share``
    changed later, so the check never compares the groups with a split nobody drew.
    """
    from campaign_eval.plan import CONTROL, TREATMENT, shares_from_plan_json

    def arms(control: float) -> dict[str, float]:
        return {TREATMENT: 1.0 - control, CONTROL: control}

    mon, plan = ctx.params.monitoring, ctx.params.plan
    explicit = bool(mon.arm_shares or mon.segment_arm_shares)
    recorded = _plan_json(groups)
    if recorded is not None:
        payload, run_id = recorded
        found = shares_from_plan_json(payload)
        if found is not None:
            default, segments = found
            return PlannedSplit(
                "plan_json",
                run_id,
                arms(default),
                {s: arms(c) for s, c in segments.items()},
                params_ignored=explicit,
            )
    plan_segments = {s: arms(plan.control_share_of(s)) for s in plan.segment_control_share}
    if explicit:
        default = dict(mon.arm_shares) if mon.arm_shares else arms(plan.control_share)
        segments = {} if mon.arm_shares else plan_segments
        segments |= {s: dict(v) for s, v in mon.segment_arm_shares.items()}
        return PlannedSplit("monitoring_params", None, default, segments)
    return PlannedSplit("plan_params", None, arms(plan.control_share), plan_segments)


def _plan_json(groups: _Groups) -> tuple[dict[str, Any], str] | None:
    """The plan.json written with the assignment in use, and its run; None when there is none.

    A plan whose assignment came from the data's assignment table only echoes the params'
    shares, so it is not used.
    """
    if groups.path is None:
        return None
    path = groups.path.parent / PLAN_JSON
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(payload, dict):
        return None
    assignment = payload.get("assignment")
    if isinstance(assignment, dict) and assignment.get("source") == "data":
        return None
    return payload, path.parent.name


def _write_contamination(ctx: StageContext, sent: nw.LazyFrame | None, groups: _Groups) -> int:
    """Write the contacted control customers to contamination.csv; return how many there are."""
    control = ctx.params.monitoring.control_arm
    columns = [CUSTOMER_ID, "segment", "arm", "channels", "first_invited_at"]
    if sent is None:
        table = pd.DataFrame(columns=columns)
    else:
        table = _collect(
            groups.attach(sent)
            .filter(nw.col("arm") == control)
            .group_by(CUSTOMER_ID, "segment", "arm")
            .agg(
                nw.col("channel").n_unique().alias("channels"),
                nw.col("invited_at").min().alias("first_invited_at"),
            ),
            [CUSTOMER_ID],
        )[columns]
    runs.write_text_atomic(ctx.artifact(CONTAMINATION_CSV), table.to_csv(index=False))
    return len(table)


def _previous(ctx: StageContext) -> PreviousRun | None:
    """The previous complete monitoring run of this campaign, from its monitoring.json."""
    path = runs.previous_artifact(ctx.run_dir, MONITORING_JSON)
    if path is None:
        return None
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    run_id = path.parent.name
    if payload.get("schema_version") != JSON_SCHEMA_VERSION:
        return PreviousRun(run_id, str(payload.get("as_of", "")), {}, {}, compatible=False)
    funnel = payload["funnel"]["all"]["counts"]
    alerts = {f"{a['rule']}:{a['subject']}": a["message"] for a in payload["alerts"]}
    return PreviousRun(
        run_id, payload["as_of"], {k: int(v) for k, v in funnel.items()}, alerts, compatible=True
    )


# --------------------------------------------------------------------------------------------
# Targets


def _projector(
    outcome: MonitoringOutcome, segment: str | None
) -> Callable[[str], tuple[float, float]]:
    """Event -> (customers now, customers projected to the end of the event day).

    The projection continues the pace of the last ``pace_days`` days in a straight line.
    Attendance is recorded on the event day, so before it attendance is projected from the
    registrations that stand (registered minus cancelled) times ``expected_show_up``.
    """
    mon = outcome.ctx.params.monitoring
    event = outcome.ctx.params.campaign.event
    cumulative = outcome.cumulative(segment)
    start = cumulative.index[0].date()
    days_left = max(0, (event - outcome.as_of).days)
    window = min(mon.pace_days, (outcome.as_of - start).days + 1)

    def at(step: str, day: dt.date) -> float:
        return 0.0 if day < start else float(cumulative.loc[pd.Timestamp(day), step])

    def project(step: str) -> tuple[float, float]:
        now = at(step, outcome.as_of)
        if step == "attended" and days_left > 0:
            standing = project("registered")[1] - project(CANCELLED)[1]
            return now, max(standing, 0.0) * mon.expected_show_up
        pace = (now - at(step, outcome.as_of - dt.timedelta(days=window))) / window
        return now, now + pace * days_left

    return project


def _target_status(outcome: MonitoringOutcome, target: Target) -> TargetStatus:
    mon = outcome.ctx.params.monitoring
    project = _projector(outcome, target.segment)
    if target.metric in COUNT_METRICS:
        actual, projected = project(target.metric)
        in_scope = project("invited")[0]
    else:
        num, den = RATES[target.metric]
        num_now, num_projected = project(num)
        den_now, den_projected = project(den)
        actual = num_now / den_now if den_now else math.nan
        projected = num_projected / den_projected if den_projected else math.nan
        in_scope = den_now
    if not in_scope or math.isnan(projected):
        return TargetStatus(target, actual, projected, "no_data")
    if projected >= target.target:
        state: TargetState = "on_track"
    elif projected >= target.target * (1 - mon.at_risk_margin):
        state = "at_risk"
    else:
        state = "behind"
    return TargetStatus(target, actual, projected, state)


# --------------------------------------------------------------------------------------------
# Alerts


def _alerts(outcome: MonitoringOutcome) -> list[Alert]:
    alerts: list[Alert] = []
    if outcome.ready:
        alerts += _rate_alerts(outcome)
        alerts += _drop_alerts(outcome)
    alerts += _design_alerts(outcome)
    alerts += _target_alerts(outcome)
    return sorted(alerts, key=lambda a: _SEVERITY_ORDER[a.severity])


def _rate_alerts(outcome: MonitoringOutcome) -> list[Alert]:
    """Channel rates under their thresholds; critical when the whole interval is under it."""
    mon = outcome.ctx.params.monitoring
    alerts = []
    for channel, rates in outcome.rates("channel").items():
        if channel == ALL:
            continue
        for name in RATE_NAMES:
            if name == "attendance_rate" and not outcome.event_passed:
                continue  # attendance is only recorded on the event day
            threshold = mon.channel_threshold(channel, name)
            est = rates[name]
            if threshold is None or est.n < mon.min_group_size or est.value >= threshold:
                continue
            clear = est.ci_high < threshold
            message = outcome.t(
                "mon.alert.rate_clear" if clear else "mon.alert.rate",
                channel=outcome.channel_label(channel),
                rate=outcome.t(f"mon.rate.{name}"),
                value=outcome.rate_text(est),
                threshold=outcome.pct(threshold),
                n=est.n,
                level=outcome._level,  # noqa: SLF001 - the outcome's own confidence level
            )
            alerts.append(
                Alert(
                    rule="rate_below_threshold",
                    severity="critical" if clear else "warning",
                    subject=f"{channel}/{name}",
                    message=message,
                    value=est.value,
                    threshold=threshold,
                )
            )
    return alerts


def _drop_alerts(outcome: MonitoringOutcome) -> list[Alert]:
    """Channels whose delivery over their last days of sending fell far below their earlier rate.

    The recent window is the channel's own last ``drop_days`` days with invitations, so a
    channel that finished sending days ago is still judged on its last sends.
    """
    mon = outcome.ctx.params.monitoring
    alerts = []
    for channel, frame in outcome.counts.delivery.groupby("channel"):
        last = frame["day"].max()
        recent_from = last - pd.Timedelta(days=mon.drop_days - 1)
        recent = frame[frame["day"] >= recent_from]
        earlier = frame[frame["day"] < recent_from]
        n_recent, n_earlier = int(recent["invited"].sum()), int(earlier["invited"].sum())
        if min(n_recent, n_earlier) < mon.min_group_size:
            continue
        d_recent, d_earlier = int(recent["delivered"].sum()), int(earlier["delivered"].sum())
        rate_recent, rate_earlier = d_recent / n_recent, d_earlier / n_earlier
        floor = rate_earlier * (1 - mon.drop_relative)
        if rate_recent >= floor:
            continue
        test = stats.compare_proportions(d_recent, n_recent, d_earlier, n_earlier, alpha=mon.alpha)
        if test.p_value >= mon.alpha:
            continue
        message = outcome.t(
            "mon.alert.delivery_drop",
            channel=outcome.channel_label(str(channel)),
            start=recent_from.date().isoformat(),
            end=last.date().isoformat(),
            recent=outcome.pct(rate_recent),
            earlier=outcome.pct(rate_earlier),
            n_recent=n_recent,
            n_earlier=n_earlier,
            p=_p_phrase(test.p_value),
        )
        alerts.append(Alert("delivery_drop", "critical", str(channel), message, rate_recent, floor))
    return alerts


def _design_alerts(outcome: MonitoringOutcome) -> list[Alert]:
    """Sample ratio mismatch, contamination and stale data."""
    alerts = []
    for check in outcome.sample_ratio:
        res = check.result
        if not res.flagged:
            continue
        split = outcome.t("mon.sep").join(
            outcome.t("mon.arm_split", arm=outcome.arm_label(a), observed=outcome.pct(o),
                      planned=outcome.pct(e))
            for a, o, e in zip(res.arms, res.observed_shares, res.expected_shares, strict=True)
        )  # fmt: skip
        message = outcome.t(
            "mon.alert.srm",
            segment=outcome.segment_label(check.segment or ALL),
            split=split,
            p=_p_phrase(res.p_value),
        )
        subject = check.segment or ALL
        alerts.append(
            Alert("sample_ratio_mismatch", "critical", subject, message, res.p_value, res.alpha)
        )
    if outcome.contamination:
        control = outcome.ctx.params.monitoring.control_arm
        message = outcome.t(
            "mon.alert.contamination",
            count=outcome.contamination,
            arm=outcome.arm_label(control),
            file=CONTAMINATION_CSV,
        )
        alerts.append(
            Alert("contamination", "critical", control, message, outcome.contamination, 0.0)
        )
    fresh = outcome.freshness
    if fresh.stale and fresh.newest is not None:
        message = outcome.t(
            "mon.alert.stale",
            newest=fresh.newest.isoformat(),
            reference=fresh.reference.isoformat(),
            lag=fresh.lag_days,
            limit=fresh.limit_days,
        )
        alerts.append(
            Alert("stale_data", "warning", "contacts", message, fresh.lag_days, fresh.limit_days)
        )
    return alerts


def _target_alerts(outcome: MonitoringOutcome) -> list[Alert]:
    """Targets the current pace will miss: behind is critical, at risk a warning."""
    alerts = []
    for status in outcome.targets:
        if status.status not in {"behind", "at_risk"}:
            continue
        target = status.target
        message = outcome.t(
            f"mon.alert.target_{status.status}",
            target=outcome.target_label(target),
            projected=outcome.format_target_value(target, status.projected),
            goal=outcome.format_target_value(target, target.target),
            event=outcome.ctx.params.campaign.event.isoformat(),
            actual=outcome.format_target_value(target, status.actual),
        )
        behind = status.status == "behind"
        alerts.append(
            Alert(
                rule="target_behind" if behind else "target_at_risk",
                severity="critical" if behind else "warning",
                subject=f"{target.metric}/{target.segment or ALL}",
                message=message,
                value=status.projected,
                threshold=target.target,
            )
        )
    return alerts


# --------------------------------------------------------------------------------------------
# monitoring.json


def _funnel_json(outcome: MonitoringOutcome) -> dict[str, Any]:
    funnel: dict[str, Any] = {"steps": list(STEPS)}
    for by in _BY:
        counts = outcome.group_counts(by)
        rates = outcome.rates(by)
        funnel[f"by_{by}"] = {
            str(group): {
                "counts": {e: int(row[e]) for e in EVENTS},
                "rates": {name: est.to_json() for name, est in rates[str(group)].items()},
            }
            for group, row in counts.iterrows()
            if group != ALL
        }
    funnel["all"] = {
        "counts": outcome.funnel_totals(),
        "rates": {name: est.to_json() for name, est in outcome.rates("segment")[ALL].items()},
    }
    return funnel


def to_json(outcome: MonitoringOutcome) -> dict[str, Any]:
    """The run as the versioned JSON document described in ``docs/monitoring_json.md``."""
    params = outcome.ctx.params
    score = outcome.score_summary()
    fresh = outcome.freshness
    scores = outcome.counts.scores
    return {
        "schema_version": JSON_SCHEMA_VERSION,
        "campaign_id": params.campaign.id,
        "run_id": outcome.ctx.run_dir.name,
        "today": outcome.ctx.today.isoformat(),
        "as_of": outcome.as_of.isoformat(),
        "as_of_source": outcome.as_of_source,
        "status": outcome.status,
        "group_source": outcome.group_source,
        "funnel": _funnel_json(outcome),
        "targets": [t.to_json() for t in outcome.targets],
        "alerts": [a.to_json() for a in outcome.alerts],
        "design": {
            "sample_ratio": [
                {
                    "segment": c.segment or ALL,
                    "arms": list(c.result.arms),
                    "observed": list(c.result.observed),
                    "expected_shares": list(c.result.expected_shares),
                    "statistic": _num(c.result.statistic),
                    "p_value": _num(c.result.p_value),
                    "flagged": c.result.flagged,
                }
                for c in outcome.sample_ratio
            ],
            "planned_shares": None
            if outcome.planned_split is None
            else {
                "source": outcome.planned_split.source,
                "run_id": outcome.planned_split.run_id,
            },
            "contamination": None
            if outcome.contamination is None
            else {"count": outcome.contamination, "file": CONTAMINATION_CSV},
            "freshness": {
                "newest_event": fresh.newest.isoformat() if fresh.newest else None,
                "reference_day": fresh.reference.isoformat(),
                "lag_days": fresh.lag_days,
                "stale_after_days": fresh.limit_days,
                "stale": fresh.stale,
            },
        },
        "feedback": {
            "onsite_score": {
                "n": score["n"],
                "mean": _num(score["mean"]),
                "ci_low": _num(score["ci_low"]),
                "ci_high": _num(score["ci_high"]),
                "distribution": {
                    str(s): int(n) for s, n in zip(scores["score"], scores["n"], strict=True)
                },
            },
            "questions": dict(outcome.counts.questions),
        },
        "incidents": {
            "cancellations": outcome.funnel_totals()[CANCELLED],
            "logged": [
                {
                    "date": i.date.isoformat(),
                    "kind": i.kind,
                    "description": i.description,
                    "count": i.count,
                }
                for i in outcome.logged_incidents()
            ],
        },
        "previous_run": None
        if outcome.previous is None
        else {"run_id": outcome.previous.run_id, "as_of": outcome.previous.as_of},
    }
