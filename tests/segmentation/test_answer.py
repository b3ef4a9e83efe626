"""The answer block: who the campaign should reach and how many, in both languages, and how it
reads when a targeted segment is empty or nobody is targeted."""

from __future__ import annotations

import dataclasses

import pytest
from bs4 import BeautifulSoup

from campaign_eval.config import CampaignParams
from campaign_eval.report.html import ANSWER_ID
from campaign_eval.segmentation import View
from tests.segmentation.conftest import campaign_params


def _with_plan(params: CampaignParams, **plan: object) -> CampaignParams:
    return params.model_copy(update={"plan": params.plan.model_copy(update=plan)})


def _answer(result, params) -> BeautifulSoup:
    html = View(result, params).answer().data
    soup = BeautifulSoup(html, "html.parser")
    blocks = soup.select(f"section#{ANSWER_ID}")
    assert len(blocks) == 1
    return blocks[0]


def _figures(block) -> list[tuple[str, str, str]]:
    return [
        (
            kf.find("dt").get_text(),
            kf.select_one(".ce-kf-value").get_text(),
            kf.select_one(".ce-kf-note").get_text(),
        )
        for kf in block.select(".ce-kf")
    ]


def _tone(block) -> str:
    return next(c for c in block["class"] if c.startswith("ce-tone-")).removeprefix("ce-tone-")


def test_the_answer_names_who_to_reach_how_many_and_why(small_result, params):
    block = _answer(small_result, params)
    sizes = small_result.sizes["customers"]
    assert block.find("h2").get_text() == "Who should the campaign reach, and how many?"
    assert block.select_one(".ce-answer-headline").get_text() == (
        "Reach 110 customers in 4 segments: 27.5% of all 400 customers. "
        "The other 290 customers (Maintain) are not in the campaign."
    )
    assert int(sizes[["core", "churn_risk", "new", "growth"]].sum()) == 110
    figures = _figures(block)
    assert [(label, value) for label, value, _ in figures] == [
        ("Core value", "1"), ("Churn risk", "29"), ("New", "19"), ("Growth potential", "61"),
    ]  # fmt: skip
    assert figures[1][2].startswith("No order in the last 3 months, at least 1 order")
    assert figures[2][2] == "A customer for less than 3 months"
    assert block.select_one(".ce-answer-note").get_text() == (
        "The plan keeps 20% of each targeted segment as a control group that is not contacted, "
        "so that the campaign's effect can be measured."
    )
    assert _tone(block) == "neutral"


def test_the_chinese_answer_is_chinese_with_full_width_punctuation(small_result, params_zh):
    block = _answer(small_result, params_zh)
    assert block.find("h2").get_text() == "本次活动应覆盖哪些客户？共多少位？"
    assert block.select_one(".ce-answer-headline").get_text() == (
        "覆盖 4 个目标客户群共 110 位客户，占全部 400 位客户的 27.5%。"
        "其余 290 位客户（常规维护）不在本次活动范围内。"
    )
    label, value, note = _figures(block)[1]
    assert (label, value) == ("流失风险客户", "29")
    assert note.startswith("近3个月没有下单，近12个月下单至少 1 次，且（")
    assert "20%" in block.select_one(".ce-answer-note").get_text()


def test_an_empty_targeted_segment_is_said_first_and_the_tone_is_mixed(small_result, params):
    sizes = small_result.sizes.copy()
    sizes.loc["new", "customers"] = 0
    block = _answer(dataclasses.replace(small_result, sizes=sizes), params)
    assert (
        block.select_one(".ce-answer-headline")
        .get_text()
        .endswith("No customer falls into New: check the rule before planning activities for it.")
    )
    assert ("New", "0") in [(label, value) for label, value, _ in _figures(block)]
    assert _tone(block) == "mixed"


@pytest.mark.parametrize("language", ["en", "zh"])
def test_nobody_to_reach_reads_as_bad_news_without_a_control_group(small_result, language):
    sizes = small_result.sizes.copy()
    sizes.loc[["core", "churn_risk", "new", "growth"], "customers"] = 0
    params = campaign_params(language)
    block = _answer(dataclasses.replace(small_result, sizes=sizes), params)
    headline = block.select_one(".ce-answer-headline").get_text()
    assert (
        headline
        == {
            "en": "No customer falls into any targeted segment: check the segment rules before "
            "planning the campaign.",
            "zh": "所有目标客户群都没有客户：请先检查分群规则，再策划活动。",
        }[language]
    )
    assert _tone(block) == "bad" and block.select_one(".ce-answer-note") is None


def test_one_targeted_segment_is_named_in_the_headline(small_result, params):
    params = _with_plan(params, targeted=["churn_risk"], segment_control_share={})
    block = _answer(small_result, params)
    assert block.select_one(".ce-answer-headline").get_text() == (
        "Reach the 29 customers of Churn risk: 7.2% of all 400 customers. The other 371 customers "
        "(Core value, New, Growth potential, Maintain) are not in the campaign."
    )
    assert len(_figures(block)) == 1


def test_more_than_four_targeted_segments_sum_the_rest(small_result, params):
    targeted = ["core", "growth", "churn_risk", "new", "maintain"]
    block = _answer(small_result, _with_plan(params, targeted=targeted))
    figures = _figures(block)
    assert len(figures) == 4
    assert figures[-1] == ("Other targeted segments", "351", "Growth potential, Maintain")
    headline = block.select_one(".ce-answer-headline").get_text()
    assert headline == "Reach 400 customers in 5 segments: 100.0% of all 400 customers."


def test_control_shares_that_differ_by_segment_are_given_as_a_range(small_result, params):
    params = _with_plan(params, segment_control_share={"core": 0.5, "new": 0.1})
    note = _answer(small_result, params).select_one(".ce-answer-note").get_text()
    assert "keeps 10%\xa0to 50% of each targeted segment" in note


def test_the_answer_escapes_what_it_shows(small_result, params, monkeypatch):
    """Words reach the block only through ``report.html.answer``, which escapes them."""
    from campaign_eval.report.labels import LABELS

    monkeypatch.setitem(LABELS, "segment.core", {"en": "<b>Core</b> & co", "zh": "核心"})
    html = View(small_result, params).answer().data
    assert "&lt;b&gt;Core&lt;/b&gt; &amp; co" in html and "<b>Core" not in html
