"""The segmentation's files: segments.parquet, one CSV per segment and one workbook."""

from __future__ import annotations

import pandas as pd
import pytest

from campaign_eval import artifacts
from campaign_eval.segmentation import export
from campaign_eval.segmentation.lists import sales_list
from tests.segmentation.conftest import campaign_params


def test_segments_parquet_is_every_customer_as_computed(small_result, params, tmp_path):
    written = export.write(tmp_path, small_result, params)
    assert written["segments"] == tmp_path / artifacts.SEGMENTS
    back = artifacts.read_segments(tmp_path / artifacts.SEGMENTS)
    pd.testing.assert_frame_equal(back, small_result.customers, check_dtype=False)


def test_one_csv_and_one_sheet_per_segment(small_result, params, tmp_path):
    written = export.write(tmp_path, small_result, params)
    folder = tmp_path / artifacts.SEGMENT_LISTS_DIR
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"{s}.csv" for s in small_result.order
    )
    with pd.ExcelFile(written["lists_xlsx"]) as book:
        assert book.sheet_names == list(small_result.order)
        for segment in small_result.order:
            listed = pd.read_csv(folder / f"{segment}.csv", dtype=str, keep_default_na=False)
            sheet = pd.read_excel(book, sheet_name=segment, dtype=str, keep_default_na=False)
            members = small_result.customers[small_result.customers["segment"] == segment]
            expected = sales_list(members, params).reset_index(drop=True)
            assert listed["customer_id"].tolist() == expected["customer_id"].tolist()
            assert sheet["customer_id"].tolist() == expected["customer_id"].tolist()
            assert listed["tags"].tolist() == sheet["tags"].tolist() == expected["tags"].tolist()
    assert written["list core"] == tmp_path / export.list_csv("core")


def test_list_paths_are_relative_to_the_run_folder():
    assert export.list_csv("churn_risk") == "segment_lists/churn_risk.csv"


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
