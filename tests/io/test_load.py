"""Reading and validating inputs: every format, mapped columns, clear errors, real export."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
import pytest

from campaign_eval.config.data import DataParams
from campaign_eval.io import DataValidationError, load_data
from tests._examples import ONLINE_RETAIL, ONLINE_RETAIL_PARAMS
from tests.conftest import TODAY


def _params(tables: dict) -> DataParams:
    return DataParams.model_validate({"base_dir": ".", "tables": tables})


@pytest.fixture
def crm_export(tmp_path):
    """An export with its own column names, order lines, text dates and float ids."""
    lines = pd.DataFrame(
        {
            "Kunde": [13085.0, 13085.0, 12346.0, None, 12346.0],
            "Datum": [
                "03/01/2026 10:00",
                "03/01/2026 10:00",
                "15/02/2026 09:30",
                "16/02/2026 09:30",
                "20/02/2026 11:00",
            ],
            "Beleg": ["A1", "A1", "A2", "A3", "C4"],
            "Menge": [2, 1, 5, 1, -1],
            "Preis": [10.0, 4.5, 3.0, 9.9, 3.0],
        }
    )
    return tmp_path, lines


MAPPING = {"customer_id": "Kunde", "order_date": "Datum", "order_id": "Beleg",
           "quantity": "Menge", "unit_price": "Preis"}  # fmt: skip


@pytest.mark.parametrize("fmt", ["csv", "parquet", "xlsx", "duckdb"])
def test_every_format_maps_onto_the_contract(crm_export, fmt):
    folder, lines = crm_export
    path = folder / f"orders.{fmt}"
    source = {"path": path.name, "columns": MAPPING, "date_format": "%d/%m/%Y %H:%M"}
    if fmt == "csv":
        lines.to_csv(path, index=False)
    elif fmt == "parquet":
        lines.to_parquet(path)
    elif fmt == "xlsx":
        lines.to_excel(path, index=False)
    else:
        with duckdb.connect(str(path)) as con:
            con.register("lines", lines)
            con.execute("CREATE TABLE export AS SELECT * FROM lines")
        source["table"] = "export"
    data = load_data(_params({"orders": source}), folder, today=TODAY)
    orders = data.to_pandas("orders").sort_values(["order_id", "amount"])
    assert sorted(orders["customer_id"].unique()) == ["12346", "13085"]  # 13085.0 is 13085
    assert data.excluded_rows["orders"] == 1
    # the two lines of order A1 are summed into one order
    assert orders["amount"].round(2).tolist() == [24.5, 15.0, -3.0]
    assert orders["order_date"].min() == pd.Timestamp("2026-01-03 10:00")
    assert data.data_date() == dt.date(2026, 2, 20)


def _problems(folder, source: dict, today=TODAY) -> str:
    with pytest.raises(DataValidationError) as info:
        load_data(_params({"orders": source}), folder, today=today)
    return str(info.value)


def test_missing_column_names_file_column_and_fix(crm_export):
    folder, lines = crm_export
    lines.to_csv(folder / "orders.csv", index=False)
    message = _problems(folder, {"path": "orders.csv"})
    assert "orders.csv: the orders table has no column 'customer_id'" in message
    assert "Columns in the file: Kunde, Datum, Beleg, Menge, Preis" in message
    assert "data.tables.orders.columns.customer_id" in message


def test_wrong_type_quotes_examples(crm_export):
    folder, lines = crm_export
    lines.assign(Preis=["10", "x", "3", "9.9", "abc"]).to_csv(folder / "orders.csv", index=False)
    message = _problems(
        folder, {"path": "orders.csv", "columns": MAPPING, "date_format": "%d/%m/%Y %H:%M"}
    )
    assert "column 'Preis' (orders.unit_price): 2 rows are not a number, e.g. 'x', 'abc'" in message


def test_text_dates_without_format_ask_for_date_format(crm_export):
    folder, lines = crm_export
    lines.to_csv(folder / "orders.csv", index=False)
    message = _problems(folder, {"path": "orders.csv", "columns": MAPPING})
    assert "column 'Datum' (orders.order_date)" in message
    assert "set data.tables.orders.date_format" in message


def test_future_dates_are_errors(crm_export):
    folder, lines = crm_export
    lines.to_csv(folder / "orders.csv", index=False)
    source = {"path": "orders.csv", "columns": MAPPING, "date_format": "%d/%m/%Y %H:%M"}
    message = _problems(folder, source, today=dt.date(2026, 2, 1))
    assert "rows are after today (2026-02-01)" in message


def test_score_out_of_range(tmp_path):
    pd.DataFrame({"customer_id": ["1"], "order_date": ["2026-01-01"], "amount": [1.0]}).to_csv(
        tmp_path / "o.csv", index=False
    )
    pd.DataFrame(
        {
            "customer_id": ["1", "2"],
            "survey_date": ["2026-01-01", "2026-01-02"],
            "satisfaction": [4, 7],
        }
    ).to_csv(tmp_path / "s.csv", index=False)
    params = _params({"orders": {"path": "o.csv"}, "surveys": {"path": "s.csv"}})
    with pytest.raises(
        DataValidationError,
        match=r"'satisfaction' \(surveys.satisfaction\): 1 rows are outside 1-5, e.g. 7",
    ):
        load_data(params, tmp_path, today=TODAY)


def test_missing_file_and_empty_table(tmp_path):
    message = _problems(tmp_path, {"path": "nope.csv"})
    assert "nope.csv" in message and "data.tables.orders.path" in message
    pd.DataFrame({"customer_id": [], "order_date": [], "amount": []}).to_parquet(
        tmp_path / "e.parquet"
    )
    assert "the orders table is empty" in _problems(tmp_path, {"path": "e.parquet"})


def test_online_retail_export_as_it_is():
    from campaign_eval.config import load_params
    from campaign_eval.io import load_campaign
    from campaign_eval.segmentation.rules import segment_data

    loaded = load_params(ONLINE_RETAIL_PARAMS, today=TODAY)
    data = load_campaign(loaded.params, loaded.folder, today=TODAY)
    assert data.excluded_rows["orders"] == 107_927  # rows without Customer ID (data/examples)
    # the customers come from the same order lines: one row kept per customer, the rest counted
    assert data.repeated_rows == {"customers": 525_461 - 107_927 - 4_383}
    assert data.unknown_customers["orders"].rows == 0
    lines = data.order_lines
    assert lines is not None and (lines.key, lines.lines) == ("order_id", 525_461 - 107_927)
    result = segment_data(data, loaded.params.reference_date, loaded.params.segmentation)
    assert len(result.customers) == 4_383  # customers in the export
    assert [c.feature for c in result.not_applicable["churn_risk"]] == [
        "latest_nps",
        "complaints_12m",
    ]
    # spend is net of cancellations, to the cent: an independent pandas computation of the year
    raw = pd.read_parquet(ONLINE_RETAIL).dropna(subset=["Customer ID"])
    raw["amount"] = raw["Quantity"] * raw["Price"]
    raw["day"] = pd.to_datetime(raw["InvoiceDate"])
    assert lines.orders == raw.groupby(["Customer ID", "Invoice"]).ngroups
    window = raw[raw["day"] >= pd.Timestamp("2009-12-10")]
    expected = window.groupby(raw["Customer ID"].astype(int).astype(str))["amount"].sum().round(2)
    got = result.customers.set_index("customer_id")["spend_12m"]
    pd.testing.assert_series_equal(
        got[expected.index].sort_index(), expected.sort_index(), check_names=False, rtol=1e-12
    )
    # percentiles rank the buyers only; a negative net spend ranks as 0 (the lowest)
    buyers = result.customers["orders_12m"] >= 1
    assert result.customers.loc[~buyers, "spend_12m_pct"].isna().all()
    assert result.customers.loc[buyers, "spend_12m_pct"].notna().all()
    negative = result.customers[buyers & (result.customers["spend_12m"] < 0)]
    lowest = result.customers.loc[buyers, "spend_12m_pct"].min()
    assert len(negative) > 0 and (negative["spend_12m_pct"] == lowest).all()


def test_an_empty_optional_table_is_allowed_an_empty_orders_table_is_not(tmp_path):
    pd.DataFrame({"customer_id": ["1"], "order_date": ["2026-01-01"], "amount": [1.0]}).to_csv(
        tmp_path / "o.csv", index=False
    )
    pd.DataFrame({"customer_id": [], "channel": [], "invited_at": []}).astype(str).to_parquet(
        tmp_path / "c.parquet"
    )
    data = load_data(
        _params({"orders": {"path": "o.csv"}, "contacts": {"path": "c.parquet"}}),
        tmp_path,
        today=TODAY,
    )
    assert data.to_pandas("contacts").empty  # early in a campaign nothing was sent yet
