"""The sentences of the evaluation report: what was evaluated, each effect, the return, the goals.

Every sentence is a label of the report language filled with formatted numbers (``Words``); a
sentence says what is and what is not known (a non-significant effect states the effect it
could have detected).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping

from campaign_eval.conventions import ACTIVE_LOOKBACK_MONTHS, ALL_SEGMENTS
from campaign_eval.evaluation.notices import NOTICE_KEYS
from campaign_eval.evaluation.result import LOWEST_GRADE, Notice
from campaign_eval.evaluation.windows import first_day
from campaign_eval.evaluation.wording import Words

SOURCE_KEYS = {
    "plan": "ev.source.plan",
    "data": "ev.source.data",
    "contacts": "ev.source.contacts",
    "outcome_table": "ev.source.outcome_table",
}
"""Where the arms came from, in words."""
GOAL_SOURCE_KEYS = {
    "plan": "ev.goals.source.plan",
    "params": "ev.goals.source.params",
    "none": "ev.goals.source.none",
}
"""Where the goals came from, in words."""
BASELINE_KEYS = {
    "measured": "ev.goals.baseline.measured",
    "plan": "ev.goals.baseline.plan",
    "plan_cohort": "ev.goals.baseline.plan_cohort",
    "given": "ev.goals.baseline.given",
}
"""What each kind of baseline is, for the goal table's footnote."""
CHANGE_METRICS = ("churn_rate", "complaint_rate")
"""Metrics whose difference in differences gets its own sentence."""


def notice(w: Words, item: Notice) -> str:
    """A notice in the report language."""
    values: dict[str, object] = {}
    for name, value in item.figures:
        if isinstance(value, dt.date):
            values[name] = value.isoformat()
        elif isinstance(value, tuple):  # metric names
            values[name] = w.join(w.metric(str(m)) for m in value)
        else:
            values[name] = value
    return w.t(NOTICE_KEYS[item.code], **values)


def window_dates(w: Words, start: object, event: object) -> dict[str, object]:
    """First and last day of each window, the campaign's start and event, for the labels."""
    windows = w.result.windows
    return {
        "days": windows.days,
        "pre_start": first_day(windows.pre).isoformat(),
        "pre_end": windows.pre[1].isoformat(),
        "post_start": first_day(windows.post).isoformat(),
        "post_end": windows.post[1].isoformat(),
        "start": str(start),
        "event": str(event),
    }


def intro(w: Words, dates: Mapping[str, object]) -> str:
    """What was evaluated, on whom, in which windows (an outcome table has no dates)."""
    r = w.result
    by_arm = r.counts.groupby("arm")["n"].sum()
    arms = w.join(
        w.t("ev.fmt.arm_count", arm=w.arm(str(a)), n=w.count(int(n))) for a, n in by_arm.items()
    )
    if r.from_table:
        label = r.outcome_label
        window = w.t("ev.table.window", label=label) if label else w.t("ev.table.no_window")
        return w.t("ev.intro.table", n=w.count(r.n_customers), arms=arms, window=window)
    source = w.t(SOURCE_KEYS[r.assignment_source])
    return w.t("ev.intro", n=w.count(r.n_customers), arms=arms, source=source, **dates)


def churn_definition(w: Words, start: object) -> str | None:
    """What churn rate's "active" means here; None when churn was not computed from data."""
    r = w.result
    windows = r.windows
    if r.source != "data" or windows.active_as_of is None or r.spec("churn_rate") is None:
        return None
    return w.t(
        "ev.churn.definition",
        months=ACTIVE_LOOKBACK_MONTHS,
        active_start=str(windows.active_from),
        active_end=windows.active_as_of.isoformat(),
        start=str(start),
    )


# --------------------------------------------------------------------------------------------------
# Goals


def baseline_kind(goal: Mapping[str, object]) -> str | None:
    """Where a goal's baseline comes from: measured, plan, plan_cohort, given (None: none)."""
    source = goal["baseline_source"]
    if source == "plan":
        return "plan_cohort" if goal.get("plan_baseline_source") == "earlier_cohort" else "plan"
    return str(source) if source in ("measured", "given") else None


def _flag(value: object) -> bool | None:
    """A yes/no cell of a frame: None when missing (None or NaN), else a Python bool."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return bool(value)


def goal_checks(w: Words, goal: Mapping[str, object]) -> list[str]:
    """The plan's problems of a goal, and why its progress or grade is limited here."""
    raw = goal.get("problems")
    problems = [p for p in raw if isinstance(p, dict)] if isinstance(raw, list) else []
    out = [str(p.get("message") or p.get("code")) for p in problems]
    codes = {p.get("code") for p in problems}
    if _flag(goal.get("target_on_improving_side")) is False and "target_wrong_side" not in codes:
        out.append(w.t("ev.goal.check.wrong_side"))
    if _flag(goal.get("worse_than_baseline")):
        out.append(w.t("ev.goal.check.worse", lowest=w.grade(LOWEST_GRADE)))
    return out


def goal_check_notes(w: Words) -> list[str]:
    """The goal table's numbered checks, in the order of the references in its table."""
    notes = [
        w.t("ev.goal.check_item", goal=w.goal(g), check=check)
        for _, g in w.result.goals.rows.iterrows()
        for check in goal_checks(w, g)
    ]
    return [w.t("ev.goal.note_item", n=i, text=note) for i, note in enumerate(notes, start=1)]


def goals_note(w: Words) -> str:
    """The goal table's footnote: where goals, actuals and each kind of baseline come from."""
    goals = w.result.goals
    kinds = {baseline_kind(g) for _, g in goals.rows.iterrows()}
    parts = [
        w.t(GOAL_SOURCE_KEYS[goals.source]),
        w.t("ev.goals.actual"),
        *(w.t(key) for kind, key in BASELINE_KEYS.items() if kind in kinds),
        w.t("ev.goals.attainment", lowest=w.grade(LOWEST_GRADE)),
    ]
    return w.t("ev.sep.sentence").join(p for p in parts if p)


# --------------------------------------------------------------------------------------------------
# Before and after


def change_sentences(w: Words) -> list[str]:
    """Churn and complaint rate changes (difference in differences, all customers)."""
    did = w.result.did
    if did.empty:
        return []
    out = []
    for metric in CHANGE_METRICS:
        part = did[(did["metric"] == metric) & (did["segment"] == ALL_SEGMENTS)]
        if part.empty:
            part = did[did["metric"] == metric].head(1)
        out += [
            w.t(
                "ev.sentence.change",
                metric=w.metric(metric),
                arm=w.arm(r["arm"]),
                control=w.arm(w.result.control),
                t_change=w.diff(metric, r["value_treatment"]),
                c_change=w.diff(metric, r["value_control"]),
                did=w.diff(metric, r["diff"]),
                level=w.ci_level,
                ci=w.diff_ci(metric, r["ci_low"], r["ci_high"]),
            )
            for _, r in part.iterrows()
        ]
    return out
