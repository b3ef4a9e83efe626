"""Tests of datasets.settings: the timeline, the knobs' shapes and their calibration.

Calibration: the history tells the same story as the control arm. Computed directly in pandas
from the frames. Segments are those of the assignment (as of the reference date); the pre window
is (CAMPAIGN_START - 30 days, CAMPAIGN_START].
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest

from campaign_eval import datasets
from campaign_eval.datasets import (
    CAMPAIGN_START,
    DATA_END,
    DATA_START,
    DEMO_CONFIG,
    EVENT_DATE,
    POST_WINDOW,
    PRE_WINDOW,
    REFERENCE_DATE,
    SMS_OUTAGE_FROM,
    TARGETED_SEGMENTS,
    WINDOW_DAYS,
    planted_effect,
)
from campaign_eval.segmentation.rules import segment_frames
from tests.datasets._helpers import history_until, in_window

SPEND_TOLERANCE = 0.15  # relative: 30-day spend per customer vs the control truth
REPURCHASE_TOLERANCE = 0.05  # absolute: 30-day repurchase rate vs the control truth
SATISFACTION_TOLERANCE = 0.25  # absolute: mean 1-5 score vs the control truth
# only about 400 new customers, still joining during the pre window: the seed-to-seed spread of
# their spend per customer is about 15%, so their spend is held to twice the usual tolerance
NEW_SPEND_TOLERANCE = 0.30
# the earlier churn-risk cohort's spend: about 10% spread from seed to seed
COHORT_SPEND_TOLERANCE = 0.30

# --- the timeline ------------------------------------------------------------------------------


def test_the_timeline_is_in_order() -> None:
    assert DATA_START < REFERENCE_DATE < CAMPAIGN_START < SMS_OUTAGE_FROM < EVENT_DATE
    assert POST_WINDOW[1] <= DATA_END
    assert CAMPAIGN_START - dt.timedelta(days=1) == REFERENCE_DATE


def test_windows_are_thirty_days_around_the_campaign() -> None:
    assert PRE_WINDOW[1] == CAMPAIGN_START - dt.timedelta(days=1)
    assert PRE_WINDOW[1] - PRE_WINDOW[0] == dt.timedelta(days=WINDOW_DAYS)
    assert POST_WINDOW[0] == EVENT_DATE
    assert POST_WINDOW[1] - POST_WINDOW[0] == dt.timedelta(days=WINDOW_DAYS)


# --- the knobs' shapes -------------------------------------------------------------------------

PER_TUPLE = {
    datasets.CUSTOMER_TYPES: (
        "type_shares", "size_shares", "since_ranges", "type_order_factor", "type_amount_factor",
        "surveys_per_year", "satisfaction_mean", "nps_mean", "complaints_per_year",
    ),
    datasets.SIZES: ("monthly_orders", "median_amount", "typical_quantity"),
    datasets.CHANNELS: (
        "invite_days", "invite_hours", "delivery", "delivery_delay_seconds", "open_rate",
        "open_delay_hours", "click_rate",
    ),
    TARGETED_SEGMENTS: ("registration_rate",),
    datasets.SENTIMENTS: ("comment_share",),
}  # fmt: skip
"""DemoConfig fields indexed like a tuple of names: one value per name."""


@pytest.mark.parametrize("names", list(PER_TUPLE), ids=lambda names: names[0])
def test_config_tuples_have_one_value_per_name(names: tuple[str, ...]) -> None:
    for field in PER_TUPLE[names]:
        assert len(getattr(DEMO_CONFIG, field)) == len(names), field


def test_config_shares_are_distributions() -> None:
    assert sum(DEMO_CONFIG.type_shares) == pytest.approx(1.0)
    for shares in DEMO_CONFIG.size_shares:
        assert len(shares) == len(datasets.SIZES)
        assert sum(shares) == pytest.approx(1.0)
    assert sum(DEMO_CONFIG.onsite_score_probs) == pytest.approx(1.0)


def test_config_is_frozen_and_replaceable() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEMO_CONFIG.sms_share = 0.5  # type: ignore[misc]
    busier = dataclasses.replace(DEMO_CONFIG, monthly_orders=(1.0, 1.0, 1.0, 1.0))
    assert busier.monthly_orders == (1.0, 1.0, 1.0, 1.0)
    assert busier.sms_share == DEMO_CONFIG.sms_share


# --- calibration: the history tells the same story as the control arm -----------------------


def _levels(
    orders: pd.DataFrame, members: pd.Series, window: tuple[dt.date, dt.date]
) -> tuple[float, float]:
    """(repurchase rate, spend per customer) of ``members`` in the window (start, end]."""
    inside = orders[in_window(orders["order_date"], window) & orders["customer_id"].isin(members)]
    buyers = inside.loc[inside["amount"] > 0, "customer_id"].nunique()
    return buyers / len(members), inside["amount"].sum() / len(members)


@pytest.fixture(scope="module")
def history_levels(world: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per targeted segment: pre-window repurchase and spend, mean satisfaction of the last year."""
    assignment = world["assignment"]
    surveys = world["surveys"]
    year = (pd.Timestamp(REFERENCE_DATE) - pd.DateOffset(years=1), REFERENCE_DATE)
    answers = surveys[in_window(surveys["survey_date"], year) & surveys["satisfaction"].notna()]
    rows = {}
    for segment in TARGETED_SEGMENTS:
        members = assignment.loc[assignment["segment"] == segment, "customer_id"]
        repurchase, spend = _levels(world["orders"], members, PRE_WINDOW)
        satisfaction = answers.loc[answers["customer_id"].isin(members), "satisfaction"].mean()
        rows[segment] = {"repurchase": repurchase, "spend": spend, "satisfaction": satisfaction}
    return pd.DataFrame.from_dict(rows, orient="index")


@pytest.mark.parametrize("segment", ["core", "growth", "new"])
def test_pre_window_spend_matches_the_control_truth(
    history_levels: pd.DataFrame, segment: str
) -> None:
    planted = planted_effect(segment, "spend_per_customer").control
    tolerance = NEW_SPEND_TOLERANCE if segment == "new" else SPEND_TOLERANCE
    assert history_levels.loc[segment, "spend"] == pytest.approx(planted, rel=tolerance)


@pytest.mark.parametrize("segment", ["core", "growth", "new"])
def test_pre_window_repurchase_matches_the_control_truth(
    history_levels: pd.DataFrame, segment: str
) -> None:
    planted = planted_effect(segment, "repurchase_rate").control
    assert history_levels.loc[segment, "repurchase"] == pytest.approx(
        planted, abs=REPURCHASE_TOLERANCE
    )


@pytest.mark.parametrize("segment", ["core", "churn_risk"])
def test_satisfaction_of_the_last_year_matches_the_control_truth(
    history_levels: pd.DataFrame, segment: str
) -> None:
    planted = planted_effect(segment, "mean_satisfaction").control
    assert history_levels.loc[segment, "satisfaction"] == pytest.approx(
        planted, abs=SATISFACTION_TOLERANCE
    )


def test_earlier_churn_risk_cohort_comes_back_at_the_control_rate(
    world: dict[str, pd.DataFrame], history_levels: pd.DataFrame
) -> None:
    """The baseline the plan stage measures for churn risk (``baseline: earlier_cohort``).

    Churn-risk customers have no order in the last 3 months by definition, so their own pre window
    is empty; the comparable history is the customers who met the rule one window earlier,
    followed over the next 30 days.
    """
    assert history_levels.loc["churn_risk", "repurchase"] < 0.02
    as_of = REFERENCE_DATE - dt.timedelta(days=WINDOW_DAYS)
    segments = segment_frames(history_until(world, as_of), as_of)
    cohort = segments.loc[segments["segment"] == "churn_risk", "customer_id"]
    now = (world["assignment"]["segment"] == "churn_risk").sum()
    assert 0.8 < len(cohort) / now < 1.25
    repurchase, spend = _levels(world["orders"], cohort, (as_of, REFERENCE_DATE))
    assert planted_effect("churn_risk", "repurchase_rate").control == 0.12
    assert 0.10 <= repurchase <= 0.14
    planted_spend = planted_effect("churn_risk", "spend_per_customer").control
    assert spend == pytest.approx(planted_spend, rel=COHORT_SPEND_TOLERANCE)
