"""The method's standards, defaults and names, defined once for every stage and for stats.

Params files may override each of them per campaign; this module only holds the defaults, so a
test level, a power or a template standard is never typed in two places. It imports nothing, so
the light modules (params validation, the CLI) can use it without loading scipy.
"""

from typing import Final, Literal

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

# --------------------------------------------------------------------------------------------------
# Segments, tiers and arms: the names every stage, file and report uses
# --------------------------------------------------------------------------------------------------

# The names as types, for params models and signatures (tests/test_conventions.py checks them).
RuleSegment = Literal["core", "growth", "churn_risk", "new"]
"""A segment with a rule."""
Segment = Literal["core", "growth", "churn_risk", "new", "maintain"]
"""Any segment."""
Scope = Literal["core", "growth", "churn_risk", "new", "maintain", "all"]
"""A segment, or every targeted customer together."""
Tier = Literal["premium", "potential", "ordinary", "lost"]
"""Any tier."""
RuleTier = Literal["premium", "potential", "lost"]
"""A tier with a rule; 'ordinary' is the rest."""

CORE: Final = "core"
GROWTH: Final = "growth"
CHURN_RISK: Final = "churn_risk"
NEW: Final = "new"
MAINTAIN: Final = "maintain"
"""Customers who match no segment rule."""
RULE_SEGMENTS: tuple[RuleSegment, ...] = (CORE, GROWTH, CHURN_RISK, NEW)
"""Segments defined by a rule of the segmentation params."""
SEGMENTS: tuple[Segment, ...] = (*RULE_SEGMENTS, MAINTAIN)
"""Every segment, in the order reports list them."""
DEFAULT_PRECEDENCE: tuple[RuleSegment, ...] = (CORE, CHURN_RISK, NEW, GROWTH)
"""A customer matching several rules gets the first of these."""
DEFAULT_TARGETED: tuple[RuleSegment, ...] = RULE_SEGMENTS
"""Segments a campaign targets unless the plan says otherwise ('maintain' is not targeted)."""
ALL_SEGMENTS: Final = "all"
"""The scope of every targeted customer together."""
UNKNOWN_SEGMENT: Final = "unknown"
"""Customers of an outcome table or assignment without a segment."""

PREMIUM: Final = "premium"
POTENTIAL: Final = "potential"
ORDINARY: Final = "ordinary"
"""Tier of customers who match no tier rule."""
LOST: Final = "lost"
TIERS: tuple[Tier, ...] = (PREMIUM, POTENTIAL, ORDINARY, LOST)
"""The 4-tier view, in the order reports list it."""
TIER_RULE_ORDER: tuple[RuleTier, ...] = (LOST, PREMIUM, POTENTIAL)
"""Tier rules are tried in this order; 'ordinary' is the rest."""

TREATMENT: Final = "treatment"
CONTROL: Final = "control"
ARMS: tuple[str, ...] = (TREATMENT, CONTROL)
"""The two arms of a plan's assignment."""


# --------------------------------------------------------------------------------------------------
# Metric definitions
# --------------------------------------------------------------------------------------------------

ACTIVE_LOOKBACK_MONTHS = 12
"""Churn rate: 'active at the start' means an order in the previous 12 months."""
CSAT_MIN_SCORE = 4
"""CSAT: a 1-5 answer of 4 or 5 counts as satisfied."""
NPS_PROMOTER_MIN = 9
"""NPS: answers of 9 or 10 are promoters."""
NPS_DETRACTOR_MAX = 6
"""NPS: answers of 0 to 6 are detractors (7 and 8 are passives)."""
