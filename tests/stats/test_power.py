"""Sample size, power and MDE: R4, statsmodels, and the split and direction-aware helpers."""

import math

import pytest
from statsmodels.stats.power import NormalIndPower

from campaign_eval import stats
from tests.stats._helpers import sig


def test_r4_sample_size_power_and_mde() -> None:
    size = stats.sample_size_proportions(0.12, 0.20)
    assert sig(size.n_control_exact, 7) == 328.4715  # R `power.prop.test(p1=.12, p2=.20, power=.8)`
    assert size.n_control == 329  # R `power.prop.test(p1=.12, p2=.20, power=.8)`, rounded up
    assert size.n_treatment == 329  # R `power.prop.test(p1=.12, p2=.20, power=.8)`, rounded up
    power = stats.power_proportions(0.12, 0.20, 330)
    assert sig(power.power) == 0.801826  # methods.md R4: Power at 330 per arm
    mde = stats.mde_proportions(0.12, 500)
    assert sig(mde.target) == 0.183496  # methods.md R4: MDE at 500 per arm from 12%: 18.3496%
    assert mde.effect == pytest.approx(mde.target - 0.12)
    assert mde.rel_effect == pytest.approx(mde.target / 0.12 - 1)


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


def test_power_means_inverts_mde_means():
    mde = stats.mde_means(12.0, 400, alpha=0.05, power=0.8, ratio=4.0)
    power = stats.power_means(12.0, mde.effect, 400, alpha=0.05, ratio=4.0)
    assert power.power == pytest.approx(0.8, rel=1e-6)
    assert power.power == pytest.approx(
        NormalIndPower().power(mde.effect / 12.0, 400, 0.05, ratio=4.0)
    )


def test_power_at_split_is_the_power_of_the_two_arms_it_makes() -> None:
    assert sig(stats.power_at_split("proportion", 0.12, 0.20, 660, 0.5)) == 0.801826  # R4
    got = stats.power_at_split("mean", 100.0, 110.0, 1000, 0.2, sd=40.0, alpha=0.01)
    expected = NormalIndPower().power(10.0 / 40.0, 200, 0.01, ratio=4.0)
    assert got == pytest.approx(expected, rel=1e-12)
    assert stats.power_at_split("proportion", 0.1, 0.2, 1, 0.5) == 0.0  # an arm would be empty
    assert math.isnan(stats.power_at_split("mean", 1.0, 2.0, 100, 0.5, sd=0.0))


def test_detectable_effect_follows_the_direction_asked_for() -> None:
    up = stats.detectable_effect("proportion", 0.03, 2000, 2000, direction="increase")
    down = stats.detectable_effect("proportion", 0.03, 2000, 2000, direction="decrease")
    assert up == pytest.approx(stats.mde_proportions(0.03, 2000).effect)
    assert down == pytest.approx(-stats.mde_proportions(0.03, 2000, direction="decrease").effect)
    assert up != pytest.approx(down, rel=0.01)  # near 0 the two directions differ
    # at a stricter level a larger effect is needed
    assert stats.detectable_effect("proportion", 0.3, 500, 800, alpha=0.05 / 3) > (
        stats.detectable_effect("proportion", 0.3, 500, 800, alpha=0.05)
    )
    means = stats.detectable_effect("mean", math.nan, 400, 1600, sd=12.0, alpha=0.01)
    assert means == pytest.approx(stats.mde_means(12.0, 400, alpha=0.01, ratio=4.0).effect)
    assert math.isnan(stats.detectable_effect("proportion", 0.0, 100, 100))
    assert math.isnan(stats.detectable_effect("mean", 0.0, 100, 100, sd=math.nan))
    assert math.isnan(stats.detectable_effect("mean", 0.0, 0.5, 100, sd=1.0))
