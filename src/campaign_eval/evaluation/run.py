"""The evaluation stage's run: read the inputs, compute every comparison, grade, write the files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from campaign_eval.artifacts import MONITORING_JSON, PLAN_JSON, PlanFile, read_plan
from campaign_eval.config import CampaignParams
from campaign_eval.config.evaluation import EvaluationParams
from campaign_eval.evaluation import export
from campaign_eval.evaluation.assignment import check_arms
from campaign_eval.evaluation.before_after import compute_before_after
from campaign_eval.evaluation.contamination import Contamination, read_contamination
from campaign_eval.evaluation.credit import credit_goals, primary_comparisons
from campaign_eval.evaluation.cuped import compute_cuped
from campaign_eval.evaluation.design import (
    arm_counts,
    compute_balance,
    compute_sample_ratio,
    planned_shares,
)
from campaign_eval.evaluation.did import compute_did
from campaign_eval.evaluation.effects import PrimaryKey, compare_arms, with_detectable_effects
from campaign_eval.evaluation.feedback import measure_feedback
from campaign_eval.evaluation.goals import (
    PLAN,
    Goal,
    data_measure,
    goals_from_params,
    goals_from_plan,
    grade_bands,
    grade_goals,
    table_measure,
)
from campaign_eval.evaluation.inputs import Inputs, read_inputs
from campaign_eval.evaluation.notices import find_notices
from campaign_eval.evaluation.outcomes import DataOutcomes, collect_stats
from campaign_eval.evaluation.paired import compute_paired
from campaign_eval.evaluation.rank import compute_mann_whitney
from campaign_eval.evaluation.result import (
    EffectsTable,
    EvaluationResult,
    Feedback,
    GoalSource,
    GoalTable,
    Process,
    ShareSource,
)
from campaign_eval.evaluation.returns import cost_table, summarize_return
from campaign_eval.evaluation.windows import OutcomeWindows

if TYPE_CHECKING:
    from campaign_eval.run.context import StageContext


@dataclass(frozen=True)
class _Arms:
    counts: pd.DataFrame
    control: str
    treatments: tuple[str, ...]
    has_control: bool

    @property
    def compared(self) -> list[str]:
        """The treatment arms, then the control when it has customers."""
        return [*self.treatments, *([self.control] if self.has_control else [])]


@dataclass(frozen=True)
class _Comparisons:
    effects: EffectsTable | None = None
    did: pd.DataFrame = field(default_factory=pd.DataFrame)
    cuped: pd.DataFrame = field(default_factory=pd.DataFrame)
    mann_whitney: pd.DataFrame = field(default_factory=pd.DataFrame)
    balance: pd.DataFrame = field(default_factory=pd.DataFrame)
    before_after: pd.DataFrame = field(default_factory=pd.DataFrame)


def run(ctx: StageContext) -> EvaluationResult:
    """Evaluate the campaign and write ``evaluation.json`` and ``evaluation_effects.csv``.

    Outcomes come from the data contract (``evaluation.source: data``) with the plan stage's
    assignment (or the data's ``assignment`` table, or the invited customers without a control
    group), or from a per-customer outcome table. Goals come from plan.json, else from
    ``evaluation.goals``.

    Raises:
        AssignmentError: When no usable assignment exists or the arms do not match the params.
        OutcomeTableError: When the outcome table does not match its params.
        ArtifactError: When plan.json exists but cannot be read.
    """
    campaign = ctx.params.campaign
    windows = OutcomeWindows.around(
        campaign.start, campaign.event, ctx.params.evaluation.window_days
    )
    found = ctx.find_artifact(PLAN_JSON)
    plan = read_plan(found) if found is not None else None
    inputs = read_inputs(ctx, windows, plan)
    monitoring = ctx.find_artifact(MONITORING_JSON)
    contamination = read_contamination(monitoring) if monitoring is not None else None
    result = evaluate(
        inputs, ctx.params, windows, plan, today=ctx.today, contamination=contamination
    )
    export.write(ctx.run_dir, result)
    return result


def evaluate(
    inputs: Inputs,
    params: CampaignParams,
    windows: OutcomeWindows,
    plan: PlanFile | None,
    *,
    today: dt.date,
    contamination: Contamination | None = None,
) -> EvaluationResult:
    """Every comparison, check, goal and figure of the evaluation, from its inputs."""
    p = params.evaluation
    arms = _arms(inputs, p)
    post = collect_stats(inputs.outcomes, inputs.specs, "post")
    pre = collect_stats(inputs.outcomes, inputs.pre_specs, "pre")
    goal_list = goals_from_plan(plan, inputs.specs) or goals_from_params(p, inputs.specs)
    primary = primary_comparisons(goal_list, p, inputs.specs)
    comparisons = _compare(inputs, p, arms, pre, post, primary.comparisons)
    judged = today > windows.post[1]
    paired = compute_paired(
        inputs.outcomes,
        inputs.specs,
        arms=arms.compared,
        alpha=p.alpha,
        max_customers=p.max_paired_customers,
    )
    srm, share_source = _sample_ratio(plan, p, arms)
    return EvaluationResult(
        campaign_id=params.campaign.id,
        evaluated_on=today,
        source=p.source,
        windows=windows,
        alpha=p.alpha,
        adjustment=p.adjustment,
        power=p.power,
        specs=inputs.specs,
        assignment_source=inputs.assignment_source,
        segment_source=inputs.segment_source,
        counts=arms.counts,
        control=arms.control,
        treatments=arms.treatments,
        has_control=arms.has_control,
        post=post,
        pre=pre,
        effects=comparisons.effects,
        did=comparisons.did,
        cuped=comparisons.cuped,
        mann_whitney=comparisons.mann_whitney,
        balance=comparisons.balance,
        paired=paired,
        before_after=comparisons.before_after,
        srm=srm,
        share_source=share_source,
        goals=_goals(inputs, p, windows, goal_list, arms, post, comparisons.effects, today),
        feedback=_feedback(inputs, p, windows, arms),
        returns=summarize_return(
            comparisons.effects,
            post,
            cost_table(inputs.data, p),
            p,
            treatments=arms.treatments,
            alpha=p.alpha,
            judged=judged,
        ),
        contamination=contamination if arms.has_control else None,
        process=Process(
            p.planned_preparation_days,
            p.actual_preparation_days,
            p.standards.max_preparation_ratio,
        ),
        notices=find_notices(
            windows=windows,
            today=today,
            newest=_newest(inputs, p, windows, today),
            control=None if arms.has_control else p.control_arm,
            assignment_source=inputs.assignment_source,
            srm=srm,
            balance=comparisons.balance,
            skipped_metrics=inputs.skipped_metrics,
        ),
        skipped_metrics=inputs.skipped_metrics,
        low_score_segments=tuple(
            s for s in p.low_score_segments if s in set(arms.counts["segment"])
        ),
        notes=tuple(p.notes_list),
        outcome_label=p.outcome_table.window_label if p.outcome_table is not None else None,
        primary_source=primary.source,
    )


def _feedback(
    inputs: Inputs, p: EvaluationParams, windows: OutcomeWindows, arms: _Arms
) -> Feedback | None:
    """Customer feedback from the surveys of the data contract (None for an outcome table)."""
    if inputs.data is None or p.source != "data":
        return None
    control = arms.control if arms.has_control else None
    return measure_feedback(
        inputs.data,
        inputs.population,
        windows,
        p,
        treatments=arms.treatments,
        control=control,
        counts=arms.counts,
    )


def _newest(
    inputs: Inputs, p: EvaluationParams, windows: OutcomeWindows, today: dt.date
) -> dt.date | None:
    """How far the data reaches, asked only once the outcome window has closed."""
    if inputs.data is None or p.source != "data" or today < windows.post[1]:
        return None
    return inputs.data.data_date()


def _arms(inputs: Inputs, params: EvaluationParams) -> _Arms:
    """Customers per segment and arm, the control and the treatment arms (checked)."""
    counts = arm_counts(inputs.population)
    arms = sorted(set(counts["arm"]))
    control = params.control_arm
    treatments = params.treatment_arms or [a for a in arms if a != control]
    check_arms(arms, treatments)
    return _Arms(counts, control, tuple(treatments), control in arms)


def _compare(
    inputs: Inputs,
    p: EvaluationParams,
    arms: _Arms,
    pre: pd.DataFrame,
    post: pd.DataFrame,
    primary: Mapping[PrimaryKey, str],
) -> _Comparisons:
    """Treatment vs control and the before/after analyses; without a control, before/after."""
    if not arms.has_control:
        return _Comparisons(
            before_after=compute_before_after(inputs.outcomes, inputs.specs, alpha=p.alpha)
        )
    control, treatments, alpha = arms.control, arms.treatments, p.alpha
    effects = with_detectable_effects(
        compare_arms(
            post,
            inputs.specs,
            control=control,
            treatments=treatments,
            alpha=alpha,
            adjustment=p.adjustment,
            primary=primary,
        ),
        p.power,
        primary,
    )
    balance, did = pd.DataFrame(), pd.DataFrame()
    if not pre.empty:
        pre_effects = compare_arms(
            pre,
            inputs.pre_specs,
            control=control,
            treatments=treatments,
            alpha=alpha,
            adjustment=p.adjustment,
        )
        balance = compute_balance(pre_effects, p.balance_smd_threshold)
        if p.source == "data":
            did = compute_did(
                pre, post, inputs.specs, control=control, treatments=treatments, alpha=alpha
            )
    return _Comparisons(
        effects=effects,
        did=did,
        cuped=compute_cuped(inputs.outcomes, inputs.specs, effects),
        mann_whitney=compute_mann_whitney(inputs.outcomes, inputs.specs, effects),
        balance=balance,
    )


def _sample_ratio(
    plan: PlanFile | None, p: EvaluationParams, arms: _Arms
) -> tuple[pd.DataFrame, ShareSource]:
    planned, segment_shares, source = planned_shares(plan, p)
    if source == "none" or not arms.has_control:
        return pd.DataFrame(), source
    return compute_sample_ratio(arms.counts, planned, segment_shares), source


def _goals(
    inputs: Inputs,
    p: EvaluationParams,
    windows: OutcomeWindows,
    goals: Sequence[Goal],
    arms: _Arms,
    post: pd.DataFrame,
    effects: EffectsTable | None,
    today: dt.date,
) -> GoalTable:
    """The goals of the plan, else of the params: judged, graded and credited or not."""
    source: GoalSource = (
        "plan" if any(g.source == PLAN for g in goals) else ("params" if goals else "none")
    )
    measure = (
        data_measure(
            inputs.data,
            inputs.population,
            windows,
            arms.treatments,
            alpha=p.alpha,
            kept=inputs.outcomes if isinstance(inputs.outcomes, DataOutcomes) else None,
        )
        if p.source == "data" and inputs.data is not None
        else table_measure(post, arms.treatments, alpha=p.alpha)
    )
    rows = grade_goals(goals, inputs.specs, measure, p.grades, windows=windows, today=today)
    return GoalTable(rows=credit_goals(rows, effects), source=source, bands=grade_bands(p.grades))
