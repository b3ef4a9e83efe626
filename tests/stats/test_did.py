"""Difference in differences: R7 and a hand computation."""

import math

import pytest
from scipy import stats as sps

from campaign_eval import stats
from tests.stats._helpers import sig


def test_r7_difference_in_differences() -> None:
    res = stats.diff_in_diff_proportions(100, 1000, 160, 1000, 110, 1000, 120, 1000)
    assert sig(res.diff) == 0.05  # methods.md R7: DiD
    assert sig(res.se) == 0.0206857  # methods.md R7: SE
    assert sig(res.statistic) == 2.41712  # methods.md R7: z
    assert sig(res.p_value) == 0.0156437  # methods.md R7: p
    assert sig(res.ci_low) == 0.00945669  # methods.md R7: CI
    assert sig(res.ci_high) == 0.0905433  # methods.md R7: CI


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
