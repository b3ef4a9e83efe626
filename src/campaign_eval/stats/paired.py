"""The same customers before and after: paired t, Wilcoxon signed-rank and McNemar."""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike
from scipy import stats as sps

from campaign_eval.stats._checks import (
    _as_sample,
    _check_alpha,
    _check_count,
    _check_finite,
    _check_n,
    _join,
)
from campaign_eval.stats.constants import DEFAULT_ALPHA, MCNEMAR_EXACT_MAX_DISCORDANT, SUMS_RTOL
from campaign_eval.stats.results import McNemarResult, PairedChange, PairedResult

_NAN = math.nan


def paired_change(
    before: ArrayLike, after: ArrayLike, *, alpha: float = DEFAULT_ALPHA
) -> PairedResult:
    """Paired t-test with CI on the mean change ``after - before``, plus Wilcoxon signed-rank.

    The Wilcoxon test suits ordinal scores (1-5 satisfaction); it uses scipy's defaults, so
    zero differences are dropped (``zero_method="wilcox"``). Without a control group the change
    is not causal, and segments chosen for low scores regress toward the mean.

    Args:
        before: Value per customer before the campaign.
        after: Value per customer after, aligned with ``before``.
        alpha: Two-sided significance level.

    Returns:
        A PairedResult; inference is NaN with a note when there is one pair or every
        difference is the same.

    Raises:
        ValueError: If an array is empty, not 1-D or not finite, or the lengths differ.
    """
    x_before, x_after = _as_sample("before", before), _as_sample("after", after)
    if x_before.size != x_after.size:
        raise ValueError(
            f"before has {x_before.size} values but after has {x_after.size}; "
            "they must be paired per customer"
        )
    alpha = _check_alpha(alpha)
    d = x_after - x_before
    n = d.size
    mean_diff = float(d.mean())
    method = "paired t-test with t CI; Wilcoxon signed-rank test (zeros dropped)"
    mean_before, mean_after = float(x_before.mean()), float(x_after.mean())

    def result(
        *,
        sd_diff: float,
        se: float,
        df: float,
        note: str,
        w_stat: float = _NAN,
        w_p: float = _NAN,
        t: tuple[float, float, float, float] = (_NAN, _NAN, _NAN, _NAN),
    ) -> PairedResult:
        statistic, ci_low, ci_high, p_value = t
        return PairedResult(
            n=n, mean_before=mean_before, mean_after=mean_after, mean_diff=mean_diff,
            sd_diff=sd_diff, se=se, statistic=statistic, df=df, ci_low=ci_low, ci_high=ci_high,
            p_value=p_value, wilcoxon_statistic=w_stat, wilcoxon_p_value=w_p, alpha=alpha,
            method=method, note=note,
        )  # fmt: skip

    if n < 2:  # noqa: PLR2004 - a sample variance needs two observations
        return result(sd_diff=_NAN, se=_NAN, df=_NAN, note="n=1: no variance estimate")
    if np.any(d != 0):
        wilcoxon = sps.wilcoxon(d)
        w_stat, w_p, w_note = float(wilcoxon.statistic), float(wilcoxon.pvalue), ""
    else:
        w_stat, w_p, w_note = _NAN, _NAN, "every difference is 0: no Wilcoxon test"
    if np.ptp(d) == 0:
        note = _join("every difference is the same: no t-test possible", w_note)
        return result(sd_diff=0.0, se=0.0, df=float(n - 1), note=note, w_stat=w_stat, w_p=w_p)
    res = sps.ttest_rel(x_after, x_before)
    ci = res.confidence_interval(confidence_level=1 - alpha)
    sd_diff = float(d.std(ddof=1))
    return result(
        sd_diff=sd_diff,
        se=sd_diff / math.sqrt(n),
        df=float(res.df),
        note=w_note,
        w_stat=w_stat,
        w_p=w_p,
        t=(float(res.statistic), float(ci.low), float(ci.high), float(res.pvalue)),
    )


def mcnemar(b: int, c: int) -> McNemarResult:
    """McNemar test for a yes/no outcome before and after in the same customers.

    Uses the chi-square statistic ``(b - c)**2 / (b + c)`` without continuity correction and a
    chi-square p-value with 1 df; with fewer than ``MCNEMAR_EXACT_MAX_DISCORDANT`` discordant
    pairs, the exact binomial p-value instead (the statistic is still reported).

    Args:
        b: Customers who changed from no to yes.
        c: Customers who changed from yes to no.

    Returns:
        A McNemarResult; NaN with a note when there are no discordant pairs.

    Raises:
        ValueError: If a count is negative or not whole.
    """
    b_int, c_int = _check_count("b", b), _check_count("c", c)
    n = b_int + c_int
    if n == 0:
        return McNemarResult(
            b_int, c_int, _NAN, _NAN, "McNemar test", "no discordant pairs: no test possible"
        )
    statistic = (b_int - c_int) ** 2 / n
    if n < MCNEMAR_EXACT_MAX_DISCORDANT:
        p_value = float(sps.binomtest(b_int, n, 0.5).pvalue)
        method = "exact McNemar test (binomial)"
        note = f"{n} discordant pairs (fewer than {MCNEMAR_EXACT_MAX_DISCORDANT}): exact test"
    else:
        p_value = float(sps.chi2.sf(statistic, 1))
        method = "McNemar chi-square test without continuity correction"
        note = ""
    return McNemarResult(b_int, c_int, statistic, p_value, method, note)


def paired_change_from_sums(
    n: int, sum_d: float, sumsq_d: float, *, alpha: float = DEFAULT_ALPHA
) -> PairedChange:
    """Paired t-test and t interval on the mean change from ``n``, ``sum(d)`` and ``sum(d**2)``.

    ``d`` is ``after - before`` per customer. This is ``paired_change`` for data that stay in
    the engine: the same t statistic, ``n - 1`` degrees of freedom and t interval.

    Args:
        n: Customers measured twice.
        sum_d: Sum of their changes.
        sumsq_d: Sum of their squared changes.
        alpha: Two-sided significance level.

    Returns:
        A PairedChange; inference is NaN with a note for one customer or when every change is
        the same (then ``se`` is 0).

    Raises:
        ValueError: If ``n`` is not a positive whole number or a sum is not finite.

    Example:
        >>> d = [1, 0, 1, 1, 0, 1, 1, 0, 0, 1, 1, 1]  # methods.md R6: after - before
        >>> r = paired_change_from_sums(12, sum(d), sum(x * x for x in d))
        >>> round(r.statistic, 5), round(r.p_value, 9)
        (4.69042, 0.000660314)
    """
    n_int = _check_n("n", n)
    sum_d, sumsq_d = _check_finite("sum_d", sum_d), _check_finite("sumsq_d", sumsq_d)
    alpha = _check_alpha(alpha)
    mean = sum_d / n_int
    method = "paired t-test with t CI"

    def undefined(se: float, note: str) -> PairedChange:
        return PairedChange(n_int, mean, se, _NAN, _NAN, _NAN, _NAN, _NAN, alpha, method, note)

    if n_int < 2:  # noqa: PLR2004 - a sample variance needs two observations
        return undefined(_NAN, "n=1: no variance estimate")
    ss = sumsq_d - sum_d * sum_d / n_int
    if ss <= SUMS_RTOL * abs(sumsq_d):
        return undefined(0.0, "every change is the same: no t-test possible")
    se = math.sqrt(ss / (n_int - 1) / n_int)
    t = mean / se
    df = n_int - 1
    half = float(sps.t.ppf(1 - alpha / 2, df)) * se
    p_value = 2 * float(sps.t.sf(abs(t), df))
    return PairedChange(
        n_int, mean, se, t, float(df), mean - half, mean + half, p_value, alpha, method
    )


def mcnemar_change(
    n: int, yes_to_no: int, no_to_yes: int, *, alpha: float = DEFAULT_ALPHA
) -> PairedChange:
    """Change in a yes/no rate of the same customers: McNemar's test with a Wald interval.

    The change is ``(no_to_yes - yes_to_no) / n``. Its interval is the Wald interval for paired
    proportions, ``SE = sqrt((b + c) - (c - b)**2 / n) / n`` (Agresti, Categorical Data
    Analysis, 10.1.1); the p-value is ``mcnemar`` (chi-square without continuity correction,
    exact binomial below ``MCNEMAR_EXACT_MAX_DISCORDANT`` discordant pairs).

    Args:
        n: Customers measured twice.
        yes_to_no: Customers who went from yes to no.
        no_to_yes: Customers who went from no to yes.
        alpha: Two-sided significance level.

    Returns:
        A PairedChange with McNemar's statistic; without discordant pairs the interval and the
        test are NaN and ``se`` is 0.

    Raises:
        ValueError: If a count is invalid or the discordant pairs exceed ``n``.
    """
    n_int = _check_n("n", n)
    b, c = _check_count("yes_to_no", yes_to_no), _check_count("no_to_yes", no_to_yes)
    if b + c > n_int:
        raise ValueError(f"yes_to_no + no_to_yes must not exceed n={n_int}; got {b + c}")
    alpha = _check_alpha(alpha)
    test = mcnemar(c, b)
    change = (c - b) / n_int
    if b + c == 0:
        se, low, high = 0.0, _NAN, _NAN
    else:
        se = math.sqrt(max(b + c - (c - b) ** 2 / n_int, 0.0)) / n_int
        half = float(sps.norm.ppf(1 - alpha / 2)) * se
        low, high = change - half, change + half
    return PairedChange(
        n_int, change, se, test.statistic, 1.0, low, high, test.p_value, alpha,
        f"{test.method}, Wald CI for paired proportions", test.note,
    )  # fmt: skip
