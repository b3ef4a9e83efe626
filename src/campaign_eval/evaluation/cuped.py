"""CUPED: the post-window comparison adjusted for each customer's pre-window value.

The covariate is the same metric in the pre window. Only metrics whose pre-window value exists
for every customer are adjusted (orders and complaints are 0 without rows); survey scores are
not, because requiring an earlier answer would change who is compared. Everything is computed
from sums per arm and segment in the engine (``stats.cuped_from_stats``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

import narwhals as nw
import pandas as pd

from campaign_eval import stats
from campaign_eval.evaluation.outcomes import Outcomes, both_windows, to_pandas
from campaign_eval.evaluation.result import EffectsTable
from campaign_eval.evaluation.specs import MetricSpec
from campaign_eval.evaluation.sums import GROUP_KEYS, pairs, with_overall

EXACT_METHOD = "Fisher"
"""A plain comparison whose method starts with this took the exact small-count path."""

MOMENT_COLUMNS = ("n", "sum_y", "sumsq_y", "sum_x", "sumsq_x", "sum_xy")
"""The sums CUPED needs per arm and segment: y after the event, x before the campaign."""
_MIN_CUSTOMERS = 2


def moment_sums(outcomes: Outcomes, metric: MetricSpec) -> pd.DataFrame | None:
    """CUPED sums per arm and segment: n, sums of y, y², x, x² and xy, in the engine.

    ``y`` is the post-window value and ``x`` the same customer's pre-window value; customers
    without both are left out.
    """
    joined = both_windows(outcomes, metric, "x")
    if joined is None:
        return None
    y, x = nw.col("value"), nw.col("x")
    out = to_pandas(
        joined.group_by(*GROUP_KEYS).agg(
            nw.len().alias("n"),
            y.sum().alias("sum_y"),
            (y * y).sum().alias("sumsq_y"),
            x.sum().alias("sum_x"),
            (x * x).sum().alias("sumsq_x"),
            (x * y).sum().alias("sum_xy"),
        )
    )
    return out.sort_values(list(GROUP_KEYS)).reset_index(drop=True)


def _moments(row: pd.Series) -> tuple[int, float, float, float, float, float]:
    sum_y, sumsq_y, sum_x, sumsq_x, sum_xy = (float(row[k]) for k in MOMENT_COLUMNS[1:])
    return int(row["n"]), sum_y, sumsq_y, sum_x, sumsq_x, sum_xy


def _metric_rows(
    outcomes: Outcomes, spec: MetricSpec, effects: EffectsTable
) -> list[dict[str, Any]]:
    sums = moment_sums(outcomes, spec)
    if sums is None or sums.empty:
        return []
    sums = with_overall(sums.astype({"arm": str, "segment": str}), MOMENT_COLUMNS)
    records = []
    for segment, arm, t, c in pairs(sums, effects.control, effects.treatments):
        if int(t["n"]) < _MIN_CUSTOMERS or int(c["n"]) < _MIN_CUSTOMERS:  # variances need two
            continue
        result = stats.cuped_from_stats(*_moments(t), *_moments(c), alpha=effects.alpha)
        plain = effects.row(spec.name, segment, arm)
        if plain is not None and str(plain["method"]).startswith(EXACT_METHOD):
            # the plain comparison needed the exact test: a normal-theory interval would be
            # narrower for the change of method, not for the covariate (docs/methods.md)
            continue
        records.append(
            {
                "metric": spec.name,
                "segment": segment,
                "arm": arm,
                "kind": spec.kind,
                "plain_diff": math.nan if plain is None else plain["diff"],
                "plain_ci_low": math.nan if plain is None else plain["ci_low"],
                "plain_ci_high": math.nan if plain is None else plain["ci_high"],
                **asdict(result),
            }
        )
    return records


def compute_cuped(
    outcomes: Outcomes, specs: Sequence[MetricSpec], effects: EffectsTable
) -> pd.DataFrame:
    """CUPED beside the plain comparison, for every metric that has a covariate for everyone.

    Not applied where the plain comparison took the exact path (fewer than 10 events in an arm):
    the interval must narrow through the covariate, never through a change of method.

    Returns:
        One row per metric, segment and arm: the plain difference and CI, the CUPED difference,
        CI, p-value and the variance reduction achieved.
    """
    records = [
        record for spec in specs if spec.cuped for record in _metric_rows(outcomes, spec, effects)
    ]
    return pd.DataFrame.from_records(records)
