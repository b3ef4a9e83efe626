"""Holm and Benjamini-Hochberg: R10 and NaN handling."""

import math

import pytest

from campaign_eval import stats
from tests.stats._helpers import sig


def test_r10_holm_and_benjamini_hochberg() -> None:
    p = [0.01, 0.04, 0.03, 0.20]
    holm = stats.adjust_pvalues(p)
    assert [sig(x) for x in holm.p_adjusted] == [0.04, 0.09, 0.09, 0.20]  # methods.md R10: Holm
    bh = stats.adjust_pvalues(p, "fdr_bh")
    bh_p = [sig(x) for x in bh.p_adjusted]
    assert bh_p == [0.04, 0.0533333, 0.0533333, 0.20]  # methods.md R10: Benjamini-Hochberg
    assert holm.p_raw == tuple(p)


def test_nan_pvalues_pass_through_and_leave_the_family() -> None:
    res = stats.adjust_pvalues([0.01, math.nan, 0.04])
    assert res.n_tests == 2
    assert res.p_adjusted[0] == pytest.approx(0.02)
    assert math.isnan(res.p_adjusted[1])
    assert res.p_adjusted[2] == pytest.approx(0.04)
    assert res.rejected == (True, False, True)
