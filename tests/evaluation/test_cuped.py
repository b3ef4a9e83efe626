"""CUPED from engine sums equals the comparison of raw per-customer values with their covariate."""

from __future__ import annotations

import pandas as pd
import pytest

from campaign_eval import stats
from campaign_eval.evaluation.cuped import MOMENT_COLUMNS, compute_cuped, moment_sums
from campaign_eval.evaluation.outcomes import DataOutcomes
from campaign_eval.evaluation.specs import metric_spec
from campaign_eval.evaluation.windows import OutcomeWindows
from tests.evaluation._helpers import EVENT, START


def test_cuped_from_engine_sums_matches_compare_means_on_raw_values(small, raw):
    frame = raw["assignment"].join(raw["spend_post"].rename("y")).join(raw["spend_pre"].rename("x"))
    t, c = frame[frame["arm"] == "treatment"], frame[frame["arm"] == "control"]
    oracle = stats.compare_means(
        t["y"], c["y"], covariate_treatment=t["x"], covariate_control=c["x"]
    )
    cuped = small.result.cuped
    row = cuped[(cuped["metric"] == "spend_per_customer") & (cuped["segment"] == "all")].iloc[0]
    for name in ("diff", "ci_low", "ci_high", "p_value", "variance_reduction"):
        assert row[name] == pytest.approx(getattr(oracle, name), rel=1e-7), name
    plain = small.result.effects.row("spend_per_customer", "all", "treatment")
    assert row["plain_diff"] == plain["diff"] and row["plain_ci_low"] == plain["ci_low"]


def test_only_metrics_defined_for_every_customer_are_adjusted(small):
    adjusted = set(small.result.cuped["metric"])
    assert adjusted <= {s.name for s in small.result.specs if s.cuped}
    assert {"repurchase_rate", "spend_per_customer"} <= adjusted
    assert "mean_satisfaction" not in adjusted  # an earlier answer would change who is compared


def test_cuped_is_not_applied_where_the_plain_comparison_needed_the_exact_test(small):
    """A narrower interval must come from the covariate, never from leaving Fisher's test."""
    rows = small.result.effects.rows
    exact = rows[rows["method"].str.startswith("Fisher")]
    assert not exact.empty  # complaints are rare: some segments take the exact path
    cuped = small.result.cuped
    keys = set(zip(cuped["metric"], cuped["segment"], cuped["arm"], strict=True))
    for _, row in exact.iterrows():
        assert (row["metric"], row["segment"], row["arm"]) not in keys
    normal = rows[~rows["method"].str.startswith("Fisher") & rows["metric"].isin(
        {s.name for s in small.result.specs if s.cuped})]  # fmt: skip
    assert all((r["metric"], r["segment"], r["arm"]) in keys for _, r in normal.iterrows())


def test_moment_sums_pair_each_customers_before_and_after(dated):
    data, population = dated
    outcomes = DataOutcomes(data, population, OutcomeWindows.around(START, EVENT, 30))
    sums = moment_sums(outcomes, metric_spec("spend_per_customer")).iloc[0]
    # every customer has both values (spend is 0 without orders): D spent 40 before, E 60 after
    assert sums["n"] == 5 and sums["sum_x"] == 40.0 and sums["sum_y"] == 60.0
    assert sums["sum_xy"] == 0.0 and sums["sumsq_x"] == 1600.0
    assert list(sums.index[2:]) == list(MOMENT_COLUMNS)


def test_no_cuped_without_a_control_arm(dated, small):
    data, population = dated
    outcomes = DataOutcomes(data, population, OutcomeWindows.around(START, EVENT, 30))
    table = compute_cuped(outcomes, [metric_spec("spend_per_customer")], small.result.effects)
    assert (
        isinstance(table, pd.DataFrame) and table.empty
    )  # the five customers are all treated: nothing to compare
