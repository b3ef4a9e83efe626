"""Welch from summaries, sums and raw values; one mean; the standardized difference."""

import math

import numpy as np
import pytest
from scipy import stats as sps

from campaign_eval import stats
from tests.stats._helpers import assert_same_result, excludes_zero, sig, swapped_ok


def test_r3_welch_from_summaries() -> None:
    res = stats.compare_means_from_stats(3.81, 1.05, 380, 3.62, 1.10, 400)
    assert res.method == "Welch t-test, Welch CI"
    assert sig(res.statistic) == 2.46809  # methods.md R3: t
    assert sig(res.df) == 777.982  # methods.md R3: df
    assert sig(res.p_value) == 0.0137976  # methods.md R3: p
    assert sig(res.ci_low) == 0.0388818  # methods.md R3: CI
    assert sig(res.ci_high) == 0.341118  # methods.md R3: CI


def test_means_from_sums_equals_from_stats_equals_scipy_welch() -> None:
    rng = np.random.default_rng(7)
    y_t, y_c = rng.gamma(4.0, 30.0, size=150), rng.gamma(4.0, 27.0, size=170)
    from_sums = stats.compare_means_from_sums(
        y_t.size, y_t.sum(), (y_t**2).sum(), y_c.size, y_c.sum(), (y_c**2).sum()
    )
    from_stats = stats.compare_means_from_stats(
        y_t.mean(), y_t.std(ddof=1), y_t.size, y_c.mean(), y_c.std(ddof=1), y_c.size
    )
    raw = stats.compare_means(y_t, y_c)
    assert_same_result(from_sums, from_stats)
    assert_same_result(raw, from_stats)
    scipy_res = sps.ttest_ind(y_t, y_c, equal_var=False)
    ci = scipy_res.confidence_interval(0.95)
    assert raw.statistic == pytest.approx(scipy_res.statistic, rel=1e-10)
    assert raw.p_value == pytest.approx(scipy_res.pvalue, rel=1e-10)
    assert raw.df == pytest.approx(scipy_res.df, rel=1e-10)
    assert (raw.ci_low, raw.ci_high) == pytest.approx((ci.low, ci.high), rel=1e-10)


def test_means_from_sums_survives_cancellation_with_a_large_offset() -> None:
    # Regression guard: sum(y**2) - sum(y)**2 / n loses digits when the mean dwarfs the spread.
    rng = np.random.default_rng(8)
    y_t, y_c = 1e4 + rng.normal(0, 1, 200), 1e4 + rng.normal(0.3, 1, 200)
    res = stats.compare_means_from_sums(
        200, y_t.sum(), (y_t**2).sum(), 200, y_c.sum(), (y_c**2).sum()
    )
    scipy_res = sps.ttest_ind(y_t, y_c, equal_var=False)
    assert res.statistic == pytest.approx(scipy_res.statistic, rel=1e-5)


def test_properties_welch() -> None:
    rng = np.random.default_rng(99)
    for _ in range(300):
        n_t, n_c = rng.integers(2, 2000, size=2)
        mean_t, mean_c = rng.uniform(1, 100, size=2)
        sd_t, sd_c = rng.uniform(0.5, 80, size=2)
        alpha = rng.choice([0.01, 0.05, 0.1])
        res = stats.compare_means_from_stats(mean_t, sd_t, n_t, mean_c, sd_c, n_c, alpha=alpha)
        assert res.ci_low <= res.diff <= res.ci_high
        assert res.rel_ci_low <= res.rel_lift <= res.rel_ci_high
        assert (res.p_value < alpha) == excludes_zero(res)
        swapped = stats.compare_means_from_stats(mean_c, sd_c, n_c, mean_t, sd_t, n_t, alpha=alpha)
        swapped_ok(res, swapped)


def test_zero_variance_in_both_arms_gives_nan_with_note() -> None:
    for res in (
        stats.compare_means_from_stats(3.0, 0.0, 10, 2.0, 0.0, 5),
        stats.compare_means([3.0] * 10, [2.0] * 5),
        stats.compare_means_from_sums(10, 30.0, 90.0, 5, 10.0, 20.0),
    ):
        assert res.diff == 1.0
        assert res.se == 0.0
        assert math.isnan(res.p_value)
        assert math.isnan(res.ci_low)
        assert res.note.startswith("both arms have zero variance: no test possible")


def test_single_observation_gives_nan_with_reason() -> None:
    res = stats.compare_means_from_stats(5.0, math.nan, 1, 2.0, 1.0, 8)
    assert res.diff == 3.0
    assert math.isnan(res.p_value)
    assert res.note == "treatment arm has n=1: no variance estimate"
    raw = stats.compare_means([5.0], [1.0, 2.0, 3.0])
    assert raw.note == "treatment arm has n=1: no variance estimate"
    paired = stats.paired_change([1.0], [2.0])
    assert math.isnan(paired.p_value)
    assert paired.note == "n=1: no variance estimate"


def test_mean_interval_matches_scipy_t_interval():
    values = np.array([4.0, 5.0, 3.0, 5.0, 4.0, 2.0, 5.0])
    got = stats.mean_interval(len(values), values.sum(), (values**2).sum(), alpha=0.1)
    low, high = sps.t.interval(0.9, len(values) - 1, loc=values.mean(), scale=sps.sem(values))
    assert got.mean == pytest.approx(values.mean())
    assert (got.ci_low, got.ci_high) == (
        pytest.approx(low, rel=1e-12),
        pytest.approx(high, rel=1e-12),
    )
    single = stats.mean_interval(1, 4.0, 16.0)
    assert np.isnan(single.ci_low) and single.note == "one value: no variance"


def test_standardized_difference_against_a_direct_computation() -> None:
    rng = np.random.default_rng(8)
    t, c = rng.normal(1.0, 2.0, 300), rng.normal(0.8, 3.0, 400)
    expected = (t.mean() - c.mean()) / np.sqrt((t.var(ddof=1) + c.var(ddof=1)) / 2)
    got = stats.standardized_difference(t.mean() - c.mean(), t.std(ddof=1), c.std(ddof=1))
    assert got == pytest.approx(expected, rel=1e-12)
    assert math.isnan(stats.standardized_difference(1.0, math.nan, 1.0))
    assert math.isnan(stats.standardized_difference(1.0, 0.0, 0.0))


def test_moments_from_sums_equal_numpy() -> None:
    values = np.random.default_rng(4).gamma(2.0, 50.0, 1000) + 1e6  # a large offset
    n, total, total_sq = values.size, values.sum(), (values**2).sum()
    assert stats.mean_from_sums(n, total) == pytest.approx(values.mean(), rel=1e-12)
    assert stats.sd_from_sums(n, total, total_sq) == pytest.approx(values.std(ddof=1), rel=1e-5)
    assert math.isnan(stats.sd_from_sums(1, 3.0, 9.0))
    assert math.isnan(stats.mean_from_sums(0, 0.0))


def test_variance_of_a_group_mean_from_its_sums() -> None:
    values = np.random.default_rng(5).normal(10, 3, 400)
    got = stats.variance_of_mean("mean", values.size, values.sum(), (values**2).sum())
    assert got == pytest.approx(values.var(ddof=1) / values.size, rel=1e-9)
    hits = np.r_[np.ones(30), np.zeros(70)]
    assert stats.variance_of_mean("proportion", 100, 30, 30) == pytest.approx(0.3 * 0.7 / 100)
    assert stats.variance_of_mean("proportion", 100, 30, 30) == pytest.approx(hits.var() / 100)
    assert math.isnan(stats.variance_of_mean("mean", 0, 0.0, 0.0))
