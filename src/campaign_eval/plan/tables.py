"""The plan's tables with the reader's column names: shown by ``view``, written to plan.xlsx.

Counts and shares stay numbers (the report formats them through ``report.format``, the workbook
keeps them as numbers); texts are worded by ``wording.Words``. Every table keeps its columns when
it has no rows. The workbook gets every column (``goals_table``, ``design_table``,
``schedule_table``, ``budget_table``); the report shows what a manager needs in at most seven
columns (``goals_overview``, ``design_overview``, ``schedule_overview``, ``budget_overview``) and
the rest in a second table under "How this was computed" (``baselines_table``,
``design_details``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import pandas as pd

from campaign_eval.conventions import ARMS
from campaign_eval.plan.result import Design, GoalPlan, PhasePlan, PlanResult
from campaign_eval.plan.wording import (
    ACTIVITY_KEYS,
    BASELINE_KEYS,
    CATEGORY_KEYS,
    RESOURCE_KEYS,
    Words,
    alpha_digits,
)

if TYPE_CHECKING:
    from campaign_eval.config import CampaignParams

# label keys of the columns of each table, in order
GOALS_COLUMNS = (
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
DESIGN_COLUMNS = (
    "plan.col.goal",
    "plan.col.in_scope",
    "plan.col.measurable",
    "plan.col.alpha",
    "plan.col.needed_per_arm",
    "plan.col.holdout",
    "plan.col.power",
    "plan.col.mde",
    "plan.col.change_wanted",
    "plan.col.recommended",
    "plan.col.powered",
)
DESIGN_PCT_COLUMNS = ("plan.col.holdout", "plan.col.power")
"""Columns of the design table holding fractions."""
DESIGN_LEVEL_COLUMN = "plan.col.alpha"
"""The column of the design table holding each goal's test level."""
GOALS_OVERVIEW_COLUMNS = (
    "plan.col.goal",
    "plan.col.scope",
    "plan.col.baseline",
    "plan.col.target",
    "plan.col.deadline",
    "plan.col.status",
)
BASELINES_COLUMNS = (
    "plan.col.goal",
    "plan.col.metric",
    "plan.col.baseline_window",
    "plan.col.direction",
)
DESIGN_OVERVIEW_COLUMNS = (
    "plan.col.goal",
    "plan.col.change_wanted",
    "plan.col.mde",
    "plan.col.powered",
    "plan.col.measurable",
    "plan.col.needed",
    "plan.col.power",
)
"""The change asked for beside the change the holdout detects and the verdict, then the numbers
behind it (text columns first: a left-aligned header never follows a right-aligned one, so
neither runs into the other, on screen or in a PDF's text)."""
DESIGN_OVERVIEW_PCT_COLUMNS = ("plan.col.power",)
"""Columns of the report's design table holding fractions."""
DESIGN_DETAILS_COLUMNS = (
    "plan.col.goal",
    "plan.col.in_scope",
    "plan.col.alpha",
    "plan.col.holdout",
    "plan.col.needed_per_arm",
)
DESIGN_DETAILS_PCT_COLUMNS = ("plan.col.holdout",)
"""Columns of the report's second design table holding fractions."""
ASSIGNMENT_COLUMNS = (
    "word.segment",
    "arm.treatment",
    "arm.control",
    "plan.col.planned_share",
    "plan.col.actual_share",
    "plan.col.split_check",
)
ASSIGNMENT_PCT_COLUMNS = ("plan.col.planned_share", "plan.col.actual_share")
"""Columns of the assignment table holding fractions."""
ACTIVITIES_COLUMNS = (
    "word.segment",
    "plan.col.form",
    "plan.col.content",
    "plan.col.highlight",
    "plan.col.channel",
)
ACTIVITY_PARTS = ("form", "content", "highlight", "channel")
"""The parts of an activity, in the order of ``ACTIVITIES_COLUMNS``."""
SCHEDULE_COLUMNS = (
    "plan.col.phase",
    "plan.col.start",
    "plan.col.end",
    "plan.col.days",
    "plan.col.buffer",
    "plan.col.owner",
    "plan.col.resources",
)
BUDGET_COLUMNS = ("plan.col.category", "plan.col.planned", "word.share")
BUDGET_PCT_COLUMNS = ("word.share",)
"""Columns of the budget table holding fractions."""
BUDGET_NUMBER_COLUMNS = ("plan.col.planned",)
"""Columns of the budget table holding amounts (shown without decimals)."""
SCHEDULE_OVERVIEW_COLUMNS = (
    "plan.col.phase",
    "plan.col.dates",
    "plan.col.buffer",
    "plan.col.owner",
    "plan.col.resources",
)
SUMMARY_COLUMNS = ("plan.col.item", "plan.col.value")


def labelled(
    rows: Sequence[Mapping[str, object]], columns: tuple[str, ...], words: Words
) -> pd.DataFrame:
    """Rows keyed by label keys as a frame with the reader's headers (headers even when empty)."""
    return pd.DataFrame(rows, columns=list(columns)).rename(columns=words.t)


def headers(columns: tuple[str, ...], words: Words) -> list[str]:
    """The reader's names of some columns (e.g. those to show as percentages)."""
    return [words.t(c) for c in columns]


# ---------------------------------------------------------------------------------------------
# Summary


def summary_table(result: PlanResult, params: CampaignParams, words: Words) -> pd.DataFrame:
    """The one-screen key facts: dates, customers, holdout, goals, budget, ROI, assignment."""
    campaign, fmt = params.campaign, words.fmt
    n_targeted = max(result.n_targeted, 1)
    dates = words.t(
        "plan.sum.dates_value",
        start=campaign.start.isoformat(),
        event=campaign.event.isoformat(),
        end=result.schedule_end.isoformat(),
    )
    targeted = words.t(
        "plan.sum.targeted_value",
        n=fmt.number(result.n_targeted),
        segments=words.listed(words.segment(s) for s in params.plan.targeted),
    )
    holdout = words.t(
        "plan.sum.holdout_value",
        share=fmt.pct(result.n_control / n_targeted, 0),
        control=fmt.number(result.n_control),
        treated=fmt.number(result.n_treated),
    )
    pairs = [
        ("plan.sum.dates", dates),
        ("plan.sum.targeted", targeted),
        ("plan.sum.holdout", holdout),
        ("plan.sum.goals", _goals_summary(result, words)),
        ("plan.sum.budget", _budget_summary(result, words)),
        ("plan.sum.roi", _roi_summary(result, words)),
        ("plan.sum.assignment", words.assignment_status(result.assignment, campaign.start)),
    ]
    rows = [{"plan.col.item": words.t(key), "plan.col.value": said} for key, said in pairs]
    return labelled(rows, SUMMARY_COLUMNS, words)


def _goals_summary(result: PlanResult, words: Words) -> str:
    if not result.goals:
        return words.t("plan.sum.no_goals")
    return words.t(
        "plan.sum.goals_value",
        n=words.fmt.number(len(result.goals)),
        powered=words.fmt.number(sum(g.powered for g in result.goals)),
        problems=words.fmt.number(sum(bool(g.problems) for g in result.goals)),
    )


def _budget_summary(result: PlanResult, words: Words) -> str:
    total = result.budget_total
    if not total > 0:
        return words.t("plan.sum.no_budget")
    per = total / max(result.n_targeted, 1)
    return words.t("plan.sum.budget_value", total=words.fmt.money(total), per=words.fmt.money(per))


def _roi_summary(result: PlanResult, words: Words) -> str:
    roi = result.roi
    if roi is None:
        return words.t("plan.sum.no_roi")
    return words.t(
        "plan.sum.roi_value",
        standard=words.fmt.number(roi.standard, 1),
        lift=words.fmt.pct(roi.required_lift, 1),
        mde=words.fmt.pct(roi.mde_lift, 1),
    )


# ---------------------------------------------------------------------------------------------
# Goals and design


def goals_table(result: PlanResult, words: Words) -> pd.DataFrame:
    """One row per goal: metric, scope, baseline window and value, target, deadline, status."""
    rows = [{**_goal_row(g, words), "plan.col.goal": g.id} for g in result.goals]
    return labelled(rows, GOALS_COLUMNS, words)


def goals_overview(result: PlanResult, words: Words) -> pd.DataFrame:
    """The report's goals: each by its description, with customers, baseline, target and status.

    The metric and how the baseline was measured are in ``baselines_table``.
    """
    return labelled([_goal_row(g, words) for g in result.goals], GOALS_OVERVIEW_COLUMNS, words)


def baselines_table(result: PlanResult, words: Words) -> pd.DataFrame:
    """How each goal is measured: its metric, the baseline window and which direction is better."""
    return labelled([_goal_row(g, words) for g in result.goals], BASELINES_COLUMNS, words)


def _goal_row(g: GoalPlan, words: Words) -> dict[str, object]:
    """Every column a goal shows in a table, the goal named for readers (its description)."""
    fmt = words.fmt
    na = fmt.na
    base = g.baseline
    window = na
    if base is not None:
        window = words.t(
            BASELINE_KEYS[base.source],
            first=base.first_day.isoformat(),
            last=base.through.isoformat(),
        )
    return {
        "plan.col.goal": words.goal(g),
        "plan.col.description": g.description or "",
        "plan.col.metric": words.metric(g.metric),
        "plan.col.scope": words.scope(g),
        "plan.col.window": words.t("plan.window_days", days=fmt.number(g.window_days)),
        "plan.col.baseline_window": window,
        "plan.col.baseline": na if base is None else words.value(g.metric, base.value),
        "plan.col.target": target_text(g, words),
        "plan.col.direction": words.direction(g.direction),
        "plan.col.deadline": g.deadline.isoformat() if g.deadline else na,
        "plan.col.status": words.t(goal_status_key(g)),
    }


def target_text(goal: GoalPlan, words: Words) -> str:
    """The target level, with the change as written when it was stated relative to the baseline."""
    level = words.value(goal.metric, goal.target)
    if goal.target_kind == "relative":
        stated = words.fmt.signed_pct(goal.target_input, 0)
    elif goal.target_kind == "change":
        stated = words.value(goal.metric, goal.target_input, change=True)
    else:
        return level
    return words.t("plan.target_stated", level=level, stated=stated)


def goal_status_key(goal: GoalPlan) -> str:
    """The label of the goal's status: fix first, ready, measurable with notes, under-powered."""
    if goal.blocked or goal.design is None:
        return "plan.status.fix"
    if goal.powered:
        return "plan.status.check" if goal.problems else "plan.status.ready"
    return "plan.status.underpowered"


def design_table(result: PlanResult, words: Words) -> pd.DataFrame:
    """Per goal: customers in scope and measurable, level, needed, power, MDE, holdout advised."""
    fmt = words.fmt
    rows = []
    for g in result.goals:
        d = g.design
        if d is None:
            continue
        recommended = words.t("plan.none_reaches")
        if d.recommended_share is not None:
            recommended = fmt.pct(d.recommended_share, 0)
        rows.append(
            {
                "plan.col.goal": g.id,
                "plan.col.in_scope": g.n_in_scope,
                "plan.col.measurable": d.n_available,
                "plan.col.alpha": d.alpha,
                "plan.col.needed_per_arm": d.n_required_per_arm,
                "plan.col.holdout": d.control_share,
                "plan.col.power": d.power,
                "plan.col.mde": words.value(g.metric, d.mde, change=True),
                "plan.col.change_wanted": words.value(g.metric, d.target - d.baseline, change=True),
                "plan.col.recommended": recommended,
                "plan.col.powered": words.t("plan.yes" if d.powered else "plan.no"),
            }
        )
    return labelled(rows, DESIGN_COLUMNS, words)


def design_overview(result: PlanResult, words: Words) -> pd.DataFrame:
    """The report's design table: what a manager needs to judge each goal.

    Per goal: customers measurable and needed, the chance to detect the target, the smallest
    detectable change beside the change asked for, and whether the holdout is enough.
    """
    rows = [
        {
            "plan.col.goal": words.goal(g),
            "plan.col.measurable": d.n_available,
            "plan.col.needed": d.n_required_total,
            "plan.col.power": d.power,
            "plan.col.mde": words.value(g.metric, d.mde, change=True),
            "plan.col.change_wanted": words.value(g.metric, d.target - d.baseline, change=True),
            "plan.col.powered": enough_text(d, words),
        }
        for g in result.goals
        if (d := g.design) is not None
    ]
    return labelled(rows, DESIGN_OVERVIEW_COLUMNS, words)


def enough_text(design: Design, words: Words) -> str:
    """Whether the planned holdout is enough and, when it is not, what would be."""
    if design.powered:
        return words.t("plan.enough.yes")
    if design.recommended_share is not None:
        return words.t("plan.enough.holdout", share=words.fmt.pct(design.recommended_share, 0))
    if not design.feasible:
        return words.t("plan.enough.too_few")
    return words.t("plan.enough.no_share")


def design_details(result: PlanResult, words: Words) -> pd.DataFrame:
    """The design's second table: customers in scope, test level, planned holdout, per group."""
    rows = [
        {
            "plan.col.goal": words.goal(g),
            "plan.col.in_scope": g.n_in_scope,
            "plan.col.alpha": d.alpha,
            "plan.col.holdout": d.control_share,
            "plan.col.needed_per_arm": d.n_required_per_arm,
        }
        for g in result.goals
        if (d := g.design) is not None
    ]
    return labelled(rows, DESIGN_DETAILS_COLUMNS, words)


def design_level_digits(result: PlanResult, words: Words) -> dict[str, int]:
    """The level column of the design table and the decimals that show its smallest level."""
    levels = [g.design.alpha for g in result.goals if g.design is not None]
    digits = max((alpha_digits(a) for a in levels), default=0)  # no rows: nothing to show
    return {words.t(DESIGN_LEVEL_COLUMN): digits}


# ---------------------------------------------------------------------------------------------
# Assignment


def assignment_table(result: PlanResult, params: CampaignParams, words: Words) -> pd.DataFrame:
    """Per segment: treatment, control, planned and actual holdout share, split check."""
    counts = result.assignment.counts()
    checks = result.assignment.split_checks
    shares = result.shares
    targeted = [s for s in params.plan.targeted if s in counts.index]
    targeted += [s for s in counts.index if s not in targeted and shares.planned(str(s))]
    rows = []
    for segment in targeted + [s for s in counts.index if s not in targeted]:
        n_t, n_c = (int(counts.loc[segment].get(arm, 0)) for arm in ARMS)
        check = checks.get(str(segment))
        verdict = words.fmt.na
        if check is not None:
            key = "plan.srm.flag" if check.flagged else "plan.srm.ok"
            verdict = words.t(key, p=words.fmt.p(check.p_value))
        planned = shares.control_share_of(str(segment)) if segment in targeted else math.nan
        rows.append(
            {
                "word.segment": words.segment(segment),
                "arm.treatment": n_t,
                "arm.control": n_c,
                "plan.col.planned_share": planned,
                "plan.col.actual_share": n_c / max(n_t + n_c, 1),
                "plan.col.split_check": verdict,
            }
        )
    return labelled(rows, ASSIGNMENT_COLUMNS, words)


# ---------------------------------------------------------------------------------------------
# Activities, schedule, budget


def activities_table(params: CampaignParams, words: Words) -> pd.DataFrame:
    """One row per targeted segment: form, content points, highlight, channel.

    A part the params give (``plan.activities``) replaces the template's text for that segment.
    """
    rows = []
    for segment in params.plan.targeted:
        custom = params.plan.activities.get(segment)
        texts = [
            _activity_part(words, segment, part, getattr(custom, part, None))
            for part in ACTIVITY_PARTS
        ]
        rows.append(dict(zip(ACTIVITIES_COLUMNS, [words.segment(segment), *texts], strict=True)))
    return labelled(rows, ACTIVITIES_COLUMNS, words)


def _activity_part(words: Words, segment: str, part: str, given: object) -> str:
    if given is None:
        return words.t(ACTIVITY_KEYS[segment][part])
    if isinstance(given, list):
        return words.clauses(given)
    return str(given)


def schedule_table(result: PlanResult, words: Words) -> pd.DataFrame:
    """One row per phase: dates, days, buffer, owner, resources."""
    return labelled([_phase_row(p, words) for p in result.phases], SCHEDULE_COLUMNS, words)


def schedule_overview(result: PlanResult, words: Words) -> pd.DataFrame:
    """The report's schedule: the dates of a phase in one column (``start to end``).

    The days each phase lasts are in the workbook and the Gantt chart.
    """
    rows = [_phase_row(p, words) for p in result.phases]
    return labelled(rows, SCHEDULE_OVERVIEW_COLUMNS, words)


def _phase_row(p: PhasePlan, words: Words) -> dict[str, object]:
    resources = p.resources
    if not resources:
        key = RESOURCE_KEYS.get(p.name)
        resources = words.t(key) if key is not None else words.fmt.na
    start, end = p.start.isoformat(), p.end.isoformat()
    return {
        "plan.col.phase": words.phase(p.name),
        "plan.col.start": start,
        "plan.col.end": end,
        "plan.col.dates": start if start == end else words.fmt.range(start, end),
        "plan.col.days": p.days,
        "plan.col.buffer": p.buffer_days,
        "plan.col.owner": p.owner or words.t("plan.missing"),
        "plan.col.resources": resources,
    }


def budget_table(result: PlanResult, words: Words) -> pd.DataFrame:
    """Planned amount and share per category, with the total last (no rows without a budget)."""
    if not result.budget:
        return labelled([], BUDGET_COLUMNS, words)
    total = result.budget_total
    rows: list[dict[str, object]] = [
        {
            "plan.col.category": words.t(CATEGORY_KEYS[c]) if c in CATEGORY_KEYS else c,
            "plan.col.planned": amount,
            "word.share": amount / (total or 1.0),
        }
        for c, amount in result.budget.items()
    ]
    rows.append(
        {"plan.col.category": words.t("plan.total"), "plan.col.planned": total, "word.share": 1.0}
    )
    return labelled(rows, BUDGET_COLUMNS, words)


def budget_overview(result: PlanResult, words: Words) -> pd.DataFrame:
    """The report's budget: the amounts stay numbers, their currency once, in the header."""
    planned = words.t("plan.col.planned")
    return budget_table(result, words).rename(columns={planned: budget_amount_header(words)})


def budget_amount_header(words: Words) -> str:
    """The header of the planned amounts, with the campaign's currency symbol when there is one.

    The symbol is what the formatter writes before an amount (``CN¥`` in English, ``¥`` in
    Chinese), so the header and every money figure of the report agree.
    """
    symbol = words.fmt.money(0).removesuffix(words.fmt.number(0))
    if not symbol or words.currency is None:
        return words.t("plan.col.planned")
    return words.t("plan.col.planned_in", unit=symbol)
