"""The world stamp: a fingerprint of the generator's settings, so a stale demo folder is found."""

from __future__ import annotations

import hashlib
from pathlib import Path

from campaign_eval.datasets.settings import (
    CAMPAIGN_SALT,
    CAMPAIGN_START,
    DATA_END,
    DATA_START,
    DEFAULT_N_CUSTOMERS,
    DEFAULT_SEED,
    DEMO_ARM_SHARES,
    DEMO_CONFIG,
    EVENT_DATE,
    REFERENCE_DATE,
    DemoConfig,
)
from campaign_eval.datasets.truth import PLANTED_EFFECTS, TRUE_OUTCOMES

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
    ``is_current`` then tells callers to generate the world again. It hashes the settings'
    values, not the generator's source, so moving code around leaves it unchanged.
    """
    settings = repr((config, PLANTED_EFFECTS, TRUE_OUTCOMES.items(), DATA_START, DATA_END,
                     REFERENCE_DATE, CAMPAIGN_START, EVENT_DATE, CAMPAIGN_SALT,
                     dict(DEMO_ARM_SHARES), n_customers, seed, campaign))  # fmt: skip
    return hashlib.sha256(settings.encode()).hexdigest()[:16]


def is_current(out_dir: Path) -> bool:
    """Whether ``out_dir`` holds a complete demo world of this generator with default settings."""
    stamp = Path(out_dir) / WORLD_STAMP
    return stamp.exists() and stamp.read_text().strip() == world_fingerprint()
