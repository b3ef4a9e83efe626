"""Totals of incremental value: the sum, its standard error and the two-sided interval."""

import math

import numpy as np
import pytest
from scipy import stats as sps

from campaign_eval import stats


def test_incremental_total_by_hand() -> None:
    res = stats.incremental_total([2.0, -1.0], [0.5, 0.25], [100, 400], alpha=0.1)
    assert res.value == pytest.approx(2.0 * 100 - 1.0 * 400)
    se = math.sqrt((0.5 * 100) ** 2 + (0.25 * 400) ** 2)
    assert res.se == pytest.approx(se)
    half = sps.norm.ppf(0.95) * se  # two-sided at alpha 0.1
    assert (res.ci_low, res.ci_high) == (pytest.approx(-200 - half), pytest.approx(-200 + half))


def test_incremental_total_interval_covers_95_percent() -> None:
    rng = np.random.default_rng(11)
    truth = 3.0 * 100 + 1.0 * 50
    covered = 0
    runs = 2000
    for _ in range(runs):
        diffs = [rng.normal(3.0, 0.8), rng.normal(1.0, 1.5)]
        res = stats.incremental_total(diffs, [0.8, 1.5], [100, 50])
        covered += res.ci_low <= truth <= res.ci_high
    assert 0.935 <= covered / runs <= 0.965


def test_incremental_total_without_comparisons_and_with_bad_lengths() -> None:
    assert math.isnan(stats.incremental_total([], [], []).value)
    with pytest.raises(ValueError, match="one entry per comparison"):
        stats.incremental_total([1.0], [0.1, 0.2], [10])
