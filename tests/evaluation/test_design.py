"""Checks of the experiment: arm sizes against the planned split (scipy), balance before the start."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps

from campaign_eval import stats
from campaign_eval.artifacts import read_plan
from campaign_eval.config.evaluation import EvaluationParams
from campaign_eval.evaluation.design import (
    arm_counts,
    compute_balance,
    compute_sample_ratio,
    planned_shares,
)
from campaign_eval.evaluation.effects import compare_arms
from campaign_eval.evaluation.specs import MetricSpec
from tests.evaluation._helpers import arms


def test_sample_ratio_and_balance_match_scipy(small, raw):
    a = raw["assignment"]
    core = a[a["segment"] == "core"]["arm"].value_counts()
    row = small.result.srm.set_index("segment").loc["core"]
    expected = sps.chisquare(
        [core["treatment"], core["control"]], f_exp=np.array([0.8, 0.2]) * core.sum()
    )
    assert row["observed"] == (core["treatment"], core["control"])
    assert row["p_value"] == pytest.approx(expected.pvalue, rel=1e-9)
    assert row["flagged"] == (expected.pvalue < stats.SRM_ALPHA)
    t, c = arms(raw["spend_pre"], a, "all")
    balance = small.result.balance.set_index(["metric", "segment"]).loc[
        ("spend_per_customer", "all")
    ]
    smd = (t.mean() - c.mean()) / math.sqrt((t.var(ddof=1) + c.var(ddof=1)) / 2)
    assert balance["smd"] == pytest.approx(smd, rel=1e-7)


def test_overall_expectation_weights_each_segments_own_split():
    counts = pd.DataFrame(
        {"segment": ["core", "core", "new", "new"], "arm": ["control", "treatment"] * 2,
         "n": [50, 50, 20, 80]}
    )  # fmt: skip
    shares = {"treatment": 0.8, "control": 0.2}
    table = compute_sample_ratio(counts, shares, {"core": {"treatment": 0.5, "control": 0.5}})
    overall = table.set_index("segment").loc["all"]
    assert list(table["segment"]) == ["all", "core", "new"]
    assert overall["expected_shares"] == pytest.approx((130 / 200, 70 / 200))
    assert not overall["flagged"] and overall["p_value"] == pytest.approx(1.0)


def test_an_arm_the_plan_does_not_have_is_flagged():
    counts = pd.DataFrame({"segment": ["core"] * 3, "arm": ["control", "treatment", "extra"],
                           "n": [20, 80, 3]})  # fmt: skip
    row = compute_sample_ratio(counts, {"treatment": 0.8, "control": 0.2}).iloc[0]
    assert row["unplanned"] == ("extra",) and row["flagged"]
    assert row["p_value"] == pytest.approx(1.0)


def test_a_segment_without_planned_shares_is_not_checked():
    counts = pd.DataFrame(
        {"segment": ["core", "core"], "arm": ["control", "treatment"], "n": [5, 5]}
    )
    assert compute_sample_ratio(counts, None).empty


def test_planned_shares_come_from_the_plan_then_the_params(tmp_path):
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(json.dumps({"arm_shares": {"treatment": 0.7, "control": 0.3},
                                     "segment_shares": {"new": {"treatment": 0.5, "control": 0.5}}}))  # fmt: skip
    params = EvaluationParams(planned_shares={"treatment": 0.9, "control": 0.1})
    plan = read_plan(plan_file)
    assert planned_shares(plan, params) == (
        {"treatment": 0.7, "control": 0.3},
        {"new": {"treatment": 0.5, "control": 0.5}},
        "plan",
    )
    assert planned_shares(None, params) == ({"treatment": 0.9, "control": 0.1}, {}, "params")
    assert planned_shares(None, EvaluationParams()) == (None, {}, "none")
    nested = tmp_path / "nested" / "plan.json"  # early plan.json files nested them
    nested.parent.mkdir()
    nested.write_text(json.dumps({"arm_shares": {"core": {"treatment": 0.5, "control": 0.5}}}))
    assert planned_shares(read_plan(nested), params) == (
        None,
        {"core": {"treatment": 0.5, "control": 0.5}},
        "plan",
    )


def test_balance_flags_only_a_sizeable_difference_chance_does_not_explain():
    spec = MetricSpec(name="x", kind="mean", lower_is_better=False)

    def cell(arm: str, segment: str, n: int, mean: float) -> tuple:
        return ("x", arm, segment, n, n * mean, n * mean**2 + (n - 1) * 1.0)

    table = pd.DataFrame(
        [cell("treatment", "big", 2000, 0.5), cell("control", "big", 2000, 0.0),
         cell("treatment", "tiny", 4, 0.5), cell("control", "tiny", 4, 0.0)],
        columns=["metric", "arm", "segment", "n", "sum", "sumsq"],
    ).assign(promoters=0, passives=0, detractors=0)  # fmt: skip
    balance = compute_balance(compare_arms(table, [spec], control="control"), 0.1)
    rows = balance.set_index("segment")
    assert rows.loc["big", "smd"] == pytest.approx(0.5, rel=1e-3) and rows.loc["big", "flagged"]
    assert rows.loc["tiny", "smd"] > 0.1 and not rows.loc["tiny", "flagged"]  # chance


def test_arm_counts_per_segment_and_arm(small, raw):
    expected = raw["assignment"].groupby(["segment", "arm"]).size()
    counts = small.result.counts.set_index(["segment", "arm"])["n"]
    assert counts.to_dict() == expected.to_dict()
    assert arm_counts(small.ctx.data.table("assignment")).equals(small.result.counts)
