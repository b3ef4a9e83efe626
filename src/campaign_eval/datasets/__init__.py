"""The seeded synthetic CRM world of the demo: customers, orders, surveys, complaints, a campaign.

``make_frames`` builds the canonical tables of ``contract.py`` in memory, ``generate_demo`` writes
them as Parquet files (one per table). Everything is drawn from one ``np.random.default_rng(seed)``
with vectorized numpy, so a million customers with about 9 million orders take well under a
minute (use ``campaign=False`` for such benchmark worlds).

How the world is made:

1. Customers get a latent type (regular, core, growth, lapsing, newcomer) that drives their order
   rate, order size, survey answers and complaints from 2024-01-01 (``DATA_START``) to 2026-09-30
   (``DATA_END``). The types are never written out. Their rates are calibrated against the planted
   truth below (see "Calibration"), so the history and the control arm tell the same story.
2. The segments are the ones the package computes: the history up to ``REFERENCE_DATE`` is passed
   to ``segmentation.rules.segment_frames`` (the default rules), and the targeted
   segments (core, growth, churn_risk, new) are split 80/20 into treatment and control by
   ``plan.assignment.assign_arms`` with ``CAMPAIGN_SALT``, exactly as the plan stage does.
3. For targeted customers the post window (``EVENT_DATE``, ``EVENT_DATE`` + 30 days] is then drawn
   from the planted truth below instead of from their type: every customer buys with exactly the
   planted probability (Bernoulli, then 1 + Poisson further orders), and 45% of them
   (``DemoConfig.post_survey_response``, the same in both arms) answer one survey whose
   satisfaction score follows the planted 1-5 distribution. The pre window the evaluation compares
   with is (``CAMPAIGN_START`` - 30 days, ``CAMPAIGN_START``]; a June pulse survey puts many
   customers in both windows for the paired before/after analysis.

Planted effects (``PLANTED_EFFECTS``; true values per customer of the arm, post window)::

    segment     metric               control   treatment   effect
    core        repurchase_rate       0.55      0.62       +7 pp
    core        mean_satisfaction     4.23      4.43       +0.20
    core        spend_per_customer    9900      11160      +12.7% (from repurchase alone)
    growth      repurchase_rate       0.35      0.41       +6 pp
    growth      mean_satisfaction     3.77      3.77       none
    growth      spend_per_customer    2625      3019       +15%
    churn_risk  repurchase_rate       0.12      0.18       +6 pp
    churn_risk  mean_satisfaction     3.05      3.35       +0.30
    churn_risk  spend_per_customer    390       585        +50% (from repurchase alone)
    new         repurchase_rate       0.30      0.30       none
    new         mean_satisfaction     3.77      3.77       none
    new         spend_per_customer    840       840        none

Repurchase is >= 1 order with a positive amount in the post window, over all customers of the arm.
Spend per customer counts customers without orders as 0; its true value is repurchase x (1 + mean
further orders) x mean order amount (``TRUE_OUTCOMES``), up to rounding amounts to cents. Order
amounts grow with the customer's company size, normalized to mean 1 within the segment
(``true_spend`` gives each customer's expectation): every customer's own expected spend is lifted
by exactly the planted ratio, and pre-period spend predicts post-window spend (CUPED has variance
to remove). Mean satisfaction is the mean 1-5 score of the post-window answers (one per
respondent); the true means are those of the sampled distributions. NPS answers and complaints
follow each customer's type in both arms: their true treatment effect is zero everywhere. Outside
the post window targeted customers keep their type's behaviour (no effect before the event or after
the window), and "maintain" customers are not targeted at all.

Calibration: the control arm continues what the same customers did before the campaign, so goal
baselines and before/after comparisons are credible. In the pre window (``PRE_WINDOW``, June 2026,
the low season) each targeted segment as of ``REFERENCE_DATE`` buys at about its control repurchase
rate and spends about its control spend per customer, and its survey answers of the 12 months
before ``REFERENCE_DATE`` average about its control satisfaction. Churn-risk customers have, by
definition, no order in the pre window; for them the comparable history is the earlier cohort the
plan stage measures (``baseline: earlier_cohort``): customers who met the churn-risk rule on
``REFERENCE_DATE`` - 30 days come back at about the control rate in the next 30 days, because every
lapsed customer keeps a small hazard of ordering again (``DemoConfig.reactivation_rate``). Measured
on the standard world (``DEFAULT_N_CUSTOMERS``, ``DEFAULT_SEED``; the mean of 16 seeds in
brackets), against the control truth::

    segment     share   repurchase (30 d)      spend per customer        satisfaction (12 m)
    core        3.1%    0.56 (0.56) vs 0.55    10,377 (10,343) vs 9,900  4.27 vs 4.23
    growth      13.2%   0.39 (0.38) vs 0.35    2,625 (2,535) vs 2,625    3.88 vs 3.77
    churn_risk  12.3%   0.13 (0.12) vs 0.12    434 (374) vs 390          3.12 vs 3.05
    new         2.0%    0.26 (0.29) vs 0.30    974 (897) vs 840          3.75 vs 3.77

(churn_risk repurchase and spend: the earlier cohort over its next 30 days; new customers were still
joining during the pre window.)

Planted problems for the monitoring stage:

- ``SMS_OUTAGE_FROM``: sms invitations sent from 2026-07-08 on are delivered at 40%
  (``DemoConfig.sms_outage_delivery``) instead of 97%.
- ``CONTAMINATED_CONTROLS``: exactly 15 control customers were invited by mistake; they have rows
  in the contacts table (their outcomes still follow the control truth).

Modules:
    settings: the timeline, the campaign's constants, the vocabularies and ``DemoConfig``.
    truth: the planted truth (``TRUE_OUTCOMES``, ``PLANTED_EFFECTS``) and ``true_spend``.
    draws: named numpy columns, days after ``DATA_START`` and the shared random draws.
    people: customers and their latent types.
    activity: orders, survey answers and complaints over the whole period.
    campaign: segments, assignment, the planted post window and the invitations' funnel.
    tables: Arrow tables with the contract's columns, written atomically.
    stamp: the world stamp that tells a stale demo folder.
    world: ``make_frames``, ``generate_demo`` and ``ensure_demo``.
"""

from campaign_eval.datasets.campaign import assign_demo_arms, segment_history
from campaign_eval.datasets.draws import Columns
from campaign_eval.datasets.settings import (
    CALL_SEGMENTS,
    CAMPAIGN_SALT,
    CAMPAIGN_START,
    CAMPAIGN_TABLES,
    CHANNELS,
    CJK_NAMES,
    COMMENTS,
    COMPLAINT_CATEGORIES,
    CONTAMINATED_CONTROLS,
    COSTS,
    CUSTOMER_TYPES,
    DATA_END,
    DATA_START,
    DEFAULT_N_CUSTOMERS,
    DEFAULT_SEED,
    DEMO_ARM_SHARES,
    DEMO_CONFIG,
    EVENT_DATE,
    HISTORY_TABLES,
    INDUSTRIES,
    N_OWNERS,
    POST_WINDOW,
    PRE_WINDOW,
    REFERENCE_DATE,
    REGIONS,
    SENTIMENTS,
    SIZES,
    SMS_OUTAGE_FROM,
    TARGETED_SEGMENTS,
    WINDOW_DAYS,
    DemoConfig,
)
from campaign_eval.datasets.stamp import WORLD_STAMP, is_current, world_fingerprint
from campaign_eval.datasets.truth import (
    METRICS,
    PLANTED_EFFECTS,
    TRUE_OUTCOMES,
    ArmOutcome,
    Metric,
    PlantedEffect,
    planted_effect,
    true_spend,
)
from campaign_eval.datasets.world import DemoSummary, ensure_demo, generate_demo, make_frames

__all__ = [
    "CALL_SEGMENTS",
    "CAMPAIGN_SALT",
    "CAMPAIGN_START",
    "CAMPAIGN_TABLES",
    "CHANNELS",
    "CJK_NAMES",
    "COMMENTS",
    "COMPLAINT_CATEGORIES",
    "CONTAMINATED_CONTROLS",
    "COSTS",
    "CUSTOMER_TYPES",
    "DATA_END",
    "DATA_START",
    "DEFAULT_N_CUSTOMERS",
    "DEFAULT_SEED",
    "DEMO_ARM_SHARES",
    "DEMO_CONFIG",
    "EVENT_DATE",
    "HISTORY_TABLES",
    "INDUSTRIES",
    "METRICS",
    "N_OWNERS",
    "PLANTED_EFFECTS",
    "POST_WINDOW",
    "PRE_WINDOW",
    "REFERENCE_DATE",
    "REGIONS",
    "SENTIMENTS",
    "SIZES",
    "SMS_OUTAGE_FROM",
    "TARGETED_SEGMENTS",
    "TRUE_OUTCOMES",
    "WINDOW_DAYS",
    "WORLD_STAMP",
    "ArmOutcome",
    "Columns",
    "DemoConfig",
    "DemoSummary",
    "Metric",
    "PlantedEffect",
    "assign_demo_arms",
    "ensure_demo",
    "generate_demo",
    "is_current",
    "make_frames",
    "planted_effect",
    "segment_history",
    "true_spend",
    "world_fingerprint",
]
