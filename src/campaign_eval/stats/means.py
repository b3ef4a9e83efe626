"""Two means (Welch, from raw values, summaries or engine sums) and one mean (Student t)."""

from __future__ import annotations

import math

from numpy.typing import ArrayLike
from scipy import stats as sps

from campaign_eval.stats._checks import (
    _as_sample,
    _check_alpha,
    _check_finite,
    _check_n,
    _check_sd,
)
from campaign_eval.stats._inference import _comparison, _relative_lift, _welch
from campaign_eval.stats.constants import DEFAULT_ALPHA
from campaign_eval.stats.cuped import _cuped, _raw_moments
from campaign_eval.stats.results import Comparison, MeanInterval
from campaign_eval.stats.sums import centered_ss

_NAN = math.nan


def mean_interval(
    n: int, total: float, total_sq: float, *, alpha: float = DEFAULT_ALPHA
) -> MeanInterval:
    """Student t interval for one mean from sufficient statistics (e.g. on-site scores).

    Args:
        n: Number of values.
        total: Sum of the values.
        total_sq: Sum of the squared values.
        alpha: Two-sided significance level.

    Returns:
        A MeanInterval; with one value the interval is NaN and ``note`` says why.

    Raises:
        ValueError: If ``n`` is not a positive whole number or the sums are inconsistent.
    """
    n_int = _check_n("n", n)
    alpha = _check_alpha(alpha)
    mean = float(total) / n_int
    method = "Student t interval"
    if n_int < 2:  # noqa: PLR2004 - a variance needs two values
        nan = float("nan")
        return MeanInterval(n_int, mean, nan, nan, nan, alpha, method, "one value: no variance")
    sd = math.sqrt(centered_ss("total_sq", n_int, float(total), float(total_sq)) / (n_int - 1))
    half = sps.t.ppf(1 - alpha / 2, n_int - 1) * sd / math.sqrt(n_int)
    return MeanInterval(n_int, mean, sd, mean - half, mean + half, alpha, method)


def compare_means_from_stats(
    mean_t: float,
    sd_t: float,
    n_t: int,
    mean_c: float,
    sd_c: float,
    n_c: int,
    *,
    alpha: float = DEFAULT_ALPHA,
) -> Comparison:
    """Compare two means (e.g. spend per customer) with Welch's t-test and interval.

    The relative lift ``mean_t / mean_c - 1`` gets a delta-method (normal) interval on the log
    ratio of means; it needs positive means.

    Args:
        mean_t: Treatment mean.
        sd_t: Treatment sample standard deviation (ddof=1); ignored when ``n_t`` is 1.
        n_t: Treatment observations.
        mean_c: Control mean.
        sd_c: Control sample standard deviation (ddof=1); ignored when ``n_c`` is 1.
        n_c: Control observations.
        alpha: Two-sided significance level.

    Returns:
        A Comparison with ``metric_kind="mean"``; inference is NaN (with a note) when an arm has
        a single observation or both arms have zero variance.

    Raises:
        ValueError: If an arm is empty, or a mean or standard deviation is invalid.
    """
    n_t, n_c = _check_n("n_t", n_t), _check_n("n_c", n_c)
    mean_t, mean_c = _check_finite("mean_t", mean_t), _check_finite("mean_c", mean_c)
    var_t, var_c = _check_sd("sd_t", sd_t, n_t) ** 2, _check_sd("sd_c", sd_c, n_c) ** 2
    alpha = _check_alpha(alpha)
    test = _welch(mean_t - mean_c, var_t, n_t, var_c, n_c, alpha=alpha)
    lift = _relative_lift(mean_t, mean_c, var_t / n_t, var_c / n_c, 0.0, alpha=alpha)
    return _comparison(
        "mean",
        "Welch t-test, Welch CI",
        (n_t, n_c),
        (mean_t, mean_c),
        mean_t - mean_c,
        test,
        alpha=alpha,
        lift=lift,
    )


def compare_means_from_sums(
    n_t: int,
    sum_t: float,
    sumsq_t: float,
    n_c: int,
    sum_c: float,
    sumsq_c: float,
    *,
    alpha: float = DEFAULT_ALPHA,
) -> Comparison:
    """Welch comparison of means from ``count``, ``sum`` and ``sum of squares`` per arm.

    These are what a SQL engine returns from ``COUNT(y), SUM(y), SUM(y * y)``. The sample
    variance is ``(sumsq - sum**2 / n) / (n - 1)``; a result within rounding noise of 0
    (``SUMS_RTOL``) counts as 0.

    Args:
        n_t: Treatment observations.
        sum_t: Sum of the treatment values.
        sumsq_t: Sum of the squared treatment values.
        n_c: Control observations.
        sum_c: Sum of the control values.
        sumsq_c: Sum of the squared control values.
        alpha: Two-sided significance level.

    Returns:
        The same Comparison as ``compare_means_from_stats``.

    Raises:
        ValueError: If an arm is empty or the sums are not finite or are inconsistent.
    """
    n_t, n_c = _check_n("n_t", n_t), _check_n("n_c", n_c)
    sd = {}
    for arm, n, total, total_sq in (("t", n_t, sum_t, sumsq_t), ("c", n_c, sum_c, sumsq_c)):
        _check_finite(f"sum_{arm}", total)
        _check_finite(f"sumsq_{arm}", total_sq)
        sd[arm] = (
            math.sqrt(centered_ss(f"sumsq_{arm}", n, total, total_sq) / (n - 1)) if n > 1 else _NAN
        )
    return compare_means_from_stats(
        sum_t / n_t, sd["t"], n_t, sum_c / n_c, sd["c"], n_c, alpha=alpha
    )


def compare_means(
    treatment: ArrayLike,
    control: ArrayLike,
    *,
    covariate_treatment: ArrayLike | None = None,
    covariate_control: ArrayLike | None = None,
    alpha: float = DEFAULT_ALPHA,
) -> Comparison:
    """Welch comparison of two means from raw values, optionally CUPED-adjusted.

    Without covariates this is ``compare_means_from_stats`` on the arms' means and standard
    deviations. With a pre-period covariate ``x`` per customer (e.g. last year's spend) it
    applies CUPED: ``theta = cov(x, y) / var(x)`` over both arms pooled,
    ``y_adj = y - theta * (x - mean(x))`` with the pooled mean of ``x``, then Welch on
    ``y_adj``. ``variance_reduction`` is ``1 - var(y_adj) / var(y)`` over both arms pooled.
    With CUPED, ``value_treatment`` and ``value_control`` are the unadjusted means, and the
    relative lift is the adjusted difference relative to the control's unadjusted mean,
    ``diff / value_control``, with a delta-method interval on ``log(1 + rel_lift)``
    (``theta`` treated as known).

    Args:
        treatment: Outcome per treatment customer.
        control: Outcome per control customer.
        covariate_treatment: Pre-period covariate per treatment customer, aligned with
            ``treatment``.
        covariate_control: Pre-period covariate per control customer.
        alpha: Two-sided significance level.

    Returns:
        A Comparison with ``metric_kind="mean"``.

    Raises:
        ValueError: If an array is empty, not 1-D or not finite, only one covariate is given, or
            a covariate's length differs from its outcome's.
    """
    y_t, y_c = _as_sample("treatment", treatment), _as_sample("control", control)
    if covariate_treatment is None and covariate_control is None:
        sd = {}
        for arm, y in (("t", y_t), ("c", y_c)):
            ss = _raw_moments(y, y).ss_yy
            sd[arm] = math.sqrt(ss / (y.size - 1)) if y.size > 1 else _NAN
        return compare_means_from_stats(
            float(y_t.mean()), sd["t"], y_t.size, float(y_c.mean()), sd["c"], y_c.size, alpha=alpha
        )
    if covariate_treatment is None or covariate_control is None:
        raise ValueError(
            "give both covariate_treatment and covariate_control, or neither; got only "
            + ("covariate_control" if covariate_treatment is None else "covariate_treatment")
        )
    x_t = _as_sample("covariate_treatment", covariate_treatment)
    x_c = _as_sample("covariate_control", covariate_control)
    for name, x, y in (("treatment", x_t, y_t), ("control", x_c, y_c)):
        if x.size != y.size:
            raise ValueError(
                f"covariate_{name} has {x.size} values but {name} has {y.size}; "
                "they must be aligned per customer"
            )
    return _cuped(_raw_moments(y_t, x_t), _raw_moments(y_c, x_c), _check_alpha(alpha))


def standardized_difference(diff: float, sd_t: float, sd_c: float) -> float:
    """Standardized mean difference: ``diff`` over the root mean of the two arms' variances.

    The balance measure of Austin (2009) for a randomized split; ``|d| > 0.1`` is the usual mark
    of an imbalance worth a look.

    Args:
        diff: Treatment mean minus control mean.
        sd_t: Treatment standard deviation.
        sd_c: Control standard deviation.

    Returns:
        The standardized difference; NaN when a standard deviation is unknown or both are 0.

    Example:
        >>> standardized_difference(0.3, 1.0, 2.0) == 0.3 / math.sqrt(2.5)
        True
    """
    if math.isnan(sd_t) or math.isnan(sd_c):
        return _NAN
    pooled = math.sqrt((sd_t**2 + sd_c**2) / 2)
    return diff / pooled if pooled > 0 else _NAN
