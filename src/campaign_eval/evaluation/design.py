"""Checks of the experiment: arm sizes against the planned split, and balance before the campaign.

A sample ratio mismatch (``stats.sample_ratio_test``) means the assignment or the data is
broken; a sizeable pre-campaign difference between arms that chance does not explain
(``stats.standardized_difference`` with the pre-window comparison) points the same way.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import narwhals as nw
import pandas as pd

from campaign_eval import stats
from campaign_eval.artifacts import PlanFile
from campaign_eval.config.evaluation import EvaluationParams
from campaign_eval.conventions import ALL_SEGMENTS
from campaign_eval.evaluation.outcomes import grouped
from campaign_eval.evaluation.result import EffectsTable, ShareSource
from campaign_eval.evaluation.sums import order_segments, stat_sd

Shares = Mapping[str, float]
"""Planned share of each arm."""
_MIN_ARMS = 2


def arm_counts(population: nw.LazyFrame) -> pd.DataFrame:
    """Customers per segment and arm, counted in the engine."""
    out = grouped(population, ["segment", "arm"], nw.len().alias("n"))
    return out.sort_values(["segment", "arm"]).reset_index(drop=True)


def planned_shares(
    plan: PlanFile | None, params: EvaluationParams
) -> tuple[Shares | None, dict[str, Shares], ShareSource]:
    """The planned split: the plan's, else the params', else none.

    Returns:
        The default shares, the per-segment shares, and where they came from.
    """
    if plan is not None and (plan.arm_shares or plan.segment_shares):
        return plan.arm_shares, dict(plan.segment_shares), "plan"
    if params.planned_shares:
        return dict(params.planned_shares), dict(params.segment_shares), "params"
    return None, {}, "none"


def _srm_record(segment: str, observed: Mapping[str, int], shares: Shares) -> dict[str, Any]:
    arms = [a for a in shares if shares[a] > 0]
    unplanned = sorted(a for a in observed if a not in arms and observed[a] > 0)
    counts = tuple(int(observed.get(a, 0)) for a in arms)
    record: dict[str, Any] = {
        "segment": segment,
        "arms": tuple(arms),
        "observed": counts,
        "expected_shares": tuple(shares[a] / sum(shares[b] for b in arms) for a in arms),
        "unplanned": tuple(unplanned),
    }
    if len(arms) < _MIN_ARMS or sum(counts) == 0:  # a split needs two arms
        return {**record, "statistic": math.nan, "p_value": math.nan, "flagged": bool(unplanned)}
    result = stats.sample_ratio_test(list(counts), [shares[a] for a in arms], arms=arms)
    return {
        **record,
        "observed_shares": result.observed_shares,
        "statistic": result.statistic,
        "p_value": result.p_value,
        "flagged": result.flagged or bool(unplanned),
    }


def compute_sample_ratio(
    counts: pd.DataFrame, planned: Shares | None, segment_shares: Mapping[str, Shares] | None = None
) -> pd.DataFrame:
    """Chi-square test of arm sizes against the planned split, per segment and overall.

    The overall expectation weights each segment's planned split by its size, so per-segment
    splits that differ are not mistaken for a mismatch.

    Returns:
        One row per segment (``all`` first): arms, observed counts and shares, planned shares,
        chi-square, p-value and whether it is flagged (p < ``stats.SRM_ALPHA``); arms found in
        the data but not in the plan are listed in ``unplanned``.
    """
    segment_shares = segment_shares or {}
    records = []
    expected_total: dict[str, float] = {}
    observed_total: dict[str, int] = {}
    for segment, part in counts.groupby("segment"):
        shares = segment_shares.get(str(segment), planned)
        if not shares:  # a segment the plan did not target: nothing to check it against
            continue
        observed = dict(zip(part["arm"], part["n"].astype(int), strict=True))
        size, weight = sum(observed.values()), sum(shares.values())
        for arm, share in shares.items():
            expected_total[arm] = expected_total.get(arm, 0.0) + size * share / weight
        for arm, n in observed.items():
            observed_total[arm] = observed_total.get(arm, 0) + n
        records.append(_srm_record(str(segment), observed, shares))
    if len(records) > 1:
        records.insert(0, _srm_record(ALL_SEGMENTS, observed_total, expected_total))
    out = pd.DataFrame.from_records(records)
    if out.empty:
        return out
    return out.set_index("segment").loc[order_segments(out["segment"])].reset_index()


def _finite(value: object) -> bool:
    return isinstance(value, int | float) and math.isfinite(value)


def compute_balance(pre_effects: EffectsTable, threshold: float) -> pd.DataFrame:
    """Pre-window values by arm: standardized difference and the (unadjusted) test of each.

    The standardized mean difference is the difference over the root mean of the two arms'
    per-customer variances. A row is flagged when it is above ``threshold`` and its raw p-value
    is below alpha: in a randomized split small segments differ by chance, and only a sizeable
    difference that chance does not explain points to a broken assignment.
    """
    records = []
    for _, row in pre_effects.rows.iterrows():
        spec = pre_effects.spec(row["metric"])
        t = pre_effects.arm_stats(row["metric"], row["segment"], row["arm"])
        c = pre_effects.arm_stats(row["metric"], row["segment"], pre_effects.control)
        sds = [stat_sd(r, spec.kind) if r is not None else math.nan for r in (t, c)]
        smd = stats.standardized_difference(row["diff"], *sds)
        records.append(
            {
                **{k: row[k] for k in ("metric", "segment", "arm")},
                "kind": spec.kind,
                **{
                    k: row[k]
                    for k in ("n_treatment", "n_control", "value_treatment", "value_control")
                },
                "smd": smd,
                "p_value": row["p_value"],
                "flagged": bool(
                    not math.isnan(smd)
                    and abs(smd) > threshold
                    and _finite(row["p_value"])
                    and row["p_value"] < pre_effects.alpha
                ),
            }
        )
    return pd.DataFrame.from_records(records)
