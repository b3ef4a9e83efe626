"""A file that seems to lack its columns: how it was misread and which key fixes it."""

from __future__ import annotations

import pandas as pd
import pytest

from campaign_eval.config.data import DataParams
from campaign_eval.io import DataValidationError, load_data
from tests.conftest import TODAY

MAPPING = {"customer_id": "Kunde", "order_date": "Datum", "amount": "Betrag"}


def _message(folder, **source) -> str:
    params = DataParams.model_validate({"tables": {"orders": {"columns": MAPPING, **source}}})
    with pytest.raises(DataValidationError) as info:
        load_data(params, folder, today=TODAY)
    return str(info.value)


def test_a_log_read_as_one_column_asks_for_the_delimiter_not_a_mapping(tmp_path):
    (tmp_path / "cd.txt").write_text("   00001 19970101  1  11.77\n", encoding="ascii")
    message = _message(tmp_path, path="cd.txt")
    assert "The file was read as one column; first line as read: '   00001 19970101  1  11.77'" in (
        message
    )
    assert (
        "set data.tables.orders.delimiter: whitespace and data.tables.orders.header_row: null"
        in (message)
    )


def test_a_semicolon_file_read_as_one_column_names_the_semicolon(tmp_path):
    (tmp_path / "o.txt").write_text("Kunde Nr;Datum;Betrag\n1;2026-01-01;3\n", encoding="utf-8")
    message = _message(tmp_path, path="o.txt", delimiter="|")
    assert "set data.tables.orders.delimiter: ';'" in message


def test_title_lines_above_the_header_name_the_header_row(tmp_path):
    (tmp_path / "o.csv").write_text(
        "Umsatz 2026,,\nexportiert am 1.2.2026,,\nKunde,Datum,Betrag\n1,2026-01-01,3\n",
        encoding="utf-8",
    )
    message = _message(tmp_path, path="o.csv")
    assert "Line 3 holds the column names" in message
    assert "set data.tables.orders.header_row: 3" in message


def test_data_on_another_sheet_names_the_sheet(tmp_path):
    path = tmp_path / "o.xlsx"
    with pd.ExcelWriter(path) as book:
        pd.DataFrame({"Hinweis": ["Daten im zweiten Blatt"]}).to_excel(
            book, sheet_name="Info", index=False
        )
        pd.DataFrame({"Kunde": [1], "Datum": ["2026-01-01"], "Betrag": [3]}).to_excel(
            book, sheet_name="Umsatz", index=False
        )
    message = _message(tmp_path, path="o.xlsx")
    assert "The columns are on sheet 'Umsatz' (row 1), not on 'Info'" in message
    assert "set data.tables.orders.sheet: Umsatz" in message and "map it" not in message


def test_an_excel_title_names_the_header_row(tmp_path):
    path = tmp_path / "o.xlsx"
    with pd.ExcelWriter(path) as book:
        pd.DataFrame([["Umsatz 2026"]]).to_excel(book, index=False, header=False)
        pd.DataFrame({"Kunde": [1], "Datum": ["2026-01-01"], "Betrag": [3]}).to_excel(
            book, index=False, startrow=2
        )
    message = _message(tmp_path, path="o.xlsx")
    assert "Row 3 of sheet 'Sheet1' holds the column names" in message
    assert "set data.tables.orders.header_row: 3" in message


def test_a_file_without_header_asks_for_header_row_null(tmp_path):
    (tmp_path / "o.csv").write_text("1,2026-01-01,3\n2,2026-01-02,4\n", encoding="utf-8")
    message = _message(tmp_path, path="o.csv")
    assert "The first line holds data, not column names: '1,2026-01-01,3'" in message
    assert "set data.tables.orders.header_row: null" in message


def test_a_file_read_right_but_lacking_a_column_gets_no_misleading_hint(tmp_path):
    pd.DataFrame({"Kunde": [1], "Datum": ["2026-01-01"]}).to_parquet(tmp_path / "o.parquet")
    message = _message(tmp_path, path="o.parquet")
    assert "no column 'Betrag' for orders.amount" in message
    assert "delimiter" not in message and "header_row" not in message
