"""The plan's files: plan.json as documented, the workbook, the target lists, the assignment."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import get_args

import openpyxl
import pandas as pd
import pytest

from campaign_eval import artifacts
from campaign_eval.plan import export
from campaign_eval.plan.result import ProblemCode
from campaign_eval.plan.wording import Words
from tests.plan._helpers import PLAN_JSON_DOC, check_plan_json


def _run_dir(planned) -> Path:
    return planned.ctx.run_dir


def test_problem_codes_are_documented():
    section = PLAN_JSON_DOC.read_text(encoding="utf-8").split("## Problem codes", 1)[1]
    assert set(re.findall(r"`([a-z_]+)`", section)) - {"baseline", "earlier_cohort"} == set(
        get_args(ProblemCode)
    )


def test_plan_json_has_every_documented_key_and_nothing_else(demo_plan):
    payload = json.loads((_run_dir(demo_plan) / artifacts.PLAN_JSON).read_text(encoding="utf-8"))
    check_plan_json(payload)
    assert payload == json.loads(json.dumps(payload))  # plain JSON: no NaN, no dates
    assert payload["files"] == sorted(export.FILES.values())
    assert demo_plan.result.files == export.FILES
    # plan.json is what artifacts.read_plan (monitoring, evaluation) reads back
    read = artifacts.read_plan(_run_dir(demo_plan) / artifacts.PLAN_JSON)
    assert read.control_shares() == (0.2, dict.fromkeys(payload["design"]["targeted"], 0.2))
    assert [g.id for g in read.goals] == [g.id for g in demo_plan.result.goals]
    assert read.assignment_source == demo_plan.result.assignment.source


def test_plan_json_words_problems_and_method_in_the_params_language(demo_plan, demo_plan_zh):
    for planned, language in ((demo_plan, "en"), (demo_plan_zh, "zh")):
        payload = json.loads((_run_dir(planned) / artifacts.PLAN_JSON).read_text(encoding="utf-8"))
        words = Words(language)
        assert payload["language"] == language
        assert payload["design"]["method"] == words.t("plan.method")
        for stored, goal in zip(payload["goals"], planned.result.goals, strict=True):
            assert stored["problems"] == [
                {"code": p.code, "message": words.problem(p, goal.metric)} for p in goal.problems
            ]


def test_plan_json_numbers_are_the_results(demo_plan):
    payload = json.loads((_run_dir(demo_plan) / artifacts.PLAN_JSON).read_text(encoding="utf-8"))
    result = demo_plan.result
    for stored, goal in zip(payload["goals"], result.goals, strict=True):
        assert stored["n_in_scope"] == goal.n_in_scope
        if goal.design is not None and goal.baseline is not None:
            # plan.json stores 10 significant digits (artifacts.write_json_atomic)
            assert stored["power"] == pytest.approx(goal.design.power, rel=1e-9)
            assert stored["mde"] == pytest.approx(goal.design.mde, rel=1e-9)
            assert stored["mde_relative"] == pytest.approx(goal.design.mde / goal.baseline.value)
    counts = payload["assignment"]["counts"]
    assert sum(sum(arms.values()) for arms in counts.values()) == payload["assignment"]["total"]
    assert payload["budget"]["total"] == result.budget_total
    roi = result.roi
    assert roi is not None
    assert payload["roi"]["required_lift"] == pytest.approx(roi.required_lift, rel=1e-9)


def test_plan_json_gives_each_goals_level_and_the_family_size(demo_plan):
    payload = json.loads((_run_dir(demo_plan) / artifacts.PLAN_JSON).read_text(encoding="utf-8"))
    design = payload["design"]
    # design.alpha stays the family's alpha; each goal is sized at alpha / m
    assert (design["alpha"], design["family_size"]) == (0.05, 3) == (0.05, len(payload["goals"]))
    for stored, goal in zip(payload["goals"], demo_plan.result.goals, strict=True):
        assert stored["alpha"] == pytest.approx(0.05 / 3, rel=1e-9) and goal.alpha == 0.05 / 3
        assert goal.design is not None and goal.design.alpha == goal.alpha
        assert stored["n_required_per_arm"] == goal.design.n_required_per_arm
        assert stored["recommended_control_share"] == goal.design.recommended_share
        assert stored["powered"] is goal.design.powered
    # growth_spend is about spend per customer: the ROI check detects at the goals' level
    roi = payload["roi"]
    assert roi["alpha"] == pytest.approx(0.05 / 3, rel=1e-9) and roi["spend_goals"] == [
        "growth_spend"
    ]
    assert roi["mde_lift"] == pytest.approx(demo_plan.result.roi.mde_lift, rel=1e-9)


def test_the_workbook_and_the_assignment_files(demo_plan):
    run_dir = _run_dir(demo_plan)
    book = openpyxl.load_workbook(run_dir / artifacts.PLAN_XLSX, read_only=True)
    assert book.sheetnames == list(export.PLAN_SHEETS)
    book.close()
    assignment = pd.read_parquet(run_dir / artifacts.ASSIGNMENT)
    pd.testing.assert_frame_equal(assignment, demo_plan.result.assignment.frame)
    csv = pd.read_csv(run_dir / artifacts.ASSIGNMENT_CSV, dtype=str)
    assert list(csv.columns) == ["customer_id", "segment", "arm"] and len(csv) == len(assignment)
    assert not list(run_dir.glob(".*tmp*")), "no temporary file is left behind"


def _sheet_rows(path: Path, sheet: str) -> list[tuple]:
    book = openpyxl.load_workbook(path, read_only=True)
    rows = list(book[sheet].iter_rows(values_only=True))
    book.close()
    return rows


def test_target_lists_put_the_customers_to_contact_first(demo_plan):
    run_dir = _run_dir(demo_plan)
    assignment = demo_plan.result.assignment.frame
    lists = openpyxl.load_workbook(run_dir / artifacts.TARGET_LISTS, read_only=True)
    assert lists.sheetnames == ["Core value", "Growth potential", "Churn risk", "New"]
    lists.close()
    note, header, *body = _sheet_rows(run_dir / artifacts.TARGET_LISTS, "Churn risk")
    assert header == ("Customer id", "Name", "Owner", "Tags", "Group", "Contact")
    contact = [dict(zip(header, row, strict=True)) for row in body]
    n = int((assignment["segment"] == "churn_risk").sum())
    assert len(contact) == n
    assert note[0] == (
        f"All {n:,} customers of Churn risk. The same list is in target_lists/churn_risk.csv, "
        "target_lists/churn_risk.parquet."
    )
    groups = [r["Group"] for r in contact]
    assert groups == sorted(groups, key=lambda g: g != "Treatment")  # treated first
    assert {r["Contact"] for r in contact if r["Group"] == "Control (holdout)"} == {
        "do not contact"
    }
    assert {r["Contact"] for r in contact if r["Group"] == "Treatment"} == {"contact"}


def test_every_targeted_segment_has_its_full_list_as_csv_and_parquet(demo_plan):
    folder = _run_dir(demo_plan) / artifacts.TARGET_LISTS_DIR
    assignment = demo_plan.result.assignment.frame
    for segment in ("core", "growth", "churn_risk", "new"):
        listed = pd.read_csv(folder / f"{segment}.csv", dtype=str, keep_default_na=False)
        table = pd.read_parquet(folder / f"{segment}.parquet")
        members = assignment[assignment["segment"] == segment]
        assert sorted(listed["Customer id"]) == sorted(members["customer_id"])
        assert listed["Customer id"].tolist() == table["Customer id"].tolist()
        sheet = _sheet_rows(
            _run_dir(demo_plan) / artifacts.TARGET_LISTS, Words("en").segment(segment)
        )
        assert [row[0] for row in sheet[2:]] == listed["Customer id"].tolist()


def test_a_long_target_list_is_cut_in_the_workbook_and_whole_in_the_files(demo_plan, monkeypatch):
    monkeypatch.setattr(artifacts, "XLSX_MAX_ROWS", 40)
    words = Words("en")
    lists = export.target_lists(demo_plan.result, demo_plan.ctx.params, words)
    sheets = export.target_sheets(lists, words)
    churn = lists["churn_risk"]
    assert len(churn) > 40
    sheet = sheets["Churn risk"]
    assert sheet.frame.equals(churn.head(40))
    assert sheet.note == (
        f"Only the first 40 of {len(churn):,} customers of Churn risk (customers to contact "
        "first). The full list is in target_lists/churn_risk.csv, target_lists/churn_risk.parquet."
    )
    notes = export.target_list_notes(demo_plan.result, demo_plan.ctx.params)
    assert notes[0] == (
        "target_lists/: the full contact list of each targeted segment as CSV and Parquet files "
        "(core.csv, growth.csv, churn_risk.csv, new.csv); target_lists.xlsx holds at most 40 "
        "customers a sheet."
    )
    capped = [s for s, listed in lists.items() if len(listed) > 40]
    assert len(notes) == 1 + len(capped)
    assert notes[1 + capped.index("churn_risk")] == (
        f"Churn risk: the sheet of target_lists.xlsx holds only the first 40 of {len(churn):,} "
        "customers (customers to contact first); the full list is in "
        "target_lists/churn_risk.csv, target_lists/churn_risk.parquet."
    )


def test_target_lists_in_chinese(demo_plan_zh):
    run_dir = _run_dir(demo_plan_zh)
    rows = _sheet_rows(run_dir / artifacts.TARGET_LISTS, "流失风险客户")
    values = {cell for row in rows for cell in row}
    assert "请勿联系" in values and "对照组（保留组）" in values
    assert rows[0][0].startswith("流失风险客户的全部 ")
    assert rows[0][0].endswith(
        "同一名单另见 target_lists/churn_risk.csv、target_lists/churn_risk.parquet。"
    )
    notes = export.target_list_notes(demo_plan_zh.result, demo_plan_zh.ctx.params)
    assert notes == [
        (
            "target_lists/：各目标客户群的完整联系名单，CSV 与 Parquet 格式（core.csv、growth.csv、"
            "churn_risk.csv、new.csv）；target_lists.xlsx 每个工作表最多 10,000 位客户。"
        )
    ]


def test_sheet_names_are_valid_excel_names():
    assert export.sheet_name("a/b:c*d?[e]\\f") == "a_b_c_d__e__f"
    assert len(export.sheet_name("x" * 40)) == artifacts.XLSX_SHEET_NAME_MAX
    assert export.sheet_name("") == "sheet"
