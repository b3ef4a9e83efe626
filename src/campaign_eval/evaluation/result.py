"""What the evaluation found: numbers and machine names only, no words and no formatting.

``view.View`` turns an ``EvaluationResult`` into report sections, ``export`` writes it as
``evaluation.json`` (docs/evaluation_json.md) and ``evaluation_effects.csv``, and ``charts`` draws
it. In a notebook each result shows as a plain table of its numbers.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, fields
from typing import Literal

import pandas as pd

from campaign_eval.evaluation.contamination import Contamination
from campaign_eval.evaluation.specs import MetricSpec, Period
from campaign_eval.evaluation.sums import order_segments, pooled_value
from campaign_eval.evaluation.windows import OutcomeWindows
from campaign_eval.stats.verdicts import StandardVerdict

AssignmentSource = Literal["plan", "data", "contacts", "outcome_table"]
"""Where the arms came from."""
SegmentSource = Literal["assignment", "segmentation", "none"]
"""Where the segments came from."""
ShareSource = Literal["plan", "params", "none"]
"""Where the planned arm shares came from."""
GoalSource = Literal["plan", "params", "none"]
"""Where the goals came from."""
PrimarySource = Literal["goals", "params", "none"]
"""Where the primary comparisons came from: the goals, ``evaluation.primary``, or nowhere."""
CostBasis = Literal["actual", "planned", "mixed", "none"]
"""Which cost amounts the return divides by."""
Grade = Literal["excellent", "good", "fair", "poor", "n/a"]
"""The grade of a goal's attainment."""
GRADES: tuple[Grade, ...] = ("excellent", "good", "fair", "poor")
"""The grades from best to worst (``n/a`` when a goal cannot be graded)."""
LOWEST_GRADE: Grade = "poor"
"""A goal whose actual moved the wrong way from its baseline is graded at most this."""


class _Frame:
    """Notebook display: a result shows as the table ``to_frame`` returns."""

    __slots__ = ()

    def to_frame(self) -> pd.DataFrame:
        """The result's numbers as a table."""
        return pd.DataFrame([{f.name: getattr(self, f.name) for f in fields(self)}])  # type: ignore[arg-type]  # subclasses are dataclasses

    def _repr_html_(self) -> str:
        return str(self.to_frame().to_html(index=False))


@dataclass(frozen=True)
class EffectsTable(_Frame):
    """Treatment vs control for every metric, segment and treatment arm (one family of tests).

    Attributes:
        rows: One row per comparison, columns ``effects.EFFECT_COLUMNS`` (and ``mde`` once
            added), metrics in the given order, segments in ``order_segments`` order.
        stats: The sufficient statistics per metric, arm and segment (with ``all`` rows) they
            were computed from.
        specs: The metrics, in order.
        control: The control arm.
        treatments: The treatment arms.
        alpha: Significance level; CIs have level ``1 - alpha`` and are not adjusted.
        adjustment: ``holm`` or ``fdr_bh``, applied over every row.
        skipped: Comparisons that could not be made: (metric, segment, arm, reason), the reason
            ``empty_treatment`` or ``empty_control``.
    """

    rows: pd.DataFrame
    stats: pd.DataFrame
    specs: tuple[MetricSpec, ...]
    control: str
    treatments: tuple[str, ...]
    alpha: float
    adjustment: str
    skipped: tuple[tuple[str, str, str, str], ...] = ()

    def spec(self, metric: str) -> MetricSpec:
        """The spec of an evaluated metric; KeyError for another."""
        for spec in self.specs:
            if spec.name == metric:
                return spec
        raise KeyError(f"metric '{metric}' was not evaluated")

    def row(self, metric: str, segment: str, arm: str) -> pd.Series | None:
        """The comparison of one metric, segment and arm, or None."""
        return _first_row(self.rows, metric, segment, arm)

    def arm_stats(self, metric: str, segment: str, arm: str) -> pd.Series | None:
        """The sufficient statistics of one metric, segment and arm, or None."""
        return _first_row(self.stats, metric, segment, arm)

    @property
    def segments(self) -> list[str]:
        """Segments with at least one comparison, ``all`` first."""
        return order_segments(self.rows["segment"]) if not self.rows.empty else []

    def to_frame(self) -> pd.DataFrame:
        """One row per comparison."""
        return self.rows


def _first_row(table: pd.DataFrame, metric: str, segment: str, arm: str) -> pd.Series | None:
    hit = table[(table["metric"] == metric) & (table["segment"] == segment) & (table["arm"] == arm)]
    return None if hit.empty else hit.iloc[0]


@dataclass(frozen=True)
class PairedTable(_Frame):
    """Paired before/after results for customers with a value in both windows.

    Attributes:
        rows: One row per metric, segment and arm with every ``stats.PairedResult`` field.
        too_many: Metrics skipped because more than the cap of customers had both values.
    """

    rows: pd.DataFrame
    too_many: tuple[str, ...] = ()

    def to_frame(self) -> pd.DataFrame:
        """One row per metric, segment and arm."""
        return self.rows


@dataclass(frozen=True)
class GoalTable(_Frame):
    """Every graded goal.

    Attributes:
        rows: One row per goal (columns of ``goals.grade_goals``).
        source: ``plan`` (plan.json), ``params`` (``evaluation.goals``) or ``none``.
        bands: The lowest attainment of each grade but the last, best first:
            ``(("excellent", 0.9), ("good", 0.75), ("fair", 0.5))``.
    """

    rows: pd.DataFrame
    source: GoalSource
    bands: tuple[tuple[Grade, float], ...]

    def to_frame(self) -> pd.DataFrame:
        """One row per goal."""
        return self.rows


@dataclass(frozen=True, slots=True)
class Feedback(_Frame):
    """Customer feedback of the post window against the template's standards.

    Attributes:
        mean_satisfaction: Mean 1-5 satisfaction of treated customers who answered (the mean of
            each customer's answers); NaN when unknown.
        respondents: Treated customers who answered.
        negative: Negative suggestions from treated customers (None when not measurable).
        negative_control: The same count in the control arm, for comparison (None without one).
        comments: Comments from treated customers.
        customers: Treated customers (the denominator of their rate of negative suggestions).
        customers_control: Control customers (None without a control).
        min_mean_satisfaction: The standard for the mean.
        max_negative: The standard for negative suggestions.
        negative_sentiments: ``surveys.sentiment`` values that mark a comment negative.
        negative_max_score: A comment given with a satisfaction score at most this counts as
            negative too; None when scores are ignored.
    """

    mean_satisfaction: float
    respondents: int
    negative: int | None
    negative_control: int | None
    comments: int
    min_mean_satisfaction: float
    max_negative: int
    negative_sentiments: tuple[str, ...] = ()
    negative_max_score: float | None = None
    customers: int = 0
    customers_control: int | None = None

    @property
    def satisfaction_met(self) -> bool | None:
        """Whether the mean reaches the standard (None when unknown)."""
        if math.isnan(self.mean_satisfaction):
            return None
        return self.mean_satisfaction >= self.min_mean_satisfaction

    @property
    def negative_rate(self) -> float:
        """Negative suggestions per treated customer: arms of different sizes compare as rates."""
        if self.negative is None or self.customers <= 0:
            return math.nan
        return self.negative / self.customers

    @property
    def negative_rate_control(self) -> float:
        """Negative suggestions per control customer."""
        if self.negative_control is None or not self.customers_control:
            return math.nan
        return self.negative_control / self.customers_control

    @property
    def negative_met(self) -> bool | None:
        """Whether negative suggestions stay within the standard (None when unknown)."""
        return None if self.negative is None else self.negative <= self.max_negative


@dataclass(frozen=True)
class ReturnSummary(_Frame):
    """Return on the campaign: incremental value against the control (headline) and gross value.

    Attributes:
        costs: One row per category: category, planned, actual, used, basis (actual or planned).
        cost_total: Sum of the used amounts (actual where known, else planned).
        cost_basis: actual (every category), planned (none known), mixed, or none (no costs).
        margin_rate: Share of the value metric counted as value.
        value_metric: The metric of value (spend per customer), or None.
        incremental_value: Sum over segments and treatment arms of (treatment mean - control
            mean) x treated customers, times the margin rate; NaN without a control.
        incremental_ci: Its CI (normal; a shared control's variance counted once).
        incremental_se: Its standard error.
        gross_value: All value of treated customers in the post window, times the margin rate.
        incremental_conversions: Sum of (treatment rate - control rate) x treated customers of
            the conversion metric.
        conversions_ci: Its CI.
        conversion_metric: The conversion metric, or None.
        segments: Segments whose comparison entered the incremental value.
        missing_segments: Segments without a control comparison (not in the incremental value).
        min_roi: The ROI standard.
        alpha: Significance level of the CIs.
        verdict: ``met`` (the ROI interval's lower bound reaches the standard), ``not_met`` (its
            upper bound is below it), ``cant_tell``; None when not judged (no cost or value, or
            the outcome window is still open).
        p_meets_standard: The chance the standard was met (normal approximation of the value).
    """

    costs: pd.DataFrame
    cost_total: float
    cost_basis: CostBasis
    margin_rate: float
    value_metric: str | None
    incremental_value: float
    incremental_ci: tuple[float, float]
    incremental_se: float
    gross_value: float
    incremental_conversions: float
    conversions_ci: tuple[float, float]
    conversion_metric: str | None
    segments: tuple[str, ...]
    missing_segments: tuple[str, ...]
    min_roi: float
    alpha: float
    verdict: StandardVerdict | None = None
    p_meets_standard: float = math.nan

    def _ratio(self, value: float) -> float:
        return value / self.cost_total if self.cost_total > 0 else math.nan

    @property
    def incremental_roi(self) -> float:
        """Incremental value / cost: the headline ROI."""
        return self._ratio(self.incremental_value)

    @property
    def incremental_roi_ci(self) -> tuple[float, float]:
        """CI of the incremental ROI (the cost is known, so it scales the value's CI)."""
        return (self._ratio(self.incremental_ci[0]), self._ratio(self.incremental_ci[1]))

    @property
    def gross_roi(self) -> float:
        """Gross value / cost: labelled gross, never the headline."""
        return self._ratio(self.gross_value)

    @property
    def cost_per_incremental_conversion(self) -> float:
        """Cost / incremental conversions; NaN when the campaign added none."""
        if self.cost_total > 0 and self.incremental_conversions > 0:
            return self.cost_total / self.incremental_conversions
        return math.nan

    @property
    def meets_standard(self) -> bool | None:
        """Whether the point estimate of the incremental ROI reaches the standard (None: unknown).

        Never a verdict on its own: ``verdict`` reads the whole interval.
        """
        roi = self.incremental_roi
        return None if math.isnan(roi) else roi >= self.min_roi

    def to_frame(self) -> pd.DataFrame:
        """The headline figures, one column each."""
        return pd.DataFrame(
            [
                {
                    "incremental_value": self.incremental_value,
                    "incremental_roi": self.incremental_roi,
                    "gross_value": self.gross_value,
                    "gross_roi": self.gross_roi,
                    "cost_total": self.cost_total,
                    "cost_basis": self.cost_basis,
                    "incremental_conversions": self.incremental_conversions,
                    "cost_per_incremental_conversion": self.cost_per_incremental_conversion,
                }
            ]
        )


@dataclass(frozen=True, slots=True)
class Process(_Frame):
    """Preparation time against the plan.

    Attributes:
        planned_days: Planned preparation days (None when not recorded).
        actual_days: Actual preparation days.
        max_ratio: The standard: actual at most this share of planned.
    """

    planned_days: float | None
    actual_days: float | None
    max_ratio: float

    @property
    def ratio(self) -> float:
        """Actual / planned preparation time."""
        if self.planned_days is None or self.actual_days is None:
            return math.nan
        return self.actual_days / self.planned_days

    @property
    def met(self) -> bool | None:
        """Whether preparation took at most the standard share of the plan."""
        return None if math.isnan(self.ratio) else self.ratio <= self.max_ratio


@dataclass(frozen=True, slots=True)
class Notice(_Frame):
    """Something the reader must know before the figures (``notices.NOTICE_KEYS`` lists the codes).

    Attributes:
        code: What is wrong, e.g. ``window_open`` or ``no_control``.
        figures: Its figures, as (name, value) pairs: dates, an arm, metric names.
    """

    code: str
    figures: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True)
class EvaluationResult(_Frame):
    """Everything the evaluation found.

    Attributes:
        campaign_id: The campaign's id.
        evaluated_on: The day the run counted as today.
        source: Where outcomes came from: ``data`` or ``outcome_table``.
        windows: The pre and post windows.
        alpha: Two-sided significance level; intervals have level ``1 - alpha``.
        adjustment: The multiple-testing correction over all comparisons.
        power: The power the MDEs are stated at.
        specs: The evaluated metrics, in report order.
        assignment_source: Where the arms came from.
        segment_source: Where the segments came from.
        counts: Customers per segment and arm (``segment``, ``arm``, ``n``).
        control: The control arm.
        treatments: The treatment arms.
        has_control: Whether the control arm has customers.
        post: Sufficient statistics of the post window per metric, arm and segment.
        pre: The same for the pre window (an outcome table's covariates).
        effects: Treatment vs control with an ``mde`` column; None without a control.
        did: Difference in differences per metric, segment and arm.
        cuped: CUPED comparisons with the variance reduction.
        mann_whitney: Mann-Whitney beside Welch for 1-5 scores.
        balance: Pre-window balance by arm.
        paired: Paired before/after for customers with a score in both windows.
        before_after: Pre vs post without a control group (not causal).
        srm: Sample-ratio checks per segment (empty without planned shares).
        share_source: Where the planned shares came from.
        goals: The graded goals.
        feedback: Customer feedback against the standards (None when not measurable).
        returns: Value, cost and ROI.
        process: Preparation time against the plan.
        notices: What the reader must know first (window open, no control, a broken design).
        skipped_metrics: Metrics the data could not compute.
        low_score_segments: Evaluated segments chosen for low scores (regression to the mean).
        notes: The analyst's retrospective notes, as written in params.
        contamination: Control customers monitoring found contacted (None when no monitoring
            run counted them, or without a control group).
        outcome_label: An outcome table's window in the analyst's words (None otherwise).
        primary_source: Where the primary comparisons came from: ``goals``, ``params``
            (``evaluation.primary``) or ``none``.
    """

    campaign_id: str
    evaluated_on: dt.date
    source: str
    windows: OutcomeWindows
    alpha: float
    adjustment: str
    power: float
    specs: tuple[MetricSpec, ...]
    assignment_source: AssignmentSource
    segment_source: SegmentSource
    counts: pd.DataFrame
    control: str
    treatments: tuple[str, ...]
    has_control: bool
    post: pd.DataFrame
    pre: pd.DataFrame
    effects: EffectsTable | None
    did: pd.DataFrame
    cuped: pd.DataFrame
    mann_whitney: pd.DataFrame
    balance: pd.DataFrame
    paired: PairedTable
    before_after: pd.DataFrame
    srm: pd.DataFrame
    share_source: ShareSource
    goals: GoalTable
    feedback: Feedback | None
    returns: ReturnSummary
    process: Process
    notices: tuple[Notice, ...] = ()
    skipped_metrics: tuple[str, ...] = ()
    low_score_segments: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    contamination: Contamination | None = None
    outcome_label: str | None = None
    primary_source: PrimarySource = "none"

    def spec(self, metric: str) -> MetricSpec | None:
        """The spec of an evaluated metric, or None for another name (a covariate)."""
        return next((s for s in self.specs if s.name == metric), None)

    @property
    def from_table(self) -> bool:
        """Whether the outcomes came from an outcome table (one row per customer, no dates)."""
        return self.source == "outcome_table"

    @property
    def metric_names(self) -> list[str]:
        """The evaluated metrics, in report order."""
        return [s.name for s in self.specs]

    @property
    def n_customers(self) -> int:
        """Customers in the evaluation (every arm)."""
        return int(self.counts["n"].sum())

    @property
    def arms(self) -> list[str]:
        """The treatment arms, then the control when it has customers."""
        return [*self.treatments, *([self.control] if self.has_control else [])]

    def pooled(self, metric: str, arms: list[str], period: Period) -> float:
        """A metric's value over ``arms`` and every segment in a period; NaN when unknown."""
        spec = self.spec(metric)
        if spec is None:
            return math.nan
        return pooled_value(self.pre if period == "pre" else self.post, metric, arms, spec.kind)[0]

    def typical_value(self, metric: str) -> float:
        """The size of a metric's value over every customer after the event (0 when unknown)."""
        spec = self.spec(metric)
        part = self.post[self.post["metric"] == metric]
        if spec is None or part.empty:
            return 0.0
        return abs(pooled_value(part, metric, list(set(part["arm"])), spec.kind)[0])

    def to_frame(self) -> pd.DataFrame:
        """The comparisons (customers per arm and segment without a control group)."""
        return self.effects.rows if self.effects is not None else self.counts
