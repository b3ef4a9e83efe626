"""Segment sizes, profiles, tiers and structure tables against plain pandas on the small world."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from campaign_eval.conventions import TIERS
from campaign_eval.io import CampaignData
from campaign_eval.segmentation.profiles import (
    MISSING_VALUE,
    STRUCTURE_DIMENSIONS,
    TOTAL,
    feature_profiles,
    segment_order,
    segment_sizes,
    structure_table,
    structure_tables,
    tier_summary,
)
from campaign_eval.segmentation.rules import SegmentResult, segment_data
from tests.segmentation.conftest import REF


@pytest.fixture
def segments(small_frames) -> SegmentResult:
    return segment_data(CampaignData.from_frames(small_frames), REF)


def test_sizes_count_every_segment_in_report_order(segments):
    sizes = segment_sizes(segments)
    counts = segments.customers["segment"].value_counts()
    order = ["core", "churn_risk", "new", "growth", "maintain"]
    assert list(sizes.index) == order == segment_order(segments)
    assert sizes["customers"].tolist() == [int(counts.get(s, 0)) for s in order]
    assert sizes["share"].sum() == pytest.approx(1.0)
    assert sizes.loc["maintain", "share"] == pytest.approx(counts["maintain"] / 400)


def test_empty_segments_are_listed_with_zero(small_frames):
    frames = {**small_frames, "customers": small_frames["customers"].iloc[20:]}  # no new ones
    orders = small_frames["orders"]
    frames["orders"] = orders[orders["customer_id"].isin(frames["customers"]["customer_id"])]
    sizes = segment_sizes(segment_data(CampaignData.from_frames(frames), REF))
    assert sizes.loc["new", "customers"] == 0 and sizes.loc["new", "share"] == 0


def test_profiles_are_means_and_the_median_of_recency(segments):
    profiles = feature_profiles(segments)
    customers = segments.customers
    for segment in profiles.index:
        members = customers[customers["segment"] == segment]
        assert profiles.loc[segment, "spend_12m"] == pytest.approx(members["spend_12m"].mean())
        assert profiles.loc[segment, "recency_days"] == pytest.approx(
            members["recency_days"].median()
        )
        assert profiles.loc[segment, "latest_nps"] == pytest.approx(members["latest_nps"].mean())
    assert list(profiles.index) == [
        s for s in segment_order(segments) if (customers["segment"] == s).any()
    ]
    assert list(profiles.columns) == [
        "spend_12m",
        "orders_12m",
        "recency_days",
        "tenure_years",
        "latest_nps",
        "latest_satisfaction",
        "complaints_12m",
    ]


def test_profiles_leave_out_features_the_data_lacks(small_frames):
    frames = {k: small_frames[k] for k in ("customers", "orders")}
    profiles = feature_profiles(segment_data(CampaignData.from_frames(frames), REF))
    assert not {"latest_nps", "latest_satisfaction", "complaints_12m"} & set(profiles.columns)


def test_tiers_count_customers_and_share_spend(segments):
    tiers = tier_summary(segments)
    customers = segments.customers
    assert list(tiers.index) == list(TIERS)
    for tier in TIERS:
        members = customers[customers["tier"] == tier]
        assert tiers.loc[tier, "customers"] == len(members)
        assert tiers.loc[tier, "spend_share"] == pytest.approx(
            members["spend_12m"].sum() / customers["spend_12m"].sum()
        )
    assert tiers["share"].sum() == pytest.approx(1.0)
    assert tiers.loc["lost", "customers"] == 0  # every customer of the small world ordered


def test_structure_is_a_crosstab_with_totals_biggest_first(segments):
    table = structure_table(segments, "industry")
    assert table is not None
    customers = segments.customers
    expected = pd.crosstab(customers["industry"], customers["segment"])
    for value in expected.index:
        for segment in table.columns.drop(TOTAL):
            assert table.loc[value, segment] == expected.loc[value, segment]
    assert (table[TOTAL] == customers["industry"].value_counts().reindex(table.index)).all()
    assert table[TOTAL].is_monotonic_decreasing
    assert list(table.columns) == [*segment_order(segments), TOTAL]
    assert table.index.name == "industry"


def test_structure_marks_missing_values_and_skips_absent_dimensions(small_frames):
    customers = small_frames["customers"].copy()
    customers.loc[:9, "region"] = None
    customers = customers.drop(columns=["size"])
    segments = segment_data(CampaignData.from_frames({**small_frames, "customers": customers}), REF)
    region = structure_table(segments, "region")
    assert region is not None and region.loc[MISSING_VALUE, TOTAL] == 10
    assert structure_table(segments, "size") is None
    assert list(structure_tables(segments)) == ["industry", "region"]
    assert STRUCTURE_DIMENSIONS == ("industry", "size", "region")


def test_tier_spend_shares_count_net_spend_below_zero_as_zero(segments):
    customers = segments.customers.copy()
    lost = customers.index[:3]
    customers.loc[lost, ["tier", "spend_12m"]] = ["lost", -500.0]  # returns of earlier purchases
    tiers = tier_summary(dataclasses.replace(segments, customers=customers))
    assert tiers.loc["lost", "spend_share"] == 0.0  # not a negative share of spend
    assert tiers["spend_share"].sum() == pytest.approx(1.0)
