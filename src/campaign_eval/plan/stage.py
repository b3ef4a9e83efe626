"""The plan stage (02_plan): measured goals, a holdout able to detect them, assignment, plan.

What a careful analyst does before anything is sent: every SMART goal gets a baseline measured from
the data and plain-word checks; every goal gets a sample-size design (customers needed, power and
minimum detectable effect at the chosen holdout, the smallest holdout that would do); the targeted
customers are split into treatment and control by the stable hash of ``assignment.assign_arms``
(frozen once the campaign has started); activities, schedule and budget are laid out and checked;
the sales team gets its lists. Results go to ``plan.json`` (read by the evaluation stage),
``plan.xlsx``, ``assignment.parquet`` / ``.csv`` and ``target_lists.xlsx``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Literal

import pandas as pd

from campaign_eval import stats
from campaign_eval.config.plan import BUDGET_CATEGORIES, PHASE_KEYS, Goal, PlanParams
from campaign_eval.config.segmentation import AllOf, AnyOf, Condition
from campaign_eval.contract import CUSTOMER_ID
from campaign_eval.conventions import MAINTAIN
from campaign_eval.io import CampaignData
from campaign_eval.metrics.catalogue import METRICS, Metric
from campaign_eval.metrics.outcomes import group_stats, metric_available
from campaign_eval.plan.assignment import assign_arms
from campaign_eval.report import format_number, format_pct
from campaign_eval.run import folders as runs
from campaign_eval.run.context import StageContext
from campaign_eval.segmentation.rules import segment_data

SEGMENTS_FILE = "segments.parquet"
"""Artifact of the segmentation stage this stage reads."""
ASSIGNMENT_FILE = "assignment.parquet"
"""Artifact: ``customer_id``, ``segment``, ``arm`` of every targeted customer."""
ASSIGNMENT_CSV = "assignment.csv"
TARGET_LISTS = "target_lists.xlsx"
"""Artifact: one sheet per targeted segment for the sales team; control rows say do not contact."""
PLAN_XLSX = "plan.xlsx"
"""Artifact: sheets goals, design, schedule, budget, activities."""
PLAN_JSON = "plan.json"
"""Artifact: goals, design and assignment summary (see docs/plan_json.md)."""
PLAN_SCHEMA_VERSION = 1
"""Version of the plan.json layout; bump it when a key changes meaning or disappears."""
PLAN_SHEETS = ("goals", "design", "schedule", "budget", "activities")
TREATMENT = "treatment"
CONTROL = "control"
ARMS = (TREATMENT, CONTROL)
"""Arm order matters: ``assign_arms`` maps the hash onto cumulative shares in this order, the same
order as ``datasets.DEMO_ARM_SHARES``."""
ALL = "all"
CURVE_SHARES = tuple(round(0.02 + 0.01 * k, 2) for k in range(49))
"""Holdout shares the power curve is drawn at (2% to 50%)."""
_NPS_SCALE = stats.NPS_POINTS
_SATISFACTION_RANGE = (1.0, 5.0)
_NPS_RANGE = (-100.0, 100.0)
_SHEET_NAME_MAX = 31
_SHARE_DIGITS = 12
_ONE_DAY = dt.timedelta(days=1)

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
_BLOCKING: frozenset[ProblemCode] = frozenset(
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
# label keys of the columns of the report tables, in order
_GOALS_TABLE_COLUMNS = (
    "plan.col.goal",
    "plan.col.description",
    "plan.col.metric",
    "plan.col.scope",
    "plan.col.window",
    "plan.col.baseline_window",
    "plan.col.baseline",
    "plan.col.target",
    "plan.col.direction",
    "plan.col.deadline",
    "plan.col.status",
)
_DESIGN_TABLE_COLUMNS = (
    "plan.col.goal",
    "plan.col.in_scope",
    "plan.col.measurable",
    "plan.col.needed_per_arm",
    "plan.col.holdout",
    "plan.col.power",
    "plan.col.mde",
    "plan.col.change_wanted",
    "plan.col.recommended",
    "plan.col.powered",
)
_ASSIGNMENT_TABLE_COLUMNS = (
    "word.segment",
    "arm.treatment",
    "arm.control",
    "plan.col.planned_share",
    "plan.col.actual_share",
    "plan.col.split_check",
)
_ACTIVITIES_FRAME_COLUMNS = (
    "word.segment",
    "plan.col.form",
    "plan.col.content",
    "plan.col.highlight",
    "plan.col.channel",
)
_SCHEDULE_TABLE_COLUMNS = (
    "plan.col.phase",
    "plan.col.start",
    "plan.col.end",
    "plan.col.days",
    "plan.col.buffer",
    "plan.col.owner",
    "plan.col.resources",
)
AssignmentSource = Literal["drawn", "kept", "redrawn", "data"]
SharesSource = Literal["params", "earlier_run", "params_no_earlier_plan"]
_SHARE_TOLERANCE = 1e-9
_SELECTION_BASES: dict[str, tuple[str, tuple[str, ...]]] = {
    # segment-rule feature -> (what it measures, plan.selected_on.<key>; metrics that measure it)
    **dict.fromkeys(
        ("spend_12m", "spend_12m_pct", "spend_6m", "spend_prev_6m", "spend_growth_6m"),
        ("spend", ("spend_per_customer",)),
    ),
    **dict.fromkeys(
        ("orders_12m", "orders_3m", "recency_days"),
        (
            "orders",
            ("repurchase_rate", "repeat_purchase_rate", "churn_rate", "spend_per_customer"),
        ),
    ),
    "latest_satisfaction": ("satisfaction", ("mean_satisfaction", "csat")),
    "latest_nps": ("nps", ("nps",)),
    "complaints_12m": ("complaints", ("complaint_rate",)),
}
"""Which goal metrics a segment rule's features select on (a baseline measured just before the
start on such a segment is biased by the selection: regression to the mean)."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a goal or the schedule.

    Attributes:
        code: Stable machine code (see docs/plan_json.md).
        message: The problem in plain words, in the report language.
    """

    code: ProblemCode
    message: str


@dataclass(frozen=True, slots=True)
class Baseline:
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


@dataclass(frozen=True, slots=True)
class Design:
    """Sample size, power and minimum detectable effect of one goal.

    Attributes:
        kind: ``proportion`` (two-proportion z-test) or ``mean`` (two-sample test on means; NPS
            is a mean of +100 / 0 / -100 per customer).
        baseline: Baseline value.
        target: Target value.
        sd: Standard deviation per customer (NaN for proportions).
        n_available: Customers expected to have a value in the scope.
        control_share: Holdout share at the chosen split.
        alpha: Two-sided significance level.
        desired_power: The power asked for.
        n_required_per_arm: Customers per arm needed with two equal arms (the smallest total).
        power: Power at the chosen split with ``n_available`` customers.
        mde: Smallest absolute change detectable at the chosen split (NaN when none is).
        recommended_share: Smallest holdout share on the grid that reaches the power; None when
            no share on the grid does.
    """

    kind: str
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

    def power_at(self, share: float, n_available: int | None = None) -> float:
        """Power with holdout ``share`` of ``n_available`` customers (default: this scope)."""
        n = self.n_available if n_available is None else n_available
        return split_power(self.kind, self.baseline, self.target, self.sd, n, share, self.alpha)


@dataclass(frozen=True, slots=True)
class GoalPlan:
    """One goal with its baseline, target, design and problems.

    Attributes:
        goal: The goal as written in params.
        metric: The catalogue metric, None when unknown.
        direction: ``increase`` or ``decrease`` is better.
        n_in_scope: Customers in the goal's scope now.
        baseline: The measured baseline, None when it could not be measured.
        target: The target level in the metric's unit (NaN without a baseline for a relative
            or change target).
        design: The sample-size design, None when a blocking problem prevents it.
        problems: What is wrong, in plain words.
    """

    goal: Goal
    metric: Metric | None
    direction: str
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
    def target_kind(self) -> str:
        """How the target was stated: ``absolute``, ``relative`` or ``change``."""
        if self.goal.target is not None:
            return "absolute"
        return "relative" if self.goal.relative is not None else "change"

    @property
    def target_input(self) -> float:
        """The target number as written in params."""
        value = next(
            v for v in (self.goal.target, self.goal.relative, self.goal.change) if v is not None
        )
        return float(value)


@dataclass(frozen=True, slots=True)
class PlannedShares:
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

    @classmethod
    def from_params(cls, params: PlanParams, source: SharesSource = "params") -> PlannedShares:
        """The shares of the plan params."""
        segments = {s: params.control_share_of(s) for s in params.targeted}
        return cls(params.control_share, segments, source)

    def control_share_of(self, segment: str) -> float:
        """The planned control share of ``segment``."""
        return self.segments.get(segment, self.default)

    def planned(self, segment: str) -> bool:
        """Whether ``segment`` has a planned split."""
        return segment in self.segments


def shares_from_plan_json(payload: Mapping[str, object]) -> tuple[float, dict[str, float]] | None:
    """The control shares a plan.json records: the default and the per-segment ones.

    Args:
        payload: A plan.json (docs/plan_json.md): ``arm_shares`` and ``segment_shares``.

    Returns:
        ``(default, {segment: share})`` as control shares normalized over the two arms, or None
        when the file has no usable ``arm_shares``.
    """
    default = _control_share(payload.get("arm_shares"))
    if default is None:
        return None
    raw = payload.get("segment_shares")
    segments: dict[str, float] = {}
    if isinstance(raw, Mapping):
        for segment, arms in raw.items():
            share = _control_share(arms)
            if share is not None:
                segments[str(segment)] = share
    return default, segments


def _control_share(raw: object) -> float | None:
    if not isinstance(raw, Mapping):
        return None
    values = [raw.get(arm) for arm in ARMS]
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
        return None
    treated, control = (float(v) for v in values)  # type: ignore[arg-type]
    if treated < 0 or control < 0 or treated + control <= 0:
        return None
    return round(control / (treated + control), _SHARE_DIGITS)


def _read_plan_shares(path: Path) -> PlannedShares | None:
    """The shares of the plan.json at ``path``; None when it is missing or unreadable."""
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    found = shares_from_plan_json(payload) if isinstance(payload, dict) else None
    if found is None:
        return None
    return PlannedShares(found[0], found[1], "earlier_run")


@dataclass(frozen=True, slots=True)
class AssignmentInfo:
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
    """

    frame: pd.DataFrame
    source: AssignmentSource
    started: bool
    earlier_run: str | None
    redraw_reason: str | None
    redraw_ignored: bool
    not_assigned: int
    shares: PlannedShares

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


@dataclass(frozen=True, slots=True)
class PhasePlan:
    """One phase with its dates.

    Attributes:
        name: Phase name (a key of ``PHASE_KEYS`` or free text).
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


@dataclass(frozen=True, slots=True)
class RoiCheck:
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
        mde_lift: Smallest relative spend lift the holdout detects (NaN when none).
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

    @property
    def detectable(self) -> bool:
        """Whether a lift just large enough for the standard would be detected."""
        return not math.isnan(self.mde_lift) and self.required_lift >= self.mde_lift


# ---------------------------------------------------------------------------------------------
# Design: sample size, power, minimum detectable effect


def split_power(
    kind: str, baseline: float, target: float, sd: float, n_total: int, share: float, alpha: float
) -> float:
    """Power of the planned two-sided test when ``share`` of ``n_total`` is held out."""
    return stats.power_at_split(kind, baseline, target, n_total, share, sd=sd, alpha=alpha)  # type: ignore[arg-type]


def design_goal(
    kind: Literal["proportion", "mean"],
    baseline: float,
    target: float,
    n_available: int,
    control_share: float,
    *,
    sd: float = math.nan,
    alpha: float = stats.DEFAULT_ALPHA,
    power: float = stats.DEFAULT_POWER,
    grid: tuple[float, ...] | list[float] = (),
) -> Design:
    """Size the experiment for one goal.

    The sample size is the normal approximation of R's ``power.prop.test`` for proportions and
    the two-sample z approximation with the baseline SD for means (CONVENTIONS), rounded up.

    Args:
        kind: ``proportion`` or ``mean``.
        baseline: Baseline (control) value.
        target: Target value.
        n_available: Customers with a value in the scope (both arms together).
        control_share: The chosen holdout share.
        sd: Standard deviation per customer (required for means).
        alpha: Two-sided significance level.
        power: Power to reach.
        grid: Holdout shares to try for the recommendation.

    Returns:
        The design.

    Raises:
        ValueError: When ``kind`` is unknown or the inputs cannot be sized (e.g. equal values).

    Example:
        >>> d = design_goal("proportion", 0.12, 0.20, 660, 0.5)  # CONVENTIONS R4
        >>> d.n_required_per_arm, round(d.power, 6)
        (329, 0.801826)
    """
    if kind not in {"proportion", "mean"}:
        raise ValueError(f"kind must be 'proportion' or 'mean', got {kind!r}")
    if kind == "proportion":
        needed = stats.sample_size_proportions(baseline, target, alpha=alpha, power=power)
    else:
        needed = stats.sample_size_means(sd, target - baseline, alpha=alpha, power=power)
    achieved = split_power(kind, baseline, target, sd, n_available, control_share, alpha)
    mde = _mde(kind, baseline, target, sd, n_available, control_share, alpha, power)
    recommended = next(
        (
            s
            for s in sorted(grid)
            if split_power(kind, baseline, target, sd, n_available, s, alpha) >= power
        ),
        None,
    )
    return Design(
        kind=kind,
        baseline=baseline,
        target=target,
        sd=sd,
        n_available=int(n_available),
        control_share=control_share,
        alpha=alpha,
        desired_power=power,
        n_required_per_arm=needed.n_control,
        power=achieved,
        mde=mde,
        recommended_share=recommended,
    )


def _mde(
    kind: str,
    baseline: float,
    target: float,
    sd: float,
    n_available: int,
    share: float,
    alpha: float,
    power: float,
) -> float:
    return stats.detectable_effect(
        kind,  # type: ignore[arg-type]
        baseline,
        share * n_available,
        (1 - share) * n_available,
        sd=sd,
        alpha=alpha,
        power=power,
        direction="increase" if target >= baseline else "decrease",
    )


# ---------------------------------------------------------------------------------------------
# Assignment


def draw_assignment(customers: pd.DataFrame, params: PlanParams, salt: str) -> pd.DataFrame:
    """Split the targeted customers into treatment and control, stratified by segment.

    Each customer's arm depends only on the salt and their id (``assignment.assign_arms``), so a
    re-run gives the identical split and new customers never move existing ones.

    Args:
        customers: ``customer_id`` and ``segment`` of every customer (segments.parquet).
        params: The plan params (targeted segments and holdout shares).
        salt: The campaign's assignment salt.

    Returns:
        ``customer_id``, ``segment``, ``arm`` of the targeted customers, sorted by segment and id.
    """
    targeted = customers.loc[customers["segment"].isin(params.targeted), [CUSTOMER_ID, "segment"]]
    default = _arm_shares(params.control_share)
    overrides = {s: _arm_shares(params.control_share_of(s)) for s in params.segment_control_share}
    arms = assign_arms(targeted, salt=salt, shares=default, segment_shares=overrides)
    return (
        arms[[CUSTOMER_ID, "segment", "arm"]]
        .sort_values(["segment", CUSTOMER_ID], kind="stable")
        .reset_index(drop=True)
    )


def _arm_shares(control: float) -> dict[str, float]:
    return {TREATMENT: 1.0 - control, CONTROL: control}


# ---------------------------------------------------------------------------------------------
# The outcome


@dataclass(frozen=True)
class PlanOutcome:
    """What the plan stage decided and found.

    Attributes:
        ctx: The stage context (params, language, run folder).
        customers: Every customer with segment and attributes (from segments.parquet).
        segments_source: ``this_run``, ``earlier_run`` or ``computed`` (segmentation not run).
        goals: One entry per goal of the params.
        assignment: The assignment and its provenance.
        phases: The schedule.
        schedule_problems: Problems of the schedule.
        budget: Planned amount per category.
        budget_source: ``params``, ``costs_table`` or ``none``.
        roi: The ROI check, None without a budget or without both arms.
        files: Artifact name -> path.
    """

    ctx: StageContext
    customers: pd.DataFrame
    segments_source: str
    goals: tuple[GoalPlan, ...]
    assignment: AssignmentInfo
    phases: tuple[PhasePlan, ...]
    schedule_problems: tuple[Problem, ...]
    budget: pd.Series
    budget_source: str
    roi: RoiCheck | None
    files: dict[str, Path] = field(default_factory=dict)

    # -- helpers --------------------------------------------------------------------------

    @property
    def params(self) -> PlanParams:
        """The plan params."""
        return self.ctx.params.plan

    def t(self, key: str, **values: object) -> str:
        """A label in the report language."""
        return self.ctx.t(key, **values)

    def _table(self, rows: list[dict[str, object]], columns: tuple[str, ...]) -> pd.DataFrame:
        """Rows keyed by label keys as a frame with translated headers (headers even when empty)."""
        return pd.DataFrame(rows, columns=list(columns)).rename(columns=self.t)

    def segment_label(self, segment: str) -> str:
        """Display name of a segment (``all`` = every targeted segment)."""
        return self.t(f"segment.{segment}")

    def metric_label(self, metric: str) -> str:
        """Display name of a metric; unknown names are shown as written."""
        return self.t(f"plan.metric.{metric}") if metric in METRICS else metric

    def phase_label(self, name: str) -> str:
        """Display name of a phase; free names are shown as written."""
        return self.t(f"plan.phase.{name}") if name in PHASE_KEYS else name

    def value_text(self, goal: GoalPlan, value: float, *, change: bool = False) -> str:
        """A metric value (or a change, with sign) in its unit: rates as %, NPS as points."""
        return format_value(goal.metric, value, change=change, language=self.ctx.language)

    @cached_property
    def follow_up_end(self) -> dt.date:
        """The last day of the schedule including buffers."""
        return max((p.buffer_end for p in self.phases), default=self.ctx.params.campaign.event)

    @property
    def n_targeted(self) -> int:
        """Customers in the assignment."""
        return len(self.assignment.frame)

    @property
    def n_treated(self) -> int:
        """Treated customers (the ones contacted)."""
        return int((self.assignment.frame["arm"] == TREATMENT).sum())

    @property
    def budget_total(self) -> float:
        """Total planned cost (0 without a budget)."""
        return float(self.budget.sum())

    # -- summary --------------------------------------------------------------------------

    def summary(self) -> pd.DataFrame:
        """The one-screen key facts: dates, customers, holdout, goals, budget, ROI, assignment."""
        campaign = self.ctx.params.campaign
        counts = self.assignment.counts()
        n_control = int(counts.get(CONTROL, pd.Series(dtype=int)).sum())
        powered = sum(g.powered for g in self.goals)
        with_problems = sum(bool(g.problems) for g in self.goals)
        rows = [
            (
                self.t("plan.sum.dates"),
                self.t(
                    "plan.sum.dates_value",
                    start=campaign.start,
                    event=campaign.event,
                    end=self.follow_up_end,
                ),
            ),
            (
                self.t("plan.sum.targeted"),
                self.t(
                    "plan.sum.targeted_value",
                    n=format_number(self.n_targeted),
                    segments=self.t("plan.sep.list").join(
                        self.segment_label(s) for s in self.params.targeted
                    ),
                ),
            ),
            (
                self.t("plan.sum.holdout"),
                self.t(
                    "plan.sum.holdout_value",
                    share=format_pct(n_control / max(self.n_targeted, 1), 0),
                    control=format_number(n_control),
                    treated=format_number(self.n_treated),
                ),
            ),
            (
                self.t("plan.sum.goals"),
                self.t(
                    "plan.sum.goals_value",
                    n=len(self.goals),
                    powered=powered,
                    problems=with_problems,
                )
                if self.goals
                else self.t("plan.sum.no_goals"),
            ),
            (
                self.t("plan.sum.budget"),
                self.t(
                    "plan.sum.budget_value",
                    total=format_number(self.budget_total),
                    per=format_number(self.budget_total / max(self.n_targeted, 1), 1),
                )
                if self.budget_total > 0
                else self.t("plan.sum.no_budget"),
            ),
            (self.t("plan.sum.roi"), self._roi_summary()),
            (self.t("plan.sum.assignment"), self.assignment_status()),
        ]
        return pd.DataFrame(rows, columns=[self.t("plan.col.item"), self.t("plan.col.value")])

    def _roi_summary(self) -> str:
        roi = self.roi
        if roi is None:
            return self.t("plan.sum.no_roi")
        return self.t(
            "plan.sum.roi_value",
            standard=format_number(roi.standard, 1),
            lift=format_pct(roi.required_lift, 1),
            mde=format_pct(roi.mde_lift, 1, language=self.ctx.language),
        )

    def flags(self) -> list[str]:
        """What needs attention before anything is sent, most important first."""
        out: list[str] = []
        warning = self.share_warning()
        if warning is not None:
            out.append(warning)
        for goal in self.goals:
            design = goal.design
            if design is not None and not design.powered:
                out.append(self._underpowered_text(goal, design))
        for goal in self.goals:
            out += [
                self.t("plan.sep.item", item=goal.goal.id, text=p.message)
                for p in goal.problems
                if p.code != "too_few_customers"
            ]
        out += [p.message for p in self.schedule_problems]
        if self.roi is not None and not self.roi.detectable:
            out.append(
                self.t(
                    "plan.flag.roi_undetectable",
                    lift=format_pct(self.roi.required_lift, 1),
                    mde=format_pct(self.roi.mde_lift, 1, language=self.ctx.language),
                )
            )
        return out

    def flag_kind(self) -> str:
        """Callout kind of the flags: ``warning`` when there are any, else ``success``."""
        return "warning" if self.flags() else "success"

    def flag_text(self) -> str:
        """The flags as one message (one line each), or that the plan is ready."""
        flags = self.flags()
        if not flags:
            return self.t("plan.flag.none")
        return "\n".join([self.t("plan.flag.intro"), *(f"• {f}" for f in flags)])

    def _underpowered_text(self, goal: GoalPlan, design: Design) -> str:
        lang = self.ctx.language
        options = [self.t("plan.option.window")]
        options.append(
            self.t(
                "plan.option.scope",
                needed=format_number(design.n_required_total),
                available=format_number(design.n_available),
            )
        )
        if not math.isnan(design.mde):
            relaxed = design.baseline + math.copysign(design.mde, design.target - design.baseline)
            options.append(self.t("plan.option.relax", target=self.value_text(goal, relaxed)))
        if design.recommended_share is not None:
            options.append(
                self.t("plan.option.holdout", share=format_pct(design.recommended_share, 0))
            )
        key = "plan.flag.underpowered" if design.feasible else "plan.flag.infeasible"
        return self.t(
            key,
            goal=goal.goal.id,
            metric=self.metric_label(goal.goal.metric),
            scope=self.scope_text(goal.goal),
            power=format_pct(design.power, 0, language=lang),
            wanted=format_pct(design.desired_power, 0),
            share=format_pct(design.control_share, 0),
            options=self.t("plan.sep.clause").join(options),
        )

    @property
    def shares(self) -> PlannedShares:
        """The holdout shares the assignment was drawn with (a kept one keeps its own)."""
        return self.assignment.shares

    def share_changes(self) -> list[tuple[str, float, float]]:
        """Targeted segments whose holdout share in the params differs from the kept assignment's.

        Returns:
            ``(segment, share the assignment was drawn with, share the params say now)``; empty
            unless a frozen assignment was kept with the shares of the run it came from.
        """
        if self.assignment.source != "kept" or self.shares.source != "earlier_run":
            return []
        out = []
        for segment in self.params.targeted:
            kept, now = self.shares.control_share_of(segment), self.params.control_share_of(segment)
            if not math.isclose(kept, now, rel_tol=0.0, abs_tol=_SHARE_TOLERANCE):
                out.append((segment, kept, now))
        return out

    def share_warning(self) -> str | None:
        """The holdout share was changed after the start: both numbers, and what is used."""
        changes = self.share_changes()
        if not changes:
            return None
        pairs = {(kept, now) for _, kept, now in changes}
        if len(changes) == len(self.params.targeted) > 1 and len(pairs) == 1:
            # the same change everywhere (plan.control_share): say it once
            changes = [("", *pairs.pop())]
        items = self.t("plan.sep.clause").join(
            self.t(
                "plan.flag.share_change_item",
                segment=self.segment_label(segment) if segment else self.t("plan.every_segment"),
                kept=format_pct(kept, 1),
                now=format_pct(now, 1),
            )
            for segment, kept, now in changes
        )
        return self.t(
            "plan.flag.share_changed", run=self.assignment.earlier_run or "", changes=items
        )

    def assignment_status(self) -> str:
        """One sentence: drawn now, kept from an earlier run, redrawn, or taken from the data."""
        info = self.assignment
        campaign = self.ctx.params.campaign
        if info.source == "data":
            return self.t("plan.assign.from_data")
        if info.source == "kept":
            return self.t("plan.assign.kept", start=campaign.start, run=info.earlier_run or "")
        if info.source == "redrawn":
            return self.t(
                "plan.assign.redrawn", run=info.earlier_run or "", reason=info.redraw_reason or ""
            )
        if info.started:
            return self.t("plan.assign.drawn_started", start=campaign.start)
        return self.t("plan.assign.drawn", start=campaign.start)

    # -- goals ----------------------------------------------------------------------------

    def scope_text(self, goal: Goal) -> str:
        """The scope in words: segment, then each filter."""
        parts = [self.segment_label(goal.scope.segment)]
        parts += [
            self.t(
                "plan.sep.item",
                item=self.t(f"plan.filter.{col}"),
                text=self.t("plan.sep.list").join(values),
            )
            for col, values in goal.scope.filters.items()
        ]
        return self.t("plan.sep.clause").join(parts)

    def goals_intro(self) -> str:
        """How baselines were measured and targets read."""
        campaign = self.ctx.params.campaign
        return self.t("plan.goals.intro", start=campaign.start, ref=self.ctx.params.reference_date)

    def goals_table(self) -> pd.DataFrame:
        """One row per goal: metric, scope, baseline window and value, target, deadline, status."""
        rows = []
        for g in self.goals:
            base = g.baseline
            rows.append(
                {
                    "plan.col.goal": g.goal.id,
                    "plan.col.description": g.goal.description or "",
                    "plan.col.metric": self.metric_label(g.goal.metric),
                    "plan.col.scope": self.scope_text(g.goal),
                    "plan.col.window": self.t("plan.window_days", days=g.goal.window_days),
                    "plan.col.baseline_window": (
                        self.t(
                            f"plan.baseline.{base.source}",
                            first=base.after + dt.timedelta(days=1),
                            last=base.through,
                        )
                        if base
                        else "—"
                    ),
                    "plan.col.baseline": self.value_text(g, base.value) if base else "—",
                    "plan.col.target": self._target_text(g),
                    "plan.col.direction": self.t(f"plan.direction.{g.direction}"),
                    "plan.col.deadline": str(g.goal.deadline) if g.goal.deadline else "—",
                    "plan.col.status": self._goal_status(g),
                }
            )
        return self._table(rows, _GOALS_TABLE_COLUMNS)

    def _target_text(self, g: GoalPlan) -> str:
        level = "—" if math.isnan(g.target) else self.value_text(g, g.target)
        if g.target_kind == "relative":
            sign = "+" if g.target_input > 0 else ""
            return f"{level} ({sign}{format_pct(g.target_input, 0)})"
        if g.target_kind == "change":
            return f"{level} ({self.value_text(g, g.target_input, change=True)})"
        return level

    def _goal_status(self, g: GoalPlan) -> str:
        if any(p.code in _BLOCKING for p in g.problems):
            return self.t("plan.status.fix")
        if g.design is None:
            return self.t("plan.status.fix")
        if g.powered:
            return self.t("plan.status.ready") if not g.problems else self.t("plan.status.check")
        return self.t("plan.status.underpowered")

    def goal_problems(self) -> list[str]:
        """Every goal problem as ``id: message``."""
        return [
            self.t("plan.sep.item", item=g.goal.id, text=p.message)
            for g in self.goals
            for p in g.problems
        ]

    # -- design ---------------------------------------------------------------------------

    def design_intro(self) -> str:
        """The test, significance level and power the design assumes, in words."""
        return self.t(
            "plan.design.intro",
            alpha=format_pct(self.params.alpha, 0),
            power=format_pct(self.params.power, 0),
        )

    def design_table(self) -> pd.DataFrame:
        """Per goal: customers in scope and measurable, needed, power, MDE, recommended holdout."""
        rows = []
        for g in self.goals:
            d = g.design
            if d is None:
                continue
            rows.append(
                {
                    "plan.col.goal": g.goal.id,
                    "plan.col.in_scope": g.n_in_scope,
                    "plan.col.measurable": d.n_available,
                    "plan.col.needed_per_arm": d.n_required_per_arm,
                    "plan.col.holdout": d.control_share,
                    "plan.col.power": d.power,
                    "plan.col.mde": (
                        "—" if math.isnan(d.mde) else self.value_text(g, d.mde, change=True)
                    ),
                    "plan.col.change_wanted": self.value_text(
                        g, d.target - d.baseline, change=True
                    ),
                    "plan.col.recommended": (
                        format_pct(d.recommended_share, 0)
                        if d.recommended_share is not None
                        else self.t("plan.none_reaches")
                    ),
                    "plan.col.powered": self.t("plan.yes" if d.powered else "plan.no"),
                }
            )
        return self._table(rows, _DESIGN_TABLE_COLUMNS)

    def design_pct_columns(self) -> list[str]:
        """Columns of ``design_table`` holding fractions."""
        return [self.t("plan.col.holdout"), self.t("plan.col.power")]

    def design_notes(self) -> list[str]:
        """Sentences on measurable customers (survey answers) and goals without a design."""
        notes = []
        for g in self.goals:
            base = g.baseline
            if g.design is not None and base is not None and base.n_measured < base.n_customers:
                notes.append(
                    self.t(
                        "plan.design.measured_share",
                        goal=g.goal.id,
                        share=format_pct(base.measured_share, 0),
                    )
                )
            if g.design is None:
                notes.append(self.t("plan.design.no_design", goal=g.goal.id))
        return notes

    def power_curves(self) -> pd.DataFrame:
        """Power by holdout share for every designed goal (long format: goal, share, power)."""
        rows = [
            (g.goal.id, share, g.design.power_at(share))
            for g in self.goals
            if g.design is not None
            for share in CURVE_SHARES
        ]
        return pd.DataFrame(rows, columns=["goal", "share", "power"])

    def roi_notes(self) -> list[str]:
        """The ROI standard in words: value needed, lift needed, lift detectable."""
        roi = self.roi
        if roi is None:
            return [self.t("plan.roi.none")]
        lang = self.ctx.language
        notes = [
            self.t(
                "plan.roi.required",
                standard=format_number(roi.standard, 1),
                cost=format_number(roi.planned_cost),
                value=format_number(roi.required_value),
                margin=format_pct(roi.margin_rate, 0),
                treated=format_number(roi.n_treated),
                per=format_number(roi.required_per_treated),
            ),
            self.t(
                "plan.roi.lift",
                days=self.params.roi_window_days,
                first=roi.after + dt.timedelta(days=1),
                last=roi.through,
                spend=format_number(roi.baseline_spend),
                lift=format_pct(roi.required_lift, 1),
            ),
            self.t(
                "plan.roi.mde",
                mde=format_pct(roi.mde_lift, 1, language=lang),
                control=format_number(roi.n_control),
            ),
            self.t("plan.roi.ok" if roi.detectable else "plan.roi.not_ok"),
        ]
        return notes

    # -- assignment -----------------------------------------------------------------------

    def assignment_intro(self) -> str:
        """How the split is made, in words."""
        return self.t("plan.assign.intro", alpha=f"{stats.SRM_ALPHA:g}")

    def split_checks(self) -> dict[str, stats.SampleRatioResult | None]:
        """Per assigned segment, the chi-square test of its arm sizes against the planned shares.

        The planned shares are the ones the assignment was drawn with (``shares``). None for a
        segment without a planned share or with an empty arm.
        """
        counts = self.assignment.counts()
        checks: dict[str, stats.SampleRatioResult | None] = {}
        for segment in counts.index:
            observed = [int(counts.loc[segment].get(arm, 0)) for arm in ARMS]
            if not self.shares.planned(str(segment)) or min(observed) == 0:
                checks[str(segment)] = None
                continue
            share = self.shares.control_share_of(str(segment))
            checks[str(segment)] = stats.sample_ratio_test(observed, [1 - share, share], arms=ARMS)
        return checks

    def assignment_table(self) -> pd.DataFrame:
        """Per segment: treatment, control, planned and actual holdout share, split check."""
        counts = self.assignment.counts()
        checks = self.split_checks()
        targeted = [s for s in self.params.targeted if s in counts.index]
        targeted += [s for s in counts.index if s not in targeted and self.shares.planned(str(s))]
        rows = []
        for segment in targeted + [s for s in counts.index if s not in targeted]:
            n_t, n_c = (int(counts.loc[segment].get(arm, 0)) for arm in ARMS)
            check = checks[str(segment)]
            verdict = "—"
            if check is not None:
                key = "plan.srm.flag" if check.flagged else "plan.srm.ok"
                verdict = self.t(key, p=f"{check.p_value:.3f}")
            rows.append(
                {
                    "word.segment": self.segment_label(segment),
                    "arm.treatment": n_t,
                    "arm.control": n_c,
                    "plan.col.planned_share": (
                        self.shares.control_share_of(str(segment))
                        if segment in targeted
                        else math.nan
                    ),
                    "plan.col.actual_share": n_c / max(n_t + n_c, 1),
                    "plan.col.split_check": verdict,
                }
            )
        return self._table(rows, _ASSIGNMENT_TABLE_COLUMNS)

    def _kept_shares_note(self) -> str:
        shares = self.shares
        if shares.source == "params_no_earlier_plan":
            return self.t("plan.assign.shares_unknown", run=self.assignment.earlier_run or "")
        listed = self.t("plan.sep.list").join(
            self.t(
                "plan.assign.share_item",
                segment=self.segment_label(s),
                share=format_pct(shares.control_share_of(s), 1),
            )
            for s in shares.segments
        )
        return self.t(
            "plan.assign.shares_kept", run=self.assignment.earlier_run or "", shares=listed
        )

    def assignment_pct_columns(self) -> list[str]:
        """Columns of ``assignment_table`` holding fractions."""
        return [self.t("plan.col.planned_share"), self.t("plan.col.actual_share")]

    def assignment_notes(self) -> list[str]:
        """Frozen status, redraw, customers not in a kept assignment, files for the sales team."""
        info = self.assignment
        notes = [self.assignment_status()]
        if info.source == "kept" and self.params.redraw is None:
            notes.append(self.t("plan.assign.refuse"))
        if info.source == "kept":
            notes.append(self._kept_shares_note())
        if info.redraw_ignored:
            notes.append(self.t("plan.assign.redraw_ignored"))
        if info.not_assigned:
            notes.append(self.t("plan.assign.not_assigned", n=format_number(info.not_assigned)))
        notes.append(self.t("plan.assign.no_contact"))
        notes.append(
            self.t(
                "plan.assign.files",
                files=self.t("plan.sep.list").join((ASSIGNMENT_FILE, ASSIGNMENT_CSV, TARGET_LISTS)),
            )
        )
        return notes

    # -- activities, schedule, budget ---------------------------------------------------------

    def activities_frame(self) -> pd.DataFrame:
        """One row per targeted segment: form, content points, highlight, channel."""
        rows = []
        for segment in self.params.targeted:
            custom = self.params.activities.get(segment)

            def pick(part: str, custom: object = custom, segment: str = segment) -> str:
                value = getattr(custom, part, None) if custom is not None else None
                if value is None:
                    return self.t(f"plan.act.{segment}.{part}")
                if isinstance(value, list):
                    return self.t("plan.sep.clause").join(value)
                return str(value)

            rows.append(
                {
                    "word.segment": self.segment_label(segment),
                    "plan.col.form": pick("form"),
                    "plan.col.content": pick("content"),
                    "plan.col.highlight": pick("highlight"),
                    "plan.col.channel": pick("channel"),
                }
            )
        return self._table(rows, _ACTIVITIES_FRAME_COLUMNS)

    def schedule_table(self) -> pd.DataFrame:
        """One row per phase: dates, days, buffer, owner, resources."""
        rows = [
            {
                "plan.col.phase": self.phase_label(p.name),
                "plan.col.start": p.start.isoformat(),
                "plan.col.end": p.end.isoformat(),
                "plan.col.days": (p.end - p.start).days + 1,
                "plan.col.buffer": p.buffer_days,
                "plan.col.owner": p.owner or self.t("plan.missing"),
                "plan.col.resources": p.resources
                or (self.t(f"plan.res.{p.name}") if p.name in PHASE_KEYS else "—"),
            }
            for p in self.phases
        ]
        return self._table(rows, _SCHEDULE_TABLE_COLUMNS)

    def schedule_notes(self) -> list[str]:
        """The schedule's checks: the problems, or that it holds together."""
        if not self.schedule_problems:
            return [self.t("plan.schedule.ok", end=self.follow_up_end)]
        return [p.message for p in self.schedule_problems]

    def budget_table(self) -> pd.DataFrame:
        """Planned amount and share per category, with the total last."""
        total = self.budget_total
        labels = [
            self.t(f"plan.cat.{c}") if c in BUDGET_CATEGORIES else str(c) for c in self.budget.index
        ]
        frame = pd.DataFrame(
            {
                self.t("plan.col.category"): [*labels, self.t("word.total")],
                self.t("plan.col.planned"): [*self.budget.to_numpy(dtype=float), total],
                self.t("word.share"): [*(self.budget.to_numpy(dtype=float) / (total or 1.0)), 1.0],
            }
        )
        # without a budget the table keeps its columns but has no rows
        return frame if not self.budget.empty else frame.iloc[0:0]

    def budget_number_columns(self) -> list[str]:
        """Columns of ``budget_table`` holding amounts (shown without decimals)."""
        return [self.t("plan.col.planned")]

    def budget_notes(self) -> list[str]:
        """Where the amounts come from and the cost per targeted and per treated customer."""
        if self.budget.empty:
            return [self.t("plan.budget.none")]
        total = self.budget_total
        return [
            self.t(f"plan.budget.source_{self.budget_source}"),
            self.t(
                "plan.budget.per_customer",
                targeted=format_number(total / max(self.n_targeted, 1), 1),
                treated=format_number(total / max(self.n_treated, 1), 1),
            ),
        ]

    def file_notes(self) -> list[str]:
        """One sentence per artifact written (no customer data in the report)."""
        return [self.t(f"plan.file.{key}", file=path.name) for key, path in self.files.items()]

    def data_notes(self) -> list[str]:
        """Where the segments came from."""
        return [self.t(f"plan.segments.{self.segments_source}")]

    # -- plan.json ------------------------------------------------------------------------

    def to_json(self) -> dict[str, object]:
        """The plan as documented in docs/plan_json.md (schema_version 1)."""
        p = self.params
        campaign = self.ctx.params.campaign
        counts = self.assignment.counts()
        planned = self.shares
        shares = {s: _arm_shares(v) for s, v in planned.segments.items()}
        srm = {k: (None if v is None else v.p_value) for k, v in self.split_checks().items()}
        roi = self.roi
        return {
            "schema_version": PLAN_SCHEMA_VERSION,
            "stage": "plan",
            "campaign_id": campaign.id,
            "run_id": self.ctx.run_dir.name,
            "today": self.ctx.today.isoformat(),
            "language": self.ctx.language,
            "campaign": {
                "start": campaign.start.isoformat(),
                "event": campaign.event.isoformat(),
                "schedule_end": self.follow_up_end.isoformat(),
                "reference_date": self.ctx.params.reference_date.isoformat(),
            },
            "segments_source": self.segments_source,
            "goals": [_goal_json(g, campaign.event) for g in self.goals],
            "design": {
                "alpha": p.alpha,
                "power": p.power,
                "control_share": planned.default,
                "holdout_grid": list(p.holdout_grid),
                "targeted": list(p.targeted),
                "arms": list(ARMS),
                "method": self.t("plan.method"),
            },
            "arm_shares": _arm_shares(planned.default),
            "segment_shares": shares,
            "share_warning": self.share_warning(),
            "assignment": {
                "source": self.assignment.source,
                "file": ASSIGNMENT_FILE,
                "salt": campaign.assignment_salt,
                "earlier_run": self.assignment.earlier_run,
                "total": self.n_targeted,
                "counts": {
                    str(s): {a: int(counts.loc[s].get(a, 0)) for a in ARMS} for s in counts.index
                },
                "srm_p": srm,
                "not_assigned": self.assignment.not_assigned,
                "shares_source": planned.source,
                "params_share_changes": [
                    {"segment": s, "kept_control_share": kept, "params_control_share": now}
                    for s, kept, now in self.share_changes()
                ],
            },
            "frozen": self.assignment.frozen,
            "redraw_reason": self.assignment.redraw_reason,
            "roi": None
            if roi is None
            else {
                "standard": roi.standard,
                "margin_rate": roi.margin_rate,
                "planned_cost": roi.planned_cost,
                "n_treated": roi.n_treated,
                "n_control": roi.n_control,
                "window_after": roi.after.isoformat(),
                "window_through": roi.through.isoformat(),
                "baseline_spend": roi.baseline_spend,
                "required_value": roi.required_value,
                "required_per_treated": roi.required_per_treated,
                "required_lift": roi.required_lift,
                "mde_lift": _num(roi.mde_lift),
                "detectable": roi.detectable,
            },
            "schedule": {
                "phases": [
                    {
                        "name": ph.name,
                        "start": ph.start.isoformat(),
                        "end": ph.end.isoformat(),
                        "buffer_days": ph.buffer_days,
                        "owner": ph.owner,
                        "resources": ph.resources,
                    }
                    for ph in self.phases
                ],
                "problems": [
                    {"code": q.code, "message": q.message} for q in self.schedule_problems
                ],
            },
            "budget": {
                "source": self.budget_source,
                "planned": {str(k): float(v) for k, v in self.budget.items()},
                "total": self.budget_total,
                "per_targeted_customer": self.budget_total / self.n_targeted
                if self.n_targeted
                else None,
                "per_treated_customer": self.budget_total / self.n_treated
                if self.n_treated
                else None,
            },
            "files": sorted(path.name for path in self.files.values()),
        }


def _num(value: float) -> float | None:
    """JSON has no NaN: missing numbers are null."""
    return None if value is None or math.isnan(value) else float(value)


def _goal_json(g: GoalPlan, event: dt.date) -> dict[str, object]:
    base, d = g.baseline, g.design
    outcome_end = event + dt.timedelta(days=g.goal.window_days)
    mde_relative = None
    if d is not None and base is not None and base.value and not math.isnan(d.mde):
        mde_relative = d.mde / abs(base.value)
    return {
        "id": g.goal.id,
        "description": g.goal.description,
        "metric": g.goal.metric,
        "metric_kind": g.metric.kind if g.metric else None,
        "scope": {"segment": g.goal.scope.segment, "filters": dict(g.goal.scope.filters)},
        "direction": g.direction,
        "window_days": g.goal.window_days,
        "baseline_source": g.goal.baseline,
        "baseline_window": None
        if base is None
        else {"after": base.after.isoformat(), "through": base.through.isoformat()},
        "outcome_window": {"after": event.isoformat(), "through": outcome_end.isoformat()},
        "baseline": None if base is None else _num(base.value),
        "baseline_sd": None if base is None else _num(base.sd),
        "baseline_n": None if base is None else base.n_measured,
        "target_kind": g.target_kind,
        "target_input": g.target_input,
        "target": _num(g.target),
        "deadline": g.goal.deadline.isoformat() if g.goal.deadline else None,
        "n_in_scope": g.n_in_scope,
        "n_measurable": None if d is None else d.n_available,
        "n_required_per_arm": None if d is None else d.n_required_per_arm,
        "control_share": None if d is None else d.control_share,
        "power": None if d is None else _num(d.power),
        "mde": None if d is None else _num(d.mde),
        "mde_relative": mde_relative,
        "recommended_control_share": None if d is None else d.recommended_share,
        "powered": g.powered,
        "problems": [{"code": p.code, "message": p.message} for p in g.problems],
    }


def format_value(
    metric: Metric | None, value: float, *, change: bool = False, language: str = "en"
) -> str:
    """A metric value in its unit: rates in %, changes of rates in points, NPS in points.

    Args:
        metric: The metric (None: a plain number).
        value: The value.
        change: Whether ``value`` is a change (shown with a sign; rates as percentage points).
        language: Report language, for the missing-value word.

    Returns:
        The text.
    """
    lang = "zh" if language == "zh" else "en"
    if value is None or math.isnan(value):
        return format_number(math.nan, language=lang)
    sign = "+" if change and value > 0 else ""
    if metric is None:
        return sign + format_number(value, 2, language=lang)
    if metric.kind == "proportion":
        if change:
            points = "个百分点" if lang == "zh" else " pp"
            return sign + format_number(value * 100, 1, language=lang) + points
        return format_pct(value, 1, language=lang)
    if metric.kind == "nps":
        return sign + format_number(value, 1, language=lang)
    digits = 2 if metric.name == "mean_satisfaction" else 0
    return sign + format_number(value, digits, language=lang)


# ---------------------------------------------------------------------------------------------
# Running the stage


def run(ctx: StageContext) -> PlanOutcome:
    """Plan the campaign: goals, design, assignment, activities, schedule, budget; write artifacts.

    Args:
        ctx: The stage context.

    Returns:
        The plan.
    """
    params = ctx.params.plan
    customers, segments_source = _load_segments(ctx)
    schedule = _schedule(ctx)
    # the assignment first: a kept one fixes the holdout shares the goals are sized with
    assignment = _assignment(ctx, customers)
    planner = _GoalPlanner(ctx, customers, assignment.shares)
    goals = tuple(planner.plan(goal) for goal in params.goals)
    budget, budget_source = _budget(ctx)
    roi = _roi_check(ctx, assignment.frame, float(budget.sum()))
    outcome = PlanOutcome(
        ctx=ctx,
        customers=customers,
        segments_source=segments_source,
        goals=goals,
        assignment=assignment,
        phases=schedule,
        schedule_problems=tuple(_schedule_problems(ctx, schedule)),
        budget=budget,
        budget_source=budget_source,
        roi=roi,
    )
    files = _write_artifacts(outcome)
    outcome.files.update(files)
    runs.write_json_atomic(ctx.artifact(PLAN_JSON), outcome.to_json())
    return outcome


def _load_segments(ctx: StageContext) -> tuple[pd.DataFrame, str]:
    found = ctx.find_artifact(SEGMENTS_FILE)
    if found is not None:
        source = "this_run" if found.parent == ctx.run_dir else "earlier_run"
        return pd.read_parquet(found), source
    result = segment_data(ctx.data, ctx.params.reference_date, ctx.params.segmentation)
    return result.customers, "computed"


def _schedule(ctx: StageContext) -> tuple[PhasePlan, ...]:
    campaign = ctx.params.campaign
    return tuple(
        PhasePlan(
            name=p.name,
            start=campaign.event + dt.timedelta(days=p.start_day),
            end=campaign.event + dt.timedelta(days=p.end_day),
            buffer_days=p.buffer_days,
            owner=p.owner or campaign.owner,
            resources=p.resources,
        )
        for p in ctx.params.plan.phases
    )


def _schedule_problems(ctx: StageContext, phases: tuple[PhasePlan, ...]) -> list[Problem]:
    out = []
    for p in phases:
        label = ctx.t(f"plan.phase.{p.name}") if p.name in PHASE_KEYS else p.name
        if p.end < p.start:
            out.append(
                Problem(
                    "phase_end_before_start",
                    ctx.t("plan.check.phase_order", phase=label, start=p.start, end=p.end),
                )
            )
        if not p.owner:
            out.append(Problem("phase_no_owner", ctx.t("plan.check.phase_owner", phase=label)))
    end = max((p.buffer_end for p in phases), default=ctx.params.campaign.event)
    out += [
        Problem(
            "deadline_before_follow_up",
            ctx.t("plan.check.deadline_follow_up", goal=g.id, deadline=g.deadline, end=end),
        )
        for g in ctx.params.plan.goals
        if g.deadline is not None and g.deadline < end
    ]
    return out


class _GoalPlanner:
    """Checks, baseline and design of each goal (one instance per run: caches earlier cohorts)."""

    def __init__(
        self, ctx: StageContext, customers: pd.DataFrame, shares: PlannedShares | None = None
    ) -> None:
        self.ctx = ctx
        self.params = ctx.params.plan
        self.shares = shares or PlannedShares.from_params(self.params)
        self.customers = customers
        self._cohorts: dict[dt.date, pd.DataFrame] = {}
        self._registered = 0

    def problem(self, code: ProblemCode, key: str, **values: object) -> Problem:
        """A problem with its message in the report language."""
        return Problem(code, self.ctx.t(f"plan.check.{key}", **values))

    def plan(self, goal: Goal) -> GoalPlan:
        """Check one goal, measure its baseline and size its experiment.

        The checks run in order; the first one that leaves nothing to measure (unknown metric,
        missing table, empty scope, ...) ends the goal's planning, listed before the others.
        """
        t = self.ctx.t
        metric = METRICS.get(goal.metric)
        natural = "decrease" if metric is not None and metric.lower_is_better else "increase"
        direction = goal.direction or natural
        problems = self._deadline_problems(goal)

        def stop(blocking: Problem, n: int = 0, baseline: Baseline | None = None) -> GoalPlan:
            target = math.nan if goal.target is None else float(goal.target)
            if baseline is not None and baseline.n_measured:
                target = _target_level(goal, baseline.value)
            found = (blocking, *problems)
            return GoalPlan(goal, metric, direction, n, baseline, target, None, found)

        if metric is None:
            close = difflib.get_close_matches(goal.metric, list(METRICS), n=1, cutoff=0.6)
            hint = t("plan.check.did_you_mean", name=close[0]) if close else ""
            metrics = t("plan.sep.list").join(METRICS)
            return stop(
                self.problem(
                    "metric_unknown",
                    "metric_unknown",
                    metric=goal.metric,
                    hint=hint,
                    metrics=metrics,
                )
            )
        label = t(f"plan.metric.{metric.name}")
        if goal.direction is not None and goal.direction != natural:
            problems.append(
                self.problem(
                    "direction_conflict",
                    "direction_conflict",
                    metric=label,
                    direction=t(f"plan.direction.{goal.direction}"),
                    natural=t(f"plan.direction.{natural}"),
                )
            )
        if not metric_available(self.ctx.data, metric.name):
            need = metric.table + (f".{metric.column}" if metric.column else "")
            return stop(self.problem("metric_no_data", "metric_no_data", metric=label, need=need))
        segment = goal.scope.segment
        if segment != ALL and segment not in self.params.targeted:
            return stop(
                self.problem(
                    "segment_not_targeted", "not_targeted", segment=t(f"segment.{segment}")
                )
            )
        missing = [c for c in goal.scope.filters if c not in self.customers.columns]
        if missing:
            return stop(
                self.problem(
                    "filter_unavailable",
                    "filter_unavailable",
                    columns=t("plan.sep.list").join(missing),
                )
            )
        scope = self._scope(self.customers, goal)
        if scope.empty:
            return stop(self.problem("scope_empty", "scope_empty"))
        baseline = self._baseline(goal, metric, scope)
        if baseline.n_measured == 0:
            blocking = self.problem(
                "no_baseline_data",
                "no_baseline",
                metric=label,
                first=baseline.after + _ONE_DAY,
                last=baseline.through,
            )
            return stop(blocking, len(scope), baseline)
        target = _target_level(goal, baseline.value)
        problems += self._value_problems(metric, direction, baseline, target)
        if not any(p.code == "baseline_degenerate" for p in problems):
            problems += self._selection_problems(goal, metric)
        design = None
        if not any(p.code in _BLOCKING for p in problems):
            design = self._design(metric, scope, baseline, target)
            if not design.feasible:
                problems.append(
                    self.problem(
                        "too_few_customers",
                        "too_few",
                        needed=format_number(design.n_required_total),
                        available=format_number(design.n_available),
                    )
                )
        blocking_first = sorted(problems, key=lambda p: p.code not in _BLOCKING)
        return GoalPlan(
            goal, metric, direction, len(scope), baseline, target, design, tuple(blocking_first)
        )

    def _deadline_problems(self, goal: Goal) -> list[Problem]:
        start = self.ctx.params.campaign.start
        if goal.deadline is None:
            return [self.problem("deadline_missing", "deadline_missing")]
        if goal.deadline < start:
            return [
                self.problem(
                    "deadline_before_start",
                    "deadline_before_start",
                    deadline=goal.deadline,
                    start=start,
                )
            ]
        window_end = self.ctx.params.campaign.event + dt.timedelta(days=goal.window_days)
        if goal.deadline < window_end:
            return [
                self.problem(
                    "deadline_before_window_end",
                    "deadline_window",
                    deadline=goal.deadline,
                    days=goal.window_days,
                    end=window_end,
                )
            ]
        return []

    def _value_problems(
        self, metric: Metric, direction: str, baseline: Baseline, target: float
    ) -> list[Problem]:
        def show(value: float) -> str:
            return format_value(metric, value, language=self.ctx.language)

        if metric.kind == "proportion" and baseline.value in {0.0, 1.0}:
            return [
                self.problem(
                    "baseline_degenerate",
                    "baseline_degenerate",
                    baseline=show(baseline.value),
                    first=baseline.after + _ONE_DAY,
                    last=baseline.through,
                )
            ]
        if metric.kind != "proportion" and not baseline.sd > 0:
            return [self.problem("baseline_no_variation", "no_variation")]
        out = []
        better = target > baseline.value if direction == "increase" else target < baseline.value
        if not better:
            out.append(
                self.problem(
                    "target_wrong_side",
                    "wrong_side",
                    target=show(target),
                    baseline=show(baseline.value),
                    direction=self.ctx.t(f"plan.direction.{direction}"),
                )
            )
        low, high = _valid_range(metric)
        # a rate target of exactly 0% or 100% cannot be tested: every customer would be alike
        inside = low < target < high if metric.kind == "proportion" else low <= target <= high
        if not inside:
            out.append(
                self.problem(
                    "target_out_of_range",
                    "out_of_range",
                    target=show(target),
                    low=show(low),
                    high=show(high),
                )
            )
        return out

    def _selection_problems(self, goal: Goal, metric: Metric) -> list[Problem]:
        """A caution when the scope's segment is chosen by what the goal measures.

        A segment picked for an unusual recent value of the metric (growth: rising spend; churn
        risk: no recent orders, low scores) drifts back on its own, so a baseline measured just
        before the start (``pre_window``) is biased by the selection. Not blocking: the
        comparison with the control group is unaffected.
        """
        segment = goal.scope.segment
        rule = self.ctx.params.segmentation.segments.get(segment)  # type: ignore[call-overload]
        if goal.baseline != "pre_window" or rule is None:
            return []
        bases: list[str] = []
        for feature in _rule_features(rule):
            basis, metrics = _SELECTION_BASES.get(feature, ("", ()))
            if metric.name in metrics and basis not in bases:
                bases.append(basis)
        if not bases:
            return []
        t = self.ctx.t
        return [
            self.problem(
                "baseline_selection_bias",
                "selection_bias",
                segment=t(f"segment.{segment}"),
                basis=t("plan.sep.list").join(t(f"plan.selected_on.{b}") for b in bases),
                metric=t(f"plan.metric.{metric.name}"),
            )
        ]

    def _scope(self, frame: pd.DataFrame, goal: Goal) -> pd.DataFrame:
        segment = goal.scope.segment
        wanted = list(self.params.targeted) if segment == ALL else [segment]
        mask = frame["segment"].isin(wanted)
        for column, values in goal.scope.filters.items():
            mask &= frame[column].astype(str).isin([str(v) for v in values])
        return frame.loc[mask, [CUSTOMER_ID, "segment"]]

    def _cohort(self, as_of: dt.date) -> pd.DataFrame:
        """Customers with the segments the rules gave on ``as_of`` (the earlier cohort)."""
        if as_of not in self._cohorts:
            result = segment_data(self.ctx.data, as_of, self.ctx.params.segmentation)
            self._cohorts[as_of] = result.customers
        return self._cohorts[as_of]

    def _baseline(self, goal: Goal, metric: Metric, scope: pd.DataFrame) -> Baseline:
        # the window (start - 1 - W, start - 1]: the W days that end the day before the start
        through = self.ctx.params.campaign.start - _ONE_DAY
        after = through - dt.timedelta(days=goal.window_days)
        population = scope
        if goal.baseline == "earlier_cohort":
            population = self._scope(self._cohort(after), goal)
        self._registered += 1
        value, sd, n = _measure(
            self.ctx.data, population, metric, after, through, f"plan_scope_{self._registered}"
        )
        return Baseline(value, sd, len(population), n, after, through, goal.baseline)

    def _design(
        self, metric: Metric, scope: pd.DataFrame, baseline: Baseline, target: float
    ) -> Design:
        # the holdout share of the scope: its segments' shares (the ones the assignment was drawn
        # with) weighted by their sizes
        sizes = scope["segment"].value_counts()
        weighted = sum(self.shares.control_share_of(s) * n for s, n in sizes.items()) / sizes.sum()
        share = round(float(weighted), _SHARE_DIGITS)  # 0.2, not 0.20000000000000004
        # customers without a value (no survey answer) cannot count: scale by the answer share
        n_available = math.floor(len(scope) * min(baseline.measured_share, 1.0))
        return design_goal(
            "proportion" if metric.kind == "proportion" else "mean",
            baseline.value,
            target,
            n_available,
            share,
            sd=baseline.sd,
            alpha=self.params.alpha,
            power=self.params.power,
            grid=self.params.holdout_grid,
        )


def _rule_features(rule: Condition | AllOf | AnyOf) -> list[str]:
    """Every feature a segment rule compares, nested conditions included."""
    if isinstance(rule, Condition):
        return [rule.feature]
    children = rule.all if isinstance(rule, AllOf) else rule.any
    return [feature for child in children for feature in _rule_features(child)]


def _target_level(goal: Goal, baseline: float) -> float:
    if goal.target is not None:
        return float(goal.target)
    if goal.relative is not None:
        return baseline * (1.0 + goal.relative)
    return baseline + float(goal.change or 0.0)


def _valid_range(metric: Metric) -> tuple[float, float]:
    if metric.kind == "proportion":
        return (0.0, 1.0)
    if metric.kind == "nps":
        return _NPS_RANGE
    if metric.name == "mean_satisfaction":
        return _SATISFACTION_RANGE
    return (-math.inf, math.inf)


def _measure(
    data: CampaignData,
    population: pd.DataFrame,
    metric: Metric,
    after: dt.date,
    through: dt.date,
    name: str,
) -> tuple[float, float, int]:
    """(value, sd per customer, customers measured) of ``metric`` on ``population``."""
    if population.empty:
        return math.nan, math.nan, 0
    lazy = data.register(name, population[[CUSTOMER_ID]].reset_index(drop=True))
    row = group_stats(data, lazy, metric.name, after, through, by=()).iloc[0]
    n = int(row["n"])
    if n == 0:
        return math.nan, math.nan, 0
    if metric.kind == "nps":
        counts = (float(row[k]) for k in ("promoters", "passives", "detractors"))
        promoters, passives, detractors = counts
        return (
            stats.nps_value(promoters, passives, detractors),
            stats.nps_sd(promoters, passives, detractors),
            n,
        )
    mean = stats.mean_from_sums(n, float(row["sum"]))
    if metric.kind == "proportion":
        return mean, math.nan, n
    return mean, stats.sd_from_sums(n, float(row["sum"]), float(row["sumsq"])), n


def _assignment(ctx: StageContext, customers: pd.DataFrame) -> AssignmentInfo:
    params = ctx.params.plan
    campaign = ctx.params.campaign
    started = ctx.today >= campaign.start  # invitations go out on the first day: frozen from then
    targeted_now = customers.loc[customers["segment"].isin(params.targeted), CUSTOMER_ID].astype(
        str
    )
    if ctx.data.has("assignment"):
        frame = ctx.data.to_pandas("assignment")
        if "segment" not in frame:
            frame = frame.merge(customers[[CUSTOMER_ID, "segment"]], on=CUSTOMER_ID, how="left")
        frame = frame[[CUSTOMER_ID, "segment", "arm"]].astype(str)
        return AssignmentInfo(
            frame,
            "data",
            started,
            None,
            None,
            params.redraw is not None,
            int((~targeted_now.isin(frame[CUSTOMER_ID])).sum()),
            PlannedShares.from_params(params),
        )
    earlier = runs.previous_artifact(ctx.run_dir, ASSIGNMENT_FILE) if started else None
    if earlier is not None and params.redraw is None:
        frame = pd.read_parquet(earlier)[[CUSTOMER_ID, "segment", "arm"]]
        missing = int((~targeted_now.isin(frame[CUSTOMER_ID].astype(str))).sum())
        # the split was drawn with the shares of that run: the params may have changed since
        shares = _read_plan_shares(earlier.parent / PLAN_JSON) or PlannedShares.from_params(
            params, "params_no_earlier_plan"
        )
        return AssignmentInfo(
            frame, "kept", started, earlier.parent.name, None, False, missing, shares
        )
    frame = draw_assignment(customers, params, campaign.assignment_salt)
    shares = PlannedShares.from_params(params)
    if earlier is not None:
        reason = params.redraw.reason if params.redraw else None
        return AssignmentInfo(
            frame, "redrawn", started, earlier.parent.name, reason, False, 0, shares
        )
    return AssignmentInfo(frame, "drawn", started, None, None, params.redraw is not None, 0, shares)


def _budget(ctx: StageContext) -> tuple[pd.Series, str]:
    planned = ctx.params.plan.budget
    if planned:
        order = [c for c in BUDGET_CATEGORIES if c in planned]
        return pd.Series({c: float(planned[c]) for c in order}, dtype=float), "params"  # type: ignore[index]
    if ctx.data.has("costs"):
        costs = ctx.data.to_pandas("costs")
        series = costs.groupby("category", sort=False)["planned"].sum().astype(float)
        return series, "costs_table"
    return pd.Series(dtype=float), "none"


def _roi_check(ctx: StageContext, assignment: pd.DataFrame, cost: float) -> RoiCheck | None:
    params = ctx.params.plan
    n_treated = int((assignment["arm"] == TREATMENT).sum())
    n_control = int((assignment["arm"] == CONTROL).sum())
    if cost <= 0 or n_treated == 0 or n_control == 0:
        return None
    through = ctx.params.campaign.start - dt.timedelta(days=1)
    after = through - dt.timedelta(days=params.roi_window_days)
    metric = METRICS["spend_per_customer"]
    spend, sd, n = _measure(ctx.data, assignment, metric, after, through, "plan_roi")
    if n == 0 or not spend > 0:
        return None
    required_value = params.roi_standard * cost
    per_treated = required_value / params.margin_rate / n_treated
    mde = math.nan
    if sd > 0:
        mde = (
            stats.mde_means(
                sd, n_control, alpha=params.alpha, power=params.power, ratio=n_treated / n_control
            ).effect
            / spend
        )
    return RoiCheck(
        planned_cost=cost,
        standard=params.roi_standard,
        margin_rate=params.margin_rate,
        n_treated=n_treated,
        n_control=n_control,
        after=after,
        through=through,
        baseline_spend=spend,
        sd=sd,
        required_value=required_value,
        required_per_treated=per_treated,
        required_lift=per_treated / spend,
        mde_lift=mde,
    )


# ---------------------------------------------------------------------------------------------
# Artifacts


def _write_artifacts(outcome: PlanOutcome) -> dict[str, Path]:
    ctx = outcome.ctx
    frame = outcome.assignment.frame
    files: dict[str, Path] = {}
    tmp = ctx.artifact(f".{ASSIGNMENT_FILE}.tmp")
    frame.to_parquet(tmp, index=False)
    tmp.replace(ctx.artifact(ASSIGNMENT_FILE))
    files["assignment"] = ctx.artifact(ASSIGNMENT_FILE)
    runs.write_text_atomic(ctx.artifact(ASSIGNMENT_CSV), frame.to_csv(index=False))
    files["assignment_csv"] = ctx.artifact(ASSIGNMENT_CSV)
    files["target_lists"] = _write_target_lists(outcome)
    sheets = {
        "goals": outcome.goals_table(),
        "design": outcome.design_table(),
        "schedule": outcome.schedule_table(),
        "budget": outcome.budget_table(),
        "activities": outcome.activities_frame(),
    }
    files["plan_xlsx"] = _write_xlsx(ctx.artifact(PLAN_XLSX), sheets)
    files["plan_json"] = ctx.artifact(PLAN_JSON)
    return files


def _write_xlsx(path: Path, sheets: Mapping[str, pd.DataFrame]) -> Path:
    """Write sheets through a temporary file and a rename, so readers never see half a workbook."""
    tmp = path.with_name(f".{path.stem}.tmp.xlsx")
    try:
        with pd.ExcelWriter(tmp, engine="openpyxl") as book:
            for name, frame in sheets.items():
                frame.to_excel(book, sheet_name=name[:_SHEET_NAME_MAX], index=False)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _write_target_lists(outcome: PlanOutcome) -> Path:
    """One sheet per targeted segment: id, name, owner, contact tags, arm, contact instruction."""
    from campaign_eval.segmentation import sales_list

    ctx = outcome.ctx
    frame = outcome.assignment.frame.astype({CUSTOMER_ID: str})
    customers = outcome.customers.astype({CUSTOMER_ID: str})
    listed = sales_list(
        ctx, customers.drop(columns=["segment"]).merge(frame, on=CUSTOMER_ID, how="inner")
    )
    listed = listed.drop(columns=["segment"], errors="ignore").merge(
        frame, on=CUSTOMER_ID, how="left"
    )
    sheets: dict[str, pd.DataFrame] = {}
    for segment in [
        *outcome.params.targeted,
        *sorted(set(frame["segment"]) - set(outcome.params.targeted)),
    ]:
        rows = listed[listed["segment"] == segment]
        if rows.empty and segment not in outcome.params.targeted:
            continue
        # the sales team works down the list: customers to contact first, the holdout after them
        rows = rows.assign(_order=(rows["arm"] != TREATMENT).astype(int)).sort_values(
            ["_order", CUSTOMER_ID], kind="stable"
        )
        table = pd.DataFrame(
            {
                ctx.t("plan.list.customer_id"): rows[CUSTOMER_ID].to_numpy(),
                ctx.t("plan.list.name"): rows["name"].to_numpy() if "name" in rows else "",
                ctx.t("plan.list.owner"): rows["owner"].to_numpy() if "owner" in rows else "",
                ctx.t("plan.list.tags"): rows["tags"].to_numpy() if "tags" in rows else "",
                ctx.t("plan.list.arm"): rows["arm"]
                .map(lambda a: ctx.t(f"arm.{a}") if a in ARMS else a)
                .to_numpy(),
                ctx.t("plan.list.contact"): rows["arm"]
                .map(
                    lambda a: ctx.t(
                        "plan.list.do_contact" if a == TREATMENT else "plan.list.do_not_contact"
                    )
                )
                .to_numpy(),
            }
        )
        sheets[
            _sheet_name(ctx.t(f"segment.{segment}") if segment in _known_segments() else segment)
        ] = table
    return _write_xlsx(ctx.artifact(TARGET_LISTS), sheets)


def _known_segments() -> set[str]:
    return {"core", "growth", "churn_risk", "new", MAINTAIN}


def _sheet_name(text: str) -> str:
    """An Excel sheet name: at most 31 characters, no ``[ ] : * ? /`` or backslash."""
    cleaned = "".join("_" if ch in "[]:*?/\\" else ch for ch in text)
    return cleaned[:_SHEET_NAME_MAX] or "sheet"
