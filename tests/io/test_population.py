"""Rows across tables: one row per customer, orders of known customers, the sales lists' columns."""

from __future__ import annotations

import pandas as pd
import pytest

from campaign_eval.config import CampaignParams
from campaign_eval.config.data import DataParams
from campaign_eval.io import DataValidationError, load_campaign, load_data
from tests.conftest import TODAY


def _write(folder, customers: pd.DataFrame, orders: pd.DataFrame) -> None:
    customers.to_csv(folder / "customers.csv", index=False)
    orders.to_csv(folder / "orders.csv", index=False)


def _customers(ids: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {"customer_id": ids, "region": [f"R{i}" for i in range(len(ids))], "phone": "555"}
    )


def _orders(ids: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"customer_id": ids, "order_date": "2026-01-05", "amount": 10.0})


def _params(customers: dict | None = None, **data) -> DataParams:
    tables = {
        "customers": {"path": "customers.csv", **(customers or {})},
        "orders": {"path": "orders.csv"},
    }
    return DataParams.model_validate({"tables": tables, **data})


def test_repeated_customer_ids_are_refused_with_examples(tmp_path):
    ids = [f"C{i}" for i in range(10)]
    _write(tmp_path, _customers([*ids, "C1", "C1", "C2", "1.0", "1"]), _orders(ids))
    with pytest.raises(DataValidationError) as info:
        load_data(_params(), tmp_path, today=TODAY)
    message = str(info.value)
    assert "4 rows of the customers table repeat a customer id of another row" in message
    assert "e.g. 'C1' (3 rows), '1' (2 rows), 'C2' (2 rows)" in message  # 1.0 is 1
    assert "data.tables.customers.on_duplicate" in message


@pytest.mark.parametrize(("how", "kept"), [("first", "R1"), ("last", "R11")])
def test_on_duplicate_keeps_one_row_and_counts_the_others(tmp_path, how, kept):
    ids = [f"C{i}" for i in range(10)]
    customers = _customers([*ids, "C1", "C1"])  # C1 on rows 1, 10 and 11: regions R1, R10, R11
    _write(tmp_path, customers, _orders(ids))
    data = load_data(_params({"on_duplicate": how}), tmp_path, today=TODAY)
    frame = data.to_pandas("customers").set_index("customer_id")
    assert len(frame) == 10 and frame.loc["C1", "region"] == kept
    assert data.repeated_rows == {"customers": 2}


def test_orders_of_unknown_customers_are_counted_then_refused_above_the_share(tmp_path):
    known = [f"C{i}" for i in range(100)]
    _write(tmp_path, _customers(known), _orders([*known, "X1", "X2", "X2"]))
    data = load_data(_params(), tmp_path, today=TODAY)
    unknown = data.unknown_customers["orders"]
    assert (unknown.rows, unknown.of) == (3, 103)
    assert data.to_pandas("orders")["customer_id"].nunique() == 102  # kept in the table
    with pytest.raises(DataValidationError) as info:
        load_data(_params(max_orphan_share=0.02), tmp_path, today=TODAY)
    message = str(info.value)
    assert (
        "3 of 103 rows of the orders table (2.9%) belong to customers that are not in " in message
    )
    assert "e.g. 'X1', 'X2'; more than data.max_orphan_share (2%)" in message


def _campaign(list_columns: list[str] | None, *, customers: bool = True) -> CampaignParams:
    tables = {"orders": {"path": "orders.csv"}}
    if customers:
        tables["customers"] = {"path": "customers.csv"}
    segmentation = {} if list_columns is None else {"list_columns": list_columns}
    return CampaignParams.model_validate(
        {
            "campaign": {"id": "c", "name": "c", "start": "2026-02-01", "event": "2026-02-02"},
            "data": {"tables": tables},
            "segmentation": segmentation,
        }
    )


def test_list_columns_beyond_the_contract_are_carried_and_missing_ones_refused(tmp_path):
    ids = [f"C{i}" for i in range(5)]
    _write(tmp_path, _customers(ids), _orders(ids))
    data = load_campaign(_campaign(["region", "phone"]), tmp_path, today=TODAY)
    assert {"region", "phone"} <= set(data.to_pandas("customers").columns)
    assert (
        "phone"
        not in load_campaign(_campaign(None), tmp_path, today=TODAY).relations["customers"].columns
    )  # only what the lists ask for travels beyond the contract
    with pytest.raises(DataValidationError) as info:
        load_campaign(_campaign(["region", "mobile", "owner"]), tmp_path, today=TODAY)
    problems = info.value.problems
    assert len(problems) == 2
    assert problems[0].startswith(
        "customers.csv: segmentation.list_columns names 'mobile', which is not a column of the "
        "customers table (columns: region, phone)"
    )
    assert "'owner'" in problems[1]


def test_list_columns_without_a_customers_table_are_refused(tmp_path):
    _write(tmp_path, _customers(["a"]), _orders(["a"]))
    with pytest.raises(DataValidationError, match="there is no customers table to take them"):
        load_campaign(_campaign(["region"], customers=False), tmp_path, today=TODAY, label="x.yaml")
    # the default list takes what there is
    assert load_campaign(_campaign(None, customers=False), tmp_path, today=TODAY)
