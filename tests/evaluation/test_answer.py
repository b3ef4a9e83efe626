"""The answer block: did it work, by how much, how sure and in money, claiming no more than the
verdicts allow, in both languages, with every user text escaped."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from campaign_eval.evaluation import View, answer
from campaign_eval.evaluation.answer import Facts, lead
from campaign_eval.evaluation.wording import Words
from tests.evaluation._helpers import churn_rise


def _block(view: View) -> BeautifulSoup:
    html = view.answer().data
    return BeautifulSoup(html, "html.parser").find("section", id="answer")


def _figures(block: BeautifulSoup) -> dict[str, str]:
    return {
        kf.dt.get_text(): kf.find("dd", class_="ce-kf-value").get_text()
        for kf in block.select(".ce-kf")
    }


def _primary(*results: tuple[bool, bool]) -> pd.DataFrame:
    """Primary comparisons with the given (significant, improved)."""
    return pd.DataFrame(
        [{"family": "primary", "significant": s, "improved": i} for s, i in results],
        columns=["family", "significant", "improved"],
    )


def _facts(primary: pd.DataFrame, verdicts: tuple, roi: str | None) -> Facts:
    significant = primary["significant"].astype(bool)
    improved = primary["improved"].astype(bool)
    return Facts(
        primary=primary,
        credited=primary[significant & improved],
        harmed=primary[significant & ~improved],
        verdicts=verdicts,
        roi=roi,
    )


@pytest.mark.parametrize(
    ("primary", "verdicts", "roi", "expected"),
    [
        ([(True, True), (True, True)], ("reached", "reached"), "met", "yes"),
        ([(True, True), (True, True)], ("reached", "reached"), None, "yes"),
        ([(True, True), (True, True)], ("reached", "reached"), "cant_tell", "partly"),
        ([(True, True), (False, True)], ("too_close", "too_close"), "cant_tell", "partly"),
        ([(False, True), (False, False)], ("reached", "missed"), "not_met", "partly"),
        ([(False, True), (False, False)], ("too_close", "missed"), "cant_tell", "not_shown"),
        ([(False, True), (False, False)], ("too_close", "missed"), "not_met", "no"),
        ([(True, False), (False, True)], ("missed", "missed"), "cant_tell", "no"),
        ([], (), None, "not_planned"),
    ],
)
def test_the_one_word_answer_reads_the_verdicts(primary, verdicts, roi, expected):
    assert lead(_facts(_primary(*primary), verdicts, roi)) == expected


def test_a_goal_reached_without_credit_is_never_a_yes():
    """Reaching a target does not show the campaign caused it: without credit it is 'partly'."""
    facts = _facts(_primary((False, True)), ("reached",), "met")
    assert lead(facts) == "partly"


def test_the_demo_answer_gives_the_effect_the_goals_and_the_return_in_money(small):
    view = small.view
    block = _block(view)
    result = small.result
    found = answer.facts(view.w)
    word = {"yes": "Yes", "partly": "Partly", "no": "No", "not_shown": "Not shown"}[lead(found)]
    headline = block.find("p", class_="ce-answer-headline").get_text()
    assert headline.startswith(word + ":")
    assert block["class"] == ["ce-answer", f"ce-tone-{answer.TONES[lead(found)]}"]
    for _, row in found.credited.iterrows():  # every proven effect with its interval
        assert view.w.diff(row["metric"], row["diff"]) in headline
        assert view.w.diff_ci(row["metric"], row["ci_low"], row["ci_high"]) in headline
    r = result.returns
    assert f"Return: {view.w.per_unit(r.incremental_roi)}" in headline
    assert "1:5 standard" in headline and view.w.pct(r.p_meets_standard) in headline
    figures = _figures(block)
    reached = int((result.goals.rows["verdict"] == "reached").sum())
    assert figures["Goals reached"] == f"{reached} of {len(result.goals.rows)}"
    assert figures["Incremental value"] == view.w.money(r.incremental_value)
    assert figures["Return per CN¥1 spent"].lstrip("-").startswith("CN¥")
    verdict = {"met": "met", "not_met": "not met", "cant_tell": "can't tell yet"}[r.verdict]
    assert figures["The 1:5 standard"] == verdict
    assert 2 <= len(figures) <= 4
    assert "ev." not in block.get_text()


def test_the_chinese_answer_is_chinese_with_its_currency_and_ratio_sign(small_zh):
    block = _block(small_zh.view)
    text = block.get_text()
    assert block.find("h2").get_text() == "活动是否有效？"
    assert "¥" in text and "CN¥" not in text and "1∶5" in text
    for english in ("Return", "Goals", "Partly", "control group", "chance", "n/a"):
        assert english not in text
    assert set(_figures(block)) >= {"已达成目标", "增量价值", "每投入 ¥1 的回报"}


def test_a_significant_worsening_is_said_and_never_credited(small):
    result = churn_rise(small.result)
    result = replace(result, goals=replace(result.goals, rows=pd.DataFrame()))
    result = replace(
        result,
        effects=replace(
            result.effects, rows=result.effects.rows.assign(family="primary")
        ),  # the rise is the one primary comparison
        primary_source="params",
    )
    view = View(result, small.ctx.params)
    found = answer.facts(view.w)
    assert found.credited.empty and len(found.harmed) == 1
    headline = answer.headline(view.w, found)
    assert (
        headline.startswith("No:") and "Significantly worse: Churn rate (Core value) +" in headline
    )
    assert "the campaign's one proven effect" not in headline
    assert _figures(_block(view))["Primary comparisons credited"] == "0 of 1"


def test_without_a_control_group_the_answer_cannot_tell(uncontrolled):
    block = _block(uncontrolled.view)
    headline = block.find("p", class_="ce-answer-headline").get_text()
    assert headline.startswith("Can't tell: there is no control group")
    assert "ce-tone-neutral" in block["class"]
    figures = _figures(block)
    assert "Gross return per CN¥1 spent" in figures and "Incremental value" not in figures


def test_user_text_in_the_answer_is_escaped(email):
    """An outcome table's metric label is user text: it shows as typed, never as markup."""
    view = email[1].view
    html = view.answer().data
    assert "<b>now</b>" not in html
    block = BeautifulSoup(html, "html.parser").find("section", id="answer")
    assert block.find("b") is None


def test_several_arms_name_the_arm_of_each_effect(email):
    view = email[1].view
    found = answer.facts(view.w)
    headline = answer.headline(view.w, found)
    for _, row in found.credited.iterrows():
        assert f", {row['arm']})" in headline


def test_the_answer_uses_the_words_of_the_report(small):
    w = Words(small.result, "en", "CNY")
    assert answer.block(w, small.view.retro).data == small.view.answer().data
