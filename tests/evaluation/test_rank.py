"""Mann-Whitney from engine value counts equals scipy on the raw 1-5 scores."""

from __future__ import annotations

import pytest
from scipy import stats as sps

from campaign_eval.evaluation.outcomes import DataOutcomes
from campaign_eval.evaluation.rank import compute_mann_whitney, value_counts
from campaign_eval.evaluation.specs import metric_spec
from campaign_eval.evaluation.windows import OutcomeWindows
from tests.evaluation._helpers import EVENT, START, arms


def test_mann_whitney_from_value_counts_matches_scipy(small, raw):
    mw = small.result.mann_whitney
    for segment in ("all", "churn_risk"):
        t, c = arms(raw["sat_post"], raw["assignment"], segment)
        row = mw[mw["segment"] == segment].iloc[0]
        scipy = sps.mannwhitneyu(t, c)
        assert (row["n_treatment"], row["n_control"]) == (len(t), len(c))
        assert row["statistic"] == pytest.approx(scipy.statistic)
        assert row["p_value"] == pytest.approx(scipy.pvalue, rel=1e-7)
        welch = small.result.effects.row("mean_satisfaction", segment, "treatment")
        assert row["welch_p_value"] == welch["p_value"]


def test_only_ordinal_metrics_get_the_rank_test(small):
    assert set(small.result.mann_whitney["metric"]) == {"mean_satisfaction"}
    segments = list(small.result.mann_whitney["segment"])
    assert segments == ["all", "core", "growth", "churn_risk", "new"]


def test_value_counts_are_counted_per_arm_segment_and_value(dated):
    data, population = dated
    outcomes = DataOutcomes(data, population, OutcomeWindows.around(START, EVENT, 30))
    counts = value_counts(outcomes, metric_spec("repurchase_rate"))
    assert counts.set_index("value")["count"].to_dict() == {0.0: 4, 1.0: 1}


def test_no_rank_test_without_a_control_arm(dated, small):
    data, population = dated
    outcomes = DataOutcomes(data, population, OutcomeWindows.around(START, EVENT, 30))
    spec = metric_spec("repurchase_rate")
    ordinal = type(spec)(name=spec.name, kind=spec.kind, lower_is_better=False, ordinal=True)
    assert compute_mann_whitney(outcomes, [ordinal], small.result.effects).empty
