"""Two proportions (Wald, or Fisher with Newcombe for small counts) and one proportion (Wilson)."""

from __future__ import annotations

import math

from scipy import stats as sps
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

from campaign_eval.stats._checks import _check_alpha, _check_successes, _join
from campaign_eval.stats._inference import (
    _comparison,
    _relative_lift,
    _RelativeLift,
    _Test,
    _z_test,
)
from campaign_eval.stats.constants import DEFAULT_ALPHA, EXACT_MIN_COUNT
from campaign_eval.stats.results import Comparison, ProportionInterval

_NAN = math.nan


def compare_proportions(
    successes_treatment: int,
    n_treatment: int,
    successes_control: int,
    n_control: int,
    *,
    alpha: float = DEFAULT_ALPHA,
) -> Comparison:
    """Compare two proportions (e.g. repurchase rates) between treatment and control.

    With at least ``EXACT_MIN_COUNT`` successes and failures in each arm: the unpooled Wald
    z-test with the matching Wald interval, so that the interval excludes 0 exactly when
    ``p < alpha``. Otherwise Fisher's exact test and the Newcombe hybrid score interval; these
    two are separate procedures and can disagree near the boundary, and ``method`` and ``note``
    say that this path was taken.

    The relative lift ``p_t / p_c - 1`` gets a delta-method interval on the log ratio
    (unpooled) on both paths.

    Args:
        successes_treatment: Customers with the outcome in the treatment arm.
        n_treatment: Customers in the treatment arm.
        successes_control: Customers with the outcome in the control arm.
        n_control: Customers in the control arm.
        alpha: Two-sided significance level.

    Returns:
        A Comparison with ``metric_kind="proportion"``.

    Raises:
        ValueError: If a count is negative or not whole, an arm is empty, or successes exceed n.
    """
    s_t, n_t = _check_successes(
        "successes_treatment", successes_treatment, "n_treatment", n_treatment
    )
    s_c, n_c = _check_successes("successes_control", successes_control, "n_control", n_control)
    alpha = _check_alpha(alpha)
    reason = _small_count_reason(s_t, n_t, s_c, n_c)
    if reason:
        return _compare_proportions_exact(s_t, n_t, s_c, n_c, alpha=alpha, reason=reason)
    return _compare_proportions_wald(s_t, n_t, s_c, n_c, alpha=alpha)


def _small_count_reason(s_t: int, n_t: int, s_c: int, n_c: int) -> str:
    """Say which arm has fewer than ``EXACT_MIN_COUNT`` successes or failures, or return ''."""
    small = [
        f"{arm} arm has {count} {kind}"
        for arm, s, n in (("treatment", s_t, n_t), ("control", s_c, n_c))
        for kind, count in (("successes", s), ("failures", n - s))
        if count < EXACT_MIN_COUNT
    ]
    if not small:
        return ""
    return f"exact path: {', '.join(small)} (fewer than {EXACT_MIN_COUNT})"


def _proportion_lift(s_t: int, n_t: int, s_c: int, n_c: int, alpha: float) -> _RelativeLift:
    p_t, p_c = s_t / n_t, s_c / n_c
    return _relative_lift(p_t, p_c, p_t * (1 - p_t) / n_t, p_c * (1 - p_c) / n_c, 0.0, alpha=alpha)


def _wald_se(s_t: int, n_t: int, s_c: int, n_c: int) -> float:
    p_t, p_c = s_t / n_t, s_c / n_c
    return math.sqrt(p_t * (1 - p_t) / n_t + p_c * (1 - p_c) / n_c)


def _compare_proportions_wald(
    s_t: int, n_t: int, s_c: int, n_c: int, *, alpha: float
) -> Comparison:
    p_t, p_c = s_t / n_t, s_c / n_c
    diff = p_t - p_c
    test = _z_test(
        diff, _wald_se(s_t, n_t, s_c, n_c), alpha, "no variation in either arm: no test possible"
    )
    lift = _proportion_lift(s_t, n_t, s_c, n_c, alpha)
    return _comparison(
        "proportion",
        "unpooled Wald z-test, Wald CI",
        (n_t, n_c),
        (p_t, p_c),
        diff,
        test,
        alpha=alpha,
        lift=lift,
    )


def _compare_proportions_exact(
    s_t: int, n_t: int, s_c: int, n_c: int, *, alpha: float, reason: str = ""
) -> Comparison:
    """Fisher's exact test and the Newcombe hybrid score interval (the small-count path)."""
    p_t, p_c = s_t / n_t, s_c / n_c
    table = [[s_t, n_t - s_t], [s_c, n_c - s_c]]
    p_value = float(sps.fisher_exact(table, alternative="two-sided").pvalue)
    ci_low, ci_high = confint_proportions_2indep(
        s_t, n_t, s_c, n_c, method="newcomb", compare="diff", alpha=alpha
    )
    lift = _proportion_lift(s_t, n_t, s_c, n_c, alpha)
    exact = _Test(
        se=_wald_se(s_t, n_t, s_c, n_c),
        statistic=_NAN,
        df=_NAN,
        p_value=p_value,
        ci_low=float(ci_low),
        ci_high=float(ci_high),
        note=_join(reason, "Fisher's test has no z statistic"),
    )
    return _comparison(
        "proportion",
        "Fisher exact test, Newcombe hybrid score CI",
        (n_t, n_c),
        (p_t, p_c),
        p_t - p_c,
        exact,
        alpha=alpha,
        lift=lift,
    )


def wilson_interval(successes: int, n: int, *, alpha: float = DEFAULT_ALPHA) -> ProportionInterval:
    """Wilson score interval for one proportion (e.g. an open or attendance rate).

    Args:
        successes: Number of successes.
        n: Number of trials.
        alpha: Two-sided significance level.

    Returns:
        A ProportionInterval.

    Raises:
        ValueError: If a count is negative or not whole, ``n`` is 0, or successes exceed n.
    """
    s, n_int = _check_successes("successes", successes, "n", n)
    alpha = _check_alpha(alpha)
    ci_low, ci_high = proportion_confint(s, n_int, alpha=alpha, method="wilson")
    return ProportionInterval(
        successes=s,
        n=n_int,
        proportion=s / n_int,
        ci_low=float(ci_low),
        ci_high=float(ci_high),
        alpha=alpha,
        method="Wilson score interval",
    )
