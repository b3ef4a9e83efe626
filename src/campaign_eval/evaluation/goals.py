"""Goals: each measured on its treated customers, given a verdict, graded, and credited or not.

Goals come from plan.json (``artifacts.read_plan``), else from ``evaluation.goals``. A goal's
**verdict** (reached, missed, too close to call) compares the whole interval of its actual value
with its target; its **attainment** is actual / target for a level goal and achieved change /
targeted change for a change goal; the **grade** is only ever shown beside the verdict. Neither is
an effect: the goal's primary comparison with the control group says whether the campaign can be
credited (docs/methods.md, "Verdicts").
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import narwhals as nw
import pandas as pd

from campaign_eval import stats
from campaign_eval.artifacts import PlanFile
from campaign_eval.config.evaluation import EvaluationParams, GradeBands
from campaign_eval.contract import CUSTOMER_ID
from campaign_eval.conventions import ALL_SEGMENTS
from campaign_eval.evaluation.outcomes import DataOutcomes
from campaign_eval.evaluation.result import GRADES, LOWEST_GRADE, Grade
from campaign_eval.evaluation.specs import (
    DECREASE,
    INCREASE,
    MetricSpec,
    Period,
    good_direction,
)
from campaign_eval.evaluation.sums import pooled_stats, stat_value, total, value_interval
from campaign_eval.evaluation.windows import OutcomeWindows
from campaign_eval.io import CampaignData

PLAN = "plan"
"""A goal (or baseline) fixed in plan.json."""
PARAMS = "params"
"""A goal from ``evaluation.goals``."""
NOT_GRADED: Grade = "n/a"
"""The grade of a goal whose attainment has no meaning."""
ABSOLUTE = "absolute"
"""A goal set as a level ("raise the rate to 18%")."""
CHANGE_KINDS = ("change", "relative")
"""Goals set as a change from the baseline ("+0.2 points", "+15%")."""


@dataclass(frozen=True, slots=True)
class Goal:
    """One goal to grade.

    Attributes:
        metric: The metric it is measured by.
        segment: The segment it is about (``all`` for every assigned customer).
        direction: ``increase`` or ``decrease``.
        target: Target value (rates as fractions, NPS in points); NaN when the plan has none.
        baseline: The baseline fixed in the plan or given in params; None to measure it.
        deadline: Deadline (ISO date), when given.
        name: Display name, when given.
        filters: Attribute filters of the scope: (attribute, accepted values) pairs.
        outcome_window: The window the plan fixed for the goal; None for the evaluation's.
        baseline_window: The plan's baseline window; None for the evaluation's pre window.
        source: ``plan`` or ``params``.
        plan_baseline_source: How the plan measured the baseline: ``pre_window`` (the scope's
            customers, both arms, before the start) or ``earlier_cohort`` (the customers the
            segment rule picked one window earlier); None for params goals.
        problems: What the plan found wrong with the goal, as (code, message) pairs
            (plan.json ``goals[].problems``; codes in docs/plan_json.md).
    """

    metric: str
    segment: str
    direction: str
    target: float
    baseline: float | None = None
    deadline: str | None = None
    name: str | None = None
    filters: tuple[tuple[str, tuple[str, ...]], ...] = ()
    outcome_window: tuple[dt.date, dt.date] | None = None
    baseline_window: tuple[dt.date, dt.date] | None = None
    source: str = PARAMS
    plan_baseline_source: str | None = None
    problems: tuple[tuple[str, str], ...] = ()
    target_kind: str = ABSOLUTE


@dataclass(frozen=True, slots=True)
class Measured:
    """A goal's metric measured on its scope in one period.

    Attributes:
        value: The value (rates as fractions, NPS in points); NaN when not measurable.
        n: Customers it covers.
        ci_low: Lower bound of its ``1 - alpha`` interval (NaN when unknown).
        ci_high: Upper bound.
    """

    value: float
    n: int
    ci_low: float = math.nan
    ci_high: float = math.nan


NOT_MEASURED = Measured(math.nan, 0)


# --------------------------------------------------------------------------------------------------
# Where goals come from


def goals_from_plan(plan: PlanFile | None, specs: Sequence[MetricSpec] = ()) -> list[Goal]:
    """The goals of a plan.json, with the plan's baseline, windows and problems.

    A goal whose target the plan could not set keeps a NaN target, so the report shows it as
    not gradable instead of hiding it.
    """
    if plan is None:
        return []
    return [
        Goal(
            metric=g.metric,
            segment=g.segment,
            direction=g.direction or good_direction(g.metric, specs),
            target=g.target,
            baseline=g.baseline,
            deadline=g.deadline,
            name=g.name,
            filters=g.filters,
            outcome_window=g.outcome_window,
            baseline_window=g.baseline_window,
            source=PLAN,
            plan_baseline_source=g.baseline_source,
            problems=g.problems,
            target_kind=g.target_kind or ABSOLUTE,
        )
        for g in plan.goals
    ]


def goals_from_params(params: EvaluationParams, specs: Sequence[MetricSpec]) -> list[Goal]:
    """The goals of ``evaluation.goals`` (used when no plan.json has goals)."""
    return [
        Goal(
            metric=g.metric,
            segment=g.segment,
            direction=g.direction or good_direction(g.metric, specs),
            target=g.target,
            baseline=g.baseline,
            deadline=None if g.deadline is None else g.deadline.isoformat(),
            name=g.name,
        )
        for g in params.goals
    ]


def grade_bands(bands: GradeBands) -> tuple[tuple[Grade, float], ...]:
    """The lowest attainment of each grade but the last, best first."""
    return tuple((g, float(getattr(bands, g))) for g in GRADES[:-1])


# --------------------------------------------------------------------------------------------------
# Attainment, progress and grade


def attainment(actual: float, target: float, direction: str) -> float:
    """Attainment: actual / target when higher is better, target / actual otherwise.

    NaN when the ratio has no meaning: a target or actual of 0 or below in the denominator, or a
    negative value (an NPS below 0), where a ratio would reward moving the wrong way.
    """
    if any(math.isnan(v) for v in (actual, target)) or actual < 0 or target < 0:
        return math.nan
    if direction == INCREASE:
        return actual / target if target > 0 else math.nan
    return target / actual if actual > 0 else math.nan


def _known(*values: float | None) -> bool:
    return all(v is not None and not math.isnan(v) for v in values)


def on_improving_side(baseline: float, target: float, direction: str) -> bool | None:
    """Whether the target lies on the good side of the baseline (None when either is unknown).

    Higher is better: target > baseline; lower is better: target < baseline. A target equal to
    the baseline, or on the other side, asks for no improvement (plan problem
    ``target_wrong_side``).
    """
    if not _known(baseline, target):
        return None
    return target > baseline if direction == INCREASE else target < baseline


def worse_than_baseline(actual: float, baseline: float, direction: str) -> bool | None:
    """Whether the actual moved the wrong way from the baseline (None when either is unknown)."""
    if not _known(actual, baseline):
        return None
    return actual < baseline if direction == INCREASE else actual > baseline


def progress(actual: float, baseline: float, target: float, direction: str) -> float:
    """Share of the way from baseline to target: (actual - baseline) / (target - baseline).

    NaN when a value is unknown or the target is not on the improving side of the baseline:
    a ratio to a step in the wrong direction would report getting worse as progress.
    """
    if not _known(actual) or not on_improving_side(baseline, target, direction):
        return math.nan
    return (actual - baseline) / (target - baseline)


def grade(value: float, bands: GradeBands | Sequence[tuple[Grade, float]]) -> Grade:
    """The grade of an attainment: excellent, good, fair, poor (``n/a`` when undefined)."""
    if math.isnan(value):
        return NOT_GRADED
    lows = grade_bands(bands) if isinstance(bands, GradeBands) else bands
    for name, low in lows:
        if value >= low:
            return name
    return LOWEST_GRADE


# --------------------------------------------------------------------------------------------------
# Measuring a goal on its scope

Measure = Callable[[Goal, MetricSpec, Period], Measured]
"""A goal's metric on its scope in a period: value, customers and interval."""


def _measured(summed: pd.Series | None, spec: MetricSpec, alpha: float) -> Measured:
    if summed is None or int(summed["n"]) <= 0:
        return NOT_MEASURED
    low, high = value_interval(summed, spec.kind, alpha=alpha)
    return Measured(stat_value(summed, spec.kind), int(summed["n"]), low, high)


def table_measure(post: pd.DataFrame, arms: Sequence[str], *, alpha: float) -> Measure:
    """Goals measured from an outcome table's statistics.

    The table has no before period of its own (a covariate may measure something else), so a
    baseline must be given; attribute filters cannot be applied.
    """

    def measure(goal: Goal, spec: MetricSpec, period: Period) -> Measured:
        if goal.filters or period == "pre":
            return NOT_MEASURED
        return _measured(pooled_stats(post, goal.metric, arms, goal.segment), spec, alpha)

    return measure


def _scope(
    data: CampaignData, population: nw.LazyFrame, goal: Goal, arms: Sequence[str]
) -> nw.LazyFrame | None:
    """The treated customers of a goal's segment and filters; None when a filter cannot apply."""
    scope = population.filter(nw.col("arm").is_in(list(arms)))
    if goal.segment != ALL_SEGMENTS:
        scope = scope.filter(nw.col("segment") == goal.segment)
    if not goal.filters:
        return scope
    if not data.has("customers"):
        return None
    customers = data.table("customers")
    names = customers.collect_schema().names()
    if any(column not in names for column, _ in goal.filters):
        return None
    for column, values in goal.filters:
        customers = customers.filter(nw.col(column).cast(nw.String).is_in(list(values)))
    return scope.join(customers.select(CUSTOMER_ID), on=CUSTOMER_ID)


def data_measure(
    data: CampaignData,
    population: nw.LazyFrame,
    windows: OutcomeWindows,
    arms: Sequence[str],
    *,
    alpha: float,
    kept: DataOutcomes | None = None,
) -> Measure:
    """Goals measured in the engine on their own scope (segment, filters) and windows.

    The treated customers (every treatment arm) of the goal's segment, narrowed by the scope's
    attribute filters through the customers table, in the window the plan fixed for the goal
    (else the evaluation's windows). ``kept``, the evaluation's own outcomes of ``population``,
    serves a goal whose windows are the evaluation's, without another pass over the tables.
    """

    def measure(goal: Goal, spec: MetricSpec, period: Period) -> Measured:
        scope = _scope(data, population, goal, arms)
        if scope is None:
            return NOT_MEASURED
        own = windows.overridden(pre=goal.baseline_window, post=goal.outcome_window)
        if kept is not None and own == kept.windows and spec.name in kept.metrics:
            part = kept.narrowed(scope).stats(spec, period)
        else:
            part = DataOutcomes(data, scope, own).stats(spec, period)
        if part is None or part.empty:
            return NOT_MEASURED
        return _measured(total(part), spec, alpha)

    return measure


# --------------------------------------------------------------------------------------------------
# The goal table


def _baseline(goal: Goal, spec: MetricSpec | None, measure: Measure) -> tuple[float, str]:
    """The goal's baseline and where it comes from: plan, given, measured or none."""
    if goal.baseline is not None:
        return float(goal.baseline), (PLAN if goal.source == PLAN else "given")
    if spec is None:
        return math.nan, "none"
    baseline = measure(goal, spec, "pre").value
    return baseline, ("measured" if math.isfinite(baseline) else "none")


def goal_attainment(actual: float, baseline: float, goal: Goal) -> float:
    """Attainment: actual / target for a level goal; achieved / targeted change for a change goal.

    A change goal ("+15%") is judged on the change it asked for, from the same baseline: a rise
    of 3.5% against +15% is 23% attained, not the 93% that comparing levels would suggest.
    """
    if goal.target_kind in CHANGE_KINDS:
        return progress(actual, baseline, goal.target, goal.direction)
    return attainment(actual, goal.target, goal.direction)


def _verdict(post: Measured, goal: Goal) -> str | None:
    if not (math.isfinite(goal.target) and goal.direction in (INCREASE, DECREASE)):
        return None
    direction: stats.Direction = "increase" if goal.direction == INCREASE else "decrease"
    return stats.goal_verdict(post.ci_low, post.ci_high, goal.target, direction)


def _graded(
    goal: Goal, spec: MetricSpec | None, measure: Measure, bands: GradeBands, open_until: str | None
) -> dict[str, Any]:
    post = NOT_MEASURED if spec is None or open_until is not None else measure(goal, spec, "post")
    baseline, source = _baseline(goal, spec, measure)
    ratio = goal_attainment(post.value, baseline, goal)
    worse = worse_than_baseline(post.value, baseline, goal.direction)
    graded = grade(ratio, bands)
    if worse and graded != NOT_GRADED:
        graded = LOWEST_GRADE
    return {
        "name": goal.name,
        "metric": goal.metric,
        "segment": goal.segment,
        "filters": {k: list(v) for k, v in goal.filters},
        "direction": goal.direction,
        "baseline": baseline,
        "baseline_source": source,
        "plan_baseline_source": goal.plan_baseline_source if source == PLAN else None,
        "target": goal.target,
        "target_kind": goal.target_kind,
        "actual": post.value,
        "ci_low": post.ci_low,
        "ci_high": post.ci_high,
        "n": post.n,
        "attainment": ratio,
        "progress": progress(post.value, baseline, goal.target, goal.direction),
        "verdict": _verdict(post, goal),
        "grade": graded,
        "deadline": goal.deadline,
        "measurable_from": open_until,
        "target_on_improving_side": on_improving_side(baseline, goal.target, goal.direction),
        "worse_than_baseline": worse,
        "problems": [{"code": c, "message": m} for c, m in goal.problems],
        "measurable": spec is not None and post.n > 0,
        "kind": None if spec is None else spec.kind,
        "source": goal.source,
    }


def grade_goals(
    goals: Sequence[Goal],
    specs: Sequence[MetricSpec],
    measure: Measure,
    bands: GradeBands,
    *,
    windows: OutcomeWindows,
    today: dt.date,
) -> pd.DataFrame:
    """Measure, judge and grade every goal on the treated customers (all treatment arms pooled).

    ``actual`` is the value in the goal's outcome window with its interval (Wilson for a rate, t
    for a mean, Wald for an NPS), ``baseline`` the one fixed in the plan or given in params, else
    measured on the same customers in the pre window. A goal whose outcome window has not ended
    on ``today`` is not measured at all: its ``measurable_from`` says from which day it can be.

    The verdict compares the actual's interval with the target (``stats.goal_verdict``). The
    grade bands the attainment, but a goal whose actual moved the wrong way from its baseline is
    graded at most the lowest band (``poor``): with a target on the wrong side of the baseline the
    ratio alone would grade getting worse as good.

    Returns:
        One row per goal: name, metric, segment, filters, direction, baseline, baseline_source,
        plan_baseline_source, target, target_kind, actual, ci_low, ci_high, n, attainment,
        progress, verdict, grade, deadline, measurable_from, target_on_improving_side,
        worse_than_baseline, problems (list of {code, message}), measurable, kind, source.
    """
    by_name = {s.name: s for s in specs}
    rows = []
    for goal in goals:
        end = goal.outcome_window[1] if goal.outcome_window is not None else windows.post[1]
        open_until = None if today > end else (end + dt.timedelta(days=1)).isoformat()
        rows.append(_graded(goal, by_name.get(goal.metric), measure, bands, open_until))
    return pd.DataFrame.from_records(rows)
