"""The plan's words in one language: names, metric values, problems and the share warning.

Every label key is written out in full here (or in ``report.labels``' mappings), so the label
test can check each one; numbers go through ``report.format.Formatter``. The view, the tables,
the charts and plan.json all word the result through ``Words``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from campaign_eval.conventions import CHURN_RISK, CORE, GROWTH, MAINTAIN, NEW
from campaign_eval.metrics.catalogue import METRICS
from campaign_eval.plan.result import AssignmentInfo, GoalPlan, Problem, ProblemCode
from campaign_eval.report.format import Formatter, Language
from campaign_eval.report.labels import display_value, segment_label, text

if TYPE_CHECKING:
    from campaign_eval.config import CampaignParams
    from campaign_eval.plan.result import PlanResult

METRIC_KEYS = {
    "repurchase_rate": "plan.metric.repurchase_rate",
    "repeat_purchase_rate": "plan.metric.repeat_purchase_rate",
    "spend_per_customer": "plan.metric.spend_per_customer",
    "churn_rate": "plan.metric.churn_rate",
    "complaint_rate": "plan.metric.complaint_rate",
    "mean_satisfaction": "plan.metric.mean_satisfaction",
    "csat": "plan.metric.csat",
    "nps": "plan.metric.nps",
}
"""The reader's name of each catalogue metric."""
DIRECTION_KEYS = {"increase": "plan.direction.increase", "decrease": "plan.direction.decrease"}
FILTER_KEYS = {
    "industry": "plan.filter.industry",
    "size": "plan.filter.size",
    "region": "plan.filter.region",
    "owner": "plan.filter.owner",
}
"""The reader's name of each attribute a goal's scope may filter on."""
BASELINE_KEYS = {
    "pre_window": "plan.baseline.pre_window",
    "earlier_cohort": "plan.baseline.earlier_cohort",
}
"""The baseline window in words, by baseline source."""
PHASE_KEYS = {
    "preparation": "plan.phase.preparation",
    "promotion": "plan.phase.promotion",
    "event": "plan.phase.event",
    "follow_up": "plan.phase.follow_up",
}
"""The reader's name of each template phase; other phases are shown as written."""
RESOURCE_KEYS = {
    "preparation": "plan.res.preparation",
    "promotion": "plan.res.promotion",
    "event": "plan.res.event",
    "follow_up": "plan.res.follow_up",
}
"""The template's resources of each phase."""
CATEGORY_KEYS = {
    "staff": "budget.staff",
    "marketing": "budget.marketing",
    "technology": "budget.technology",
    "venue": "budget.venue",
    "research": "budget.research",
    "contingency": "budget.contingency",
}
"""The reader's name of each template budget category (shared with the evaluation: one set of
names); others are shown as written."""
BUDGET_SOURCE_KEYS = {
    "params": "plan.budget.source_params",
    "costs_table": "plan.budget.source_costs_table",
    "none": "plan.budget.source_none",
}
SEGMENTS_SOURCE_KEYS = {
    "this_run": "plan.segments.this_run",
    "earlier_run": "plan.segments.earlier_run",
    "computed": "plan.segments.computed",
}
FILE_KEYS = {
    "assignment": "plan.file.assignment",
    "assignment_csv": "plan.file.assignment_csv",
    "target_lists": "plan.file.target_lists",
    "plan_xlsx": "plan.file.plan_xlsx",
    "plan_json": "plan.file.plan_json",
}
"""One sentence per file the stage writes, by artifact key."""
SELECTED_ON_KEYS = {
    "spend": "plan.selected_on.spend",
    "orders": "plan.selected_on.orders",
    "satisfaction": "plan.selected_on.satisfaction",
    "nps": "plan.selected_on.nps",
    "complaints": "plan.selected_on.complaints",
}
"""What a segment rule selects on, in words (``goals.SELECTION_BASES``)."""
ACTIVITY_KEYS = {
    CORE: {"form": "plan.act.core.form", "content": "plan.act.core.content",
           "highlight": "plan.act.core.highlight", "channel": "plan.act.core.channel"},
    GROWTH: {"form": "plan.act.growth.form", "content": "plan.act.growth.content",
             "highlight": "plan.act.growth.highlight", "channel": "plan.act.growth.channel"},
    CHURN_RISK: {"form": "plan.act.churn_risk.form", "content": "plan.act.churn_risk.content",
                 "highlight": "plan.act.churn_risk.highlight",
                 "channel": "plan.act.churn_risk.channel"},
    NEW: {"form": "plan.act.new.form", "content": "plan.act.new.content",
          "highlight": "plan.act.new.highlight", "channel": "plan.act.new.channel"},
    MAINTAIN: {"form": "plan.act.maintain.form", "content": "plan.act.maintain.content",
               "highlight": "plan.act.maintain.highlight", "channel": "plan.act.maintain.channel"},
}  # fmt: skip
"""The template's activity of each segment: form, content, highlight, channel."""
PROBLEM_KEYS: dict[ProblemCode, str] = {
    "metric_unknown": "plan.check.metric_unknown",
    "metric_no_data": "plan.check.metric_no_data",
    "segment_not_targeted": "plan.check.not_targeted",
    "filter_unavailable": "plan.check.filter_unavailable",
    "scope_empty": "plan.check.scope_empty",
    "no_baseline_data": "plan.check.no_baseline",
    "baseline_degenerate": "plan.check.baseline_degenerate",
    "baseline_no_variation": "plan.check.no_variation",
    "deadline_missing": "plan.check.deadline_missing",
    "deadline_before_start": "plan.check.deadline_before_start",
    "deadline_before_follow_up": "plan.check.deadline_follow_up",
    "deadline_before_window_end": "plan.check.deadline_window",
    "direction_conflict": "plan.check.direction_conflict",
    "target_wrong_side": "plan.check.wrong_side",
    "target_out_of_range": "plan.check.out_of_range",
    "too_few_customers": "plan.check.too_few",
    "baseline_selection_bias": "plan.check.selection_bias",
    "phase_end_before_start": "plan.check.phase_order",
    "phase_no_owner": "plan.check.phase_owner",
}
"""The message of each problem code."""
MONEY_METRICS = frozenset({"spend_per_customer"})
"""Metrics measured in money: their values carry the campaign's currency."""
_SATISFACTION_DIGITS = 2
_PLAIN_DIGITS = 2
_RATE_DIGITS = 1
_POINTS_DIGITS = 1
_ALPHA_MIN_DIGITS = 1
_ALPHA_SIGNIFICANT = 2


def alpha_digits(level: float) -> int:
    """Decimals that show a test level with two significant digits, fewer when they end in zero.

    ``0.05`` keeps 2 decimals, ``0.05 / 3`` gets 3 (``0.017``), ``0.05 / 30`` gets 4 (``0.0017``),
    ``0.1`` gets 1.
    """
    if not level > 0 or math.isinf(level):
        return _ALPHA_MIN_DIGITS
    digits = max(_ALPHA_MIN_DIGITS, _ALPHA_SIGNIFICANT - 1 - math.floor(math.log10(level)))
    while digits > _ALPHA_MIN_DIGITS and math.isclose(round(level, digits - 1), level):
        digits -= 1
    return digits


@dataclass(frozen=True)
class Words:
    """The plan's words and number formats in one report language.

    Attributes:
        language: ``en`` or ``zh``.
        currency: ``campaign.currency`` (money figures carry it), or None for plain amounts.
        goals: The plan's goals, so that a goal named by its id is shown by its description.
        value_labels: ``campaign.value_labels``: the display form of data values (scope filters).
    """

    language: Language
    currency: str | None = None
    goals: tuple[GoalPlan, ...] = field(default=(), compare=False, repr=False)
    value_labels: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, result: PlanResult, params: CampaignParams) -> Words:
        """The words of a plan report: its language, currency, goals and value labels."""
        campaign = params.campaign
        return cls(campaign.language, campaign.currency, result.goals, campaign.value_labels)

    @cached_property
    def fmt(self) -> Formatter:
        """The number formats of the language, money in the campaign's currency."""
        return Formatter(self.language, currency=self.currency)

    def t(self, key: str, **values: object) -> str:
        """The label ``key`` with ``values`` filled in."""
        return text(key, self.language, **values)

    def listed(self, items: Iterable[object]) -> str:
        """Items joined as a list (``a, b`` or ``a、b``)."""
        return self.t("plan.sep.list").join(str(i) for i in items)

    def clauses(self, items: Iterable[str]) -> str:
        """Clauses joined (``a; b`` or ``a；b``)."""
        return self.t("plan.sep.clause").join(items)

    def item(self, name: str, said: str) -> str:
        """``name: said`` with the language's colon."""
        return self.t("plan.sep.item", item=name, text=said)

    def segment(self, segment: object) -> str:
        """A segment's name (``all`` = every targeted segment); unknown names as written."""
        return segment_label(segment, self.language)

    def goal(self, goal: GoalPlan | str) -> str:
        """A goal as readers know it: its description, else its metric and customers in words.

        A goal given by its id is looked up among ``goals``; an id not among them is shown as
        written (it has nothing else to go by).
        """
        if isinstance(goal, str):
            found = next((g for g in self.goals if g.id == goal), None)
            if found is None:
                return goal
            goal = found
        if goal.description:
            return goal.description
        return self.t("plan.goal_unnamed", metric=self.metric(goal.metric), scope=self.scope(goal))

    def metric(self, name: object) -> str:
        """A metric's name; names the catalogue does not know are shown as written."""
        key = METRIC_KEYS.get(str(name))
        return self.t(key) if key is not None else str(name)

    def phase(self, name: object) -> str:
        """A phase's name; free names are shown as written."""
        key = PHASE_KEYS.get(str(name))
        return self.t(key) if key is not None else str(name)

    def direction(self, direction: object) -> str:
        """``higher is better`` or ``lower is better``."""
        return self.t(DIRECTION_KEYS[str(direction)])

    def bases(self, bases: object) -> str:
        """What a segment is selected on, as a list of words."""
        return self.listed(self.t(SELECTED_ON_KEYS[str(b)]) for b in _items(bases))

    def value(self, metric: str | None, value: float, *, change: bool = False) -> str:
        """A metric value (or a change, with sign) in its unit.

        Rates in %, changes of rates in percentage points, spend in the campaign's currency, NPS
        in points; a metric the catalogue does not know as a plain number.
        """
        found = METRICS.get(metric or "")
        kind = None if found is None else found.kind
        if metric in MONEY_METRICS:
            return self.fmt.signed_money(value) if change else self.fmt.money(value)
        if kind == "proportion":
            if change:
                return self.fmt.signed(value * 100, _RATE_DIGITS, self.t("plan.unit.pp"))
            return self.fmt.pct(value, _RATE_DIGITS)
        digits = _PLAIN_DIGITS
        if kind == "nps":
            digits = _POINTS_DIGITS
        elif found is not None:
            digits = _SATISFACTION_DIGITS if found.name == "mean_satisfaction" else 0
        return self.fmt.signed(value, digits) if change else self.fmt.number(value, digits)

    def alpha(self, level: float) -> str:
        """A test level such as ``0.05`` or ``0.017`` (``alpha_digits`` decimals)."""
        return self.fmt.number(level, alpha_digits(level))

    def scope(self, goal: GoalPlan) -> str:
        """The goal's scope in words: segment, then each filter."""
        parts = [self.segment(goal.segment)]
        parts += [
            self.item(self.t(FILTER_KEYS[column]) if column in FILTER_KEYS else column,
                      self.listed(display_value(v, self.value_labels, self.language)
                                  for v in values))
            for column, values in goal.filters
        ]  # fmt: skip
        return self.clauses(parts)

    def problem(self, problem: Problem, metric: str | None = None) -> str:
        """A problem in plain words; ``metric`` is the goal's, for the values it names."""
        key = PROBLEM_KEYS[problem.code]
        if problem.code == "metric_unknown":
            suggestion = problem.values.get("suggestion")
            hint = self.t("plan.check.did_you_mean", name=suggestion) if suggestion else ""
            name = problem.values.get("metric")
            return self.t(key, metric=name, hint=hint, metrics=self.listed(METRICS))
        values = {k: self._problem_value(k, v, metric) for k, v in problem.values.items()}
        return self.t(key, **values)

    def _problem_value(self, name: str, value: object, metric: str | None) -> str:
        named = _NAMED.get(name)
        if named is not None:
            return named(self, value)
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, float):
            return self.value(metric, value)
        if isinstance(value, int):
            return self.fmt.number(value)
        return str(value)

    def assignment_status(self, assignment: AssignmentInfo, start: dt.date) -> str:
        """One sentence: drawn now, kept from an earlier run, redrawn, or taken from the data."""
        run = assignment.earlier_run or ""
        if assignment.source == "data":
            return self.t("plan.assign.from_data")
        if assignment.source == "kept":
            return self.t("plan.assign.kept", start=start.isoformat(), run=run)
        if assignment.source == "redrawn":
            return self.t("plan.assign.redrawn", run=run, reason=assignment.redraw_reason or "")
        if assignment.started:
            return self.t("plan.assign.drawn_started", start=start.isoformat())
        return self.t("plan.assign.drawn", start=start.isoformat())

    def share_warning(self, assignment: AssignmentInfo, targeted: tuple[str, ...]) -> str | None:
        """The holdout share was changed after the start: both numbers, and what is used.

        Args:
            assignment: The assignment (its share changes and the run it was kept from).
            targeted: The targeted segments.

        Returns:
            The warning, or None when the shares were not changed.
        """
        changes = [(c.segment, c.kept, c.now) for c in assignment.share_changes]
        if not changes:
            return None
        pairs = {(kept, now) for _, kept, now in changes}
        if len(changes) == len(targeted) > 1 and len(pairs) == 1:
            # the same change everywhere (plan.control_share): say it once
            changes = [("", *pairs.pop())]
        items = self.clauses(
            self.t(
                "plan.flag.share_change_item",
                segment=self.segment(segment) if segment else self.t("plan.every_segment"),
                kept=self.fmt.pct(kept, 1),
                now=self.fmt.pct(now, 1),
            )
            for segment, kept, now in changes
        )
        return self.t("plan.flag.share_changed", run=assignment.earlier_run or "", changes=items)


def _items(value: object) -> tuple[object, ...]:
    return tuple(value) if isinstance(value, tuple | list) else (value,)


_NAMED: Mapping[str, Callable[[Words, object], str]] = {
    "goal": lambda words, value: words.goal(str(value)),
    "metric": Words.metric,
    "segment": Words.segment,
    "direction": Words.direction,
    "natural": Words.direction,
    "phase": Words.phase,
    "basis": Words.bases,
    "columns": lambda words, value: words.listed(_items(value)),
}
"""Problem values that are names: each is shown in words of its own kind."""
