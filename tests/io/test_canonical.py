"""Mapping onto the contract: order lines into orders, with and without an order id."""

from __future__ import annotations

import pandas as pd

from campaign_eval.config.data import DataParams
from campaign_eval.io import load_data
from tests.conftest import TODAY

LINES = pd.DataFrame(
    {
        "customer_id": ["a", "a", "a", "b", "b"],
        "order_date": pd.to_datetime(
            [
                "2026-01-05 10:00",
                "2026-01-05 10:00",
                "2026-01-09 08:00",
                "2026-01-05 10:00",
                "2026-01-06 10:00",
            ]
        ),
        "quantity": [1, 2, -1, 4, 1],
        "unit_price": [10.0, 5.0, 10.0, 2.5, 3.0],
    }
)


def _load(folder, frame: pd.DataFrame):
    frame.to_parquet(folder / "lines.parquet")
    params = DataParams.model_validate({"tables": {"orders": {"path": "lines.parquet"}}})
    return load_data(params, folder, today=TODAY)


def test_lines_without_an_order_id_are_one_order_per_customer_and_timestamp(tmp_path):
    data = _load(tmp_path, LINES)
    orders = data.to_pandas("orders").sort_values(["customer_id", "order_date"])
    assert orders["amount"].tolist() == [20.0, -10.0, 10.0, 3.0]  # a's basket of two lines: 20
    lines = data.order_lines
    assert lines is not None and (lines.lines, lines.orders, lines.key) == (
        5, 4, "customer_and_time",
    )  # fmt: skip


def test_lines_with_an_order_id_are_summed_by_it(tmp_path):
    data = _load(tmp_path, LINES.assign(order_id=["o1", "o2", "o3", "o4", "o4"]))
    orders = data.to_pandas("orders").sort_values("order_id")
    assert orders["amount"].tolist() == [10.0, 10.0, -10.0, 13.0]
    assert orders.loc[orders["order_id"] == "o4", "order_date"].item() == pd.Timestamp(
        "2026-01-05 10:00"
    )  # the first line's time
    assert data.order_lines is not None and data.order_lines.key == "order_id"


def test_rows_that_are_orders_are_left_as_they_are(tmp_path):
    data = _load(tmp_path, LINES.assign(amount=LINES["quantity"] * LINES["unit_price"]))
    assert data.order_lines is None
    assert len(data.to_pandas("orders")) == 5
