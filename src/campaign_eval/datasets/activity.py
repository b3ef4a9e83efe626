"""What customers do over the whole period: orders, survey answers and complaints."""

from __future__ import annotations

import numpy as np

from campaign_eval.conventions import CSAT_MIN_SCORE, NPS_DETRACTOR_MAX, NPS_PROMOTER_MIN
from campaign_eval.datasets.draws import (
    MONTHS_PER_YEAR,
    N_SCORES,
    Columns,
    day_index,
    day_order,
    month_grid,
    month_index,
    uniform_days,
)
from campaign_eval.datasets.settings import (
    COMMENTS,
    COMPLAINT_CATEGORIES,
    CUSTOMER_TYPES,
    DATA_END,
    DATA_START,
    DemoConfig,
)

_DAYS_PER_YEAR = 365.25
_NPS_MAX = 10
_SAT_NEUTRAL = 3
_CENT = 0.01
_CUSTOMER_BLOCK = 100_000


def _order_rates(cust: Columns, part: slice, cfg: DemoConfig) -> np.ndarray:
    """Expected orders of each customer of ``part`` in each month of the data."""
    starts, lengths = month_grid()
    n_months = starts.size
    calendar_month = (DATA_START.month - 1 + np.arange(n_months)) % MONTHS_PER_YEAR + 1
    season = 1 + cfg.season_amplitude * np.cos(
        2 * np.pi * (calendar_month - cfg.season_peak_month) / MONTHS_PER_YEAR
    )
    ramp_lo, ramp_hi = (month_index(d) for d in cfg.growth_ramp)
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


def draw_orders(rng: np.random.Generator, cust: Columns, cfg: DemoConfig) -> Columns:
    """Orders month by month at each customer's rate, sorted by day; a few are returns."""
    starts, lengths = month_grid()
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
    day = uniform_days(
        rng, np.maximum(starts[month], cust["since"][who]), starts[month] + lengths[month] - 1
    )
    del month
    # sorted by day before the amounts are drawn: one sort of two columns instead of five
    order = day_order(day)
    who, day = who[order], day[order]
    del order
    lines = order_lines(rng, who, cust["mean_amount"][who], cfg.amount_sigma, cust)
    returned = np.flatnonzero(rng.random(who.size, dtype=np.float32) < cfg.return_share)
    lines["amount"][returned] *= -1
    lines["quantity"][returned] *= -1
    return {"who": who, "day": day, **lines}


def order_lines(
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


def survey_answers(
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
        [satisfaction >= CSAT_MIN_SCORE, satisfaction >= _SAT_NEUTRAL], [2, 1], default=0
    )
    from_nps = np.select([nps >= NPS_PROMOTER_MIN, nps > NPS_DETRACTOR_MAX], [2, 1], default=0)
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


def _background(
    rng: np.random.Generator, cust: Columns, per_year: tuple[float, ...]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Events at a yearly rate by customer type, from each customer's start to ``DATA_END``.

    Returns:
        Each customer's first possible day, then the customer and the day of every event.
    """
    first = np.maximum(cust["since"], 0)
    end = day_index(DATA_END)
    years = (end - first + 1) / _DAYS_PER_YEAR
    count = rng.poisson(np.asarray(per_year)[cust["kind"]] * years)
    who = np.repeat(np.arange(first.size, dtype=np.int32), count)
    day = uniform_days(rng, first[who], np.full(who.size, end))
    return first, who, day


def draw_surveys(rng: np.random.Generator, cust: Columns, cfg: DemoConfig) -> Columns:
    """Background answers and the June 2026 pulse survey, scored from each customer's type."""
    first, who, day = _background(rng, cust, cfg.surveys_per_year)
    pulse_lo, pulse_hi = (day_index(d) for d in cfg.pulse_days)
    pulse = np.flatnonzero((rng.random(first.size) < cfg.pulse_share) & (first <= pulse_lo))
    who = np.concatenate([who, pulse.astype(np.int32)])
    day = np.concatenate(
        [day, uniform_days(rng, np.full(pulse.size, pulse_lo), np.full(pulse.size, pulse_hi))]
    )
    noise = rng.normal(0, cfg.satisfaction_noise, who.size)
    satisfaction = np.clip(np.rint(cust["sat_mu"][who] + noise), 1, N_SCORES)
    satisfaction[rng.random(who.size) < cfg.satisfaction_missing] = np.nan
    return {"day": day, **survey_answers(rng, who, satisfaction, cust, cfg)}


def draw_complaints(rng: np.random.Generator, cust: Columns, cfg: DemoConfig) -> Columns:
    """Background complaints, and extra ones of lapsing customers around the month they lapse."""
    first, who, day = _background(rng, cust, cfg.complaints_per_year)
    lapsing = np.flatnonzero(cust["kind"] == CUSTOMER_TYPES.index("lapsing"))
    extra = np.repeat(lapsing, rng.poisson(cfg.lapse_complaints, lapsing.size)).astype(np.int32)
    starts, _ = month_grid()
    lapse_day = starts[cust["lapse"][extra]]
    before, after = cfg.lapse_complaint_days
    low = np.maximum(lapse_day - before, first[extra])
    extra_day = uniform_days(rng, low, np.maximum(low, lapse_day + after))
    who = np.concatenate([who, extra])
    day = np.concatenate([day, extra_day])
    category = rng.integers(0, len(COMPLAINT_CATEGORIES), size=who.size).astype(np.int8)
    return {"who": who, "day": day, "category": category}
