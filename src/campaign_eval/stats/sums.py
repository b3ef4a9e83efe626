"""Moments from the sufficient statistics an engine returns: n, sum and sum of squares per group."""

from __future__ import annotations

import math

from campaign_eval.stats.constants import SUMS_RTOL

_NAN = math.nan


def centered_ss(name: str, n: int, total: float, total_sq: float) -> float:
    """Centered sum of squares ``sum((y - mean)**2)`` from ``sum(y)`` and ``sum(y**2)``.

    Values within rounding noise of 0 (``SUMS_RTOL``) are 0; clearly negative ones mean the
    sums do not belong together.

    Args:
        name: How to name ``total_sq`` in an error.
        n: Number of values (at least 1).
        total: Their sum.
        total_sq: The sum of their squares.

    Returns:
        The centered sum of squares, at least 0.

    Raises:
        ValueError: When ``total_sq`` is clearly smaller than ``total**2 / n``.

    Example:
        >>> centered_ss("sumsq", 3, 6.0, 14.0)  # values 1, 2, 3
        2.0
    """
    ss = total_sq - total * total / n
    tolerance = SUMS_RTOL * abs(total_sq)
    if ss < -tolerance:
        raise ValueError(
            f"{name}={total_sq!r} is smaller than sum**2 / n = {total * total / n!r}: "
            "the sums are inconsistent"
        )
    return 0.0 if ss <= tolerance else ss


def mean_from_sums(n: float, total: float) -> float:
    """The mean ``total / n``; NaN for an empty group.

    Example:
        >>> mean_from_sums(4, 10.0), math.isnan(mean_from_sums(0, 0.0))
        (2.5, True)
    """
    return float(total) / float(n) if n > 0 else _NAN


def sd_from_sums(n: float, total: float, total_sq: float) -> float:
    """Sample standard deviation (ddof=1) from ``n``, ``sum`` and ``sum of squares``.

    Args:
        n: Number of values.
        total: Their sum.
        total_sq: The sum of their squares.

    Returns:
        The standard deviation; NaN with fewer than two values.

    Raises:
        ValueError: When the sums are inconsistent (see ``centered_ss``).

    Example:
        >>> sd_from_sums(3, 6.0, 14.0)  # values 1, 2, 3
        1.0
    """
    n_int = round(float(n))
    if n_int < 2:  # noqa: PLR2004 - a sample variance needs two observations
        return _NAN
    return math.sqrt(centered_ss("total_sq", n_int, float(total), float(total_sq)) / (n_int - 1))


def variance_of_mean(kind: str, n: float, total: float, total_sq: float) -> float:
    """The sampling variance of a group's mean from its sums, as its comparison test uses it.

    A proportion's is ``p (1 - p) / n`` (the Wald variance); a mean's is ``s^2 / n`` with the
    sample variance (ddof=1).

    Args:
        kind: ``proportion`` or ``mean``.
        n: Values in the group.
        total: Their sum (successes for a proportion).
        total_sq: The sum of their squares.

    Returns:
        The variance; NaN for an empty group (or one value of a mean).

    Example:
        >>> round(variance_of_mean("proportion", 100, 20, 20), 10)  # 0.2 * 0.8 / 100
        0.0016
    """
    if n <= 0:
        return _NAN
    if kind == "proportion":
        p = float(total) / float(n)
        return p * (1 - p) / float(n)
    return sd_from_sums(n, total, total_sq) ** 2 / float(n)
