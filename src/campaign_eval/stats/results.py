"""Frozen result types of the statistics package: numbers only, each renders in a notebook."""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

import pandas as pd

_NAN = math.nan


class _Result:
    """Notebook display shared by all results: a pandas frame and its HTML rendering."""

    __slots__ = ()

    def to_frame(self) -> pd.DataFrame:
        """Return the result as a one-row DataFrame with one column per field, in field order."""
        return pd.DataFrame([{f.name: getattr(self, f.name) for f in fields(self)}])  # type: ignore[arg-type]  # subclasses are dataclasses

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


@dataclass(frozen=True, slots=True)
class PairedChange(_Result):
    """Mean change of the same customers from before to after, from engine sums or pair counts.

    Attributes:
        n: Customers measured twice.
        mean_diff: Mean of ``after - before`` (for a yes/no outcome, the change in the rate).
        se: Standard error of ``mean_diff``.
        statistic: Paired t statistic, or McNemar's chi-square for a yes/no outcome.
        df: Degrees of freedom of the statistic (``n - 1`` for t, 1 for McNemar).
        ci_low: Lower bound of the ``1 - alpha`` interval for ``mean_diff``.
        ci_high: Upper bound of that interval.
        p_value: Two-sided p-value for "no change".
        alpha: Significance level.
        method: The test and interval in words.
        note: Empty, or why a figure is NaN or which special path was taken.
    """

    n: int
    mean_diff: float
    se: float
    statistic: float
    df: float
    ci_low: float
    ci_high: float
    p_value: float
    alpha: float
    method: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class IncrementalTotal(_Result):
    """A total over segments or arms of (treatment mean - control mean) x treated customers.

    Attributes:
        value: The total (e.g. incremental revenue, incremental conversions).
        se: Its standard error.
        ci_low: Lower bound of the two-sided ``1 - alpha`` normal interval.
        ci_high: Upper bound of that interval.
        alpha: Significance level.
        method: How the variance was combined, in words.
    """

    value: float
    se: float
    ci_low: float
    ci_high: float
    alpha: float
    method: str
