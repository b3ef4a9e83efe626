"""What the monitoring stage found: frozen numbers and data values, no words.

``MonitoringResult`` holds everything the report and ``monitoring.json`` show: the per-group counts
the engine returned, the funnel with its Wilson intervals, the cumulative progress, target
statuses, participation, on-site feedback, incidents, design checks and alerts. Every type renders
in a notebook as a table (``to_frame`` / ``_repr_html_``); the sentences around them are written by
``view`` and ``wording`` from the labels.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Literal

import pandas as pd

from campaign_eval import stats
from campaign_eval.checks import check_choice
from campaign_eval.conventions import ALL_SEGMENTS

Status = Literal["ok", "no_contacts_table", "empty", "not_yet"]
"""ok, or why there is nothing to monitor yet."""
GroupSource = Literal["plan", "data", "segments", "none"]
"""Where segments and arms come from (see ``groups``)."""
SharesSource = Literal["plan_json", "monitoring_params", "plan_params"]
"""Where the planned arm shares come from (see ``design``)."""
AsOfSource = Literal["param", "data", "today"]
"""How the as-of day was chosen."""
Severity = Literal["critical", "warning"]
"""critical: act today; warning: watch."""
AlertRule = Literal[
    "rate_below_threshold",
    "delivery_drop",
    "sample_ratio_mismatch",
    "contamination",
    "stale_data",
    "target_behind",
    "target_at_risk",
]
"""The monitoring rules (docs/monitoring_json.md)."""
TargetState = Literal["on_track", "at_risk", "behind", "no_data"]
"""Where a target stands."""
By = Literal["channel", "segment"]
"""How the funnel is grouped."""
BY: tuple[By, ...] = ("channel", "segment")
"""Every grouping of the funnel."""


class _Table:
    """Notebook display shared by the result types: a frame and its HTML."""

    __slots__ = ()

    def to_frame(self) -> pd.DataFrame:
        """The result as a one-row frame, one column per field."""
        return pd.DataFrame([{f.name: getattr(self, f.name) for f in fields(self)}])  # type: ignore[arg-type]  # subclasses are dataclasses

    def _repr_html_(self) -> str:
        return self.to_frame().to_html()


@dataclass(frozen=True, slots=True)
class RateEstimate(_Table):
    """A funnel rate with its Wilson score interval.

    Attributes:
        name: The rate (a key of ``funnel.RATES``, or ``cancellation``).
        successes: Numerator count.
        n: Denominator count.
        value: ``successes / n`` (the numerator capped at ``n``); NaN when ``n`` is 0.
        ci_low: Lower bound of the interval (NaN when ``n`` is 0).
        ci_high: Upper bound of the interval (NaN when ``n`` is 0).
    """

    name: str
    successes: int
    n: int
    value: float
    ci_low: float
    ci_high: float


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
        scores: ``score`` (1-5), ``n``: on-site answers, one per attendee (scores present only).
        questions: ``attendees``, ``questions`` (asked), ``askers`` (attendees with >= 1).
    """

    channel: pd.DataFrame
    customer: pd.DataFrame
    daily: pd.DataFrame
    delivery: pd.DataFrame
    scores: pd.DataFrame
    questions: Mapping[str, int]

    def _repr_html_(self) -> str:
        return self.channel.to_html(index=False)


@dataclass(frozen=True)
class Funnel:
    """Counts and rates of the funnel by channel and by segment, each with an ``all`` row.

    Attributes:
        totals: Event -> customers over all channels (a customer counts once).
        channel: Counts per channel (contacts; index: channel, then ``all``: customers).
        segment: Counts per segment (customers; index: segment in report order, then ``all``).
        channel_rates: Channel (and ``all``) -> rate name -> estimate.
        segment_rates: Segment (and ``all``) -> rate name -> estimate.
    """

    totals: Mapping[str, int]
    channel: pd.DataFrame
    segment: pd.DataFrame
    channel_rates: Mapping[str, Mapping[str, RateEstimate]]
    segment_rates: Mapping[str, Mapping[str, RateEstimate]]

    def counts(self, by: By) -> pd.DataFrame:
        """Counts per channel or per segment, the ``all`` row last."""
        check_choice("by", by, BY)
        return self.channel if by == "channel" else self.segment

    def rates(self, by: By) -> Mapping[str, Mapping[str, RateEstimate]]:
        """Rates per channel or per segment, ``all`` last."""
        check_choice("by", by, BY)
        return self.channel_rates if by == "channel" else self.segment_rates

    def to_frame(self) -> pd.DataFrame:
        """Counts per channel with the all-channels row."""
        return self.channel

    def _repr_html_(self) -> str:
        return self.to_frame().to_html()


@dataclass(frozen=True, slots=True)
class TargetStatus(_Table):
    """Where a target stands and where the current pace leads by the event day.

    Attributes:
        metric: The target's metric (a count of customers or a rate).
        segment: The segment in scope, or None for all invited customers.
        target: The value to reach by the event day.
        actual: Its value at the end of the as-of day.
        projected: Its projected value at the end of the event day.
        status: on_track, at_risk, behind, or no_data (nobody in scope yet).
        is_count: Whether the metric counts customers (else it is a fraction).
    """

    metric: str
    segment: str | None
    target: float
    actual: float
    projected: float
    status: TargetState
    is_count: bool


@dataclass(frozen=True, slots=True)
class Freshness(_Table):
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

    def to_frame(self) -> pd.DataFrame:
        """One row per arm: observed and planned shares, the statistic and the p-value."""
        return self.result.to_frame().assign(segment=self.segment or ALL_SEGMENTS)

    def _repr_html_(self) -> str:
        return self.to_frame().to_html()


@dataclass(frozen=True, slots=True)
class PlannedSplit:
    """The planned arm shares the sample ratio check uses, and where they come from.

    Attributes:
        source: ``plan_json``, ``monitoring_params`` or ``plan_params`` (see ``design``).
        run_id: The run whose plan.json gave the shares (``plan_json`` only).
        default: Shares of a segment without its own; None when none are known.
        segments: Shares of each segment that has its own.
        params_ignored: ``monitoring.arm_shares`` or ``segment_arm_shares`` are set but the
            plan.json, which records the split actually drawn, was used instead.
    """

    source: SharesSource
    run_id: str | None
    default: Mapping[str, float] | None
    segments: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    params_ignored: bool = False

    def of(self, segment: str) -> Mapping[str, float] | None:
        """The planned shares of ``segment``."""
        return self.segments.get(segment, self.default)

    def to_frame(self) -> pd.DataFrame:
        """One row per segment with its own shares, then the default (segment ``all``)."""
        rows = [{"segment": s, **shares} for s, shares in self.segments.items()]
        rows.append({"segment": ALL_SEGMENTS, **(self.default or {})})
        return pd.DataFrame(rows).assign(source=self.source, run_id=self.run_id)

    def _repr_html_(self) -> str:
        return self.to_frame().to_html(index=False)


@dataclass(frozen=True, slots=True)
class RateBreach(_Table):
    """A channel's rate under its threshold.

    Attributes:
        channel: The channel.
        estimate: The rate with its interval.
        threshold: The lowest acceptable rate.
        clear: Whether the whole interval is under the threshold (not chance).
    """

    channel: str
    estimate: RateEstimate
    threshold: float
    clear: bool


@dataclass(frozen=True, slots=True)
class DeliveryDrop(_Table):
    """A channel's recent delivery rate far under its earlier one, and the test that says so.

    Attributes:
        channel: The channel.
        start: First day of the recent window (the channel's last days of sending).
        end: Last day the channel sent invitations.
        rate_recent: Delivery rate of the invitations sent in the window.
        rate_earlier: Delivery rate of the invitations sent before it.
        n_recent: Invitations sent in the window.
        n_earlier: Invitations sent before it.
        p_value: Two-proportion test of the difference.
        floor: The earlier rate lowered by ``monitoring.drop_relative``.
    """

    channel: str
    start: dt.date
    end: dt.date
    rate_recent: float
    rate_earlier: float
    n_recent: int
    n_earlier: int
    p_value: float
    floor: float


@dataclass(frozen=True, slots=True)
class Contamination(_Table):
    """Customers of the control arm who were contacted.

    Attributes:
        count: How many (listed in contamination.csv).
        arm: The control arm's name.
    """

    count: int
    arm: str


AlertDetail = (
    RateBreach | DeliveryDrop | SampleRatioCheck | Contamination | Freshness | TargetStatus
)
"""The finding behind an alert, one type per rule family."""


@dataclass(frozen=True, slots=True)
class Alert:
    """One breached rule with the numbers behind it.

    Attributes:
        rule: Which rule fired.
        severity: ``critical`` (act today) or ``warning`` (watch).
        subject: What it is about, e.g. ``sms/delivery_rate``, a segment, or the control arm.
        value: The observed number (a fraction for rates).
        threshold: The number it was compared with.
        detail: The finding, for the sentence that explains the alert.
    """

    rule: AlertRule
    severity: Severity
    subject: str
    value: float
    threshold: float
    detail: AlertDetail

    @property
    def key(self) -> str:
        """Identity of the alert across runs: rule and subject."""
        return f"{self.rule}:{self.subject}"

    def to_frame(self) -> pd.DataFrame:
        """The alert as a one-row frame (the detail left out)."""
        names = ("rule", "severity", "subject", "value", "threshold")
        return pd.DataFrame([{name: getattr(self, name) for name in names}])

    def _repr_html_(self) -> str:
        return self.to_frame().to_html(index=False)


@dataclass(frozen=True, slots=True)
class SegmentMix(_Table):
    """One segment's share of the invited against its share of attendees (or registrations).

    Attributes:
        segment: The segment.
        invited: Its invited customers.
        invited_share: Its share of all invited customers.
        reached: Its attendees (registrations before the event day).
        reached_share: Its share of all attendees (registrations).
        rate: ``reached / invited`` with its Wilson interval.
    """

    segment: str
    invited: int
    invited_share: float
    reached: int
    reached_share: float
    rate: RateEstimate


@dataclass(frozen=True)
class Participation:
    """Who is coming: the segment mix and the focus segments' share.

    Attributes:
        step: ``attended`` once the event took place, ``registered`` before it.
        segments: One row per segment, in report order.
        focus: The focus segments (``monitoring.focus_segments``) that were invited.
        focus_share: Their share of attendees (registrations); NaN when there are none.
        focus_invited_share: Their share of the invited; NaN when nobody was invited.
    """

    step: str
    segments: tuple[SegmentMix, ...]
    focus: tuple[str, ...]
    focus_share: float
    focus_invited_share: float

    def to_frame(self) -> pd.DataFrame:
        """One row per segment (the rate as its value)."""
        return pd.DataFrame(
            [
                {
                    "segment": m.segment,
                    "invited": m.invited,
                    "invited_share": m.invited_share,
                    self.step: m.reached,
                    f"{self.step}_share": m.reached_share,
                    "rate": m.rate.value,
                }
                for m in self.segments
            ]
        )

    def _repr_html_(self) -> str:
        return self.to_frame().to_html(index=False)


@dataclass(frozen=True, slots=True)
class Feedback(_Table):
    """On-site feedback: instant satisfaction (1-5) of attendees and the questions they asked.

    Attributes:
        n: Attendees who gave a score.
        mean: Mean score; NaN without answers.
        ci_low: Lower bound of the t interval at level 1 - ``monitoring.alpha``.
        ci_high: Upper bound of that interval.
        csat: Share of scores of ``conventions.CSAT_MIN_SCORE`` or more; NaN without answers.
        distribution: Score -> answers, for the scores given (ascending).
        attendees: Attendees.
        questions: Questions asked on site.
        askers: Attendees who asked at least one question.
    """

    n: int
    mean: float
    ci_low: float
    ci_high: float
    csat: float
    distribution: Mapping[int, int]
    attendees: int
    questions: int
    askers: int

    @property
    def questions_per_attendee(self) -> float:
        """Questions per attendee; NaN without attendees."""
        return self.questions / self.attendees if self.attendees else math.nan


@dataclass(frozen=True, slots=True)
class Incident(_Table):
    """An incident the team logged (``monitoring.incidents``).

    Attributes:
        date: The day it happened.
        kind: ``equipment``, ``delay`` or ``other``.
        description: The team's free text, as written.
        count: Occurrences this entry stands for.
    """

    date: dt.date
    kind: str
    description: str
    count: int


@dataclass(frozen=True)
class Incidents:
    """Cancellations from the contacts and the incidents the team logged.

    Attributes:
        cancellations: Registrations cancelled by the end of the as-of day, as a rate of the
            registrations with its Wilson interval.
        logged: Logged incidents up to the as-of day, by date.
        by_kind: Kind -> occurrences logged.
    """

    cancellations: RateEstimate
    logged: tuple[Incident, ...]
    by_kind: Mapping[str, int]

    def to_frame(self) -> pd.DataFrame:
        """The logged incidents, one row each."""
        return pd.DataFrame(
            [{"date": i.date, "kind": i.kind, "description": i.description, "count": i.count}
             for i in self.logged],
            columns=["date", "kind", "description", "count"],
        )  # fmt: skip

    def _repr_html_(self) -> str:
        return self.to_frame().to_html(index=False)


@dataclass(frozen=True, slots=True)
class PreviousRun(_Table):
    """The last complete monitoring run of the same campaign, as its ``monitoring.json`` says.

    Attributes:
        run_id: Its run folder.
        as_of: Its as-of day (ISO text, as written).
        funnel: Event -> customers (all channels).
        alerts: Alert key -> the alert's sentence as that file stored it.
        compatible: Whether its layout version is the one this code writes.
    """

    run_id: str
    as_of: str
    funnel: Mapping[str, int]
    alerts: Mapping[str, str]
    compatible: bool


@dataclass(frozen=True)
class MonitoringResult:
    """What the monitoring stage found, as numbers and data values.

    Attributes:
        status: ok, or why there is nothing to monitor yet: no contacts table, an empty one,
            or no invitation up to the as-of day (not_yet).
        as_of: The day the report describes, up to its end.
        as_of_source: param (monitoring.as_of), data (newest contact event) or today.
        campaign_start: The day invitations start (``campaign.start``).
        event_day: The event day (``campaign.event``).
        alpha: Level of the intervals and of the delivery-drop test (``monitoring.alpha``).
        group_source: Where segments and arms come from.
        counts: The per-group counts.
        funnel: Counts and rates by channel and by segment.
        cumulative: Customers who reached each event by the end of each day, all segments.
        thresholds: Channel -> rate -> the alert threshold (None: no alert for it).
        participation: The segment mix of attendees (registrations) against the invited.
        feedback: On-site scores and questions.
        incidents: Cancellations and logged incidents.
        freshness: Data freshness.
        sample_ratio: Sample ratio checks, all assigned customers first, then one per segment
            (empty when not possible).
        planned_split: The planned shares of the sample ratio checks and their source (None
            when no arms are known).
        contamination: Contacted control customers (None when no arms are known).
        targets: Target statuses (empty unless ``status`` is ok).
        alerts: Breached rules, critical first.
        previous: The previous monitoring run, when there is one.
        artifacts: Names of the files written into the run folder.
    """

    status: Status
    as_of: dt.date
    as_of_source: AsOfSource
    campaign_start: dt.date
    event_day: dt.date
    alpha: float
    group_source: GroupSource
    counts: Counts
    funnel: Funnel
    cumulative: pd.DataFrame
    thresholds: Mapping[str, Mapping[str, float | None]]
    participation: Participation
    feedback: Feedback
    incidents: Incidents
    freshness: Freshness
    sample_ratio: tuple[SampleRatioCheck, ...]
    planned_split: PlannedSplit | None
    contamination: int | None
    previous: PreviousRun | None
    artifacts: tuple[str, ...]
    targets: tuple[TargetStatus, ...] = ()
    alerts: tuple[Alert, ...] = ()

    @property
    def ready(self) -> bool:
        """Whether there are contacts to monitor."""
        return self.status == "ok"

    @property
    def event_passed(self) -> bool:
        """Whether the as-of day is the event day or later (attendance is known)."""
        return self.as_of >= self.event_day

    @property
    def level(self) -> int:
        """Confidence level of the intervals, in percent."""
        return round(100 * (1 - self.alpha))

    def to_frame(self) -> pd.DataFrame:
        """The funnel by channel: contacts at each event, customers in the ``all`` row."""
        return self.funnel.to_frame()

    def _repr_html_(self) -> str:
        return self.to_frame().to_html()
