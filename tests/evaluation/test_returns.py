"""Return on the campaign: incremental value against the control, costs and their basis."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from campaign_eval import stats
from campaign_eval.config.evaluation import EvaluationParams
from campaign_eval.evaluation.returns import COST_COLUMNS, cost_table, incremental


def test_incremental_value_and_roi_match_pandas(small, raw, demo_data):
    a = raw["assignment"]
    spend = a.join(raw["spend_post"].rename("s"))
    by = spend.groupby(["segment", "arm"])["s"].agg(["mean", "size", "sum"]).unstack("arm")
    value = ((by["mean"]["treatment"] - by["mean"]["control"]) * by["size"]["treatment"]).sum()
    costs = pd.read_parquet(demo_data / "costs.parquet")
    r = small.result.returns
    assert r.incremental_value == pytest.approx(value, rel=1e-9)
    assert r.cost_total == pytest.approx(costs["actual"].sum()) and r.cost_basis == "actual"
    assert r.incremental_roi == pytest.approx(value / costs["actual"].sum(), rel=1e-9)
    assert r.gross_value == pytest.approx(by["sum"]["treatment"].sum(), rel=1e-9)
    assert r.segments == ("core", "growth", "churn_risk", "new") and r.missing_segments == ()
    repurchase = a.join(raw["repurchase_post"].rename("r"))
    rates = repurchase.groupby(["segment", "arm"])["r"].agg(["mean", "size"]).unstack("arm")
    conversions = ((rates["mean"]["treatment"] - rates["mean"]["control"])
                   * rates["size"]["treatment"]).sum()  # fmt: skip
    assert r.incremental_conversions == pytest.approx(conversions, rel=1e-9)


def test_the_interval_of_the_incremental_value_comes_from_stats(small):
    effects = small.result.effects
    rows = effects.rows[(effects.rows["metric"] == "spend_per_customer")
                        & (effects.rows["segment"] != "all")]  # fmt: skip
    # one treatment arm per segment: the shared-control total is the plain sum of independent parts
    expected = stats.incremental_total(rows["diff"].tolist(), rows["se"].tolist(),
                                       rows["n_treatment"].tolist(), alpha=0.05)  # fmt: skip
    found, segments, missing = incremental(effects, "spend_per_customer", 0.05)
    assert found.value == pytest.approx(expected.value, rel=1e-12)
    assert found.se == pytest.approx(expected.se, rel=1e-9)
    assert len(segments) == 4 and missing == ()
    empty, _, _ = incremental(None, "spend_per_customer", 0.05)
    assert math.isnan(empty.value)


def test_costs_use_actual_amounts_where_known_else_planned():
    params = EvaluationParams.model_validate(
        {"costs": [{"category": "staff", "planned": 100, "actual": 120},
                   {"category": "venue", "planned": 50}]}
    )  # fmt: skip
    table, total, basis = cost_table(None, params)
    assert list(table.columns) == list(COST_COLUMNS)
    assert total == 170.0 and basis == "mixed"
    assert list(table["basis"]) == ["actual", "planned"]
    planned = EvaluationParams.model_validate({"costs": [{"category": "venue", "planned": 50}]})
    assert cost_table(None, planned)[2] == "planned"
    table, total, basis = cost_table(None, EvaluationParams())
    assert table.empty and math.isnan(total) and basis == "none"
