"""What the data could not support: excluded rows, tenure source, conditions left out."""

from __future__ import annotations

import math

import pandas as pd

from campaign_eval.config.segmentation import SegmentationParams
from campaign_eval.io import CampaignData
from campaign_eval.segmentation.coverage import data_coverage
from campaign_eval.segmentation.rules import describe, segment_data
from tests.segmentation.conftest import REF


def _coverage(frames, params: SegmentationParams | None = None, excluded=None):
    data = CampaignData.from_frames(frames)
    if excluded:
        data.excluded_rows.update(excluded)
    return data_coverage(data, segment_data(data, REF, params))


def test_the_full_small_world_needs_no_note(small_frames):
    coverage = _coverage(small_frames)
    assert coverage.excluded_rows == {}
    assert not coverage.tenure_from_orders
    assert coverage.segment_conditions == {} and coverage.tier_conditions == {}
    tenure = (pd.Timestamp(REF) - small_frames["customers"]["since"]).dt.days.max() / 365.25
    assert math.isclose(coverage.longest_tenure_years, tenure)


def test_excluded_rows_keep_only_tables_that_lost_rows(small_frames):
    coverage = _coverage(small_frames, excluded={"orders": 12, "surveys": 0})
    assert coverage.excluded_rows == {"orders": 12}


def test_without_a_start_date_tenure_comes_from_orders(small_frames):
    frames = {**small_frames, "customers": small_frames["customers"].drop(columns="since")}
    coverage = _coverage(frames)
    assert coverage.tenure_from_orders
    first = small_frames["orders"]["order_date"].min().normalize()
    assert math.isclose(coverage.longest_tenure_years, (pd.Timestamp(REF) - first).days / 365.25)


def test_dropped_conditions_are_split_into_segments_and_tiers(small_frames):
    frames = {k: small_frames[k] for k in ("customers", "orders")}
    params = SegmentationParams.model_validate(
        {"tiers": {"premium": {"all": [{"feature": "latest_nps", "op": ">=", "value": 9}]}}}
    )
    coverage = _coverage(frames, params)
    segments = {k: [describe(c) for c in v] for k, v in coverage.segment_conditions.items()}
    assert segments == {
        "core": ["latest_nps >= 9"],
        "churn_risk": ["latest_nps <= 5", "complaints_12m >= 1"],
    }
    tiers = {k: [describe(c) for c in v] for k, v in coverage.tier_conditions.items()}
    assert tiers == {"premium": ["latest_nps >= 9"]}


def test_the_spend_basis_counts_returns_buyers_and_zero_spend(small_frames):
    orders = small_frames["orders"]
    returns = orders[orders["order_date"] > pd.Timestamp(REF) - pd.DateOffset(months=6)].head(7)
    frames = {**small_frames, "orders": pd.concat([orders, returns.assign(amount=-1.0)])}
    data = CampaignData.from_frames(frames)
    segments = segment_data(data, REF)
    spend = data_coverage(data, segments, REF, SegmentationParams()).spend
    assert spend is not None
    assert (spend.returns, spend.return_orders, spend.return_amount) == ("net", 7, -7.0)
    buyers = int((segments.customers["orders_12m"] >= 1).sum())
    assert (spend.buyers, spend.without_purchase) == (buyers, len(segments.customers) - buyers)
    assert spend.zero_spend == int((segments.customers["spend_12m"] <= 0).sum())
    assert data_coverage(data, segments).spend is None  # without the as-of day: no spend facts


def test_repeated_rows_unknown_customers_and_order_lines_come_from_the_data(small_frames):
    from campaign_eval.io.engine import OrderLines, UnknownCustomers

    data = CampaignData.from_frames(small_frames)
    data.repeated_rows["customers"] = 4
    data.unknown_customers["orders"] = UnknownCustomers(12, 8000)
    data.order_lines = OrderLines(9000, 8000, "customer_and_time")
    coverage = data_coverage(data, segment_data(data, REF))
    assert coverage.repeated_rows == {"customers": 4}
    assert coverage.unknown_customer_orders == (12, 8000)
    assert coverage.order_lines == (9000, 8000, "customer_and_time")
