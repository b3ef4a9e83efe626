"""The segmentation's files: ``segments.parquet`` and the sales lists (CSV and XLSX).

``segments.parquet`` holds every customer with features, segment and tier (the plan, monitoring
and evaluation read it through ``artifacts.read_segments``). The sales lists hold one list per
segment, as ``segment_lists/<segment>.csv`` and as a sheet of ``segment_lists.xlsx``; they are
files only, never shown in a report. Every file is written atomically.
"""

from __future__ import annotations

from pathlib import Path

from campaign_eval import artifacts
from campaign_eval.config import CampaignParams
from campaign_eval.segmentation.lists import segment_lists
from campaign_eval.segmentation.result import SegmentationResult

"""Excel's longest sheet name."""


def list_csv(segment: str) -> str:
    """The sales list of ``segment`` as a path relative to the run folder."""
    return f"{artifacts.SEGMENT_LISTS_DIR}/{segment}.csv"


def write(folder: Path, result: SegmentationResult, params: CampaignParams) -> dict[str, Path]:
    """Write the segments and the sales lists into a run folder.

    Args:
        folder: The run folder.
        result: The segmentation.
        params: The campaign's params (list columns and language of the lists).

    Returns:
        What was written: ``segments``, ``lists_xlsx`` and ``list <segment>`` for each CSV.
    """
    written = {
        "segments": artifacts.write_parquet_atomic(folder / artifacts.SEGMENTS, result.customers)
    }
    lists = segment_lists(result.customers, params, result.order)
    for segment, members in lists.items():
        path = folder / list_csv(segment)
        artifacts.write_text_atomic(path, members.to_csv(index=False))
        written[f"list {segment}"] = path
    written["lists_xlsx"] = artifacts.write_xlsx_atomic(
        folder / artifacts.SEGMENT_LISTS_XLSX, lists
    )
    return written
