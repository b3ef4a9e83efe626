"""The report sections: headings and words from labels in both languages, numbers formatted,
charts embedded with alt text, and never a customer list."""

from __future__ import annotations

import dataclasses
import re

import pytest
from bs4 import BeautifulSoup

from campaign_eval.config.segmentation import Condition
from campaign_eval.report.charts import setup_style
from campaign_eval.report.html import Section
from campaign_eval.segmentation import View
from campaign_eval.segmentation.result import DataCoverage
from campaign_eval.segmentation.run import segment
from tests.segmentation.conftest import campaign_params

SECTIONS = ("summary", "sizes", "profiles", "structure", "tiers", "focus", "lists")
HEADINGS = {
    "en": ["Summary and data notes", "Segment sizes", "Segment profiles", "Customer structure",
           "Four-tier view", "What the segments mean for the campaign", "Lists for sales reps"],
    "zh": ["概要与数据说明", "客户群规模", "客户群画像", "客户结构", "四级客户分层",
           "各客户群的活动重点", "销售跟进名单"],
}  # fmt: skip
FIGURES = {"summary": 0, "sizes": 1, "profiles": 1, "structure": 3, "tiers": 0, "focus": 0,
           "lists": 0}  # fmt: skip


def _soup(part: Section) -> BeautifulSoup:
    return BeautifulSoup(part._repr_html_(), "html.parser")


@pytest.fixture(params=["en", "zh"])
def view(request, small_data):
    setup_style(request.param)
    params = campaign_params(request.param)
    return View(segment(small_data, params), params)


def test_every_section_has_its_heading_in_the_report_language(view):
    for name, title in zip(SECTIONS, HEADINGS[view.language], strict=True):
        part = getattr(view, name)()
        assert isinstance(part, Section) and part.title == title
        assert _soup(part).find("h2").get_text() == title


def test_charts_are_embedded_with_words_saying_what_they_show(view):
    for name in SECTIONS:
        images = _soup(getattr(view, name)()).find_all("img")
        assert len(images) == FIGURES[name], name
        for image in images:
            assert image["src"].startswith("data:image/png;base64,")
            assert image["alt"] and image["alt"] not in {"Chart", "图表"}  # says what it shows


def test_no_section_shows_a_customer(view):
    ids = set(view.result.customers["customer_id"])
    for name in SECTIONS:
        text = _soup(getattr(view, name)()).get_text(" ")
        assert not ids & set(re.findall(r"C\d{4}", text)), name


def test_sizes_table_shows_counts_and_percentages(view):
    table = _soup(view.sizes()).find("table")
    rows = [
        [td.get_text() for td in tr.find_all("td")] for tr in table.find("tbody").find_all("tr")
    ]
    sizes = view.result.sizes
    maintain = rows[-1]
    assert maintain[1] == f"{int(sizes.loc['maintain', 'customers']):,}"
    assert maintain[2] == f"{100 * sizes.loc['maintain', 'share']:.1f}%"
    assert len(rows) == 5


def _items(part: Section) -> list[str]:
    return [li.get_text() for li in _soup(part).find_all("li")]


def test_rules_are_written_in_words_of_the_language(small_result, params_zh):
    rules = _items(View(small_result, params_zh).sizes())
    assert rules[2] == "新客户：合作月数 < 3"
    assert rules[-1] == "常规维护：不符合以上任何规则"
    assert rules[0].startswith("核心价值客户：(近12个月消费额百分位 >= 0.95 且 合作年限 >= 3")


def test_summary_notes_say_what_the_data_could_not_support(small_result, params):
    nps = Condition(feature="latest_nps", op=">=", value=9)
    coverage = DataCoverage(
        excluded_rows={"orders": 107927},
        tenure_from_orders=True,
        longest_tenure_years=2.04,
        segment_conditions={"core": (nps,)},
        tier_conditions={"premium": (nps,)},
    )
    sizes = small_result.sizes.copy()
    sizes.loc["new", "customers"] = 0
    view = View(dataclasses.replace(small_result, coverage=coverage, sizes=sizes), params)
    notes = _items(view.summary())
    assert len(notes) == 5
    assert notes[0] == "107,927 rows of the orders table had no customer id and were excluded."
    assert "the longest is 2.0 years" in notes[1]
    assert notes[2].startswith("No customer falls into: New.")
    assert notes[3].startswith("Core value: the condition(s) latest NPS score (0-10) >= 9 are")
    assert notes[4].startswith("Premium: the condition(s) latest NPS score (0-10) >= 9 are")
    core_rule = _items(view.sizes())[0]
    assert core_rule.endswith("(left out, no data: latest NPS score (0-10) >= 9)")


def test_summary_without_notes_has_no_empty_list(view):
    summary = _soup(view.summary())
    assert summary.find("ul") is None
    assert "2026-06-30" in summary.find("p").get_text()


def test_structure_without_attributes_says_so(small_result, params):
    result = dataclasses.replace(small_result, structure={})
    part = _soup(View(result, params).structure())
    assert part.find("table") is None
    assert "no industry, company size or region" in part.get_text()


def test_profiles_and_tiers_name_columns_and_rows_in_words(view):
    profiles = _soup(view.profiles()).find("table")
    headers = [th.get_text() for th in profiles.find_all("th")]
    assert headers[1] == {"en": "12-month spend", "zh": "近12个月消费额"}[view.language]
    tiers = _soup(view.tiers()).find("table")
    first = [td.get_text() for td in tiers.find("tbody").find("tr").find_all("td")]
    assert first[0] == {"en": "Premium", "zh": "优质客户"}[view.language]
    assert first[2].endswith("%") and first[3].endswith("%")


def test_focus_lists_the_targeted_segments_with_the_template_focus(view):
    rows = _soup(view.focus()).find("tbody").find_all("tr")
    assert len(rows) == len(view.result.precedence)
    cells = [td.get_text() for td in rows[0].find_all("td")]
    assert cells[2] == {"en": "Exclusive benefits, executive contact and tailored service",
                        "zh": "专属权益、高层对接、定制化服务"}[view.language]  # fmt: skip


def test_lists_section_names_files_and_counts_only(view):
    items = _items(view.lists())
    assert len(items) == 5
    maintain = int(view.result.sizes.loc["maintain", "customers"])
    assert f"{maintain:,}" in items[-1] or str(maintain) in items[-1]
    assert "segment_lists/maintain.csv, segment_lists.xlsx" in items[-1]
