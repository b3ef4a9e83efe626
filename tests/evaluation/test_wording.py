"""Names and number formats of the report: units per metric kind, decimals, n/a, both languages."""

from __future__ import annotations

import math

from campaign_eval.evaluation.wording import GRADE_KEYS, METRIC_KEYS, Words, digits_for
from campaign_eval.metrics.catalogue import METRICS


def test_every_catalogue_metric_and_grade_has_a_name(small):
    w = Words(small.result, "zh")
    assert set(METRIC_KEYS) == set(METRICS)
    assert {w.metric(m) for m in METRICS}.isdisjoint(METRICS)
    assert w.grade("n/a") == "无法评级"
    assert set(GRADE_KEYS) == {"excellent", "good", "fair", "poor", "n/a"}


def test_differences_are_in_points_for_rates_and_nps_and_money_in_its_currency(small):
    w = Words(small.result, "en", "CNY")
    assert w.diff("repurchase_rate", 0.0412) == "+4.1 pp"
    assert w.diff("repurchase_rate", 0.0412, unit=False) == "+4.1"
    assert w.diff("nps", -3.26) == "-3.3 pts"
    assert w.diff("spend_per_customer", 12.6) == "+CN¥13"
    assert w.diff("spend_per_customer", -12.6, unit=False) == "-CN¥13"  # money keeps its currency
    assert w.diff("mean_satisfaction", 0.126) == "+0.13"
    assert w.size("churn_rate", -0.031) == "3.1 pp"
    assert w.diff("repurchase_rate", math.nan) == "n/a" == w.diff_ci("nps", 1.0, math.inf)
    # the unit once, beside the estimate: +6.7 pp (+4.0 to +9.4)
    assert w.diff_ci("repurchase_rate", -0.01, 0.02) == "-1.0\u00a0to +2.0"
    assert w.diff_with_ci("repurchase_rate", 0.067, 0.04, 0.094) == "+6.7 pp (+4.0\u00a0to +9.4)"
    assert w.metric_unit("repurchase_rate") == "Repurchase rate, pp"
    assert w.metric_unit("spend_per_customer") == "Spend per customer"
    zh = Words(small.result, "zh", "CNY")
    assert zh.metric_unit("repurchase_rate") == "复购率（个百分点）"
    assert zh.diff("spend_per_customer", 12.6) == "+¥13"


def test_values_returns_and_names(small):
    w = Words(small.result, "en", "CNY")
    assert w.value("repurchase_rate", 0.3456) == "34.6%"
    assert w.value("spend_per_customer", 2931.49) == "CN¥2,931"
    assert w.value("revenue_before", 1234.5, "mean") == "1,234"  # not an evaluated metric
    assert w.per_unit(11.889) == "CN¥11.9 per CN¥1 spent"
    assert w.per_unit(-0.44) == "a loss of CN¥0.4 per CN¥1 spent" and w.per_unit(math.nan) == "n/a"
    assert w.per_unit_range(2.2257, 21.553) == "2.2\u00a0to 21.6"
    assert w.per_unit_range(-2.3, 15.4) == "-2.3\u00a0to +15.4"  # across zero: the signs
    assert w.per_unit_range(-45.6, -1.5) == "a loss of 1.5\u00a0to 45.6"
    assert w.standard(5.0) == "1:5" and w.standard(2.5) == "1:2.5"
    assert Words(small.result, "zh", "CNY").standard(5.0) == "1\u22365"  # the ratio sign
    assert Words(small.result, "zh", "CNY").per_unit(11.889) == "每投入 ¥1 回报 ¥11.9"
    assert w.money(-815542.4) == "-CN¥815,542"
    assert Words(small.result, "en").money(1234.5) == "1,234"  # no currency: a plain number
    assert w.relative(0.12, 0.03, 0.21) == "+12.0% (+3.0%\u00a0to +21.0%)"
    assert w.ci_level == "95%"
    assert w.segment("unknown") == "Not segmented" and w.segment("north") == "north"
    assert w.arm("A") == "A" and w.arm("control") == "Control (holdout)"
    assert w.category("venue") == "Venue" and w.category("catering") == "catering"
    assert w.yes_no(None) == "n/a" and w.yes_no(True) == "met"
    assert w.goal({"name": None, "metric": "nps", "segment": "core"}) == "NPS · Core value"


def test_sentiments_are_named_in_the_report_language_and_the_analysts_names_win(small):
    zh = Words(small.result, "zh")
    assert zh.sentiment("negative", {}) == "负面"
    assert zh.sentiment("negative", {"negative": "差评"}) == "差评"
    assert zh.sentiment("angry", {}) == "angry"  # a value we do not know is shown as written
    assert Words(small.result, "en").sentiment("very_bad", {}) == "Very bad"


def test_decimals_follow_the_size_of_an_average():
    assert [digits_for(v) for v in (2500.0, 3.7, 0.04)] == [0, 2, 3]
