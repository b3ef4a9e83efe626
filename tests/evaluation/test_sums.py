"""Sufficient statistics per group: overall rows, segment order, values as thin stats calls."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from campaign_eval import stats
from campaign_eval.evaluation.sums import (
    STAT_COLUMNS,
    order_segments,
    pooled_value,
    stat_sd,
    stat_value,
    with_overall,
)


def _row(values: list[float]) -> dict[str, float]:
    x = np.asarray(values)
    return {"n": len(x), "sum": x.sum(), "sumsq": (x * x).sum(),
            "promoters": (x >= 9).sum(), "passives": ((x > 6) & (x < 9)).sum(),
            "detractors": (x <= 6).sum()}  # fmt: skip


def test_values_and_sds_from_sums_match_numpy():
    values = [3.0, 5.0, 4.0, 1.0, 5.0]
    row = _row(values)
    assert stat_value(row, "mean") == pytest.approx(np.mean(values))
    assert stat_sd(row, "mean") == pytest.approx(np.std(values, ddof=1))
    answers = [10.0, 9.0, 7.0, 3.0, 0.0, 8.0]
    nps = _row(answers)
    assert stat_value(nps, "nps") == pytest.approx(100 * (2 / 6 - 2 / 6))
    assert stat_value(nps, "nps") == stats.nps_value(2, 2, 2)
    assert stat_sd(nps, "nps") == stats.nps_sd(2, 2, 2)
    assert math.isnan(stat_value(_row([]), "mean")) and math.isnan(stat_sd(_row([4.0]), "nps"))


def test_overall_rows_sum_the_segments_and_come_first():
    table = pd.DataFrame({"arm": ["t", "t", "c"], "segment": ["core", "new", "core"],
                          "n": [2, 3, 4], "sum": [1.0, 2.0, 3.0]})  # fmt: skip
    out = with_overall(table, STAT_COLUMNS)
    overall = out[out["segment"] == "all"].set_index("arm")
    assert overall.loc["t", "n"] == 5 and overall.loc["c", "sum"] == 3.0
    assert list(out["segment"][:2]) == ["all", "all"]
    single = table[table["segment"] == "core"]
    assert with_overall(single, STAT_COLUMNS).equals(single)  # one segment: no repeat


def test_segments_are_ordered_all_first_then_the_catalogue_then_the_rest():
    assert order_segments(["zeta", "new", "all", "core", "alpha", "maintain"]) == [
        "all", "core", "new", "maintain", "alpha", "zeta"
    ]  # fmt: skip


def test_pooled_value_over_arms_and_one_segment():
    table = pd.DataFrame({
        "metric": "spend_per_customer", "arm": ["t", "t", "c"], "segment": ["core", "new", "core"],
        "n": [2, 2, 4], "sum": [10.0, 30.0, 8.0], "sumsq": 0.0,
        "promoters": 0, "passives": 0, "detractors": 0,
    })  # fmt: skip
    assert pooled_value(table, "spend_per_customer", ["t"], "mean") == (10.0, 4)
    assert pooled_value(table, "spend_per_customer", ["t", "c"], "mean", "core") == (3.0, 6)
    value, n = pooled_value(table, "nps", ["t"], "nps")
    assert math.isnan(value) and n == 0
