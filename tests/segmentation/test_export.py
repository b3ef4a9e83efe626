"""The segmentation's files: segments.parquet, full lists as CSV and Parquet, a capped workbook."""

from __future__ import annotations

import dataclasses

import numpy as np
import openpyxl
import pandas as pd
import pytest

from campaign_eval import artifacts
from campaign_eval.report.labels import segment_label
from campaign_eval.segmentation import export
from campaign_eval.segmentation.lists import sales_list
from tests.segmentation.conftest import campaign_params

TARGETED = ["core", "churn_risk", "new", "growth"]
"""The default targeted segments, in the segmentation's order."""


def _sheet_rows(path, sheet):
    book = openpyxl.load_workbook(path, read_only=True)
    rows = list(book[sheet].iter_rows(values_only=True))
    book.close()
    return rows


def test_segments_parquet_is_every_customer_as_computed(small_result, params, tmp_path):
    written = export.write(tmp_path, small_result, params)
    assert written["segments"] == tmp_path / artifacts.SEGMENTS
    back = artifacts.read_segments(tmp_path / artifacts.SEGMENTS)
    pd.testing.assert_frame_equal(back, small_result.customers, check_dtype=False)


def test_every_segment_gets_its_full_list_as_csv_and_parquet(small_result, params, tmp_path):
    written = export.write(tmp_path, small_result, params)
    folder = tmp_path / artifacts.SEGMENT_LISTS_DIR
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"{s}.{suffix}" for s in small_result.order for suffix in ("csv", "parquet")
    )
    for segment in small_result.order:
        members = small_result.customers[small_result.customers["segment"] == segment]
        expected = sales_list(members, params).reset_index(drop=True)
        listed = pd.read_csv(folder / f"{segment}.csv", dtype=str, keep_default_na=False)
        table = pd.read_parquet(folder / f"{segment}.parquet")
        assert listed["customer_id"].tolist() == expected["customer_id"].tolist()
        assert listed["tags"].tolist() == expected["tags"].tolist()
        pd.testing.assert_frame_equal(table, expected, check_dtype=False)
    assert written["list core"] == tmp_path / export.list_csv("core")
    assert written["list core parquet"] == tmp_path / export.list_parquet("core")


def test_the_workbook_holds_the_targeted_segments_with_a_note_above_each_table(
    small_result, params, tmp_path
):
    written = export.write(tmp_path, small_result, params)
    book = openpyxl.load_workbook(written["lists_xlsx"], read_only=True)
    assert book.sheetnames == TARGETED  # 'maintain' is not targeted: CSV and Parquet only
    book.close()
    for segment in TARGETED:
        note, header, *body = _sheet_rows(written["lists_xlsx"], segment)
        expected = sales_list(
            small_result.customers[small_result.customers["segment"] == segment], params
        )
        count = f"{len(expected):,}"
        assert note[0] == (
            f"All {count} customers of {segment_label(segment, 'en')}. The same list is in "
            f"segment_lists/{segment}.csv, segment_lists/{segment}.parquet."
        )
        assert list(header) == list(expected.columns)
        assert [row[0] for row in body] == expected["customer_id"].tolist()


def test_a_long_list_keeps_its_first_rows_in_the_workbook_and_all_in_the_files(
    small_result, params, tmp_path, monkeypatch
):
    monkeypatch.setattr(artifacts, "XLSX_MAX_ROWS", 25)
    written = export.write(tmp_path, small_result, params)
    members = small_result.customers[small_result.customers["segment"] == "churn_risk"]
    assert len(members) > 25
    expected = sales_list(members, params)
    note, _header, *body = _sheet_rows(written["lists_xlsx"], "churn_risk")
    assert note[0] == (
        f"Only the first 25 of {len(members):,} customers of Churn risk (biggest spend first). "
        "The full list is in segment_lists/churn_risk.csv, segment_lists/churn_risk.parquet."
    )
    assert [row[0] for row in body] == expected["customer_id"].head(25).tolist()
    listed = pd.read_csv(tmp_path / export.list_csv("churn_risk"), dtype=str)
    assert len(listed) == len(members)


def test_the_chinese_note_says_where_the_full_list_is(small_result, tmp_path, monkeypatch):
    monkeypatch.setattr(artifacts, "XLSX_MAX_ROWS", 25)
    written = export.write(tmp_path, small_result, campaign_params("zh"))
    note = _sheet_rows(written["lists_xlsx"], "churn_risk")[0][0]
    assert note.startswith("仅含流失风险客户 ")
    assert "（按消费额从高到低）。完整名单见 segment_lists/churn_risk.csv、" in note


def test_the_report_names_the_files_of_each_list(params, monkeypatch):
    both = "segment_lists/{0}.csv, segment_lists/{0}.parquet"
    assert export.list_files("maintain", 10, params) == both.format("maintain")
    assert export.list_files("core", 10, params) == both.format("core") + ", segment_lists.xlsx"
    monkeypatch.setattr(artifacts, "XLSX_MAX_ROWS", 5)
    assert export.list_files("core", 10, params) == (
        both.format("core") + "; segment_lists.xlsx holds only the first 5 (biggest spend first), "
        "the full list is in the CSV and Parquet files"
    )
    assert export.list_files("maintain", 10, params) == both.format("maintain")
    assert export.list_files("core", 10, campaign_params("zh")).endswith(
        "；segment_lists.xlsx 仅含前 5 位（按消费额从高到低），完整名单见 CSV 与 Parquet 文件"
    )


def test_list_paths_are_relative_to_the_run_folder():
    assert export.list_csv("churn_risk") == "segment_lists/churn_risk.csv"
    assert export.list_parquet("churn_risk") == "segment_lists/churn_risk.parquet"


def test_no_temporary_file_is_left_and_a_rewrite_replaces(small_result, params, tmp_path):
    export.write(tmp_path, small_result, params)
    export.write(tmp_path, small_result, params)
    leftovers = [p.name for p in tmp_path.rglob("*") if p.name.startswith(".")]
    assert leftovers == []


@pytest.mark.parametrize(("language", "segment"), [("en", "Churn risk"), ("zh", "流失风险客户")])
def test_lists_are_written_in_the_campaign_language(small_result, tmp_path, language, segment):
    export.write(tmp_path, small_result, campaign_params(language))
    listed = pd.read_csv(tmp_path / export.list_csv("churn_risk"))
    assert set(listed["segment"]) == {segment}


@pytest.mark.slow
def test_a_segment_longer_than_an_excel_sheet_is_written_capped(small_result, tmp_path):
    """1.1 million core customers: more than a sheet holds (1,048,576 rows), and no failure."""
    n = 1_100_000
    rng = np.random.default_rng(3)
    customers = pd.DataFrame(
        {
            "customer_id": pd.Series(np.arange(n)).map("C{:07d}".format),
            "industry": rng.choice(["retail", "tech"], n),
            "segment": "core",
            "tier": "premium",
            "spend_12m": rng.gamma(2.0, 500.0, n),
            "recency_days": rng.integers(0, 365, n),
            "matches_core": True,
            "matches_growth": rng.random(n) < 0.3,
        }
    )
    segments = dataclasses.replace(small_result.segments, customers=customers)
    result = dataclasses.replace(small_result, segments=segments)
    params = campaign_params(segmentation={"list_columns": ["industry"]})
    written = export.write(tmp_path, result, params)  # how long it takes: benchmarks/README.md
    rows = _sheet_rows(written["lists_xlsx"], "core")
    assert len(rows) == 2 + artifacts.XLSX_MAX_ROWS
    assert rows[0][0].startswith(f"Only the first {artifacts.XLSX_MAX_ROWS:,} of 1,100,000 ")
    assert pd.read_parquet(tmp_path / export.list_parquet("core")).shape[0] == n
    assert rows[2][0] == customers.loc[customers["spend_12m"].idxmax(), "customer_id"]
