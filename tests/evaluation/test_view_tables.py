"""The report's tables: labelled columns, formatted cells, notes referenced from the goal table."""

from __future__ import annotations

from campaign_eval.evaluation import sentences, view_tables
from campaign_eval.evaluation.wording import Words
from tests.evaluation._helpers import WRONG_SIDE, flagged


def test_the_goal_table_points_to_numbered_notes(small):
    w = Words(flagged(small.result), "en")
    table = view_tables.goals_table(w).set_index("Goal")
    notes = sentences.goal_check_notes(w)
    refs = table.loc["Churn · Growth potential", "Checks"].split(", ")
    churn_notes = [notes[int(r.removeprefix("note ")) - 1] for r in refs]
    assert any(WRONG_SIDE in n for n in churn_notes)
    assert any("worse than the baseline" in n for n in churn_notes)
    assert table.loc["Churn · Growth potential", "Verdict"] == "n/a"  # no interval: no verdict
    assert table.loc["Churn · Growth potential", "Grade"] == "poor"
    assert table.loc["Churn · Growth potential", "Baseline"] == "20.0% (plan)"
    assert table.loc["Repurchase · Core value", "Baseline"] == "20.0% (plan, earlier cohort)"
    assert "Deadline" not in table.columns  # no goal has one


def test_the_effects_table_marks_exact_p_values_and_says_the_result(small):
    w = Words(small.result, "en")
    table = view_tables.effects_table(w)
    assert len(table) == len(small.result.effects.rows)
    assert "Group" not in table.columns  # one treatment arm
    assert set(table["Result"]) <= {"improved (significant)", "worse (significant)",
                                    "not significant"}  # fmt: skip
    exact = view_tables.exact(small.result.effects.rows).to_numpy()
    assert all(p.endswith(" †") for p in table["p"][exact])
    assert not any(p.endswith(" †") for p in table["p"][~exact])
    assert table.columns[6] == "95% CI (unadjusted)"


def test_several_treatment_arms_get_a_group_column(email):
    w = Words(email[1].result, "en")
    for table in (view_tables.effects_table(w), view_tables.cuped_table(w)):
        assert set(table["Group"]) == {"A", "B"}


def test_the_budget_has_a_total_row_and_the_return_table_every_figure(small):
    w = Words(small.result, "en")
    budget = view_tables.budget_table(w)
    assert budget.iloc[-1, 0] == "Total" and len(budget) == len(small.result.returns.costs) + 1
    returns = view_tables.return_table(w)
    assert returns.iloc[2, 1].startswith("1:") and len(returns) == 7


def test_tables_without_data_are_none(uncontrolled):
    w = Words(uncontrolled.result, "en")
    assert view_tables.effects_table(w) is None and view_tables.did_table(w) is None
    assert view_tables.srm_table(w) is None
    table = view_tables.before_after_table(w)
    assert set(table["Test"]) == {"McNemar", "paired t-test", "z-test (two periods)"}


def test_feedback_and_process_against_their_standards(small):
    w = Words(small.result, "en")
    feedback = view_tables.feedback_table(w)
    assert list(feedback["Standard"]) == ["≥ 4.5", "≤ 5"]
    process = view_tables.process_table(w).iloc[0]
    assert (process["Actual / planned"], process["Standard"], process["Met?"]) == (
        "86%",
        "≤ 90%",
        "met",
    )
