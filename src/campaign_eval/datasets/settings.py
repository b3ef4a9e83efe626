"""The world's knobs: its timeline, the campaign's constants, its vocabularies, ``DemoConfig``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from campaign_eval.conventions import CHURN_RISK, CONTROL, CORE, GROWTH, NEW, TREATMENT

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
DEMO_ARM_SHARES: Mapping[str, float] = MappingProxyType({TREATMENT: 0.8, CONTROL: 0.2})
"""Planned arm shares of every targeted segment."""
TARGETED_SEGMENTS = (CORE, GROWTH, CHURN_RISK, NEW)
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
CALL_SEGMENTS = (CORE, CHURN_RISK)
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
