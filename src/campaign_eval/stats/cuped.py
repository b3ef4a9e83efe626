"""CUPED: a pre-period covariate removes variance from a comparison of means (Deng et al. 2013)."""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from campaign_eval.stats._checks import _check_alpha, _check_finite, _check_n
from campaign_eval.stats._inference import _comparison, _relative_lift, _welch
from campaign_eval.stats.constants import DEFAULT_ALPHA, SUMS_RTOL
from campaign_eval.stats.results import Comparison
from campaign_eval.stats.sums import centered_ss

_NAN = math.nan


class _Moments(NamedTuple):
    """Per-arm sufficient statistics for CUPED: means and centered (co)sums of squares."""

    n: int
    mean_y: float
    mean_x: float
    ss_yy: float
    ss_xx: float
    ss_xy: float


def _raw_moments(y: np.ndarray, x: np.ndarray) -> _Moments:
    dy, dx = y - y.mean(), x - x.mean()
    # A constant column has exactly zero spread; y - mean(y) can carry rounding noise instead.
    ss_yy = 0.0 if np.ptp(y) == 0 else float(dy @ dy)
    ss_xx = 0.0 if np.ptp(x) == 0 else float(dx @ dx)
    return _Moments(y.size, float(y.mean()), float(x.mean()), ss_yy, ss_xx, float(dx @ dy))


def cuped_from_stats(
    n_t: int,
    sum_y_t: float,
    sumsq_y_t: float,
    sum_x_t: float,
    sumsq_x_t: float,
    sum_xy_t: float,
    n_c: int,
    sum_y_c: float,
    sumsq_y_c: float,
    sum_x_c: float,
    sumsq_x_c: float,
    sum_xy_c: float,
    *,
    alpha: float = DEFAULT_ALPHA,
) -> Comparison:
    """CUPED comparison of means from per-arm sums, identical to ``compare_means`` with covariates.

    A database returns ``COUNT(*), SUM(y), SUM(y*y), SUM(x), SUM(x*x), SUM(x*y)`` per arm,
    where ``y`` is the outcome and ``x`` the pre-period covariate. See ``compare_means`` for the
    method and the meaning of the relative lift.

    Args:
        n_t: Treatment customers.
        sum_y_t: Sum of the treatment outcomes.
        sumsq_y_t: Sum of the squared treatment outcomes.
        sum_x_t: Sum of the treatment covariates.
        sumsq_x_t: Sum of the squared treatment covariates.
        sum_xy_t: Sum of covariate times outcome over treatment customers.
        n_c: Control customers.
        sum_y_c: Sum of the control outcomes.
        sumsq_y_c: Sum of the squared control outcomes.
        sum_x_c: Sum of the control covariates.
        sumsq_x_c: Sum of the squared control covariates.
        sum_xy_c: Sum of covariate times outcome over control customers.
        alpha: Two-sided significance level.

    Returns:
        A Comparison with ``metric_kind="mean"`` and ``variance_reduction`` set.

    Raises:
        ValueError: If an arm is empty or the sums are not finite or are inconsistent.
    """
    arms = []
    for arm, n, sy, syy, sx, sxx, sxy in (
        ("t", n_t, sum_y_t, sumsq_y_t, sum_x_t, sumsq_x_t, sum_xy_t),
        ("c", n_c, sum_y_c, sumsq_y_c, sum_x_c, sumsq_x_c, sum_xy_c),
    ):
        n_int = _check_n(f"n_{arm}", n)
        values = {
            name: _check_finite(f"{name}_{arm}", value)
            for name, value in (
                ("sum_y", sy),
                ("sumsq_y", syy),
                ("sum_x", sx),
                ("sumsq_x", sxx),
                ("sum_xy", sxy),
            )
        }
        arms.append(
            _Moments(
                n=n_int,
                mean_y=values["sum_y"] / n_int,
                mean_x=values["sum_x"] / n_int,
                ss_yy=centered_ss(f"sumsq_y_{arm}", n_int, values["sum_y"], values["sumsq_y"]),
                ss_xx=centered_ss(f"sumsq_x_{arm}", n_int, values["sum_x"], values["sumsq_x"]),
                ss_xy=values["sum_xy"] - values["sum_x"] * values["sum_y"] / n_int,
            )
        )
    return _cuped(arms[0], arms[1], _check_alpha(alpha))


def _cuped(t: _Moments, c: _Moments, alpha: float) -> Comparison:
    """CUPED from per-arm moments; shared by the raw-array and the sums entry points."""
    n = t.n + c.n
    mean_x = (t.n * t.mean_x + c.n * c.mean_x) / n
    mean_y = (t.n * t.mean_y + c.n * c.mean_y) / n
    # Pooled (co)sums of squares over both arms = within-arm parts + between-arm parts.
    s_xx = sum(a.ss_xx + a.n * (a.mean_x - mean_x) ** 2 for a in (t, c))
    s_yy = sum(a.ss_yy + a.n * (a.mean_y - mean_y) ** 2 for a in (t, c))
    s_xy = sum(a.ss_xy + a.n * (a.mean_x - mean_x) * (a.mean_y - mean_y) for a in (t, c))
    notes = []
    if s_xx > 0:
        theta = s_xy / s_xx
    else:
        theta = 0.0
        notes.append("covariate is constant: no CUPED adjustment")

    def adjusted(a: _Moments) -> tuple[float, float]:
        ss = a.ss_yy - 2 * theta * a.ss_xy + theta**2 * a.ss_xx
        # Rounding can leave a perfectly explained outcome with a tiny nonzero spread.
        ss = 0.0 if ss <= SUMS_RTOL * a.ss_yy else ss
        var = ss / (a.n - 1) if a.n > 1 else _NAN
        return a.mean_y - theta * (a.mean_x - mean_x), var

    adj_mean_t, var_adj_t = adjusted(t)
    adj_mean_c, var_adj_c = adjusted(c)
    diff = adj_mean_t - adj_mean_c
    test = _welch(diff, var_adj_t, t.n, var_adj_c, c.n, alpha=alpha)

    if s_yy > 0:
        variance_reduction = 1 - (s_yy - 2 * theta * s_xy + theta**2 * s_xx) / s_yy
    else:
        variance_reduction = _NAN
        notes.append("outcome is constant: variance reduction undefined")

    # Relative lift: a = control mean + adjusted diff, b = control's unadjusted mean, with
    # cov(diff, mean_y_c) = -(var_y_c - theta * cov_xy_c) / n_c for a fixed theta.
    var_b = var_dcov = _NAN
    if c.n > 1:
        var_b = c.ss_yy / (c.n - 1) / c.n
        var_dcov = -(c.ss_yy - theta * c.ss_xy) / (c.n - 1) / c.n
    lift = _relative_lift(
        c.mean_y + diff,
        c.mean_y,
        test.se**2 + var_b + 2 * var_dcov,
        var_b,
        var_b + var_dcov,
        alpha=alpha,
    )
    return _comparison(
        "mean",
        "Welch t-test on CUPED-adjusted values, Welch CI",
        (t.n, c.n),
        (t.mean_y, c.mean_y),
        diff,
        test,
        alpha=alpha,
        lift=lift,
        notes=tuple(notes),
        variance_reduction=variance_reduction,
    )
