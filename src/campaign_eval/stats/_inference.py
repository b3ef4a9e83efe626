"""The z and Welch tests and the log-ratio interval every comparison is built from."""

from __future__ import annotations

import math
from typing import NamedTuple

from scipy import stats as sps

from campaign_eval.stats._checks import _join
from campaign_eval.stats.results import Comparison

_NAN = math.nan


class _Test(NamedTuple):
    """Inference on one difference, shared by the z and t paths."""

    se: float
    statistic: float
    df: float
    p_value: float
    ci_low: float
    ci_high: float
    note: str


class _RelativeLift(NamedTuple):
    rel_lift: float
    ci_low: float
    ci_high: float
    note: str


def _z_test(diff: float, se: float, alpha: float, zero_se_reason: str) -> _Test:
    """Two-sided z-test and Wald interval for ``diff`` with standard error ``se``."""
    if not se > 0:
        return _Test(se, _NAN, _NAN, _NAN, _NAN, _NAN, zero_se_reason)
    z = diff / se
    half = float(sps.norm.ppf(1 - alpha / 2)) * se
    p = 2 * float(sps.norm.sf(abs(z)))
    return _Test(se, z, _NAN, p, diff - half, diff + half, "")


def _welch(diff: float, var_t: float, n_t: int, var_c: float, n_c: int, *, alpha: float) -> _Test:
    """Welch t-test and interval from per-arm sample variances (ddof=1)."""
    for arm, n in (("treatment", n_t), ("control", n_c)):
        if n < 2:  # noqa: PLR2004 - a sample variance needs two observations
            return _Test(
                _NAN, _NAN, _NAN, _NAN, _NAN, _NAN, f"{arm} arm has n=1: no variance estimate"
            )
    v_t, v_c = var_t / n_t, var_c / n_c
    se = math.sqrt(v_t + v_c)
    if se == 0:
        return _Test(
            0.0, _NAN, _NAN, _NAN, _NAN, _NAN, "both arms have zero variance: no test possible"
        )
    df = (v_t + v_c) ** 2 / (v_t**2 / (n_t - 1) + v_c**2 / (n_c - 1))
    t = diff / se
    half = float(sps.t.ppf(1 - alpha / 2, df)) * se
    p = 2 * float(sps.t.sf(abs(t), df))
    return _Test(se, t, df, p, diff - half, diff + half, "")


def _relative_lift(
    a: float, b: float, var_a: float, var_b: float, cov_ab: float, *, alpha: float
) -> _RelativeLift:
    """Relative lift ``a / b - 1`` with a delta-method interval on ``log(a / b)``.

    ``var_a``, ``var_b`` and ``cov_ab`` are the sampling (co)variances of the two estimates.
    """
    if b == 0:
        return _RelativeLift(_NAN, _NAN, _NAN, "control value is 0: relative lift undefined")
    if a < 0 or b < 0:
        return _RelativeLift(
            _NAN, _NAN, _NAN, "relative lift needs positive values: a value is negative"
        )
    ratio = a / b
    if a == 0:
        return _RelativeLift(
            ratio - 1, _NAN, _NAN, "treatment value is 0: no log-ratio CI for the relative lift"
        )
    var_log = var_a / a**2 + var_b / b**2 - 2 * cov_ab / (a * b)
    if math.isnan(var_log):  # a variance is unknown (n=1); the main note says why
        return _RelativeLift(ratio - 1, _NAN, _NAN, "")
    if var_log <= 0:
        return _RelativeLift(
            ratio - 1, _NAN, _NAN, "no sampling variation: no CI for the relative lift"
        )
    half = float(sps.norm.ppf(1 - alpha / 2)) * math.sqrt(var_log)
    return _RelativeLift(ratio - 1, ratio * math.exp(-half) - 1, ratio * math.exp(half) - 1, "")


_NO_LIFT = _RelativeLift(_NAN, _NAN, _NAN, "")


def _comparison(
    kind: str,
    method: str,
    arms: tuple[int, int],
    values: tuple[float, float],
    diff: float,
    test: _Test,
    *,
    alpha: float,
    lift: _RelativeLift = _NO_LIFT,
    notes: tuple[str, ...] = (),
    variance_reduction: float = _NAN,
) -> Comparison:
    """A Comparison from its test and lift; notes are joined test first, then ``notes``, lift."""
    return Comparison(
        metric_kind=kind,
        method=method,
        n_treatment=arms[0],
        n_control=arms[1],
        value_treatment=values[0],
        value_control=values[1],
        diff=diff,
        se=test.se,
        statistic=test.statistic,
        df=test.df,
        ci_low=test.ci_low,
        ci_high=test.ci_high,
        p_value=test.p_value,
        alpha=alpha,
        rel_lift=lift.rel_lift,
        rel_ci_low=lift.ci_low,
        rel_ci_high=lift.ci_high,
        variance_reduction=variance_reduction,
        note=_join(test.note, *notes, lift.note),
    )
