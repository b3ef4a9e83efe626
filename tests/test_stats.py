"""Tests for campaign_eval.stats: CONVENTIONS reference cases, oracles, properties, simulation."""

import dataclasses
import math
import re

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps
from statsmodels.stats import proportion as sm_proportion
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

from campaign_eval import stats


def sig(x: float, digits: int = 6) -> float:
    """Round to ``digits`` significant digits, the precision CONVENTIONS quotes."""
    return float(f"{x:.{digits - 1}e}")


def fields_of(result: object) -> dict[str, object]:
    return {f.name: getattr(result, f.name) for f in dataclasses.fields(result)}


def assert_same_result(a: object, b: object, rel: float = 1e-9) -> None:
    """Every field equal: strings exactly, numbers to ``rel``, NaN equal to NaN."""
    assert type(a) is type(b)
    for name, value_a in fields_of(a).items():
        value_b = getattr(b, name)
        if isinstance(value_a, str):
            assert value_a == value_b, name
        else:
            assert value_a == pytest.approx(value_b, rel=rel, abs=1e-12, nan_ok=True), name


# --------------------------------------------------------------------------------------------------
# Reference cases from CONVENTIONS.md, to 6 significant digits
# --------------------------------------------------------------------------------------------------


def test_r1_two_proportions_wald() -> None:
    res = stats.compare_proportions(232, 1450, 180, 1500)
    assert res.method == "unpooled Wald z-test, Wald CI"
    assert sig(res.diff) == 0.04  # CONVENTIONS R1: Diff 0.04
    assert sig(res.statistic) == 3.13218  # CONVENTIONS R1: unpooled Wald z
    assert sig(res.p_value) == 0.00173513  # CONVENTIONS R1: unpooled Wald p
    low, high = res.ci_low, res.ci_high
    assert sig(low) == 0.0149700  # R: prop.test(c(232,180), c(1450,1500), correct=FALSE)
    assert sig(high) == 0.0650300  # R: prop.test(c(232,180), c(1450,1500), correct=FALSE)


def test_r1_fisher_p_on_the_exact_path() -> None:
    # The public function takes the exact path only for small counts; call it directly here.
    res = stats._compare_proportions_exact(232, 1450, 180, 1500, alpha=0.05)
    assert res.method == "Fisher exact test, Newcombe hybrid score CI"
    assert sig(res.p_value) == 0.00203508  # CONVENTIONS R1: Fisher exact p
    assert res.p_value == pytest.approx(sps.fisher_exact([[232, 1218], [180, 1320]]).pvalue)


def test_r3_welch_from_summaries() -> None:
    res = stats.compare_means_from_stats(3.81, 1.05, 380, 3.62, 1.10, 400)
    assert res.method == "Welch t-test, Welch CI"
    assert sig(res.statistic) == 2.46809  # CONVENTIONS R3: t
    assert sig(res.df) == 777.982  # CONVENTIONS R3: df
    assert sig(res.p_value) == 0.0137976  # CONVENTIONS R3: p
    assert sig(res.ci_low) == 0.0388818  # CONVENTIONS R3: CI
    assert sig(res.ci_high) == 0.341118  # CONVENTIONS R3: CI


def test_r4_sample_size_power_and_mde() -> None:
    size = stats.sample_size_proportions(0.12, 0.20)
    assert sig(size.n_control_exact, 7) == 328.4715  # R `power.prop.test(p1=.12, p2=.20, power=.8)`
    assert size.n_control == 329  # R `power.prop.test(p1=.12, p2=.20, power=.8)`, rounded up
    assert size.n_treatment == 329  # R `power.prop.test(p1=.12, p2=.20, power=.8)`, rounded up
    power = stats.power_proportions(0.12, 0.20, 330)
    assert sig(power.power) == 0.801826  # CONVENTIONS R4: Power at 330 per arm
    mde = stats.mde_proportions(0.12, 500)
    assert sig(mde.target) == 0.183496  # CONVENTIONS R4: MDE at 500 per arm from 12%: 18.3496%
    assert mde.effect == pytest.approx(mde.target - 0.12)
    assert mde.rel_effect == pytest.approx(mde.target / 0.12 - 1)


def test_r6_paired_t() -> None:
    before = [3, 4, 2, 3, 5, 3, 2, 4, 3, 3, 4, 2]
    after = [4, 4, 3, 4, 5, 4, 3, 4, 3, 4, 5, 3]
    res = stats.paired_change(before, after)
    assert sig(res.statistic) == 4.69042  # CONVENTIONS R6: paired t
    assert res.df == 11  # CONVENTIONS R6: df 11
    assert sig(res.p_value) == 0.000660314  # CONVENTIONS R6: p
    assert sig(res.ci_low) == 0.353832  # CONVENTIONS R6: CI
    assert sig(res.ci_high) == 0.979501  # CONVENTIONS R6: CI


def test_r6_mcnemar_without_continuity_correction() -> None:
    res = stats.mcnemar(20, 45)
    assert res.method == "McNemar chi-square test without continuity correction"
    assert sig(res.statistic) == 9.61538  # CONVENTIONS R6: McNemar chi2, no continuity correction
    assert sig(res.p_value) == 0.00192954  # CONVENTIONS R6: McNemar p


def test_r7_difference_in_differences() -> None:
    res = stats.diff_in_diff_proportions(100, 1000, 160, 1000, 110, 1000, 120, 1000)
    assert sig(res.diff) == 0.05  # CONVENTIONS R7: DiD
    assert sig(res.se) == 0.0206857  # CONVENTIONS R7: SE
    assert sig(res.statistic) == 2.41712  # CONVENTIONS R7: z
    assert sig(res.p_value) == 0.0156437  # CONVENTIONS R7: p
    assert sig(res.ci_low) == 0.00945669  # CONVENTIONS R7: CI
    assert sig(res.ci_high) == 0.0905433  # CONVENTIONS R7: CI


def test_r8_nps() -> None:
    res = stats.compare_nps(180, 150, 70, 140, 160, 100)
    assert sig(res.value_treatment) == 27.5  # CONVENTIONS R8: NPS 27.5
    assert sig(res.value_control) == 10.0  # CONVENTIONS R8: NPS 10.0
    assert sig(res.diff) == 17.5  # CONVENTIONS R8: difference 17.5 points
    assert sig(res.se) == 5.33708  # CONVENTIONS R8: SE 5.33708 points
    assert sig(res.statistic) == 3.27895  # CONVENTIONS R8: z
    assert sig(res.p_value) == 0.00104194  # CONVENTIONS R8: p


def test_r10_holm_and_benjamini_hochberg() -> None:
    p = [0.01, 0.04, 0.03, 0.20]
    holm = stats.adjust_pvalues(p)
    assert [sig(x) for x in holm.p_adjusted] == [0.04, 0.09, 0.09, 0.20]  # CONVENTIONS R10: Holm
    bh = stats.adjust_pvalues(p, "fdr_bh")
    bh_p = [sig(x) for x in bh.p_adjusted]
    assert bh_p == [0.04, 0.0533333, 0.0533333, 0.20]  # CONVENTIONS R10: Benjamini-Hochberg
    assert holm.p_raw == tuple(p)


def test_r11_sample_ratio() -> None:
    res = stats.sample_ratio_test([5100, 4900], [0.5, 0.5])
    assert sig(res.statistic) == 4  # CONVENTIONS R11: chi2 = 4
    assert sig(res.p_value) == 0.0455003  # CONVENTIONS R11: p
    assert not res.flagged  # p = 0.0455 is not below SRM_ALPHA = 0.001


# --------------------------------------------------------------------------------------------------
# Oracles: scipy, statsmodels and direct computations
# --------------------------------------------------------------------------------------------------


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


def cuped_data(
    rng: np.random.Generator, n_t: int, n_c: int, effect: float
) -> tuple[np.ndarray, ...]:
    x_t, x_c = rng.gamma(3.0, 40.0, size=n_t), rng.gamma(3.0, 40.0, size=n_c)
    y_t = 20 + 0.8 * x_t + rng.normal(0, 30, size=n_t) + effect
    y_c = 20 + 0.8 * x_c + rng.normal(0, 30, size=n_c)
    return y_t, y_c, x_t, x_c


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


def test_nps_variance_is_the_variance_of_plus_one_zero_minus_one_scores() -> None:
    scores_t = np.repeat([1.0, 0.0, -1.0], [50, 30, 20])
    scores_c = np.repeat([1.0, 0.0, -1.0], [40, 35, 25])
    res = stats.compare_nps(50, 30, 20, 40, 35, 25)
    se = 100 * math.sqrt(scores_t.var() / 100 + scores_c.var() / 100)
    assert res.se == pytest.approx(se)
    assert res.diff == pytest.approx(100 * (scores_t.mean() - scores_c.mean()))


def test_diff_in_diff_means_by_hand() -> None:
    res = stats.diff_in_diff_means_from_stats(
        100, 40, 400, 130, 45, 420, 105, 42, 390, 110, 44, 410, alpha=0.1
    )
    se = math.sqrt(40**2 / 400 + 45**2 / 420 + 42**2 / 390 + 44**2 / 410)
    assert res.diff == pytest.approx(25.0)
    assert res.se == pytest.approx(se)
    assert res.p_value == pytest.approx(2 * sps.norm.sf(25 / se))
    assert res.ci_low == pytest.approx(25 - sps.norm.ppf(0.95) * se)
    assert (res.n_treatment, res.n_control) == (820, 800)


def test_mann_whitney_matches_scipy_and_counts_version() -> None:
    rng = np.random.default_rng(5)
    t = rng.integers(1, 6, size=60).astype(float)
    c = rng.integers(1, 5, size=70).astype(float)
    res = stats.mann_whitney(t, c)
    scipy_res = sps.mannwhitneyu(t, c, alternative="two-sided")
    assert res.statistic == scipy_res.statistic
    assert res.p_value == pytest.approx(scipy_res.pvalue)
    pairs = (t[:, None] > c[None, :]).mean() + 0.5 * (t[:, None] == c[None, :]).mean()
    assert res.prob_superiority == pytest.approx(pairs)
    counts_t = [int((t == k).sum()) for k in range(1, 6)]
    counts_c = [int((c == k).sum()) for k in range(1, 6)]
    assert_same_result(stats.mann_whitney_from_counts(counts_t, counts_c), res)


def test_wilson_interval_matches_statsmodels() -> None:
    res = stats.wilson_interval(37, 120, alpha=0.1)
    assert (res.ci_low, res.ci_high) == pytest.approx(
        proportion_confint(37, 120, alpha=0.1, method="wilson")
    )
    assert res.proportion == pytest.approx(37 / 120)


# --------------------------------------------------------------------------------------------------
# Power, sample size, MDE
# --------------------------------------------------------------------------------------------------


def test_mde_and_sample_size_are_inverse_for_proportions() -> None:
    for direction in ("increase", "decrease"):
        mde = stats.mde_proportions(0.3, 800, direction=direction)
        assert (mde.target > 0.3) == (direction == "increase")
        size = stats.sample_size_proportions(0.3, mde.target)
        # The MDE counts both tails, the sample size only the near one: a tiny mismatch.
        assert size.n_control_exact == pytest.approx(800, rel=1e-5)


def test_ratio_is_treatment_over_control() -> None:
    size = stats.sample_size_proportions(0.12, 0.20, ratio=2.0)
    assert size.n_treatment_exact == pytest.approx(2 * size.n_control_exact)
    power = stats.power_proportions(0.12, 0.20, size.n_control_exact, ratio=2.0)
    assert power.power == pytest.approx(0.8, abs=1e-6)


def test_sample_size_means_agrees_with_normal_ind_power() -> None:
    size = stats.sample_size_means(sd=120.0, mde=15.0, ratio=1.5)
    n1 = NormalIndPower().solve_power(effect_size=15 / 120, alpha=0.05, power=0.8, ratio=1 / 1.5)
    # statsmodels' sample 1 is treatment here, with nobs2 = nobs1 / 1.5 control customers.
    assert size.n_treatment_exact == pytest.approx(n1, rel=1e-5)
    assert size.n_control == math.ceil(size.n_control_exact)
    mde = stats.mde_means(120.0, size.n_control_exact, ratio=1.5)
    assert mde.effect == pytest.approx(15.0, rel=1e-5)  # far tail counted only by the MDE


def test_mde_unreachable_is_nan_with_note() -> None:
    res = stats.mde_proportions(0.5, 5, power=0.99)
    assert math.isnan(res.target)
    assert res.note == "no target proportion reaches power 0.99 with n_control=5.0"


# --------------------------------------------------------------------------------------------------
# Multiplicity and design checks
# --------------------------------------------------------------------------------------------------


def test_nan_pvalues_pass_through_and_leave_the_family() -> None:
    res = stats.adjust_pvalues([0.01, math.nan, 0.04])
    assert res.n_tests == 2
    assert res.p_adjusted[0] == pytest.approx(0.02)
    assert math.isnan(res.p_adjusted[1])
    assert res.p_adjusted[2] == pytest.approx(0.04)
    assert res.rejected == (True, False, True)


def test_sample_ratio_mismatch_is_flagged() -> None:
    res = stats.sample_ratio_test([5300, 4700], [50, 50], arms=["treatment", "control"])
    assert res.flagged
    assert res.p_value < stats.SRM_ALPHA
    assert res.expected_shares == (0.5, 0.5)


# --------------------------------------------------------------------------------------------------
# Properties over seeded random inputs
# --------------------------------------------------------------------------------------------------


def excludes_zero(res: stats.Comparison) -> bool:
    return res.ci_low > 0 or res.ci_high < 0


def swapped_ok(res: stats.Comparison, swapped: stats.Comparison) -> None:
    assert swapped.diff == pytest.approx(-res.diff, abs=1e-12)
    assert swapped.ci_low == pytest.approx(-res.ci_high, abs=1e-12)
    assert swapped.ci_high == pytest.approx(-res.ci_low, abs=1e-12)
    assert swapped.p_value == pytest.approx(res.p_value, rel=1e-9)


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


# --------------------------------------------------------------------------------------------------
# Small samples and degenerate inputs
# --------------------------------------------------------------------------------------------------


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


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: stats.compare_proportions(0, 0, 5, 10),
            "n_treatment must be at least 1 (an empty arm has nothing to compare); got 0",
        ),
        (lambda: stats.compare_means_from_stats(1, 1, 5, 1, 1, 0), "n_c must be at least 1"),
        (lambda: stats.compare_means([], [1.0, 2.0]), "treatment is empty"),
        (lambda: stats.compare_nps(0, 0, 0, 5, 5, 5), "promoters_t + passives_t + detractors_t"),
        (
            lambda: stats.compare_proportions(11, 10, 5, 10),
            "successes_treatment must not exceed n_treatment=10; got 11",
        ),
        (
            lambda: stats.compare_proportions(5, 10, -1, 10),
            "successes_control must be a non-negative whole number; got -1",
        ),
        (lambda: stats.compare_proportions(2.5, 10, 1, 10), "got 2.5"),
        (lambda: stats.compare_means_from_stats(1, -1, 5, 1, 1, 5), "sd_t must be non-negative"),
        (lambda: stats.compare_means_from_sums(5, 10.0, 1.0, 5, 10.0, 30.0), "inconsistent"),
        (lambda: stats.compare_means([1.0, math.nan], [1.0, 2.0]), "1 non-finite values"),
        (lambda: stats.compare_proportions(5, 10, 5, 10, alpha=1.5), "alpha must be between 0"),
        (
            lambda: stats.compare_means([1.0, 2.0], [1.0, 2.0], covariate_treatment=[1.0, 2.0]),
            "give both covariate_treatment and covariate_control",
        ),
        (
            lambda: stats.adjust_pvalues([0.1], "bonferroni"),
            "method must be one of 'holm', 'fdr_bh'; got 'bonferroni'",
        ),
        (
            lambda: stats.mde_proportions(0.1, 100, direction="up"),
            "direction must be one of 'increase', 'decrease'; got 'up'",
        ),
        (lambda: stats.adjust_pvalues([0.1, 1.2]), "pvalues must be in [0, 1] or NaN; got [1.2]"),
        (lambda: stats.sample_ratio_test([10, 10], [1, 0]), "expected_shares[1] must be positive"),
        (lambda: stats.paired_change([1.0, 2.0], [1.0]), "before has 2 values but after has 1"),
    ],
)
def test_invalid_input_raises_naming_the_argument(call, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        call()


def test_relative_lift_with_zero_control_is_nan_with_note() -> None:
    res = stats.compare_proportions(15, 100, 0, 100)
    assert math.isnan(res.rel_lift)
    assert "control value is 0: relative lift undefined" in res.note
    means = stats.compare_means_from_stats(2.0, 1.0, 30, 0.0, 1.0, 30)
    assert math.isnan(means.rel_lift)
    assert means.note == "control value is 0: relative lift undefined"


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


# --------------------------------------------------------------------------------------------------
# Result types
# --------------------------------------------------------------------------------------------------

COMPARISON_COLUMNS = [
    "metric_kind",
    "method",
    "n_treatment",
    "n_control",
    "value_treatment",
    "value_control",
    "diff",
    "se",
    "statistic",
    "df",
    "ci_low",
    "ci_high",
    "p_value",
    "alpha",
    "rel_lift",
    "rel_ci_low",
    "rel_ci_high",
    "variance_reduction",
    "note",
]


def test_comparison_is_frozen_and_has_documented_columns() -> None:
    res = stats.compare_proportions(232, 1450, 180, 1500)
    with pytest.raises(dataclasses.FrozenInstanceError):
        res.p_value = 0.5  # type: ignore[misc]
    assert not hasattr(res, "__dict__")
    frame = res.to_frame()
    assert list(frame.columns) == COMPARISON_COLUMNS
    assert len(frame) == 1
    assert frame.loc[0, "p_value"] == res.p_value
    assert res._repr_html_() == frame.to_html()


@pytest.mark.parametrize(
    "result",
    [
        stats.paired_change([1, 2, 3, 4], [2, 2, 4, 5]),
        stats.mcnemar(3, 9),
        stats.mann_whitney([1, 2, 3], [2, 3, 4]),
        stats.sample_size_proportions(0.1, 0.15),
        stats.wilson_interval(3, 10),
    ],
    ids=lambda r: type(r).__name__,
)
def test_one_row_results_are_frozen_with_one_column_per_field(result: object) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.method = "changed"  # type: ignore[attr-defined]
    frame = result.to_frame()  # type: ignore[attr-defined]
    assert list(frame.columns) == [f.name for f in dataclasses.fields(result)]
    assert len(frame) == 1


def test_tidy_frames() -> None:
    adjusted = stats.adjust_pvalues([0.01, 0.04], "fdr_bh").to_frame()
    assert list(adjusted.columns) == ["p_raw", "p_adjusted", "rejected", "method"]
    assert len(adjusted) == 2
    srm = stats.sample_ratio_test([510, 490], [1, 1], arms=["treatment", "control"])
    frame = srm.to_frame()
    assert list(frame.columns) == [
        "arm",
        "observed",
        "expected",
        "observed_share",
        "expected_share",
        "statistic",
        "p_value",
        "flagged",
    ]
    assert frame["expected"].tolist() == [500.0, 500.0]
    assert "<table" in srm._repr_html_()


# --------------------------------------------------------------------------------------------------
# Simulation: coverage and false-positive rate (seeded)
# --------------------------------------------------------------------------------------------------

N_CAMPAIGNS = 2000


def simulate_proportions(rng: np.random.Generator, effect: float) -> pd.DataFrame:
    n_t, n_c, p_c = 900, 1000, 0.15
    s_t = rng.binomial(n_t, p_c + effect, size=N_CAMPAIGNS)
    s_c = rng.binomial(n_c, p_c, size=N_CAMPAIGNS)
    rows = [stats.compare_proportions(a, n_t, b, n_c) for a, b in zip(s_t, s_c, strict=True)]
    return pd.DataFrame([fields_of(r) for r in rows])


def simulate_means(rng: np.random.Generator, effect: float, *, cuped: bool) -> pd.DataFrame:
    rows = []
    for _ in range(N_CAMPAIGNS):
        y_t, y_c, x_t, x_c = cuped_data(rng, 80, 100, effect)
        covariates = {"covariate_treatment": x_t, "covariate_control": x_c} if cuped else {}
        rows.append(stats.compare_means(y_t, y_c, **covariates))
    return pd.DataFrame([fields_of(r) for r in rows])


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["proportions", "means", "cuped"])
def test_simulated_coverage_and_false_positive_rate(kind: str) -> None:
    rng = np.random.default_rng(20260630)
    effect = 0.03 if kind == "proportions" else 8.0

    def run(true_effect: float) -> pd.DataFrame:
        if kind == "proportions":
            return simulate_proportions(rng, true_effect)
        return simulate_means(rng, true_effect, cuped=kind == "cuped")

    with_effect = run(effect)
    coverage = ((with_effect.ci_low <= effect) & (effect <= with_effect.ci_high)).mean()
    assert 0.935 <= coverage <= 0.965
    null = run(0.0)
    false_positive_rate = (null.p_value < 0.05).mean()
    assert 0.035 <= false_positive_rate <= 0.065
    if kind == "cuped":
        assert with_effect.variance_reduction.mean() > 0.5


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


def test_power_means_inverts_mde_means():
    mde = stats.mde_means(12.0, 400, alpha=0.05, power=0.8, ratio=4.0)
    power = stats.power_means(12.0, mde.effect, 400, alpha=0.05, ratio=4.0)
    assert power.power == pytest.approx(0.8, rel=1e-6)
    assert power.power == pytest.approx(
        NormalIndPower().power(mde.effect / 12.0, 400, 0.05, ratio=4.0)
    )
