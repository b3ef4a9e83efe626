"""The standards and defaults of CONVENTIONS.md, defined once for every stage and for stats.

Params files may override each of them per campaign; this module only holds the defaults, so a
test level, a power or a template standard is never typed in two places. It imports nothing, so
the light modules (params validation, the CLI) can use it without loading scipy.
"""

ALPHA = 0.05
"""Two-sided significance level of every test, unless the params file says otherwise."""
POWER = 0.8
"""Power asked for by sample sizes and minimum detectable effects."""
EXACT_MIN_COUNT = 10
"""Below 10 successes or failures in an arm, two proportions use Fisher + Newcombe."""
SRM_ALPHA = 0.001
"""A sample ratio mismatch is flagged at p < 0.001."""
WINDOW_DAYS = 30
"""Default outcome window W, in days."""
ROI_STANDARD = 5.0
"""Return standard: value / cost >= 5 (the template writes 1:5)."""
MARGIN_RATE = 1.0
"""Share of revenue counted as value; 1.0 means ROI on revenue."""
ATTAINMENT_EXCELLENT = 0.9
"""Goal attainment of 90% or more is excellent."""
MEAN_SATISFACTION_STANDARD = 4.5
"""Customer feedback standard: mean satisfaction (1-5) of at least 4.5."""
MAX_NEGATIVE_SUGGESTIONS = 5
"""Customer feedback standard: at most 5 negative suggestions."""
MAX_PREPARATION_RATIO = 0.9
"""Process efficiency standard: actual preparation time at most 90% of the planned time."""
