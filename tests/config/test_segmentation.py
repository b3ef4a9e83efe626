"""Segmentation params: returns, the sales lists' columns, the rules in words."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from campaign_eval.config.segmentation import (
    DEFAULT_LIST_COLUMNS,
    SegmentationParams,
    describe,
)


def test_returns_are_netted_unless_the_params_drop_them():
    assert SegmentationParams().returns == "net"
    assert SegmentationParams(returns="drop").returns == "drop"
    with pytest.raises(ValidationError, match="Input should be 'net' or 'drop'"):
        SegmentationParams(returns="ignore")


def test_list_columns_unset_mean_the_default_attributes_the_data_has():
    assert SegmentationParams().list_columns is None
    assert DEFAULT_LIST_COLUMNS == ("name", "industry", "size", "region", "owner")
    assert SegmentationParams(list_columns=["phone"]).list_columns == ["phone"]


def test_default_rules_read_in_words():
    params = SegmentationParams()
    assert describe(params.tiers["lost"]) == "orders_12m == 0"
    assert describe(params.segments["growth"]) == (
        "(0.5 <= spend_12m_pct < 0.95 and spend_growth_6m >= 0.2)"
    )
    words = ("且", "或")
    assert "且" in describe(params.segments["core"], words=words)
