"""The result: numbers only, derived figures right, every part renders in a notebook."""

from __future__ import annotations

import dataclasses
import math

import pandas as pd
import pytest

from campaign_eval.evaluation.result import (
    EvaluationResult,
    Feedback,
    Notice,
    Process,
    ReturnSummary,
)


def _returns(value: float, ci: tuple[float, float], cost: float) -> ReturnSummary:
    return ReturnSummary(
        costs=pd.DataFrame(), cost_total=cost, cost_basis="actual", margin_rate=1.0,
        value_metric="spend_per_customer", incremental_value=value, incremental_ci=ci,
        incremental_se=(ci[1] - ci[0]) / 3.92, gross_value=3 * value, incremental_conversions=20.0, conversions_ci=(5.0, 35.0),
        conversion_metric="repurchase_rate", segments=("core",), missing_segments=(),
        min_roi=5.0, alpha=0.05,
    )  # fmt: skip


def test_return_ratios_and_the_standard():
    r = _returns(6000.0, (5500.0, 6500.0), 1000.0)
    assert r.incremental_roi == 6.0 and r.incremental_roi_ci == (5.5, 6.5)
    assert r.gross_roi == 18.0 and r.cost_per_incremental_conversion == 50.0
    assert r.meets_standard  # the point estimate only: the verdict reads the interval
    r = _returns(6000.0, (3000.0, 9000.0), 0.0)
    assert math.isnan(r.incremental_roi) and r.meets_standard is None
    assert "incremental_roi" in r.to_frame().columns


def test_feedback_and_process_standards():
    f = Feedback(4.6, 50, 6, 2, 40, 4.5, 5, customers=300, customers_control=100)
    assert f.satisfaction_met and not f.negative_met
    assert f.negative_rate == pytest.approx(0.02) and f.negative_rate_control == pytest.approx(0.02)
    f = Feedback(math.nan, 0, None, None, 0, 4.5, 5)
    assert f.satisfaction_met is None and f.negative_met is None
    p = Process(20.0, 17.0, 0.9)
    assert p.ratio == pytest.approx(0.85) and p.met
    assert Process(None, 17.0, 0.9).met is None


def test_the_result_holds_numbers_and_names_only(small):
    result = small.result
    for field in dataclasses.fields(EvaluationResult):
        value = getattr(result, field.name)
        assert not hasattr(value, "campaign"), field.name  # no params object, no context
    assert result.n_customers == int(result.counts["n"].sum())
    assert result.arms == ["treatment", "control"]
    assert result.spec("churn_rate").lower_is_better and result.spec("revenue_before") is None
    assert result.pooled("spend_per_customer", ["treatment"], "post") > 0
    assert math.isnan(result.pooled("no_such_metric", ["treatment"], "post"))
    assert result.typical_value("spend_per_customer") > 100


def test_every_part_renders_as_a_table_in_a_notebook(small, uncontrolled):
    result = small.result
    parts = [result, result.effects, result.paired, result.goals, result.feedback,
             result.returns, result.process, Notice("srm"), uncontrolled.result]  # fmt: skip
    for part in parts:
        html = part._repr_html_()
        assert html.startswith("<table") and "</table>" in html, type(part).__name__
    assert result.to_frame() is result.effects.rows
    assert uncontrolled.result.to_frame() is uncontrolled.result.counts
