"""What the plan stage decided and measured: numbers and data values, never words.

Every type here is a frozen dataclass. The report's words come from ``view`` (through ``wording``
and ``tables``), the files from ``export``; a result shows itself in a notebook as the table its
``to_frame()`` returns.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any, Literal

import pandas as pd

from campaign_eval import stats
from campaign_eval.conventions import ARMS, CONTROL, TREATMENT

ProblemCode = Literal[
    "metric_unknown",
    "metric_no_data",
    "segment_not_targeted",
    "filter_unavailable",
    "scope_empty",
    "no_baseline_data",
    "baseline_degenerate",
    "baseline_no_variation",
    "deadline_missing",
    "deadline_before_start",
    "deadline_before_follow_up",
    "deadline_before_window_end",
    "direction_conflict",
    "target_wrong_side",
    "target_out_of_range",
    "too_few_customers",
    "baseline_selection_bias",
    "phase_end_before_start",
    "phase_no_owner",
]
"""Stable codes of goal and schedule problems (documented in docs/plan_json.md)."""
BLOCKING: frozenset[ProblemCode] = frozenset(
    {
        "metric_unknown",
        "metric_no_data",
        "segment_not_targeted",
        "filter_unavailable",
        "scope_empty",
        "no_baseline_data",
        "baseline_degenerate",
        "baseline_no_variation",
        "target_wrong_side",
        "target_out_of_range",
    }
)
"""Problems after which no sample-size design is possible."""
DesignKind = Literal["proportion", "mean"]
"""How a goal's test compares the arms: two proportions, or two means (NPS is a mean of points)."""
TargetKind = Literal["absolute", "relative", "change"]
"""How a goal's target was stated: a level, a relative change or an absolute change."""
AssignmentSource = Literal["drawn", "kept", "redrawn", "data"]
"""Where the assignment came from (see ``AssignmentInfo.source``)."""
SharesSource = Literal["params", "earlier_run", "params_no_earlier_plan"]
"""Where the holdout shares came from (see ``PlannedShares.source``)."""
SegmentsSource = Literal["this_run", "earlier_run", "computed"]
"""Where the segments came from (see ``PlanResult.segments_source``)."""
BudgetSource = Literal["params", "costs_table", "none"]
"""Where the planned amounts came from (see ``PlanResult.budget_source``)."""


def _one_row(result: Any) -> pd.DataFrame:
    """The scalar fields of a dataclass as a one-row frame (tables and nested results left out)."""
    row = {
        f.name: getattr(result, f.name)
        for f in fields(result)
        if isinstance(getattr(result, f.name), str | int | float | dt.date | None)
    }
    return pd.DataFrame([row])


class _Shown:
    """Shows a result in a notebook as the table its ``to_frame()`` returns."""

    def to_frame(self) -> pd.DataFrame:
        """The result's numbers as a table."""
        return _one_row(self)

    def _repr_html_(self) -> str:
        return self.to_frame().to_html()


@dataclass(frozen=True)
class Problem(_Shown):
    """One thing wrong with a goal or the schedule: a stable code and the values it is about.

    Attributes:
        code: Stable machine code (see docs/plan_json.md).
        values: What the problem names, as data (dates, counts, metric values, segment, metric,
            direction and phase names); ``wording.Words.problem`` puts it in words.
    """

    code: ProblemCode
    values: Mapping[str, object] = field(default_factory=dict)

    def to_frame(self) -> pd.DataFrame:
        """The code and each value, one row."""
        return pd.DataFrame([{"code": self.code, **self.values}])


@dataclass(frozen=True)
class Baseline(_Shown):
    """A goal's metric measured before the campaign.

    Attributes:
        value: Proportion (0-1), mean, or NPS in points.
        sd: Standard deviation per measured customer (NaN for proportions).
        n_customers: Customers in the baseline population.
        n_measured: Customers with a value (survey answers, active customers for churn).
        after: The window starts after this day.
        through: The window ends with this day.
        source: ``pre_window`` or ``earlier_cohort``.
    """

    value: float
    sd: float
    n_customers: int
    n_measured: int
    after: dt.date
    through: dt.date
    source: str

    @property
    def measured_share(self) -> float:
        """Share of the population with a value (1 for order metrics)."""
        return self.n_measured / self.n_customers if self.n_customers else math.nan

    @property
    def first_day(self) -> dt.date:
        """The window's first day (the day after ``after``)."""
        return self.after + dt.timedelta(days=1)


@dataclass(frozen=True)
class Design(_Shown):
    """Sample size, power and minimum detectable effect of one goal.

    Attributes:
        kind: ``proportion`` (two-proportion z-test) or ``mean`` (two-sample test on means; NPS
            is a mean of +100 / 0 / -100 per customer).
        baseline: Baseline value.
        target: Target value.
        sd: Standard deviation per customer (NaN for proportions).
        n_available: Customers expected to have a value in the scope.
        control_share: Holdout share at the chosen split.
        alpha: Two-sided level the goal is sized at: the plan's alpha divided by its number of
            goals (``design.goal_alpha``), the level the evaluation judges the goal at.
        desired_power: The power asked for.
        n_required_per_arm: Customers per arm needed with two equal arms (the smallest total).
        power: Power at the chosen split with ``n_available`` customers.
        mde: Smallest absolute change detectable at the chosen split (NaN when none is).
        recommended_share: Smallest holdout share on the grid that reaches the power; None when
            no share on the grid does.
        curve: ``(holdout share, power)`` at each share of ``design.CURVE_SHARES``.
    """

    kind: DesignKind
    baseline: float
    target: float
    sd: float
    n_available: int
    control_share: float
    alpha: float
    desired_power: float
    n_required_per_arm: int
    power: float
    mde: float
    recommended_share: float | None
    curve: tuple[tuple[float, float], ...] = ()

    @property
    def n_required_total(self) -> int:
        """Customers needed in all: two equal arms."""
        return 2 * self.n_required_per_arm

    @property
    def powered(self) -> bool:
        """Whether the chosen split reaches the desired power."""
        return self.power >= self.desired_power

    @property
    def feasible(self) -> bool:
        """Whether any split of the available customers could reach the power."""
        return self.n_required_total <= self.n_available


@dataclass(frozen=True)
class GoalPlan(_Shown):
    """One goal as written, with its baseline, target, design and problems.

    Attributes:
        id: The goal's id in the params file.
        description: The goal in the author's words, or None.
        metric: The metric's name as written (may be unknown: see ``problems``).
        metric_kind: ``proportion``, ``mean`` or ``nps``; None for an unknown metric.
        segment: The scope's segment, or ``all`` (every targeted segment).
        filters: The scope's attribute filters, ``((column, (values...)), ...)``.
        window_days: Length of the baseline and outcome windows.
        baseline_source: ``pre_window`` or ``earlier_cohort``, as the params ask.
        target_kind: How the target was stated.
        target_input: The target number as written (0.15 for +15% when relative).
        deadline: The goal's deadline, or None.
        direction: ``increase`` or ``decrease`` is better.
        alpha: Two-sided level the goal is sized and will be judged at: the plan's alpha divided
            by its number of goals, the first Holm step of the evaluation's primary family
            (``design.goal_alpha``); also set when no design is possible.
        n_in_scope: Customers in the goal's scope now.
        baseline: The measured baseline, None when it could not be measured.
        target: The target level in the metric's unit (NaN without a baseline for a relative
            or change target).
        design: The sample-size design, None when a blocking problem prevents it.
        problems: What is wrong, blocking problems first.
    """

    id: str
    description: str | None
    metric: str
    metric_kind: str | None
    segment: str
    filters: tuple[tuple[str, tuple[str, ...]], ...]
    window_days: int
    baseline_source: str
    target_kind: TargetKind
    target_input: float
    deadline: dt.date | None
    direction: str
    alpha: float
    n_in_scope: int
    baseline: Baseline | None
    target: float
    design: Design | None
    problems: tuple[Problem, ...]

    @property
    def powered(self) -> bool:
        """Whether the goal can be detected at the chosen holdout."""
        return self.design is not None and self.design.powered

    @property
    def blocked(self) -> bool:
        """Whether a problem prevents the design."""
        return any(p.code in BLOCKING for p in self.problems)


@dataclass(frozen=True)
class PlannedShares(_Shown):
    """The holdout shares the assignment was drawn with, which the design and checks use.

    Attributes:
        default: Control share of a segment without its own share.
        segments: Control share of each segment with a planned split (the targeted segments).
        source: ``params`` (this run's ``plan.control_share`` / ``plan.segment_control_share``),
            ``earlier_run`` (the plan.json of the run a kept assignment came from) or
            ``params_no_earlier_plan`` (a kept assignment whose run has no readable plan.json:
            the params are the best guess).
    """

    default: float
    segments: Mapping[str, float]
    source: SharesSource

    def control_share_of(self, segment: str) -> float:
        """The planned control share of ``segment``."""
        return self.segments.get(segment, self.default)

    def planned(self, segment: str) -> bool:
        """Whether ``segment`` has a planned split."""
        return segment in self.segments

    def to_frame(self) -> pd.DataFrame:
        """The control share of each planned segment."""
        return pd.DataFrame(
            {"segment": list(self.segments), "control_share": list(self.segments.values())}
        )


@dataclass(frozen=True)
class ShareChange(_Shown):
    """A targeted segment whose holdout share in the params differs from the kept assignment's.

    Attributes:
        segment: The segment.
        kept: Control share the kept assignment was drawn with (the one used).
        now: Control share the params give now (ignored).
    """

    segment: str
    kept: float
    now: float


@dataclass(frozen=True)
class AssignmentInfo(_Shown):
    """The campaign's assignment and where it came from.

    Attributes:
        frame: ``customer_id``, ``segment``, ``arm`` of every targeted customer.
        source: ``drawn`` (now), ``kept`` (frozen from an earlier run), ``redrawn`` (frozen one
            replaced on request) or ``data`` (supplied as the assignment table).
        started: Whether the campaign had started on the run's today.
        earlier_run: The run folder the frozen assignment came from, when one exists.
        redraw_reason: The reason given for a redraw that replaced a frozen assignment.
        redraw_ignored: A redraw reason was given but nothing was frozen.
        not_assigned: Customers of targeted segments now who are not in a kept assignment.
        shares: The holdout shares the assignment was drawn with: a kept assignment keeps the
            shares of the run it came from, whatever the params say now.
        share_changes: Targeted segments whose share in the params differs from the kept
            assignment's; empty unless a kept assignment has the shares of its run.
        split_checks: Per assigned segment, the chi-square test of its arm sizes against the
            planned shares; None for a segment without a planned share or with an empty arm.
    """

    frame: pd.DataFrame
    source: AssignmentSource
    started: bool
    earlier_run: str | None
    redraw_reason: str | None
    redraw_ignored: bool
    not_assigned: int
    shares: PlannedShares
    share_changes: tuple[ShareChange, ...] = ()
    split_checks: Mapping[str, stats.SampleRatioResult | None] = field(default_factory=dict)

    @property
    def frozen(self) -> bool:
        """Whether the assignment is the campaign's record and must not change any more."""
        return self.started or self.source == "data"

    def counts(self) -> pd.DataFrame:
        """Customers per segment (rows) and arm (columns)."""
        table = pd.crosstab(self.frame["segment"], self.frame["arm"])
        return table.reindex(
            columns=[a for a in ARMS if a in table.columns] or list(ARMS), fill_value=0
        )

    def to_frame(self) -> pd.DataFrame:
        """Customers per segment and arm."""
        return self.counts()


@dataclass(frozen=True)
class PhasePlan(_Shown):
    """One phase with its dates.

    Attributes:
        name: Phase name (one of the template's phases or free text).
        start: First day.
        end: Last day (inclusive).
        buffer_days: Slack after the last day.
        owner: Responsible person (the phase's, else the campaign owner), None when nobody.
        resources: What the phase needs, as written, or None for the template text.
    """

    name: str
    start: dt.date
    end: dt.date
    buffer_days: int
    owner: str | None
    resources: str | None

    @property
    def buffer_end(self) -> dt.date:
        """Last day including the buffer."""
        return self.end + dt.timedelta(days=self.buffer_days)

    @property
    def days(self) -> int:
        """Days from the first to the last day, both included."""
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class RoiCheck(_Shown):
    """The spend lift the campaign needs to reach the ROI standard, beside what the holdout detects.

    Attributes:
        planned_cost: Total planned cost.
        standard: ROI standard (incremental value / cost).
        margin_rate: Share of revenue counted as value.
        n_treated: Treated (contacted) customers.
        n_control: Control customers.
        after: Spend window starts after this day (the window before the campaign).
        through: Spend window ends with this day.
        baseline_spend: Spend per targeted customer in that window.
        sd: Its standard deviation per customer.
        required_value: standard x planned cost.
        required_per_treated: Extra revenue needed per treated customer.
        required_lift: ``required_per_treated / baseline_spend``.
        mde_lift: Smallest relative spend lift the holdout detects (NaN when none), at ``alpha``.
        alpha: Two-sided level of ``mde_lift``: the goals' level (``design.goal_alpha``) when
            spend per customer is the metric of a goal, else the plan's alpha.
        spend_goals: Ids of the goals whose metric is spend per customer (empty when none).
    """

    planned_cost: float
    standard: float
    margin_rate: float
    n_treated: int
    n_control: int
    after: dt.date
    through: dt.date
    baseline_spend: float
    sd: float
    required_value: float
    required_per_treated: float
    required_lift: float
    mde_lift: float
    alpha: float
    spend_goals: tuple[str, ...]

    @property
    def detectable(self) -> bool:
        """Whether a lift just large enough for the standard would be detected."""
        return not math.isnan(self.mde_lift) and self.required_lift >= self.mde_lift

    @property
    def first_day(self) -> dt.date:
        """The spend window's first day (the day after ``after``)."""
        return self.after + dt.timedelta(days=1)

    @property
    def window_days(self) -> int:
        """Length of the spend window."""
        return (self.through - self.after).days


@dataclass(frozen=True)
class PlanResult(_Shown):
    """What the plan stage decided and found.

    Attributes:
        today: The day the run counted as today.
        event: The campaign's event day (outcome windows start after it).
        segments_source: ``this_run``, ``earlier_run`` or ``computed`` (segmentation not run).
        customers: Every customer with segment and attributes (from segments.parquet).
        goals: One entry per goal of the params, in params order.
        assignment: The assignment and its provenance.
        phases: The schedule.
        schedule_end: Last day of the schedule including buffers (the event day without phases).
        schedule_problems: Problems of the schedule.
        budget: Planned amount per category, in report order.
        budget_source: ``params``, ``costs_table`` or ``none``.
        roi: The ROI check, None without a budget, spend data or both arms.
        files: Artifact key (``assignment``, ``plan_json``, ...) -> file name written.
    """

    today: dt.date
    event: dt.date
    segments_source: SegmentsSource
    customers: pd.DataFrame
    goals: tuple[GoalPlan, ...]
    assignment: AssignmentInfo
    phases: tuple[PhasePlan, ...]
    schedule_end: dt.date
    schedule_problems: tuple[Problem, ...]
    budget: Mapping[str, float]
    budget_source: BudgetSource
    roi: RoiCheck | None
    files: Mapping[str, str] = field(default_factory=dict)

    @property
    def shares(self) -> PlannedShares:
        """The holdout shares the assignment was drawn with (a kept one keeps its own)."""
        return self.assignment.shares

    @property
    def family_size(self) -> int:
        """The number of goals, m: the size of the evaluation's primary family (one each)."""
        return len(self.goals)

    @property
    def n_targeted(self) -> int:
        """Customers in the assignment."""
        return len(self.assignment.frame)

    @property
    def n_treated(self) -> int:
        """Treated customers (the ones contacted)."""
        return int((self.assignment.frame["arm"] == TREATMENT).sum())

    @property
    def n_control(self) -> int:
        """Control customers (the holdout)."""
        return int((self.assignment.frame["arm"] == CONTROL).sum())

    @property
    def budget_total(self) -> float:
        """Total planned cost (0 without a budget)."""
        return float(sum(self.budget.values()))

    def to_frame(self) -> pd.DataFrame:
        """One row per goal: baseline, target, level, customers needed, power and MDE."""
        rows = [
            {
                "goal": g.id,
                "metric": g.metric,
                "baseline": math.nan if g.baseline is None else g.baseline.value,
                "target": g.target,
                "n_in_scope": g.n_in_scope,
                "alpha": g.alpha,
                "n_required_per_arm": None if g.design is None else g.design.n_required_per_arm,
                "power": math.nan if g.design is None else g.design.power,
                "mde": math.nan if g.design is None else g.design.mde,
                "powered": g.powered,
                "problems": len(g.problems),
            }
            for g in self.goals
        ]
        return pd.DataFrame(rows)
