"""Sample ratio mismatch: R11 and the flag."""

from campaign_eval import stats
from tests.stats._helpers import sig


def test_r11_sample_ratio() -> None:
    res = stats.sample_ratio_test([5100, 4900], [0.5, 0.5])
    assert sig(res.statistic) == 4  # methods.md R11: chi2 = 4
    assert sig(res.p_value) == 0.0455003  # methods.md R11: p
    assert not res.flagged  # p = 0.0455 is not below SRM_ALPHA = 0.001


def test_sample_ratio_mismatch_is_flagged() -> None:
    res = stats.sample_ratio_test([5300, 4700], [50, 50], arms=["treatment", "control"])
    assert res.flagged
    assert res.p_value < stats.SRM_ALPHA
    assert res.expected_shares == (0.5, 0.5)
