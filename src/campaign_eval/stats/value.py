"""Totals of incremental value over segments or arms: the figure ROI is computed from."""

from __future__ import annotations

import math
from collections.abc import Sequence

from scipy import stats as sps

from campaign_eval.stats._checks import _check_alpha
from campaign_eval.stats.constants import DEFAULT_ALPHA
from campaign_eval.stats.results import IncrementalTotal


def incremental_total(
    diffs: Sequence[float],
    ses: Sequence[float],
    n_treated: Sequence[float],
    *,
    alpha: float = DEFAULT_ALPHA,
) -> IncrementalTotal:
    """Sum of ``diff x treated customers`` over independent comparisons, with a normal interval.

    Each comparison is one segment's treatment arm against its own control; their errors are
    independent, so the variance of the total is ``sum((se * n_treated)**2)``.

    Args:
        diffs: Treatment mean minus control mean, per comparison.
        ses: Standard error of each difference.
        n_treated: Treated customers of each comparison.
        alpha: Two-sided significance level of the interval.

    Returns:
        An IncrementalTotal; NaN throughout when there is no comparison.

    Raises:
        ValueError: When the three sequences differ in length.

    Example:
        >>> t = incremental_total([2.0, 1.0], [0.5, 0.5], [100, 300])
        >>> t.value, round(t.se, 4)
        (500.0, 158.1139)
    """
    if not len(diffs) == len(ses) == len(n_treated):
        raise ValueError(
            f"diffs, ses and n_treated must have one entry per comparison; got "
            f"{len(diffs)}, {len(ses)} and {len(n_treated)}"
        )
    alpha = _check_alpha(alpha)
    method = "sum over independent comparisons, normal CI"
    if not diffs:
        nan = math.nan
        return IncrementalTotal(nan, nan, nan, nan, alpha, method)
    total = math.fsum(d * n for d, n in zip(diffs, n_treated, strict=True))
    se = math.sqrt(math.fsum((s * n) ** 2 for s, n in zip(ses, n_treated, strict=True)))
    half = float(sps.norm.ppf(1 - alpha / 2)) * se
    return IncrementalTotal(total, se, total - half, total + half, alpha, method)
