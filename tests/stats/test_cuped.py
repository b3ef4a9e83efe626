"""CUPED: direct adjustment, sums against raw values, and the log-ratio interval's covariance term."""

import math

import numpy as np
import pytest
from scipy import stats as sps

from campaign_eval import stats
from tests.stats._helpers import assert_same_result, cuped_data, excludes_zero, swapped_ok


def test_cuped_matches_direct_adjustment_and_scipy_welch() -> None:
    y_t, y_c, x_t, x_c = cuped_data(np.random.default_rng(11), 120, 140, effect=5.0)
    res = stats.compare_means(y_t, y_c, covariate_treatment=x_t, covariate_control=x_c)
    x, y = np.concatenate([x_t, x_c]), np.concatenate([y_t, y_c])
    theta = np.cov(x, y)[0, 1] / x.var(ddof=1)
    adj_t, adj_c = y_t - theta * (x_t - x.mean()), y_c - theta * (x_c - x.mean())
    scipy_res = sps.ttest_ind(adj_t, adj_c, equal_var=False)
    ci = scipy_res.confidence_interval(0.95)
    assert res.method == "Welch t-test on CUPED-adjusted values, Welch CI"
    assert res.diff == pytest.approx(adj_t.mean() - adj_c.mean(), rel=1e-10)
    assert res.statistic == pytest.approx(scipy_res.statistic, rel=1e-10)
    assert res.p_value == pytest.approx(scipy_res.pvalue, rel=1e-10)
    assert res.df == pytest.approx(scipy_res.df, rel=1e-10)
    assert (res.ci_low, res.ci_high) == pytest.approx((ci.low, ci.high), rel=1e-10)
    y_adj = np.concatenate([adj_t, adj_c])
    assert res.variance_reduction == pytest.approx(1 - y_adj.var(ddof=1) / y.var(ddof=1), rel=1e-10)
    # Unadjusted means are reported; the relative lift is diff over the control's raw mean.
    assert res.value_control == pytest.approx(y_c.mean())
    assert res.rel_lift == pytest.approx(res.diff / y_c.mean(), rel=1e-12)
    assert res.rel_ci_low < res.rel_lift < res.rel_ci_high


def test_cuped_from_stats_equals_compare_means_with_covariates() -> None:
    y_t, y_c, x_t, x_c = cuped_data(np.random.default_rng(12), 90, 110, effect=3.0)
    raw = stats.compare_means(y_t, y_c, covariate_treatment=x_t, covariate_control=x_c)
    sums = stats.cuped_from_stats(
        *(y_t.size, y_t.sum(), y_t @ y_t, x_t.sum(), x_t @ x_t, x_t @ y_t),
        *(y_c.size, y_c.sum(), y_c @ y_c, x_c.sum(), x_c @ x_c, x_c @ y_c),
    )
    assert_same_result(sums, raw, rel=1e-8)


def test_cuped_with_constant_covariate_is_plain_welch() -> None:
    y_t, y_c = [1.0, 2.0, 4.0], [2.0, 3.0, 5.0, 3.0]
    res = stats.compare_means(y_t, y_c, covariate_treatment=[7.0] * 3, covariate_control=[7.0] * 4)
    plain = stats.compare_means(y_t, y_c)
    assert res.note == "covariate is constant: no CUPED adjustment"
    assert res.variance_reduction == 0
    assert (res.diff, res.p_value, res.ci_low) == pytest.approx(
        (plain.diff, plain.p_value, plain.ci_low)
    )


def test_properties_cuped_and_nps() -> None:
    rng = np.random.default_rng(5150)
    for _ in range(100):
        n_t, n_c = rng.integers(5, 200, size=2)
        y_t, y_c, x_t, x_c = cuped_data(rng, n_t, n_c, effect=rng.normal(0, 10))
        res = stats.compare_means(y_t, y_c, covariate_treatment=x_t, covariate_control=x_c)
        assert res.ci_low <= res.diff <= res.ci_high
        assert (res.p_value < res.alpha) == excludes_zero(res)
        swapped = stats.compare_means(y_c, y_t, covariate_treatment=x_c, covariate_control=x_t)
        swapped_ok(res, swapped)

        counts = rng.integers(1, 300, size=6)
        nps = stats.compare_nps(*counts)
        assert nps.ci_low <= nps.diff <= nps.ci_high
        assert (nps.p_value < nps.alpha) == excludes_zero(nps)
        swapped_ok(nps, stats.compare_nps(*counts[3:], *counts[:3]))


def test_log_ratio_interval_counts_the_covariance_with_a_minus_sign() -> None:
    # Independent oracle: simulate two strongly correlated estimates and measure the spread of
    # log(A / B) directly. Var(log A - log B) = Var A / a^2 + Var B / b^2 - 2 Cov / (a b).
    a, b = 10.0, 8.0
    cov = np.array([[0.04, 0.03], [0.03, 0.04]])
    draws = np.random.default_rng(3).multivariate_normal([a, b], cov, size=400_000)
    simulated_sd = np.log(draws[:, 0] / draws[:, 1]).std()
    lift = stats._inference._relative_lift(a, b, cov[0, 0], cov[1, 1], cov[0, 1], alpha=0.05)
    z = sps.norm.ppf(0.975)
    ratio = a / b
    half_width = math.log((1 + lift.ci_high) / ratio)
    assert half_width / z == pytest.approx(simulated_sd, rel=0.02)
    assert math.log(ratio / (1 + lift.ci_low)) == pytest.approx(half_width, rel=1e-12)
