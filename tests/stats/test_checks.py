"""Bad arguments raise a ValueError that names the argument."""

import math
import re

import pytest

from campaign_eval import stats


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: stats.compare_proportions(0, 0, 5, 10),
            "n_treatment must be at least 1 (an empty arm has nothing to compare); got 0",
        ),
        (lambda: stats.compare_means_from_stats(1, 1, 5, 1, 1, 0), "n_c must be at least 1"),
        (lambda: stats.compare_means([], [1.0, 2.0]), "treatment is empty"),
        (lambda: stats.compare_nps(0, 0, 0, 5, 5, 5), "promoters_t + passives_t + detractors_t"),
        (
            lambda: stats.compare_proportions(11, 10, 5, 10),
            "successes_treatment must not exceed n_treatment=10; got 11",
        ),
        (
            lambda: stats.compare_proportions(5, 10, -1, 10),
            "successes_control must be a non-negative whole number; got -1",
        ),
        (lambda: stats.compare_proportions(2.5, 10, 1, 10), "got 2.5"),
        (lambda: stats.compare_means_from_stats(1, -1, 5, 1, 1, 5), "sd_t must be non-negative"),
        (lambda: stats.compare_means_from_sums(5, 10.0, 1.0, 5, 10.0, 30.0), "inconsistent"),
        (lambda: stats.compare_means([1.0, math.nan], [1.0, 2.0]), "1 non-finite values"),
        (lambda: stats.compare_proportions(5, 10, 5, 10, alpha=1.5), "alpha must be between 0"),
        (
            lambda: stats.compare_means([1.0, 2.0], [1.0, 2.0], covariate_treatment=[1.0, 2.0]),
            "give both covariate_treatment and covariate_control",
        ),
        (
            lambda: stats.adjust_pvalues([0.1], "bonferroni"),
            "method must be one of 'holm', 'fdr_bh'; got 'bonferroni'",
        ),
        (
            lambda: stats.mde_proportions(0.1, 100, direction="up"),
            "direction must be one of 'increase', 'decrease'; got 'up'",
        ),
        (lambda: stats.adjust_pvalues([0.1, 1.2]), "pvalues must be in [0, 1] or NaN; got [1.2]"),
        (lambda: stats.sample_ratio_test([10, 10], [1, 0]), "expected_shares[1] must be positive"),
        (lambda: stats.paired_change([1.0, 2.0], [1.0]), "before has 2 values but after has 1"),
    ],
)
def test_invalid_input_raises_naming_the_argument(call, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        call()
