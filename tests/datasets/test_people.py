"""Tests of datasets.people: the customers, their attributes and their hidden types."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from campaign_eval import datasets
from campaign_eval.datasets import DEMO_CONFIG, REFERENCE_DATE
from campaign_eval.datasets.draws import day_index
from campaign_eval.datasets.people import draw_customers


@pytest.fixture(scope="module")
def drawn() -> dict[str, np.ndarray]:
    return draw_customers(np.random.default_rng(11), 20_000, DEMO_CONFIG)


def test_customers_have_unique_readable_ids_and_attributes(small: dict[str, pd.DataFrame]) -> None:
    customers = small["customers"]
    assert customers["customer_id"].is_unique
    assert customers["customer_id"].str.fullmatch(r"C\d{6}").all()
    assert customers["customer_id"].iloc[0] == "C000001"
    assert customers["owner"].str.fullmatch(r"rep_(0[1-9]|1\d|2[0-5])").all()
    assert set(customers["size"]) == set(datasets.SIZES)
    assert set(customers["region"]) == set(datasets.REGIONS)
    assert customers["name"].str.contains(r"[\u4e00-\u9fff]").sum() >= 1
    assert customers.notna().all().all()


def test_customer_types_follow_the_configured_shares(drawn: dict[str, np.ndarray]) -> None:
    observed = np.bincount(drawn["kind"], minlength=len(datasets.CUSTOMER_TYPES))
    expected = np.asarray(DEMO_CONFIG.type_shares) * drawn["kind"].size
    assert stats.chisquare(observed, expected).pvalue > 0.001


def test_cooperation_starts_within_each_types_range(drawn: dict[str, np.ndarray]) -> None:
    for code, (first, last) in enumerate(DEMO_CONFIG.since_ranges):
        since = drawn["since"][drawn["kind"] == code]
        assert since.min() >= day_index(first), datasets.CUSTOMER_TYPES[code]
        assert since.max() <= day_index(last), datasets.CUSTOMER_TYPES[code]
    newcomer = datasets.CUSTOMER_TYPES.index("newcomer")
    recent = day_index(REFERENCE_DATE - dt.timedelta(days=80))
    assert (drawn["since"][drawn["kind"] == newcomer] >= recent).all()


def test_only_lapsing_customers_lapse(drawn: dict[str, np.ndarray]) -> None:
    lapsing = drawn["kind"] == datasets.CUSTOMER_TYPES.index("lapsing")
    never = np.iinfo(np.int32).max
    assert (drawn["lapse"][~lapsing] == never).all()
    assert (drawn["lapse"][lapsing] < never).all()


def test_larger_companies_order_more_and_larger(drawn: dict[str, np.ndarray]) -> None:
    by_size = (
        pd.DataFrame({"size": drawn["size"], "rate": drawn["rate"], "amount": drawn["mean_amount"]})
        .groupby("size")[["rate", "amount"]]
        .median()
    )
    assert by_size["rate"].is_monotonic_increasing
    assert by_size["amount"].is_monotonic_increasing
    assert (drawn["unit_price"] > 0).all()
