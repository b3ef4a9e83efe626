"""Paired t, Wilcoxon and McNemar: R6, scipy, and the from-sums and change variants."""

import math

import numpy as np
import pytest
from scipy import stats as sps

from campaign_eval import stats
from tests.stats._helpers import sig


def test_r6_paired_t() -> None:
    before = [3, 4, 2, 3, 5, 3, 2, 4, 3, 3, 4, 2]
    after = [4, 4, 3, 4, 5, 4, 3, 4, 3, 4, 5, 3]
    res = stats.paired_change(before, after)
    assert sig(res.statistic) == 4.69042  # methods.md R6: paired t
    assert res.df == 11  # methods.md R6: df 11
    assert sig(res.p_value) == 0.000660314  # methods.md R6: p
    assert sig(res.ci_low) == 0.353832  # methods.md R6: CI
    assert sig(res.ci_high) == 0.979501  # methods.md R6: CI


def test_r6_mcnemar_without_continuity_correction() -> None:
    res = stats.mcnemar(20, 45)
    assert res.method == "McNemar chi-square test without continuity correction"
    assert sig(res.statistic) == 9.61538  # methods.md R6: McNemar chi2, no continuity correction
    assert sig(res.p_value) == 0.00192954  # methods.md R6: McNemar p


def test_paired_change_matches_scipy() -> None:
    rng = np.random.default_rng(3)
    before = rng.integers(1, 6, size=40).astype(float)
    after = np.clip(before + rng.integers(-1, 3, size=40), 1, 5)
    res = stats.paired_change(before, after, alpha=0.1)
    t_res = sps.ttest_rel(after, before)
    ci = t_res.confidence_interval(0.9)
    w_res = sps.wilcoxon(after - before)
    assert res.statistic == pytest.approx(t_res.statistic)
    assert res.p_value == pytest.approx(t_res.pvalue)
    assert (res.ci_low, res.ci_high) == pytest.approx((ci.low, ci.high))
    assert res.wilcoxon_p_value == pytest.approx(w_res.pvalue)
    assert res.wilcoxon_statistic == pytest.approx(w_res.statistic)


def test_mcnemar_small_counts_use_exact_binomial() -> None:
    res = stats.mcnemar(5, 12)
    assert res.method == "exact McNemar test (binomial)"
    assert res.p_value == pytest.approx(sps.binomtest(5, 17, 0.5).pvalue)
    assert res.statistic == pytest.approx((5 - 12) ** 2 / 17)
    assert res.note == "17 discordant pairs (fewer than 25): exact test"


def test_degenerate_before_after_and_mcnemar() -> None:
    same = stats.paired_change([1.0, 2.0, 3.0], [1.0, 2.0, 3.0])
    assert math.isnan(same.p_value)
    assert math.isnan(same.wilcoxon_p_value)
    assert same.note == (
        "every difference is the same: no t-test possible; every difference is 0: no Wilcoxon test"
    )
    none = stats.mcnemar(0, 0)
    assert math.isnan(none.p_value)
    assert none.note == "no discordant pairs: no test possible"


R6_BEFORE = [3, 4, 2, 3, 5, 3, 2, 4, 3, 3, 4, 2]
R6_AFTER = [4, 4, 3, 4, 5, 4, 3, 4, 3, 4, 5, 3]


def test_paired_change_from_sums_is_the_paired_t_test_on_the_values() -> None:
    d = np.subtract(R6_AFTER, R6_BEFORE, dtype=float)
    res = stats.paired_change_from_sums(d.size, d.sum(), (d * d).sum())
    assert sig(res.statistic) == 4.69042  # methods.md R6: paired t
    assert res.df == 11  # methods.md R6: df 11
    assert sig(res.p_value) == 0.000660314  # methods.md R6: p (t with 11 df, not z)
    assert sig(res.ci_low) == 0.353832  # methods.md R6: CI
    assert sig(res.ci_high) == 0.979501  # methods.md R6: CI
    scipy_res = sps.ttest_rel(R6_AFTER, R6_BEFORE)
    assert res.p_value == pytest.approx(scipy_res.pvalue, rel=1e-10)


def test_paired_change_from_sums_degenerate_cases() -> None:
    one = stats.paired_change_from_sums(1, 2.0, 4.0)
    assert (
        one.mean_diff == 2.0 and math.isnan(one.p_value) and one.note == "n=1: no variance estimate"
    )
    same = stats.paired_change_from_sums(3, 3.0, 3.0)
    assert same.se == 0.0 and math.isnan(same.p_value)


def test_mcnemar_change_matches_the_paired_wald_interval_and_mcnemar_p() -> None:
    # 1,000 customers: 45 went no -> yes, 20 yes -> no (the R6 discordant pairs).
    res = stats.mcnemar_change(1000, yes_to_no=20, no_to_yes=45)
    assert res.mean_diff == pytest.approx(0.025)
    assert sig(res.statistic) == 9.61538  # methods.md R6: McNemar chi2
    assert sig(res.p_value) == 0.00192954  # methods.md R6: McNemar p
    # Agresti 10.1.1 by hand: var = ((b + c) / n - ((c - b) / n)**2) / n
    var = (65 / 1000 - 0.025**2) / 1000
    half = sps.norm.ppf(0.975) * math.sqrt(var)
    assert (res.ci_low, res.ci_high) == (
        pytest.approx(0.025 - half, rel=1e-12),
        pytest.approx(0.025 + half, rel=1e-12),
    )
    none = stats.mcnemar_change(10, 0, 0)
    assert none.se == 0.0 and math.isnan(none.ci_low)
    with pytest.raises(ValueError, match="must not exceed n=10"):
        stats.mcnemar_change(10, 6, 6)
