"""Column rules before any analysis: empty columns, empty tables, no sales, implausible dates."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from campaign_eval.config.data import DataParams
from campaign_eval.io import DataValidationError, load_data
from campaign_eval.io.validation import date_sql, number_sql
from tests.conftest import TODAY


def _problems(folder, tables: dict) -> str:
    params = DataParams.model_validate({"tables": tables})
    with pytest.raises(DataValidationError) as info:
        load_data(params, folder, today=TODAY)
    return str(info.value)


def _orders(**columns) -> pd.DataFrame:
    base = {
        "customer_id": ["a", "b", "c"],
        "order_date": pd.to_datetime(["2026-01-02", "2026-01-03", "2026-01-04"]),
        "amount": [10.0, 20.0, -5.0],
    }
    return pd.DataFrame({**base, **columns})


@pytest.mark.parametrize(
    ("column", "empty", "expected"),
    [
        ("amount", [None, None, None], "column 'amount' (orders.amount): is empty in every row"),
        ("order_date", [None, None, None], "(orders.order_date): is empty in every row"),
        ("customer_id", ["", " ", None], "(orders.customer_id): is empty in every row"),
    ],
)
def test_a_required_column_empty_in_every_row_is_refused(tmp_path, column, empty, expected):
    _orders(**{column: empty}).to_parquet(tmp_path / "o.parquet")
    message = _problems(tmp_path, {"orders": {"path": "o.parquet"}})
    assert expected in message
    assert f"data.tables.orders.columns.{column}" in message


def test_an_empty_optional_column_is_no_problem(tmp_path):
    _orders().to_parquet(tmp_path / "o.parquet")
    pd.DataFrame({"customer_id": ["a", "b", "c"], "since": [None] * 3}).astype(
        {"since": "datetime64[ns]"}
    ).to_parquet(tmp_path / "c.parquet")
    params = DataParams.model_validate(
        {"tables": {"orders": {"path": "o.parquet"}, "customers": {"path": "c.parquet"}}}
    )
    assert load_data(params, tmp_path, today=TODAY).has("customers")


def test_a_customers_file_with_a_header_only_is_refused(tmp_path):
    _orders().to_parquet(tmp_path / "o.parquet")
    (tmp_path / "c.csv").write_text("customer_id,name\n", encoding="utf-8")
    message = _problems(tmp_path, {"orders": {"path": "o.parquet"}, "customers": {"path": "c.csv"}})
    assert "c.csv: the customers table is empty (no rows, only a header?)" in message


def test_amounts_that_are_all_zero_or_negative_are_refused(tmp_path):
    _orders(amount=[-10.0, 0.0, -5.0]).to_parquet(tmp_path / "o.parquet")
    message = _problems(tmp_path, {"orders": {"path": "o.parquet"}})
    assert "(orders.amount): no order has an amount above 0" in message
    assert "e.g. -10.0, 0.0, -5.0" in message
    # order lines: the amount is quantity x unit price
    lines = _orders().drop(columns="amount").assign(quantity=[-1, -2, -3], unit_price=[5.0] * 3)
    lines.to_parquet(tmp_path / "l.parquet")
    message = _problems(tmp_path, {"orders": {"path": "l.parquet"}})
    assert "column 'quantity' (orders.quantity): no order has an amount above 0" in message


def test_dates_all_before_1990_are_refused(tmp_path):
    # Excel day numbers read as days since 1970: every date lands in 1970
    days = pd.to_datetime([45000, 45001, 45002], unit="D", origin="1900-01-01") - pd.DateOffset(
        years=120
    )
    _orders(order_date=days).to_parquet(tmp_path / "o.parquet")
    message = _problems(tmp_path, {"orders": {"path": "o.parquet"}})
    assert "(orders.order_date): has no date after 1990-01-01 in any row" in message
    assert "data.tables.orders.date_format" in message


def test_dates_stored_as_numbers_need_a_format_and_then_read(tmp_path):
    numbers = _orders(order_date=[20260102, 20260103, 20260104])
    numbers.to_parquet(tmp_path / "o.parquet")
    message = _problems(tmp_path, {"orders": {"path": "o.parquet"}})
    assert (
        "column 'order_date' (orders.order_date) holds numbers, not dates, e.g. 20260102" in message
    )
    assert "'%Y%m%d' for 19970101" in message
    params = DataParams.model_validate(
        {"tables": {"orders": {"path": "o.parquet", "date_format": "%Y%m%d"}}}
    )
    orders = load_data(params, tmp_path, today=TODAY).to_pandas("orders")
    assert sorted(orders["order_date"].dt.date) == [dt.date(2026, 1, d) for d in (2, 3, 4)]
    # as floats too (a spreadsheet's numbers): 20260102.0 is the same day
    numbers.astype({"order_date": float}).to_parquet(tmp_path / "f.parquet")
    params = DataParams.model_validate(
        {"tables": {"orders": {"path": "f.parquet", "date_format": "%Y%m%d"}}}
    )
    assert load_data(params, tmp_path, today=TODAY).data_date() == dt.date(2026, 1, 4)


def test_a_column_of_the_wrong_type_names_the_mapping(tmp_path):
    _orders(amount=pd.to_datetime(["2026-01-01"] * 3)).to_parquet(tmp_path / "o.parquet")
    message = _problems(tmp_path, {"orders": {"path": "o.parquet"}})
    assert "column 'amount' (orders.amount) is stored as TIMESTAMP" in message
    assert "data.tables.orders.columns.amount" in message


def test_decimal_commas_in_text(tmp_path):
    text = _orders(amount=["1.234,5", "20", "x"])
    text.to_parquet(tmp_path / "o.parquet")
    message = _problems(tmp_path, {"orders": {"path": "o.parquet", "decimal": ","}})
    assert "1 rows are not a number, e.g. 'x'" in message
    text.assign(amount=["1.234,5", "20", "-3,25"]).to_parquet(tmp_path / "o.parquet")
    params = DataParams.model_validate(
        {"tables": {"orders": {"path": "o.parquet", "decimal": ","}}}
    )
    amounts = load_data(params, tmp_path, today=TODAY).to_pandas("orders")["amount"]
    assert sorted(amounts) == [-3.25, 20.0, 1234.5]


def test_the_sql_casts_say_what_they_read():
    assert number_sql('"a"', text=False, decimal=",") == 'TRY_CAST("a" AS DOUBLE)'
    assert "replace" in number_sql('"a"', text=True, decimal=",")
    assert date_sql('"d"', kind="date", date_format="%Y") == 'CAST("d" AS TIMESTAMP)'
    assert 'TRY_CAST("d" AS BIGINT)' in date_sql('"d"', kind="number", date_format="%Y%m%d")
