"""Customers surveyed before and after: scipy's paired t and Wilcoxon, and the cap on pairs."""

from __future__ import annotations

import pytest
from scipy import stats as sps

from campaign_eval.evaluation.outcomes import DataOutcomes
from campaign_eval.evaluation.paired import compute_paired


def test_paired_tests_match_scipy_on_customers_surveyed_twice(small, raw):
    a = raw["assignment"]
    both = a.join(raw["sat_pre"].rename("before"), how="inner").join(
        raw["sat_post"].rename("after"), how="inner"
    )
    paired = small.result.paired.rows
    for arm in ("treatment", "control"):
        group = both[both["arm"] == arm]
        row = paired[(paired["segment"] == "all") & (paired["arm"] == arm)].iloc[0]
        assert row["n"] == len(group)
        assert row["mean_diff"] == pytest.approx((group["after"] - group["before"]).mean())
        assert row["p_value"] == pytest.approx(
            sps.ttest_rel(group["after"], group["before"]).pvalue, rel=1e-7
        )
        assert row["wilcoxon_p_value"] == pytest.approx(
            sps.wilcoxon(group["after"] - group["before"]).pvalue, rel=1e-7
        )


def test_the_control_arm_is_paired_too_its_change_is_the_drift(small):
    arms = set(small.result.paired.rows["arm"])
    assert arms == {"treatment", "control"}
    assert set(small.result.paired.rows["metric"]) == {"mean_satisfaction"}


def test_more_pairs_than_the_cap_skip_the_metric(small):
    data = small.ctx.data
    assignment = data.table("assignment").select("customer_id", "arm", "segment")
    outcomes = DataOutcomes(data, assignment, small.result.windows)
    table = compute_paired(outcomes, small.result.specs, arms=["treatment"], alpha=0.05,
                           max_customers=10)  # fmt: skip
    assert table.rows.empty and table.too_many == ("mean_satisfaction",)
