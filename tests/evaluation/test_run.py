"""The stage through the real runner and notebook: the notebook's shape, reports, files, tables."""

from __future__ import annotations

import datetime as dt
import inspect
import json
import os
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from campaign_eval import artifacts
from campaign_eval.evaluation import View
from campaign_eval.run.runner import NOTEBOOK_DIR
from tests.conftest import assert_stakeholder_html, run_stages
from tests.evaluation._helpers import (
    ASSIGNMENT_TABLE,
    DEMO_EVALUATION,
    email_test,
    standalone_params,
    write_params,
)

NOTEBOOK = NOTEBOOK_DIR / "04_evaluation.ipynb"
SECTION_METHODS = [
    name
    for name, member in inspect.getmembers(View, inspect.isfunction)
    if not name.startswith("_") and inspect.signature(member).return_annotation == "Section"
]
SCRIPT_NOTE = "<script>alert('x')</script> & the <b>SMS</b> outage"


def _run_dir(result) -> Path:
    assert result.ok, result
    return Path(result.run_dir)


@pytest.fixture(scope="module")
def english(tmp_path_factory, demo_data):
    """The demo after segmentation and the plan, with a note that tries to inject markup."""
    folder = tmp_path_factory.mktemp("eval_en")
    notes = [SCRIPT_NOTE, *DEMO_EVALUATION["notes"]]
    params = write_params(folder, demo_data, extra={"evaluation": {"notes": notes}})
    return _run_dir(run_stages(params, folder / "out", ["segmentation", "plan", "evaluation"]))


@pytest.fixture(scope="module")
def chinese(tmp_path_factory, demo_data):
    """The evaluation alone in Chinese, with the data's assignment and params goals."""
    folder = tmp_path_factory.mktemp("eval_zh")
    extra = {**ASSIGNMENT_TABLE, "evaluation": {**DEMO_EVALUATION,
             "notes": ["短信通道故障导致送达率下降 <i>需复盘</i>"]}}  # fmt: skip
    params = write_params(folder, demo_data, language="zh", extra=extra)
    return _run_dir(run_stages(params, folder / "out", ["evaluation"]))


@pytest.mark.slow
def test_the_english_report_is_safe_and_shows_every_section(english, demo_data):
    html = (english / "04_evaluation.html").read_text(encoding="utf-8")
    assert_stakeholder_html(html)
    ids = pd.read_parquet(demo_data / "assignment.parquet")["customer_id"]
    assert not any(i in html for i in ids.head(500)), "customer ids in the report"
    assert "&lt;script&gt;alert(" in html and "<script>alert" not in html
    assert "&lt;b&gt;SMS&lt;/b&gt;" in html
    soup = BeautifulSoup(html, "html.parser")
    headings = [h.get_text() for h in soup.find_all("h2")]
    for title in ("Summary", "Effects: treatment vs control", "Before and after",
                  "Customer feedback against the standards", "Return on the campaign",
                  "Process efficiency", "Checks of the experiment", "Retrospective"):  # fmt: skip
        assert title in headings
    images = soup.select("figure.ce-figure img")
    assert len(images) == 2 and all(img["alt"] for img in images)
    # the answer block opens the page, under the header and before the contents
    answer = soup.find("section", id="answer")
    assert answer is not None and answer.find_previous_sibling("header", class_="ce-header")
    assert answer.find_parent("main") is None and "Did it work?" in answer.get_text()
    assert "guide-" not in html and "The setup cell computes everything" not in html


@pytest.mark.slow
def test_the_english_run_evaluates_the_plan_and_writes_its_files(english):
    payload = json.loads((english / artifacts.EVALUATION_JSON).read_text(encoding="utf-8"))
    assert payload["assignment_source"] == "plan" and payload["goals"]["source"] == "plan"
    assert payload["sample_ratio"]["share_source"] == "plan"
    assert payload["segment_source"] == "assignment"
    assert payload["comparisons"] and payload["roi"]["incremental"]["roi"] is not None
    effects = pd.read_csv(english / artifacts.EVALUATION_EFFECTS_CSV)
    assert len(effects) == len(payload["comparisons"]) and "customer_id" not in effects


@pytest.mark.slow
def test_the_chinese_report_is_in_chinese(chinese):
    html = (chinese / "04_evaluation.html").read_text(encoding="utf-8")
    assert_stakeholder_html(html)
    assert "&lt;i&gt;需复盘&lt;/i&gt;" in html
    for heading in ("评估概要", "活动效果：实验组与对照组对比", "活动前后对比", "复盘"):
        assert heading in html
    words = BeautifulSoup(html, "html.parser").get_text(" ")  # not the images' base64
    for english in ("Summary", "Headline effects", "Incremental ROI", "not significant",
                    "Treatment"):  # fmt: skip
        assert english not in words
    assert "基线（实测）：本次评估对同一批实验组客户" in html
    assert "活动是否有效？" in html and "1∶5" in html and "¥" in words
    log = chinese / "run.log"
    assert not log.exists() or "Glyph" not in log.read_text(encoding="utf-8")


@pytest.mark.slow
def test_an_outcome_table_is_evaluated_alone_without_crm_tables(tmp_path):
    """An e-mail test export on its own: no orders, no customers, just the per-customer table."""
    table = tmp_path / "email_test.csv"
    table.write_text(email_test().to_csv(index=False), encoding="utf-8")
    exported = dt.datetime(2026, 10, 20, 9, 30, tzinfo=dt.UTC).timestamp()
    os.utime(table, (exported, exported))
    run_dir = _run_dir(run_stages(standalone_params(tmp_path), tmp_path / "out", ["evaluation"]))
    html = (run_dir / "04_evaluation.html").read_text(encoding="utf-8")
    assert_stakeholder_html(html)
    payload = json.loads((run_dir / artifacts.EVALUATION_JSON).read_text(encoding="utf-8"))
    assert {c["arm"] for c in payload["comparisons"]} == {"A", "B"}
    # a table has no dates: the header's data date is the file's, never "None"
    meta = BeautifulSoup(html, "html.parser").select_one(".ce-meta").get_text(" ")
    assert "2026-10-20" in meta and "None" not in meta


def test_a_bad_outcome_table_fails_the_run_before_any_kernel_starts(tmp_path):
    (tmp_path / "email_test.csv").write_text(
        email_test().drop(columns="revenue").to_csv(index=False), encoding="utf-8"
    )
    result = run_stages(standalone_params(tmp_path), tmp_path / "out", ["evaluation"])
    assert not result.ok
    assert result.stages[0].status == "skipped"  # no kernel was started
    assert any("no column 'revenue'" in p for p in result.problems)
