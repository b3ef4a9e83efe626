"""Customers: their attributes and the latent type that drives everything they do."""

from __future__ import annotations

import numpy as np

from campaign_eval.datasets.draws import Columns, day_index, month_index, pick, uniform_days
from campaign_eval.datasets.settings import (
    CJK_NAMES,
    CUSTOMER_TYPES,
    INDUSTRIES,
    N_OWNERS,
    REGIONS,
    DemoConfig,
)


def draw_customers(rng: np.random.Generator, n: int, cfg: DemoConfig) -> Columns:
    """Draw ``n`` customers: written attributes, and the hidden ones later draws use.

    The hidden columns are ``kind`` (code of the latent type), ``lapse`` (month a lapsing
    customer stops ordering), ``rate`` (orders a month), ``mean_amount`` and ``unit_price`` (their
    usual order), ``sat_mu`` and ``nps_mu`` (their latent satisfaction and NPS).
    """
    kind = rng.choice(len(CUSTOMER_TYPES), size=n, p=cfg.type_shares).astype(np.int8)
    size = pick(rng, np.asarray(cfg.size_shares)[kind]).astype(np.int8)
    since_range = np.asarray([[day_index(a), day_index(b)] for a, b in cfg.since_ranges])[kind]
    since = uniform_days(rng, since_range[:, 0], since_range[:, 1])
    lapse_lo, lapse_hi = (month_index(d) for d in cfg.lapse_months)
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
