"""The evaluation params: a typo in a goal's metric, a missing outcome table, bands out of order."""

from __future__ import annotations

import pytest

from campaign_eval.config import ParamsError, load_params
from tests.conftest import ROOT, TODAY


def test_params_errors_are_clear(write_params):
    base = (ROOT / "params" / "demo.yaml").read_text(encoding="utf-8")
    base = base[: base.index("\nevaluation:")]
    bad_goal = base + "\nevaluation:\n  goals:\n    - {metric: repurchse_rate, target: 0.2}\n"
    with pytest.raises(
        ParamsError,
        match=r"evaluation.goals.0.metric: 'repurchse_rate' .*did you mean 'repurchase_rate'",
    ):
        load_params(write_params(bad_goal), today=TODAY)
    no_table = base + "\nevaluation:\n  source: outcome_table\n"
    with pytest.raises(ParamsError, match=r"evaluation\.outcome_table is missing"):
        load_params(write_params(no_table, name="b.yaml"), today=TODAY)
    bands = base + "\nevaluation:\n  grades: {excellent: 0.9, good: 0.95}\n"
    with pytest.raises(ParamsError, match="excellent > good > fair"):
        load_params(write_params(bands, name="c.yaml"), today=TODAY)
