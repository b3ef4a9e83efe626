"""Every report of the en and zh demo runs, as a reader meets it in Chromium and on paper.

- the answer block starts within the first screen at 1280x800 and at 390x844;
- no table is wider than its column, and no page scrolls sideways, at either width;
- chart text is at least 10 CSS px on the phone;
- printed to A4: no page without content, every table header on paper;
- a Chinese page draws its text with its own embedded font on a machine without a CJK font.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from campaign_eval.report.charts import MIN_TEXT_PX
from tests.browser._probe import glyphs, measure, pdf_facts, print_pdf
from tests.browser.conftest import REPORTS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREENS = {"desktop": (1280, 800), "phone": (390, 844)}
PAGES = [(language, report) for language in ("en", "zh") for report in (*REPORTS, "index.html")]


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize(("language", "report"), PAGES)
def test_the_answer_is_on_the_first_screen_and_nothing_overflows(
    demo_runs, tmp_path, language, report, screen
):
    width, height = SCREENS[screen]
    layout = measure(demo_runs[language] / report, width, height, tmp_path)
    if report != "index.html":
        assert layout.answer_top is not None, "no answer block"
        assert layout.answer_top < height, f"the answer starts at {layout.answer_top} px"
    assert layout.clipped == [], f"tables cut off at {width} px (their last headers)"
    assert not layout.overflow, "the page scrolls sideways"
    assert all(px >= MIN_TEXT_PX - 0.05 for px in layout.chart_px), layout.chart_px


def _headers(page: Path) -> set[str]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return {" ".join(th.get_text(" ").split()) for th in soup.select("thead th")} - {""}


def _squeezed(text: str) -> str:
    return re.sub(r"[\s\-\u00ad]", "", text)


@pytest.mark.parametrize(("language", "report"), [p for p in PAGES if p[1] != "index.html"])
def test_printing_loses_no_page_and_no_column(demo_runs, tmp_path, language, report):
    page = demo_runs[language] / report
    printed = pdf_facts(print_pdf(page, tmp_path), tmp_path)
    assert printed.empty_pages == [], f"pages without content: {printed.empty_pages}"
    text = _squeezed(printed.text)
    missing = sorted(h for h in _headers(page) if _squeezed(h) not in text)
    assert missing == [], f"table headers cut off the paper: {missing}"


@pytest.mark.parametrize("report", [*REPORTS, "index.html"])
def test_a_chinese_page_draws_with_its_own_font_without_a_system_cjk_font(
    demo_runs, tmp_path, report
):
    page = demo_runs["zh"] / report
    drawn = glyphs(page, tmp_path)
    assert "CE Noto Sans CJK SC" in drawn["loaded"]
    assert drawn["page"] != drawn["box"], "the page draws its Chinese as missing-glyph boxes"
    assert drawn["page"] != drawn["other"], "two different characters look the same"


def test_without_its_font_the_same_page_would_show_boxes(demo_runs, tmp_path):
    """The control of the font test: on this machine (no system CJK font) it can fail."""
    page = demo_runs["zh"] / REPORTS[0]
    html = re.sub(
        r"<style>@font-face.*?</style>", "", page.read_text(encoding="utf-8"), flags=re.DOTALL
    )
    bare = page.with_name("bare.html")
    bare.write_text(html, encoding="utf-8")
    drawn = glyphs(bare, tmp_path)
    if drawn["page"] != drawn["box"]:
        pytest.skip("this machine has a CJK system font: the control cannot show boxes here")
    assert drawn["page"] == drawn["other"] == drawn["box"]
