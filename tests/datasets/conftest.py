"""Fixtures of the demo-world tests: a small and the standard world, built once per session."""

from __future__ import annotations

import pandas as pd
import pytest

from campaign_eval import datasets
from campaign_eval.datasets import POST_WINDOW
from tests.datasets._helpers import LARGE, SMALL, in_window


@pytest.fixture(scope="session")
def small() -> dict[str, pd.DataFrame]:
    """The small world (3,000 customers, seed 7); tests must not change it."""
    return datasets.make_frames(**SMALL)


@pytest.fixture(scope="session")
def world() -> dict[str, pd.DataFrame]:
    """The standard demo world (20,000 customers, seed 42); tests must not change it."""
    return datasets.make_frames(**LARGE)


@pytest.fixture(scope="session")
def outcomes(world: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per targeted customer: post-window repurchase, spend and true expected spend."""
    orders = world["orders"]
    post = orders[in_window(orders["order_date"], POST_WINDOW)]
    bought = post.loc[post["amount"] > 0, "customer_id"].unique()
    spend = post.groupby("customer_id")["amount"].sum()
    out = world["assignment"].copy()
    out["repurchase"] = out["customer_id"].isin(bought)
    out["spend"] = out["customer_id"].map(spend).fillna(0.0)
    out["true_spend"] = datasets.true_spend(world["customers"], out)
    return out
