"""The report sections: headings and words from labels in both languages, numbers formatted,
tables that fit a phone, charts embedded with alt text, and never a customer list."""

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
            assert image["src"].startswith("data:image/svg+xml;base64,")
            assert image["alt"] and image["alt"] not in {"Chart", "图表"}  # says what it shows
            assert re.search(r"\d", image["alt"]), image["alt"]  # ... with its key numbers


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
    assert rules[2] == "新客户：合作不足 3 个月"
    assert rules[-1] == "常规维护：不符合以上任何规则"
    assert rules[0].startswith("核心价值客户：近12个月消费额居买家前 5%，合作至少 3 年")
    assert rules[1].startswith(
        "流失风险客户：近3个月没有下单，"
    )  # the "orders in 3 months == 0"
    assert rules[3].endswith("满足任何增长阈值）")  # no space before a Chinese bracket


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
    summary = _soup(view.summary())
    caveats = [li.get_text() for li in summary.find("ul", recursive=True).find_all("li")]
    assert caveats[0].startswith("No customer falls into: New.")
    assert caveats[1] == (
        "Core value: the data has no values for this part of the rule, so it was left out: "
        "a latest recommendation score of at least 9 out of 10."
    )
    assert caveats[2].startswith("Premium: the data has no values for this part of the rule")
    assert "the longest is 2.0 years" in caveats[3] and "customers.since" not in caveats[3]
    how = summary.find("details")  # how rows were counted: out of the reading path
    assert how.find("summary").get_text() == "How the segments were computed"
    assert [li.get_text() for li in how.find_all("li")] == [
        "107,927 rows of the orders table had no customer id and were excluded."
    ]
    core_rule = _items(view.sizes())[0]
    assert core_rule.endswith(
        "(left out, no data: a latest recommendation score of at least 9 out of 10)"
    )


def test_summary_without_notes_has_no_empty_list(view):
    summary = _soup(view.summary())
    assert summary.find("ul") is None and summary.find("details") is None
    assert "2026-06-30" in summary.find("p").get_text()
    order = {"en": "Core value, Churn risk, New, Growth potential",
             "zh": "核心价值客户、流失风险客户、新客户、潜力增长客户"}[view.language]  # fmt: skip
    assert order in summary.find("p").get_text() and ">" not in summary.get_text()


def test_structure_without_attributes_says_so(small_result, params):
    result = dataclasses.replace(small_result, structure={})
    part = _soup(View(result, params).structure())
    assert part.find("table") is None
    assert "no industry, company size or region" in part.get_text()


def test_structure_shows_heat_maps_with_their_tables_on_demand(view):
    part = _soup(view.structure())
    blocks = part.find_all("details")
    assert len(blocks) == 3 and all(b.find("table") for b in blocks)  # tables on demand
    assert not [t for t in part.find_all("table") if t.find_parent("details") is None]
    first = [td.get_text() for td in blocks[0].find("tbody").find("tr").find_all("td")]
    if view.language == "en":  # data values in their display form, not "retail"
        assert first[0][0].isupper()
    alt = part.find("img")["alt"]
    assert {"en": "The largest cell is", "zh": "最多的一格是"}[view.language] in alt


def test_data_values_take_the_analysts_names_and_are_escaped(small_data):
    params = campaign_params("zh")
    labels = {"retail": "零售", "small": "<b>小型</b>", "North": "华北"}
    params = params.model_copy(
        update={"campaign": params.campaign.model_copy(update={"value_labels": labels})}
    )
    html = View(segment(small_data, params), params).structure()._repr_html_()
    assert "零售" in html and "华北" in html and "retail" not in html
    assert "&lt;b&gt;小型&lt;/b&gt;" in html and "<b>小型" not in html


def test_profiles_split_into_two_tables_that_fit_a_page(view):
    tables = _soup(view.profiles()).find_all("table")
    assert len(tables) == 2
    headers = [[th.get_text() for th in t.find_all("th")] for t in tables]
    assert all(len(h) <= 7 for h in headers)  # no table wider than the column
    assert headers[0][1] == {"en": "Mean spend, last 12 months",
                             "zh": "近12个月平均消费额"}[view.language]  # fmt: skip
    first = [td.get_text() for td in tables[0].find("tbody").find("tr").find_all("td")]
    assert re.fullmatch(r"[\d,]+", first[1])  # money in whole units (no currency set here)
    assert re.fullmatch(r"\d+\.\d", first[2])  # mean orders: one decimal


def test_money_in_the_profiles_carries_the_campaigns_currency(small_data):
    params = campaign_params()
    params = params.model_copy(
        update={"campaign": params.campaign.model_copy(update={"currency": "CNY"})}
    )
    table = _soup(View(segment(small_data, params), params).profiles()).find("table")
    spend = [tr.find_all("td")[1].get_text() for tr in table.find("tbody").find_all("tr")]
    assert all(re.fullmatch(r"CN¥[\d,]+", s) for s in spend), spend


def test_tiers_name_rows_in_words(view):
    tiers = _soup(view.tiers()).find("table")
    first = [td.get_text() for td in tiers.find("tbody").find("tr").find_all("td")]
    assert first[0] == {"en": "Premium", "zh": "优质客户"}[view.language]
    assert first[2].endswith("%") and first[3].endswith("%")


def test_focus_lists_the_targeted_segments_with_the_template_focus(view):
    rows = _soup(view.focus()).find("tbody").find_all("tr")
    assert len(rows) == len(view.result.precedence)
    cells = [td.get_text() for td in rows[0].find_all("td")]
    assert cells == [
        {"en": "Core value", "zh": "核心价值客户"}[view.language],
        {"en": "Exclusive benefits, executive contact and tailored service",
         "zh": "专属权益、高层对接、定制化服务"}[view.language],
    ]  # fmt: skip


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
    notes = [li.get_text() for li in _soup(view.summary()).find("details").find_all("li")]
    assert notes == [
        (
            "7 rows of the customers table repeated the customer id of another row; the first row of "
            "each customer was kept."
        ),
        (
            "40 orders (0.5% of all orders) belong to customers who are not in the customers table; "
            "they are left out of the segments (a run stops when more than 5% of the orders are of "
            "unknown customers)."
        ),
        (
            "The export has no order id, so the 9,000 order lines were grouped into 8,000 orders: the "
            "lines of one customer with the same timestamp make one order."
        ),
        (
            "12 orders in the spend window have a negative amount (returns and cancellations, "
            "-1,234 in total); they were subtracted from the spend of the window they fall in."
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
        "Lost: no order in the last 12 months",
        "Premium: in the top 20% of buyers by 12-month spend",
        "Potential: in the top 50% of buyers by 12-month spend",
        "Ordinary: matches no tier rule above",
    ]
    assert _items(View(small_result, params_zh).tiers())[-1] == "普通客户：不符合以上任何分层规则"
    growth = _items(View(small_result, params).sizes())[3]
    assert growth.endswith("it meets any growth threshold)")  # growth from 0 is unlimited
