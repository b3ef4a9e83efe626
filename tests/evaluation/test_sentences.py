"""The report's sentences: what is and is not known, the good direction, the goals' notes."""

from __future__ import annotations

from campaign_eval.evaluation import retrospective, sentences, verdict_sentences
from campaign_eval.evaluation.wording import Words
from tests.evaluation._helpers import WRONG_SIDE, churn_rise, flagged


def test_a_significant_rise_of_churn_is_a_warning_and_never_a_success(small):
    result = churn_rise(small.result)
    w = Words(result, "en")
    row = w.result.effects.rows.iloc[0]
    assert row["significant"] and not row["improved"]
    retro = retrospective.build(result)
    assert not retro.worked  # an exploratory worsening is never a success
    (lead,) = retro.leads
    assert lead["metric"] == "churn_rate" and lead["improved"] is False
    sentence = verdict_sentences.leads(w, retro)[0]
    assert ", a worsening" in sentence and w.diff("churn_rate", lead["diff"]) in sentence
    assert sentence.split(":")[1].strip().startswith("+")  # the rise keeps its sign


def test_a_goal_not_credited_states_the_effect_that_could_have_been_detected(small):
    w = Words(small.result, "en")
    goals = w.result.goals.rows
    goal = goals[~goals["credited"].astype(bool) & goals["effect_arm"].notna()].iloc[0]
    fact = verdict_sentences.goal_fact(w, dict(goal))
    assert "Not shown to be caused by the campaign" in fact
    assert f"smaller than about {w.size(goal['metric'], goal['effect_mde'])}" in fact


def test_goal_notes_number_the_plans_problems_and_the_capped_grades(small):
    w = Words(flagged(small.result), "en")
    notes = sentences.goal_check_notes(w)
    assert notes[0].startswith("Note 1. Churn · Growth potential: ") and WRONG_SIDE in notes[0]
    assert any("worse than the baseline" in n for n in notes)
    assert any("Repurchase · Core value" in n and "not on the improving side" in n for n in notes)


def test_goal_footnote_names_where_each_baseline_comes_from(small, small_zh):
    measured = sentences.goals_note(Words(small.result, "en"))
    assert "Baseline (measured): measured here on the same treated customers" in measured
    assert "Baseline (plan" not in measured
    planned = sentences.goals_note(Words(flagged(small.result), "en"))
    assert planned.startswith("Goals from the campaign plan.")
    assert "treatment and control together" in planned and "different customers" in planned
    assert "(measured)" not in planned
    zh = sentences.goals_note(Words(small_zh.result, "zh"))
    assert "基线（实测）：本次评估对同一批实验组客户" in zh and "基线（策划" not in zh


def test_a_goal_whose_credit_is_listed_under_what_worked_points_there_once(small):
    w = Words(small.result, "en")
    goal = dict(w.result.goals.rows.iloc[0])
    listed = verdict_sentences.goal_fact(w, goal, {"effect_listed": True})
    assert listed.endswith("The campaign's effect on it is listed under what worked.")
    assert "against the control group" not in listed  # the effect is stated once, there
    assert "against the control group" in verdict_sentences.goal_fact(w, goal)


def test_an_interval_that_straddles_zero_keeps_the_sign_of_a_small_bound(small):
    w = Words(small.result, "en")
    assert w.diff_ci("complaint_rate", -0.00026, 0.0159) == "-0.03\u00a0to +1.6"
    assert w.diff_ci("complaint_rate", -0.00026, 0.0159, unit=True) == "-0.03 pp\u00a0to +1.6 pp"
    assert (
        w.diff_with_ci("complaint_rate", 0.0078, -0.00026, 0.0159) == "+0.8 pp (-0.03\u00a0to +1.6)"
    )
