"""The plan's files: assignment (Parquet and CSV), target lists, plan.xlsx and plan.json.

Names come from ``artifacts``; every file is written atomically, so a reader sees the old file or
the new one. plan.json's layout is documented in docs/plan_json.md (schema_version 1); the texts
it holds (problem messages, the method, the share warning) are in the params' language.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from campaign_eval import artifacts
from campaign_eval.contract import CUSTOMER_ID
from campaign_eval.conventions import ARMS, TREATMENT
from campaign_eval.plan import tables
from campaign_eval.plan.assignment import arm_shares
from campaign_eval.plan.result import GoalPlan, PlanResult, Problem, RoiCheck
from campaign_eval.plan.wording import Words
from campaign_eval.report.labels import arm_label
from campaign_eval.segmentation.lists import sales_list

if TYPE_CHECKING:
    from campaign_eval.config import CampaignParams

PLAN_SCHEMA_VERSION = 1
"""Version of the plan.json layout; bump it when a key changes meaning or disappears."""
PLAN_SHEETS = ("goals", "design", "schedule", "budget", "activities")
"""The sheets of plan.xlsx, in order."""
FILES = {
    "assignment": artifacts.ASSIGNMENT,
    "assignment_csv": artifacts.ASSIGNMENT_CSV,
    "target_lists": artifacts.TARGET_LISTS,
    "plan_xlsx": artifacts.PLAN_XLSX,
    "plan_json": artifacts.PLAN_JSON,
}
"""Artifact key -> file name of everything the stage writes."""
_SHEET_FORBIDDEN = "[]:*?/\\"


def write(result: PlanResult, params: CampaignParams, run_dir: Path) -> dict[str, str]:
    """Write every file of the plan into ``run_dir``.

    Besides ``FILES``, the full contact list of each segment goes to
    ``target_lists/<segment>.csv`` and ``.parquet`` (``target_lists.xlsx`` holds at most
    ``artifacts.XLSX_MAX_ROWS`` customers a sheet).

    Args:
        result: What the plan stage found.
        params: The campaign params (names, dates and design settings recorded in plan.json).
        run_dir: The run folder.

    Returns:
        Artifact key -> file name written (``FILES``).
    """
    words = Words(params.campaign.language)
    artifacts.write_assignment(run_dir, result.assignment.frame)
    lists = target_lists(result, params, words)
    for segment, listed in lists.items():
        artifacts.write_list_atomic(run_dir / artifacts.TARGET_LISTS_DIR, segment, listed)
    # workbooks are written atomically, one sheet per frame
    artifacts.write_xlsx_atomic(run_dir / artifacts.TARGET_LISTS, target_sheets(lists, words))
    artifacts.write_xlsx_atomic(run_dir / artifacts.PLAN_XLSX, plan_sheets(result, params, words))
    payload = plan_json(result, params, run_id=run_dir.name, files=FILES)
    artifacts.write_json_atomic(run_dir / artifacts.PLAN_JSON, payload)
    return dict(FILES)


def plan_sheets(
    result: PlanResult, params: CampaignParams, words: Words
) -> dict[str, pd.DataFrame]:
    """The sheets of plan.xlsx: the tables of goals, design, schedule, budget and activities."""
    return {
        "goals": tables.goals_table(result, words),
        "design": tables.design_table(result, words),
        "schedule": tables.schedule_table(result, words),
        "budget": tables.budget_table(result, words),
        "activities": tables.activities_table(params, words),
    }


def sheet_name(text: str) -> str:
    """An Excel sheet name: at most 31 characters, no ``[ ] : * ? /`` or backslash."""
    cleaned = "".join("_" if ch in _SHEET_FORBIDDEN else ch for ch in text)
    return cleaned[: artifacts.XLSX_SHEET_NAME_MAX] or "sheet"


# ---------------------------------------------------------------------------------------------
# Target lists


def listed_segments(assignment: pd.DataFrame, targeted: Sequence[str]) -> list[str]:
    """The segments with a contact list: every targeted one, then others the assignment holds."""
    present = set(assignment["segment"])
    return [*targeted, *sorted(present - set(targeted))]


def target_lists(
    result: PlanResult, params: CampaignParams, words: Words
) -> dict[str, pd.DataFrame]:
    """Each segment's full contact list: id, name, owner, tags, group and contact instruction.

    The customers to contact come first, the holdout after them ("do not contact"). A targeted
    segment without customers gets an empty list.

    Returns:
        Segment -> its list, in the order of ``listed_segments``.
    """
    frame = result.assignment.frame.astype({CUSTOMER_ID: str})
    customers = result.customers.astype({CUSTOMER_ID: str})
    assigned = customers.drop(columns=["segment"]).merge(frame, on=CUSTOMER_ID, how="inner")
    listed = sales_list(assigned, params).drop(columns=["segment"], errors="ignore")
    listed = listed.merge(frame, on=CUSTOMER_ID, how="left")
    return {
        segment: _contact_sheet(listed[listed["segment"] == segment], words)
        for segment in listed_segments(frame, params.plan.targeted)
    }


def target_sheets(lists: Mapping[str, pd.DataFrame], words: Words) -> dict[str, artifacts.Sheet]:
    """The sheets of target_lists.xlsx: each list's first ``XLSX_MAX_ROWS`` rows and a note."""
    return {
        sheet_name(words.segment(segment)): _capped(segment, listed, words)
        for segment, listed in lists.items()
    }


def _list_files(segment: str, words: Words) -> str:
    folder = artifacts.TARGET_LISTS_DIR
    return words.t("lists.sep").join((f"{folder}/{segment}.csv", f"{folder}/{segment}.parquet"))


def _capped(segment: str, listed: pd.DataFrame, words: Words) -> artifacts.Sheet:
    values = {
        "segment": words.segment(segment),
        "count": words.fmt.number(len(listed)),
        "files": _list_files(segment, words),
    }
    if len(listed) <= artifacts.XLSX_MAX_ROWS:
        return artifacts.Sheet(listed, words.t("lists.sheet_all", **values))
    shown, order = words.fmt.number(artifacts.XLSX_MAX_ROWS), words.t("lists.order_contact")
    note = words.t("lists.sheet_capped", shown=shown, order=order, **values)
    return artifacts.Sheet(listed.head(artifacts.XLSX_MAX_ROWS), note)


def target_list_notes(result: PlanResult, params: CampaignParams) -> list[str]:
    """For the report: where the full contact lists are, and which sheets hold only the first.

    Args:
        result: The plan (its assignment gives each list's length).
        params: The campaign params (language, targeted segments).

    Returns:
        One sentence for the folder of full lists, then one per sheet cut to ``XLSX_MAX_ROWS``.
    """
    words = Words(params.campaign.language)
    frame = result.assignment.frame
    counts = frame["segment"].value_counts()
    segments = listed_segments(frame, params.plan.targeted)
    shown = words.fmt.number(artifacts.XLSX_MAX_ROWS)
    notes = [
        words.t(
            "lists.target_files",
            folder=artifacts.TARGET_LISTS_DIR,
            files=words.t("lists.sep").join(f"{s}.csv" for s in segments),
            workbook=artifacts.TARGET_LISTS,
            shown=shown,
        )
    ]
    notes += [
        words.t(
            "lists.target_capped",
            segment=words.segment(segment),
            workbook=artifacts.TARGET_LISTS,
            shown=shown,
            count=words.fmt.number(counts[segment]),
            order=words.t("lists.order_contact"),
            files=_list_files(segment, words),
        )
        for segment in segments
        if counts.get(segment, 0) > artifacts.XLSX_MAX_ROWS
    ]
    return notes


def _contact_sheet(rows: pd.DataFrame, words: Words) -> pd.DataFrame:
    """One segment's list: the sales team works down it, treated customers first."""
    rows = rows.assign(_order=(rows["arm"] != TREATMENT).astype(int)).sort_values(
        ["_order", CUSTOMER_ID], kind="stable"
    )

    def column(name: str) -> object:
        return rows[name].to_numpy() if name in rows else ""

    arms = rows["arm"].astype(str)
    names = {arm: arm_label(arm, words.language) for arm in arms.unique()}
    contact = {
        arm: words.t("plan.list.do_contact" if arm == TREATMENT else "plan.list.do_not_contact")
        for arm in names
    }
    return pd.DataFrame(
        {
            words.t("plan.list.customer_id"): rows[CUSTOMER_ID].to_numpy(),
            words.t("plan.list.name"): column("name"),
            words.t("plan.list.owner"): column("owner"),
            words.t("plan.list.tags"): column("tags"),
            words.t("plan.list.arm"): arms.map(names).to_numpy(),
            words.t("plan.list.contact"): arms.map(contact).to_numpy(),
        }
    )


# ---------------------------------------------------------------------------------------------
# plan.json


def plan_json(
    result: PlanResult, params: CampaignParams, *, run_id: str, files: Mapping[str, str]
) -> dict[str, object]:
    """The plan as documented in docs/plan_json.md (schema_version 1).

    Args:
        result: What the plan stage found.
        params: The campaign params.
        run_id: The run folder's name.
        files: Artifact key -> file name of the files the stage writes.

    Returns:
        The JSON object.
    """
    words = Words(params.campaign.language)
    campaign, plan = params.campaign, params.plan
    shares = result.shares
    return {
        "schema_version": PLAN_SCHEMA_VERSION,
        "stage": "plan",
        "campaign_id": campaign.id,
        "run_id": run_id,
        "today": result.today.isoformat(),
        "language": words.language,
        "campaign": {
            "start": campaign.start.isoformat(),
            "event": campaign.event.isoformat(),
            "schedule_end": result.schedule_end.isoformat(),
            "reference_date": params.reference_date.isoformat(),
        },
        "segments_source": result.segments_source,
        "goals": [_goal_json(g, campaign.event, words) for g in result.goals],
        "design": {
            "alpha": plan.alpha,
            "family_size": result.family_size,
            "power": plan.power,
            "control_share": shares.default,
            "holdout_grid": list(plan.holdout_grid),
            "targeted": list(plan.targeted),
            "arms": list(ARMS),
            "method": words.t("plan.method"),
        },
        "arm_shares": arm_shares(shares.default),
        "segment_shares": {s: arm_shares(v) for s, v in shares.segments.items()},
        "share_warning": words.share_warning(result.assignment, tuple(plan.targeted)),
        "assignment": _assignment_json(result, params),
        "frozen": result.assignment.frozen,
        "redraw_reason": result.assignment.redraw_reason,
        "roi": _roi_json(result.roi),
        "schedule": {
            "phases": [
                {
                    "name": ph.name,
                    "start": ph.start.isoformat(),
                    "end": ph.end.isoformat(),
                    "buffer_days": ph.buffer_days,
                    "owner": ph.owner,
                    "resources": ph.resources,
                }
                for ph in result.phases
            ],
            "problems": _problems_json(result.schedule_problems, None, words),
        },
        "budget": _budget_json(result),
        "files": sorted(files.values()),
    }


def _num(value: float | None) -> float | None:
    """JSON has no NaN: missing numbers are null."""
    return None if value is None or math.isnan(value) else float(value)


def _problems_json(
    problems: tuple[Problem, ...], metric: str | None, words: Words
) -> list[dict[str, str]]:
    return [{"code": p.code, "message": words.problem(p, metric)} for p in problems]


def _assignment_json(result: PlanResult, params: CampaignParams) -> dict[str, object]:
    info = result.assignment
    counts = info.counts()
    return {
        "source": info.source,
        "file": artifacts.ASSIGNMENT,
        "salt": params.campaign.assignment_salt,
        "earlier_run": info.earlier_run,
        "total": result.n_targeted,
        "counts": {str(s): {a: int(counts.loc[s].get(a, 0)) for a in ARMS} for s in counts.index},
        "srm_p": {k: (None if v is None else v.p_value) for k, v in info.split_checks.items()},
        "not_assigned": info.not_assigned,
        "shares_source": info.shares.source,
        "params_share_changes": [
            {"segment": c.segment, "kept_control_share": c.kept, "params_control_share": c.now}
            for c in info.share_changes
        ],
    }


def _roi_json(roi: RoiCheck | None) -> dict[str, object] | None:
    if roi is None:
        return None
    return {
        "standard": roi.standard,
        "margin_rate": roi.margin_rate,
        "planned_cost": roi.planned_cost,
        "n_treated": roi.n_treated,
        "n_control": roi.n_control,
        "window_after": roi.after.isoformat(),
        "window_through": roi.through.isoformat(),
        "baseline_spend": roi.baseline_spend,
        "required_value": roi.required_value,
        "required_per_treated": roi.required_per_treated,
        "required_lift": roi.required_lift,
        "mde_lift": _num(roi.mde_lift),
        "alpha": roi.alpha,
        "spend_goals": list(roi.spend_goals),
        "detectable": roi.detectable,
    }


def _budget_json(result: PlanResult) -> dict[str, object]:
    total = result.budget_total
    return {
        "source": result.budget_source,
        "planned": {str(k): float(v) for k, v in result.budget.items()},
        "total": total,
        "per_targeted_customer": total / result.n_targeted if result.n_targeted else None,
        "per_treated_customer": total / result.n_treated if result.n_treated else None,
    }


def _goal_json(g: GoalPlan, event: dt.date, words: Words) -> dict[str, object]:
    base, d = g.baseline, g.design
    outcome_end = event + dt.timedelta(days=g.window_days)
    mde_relative = None
    if d is not None and base is not None and base.value and not math.isnan(d.mde):
        mde_relative = d.mde / abs(base.value)
    return {
        "id": g.id,
        "description": g.description,
        "metric": g.metric,
        "metric_kind": g.metric_kind,
        "scope": {"segment": g.segment, "filters": {c: list(v) for c, v in g.filters}},
        "direction": g.direction,
        "alpha": g.alpha,
        "window_days": g.window_days,
        "baseline_source": g.baseline_source,
        "baseline_window": None
        if base is None
        else {"after": base.after.isoformat(), "through": base.through.isoformat()},
        "outcome_window": {"after": event.isoformat(), "through": outcome_end.isoformat()},
        "baseline": None if base is None else _num(base.value),
        "baseline_sd": None if base is None else _num(base.sd),
        "baseline_n": None if base is None else base.n_measured,
        "target_kind": g.target_kind,
        "target_input": g.target_input,
        "target": _num(g.target),
        "deadline": g.deadline.isoformat() if g.deadline else None,
        "n_in_scope": g.n_in_scope,
        "n_measurable": None if d is None else d.n_available,
        "n_required_per_arm": None if d is None else d.n_required_per_arm,
        "control_share": None if d is None else d.control_share,
        "power": None if d is None else _num(d.power),
        "mde": None if d is None else _num(d.mde),
        "mde_relative": mde_relative,
        "recommended_control_share": None if d is None else d.recommended_share,
        "powered": g.powered,
        "problems": _problems_json(g.problems, g.metric, words),
    }
