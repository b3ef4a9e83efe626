"""The plan's words: every problem code worded in both languages, values in their units, names
from the labels, and the share warning."""

from __future__ import annotations

import dataclasses
import datetime as dt
import string
from typing import get_args

import pandas as pd
import pytest

from campaign_eval.metrics.catalogue import METRICS
from campaign_eval.plan.result import (
    AssignmentInfo,
    PlannedShares,
    Problem,
    ProblemCode,
    ShareChange,
)
from campaign_eval.plan.wording import (
    ACTIVITY_KEYS,
    METRIC_KEYS,
    PROBLEM_KEYS,
    Words,
    alpha_digits,
)
from campaign_eval.report.labels import LABELS

DAY = dt.date(2026, 7, 1)
EXAMPLES: dict[str, dict[str, object]] = {
    "metric_unknown": {"metric": "repurchase", "suggestion": "repurchase_rate"},
    "metric_no_data": {"metric": "csat", "need": "surveys.satisfaction"},
    "segment_not_targeted": {"segment": "maintain"},
    "filter_unavailable": {"columns": ("region", "size")},
    "scope_empty": {},
    "no_baseline_data": {"metric": "churn_rate", "first": DAY, "last": DAY},
    "baseline_degenerate": {"baseline": 0.0, "first": DAY, "last": DAY},
    "baseline_no_variation": {},
    "deadline_missing": {},
    "deadline_before_start": {"deadline": DAY, "start": DAY},
    "deadline_before_follow_up": {"goal": "g1", "deadline": DAY, "end": DAY},
    "deadline_before_window_end": {"deadline": DAY, "days": 30, "end": DAY},
    "direction_conflict": {"metric": "churn_rate", "direction": "increase", "natural": "decrease"},
    "target_wrong_side": {"target": 0.1, "baseline": 0.2, "direction": "increase"},
    "target_out_of_range": {"target": 1.2, "low": 0.0, "high": 1.0},
    "too_few_customers": {"needed": 6312, "available": 3088},
    "baseline_selection_bias": {"segment": "growth", "basis": ("spend", "orders"),
                                "metric": "spend_per_customer"},
    "phase_end_before_start": {"phase": "event", "start": DAY, "end": DAY},
    "phase_no_owner": {"phase": "Roadshow"},
}  # fmt: skip
"""One problem of each code, with the values the stage gives it."""


def test_every_problem_code_has_a_message_and_an_example():
    assert set(PROBLEM_KEYS) == set(get_args(ProblemCode)) == set(EXAMPLES)
    assert len(set(PROBLEM_KEYS.values())) == len(PROBLEM_KEYS)


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_every_problem_is_worded_with_each_placeholder_filled(code, language):
    words = Words(language)
    message = words.problem(Problem(code, EXAMPLES[code]), "repurchase_rate")
    template = LABELS[PROBLEM_KEYS[code]][language]
    assert "{" not in message and message
    placeholders = {f for _, f, _, _ in string.Formatter().parse(template) if f}
    # every value the stage records is used by the message (nothing is computed and dropped)
    recorded = set(EXAMPLES[code]) - {"suggestion"}
    assert recorded <= placeholders | {"suggestion"}


def test_problem_values_are_worded_in_their_units_and_names():
    words = Words("en")
    bias = words.problem(Problem("baseline_selection_bias", EXAMPLES["baseline_selection_bias"]))
    assert "Growth potential customers are selected by their spend, recent orders" in bias
    assert "(Spend per customer)" in bias
    side = words.problem(Problem("target_wrong_side", EXAMPLES["target_wrong_side"]), "csat")
    assert "The target 10.0% is not an improvement on the baseline 20.0% (higher is better)" in side
    few = words.problem(Problem("too_few_customers", EXAMPLES["too_few_customers"]))
    assert "about 6,312 measurable customers" in few and "the scope has 3,088" in few
    window = words.problem(
        Problem("deadline_before_window_end", EXAMPLES["deadline_before_window_end"])
    )
    assert "The deadline 2026-07-01 comes before the 30-day" in window
    zh = Words("zh").problem(Problem("direction_conflict", EXAMPLES["direction_conflict"]))
    assert "越高越好" in zh and "流失率" in zh and "越低越好" in zh


def test_metric_values_follow_the_metric_unit():
    en, zh = Words("en"), Words("zh")
    assert en.value("repurchase_rate", 0.1262) == "12.6%"
    assert en.value("repurchase_rate", 0.054, change=True) == "+5.4 pp"
    assert en.value("repurchase_rate", -0.054, change=True) == "-5.4 pp"
    assert zh.value("repurchase_rate", 0.054, change=True) == "+5.4个百分点"
    assert en.value("mean_satisfaction", 4.2418) == "4.24"
    assert en.value("mean_satisfaction", 0.2, change=True) == "+0.20"
    assert en.value("nps", -12.34) == "-12.3" and en.value("nps", 5.0, change=True) == "+5.0"
    assert en.value("spend_per_customer", 2197.7) == "2,198"  # no currency given: a plain amount
    cny, zh_cny = Words("en", "CNY"), Words("zh", "CNY")
    assert cny.value("spend_per_customer", 2197.7) == "CN¥2,198"
    assert cny.value("spend_per_customer", 394.2, change=True) == "+CN¥394"
    assert cny.value("spend_per_customer", -394.2, change=True) == "-CN¥394"
    assert zh_cny.value("spend_per_customer", 2197.7) == "¥2,198"
    assert cny.value("repurchase_rate", 0.1262) == "12.6%"  # only money carries the currency
    assert en.value("no_such_metric", 1.234) == "1.23"
    assert en.value("csat", float("nan")) == "n/a" and zh.value("nps", float("nan")) == "不适用"


def test_names_come_from_the_labels_and_unknown_names_show_as_written():
    en = Words("en")
    assert set(METRIC_KEYS) == set(METRICS)
    assert en.metric("churn_rate") == "Churn rate" and en.metric("typo") == "typo"
    assert en.phase("follow_up") == "Follow-up" and en.phase("Roadshow") == "Roadshow"
    assert en.segment("all") == "All targeted" and en.segment("vip") == "vip"
    assert Words("zh").direction("decrease") == "越低越好"
    assert set(ACTIVITY_KEYS) == {"core", "growth", "churn_risk", "new", "maintain"}
    assert en.listed(["a", "b"]) == "a, b" and Words("zh").listed(["a", "b"]) == "a、b"


def _kept(changes: tuple[ShareChange, ...]) -> AssignmentInfo:
    frame = pd.DataFrame(columns=["customer_id", "segment", "arm"])
    shares = PlannedShares(0.2, {"core": 0.2, "new": 0.2}, "earlier_run")
    return AssignmentInfo(frame, "kept", True, "run-1", None, False, 0, shares, changes)


def test_the_share_warning_says_a_change_everywhere_once_and_else_per_segment():
    en = Words("en")
    assert en.share_warning(_kept(()), ("core", "new")) is None
    everywhere = (ShareChange("core", 0.2, 0.3), ShareChange("new", 0.2, 0.3))
    once = en.share_warning(_kept(everywhere), ("core", "new"))
    assert once is not None and "every targeted segment drawn with a 20.0% holdout" in once
    assert "run run-1" in once and once.count("20.0%") == 1
    one = en.share_warning(_kept(everywhere[:1]), ("core", "new"))
    assert one is not None and "Core value drawn with a 20.0% holdout, params now say 30.0%" in one


def test_the_assignment_status_names_where_it_came_from():
    en = Words("en")
    info = _kept(())
    assert "kept from run run-1" in en.assignment_status(info, DAY)
    drawn = AssignmentInfo(info.frame, "drawn", False, None, None, False, 0, info.shares)
    assert en.assignment_status(drawn, DAY).startswith("The assignment was drawn now")
    started = AssignmentInfo(info.frame, "drawn", True, None, None, False, 0, info.shares)
    assert "started on 2026-07-01" in en.assignment_status(started, DAY)
    data = AssignmentInfo(info.frame, "data", True, None, None, False, 0, info.shares)
    assert "supplied with the data" in en.assignment_status(data, DAY)


@pytest.mark.parametrize(
    ("level", "digits", "shown"),
    [(0.05, 2, "0.05"), (0.05 / 3, 3, "0.017"), (0.05 / 30, 4, "0.0017"), (0.1, 1, "0.1"),
     (0.025, 3, "0.025"), (0.05 / 5, 2, "0.01"), (0.0, 1, "0.0")],
)  # fmt: skip
def test_a_test_level_shows_two_significant_digits_without_trailing_zeros(level, digits, shown):
    assert alpha_digits(level) == digits
    assert Words("en").alpha(level) == Words("zh").alpha(level) == shown


def test_goals_are_named_by_their_description_never_their_id(demo_plan):
    goals = demo_plan.result.goals
    words = Words("en", goals=goals)
    churn = goals[0]
    assert words.goal(churn) == words.goal(churn.id) == churn.description
    unnamed = dataclasses.replace(churn, description=None)
    assert words.goal(unnamed) == "Repurchase rate (Churn risk)"
    assert Words("zh").goal(unnamed) == "复购率（流失风险客户）"
    assert words.goal("not_a_goal") == "not_a_goal"  # nothing else to go by
    late = Problem("deadline_before_follow_up", {"goal": churn.id, "deadline": DAY, "end": DAY})
    assert f"of the goal '{churn.description}'" in words.problem(late)


def test_scope_filters_show_data_values_in_their_display_form(demo_plan):
    goal = dataclasses.replace(
        demo_plan.result.goals[0], filters=(("industry", ("retail", "small_business")),)
    )
    assert Words("en").scope(goal) == "Churn risk; Industry: Retail, Small business"
    labelled = Words("zh", value_labels={"retail": "零售"})
    assert labelled.scope(goal) == "流失风险客户；行业：零售、small_business"


def test_the_words_of_a_report_take_language_currency_goals_and_value_labels(demo_plan):
    words = Words.of(demo_plan.result, demo_plan.ctx.params)
    assert words.language == "en" and words.currency == "CNY"
    assert words.goals == demo_plan.result.goals
    assert words.fmt.money(1234) == "CN¥1,234"
