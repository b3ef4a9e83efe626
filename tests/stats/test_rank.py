"""Mann-Whitney U from raw values and from counts."""

import numpy as np
import pytest
from scipy import stats as sps

from campaign_eval import stats
from tests.stats._helpers import assert_same_result


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
