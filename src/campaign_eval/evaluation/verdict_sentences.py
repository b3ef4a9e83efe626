"""What the verdicts say in words: the answer, each goal, the return, the retrospective's facts.

Every sentence claims exactly what its verdict allows (docs/methods.md, "Verdicts"): a goal is
reached, missed or too close to call by its interval; only a primary comparison significant
after adjustment credits the campaign; the return is met, not met or can't tell by its interval,
with the chance it was met; exploratory findings are leads. Every number is formatted by
``Words``, so the numbers in a sentence are the numbers of ``evaluation.json``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from campaign_eval.evaluation.effects import EXPLORATORY
from campaign_eval.evaluation.retrospective import Retrospective
from campaign_eval.evaluation.wording import RATIO_DIGITS, Words, finite

VERDICT_KEYS = {
    "reached": "ev.verdict.reached",
    "missed": "ev.verdict.missed",
    "too_close": "ev.verdict.too_close",
}
"""A goal's verdict, in a word."""
GOAL_FACT_KEYS = {
    "reached": "ev.retro.goal_reached",
    "missed": "ev.retro.goal_missed",
    "too_close": "ev.retro.goal_too_close",
}
"""A goal's verdict, in a sentence."""
ROI_VERDICT_KEYS = {
    "met": "ev.roi.verdict.met",
    "not_met": "ev.roi.verdict.not_met",
    "cant_tell": "ev.roi.verdict.cant_tell",
}
"""The return's verdict, in a sentence."""
STANDARD_KEYS = {
    ("satisfaction", "met"): "ev.standard.satisfaction.met",
    ("satisfaction", "not_met"): "ev.standard.satisfaction.not_met",
    ("negative_suggestions", "met"): "ev.standard.negative_suggestions.met",
    ("negative_suggestions", "not_met"): "ev.standard.negative_suggestions.not_met",
    ("preparation", "met"): "ev.standard.preparation.met",
    ("preparation", "not_met"): "ev.standard.preparation.not_met",
    ("roi", "met"): "ev.standard.roi.met",
    ("roi", "not_met"): "ev.standard.roi.not_met",
    ("roi", "cant_tell"): "ev.standard.roi.cant_tell",
}
"""A template standard's verdict, in a sentence."""


# --------------------------------------------------------------------------------------------------
# Goals


def goal_verdict_word(w: Words, goal: Mapping[str, Any]) -> str:
    """Reached, missed, too close to call, or not measurable before a date."""
    if goal.get("measurable_from"):
        return w.t("ev.verdict.not_yet", date=goal["measurable_from"])
    verdict = goal.get("verdict")
    return w.t(VERDICT_KEYS[str(verdict)]) if verdict in VERDICT_KEYS else w.na


def goal_value(w: Words, goal: Mapping[str, Any], value: object) -> str:
    """A value of the goal's metric (an outcome table's unknown metric with two decimals)."""
    metric = str(goal["metric"])
    return w.value(metric, value) if metric in w.result.metric_names else w.f.number(value, 2)


def goal_interval(w: Words, goal: Mapping[str, Any]) -> str:
    """The interval of a goal's actual value."""
    low, high = goal.get("ci_low"), goal.get("ci_high")
    if not (finite(low) and finite(high)):
        return w.na
    return w.f.range(goal_value(w, goal, low), goal_value(w, goal, high))


def _credit_sentence(w: Words, goal: Mapping[str, Any]) -> str:
    if goal.get("effect_arm") is None:
        return w.t("ev.retro.no_comparison")
    metric = str(goal["metric"])
    diff = w.diff(metric, goal["effect_diff"])
    if len(w.result.treatments) > 1:  # the arm whose comparison decides the credit
        diff = w.t("ev.fmt.diff_arm", diff=diff, arm=w.arm(str(goal["effect_arm"])))
    return w.t(
        "ev.retro.credited" if goal.get("credited") else "ev.retro.not_credited",
        diff=diff,
        level=w.ci_level,
        ci=w.diff_ci(metric, goal["effect_ci_low"], goal["effect_ci_high"]),
        p=w.p(goal["effect_p_adjusted"]),
        mde=w.size(metric, goal.get("effect_mde")),
    )


def goal_fact(w: Words, goal: Mapping[str, Any], rows: Mapping[str, Any] | None = None) -> str:
    """A goal's verdict and whether it is credited, in two sentences."""
    full = {**goal, **(rows or {})}
    first = w.t(
        GOAL_FACT_KEYS[str(full["verdict"])],
        goal=w.goal(full),
        actual=goal_value(w, full, full["actual"]),
        level=w.ci_level,
        ci=goal_interval(w, full),
        target=goal_value(w, full, full["target"]),
        attainment=w.pct(full.get("attainment")),
        grade=w.grade(str(full.get("grade", "n/a"))),
    )
    if full.get("effect_listed"):  # its credited comparison is listed under what worked
        return first + w.t("ev.sep.sentence") + w.t("ev.retro.effect_listed")
    return first + w.t("ev.sep.sentence") + _credit_sentence(w, full)


def goals_rule(w: Words) -> str:
    """How verdicts and credit are decided, with the goals' level."""
    goals = w.result.goals.rows
    levels = goals["alpha"].dropna().tolist() if "alpha" in goals else []
    alpha = float(levels[0]) if levels else w.result.alpha
    m = max(int((goals["effect_arm"].notna()).sum()), 1) if "effect_arm" in goals else 1
    return w.t("ev.goals.verdict_rule", level=w.ci_level, m=w.count(m), alpha=w.f.number(alpha, 3))


# --------------------------------------------------------------------------------------------------
# The return


def standard_amount(w: Words, value: object) -> str:
    """A standard as an amount per 1 spent: CN¥5, not CN¥5.0."""
    number = float(value)  # type: ignore[arg-type]  # a params number
    return w.money(number, 0 if number.is_integer() else 1)


def per_unit_words(w: Words, roi: float, low: float, high: float) -> str:
    """A return per 1 spent with its interval, in words when the interval crosses zero."""

    def amount(value: float) -> str:
        return w.money(value, RATIO_DIGITS)

    if low >= 0:
        key, shown = "ev.roi.per_unit.gain", {"low": amount(low), "high": amount(high)}
    elif high < 0:
        key, shown = "ev.roi.per_unit.loss", {"low": amount(-high), "high": amount(-low)}
    else:
        key, shown = "ev.roi.per_unit.across", {"loss": amount(-low), "gain": amount(high)}
    return w.t(key, roi=w.per_unit(roi), **shown)


def roi_sentence(w: Words, open_until: str | None) -> str:
    """The return's verdict and its figures, or why there is none."""
    r = w.result.returns
    if not finite(r.cost_total):
        return w.t("ev.roi.no_costs")
    if not finite(r.incremental_value):
        if finite(r.gross_value):
            return w.t("ev.roi.gross_only", gross=w.per_unit(r.gross_roi))
        return w.t("ev.roi.no_value")
    if open_until is not None or r.verdict is None:
        return w.t("ev.roi.open", date=open_until or w.na)
    low, high = r.incremental_roi_ci
    verdict = w.t(
        ROI_VERDICT_KEYS[r.verdict],
        standard=w.standard(r.min_roi),
        amount=standard_amount(w, r.min_roi),
        one=w.money(1),
    )
    detail = w.t(
        "ev.roi.detail",
        value=w.money(r.incremental_value),
        level=w.ci_level,
        value_ci=w.money_range(*r.incremental_ci),
        cost=w.money(r.cost_total),
        basis=w.basis(r.cost_basis),
        margin=w.pct(r.margin_rate),
        per_unit=per_unit_words(w, r.incremental_roi, low, high),
        p=w.pct(r.p_meets_standard),
        gross=w.per_unit(r.gross_roi),
    )
    return verdict + w.t("ev.sep.sentence") + detail


# --------------------------------------------------------------------------------------------------
# The retrospective


def _effect_fact(w: Words, fact: Mapping[str, Any]) -> str:
    metric = str(fact["metric"])
    if fact["family"] == EXPLORATORY:
        key = "ev.retro.lead_better" if fact["improved"] else "ev.retro.lead_worse"
    else:
        key = "ev.retro.effect_better" if fact["improved"] else "ev.retro.effect_worse"
    return w.t(
        key,
        metric=w.metric(metric),
        segment=_scope(w, fact),
        diff=w.diff(metric, fact["diff"]),
        level=w.ci_level,
        ci=w.diff_ci(metric, fact["ci_low"], fact["ci_high"]),
        p=w.p(fact["p_adjusted"]),
    )


def _scope(w: Words, fact: Mapping[str, Any]) -> str:
    """A comparison's segment, and its arm when several treatment arms share the control."""
    segment = w.segment(str(fact["segment"]))
    if len(w.result.treatments) <= 1 or fact.get("arm") is None:
        return segment
    return w.t("ev.fmt.segment_arm", segment=segment, arm=w.arm(str(fact["arm"])))


def _standard_fact(w: Words, fact: Mapping[str, Any]) -> str:
    name, verdict = str(fact["standard"]), str(fact["verdict"])
    value, threshold = fact["value"], fact["threshold"]
    if name == "roi":
        shown = {"threshold": w.standard(threshold), "p": w.pct(fact["p_meets_standard"])}
    elif name == "satisfaction":
        shown = {"value": w.f.number(value, 2), "threshold": w.f.number(threshold, 1)}
    elif name == "preparation":
        shown = {"value": w.pct(value), "threshold": w.pct(threshold)}
    else:
        shown = {"value": w.count(value), "threshold": w.count(threshold)}
    return w.t(STANDARD_KEYS[name, verdict], **shown)


def fact(w: Words, item: Mapping[str, Any]) -> str:
    """One fact of the retrospective in a sentence."""
    if item["kind"] == "goal":
        goals = w.result.goals.rows
        match = goals[(goals["metric"] == item["metric"]) & (goals["segment"] == item["segment"])]
        row = match.iloc[0].to_dict() if not match.empty else {}
        return goal_fact(w, item, row)
    if item["kind"] == "standard":
        return _standard_fact(w, item)
    return _effect_fact(w, item)


def worked(w: Words, retro: Retrospective) -> list[str]:
    """What worked, one sentence a fact."""
    return [fact(w, item) for item in retro.worked]


def improve(w: Words, retro: Retrospective) -> list[str]:
    """What to improve, one sentence a fact."""
    return [fact(w, item) for item in retro.improve]


def leads(w: Words, retro: Retrospective) -> list[str]:
    """Leads to test next time, one sentence a fact."""
    return [fact(w, item) for item in retro.leads]


def standards(w: Words, retro: Retrospective) -> list[str]:
    """Every template standard that could be judged, one sentence each."""
    return [_standard_fact(w, item) for item in retro.standards]
