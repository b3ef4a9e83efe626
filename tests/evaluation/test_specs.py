"""Metric specs: the catalogue's kinds and directions, an outcome table's declared columns."""

from __future__ import annotations

import pytest

from campaign_eval.config.evaluation import EvaluationParams
from campaign_eval.evaluation.specs import (
    covariate_specs,
    good_direction,
    metric_spec,
    table_specs,
)
from tests.evaluation._helpers import OUTCOME_TABLE


def test_catalogue_metrics_carry_their_kind_direction_and_extra_tests():
    churn = metric_spec("churn_rate")
    assert (churn.kind, churn.lower_is_better, churn.direction) == ("proportion", True, "decrease")
    assert churn.cuped is False and churn.ordinal is False
    assert metric_spec("spend_per_customer").cuped and metric_spec("mean_satisfaction").ordinal
    assert metric_spec("nps").kind == "nps"
    with pytest.raises(ValueError, match="repurchse_rate"):
        metric_spec("repurchse_rate")


def test_outcome_table_columns_become_specs_with_their_covariates():
    table = EvaluationParams.model_validate(
        {**OUTCOME_TABLE, "outcome_table": {
            **OUTCOME_TABLE["outcome_table"],
            "outcomes": {"converted": {"kind": "binary", "label": "Converted"},
                         "unsubscribed": {"kind": "binary", "direction": "decrease"},
                         "nps": {"kind": "nps"}}},
         "value_metric": None, "conversion_metric": None, "goals": []}
    ).outcome_table  # fmt: skip
    specs = {s.name: s for s in table_specs(table)}
    assert specs["converted"].kind == "proportion" and specs["converted"].label == "Converted"
    assert specs["unsubscribed"].lower_is_better and specs["converted"].cuped
    assert specs["nps"].kind == "nps" and not specs["nps"].cuped  # NPS is never adjusted
    (covariate,) = covariate_specs(table)
    assert (covariate.name, covariate.kind) == ("revenue_before", "mean")


def test_good_direction_from_the_specs_then_the_catalogue():
    assert good_direction("complaint_rate") == "decrease"
    assert good_direction("repurchase_rate") == "increase"
    assert good_direction("unknown_column") == "increase"
    spec = metric_spec("churn_rate")
    assert good_direction("churn_rate", [spec]) == "decrease"
