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


def test_differences_are_in_points_for_rates_and_nps(small):
    w = Words(small.result, "en")
    assert w.diff("repurchase_rate", 0.0412) == "+4.1 pp"
    assert w.diff("nps", -3.26) == "-3.3 pts"
    assert w.diff("spend_per_customer", 12.6) == "+13"
    assert w.diff("mean_satisfaction", 0.126) == "+0.13"
    assert w.size("churn_rate", -0.031) == "3.1 pp"
    assert w.diff("repurchase_rate", math.nan) == "n/a" == w.diff_ci("nps", 1.0, math.inf)
    assert w.diff_ci("repurchase_rate", -0.01, 0.02) == "-1.0 pp\u00a0to +2.0 pp"


def test_values_ratios_and_names(small):
    w = Words(small.result, "en")
    assert w.value("repurchase_rate", 0.3456) == "34.6%"
    assert w.value("revenue_before", 1234.5, "mean") == "1,234"  # not an evaluated metric
    assert w.ratio(3.21) == "1:3.2" and w.ratio(math.nan) == "n/a"
    assert w.relative(0.12, 0.03, 0.21) == "+12.0% (+3.0%\u00a0to +21.0%)"
    assert w.ci_level == "95%"
    assert w.segment("unknown") == "Not segmented" and w.segment("north") == "north"
    assert w.arm("A") == "A" and w.arm("control") == "Control (holdout)"
    assert w.category("venue") == "Venue" and w.category("catering") == "catering"
    assert w.yes_no(None) == "n/a" and w.yes_no(True) == "met"
    assert w.goal({"name": None, "metric": "nps", "segment": "core"}) == "NPS · Core value"


def test_decimals_follow_the_size_of_an_average():
    assert [digits_for(v) for v in (2500.0, 3.7, 0.04)] == [0, 2, 3]
