"""The stable hash split: shares are checked, the split is reproducible, stratified and salted."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps

from campaign_eval import stats
from campaign_eval.config.plan import PlanParams
from campaign_eval.conventions import CONTROL, TREATMENT
from campaign_eval.plan.assignment import arm_shares, assign_arms, draw_assignment, hash_uniform

SEGMENTS = ["core", "growth", "churn_risk", "new", "maintain"]


def _customers(n: int, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    segments = rng.choice(SEGMENTS, n)
    return pd.DataFrame({"customer_id": [f"K{i:07d}" for i in range(n)], "segment": segments})


# -- the shares are checked -----------------------------------------------------------------


@pytest.mark.parametrize("total", [0.5, 1.5])
def test_shares_that_do_not_sum_to_one_are_refused_with_the_shares_named(total):
    shares = {TREATMENT: total - 0.2, CONTROL: 0.2}
    with pytest.raises(ValueError, match="must sum to 1") as raised:
        assign_arms(_customers(10), salt="s", shares=shares)
    assert str(shares) in str(raised.value) and f"{total:g}" in str(raised.value)


def test_a_segment_override_that_does_not_sum_to_one_is_refused_naming_the_segment():
    bad = {"core": {TREATMENT: 0.3, CONTROL: 0.2}}
    with pytest.raises(ValueError, match=r"arm shares for core must sum to 1, got 0\.5"):
        assign_arms(_customers(10), salt="s", shares=arm_shares(0.2), segment_shares=bad)


def test_negative_or_empty_shares_are_refused():
    with pytest.raises(
        ValueError, match=r"must be >= 0, got \{'treatment': 1\.2, 'control': -0\.2\}"
    ):
        assign_arms(_customers(10), salt="s", shares={TREATMENT: 1.2, CONTROL: -0.2})
    with pytest.raises(ValueError, match="are empty"):
        assign_arms(_customers(10), salt="s", shares={})


def test_shares_summing_to_one_up_to_float_rounding_are_accepted():
    shares = {TREATMENT: 0.7, CONTROL: 0.1, "other": 0.2}  # 0.9999999999999999
    arms = assign_arms(_customers(1000), salt="s", shares=shares)
    assert set(arms["arm"]) == set(shares)


# -- the split ------------------------------------------------------------------------------


def test_hash_uniform_is_uniform_on_the_unit_interval_and_depends_on_the_salt():
    ids = [str(i) for i in range(20_000)]
    u = hash_uniform("demo", ids)
    assert ((u >= 0) & (u < 1)).all()
    assert np.array_equal(u, hash_uniform("demo", ids))
    assert sps.kstest(u, "uniform").pvalue > 0.001
    assert not np.array_equal(u, hash_uniform("other", ids))


def test_the_split_is_stable_for_a_salt_and_new_customers_never_move_existing_ones():
    shares = arm_shares(0.2)
    first = assign_arms(_customers(5000), salt="salt-1", shares=shares)
    pd.testing.assert_frame_equal(
        first, assign_arms(_customers(5000), salt="salt-1", shares=shares)
    )
    # shuffled input: each customer keeps its arm (no ranking, no shared random state)
    shuffled = _customers(5000).sample(frac=1.0, random_state=1)
    again = assign_arms(shuffled, salt="salt-1", shares=shares).sort_index()
    assert (again["arm"] == first["arm"]).all()
    grown = assign_arms(_customers(8000), salt="salt-1", shares=shares)
    assert (grown["arm"].iloc[:5000].to_numpy() == first["arm"].to_numpy()).all()


def test_a_different_salt_gives_a_different_assignment():
    shares = arm_shares(0.2)
    first = assign_arms(_customers(5000), salt="salt-1", shares=shares)
    other = assign_arms(_customers(5000), salt="salt-2", shares=shares)
    changed = (first["arm"] != other["arm"]).mean()
    # independent draws with a 20% holdout disagree for 2 x 0.2 x 0.8 = 32% of customers
    assert 0.28 < changed < 0.36


def test_the_split_is_stratified_by_segment_at_the_planned_shares():
    shares = {"core": 0.3, "new": 0.1}
    frame = assign_arms(
        _customers(200_000, seed=11),
        salt="chi-square",
        shares=arm_shares(0.2),
        segment_shares={s: arm_shares(c) for s, c in shares.items()},
    )
    for segment, rows in frame.groupby("segment"):
        share = shares.get(str(segment), 0.2)
        counts = [(rows["arm"] == TREATMENT).sum(), (rows["arm"] == CONTROL).sum()]
        result = stats.sample_ratio_test(counts, [1 - share, share])
        # oracle: scipy's chi-square goodness of fit gives the same p-value
        oracle = sps.chisquare(counts, [len(rows) * (1 - share), len(rows) * share]).pvalue
        assert result.p_value == pytest.approx(oracle, rel=1e-9)
        assert result.p_value > 0.001, (segment, counts, share)


# -- draw_assignment: the plan's targeted segments ------------------------------------------


def test_draw_assignment_is_stable_and_leaves_untargeted_segments_out():
    params = PlanParams()
    first = draw_assignment(_customers(5000), params, "salt-1")
    again = draw_assignment(_customers(5000), params, "salt-1")
    pd.testing.assert_frame_equal(first, again)
    assert "maintain" not in set(first["segment"])
    assert list(first.columns) == ["customer_id", "segment", "arm"]
    assert first.equals(first.sort_values(["segment", "customer_id"]).reset_index(drop=True))
    grown = draw_assignment(_customers(8000), params, "salt-1")
    merged = first.merge(grown, on="customer_id", suffixes=("", "_later"))
    assert len(merged) == len(first)
    assert (merged["arm"] == merged["arm_later"]).all()
    other_salt = draw_assignment(_customers(5000), params, "salt-2")
    assert (other_salt["arm"] != first["arm"]).any()


def test_draw_assignment_uses_each_segments_holdout_share():
    params = PlanParams(segment_control_share={"core": 0.3, "new": 0.1})
    frame = draw_assignment(_customers(200_000, seed=11), params, "chi-square")
    for segment, rows in frame.groupby("segment"):
        share = params.control_share_of(str(segment))
        counts = [(rows["arm"] == TREATMENT).sum(), (rows["arm"] == CONTROL).sum()]
        result = stats.sample_ratio_test(counts, [1 - share, share])
        assert result.p_value > 0.001, (segment, counts, share)


def test_arm_shares_puts_treatment_first():
    assert list(arm_shares(0.25).items()) == [(TREATMENT, 0.75), (CONTROL, 0.25)]
