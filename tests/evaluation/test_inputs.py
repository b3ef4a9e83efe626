"""What an evaluation starts from: the metrics asked for, the ones the data lacks, the params."""

from __future__ import annotations

import json

from campaign_eval import evaluation
from campaign_eval.artifacts import read_plan
from campaign_eval.config.evaluation import EvaluationParams
from campaign_eval.evaluation.inputs import wanted_metrics
from tests.evaluation._helpers import ASSIGNMENT_TABLE, open_evaluation, write_params


def test_metrics_are_the_params_then_goals_value_conversion_and_the_plans_goals(tmp_path):
    params = EvaluationParams.model_validate(
        {"metrics": ["nps", "churn_rate"], "goals": [{"metric": "churn_rate", "target": 0.5}]}
    )  # fmt: skip
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"goals": [{"metric": "csat", "target": 0.8},
                                          {"metric": "nps", "target": 10}]}))  # fmt: skip
    assert wanted_metrics(params, read_plan(plan)) == [
        "nps", "churn_rate", "spend_per_customer", "repurchase_rate", "csat"
    ]  # fmt: skip
    assert wanted_metrics(params, None) == [
        "nps", "churn_rate", "spend_per_customer", "repurchase_rate"
    ]  # fmt: skip


def test_metrics_the_data_cannot_compute_are_skipped_and_said(tmp_path, demo_data):
    data = {"tables": {"surveys": None, **ASSIGNMENT_TABLE["data"]["tables"]}}
    params = write_params(tmp_path, demo_data, extra={"data": data})
    result = evaluation.run(open_evaluation(params, tmp_path / "run"))
    assert result.skipped_metrics == ("mean_satisfaction", "nps")
    assert "mean_satisfaction" not in result.metric_names
    assert [n.code for n in result.notices] == ["skipped_metrics"]
    assert result.feedback is not None and result.feedback.respondents == 0
