"""The money: planned amounts per category, and the spend lift the ROI standard asks for.

The lift needed is the extra revenue per treated customer that makes incremental value reach
``roi_standard`` x the planned cost, relative to what a targeted customer spent in the window
before the start; beside it, the smallest relative lift the holdout detects (``stats``), at the
goals' level when spend per customer is the metric of a goal (it is then a primary comparison),
else at the plan's alpha.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import pandas as pd

from campaign_eval import stats
from campaign_eval.config.plan import BUDGET_CATEGORIES
from campaign_eval.conventions import CONTROL, TREATMENT
from campaign_eval.metrics.catalogue import METRICS
from campaign_eval.plan.baseline import baseline_window, measure
from campaign_eval.plan.design import goal_alpha
from campaign_eval.plan.result import BudgetSource, RoiCheck

if TYPE_CHECKING:
    from campaign_eval.config import CampaignParams
    from campaign_eval.io import CampaignData

_SPEND = "spend_per_customer"


def planned_budget(
    data: CampaignData, params: CampaignParams
) -> tuple[Mapping[str, float], BudgetSource]:
    """Planned amount per category: from ``plan.budget``, else the costs table's planned column.

    Returns:
        The amounts (template categories in report order; a costs table's in its order) and
        where they came from.
    """
    planned = params.plan.budget
    if planned:
        return {c: float(planned[c]) for c in BUDGET_CATEGORIES if c in planned}, "params"
    if data.has("costs"):
        costs = data.to_pandas("costs")
        series = costs.groupby("category", sort=False)["planned"].sum().astype(float)
        return {str(k): float(v) for k, v in series.items()}, "costs_table"
    return {}, "none"


def roi_alpha(params: CampaignParams) -> tuple[float, tuple[str, ...]]:
    """The level of the ROI check's detectable lift, and the goals that set it.

    Returns:
        ``(design.goal_alpha, ids)`` when spend per customer is the metric of one or more goals
        (their ids): spend is then judged among the primary comparisons, at the goals' level.
        ``(plan.alpha, ())`` otherwise.
    """
    plan = params.plan
    spend_goals = tuple(g.id for g in plan.goals if g.metric == _SPEND)
    if spend_goals:
        return goal_alpha(plan.alpha, len(plan.goals)), spend_goals
    return plan.alpha, ()


def roi_check(
    data: CampaignData, params: CampaignParams, assignment: pd.DataFrame, cost: float
) -> RoiCheck | None:
    """The lift the ROI standard needs and the lift the holdout detects.

    Args:
        data: The campaign's tables.
        params: The campaign params (standard, margin, window, alpha, power, goals).
        assignment: ``customer_id`` and ``arm`` of every targeted customer.
        cost: Total planned cost.

    Returns:
        The check; None without a cost, without both arms, or without spend in the window.
    """
    plan = params.plan
    n_treated = int((assignment["arm"] == TREATMENT).sum())
    n_control = int((assignment["arm"] == CONTROL).sum())
    if cost <= 0 or n_treated == 0 or n_control == 0:
        return None
    after, through = baseline_window(params.campaign.start, plan.roi_window_days)
    spend, sd, n = measure(data, assignment, METRICS[_SPEND], after, through, "plan_roi")
    if n == 0 or not spend > 0:
        return None
    required_value = plan.roi_standard * cost
    per_treated = required_value / plan.margin_rate / n_treated
    alpha, spend_goals = roi_alpha(params)
    mde = stats.detectable_effect(
        "mean", spend, n_control, n_treated, sd=sd, alpha=alpha, power=plan.power
    )
    return RoiCheck(
        planned_cost=cost,
        standard=plan.roi_standard,
        margin_rate=plan.margin_rate,
        n_treated=n_treated,
        n_control=n_control,
        after=after,
        through=through,
        baseline_spend=spend,
        sd=sd,
        required_value=required_value,
        required_per_treated=per_treated,
        required_lift=per_treated / spend,
        mde_lift=mde / spend,
        alpha=alpha,
        spend_goals=spend_goals,
    )
