"""The statistics core: every test, interval, variance, power and MDE the reports use.

Each function follows the method the project documents in ``docs/methods.md`` and is tested
against R, scipy or statsmodels in ``tests/stats/``. Stage code calls these functions and never
re-derives a test, an interval, an MDE or a variance.

Modules:
    results: the frozen result types.
    proportions: two proportions (Wald; Fisher and Newcombe for small counts), Wilson interval.
    means: Welch from raw values, summaries or engine sums; one mean; standardized difference.
    sums: means and standard deviations from engine sums.
    cuped: CUPED variance reduction with a pre-period covariate.
    paired: paired t (from values or sums), Wilcoxon signed-rank, McNemar.
    did: difference in differences.
    nps: NPS value, variance and the difference between arms.
    rank: Mann-Whitney U.
    power: sample size, power, minimum detectable effect.
    multiplicity: Holm and Benjamini-Hochberg.
    srm: sample ratio mismatch.
    value: totals of incremental value with their interval (one or several arms per control).
    verdicts: what an interval allows a sentence to claim (goal reached, standard met).
"""

from campaign_eval.stats.constants import (
    DEFAULT_ALPHA,
    DEFAULT_POWER,
    EXACT_MIN_COUNT,
    MCNEMAR_EXACT_MAX_DISCORDANT,
    NPS_POINTS,
    SRM_ALPHA,
    SUMS_RTOL,
)
from campaign_eval.stats.cuped import cuped_from_stats
from campaign_eval.stats.did import diff_in_diff_means_from_stats, diff_in_diff_proportions
from campaign_eval.stats.means import (
    compare_means,
    compare_means_from_stats,
    compare_means_from_sums,
    mean_interval,
    standardized_difference,
)
from campaign_eval.stats.multiplicity import PValueAdjustment, adjust_pvalues
from campaign_eval.stats.nps import compare_nps, nps_interval, nps_sd, nps_value, nps_variance
from campaign_eval.stats.paired import (
    mcnemar,
    mcnemar_change,
    paired_change,
    paired_change_from_sums,
)
from campaign_eval.stats.power import (
    Direction,
    detectable_effect,
    mde_means,
    mde_proportions,
    power_at_split,
    power_means,
    power_proportions,
    sample_size_means,
    sample_size_proportions,
)
from campaign_eval.stats.proportions import compare_proportions, wilson_interval
from campaign_eval.stats.rank import mann_whitney, mann_whitney_from_counts
from campaign_eval.stats.results import (
    AdjustedPValues,
    Comparison,
    IncrementalTotal,
    MannWhitneyResult,
    McNemarResult,
    MeanInterval,
    PairedChange,
    PairedResult,
    PowerAnalysis,
    ProportionInterval,
    SampleRatioResult,
)
from campaign_eval.stats.srm import sample_ratio_test
from campaign_eval.stats.sums import centered_ss, mean_from_sums, sd_from_sums, variance_of_mean
from campaign_eval.stats.value import (
    ArmMean,
    SegmentArms,
    incremental_total,
    incremental_total_shared,
    probability_at_least,
)
from campaign_eval.stats.verdicts import (
    GoalVerdict,
    StandardVerdict,
    goal_verdict,
    interval_side,
    standard_verdict,
)

__all__ = [
    "DEFAULT_ALPHA",
    "DEFAULT_POWER",
    "EXACT_MIN_COUNT",
    "MCNEMAR_EXACT_MAX_DISCORDANT",
    "NPS_POINTS",
    "SRM_ALPHA",
    "SUMS_RTOL",
    "AdjustedPValues",
    "ArmMean",
    "Comparison",
    "Direction",
    "GoalVerdict",
    "IncrementalTotal",
    "MannWhitneyResult",
    "McNemarResult",
    "MeanInterval",
    "PValueAdjustment",
    "PairedChange",
    "PairedResult",
    "PowerAnalysis",
    "ProportionInterval",
    "SampleRatioResult",
    "SegmentArms",
    "StandardVerdict",
    "adjust_pvalues",
    "centered_ss",
    "compare_means",
    "compare_means_from_stats",
    "compare_means_from_sums",
    "compare_nps",
    "compare_proportions",
    "cuped_from_stats",
    "detectable_effect",
    "diff_in_diff_means_from_stats",
    "diff_in_diff_proportions",
    "goal_verdict",
    "incremental_total",
    "incremental_total_shared",
    "interval_side",
    "mann_whitney",
    "mann_whitney_from_counts",
    "mcnemar",
    "mcnemar_change",
    "mde_means",
    "mde_proportions",
    "mean_from_sums",
    "mean_interval",
    "nps_interval",
    "nps_sd",
    "nps_value",
    "nps_variance",
    "paired_change",
    "paired_change_from_sums",
    "power_at_split",
    "power_means",
    "power_proportions",
    "probability_at_least",
    "sample_ratio_test",
    "sample_size_means",
    "sample_size_proportions",
    "sd_from_sums",
    "standard_verdict",
    "standardized_difference",
    "variance_of_mean",
    "wilson_interval",
]
