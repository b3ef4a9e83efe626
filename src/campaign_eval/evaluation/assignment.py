"""Who was in which arm: the plan's assignment, the data's, or the invited customers.

The assignment stays on the engine (``customer_id``, ``arm``, ``segment``, all text); segments
come from the assignment itself, else from the segmentation's ``segments.parquet``, else every
customer is in one segment, ``all``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import narwhals as nw

from campaign_eval.artifacts import ASSIGNMENT, SEGMENTS
from campaign_eval.contract import CUSTOMER_ID
from campaign_eval.conventions import ALL_SEGMENTS, UNKNOWN_SEGMENT
from campaign_eval.evaluation.outcomes import to_pandas
from campaign_eval.evaluation.result import AssignmentSource, SegmentSource
from campaign_eval.io import CampaignData

FindArtifact = Callable[[str], Path | None]
"""Finds an artifact of this run or of the newest complete earlier run (``ctx.find_artifact``)."""


class AssignmentError(ValueError):
    """No usable assignment of customers to arms was found."""


@dataclass(frozen=True)
class Assignment:
    """Who was in which arm, on the engine.

    Attributes:
        frame: ``customer_id``, ``arm`` and ``segment`` (all text), one row per customer.
        source: plan (assignment.parquet of the plan stage), data (the data contract's
            assignment table), contacts (every invited customer, no control group) or
            outcome_table.
        segment_source: Where the segments come from: the assignment itself, the segmentation
            stage's segments.parquet, or none (one segment, ``all``).
    """

    frame: nw.LazyFrame
    source: AssignmentSource
    segment_source: SegmentSource


def _raw(
    find: FindArtifact, data: CampaignData, treatment_arm: str
) -> tuple[nw.LazyFrame, AssignmentSource]:
    plan_file = find(ASSIGNMENT)
    if plan_file is not None:
        return data.register("evaluation_assignment", plan_file), "plan"
    if data.has("assignment"):
        return data.table("assignment"), "data"
    if data.has("contacts"):
        invited = data.table("contacts").select(CUSTOMER_ID).unique()
        return invited.with_columns(nw.lit(treatment_arm).alias("arm")), "contacts"
    raise AssignmentError(
        "no assignment of customers to arms was found: run the plan stage (it writes "
        f"{ASSIGNMENT}), or map data.tables.assignment (customer_id, arm, segment) in the "
        "params file, or supply the contacts table of the invited customers"
    )


def _has_segments(frame: nw.LazyFrame, names: list[str]) -> bool:
    if "segment" not in names:
        return False
    return not bool(frame.select(nw.col("segment").is_null().all()).collect().item())


def _with_segments(
    frame: nw.LazyFrame, find: FindArtifact, data: CampaignData
) -> tuple[nw.LazyFrame, SegmentSource]:
    """An assignment without segments joined to the segmentation's, else in one segment."""
    frame = frame.select(CUSTOMER_ID, "arm")
    segments_file = find(SEGMENTS)
    if segments_file is None:
        return frame.with_columns(nw.lit(ALL_SEGMENTS).alias("segment")), "none"
    segments = data.register("evaluation_segments", segments_file).select(
        nw.col(CUSTOMER_ID).cast(nw.String), nw.col("segment").cast(nw.String)
    )
    return frame.join(segments, on=CUSTOMER_ID, how="left"), "segmentation"


def resolve_assignment(find: FindArtifact, data: CampaignData, *, treatment_arm: str) -> Assignment:
    """The plan stage's assignment, else the data contract's, else the invited customers.

    Args:
        find: Finds an artifact of this or the newest complete earlier run.
        data: The canonical tables.
        treatment_arm: Arm name given to invited customers when only the contacts table exists.

    Returns:
        The assignment on ``data``'s engine.

    Raises:
        AssignmentError: When there is none, or a customer appears twice.
    """
    raw, source = _raw(find, data, treatment_arm)
    names = raw.collect_schema().names()
    for column in (CUSTOMER_ID, "arm"):
        if column not in names:
            raise AssignmentError(
                f"the assignment ({source}) has no column '{column}'; columns: {', '.join(names)}"
            )
    frame = raw.filter(~nw.col(CUSTOMER_ID).is_null()).select(
        nw.col(CUSTOMER_ID).cast(nw.String),
        nw.col("arm").cast(nw.String),
        *([nw.col("segment").cast(nw.String)] if "segment" in names else []),
    )
    segment_source: SegmentSource = "assignment"
    if not _has_segments(frame, names):
        frame, segment_source = _with_segments(frame, find, data)
    frame = frame.with_columns(nw.col("segment").fill_null(UNKNOWN_SEGMENT))
    check_unique(frame, f"the assignment ({source})")
    return Assignment(frame=frame, source=source, segment_source=segment_source)


def check_unique(frame: nw.LazyFrame, what: str) -> None:
    """Raise AssignmentError when a customer id appears more than once."""
    counts = to_pandas(
        frame.select(nw.len().alias("rows"), nw.col(CUSTOMER_ID).n_unique().alias("ids"))
    )
    rows, ids = int(counts["rows"].iloc[0]), int(counts["ids"].iloc[0])
    if rows != ids:
        raise AssignmentError(
            f"{what} lists {rows - ids:,} customer ids more than once; each customer must be in "
            "exactly one arm. Fix the assignment before evaluating"
        )


def check_arms(arms: list[str], treatments: list[str]) -> None:
    """Raise AssignmentError when a treatment arm of the params is not in the assignment."""
    missing = [a for a in treatments if a not in arms]
    if missing or not treatments:
        raise AssignmentError(
            f"evaluation.treatment_arms names {', '.join(missing) or 'no arm'}, but the "
            f"assignment has the arms {', '.join(arms)}; fix evaluation.treatment_arms"
        )
