"""Verdicts follow the interval, never the estimate: properties over every configuration."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from campaign_eval import stats

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


def ordered(a: float, b: float) -> tuple[float, float]:
    return (a, b) if a <= b else (b, a)


@given(finite, finite, finite)
def test_goal_verdict_is_exactly_the_rule(a, b, target):
    low, high = ordered(a, b)
    up = stats.goal_verdict(low, high, target, "increase")
    down = stats.goal_verdict(low, high, target, "decrease")
    # higher is better: reached only when the whole interval is at or above the target
    assert (up == "reached") == (low >= target)
    assert (up == "missed") == (high < target)
    assert (up == "too_close") == (low < target <= high)
    # lower is better: the mirror image
    assert (down == "reached") == (high <= target)
    assert (down == "missed") == (low > target)
    assert (down == "too_close") == (low <= target < high)


@given(finite, finite, finite)
def test_an_interval_wholly_below_its_target_is_never_reached(a, b, target):
    low, high = ordered(a, b)
    if high < target:
        assert stats.goal_verdict(low, high, target, "increase") == "missed"


@given(finite, finite, finite)
def test_standard_verdict_follows_the_interval_and_mirrors_a_negated_goal(a, b, standard):
    low, high = ordered(a, b)
    verdict = stats.standard_verdict(low, high, standard)
    assert (verdict == "met") == (low >= standard)
    assert (verdict == "not_met") == (high < standard)
    mirrored = {"met": "reached", "not_met": "missed", "cant_tell": "too_close"}[verdict]
    assert stats.goal_verdict(low, high, standard, "increase") == mirrored


def test_unknown_numbers_give_no_verdict_and_bad_input_is_named():
    assert stats.goal_verdict(math.nan, 1.0, 0.5, "increase") is None
    assert stats.standard_verdict(0.0, 1.0, math.nan) is None
    with pytest.raises(ValueError, match="low must not exceed high"):
        stats.goal_verdict(2.0, 1.0, 0.5, "increase")
    with pytest.raises(ValueError, match="direction must be one of 'increase', 'decrease'"):
        stats.interval_side(0.0, 1.0, 0.5, "up")  # type: ignore[arg-type]
