"""``run(ctx)``: the plan stage's orchestration, from its inputs to its result and files."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, get_args

import pandas as pd

from campaign_eval import artifacts
from campaign_eval.config.plan import FilterColumn
from campaign_eval.io.write_back import write_back
from campaign_eval.plan import budget, export, holdout, schedule
from campaign_eval.plan.goals import GoalPlanner
from campaign_eval.plan.result import PlanResult, SegmentsSource
from campaign_eval.segmentation.lists import list_inputs
from campaign_eval.segmentation.rules import segment_data

if TYPE_CHECKING:
    from campaign_eval.run.context import StageContext


def run(ctx: StageContext) -> PlanResult:
    """Plan the campaign: goals, design, assignment, schedule, budget; write the files.

    When ``outputs.write_back.assignment`` names a table or folder, each targeted customer's
    arm is appended there too, under this run's id.

    Args:
        ctx: The stage context (params, data, run folder, today).

    Returns:
        The plan, with the names of the files written.
    """
    params = ctx.params
    customers, segments_source = _segments(ctx)
    # the assignment first: a kept one fixes the holdout shares the goals are sized with
    assignment = holdout.choose_assignment(
        ctx.data,
        params,
        customers,
        today=ctx.today,
        earlier=ctx.previous_artifact(artifacts.ASSIGNMENT),
    )
    planner = GoalPlanner(ctx.data, params, customers, assignment.shares)
    phases = schedule.phases(params)
    amounts, budget_source = budget.planned_budget(ctx.data, params)
    result = PlanResult(
        today=ctx.today,
        event=params.campaign.event,
        segments_source=segments_source,
        customers=customers,
        goals=tuple(planner.plan(goal) for goal in params.plan.goals),
        assignment=assignment,
        phases=phases,
        schedule_end=schedule.schedule_end(phases, params.campaign.event),
        schedule_problems=tuple(schedule.schedule_problems(phases, params)),
        budget=amounts,
        budget_source=budget_source,
        roi=budget.roi_check(ctx.data, params, assignment.frame, sum(amounts.values())),
    )
    files = export.write(result, params, ctx.run_dir)
    write_back(
        ctx.data, params, ctx.loaded.folder, "assignment", assignment.frame, ctx.run_dir.name
    )
    return dataclasses.replace(result, files=files)


def _segments(ctx: StageContext) -> tuple[pd.DataFrame, SegmentsSource]:
    """The segmentation's customers: this run's, an earlier run's, or computed here."""
    found = ctx.find_artifact(artifacts.SEGMENTS)
    if found is not None:
        source: SegmentsSource = "this_run" if found.parent == ctx.run_dir else "earlier_run"
        return artifacts.read_segments(found, _segment_columns(ctx)), source
    result = segment_data(ctx.data, ctx.params.reference_date, ctx.params.segmentation)
    return result.customers, "computed"


def _segment_columns(ctx: StageContext) -> set[str]:
    """What the plan reads of the segments: what the target lists need and the goal filters.

    The features stay in the file: at 10 million customers they are a gigabyte the plan never
    reads, held while it measures the goals' earlier cohorts.
    """
    return list_inputs(ctx.params) | set(get_args(FilterColumn))
