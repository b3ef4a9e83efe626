"""The files a run writes: atomic writers, and the one typed reader of plan.json."""

from __future__ import annotations

import json
import math
import os
import stat

import pandas as pd
import pytest

from campaign_eval import artifacts
from tests.conftest import ROOT

GOLDEN_PLAN = ROOT / "tests" / "golden" / "plan.json"


def test_atomic_writes_get_normal_permissions_and_leave_no_temp_file(tmp_path):
    path = tmp_path / "a" / "x.json"
    artifacts.write_json_atomic(path, {"a": 1})
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask  # not mkstemp's 0600
    assert [p.name for p in path.parent.iterdir()] == ["x.json"]


def test_a_failed_write_keeps_the_old_file(tmp_path):
    path = tmp_path / "x.json"
    artifacts.write_json_atomic(path, {"version": 1})
    with pytest.raises(TypeError):
        artifacts.write_text_atomic(path, 123)  # type: ignore[arg-type]
    assert json.loads(path.read_text()) == {"version": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["x.json"]


def test_assignment_round_trip_and_a_foreign_file_is_named(tmp_path):
    frame = pd.DataFrame({"customer_id": ["a", "b"], "segment": ["core", "new"],
                          "arm": ["treatment", "control"], "extra": [1, 2]})  # fmt: skip
    written = artifacts.write_assignment(tmp_path, frame)
    assert sorted(p.name for p in written.values()) == ["assignment.csv", "assignment.parquet"]
    back = artifacts.read_assignment(written["assignment"])
    assert list(back.columns) == list(artifacts.ASSIGNMENT_COLUMNS)
    assert back["arm"].tolist() == ["treatment", "control"]
    frame[["customer_id"]].to_parquet(tmp_path / "other.parquet")
    with pytest.raises(artifacts.ArtifactError, match=r"other\.parquet has no column segment, arm"):
        artifacts.read_assignment(tmp_path / "other.parquet")


def test_read_plan_gives_goals_and_shares_of_the_demo_plan():
    plan = artifacts.read_plan(GOLDEN_PLAN)
    raw = json.loads(GOLDEN_PLAN.read_text())
    assert [g.id for g in plan.goals] == [g["id"] for g in raw["goals"]]
    churn = plan.goals[0]
    assert churn.segment == raw["goals"][0]["scope"]["segment"]
    assert churn.direction == "increase" and churn.target == pytest.approx(0.18)
    assert churn.outcome_window is not None and churn.baseline_source == "earlier_cohort"
    assert plan.control_shares() == (0.2, dict.fromkeys(raw["segment_shares"], 0.2))
    assert plan.assignment_source == "drawn"


def test_read_plan_reads_the_early_nested_shares_and_odd_values(tmp_path):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps({
        "arm_shares": {"core": {"treatment": 3, "control": 1}},  # per segment, the early layout
        "goals": [{"metric": "nps", "direction": "lower", "target": None, "power": 0},
                  {"description": "no metric: skipped"}],
    }))  # fmt: skip
    plan = artifacts.read_plan(path)
    assert plan.arm_shares is None and plan.segment_shares == {
        "core": {"treatment": 3, "control": 1}
    }
    assert plan.control_shares() is None  # no default split
    (goal,) = plan.goals
    assert goal.direction == "decrease" and math.isnan(goal.target) and goal.power == 0.0
    assert goal.segment == "all" and goal.name == "nps"


@pytest.mark.parametrize("content", ["{not json", "[1, 2]"])
def test_an_unreadable_plan_names_the_file_and_the_fix(tmp_path, content):
    path = tmp_path / "plan.json"
    path.write_text(content)
    with pytest.raises(artifacts.ArtifactError, match=r"plan\.json .*run the plan stage again"):
        artifacts.read_plan(path)


def test_json_floats_keep_ten_significant_digits_so_identical_inputs_give_identical_bytes(tmp_path):
    # two sums of the same numbers added in another order differ in the last bits
    parts = [0.1 * i for i in range(1, 200)]
    forward, backward = sum(parts), sum(reversed(parts))
    assert forward != backward
    for name, total in (("a.json", forward), ("b.json", backward)):
        artifacts.write_json_atomic(tmp_path / name, {"total": total, "rows": [total, 3, True]})
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    back = json.loads((tmp_path / "a.json").read_text())
    assert back["total"] == pytest.approx(forward, rel=5e-11)
    assert back["rows"][1:] == [3, True]  # ints and bools are left as they are


def test_tiny_huge_and_special_floats_survive(tmp_path):
    payload = {"p": 3.14159265358979e-25, "big": 123456789012345.6, "nan": math.nan,
               "inf": -math.inf, "exact": 0.25}  # fmt: skip
    artifacts.write_json_atomic(tmp_path / "x.json", payload)
    back = json.loads((tmp_path / "x.json").read_text())
    assert back["p"] == 3.141592654e-25 and back["big"] == 123456789000000.0
    assert math.isnan(back["nan"]) and back["inf"] == -math.inf and back["exact"] == 0.25


def test_a_workbook_has_a_note_above_a_bold_header_and_empty_cells_for_missing(tmp_path):
    import openpyxl

    frame = pd.DataFrame(
        {
            "customer_id": ["a", "=1+1", "http://x.example"],
            "spend": [1.5, float("nan"), 3.0],
            "since": pd.to_datetime(["2026-01-02", None, "2026-03-04"]),
        }
    )
    path = artifacts.write_xlsx_atomic(
        tmp_path / "x.xlsx", {"with note": artifacts.Sheet(frame, "a note"), "plain": frame}
    )
    book = openpyxl.load_workbook(path)
    noted, plain = book["with note"], book["plain"]
    assert noted["A1"].value == "a note" and noted["A2"].value == "customer_id"
    assert noted["A2"].font.b and noted.freeze_panes == "A3" and plain.freeze_panes == "A2"
    assert [c.value for c in plain["A"]] == ["customer_id", "a", "=1+1", "http://x.example"]
    assert plain["A3"].data_type == "s" and plain["A4"].hyperlink is None  # text stays text
    assert plain["B3"].value is None and plain["C3"].value is None
    assert plain["C2"].number_format == artifacts.XLSX_DATE_FORMAT
    assert plain["C2"].value.date().isoformat() == "2026-01-02"
    assert [p.name for p in tmp_path.iterdir()] == ["x.xlsx"]


def test_a_sheet_longer_than_excel_allows_is_refused_before_anything_is_written(tmp_path):
    frame = pd.DataFrame({"customer_id": range(artifacts.XLSX_ROW_LIMIT - 1)})
    with pytest.raises(artifacts.ArtifactError, match=r"x\.xlsx: sheet 'core' has 1,048,575 rows"):
        artifacts.write_xlsx_atomic(tmp_path / "x.xlsx", {"core": frame})
    assert list(tmp_path.iterdir()) == []


def test_a_list_goes_to_csv_and_parquet_with_the_same_rows(tmp_path):
    frame = pd.DataFrame(
        {"customer_id": ["a", "b,c", 'd"e'], "name": ["张三", "", None], "spend": [1.0, None, 2.5]}
    )
    paths = artifacts.write_list_atomic(tmp_path / "lists", "core", frame)
    assert paths == {
        "csv": tmp_path / "lists" / "core.csv",
        "parquet": tmp_path / "lists" / "core.parquet",
    }
    text = paths["csv"].read_text(encoding="utf-8")
    assert text.splitlines()[0] == "customer_id,name,spend"
    assert '"b,c"' in text and '"d""e"' in text and "张三" in text
    back = pd.read_csv(paths["csv"], dtype={"customer_id": str})
    assert back["customer_id"].tolist() == ["a", "b,c", 'd"e']
    pd.testing.assert_frame_equal(pd.read_parquet(paths["parquet"]), frame)
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(paths["csv"].stat().st_mode) == 0o666 & ~mask
    assert sorted(p.name for p in (tmp_path / "lists").iterdir()) == ["core.csv", "core.parquet"]


def test_a_long_frame_is_written_a_chunk_at_a_time_and_reads_back_the_same(tmp_path, monkeypatch):
    import pyarrow.parquet as pq

    monkeypatch.setattr(artifacts, "PARQUET_CHUNK_ROWS", 3)  # 10 rows: four chunks
    frame = pd.DataFrame({
        "customer_id": [f"C{i}" for i in range(10)],
        "name": [None, None, None, "Ann", None, "Bo", None, None, None, "Cy"],  # a chunk of None
        "spend": [float(i) / 3 for i in range(10)],
        "when": pd.date_range("2026-01-01", periods=10, tz=None),
    })  # fmt: skip
    path = artifacts.write_parquet_atomic(tmp_path / "long.parquet", frame)
    assert pq.ParquetFile(path).num_row_groups == 4
    pd.testing.assert_frame_equal(pd.read_parquet(path), frame)
    assert [p.name for p in tmp_path.iterdir()] == ["long.parquet"]
