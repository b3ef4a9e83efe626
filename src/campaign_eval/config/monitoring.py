"""Params of the monitoring stage (03_monitoring): as-of day, targets, alert thresholds, incidents.

Every threshold an alert compares with lives here, with a default that suits a typical invitation
campaign; a params file overrides any of them under ``monitoring:``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from campaign_eval import conventions
from campaign_eval.config._base import IsoDate, StrictModel

MonitoredSegment = conventions.Segment
"""Segments a target or the focus list may name (the segmentation stage's segments)."""
TargetMetric = Literal[
    "invited",
    "registered",
    "attended",
    "registration_rate",
    "participation_rate",
    "attendance_rate",
    "open_rate",
    "click_rate",
]
"""What a target measures: a count of customers, or a funnel rate (docs/methods.md)."""
COUNT_METRICS: tuple[TargetMetric, ...] = ("invited", "registered", "attended")
"""Target metrics that are counts of customers; the others are rates between 0 and 1."""
IncidentKind = Literal["equipment", "delay", "other"]
"""Kinds of incidents the team logs."""
RATE_NAMES = ("delivery_rate", "open_rate", "click_rate", "ctr", "registration_rate",
              "attendance_rate")  # fmt: skip
"""Funnel rates a per-channel threshold can be set for."""
_SHARE_TOLERANCE = 1e-9


class RateThresholds(StrictModel):
    """Lowest acceptable funnel rates of a channel; a rate below its threshold raises an alert.

    Leave a rate empty (null) to switch its alert off. Rates (docs/methods.md): delivery =
    delivered / invited, open = opened / delivered, click = clicked / delivered, CTR = clicked /
    opened, registration = registered / invited, attendance = attended / registered.
    """

    delivery_rate: float | None = Field(0.85, ge=0, le=1)
    """Delivered / invited."""
    open_rate: float | None = Field(0.20, ge=0, le=1)
    """Opened / delivered."""
    click_rate: float | None = Field(0.03, ge=0, le=1)
    """Clicked / delivered."""
    ctr: float | None = Field(None, ge=0, le=1)
    """Clicked / opened (off by default)."""
    registration_rate: float | None = Field(0.02, ge=0, le=1)
    """Registered / invited; a registration counts for the channel the customer registered from."""
    attendance_rate: float | None = Field(0.40, ge=0, le=1)
    """Attended / registered; checked only from the event day on."""


class ChannelThresholds(StrictModel):
    """Thresholds of one channel; an empty rate keeps the general threshold of `thresholds`."""

    delivery_rate: float | None = Field(None, ge=0, le=1)
    """Delivered / invited of this channel."""
    open_rate: float | None = Field(None, ge=0, le=1)
    """Opened / delivered of this channel."""
    click_rate: float | None = Field(None, ge=0, le=1)
    """Clicked / delivered of this channel."""
    ctr: float | None = Field(None, ge=0, le=1)
    """Clicked / opened of this channel."""
    registration_rate: float | None = Field(None, ge=0, le=1)
    """Registered / invited of this channel."""
    attendance_rate: float | None = Field(None, ge=0, le=1)
    """Attended / registered of this channel."""


def _default_channel_thresholds() -> dict[str, ChannelThresholds]:
    # A call counts as delivered when the customer picks up; about 70% is normal, far below the
    # delivery of messages, so calls get their own floor.
    return {"call": ChannelThresholds(delivery_rate=0.50)}


class Target(StrictModel):
    """A campaign target to reach by the event day, e.g. new-customer participation 60%."""

    metric: TargetMetric
    """invited, registered, attended (customers), or registration_rate, participation_rate,
    attendance_rate, open_rate, click_rate (fractions)."""
    target: float = Field(ge=0)
    """The value to reach by the event day: a count, or a fraction such as 0.6 for 60%."""
    segment: MonitoredSegment | None = None
    """Segment the target is about; empty for all invited customers."""

    @model_validator(mode="after")
    def _rate_is_fraction(self) -> Target:
        if self.metric not in COUNT_METRICS and self.target > 1:
            raise ValueError(
                f"target of {self.metric} is a fraction between 0 and 1 (0.6 for 60%), "
                f"got {self.target}"
            )
        return self


class LoggedIncident(StrictModel):
    """An incident the team logged during the campaign (equipment failure, delay, ...)."""

    date: IsoDate
    """Day it happened (YYYY-MM-DD)."""
    kind: IncidentKind
    """equipment, delay or other."""
    description: str = Field("", max_length=500)
    """What happened, in a sentence (shown escaped in the report)."""
    count: int = Field(1, ge=1)
    """How many occurrences this entry stands for."""


class MonitoringParams(StrictModel):
    """Funnel targets, alert thresholds and logged incidents."""

    as_of: IsoDate | None = None
    """Day the monitoring report describes (YYYY-MM-DD); default: the newest contact event, or
    today when that is earlier. Events after it are ignored."""
    targets: list[Target] = Field(default_factory=list)
    """Targets to reach by the event day, each with its status from the current pace."""
    pace_days: int = Field(3, ge=1)
    """Projections extend the pace of the last this-many days linearly to the event day."""
    at_risk_margin: float = Field(0.10, ge=0, lt=1)
    """A target projected to fall short by at most this fraction of it is 'at risk', further
    short is 'behind'."""
    expected_show_up: float = Field(0.60, gt=0, le=1)
    """Share of registered (not cancelled) customers expected to attend; projects attendance
    before the event day."""
    thresholds: RateThresholds = Field(default_factory=RateThresholds)
    """Lowest acceptable funnel rates of every channel."""
    channel_thresholds: dict[str, ChannelThresholds] = Field(
        default_factory=_default_channel_thresholds
    )
    """Per-channel overrides of `thresholds`; by default calls need only 50% delivery."""
    min_group_size: int = Field(30, ge=1)
    """Rate alerts need at least this many customers in the rate's denominator."""
    drop_days: int = Field(3, ge=1)
    """A channel's delivery rate over its last this-many days of sending is compared with its
    earlier delivery rate."""
    drop_relative: float = Field(0.30, gt=0, lt=1)
    """Alert when that recent rate is this fraction or more below the earlier rate (and the
    difference is statistically significant)."""
    focus_segments: list[MonitoredSegment] = Field(
        default=[conventions.CORE, conventions.CHURN_RISK]
    )
    """Segments whose share among attendees the report highlights."""
    control_arm: str = conventions.CONTROL
    """Name of the holdout arm in the assignment; its customers must not be contacted."""
    arm_shares: dict[str, float] | None = None
    """Planned arm shares, e.g. {treatment: 0.8, control: 0.2}, for the sample ratio check, used
    only when no plan.json sits beside the plan's assignment (the plan's record wins); empty: the
    plan params' holdout share (plan.control_share, plan.segment_control_share)."""
    segment_arm_shares: dict[str, dict[str, float]] = Field(default_factory=dict)
    """Per-segment planned shares where they differ from `arm_shares` (a stratified split)."""
    stale_after_days: int = Field(2, ge=0)
    """Contact data older than this many days (before the run day, or the event day once it
    passed) is stale."""
    incidents: list[LoggedIncident] = Field(default_factory=list)
    """Incidents the team logged: date, kind, description, count."""
    alpha: float = Field(conventions.ALPHA, gt=0, lt=0.5)
    """Two-sided level of the confidence intervals and of the delivery-drop test."""

    @field_validator("channel_thresholds", mode="after")
    @classmethod
    def _keep_default_channels(
        cls, value: dict[str, ChannelThresholds]
    ) -> dict[str, ChannelThresholds]:
        return {**_default_channel_thresholds(), **value}

    @model_validator(mode="after")
    def _shares(self) -> MonitoringParams:
        plans = {"arm_shares": self.arm_shares or {}} | {
            f"segment_arm_shares.{segment}": shares
            for segment, shares in self.segment_arm_shares.items()
        }
        for key, shares in plans.items():
            if not shares and key == "arm_shares":
                continue
            if len(shares) < 2 or any(v <= 0 for v in shares.values()):  # noqa: PLR2004
                raise ValueError(
                    f"monitoring.{key}: give at least two arms with positive shares, got {shares}"
                )
            if abs(sum(shares.values()) - 1) > _SHARE_TOLERANCE:
                raise ValueError(
                    f"monitoring.{key}: shares must sum to 1, got {sum(shares.values()):g}"
                )
            if self.control_arm not in shares:
                raise ValueError(
                    f"monitoring.{key}: the control arm '{self.control_arm}' (monitoring."
                    f"control_arm) is not among the arms {sorted(shares)}"
                )
        return self

    def channel_threshold(self, channel: str, rate: str) -> float | None:
        """The threshold of ``rate`` for ``channel``: its override, else the general one."""
        override = self.channel_thresholds.get(channel)
        value = getattr(override, rate) if override is not None else None
        return value if value is not None else getattr(self.thresholds, rate)

    def planned_shares(self, segment: str | None) -> dict[str, float] | None:
        """Planned arm shares of ``segment`` set here (None: the general ones); None when unset."""
        if segment is not None and segment in self.segment_arm_shares:
            return dict(self.segment_arm_shares[segment])
        return dict(self.arm_shares) if self.arm_shares else None
