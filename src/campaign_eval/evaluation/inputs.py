"""What an evaluation starts from: the customers and their arms, the metrics, the outcomes.

From the data contract (``evaluation.source: data``): the plan stage's assignment (else the
data's ``assignment`` table, else the invited customers without a control group) and the metrics
the data can compute. From an outcome table: its rows, arms, segments and declared outcomes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import narwhals as nw

from campaign_eval.artifacts import PlanFile
from campaign_eval.config import CampaignParams
from campaign_eval.config.evaluation import EvaluationParams
from campaign_eval.conventions import TREATMENT
from campaign_eval.evaluation.assignment import check_unique, resolve_assignment
from campaign_eval.evaluation.outcomes import DataOutcomes, Outcomes, TableOutcomes
from campaign_eval.evaluation.result import AssignmentSource, SegmentSource
from campaign_eval.evaluation.specs import (
    MetricSpec,
    covariate_specs,
    metric_spec,
    table_specs,
)
from campaign_eval.evaluation.windows import OutcomeWindows
from campaign_eval.io import CampaignData, connect
from campaign_eval.io.outcome_table import outcome_table_path, read_outcome_table
from campaign_eval.metrics import catalogue
from campaign_eval.metrics import outcomes as engine_metrics

if TYPE_CHECKING:
    from campaign_eval.run.context import StageContext


@dataclass(frozen=True)
class Inputs:
    """The customers, metrics and outcomes of one evaluation.

    Attributes:
        outcomes: Per-customer outcomes on the engine.
        population: ``customer_id``, ``arm`` and ``segment`` of every customer evaluated.
        specs: The metrics compared after the event, in report order.
        pre_specs: The measures compared before the campaign (balance, DiD): the same metrics
            for the data contract, the covariates (as means) for an outcome table.
        data: The canonical tables (None for an outcome table without a costs table).
        assignment_source: Where the arms came from.
        segment_source: Where the segments came from.
        skipped_metrics: Metrics asked for that the data cannot compute.
    """

    outcomes: Outcomes
    population: nw.LazyFrame
    specs: tuple[MetricSpec, ...]
    pre_specs: tuple[MetricSpec, ...]
    data: CampaignData | None
    assignment_source: AssignmentSource
    segment_source: SegmentSource
    skipped_metrics: tuple[str, ...] = ()


def wanted_metrics(params: EvaluationParams, plan: PlanFile | None) -> list[str]:
    """The catalogue metrics to evaluate, in order: params, goals, value and conversion metrics.

    The goal metrics of plan.json come last, so a goal is always measured.
    """
    wanted = [*params.metrics, *(g.metric for g in params.goals)]
    wanted += [m for m in (params.value_metric_name, params.conversion_metric_name) if m]
    wanted += [g.metric for g in plan.goals] if plan is not None else []
    return [m for m in dict.fromkeys(wanted) if m in catalogue.METRICS]


def data_inputs(ctx: StageContext, windows: OutcomeWindows, plan: PlanFile | None) -> Inputs:
    """The data contract's customers and metrics (``evaluation.source: data``)."""
    params = ctx.params.evaluation
    data = ctx.data
    arm = (params.treatment_arms or [TREATMENT])[0]
    assignment = resolve_assignment(ctx.find_artifact, data, treatment_arm=arm)
    names = wanted_metrics(params, plan)
    skipped = [m for m in names if not engine_metrics.metric_available(data, m)]
    specs = tuple(metric_spec(m) for m in names if m not in skipped)
    return Inputs(
        outcomes=DataOutcomes(data, assignment.frame, windows, tuple(s.name for s in specs)),
        population=assignment.frame,
        specs=specs,
        pre_specs=specs,
        data=data,
        assignment_source=assignment.source,
        segment_source=assignment.segment_source,
        skipped_metrics=tuple(skipped),
    )


def table_inputs(
    params: CampaignParams,
    params_dir: Path,
    data: CampaignData | None,
    *,
    control: str,
    treatments: Sequence[str] | None,
) -> Inputs:
    """An outcome table's customers and outcomes (``evaluation.source: outcome_table``).

    Raises:
        OutcomeTableError: When the table does not match its params.
        AssignmentError: When a customer id appears twice.
    """
    table = params.evaluation.outcome_table
    if table is None:
        raise ValueError("evaluation.source is outcome_table but evaluation.outcome_table is unset")
    source = read_outcome_table(
        connect(),
        outcome_table_path(params, params_dir),
        table,
        control=control,
        treatments=treatments,
    )
    outcomes = TableOutcomes(source)
    check_unique(outcomes.population, "the outcome table")
    return Inputs(
        outcomes=outcomes,
        population=outcomes.population,
        specs=tuple(table_specs(table)),
        pre_specs=tuple(covariate_specs(table)),
        data=data,
        assignment_source="outcome_table",
        segment_source="assignment" if table.segment_column else "none",
    )


def read_inputs(ctx: StageContext, windows: OutcomeWindows, plan: PlanFile | None) -> Inputs:
    """The inputs of the stage's source: the data contract or the outcome table."""
    params = ctx.params.evaluation
    if params.source == "data":
        return data_inputs(ctx, windows, plan)
    costs = ctx.data if ctx.params.data.tables.costs is not None else None
    return table_inputs(
        ctx.params,
        ctx.loaded.folder,
        costs,
        control=params.control_arm,
        treatments=params.treatment_arms,
    )
