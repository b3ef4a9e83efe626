"""Reading files as real exports come: encodings, separators, title rows, sheets, broken files."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from campaign_eval.config.data import DataParams, TableSource
from campaign_eval.io import DataValidationError, load_data
from campaign_eval.io.readers import ReadError, _read, duckdb_reason
from tests.conftest import TODAY

ORDERS_TEXT = "客户编号,下单日期,金额\nC1,2026-01-05,12.5\nC2,2026-01-06,30\n"
CHINESE_MAPPING = {"customer_id": "客户编号", "order_date": "下单日期", "amount": "金额"}


def _orders(folder, **source) -> pd.DataFrame:
    params = DataParams.model_validate({"tables": {"orders": source}})
    return load_data(params, folder, today=TODAY).to_pandas("orders").sort_values("customer_id")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030"])
def test_a_chinese_csv_is_read_in_any_of_the_detected_encodings(tmp_path, encoding):
    (tmp_path / "o.csv").write_bytes(ORDERS_TEXT.encode(encoding))
    orders = _orders(tmp_path, path="o.csv", columns=CHINESE_MAPPING)
    assert orders["customer_id"].tolist() == ["C1", "C2"]
    assert orders["amount"].tolist() == [12.5, 30.0]


def test_a_named_encoding_reads_what_detection_cannot(tmp_path):
    (tmp_path / "o.csv").write_bytes(
        "Kunde;Datum;Betrag;Straße\nC1;2026-01-05;12,5;Müller\nC2;2026-01-06;1.030,25;Köln\n"
        .encode("cp1252")
    )  # fmt: skip
    orders = _orders(
        tmp_path, path="o.csv", encoding="cp1252", delimiter=";", decimal=",",
        columns={"customer_id": "Kunde", "order_date": "Datum", "amount": "Betrag"},
    )  # fmt: skip
    assert orders["amount"].tolist() == [12.5, 1030.25]


def test_dates_in_a_text_file_are_never_guessed(tmp_path):
    # DuckDB would read 03/01/2026 as a date in a format it picks (March or January?)
    (tmp_path / "o.csv").write_text(
        "customer_id,order_date,amount\nC1,03/01/2026,1\nC2,04/01/2026,2\n", encoding="utf-8"
    )
    params = DataParams.model_validate({"tables": {"orders": {"path": "o.csv"}}})
    with pytest.raises(DataValidationError, match=r"set data\.tables\.orders\.date_format"):
        load_data(params, tmp_path, today=TODAY)
    orders = _orders(tmp_path, path="o.csv", date_format="%d/%m/%Y")
    assert orders["order_date"].dt.month.tolist() == [1, 1]


def test_a_whitespace_separated_log_without_header(tmp_path):
    # the CD retailer's transaction log as published: id, yyyymmdd, CDs, amount
    (tmp_path / "cd.txt").write_text(
        "   00001 19970101  1  11.77\n   00002 19970112  1  12.00\n   00002 19970112  5  77.00\n",
        encoding="ascii",
    )
    orders = _orders(
        tmp_path, path="cd.txt", delimiter="whitespace", header_row=None, date_format="%Y%m%d",
        columns={"customer_id": "column1", "order_date": "column2", "amount": "column4"},
    )  # fmt: skip
    assert orders["customer_id"].tolist() == ["00001", "00002", "00002"]  # ids stay text
    assert orders["order_date"].dt.strftime("%Y-%m-%d").tolist() == [
        "1997-01-01", "1997-01-12", "1997-01-12",
    ]  # fmt: skip
    assert orders["amount"].tolist() == [11.77, 12.0, 77.0]


def test_title_rows_and_a_units_row_around_the_header(tmp_path):
    (tmp_path / "o.csv").write_text(
        "Orders export\nmade 2026-02-01\nid,day,amount\n(text),(date),(EUR)\nC1,2026-01-05,3\n",
        encoding="utf-8",
    )
    orders = _orders(
        tmp_path, path="o.csv", header_row=3, skip_rows=1,
        columns={"customer_id": "id", "order_date": "day"},
    )  # fmt: skip
    assert orders["amount"].tolist() == [3.0]


def test_excel_title_rows_and_the_second_sheet(tmp_path):
    path = tmp_path / "o.xlsx"
    data = pd.DataFrame({"id": ["C1", "C2"], "day": ["2026-01-05", "2026-01-06"], "amount": [3, 4]})
    with pd.ExcelWriter(path) as book:
        notes = pd.DataFrame({"read me": ["this sheet has notes only"]})
        notes.to_excel(book, sheet_name="Notes", index=False)
        title = pd.DataFrame([["Orders 2026"], [None]])
        title.to_excel(book, sheet_name="Data", index=False, header=False)
        data.to_excel(book, sheet_name="Data", index=False, startrow=2)
    orders = _orders(
        tmp_path, path="o.xlsx", sheet="Data", header_row=3,
        columns={"customer_id": "id", "order_date": "day"},
    )  # fmt: skip
    assert orders["amount"].tolist() == [3.0, 4.0]


def _read_error(tmp_path, name: str, **source) -> str:
    con = duckdb.connect()
    with pytest.raises(ReadError) as info:
        _read(con, tmp_path / name, TableSource(path=name, **source), "orders")
    return str(info.value)


def test_a_folder_instead_of_a_file(tmp_path):
    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / "orders.csv").write_text("a\n1\n", encoding="utf-8")
    message = _read_error(tmp_path, "exports")
    assert "exports is a folder, not a file (it holds orders.csv)" in message
    assert "data.tables.orders.path" in message


def test_a_truncated_parquet_file(tmp_path):
    frame = pd.DataFrame({"customer_id": ["a"] * 100, "amount": range(100)})
    frame.to_parquet(tmp_path / "full.parquet")
    data = (tmp_path / "full.parquet").read_bytes()
    (tmp_path / "cut.parquet").write_bytes(data[: len(data) // 2])
    message = _read_error(tmp_path, "cut.parquet")
    assert "cut.parquet is not a readable Parquet file" in message
    assert "cut short or damaged: export it again" in message


def test_a_missing_sheet_and_a_missing_duckdb_table_list_what_there_is(tmp_path):
    pd.DataFrame({"a": [1]}).to_excel(tmp_path / "o.xlsx", sheet_name="Orders", index=False)
    message = _read_error(tmp_path, "o.xlsx", sheet="Order")
    assert "has no sheet 'Order'; did you mean 'Orders'?" in message
    assert "data.tables.orders.sheet" in message
    with duckdb.connect(str(tmp_path / "crm.duckdb")) as con:
        con.execute("CREATE TABLE sales AS SELECT 1 AS a")
    message = _read_error(tmp_path, "crm.duckdb", table="sale")
    assert "has no table 'sale'; did you mean 'sales'?; its tables: sales" in message


def test_a_file_that_is_not_what_its_extension_says(tmp_path):
    (tmp_path / "o.xlsx").write_text("id,amount\n1,2\n", encoding="utf-8")
    assert "o.xlsx is not a readable XLSX workbook" in _read_error(tmp_path, "o.xlsx")
    (tmp_path / "o.duckdb").write_text("not a database", encoding="utf-8")
    message = _read_error(tmp_path, "o.duckdb", table="x")
    assert "o.duckdb is not a readable DuckDB database" in message


def test_duckdb_reason_keeps_the_reason_and_drops_the_option_dump():
    raw = (
        "Invalid Input Error: CSV Error on Line: 2\n"
        "Invalid unicode (byte sequence mismatch) detected. This file is not utf-8 encoded.\n\n"
        "Possible Solution: Set the correct encoding\n\n  file = /tmp/x.csv\n  delimiter = ,\n"
    )
    assert duckdb_reason(RuntimeError(raw)) == (
        "CSV Error on Line: 2 Invalid unicode (byte sequence mismatch) detected. "
        "This file is not utf-8 encoded."
    )
