"""The sample-size design: R's power.prop.test numbers, the holdout recommendation, the curve."""

from __future__ import annotations

import pandas as pd
import pytest

from campaign_eval import stats
from campaign_eval.plan.design import (
    CURVE_SHARES,
    design_goal,
    power_at,
    scope_control_share,
)
from campaign_eval.plan.result import PlannedShares


def test_design_reproduces_conventions_r4():
    # methods.md R4, R: power.prop.test(p1=.12, p2=.20, power=.8) -> 328.4715 -> 329 per arm
    design = design_goal("proportion", 0.12, 0.20, 660, 0.5)
    assert design.n_required_per_arm == 329
    assert design.n_required_total == 658
    # R4: power at 330 per arm 0.801826
    assert design.power == pytest.approx(0.801826, abs=5e-7)
    assert design.powered and design.feasible
    # R4: MDE at 500 per arm from 12% is 18.3496%
    wide = design_goal("proportion", 0.12, 0.20, 1000, 0.5)
    assert 0.12 + wide.mde == pytest.approx(0.183496, abs=5e-7)


def test_design_of_means_uses_the_baseline_sd_and_recommends_the_smallest_holdout():
    design = design_goal("mean", 3.0, 3.2, 1000, 0.1, sd=1.0, grid=[0.05, 0.1, 0.2, 0.3, 0.5])
    assert design.n_required_per_arm == stats.sample_size_means(1.0, 0.2).n_control == 393
    assert not design.powered  # 100 control customers are not enough
    assert design.recommended_share == 0.3
    assert power_at(design, 0.3) >= 0.8 > power_at(design, 0.2)
    # the MDE at the chosen split is what mde_means gives for 100 vs 900 customers
    assert design.mde == pytest.approx(stats.mde_means(1.0, 100, ratio=9).effect)


def test_design_says_when_no_split_is_enough():
    design = design_goal("proportion", 0.12, 0.13, 3000, 0.2, grid=[0.2, 0.5])
    assert not design.feasible and design.recommended_share is None
    assert design.n_required_total > 3000


def test_a_decrease_goal_gets_the_mde_of_a_fall():
    # near 0 a fall is harder to detect than a rise: the direction of the target decides
    fall = design_goal("proportion", 0.10, 0.07, 4000, 0.5)
    rise = design_goal("proportion", 0.10, 0.13, 4000, 0.5)
    assert fall.mde == pytest.approx(
        stats.detectable_effect("proportion", 0.10, 2000, 2000, direction="decrease")
    )
    assert fall.mde != pytest.approx(rise.mde)


def test_the_power_curve_is_the_power_at_each_curve_share():
    design = design_goal("proportion", 0.12, 0.20, 2000, 0.2)
    assert [share for share, _ in design.curve] == list(CURVE_SHARES)
    assert CURVE_SHARES[0] == 0.02 and CURVE_SHARES[-1] == 0.5
    for share, power in design.curve:
        assert power == stats.power_at_split("proportion", 0.12, 0.20, 2000, share)
    assert design.curve[0][1] < design.power < design.curve[-1][1]


def test_an_unknown_kind_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="kind must be one of 'proportion', 'mean'; got 'nps'"):
        design_goal("nps", 0.0, 5.0, 1000, 0.2)


def test_the_scope_share_weights_each_segments_share_by_its_size():
    shares = PlannedShares(0.2, {"core": 0.3, "growth": 0.1}, "params")
    segments = pd.Series(["core"] * 100 + ["growth"] * 300)
    assert scope_control_share(segments, shares) == pytest.approx((30 + 30) / 400)
    # 0.2, not 0.20000000000000004
    assert scope_control_share(pd.Series(["new"] * 7), shares) == 0.2
