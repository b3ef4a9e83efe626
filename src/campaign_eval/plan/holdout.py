"""Which assignment the run uses, with which holdout shares, and whether its split is as planned.

The assignment is drawn now until the campaign starts; from the first day of invitations it is
frozen: a later run keeps the assignment of the newest complete earlier run (and the shares that
run's plan.json says it was drawn with), unless the params give ``plan.redraw.reason``. An
assignment table in the data is used as it is.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from campaign_eval import artifacts, stats
from campaign_eval.contract import CUSTOMER_ID
from campaign_eval.conventions import ARMS
from campaign_eval.plan.assignment import draw_assignment
from campaign_eval.plan.result import AssignmentInfo, PlannedShares, ShareChange, SharesSource

if TYPE_CHECKING:
    from campaign_eval.config import CampaignParams
    from campaign_eval.config.plan import PlanParams
    from campaign_eval.io import CampaignData

SHARE_TOLERANCE = 1e-9
"""Two holdout shares closer than this are the same share."""


def shares_from_params(params: PlanParams, source: SharesSource = "params") -> PlannedShares:
    """The holdout shares of the plan params (every targeted segment)."""
    segments: dict[str, float] = {s: params.control_share_of(s) for s in params.targeted}
    return PlannedShares(params.control_share, segments, source)


def earlier_shares(plan_json: Path) -> PlannedShares | None:
    """The shares an earlier run's plan.json records; None when it is missing or unusable."""
    try:
        found = artifacts.read_plan(plan_json).control_shares()
    except artifacts.ArtifactError:
        return None
    if found is None:
        return None
    return PlannedShares(found[0], found[1], "earlier_run")


def choose_assignment(
    data: CampaignData,
    params: CampaignParams,
    customers: pd.DataFrame,
    *,
    today: dt.date,
    earlier: Path | None,
) -> AssignmentInfo:
    """The run's assignment: from the data, kept, redrawn or drawn now.

    Args:
        data: The campaign's tables (an ``assignment`` table wins).
        params: The campaign params.
        customers: ``customer_id`` and ``segment`` of every customer.
        today: The run's today; the assignment is frozen from ``campaign.start`` on.
        earlier: The assignment.parquet of the newest complete earlier run, if any.

    Returns:
        The assignment with its shares, share changes and split checks.
    """
    plan = params.plan
    started = today >= params.campaign.start  # invitations go out on the first day
    targeted_now = customers.loc[customers["segment"].isin(plan.targeted), CUSTOMER_ID]
    targeted_now = targeted_now.astype(str)
    if data.has("assignment"):
        frame = _from_data(data.to_pandas("assignment"), customers)
        missing = int((~targeted_now.isin(frame[CUSTOMER_ID])).sum())
        info = AssignmentInfo(
            frame, "data", started, None, None, plan.redraw is not None, missing,
            shares_from_params(plan),
        )  # fmt: skip
    elif started and earlier is not None and plan.redraw is None:
        info = _kept(earlier, plan, targeted_now)
    else:
        info = _drawn(customers, params, started, earlier if started else None)
    return _checked(info, plan)


def _from_data(frame: pd.DataFrame, customers: pd.DataFrame) -> pd.DataFrame:
    if "segment" not in frame:
        frame = frame.merge(customers[[CUSTOMER_ID, "segment"]], on=CUSTOMER_ID, how="left")
    return frame[[CUSTOMER_ID, "segment", "arm"]].astype(str)


def _kept(earlier: Path, plan: PlanParams, targeted_now: pd.Series) -> AssignmentInfo:
    frame = artifacts.read_assignment(earlier)
    missing = int((~targeted_now.isin(frame[CUSTOMER_ID].astype(str))).sum())
    # the split was drawn with the shares of that run: the params may have changed since
    shares = earlier_shares(earlier.parent / artifacts.PLAN_JSON) or shares_from_params(
        plan, "params_no_earlier_plan"
    )
    return AssignmentInfo(frame, "kept", True, earlier.parent.name, None, False, missing, shares)


def _drawn(
    customers: pd.DataFrame, params: CampaignParams, started: bool, earlier: Path | None
) -> AssignmentInfo:
    plan = params.plan
    frame = draw_assignment(customers, plan, params.campaign.assignment_salt)
    shares = shares_from_params(plan)
    if earlier is not None:
        reason = plan.redraw.reason if plan.redraw else None
        return AssignmentInfo(
            frame, "redrawn", started, earlier.parent.name, reason, False, 0, shares
        )
    return AssignmentInfo(frame, "drawn", started, None, None, plan.redraw is not None, 0, shares)


def _checked(info: AssignmentInfo, plan: PlanParams) -> AssignmentInfo:
    return replace(
        info,
        share_changes=share_changes(info, plan),
        split_checks=split_checks(info.counts(), info.shares),
    )


def share_changes(info: AssignmentInfo, plan: PlanParams) -> tuple[ShareChange, ...]:
    """Targeted segments whose holdout share in the params differs from the kept assignment's.

    Returns:
        One change per such segment; empty unless a frozen assignment was kept with the shares
        of the run it came from.
    """
    if info.source != "kept" or info.shares.source != "earlier_run":
        return ()
    changes = []
    for segment in plan.targeted:
        kept, now = info.shares.control_share_of(segment), plan.control_share_of(segment)
        if not math.isclose(kept, now, rel_tol=0.0, abs_tol=SHARE_TOLERANCE):
            changes.append(ShareChange(segment, kept, now))
    return tuple(changes)


def split_checks(
    counts: pd.DataFrame, shares: PlannedShares
) -> dict[str, stats.SampleRatioResult | None]:
    """Per assigned segment, the chi-square test of its arm sizes against the planned shares.

    Args:
        counts: Customers per segment (rows) and arm (columns).
        shares: The shares the assignment was drawn with.

    Returns:
        The test per segment; None for a segment without a planned share or with an empty arm.
    """
    checks: dict[str, stats.SampleRatioResult | None] = {}
    for segment in counts.index:
        observed = [int(counts.loc[segment].get(arm, 0)) for arm in ARMS]
        if not shares.planned(str(segment)) or min(observed) == 0:
            checks[str(segment)] = None
            continue
        share = shares.control_share_of(str(segment))
        checks[str(segment)] = stats.sample_ratio_test(observed, [1 - share, share], arms=ARMS)
    return checks
