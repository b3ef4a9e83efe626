"""Design checks: the planned split, the sample ratio tests, and data freshness.

The planned arm shares the sample ratio check compares with, first match wins:

1. ``plan.json`` of the plan run whose ``assignment.parquet`` is used (its ``segment_shares``, else
   ``arm_shares``): the split the assignment was drawn with, even when the params changed since
   (skipped when the plan took its assignment from the data's assignment table);
2. ``monitoring.segment_arm_shares`` / ``monitoring.arm_shares`` (a campaign planned elsewhere);
3. the plan params: ``plan.segment_control_share`` / ``plan.control_share``.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from campaign_eval import artifacts, stats
from campaign_eval.config import CampaignParams
from campaign_eval.conventions import CONTROL, TREATMENT
from campaign_eval.monitoring.funnel import segment_order
from campaign_eval.monitoring.groups import Groups
from campaign_eval.monitoring.result import Freshness, PlannedSplit, SampleRatioCheck

_MIN_ARMS = 2
_DATA_SOURCE = "data"
"""``assignment.source`` of a plan that took its assignment from the data's assignment table."""


def _arms(control: float) -> dict[str, float]:
    return {TREATMENT: 1.0 - control, CONTROL: control}


def recorded_plan(groups: Groups) -> artifacts.PlanFile | None:
    """The plan.json written with the assignment in use; None when there is none to trust.

    A plan whose assignment came from the data's assignment table only echoes the params'
    shares, so it is not used; neither is a plan.json that cannot be read (the check then falls
    back to the params, and the report says where its split came from).
    """
    if groups.path is None:
        return None
    path = groups.path.parent / artifacts.PLAN_JSON
    if not path.exists():
        return None
    try:
        plan = artifacts.read_plan(path)
    except artifacts.ArtifactError:
        return None
    return None if plan.assignment_source == _DATA_SOURCE else plan


def planned_split(params: CampaignParams, groups: Groups) -> PlannedSplit:
    """The planned arm shares, first match wins (see the module docstring).

    The plan.json beside the plan stage's assignment records the shares that assignment was
    drawn with: a kept (frozen) assignment keeps its shares even when ``plan.control_share``
    changed later, so the check never compares the groups with a split nobody drew.
    """
    mon, plan = params.monitoring, params.plan
    explicit = bool(mon.arm_shares or mon.segment_arm_shares)
    recorded = recorded_plan(groups)
    shares = recorded.control_shares() if recorded is not None else None
    if recorded is not None and shares is not None:
        control, per_segment = shares
        return PlannedSplit(
            "plan_json",
            recorded.run_id,
            _arms(control),
            {s: _arms(c) for s, c in per_segment.items()},
            params_ignored=explicit,
        )
    plan_segments: dict[str, dict[str, float]] = {
        str(s): _arms(plan.control_share_of(s)) for s in plan.segment_control_share
    }
    if explicit:
        default = dict(mon.arm_shares) if mon.arm_shares else _arms(plan.control_share)
        own = {} if mon.arm_shares else plan_segments
        own |= {str(s): dict(v) for s, v in mon.segment_arm_shares.items()}
        return PlannedSplit("monitoring_params", None, default, own)
    return PlannedSplit("plan_params", None, _arms(plan.control_share), plan_segments)


def sample_ratio_checks(
    sizes: pd.DataFrame, split: PlannedSplit | None
) -> tuple[SampleRatioCheck, ...]:
    """Sample ratio tests of the assignment: all assigned customers, then each segment.

    Every segment is tested against its own planned shares, so opposite imbalances in two segments
    cannot cancel out and a correct stratified split never looks like a mismatch. The overall test
    compares all assigned customers with the split the segments' plans imply together (each
    segment's planned shares weighted by its size); it is left out when only one segment is
    tested (it would repeat that test).

    Args:
        sizes: Assigned customers per ``segment`` and ``arm`` (column ``n``).
        split: The planned shares; None when no arms are known.

    Returns:
        The checks, the overall one first; empty when there is nothing to test.
    """
    if split is None or sizes.empty:
        return ()
    checks = []
    observed_total: dict[str, int] = {}
    expected_total: dict[str, float] = {}
    for segment in segment_order(sizes["segment"].unique()):
        shares = split.of(segment) or {}
        arms = [a for a in shares if shares[a] > 0]
        by_arm = sizes[sizes["segment"] == segment].groupby("arm")["n"].sum()
        observed = [int(by_arm.get(a, 0)) for a in arms]
        size = sum(observed)
        if len(arms) < _MIN_ARMS or size == 0:
            continue
        weight = sum(shares[a] for a in arms)
        for arm, n in zip(arms, observed, strict=True):
            observed_total[arm] = observed_total.get(arm, 0) + n
            expected_total[arm] = expected_total.get(arm, 0.0) + size * shares[arm] / weight
        result = stats.sample_ratio_test(observed, [shares[a] for a in arms], arms=arms)
        checks.append(SampleRatioCheck(segment, result))
    if len(checks) > 1:
        arms = list(expected_total)
        overall = stats.sample_ratio_test(
            [observed_total[a] for a in arms], [expected_total[a] for a in arms], arms=arms
        )
        checks.insert(0, SampleRatioCheck(None, overall))
    return tuple(checks)


def freshness(newest: dt.date | None, params: CampaignParams, today: dt.date) -> Freshness:
    """How far the newest contact event is behind the day data is expected up to.

    After the event no new contact events are expected, so freshness is judged at the event
    day once it has passed (or at ``monitoring.as_of`` when that is earlier).
    """
    mon = params.monitoring
    reference = min(params.campaign.event, mon.as_of or today)
    return Freshness(newest=newest, reference=reference, limit_days=mon.stale_after_days)
