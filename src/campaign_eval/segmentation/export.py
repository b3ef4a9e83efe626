"""The segmentation's files: ``segments.parquet`` and the sales lists (CSV, Parquet and XLSX).

``segments.parquet`` holds every customer with features, segment and tier (the plan, monitoring
and evaluation read it through ``artifacts.read_segments``). The full sales list of every segment
goes to ``segment_lists/<segment>.csv`` and ``.parquet``, whatever its length. The workbook
``segment_lists.xlsx`` holds what a person opens: one sheet per targeted segment
(``plan.targeted``), at most ``artifacts.XLSX_MAX_ROWS`` customers each (biggest spend first),
with a line above the table saying where the full list is. Lists are files only, never shown in
a report; the report names the files (``list_files``). Every file is written atomically.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from campaign_eval import artifacts
from campaign_eval.config import CampaignParams
from campaign_eval.report.format import Formatter
from campaign_eval.report.labels import segment_label, text
from campaign_eval.segmentation.lists import segment_lists
from campaign_eval.segmentation.result import SegmentationResult


def list_csv(segment: str) -> str:
    """The sales list of ``segment`` as a path relative to the run folder."""
    return f"{artifacts.SEGMENT_LISTS_DIR}/{segment}.csv"


def list_parquet(segment: str) -> str:
    """The sales list of ``segment`` as Parquet, relative to the run folder."""
    return f"{artifacts.SEGMENT_LISTS_DIR}/{segment}.parquet"


def workbook_segments(order: tuple[str, ...], params: CampaignParams) -> list[str]:
    """The segments with a sheet in ``segment_lists.xlsx``: the targeted ones, in ``order``."""
    return [s for s in order if s in params.plan.targeted]


def write(folder: Path, result: SegmentationResult, params: CampaignParams) -> dict[str, Path]:
    """Write the segments and the sales lists into a run folder.

    Args:
        folder: The run folder.
        result: The segmentation.
        params: The campaign's params (list columns, language, targeted segments).

    Returns:
        What was written: ``segments``, ``lists_xlsx``, and ``list <segment>`` (CSV) and
        ``list <segment> parquet`` for each segment.
    """
    written = {
        "segments": artifacts.write_parquet_atomic(folder / artifacts.SEGMENTS, result.customers)
    }
    in_workbook = workbook_segments(result.order, params)
    sheets = {}
    for segment, members in segment_lists(result.customers, params, result.order):
        paths = artifacts.write_list_atomic(folder / artifacts.SEGMENT_LISTS_DIR, segment, members)
        written[f"list {segment}"] = paths["csv"]
        written[f"list {segment} parquet"] = paths["parquet"]
        if segment in in_workbook:  # only its first rows stay; the list itself is let go
            sheets[segment] = _sheet(segment, members, params)
    written["lists_xlsx"] = artifacts.write_xlsx_atomic(
        folder / artifacts.SEGMENT_LISTS_XLSX, sheets
    )
    return written


def _sheet(segment: str, members: pd.DataFrame, params: CampaignParams) -> artifacts.Sheet:
    """A segment's sheet: its first ``XLSX_MAX_ROWS`` customers and the note above them."""
    language = params.campaign.language
    fmt = Formatter(language)
    values = {
        "segment": segment_label(segment, language),
        "count": fmt.number(len(members)),
        "files": text("lists.sep", language).join((list_csv(segment), list_parquet(segment))),
    }
    if len(members) <= artifacts.XLSX_MAX_ROWS:
        return artifacts.Sheet(members, text("lists.sheet_all", language, **values))
    note = text(
        "lists.sheet_capped",
        language,
        shown=fmt.number(artifacts.XLSX_MAX_ROWS),
        order=text("lists.order_spend", language),
        **values,
    )
    return artifacts.Sheet(members.head(artifacts.XLSX_MAX_ROWS).copy(), note)


def list_files(segment: str, customers: int, params: CampaignParams) -> str:
    """For the report: the files holding a segment's list, and how much of it the workbook has.

    Args:
        segment: The segment.
        customers: Its number of customers.
        params: The campaign's params (language, targeted segments).

    Returns:
        E.g. ``segment_lists/core.csv, segment_lists/core.parquet, segment_lists.xlsx``; a
        segment not targeted has no sheet, and a long one says its sheet holds the first rows.
    """
    language = params.campaign.language
    files = [list_csv(segment), list_parquet(segment)]
    if segment in params.plan.targeted and customers > artifacts.XLSX_MAX_ROWS:
        return text(
            "lists.files_capped",
            language,
            files=text("lists.sep", language).join(files),
            workbook=artifacts.SEGMENT_LISTS_XLSX,
            shown=Formatter(language).number(artifacts.XLSX_MAX_ROWS),
            order=text("lists.order_spend", language),
        )
    if segment in params.plan.targeted:
        files.append(artifacts.SEGMENT_LISTS_XLSX)
    return text("lists.sep", language).join(files)
