"""Each customer's segment and arm on the engine, where they come from, and who was contacted.

First match wins:

1. ``assignment.parquet`` of the plan stage (this run, else the newest complete earlier run);
2. the ``assignment`` table of the data section (``data.tables.assignment``);
3. ``segments.parquet`` of the segmentation stage (segments only: no design checks);
4. nothing: the funnel is shown by channel only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import narwhals as nw
import pandas as pd

from campaign_eval import artifacts
from campaign_eval.contract import CUSTOMER_ID
from campaign_eval.monitoring.funnel import UNASSIGNED
from campaign_eval.monitoring.result import GroupSource

if TYPE_CHECKING:
    from campaign_eval.run.context import StageContext

CONTAMINATION_COLUMNS = (CUSTOMER_ID, "segment", "arm", "channels", "first_invited_at")
"""Columns of contamination.csv."""


@dataclass(frozen=True)
class Groups:
    """Customer -> segment and arm on the engine, and where they came from.

    Attributes:
        frame: ``customer_id``, ``segment``, ``arm`` (``unassigned`` when unknown); None when
            neither an assignment nor segments were found.
        source: Where they came from.
        has_arm: Whether arms are known (an assignment, not segments only).
        path: The plan stage's assignment.parquet, when the groups come from it.
    """

    frame: nw.LazyFrame | None
    source: GroupSource
    has_arm: bool
    path: Path | None = None

    def attach(self, frame: nw.LazyFrame) -> nw.LazyFrame:
        """``frame`` with each customer's segment and arm (``unassigned`` when missing)."""
        if self.frame is None:
            return frame.with_columns(
                nw.lit(UNASSIGNED).alias("segment"), nw.lit(UNASSIGNED).alias("arm")
            )
        return frame.join(self.frame, on=CUSTOMER_ID, how="left").with_columns(
            nw.col("segment").fill_null(UNASSIGNED), nw.col("arm").fill_null(UNASSIGNED)
        )

    def sizes(self) -> pd.DataFrame:
        """Assigned customers per ``segment`` and ``arm`` (column ``n``); empty without arms."""
        if self.frame is None or not self.has_arm:
            return pd.DataFrame({"segment": [], "arm": [], "n": []})
        return collect(
            self.frame.group_by("segment", "arm").agg(nw.len().alias("n")), ["segment", "arm"]
        )


def load(ctx: StageContext) -> Groups:
    """The assignment (plan stage, then data), else the segments; see the module docstring."""
    plan = ctx.find_artifact(artifacts.ASSIGNMENT)
    source: GroupSource
    if plan is not None:
        frame, source = ctx.data.register("monitoring_assignment", plan), "plan"
    elif ctx.data.has("assignment"):
        frame, source = ctx.data.table("assignment"), "data"
    else:
        segments = ctx.find_artifact(artifacts.SEGMENTS)
        if segments is None:
            return Groups(None, "none", has_arm=False)
        frame, source = ctx.data.register("monitoring_segments", segments), "segments"
    names = set(frame.collect_schema().names())
    has_arm = "arm" in names and source != "segments"
    segment = nw.col("segment").cast(nw.String) if "segment" in names else nw.lit(UNASSIGNED)
    arm = nw.col("arm").cast(nw.String) if has_arm else nw.lit(UNASSIGNED)
    frame = frame.select(
        nw.col(CUSTOMER_ID).cast(nw.String), segment.alias("segment"), arm.alias("arm")
    )
    return Groups(frame, source, has_arm=has_arm, path=plan if source == "plan" else None)


def contacted_control(sent: nw.LazyFrame | None, groups: Groups, control: str) -> pd.DataFrame:
    """Control customers who were contacted: one row each (``CONTAMINATION_COLUMNS``).

    Args:
        sent: Contacts invited by the end of the as-of day (None: nobody yet).
        groups: The groups, with arms.
        control: The control arm's name (``monitoring.control_arm``).

    Returns:
        The customers, by id; no rows when nobody of the control arm was contacted.
    """
    columns = list(CONTAMINATION_COLUMNS)
    if sent is None:
        return pd.DataFrame(columns=columns)
    return collect(
        groups.attach(sent)
        .filter(nw.col("arm") == control)
        .group_by(CUSTOMER_ID, "segment", "arm")
        .agg(
            nw.col("channel").n_unique().alias("channels"),
            nw.col("invited_at").min().alias("first_invited_at"),
        ),
        [CUSTOMER_ID],
    )[columns]


def collect(frame: nw.LazyFrame, order: list[str]) -> pd.DataFrame:
    """Run a per-group query in the engine and sort its rows by ``order``."""
    out = frame.collect(backend="pandas").to_native()
    return out.sort_values(order).reset_index(drop=True)
