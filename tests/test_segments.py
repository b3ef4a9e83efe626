"""Segment rules against an independent pandas computation of the CONVENTIONS defaults."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from campaign_eval.config.segmentation import SegmentationParams
from campaign_eval.io import CampaignData
from campaign_eval.segmentation.rules import assign_segments, describe, segment_data

REF = dt.date(2026, 6, 30)


def _oracle(frames: dict[str, pd.DataFrame]) -> pd.Series:
    """CONVENTIONS step 2 written directly in pandas, sharing no code with the package."""
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
