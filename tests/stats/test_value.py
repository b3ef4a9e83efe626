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


def test_shared_control_total_with_one_arm_is_the_independent_total():
    arms = [(300, 5.0, 0.8), (200, 2.0, 1.1)]  # (n treated, mean, variance of the mean)
    controls = [(4.0, 0.5), (1.5, 0.9)]
    shared = stats.incremental_total_shared(
        [
            stats.SegmentArms((stats.ArmMean(n, m, v),), cm, cv)
            for (n, m, v), (cm, cv) in zip(arms, controls, strict=True)
        ]
    )
    plain = stats.incremental_total(
        [m - cm for (_, m, _), (cm, _) in zip(arms, controls, strict=True)],
        [math.sqrt(v + cv) for (_, _, v), (_, cv) in zip(arms, controls, strict=True)],
        [n for n, _, _ in arms],
    )
    assert shared.value == pytest.approx(plain.value)
    assert shared.se == pytest.approx(plain.se, rel=1e-12)


def test_two_arms_sharing_a_control_count_its_variance_once():
    """95% coverage of the total of two e-mail arms against one control, by direct simulation."""
    rng = np.random.default_rng(64_000)
    n_a, n_b, n_c = 24_000, 24_000, 16_000
    p_a, p_b, p_c = 0.052, 0.047, 0.040
    truth = n_a * (p_a - p_c) + n_b * (p_b - p_c)
    runs, covered, too_narrow = 2000, 0, 0
    for _ in range(runs):
        a, b, c = rng.binomial(n_a, p_a), rng.binomial(n_b, p_b), rng.binomial(n_c, p_c)
        ma, mb, mc = a / n_a, b / n_b, c / n_c
        segment = stats.SegmentArms(
            (
                stats.ArmMean(n_a, ma, stats.variance_of_mean("proportion", n_a, a, a)),
                stats.ArmMean(n_b, mb, stats.variance_of_mean("proportion", n_b, b, b)),
            ),
            mc,
            stats.variance_of_mean("proportion", n_c, c, c),
        )
        total = stats.incremental_total_shared([segment])
        covered += total.ci_low <= truth <= total.ci_high
        # the interval that treats the arms as having separate controls is too narrow
        separate = stats.incremental_total(
            [ma - mc, mb - mc],
            [
                math.sqrt(segment.arms[0].variance + segment.control_variance),
                math.sqrt(segment.arms[1].variance + segment.control_variance),
            ],
            [n_a, n_b],
        )
        too_narrow += separate.se < total.se
    assert 0.935 <= covered / runs <= 0.965
    assert too_narrow == runs


def test_probability_of_reaching_a_threshold():
    assert stats.probability_at_least(10.0, 2.0, 10.0) == pytest.approx(0.5)
    assert stats.probability_at_least(12.0, 2.0, 10.0) == pytest.approx(sps.norm.cdf(1.0))
    assert stats.probability_at_least(5.0, 0.0, 4.0) == 1.0
    assert math.isnan(stats.probability_at_least(math.nan, 1.0, 0.0))
