"""Statistical tests, intervals and power calculations for campaign evaluation."""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from typing import Literal, NamedTuple, get_args

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from scipy import optimize
from scipy import stats as sps
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.power import NormalIndPower, normal_sample_size_one_tail
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    power_proportions_2indep,
    proportion_confint,
    samplesize_proportions_2indep_onetail,
)

from campaign_eval import conventions

__all__ = [
    "DEFAULT_ALPHA",
    "DEFAULT_POWER",
    "EXACT_MIN_COUNT",
    "MCNEMAR_EXACT_MAX_DISCORDANT",
    "NPS_POINTS",
    "SRM_ALPHA",
    "SUMS_RTOL",
    "AdjustedPValues",
    "Comparison",
    "Direction",
    "MannWhitneyResult",
    "McNemarResult",
    "PValueAdjustment",
    "PairedResult",
    "PowerAnalysis",
    "ProportionInterval",
    "SampleRatioResult",
    "adjust_pvalues",
    "compare_means",
    "compare_means_from_stats",
    "compare_means_from_sums",
    "compare_nps",
    "compare_proportions",
    "cuped_from_stats",
    "diff_in_diff_means_from_stats",
    "diff_in_diff_proportions",
    "mann_whitney",
    "mann_whitney_from_counts",
    "mcnemar",
    "mde_means",
    "mde_proportions",
    "paired_change",
    "power_proportions",
    "sample_ratio_test",
    "sample_size_means",
    "sample_size_proportions",
    "wilson_interval",
]

DEFAULT_ALPHA = conventions.ALPHA
DEFAULT_POWER = conventions.POWER
EXACT_MIN_COUNT = conventions.EXACT_MIN_COUNT
MCNEMAR_EXACT_MAX_DISCORDANT = 25  # below 25 discordant pairs the chi-square approximation is poor
SRM_ALPHA = conventions.SRM_ALPHA
NPS_POINTS = 100.0  # NPS is reported in percentage points
# Sums of squares from a database lose about this much relative precision to cancellation; a
# centered sum of squares smaller than SUMS_RTOL * (sum of squares) is indistinguishable from 0.
SUMS_RTOL = 1e-10

# A sample size of 329.0000000001 is 329 computed with rounding noise, not a reason to ask for 330.
_CEIL_RTOL = 1e-9
_BRENTQ_XTOL = 1e-12

Direction = Literal["increase", "decrease"]
PValueAdjustment = Literal["holm", "fdr_bh"]

_NAN = math.nan


# --------------------------------------------------------------------------------------------------
# Result types
# --------------------------------------------------------------------------------------------------


class _Result:
    """Notebook display shared by all results: a pandas frame and its HTML rendering."""

    __slots__ = ()

    def to_frame(self) -> pd.DataFrame:
        """Return the result as a one-row DataFrame with one column per field, in field order."""
        return pd.DataFrame([{f.name: getattr(self, f.name) for f in fields(self)}])

    def _repr_html_(self) -> str:
        return self.to_frame().to_html()


@dataclass(frozen=True, slots=True)
class Comparison(_Result):
    """Treatment-versus-control comparison of one metric.

    Attributes:
        metric_kind: What is compared: "proportion", "mean", "nps", "did_proportion" or
            "did_mean".
        method: The test and interval in words, e.g. "unpooled Wald z-test, Wald CI".
        n_treatment: Observations in the treatment arm (for a difference in differences, both
            periods together).
        n_control: Observations in the control arm (same convention).
        value_treatment: Treatment proportion, mean or NPS in points; for a difference in
            differences, the treatment arm's change post - pre. For CUPED, the unadjusted mean.
        value_control: The same for the control arm.
        diff: Treatment minus control. For CUPED it is the covariate-adjusted difference, which
            differs from ``value_treatment - value_control`` by the chance imbalance in the
            covariate.
        se: Standard error of ``diff`` (for the exact path, the unpooled Wald SE, for reference).
        statistic: z or t statistic; NaN for Fisher's exact test, which has none.
        df: Degrees of freedom of a t statistic (Welch-Satterthwaite); NaN for z statistics.
        ci_low: Lower bound of the two-sided ``1 - alpha`` confidence interval for ``diff``.
        ci_high: Upper bound of that interval.
        p_value: Two-sided p-value for "no difference".
        alpha: Significance level; the interval has confidence ``1 - alpha``.
        rel_lift: ``value_treatment / value_control - 1`` (for CUPED, ``diff / value_control``);
            NaN where a ratio is not meaningful (see ``note``).
        rel_ci_low: Lower bound for ``rel_lift`` from the delta method on the log ratio.
        rel_ci_high: Upper bound for ``rel_lift``.
        variance_reduction: CUPED only: ``1 - var(y_adj) / var(y)`` over both arms pooled;
            NaN otherwise.
        note: Empty, or why a figure is NaN or which special path was taken.
    """

    metric_kind: str
    method: str
    n_treatment: int
    n_control: int
    value_treatment: float
    value_control: float
    diff: float
    se: float
    statistic: float
    df: float
    ci_low: float
    ci_high: float
    p_value: float
    alpha: float
    rel_lift: float
    rel_ci_low: float
    rel_ci_high: float
    variance_reduction: float = _NAN
    note: str = ""


@dataclass(frozen=True, slots=True)
class PairedResult(_Result):
    """Change in the same customers from before to after (after - before).

    Attributes:
        n: Number of pairs.
        mean_before: Mean before.
        mean_after: Mean after.
        mean_diff: Mean of ``after - before``.
        sd_diff: Sample standard deviation of the differences (ddof=1).
        se: Standard error of ``mean_diff``.
        statistic: Paired t statistic.
        df: Degrees of freedom, ``n - 1``.
        ci_low: Lower bound of the t confidence interval for ``mean_diff``.
        ci_high: Upper bound of that interval.
        p_value: Two-sided paired t-test p-value.
        wilcoxon_statistic: Wilcoxon signed-rank statistic (scipy's, the smaller rank sum).
        wilcoxon_p_value: Two-sided Wilcoxon signed-rank p-value; zero differences are dropped
            (scipy's default ``zero_method="wilcox"``).
        alpha: Significance level.
        method: The tests in words.
        note: Empty, or why a figure is NaN.
    """

    n: int
    mean_before: float
    mean_after: float
    mean_diff: float
    sd_diff: float
    se: float
    statistic: float
    df: float
    ci_low: float
    ci_high: float
    p_value: float
    wilcoxon_statistic: float
    wilcoxon_p_value: float
    alpha: float
    method: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class McNemarResult(_Result):
    """McNemar test for a yes/no outcome measured twice on the same customers.

    Attributes:
        b: Discordant pairs no -> yes (or the first off-diagonal cell).
        c: Discordant pairs yes -> no (the other off-diagonal cell).
        statistic: ``(b - c)**2 / (b + c)``, without continuity correction, on every path.
        p_value: From chi-square with 1 df, or the exact binomial test when ``b + c`` is below
            ``MCNEMAR_EXACT_MAX_DISCORDANT``.
        method: The test in words.
        note: Empty, or why a figure is NaN.
    """

    b: int
    c: int
    statistic: float
    p_value: float
    method: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class MannWhitneyResult(_Result):
    """Mann-Whitney U test between two arms (for ordinal scores such as 1-5 satisfaction).

    Attributes:
        n_treatment: Observations in the treatment arm.
        n_control: Observations in the control arm.
        statistic: U statistic of the treatment arm.
        p_value: Two-sided p-value (scipy's default method, tie-corrected when asymptotic).
        prob_superiority: ``P(T > C) + 0.5 P(T = C)`` for a random treatment and control
            customer, ``U / (n_treatment * n_control)``; 0.5 means no shift.
        method: The test in words.
    """

    n_treatment: int
    n_control: int
    statistic: float
    p_value: float
    prob_superiority: float
    method: str


@dataclass(frozen=True, slots=True)
class PowerAnalysis(_Result):
    """Sample size, power or minimum detectable effect of a two-arm comparison.

    ``ratio`` is ``n_treatment / n_control`` throughout.

    Attributes:
        metric_kind: "proportion" or "mean".
        solved_for: "sample_size", "power" or "mde".
        baseline: Control proportion (NaN for means).
        target: Treatment proportion under the alternative (NaN for means).
        effect: Absolute effect, ``target - baseline`` for proportions, the mean difference for
            means (always positive for means).
        rel_effect: ``effect / baseline`` for proportions; NaN for means.
        sd: Standard deviation per customer for means; NaN for proportions.
        alpha: Two-sided significance level.
        power: Power of the test at ``effect``.
        ratio: ``n_treatment / n_control``.
        n_control_exact: Control sample size before rounding.
        n_treatment_exact: Treatment sample size before rounding.
        n_control: Control sample size rounded up.
        n_treatment: Treatment sample size rounded up.
        method: The approximation in words.
        note: Empty, or why a figure is NaN.
    """

    metric_kind: str
    solved_for: str
    baseline: float
    target: float
    effect: float
    rel_effect: float
    sd: float
    alpha: float
    power: float
    ratio: float
    n_control_exact: float
    n_treatment_exact: float
    n_control: int
    n_treatment: int
    method: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class AdjustedPValues(_Result):
    """P-values of one family of comparisons, adjusted for multiplicity.

    ``to_frame`` returns one row per p-value with columns ``p_raw``, ``p_adjusted``,
    ``rejected``, ``method``, in input order.

    Attributes:
        p_raw: The p-values as given; NaN entries are kept in place.
        p_adjusted: Adjusted p-values; NaN where the raw p-value is NaN.
        rejected: Whether each hypothesis is rejected at ``alpha`` after adjustment (False for NaN).
        method: "holm" or "fdr_bh" (Benjamini-Hochberg).
        alpha: Family-wise error rate (Holm) or false discovery rate (BH).
        n_tests: Size of the family, the number of non-NaN p-values.
    """

    p_raw: tuple[float, ...]
    p_adjusted: tuple[float, ...]
    rejected: tuple[bool, ...]
    method: str
    alpha: float
    n_tests: int

    def to_frame(self) -> pd.DataFrame:
        """Return one row per p-value: ``p_raw``, ``p_adjusted``, ``rejected``, ``method``."""
        return pd.DataFrame(
            {
                "p_raw": self.p_raw,
                "p_adjusted": self.p_adjusted,
                "rejected": self.rejected,
                "method": self.method,
            }
        )


@dataclass(frozen=True, slots=True)
class SampleRatioResult(_Result):
    """Chi-square goodness-of-fit test of arm sizes against the planned split.

    ``to_frame`` returns one row per arm with columns ``arm``, ``observed``, ``expected``,
    ``observed_share``, ``expected_share``, ``statistic``, ``p_value``, ``flagged``.

    Attributes:
        arms: Arm labels.
        observed: Observed customers per arm.
        observed_shares: Observed share of each arm.
        expected_shares: Planned share of each arm, normalized to sum to 1.
        statistic: Pearson chi-square statistic.
        df: Degrees of freedom, number of arms - 1.
        p_value: P-value of the chi-square test.
        alpha: Threshold for the flag, ``SRM_ALPHA``.
        flagged: True when ``p_value < alpha``: the split is not what was planned, so the
            assignment or the data pipeline is suspect and effects should not be trusted.
        method: The test in words.
    """

    arms: tuple[str, ...]
    observed: tuple[int, ...]
    observed_shares: tuple[float, ...]
    expected_shares: tuple[float, ...]
    statistic: float
    df: int
    p_value: float
    alpha: float
    flagged: bool
    method: str

    def to_frame(self) -> pd.DataFrame:
        """Return one row per arm, with the test's statistic, p-value and flag repeated."""
        total = sum(self.observed)
        return pd.DataFrame(
            {
                "arm": self.arms,
                "observed": self.observed,
                "expected": [total * share for share in self.expected_shares],
                "observed_share": self.observed_shares,
                "expected_share": self.expected_shares,
                "statistic": self.statistic,
                "p_value": self.p_value,
                "flagged": self.flagged,
            }
        )


@dataclass(frozen=True, slots=True)
class ProportionInterval(_Result):
    """A proportion with its confidence interval.

    Attributes:
        successes: Number of successes.
        n: Number of trials.
        proportion: ``successes / n``.
        ci_low: Lower bound of the ``1 - alpha`` interval.
        ci_high: Upper bound of the interval.
        alpha: Significance level.
        method: The interval in words.
    """

    successes: int
    n: int
    proportion: float
    ci_low: float
    ci_high: float
    alpha: float
    method: str


@dataclass(frozen=True, slots=True)
class MeanInterval(_Result):
    """A mean with its t confidence interval.

    Attributes:
        n: Number of values.
        mean: The sample mean.
        sd: The sample standard deviation (ddof=1); NaN when n < 2.
        ci_low: Lower bound of the ``1 - alpha`` interval (NaN when n < 2).
        ci_high: Upper bound of the interval.
        alpha: Significance level.
        method: The interval in words.
        note: Why a figure is NaN, or empty.
    """

    n: int
    mean: float
    sd: float
    ci_low: float
    ci_high: float
    alpha: float
    method: str
    note: str = ""


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


# --------------------------------------------------------------------------------------------------
# Input checks
# --------------------------------------------------------------------------------------------------


def _check_choice(name: str, value: object, allowed: Iterable[object]) -> None:
    """Raise ValueError unless ``value`` is one of ``allowed``, naming the parameter."""
    allowed = tuple(allowed)
    if value not in allowed:
        choices = ", ".join(repr(a) for a in allowed)
        raise ValueError(f"{name} must be one of {choices}; got {value!r}")


def _check_alpha(alpha: float, name: str = "alpha") -> float:
    if not 0 < alpha < 1:
        raise ValueError(f"{name} must be between 0 and 1 (exclusive); got {alpha!r}")
    return float(alpha)


def _check_count(name: str, value: float) -> int:
    """Return ``value`` as an int, or raise unless it is a non-negative whole number."""
    number = float(value)
    if not (math.isfinite(number) and number >= 0 and number.is_integer()):
        raise ValueError(f"{name} must be a non-negative whole number; got {value!r}")
    return int(number)


def _check_n(name: str, value: float) -> int:
    n = _check_count(name, value)
    if n == 0:
        raise ValueError(f"{name} must be at least 1 (an empty arm has nothing to compare); got 0")
    return n


def _check_successes(s_name: str, successes: float, n_name: str, n: float) -> tuple[int, int]:
    s, n_int = _check_count(s_name, successes), _check_n(n_name, n)
    if s > n_int:
        raise ValueError(f"{s_name} must not exceed {n_name}={n_int}; got {successes!r}")
    return s, n_int


def _check_finite(name: str, value: float) -> float:
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{name} must be a finite number; got {value!r}")
    return number


def _check_positive(name: str, value: float) -> float:
    number = _check_finite(name, value)
    if number <= 0:
        raise ValueError(f"{name} must be positive; got {value!r}")
    return number


def _check_sd(name: str, value: float, n: int) -> float:
    """Return the sd; with fewer than 2 observations it is undefined and ignored (NaN)."""
    if n < 2:  # noqa: PLR2004 - a sample variance needs two observations
        return _NAN
    sd = _check_finite(name, value)
    if sd < 0:
        raise ValueError(f"{name} must be non-negative; got {value!r}")
    return sd


def _check_open_probability(name: str, value: float) -> float:
    if not 0 < value < 1:
        raise ValueError(f"{name} must be between 0 and 1 (exclusive); got {value!r}")
    return float(value)


def _check_power(power: float, alpha: float) -> float:
    if not alpha < power < 1:
        raise ValueError(f"power must be between alpha={alpha} and 1 (exclusive); got {power!r}")
    return float(power)


def _as_sample(name: str, values: ArrayLike) -> np.ndarray:
    """Return ``values`` as a non-empty 1-D float array of finite numbers."""
    array = np.asarray(values, dtype=float)
    if array.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional; got shape {array.shape}")
    if array.size == 0:
        raise ValueError(f"{name} is empty (an empty arm has nothing to compare)")
    n_bad = int(np.count_nonzero(~np.isfinite(array)))
    if n_bad:
        raise ValueError(
            f"{name} contains {n_bad} non-finite values (NaN or inf); drop or impute them first"
        )
    return array


def _join(*notes: str) -> str:
    return "; ".join(note for note in notes if note)


# --------------------------------------------------------------------------------------------------
# Shared inference
# --------------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------------
# Proportions
# --------------------------------------------------------------------------------------------------


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
    return Comparison(
        metric_kind="proportion",
        method="unpooled Wald z-test, Wald CI",
        n_treatment=n_t,
        n_control=n_c,
        value_treatment=p_t,
        value_control=p_c,
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
        note=_join(test.note, lift.note),
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
    return Comparison(
        metric_kind="proportion",
        method="Fisher exact test, Newcombe hybrid score CI",
        n_treatment=n_t,
        n_control=n_c,
        value_treatment=p_t,
        value_control=p_c,
        diff=p_t - p_c,
        se=_wald_se(s_t, n_t, s_c, n_c),
        statistic=_NAN,
        df=_NAN,
        ci_low=float(ci_low),
        ci_high=float(ci_high),
        p_value=p_value,
        alpha=alpha,
        rel_lift=lift.rel_lift,
        rel_ci_low=lift.ci_low,
        rel_ci_high=lift.ci_high,
        note=_join(reason, "Fisher's test has no z statistic", lift.note),
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


# --------------------------------------------------------------------------------------------------
# Means
# --------------------------------------------------------------------------------------------------


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
    sd = math.sqrt(_centered_ss("total_sq", n_int, float(total), float(total_sq)) / (n_int - 1))
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
    return Comparison(
        metric_kind="mean",
        method="Welch t-test, Welch CI",
        n_treatment=n_t,
        n_control=n_c,
        value_treatment=mean_t,
        value_control=mean_c,
        diff=mean_t - mean_c,
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
        note=_join(test.note, lift.note),
    )


def _centered_ss(name: str, n: int, total: float, total_sq: float) -> float:
    """Centered sum of squares ``sum((y - mean)**2)`` from ``sum(y)`` and ``sum(y**2)``.

    Values within rounding noise of 0 (``SUMS_RTOL``) are 0; clearly negative ones mean the
    sums do not belong together.
    """
    ss = total_sq - total * total / n
    tolerance = SUMS_RTOL * abs(total_sq)
    if ss < -tolerance:
        raise ValueError(
            f"{name}={total_sq!r} is smaller than sum**2 / n = {total * total / n!r}: "
            "the sums are inconsistent"
        )
    return 0.0 if ss <= tolerance else ss


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
            math.sqrt(_centered_ss(f"sumsq_{arm}", n, total, total_sq) / (n - 1)) if n > 1 else _NAN
        )
    return compare_means_from_stats(
        sum_t / n_t, sd["t"], n_t, sum_c / n_c, sd["c"], n_c, alpha=alpha
    )


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
                ss_yy=_centered_ss(f"sumsq_y_{arm}", n_int, values["sum_y"], values["sumsq_y"]),
                ss_xx=_centered_ss(f"sumsq_x_{arm}", n_int, values["sum_x"], values["sumsq_x"]),
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
    return Comparison(
        metric_kind="mean",
        method="Welch t-test on CUPED-adjusted values, Welch CI",
        n_treatment=t.n,
        n_control=c.n,
        value_treatment=t.mean_y,
        value_control=c.mean_y,
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


# --------------------------------------------------------------------------------------------------
# Before / after
# --------------------------------------------------------------------------------------------------


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
    nan_fields = {"statistic": _NAN, "ci_low": _NAN, "ci_high": _NAN, "p_value": _NAN}
    common = {
        "n": n,
        "mean_before": float(x_before.mean()),
        "mean_after": float(x_after.mean()),
        "mean_diff": mean_diff,
        "alpha": alpha,
        "method": method,
    }
    if n < 2:  # noqa: PLR2004 - a sample variance needs two observations
        return PairedResult(
            **common,
            **nan_fields,
            se=_NAN,
            sd_diff=_NAN,
            df=_NAN,
            wilcoxon_statistic=_NAN,
            wilcoxon_p_value=_NAN,
            note="n=1: no variance estimate",
        )
    if np.any(d != 0):
        wilcoxon = sps.wilcoxon(d)
        w_stat, w_p, w_note = float(wilcoxon.statistic), float(wilcoxon.pvalue), ""
    else:
        w_stat, w_p, w_note = _NAN, _NAN, "every difference is 0: no Wilcoxon test"
    if np.ptp(d) == 0:
        return PairedResult(
            **common,
            **nan_fields,
            se=0.0,
            sd_diff=0.0,
            df=float(n - 1),
            wilcoxon_statistic=w_stat,
            wilcoxon_p_value=w_p,
            note=_join("every difference is the same: no t-test possible", w_note),
        )
    res = sps.ttest_rel(x_after, x_before)
    ci = res.confidence_interval(confidence_level=1 - alpha)
    sd_diff = float(d.std(ddof=1))
    return PairedResult(
        **common,
        sd_diff=sd_diff,
        se=sd_diff / math.sqrt(n),
        statistic=float(res.statistic),
        df=float(res.df),
        ci_low=float(ci.low),
        ci_high=float(ci.high),
        p_value=float(res.pvalue),
        wilcoxon_statistic=w_stat,
        wilcoxon_p_value=w_p,
        note=w_note,
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


def diff_in_diff_proportions(
    t_pre: int,
    n_t_pre: int,
    t_post: int,
    n_t_post: int,
    c_pre: int,
    n_c_pre: int,
    c_post: int,
    n_c_post: int,
    *,
    alpha: float = DEFAULT_ALPHA,
) -> Comparison:
    """Difference in differences of proportions, ``(T_post - T_pre) - (C_post - C_pre)``.

    The SE is the square root of the four ``p (1 - p) / n`` terms, which treats the four cells
    as independent samples; when the same customers are measured twice and their outcomes are
    positively correlated this is conservative. z-test and Wald interval.

    Args:
        t_pre: Treatment successes before.
        n_t_pre: Treatment customers before.
        t_post: Treatment successes after.
        n_t_post: Treatment customers after.
        c_pre: Control successes before.
        n_c_pre: Control customers before.
        c_post: Control successes after.
        n_c_post: Control customers after.
        alpha: Two-sided significance level.

    Returns:
        A Comparison with ``metric_kind="did_proportion"``; ``value_treatment`` and
        ``value_control`` are each arm's change, and ``n_*`` count both periods.

    Raises:
        ValueError: If a count is invalid, a cell is empty, or successes exceed n.
    """
    cells = [
        _check_successes(s_name, s, n_name, n)
        for s_name, s, n_name, n in (
            ("t_pre", t_pre, "n_t_pre", n_t_pre),
            ("t_post", t_post, "n_t_post", n_t_post),
            ("c_pre", c_pre, "n_c_pre", n_c_pre),
            ("c_post", c_post, "n_c_post", n_c_post),
        )
    ]
    alpha = _check_alpha(alpha)
    p = [s / n for s, n in cells]
    se = math.sqrt(sum(pi * (1 - pi) / n for pi, (_, n) in zip(p, cells, strict=True)))
    change_t, change_c = p[1] - p[0], p[3] - p[2]
    test = _z_test(change_t - change_c, se, alpha, "no variation in any cell: no test possible")
    small = any(min(s, n - s) < EXACT_MIN_COUNT for s, n in cells)
    return Comparison(
        metric_kind="did_proportion",
        method="difference in differences, z-test, Wald CI",
        n_treatment=cells[0][1] + cells[1][1],
        n_control=cells[2][1] + cells[3][1],
        value_treatment=change_t,
        value_control=change_c,
        diff=change_t - change_c,
        se=test.se,
        statistic=test.statistic,
        df=test.df,
        ci_low=test.ci_low,
        ci_high=test.ci_high,
        p_value=test.p_value,
        alpha=alpha,
        rel_lift=_NAN,
        rel_ci_low=_NAN,
        rel_ci_high=_NAN,
        note=_join(
            test.note,
            f"a cell has fewer than {EXACT_MIN_COUNT} successes or failures: "
            "the normal approximation may be poor"
            if small
            else "",
            "relative lift not defined for a difference in differences",
        ),
    )


def diff_in_diff_means_from_stats(
    mean_t_pre: float,
    sd_t_pre: float,
    n_t_pre: int,
    mean_t_post: float,
    sd_t_post: float,
    n_t_post: int,
    mean_c_pre: float,
    sd_c_pre: float,
    n_c_pre: int,
    mean_c_post: float,
    sd_c_post: float,
    n_c_post: int,
    *,
    alpha: float = DEFAULT_ALPHA,
) -> Comparison:
    """Difference in differences of means (e.g. spend), normal approximation.

    ``(T_post - T_pre) - (C_post - C_pre)`` with SE the square root of the four ``sd**2 / n``
    terms (cells treated as independent, as in ``diff_in_diff_proportions``), z-test and
    Wald interval.

    Args:
        mean_t_pre: Treatment mean before.
        sd_t_pre: Treatment sample standard deviation before (ddof=1).
        n_t_pre: Treatment customers before.
        mean_t_post: Treatment mean after.
        sd_t_post: Treatment sample standard deviation after.
        n_t_post: Treatment customers after.
        mean_c_pre: Control mean before.
        sd_c_pre: Control sample standard deviation before.
        n_c_pre: Control customers before.
        mean_c_post: Control mean after.
        sd_c_post: Control sample standard deviation after.
        n_c_post: Control customers after.
        alpha: Two-sided significance level.

    Returns:
        A Comparison with ``metric_kind="did_mean"``; ``value_treatment`` and
        ``value_control`` are each arm's change, and ``n_*`` count both periods.

    Raises:
        ValueError: If a cell is empty or a mean or standard deviation is invalid.
    """
    raw = {
        "t_pre": (mean_t_pre, sd_t_pre, n_t_pre),
        "t_post": (mean_t_post, sd_t_post, n_t_post),
        "c_pre": (mean_c_pre, sd_c_pre, n_c_pre),
        "c_post": (mean_c_post, sd_c_post, n_c_post),
    }
    cells = {}
    for cell, (mean, sd, n) in raw.items():
        n_int = _check_n(f"n_{cell}", n)
        cells[cell] = (
            _check_finite(f"mean_{cell}", mean),
            _check_sd(f"sd_{cell}", sd, n_int),
            n_int,
        )
    alpha = _check_alpha(alpha)
    single = [cell for cell, (_, _, n) in cells.items() if n < 2]  # noqa: PLR2004 - a sample variance needs two observations
    change_t = cells["t_post"][0] - cells["t_pre"][0]
    change_c = cells["c_post"][0] - cells["c_pre"][0]
    se = math.sqrt(sum(sd**2 / n for _, sd, n in cells.values()))
    test = _z_test(
        change_t - change_c,
        se,
        alpha,
        f"n=1 in {', '.join(single)}: no variance estimate"
        if single
        else "every cell has zero variance: no test possible",
    )
    return Comparison(
        metric_kind="did_mean",
        method="difference in differences, z-test, Wald CI",
        n_treatment=cells["t_pre"][2] + cells["t_post"][2],
        n_control=cells["c_pre"][2] + cells["c_post"][2],
        value_treatment=change_t,
        value_control=change_c,
        diff=change_t - change_c,
        se=test.se,
        statistic=test.statistic,
        df=test.df,
        ci_low=test.ci_low,
        ci_high=test.ci_high,
        p_value=test.p_value,
        alpha=alpha,
        rel_lift=_NAN,
        rel_ci_low=_NAN,
        rel_ci_high=_NAN,
        note=_join(test.note, "relative lift not defined for a difference in differences"),
    )


# --------------------------------------------------------------------------------------------------
# NPS and ordinal scores
# --------------------------------------------------------------------------------------------------


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
        p_pro, p_det = pro / n, det / n
        arms[arm] = (n, p_pro - p_det, p_pro + p_det - (p_pro - p_det) ** 2)
    alpha = _check_alpha(alpha)
    (n_t, nps_t, var_t), (n_c, nps_c, var_c) = arms["t"], arms["c"]
    diff = NPS_POINTS * (nps_t - nps_c)
    se = NPS_POINTS * math.sqrt(var_t / n_t + var_c / n_c)
    test = _z_test(
        diff, se, alpha, "every respondent in both arms gave the same category: no test possible"
    )
    return Comparison(
        metric_kind="nps",
        method="z-test on the NPS difference, Wald CI",
        n_treatment=n_t,
        n_control=n_c,
        value_treatment=NPS_POINTS * nps_t,
        value_control=NPS_POINTS * nps_c,
        diff=diff,
        se=test.se,
        statistic=test.statistic,
        df=test.df,
        ci_low=test.ci_low,
        ci_high=test.ci_high,
        p_value=test.p_value,
        alpha=alpha,
        rel_lift=_NAN,
        rel_ci_low=_NAN,
        rel_ci_high=_NAN,
        note=_join(test.note, "relative lift not meaningful for NPS (can be 0 or negative)"),
    )


def mann_whitney(treatment: ArrayLike, control: ArrayLike) -> MannWhitneyResult:
    """Two-sided Mann-Whitney U test, to show beside the Welch test for ordinal scores.

    Args:
        treatment: Score per treatment customer.
        control: Score per control customer.

    Returns:
        A MannWhitneyResult with U of the treatment arm and the probability of superiority.

    Raises:
        ValueError: If an array is empty, not 1-D or not finite.
    """
    y_t, y_c = _as_sample("treatment", treatment), _as_sample("control", control)
    res = sps.mannwhitneyu(y_t, y_c, alternative="two-sided")
    u = float(res.statistic)
    return MannWhitneyResult(
        n_treatment=y_t.size,
        n_control=y_c.size,
        statistic=u,
        p_value=float(res.pvalue),
        prob_superiority=u / (y_t.size * y_c.size),
        method="Mann-Whitney U test, two-sided",
    )


def mann_whitney_from_counts(
    counts_treatment: Sequence[int], counts_control: Sequence[int]
) -> MannWhitneyResult:
    """Mann-Whitney U test from counts per ordered score level (e.g. scores 1-5).

    ``counts_treatment[k]`` is the number of treatment customers with the k-th lowest score;
    this is what ``GROUP BY arm, score`` returns, and gives the same result as
    ``mann_whitney`` on the raw scores.

    Args:
        counts_treatment: Treatment customers per score level, lowest level first.
        counts_control: Control customers per score level, same levels.

    Returns:
        The same MannWhitneyResult as ``mann_whitney``.

    Raises:
        ValueError: If the lists differ in length, a count is invalid, or an arm is empty.
    """
    if len(counts_treatment) != len(counts_control):
        raise ValueError(
            f"counts_treatment has {len(counts_treatment)} levels but counts_control has "
            f"{len(counts_control)}; they must list the same score levels"
        )
    samples = {}
    for name, counts in (
        ("counts_treatment", counts_treatment),
        ("counts_control", counts_control),
    ):
        checked = [_check_count(f"{name}[{k}]", value) for k, value in enumerate(counts)]
        if sum(checked) == 0:
            raise ValueError(f"{name} sums to 0 (an empty arm has nothing to compare)")
        samples[name] = np.repeat(np.arange(len(checked), dtype=float), checked)
    return mann_whitney(samples["counts_treatment"], samples["counts_control"])


# --------------------------------------------------------------------------------------------------
# Power, sample size and minimum detectable effect
# --------------------------------------------------------------------------------------------------

_PROPORTION_POWER_METHOD = (
    "normal approximation (R power.prop.test, statsmodels power_proportions_2indep): "
    "pooled variance under H0, unpooled under H1"
)


def _ceil(value: float) -> int:
    return math.ceil(value * (1 - _CEIL_RTOL))


def _proportion_power(
    p_baseline: float, p_target: float, n_control: float, alpha: float, ratio: float
) -> float:
    """Two-sided power; statsmodels' sample 1 is treatment and its ratio is n_c / n_t."""
    return float(
        power_proportions_2indep(
            p_target - p_baseline,
            p_baseline,
            ratio * n_control,
            ratio=1 / ratio,
            alpha=alpha,
            alternative="two-sided",
            return_results=False,
        )
    )


def _proportion_analysis(
    solved_for: str,
    p_baseline: float,
    p_target: float,
    n_control: float,
    *,
    alpha: float,
    power: float,
    ratio: float,
    method: str,
    note: str = "",
) -> PowerAnalysis:
    n_treatment = ratio * n_control
    return PowerAnalysis(
        metric_kind="proportion",
        solved_for=solved_for,
        baseline=p_baseline,
        target=p_target,
        effect=p_target - p_baseline,
        rel_effect=(p_target - p_baseline) / p_baseline,
        sd=_NAN,
        alpha=alpha,
        power=power,
        ratio=ratio,
        n_control_exact=n_control,
        n_treatment_exact=n_treatment,
        n_control=_ceil(n_control),
        n_treatment=_ceil(n_treatment),
        method=method,
        note=note,
    )


def sample_size_proportions(
    p_baseline: float,
    p_target: float,
    *,
    alpha: float = DEFAULT_ALPHA,
    power: float = DEFAULT_POWER,
    ratio: float = 1.0,
) -> PowerAnalysis:
    """Customers per arm needed to detect a change from ``p_baseline`` to ``p_target``.

    The normal approximation of R's ``power.prop.test`` (statsmodels
    ``samplesize_proportions_2indep_onetail``): the far tail of the two-sided test is ignored,
    which changes the power by far less than its rounding.

    Args:
        p_baseline: Control (baseline) proportion.
        p_target: Treatment proportion to detect.
        alpha: Two-sided significance level.
        power: Desired power.
        ratio: ``n_treatment / n_control``.

    Returns:
        A PowerAnalysis with ``solved_for="sample_size"``; ``n_control`` and ``n_treatment``
        are rounded up.

    Raises:
        ValueError: If a proportion is not strictly between 0 and 1, they are equal, or alpha,
            power or ratio is out of range.
    """
    p_baseline = _check_open_probability("p_baseline", p_baseline)
    p_target = _check_open_probability("p_target", p_target)
    if p_target == p_baseline:
        raise ValueError(f"p_target must differ from p_baseline={p_baseline}; got {p_target!r}")
    alpha = _check_alpha(alpha)
    power = _check_power(power, alpha)
    ratio = _check_positive("ratio", ratio)
    n_treatment = float(
        samplesize_proportions_2indep_onetail(
            p_target - p_baseline, p_baseline, power, ratio=1 / ratio, alpha=alpha
        )
    )
    return _proportion_analysis(
        "sample_size",
        p_baseline,
        p_target,
        n_treatment / ratio,
        alpha=alpha,
        power=power,
        ratio=ratio,
        method=_PROPORTION_POWER_METHOD + "; far tail ignored",
    )


def power_proportions(
    p_baseline: float,
    p_target: float,
    n_control: float,
    *,
    alpha: float = DEFAULT_ALPHA,
    ratio: float = 1.0,
) -> PowerAnalysis:
    """Power of the two-sided two-proportion z-test with ``n_control`` control customers.

    Both tails count (statsmodels ``power_proportions_2indep``).

    Args:
        p_baseline: Control (baseline) proportion.
        p_target: Treatment proportion under the alternative.
        n_control: Control customers (``n_control * ratio`` treatment customers).
        alpha: Two-sided significance level.
        ratio: ``n_treatment / n_control``.

    Returns:
        A PowerAnalysis with ``solved_for="power"``.

    Raises:
        ValueError: If a proportion is not strictly between 0 and 1, or alpha, n_control or
            ratio is out of range.
    """
    p_baseline = _check_open_probability("p_baseline", p_baseline)
    p_target = _check_open_probability("p_target", p_target)
    n_control = _check_positive("n_control", n_control)
    alpha = _check_alpha(alpha)
    ratio = _check_positive("ratio", ratio)
    return _proportion_analysis(
        "power",
        p_baseline,
        p_target,
        n_control,
        alpha=alpha,
        power=_proportion_power(p_baseline, p_target, n_control, alpha, ratio),
        ratio=ratio,
        method=_PROPORTION_POWER_METHOD,
    )


def mde_proportions(
    p_baseline: float,
    n_control: float,
    *,
    alpha: float = DEFAULT_ALPHA,
    power: float = DEFAULT_POWER,
    ratio: float = 1.0,
    direction: Direction = "increase",
) -> PowerAnalysis:
    """Minimum detectable effect: the target proportion detected with the given power.

    Solves ``power_proportions(p_baseline, target, n_control) == power`` for ``target`` above
    the baseline (``direction="increase"``) or below it (``"decrease"``, for lower-is-better
    metrics such as churn or complaints).

    Args:
        p_baseline: Control (baseline) proportion.
        n_control: Control customers (``n_control * ratio`` treatment customers).
        alpha: Two-sided significance level.
        power: Desired power.
        ratio: ``n_treatment / n_control``.
        direction: "increase" or "decrease".

    Returns:
        A PowerAnalysis with ``solved_for="mde"``: ``target`` is the detectable proportion,
        ``effect`` and ``rel_effect`` the absolute and relative lift. NaN with a note when no
        proportion in (0, 1) reaches the power.

    Raises:
        ValueError: If an argument is out of range or ``direction`` is not allowed.
    """
    _check_choice("direction", direction, get_args(Direction))
    p_baseline = _check_open_probability("p_baseline", p_baseline)
    n_control = _check_positive("n_control", n_control)
    alpha = _check_alpha(alpha)
    power = _check_power(power, alpha)
    ratio = _check_positive("ratio", ratio)
    bound = 1.0 if direction == "increase" else 0.0

    def shortfall(p_target: float) -> float:
        return _proportion_power(p_baseline, p_target, n_control, alpha, ratio) - power

    if shortfall(bound) < 0:
        return _proportion_analysis(
            "mde",
            p_baseline,
            _NAN,
            n_control,
            alpha=alpha,
            power=power,
            ratio=ratio,
            method=_PROPORTION_POWER_METHOD,
            note=f"no target proportion reaches power {power} with n_control={n_control}",
        )
    target = float(optimize.brentq(shortfall, p_baseline, bound, xtol=_BRENTQ_XTOL))
    return _proportion_analysis(
        "mde",
        p_baseline,
        target,
        n_control,
        alpha=alpha,
        power=power,
        ratio=ratio,
        method=_PROPORTION_POWER_METHOD,
    )


def _means_analysis(
    solved_for: str,
    sd: float,
    mde: float,
    n_control: float,
    *,
    alpha: float,
    power: float,
    ratio: float,
    method: str,
) -> PowerAnalysis:
    return PowerAnalysis(
        metric_kind="mean",
        solved_for=solved_for,
        baseline=_NAN,
        target=_NAN,
        effect=mde,
        rel_effect=_NAN,
        sd=sd,
        alpha=alpha,
        power=power,
        ratio=ratio,
        n_control_exact=n_control,
        n_treatment_exact=ratio * n_control,
        n_control=_ceil(n_control),
        n_treatment=_ceil(ratio * n_control),
        method=method,
    )


def sample_size_means(
    sd: float,
    mde: float,
    *,
    alpha: float = DEFAULT_ALPHA,
    power: float = DEFAULT_POWER,
    ratio: float = 1.0,
) -> PowerAnalysis:
    """Customers per arm needed to detect a difference in means of ``mde``.

    Two-sample z approximation with a common ``sd``:
    ``n_control = (z_{1-alpha/2} + z_{power})**2 * sd**2 * (1 + 1 / ratio) / mde**2``
    (statsmodels ``normal_sample_size_one_tail``; the far tail is ignored).

    Args:
        sd: Standard deviation of the metric per customer (e.g. of spend).
        mde: Absolute difference in means to detect.
        alpha: Two-sided significance level.
        power: Desired power.
        ratio: ``n_treatment / n_control``.

    Returns:
        A PowerAnalysis with ``solved_for="sample_size"`` and ``metric_kind="mean"``.

    Raises:
        ValueError: If sd or mde is not positive, or alpha, power or ratio is out of range.
    """
    sd, mde = _check_positive("sd", sd), abs(_check_finite("mde", mde))
    if mde == 0:
        raise ValueError("mde must be nonzero; got 0")
    alpha = _check_alpha(alpha)
    power = _check_power(power, alpha)
    ratio = _check_positive("ratio", ratio)
    n_control = float(
        normal_sample_size_one_tail(mde, power, alpha / 2, std_null=sd * math.sqrt(1 + 1 / ratio))
    )
    return _means_analysis(
        "sample_size",
        sd,
        mde,
        n_control,
        alpha=alpha,
        power=power,
        ratio=ratio,
        method="two-sample z approximation, common sd; far tail ignored",
    )


def mde_means(
    sd: float,
    n_control: float,
    *,
    alpha: float = DEFAULT_ALPHA,
    power: float = DEFAULT_POWER,
    ratio: float = 1.0,
) -> PowerAnalysis:
    """Minimum detectable difference in means with ``n_control`` control customers.

    Solves the two-sided power of the two-sample z-test (statsmodels ``NormalIndPower``) for
    the difference; the result is positive and applies to either direction.

    Args:
        sd: Standard deviation of the metric per customer.
        n_control: Control customers (``n_control * ratio`` treatment customers).
        alpha: Two-sided significance level.
        power: Desired power.
        ratio: ``n_treatment / n_control``.

    Returns:
        A PowerAnalysis with ``solved_for="mde"`` and ``metric_kind="mean"``.

    Raises:
        ValueError: If sd or n_control is not positive, or alpha, power or ratio is out of range.
    """
    sd, n_control = _check_positive("sd", sd), _check_positive("n_control", n_control)
    alpha = _check_alpha(alpha)
    power = _check_power(power, alpha)
    ratio = _check_positive("ratio", ratio)
    analysis = NormalIndPower()

    def shortfall(effect_size: float) -> float:
        return float(analysis.power(effect_size, n_control, alpha, ratio=ratio)) - power

    # The one-tail closed form slightly overshoots; doubling it always brackets the root.
    guess = float(sps.norm.ppf(1 - alpha / 2) + sps.norm.ppf(power)) * math.sqrt(
        (1 + 1 / ratio) / n_control
    )
    effect_size = float(optimize.brentq(shortfall, 0.0, 2 * guess, xtol=_BRENTQ_XTOL))
    return _means_analysis(
        "mde",
        sd,
        effect_size * sd,
        n_control,
        alpha=alpha,
        power=power,
        ratio=ratio,
        method="two-sample z approximation, common sd",
    )


def power_means(
    sd: float,
    effect: float,
    n_control: float,
    *,
    alpha: float = DEFAULT_ALPHA,
    ratio: float = 1.0,
) -> PowerAnalysis:
    """Power to detect a difference in means of ``effect`` with ``n_control`` control customers.

    The two-sided power of the two-sample z-test (statsmodels ``NormalIndPower``), the same
    model ``mde_means`` and ``sample_size_means`` solve.

    Args:
        sd: Standard deviation of the metric per customer.
        effect: The difference in means to detect (either sign).
        n_control: Control customers (``n_control * ratio`` treatment customers).
        alpha: Two-sided significance level.
        ratio: ``n_treatment / n_control``.

    Returns:
        A PowerAnalysis with ``solved_for="power"`` and ``metric_kind="mean"``.

    Raises:
        ValueError: If sd or n_control is not positive, or alpha or ratio is out of range.
    """
    sd, n_control = _check_positive("sd", sd), _check_positive("n_control", n_control)
    alpha = _check_alpha(alpha)
    ratio = _check_positive("ratio", ratio)
    effect = _check_finite("effect", effect)
    power = float(NormalIndPower().power(abs(effect) / sd, n_control, alpha, ratio=ratio))
    return _means_analysis(
        "power",
        sd,
        effect,
        n_control,
        alpha=alpha,
        power=power,
        ratio=ratio,
        method="two-sample z approximation, common sd",
    )


# --------------------------------------------------------------------------------------------------
# Multiplicity and design checks
# --------------------------------------------------------------------------------------------------


def adjust_pvalues(
    pvalues: ArrayLike, method: PValueAdjustment = "holm", *, alpha: float = DEFAULT_ALPHA
) -> AdjustedPValues:
    """Adjust one family of p-values (all segments x metrics of an evaluation).

    NaN p-values (comparisons that could not be tested) stay NaN and are left out of the
    family, so they neither count toward its size nor get rejected.

    Args:
        pvalues: Raw p-values.
        method: "holm" (family-wise error rate, the default) or "fdr_bh"
            (Benjamini-Hochberg false discovery rate).
        alpha: Error rate to control.

    Returns:
        An AdjustedPValues in input order.

    Raises:
        ValueError: If ``method`` is not allowed or a p-value is outside [0, 1].
    """
    _check_choice("method", method, get_args(PValueAdjustment))
    alpha = _check_alpha(alpha)
    raw = np.asarray(pvalues, dtype=float).reshape(-1)
    bad = raw[~np.isnan(raw) & ~((raw >= 0) & (raw <= 1))]
    if bad.size:
        raise ValueError(f"pvalues must be in [0, 1] or NaN; got {bad.tolist()}")
    tested = ~np.isnan(raw)
    adjusted = np.full(raw.shape, _NAN)
    rejected = np.zeros(raw.shape, dtype=bool)
    if tested.any():
        reject, corrected, _, _ = multipletests(raw[tested], alpha=alpha, method=method)
        adjusted[tested] = corrected
        rejected[tested] = reject
    return AdjustedPValues(
        p_raw=tuple(raw.tolist()),
        p_adjusted=tuple(adjusted.tolist()),
        rejected=tuple(rejected.tolist()),
        method=method,
        alpha=alpha,
        n_tests=int(tested.sum()),
    )


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
