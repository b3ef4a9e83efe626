"""Tests of datasets.activity: orders, survey answers and complaints over the whole period."""

from __future__ import annotations

import numpy as np
import pandas as pd

from campaign_eval import conventions
from campaign_eval.datasets import (
    COMMENTS,
    COMPLAINT_CATEGORIES,
    DATA_END,
    DATA_START,
    REFERENCE_DATE,
)
from tests.datasets._helpers import DATE_COLUMNS


def test_no_event_outside_the_data_period(small: dict[str, pd.DataFrame]) -> None:
    for name, column in DATE_COLUMNS.items():
        dates = small[name][column]
        assert dates.min() >= pd.Timestamp(DATA_START), name
        assert dates.max() <= pd.Timestamp(DATA_END), name
        assert (dates == dates.dt.normalize()).all(), name
    since = small["customers"]["since"]
    assert since.max() <= pd.Timestamp(REFERENCE_DATE)
    orders = small["orders"].merge(small["customers"][["customer_id", "since"]])
    assert (orders["order_date"] >= orders["since"]).all()


def test_order_amounts_are_quantity_times_unit_price(small: dict[str, pd.DataFrame]) -> None:
    orders = small["orders"]
    assert orders["order_id"].is_unique
    np.testing.assert_allclose(
        orders["amount"], orders["quantity"] * orders["unit_price"], atol=0.005
    )
    assert (orders["unit_price"] > 0).all()
    returns = orders["amount"] < 0
    assert 0 < returns.mean() < 0.05
    assert (orders.loc[returns, "quantity"] < 0).all()


def test_surveys_have_scores_comments_and_sentiment(small: dict[str, pd.DataFrame]) -> None:
    surveys = small["surveys"]
    assert (surveys["satisfaction"].notna() | surveys["nps"].notna()).all()
    commented = surveys["comment"].notna()
    assert 0.1 < commented.mean() < 0.5
    assert surveys.loc[commented, "sentiment"].isin(["positive", "neutral", "negative"]).all()
    assert surveys.loc[~commented, "sentiment"].isna().all()
    negative = surveys[surveys["sentiment"] == "negative"]
    assert (negative["satisfaction"].fillna(0) <= 2).all()


def test_sentiment_follows_the_satisfaction_then_the_nps_cut_offs(
    world: dict[str, pd.DataFrame],
) -> None:
    answers = world["surveys"].dropna(subset=["sentiment"])
    scored = answers["satisfaction"].notna()
    satisfaction = answers.loc[scored, "satisfaction"]
    expected = np.select(
        [satisfaction >= conventions.CSAT_MIN_SCORE, satisfaction >= 3],
        ["positive", "neutral"],
        "negative",
    )
    assert (answers.loc[scored, "sentiment"] == expected).all()
    nps = answers.loc[~scored, "nps"]
    expected = np.select(
        [nps >= conventions.NPS_PROMOTER_MIN, nps > conventions.NPS_DETRACTOR_MAX],
        ["positive", "neutral"],
        "negative",
    )
    assert (~scored).sum() > 100
    assert (answers.loc[~scored, "sentiment"] == expected).all()


def test_comments_match_their_sentiment(small: dict[str, pd.DataFrame]) -> None:
    commented = small["surveys"].dropna(subset=["comment"])
    for sentiment, texts in COMMENTS.items():
        mine = commented.loc[commented["sentiment"] == sentiment, "comment"]
        assert set(mine) <= set(texts), sentiment


def test_many_customers_answered_in_the_year_before_the_reference_date(
    world: dict[str, pd.DataFrame],
) -> None:
    surveys = world["surveys"]
    year = surveys["survey_date"].between(
        pd.Timestamp(REFERENCE_DATE) - pd.DateOffset(years=1), pd.Timestamp(REFERENCE_DATE)
    )
    answered = surveys.loc[year & surveys["nps"].notna(), "customer_id"].nunique()
    assert answered / len(world["customers"]) > 0.5


def test_customers_who_drift_away_complain_more(world: dict[str, pd.DataFrame]) -> None:
    complaints = world["complaints"]
    assert set(complaints["category"]) == set(COMPLAINT_CATEGORIES)
    per_customer = complaints.groupby("customer_id").size()
    assignment = world["assignment"].assign(
        complaints=lambda a: a["customer_id"].map(per_customer).fillna(0)
    )
    rate = assignment.groupby("segment")["complaints"].mean()
    # lapsing customers become churn risk: a higher background rate and a burst around the lapse
    assert rate["churn_risk"] > 2 * max(rate["core"], rate["growth"], rate["new"])
