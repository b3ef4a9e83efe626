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
from campaign_eval.segmentation import View, export
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
    # maintain is not targeted: its full list is in CSV and Parquet, and it has no sheet
    assert export.list_files("maintain", maintain, view.params) in items[-1]
    assert "segment_lists/maintain.parquet" in items[-1] and ".xlsx" not in items[-1]
    assert "segment_lists.xlsx" in items[0]


def test_summary_notes_say_how_rows_and_spend_were_counted(small_result, params):
    from campaign_eval.segmentation.result import SpendBasis

    spend = SpendBasis(returns="net", return_orders=12, return_amount=-1234.5,
                       negative_customers=3, buyers=380, without_purchase=20, zero_spend=25)  # fmt: skip
    coverage = dataclasses.replace(
        small_result.coverage, repeated_rows={"customers": 7}, unknown_customer_orders=(40, 8000),
        order_lines=(9000, 8000, "customer_and_time"), spend=spend,
    )  # fmt: skip
    view = View(dataclasses.replace(small_result, coverage=coverage), params)
    notes = _items(view.summary())
    assert notes == [
        (
            "7 rows of the customers table repeated the customer id of another row; the first row of "
            "each customer was kept (data.tables.customers.on_duplicate: first)."
        ),
        (
            "40 orders (0.5% of all orders) belong to customers who are not in the customers table; "
            "they are left out of the segments (the run refuses more than data.max_orphan_share)."
        ),
        (
            "The export has no order id, so the 9,000 order lines were grouped into 8,000 orders: the "
            "lines of one customer with the same timestamp make one order."
        ),
        (
            "12 orders in the spend window have a negative amount (returns and cancellations, "
            "-1,234.50 in total); they were subtracted from the spend of the window they fall in "
            "(segmentation.returns: net)."
        ),
        (
            "3 customers have a net spend below 0 (returns of earlier purchases); they count as 0 for "
            "the spend percentile and the tier shares."
        ),
        (
            "Spend percentiles rank the 380 customers with a purchase in the 12 months to 2026-06-30 "
            "among themselves, by spend rounded to cents; the 20 customers without a purchase have no "
            "percentile, match no rule on it and are counted on their own."
        ),
    ]
    dropped = dataclasses.replace(coverage, spend=dataclasses.replace(spend, returns="drop"))
    view = View(dataclasses.replace(small_result, coverage=dropped), params)
    assert "they were left out, so spend counts purchases only" in _items(view.summary())[3]


def test_tiers_section_gives_the_tier_rules_in_words(small_result, params_zh, params):
    rules = _items(View(small_result, params).tiers())
    assert rules == [
        "Lost: orders in 12 months == 0",
        "Premium: 12-month spend percentile >= 0.8",
        "Potential: 12-month spend percentile >= 0.5",
        "Ordinary: matches no tier rule above",
    ]
    assert _items(View(small_result, params_zh).tiers())[-1] == "普通客户：不符合以上任何分层规则"
    growth = _items(View(small_result, params).sizes())[3]
    assert growth.endswith("it meets any growth threshold)")  # growth from 0 is unlimited
