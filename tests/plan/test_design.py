"""The sample-size design: R's power.prop.test numbers, the holdout recommendation, the curve,
and the level each goal is sized at (the first Holm step of the goals, alpha / m)."""

from __future__ import annotations

import pandas as pd
import pytest

from campaign_eval import stats
from campaign_eval.plan.design import (
    CURVE_SHARES,
    design_goal,
    goal_alpha,
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
    # near 0 a rise must be larger than a fall to be detected (p(1 - p) grows towards 0.5):
    # the direction of the target decides which of the two the plan reports
    fall = design_goal("proportion", 0.10, 0.07, 4000, 0.5)
    rise = design_goal("proportion", 0.10, 0.13, 4000, 0.5)
    assert fall.mde == pytest.approx(
        stats.detectable_effect("proportion", 0.10, 2000, 2000, direction="decrease")
    )
    assert abs(fall.mde) < abs(rise.mde)


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


def test_each_goal_is_sized_at_the_first_holm_step_of_the_goals():
    assert goal_alpha(0.05, 3) == 0.05 / 3
    assert goal_alpha(0.05, 1) == 0.05  # one goal: the plan's alpha, nothing changes
    assert goal_alpha(0.10, 4) == 0.025
    with pytest.raises(ValueError, match="family_size must be at least 1, got 0"):
        goal_alpha(0.05, 0)


GRID = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
DESIGNS = [
    # kind, baseline, target, customers, sd, the sample size function called as the oracle
    ("proportion", 0.12, 0.20, 2500, float("nan"),
     lambda level: stats.sample_size_proportions(0.12, 0.20, alpha=level, power=0.8)),
    ("mean", 3.0, 3.2, 2000, 1.0,
     lambda level: stats.sample_size_means(1.0, 0.2, alpha=level, power=0.8)),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "baseline", "target", "n", "sd", "sample_size"), DESIGNS)
def test_a_design_at_alpha_over_m_is_what_stats_gives_at_alpha_over_m(
    kind, baseline, target, n, sd, sample_size
):
    # the oracle calls stats at alpha / m directly, not through design_goal
    level = 0.05 / 3
    design = design_goal(kind, baseline, target, n, 0.2, sd=sd, alpha=level, grid=GRID)
    assert design.alpha == level
    assert design.n_required_per_arm == sample_size(level).n_control
    assert design.power == stats.power_at_split(kind, baseline, target, n, 0.2, sd=sd, alpha=level)
    assert design.mde == stats.detectable_effect(
        kind, baseline, 0.2 * n, 0.8 * n, sd=sd, alpha=level, power=0.8, direction="increase"
    )
    powers = {
        s: stats.power_at_split(kind, baseline, target, n, s, sd=sd, alpha=level) for s in GRID
    }
    assert design.recommended_share == min(s for s, p in powers.items() if p >= 0.8)
    assert design.powered is (design.power >= 0.8)
    assert dict(design.curve) == {
        s: stats.power_at_split(kind, baseline, target, n, s, sd=sd, alpha=level)
        for s in CURVE_SHARES
    }
    # the stricter level needs more customers, detects less and asks for a larger holdout
    at_alpha = design_goal(kind, baseline, target, n, 0.2, sd=sd, alpha=0.05, grid=GRID)
    assert design.n_required_per_arm > at_alpha.n_required_per_arm
    assert design.power < at_alpha.power and design.mde > at_alpha.mde
    assert at_alpha.recommended_share is not None
    assert design.recommended_share > at_alpha.recommended_share
