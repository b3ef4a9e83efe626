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
