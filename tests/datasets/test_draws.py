"""Tests of datasets.draws: numpy columns, days after DATA_START, and the shared random draws."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from campaign_eval.datasets import DATA_END, DATA_START, draws


def test_day_index_counts_days_after_the_data_start() -> None:
    assert draws.day_index(DATA_START) == 0
    assert draws.day_index(DATA_START + dt.timedelta(days=400)) == 400
    assert draws.day_index(DATA_START - dt.timedelta(days=3)) == -3


def test_take_and_concat_keep_the_columns_aligned() -> None:
    columns = {"who": np.array([3, 1, 2]), "day": np.array([30, 10, 20])}
    picked = draws.take(columns, np.array([True, False, True]))
    assert {k: v.tolist() for k, v in picked.items()} == {"who": [3, 2], "day": [30, 20]}
    joined = draws.concat(picked, draws.take(columns, np.array([1])))
    assert {k: v.tolist() for k, v in joined.items()} == {"who": [3, 2, 1], "day": [30, 20, 10]}


def test_pick_follows_each_rows_probabilities() -> None:
    rng = np.random.default_rng(0)
    probs = np.array([0.1, 0.2, 0.3, 0.4])
    n = 40_000
    picked = draws.pick(rng, np.broadcast_to(probs, (n, probs.size)))
    observed = np.bincount(picked, minlength=probs.size)
    assert stats.chisquare(observed, probs * n).pvalue > 0.001
    certain = draws.pick(rng, np.eye(4)[[2, 0, 3, 1]])
    assert certain.tolist() == [2, 0, 3, 1]


def test_pick_never_goes_past_the_last_category_when_rows_sum_below_one() -> None:
    rng = np.random.default_rng(1)
    short = np.full((10_000, 3), 0.3)  # rounding can leave a row summing to less than 1
    assert draws.pick(rng, short).max() <= 2


def test_uniform_days_cover_every_day_of_the_range_and_no_other() -> None:
    rng = np.random.default_rng(2)
    n = 30_000
    low, high = np.full(n, 5, dtype=np.int32), np.full(n, 14, dtype=np.int32)
    days = draws.uniform_days(rng, low, high)
    assert days.dtype == np.int32
    counts = np.bincount(days - 5, minlength=10)
    assert counts.size == 10
    assert stats.chisquare(counts).pvalue > 0.001
    single = draws.uniform_days(rng, np.array([7, 9]), np.array([7, 9]))
    assert single.tolist() == [7, 9]


@pytest.mark.parametrize("offset", [0, -100, 40_000])
def test_day_order_is_a_stable_sort(offset: int) -> None:
    rng = np.random.default_rng(3)
    day = rng.integers(0, 50, 5_000).astype(np.int32) + offset
    order = draws.day_order(day)
    np.testing.assert_array_equal(order, np.argsort(day, kind="stable"))
    assert draws.day_order(np.array([], dtype=np.int32)).size == 0


def test_month_grid_matches_the_calendar() -> None:
    starts, lengths = draws.month_grid()
    months = pd.period_range(DATA_START, DATA_END, freq="M")
    assert starts.size == lengths.size == len(months)
    expected_starts = [(m.start_time.date() - DATA_START).days for m in months]
    assert starts.tolist() == expected_starts
    assert lengths.tolist() == [m.days_in_month for m in months]


def test_month_index_is_the_position_in_the_month_grid() -> None:
    starts, _ = draws.month_grid()
    for day in (DATA_START, dt.date(2025, 2, 17), DATA_END):
        index = draws.month_index(day)
        assert starts[index] <= draws.day_index(day)
        assert index == starts.size - 1 or draws.day_index(day) < starts[index + 1]
