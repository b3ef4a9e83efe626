"""Totals of incremental value over segments and arms, and the chance a total reaches a threshold.

The incremental value is the figure ROI is computed from.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class ArmMean:
    """One treatment arm of a segment: its treated customers, its mean and that mean's variance.

    Attributes:
        n_treated: Treated customers.
        mean: The arm's mean of the value metric (a rate for conversions).
        variance: The sampling variance of ``mean``.
    """

    n_treated: float
    mean: float
    variance: float


@dataclass(frozen=True, slots=True)
class SegmentArms:
    """A segment's treatment arms and the control they share.

    Attributes:
        arms: The treatment arms.
        control_mean: The control's mean.
        control_variance: The sampling variance of the control's mean.
    """

    arms: tuple[ArmMean, ...]
    control_mean: float
    control_variance: float


def incremental_total_shared(
    segments: Sequence[SegmentArms], *, alpha: float = DEFAULT_ALPHA
) -> IncrementalTotal:
    """Incremental total over segments whose treatment arms share one control each.

    In a segment, ``sum_t n_t (mean_t - mean_c)`` uses the control's mean once per arm, so its
    variance is ``sum_t n_t^2 Var(mean_t) + (sum_t n_t)^2 Var(mean_c)``: the shared control's
    error moves every arm's difference the same way and is counted once, not once per arm.
    Segments are independent samples and their variances add. With one arm per segment this is
    ``incremental_total``.

    Args:
        segments: Each segment's arms and control.
        alpha: Two-sided significance level of the interval.

    Returns:
        The total with its normal interval; NaN without arms.

    Example:
        >>> seg = SegmentArms((ArmMean(100, 3.0, 0.04), ArmMean(100, 2.0, 0.04)), 1.0, 0.05)
        >>> t = incremental_total_shared([seg])
        >>> t.value, round(t.se, 4)  # sqrt(100^2 0.04 * 2 + 200^2 0.05) = sqrt(2800)
        (300.0, 52.915)
    """
    alpha = _check_alpha(alpha)
    method = "sum over segments; each segment's shared control counted once"
    if not any(s.arms for s in segments):
        nan = math.nan
        return IncrementalTotal(nan, nan, nan, nan, alpha, method)
    total = math.fsum(a.n_treated * (a.mean - s.control_mean) for s in segments for a in s.arms)
    variance = math.fsum(
        math.fsum(a.n_treated**2 * a.variance for a in s.arms)
        + math.fsum(a.n_treated for a in s.arms) ** 2 * s.control_variance
        for s in segments
    )
    se = math.sqrt(variance)
    half = float(sps.norm.ppf(1 - alpha / 2)) * se
    return IncrementalTotal(total, se, total - half, total + half, alpha, method)


def probability_at_least(estimate: float, se: float, threshold: float) -> float:
    """P(true value >= threshold) under the normal approximation of an estimate.

    ``Phi((estimate - threshold) / se)``; 1 or 0 when ``se`` is 0 (on either side of the
    threshold), NaN when a number is unknown.

    Example:
        >>> round(probability_at_least(836_557.0, 927_714.0, 900_000.0), 2)  # the demo's ROI vs 1:5
        0.47
    """
    if any(math.isnan(v) for v in (estimate, se, threshold)):
        return math.nan
    if se == 0:
        return 1.0 if estimate >= threshold else 0.0
    return float(sps.norm.cdf((estimate - threshold) / se))
