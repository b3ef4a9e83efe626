"""Sample ratio mismatch: arm sizes against the planned split (chi-square goodness of fit)."""

from __future__ import annotations

from collections.abc import Sequence

from scipy import stats as sps

from campaign_eval.stats._checks import _check_count, _check_positive
from campaign_eval.stats.constants import SRM_ALPHA
from campaign_eval.stats.results import SampleRatioResult


def sample_ratio_test(
    counts: Sequence[int],
    expected_shares: Sequence[float],
    *,
    arms: Sequence[str] | None = None,
) -> SampleRatioResult:
    """Chi-square goodness-of-fit test of arm sizes against the planned split.

    Flags a sample ratio mismatch at ``p < SRM_ALPHA``.

    Args:
        counts: Customers per arm.
        expected_shares: Planned share per arm (any positive weights; normalized to sum to 1).
        arms: Arm labels; defaults to "arm 0", "arm 1", ...

    Returns:
        A SampleRatioResult.

    Raises:
        ValueError: If the lengths differ, there are fewer than two arms, a count is invalid,
            all counts are 0, or a share is not positive.
    """
    if len(counts) != len(expected_shares):
        raise ValueError(
            f"counts has {len(counts)} arms but expected_shares has {len(expected_shares)}"
        )
    if len(counts) < 2:  # noqa: PLR2004 - a split needs two arms
        raise ValueError(f"counts must have at least two arms; got {len(counts)}")
    labels = (
        tuple(str(a) for a in arms)
        if arms is not None
        else tuple(f"arm {k}" for k in range(len(counts)))
    )
    if len(labels) != len(counts):
        raise ValueError(f"arms has {len(labels)} labels but counts has {len(counts)} arms")
    observed = tuple(_check_count(f"counts[{k}]", value) for k, value in enumerate(counts))
    total = sum(observed)
    if total == 0:
        raise ValueError("counts sum to 0: no customers were assigned")
    weights = [_check_positive(f"expected_shares[{k}]", s) for k, s in enumerate(expected_shares)]
    shares = tuple(w / sum(weights) for w in weights)
    res = sps.chisquare(observed, f_exp=[total * share for share in shares])
    p_value = float(res.pvalue)
    return SampleRatioResult(
        arms=labels,
        observed=observed,
        observed_shares=tuple(o / total for o in observed),
        expected_shares=shares,
        statistic=float(res.statistic),
        df=len(observed) - 1,
        p_value=p_value,
        alpha=SRM_ALPHA,
        flagged=p_value < SRM_ALPHA,
        method="chi-square goodness of fit against the planned split",
    )
