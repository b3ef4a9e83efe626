"""Params of the plan stage (02_plan): SMART goals, experiment design, activities, schedule, budget.

Goals are structured, never code: a metric of ``campaign_eval.metrics.METRICS``, a scope (a segment
and optional attribute filters), one way of stating the target, a direction and a deadline. The
stage measures each goal's baseline from the data and says in plain words what is wrong with a goal;
only what can be checked without data (the shape of a goal, its metric's name) is validated here.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from campaign_eval import conventions
from campaign_eval.config._base import IsoDate, StrictModel
from campaign_eval.config._errors import check_known
from campaign_eval.metrics.catalogue import METRICS

TargetSegment = conventions.Segment
"""Segments a campaign may target (``maintain`` only when asked to)."""
ScopeSegment = conventions.Scope
"""A goal's segment; ``all`` means every targeted segment together."""
FilterColumn = Literal["industry", "size", "region", "owner"]
"""Customer attributes a goal's scope may filter on."""
Direction = Literal["increase", "decrease"]
"""Which way is better; the same words as the evaluation params and ``stats``."""
BaselineSource = Literal["pre_window", "earlier_cohort"]
BudgetCategory = Literal["staff", "marketing", "technology", "venue", "research", "contingency"]
BUDGET_CATEGORIES: tuple[BudgetCategory, ...] = (
    "staff", "marketing", "technology", "venue", "research", "contingency",
)  # fmt: skip
"""The template's budget categories, in report order."""
PHASE_KEYS = ("preparation", "promotion", "event", "follow_up")
"""Phases with a built-in label; other phase names are shown as written."""

DEFAULT_TARGETED: tuple[TargetSegment, ...] = conventions.DEFAULT_TARGETED
DEFAULT_CONTROL_SHARE = 0.2
"""Holdout share of every targeted segment (the demo's 80/20 split, ``DEMO_ARM_SHARES``)."""
DEFAULT_HOLDOUT_GRID = (0.05, 0.10, 0.15, 0.20, 0.25, 0.30, 0.35, 0.40, 0.45, 0.50)
"""Control shares tried when recommending the smallest holdout that reaches the power."""
DEFAULT_ALPHA = conventions.ALPHA
"""Two-sided tests at 0.05 (docs/methods.md)."""
DEFAULT_POWER = conventions.POWER
DEFAULT_ROI_STANDARD = conventions.ROI_STANDARD
"""The template's return standard: ROI >= 5 (the template writes 1:5)."""
DEFAULT_WINDOW_DAYS = conventions.WINDOW_DAYS
_MAX_WINDOW_DAYS = 366
_MAX_SHARE = 0.5
"""A holdout larger than the treated group buys no power for a two-arm test."""


class GoalScope(StrictModel):
    """Which customers a goal is about: a segment, optionally narrowed by attribute filters."""

    segment: ScopeSegment = "all"
    """core, growth, churn_risk, new, maintain, or all (every targeted segment together)."""
    filters: dict[FilterColumn, list[str]] = Field(default_factory=dict)
    """Attribute -> accepted values, e.g. `{region: [East], industry: [manufacturing]}`."""

    @field_validator("filters", mode="before")
    @classmethod
    def _listify(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {k: [v] if isinstance(v, str) else v for k, v in value.items()}
        return value


class Goal(StrictModel):
    """One SMART goal: metric, scope, target (exactly one of target, relative, change), deadline."""

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")
    """Short id used in tables, plan.json and the evaluation (letters, digits, - _ .)."""
    description: str | None = Field(None, max_length=300)
    """The goal in your words, shown in the report as written."""
    metric: str
    """A metric of the catalogue: repurchase_rate, spend_per_customer, mean_satisfaction, ..."""
    window_days: int = Field(DEFAULT_WINDOW_DAYS, ge=1, le=_MAX_WINDOW_DAYS)
    """Length of the measurement window in days (the same for the baseline and the outcome)."""
    scope: GoalScope = Field(default_factory=GoalScope)
    """The customers the goal is about."""
    target: float | None = None
    """The level to reach, in the metric's unit (0.20 for a 20% rate; 4.5 for satisfaction)."""
    relative: float | None = None
    """Relative change from the baseline: 0.15 for +15%, -0.20 for -20%."""
    change: float | None = None
    """Absolute change from the baseline in the metric's unit: 0.2 points, 0.06 for +6 points."""
    direction: Direction | None = None
    """increase or decrease is better; default: from the metric (decrease for churn, complaints)."""
    deadline: IsoDate | None = None
    """The day by which the goal should be reached (YYYY-MM-DD)."""
    baseline: BaselineSource = "pre_window"
    """Where the baseline comes from: `pre_window` (the scope's customers in the window before
    the start) or `earlier_cohort` (the customers the same segment rule selected one window
    earlier, followed over the next window: right for segments chosen for having no orders)."""

    @field_validator("metric")
    @classmethod
    def _known_metric(cls, value: str) -> str:
        return check_known("metric", value, METRICS)

    @model_validator(mode="after")
    def _one_target(self) -> Goal:
        given = [k for k in ("target", "relative", "change") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(
                f"goal '{self.id}': give exactly one of target (level), relative (e.g. 0.15 "
                f"for +15%) or change (e.g. 0.2 points); got {', '.join(given) or 'none'}"
            )
        return self


class Redraw(StrictModel):
    """Permission to redraw an assignment that is frozen because the campaign has started."""

    reason: str = Field(min_length=5, max_length=500)
    """Why the assignment must change; written into plan.json and the report."""


class Activity(StrictModel):
    """What a segment is offered; every field left out keeps the template's text."""

    form: str | None = Field(None, max_length=200)
    """The form of the activity, e.g. an executive salon."""
    content: list[str] | None = None
    """Content points, one line each."""
    highlight: str | None = Field(None, max_length=300)
    """What makes it worth the customer's time."""
    channel: str | None = Field(None, max_length=200)
    """How customers are invited and reached."""

    @field_validator("content", mode="before")
    @classmethod
    def _listify(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class Phase(StrictModel):
    """One phase of the execution plan, in days relative to the event day."""

    name: str = Field(min_length=1, max_length=60)
    """preparation, promotion, event or follow_up (translated labels), or any other name."""
    start_day: int
    """First day of the phase relative to the event (-21 = three weeks before)."""
    end_day: int
    """Last day of the phase relative to the event (inclusive)."""
    owner: str | None = Field(None, max_length=100)
    """Who is responsible; default: campaign.owner."""
    resources: str | None = Field(None, max_length=300)
    """People, tools and material the phase needs; default: the template's text."""
    buffer_days: int = Field(0, ge=0, le=60)
    """Slack after the phase's last day before anything that depends on it."""


def _default_phases() -> list[Phase]:
    # the planning method's step 4: preparation 3 weeks before, promotion 2 weeks before, the event,
    # follow-up 1 week after.
    return [
        Phase(name="preparation", start_day=-21, end_day=-15, buffer_days=2),
        Phase(name="promotion", start_day=-14, end_day=-1, buffer_days=1),
        Phase(name="event", start_day=0, end_day=0),
        Phase(name="follow_up", start_day=1, end_day=7, buffer_days=2),
    ]


class PlanParams(StrictModel):
    """Goals, experiment design, schedule and budget of the campaign."""

    goals: list[Goal] = Field(default_factory=list)
    """SMART goals; each gets a measured baseline, checks and a sample-size design."""
    targeted: list[TargetSegment] = Field(default_factory=lambda: list(DEFAULT_TARGETED))
    """Segments the campaign targets; customers of other segments are not assigned."""
    control_share: float = Field(DEFAULT_CONTROL_SHARE, gt=0, le=_MAX_SHARE)
    """Share of each targeted segment held out as the control group (never contacted)."""
    segment_control_share: dict[TargetSegment, float] = Field(default_factory=dict)
    """Per-segment holdout shares that replace control_share, e.g. `{core: 0.3}`."""
    alpha: float = Field(DEFAULT_ALPHA, gt=0, lt=0.5)
    """Two-sided level of the goals as a family; each goal is sized at alpha / number of goals."""
    power: float = Field(DEFAULT_POWER, gt=0.5, lt=1)
    """Chance of detecting a goal's change when it is real."""
    holdout_grid: list[float] = Field(default_factory=lambda: list(DEFAULT_HOLDOUT_GRID))
    """Holdout shares tried when recommending the smallest one that reaches the power."""
    roi_standard: float = Field(DEFAULT_ROI_STANDARD, gt=0)
    """Return standard: incremental value / cost must reach this (5 means 1:5)."""
    margin_rate: float = Field(conventions.MARGIN_RATE, gt=0, le=1)
    """Share of revenue counted as value (1.0 = revenue)."""
    roi_window_days: int = Field(DEFAULT_WINDOW_DAYS, ge=1, le=_MAX_WINDOW_DAYS)
    """Window of the spend the ROI standard is checked on."""
    redraw: Redraw | None = None
    """Redraw a frozen assignment (the campaign has started): give the reason."""
    activities: dict[TargetSegment, Activity] = Field(default_factory=dict)
    """Per-segment texts that replace the template's activity defaults."""
    phases: list[Phase] = Field(default_factory=_default_phases)
    """The execution plan; default: preparation, promotion, event, follow-up."""
    budget: dict[BudgetCategory, float] = Field(default_factory=dict)
    """Planned amount per category; empty: the planned column of the costs table."""

    @field_validator("segment_control_share")
    @classmethod
    def _shares(cls, value: dict[str, float]) -> dict[str, float]:
        for segment, share in value.items():
            if not 0 < share <= _MAX_SHARE:
                raise ValueError(
                    f"plan.segment_control_share.{segment} must be > 0 and <= {_MAX_SHARE}, "
                    f"got {share}"
                )
        return value

    @field_validator("holdout_grid")
    @classmethod
    def _grid(cls, value: list[float]) -> list[float]:
        if not value or any(not 0 < s <= _MAX_SHARE for s in value):
            raise ValueError(f"holdout shares must be > 0 and <= {_MAX_SHARE}, got {value}")
        return sorted(set(value))

    @field_validator("budget")
    @classmethod
    def _budget(cls, value: dict[str, float]) -> dict[str, float]:
        negative = {k: v for k, v in value.items() if v < 0}
        if negative:
            raise ValueError(f"planned amounts must be >= 0, got {negative}")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> PlanParams:
        ids = [g.id for g in self.goals]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"plan.goals: goal ids must be unique; repeated: {', '.join(twice)}")
        if not self.targeted or len(set(self.targeted)) != len(self.targeted):
            raise ValueError(f"plan.targeted must list each segment once, got {self.targeted}")
        stray = sorted(set(self.segment_control_share) - set(self.targeted))
        if stray:
            raise ValueError(
                "plan.segment_control_share names segments that are not targeted: "
                + ", ".join(stray)
            )
        names = [p.name for p in self.phases]
        if len(set(names)) != len(names):
            raise ValueError(f"plan.phases: phase names must be unique, got {names}")
        return self

    def control_share_of(self, segment: str) -> float:
        """The holdout share of one targeted segment."""
        return self.segment_control_share.get(segment, self.control_share)  # type: ignore[call-overload]
