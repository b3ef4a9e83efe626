"""Mann-Whitney U beside the Welch test for 1-5 scores, from value counts per arm in the engine.

A 1-5 score is ordered but not interval-scaled, so the rank test is shown beside the test on
means (``stats.mann_whitney_from_counts``); only the count of each score per arm and segment
leaves the engine.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

import narwhals as nw
import numpy as np
import pandas as pd

from campaign_eval import stats
from campaign_eval.conventions import ALL_SEGMENTS
from campaign_eval.evaluation.outcomes import Outcomes, to_pandas
from campaign_eval.evaluation.result import EffectsTable
from campaign_eval.evaluation.specs import MetricSpec
from campaign_eval.evaluation.sums import GROUP_KEYS, order_segments, single


def value_counts(outcomes: Outcomes, metric: MetricSpec) -> pd.DataFrame | None:
    """Customers per arm, segment and distinct post-window value, counted in the engine."""
    frame = outcomes.frame(metric, "post")
    if frame is None:
        return None
    return to_pandas(frame.group_by(*GROUP_KEYS, "value").agg(nw.len().alias("count")))


def _with_overall(counts: pd.DataFrame) -> pd.DataFrame:
    if single(counts["segment"]):
        return counts
    overall = counts.groupby(["arm", "value"], as_index=False)["count"].sum()
    return pd.concat([overall.assign(segment=ALL_SEGMENTS), counts], ignore_index=True)


def _metric_rows(
    outcomes: Outcomes, spec: MetricSpec, effects: EffectsTable
) -> list[dict[str, Any]]:
    counts = value_counts(outcomes, spec)
    if counts is None or counts.empty:
        return []
    counts = _with_overall(counts.astype({"arm": str, "segment": str}))
    levels = np.sort(counts["value"].unique())
    records = []
    for segment in order_segments(counts["segment"]):
        part = counts[counts["segment"] == segment]
        by_arm = {
            arm: g.set_index("value")["count"].reindex(levels, fill_value=0).to_numpy()
            for arm, g in part.groupby("arm")
        }
        control = by_arm.get(effects.control)
        for arm in effects.treatments:
            treated = by_arm.get(arm)
            if control is None or treated is None or control.sum() == 0 or treated.sum() == 0:
                continue
            result = stats.mann_whitney_from_counts(treated.tolist(), control.tolist())
            welch = effects.row(spec.name, segment, arm)
            records.append(
                {
                    "metric": spec.name,
                    "segment": segment,
                    "arm": arm,
                    **asdict(result),
                    "welch_p_value": math.nan if welch is None else welch["p_value"],
                }
            )
    return records


def compute_mann_whitney(
    outcomes: Outcomes, specs: Sequence[MetricSpec], effects: EffectsTable
) -> pd.DataFrame:
    """Mann-Whitney U for every ordinal metric, segment and treatment arm.

    Returns:
        One row per ordinal metric, segment and arm: n, U, p, probability of superiority and
        the Welch p-value of the same comparison.
    """
    records = [
        record for spec in specs if spec.ordinal for record in _metric_rows(outcomes, spec, effects)
    ]
    return pd.DataFrame.from_records(records)
