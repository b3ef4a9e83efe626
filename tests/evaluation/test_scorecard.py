"""The scorecard: a row per goal, then the guardrails, then the leads; bars that draw the interval
where it is; verdicts that read without colour; user text escaped; both languages."""

from __future__ import annotations

import math
import re
from dataclasses import replace

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from campaign_eval.evaluation import View, scorecard, sentences
from campaign_eval.evaluation.scorecard import Bar, bar_svg
from tests.evaluation._helpers import churn_rise, flagged


def _soup(view: View) -> BeautifulSoup:
    return BeautifulSoup("".join(b.data for b in scorecard.scorecard(view.w)), "html.parser")


def _percent(value: str) -> float:
    return float(value.removesuffix("%"))


def _drawn(bar: Bar) -> dict[str, float]:
    """Where the SVG puts the interval, the dot and the reference line, in percent of the row."""
    svg = BeautifulSoup(str(bar_svg(bar)), "html.parser")
    rect, dot = svg.find("rect"), svg.find("circle")
    reference = svg.find("line", class_="ce-sc-ref")
    start = _percent(rect["x"])
    return {
        "start": start,
        "end": start + _percent(rect["width"]),
        "dot": _percent(dot["cx"]),
        "reference": _percent(reference["x1"]),
        "filled": rect["fill-opacity"] != "1",
        "dashed": bool(reference["stroke-dasharray"]),
    }


def test_rows_are_the_goals_then_the_guardrails_then_every_other_comparison(small):
    w = small.view.w
    goals = small.result.goals.rows
    primary = scorecard.primary_rows(w)
    assert [r.title for r in primary] == [w.goal(g) for _, g in goals.iterrows()]
    guardrails = scorecard.guardrail_rows(w)
    rows = small.result.effects.rows
    # complaint rate over all customers is one of the demo's goals: it is not repeated
    assert [r.title for r in guardrails] == ["Churn rate · All targeted"]
    exploratory = scorecard.exploratory_rows(w)
    family = rows["family"]
    assert len(exploratory) == int((family == "exploratory").sum()) - len(guardrails)
    assert len(primary) + len(guardrails) + len(exploratory) == len(rows)


def test_a_goal_row_draws_the_effect_against_zero_and_the_actual_against_the_target(small):
    w = small.view.w
    goal = small.result.goals.rows.iloc[0]
    row = scorecard.goal_row(w, goal)
    lift, target = row.bars
    assert (lift.low, lift.estimate, lift.high) == pytest.approx(
        (goal["effect_ci_low"], goal["effect_diff"], goal["effect_ci_high"])
    )
    assert lift.reference == 0 and not lift.target
    assert (target.low, target.estimate, target.high, target.reference) == pytest.approx(
        (goal["ci_low"], goal["actual"], goal["ci_high"], goal["target"])
    )
    assert target.target and target.decided == (goal["verdict"] != "too_close")
    assert w.diff(goal["metric"], goal["effect_diff"]) in lift.figure
    assert "baseline" in target.note and w.grade(goal["grade"]) in target.note


@pytest.mark.parametrize(
    ("low", "estimate", "high", "reference"),
    [(0.02, 0.05, 0.08, 0.0), (-0.03, 0.01, 0.04, 0.0), (-9.0, -5.0, -1.0, 0.0),
     (0.17, 0.187, 0.205, 0.18), (2716.0, 2931.0, 3147.0, 3018.0), (1.0, 1.0, 1.0, 1.0)],
)  # fmt: skip
def test_the_bar_is_drawn_where_the_numbers_are(low, estimate, high, reference):
    bar = Bar(estimate, low, high, reference, target=reference != 0, kind="good", decided=True,
              figure="")  # fmt: skip
    drawn = _drawn(bar)
    assert 0 <= drawn["start"] <= drawn["dot"] <= drawn["end"] <= 100
    outside = not low <= reference <= high
    between = drawn["start"] <= drawn["reference"] <= drawn["end"]
    assert between != outside or math.isclose(low, high)  # zero inside the bar iff inside the CI
    assert drawn["dashed"] == (reference == 0)  # zero dashed, a target solid


def test_a_decided_bar_is_filled_and_an_open_one_hollow_so_grey_prints_read(small):
    base = Bar(0.05, 0.02, 0.08, 0.0, target=False, kind="good", decided=True, figure="")
    assert _drawn(base)["filled"] and not _drawn(replace(base, decided=False))["filled"]


def test_verdicts_are_written_in_badges_not_only_colours(small):
    soup = _soup(small.view)
    badges = [b.get_text() for b in soup.select(".ce-badge")]
    verdicts = {
        "reached": "Goal reached",
        "missed": "Goal missed",
        "too_close": "Too close to call",
    }
    for verdict in small.result.goals.rows["verdict"]:
        assert verdicts[verdict] in badges
    assert set(badges) <= {*verdicts.values(), "Significantly better", "Significantly worse",
                           "Not significant"}  # fmt: skip


def test_a_significant_worsening_reads_worse_in_words_and_colour(small):
    result = churn_rise(small.result)
    view = View(replace(result, goals=replace(result.goals, rows=pd.DataFrame())),
                small.ctx.params)  # fmt: skip
    (row,) = scorecard.exploratory_rows(view.w)
    assert "Significantly worse" in str(row.badges[0]) and "ce-badge-bad" in str(row.badges[0])
    (bar,) = row.bars
    assert bar.kind == "bad" and bar.decided and bar.figure.startswith("+")


def test_exploratory_rows_are_collapsed_and_printed_open(small):
    blocks = scorecard.scorecard(small.view.w)
    assert len(blocks) == 2
    details = BeautifulSoup(blocks[1].data, "html.parser").find("details", class_="ce-details")
    assert details is not None and not details.has_attr("open")
    n = len(scorecard.exploratory_rows(small.view.w))
    assert details.summary.get_text() == f"Exploratory comparisons ({n}): leads, not results"


def test_goal_notes_are_referenced_from_their_rows(small):
    view = View(flagged(small.result), small.ctx.params)
    rows = scorecard.primary_rows(view.w)
    assert [r.title for r in rows] == ["Churn · Growth potential", "Repurchase · Core value",
                                       "Spend · Core value"]  # fmt: skip
    # no interval was measured for these goals: no verdict, no bar against the target
    assert all(not any(b.target for b in r.bars) for r in rows)
    assert "n/a" in str(rows[0].badges[0])
    goals = flagged(small.result).goals.rows
    measured = goals.assign(ci_low=goals["actual"] - 0.01, ci_high=goals["actual"] + 0.01,
                            verdict=["missed", "reached", "missed"])  # fmt: skip
    result = replace(small.result, goals=replace(small.result.goals, rows=measured))
    view = View(result, small.ctx.params)
    notes = [n.split(".")[0] for n in sentences.goal_check_notes(view.w)]
    assert notes == ["Note 1", "Note 2", "Note 3", "Note 4"]  # two for churn, one for the others
    notes_of = [next(b for b in r.bars if b.target).note for r in scorecard.primary_rows(view.w)]
    assert [n.split("; see ")[1] for n in notes_of] == ["note 1, note 2", "note 3", "note 4"]


def test_without_a_control_group_the_goals_are_shown_against_their_targets(uncontrolled):
    w = uncontrolled.view.w
    blocks = scorecard.scorecard(w)
    assert len(blocks) == 1  # no guardrails, no leads: nothing is compared with control
    rows = scorecard.primary_rows(w)
    assert rows and all(bar.target for r in rows for bar in r.bars)
    assert all("No comparison" in str(r.badges[1]) or "no comparison" in str(r.badges[1])
               for r in rows)  # fmt: skip


def test_user_text_is_escaped(small):
    goals = small.result.goals.rows.assign(name="<script>alert(1)</script>")
    view = View(replace(small.result, goals=replace(small.result.goals, rows=goals)),
                small.ctx.params)  # fmt: skip
    html = "".join(b.data for b in scorecard.scorecard(view.w))
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_several_arms_are_named_in_each_row(email):
    titles = [r.title for r in scorecard.exploratory_rows(email[1].view.w)]
    assert titles and all(re.search(r", (A|B)$", t) for t in titles)


def test_the_chinese_scorecard_is_chinese(small_zh):
    soup = _soup(small_zh.view)
    text = soup.get_text(" ")
    assert "与对照组相比" in text and "与目标值相比" in text and "校正后 p 值" in text
    for english in ("Against", "adjusted", "Goal", "Significant", "target", "n/a"):
        assert english not in text
