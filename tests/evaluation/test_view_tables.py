"""The report's tables: labelled columns, formatted cells, seven columns at most, units once."""

from __future__ import annotations

import pandas as pd

from campaign_eval.evaluation import view_tables
from campaign_eval.evaluation.wording import Words


def test_the_effects_are_one_table_per_metric_of_six_columns(small):
    w = Words(small.result, "en", "CNY")
    tables = view_tables.effects_tables(w)
    rows = small.result.effects.rows
    assert [caption for caption, _ in tables] == [
        w.metric_unit(m) for m in small.result.metric_names if (rows["metric"] == m).any()
    ]
    assert sum(len(t) for _, t in tables) == len(rows)
    for _, table in tables:
        assert list(table.columns) == [
            "Segment",
            "Customers (treated / control)",
            "Treated / control",
            "Difference (95% CI)",
            "Adjusted p",
            "Result",
        ]  # one treatment arm: no group column
        assert set(table["Result"]) <= {"improved (significant)", "worse (significant)",
                                        "not significant"}  # fmt: skip
    caption, repurchase = tables[0]
    assert caption == "Repurchase rate, pp"
    assert not repurchase["Difference (95% CI)"].str.contains("pp").any()  # the unit once
    exact = view_tables.exact(rows).to_numpy()
    adjusted = pd.concat([t["Adjusted p"] for _, t in tables]).to_numpy()
    assert all(p.endswith(" †") for p in adjusted[exact])
    assert not any(p.endswith(" †") for p in adjusted[~exact])
    primary = rows["family"].to_numpy() == "primary"
    segments = pd.concat([t["Segment"] for _, t in tables]).to_numpy()
    assert all(s.endswith("(primary)") for s in segments[primary])
    assert not any(s.endswith("(primary)") for s in segments[~primary])


def test_every_table_fits_a_page_and_names_its_metric_once(small, uncontrolled):
    w = Words(small.result, "en", "CNY")
    kinds = {
        "did": view_tables.did_tables(w),
        "cuped": view_tables.cuped_tables(w),
        "paired": view_tables.paired_tables(w),
        "mann_whitney": view_tables.mann_whitney_tables(w),
        "before_after": view_tables.before_after_tables(Words(uncontrolled.result, "en")),
    }
    for kind, tables in kinds.items():
        assert tables, kind
        for caption, table in tables:
            assert len(table.columns) <= 6 and "Metric" not in table.columns, kind
            assert caption in {w.metric_unit(m) for m in small.result.metric_names}, caption
    singles = [view_tables.return_table(w), view_tables.budget_table(w),
               view_tables.srm_table(w), view_tables.balance_table(w)]  # fmt: skip
    assert all(t is not None and len(t.columns) <= 7 for t in singles)
    (caption, paired), *_ = kinds["paired"]
    assert list(paired.columns)[-3:] == ["Before → after", "Change (95% CI)",
                                          "p (paired t / Wilcoxon)"]  # fmt: skip
    did_caption, did = kinds["did"][0]
    assert did_caption == "Repurchase rate, pp" and not did.iloc[:, 3].str.contains("pp").any()


def test_several_treatment_arms_are_named_in_every_row(email):
    w = Words(email[1].result, "en")
    for _, table in view_tables.effects_tables(w):
        assert all(s.split(" (primary)")[0].endswith((", A", ", B")) for s in table["Segment"])
    for _, table in view_tables.cuped_tables(w):
        assert set(table["Group"]) == {"A", "B"}


def test_the_budget_has_a_total_row_and_the_return_table_every_figure(small):
    w = Words(small.result, "en", "CNY")
    budget = view_tables.budget_table(w)
    assert budget.iloc[-1, 0] == "Total" and len(budget) == len(small.result.returns.costs) + 1
    assert budget.iloc[0, 1].startswith("CN¥")  # money in the campaign's currency
    returns = view_tables.return_table(w)
    assert returns.iloc[2, 1].endswith(" per CN¥1 spent") and len(returns) == 7


def test_tables_without_data_are_none(uncontrolled):
    w = Words(uncontrolled.result, "en")
    assert view_tables.effects_tables(w) == [] and view_tables.did_tables(w) == []
    assert view_tables.srm_table(w) is None
    tests = pd.concat([t["Test"] for _, t in view_tables.before_after_tables(w)])
    assert set(tests) == {"McNemar", "paired t-test", "z-test (two periods)"}


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
