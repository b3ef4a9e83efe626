"""Difference in differences: (T_post - T_pre) - (C_post - C_pre) per metric, segment and arm.

Proportions use ``stats.diff_in_diff_proportions``; means and NPS (a mean of +1/0/-1 per
respondent) the normal approximation ``stats.diff_in_diff_means_from_stats``. The four cells
come from the sufficient statistics of the two windows.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

import pandas as pd

from campaign_eval import stats
from campaign_eval.evaluation.specs import Kind, MetricSpec
from campaign_eval.evaluation.sums import (
    STAT_COLUMNS,
    count,
    has_customers,
    lookup,
    pairs,
    stat_sd,
    stat_value,
    with_overall,
)

DID_CELLS = ("treatment_pre", "treatment_post", "control_pre", "control_post")
"""The four values a difference in differences is built from, in the order of its cells."""


def _sd_or_zero(row: pd.Series, kind: Kind) -> float:
    """The sd for the DiD helpers, which ignore it for a single observation."""
    sd = stat_sd(row, kind)
    return 0.0 if math.isnan(sd) else sd


def _successes(cell: pd.Series) -> tuple[int, int]:
    return count(cell["sum"]), int(cell["n"])


def _moments(cell: pd.Series, kind: Kind) -> tuple[float, float, int]:
    return stat_value(cell, kind), _sd_or_zero(cell, kind), int(cell["n"])


def _difference(spec: MetricSpec, cells: Sequence[pd.Series], alpha: float) -> stats.Comparison:
    """The difference in differences of four cells (treatment pre, post, control pre, post)."""
    t_pre, t_post, c_pre, c_post = cells
    if spec.kind == "proportion":
        return stats.diff_in_diff_proportions(
            *_successes(t_pre),
            *_successes(t_post),
            *_successes(c_pre),
            *_successes(c_post),
            alpha=alpha,
        )
    return stats.diff_in_diff_means_from_stats(
        *_moments(t_pre, spec.kind),
        *_moments(t_post, spec.kind),
        *_moments(c_pre, spec.kind),
        *_moments(c_post, spec.kind),
        alpha=alpha,
    )


def _metric_rows(
    spec: MetricSpec,
    pre: pd.DataFrame,
    post: pd.DataFrame,
    control: str,
    treatments: Sequence[str],
    alpha: float,
) -> list[dict[str, Any]]:
    before = with_overall(pre[pre["metric"] == spec.name], STAT_COLUMNS)
    after = with_overall(post[post["metric"] == spec.name], STAT_COLUMNS)
    pre_rows = lookup(before)
    records = []
    for segment, arm, t_post, c_post in pairs(after, control, treatments):
        t_pre, c_pre = pre_rows.get((arm, segment)), pre_rows.get((control, segment))
        if t_pre is None or c_pre is None or not has_customers(t_pre, c_pre):
            continue
        cells = (t_pre, t_post, c_pre, c_post)
        records.append(
            {
                "metric": spec.name,
                "segment": segment,
                "arm": arm,
                "kind": spec.kind,
                "lower_is_better": spec.lower_is_better,
                **{
                    name: stat_value(cell, spec.kind)
                    for name, cell in zip(DID_CELLS, cells, strict=True)
                },
                **asdict(_difference(spec, cells, alpha)),
            }
        )
    return records


def compute_did(
    pre: pd.DataFrame,
    post: pd.DataFrame,
    specs: Sequence[MetricSpec],
    *,
    control: str,
    treatments: Sequence[str],
    alpha: float,
) -> pd.DataFrame:
    """Difference in differences per metric, segment and arm.

    Args:
        pre: Sufficient statistics of the pre window per metric, arm and segment.
        post: The same for the post window.
        specs: The metrics.
        control: The control arm.
        treatments: The treatment arms.
        alpha: Two-sided significance level of the intervals.

    Returns:
        One row per comparison: keys, the four cell values and every ``stats.Comparison`` field.
    """
    records = [
        record
        for spec in specs
        for record in _metric_rows(spec, pre, post, control, treatments, alpha)
    ]
    return pd.DataFrame.from_records(records)
