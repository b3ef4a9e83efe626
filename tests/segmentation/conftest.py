"""Fixtures of the segmentation tests: campaign params, the small world's data and its result."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from campaign_eval.config import CampaignParams
from campaign_eval.io import CampaignData
from campaign_eval.segmentation.result import SegmentationResult
from campaign_eval.segmentation.run import segment

REF = dt.date(2026, 6, 30)
"""The as-of day the segmentation tests segment ``small_frames`` at."""


def campaign_params(language: str = "en", segmentation: dict | None = None) -> CampaignParams:
    """Params of a campaign starting the day after ``REF`` (so REF is its reference date)."""
    return CampaignParams.model_validate(
        {
            "campaign": {
                "id": "seg-test",
                "name": "Segmentation test",
                "language": language,
                "start": (REF + dt.timedelta(days=1)).isoformat(),
                "event": (REF + dt.timedelta(days=15)).isoformat(),
            },
            "data": {"base_dir": ".", "tables": {"orders": {"path": "orders.parquet"}}},
            "segmentation": segmentation or {},
        }
    )


@pytest.fixture
def params() -> CampaignParams:
    """English params with the default rules."""
    return campaign_params()


@pytest.fixture
def params_zh() -> CampaignParams:
    """Chinese params with the default rules."""
    return campaign_params("zh")


@pytest.fixture
def small_data(small_frames: dict[str, pd.DataFrame]) -> CampaignData:
    """The small seeded world on the engine."""
    return CampaignData.from_frames(small_frames)


@pytest.fixture
def small_result(small_data: CampaignData, params: CampaignParams) -> SegmentationResult:
    """The segmentation of the small world with the default rules."""
    return segment(small_data, params)
