"""The stage through the real runner and notebook: files, both languages, the notebook's shape."""

from __future__ import annotations

import inspect

import nbformat
import pandas as pd
import pytest
from bs4 import BeautifulSoup

from campaign_eval import artifacts
from campaign_eval.run.runner import NOTEBOOK_DIR, run_params_file
from campaign_eval.segmentation import View
from tests.conftest import TODAY, assert_stakeholder_html, run_stages

NOTEBOOK = NOTEBOOK_DIR / "01_segmentation.ipynb"
SECTION_METHODS = [
    name
    for name, member in inspect.getmembers(View, inspect.isfunction)
    if not name.startswith("_") and inspect.signature(member).return_annotation == "Section"
]


def _run_dir(result, out):
    return next(out.glob(f"*/{result.run_dir.split('/')[-1]}"))


@pytest.mark.slow
def test_english_report_shows_every_section_and_writes_the_files(demo_params, tmp_path):
    result = run_stages(demo_params(), tmp_path / "out", ["segmentation"])
    assert result.ok, result
    run_dir = _run_dir(result, tmp_path / "out")
    html = (run_dir / "01_segmentation.html").read_text(encoding="utf-8")
    assert_stakeholder_html(html)
    soup = BeautifulSoup(html, "html.parser")
    headings = [h.get_text() for h in soup.find_all("h2")]
    for title in ("Summary and data notes", "Segment sizes", "Segment profiles",
                  "Customer structure", "Four-tier view", "Lists for sales reps"):  # fmt: skip
        assert title in headings
    images = soup.select("figure.ce-figure img")
    assert len(images) == 5 and all(img["alt"] for img in images)
    answer = soup.select_one("section#answer")  # the answer first, right under the header
    assert answer is not None and answer.find_previous("nav", class_="ce-toc") is None
    headline = answer.select_one(".ce-answer-headline").get_text()
    assert headline.startswith("Reach ") and " customers in 4 segments: " in headline
    assert "orders in 3 months ==" not in html and "retail" not in soup.get_text()
    assert "guide-" not in html and "The setup cell computes everything" not in html
    segments = pd.read_parquet(run_dir / artifacts.SEGMENTS)
    listed = pd.read_csv(run_dir / artifacts.SEGMENT_LISTS_DIR / "core.csv", dtype=str)
    assert len(listed) == (segments["segment"] == "core").sum() > 0
    assert not any(cid in html for cid in segments["customer_id"].head(200))
    with pd.ExcelFile(run_dir / artifacts.SEGMENT_LISTS_XLSX) as book:
        assert book.sheet_names == ["core", "churn_risk", "new", "growth"]  # the targeted ones


@pytest.mark.slow
def test_chinese_report_has_chinese_sections_and_no_missing_glyphs(demo_params, tmp_path):
    result = run_stages(demo_params(language="zh"), tmp_path / "out", ["segmentation"])
    assert result.ok, result
    run_dir = _run_dir(result, tmp_path / "out")
    log = run_dir / "run.log"
    assert not log.exists() or "Glyph" not in log.read_text(encoding="utf-8")
    html = (run_dir / "01_segmentation.html").read_text(encoding="utf-8")
    assert_stakeholder_html(html)
    for title in ("概要与数据说明", "客户群规模", "客户结构", "四级客户分层", "销售跟进名单"):
        assert title in html
    assert "条形图：各客户群的客户数，核心价值客户 " in html
    soup = BeautifulSoup(html, "html.parser")
    headline = soup.select_one("section#answer .ce-answer-headline").get_text()
    assert headline.startswith("覆盖 4 个目标客户群共 ")
    listed = pd.read_csv(run_dir / artifacts.SEGMENT_LISTS_DIR / "churn_risk.csv")
    assert set(listed["segment"]) == {"流失风险客户"}


@pytest.mark.slow
def test_a_cell_the_analyst_adds_is_shown_and_guides_are_not(demo_params, tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nb.cells.insert(4, nbformat.v4.new_markdown_cell("Note from Ann: core looks small.", id="ann"))
    nbformat.write(nb, notebooks / NOTEBOOK.name)
    result = run_params_file(
        demo_params(), out_root=tmp_path / "out", stages=["segmentation"], today=TODAY,
        notebook_dir=notebooks,
    )  # fmt: skip
    assert result.ok, result
    html = (_run_dir(result, tmp_path / "out") / "01_segmentation.html").read_text(encoding="utf-8")
    assert "Note from Ann: core looks small." in html
    assert "Summary and data notes" in html and "what the data could not support" not in html
