"""NPS: R8 and the per-respondent variance."""

import math

import numpy as np
import pytest
from scipy import stats as sps

from campaign_eval import stats
from tests.stats._helpers import sig


def test_r8_nps() -> None:
    res = stats.compare_nps(180, 150, 70, 140, 160, 100)
    assert sig(res.value_treatment) == 27.5  # methods.md R8: NPS 27.5
    assert sig(res.value_control) == 10.0  # methods.md R8: NPS 10.0
    assert sig(res.diff) == 17.5  # methods.md R8: difference 17.5 points
    assert sig(res.se) == 5.33708  # methods.md R8: SE 5.33708 points
    assert sig(res.statistic) == 3.27895  # methods.md R8: z
    assert sig(res.p_value) == 0.00104194  # methods.md R8: p


def test_nps_variance_is_the_variance_of_plus_one_zero_minus_one_scores() -> None:
    scores_t = np.repeat([1.0, 0.0, -1.0], [50, 30, 20])
    scores_c = np.repeat([1.0, 0.0, -1.0], [40, 35, 25])
    res = stats.compare_nps(50, 30, 20, 40, 35, 25)
    se = 100 * math.sqrt(scores_t.var() / 100 + scores_c.var() / 100)
    assert res.se == pytest.approx(se)
    assert res.diff == pytest.approx(100 * (scores_t.mean() - scores_c.mean()))


def test_nps_value_variance_and_sd_from_counts() -> None:
    scores = np.repeat(
        [1.0, 0.0, -1.0], [180, 150, 70]
    )  # R8 treatment: promoter, passive, detractor
    assert stats.nps_value(180, 150, 70) == pytest.approx(100 * scores.mean())
    assert stats.nps_variance(180, 150, 70) == pytest.approx(scores.var(ddof=0), rel=1e-12)
    assert stats.nps_sd(180, 150, 70) == pytest.approx(100 * scores.std(ddof=0), rel=1e-12)
    assert math.isnan(stats.nps_value(0, 0, 0)) and math.isnan(stats.nps_variance(0, 0, 0))


def test_nps_interval_is_the_wald_interval_of_the_plus_one_zero_minus_one_scores() -> None:
    scores = np.repeat([1.0, 0.0, -1.0], [180, 150, 70])
    got = stats.nps_interval(180, 150, 70, alpha=0.1)
    half = sps.norm.ppf(0.95) * scores.std(ddof=0) / math.sqrt(scores.size)
    assert got.mean == pytest.approx(27.5)
    assert (got.ci_low, got.ci_high) == (
        pytest.approx(100 * (scores.mean() - half)),
        pytest.approx(100 * (scores.mean() + half)),
    )
    with pytest.raises(ValueError, match="at least 1"):
        stats.nps_interval(0, 0, 0)
