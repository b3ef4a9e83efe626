"""The plan's answer block: can the plan detect its goals, and what does it need if not?

The report opens with it (``View.answer``): a headline that counts the goals the planned holdout
detects, one line per goal it does not detect saying what would be enough (a larger holdout, more
customers, a fix), and the numbers that back it: goals detected, customers targeted and held out,
the budget, and the spend lift the return standard asks for beside the lift the holdout detects.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from campaign_eval.report.html import KeyFigure, Tone, answer

if TYPE_CHECKING:
    from IPython.display import HTML

    from campaign_eval.plan.result import GoalPlan, PlanResult
    from campaign_eval.plan.wording import Words


def answer_block(result: PlanResult, words: Words) -> HTML:
    """The answer to "Can the plan detect its goals?" with the figures that back it."""
    goals = result.goals
    missing = [g for g in goals if not g.powered]
    headline, tone = _headline(len(goals), len(missing), words)
    needs = [words.item(words.goal(g), _need(g, words)) for g in missing]
    return answer(
        words.t("plan.answer.question"),
        headline,
        _figures(result, words),
        tone=tone,
        note="\n".join(needs) or None,
    )


def _headline(n: int, missing: int, words: Words) -> tuple[str, Tone]:
    """How many goals the holdout detects, and the tone that goes with it."""
    values = {"n": words.fmt.number(n), "missing": words.fmt.number(missing)}
    if n == 0:
        return words.t("plan.answer.no_goals"), "neutral"
    if missing == 0:
        return words.t("plan.answer.all_one" if n == 1 else "plan.answer.all", **values), "good"
    if missing == n:
        return words.t("plan.answer.none_one" if n == 1 else "plan.answer.none", **values), "bad"
    return words.t("plan.answer.some", **values), "mixed"


def _need(goal: GoalPlan, words: Words) -> str:
    """What would let the plan detect ``goal``: a fix, a larger holdout, more customers."""
    design, fmt = goal.design, words.fmt
    if design is None:
        return words.t("plan.answer.need_fix")
    if design.recommended_share is not None:
        return words.t(
            "plan.answer.need_holdout",
            power=fmt.pct(design.power, 0),
            share=fmt.pct(design.recommended_share, 0),
        )
    if not design.feasible:
        return words.t(
            "plan.answer.need_customers",
            needed=fmt.number(design.n_required_total),
            available=fmt.number(design.n_available),
        )
    return words.t("plan.answer.need_more", power=fmt.pct(design.power, 0))


def _figures(result: PlanResult, words: Words) -> list[KeyFigure]:
    """Goals detected, customers targeted and held out, the budget, the return standard's lift.

    A figure with nothing to show (no goals, no budget, no return check) is left out.
    """
    shown = (_goals_figure(result, words), _targeted_figure(result, words))
    more = (_budget_figure(result, words), _roi_figure(result, words))
    return [f for f in (*shown, *more) if f is not None]


def _goals_figure(result: PlanResult, words: Words) -> KeyFigure | None:
    goals, fmt = result.goals, words.fmt
    if not goals:
        return None
    detected = fmt.number(sum(g.powered for g in goals))
    desired = next((g.design.desired_power for g in goals if g.design is not None), None)
    note = None
    if desired is not None:
        note = words.t("plan.answer.fig_goals_note", power=fmt.pct(desired, 0))
    return KeyFigure(
        words.t("plan.answer.fig_goals"),
        words.t("plan.answer.k_of_n", k=detected, n=fmt.number(len(goals))),
        note,
    )


def _targeted_figure(result: PlanResult, words: Words) -> KeyFigure:
    fmt = words.fmt
    note = words.t(
        "plan.answer.fig_targeted_note",
        control=fmt.number(result.n_control),
        share=fmt.pct(result.n_control / max(result.n_targeted, 1), 0),
    )
    return KeyFigure(words.t("plan.answer.fig_targeted"), fmt.number(result.n_targeted), note)


def _budget_figure(result: PlanResult, words: Words) -> KeyFigure | None:
    total, fmt = result.budget_total, words.fmt
    if not total > 0:
        return None
    per = fmt.money(total / max(result.n_targeted, 1))
    return KeyFigure(
        words.t("plan.answer.fig_budget"),
        fmt.money(total),
        words.t("plan.answer.fig_budget_note", per=per),
    )


def _roi_figure(result: PlanResult, words: Words) -> KeyFigure | None:
    roi, fmt = result.roi, words.fmt
    if roi is None:
        return None
    key = "plan.answer.fig_roi_ok" if roi.detectable else "plan.answer.fig_roi_not_ok"
    return KeyFigure(
        words.t("plan.answer.fig_roi", standard=fmt.number(roi.standard, 1)),
        fmt.signed_pct(roi.required_lift),
        words.t(key, mde=fmt.signed_pct(roi.mde_lift)),
    )
