"""Net Promoter Score: its value, its per-respondent variance, and the difference between arms."""

from __future__ import annotations

import math

from scipy import stats as sps

from campaign_eval.stats._checks import _check_alpha, _check_count
from campaign_eval.stats._inference import _comparison, _z_test
from campaign_eval.stats.constants import DEFAULT_ALPHA, NPS_POINTS
from campaign_eval.stats.results import Comparison, MeanInterval

_NAN = math.nan


def compare_nps(
    promoters_t: int,
    passives_t: int,
    detractors_t: int,
    promoters_c: int,
    passives_c: int,
    detractors_c: int,
    *,
    alpha: float = DEFAULT_ALPHA,
) -> Comparison:
    """Compare Net Promoter Scores, in percentage points, with a z-test and Wald interval.

    NPS is ``pP - pD`` (promoters 9-10, detractors 0-6, passives 7-8 only in the
    denominator). Its per-respondent variance is ``pP + pD - (pP - pD)**2``.

    Args:
        promoters_t: Treatment respondents scoring 9-10.
        passives_t: Treatment respondents scoring 7-8.
        detractors_t: Treatment respondents scoring 0-6.
        promoters_c: Control respondents scoring 9-10.
        passives_c: Control respondents scoring 7-8.
        detractors_c: Control respondents scoring 0-6.
        alpha: Two-sided significance level.

    Returns:
        A Comparison with ``metric_kind="nps"``; values, diff, SE and CI in points (x100).
        Relative lift is NaN: NPS can be 0 or negative.

    Raises:
        ValueError: If a count is negative or not whole, or an arm has no respondents.
    """
    arms = {}
    for arm, counts in (
        ("t", (promoters_t, passives_t, detractors_t)),
        ("c", (promoters_c, passives_c, detractors_c)),
    ):
        pro, pas, det = (
            _check_count(f"{kind}_{arm}", value)
            for kind, value in zip(("promoters", "passives", "detractors"), counts, strict=True)
        )
        n = pro + pas + det
        if n == 0:
            raise ValueError(
                f"promoters_{arm} + passives_{arm} + detractors_{arm} must be at least 1 "
                "(an arm without respondents has no NPS); got 0"
            )
        arms[arm] = (n, nps_value(pro, pas, det) / NPS_POINTS, nps_variance(pro, pas, det))
    alpha = _check_alpha(alpha)
    (n_t, nps_t, var_t), (n_c, nps_c, var_c) = arms["t"], arms["c"]
    diff = NPS_POINTS * (nps_t - nps_c)
    se = NPS_POINTS * math.sqrt(var_t / n_t + var_c / n_c)
    test = _z_test(
        diff, se, alpha, "every respondent in both arms gave the same category: no test possible"
    )
    return _comparison(
        "nps",
        "z-test on the NPS difference, Wald CI",
        (n_t, n_c),
        (NPS_POINTS * nps_t, NPS_POINTS * nps_c),
        diff,
        test,
        alpha=alpha,
        notes=("relative lift not meaningful for NPS (can be 0 or negative)",),
    )


def nps_value(promoters: float, passives: float, detractors: float) -> float:
    """NPS in percentage points: share of promoters minus share of detractors; NaN with no answer.

    Example:
        >>> nps_value(180, 150, 70)  # methods.md R8, treatment
        27.5
    """
    n = promoters + passives + detractors
    if n <= 0:
        return _NAN
    return NPS_POINTS * (promoters - detractors) / n


def nps_variance(promoters: float, passives: float, detractors: float) -> float:
    """Per-respondent variance of the NPS score (+1, 0, -1), in proportion units.

    ``pP + pD - (pP - pD)**2``: the variance of a respondent's score over all respondents
    (denominator n, the form of the NPS z-test). NaN with no answer.

    Example:
        >>> round(nps_variance(180, 150, 70), 6)
        0.549375
    """
    n = promoters + passives + detractors
    if n <= 0:
        return _NAN
    p_pro, p_det = promoters / n, detractors / n
    return max(p_pro + p_det - (p_pro - p_det) ** 2, 0.0)


def nps_sd(promoters: float, passives: float, detractors: float) -> float:
    """Per-respondent standard deviation of the NPS score, in points (``nps_variance``).

    Example:
        >>> round(nps_sd(180, 150, 70), 4)
        74.1198
    """
    return NPS_POINTS * math.sqrt(nps_variance(promoters, passives, detractors))


def nps_interval(
    promoters: int, passives: int, detractors: int, *, alpha: float = DEFAULT_ALPHA
) -> MeanInterval:
    """One NPS with its Wald interval, in points: ``NPS +- z sqrt(var / n)``.

    Example:
        >>> r = nps_interval(180, 150, 70)  # methods.md R8, treatment
        >>> r.mean, round(r.ci_low, 3), round(r.ci_high, 3)
        (27.5, 20.236, 34.764)
    """
    names = ("promoters", "passives", "detractors")
    given = (promoters, passives, detractors)
    counts = [_check_count(k, v) for k, v in zip(names, given, strict=True)]
    n = sum(counts)
    if n == 0:
        raise ValueError("promoters + passives + detractors must be at least 1; got 0")
    alpha = _check_alpha(alpha)
    value = nps_value(*counts)
    sd = nps_sd(*counts)
    half = float(sps.norm.ppf(1 - alpha / 2)) * sd / math.sqrt(n)
    return MeanInterval(n, value, sd, value - half, value + half, alpha, "Wald interval of an NPS")
