"""Every case of docs/bad_input.md, run as a user meets it: exit code and message, or the note.

Each case starts from a small valid campaign (customers and orders as CSV), breaks one thing and
runs ``campaign-eval run`` on it. A refused case must exit 1 before any notebook starts, with its
message; a case that is read or kept must load, and a kept case's note must be in the
segmentation report's data notes (``View.summary``, the same section the notebook shows). Fault
cases need a real kernel or a real signal; the test that covers each is named in ``FAULTS``, and
one test here checks that the docs, this table and those tests agree.
"""

from __future__ import annotations

import ast
import codecs
import dataclasses
import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest
import yaml
from typer.testing import CliRunner

from campaign_eval.cli import app
from campaign_eval.config import load_params
from campaign_eval.io import load_campaign
from campaign_eval.segmentation import View
from campaign_eval.segmentation.run import segment
from tests.conftest import ROOT, TODAY, merge_params
from tests.run._browser import chromium, soup

DOC = ROOT / "docs" / "bad_input.md"
N_CUSTOMERS = 40
BASE = {
    "campaign": {
        "id": "bad-input",
        "name": "Bad input",
        "start": "2026-07-01",
        "event": "2026-07-15",
    },
    "data": {"tables": {"customers": {"path": "customers.csv"}, "orders": {"path": "orders.csv"}}},
    "stages": ["segmentation"],
}


def customers() -> pd.DataFrame:
    ids = [f"C{i:03d}" for i in range(N_CUSTOMERS)]
    return pd.DataFrame(
        {"customer_id": ids, "name": [f"Customer {i}" for i in range(N_CUSTOMERS)],
         "industry": ["retail", "energy"] * (N_CUSTOMERS // 2), "since": "2020-01-01"}
    )  # fmt: skip


def orders() -> pd.DataFrame:
    """Three orders of every customer, on three different days of the 12 months to 2026-06-30."""
    rng = np.random.default_rng(11)
    ids = [f"C{i:03d}" for i in range(N_CUSTOMERS)] * 3
    offsets = [k * 100 + i for k in range(3) for i in range(N_CUSTOMERS)]
    days = pd.Timestamp("2025-09-01") + pd.to_timedelta(offsets, unit="D")
    return pd.DataFrame(
        {"customer_id": ids, "order_date": days.strftime("%Y-%m-%d"),
         "amount": np.round(rng.uniform(10, 900, len(ids)), 2)}
    )  # fmt: skip


@dataclasses.dataclass(frozen=True)
class Case:
    """One row of docs/bad_input.md.

    Attributes:
        id: The case id (first column of the docs).
        build: Writes the broken inputs into a folder; returns params overrides.
        message: For a refused case, a part of the message (exit code 1, no notebook runs).
        note: For a kept case, a part of the note in the segmentation report.
        check: For a read case, a check of the loaded data (and the segmentation).
    """

    id: str
    build: Callable[[Path], dict]
    message: str | None = None
    note: str | None = None
    check: Callable[[dict], None] | None = None


def _write(folder: Path, *, cust: pd.DataFrame | None = None, ords: pd.DataFrame | None = None):
    (customers() if cust is None else cust).to_csv(folder / "customers.csv", index=False)
    (orders() if ords is None else ords).to_csv(folder / "orders.csv", index=False)


def _orders_source(**source) -> dict:
    return {"data": {"tables": {"orders": source}}}


def _with(folder: Path, ords: pd.DataFrame | None = None, cust: pd.DataFrame | None = None,
          extra: dict | None = None) -> dict:  # fmt: skip
    _write(folder, cust=cust, ords=ords)
    return extra or {}


def _raw(text: str) -> Callable[[Path], dict]:
    """A params file given as text (its own problems), with valid data beside it."""

    def build(folder: Path) -> dict:
        _write(folder)
        return {"__text__": text}

    return build


VALID_TEXT = yaml.safe_dump(BASE, sort_keys=False)


# --------------------------------------------------------------------------------------------------
# Builders of the broken inputs


def _file_is_folder(folder: Path) -> dict:
    _write(folder)
    (folder / "exports").mkdir()
    return _orders_source(path="exports")


def _truncated(folder: Path) -> dict:
    _write(folder)
    orders().to_parquet(folder / "o.parquet")
    data = (folder / "o.parquet").read_bytes()
    (folder / "o.parquet").write_bytes(data[: len(data) // 2])
    return _orders_source(path="o.parquet")


def _xlsx(folder: Path, sheets: dict[str, pd.DataFrame], title_rows: int = 0) -> None:
    with pd.ExcelWriter(folder / "o.xlsx") as book:
        for name, frame in sheets.items():
            if title_rows:
                pd.DataFrame([["Orders report"], [None]][:title_rows]).to_excel(
                    book, sheet_name=name, index=False, header=False
                )
            frame.to_excel(book, sheet_name=name, index=False, startrow=title_rows)


def _xlsx_second_sheet(folder: Path) -> dict:
    _write(folder)
    _xlsx(folder, {"Notes": pd.DataFrame({"read me": ["data on the next sheet"]}),
                   "Data": orders()})  # fmt: skip
    return _orders_source(path="o.xlsx")


def _xlsx_title_rows(folder: Path) -> dict:
    _write(folder)
    _xlsx(folder, {"Orders": orders()}, title_rows=2)
    return _orders_source(path="o.xlsx")


def _xlsx_missing_sheet(folder: Path) -> dict:
    _write(folder)
    _xlsx(folder, {"Orders": orders()})
    return _orders_source(path="o.xlsx", sheet="Order")


def _duckdb_missing_table(folder: Path) -> dict:
    _write(folder)
    with duckdb.connect(str(folder / "crm.duckdb")) as con:
        con.register("o", orders())
        con.execute("CREATE TABLE sales AS SELECT * FROM o")
    return _orders_source(path="crm.duckdb", table="sale")


def _encoded(written_as: str, **source) -> Callable[[Path], dict]:
    def build(folder: Path) -> dict:
        _write(folder)
        frame = orders().rename(columns={"customer_id": "客户编号", "amount": "金额"})
        text = frame.to_csv(index=False)
        raw = (
            codecs.BOM_UTF8 + text.encode()
            if written_as == "utf-8-sig"
            else text.encode(written_as)
        )
        (folder / "o.csv").write_bytes(raw)
        mapping = {"customer_id": "客户编号", "amount": "金额"}
        return _orders_source(path="o.csv", columns=mapping, **source)

    return build


def _latin(**source) -> Callable[[Path], dict]:
    def build(folder: Path) -> dict:
        _write(folder)
        frame = orders().assign(note="Müller Straße")
        (folder / "o.csv").write_bytes(frame.to_csv(index=False).encode("cp1252"))
        return _orders_source(path="o.csv", **source)

    return build


def _whitespace_log(**source) -> Callable[[Path], dict]:
    def build(folder: Path) -> dict:
        _write(folder)
        frame = orders()
        days = pd.to_datetime(frame["order_date"]).dt.strftime("%Y%m%d")
        lines = [f"   {c} {d}  1  {a:.2f}" for c, d, a in zip(frame["customer_id"], days,
                                                              frame["amount"], strict=True)]  # fmt: skip
        (folder / "cd.txt").write_text("\n".join(lines) + "\n", encoding="ascii")
        columns = {"customer_id": "column1", "order_date": "column2", "amount": "column4"}
        return _orders_source(path="cd.txt", columns=columns, **source)

    return build


def _title_lines(**source) -> Callable[[Path], dict]:
    def build(folder: Path) -> dict:
        _write(folder)
        body = orders().to_csv(index=False).splitlines()
        text = "\n".join(["Orders export,,", "made 2026-11-30,,", body[0], "(id),(day),(EUR)",
                          *body[1:]])  # fmt: skip
        (folder / "o.csv").write_text(text + "\n", encoding="utf-8")
        return _orders_source(path="o.csv", **source)

    return build


def _decimal_comma(folder: Path) -> dict:
    _write(folder)
    frame = orders().assign(amount=lambda f: f["amount"].map(lambda a: f"{a:,.2f}".replace(",", "X")
                                                            .replace(".", ",").replace("X", ".")))  # fmt: skip
    frame.to_csv(folder / "o.csv", index=False, sep=";")
    return _orders_source(path="o.csv", delimiter=";", decimal=",")


def _orders_with(**columns) -> Callable[[Path], dict]:
    def build(folder: Path) -> dict:
        return _with(folder, ords=orders().assign(**columns))

    return build


def _dates_before_1990(folder: Path) -> dict:
    return _with(folder, ords=orders().assign(order_date="1970-01-02"))


def _number_dates(**source) -> Callable[[Path], dict]:
    def build(folder: Path) -> dict:
        frame = orders()
        frame["order_date"] = pd.to_datetime(frame["order_date"]).dt.strftime("%Y%m%d").astype(int)
        frame.to_parquet(folder / "o.parquet")
        _write(folder)
        return _orders_source(path="o.parquet", **source)

    return build


def _wrong_type(folder: Path) -> dict:
    _write(folder)
    orders().assign(amount=pd.Timestamp("2026-01-01")).to_parquet(folder / "o.parquet")
    return _orders_source(path="o.parquet")


def _duplicates(**customers_source) -> Callable[[Path], dict]:
    def build(folder: Path) -> dict:
        cust = customers()
        _write(folder, cust=pd.concat([cust, cust.head(3), cust.head(1)]))
        return {"data": {"tables": {"customers": customers_source}}} if customers_source else {}

    return build


def _unknown(share: float) -> Callable[[Path], dict]:
    def build(folder: Path) -> dict:
        ords = orders()
        extra = ords.head(round(share * len(ords))).assign(customer_id="X999")
        return _with(folder, ords=pd.concat([ords, extra]))

    return build


def _list_columns(*columns: str) -> Callable[[Path], dict]:
    def build(folder: Path) -> dict:
        _write(folder, cust=customers().assign(phone="+49 30 1234"))
        return {"segmentation": {"list_columns": list(columns)}}

    return build


def _returns(folder: Path) -> dict:
    ords = orders()
    returned = ords.head(5).assign(amount=lambda f: -f["amount"])
    return _with(folder, ords=pd.concat([ords, returned]))


def _lines_without_id(folder: Path) -> dict:
    ords = orders().rename(columns={"amount": "unit_price"}).assign(quantity=1)
    second = ords.head(10).assign(unit_price=1.0, quantity=2)  # same customer and timestamp
    return _with(folder, ords=pd.concat([ords, second]))


def _without_purchase(folder: Path) -> dict:
    ords = orders()
    return _with(folder, ords=ords[~ords["customer_id"].isin(["C000", "C001", "C002"])])


def _residue(folder: Path) -> dict:
    ords = orders()
    ords = ords[ords["customer_id"] != "C005"]
    bought = pd.DataFrame({"customer_id": "C005", "order_date": ["2026-06-01", "2026-06-02"],
                           "amount": [0.1 + 0.2, -0.3]})  # fmt: skip
    return _with(folder, ords=pd.concat([ords, bought]))


def _hostile_name(folder: Path) -> dict:
    _write(folder)
    return {"campaign": {"name": HOSTILE}}


HOSTILE = "<script>document.title='PWNED'</script><img src=x onerror=\"document.title='PWNED'\">"


def _score_out_of_range(folder: Path) -> dict:
    _write(folder)
    pd.DataFrame({"customer_id": ["C001", "C002"], "survey_date": "2026-01-01",
                  "satisfaction": [4, 7]}).to_csv(folder / "s.csv", index=False)  # fmt: skip
    return {"data": {"tables": {"surveys": {"path": "s.csv"}}}}


def _column_missing(folder: Path) -> dict:
    return _with(folder, ords=orders().drop(columns="customer_id"))


def _unknown_type(folder: Path) -> dict:
    _write(folder)
    orders().to_csv(folder / "orders.abc", index=False)
    return _orders_source(path="orders.abc")


# --------------------------------------------------------------------------------------------------
# Checks of the cases that are read


def _amounts(expected_first: float) -> Callable[[dict], None]:
    def check(seen: dict) -> None:
        amounts = seen["data"].to_pandas("orders")["amount"]
        assert len(amounts) == 3 * N_CUSTOMERS
        assert amounts.sum() == pytest.approx(orders()["amount"].sum())
        assert expected_first in set(amounts.round(2))

    return check


def _same_customers(seen: dict) -> None:
    ids = set(seen["data"].to_pandas("orders")["customer_id"])
    assert ids == set(customers()["customer_id"])


def _residue_check(seen: dict) -> None:
    row = seen["result"].customers.set_index("customer_id").loc["C005"]
    assert row["spend_12m"] == 0.0 and row["spend_6m"] == 0.0  # not 5.55e-17
    assert not np.isinf(row["spend_growth_6m"])


def _growth_rule(seen: dict) -> None:
    rules = soup(seen["view"].sizes()._repr_html_()).get_text(" ")
    assert "growth from a previous spend of 0 or less to a positive spend is unlimited" in rules


def _zero_spend(seen: dict) -> None:
    profiles = seen["view"].profiles()._repr_html_()
    zero = int((seen["result"].customers["spend_12m"] <= 0).sum())
    assert zero > 0 and f"The {zero} customers without spend (or with a net spend" in profiles


def _phone_in_lists(seen: dict) -> None:
    from campaign_eval.segmentation.lists import sales_list

    listed = sales_list(seen["result"].customers, seen["params"])
    assert list(listed.columns[:2]) == ["customer_id", "phone"]


def _no_unknown_customers(seen: dict) -> None:
    assert seen["data"].unknown_customers["orders"].rows == 0  # 13085.0 is 13085
    assert len(seen["result"].customers) == N_CUSTOMERS


def _hostile_read(seen: dict) -> None:
    assert seen["params"].campaign.name == HOSTILE  # read as text; Chromium checks the pages


FIRST_AMOUNT = float(orders()["amount"].iloc[0])

CASES = [
    # the params file
    Case("params-not-yaml", _raw("campaign: [unclosed\n"), message="not valid YAML at line"),
    Case("params-unknown-key", _raw(VALID_TEXT.replace("  start:", "  strat:")),
         message="campaign.strat: unknown key; did you mean 'start'?"),
    Case("params-yaml-tag", _raw(VALID_TEXT.replace("Bad input", "!!python/object/apply:os.system ['echo hi']")),
         message="not valid YAML"),
    Case("params-bad-id", _raw(VALID_TEXT.replace("id: bad-input", "id: ../x")),
         message="campaign.id: String should match pattern"),
    Case("params-future-reference", lambda f: _with(f, extra={"segmentation": {"reference_date": "2027-01-01"}}),
         message="is in the future (today is 2026-11-30)"),
    Case("params-bad-encoding", lambda f: _with(f, extra=_orders_source(path="orders.csv", encoding="utf-9")),
         message="unknown encoding 'utf-9'"),
    Case("params-bad-delimiter", lambda f: _with(f, extra=_orders_source(path="orders.csv", delimiter=";;")),
         message="the delimiter is one character"),
    Case("params-decimal-comma-delimiter",
         lambda f: _with(f, extra=_orders_source(path="orders.csv", delimiter=",", decimal=",")),
         message="decimal ',' needs another delimiter than ','"),
    Case("params-on-duplicate-elsewhere",
         lambda f: _with(f, extra=_orders_source(path="orders.csv", on_duplicate="first")),
         message="only the customers table has one row per id"),
    Case("params-long-note", lambda f: _with(f, extra={"evaluation": {"notes": ["x" * 2001]}}),
         message="a note may have at most 2,000"),
    Case("params-hostile-text", _hostile_name, check=_hostile_read),
    # files
    Case("file-missing", lambda f: _with(f, extra=_orders_source(path="nope.csv")),
         message="file not found"),
    Case("file-is-folder", _file_is_folder, message="exports is a folder, not a file"),
    Case("file-unknown-type", _unknown_type,
         message="unknown file type '.abc'; set data.tables.orders.format"),
    Case("parquet-truncated", _truncated, message="it may be cut short or damaged: export it again"),
    Case("xlsx-not-a-workbook", lambda f: _with(f, extra=_orders_source(path="orders.csv", format="xlsx")),
         message="is not a readable XLSX workbook"),
    Case("xlsx-missing-sheet", _xlsx_missing_sheet,
         message="has no sheet 'Order'; did you mean 'Orders'?; its sheets: Orders"),
    Case("xlsx-second-sheet", _xlsx_second_sheet,
         message="The columns are on sheet 'Data' (row 1), not on 'Notes'. Fix: set data.tables.orders.sheet: Data"),
    Case("xlsx-title-rows", _xlsx_title_rows,
         message="Row 3 of sheet 'Orders' holds the column names; the rows above it are a title. Fix: set data.tables.orders.header_row: 3"),
    Case("duckdb-missing-table", _duckdb_missing_table,
         message="has no table 'sale'; did you mean 'sales'?; its tables: sales"),
    Case("csv-utf8-bom", _encoded("utf-8-sig"), check=_amounts(FIRST_AMOUNT)),
    Case("csv-gb18030", _encoded("gb18030"), check=_amounts(FIRST_AMOUNT)),
    Case("csv-utf16", _encoded("utf-16"), check=_amounts(FIRST_AMOUNT)),
    Case("csv-other-encoding", _latin(), message="name its encoding (e.g. cp1252 for a Western European Excel"),
    Case("csv-wrong-encoding", _encoded("gb18030", encoding="utf-8"),
         message="This file is not utf-8 encoded. First line as read:"),
    Case("text-whitespace-log", _whitespace_log(date_format="%Y%m%d"),
         message="The file was read as one column; first line as read: '   C000 "),
    Case("csv-title-rows", _title_lines(), message="Line 3 holds the column names; the lines above it are not data. Fix: set data.tables.orders.header_row: 3"),
    Case("csv-decimal-comma", _decimal_comma, check=_amounts(FIRST_AMOUNT)),
    # columns and values
    Case("column-missing", _column_missing,
         message="has no column 'customer_id' for orders.customer_id"),
    Case("column-mapped-not-in-file",
         lambda f: _with(f, extra=_orders_source(path="orders.csv", columns={"order_id": "total"})),
         message="column 'total' mapped to orders.order_id is not in the file"),
    Case("column-empty", _orders_with(amount=None),
         message="column 'amount' (orders.amount): is empty in every row"),
    Case("table-no-rows", lambda f: _with(f, ords=orders().head(0)),
         message="the orders table is empty (no rows, only a header?)"),
    Case("customers-header-only", lambda f: _with(f, cust=customers().head(0)),
         message="the customers table is empty (no rows, only a header?)"),
    Case("no-customer-ids", _orders_with(customer_id=" "),
         message="column 'customer_id' (orders.customer_id): is empty in every row"),
    Case("some-rows-without-id",
         lambda f: _with(f, ords=pd.concat([orders(), orders().head(4).assign(customer_id=None)])),
         note="4 rows of the orders table had no customer id and were excluded."),
    Case("float-ids", lambda f: _with(f, cust=customers().assign(customer_id=range(N_CUSTOMERS)),
                                      ords=orders().assign(customer_id=[f"{i}.0" for i in range(N_CUSTOMERS)] * 3)),
         check=_no_unknown_customers),
    Case("text-in-number-column", _orders_with(amount=["x", "abc"] + [1.0] * 118),
         message="2 rows are not a number, e.g. 'x', 'abc'"),
    Case("text-dates-without-format", _orders_with(order_date="03/01/2026"),
         message="120 rows are not a date (YYYY-MM-DD, or set date_format), e.g. '03/01/2026'. Fix: set data.tables.orders.date_format"),
    Case("number-dates-without-format", _number_dates(),
         message="holds numbers, not dates, e.g. 2025"),
    Case("number-dates-with-format", _number_dates(date_format="%Y%m%d"), check=_amounts(FIRST_AMOUNT)),
    Case("dates-in-future", _orders_with(order_date="2027-01-01"), message="rows are after today (2026-11-30)"),
    Case("dates-before-1990", _dates_before_1990,
         message="has no date after 1990-01-01 in any row (read with the wrong format?)"),
    Case("score-out-of-range", _score_out_of_range, message="1 rows are outside 1-5, e.g. 7"),
    Case("amounts-not-positive", _orders_with(amount=-5.0), message="no order has an amount above 0"),
    Case("wrong-column-type", _wrong_type, message="is stored as TIMESTAMP, not as a number"),
    # rows across tables
    Case("duplicate-customer-ids", _duplicates(),
         message="4 rows of the customers table repeat a customer id of another row, e.g. 'C000' (3 rows)"),
    Case("duplicate-customer-ids-kept", _duplicates(on_duplicate="first"),
         note="4 rows of the customers table repeated the customer id of another row; the first row of each customer was kept"),
    Case("unknown-customers", _unknown(0.04),
         note="5 orders (4.0% of all orders) belong to customers who are not in the customers table"),
    Case("unknown-customers-too-many", _unknown(0.10),
         message="12 of 132 rows of the orders table (9.1%) belong to customers that are not in customers.csv"),
    Case("list-columns-missing", _list_columns("region", "mobile"),
         message="segmentation.list_columns names 'mobile', which is not a column of the customers table"),
    Case("list-column-extra", _list_columns("phone"), check=_phone_in_lists),
    # segmentation on real data
    Case("returns", _returns, note="5 orders in the spend window have a negative amount"),
    Case("lines-without-order-id", _lines_without_id,
         note="The export has no order id, so the 130 order lines were grouped into 120 orders"),
    Case("customers-without-purchase", _without_purchase,
         note="the 3 customers without a purchase have no percentile"),
    Case("float-residue", _residue, check=_residue_check),
    Case("growth-from-zero", _with, check=_growth_rule),
    Case("zero-spend", _without_purchase, check=_zero_spend),
    Case("hostile-data-values", lambda f: _with(f, cust=customers().assign(industry=HOSTILE)),
         check=lambda seen: None),
]  # fmt: skip


FAULTS = {
    "out-is-a-file": "tests/test_cli.py::test_a_bad_out_is_one_line_and_leaves_no_folder",
    "out-name-too-long": "tests/test_cli.py::test_a_bad_out_is_one_line_and_leaves_no_folder",
    "out-path-too-long": "tests/test_cli.py::test_a_bad_out_is_one_line_and_leaves_no_folder",
    "out-not-writable": "tests/test_cli.py::test_a_failing_probe_is_reported_not_raised",
    "run-folder-fails": "tests/run/test_runner.py::test_a_run_folder_that_cannot_be_made_leaves_nothing",
    "sigterm": "tests/test_cli.py::test_sigterm_from_timeout_leaves_a_failed_run_and_no_kernel_folder",
    "ctrl-c": "tests/run/test_runner.py::test_an_interrupted_run_is_marked_failed",
    "worker-killed": "tests/run/test_runner.py::test_a_batch_worker_killed_outright_fails_its_run_and_the_batch_goes_on",
    "unexpected-error": "tests/run/test_runner.py::test_an_unexpected_error_after_the_folder_exists_fails_the_run_not_the_caller",
    "notebook-fails": "tests/run/test_runner.py::test_failing_notebook_is_reported_and_never_marked_complete",
    "cell-timeout": "tests/run/test_runner.py::test_cell_timeout_fails_the_stage_not_the_runner",
    "notebook-without-parameters": "tests/run/test_runner.py::test_notebook_without_parameters_cell_is_refused",
    "kernel-folders": "tests/test_cli.py::test_sigterm_from_timeout_leaves_a_failed_run_and_no_kernel_folder",
    "identical-inputs": "tests/test_determinism.py::test_the_demo_run_twice_writes_byte_identical_json",
    "invalid-params-in-batch": "tests/run/test_runner.py::test_many_files_in_parallel_one_bad_one_good",
    "evaluation-too-early": "tests/evaluation/test_verdicts.py::test_an_evaluation_before_the_window_ends_grades_nothing",
    "spark-without-pyspark": "tests/io/test_spark.py::test_spark_without_pyspark_is_refused_with_the_extra_to_install",
    "spark-without-java": "tests/io/test_spark.py::test_spark_without_java_is_refused_with_the_package_to_install",
    "spark-table-missing": "tests/spark/test_spark_io.py::test_a_missing_catalog_table_is_refused_naming_the_key_and_the_tables_there",
    "spark-catalog-without-spark": "tests/config/test_data.py::test_a_catalog_table_needs_spark",
}  # fmt: skip
"""Fault cases, and the test that runs each (a real kernel, a real signal or a full demo)."""
BROWSER = ("params-hostile-text", "hostile-data-values")
"""Cases whose pages are also opened in Chromium (``test_hostile_text_stays_text_in_chromium``)."""


def _params_file(folder: Path, case: Case) -> Path:
    overrides = case.build(folder)
    path = folder / "campaign.yaml"
    if "__text__" in overrides:
        path.write_text(overrides["__text__"], encoding="utf-8")
    else:
        raw = merge_params(BASE, overrides)
        path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _id(case: Case) -> str:
    return case.id


@pytest.mark.parametrize("case", [c for c in CASES if c.message], ids=_id)
def test_a_refused_case_stops_before_any_notebook_with_its_message(tmp_path, case):
    params = _params_file(tmp_path, case)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["run", str(params), "--out", str(out), "--today", TODAY.isoformat()]
    )
    assert result.exit_code == 1, result.output
    output = " ".join(result.output.split())
    assert " ".join(case.message.split()) in output, result.output
    assert "Traceback" not in result.output
    for manifest in out.rglob("manifest.json"):  # data problems: a FAILED run, no stage ran
        stages = json.loads(manifest.read_text(encoding="utf-8"))["stages"]
        assert {s["status"] for s in stages} == {"skipped"}
        assert (manifest.parent / "FAILED").exists() and (manifest.parent / "index.html").exists()


def _loaded(folder: Path, case: Case) -> dict:
    path = _params_file(folder, case)
    loaded = load_params(path, today=TODAY)
    data = load_campaign(loaded.params, loaded.folder, today=TODAY, label=path.name)
    result = segment(data, loaded.params)
    view = View(result, loaded.params)
    return {"params": loaded.params, "data": data, "result": result, "view": view}


@pytest.mark.parametrize("case", [c for c in CASES if c.note], ids=_id)
def test_a_kept_case_runs_and_says_so_in_the_data_notes(tmp_path, case):
    seen = _loaded(tmp_path, case)
    notes = " ".join(soup(seen["view"].summary()._repr_html_()).get_text(" ").split())
    assert case.note in notes, notes


@pytest.mark.parametrize("case", [c for c in CASES if c.check], ids=_id)
def test_a_read_case_is_understood(tmp_path, case):
    seen = _loaded(tmp_path, case)
    case.check(seen)


def _documented() -> dict[str, str]:
    """Case id -> its table row, from docs/bad_input.md."""
    rows = re.findall(
        r"^\| `([a-z0-9-]+)` \|(.*)$", DOC.read_text(encoding="utf-8"), flags=re.MULTILINE
    )
    return dict(rows)


def _test_exists(node: str) -> bool:
    file, name = node.split("::")
    tree = ast.parse((ROOT / file).read_text(encoding="utf-8"))
    return any(isinstance(n, ast.FunctionDef) and n.name == name for n in ast.walk(tree))


def test_every_documented_case_is_run_here_or_named_with_its_test():
    documented = _documented()
    covered = {c.id for c in CASES} | set(FAULTS)
    assert sorted(set(documented) - covered) == [], "documented but not tested"
    assert sorted(covered - set(documented)) == [], "tested but not documented"
    assert len({c.id for c in CASES}) == len(CASES)
    missing = [node for node in FAULTS.values() if not _test_exists(node)]
    assert missing == []
    for case in CASES:  # a refusal's docs row says "refused", a note's "kept", others "read"
        row = documented[case.id]
        word = "refused" if case.message else "kept" if case.note else "read"
        assert word in row, (case.id, row)


# --------------------------------------------------------------------------------------------------
# Hostile text in the real browser


@pytest.mark.browser
@pytest.mark.slow
def test_hostile_text_stays_text_in_chromium(tmp_path, demo_params, demo_data):
    from campaign_eval.run.runner import run_params_file

    world = tmp_path / "world"
    world.mkdir()
    for part in demo_data.iterdir():
        (world / part.name).write_bytes(part.read_bytes())
    frame = pd.read_parquet(world / "customers.parquet")
    frame.loc[frame.index[:200], "industry"] = HOSTILE  # the biggest row of the structure table
    frame.to_parquet(world / "customers.parquet")
    params = demo_params(extra={"campaign": {"name": HOSTILE}, "data": {"base_dir": str(world)}})
    result = run_params_file(params, out_root=tmp_path / "out", stages=["segmentation"],
                             today=dt.date(2026, 11, 30))  # fmt: skip
    assert result.ok, result
    run_dir = Path(result.run_dir)
    # a refused run puts the file's own (hostile) column names on its index page
    bad = demo_params(extra={"campaign": {"name": HOSTILE}, "data": {"tables": {"orders": {
        "path": "orders.parquet", "columns": {"amount": HOSTILE}}}}}, name="bad.yaml")  # fmt: skip
    refused = run_params_file(bad, out_root=tmp_path / "bad", stages=["segmentation"],
                              today=dt.date(2026, 11, 30))  # fmt: skip
    assert not refused.ok
    pages = [run_dir / "01_segmentation.html", run_dir / "index.html",
             Path(refused.run_dir) / "index.html"]  # fmt: skip
    for page in pages:
        dom = chromium(tmp_path, "--virtual-time-budget=2000", "--dump-dom", page.as_uri()).stdout
        parsed = soup(dom)
        title = parsed.title.get_text() if parsed.title else ""
        assert title != "PWNED", page.name  # the script would set the whole title
        assert "<script>document.title" in parsed.get_text(), page.name  # shown as text
        assert not parsed.find("img", attrs={"src": "x"}), page.name
