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
   to ``segments.segment_frames`` (the default CONVENTIONS rules), and the targeted segments
   (core, growth, churn_risk, new) are split 80/20 into treatment and control by
   ``assignment.assign_arms`` with ``CAMPAIGN_SALT``, exactly as the plan stage does.
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
    growth      spend_per_customer    2100      2415       +15%
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
    core        3.4%    0.55 (0.54) vs 0.55    10,000 (9,624) vs 9,900   4.26 vs 4.23
    growth      15.4%   0.37 (0.35) vs 0.35    2,139 (2,060) vs 2,100    3.85 vs 3.77
    churn_risk  12.3%   0.13 (0.12) vs 0.12    434 (374) vs 390          3.12 vs 3.05
    new         2.0%    0.26 (0.29) vs 0.30    974 (897) vs 840          3.75 vs 3.77

(churn_risk repurchase and spend: the earlier cohort over its next 30 days; new customers were still
joining during the pre window.)

Planted problems for the monitoring stage:

- ``SMS_OUTAGE_FROM``: sms invitations sent from 2026-07-08 on are delivered at 40%
  (``DemoConfig.sms_outage_delivery``) instead of 97%.
- ``CONTAMINATED_CONTROLS``: exactly 15 control customers were invited by mistake; they have rows
  in the contacts table (their outcomes still follow the control truth).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Literal

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from campaign_eval import contract
from campaign_eval.config.data import DataParams
from campaign_eval.plan.assignment import assign_arms

# ---------------------------------------------------------------------------------------------
# Timeline and campaign constants (what later stages need)

DATA_START = dt.date(2024, 1, 1)
"""First day of orders, surveys and complaints."""
DATA_END = dt.date(2026, 9, 30)
"""Last day of orders, surveys and complaints."""
REFERENCE_DATE = dt.date(2026, 6, 30)
"""Segmentation as-of date (inclusive): the last day of the history the segments see."""
CAMPAIGN_START = dt.date(2026, 7, 1)
"""Invitations and promotion start."""
EVENT_DATE = dt.date(2026, 7, 15)
"""The campaign event; the post window starts the day after."""
WINDOW_DAYS = 30
"""Length of the pre and post windows."""
POST_WINDOW = (EVENT_DATE, EVENT_DATE + dt.timedelta(days=WINDOW_DAYS))
"""Post window (start, end]: the planted effects hold for orders and answers in it."""
PRE_WINDOW = (
    CAMPAIGN_START - dt.timedelta(days=WINDOW_DAYS + 1),
    CAMPAIGN_START - dt.timedelta(days=1),
)
"""Pre window (start, end] the evaluation compares with: it ends the day before the invitations."""
CAMPAIGN_SALT = "demo-2026-q3"
"""Salt of the demo's randomized assignment."""
DEMO_ARM_SHARES: Mapping[str, float] = MappingProxyType({"treatment": 0.8, "control": 0.2})
"""Planned arm shares of every targeted segment."""
TARGETED_SEGMENTS = ("core", "growth", "churn_risk", "new")
"""Segments the campaign targets; 'maintain' is not targeted."""
SMS_OUTAGE_FROM = dt.date(2026, 7, 8)
"""Planted problem: sms invitations sent from this day on are mostly not delivered."""
CONTAMINATED_CONTROLS = 15
"""Planted problem: this many control customers were invited by mistake."""
DEFAULT_N_CUSTOMERS = 20_000
"""Customers of the standard demo world; cost amounts are planned for this size."""
DEFAULT_SEED = 42
"""Seed of the standard demo world."""

HISTORY_TABLES = ("customers", "orders", "surveys", "complaints")
"""Tables of every world."""
CAMPAIGN_TABLES = ("contacts", "costs", "assignment")
"""Tables written only when the world has a campaign."""

Metric = Literal["repurchase_rate", "mean_satisfaction", "spend_per_customer"]
METRICS: tuple[Metric, ...] = ("repurchase_rate", "mean_satisfaction", "spend_per_customer")
"""Metrics with a planted true value per segment and arm."""


# ---------------------------------------------------------------------------------------------
# The planted truth


@dataclass(frozen=True, slots=True)
class ArmOutcome:
    """True post-window behaviour of the customers of one segment and arm.

    Attributes:
        repurchase_rate: Probability of >= 1 order (positive amount) in the post window.
        extra_orders: Mean of the Poisson number of further orders of a customer who buys.
        mean_amount: Mean order amount (lognormal with sigma ``DemoConfig.post_amount_sigma``).
        satisfaction_probs: Probabilities of the satisfaction scores 1, 2, 3, 4, 5 of the one
            post-window survey answer of a respondent.
    """

    repurchase_rate: float
    extra_orders: float
    mean_amount: float
    satisfaction_probs: tuple[float, float, float, float, float]

    @property
    def mean_satisfaction(self) -> float:
        """Exact mean of the satisfaction distribution."""
        return float(np.dot(np.arange(1, 6), self.satisfaction_probs))

    @property
    def spend_per_customer(self) -> float:
        """Exact expected post-window spend per customer (customers without orders count 0)."""
        return self.repurchase_rate * (1.0 + self.extra_orders) * self.mean_amount


_CORE_SAT_CONTROL = (0.01, 0.03, 0.12, 0.40, 0.44)  # mean 4.23
_CORE_SAT_TREATMENT = (0.01, 0.03, 0.10, 0.24, 0.62)  # 0.20 of mass moved up one score: 4.43
_CHURN_SAT_CONTROL = (0.10, 0.20, 0.35, 0.25, 0.10)  # mean 3.05
_CHURN_SAT_TREATMENT = (0.05, 0.15, 0.35, 0.30, 0.15)  # 0.30 of mass moved up one score: 3.35
_PLAIN_SAT = (0.03, 0.07, 0.25, 0.40, 0.25)  # mean 3.77
_GROWTH_AMOUNT = 4_000.0
_GROWTH_REPURCHASE = (0.35, 0.41)
_GROWTH_SPEND_LIFT = 1.15
# growth's spend lift is exactly +15% rather than the +17% the repurchase lift alone would give:
# treated buyers' orders are about 2% smaller on average
_GROWTH_TREATED_AMOUNT = (
    _GROWTH_AMOUNT * _GROWTH_SPEND_LIFT * _GROWTH_REPURCHASE[0] / _GROWTH_REPURCHASE[1]
)

TRUE_OUTCOMES: Mapping[tuple[str, str], ArmOutcome] = MappingProxyType(
    {
        ("core", "control"): ArmOutcome(0.55, 1.0, 9_000.0, _CORE_SAT_CONTROL),
        ("core", "treatment"): ArmOutcome(0.62, 1.0, 9_000.0, _CORE_SAT_TREATMENT),
        ("growth", "control"): ArmOutcome(_GROWTH_REPURCHASE[0], 0.5, _GROWTH_AMOUNT, _PLAIN_SAT),
        ("growth", "treatment"): ArmOutcome(
            _GROWTH_REPURCHASE[1], 0.5, _GROWTH_TREATED_AMOUNT, _PLAIN_SAT
        ),
        ("churn_risk", "control"): ArmOutcome(0.12, 0.3, 2_500.0, _CHURN_SAT_CONTROL),
        ("churn_risk", "treatment"): ArmOutcome(0.18, 0.3, 2_500.0, _CHURN_SAT_TREATMENT),
        ("new", "control"): ArmOutcome(0.30, 0.4, 2_000.0, _PLAIN_SAT),
        ("new", "treatment"): ArmOutcome(0.30, 0.4, 2_000.0, _PLAIN_SAT),
    }
)
"""(segment, arm) -> the distributions the post window of targeted customers is drawn from."""


@dataclass(frozen=True, slots=True)
class PlantedEffect:
    """One planted effect: the true value of a metric in each arm of a segment (post window).

    Attributes:
        segment: Targeted segment.
        metric: ``repurchase_rate``, ``mean_satisfaction`` or ``spend_per_customer``.
        control: True value in the control arm.
        treatment: True value in the treatment arm.
    """

    segment: str
    metric: Metric
    control: float
    treatment: float

    @property
    def difference(self) -> float:
        """Treatment minus control."""
        return self.treatment - self.control

    @property
    def relative_lift(self) -> float:
        """Treatment / control - 1."""
        return self.treatment / self.control - 1.0


PLANTED_EFFECTS: tuple[PlantedEffect, ...] = tuple(
    PlantedEffect(
        segment,
        metric,
        getattr(TRUE_OUTCOMES[segment, "control"], metric),
        getattr(TRUE_OUTCOMES[segment, "treatment"], metric),
    )
    for segment in TARGETED_SEGMENTS
    for metric in METRICS
)
"""The ground truth later stages must recover, one entry per targeted segment and metric."""


def planted_effect(segment: str, metric: Metric) -> PlantedEffect:
    """The planted effect of one segment and metric.

    Raises:
        KeyError: When no effect is planted for this pair.
    """
    for effect in PLANTED_EFFECTS:
        if effect.segment == segment and effect.metric == metric:
            return effect
    raise KeyError(f"no planted effect for segment '{segment}' and metric '{metric}'")


# ---------------------------------------------------------------------------------------------
# Behaviour of the world

CUSTOMER_TYPES = ("regular", "core", "growth", "lapsing", "newcomer")
"""Latent customer types (never written out)."""
SIZES = ("small", "medium", "large", "enterprise")
INDUSTRIES = (
    "manufacturing", "retail", "technology", "healthcare", "logistics", "finance", "energy",
    "education",
)  # fmt: skip
REGIONS = ("North", "East", "South", "West", "Central")
N_OWNERS = 25
"""Sales reps rep_01 .. rep_25."""
CJK_NAMES = (
    "华东精密制造",
    "深圳云启科技",
    "北方物流集团",
    "成都康瑞医疗",
    "上海恒信金融",
    "广州优选零售",
)
"""Company names used for a handful of customers, so reports exercise CJK rendering."""
COMPLAINT_CATEGORIES = (
    "product quality", "delivery delay", "billing", "service attitude", "technical support",
    "other",
)  # fmt: skip
SENTIMENTS = ("negative", "neutral", "positive")
COMMENTS = {
    "negative": (
        "Delivery was late again", "售后响应太慢", "Invoice errors keep happening",
        "Considering other suppliers",
    ),
    "neutral": ("OK overall", "价格还可以", "Lead times could be more predictable", "No comment"),
    "positive": (
        "Quick delivery, thank you", "服务很好 响应及时", "Great account manager",
        "Quality is consistently good",
    ),
}  # fmt: skip
"""Comment texts by sentiment; some in Chinese."""
CHANNELS = ("email", "sms", "call")
"""Invitation channels: email for every invitee, sms for most, call for core and churn risk."""
CALL_SEGMENTS = ("core", "churn_risk")
"""Segments whose invitees are also called."""
COSTS = (
    ("staff", 60_000.0, 64_800.0),
    ("marketing", 45_000.0, 41_700.0),
    ("technology", 18_000.0, 19_300.0),
    ("venue", 30_000.0, 30_000.0),
    ("research", 12_000.0, 10_800.0),
    ("contingency", 15_000.0, 6_000.0),
)
"""(category, planned, actual) for ``DEFAULT_N_CUSTOMERS``; scaled with the number of customers."""
_COST_ROUNDING = 100.0


@dataclass(frozen=True, slots=True)
class DemoConfig:
    """Rates and shares of the synthetic world; tuples are indexed like the tuples they name.

    Attributes:
        type_shares: Share of each of ``CUSTOMER_TYPES``.
        size_shares: Per customer type, the shares of ``SIZES``.
        since_ranges: Per customer type, the range the start of cooperation is drawn from
            (uniform). Newcomers start within 80 days of ``REFERENCE_DATE`` (segment "new").
        monthly_orders: Mean orders a month by size.
        type_order_factor: Order-rate multiplier by customer type.
        rate_sigma: Lognormal spread (mean 1) of each customer's order rate.
        median_amount: Median order amount by size.
        type_amount_factor: Order-amount multiplier by customer type.
        amount_sigma: Lognormal sigma of one order's amount.
        typical_quantity: Typical quantity of an order by size (sets each unit price level).
        unit_price_sigma: Lognormal spread of customers' unit price levels.
        return_share: Share of orders that are returns (negative amount).
        season_amplitude: Relative seasonal swing of order rates (cosine).
        season_peak_month: Calendar month of the seasonal peak.
        growth_ramp: Months between which growth-type order rates rise linearly.
        growth_peak: Order-rate multiplier of growth types at the end of the ramp and after it.
        lapse_months: First and last month a lapsing customer may stop ordering (month starts).
        lapse_residual: Order-rate multiplier of lapsed customers (what is left of their own rate).
        reactivation_rate: Orders a month (before the season) every lapsed customer places on top
            of the residual, whatever their size: the hazard of coming back. It is the same for all
            lapsed customers, so customers with no order for months buy again at about this rate
            (churn-risk customers reactivate at about 12% in 30 days).
        surveys_per_year: Background survey answers a year by customer type.
        pulse_share: Share of customers who answer the June 2026 pulse survey.
        pulse_days: First and last day of the pulse survey (inside the pre window).
        satisfaction_mean: Mean latent satisfaction (1-5 scale) by customer type.
        nps_mean: Mean latent likelihood to recommend (0-10) by customer type.
        satisfaction_spread: Customer-to-customer sd of the latent satisfaction.
        nps_spread: Customer-to-customer sd of the latent NPS.
        satisfaction_noise: Answer-to-answer sd around the customer's satisfaction.
        nps_noise: Answer-to-answer sd around the customer's NPS.
        nps_missing: Share of answers without an NPS score.
        satisfaction_missing: Share of background answers without a satisfaction score.
        comment_share: Share of answers with a comment, by sentiment (negative, neutral, positive).
        complaints_per_year: Background complaints a year by customer type.
        lapse_complaints: Mean extra complaints of a lapsing customer around the lapse.
        lapse_complaint_days: Days before and after the lapse those complaints fall in.
        cjk_name_share: Share of customers with a Chinese company name.
        post_survey_response: Share of targeted customers (either arm) answering the post survey.
        post_amount_sigma: Lognormal sigma of post-window order amounts of targeted customers.
        post_size_elasticity: How strongly post-window order amounts follow the company size
            (amount proportional to the size's median amount to this power, mean 1 per segment).
        sms_share: Share of invitees also invited by sms.
        invite_days: Days after ``CAMPAIGN_START`` over which each channel's invitations go out.
        invite_hours: First hour and length in hours of each channel's sending time of day.
        delivery: Delivery rate by channel (a call is delivered when answered).
        sms_outage_delivery: Delivery rate of sms invitations sent from ``SMS_OUTAGE_FROM``.
        delivery_delay_seconds: Maximum delay from invitation to delivery by channel.
        open_rate: Opened / delivered by channel (an sms is opened when read, a call always).
        open_delay_hours: Mean delay from delivery to opening by channel.
        click_rate: Clicked / opened by channel (a call "clicks" when the customer is interested).
        click_delay_hours: Mean delay from opening to clicking.
        registration_rate: Registered / clicked by targeted segment (order of TARGETED_SEGMENTS).
        registration_delay_hours: Mean delay from clicking to registering.
        cancel_rate: Share of registrations cancelled before the event.
        attend_rate: Attended / registered and not cancelled (about 60% of all registered).
        attend_hours: First check-in hour on the event day and the check-in span in hours.
        onsite_score_rate: Share of attendees who give an on-site score.
        onsite_score_probs: Probabilities of on-site scores 1..5.
        mean_questions: Mean questions asked on site by an attendee (Poisson).
    """

    type_shares: tuple[float, ...] = (0.665, 0.07, 0.06, 0.185, 0.02)
    size_shares: tuple[tuple[float, ...], ...] = (
        (0.51, 0.30, 0.155, 0.035),
        (0.00, 0.03, 0.30, 0.67),
        (0.30, 0.42, 0.24, 0.04),
        (0.55, 0.30, 0.12, 0.03),
        (0.60, 0.30, 0.08, 0.02),
    )
    since_ranges: tuple[tuple[dt.date, dt.date], ...] = (
        (dt.date(2016, 1, 1), dt.date(2026, 3, 1)),
        (dt.date(2016, 1, 1), dt.date(2022, 12, 31)),
        (dt.date(2017, 1, 1), dt.date(2025, 6, 30)),
        (dt.date(2016, 1, 1), dt.date(2025, 1, 31)),
        (REFERENCE_DATE - dt.timedelta(days=80), REFERENCE_DATE),
    )
    monthly_orders: tuple[float, ...] = (0.18, 0.27, 0.41, 0.55)
    type_order_factor: tuple[float, ...] = (1.0, 1.6, 1.0, 0.9, 2.6)
    rate_sigma: float = 0.5
    median_amount: tuple[float, ...] = (780.0, 2_300.0, 5_100.0, 8_200.0)
    type_amount_factor: tuple[float, ...] = (1.0, 1.3, 1.3, 1.1, 0.88)
    amount_sigma: float = 0.6
    typical_quantity: tuple[float, ...] = (2.0, 4.0, 9.0, 20.0)
    unit_price_sigma: float = 0.3
    return_share: float = 0.02
    season_amplitude: float = 0.30
    season_peak_month: int = 11
    growth_ramp: tuple[dt.date, dt.date] = (dt.date(2025, 7, 1), dt.date(2026, 6, 1))
    growth_peak: float = 2.0
    lapse_months: tuple[dt.date, dt.date] = (dt.date(2025, 9, 1), dt.date(2026, 3, 1))
    lapse_residual: float = 0.02
    reactivation_rate: float = 0.153
    surveys_per_year: tuple[float, ...] = (1.0, 3.0, 1.0, 1.2, 1.0)
    pulse_share: float = 0.30
    pulse_days: tuple[dt.date, dt.date] = (dt.date(2026, 6, 2), dt.date(2026, 6, 30))
    satisfaction_mean: tuple[float, ...] = (3.9, 4.3, 3.8, 2.9, 3.8)
    nps_mean: tuple[float, ...] = (7.8, 9.7, 8.0, 4.0, 7.8)
    satisfaction_spread: float = 0.3
    nps_spread: float = 0.5
    satisfaction_noise: float = 0.6
    nps_noise: float = 1.0
    nps_missing: float = 0.10
    satisfaction_missing: float = 0.05
    comment_share: tuple[float, ...] = (0.5, 0.2, 0.2)
    complaints_per_year: tuple[float, ...] = (0.06, 0.04, 0.06, 0.3, 0.06)
    lapse_complaints: float = 1.0
    lapse_complaint_days: tuple[int, int] = (150, 30)
    cjk_name_share: float = 0.003
    post_survey_response: float = 0.45
    post_amount_sigma: float = 0.6
    post_size_elasticity: float = 0.5
    sms_share: float = 0.85
    invite_days: tuple[int, ...] = (10, 12, 12)
    invite_hours: tuple[tuple[float, float], ...] = ((9.0, 2.0), (10.0, 1.0), (9.0, 9.0))
    delivery: tuple[float, ...] = (0.97, 0.97, 0.70)
    sms_outage_delivery: float = 0.40
    delivery_delay_seconds: tuple[float, ...] = (300.0, 120.0, 0.0)
    open_rate: tuple[float, ...] = (0.45, 0.70, 1.0)
    open_delay_hours: tuple[float, ...] = (8.0, 1.0, 0.0)
    click_rate: tuple[float, ...] = (0.22, 0.15, 0.55)
    click_delay_hours: float = 0.3
    registration_rate: tuple[float, ...] = (0.75, 0.50, 0.45, 0.25)
    registration_delay_hours: float = 6.0
    cancel_rate: float = 0.10
    attend_rate: float = 0.67
    attend_hours: tuple[float, float] = (9.0, 1.5)
    onsite_score_rate: float = 0.9
    onsite_score_probs: tuple[float, ...] = (0.02, 0.05, 0.15, 0.40, 0.38)
    mean_questions: float = 0.7


DEMO_CONFIG = DemoConfig()
"""The configuration of the demo world."""


# ---------------------------------------------------------------------------------------------
# Public API


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What ``generate_demo`` wrote.

    Attributes:
        out_dir: The folder the files were written to.
        paths: Table name -> Parquet file.
        rows: Table name -> number of rows.
        n_customers: Customers in the world.
        seed: Seed of the world.
        campaign: Whether the campaign tables were written.
        segment_sizes: Customers per segment as of ``reference_date`` (empty without campaign).
        data_start: First day of the data.
        data_end: Last day of the data.
        reference_date: Segmentation as-of date.
        campaign_start: First day of invitations.
        event_date: The event day.
        pre_window: (start, end] the evaluation compares with.
        post_window: (start, end] the planted effects hold in.
    """

    out_dir: Path
    paths: Mapping[str, Path]
    rows: Mapping[str, int]
    n_customers: int
    seed: int
    campaign: bool
    segment_sizes: Mapping[str, int]
    data_start: dt.date = DATA_START
    data_end: dt.date = DATA_END
    reference_date: dt.date = REFERENCE_DATE
    campaign_start: dt.date = CAMPAIGN_START
    event_date: dt.date = EVENT_DATE
    pre_window: tuple[dt.date, dt.date] = PRE_WINDOW
    post_window: tuple[dt.date, dt.date] = POST_WINDOW

    def to_frame(self) -> pd.DataFrame:
        """One row per written table: name, rows and file."""
        return pd.DataFrame(
            {
                "table": list(self.paths),
                "rows": [self.rows[t] for t in self.paths],
                "path": [str(p) for p in self.paths.values()],
            }
        )


def make_frames(
    *, n_customers: int = DEFAULT_N_CUSTOMERS, seed: int = DEFAULT_SEED, campaign: bool = True
) -> dict[str, pd.DataFrame]:
    """Build the demo world in memory, exactly as ``generate_demo`` writes it.

    Args:
        n_customers: Number of customers.
        seed: Seed of ``np.random.default_rng``; the same seed gives the identical world.
        campaign: Whether to run the campaign (segments, assignment, contacts, costs and the
            planted post-window effects). Without it every customer keeps their type's behaviour.

    Returns:
        Canonical table name -> frame with exactly the contract's columns.

    Example:
        >>> frames = make_frames(n_customers=500, seed=1)
        >>> sorted(frames)
        ['assignment', 'complaints', 'contacts', 'costs', 'customers', 'orders', 'surveys']
    """
    tables, _ = _build_tables(n_customers, seed, campaign=campaign)
    return {name: table.to_pandas() for name, table in tables.items()}


def generate_demo(
    out_dir: Path,
    *,
    n_customers: int = DEFAULT_N_CUSTOMERS,
    seed: int = DEFAULT_SEED,
    campaign: bool = True,
    config: DemoConfig = DEMO_CONFIG,
) -> DemoSummary:
    """Write the demo world as one Parquet file per canonical table.

    Each file is written under a temporary name and then renamed, so a reader never sees a half
    written file. Without a campaign, campaign files left in ``out_dir`` by an earlier run are
    removed so the folder never mixes two worlds.

    Args:
        out_dir: Folder for ``<table>.parquet`` (created when missing).
        n_customers: Number of customers.
        seed: Seed of the world.
        campaign: Whether to run and write the campaign (see ``make_frames``).
        config: The behaviour of the world; benchmarks pass a ``dataclasses.replace`` of
            ``DEMO_CONFIG`` (e.g. more orders a month) to reach a given scale.

    Returns:
        The files, row counts and dates of the world.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    tables, segment_sizes = _build_tables(n_customers, seed, campaign=campaign, config=config)
    paths: dict[str, Path] = {}
    for name, table in tables.items():
        paths[name] = _write_atomic(table, out_dir / f"{name}.parquet")
    if not campaign:
        for name in CAMPAIGN_TABLES:
            (out_dir / f"{name}.parquet").unlink(missing_ok=True)
    # written last: a folder with a matching stamp holds a complete world of this generator
    stamp = world_fingerprint(n_customers=n_customers, seed=seed, campaign=campaign, config=config)
    (out_dir / WORLD_STAMP).write_text(stamp + "\n")
    return DemoSummary(
        out_dir=out_dir,
        paths=paths,
        rows={name: table.num_rows for name, table in tables.items()},
        n_customers=n_customers,
        seed=seed,
        campaign=campaign,
        segment_sizes=segment_sizes,
    )


WORLD_STAMP = "world.stamp"
"""File in a generated folder that names the generator settings the world was made with."""


def world_fingerprint(
    *,
    n_customers: int = DEFAULT_N_CUSTOMERS,
    seed: int = DEFAULT_SEED,
    campaign: bool = True,
    config: DemoConfig = DEMO_CONFIG,
) -> str:
    """A short hash of everything that shapes the world, so a stale demo folder is detected.

    A new release that recalibrates the generator changes the fingerprint, and
    ``is_current`` then tells callers to generate the world again.
    """
    settings = repr((config, PLANTED_EFFECTS, TRUE_OUTCOMES.items(), DATA_START, DATA_END,
                     REFERENCE_DATE, CAMPAIGN_START, EVENT_DATE, CAMPAIGN_SALT,
                     dict(DEMO_ARM_SHARES), n_customers, seed, campaign))  # fmt: skip
    return hashlib.sha256(settings.encode()).hexdigest()[:16]


def is_current(out_dir: Path) -> bool:
    """Whether ``out_dir`` holds a complete demo world of this generator with default settings."""
    stamp = Path(out_dir) / WORLD_STAMP
    return stamp.exists() and stamp.read_text().strip() == world_fingerprint()


def ensure_demo(params: DataParams, params_dir: Path) -> None:
    """Generate the demo world where a params file with ``data.demo: true`` expects it.

    The world is written again when it is missing, half written, or made by another version of
    this generator (its fingerprint stamp differs).
    """
    if not params.demo:
        return
    base = params.resolve(params_dir)
    if not is_current(base):
        generate_demo(base)


def segment_history(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Segments the package computes from the history of a world, as the generator uses them.

    Args:
        frames: The world's canonical frames; rows after ``REFERENCE_DATE`` are ignored.

    Returns:
        ``customer_id`` and ``segment`` of every customer.
    """
    # imported here: segments -> data -> datasets (to generate a missing demo) would be circular
    from campaign_eval.segmentation.rules import segment_frames

    end = pd.Timestamp(REFERENCE_DATE) + pd.Timedelta(days=1)
    dated = {"orders": "order_date", "surveys": "survey_date", "complaints": "complaint_date"}
    history = {
        name: frames[name][frames[name][dated[name]] < end] if name in dated else frames[name]
        for name in HISTORY_TABLES
    }
    return segment_frames(history, REFERENCE_DATE)


def assign_demo_arms(segments: pd.DataFrame) -> pd.DataFrame:
    """The demo's assignment: targeted segments split by ``assign_arms`` with the demo salt.

    Args:
        segments: ``customer_id`` and ``segment`` of every customer.

    Returns:
        The assignment table: ``customer_id``, ``arm``, ``segment`` of the targeted customers.
    """
    targeted = segments[segments["segment"].isin(TARGETED_SEGMENTS)].reset_index(drop=True)
    arms = assign_arms(targeted, salt=CAMPAIGN_SALT, shares=DEMO_ARM_SHARES)
    return arms[list(contract.ASSIGNMENT.column_names)]


def true_spend(customers: pd.DataFrame, assignment: pd.DataFrame) -> pd.Series:
    """Each targeted customer's true expected spend in the post window.

    Post-window order amounts scale with the customer's usual order size (by company size),
    normalized to mean 1 within each segment. So the segment's true spend per customer in each arm
    is the planted value of ``PLANTED_EFFECTS``, every customer's own expected spend is lifted by
    exactly the planted ratio, and the realized arm means scatter around the planted values only
    through which customers the randomization put in each arm.

    Args:
        customers: The customers table (``customer_id``, ``size``).
        assignment: The whole assignment table (``customer_id``, ``arm``, ``segment``); the
            normalization is over its segments, so pass all of it, not a subset.

    Returns:
        Expected spend, indexed like ``assignment``.

    Raises:
        ValueError: When a segment is not targeted or a customer has no known size.
    """
    size = assignment["customer_id"].map(customers.set_index("customer_id")["size"])
    size_code = pd.Index(SIZES).get_indexer(size)
    seg_code = pd.Index(TARGETED_SEGMENTS).get_indexer(assignment["segment"])
    if (seg_code < 0).any() or (size_code < 0).any():
        raise ValueError(
            "true_spend needs targeted segments "
            f"({', '.join(TARGETED_SEGMENTS)}) and customers with a size ({', '.join(SIZES)})"
        )
    treated = (assignment["arm"] == "treatment").to_numpy()
    value = _truth(seg_code, treated, "spend_per_customer") * _size_factor(size_code, seg_code)
    return pd.Series(value, index=assignment.index, name="true_spend")


# ---------------------------------------------------------------------------------------------
# Building the world

_NS_PER_DAY = 86_400 * 10**9
_NS_PER_HOUR = 3_600 * 10**9
_NS_PER_SECOND = 10**9
_DAYS_PER_YEAR = 365.25
_MONTHS_PER_YEAR = 12
_ID_DIGITS = 6
_ORDER_ID_DIGITS = 8
_N_SCORES = 5
_NPS_MAX = 10
_NPS_PROMOTER = 9
_NPS_PASSIVE = 7
_SAT_POSITIVE = 4
_SAT_NEUTRAL = 3
_CENT = 0.01
_CUSTOMER_BLOCK = 100_000

Columns = dict[str, np.ndarray]
"""A table as named numpy columns of equal length."""


def _day(day: dt.date) -> int:
    """Days after DATA_START."""
    return (day - DATA_START).days


def _build_tables(
    n_customers: int, seed: int, *, campaign: bool, config: DemoConfig = DEMO_CONFIG
) -> tuple[dict[str, pa.Table], dict[str, int]]:
    if isinstance(n_customers, bool) or not isinstance(n_customers, int) or n_customers < 1:
        raise ValueError(f"n_customers must be a positive whole number, got {n_customers!r}")
    cfg = config
    rng = np.random.default_rng(seed)
    cust = _draw_customers(rng, n_customers, cfg)
    orders = _draw_orders(rng, cust, cfg)
    surveys = _draw_surveys(rng, cust, cfg)
    complaints = _draw_complaints(rng, cust, cfg)
    ids = _numbered("C", n_customers, _ID_DIGITS)
    customers = _customers_table(cust, ids)
    if not campaign:
        return {
            "customers": customers,
            "orders": _orders_table(orders, ids),
            "surveys": _surveys_table(surveys, ids),
            "complaints": _complaints_table(complaints, ids),
        }, {}

    ref = _day(REFERENCE_DATE)
    history = {
        "customers": customers.to_pandas(),
        "orders": _orders_table(_take(orders, orders["day"] <= ref), ids).to_pandas(),
        "surveys": _surveys_table(_take(surveys, surveys["day"] <= ref), ids).to_pandas(),
        "complaints": _complaints_table(
            _take(complaints, complaints["day"] <= ref), ids
        ).to_pandas(),
    }
    segments = segment_history(history)
    assignment = assign_demo_arms(segments)
    index = pd.Index(ids.to_pandas()).get_indexer(assignment["customer_id"])
    if (index < 0).any():
        raise RuntimeError("segment_frames returned customer ids that are not in the world")
    seg_code = pd.Index(TARGETED_SEGMENTS).get_indexer(assignment["segment"])
    treated = (assignment["arm"] == "treatment").to_numpy()
    targets = _Targets(index, seg_code, treated)

    planted_orders = _post_orders(rng, cust, targets, cfg)
    orders = _replace_post_window(orders, n_customers, index, planted_orders)
    planted_answers = _post_surveys(rng, cust, targets, cfg)
    surveys = _replace_post_window(surveys, n_customers, index, planted_answers)
    controls = np.flatnonzero(~treated)
    mistaken = np.sort(
        rng.choice(controls, size=min(CONTAMINATED_CONTROLS, controls.size), replace=False)
    )
    invited = np.sort(np.concatenate([np.flatnonzero(treated), mistaken]))
    contacts = _draw_contacts(rng, index[invited], seg_code[invited], cfg)

    tables = {
        "customers": customers,
        "orders": _orders_table(orders, ids),
        "surveys": _surveys_table(surveys, ids),
        "complaints": _complaints_table(complaints, ids),
        "contacts": _contacts_table(contacts, ids),
        "costs": _costs_table(n_customers),
        "assignment": _check_columns(
            pa.table({c: pa.array(assignment[c].tolist(), pa.string()) for c in assignment}),
            "assignment",
        ),
    }
    sizes = segments["segment"].value_counts()
    segment_sizes = {s: int(sizes.get(s, 0)) for s in (*TARGETED_SEGMENTS, "maintain")}
    return tables, segment_sizes


def _take(columns: Columns, rows: np.ndarray) -> Columns:
    return {name: values[rows] for name, values in columns.items()}


def _concat(first: Columns, second: Columns) -> Columns:
    return {name: np.concatenate([first[name], second[name]]) for name in first}


def _pick(rng: np.random.Generator, probs: np.ndarray) -> np.ndarray:
    """One category per row of a (rows x categories) probability matrix (inverse CDF)."""
    cumulative = np.cumsum(probs, axis=1)
    cumulative[:, -1] = 1.0
    u = np.asarray(rng.random(probs.shape[0]))
    return np.asarray((u[:, None] >= cumulative).sum(axis=1))


def _uniform_days(rng: np.random.Generator, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """One whole day per row, uniform in [low, high]."""
    offset = rng.random(low.shape[0], dtype=np.float32) * (high - low + 1).astype(np.float32)
    return np.minimum(low + offset.astype(np.int32), high).astype(np.int32)


def _day_order(day: np.ndarray) -> np.ndarray:
    """Stable order of rows by day (radix sort when the days fit in 16 bits)."""
    if day.size and day.min() >= 0 and day.max() <= np.iinfo(np.int16).max:
        return np.argsort(day.astype(np.int16), kind="stable")
    return np.argsort(day, kind="stable")


def _draw_customers(rng: np.random.Generator, n: int, cfg: DemoConfig) -> Columns:
    kind = rng.choice(len(CUSTOMER_TYPES), size=n, p=cfg.type_shares).astype(np.int8)
    size = _pick(rng, np.asarray(cfg.size_shares)[kind]).astype(np.int8)
    since_range = np.asarray([[_day(a), _day(b)] for a, b in cfg.since_ranges])[kind]
    since = _uniform_days(rng, since_range[:, 0], since_range[:, 1])
    lapse_lo, lapse_hi = (_month_index(d) for d in cfg.lapse_months)
    lapse = np.where(
        kind == CUSTOMER_TYPES.index("lapsing"),
        rng.integers(lapse_lo, lapse_hi + 1, size=n),
        np.iinfo(np.int32).max,
    ).astype(np.int32)
    rate = (
        np.asarray(cfg.monthly_orders)[size]
        * np.asarray(cfg.type_order_factor)[kind]
        * rng.lognormal(-(cfg.rate_sigma**2) / 2, cfg.rate_sigma, size=n)
    )
    median = np.asarray(cfg.median_amount)[size] * np.asarray(cfg.type_amount_factor)[kind]
    # mean order amount (lognormal) and the customer's own price level of one unit
    mean_amount = median * np.exp(cfg.amount_sigma**2 / 2)
    unit_price = (
        median
        / np.asarray(cfg.typical_quantity)[size]
        * rng.lognormal(0, cfg.unit_price_sigma, size=n)
    )
    sat_mu = np.asarray(cfg.satisfaction_mean)[kind] + rng.normal(0, cfg.satisfaction_spread, n)
    nps_mu = np.asarray(cfg.nps_mean)[kind] + rng.normal(0, cfg.nps_spread, n)
    number = np.arange(1, n + 1)
    cjk = rng.random(n) < cfg.cjk_name_share
    cjk_prefix = rng.integers(0, len(CJK_NAMES), size=n)
    names = [
        f"{CJK_NAMES[p]} {k}" if c else f"Customer {k}"
        for k, c, p in zip(number.tolist(), cjk.tolist(), cjk_prefix.tolist(), strict=True)
    ]
    return {
        "name": np.asarray(names, dtype=object),
        "industry": rng.integers(0, len(INDUSTRIES), size=n).astype(np.int8),
        "size": size,
        "region": rng.integers(0, len(REGIONS), size=n).astype(np.int8),
        "owner": rng.integers(0, N_OWNERS, size=n).astype(np.int8),
        "since": since,
        "kind": kind,
        "lapse": lapse,
        "rate": rate,
        "mean_amount": mean_amount,
        "unit_price": unit_price,
        "sat_mu": sat_mu,
        "nps_mu": nps_mu,
    }


def _month_grid() -> tuple[np.ndarray, np.ndarray]:
    """Start day (after DATA_START) and length of every calendar month of the data."""
    months = np.arange(
        np.datetime64(DATA_START, "M"), np.datetime64(DATA_END, "M") + 1, dtype="datetime64[M]"
    )
    starts = (months.astype("datetime64[D]") - np.datetime64(DATA_START, "D")).astype(np.int32)
    ends = ((months + 1).astype("datetime64[D]") - np.datetime64(DATA_START, "D")).astype(np.int32)
    return starts, ends - starts


def _month_index(day: dt.date) -> int:
    return (day.year - DATA_START.year) * _MONTHS_PER_YEAR + day.month - DATA_START.month


def _order_rates(cust: Columns, part: slice, cfg: DemoConfig) -> np.ndarray:
    """Expected orders of each customer of ``part`` in each month of the data."""
    starts, lengths = _month_grid()
    n_months = starts.size
    calendar_month = (DATA_START.month - 1 + np.arange(n_months)) % _MONTHS_PER_YEAR + 1
    season = 1 + cfg.season_amplitude * np.cos(
        2 * np.pi * (calendar_month - cfg.season_peak_month) / _MONTHS_PER_YEAR
    )
    ramp_lo, ramp_hi = (_month_index(d) for d in cfg.growth_ramp)
    ramp = np.clip((np.arange(n_months) - ramp_lo) / (ramp_hi - ramp_lo), 0, 1)
    trend = np.ones((len(CUSTOMER_TYPES), n_months))
    trend[CUSTOMER_TYPES.index("growth")] = 1 + (cfg.growth_peak - 1) * ramp
    since = cust["since"][part]
    # share of each month after the start of cooperation
    exposure = (
        np.clip((starts + lengths)[None, :] - np.maximum(starts[None, :], since[:, None]), 0, None)
        / lengths[None, :]
    )
    lapsed = np.arange(n_months)[None, :] >= cust["lapse"][part, None]
    own = cust["rate"][part, None] * trend[cust["kind"][part]]
    rate = np.where(lapsed, own * cfg.lapse_residual + cfg.reactivation_rate, own)
    return rate * season[None, :] * exposure


def _draw_orders(rng: np.random.Generator, cust: Columns, cfg: DemoConfig) -> Columns:
    starts, lengths = _month_grid()
    n, n_months = cust["since"].size, starts.size
    # customer x month counts, drawn in blocks of customers to bound the memory of the rates
    counts = np.empty((n, n_months), dtype=np.int32)
    for low in range(0, n, _CUSTOMER_BLOCK):
        part = slice(low, min(low + _CUSTOMER_BLOCK, n))
        counts[part] = rng.poisson(_order_rates(cust, part, cfg))
    cells = np.flatnonzero(counts)
    per_cell = counts.ravel()[cells]
    del counts
    cell_type = np.int32 if n * n_months <= np.iinfo(np.int32).max else np.int64
    cells = np.repeat(cells.astype(cell_type), per_cell)
    del per_cell
    who = (cells // n_months).astype(np.int32)
    month = (cells % n_months).astype(np.int32)
    del cells
    day = _uniform_days(
        rng, np.maximum(starts[month], cust["since"][who]), starts[month] + lengths[month] - 1
    )
    del month
    # sorted by day before the amounts are drawn: one sort of two columns instead of five
    order = _day_order(day)
    who, day = who[order], day[order]
    del order
    lines = _amounts(rng, who, cust["mean_amount"][who], cfg.amount_sigma, cust)
    returned = np.flatnonzero(rng.random(who.size, dtype=np.float32) < cfg.return_share)
    lines["amount"][returned] *= -1
    lines["quantity"][returned] *= -1
    return {"who": who, "day": day, **lines}


def _amounts(
    rng: np.random.Generator, who: np.ndarray, mean: np.ndarray, sigma: float, cust: Columns
) -> Columns:
    """Lognormal order amounts with the given means, as a whole quantity times a unit price."""
    noise = rng.standard_normal(who.size, dtype=np.float32)
    noise *= np.float32(sigma)
    noise -= np.float32(sigma**2 / 2)  # exp(mu + sigma^2 / 2) = mean
    raw = mean * np.exp(noise)
    del noise
    quantity = np.maximum(np.rint(raw / cust["unit_price"][who]), 1).astype(np.int64)
    unit_price = np.maximum(np.round(raw / quantity, 2), _CENT)
    del raw
    return {
        "amount": np.round(quantity * unit_price, 2),
        "quantity": quantity,
        "unit_price": unit_price,
    }


def _answers(
    rng: np.random.Generator,
    who: np.ndarray,
    satisfaction: np.ndarray,
    cust: Columns,
    cfg: DemoConfig,
) -> Columns:
    """Complete survey answers: NPS from the customer's type, comment and sentiment."""
    n = who.size
    nps = np.clip(np.rint(cust["nps_mu"][who] + rng.normal(0, cfg.nps_noise, n)), 0, _NPS_MAX)
    # an answer keeps at least one score
    nps[(rng.random(n) < cfg.nps_missing) & ~np.isnan(satisfaction)] = np.nan
    from_sat = np.select(
        [satisfaction >= _SAT_POSITIVE, satisfaction >= _SAT_NEUTRAL], [2, 1], default=0
    )
    from_nps = np.select([nps >= _NPS_PROMOTER, nps >= _NPS_PASSIVE], [2, 1], default=0)
    sentiment = np.where(np.isnan(satisfaction), from_nps, from_sat).astype(np.int8)
    has_comment = rng.random(n) < np.asarray(cfg.comment_share)[sentiment]
    n_texts = len(COMMENTS["negative"])
    comment = (sentiment * n_texts + rng.integers(0, n_texts, size=n)).astype(np.int16)
    return {
        "who": who,
        "satisfaction": satisfaction,
        "nps": nps,
        "comment": np.where(has_comment, comment, -1).astype(np.int16),
        "sentiment": np.where(has_comment, sentiment, -1).astype(np.int8),
    }


def _draw_surveys(rng: np.random.Generator, cust: Columns, cfg: DemoConfig) -> Columns:
    first = np.maximum(cust["since"], 0)
    end = _day(DATA_END)
    years = (end - first + 1) / _DAYS_PER_YEAR
    count = rng.poisson(np.asarray(cfg.surveys_per_year)[cust["kind"]] * years)
    who = np.repeat(np.arange(first.size, dtype=np.int32), count)
    day = _uniform_days(rng, first[who], np.full(who.size, end))
    pulse_lo, pulse_hi = (_day(d) for d in cfg.pulse_days)
    pulse = np.flatnonzero((rng.random(first.size) < cfg.pulse_share) & (first <= pulse_lo))
    who = np.concatenate([who, pulse.astype(np.int32)])
    day = np.concatenate(
        [day, _uniform_days(rng, np.full(pulse.size, pulse_lo), np.full(pulse.size, pulse_hi))]
    )
    noise = rng.normal(0, cfg.satisfaction_noise, who.size)
    satisfaction = np.clip(np.rint(cust["sat_mu"][who] + noise), 1, _N_SCORES)
    satisfaction[rng.random(who.size) < cfg.satisfaction_missing] = np.nan
    answers = _answers(rng, who, satisfaction, cust, cfg)
    return {"day": day, **answers}


def _draw_complaints(rng: np.random.Generator, cust: Columns, cfg: DemoConfig) -> Columns:
    first = np.maximum(cust["since"], 0)
    end = _day(DATA_END)
    years = (end - first + 1) / _DAYS_PER_YEAR
    count = rng.poisson(np.asarray(cfg.complaints_per_year)[cust["kind"]] * years)
    who = np.repeat(np.arange(first.size, dtype=np.int32), count)
    day = _uniform_days(rng, first[who], np.full(who.size, end))
    lapsing = np.flatnonzero(cust["kind"] == CUSTOMER_TYPES.index("lapsing"))
    extra = np.repeat(lapsing, rng.poisson(cfg.lapse_complaints, lapsing.size)).astype(np.int32)
    starts, _ = _month_grid()
    lapse_day = starts[cust["lapse"][extra]]
    before, after = cfg.lapse_complaint_days
    low = np.maximum(lapse_day - before, first[extra])
    extra_day = _uniform_days(rng, low, np.maximum(low, lapse_day + after))
    who = np.concatenate([who, extra])
    day = np.concatenate([day, extra_day])
    category = rng.integers(0, len(COMPLAINT_CATEGORIES), size=who.size).astype(np.int8)
    return {"who": who, "day": day, "category": category}


def _in_post_window(day: np.ndarray) -> np.ndarray:
    return (day > _day(POST_WINDOW[0])) & (day <= _day(POST_WINDOW[1]))


def _replace_post_window(
    rows: Columns, n_customers: int, targeted: np.ndarray, planted: Columns
) -> Columns:
    """Drop the type-driven rows of targeted customers in the post window; add the planted ones."""
    is_targeted = np.zeros(n_customers, dtype=bool)
    is_targeted[targeted] = True
    drop = _in_post_window(rows["day"]) & is_targeted[rows["who"]]
    return _concat(_take(rows, ~drop), planted)


def _truth(seg_code: np.ndarray, treated: np.ndarray, attribute: str) -> np.ndarray:
    """Per targeted customer, one attribute of the planted truth of their segment and arm."""
    table = np.asarray(
        [
            [getattr(TRUE_OUTCOMES[segment, arm], attribute) for arm in ("control", "treatment")]
            for segment in TARGETED_SEGMENTS
        ],
        dtype=float,
    )
    return table[seg_code, treated.astype(np.intp)]


def _size_factor(size_code: np.ndarray, seg_code: np.ndarray) -> np.ndarray:
    """Each customer's post-window order size relative to their segment (mean 1 in every segment).

    It grows with the usual order size of the customer's company size, damped by
    ``DemoConfig.post_size_elasticity`` so the spend effects stay detectable in the demo.
    """
    typical = np.asarray(DEMO_CONFIG.median_amount)[size_code] ** DEMO_CONFIG.post_size_elasticity
    n_segments = len(TARGETED_SEGMENTS)
    total = np.bincount(seg_code, weights=typical, minlength=n_segments)
    count = np.bincount(seg_code, minlength=n_segments)
    return typical / (total / np.maximum(count, 1))[seg_code]


def _post_window_days(rng: np.random.Generator, n: int) -> np.ndarray:
    low = np.full(n, _day(POST_WINDOW[0]) + 1)
    return _uniform_days(rng, low, np.full(n, _day(POST_WINDOW[1])))


@dataclass(frozen=True, slots=True)
class _Targets:
    """The targeted customers of the campaign.

    Attributes:
        index: Row of each targeted customer in the customers columns.
        segment: Code of their segment (position in TARGETED_SEGMENTS).
        treated: Whether they are in the treatment arm.
    """

    index: np.ndarray
    segment: np.ndarray
    treated: np.ndarray


def _post_orders(
    rng: np.random.Generator, cust: Columns, targets: _Targets, cfg: DemoConfig
) -> Columns:
    index, seg_code, treated = targets.index, targets.segment, targets.treated
    p = _truth(seg_code, treated, "repurchase_rate")
    extra = _truth(seg_code, treated, "extra_orders")
    mean_amount = _truth(seg_code, treated, "mean_amount") * _size_factor(
        cust["size"][index], seg_code
    )
    buys = rng.random(index.size) < p
    n_orders = np.where(buys, 1 + rng.poisson(extra), 0)
    row = np.repeat(np.arange(index.size), n_orders)
    who = index[row].astype(np.int32)
    lines = _amounts(rng, who, mean_amount[row], cfg.post_amount_sigma, cust)
    return {"who": who, "day": _post_window_days(rng, who.size), **lines}


def _post_surveys(
    rng: np.random.Generator, cust: Columns, targets: _Targets, cfg: DemoConfig
) -> Columns:
    respond = np.flatnonzero(rng.random(targets.index.size) < cfg.post_survey_response)
    probs = _truth(targets.segment[respond], targets.treated[respond], "satisfaction_probs")
    satisfaction = (_pick(rng, probs) + 1).astype(float)
    who = targets.index[respond].astype(np.int32)
    return {"day": _post_window_days(rng, who.size), **_answers(rng, who, satisfaction, cust, cfg)}


def _draw_contacts(
    rng: np.random.Generator, invitees: np.ndarray, seg_code: np.ndarray, cfg: DemoConfig
) -> Columns:
    n = invitees.size
    has_sms = rng.random(n) < cfg.sms_share
    has_call = np.isin(seg_code, [TARGETED_SEGMENTS.index(s) for s in CALL_SEGMENTS])
    picks = [np.arange(n), np.flatnonzero(has_sms), np.flatnonzero(has_call)]
    row = np.concatenate(picks)
    channel = np.concatenate([np.full(p.size, c, dtype=np.int8) for c, p in enumerate(picks)])
    seg = seg_code[row]
    m = row.size

    start = np.datetime64(CAMPAIGN_START, "ns").astype(np.int64)
    deadline = np.datetime64(EVENT_DATE, "ns").astype(np.int64)
    hours = np.asarray(cfg.invite_hours)[channel]
    invited = (
        start
        + rng.integers(0, np.asarray(cfg.invite_days)[channel]) * _NS_PER_DAY
        + ((hours[:, 0] + rng.random(m) * hours[:, 1]) * _NS_PER_HOUR).astype(np.int64)
    )
    outage = (channel == CHANNELS.index("sms")) & (
        invited >= np.datetime64(SMS_OUTAGE_FROM, "ns").astype(np.int64)
    )
    delivery = np.where(outage, cfg.sms_outage_delivery, np.asarray(cfg.delivery)[channel])
    delay = rng.random(m) * np.asarray(cfg.delivery_delay_seconds)[channel]
    delivered = invited + (delay * _NS_PER_SECOND).astype(np.int64)
    ok_delivered = rng.random(m) < delivery

    def _next(
        previous: np.ndarray, ok_previous: np.ndarray, rate: np.ndarray, mean_hours: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        time = previous + (rng.exponential(1.0, m) * mean_hours * _NS_PER_HOUR).astype(np.int64)
        return time, ok_previous & (rng.random(m) < rate) & (time < deadline)

    opened, ok_opened = _next(
        delivered,
        ok_delivered,
        np.asarray(cfg.open_rate)[channel],
        np.asarray(cfg.open_delay_hours)[channel],
    )
    clicked, ok_clicked = _next(
        opened, ok_opened, np.asarray(cfg.click_rate)[channel], np.full(m, cfg.click_delay_hours)
    )
    registered, ok_registered = _next(
        clicked,
        ok_clicked,
        np.asarray(cfg.registration_rate)[seg],
        np.full(m, cfg.registration_delay_hours),
    )
    # a customer registers once: keep the earliest registration over their channels
    candidates = np.flatnonzero(ok_registered)
    by_customer = candidates[np.lexsort((registered[candidates], row[candidates]))]
    first = np.ones(by_customer.size, dtype=bool)
    first[1:] = row[by_customer][1:] != row[by_customer][:-1]
    ok_registered[:] = False
    ok_registered[by_customer[first]] = True

    ok_cancelled = ok_registered & (rng.random(m) < cfg.cancel_rate)
    cancelled = registered + (rng.random(m) * (deadline - registered)).astype(np.int64)
    ok_attended = ok_registered & ~ok_cancelled & (rng.random(m) < cfg.attend_rate)
    check_in = cfg.attend_hours[0] + rng.random(m) * cfg.attend_hours[1]
    attended = deadline + (check_in * _NS_PER_HOUR).astype(np.int64)
    score_probs = np.broadcast_to(np.asarray(cfg.onsite_score_probs), (m, _N_SCORES))
    scored = ok_attended & (rng.random(m) < cfg.onsite_score_rate)
    onsite_score = np.where(scored, _pick(rng, score_probs) + 1, -1)
    questions = np.where(ok_attended, rng.poisson(cfg.mean_questions, m), -1)

    def _when(time: np.ndarray, ok: np.ndarray) -> np.ndarray:
        return np.where(ok, time, np.iinfo(np.int64).min)

    return {
        "who": invitees[row].astype(np.int32),
        "channel": channel,
        "invited_at": invited,
        "delivered_at": _when(delivered, ok_delivered),
        "opened_at": _when(opened, ok_opened),
        "clicked_at": _when(clicked, ok_clicked),
        "registered_at": _when(registered, ok_registered),
        "attended_at": _when(attended, ok_attended),
        "cancelled_at": _when(cancelled, ok_cancelled),
        "onsite_score": onsite_score,
        "questions": questions,
    }


# ---------------------------------------------------------------------------------------------
# Arrow tables with the contract's columns


def _labels(labels: tuple[str, ...] | list[str], codes: np.ndarray) -> pa.Array:
    """Text of category codes; negative codes are empty."""
    codes = np.asarray(codes)
    indices = pa.array(codes.astype(np.int32), mask=codes < 0)
    return pa.array(list(labels), pa.string()).take(indices)


def _dates(day: np.ndarray) -> pa.Array:
    """Midnight timestamps of days after DATA_START."""
    ns = day.astype(np.int64)
    ns += np.datetime64(DATA_START, "D").astype(np.int64)
    ns *= _NS_PER_DAY
    return pa.array(ns.view("datetime64[ns]"), pa.timestamp("ns"))


def _numbered(prefix: str, n: int, digits: int) -> pa.Array:
    """Ids ``<prefix><zero-padded 1..n>`` built as one text buffer (fast for tens of millions)."""
    width = max(digits, len(str(n)))
    row = len(prefix) + width
    if n * row > np.iinfo(np.int32).max:
        numbers = pc.cast(pa.array(np.arange(1, n + 1)), pa.string())
        return pc.binary_join_element_wise(prefix, pc.utf8_lpad(numbers, width, "0"), "")
    # one row of characters per position, digits from the right, then transposed once
    text = np.empty((row, n), dtype=np.uint8)
    text[: len(prefix)] = np.frombuffer(prefix.encode("ascii"), dtype=np.uint8)[:, None]
    number = np.arange(1, n + 1, dtype=np.uint32)
    quotient = np.empty_like(number)
    for position in range(row - 1, len(prefix) - 1, -1):
        np.floor_divide(number, 10, out=quotient)
        text[position] = number - quotient * 10 + ord("0")
        number, quotient = quotient, number
    offsets = np.arange(0, (n + 1) * row, row, dtype=np.int32)
    data = np.ascontiguousarray(text.T)
    return pa.StringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(data))


def _timestamps(ns: np.ndarray) -> pa.Array:
    """Timestamps from nanoseconds, to the whole second as CRM systems log them."""
    missing = ns == np.iinfo(np.int64).min
    seconds = np.where(missing, 0, ns // _NS_PER_SECOND * _NS_PER_SECOND)
    return pa.array(seconds.view("datetime64[ns]"), pa.timestamp("ns"), mask=missing)


def _check_columns(table: pa.Table, name: str) -> pa.Table:
    expected = contract.TABLES[name].column_names
    if tuple(table.column_names) != expected:
        raise RuntimeError(f"{name}: built columns {table.column_names}, contract {expected}")
    return table


def _customers_table(cust: Columns, ids: pa.Array) -> pa.Table:
    owners = [f"rep_{k:02d}" for k in range(1, N_OWNERS + 1)]
    table = pa.table(
        {
            "customer_id": ids,
            "name": pa.array(cust["name"], pa.string()),
            "industry": _labels(INDUSTRIES, cust["industry"]),
            "size": _labels(SIZES, cust["size"]),
            "region": _labels(REGIONS, cust["region"]),
            "owner": _labels(owners, cust["owner"]),
            "since": _dates(cust["since"]),
        }
    )
    return _check_columns(table, "customers")


def _order_by_day(rows: Columns) -> Columns:
    # a stable sort keeps the generation order within a day, so the history's rows (and order
    # ids) are the same whether or not the campaign rows after it were added
    day = rows["day"]
    if np.all(day[1:] >= day[:-1]):
        return rows
    return _take(rows, _day_order(day))


def _orders_table(orders: Columns, ids: pa.Array) -> pa.Table:
    orders = _order_by_day(orders)
    order_id = _numbered("O", orders["day"].size, _ORDER_ID_DIGITS)
    table = pa.table(
        {
            "customer_id": ids.take(pa.array(orders["who"])),
            "order_date": _dates(orders["day"]),
            "amount": pa.array(orders["amount"], pa.float64()),
            "quantity": pa.array(orders["quantity"], pa.int64()),
            "unit_price": pa.array(orders["unit_price"], pa.float64()),
            "order_id": order_id,
        }
    )
    return _check_columns(table, "orders")


def _surveys_table(surveys: Columns, ids: pa.Array) -> pa.Table:
    surveys = _order_by_day(surveys)
    texts = [text for sentiment in SENTIMENTS for text in COMMENTS[sentiment]]
    table = pa.table(
        {
            "customer_id": ids.take(pa.array(surveys["who"])),
            "survey_date": _dates(surveys["day"]),
            "satisfaction": pa.array(surveys["satisfaction"], pa.float64(), from_pandas=True),
            "nps": pa.array(surveys["nps"], pa.float64(), from_pandas=True),
            "comment": _labels(texts, surveys["comment"]),
            "sentiment": _labels(SENTIMENTS, surveys["sentiment"]),
        }
    )
    return _check_columns(table, "surveys")


def _complaints_table(complaints: Columns, ids: pa.Array) -> pa.Table:
    complaints = _order_by_day(complaints)
    table = pa.table(
        {
            "customer_id": ids.take(pa.array(complaints["who"])),
            "complaint_date": _dates(complaints["day"]),
            "category": _labels(COMPLAINT_CATEGORIES, complaints["category"]),
        }
    )
    return _check_columns(table, "complaints")


def _contacts_table(contacts: Columns, ids: pa.Array) -> pa.Table:
    contacts = _take(contacts, np.argsort(contacts["invited_at"], kind="stable"))
    score = contacts["onsite_score"]
    questions = contacts["questions"]
    columns = {
        "customer_id": ids.take(pa.array(contacts["who"])),
        "channel": _labels(CHANNELS, contacts["channel"]),
        **{
            f"{step}_at": _timestamps(contacts[f"{step}_at"])
            for step in (*contract.CONTACT_STEPS, "cancelled")
        },
        "onsite_score": pa.array(score.astype(float), pa.float64(), mask=score < 0),
        "questions": pa.array(questions, pa.int64(), mask=questions < 0),
    }
    return _check_columns(pa.table(columns), "contacts")


def _costs_table(n_customers: int) -> pa.Table:
    scale = n_customers / DEFAULT_N_CUSTOMERS
    table = pa.table(
        {
            "category": pa.array([c for c, _, _ in COSTS], pa.string()),
            "planned": pa.array(
                [_round_cost(planned * scale) for _, planned, _ in COSTS], pa.float64()
            ),
            "actual": pa.array(
                [_round_cost(actual * scale) for _, _, actual in COSTS], pa.float64()
            ),
        }
    )
    return _check_columns(table, "costs")


def _round_cost(amount: float) -> float:
    return max(_COST_ROUNDING, round(amount / _COST_ROUNDING) * _COST_ROUNDING)


def _write_atomic(table: pa.Table, path: Path) -> Path:
    """Write under a temporary name in the same folder, then rename over ``path``."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        pq.write_table(table, tmp)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return path
