"""Per-customer outcomes on the engine: the data contract's windows, an outcome table, the sums."""

from __future__ import annotations

import pandas as pd
import pytest

from campaign_eval.config.evaluation import EvaluationParams
from campaign_eval.evaluation.outcomes import (
    DataOutcomes,
    TableOutcomes,
    aggregate,
    both_windows,
    collect_stats,
)
from campaign_eval.evaluation.specs import covariate_specs, metric_spec, table_specs
from campaign_eval.evaluation.sums import STAT_COLUMNS
from campaign_eval.evaluation.windows import OutcomeWindows
from campaign_eval.io import connect
from campaign_eval.io.outcome_table import read_outcome_table
from tests.evaluation._helpers import EVENT, OUTCOME_TABLE, START, email_test


def _one(table: pd.DataFrame, metric: str) -> tuple[int, float]:
    row = table[table["metric"] == metric].iloc[0]
    return int(row["n"]), float(row["sum"])


ORDER_METRICS = ("churn_rate", "repurchase_rate", "spend_per_customer")


@pytest.mark.parametrize("kept", [(), ORDER_METRICS], ids=["per-call", "kept"])
def test_churn_counts_the_customers_active_before_the_campaign_in_both_windows(dated, kept):
    data, population = dated
    outcomes = DataOutcomes(data, population, OutcomeWindows.around(START, EVENT, 30), kept)
    specs = [metric_spec("churn_rate")]
    # active = an order in the 12 months up to June 30: A, D and E; not B (ordered during the
    # promotion, after the randomization) nor C (the start day)
    assert _one(collect_stats(outcomes, specs, "post"), "churn_rate") == (3, 2.0)
    assert _one(collect_stats(outcomes, specs, "pre"), "churn_rate") == (3, 2.0)


def test_collected_stats_have_every_column_and_text_keys(dated):
    data, population = dated
    outcomes = DataOutcomes(data, population, OutcomeWindows.around(START, EVENT, 30))
    specs = [metric_spec("spend_per_customer"), metric_spec("repurchase_rate")]
    table = collect_stats(outcomes, specs, "post")
    assert list(table.columns) == ["metric", "arm", "segment", *STAT_COLUMNS]
    assert set(table["metric"]) == {"spend_per_customer", "repurchase_rate"}
    assert (table[["promoters", "passives", "detractors"]] == 0).all().all()  # no NPS here
    assert collect_stats(outcomes, [], "post").empty


def test_kept_outcomes_give_the_same_frames_and_sums_as_a_query_per_call(dated):
    """Computed once for both windows and kept in the engine, or computed on each call: same."""
    data, population = dated
    windows = OutcomeWindows.around(START, EVENT, 30)
    per_call = DataOutcomes(data, population, windows)
    kept = DataOutcomes(data, population, windows, ORDER_METRICS)
    specs = [metric_spec(m) for m in ORDER_METRICS]
    for period in ("pre", "post"):
        pd.testing.assert_frame_equal(
            collect_stats(kept, specs, period), collect_stats(per_call, specs, period)
        )
        for spec in specs:
            expected = per_call.frame(spec, period).collect("pandas").to_native()
            got = kept.frame(spec, period).collect("pandas").to_native()
            pd.testing.assert_frame_equal(
                got.sort_values("customer_id").reset_index(drop=True),
                expected.sort_values("customer_id").reset_index(drop=True),
            )
    assert len(kept._kept) == 1  # one table for both windows, built on first use


@pytest.fixture
def table_outcomes(tmp_path):
    frame = email_test(300)
    frame.to_csv(tmp_path / "email_test.csv", index=False)
    params = EvaluationParams.model_validate(OUTCOME_TABLE).outcome_table
    source = read_outcome_table(connect(), tmp_path / "email_test.csv", params, control="control")
    return frame, params, TableOutcomes(source)


def test_an_outcome_tables_post_values_are_its_columns_and_pre_its_covariate(table_outcomes):
    frame, params, outcomes = table_outcomes
    specs = {s.name: s for s in table_specs(params)}
    post = collect_stats(outcomes, list(specs.values()), "post").set_index(
        ["metric", "arm", "segment"]
    )
    revenue = frame[(frame["variant"] == "A") & (frame["region"] == "North")]["revenue"]
    assert post.loc[("revenue", "A", "North"), "sum"] == pytest.approx(revenue.sum())
    nps = frame[(frame["variant"] == "B") & (frame["region"] == "South")]["nps"].dropna()
    row = post.loc[("nps", "B", "South")]
    assert (row["n"], row["promoters"], row["detractors"]) == (
        len(nps),
        (nps >= 9).sum(),
        (nps <= 6).sum(),
    )
    pre = collect_stats(outcomes, covariate_specs(params), "pre")
    assert set(pre["metric"]) == {"revenue_before"}
    assert pre["sum"].sum() == pytest.approx(frame["revenue_before"].sum())
    # each outcome's "pre" value is its covariate: customers have both, so CUPED can pair them
    joined = both_windows(outcomes, specs["revenue"], "x")
    assert int(joined.select("x").collect().shape[0]) == len(frame)
    assert outcomes.frame(specs["nps"], "pre") is not None  # the table-wide covariate


def test_aggregate_counts_nps_answers_by_the_conventions_cut_offs(table_outcomes):
    _frame, params, outcomes = table_outcomes
    (nps,) = [s for s in table_specs(params) if s.kind == "nps"]
    sums = aggregate(outcomes.frame(nps, "post"), "nps", by=())
    row = sums.iloc[0]
    assert row["promoters"] + row["passives"] + row["detractors"] == row["n"]
