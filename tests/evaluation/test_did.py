"""Difference in differences: the four cells and the z-test, against values written in pandas."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from campaign_eval import stats
from campaign_eval.evaluation.did import DID_CELLS, compute_did
from campaign_eval.evaluation.specs import metric_spec
from tests.evaluation._helpers import REL, arms


def test_did_of_repurchase_matches_the_four_cells_written_out(small, raw):
    a = raw["assignment"]
    pre_t, pre_c = arms(raw["repurchase_pre"], a, "all")
    post_t, post_c = arms(raw["repurchase_post"], a, "all")
    did = small.result.did
    row = did[(did["metric"] == "repurchase_rate") & (did["segment"] == "all")].iloc[0]
    cells = [pre_t, post_t, pre_c, post_c]
    se = math.sqrt(sum(x.mean() * (1 - x.mean()) / len(x) for x in cells))
    assert row["diff"] == pytest.approx(
        (post_t.mean() - pre_t.mean()) - (post_c.mean() - pre_c.mean()), rel=REL
    )
    assert row["se"] == pytest.approx(se, rel=1e-9)
    for name, values in zip(DID_CELLS, cells, strict=True):
        assert row[name] == pytest.approx(values.mean(), rel=REL)


def test_did_of_a_mean_uses_the_four_cells_means_and_sds():
    def cell(arm: str, n: int, mean: float, sd: float) -> tuple:
        total = n * mean
        return ("spend_per_customer", arm, "core", n, total, sd**2 * (n - 1) + total**2 / n)

    columns = ["metric", "arm", "segment", "n", "sum", "sumsq"]
    pre = pd.DataFrame([cell("treatment", 80, 100.0, 20.0), cell("control", 40, 98.0, 25.0)],
                       columns=columns)  # fmt: skip
    post = pd.DataFrame([cell("treatment", 80, 130.0, 30.0), cell("control", 40, 104.0, 22.0)],
                        columns=columns)  # fmt: skip
    table = compute_did(pre, post, [metric_spec("spend_per_customer")], control="control",
                        treatments=["treatment"], alpha=0.05)  # fmt: skip
    expected = stats.diff_in_diff_means_from_stats(
        100.0, 20.0, 80, 130.0, 30.0, 80, 98.0, 25.0, 40, 104.0, 22.0, 40, alpha=0.05
    )
    row = table.iloc[0]
    assert len(table) == 1 and row["segment"] == "core" and row["arm"] == "treatment"
    assert row["diff"] == pytest.approx(24.0) == pytest.approx(expected.diff)
    assert (row["se"], row["p_value"]) == pytest.approx((expected.se, expected.p_value))
    assert (row["treatment_pre"], row["control_post"]) == pytest.approx((100.0, 104.0))


def test_no_did_without_a_before_value_in_both_arms():
    columns = ["metric", "arm", "segment", "n", "sum", "sumsq"]
    post = pd.DataFrame([("repurchase_rate", "treatment", "core", 50, 10.0, 10.0),
                         ("repurchase_rate", "control", "core", 50, 8.0, 8.0)], columns=columns)  # fmt: skip
    pre = post[post["arm"] == "treatment"]
    table = compute_did(pre, post, [metric_spec("repurchase_rate")], control="control",
                        treatments=["treatment"], alpha=0.05)  # fmt: skip
    assert table.empty
