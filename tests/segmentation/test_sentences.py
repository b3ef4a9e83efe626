"""Rules as sentences: every feature and operator reads as words, windows come from the params."""

from __future__ import annotations

import re

import pytest

from campaign_eval.config.segmentation import AllOf, AnyOf, Condition, SegmentationParams
from campaign_eval.metrics.catalogue import FEATURES
from campaign_eval.report.format import Formatter
from campaign_eval.segmentation.features import LookBack
from campaign_eval.segmentation.sentences import (
    FEATURE_WORDING,
    RuleWords,
    fewest_digits,
)


def words(language: str = "en", **windows: int) -> RuleWords:
    return RuleWords(language, Formatter(language, currency="CNY"), LookBack(**windows))


def cond(feature: str, op: str, value) -> Condition:
    return Condition(feature=feature, op=op, value=value)


DEFAULTS = SegmentationParams()

EXPECTED = {
    "en": {
        "core": (
            "in the top 5% of buyers by 12-month spend, a customer for at least 3 years and a "
            "latest recommendation score of at least 9 out of 10"
        ),
        "growth": (
            "in the top 50% but not the top 5% of buyers by 12-month spend and spend growth of "
            "at least +20% (last 6 months against the 6 before)"
        ),
        "churn_risk": (
            "no order in the last 3 months, at least 1 order in the last 12 months and (a latest "
            "recommendation score of at most 5 out of 10 or at least 1 complaint in the last 12 "
            "months)"
        ),
        "new": "a customer for less than 3 months",
    },
    "zh": {
        "core": "近12个月消费额居买家前 5%，合作至少 3 年，且最近一次十分制推荐意愿评分至少 9 分",
        "growth": "近12个月消费额居买家前 50% 但不在前 5%，且近6个月消费额较之前6个月增长至少 +20%",
        "churn_risk": (
            "近3个月没有下单，近12个月下单至少 1 次，且（最近一次十分制推荐意愿评分不超过 5 分或"
            "近12个月投诉至少 1 次）"
        ),
        "new": "合作不足 3 个月",
    },
}


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_default_rules_read_as_sentences(language):
    w = words(language)
    for segment, expected in EXPECTED[language].items():
        assert w.rule(DEFAULTS.segments[segment]) == expected


def test_the_issue_example_and_the_default_tiers():
    w = words()
    assert w.condition(cond("orders_3m", "==", 0)) == "no order in the last 3 months"
    tiers = {name: w.rule(rule) for name, rule in DEFAULTS.tiers.items()}
    assert tiers == {
        "lost": "no order in the last 12 months",
        "premium": "in the top 20% of buyers by 12-month spend",
        "potential": "in the top 50% of buyers by 12-month spend",
    }


def test_windows_come_from_the_params_not_the_feature_names():
    w = words(recency_months=2, spend_months=6, growth_months=3, complaint_months=24)
    assert w.condition(cond("orders_3m", "==", 0)) == "no order in the last 2 months"
    assert w.condition(cond("orders_12m", ">=", 2)) == "at least 2 orders in the last 6 months"
    assert (
        w.condition(cond("spend_12m_pct", ">=", 0.9)) == "in the top 10% of buyers by 6-month spend"
    )
    assert w.condition(cond("complaints_12m", "==", 0)) == "no complaint in the last 24 months"
    assert "(last 3 months against the 3 before)" in w.condition(cond("spend_growth_6m", ">", 0))
    zh = words("zh", recency_months=2)
    assert zh.condition(cond("orders_3m", "==", 0)) == "近2个月没有下单"


@pytest.mark.parametrize(
    ("condition", "en", "zh"),
    [
        (cond("spend_12m", ">=", 10000), "spend of at least CN¥10,000 in the last 12 months",
         "近12个月消费额至少 ¥10,000"),
        (cond("spend_6m", "<", 99.5), "spend of less than CN¥99.50 in the last 6 months",
         "近6个月消费额不足 ¥99.50"),
        (cond("spend_prev_6m", ">", 0), "spend of more than CN¥0 in the 6 months before the last 6",
         "近6个月之前的6个月消费额超过 ¥0"),
        (cond("recency_days", ">=", 90), "a last order at least 90 days ago", "距上次下单至少 90 天"),
        (cond("tenure_days", "<=", 1), "a customer for at most 1 day", "合作不超过 1 天"),
        (cond("tenure_years", "between", (1, 2.5)),
         "a customer for at least 1 year and less than 2.5 years", "合作不少于 1 年 且不足 2.5 年"),
        (cond("latest_satisfaction", "<=", 2), "a latest satisfaction score of at most 2 out of 5",
         "最近一次五分制满意度评分不超过 2 分"),
        (cond("latest_nps", "!=", 7), "a latest recommendation score of other than 7 out of 10",
         "最近一次十分制推荐意愿评分不等于 7 分"),
        (cond("orders_12m", ">", 1), "more than 1 order in the last 12 months", "近12个月下单超过 1 次"),
        (cond("orders_12m", "<", 1), "no order in the last 12 months", "近12个月没有下单"),
        (cond("complaints_12m", "==", 3), "exactly 3 complaints in the last 12 months",
         "近12个月投诉恰好 3 次"),
        (cond("spend_growth_6m", "<=", -0.25),
         "spend growth of at most -25% (last 6 months against the 6 before)",
         "近6个月消费额较之前6个月增长不超过 -25%"),
        (cond("spend_12m_pct", "<", 0.3), "in the bottom 30% of buyers by 12-month spend",
         "近12个月消费额居买家后 30%"),
        (cond("spend_12m_pct", "between", (0.8, 1.0)), "in the top 20% of buyers by 12-month spend",
         "近12个月消费额居买家前 20%"),
        (cond("spend_12m_pct", "between", (0.0, 0.25)),
         "in the bottom 25% of buyers by 12-month spend", "近12个月消费额居买家后 25%"),
        (cond("spend_12m_pct", "==", 0.5), "a 12-month spend percentile among buyers of exactly 50%",
         "近12个月消费额在买家中的百分位恰好 50%"),
    ],
)  # fmt: skip
def test_each_kind_of_condition_reads_in_both_languages(condition, en, zh):
    assert words("en").condition(condition) == en
    assert words("zh").condition(condition) == zh


SYMBOLS = re.compile(r">=|<=|==|!=|[<>]|_\w")
"""What a rule in words never shows: operators and feature names."""


@pytest.mark.parametrize("language", ["en", "zh"])
@pytest.mark.parametrize("feature", sorted(FEATURES))
@pytest.mark.parametrize("op", [">=", ">", "<=", "<", "==", "!=", "between"])
def test_no_feature_and_operator_shows_a_symbol_or_an_identifier(language, feature, op):
    value = (0.25, 0.75) if op == "between" else 0.5
    phrase = words(language).condition(cond(feature, op, value))
    assert phrase and not SYMBOLS.search(phrase), phrase
    assert feature not in phrase


def test_every_feature_of_the_catalogue_has_a_wording():
    assert set(FEATURE_WORDING) == set(FEATURES)


def test_groups_join_with_and_or_and_nest_in_brackets():
    rule = AnyOf(
        any=[
            cond("tenure_months", "<", 3),
            AllOf(all=[cond("orders_3m", "==", 0), cond("complaints_12m", ">=", 2)]),
            cond("latest_nps", "<=", 6),
        ]
    )
    assert words().rule(rule) == (
        "a customer for less than 3 months, (no order in the last 3 months and at least 2 "
        "complaints in the last 12 months) or a latest recommendation score of at most 6 out of 10"
    )
    assert words("zh").rule(rule) == (
        "合作不足 3 个月、（近3个月没有下单，且近12个月投诉至少 2 次）或最近一次十分制推荐意愿评分不超过 6 分"
    )
    assert (
        words().rule(AllOf(all=[cond("tenure_years", ">=", 3)]))
        == "a customer for at least 3 years"
    )


def test_conditions_left_out_are_listed():
    dropped = [cond("latest_nps", ">=", 9), cond("complaints_12m", ">=", 1)]
    assert words().conditions(dropped) == (
        "a latest recommendation score of at least 9 out of 10; at least 1 complaint in the last "
        "12 months"
    )
    assert "；" in words("zh").conditions(dropped)


@pytest.mark.parametrize(
    ("value", "digits"), [(3.0, 0), (0.5, 1), (2.25, 2), (1 / 3, 2), (float("inf"), 0)]
)
def test_thresholds_keep_the_decimals_they_have(value, digits):
    assert fewest_digits(value) == digits
