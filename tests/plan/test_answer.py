"""The plan's answer block: whether the planned holdout detects the goals, what each goal it does
not detect needs, and the numbers behind it, in words a manager reads (goals by description), in
both languages, escaped."""

from __future__ import annotations

import dataclasses
import html
import re

from campaign_eval import plan
from campaign_eval.plan.result import PlanResult
from campaign_eval.report.format import Formatter


def _block(result: PlanResult, params) -> str:
    return plan.View(result, params).answer().data


def _headline(block: str) -> str:
    found = re.search(r'<p class="ce-answer-headline">(.*?)</p>', block)
    assert found is not None
    return html.unescape(found.group(1))


def _tone(block: str) -> str:
    found = re.search(r"ce-tone-(\w+)", block)
    assert found is not None
    return found.group(1)


def _figures(block: str) -> dict[str, str]:
    pairs = re.findall(r"<dt>(.*?)</dt><dd class=\"ce-kf-value\">(.*?)</dd>", block)
    return {html.unescape(k): html.unescape(v) for k, v in pairs}


def _note(block: str) -> list[str]:
    found = re.search(r'<p class="ce-answer-note">(.*?)</p>', block)
    return [] if found is None else [html.unescape(x) for x in found.group(1).split("<br>")]


def _powered(result: PlanResult, which: set[str]) -> PlanResult:
    """The result with the goals in ``which`` at 95% power and the others at 10%."""
    goals = tuple(
        dataclasses.replace(
            g, design=dataclasses.replace(g.design, power=0.95 if g.id in which else 0.1)
        )
        for g in result.goals
        if g.design is not None
    )
    return dataclasses.replace(result, goals=goals)


def test_the_demo_answer_says_which_goals_the_holdout_detects_and_what_the_others_need(demo_plan):
    result, params = demo_plan.result, demo_plan.ctx.params
    block = _block(result, params)
    assert block.startswith('<section id="answer"')
    assert "Can the plan detect its goals?" in block
    goals = result.goals
    missing = [g for g in goals if not g.powered]
    assert missing, "the 4,000-customer test world powers no demo goal fully"
    if len(missing) == len(goals):
        assert _headline(block) == "No: the planned holdout detects none of the 3 goals."
        assert _tone(block) == "bad"
    else:
        assert _headline(block).startswith(f"Not all: {len(missing)} of the 3 goals")
        assert _tone(block) == "mixed"
    # one line per goal not detected, named by its description, saying what would be enough
    f = Formatter("en", currency="CNY")
    needs = _note(block)
    assert [line.split(": ")[0] for line in needs] == [g.description for g in missing]
    for goal, line in zip(missing, needs, strict=True):
        d = goal.design
        assert d is not None
        if d.recommended_share is not None:
            assert line.endswith(f"a {f.pct(d.recommended_share, 0)} holdout would be enough")
        elif not d.feasible:
            assert (
                f"needs about {f.number(d.n_required_total)} measurable customers, the scope has "
                f"{f.number(d.n_available)}: widen the scope or lengthen the window" in line
            )
    figures = _figures(block)
    powered = sum(g.powered for g in goals)
    assert figures["Goals the holdout detects"] == f"{powered} of 3"
    assert figures["Customers targeted"] == f.number(result.n_targeted)
    assert figures["Planned budget"] == f.money(result.budget_total)
    assert figures["Planned budget"].startswith("CN¥")
    assert result.roi is not None
    assert figures["Spend lift needed for ROI 5.0"] == f.signed_pct(result.roi.required_lift)
    share = f.pct(result.n_control / result.n_targeted, 0)
    assert f"{f.number(result.n_control)} of them held out as control ({share})" in block
    # never an id, a params key or code syntax
    for goal in goals:
        assert goal.id not in block
    shown = html.unescape(re.sub(r"<[^>]+>", " ", block))
    assert "plan." not in shown and "_" not in shown


def test_every_goal_detected_reads_yes(demo_plan):
    params = demo_plan.ctx.params
    result = _powered(demo_plan.result, {g.id for g in demo_plan.result.goals})
    block = _block(result, params)
    assert _headline(block) == "Yes: the planned holdout detects all 3 goals."
    assert _tone(block) == "good" and _note(block) == []
    assert _figures(block)["Goals the holdout detects"] == "3 of 3"
    one = dataclasses.replace(result, goals=result.goals[:1])
    assert _headline(_block(one, params)) == "Yes: the planned holdout detects the plan's goal."


def test_some_goals_detected_reads_mixed_and_lists_only_the_others(demo_plan):
    params = demo_plan.ctx.params
    first = demo_plan.result.goals[0]
    result = _powered(demo_plan.result, {first.id})
    block = _block(result, params)
    assert (
        _headline(block) == "Not all: 2 of the 3 goals cannot be detected with the planned holdout."
    )
    assert _tone(block) == "mixed"
    assert first.description not in "".join(_note(block))
    assert len(_note(block)) == 2


def test_a_plan_without_goals_says_there_is_nothing_to_detect(demo_plan):
    result = dataclasses.replace(demo_plan.result, goals=(), roi=None, budget={})
    block = _block(result, demo_plan.ctx.params)
    assert _headline(block).startswith("Nothing to detect: the plan has no goals")
    assert _tone(block) == "neutral"
    assert list(_figures(block)) == ["Customers targeted"]


def test_a_goal_that_cannot_be_sized_asks_for_its_fix(demo_plan):
    blocked = dataclasses.replace(demo_plan.result.goals[0], design=None)
    result = dataclasses.replace(demo_plan.result, goals=(blocked,))
    block = _block(result, demo_plan.ctx.params)
    assert _headline(block) == "No: the planned holdout cannot detect the plan's goal."
    assert _note(block) == [
        f"{blocked.description}: fix its problems first (listed under Goals and baselines)"
    ]
    # a goal without a description is named by its metric and customers, never its id
    unnamed = dataclasses.replace(blocked, description=None)
    block = _block(dataclasses.replace(result, goals=(unnamed,)), demo_plan.ctx.params)
    assert _note(block)[0].startswith("Repurchase rate (Churn risk): ")


def test_the_chinese_answer_is_chinese_with_full_width_punctuation(demo_plan_zh):
    block = _block(demo_plan_zh.result, demo_plan_zh.ctx.params)
    assert "计划能否检验出活动目标？" in block
    headline = _headline(block)
    assert headline.startswith(("不能：", "部分不能：", "能：")) and headline.endswith("。")
    assert not re.search(r"[A-Za-z]", headline)
    figures = _figures(block)
    assert figures["计划预算"].startswith("¥")
    assert "共 3 个" in figures["可检出的目标"]
    for line in _note(block):
        assert "：" in line and ": " not in line
    assert "流失风险客户30天复购率提升至18%" in block or all(
        g.id != "churn_reactivation" or g.powered for g in demo_plan_zh.result.goals
    )


def test_descriptions_are_escaped(demo_plan):
    goals = tuple(
        dataclasses.replace(g, description="<b>Win back</b> & keep") for g in demo_plan.result.goals
    )
    result = dataclasses.replace(demo_plan.result, goals=goals)
    block = _block(result, demo_plan.ctx.params)
    assert "<b>Win back</b>" not in block and "&lt;b&gt;Win back&lt;/b&gt; &amp; keep" in block
