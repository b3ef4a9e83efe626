"""Two proportions (Wald; Fisher and Newcombe) and the Wilson interval: R1, statsmodels, properties."""

import math

import numpy as np
import pytest
from scipy import stats as sps
from statsmodels.stats import proportion as sm_proportion
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

from campaign_eval import stats
from tests.stats._helpers import excludes_zero, sig, swapped_ok


def test_r1_two_proportions_wald() -> None:
    res = stats.compare_proportions(232, 1450, 180, 1500)
    assert res.method == "unpooled Wald z-test, Wald CI"
    assert sig(res.diff) == 0.04  # methods.md R1: Diff 0.04
    assert sig(res.statistic) == 3.13218  # methods.md R1: unpooled Wald z
    assert sig(res.p_value) == 0.00173513  # methods.md R1: unpooled Wald p
    low, high = res.ci_low, res.ci_high
    assert sig(low) == 0.0149700  # R: prop.test(c(232,180), c(1450,1500), correct=FALSE)
    assert sig(high) == 0.0650300  # R: prop.test(c(232,180), c(1450,1500), correct=FALSE)


def test_r1_fisher_p_on_the_exact_path() -> None:
    # The public function takes the exact path only for small counts; call it directly here.
    res = stats.proportions._compare_proportions_exact(232, 1450, 180, 1500, alpha=0.05)
    assert res.method == "Fisher exact test, Newcombe hybrid score CI"
    assert sig(res.p_value) == 0.00203508  # methods.md R1: Fisher exact p
    assert res.p_value == pytest.approx(sps.fisher_exact([[232, 1218], [180, 1320]]).pvalue)


def test_wald_path_matches_statsmodels() -> None:
    res = stats.compare_proportions(90, 700, 70, 720, alpha=0.1)
    sm = sm_proportion.test_proportions_2indep(
        90, 700, 70, 720, method="wald", compare="diff", correction=False
    )
    low, high = confint_proportions_2indep(90, 700, 70, 720, method="wald", alpha=0.1)
    assert res.statistic == pytest.approx(sm.statistic, rel=1e-12)
    assert res.p_value == pytest.approx(sm.pvalue, rel=1e-12)
    assert (res.ci_low, res.ci_high) == pytest.approx((low, high), rel=1e-12)


def test_relative_lift_is_statsmodels_log_ratio_interval() -> None:
    res = stats.compare_proportions(232, 1450, 180, 1500)
    low, high = confint_proportions_2indep(232, 1450, 180, 1500, method="log", compare="ratio")
    assert res.rel_lift == pytest.approx((232 / 1450) / (180 / 1500) - 1)
    assert (res.rel_ci_low, res.rel_ci_high) == pytest.approx((low - 1, high - 1), rel=1e-12)


def test_properties_proportions_wald_path() -> None:
    rng = np.random.default_rng(2024)
    for _ in range(300):
        n_t, n_c = rng.integers(100, 5000, size=2)
        p = rng.uniform(0.1, 0.9, size=2)
        s_t, s_c = int(n_t * p[0]), int(n_c * p[1])
        alpha = rng.choice([0.01, 0.05, 0.1])
        res = stats.compare_proportions(s_t, n_t, s_c, n_c, alpha=alpha)
        assert res.method == "unpooled Wald z-test, Wald CI"
        assert res.ci_low <= res.diff <= res.ci_high
        assert res.rel_ci_low <= res.rel_lift <= res.rel_ci_high
        assert (res.p_value < alpha) == excludes_zero(res)
        swapped_ok(res, stats.compare_proportions(s_c, n_c, s_t, n_t, alpha=alpha))


def test_properties_proportions_exact_path() -> None:
    # Fisher's test and the Newcombe interval are separate procedures and may disagree on
    # significance near the boundary, so only containment and symmetry are checked here.
    rng = np.random.default_rng(2025)
    for _ in range(100):
        n_t, n_c = rng.integers(5, 60, size=2)
        s_t, s_c = int(rng.integers(0, n_t + 1)), int(rng.integers(0, 8))
        res = stats.compare_proportions(s_t, n_t, s_c, n_c)
        assert res.method == "Fisher exact test, Newcombe hybrid score CI"
        assert res.ci_low <= res.diff <= res.ci_high
        swapped_ok(res, stats.compare_proportions(s_c, n_c, s_t, n_t))


def test_small_counts_switch_to_fisher_and_newcombe() -> None:
    res = stats.compare_proportions(3, 40, 12, 40)
    assert res.method == "Fisher exact test, Newcombe hybrid score CI"
    assert res.p_value == pytest.approx(sps.fisher_exact([[3, 37], [12, 28]]).pvalue, rel=1e-12)
    low, high = confint_proportions_2indep(3, 40, 12, 40, method="newcomb", compare="diff")
    assert (res.ci_low, res.ci_high) == pytest.approx((low, high), rel=1e-12)
    assert math.isnan(res.statistic)
    assert res.note.startswith("exact path: treatment arm has 3 successes (fewer than 10)")
    # One more success and failure in each arm and the Wald path is back.
    assert stats.compare_proportions(10, 40, 12, 40).method == "unpooled Wald z-test, Wald CI"


def test_all_successes_in_both_arms_take_the_exact_path() -> None:
    res = stats.compare_proportions(20, 20, 30, 30)
    assert res.method == "Fisher exact test, Newcombe hybrid score CI"
    assert res.p_value == 1.0
    low, high = confint_proportions_2indep(20, 20, 30, 30, method="newcomb", compare="diff")
    assert (res.ci_low, res.ci_high) == pytest.approx((low, high))
    assert res.ci_low < 0 < res.ci_high
    assert math.isnan(res.rel_ci_low)
    assert "no sampling variation: no CI for the relative lift" in res.note
    assert stats.compare_proportions(0, 50, 0, 80).p_value == 1.0


def test_relative_lift_with_zero_control_is_nan_with_note() -> None:
    res = stats.compare_proportions(15, 100, 0, 100)
    assert math.isnan(res.rel_lift)
    assert "control value is 0: relative lift undefined" in res.note
    means = stats.compare_means_from_stats(2.0, 1.0, 30, 0.0, 1.0, 30)
    assert math.isnan(means.rel_lift)
    assert means.note == "control value is 0: relative lift undefined"


def test_wilson_interval_matches_statsmodels() -> None:
    res = stats.wilson_interval(37, 120, alpha=0.1)
    assert (res.ci_low, res.ci_high) == pytest.approx(
        proportion_confint(37, 120, alpha=0.1, method="wilson")
    )
    assert res.proportion == pytest.approx(37 / 120)
