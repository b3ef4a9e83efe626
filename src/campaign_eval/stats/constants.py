"""Levels and tolerances of the statistics package (method defaults come from ``conventions``)."""

from campaign_eval import conventions

DEFAULT_ALPHA = conventions.ALPHA
"""Two-sided significance level unless the caller passes another."""
DEFAULT_POWER = conventions.POWER
"""Power asked for by sample sizes and minimum detectable effects."""
EXACT_MIN_COUNT = conventions.EXACT_MIN_COUNT
"""Below this many successes or failures in an arm, two proportions use Fisher + Newcombe."""
MCNEMAR_EXACT_MAX_DISCORDANT = 25
"""Below 25 discordant pairs McNemar's chi-square approximation is poor: the exact binomial test."""
SRM_ALPHA = conventions.SRM_ALPHA
"""A sample ratio mismatch is flagged at p below this level."""
NPS_POINTS = 100.0
"""NPS is reported in percentage points."""
SUMS_RTOL = 1e-10
"""Sums of squares from a database lose about this much relative precision to cancellation; a
centered sum of squares below ``SUMS_RTOL * (sum of squares)`` is indistinguishable from 0."""
