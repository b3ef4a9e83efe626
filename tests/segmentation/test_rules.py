"""Segment and tier rules against an independent pandas computation of the documented defaults."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from campaign_eval.config.segmentation import Condition, SegmentationParams
from campaign_eval.conventions import SEGMENTS, TIERS
from campaign_eval.io import CampaignData
from campaign_eval.segmentation.features import build_features
from campaign_eval.segmentation.rules import (
    TIER_PREFIX,
    assign_segments,
    describe,
    evaluate,
    segment_data,
    segment_frames,
)
from tests.segmentation.conftest import REF


def _oracle(frames: dict[str, pd.DataFrame]) -> pd.Series:
    """the planning method's step 2 written directly in pandas, sharing no code with the package."""
    ref = pd.Timestamp(REF)
    end = ref + pd.Timedelta(days=1)
    orders = frames["orders"]
    orders = orders[orders["order_date"] < end]

    def window(months: int, until: pd.Timestamp = end) -> pd.DataFrame:
        start = ref - pd.DateOffset(months=months) + pd.Timedelta(days=1)
        return orders[(orders["order_date"] >= start) & (orders["order_date"] < until)]

    cust = frames["customers"].set_index("customer_id")
    spend12 = window(12).groupby("customer_id")["amount"].sum().reindex(cust.index, fill_value=0)
    pct = spend12.rank(pct=True)
    orders12 = window(12).groupby("customer_id").size().reindex(cust.index, fill_value=0)
    orders3 = window(3).groupby("customer_id").size().reindex(cust.index, fill_value=0)
    six_start = ref - pd.DateOffset(months=6) + pd.Timedelta(days=1)
    spend6 = window(6).groupby("customer_id")["amount"].sum().reindex(cust.index, fill_value=0)
    prev6 = (
        window(12, six_start)
        .groupby("customer_id")["amount"]
        .sum()
        .reindex(cust.index, fill_value=0)
    )
    tenure_years = (ref - cust["since"].dt.normalize()).dt.days / 365.25
    tenure_months = (ref - cust["since"].dt.normalize()).dt.days / (365.25 / 12)
    surveys = frames["surveys"][frames["surveys"]["survey_date"] < end]
    last_day = surveys.groupby("customer_id")["survey_date"].transform("max")
    nps = surveys[surveys["survey_date"] == last_day].groupby("customer_id")["nps"].mean()
    nps = nps.reindex(cust.index)
    comp = frames["complaints"]
    comp = comp[(comp["complaint_date"] >= ref - pd.DateOffset(months=12) + pd.Timedelta(days=1))
                & (comp["complaint_date"] < end)]  # fmt: skip
    complaints = comp.groupby("customer_id").size().reindex(cust.index, fill_value=0)
    growth = np.where(
        prev6 > 0, spend6 / prev6.where(prev6 > 0) - 1, np.where(spend6 > 0, np.inf, np.nan)
    )
    rules = {
        "core": (pct >= 0.95) & (tenure_years >= 3) & (nps >= 9),
        "churn_risk": (orders3 == 0) & (orders12 >= 1) & ((nps <= 5) | (complaints >= 1)),
        "new": tenure_months < 3,
        "growth": (pct >= 0.5) & (pct < 0.95) & (pd.Series(growth, index=cust.index) >= 0.2),
    }
    segment = pd.Series("maintain", index=cust.index)
    for name in ("growth", "new", "churn_risk", "core"):  # reverse precedence: first rule wins
        segment[rules[name].fillna(value=False)] = name
    return segment


def test_default_rules_match_independent_pandas(small_frames):
    result = segment_data(CampaignData.from_frames(small_frames), REF)
    got = result.customers.set_index("customer_id")["segment"]
    expected = _oracle(small_frames)
    pd.testing.assert_series_equal(
        got.sort_index().astype(str), expected.sort_index().astype(str), check_names=False
    )
    sizes = result.sizes()
    assert (sizes[["churn_risk", "new", "growth"]] > 0).all(), sizes


def test_precedence_is_configurable(small_frames):
    features = segment_data(CampaignData.from_frames(small_frames), REF).customers
    both = features["matches_new"] & features["matches_churn_risk"]
    params = SegmentationParams(precedence=["core", "new", "churn_risk", "growth"])
    reordered = assign_segments(features, params).customers
    if both.any():
        assert (reordered.loc[both, "segment"] == "new").all()
    default = assign_segments(features, SegmentationParams()).customers
    assert (default.loc[both, "segment"] == "churn_risk").all()


def test_thresholds_are_configurable(small_frames):
    data = CampaignData.from_frames(small_frames)
    loose = SegmentationParams.model_validate(
        {"segments": {"new": {"all": [{"feature": "tenure_months", "op": "<", "value": 120}]}}}
    )
    sizes = segment_data(data, REF, loose).sizes()
    assert sizes["new"] > segment_data(data, REF).sizes()["new"]


def test_missing_survey_and_complaint_tables_are_not_applicable(small_frames):
    frames = {k: v for k, v in small_frames.items() if k in {"customers", "orders"}}
    result = segment_data(CampaignData.from_frames(frames), REF)
    dropped = {k: [describe(c) for c in v] for k, v in result.not_applicable.items()}
    assert dropped["core"] == ["latest_nps >= 9"]
    assert dropped["churn_risk"] == ["latest_nps <= 5", "complaints_12m >= 1"]
    # with the whole `any` group dropped, churn risk is "lapsed in 3 months, active in 12"
    lapsed = (result.customers["orders_3m"] == 0) & (result.customers["orders_12m"] >= 1)
    assert result.customers.loc[lapsed, "matches_churn_risk"].all()


def test_describe_reads_like_the_rule():
    rule = SegmentationParams().segments["growth"]
    assert describe(rule) == "(0.5 <= spend_12m_pct < 0.95 and spend_growth_6m >= 0.2)"
    labelled = describe(
        rule, {"spend_12m_pct": "分位", "spend_growth_6m": "增长"}.get, ("且", "或")
    )
    assert labelled == "(0.5 <= 分位 < 0.95 且 增长 >= 0.2)"


def test_unknown_feature_is_rejected_with_suggestion():
    with pytest.raises(ValueError, match="did you mean 'latest_nps'"):
        SegmentationParams.model_validate(
            {"segments": {"core": {"all": [{"feature": "latest_npss", "op": ">=", "value": 9}]}}}
        )


def test_tiers_match_independent_pandas(small_frames):
    lapsed = small_frames["customers"].head(1).assign(customer_id="LAPSED")
    old_order = (
        small_frames["orders"]
        .head(1)
        .assign(customer_id="LAPSED", order_date=pd.Timestamp("2024-07-01"))
    )
    frames = {
        **small_frames,
        "customers": pd.concat([small_frames["customers"], lapsed]),
        "orders": pd.concat([small_frames["orders"], old_order]),
    }
    result = segment_data(CampaignData.from_frames(frames), REF)
    customers = result.customers.set_index("customer_id")
    spend = customers["spend_12m"]
    pct = spend.rank(pct=True)
    orders12 = customers["orders_12m"]
    expected = pd.Series("ordinary", index=customers.index)
    expected[pct >= 0.5] = "potential"
    expected[pct >= 0.8] = "premium"
    expected[orders12 == 0] = "lost"  # tried first: a lost customer is lost whatever the spend
    pd.testing.assert_series_equal(
        customers["tier"].astype(str), expected.astype(str), check_names=False
    )
    assert set(customers["tier"]) == set(TIERS)
    assert customers.loc["LAPSED", "tier"] == "lost"


def test_matches_columns_hold_each_rule_before_precedence(small_frames):
    result = segment_data(CampaignData.from_frames(small_frames), REF)
    customers = result.customers
    for name in result.precedence:
        members = customers["segment"] == name
        assert customers.loc[members, f"matches_{name}"].all()
    earlier = customers["matches_core"] | customers["matches_churn_risk"] | customers["matches_new"]
    assert (customers.loc[earlier, "segment"] != "growth").all()
    nobody = ~customers[[f"matches_{s}" for s in result.precedence]].any(axis=1)
    assert (customers.loc[nobody, "segment"] == "maintain").all()
    assert list(result.sizes().index) == [*result.precedence, "maintain"]
    assert set(result.sizes().index) == set(SEGMENTS)


def test_a_missing_tier_feature_is_reported_under_the_tier(small_frames):
    features = build_features(CampaignData.from_frames(small_frames), REF)
    params = SegmentationParams.model_validate(
        {"tiers": {"premium": {"all": [{"feature": "latest_nps", "op": ">=", "value": 9}]}}}
    )
    result = assign_segments(features.drop(columns=["latest_nps"]), params)
    assert [describe(c) for c in result.not_applicable[TIER_PREFIX + "premium"]] == [
        "latest_nps >= 9"
    ]
    assert "premium" not in set(result.customers["tier"])


def test_a_rule_without_any_applicable_condition_matches_nobody(small_frames):
    features = build_features(CampaignData.from_frames(small_frames), REF)
    dropped: list[Condition] = []
    rule = SegmentationParams().segments["core"]
    assert evaluate(rule, features.drop(columns=["latest_nps"]), dropped) is not None
    only_nps = Condition(feature="latest_nps", op=">=", value=9)
    assert evaluate(only_nps, features.drop(columns=["latest_nps"]), dropped) is None
    assert [describe(c) for c in dropped] == ["latest_nps >= 9", "latest_nps >= 9"]


def test_between_includes_low_and_excludes_high():
    features = pd.DataFrame({"spend_12m_pct": [0.49, 0.5, 0.7, 0.95, np.nan]})
    hit = evaluate(
        Condition(feature="spend_12m_pct", op="between", value=(0.5, 0.95)), features, []
    )
    assert hit is not None
    assert hit.tolist() == [False, True, True, False, False]


def test_segment_frames_gives_each_customer_its_segment(small_frames):
    frames = segment_frames(small_frames, REF)
    assert list(frames.columns) == ["customer_id", "segment"]
    expected = segment_data(CampaignData.from_frames(small_frames), REF).customers
    pd.testing.assert_frame_equal(frames, expected[["customer_id", "segment"]])
