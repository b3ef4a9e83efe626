"""Customers surveyed before and after: the change in their own 1-5 scores, per segment and arm.

Paired t-test and Wilcoxon signed-rank (``stats.paired_change``). The pairs are counted in the
engine first; per-customer values are collected only when there are at most
``evaluation.max_paired_customers`` of them, because the Wilcoxon test needs the individual
differences.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

import narwhals as nw
import pandas as pd

from campaign_eval import stats
from campaign_eval.conventions import ALL_SEGMENTS
from campaign_eval.evaluation.outcomes import Outcomes, both_windows, to_pandas
from campaign_eval.evaluation.result import PairedTable
from campaign_eval.evaluation.specs import MetricSpec
from campaign_eval.evaluation.sums import order_segments

_MIN_PAIRS = 2


def _segments(values: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The pairs of each segment, and of every segment together when there are several."""
    groups = {str(s): g for s, g in values.groupby("segment")}
    if len(groups) > 1:
        groups[ALL_SEGMENTS] = values
    return groups


def _metric_rows(
    spec: MetricSpec, values: pd.DataFrame, arms: Sequence[str], alpha: float
) -> list[dict[str, Any]]:
    groups = _segments(values.astype({"arm": str, "segment": str}))
    records = []
    for segment in order_segments(groups):
        part = groups[segment]
        for arm in arms:
            rows = part[part["arm"] == arm]
            if len(rows) < _MIN_PAIRS:  # a paired test needs two pairs
                continue
            result = stats.paired_change(
                rows["before"].to_numpy(), rows["value"].to_numpy(), alpha=alpha
            )
            records.append({"metric": spec.name, "segment": segment, "arm": arm, **asdict(result)})
    return records


def compute_paired(
    outcomes: Outcomes,
    specs: Sequence[MetricSpec],
    *,
    arms: Sequence[str],
    alpha: float,
    max_customers: int,
) -> PairedTable:
    """Paired t-test and Wilcoxon signed-rank for customers with a 1-5 score in both windows.

    Args:
        outcomes: The evaluation's outcomes.
        specs: The metrics; only ordinal ones are paired.
        arms: The arms to report (the control too: its change is the drift without the
            campaign).
        alpha: Two-sided significance level.
        max_customers: The most pairs collected per metric; above it the metric is skipped.

    Returns:
        The paired results and the metrics skipped for having too many pairs.
    """
    records, too_many = [], []
    for spec in specs:
        joined = both_windows(outcomes, spec, "before") if spec.ordinal else None
        if joined is None:
            continue
        if int(joined.select(nw.len()).collect().item()) > max_customers:
            too_many.append(spec.name)
            continue
        values = to_pandas(joined.select("arm", "segment", "before", "value"))
        records += _metric_rows(spec, values, arms, alpha)
    return PairedTable(pd.DataFrame.from_records(records), tuple(too_many))
