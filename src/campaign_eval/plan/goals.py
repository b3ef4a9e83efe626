"""The SMART checks of each goal, its baseline, target and design, in that order.

The checks run in order; the first one that leaves nothing to measure (unknown metric, missing
table, empty scope, no baseline, ...) ends the goal's planning and is listed before the others.
A problem is a code and the values it names; ``wording`` puts it in words. Every goal is sized
at ``design.goal_alpha``: the plan's alpha divided by its number of goals.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
from typing import TYPE_CHECKING

import pandas as pd

from campaign_eval.config.segmentation import AllOf, AnyOf, Condition
from campaign_eval.conventions import ALL_SEGMENTS
from campaign_eval.metrics.catalogue import METRICS, Metric
from campaign_eval.metrics.outcomes import metric_available
from campaign_eval.plan.baseline import BaselineMeter, select_scope, target_level
from campaign_eval.plan.design import design_goal, goal_alpha, scope_control_share
from campaign_eval.plan.result import (
    BLOCKING,
    Baseline,
    Design,
    GoalPlan,
    PlannedShares,
    Problem,
    TargetKind,
)

if TYPE_CHECKING:
    from campaign_eval.config import CampaignParams
    from campaign_eval.config.plan import Goal
    from campaign_eval.io import CampaignData

SATISFACTION_RANGE = (1.0, 5.0)
"""Possible mean satisfaction (answers 1-5)."""
NPS_RANGE = (-100.0, 100.0)
"""Possible NPS in points."""
_SUGGESTION_CUTOFF = 0.6
SELECTION_BASES: dict[str, tuple[str, tuple[str, ...]]] = {
    # segment-rule feature -> (what it measures; metrics that measure it)
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


class GoalPlanner:
    """Checks, baseline and design of each goal (one per run: it caches earlier cohorts).

    Args:
        data: The campaign's tables.
        params: The campaign params.
        customers: Every customer with segment and attributes.
        shares: The holdout shares the assignment was drawn with.

    Attributes:
        alpha: The level every goal is sized at: ``plan.alpha`` divided by the number of goals
            (``design.goal_alpha``); ``plan.alpha`` without goals.
    """

    def __init__(
        self,
        data: CampaignData,
        params: CampaignParams,
        customers: pd.DataFrame,
        shares: PlannedShares,
    ) -> None:
        self.data = data
        self.params = params
        self.customers = customers
        self.shares = shares
        self.meter = BaselineMeter(
            data, params.campaign.start, params.segmentation, params.plan.targeted
        )
        goals = params.plan.goals
        # one primary comparison per goal: each is sized at the first Holm step of the family
        self.alpha = goal_alpha(params.plan.alpha, len(goals)) if goals else params.plan.alpha

    def plan(self, goal: Goal) -> GoalPlan:
        """Check one goal, measure its baseline and size its experiment."""
        metric = METRICS.get(goal.metric)
        problems = deadline_problems(goal, self.params)
        if metric is None:
            return self._stopped(goal, None, unknown_metric(goal.metric), problems)
        problems += direction_problems(goal, metric)
        blocking = self._scope_problem(goal, metric)
        if blocking is not None:
            return self._stopped(goal, metric, blocking, problems)
        scope = select_scope(self.customers, goal, self.params.plan.targeted)
        if scope.empty:
            return self._stopped(goal, metric, Problem("scope_empty"), problems)
        baseline = self.meter.baseline(goal, metric, scope)
        if baseline.n_measured == 0:
            window = {"first": baseline.first_day, "last": baseline.through}
            missing = Problem("no_baseline_data", {"metric": metric.name, **window})
            return self._stopped(goal, metric, missing, problems, len(scope), baseline)
        return self._measured(goal, metric, scope, baseline, problems)

    def _scope_problem(self, goal: Goal, metric: Metric) -> Problem | None:
        """A blocking problem of the data or the scope, before anything is measured."""
        if not metric_available(self.data, metric.name):
            need = metric.table + (f".{metric.column}" if metric.column else "")
            return Problem("metric_no_data", {"metric": metric.name, "need": need})
        segment = goal.scope.segment
        if segment != ALL_SEGMENTS and segment not in self.params.plan.targeted:
            return Problem("segment_not_targeted", {"segment": segment})
        missing = tuple(c for c in goal.scope.filters if c not in self.customers.columns)
        if missing:
            return Problem("filter_unavailable", {"columns": missing})
        return None

    def _measured(
        self,
        goal: Goal,
        metric: Metric,
        scope: pd.DataFrame,
        baseline: Baseline,
        problems: list[Problem],
    ) -> GoalPlan:
        """The checks of the target against the baseline, then the design when nothing blocks."""
        direction = _direction(goal, metric)
        target = target_level(goal, baseline.value)
        problems = [*problems, *value_problems(metric, direction, baseline, target)]
        if not any(p.code == "baseline_degenerate" for p in problems):
            problems += selection_problems(goal, metric, self.params)
        design = None
        if not any(p.code in BLOCKING for p in problems):
            design = self._design(metric, scope, baseline, target)
            if not design.feasible:
                needed = {"needed": design.n_required_total, "available": design.n_available}
                problems.append(Problem("too_few_customers", needed))
        blocking_first = sorted(problems, key=lambda p: p.code not in BLOCKING)
        return _goal_plan(
            goal, metric, self.alpha, len(scope), baseline, target, design, tuple(blocking_first)
        )

    def _stopped(
        self,
        goal: Goal,
        metric: Metric | None,
        blocking: Problem,
        problems: list[Problem],
        n_in_scope: int = 0,
        baseline: Baseline | None = None,
    ) -> GoalPlan:
        """A goal whose planning ended at ``blocking``: no design, the blocking problem first."""
        target = math.nan if goal.target is None else float(goal.target)
        if baseline is not None and baseline.n_measured:
            target = target_level(goal, baseline.value)
        found = (blocking, *problems)
        return _goal_plan(goal, metric, self.alpha, n_in_scope, baseline, target, None, found)

    def _design(
        self, metric: Metric, scope: pd.DataFrame, baseline: Baseline, target: float
    ) -> Design:
        plan = self.params.plan
        share = scope_control_share(scope["segment"], self.shares)
        # customers without a value (no survey answer) cannot count: scale by the answer share
        n_available = math.floor(len(scope) * min(baseline.measured_share, 1.0))
        return design_goal(
            "proportion" if metric.kind == "proportion" else "mean",
            baseline.value,
            target,
            n_available,
            share,
            sd=baseline.sd,
            alpha=self.alpha,
            power=plan.power,
            grid=plan.holdout_grid,
        )


def _direction(goal: Goal, metric: Metric | None) -> str:
    return goal.direction or natural_direction(metric)


def natural_direction(metric: Metric | None) -> str:
    """Which way is better for ``metric``: ``decrease`` for churn and complaints."""
    return "decrease" if metric is not None and metric.lower_is_better else "increase"


def _target_kind(goal: Goal) -> TargetKind:
    if goal.target is not None:
        return "absolute"
    return "relative" if goal.relative is not None else "change"


def _goal_plan(
    goal: Goal,
    metric: Metric | None,
    alpha: float,
    n_in_scope: int,
    baseline: Baseline | None,
    target: float,
    design: Design | None,
    problems: tuple[Problem, ...],
) -> GoalPlan:
    stated = next(v for v in (goal.target, goal.relative, goal.change) if v is not None)
    return GoalPlan(
        id=goal.id,
        description=goal.description,
        metric=goal.metric,
        metric_kind=None if metric is None else metric.kind,
        segment=goal.scope.segment,
        filters=tuple((c, tuple(v)) for c, v in goal.scope.filters.items()),
        window_days=goal.window_days,
        baseline_source=goal.baseline,
        target_kind=_target_kind(goal),
        target_input=float(stated),
        deadline=goal.deadline,
        direction=_direction(goal, metric),
        alpha=alpha,
        n_in_scope=n_in_scope,
        baseline=baseline,
        target=target,
        design=design,
        problems=problems,
    )


def unknown_metric(name: str) -> Problem:
    """The metric is not in the catalogue; the closest name, if any, as a suggestion."""
    close = difflib.get_close_matches(name, list(METRICS), n=1, cutoff=_SUGGESTION_CUTOFF)
    return Problem("metric_unknown", {"metric": name, "suggestion": close[0] if close else None})


def deadline_problems(goal: Goal, params: CampaignParams) -> list[Problem]:
    """A missing deadline, or one before the start or before the outcome window closes."""
    start = params.campaign.start
    if goal.deadline is None:
        return [Problem("deadline_missing")]
    if goal.deadline < start:
        return [Problem("deadline_before_start", {"deadline": goal.deadline, "start": start})]
    window_end = params.campaign.event + dt.timedelta(days=goal.window_days)
    if goal.deadline < window_end:
        values = {"deadline": goal.deadline, "days": goal.window_days, "end": window_end}
        return [Problem("deadline_before_window_end", values)]
    return []


def direction_problems(goal: Goal, metric: Metric) -> list[Problem]:
    """The goal's direction contradicts its metric (it would be graded upside down)."""
    natural = natural_direction(metric)
    if goal.direction is None or goal.direction == natural:
        return []
    values = {"metric": metric.name, "direction": goal.direction, "natural": natural}
    return [Problem("direction_conflict", values)]


def valid_range(metric: Metric) -> tuple[float, float]:
    """The values ``metric`` can take."""
    if metric.kind == "proportion":
        return (0.0, 1.0)
    if metric.kind == "nps":
        return NPS_RANGE
    if metric.name == "mean_satisfaction":
        return SATISFACTION_RANGE
    return (-math.inf, math.inf)


def value_problems(
    metric: Metric, direction: str, baseline: Baseline, target: float
) -> list[Problem]:
    """A baseline that cannot be tested against, and a target on the wrong side or impossible."""
    window = {"first": baseline.first_day, "last": baseline.through}
    if metric.kind == "proportion" and baseline.value in {0.0, 1.0}:
        return [Problem("baseline_degenerate", {"baseline": baseline.value, **window})]
    if metric.kind != "proportion" and not baseline.sd > 0:
        return [Problem("baseline_no_variation")]
    out = []
    better = target > baseline.value if direction == "increase" else target < baseline.value
    if not better:
        values = {"target": target, "baseline": baseline.value, "direction": direction}
        out.append(Problem("target_wrong_side", values))
    low, high = valid_range(metric)
    # a rate target of exactly 0% or 100% cannot be tested: every customer would be alike
    inside = low < target < high if metric.kind == "proportion" else low <= target <= high
    if not inside:
        out.append(Problem("target_out_of_range", {"target": target, "low": low, "high": high}))
    return out


def selection_problems(goal: Goal, metric: Metric, params: CampaignParams) -> list[Problem]:
    """A caution when the scope's segment is chosen by what the goal measures.

    A segment picked for an unusual recent value of the metric (growth: rising spend; churn
    risk: no recent orders, low scores) drifts back on its own, so a baseline measured just
    before the start (``pre_window``) is biased by the selection. Not blocking: the comparison
    with the control group is unaffected.
    """
    segment = goal.scope.segment
    rule = next((r for s, r in params.segmentation.segments.items() if s == segment), None)
    if goal.baseline != "pre_window" or rule is None:
        return []
    bases: list[str] = []
    for feature in rule_features(rule):
        basis, metrics = SELECTION_BASES.get(feature, ("", ()))
        if metric.name in metrics and basis not in bases:
            bases.append(basis)
    if not bases:
        return []
    values = {"segment": segment, "basis": tuple(bases), "metric": metric.name}
    return [Problem("baseline_selection_bias", values)]


def rule_features(rule: Condition | AllOf | AnyOf) -> list[str]:
    """Every feature a segment rule compares, nested conditions included."""
    if isinstance(rule, Condition):
        return [rule.feature]
    children = rule.all if isinstance(rule, AllOf) else rule.any
    return [feature for child in children for feature in rule_features(child)]
