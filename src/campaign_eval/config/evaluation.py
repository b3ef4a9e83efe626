"""Params of the evaluation stage (04_evaluation): outcomes, arms, goals, standards and notes.

Outcomes come from the data contract (orders, surveys and complaints in windows around the
campaign dates) or from a per-customer outcome table such as an e-mail test export. Every
threshold the report grades against (the template's standards, the grade bands, alpha) lives
here, with its default.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from campaign_eval import conventions
from campaign_eval.config._base import IsoDate, Note, StrictModel
from campaign_eval.config._errors import check_known, did_you_mean
from campaign_eval.metrics.catalogue import METRICS

OutcomeSource = Literal["data", "outcome_table"]
OutcomeKind = Literal["binary", "continuous", "nps"]
Direction = Literal["increase", "decrease"]
Adjustment = Literal["holm", "fdr_bh"]
TableFormat = Literal["auto", "csv", "parquet"]
ALL_SEGMENTS = "all"
"""Segment name of the rows over every customer of the evaluation (overall)."""

DEFAULT_METRICS = (
    "repurchase_rate",
    "spend_per_customer",
    "mean_satisfaction",
    "nps",
    "churn_rate",
    "complaint_rate",
)
"""Metrics evaluated from the data contract by default; unavailable ones are skipped."""


class OutcomeSpec(StrictModel):
    """One outcome column of a per-customer outcome table."""

    kind: OutcomeKind
    """binary (0/1, e.g. converted), continuous (revenue, a 1-5 score) or nps (0-10 answers)."""
    direction: Direction = "increase"
    """Which direction is good: increase (conversion, revenue) or decrease (unsubscribes)."""
    label: str | None = None
    """Name shown in the report; default: the column name."""
    covariate: str | None = None
    """Column with this outcome's pre-period value (CUPED); default: the covariate_column."""
    ordinal: bool = False
    """Values are ordered scores such as 1-5: show the Mann-Whitney test beside the means."""


class OutcomeTableParams(StrictModel):
    """A per-customer outcome table supplied directly (CSV or Parquet), one row per customer."""

    path: str
    """File path, relative to data.base_dir (like the data tables)."""
    format: TableFormat = "auto"
    """csv or parquet; auto decides by the file extension."""
    arm_column: str
    """Column naming each row's arm (e.g. control, A, B)."""
    outcomes: dict[str, OutcomeSpec] = Field(min_length=1)
    """Outcome column name -> its kind and direction."""
    id_column: str | None = None
    """Customer id column; without one the rows are numbered."""
    segment_column: str | None = None
    """Column with each row's segment, for per-segment results; default: one segment."""
    covariate_column: str | None = None
    """Column with a pre-period value (e.g. revenue before the test), for CUPED on every outcome."""
    window_label: str | None = None
    """What the table's outcomes measure, in words, e.g. "2 weeks after the e-mail" (no dates).

    The table has one row per customer and no dates, so the report says only what you write here.
    """


class PrimaryParams(StrictModel):
    """One primary comparison, fixed before the campaign (when no plan.json has goals)."""

    metric: str
    """A metric of the evaluation (catalogue name, or an outcome column of the outcome table)."""
    segment: str = ALL_SEGMENTS
    """The segment compared; `all` for every assigned customer."""
    direction: Direction | None = None
    """increase or decrease: the effect the campaign is meant to have; default the metric's."""


class GoalParams(StrictModel):
    """One SMART goal, used when the plan stage left no plan.json."""

    metric: str
    """A metric of the evaluation (catalogue name, or an outcome column of the outcome table)."""
    target: float
    """Target value in the metric's unit (a rate as a fraction, e.g. 0.20; NPS in points)."""
    segment: str = ALL_SEGMENTS
    """Segment the goal is about; `all` for every assigned customer."""
    direction: Direction | None = None
    """increase or decrease; default: the metric's good direction."""
    baseline: float | None = None
    """Baseline value; default: measured in the pre window on the treated customers."""
    deadline: IsoDate | None = None
    """Deadline of the goal (YYYY-MM-DD), shown beside it."""
    name: str | None = None
    """Short name shown in the report; default: metric and segment."""


class GradeBands(StrictModel):
    """Lowest attainment (actual vs target) of each grade; below `fair` is `poor`."""

    excellent: float = Field(conventions.ATTAINMENT_EXCELLENT, gt=0)
    """The template's standard: attainment >= 90% is excellent."""
    good: float = Field(0.75, gt=0)
    """Lowest attainment graded good."""
    fair: float = Field(0.5, gt=0)
    """Lowest attainment graded fair."""

    @model_validator(mode="after")
    def _descending(self) -> GradeBands:
        if not self.excellent > self.good > self.fair:
            raise ValueError(
                "evaluation.grades must satisfy excellent > good > fair; got "
                f"{self.excellent}, {self.good}, {self.fair}"
            )
        return self


class StandardsParams(StrictModel):
    """The template's evaluation standards (效果评估标准)."""

    min_mean_satisfaction: float = Field(conventions.MEAN_SATISFACTION_STANDARD, ge=1, le=5)
    """Customer feedback: mean 1-5 satisfaction of treated customers must reach this."""
    max_negative_suggestions: int = Field(conventions.MAX_NEGATIVE_SUGGESTIONS, ge=0)
    """Customer feedback: at most this many negative suggestions from treated customers."""
    min_roi: float = Field(conventions.ROI_STANDARD, ge=0)
    """Return: incremental value / cost must reach this (1:5 in the template)."""
    max_preparation_ratio: float = Field(conventions.MAX_PREPARATION_RATIO, gt=0)
    """Process efficiency: actual preparation time at most this share of the planned time."""


class NegativeFeedbackParams(StrictModel):
    """A negative suggestion: a comment marked negative, or one given with a low score."""

    sentiments: list[str] = Field(default=["negative"])
    """Values of surveys.sentiment that mark a comment negative."""
    max_score: float | None = Field(2, ge=1, le=5)
    """A comment given with a satisfaction score <= this counts too; empty to ignore scores."""


class CostItem(StrictModel):
    """One budget category, used when the data has no costs table."""

    category: str
    """staff, marketing, technology, venue, research, contingency or your own."""
    planned: float = Field(ge=0)
    """Planned amount."""
    actual: float | None = Field(None, ge=0)
    """Actual amount; empty while unknown (the planned amount is used and the report says so)."""


class EvaluationParams(StrictModel):
    """Outcome windows, metrics, arms, goals, standards and the retrospective notes."""

    source: OutcomeSource = "data"
    """Where outcomes come from: data (the data contract) or outcome_table (a file per customer)."""
    window_days: int = Field(conventions.WINDOW_DAYS, ge=1, le=366)
    """W: post window (event, event + W] and pre window (start - 1 - W, start - 1], in days."""
    metrics: list[str] = Field(default=list(DEFAULT_METRICS))
    """Catalogue metrics to evaluate (source data); those the data cannot compute are skipped."""
    outcome_table: OutcomeTableParams | None = None
    """The per-customer outcome table (source outcome_table)."""
    control_arm: str = conventions.CONTROL
    """The control (holdout) arm every treatment arm is compared with."""
    treatment_arms: list[str] | None = None
    """Treatment arms to evaluate; default: every arm except the control."""
    alpha: float = Field(conventions.ALPHA, gt=0, lt=0.5)
    """Two-sided significance level; confidence intervals have level 1 - alpha."""
    power: float = Field(conventions.POWER, gt=0.5, lt=1)
    """Power at which the minimum detectable effect of a non-significant result is stated."""
    adjustment: Adjustment = "holm"
    """Correction within the exploratory comparisons: holm or fdr_bh (primary: always holm)."""
    primary: list[PrimaryParams] = Field(default_factory=list)
    """Primary comparisons when no plan.json has goals: each metric in its segment, adjusted with
    Holm among themselves. Default: the goals below; every other comparison is exploratory."""
    planned_shares: dict[str, float] | None = None
    """Planned arm shares for the sample-ratio check when plan.json has none.

    Example: {treatment: 0.8, control: 0.2}.
    """
    segment_shares: dict[str, dict[str, float]] = Field(default_factory=dict)
    """Per-segment planned shares overriding planned_shares."""
    goals: list[GoalParams] = Field(default_factory=list)
    """Goals used when no plan.json is found (the stage then works on its own)."""
    grades: GradeBands = Field(default_factory=GradeBands)
    """Attainment thresholds of the grades."""
    standards: StandardsParams = Field(default_factory=StandardsParams)
    """The template's evaluation standards."""
    negative_feedback: NegativeFeedbackParams = Field(default_factory=NegativeFeedbackParams)
    """Definition of a negative suggestion."""
    margin_rate: float = Field(conventions.MARGIN_RATE, gt=0, le=1)
    """Share of revenue counted as value (1.0 = revenue), for incremental and gross value."""
    value_metric: str | None = None
    """Metric whose difference per customer is the value created; default spend_per_customer."""
    conversion_metric: str | None = None
    """Binary metric for the cost per incremental conversion; default repurchase_rate (data)."""
    costs: list[CostItem] = Field(default_factory=list)
    """Budget by category, used when the data has no costs table."""
    planned_preparation_days: float | None = Field(None, gt=0)
    """Planned preparation time in days (process efficiency)."""
    actual_preparation_days: float | None = Field(None, gt=0)
    """Actual preparation time in days."""
    low_score_segments: list[str] = Field(default=["churn_risk"])
    """Segments chosen for low scores: without control, warn of regression to the mean."""
    balance_smd_threshold: float = Field(0.1, gt=0)
    """Pre-period standardized difference between arms above which balance is flagged."""
    max_paired_customers: int = Field(500_000, ge=10)
    """The paired before/after test collects per-customer values only up to this many customers."""
    notes: Note | list[Note] = ""
    """The analyst's own retrospective notes, shown as written (text only), at most 2,000
    characters each."""

    @field_validator("metrics")
    @classmethod
    def _known_metrics(cls, value: list[str]) -> list[str]:
        for name in value:
            check_known("metric", name, METRICS)
        if len(set(value)) != len(value):
            raise ValueError(f"evaluation.metrics lists a metric twice: {value}")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> EvaluationParams:
        self._check_source()
        self._check_metric_names()
        for where, shares in [("planned_shares", self.planned_shares or {})] + [
            (f"segment_shares.{s}", v) for s, v in self.segment_shares.items()
        ]:
            if any(v < 0 for v in shares.values()) or (shares and sum(shares.values()) <= 0):
                raise ValueError(f"evaluation.{where}: shares must be >= 0 with a positive sum")
        if (self.planned_preparation_days is None) != (self.actual_preparation_days is None):
            raise ValueError(
                "evaluation.planned_preparation_days and actual_preparation_days go together: "
                "give both or neither"
            )
        return self

    def _check_source(self) -> None:
        if self.source == "outcome_table" and self.outcome_table is None:
            raise ValueError(
                "evaluation.source is outcome_table but evaluation.outcome_table is missing; "
                "add it (path, arm_column, outcomes) or set source: data"
            )
        if self.source == "data" and self.outcome_table is not None:
            raise ValueError(
                "evaluation.outcome_table is given but evaluation.source is data; "
                "set source: outcome_table to use the table"
            )
        if self.treatment_arms is not None and self.control_arm in self.treatment_arms:
            raise ValueError(
                f"evaluation.treatment_arms contains the control arm '{self.control_arm}'"
            )

    def _check_metric_names(self) -> None:
        known = self.metric_names
        for key in ("value_metric", "conversion_metric"):
            name = getattr(self, key)
            if name is not None and name not in known:
                raise ValueError(
                    f"evaluation.{key}: '{name}' is not a metric of this evaluation"
                    f"{did_you_mean(name, known)}. Metrics: {', '.join(known)}"
                )
        for index, item in enumerate(self.primary):
            if item.metric not in known:
                raise ValueError(
                    f"evaluation.primary.{index}.metric: '{item.metric}' is not a metric of this "
                    f"evaluation{did_you_mean(item.metric, known)}. Metrics: {', '.join(known)}"
                )
        for index, goal in enumerate(self.goals):
            if goal.metric not in known:
                raise ValueError(
                    f"evaluation.goals.{index}.metric: '{goal.metric}' is not a metric of this "
                    f"evaluation{did_you_mean(goal.metric, known)}. Metrics: {', '.join(known)}"
                )

    @property
    def metric_names(self) -> list[str]:
        """Names of the evaluated metrics: catalogue names, or the outcome table's columns."""
        if self.source == "outcome_table" and self.outcome_table is not None:
            return list(self.outcome_table.outcomes)
        return list(self.metrics)

    @property
    def value_metric_name(self) -> str | None:
        """The value metric actually used (with the data-source default)."""
        if self.value_metric is not None:
            return self.value_metric
        return "spend_per_customer" if self.source == "data" else None

    @property
    def conversion_metric_name(self) -> str | None:
        """The conversion metric actually used (with the data-source default)."""
        if self.conversion_metric is not None:
            return self.conversion_metric
        return "repurchase_rate" if self.source == "data" else None

    @property
    def notes_list(self) -> list[str]:
        """The analyst's notes as a list of non-empty paragraphs."""
        items = [self.notes] if isinstance(self.notes, str) else list(self.notes)
        return [item.strip() for item in items if item and item.strip()]
