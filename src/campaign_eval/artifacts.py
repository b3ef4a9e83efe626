"""The files a run writes: their names, written once, and one typed reader or writer each.

Every stage writes its artifacts into the run folder under these names, and a later stage (or a
later run) finds them by the same names. Files are written atomically, so a reader sees the old
file or the new one, never half of one. ``plan.json`` is read by one reader, ``read_plan``,
whatever stage reads it; its layout is documented in ``docs/plan_json.md``.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import tempfile
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from campaign_eval.contract import CUSTOMER_ID
from campaign_eval.conventions import ALL_SEGMENTS, ARMS, CONTROL, TREATMENT

if TYPE_CHECKING:
    import pandas as pd

# Segmentation
SEGMENTS = "segments.parquet"
"""Every customer with its features, segment and tier."""
SEGMENT_LISTS_XLSX = "segment_lists.xlsx"
"""Sales lists of the targeted segments, one sheet each, at most ``XLSX_MAX_ROWS`` rows a sheet."""
SEGMENT_LISTS_DIR = "segment_lists"
"""Full sales lists, one CSV and one Parquet file per segment."""
# Plan
ASSIGNMENT = "assignment.parquet"
"""Treatment or control for every targeted customer (customer_id, segment, arm)."""
ASSIGNMENT_CSV = "assignment.csv"
"""The same assignment as CSV, for people and other tools."""
TARGET_LISTS = "target_lists.xlsx"
"""Contact lists per targeted segment, one sheet each, at most ``XLSX_MAX_ROWS`` rows a sheet."""
TARGET_LISTS_DIR = "target_lists"
"""Full contact lists, one CSV and one Parquet file per targeted segment."""
PLAN_XLSX = "plan.xlsx"
"""Goals, design, schedule, budget and activities as a workbook."""
PLAN_JSON = "plan.json"
"""The plan, machine-readable (docs/plan_json.md)."""
# Monitoring
MONITORING_JSON = "monitoring.json"
"""Funnel, targets and alerts, machine-readable (docs/monitoring_json.md)."""
CONTAMINATION_CSV = "contamination.csv"
"""Control customers who were contacted anyway."""
FUNNEL_CSV = "funnel_counts.csv"
"""Customers per funnel step, channel, segment and arm."""
# Evaluation
EVALUATION_JSON = "evaluation.json"
"""Effects, goals, return and retrospective, machine-readable (docs/evaluation_json.md)."""
EVALUATION_EFFECTS_CSV = "evaluation_effects.csv"
"""Every comparison of the effects table."""
# The run
MANIFEST = "manifest.json"
"""What ran, on which inputs (sha256), with which versions, and how it ended."""
RUN_INDEX = "index.html"
"""The run's overview page."""
RUN_LOG = "run.log"
"""Warnings and errors removed from the reports."""
COMPLETE = "COMPLETE"
"""Marker of a run that finished; only such runs are trusted."""
FAILED = "FAILED"
"""Marker of a run that did not finish, with the reason."""

ASSIGNMENT_COLUMNS = (CUSTOMER_ID, "segment", "arm")
"""The columns of an assignment, in order."""

_DEFAULT_FILE_MODE = 0o666
_SHARE_DIGITS = 12
_DIRECTIONS = {"higher": "increase", "lower": "decrease", "increase": "increase",
               "decrease": "decrease"}  # fmt: skip


class ArtifactError(ValueError):
    """An artifact exists but cannot be used; the message names the file and what to do."""


# --------------------------------------------------------------------------------------------------
# Writing


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_text_atomic(path: Path, text: str) -> None:
    """Write text through a temporary file in the same folder and ``os.replace``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        # mkstemp creates 0600 files; give the artifact the permissions a plain open() would
        Path(tmp).chmod(_DEFAULT_FILE_MODE & ~_umask())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


JSON_SIGNIFICANT_DIGITS = 10
"""Floats in JSON artifacts keep 10 significant digits.

The engine adds sums in parallel, in an order that may change from run to run, so the last of a
float's 17 digits may differ between two runs on identical inputs (up to about 3e-13). Rounding
to 10 significant digits writes the same bytes for the same inputs, and keeps far more precision
than any figure of a report (at most 5e-11 relative)."""


def _fixed_digits(value: Any) -> Any:
    """``value`` with every finite float rounded to ``JSON_SIGNIFICANT_DIGITS`` digits."""
    if isinstance(value, float):
        return float(f"{value:.{JSON_SIGNIFICANT_DIGITS}g}") if math.isfinite(value) else value
    if isinstance(value, Mapping):
        return {key: _fixed_digits(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_fixed_digits(item) for item in value]
    return value


def write_json_atomic(path: Path, payload: Any) -> None:
    """Write JSON so that readers see the old file or the new one, never half of one.

    Floats keep ``JSON_SIGNIFICANT_DIGITS`` significant digits, so identical inputs give
    byte-identical files.
    """
    text = json.dumps(_fixed_digits(payload), indent=2, ensure_ascii=False, default=str)
    write_text_atomic(path, text)


PARQUET_CHUNK_ROWS = 1_000_000
"""Rows converted to Arrow at a time when a frame is written as Parquet.

Converting a whole frame at once holds a second copy of it, text included: 2 GB more for the
segments of 10 million customers. A chunk at a time holds a tenth of that, and the file reads
back the same (one row group a chunk)."""


def write_parquet_atomic(path: Path, frame: pd.DataFrame) -> Path:
    """Write a frame as Parquet through a temporary file, without its index."""
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        if len(frame) <= PARQUET_CHUNK_ROWS:
            frame.to_parquet(tmp, index=False)
        else:
            _write_parquet_chunks(tmp, frame)
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def _write_parquet_chunks(path: Path, frame: pd.DataFrame) -> None:
    """``frame`` as Parquet, ``PARQUET_CHUNK_ROWS`` rows at a time, under one schema."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.Schema.from_pandas(frame, preserve_index=False)
    with pq.ParquetWriter(path, schema) as writer:
        for start in range(0, len(frame), PARQUET_CHUNK_ROWS):
            chunk = frame.iloc[start : start + PARQUET_CHUNK_ROWS]
            writer.write_table(pa.Table.from_pandas(chunk, schema=schema, preserve_index=False))


XLSX_SHEET_NAME_MAX = 31
"""Excel refuses longer sheet names."""
XLSX_ROW_LIMIT = 1_048_576
"""Excel's rows per sheet; a workbook with a longer sheet does not open."""
XLSX_MAX_ROWS = 10_000
"""Customers per sheet of a list workbook (far below Excel's ``XLSX_ROW_LIMIT``).

A workbook holds what a person opens and works down: the first rows of a list. The full list is
in the CSV and Parquet files beside it, and a note above the sheet's table says so. The cap also
bounds the time a workbook takes whatever the population (about 0.5 s a sheet of 10,000 customers
with XlsxWriter; benchmarks/README.md)."""
XLSX_DATE_FORMAT = "yyyy-mm-dd"
"""How a workbook shows dates."""
_XLSX_OPTIONS = {
    "constant_memory": True,  # rows are streamed to disk as they are written
    "strings_to_urls": False,  # a name is never turned into a link (and not checked for one)
    "strings_to_formulas": False,  # a name starting with '=' stays text
    "default_date_format": XLSX_DATE_FORMAT,
    "remove_timezone": True,
}


@dataclass(frozen=True, slots=True)
class Sheet:
    """One sheet of a workbook: a table, and optionally a note in the row above it.

    Attributes:
        frame: The table; its columns become the header row.
        note: One line above the header (e.g. where the full list is), or None for none.
    """

    frame: pd.DataFrame
    note: str | None = None


def write_xlsx_atomic(path: Path, sheets: Mapping[str, pd.DataFrame | Sheet]) -> Path:
    """Write one sheet per table through a temporary file, so readers never see half a workbook.

    XlsxWriter in constant-memory mode streams the rows to disk; the values are prepared a column
    at a time (missing values become empty cells). Sheet names are cut to Excel's 31 characters.

    Raises:
        ArtifactError: When a table has more rows than an Excel sheet can hold; cap it first
            (``XLSX_MAX_ROWS``) and say in the sheet's note where the full table is.
    """
    import xlsxwriter

    for name, sheet in sheets.items():
        table = sheet.frame if isinstance(sheet, Sheet) else sheet
        if len(table) + 2 > XLSX_ROW_LIMIT:
            raise ArtifactError(
                f"{path.name}: sheet {name!r} has {len(table):,} rows, more than an Excel sheet "
                f"holds ({XLSX_ROW_LIMIT:,}); write the full table to CSV or Parquet and at most "
                f"{XLSX_MAX_ROWS:,} rows to the workbook"
            )
    tmp = path.with_name(f".{path.stem}.tmp.xlsx")
    try:
        book = xlsxwriter.Workbook(str(tmp), _XLSX_OPTIONS)
        bold = book.add_format({"bold": True})
        for name, sheet in sheets.items():
            worksheet = book.add_worksheet(name[:XLSX_SHEET_NAME_MAX])
            _write_sheet(worksheet, sheet if isinstance(sheet, Sheet) else Sheet(sheet), bold)
        book.close()
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _write_sheet(worksheet: Any, sheet: Sheet, bold: Any) -> None:
    """The note (if any), the header in bold, then the rows, in order (constant-memory mode)."""
    frame = sheet.frame
    row = 0
    if sheet.note is not None:
        worksheet.write_string(row, 0, sheet.note)
        row += 1
    worksheet.write_row(row, 0, [str(c) for c in frame.columns], bold)
    worksheet.freeze_panes(row + 1, 0)
    columns = [_cell_values(frame.iloc[:, i]) for i in range(frame.shape[1])]
    # constant-memory mode takes rows in order, so the values go in one row at a time
    for offset, values in enumerate(zip(*columns, strict=True), start=row + 1):
        worksheet.write_row(offset, 0, values)


def _cell_values(column: pd.Series) -> list[Any]:
    """A column as Python values for a workbook: NaN, NA and NaT become None (an empty cell)."""
    values = column.astype(object)
    return values.where(column.notna(), None).tolist()


def write_csv_atomic(path: Path, frame: pd.DataFrame) -> Path:
    """Write a frame as CSV (UTF-8, a header, quotes only where needed) through a temporary file.

    DuckDB writes it from the frame's Arrow data, in C++: a million rows take about a second,
    against several for ``DataFrame.to_csv``.
    """
    import duckdb
    import pyarrow as pa

    path.parent.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pandas(frame, preserve_index=False)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with duckdb.connect() as con:
            con.from_arrow(table).write_csv(str(tmp))
        tmp.chmod(_DEFAULT_FILE_MODE & ~_umask())
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def write_list_atomic(folder: Path, stem: str, frame: pd.DataFrame) -> dict[str, Path]:
    """Write a full list as ``<stem>.csv`` (for people and CRMs) and ``<stem>.parquet`` (for tools).

    Returns:
        ``{"csv": path, "parquet": path}``, each written atomically.
    """
    folder.mkdir(parents=True, exist_ok=True)
    return {
        "csv": write_csv_atomic(folder / f"{stem}.csv", frame),
        "parquet": write_parquet_atomic(folder / f"{stem}.parquet", frame),
    }


# --------------------------------------------------------------------------------------------------
# Segments and assignment


def read_segments(path: Path, columns: Collection[str] | None = None) -> pd.DataFrame:
    """The segmentation's per-customer frame (``customer_id``, features, ``segment``, ``tier``).

    ``columns`` reads only those of them the file has (None: all), in the file's order.
    """
    import pandas as pd
    import pyarrow.parquet as pq

    wanted = None
    if columns is not None:
        wanted = [c for c in pq.read_schema(path).names if c in columns]
    frame = pd.read_parquet(path, columns=wanted)
    _require(frame, path, (CUSTOMER_ID, "segment"))
    return frame


def read_assignment(path: Path) -> pd.DataFrame:
    """An assignment: ``customer_id``, ``segment`` and ``arm`` of every assigned customer."""
    import pandas as pd

    frame = pd.read_parquet(path)
    _require(frame, path, ASSIGNMENT_COLUMNS)
    return frame[list(ASSIGNMENT_COLUMNS)]


def write_assignment(folder: Path, frame: pd.DataFrame) -> dict[str, Path]:
    """Write an assignment as Parquet (for the stages) and CSV (for people); returns both paths."""
    table = frame[list(ASSIGNMENT_COLUMNS)]
    return {
        "assignment": write_parquet_atomic(folder / ASSIGNMENT, table),
        "assignment_csv": write_csv_atomic(folder / ASSIGNMENT_CSV, table),
    }


def _require(frame: pd.DataFrame, path: Path, columns: tuple[str, ...]) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ArtifactError(
            f"{path.name} has no column {', '.join(missing)}; it was not written by this version "
            "of campaign_eval. Run the stage that writes it again."
        )


# --------------------------------------------------------------------------------------------------
# plan.json


@dataclass(frozen=True, slots=True)
class PlannedGoal:
    """One goal as the plan fixed it before the start.

    Attributes:
        id: The goal's id in the params file.
        description: Its description, as the planner wrote it (may be empty).
        metric: The metric of the catalogue.
        segment: The segment in scope, or ``all``.
        filters: Attribute filters of the scope, as ``((column, (values...)), ...)``.
        direction: ``increase`` or ``decrease``: which way is better.
        target: The target level; NaN when the plan could not set one.
        baseline: The baseline the plan measured, or None.
        baseline_source: How the baseline was measured (``pre_window``, ``earlier_cohort``).
        baseline_window: The baseline's window ``(after, through]``, or None.
        outcome_window: The window the goal is judged on, or None.
        deadline: The deadline (ISO date), or None.
        target_kind: ``absolute``, ``change`` or ``relative``: how the planner set the target.
        target_input: The number the planner typed (a level, a change or a relative change).
        power: The power the plan computed at its holdout share; NaN when unknown.
        mde: The minimum detectable effect the plan computed; NaN when unknown.
        problems: The plan's problems with the goal, as ``((code, message), ...)``.
    """

    id: str
    description: str
    metric: str
    segment: str
    filters: tuple[tuple[str, tuple[str, ...]], ...]
    direction: str
    target: float
    baseline: float | None
    baseline_source: str | None
    baseline_window: tuple[dt.date, dt.date] | None
    outcome_window: tuple[dt.date, dt.date] | None
    deadline: str | None
    target_kind: str | None
    target_input: float | None
    power: float
    mde: float
    problems: tuple[tuple[str, str], ...]

    @property
    def name(self) -> str:
        """How reports name the goal: its description, else its id."""
        return self.description or self.id


@dataclass(frozen=True, slots=True)
class PlanFile:
    """A plan.json, read once into the fields later stages use.

    Attributes:
        path: The file.
        run_id: The run that wrote it (its folder's name).
        arm_shares: The planned split ``{arm: share}`` of a segment without its own, or None.
        segment_shares: Planned splits of the segments that have their own.
        assignment_source: ``drawn``, ``kept`` or ``data`` (an assignment read from the data).
        goals: The goals, in the order the params file lists them.
    """

    path: Path
    run_id: str
    arm_shares: Mapping[str, float] | None
    segment_shares: Mapping[str, Mapping[str, float]]
    assignment_source: str | None
    goals: tuple[PlannedGoal, ...]

    def control_shares(self) -> tuple[float, dict[str, float]] | None:
        """The control shares, normalized over treatment and control: default and per segment.

        Returns:
            ``(default, {segment: share})``, or None when the plan has no two-arm split.
        """
        default = _control_share(self.arm_shares)
        if default is None:
            return None
        segments = {s: c for s, arms in self.segment_shares.items()
                    if (c := _control_share(arms)) is not None}  # fmt: skip
        return default, segments


def read_plan(path: Path) -> PlanFile:
    """Read a plan.json.

    Args:
        path: The file.

    Returns:
        The plan.

    Raises:
        ArtifactError: When the file cannot be read or is not a plan.json object.
    """
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ArtifactError(
            f"{path.name} cannot be read ({exc}); run the plan stage again"
        ) from exc
    if not isinstance(payload, dict):
        raise ArtifactError(f"{path.name} is not a plan.json object; run the plan stage again")
    flat = _as_shares(payload.get("arm_shares"))
    per_segment: dict[str, dict[str, float]] = {}
    # Early plan.json files wrote per-segment splits under arm_shares.
    for nested in (
        payload.get("arm_shares") if flat is None else None,
        payload.get("segment_shares"),
    ):
        if isinstance(nested, dict):
            per_segment.update({str(s): v for s, r in nested.items() if (v := _as_shares(r))})
    assignment = payload.get("assignment")
    source = assignment.get("source") if isinstance(assignment, dict) else None
    goals = tuple(
        _planned_goal(item)
        for item in payload.get("goals") or []
        if isinstance(item, dict) and item.get("metric") is not None
    )
    return PlanFile(
        path=path,
        run_id=path.parent.name,
        arm_shares=flat,
        segment_shares=per_segment,
        assignment_source=None if source is None else str(source),
        goals=goals,
    )


def _planned_goal(item: Mapping[str, Any]) -> PlannedGoal:
    raw_scope = item.get("scope")
    scope: Mapping[str, Any] = raw_scope if isinstance(raw_scope, dict) else {}
    raw_filters = scope.get("filters")
    filters: Mapping[str, Any] = raw_filters if isinstance(raw_filters, dict) else {}
    target = _number(item.get("target"))
    return PlannedGoal(
        id=str(item.get("id") or item.get("name") or item["metric"]),
        description=str(item.get("description") or ""),
        metric=str(item["metric"]),
        segment=str(scope.get("segment") or item.get("segment") or ALL_SEGMENTS),
        filters=tuple((str(k), tuple(str(x) for x in v)) for k, v in filters.items() if v),
        direction=_DIRECTIONS.get(str(item.get("direction")), ""),
        target=math.nan if target is None else target,
        baseline=_number(item.get("baseline")),
        baseline_source=_text(item.get("baseline_source")),
        baseline_window=_window(item.get("baseline_window")),
        outcome_window=_window(item.get("outcome_window")),
        deadline=_text(item.get("deadline")),
        target_kind=_text(item.get("target_kind")),
        target_input=_number(item.get("target_input")),
        power=_number_or_nan(item.get("power")),
        mde=_number_or_nan(item.get("mde")),
        problems=tuple(
            (str(p.get("code") or ""), str(p.get("message") or p.get("code") or ""))
            for p in item.get("problems") or []
            if isinstance(p, dict)
        ),
    )


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _number_or_nan(value: object) -> float:
    number = _number(value)
    return math.nan if number is None else number


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _window(raw: object) -> tuple[dt.date, dt.date] | None:
    if not isinstance(raw, dict) or raw.get("after") is None or raw.get("through") is None:
        return None
    try:
        return dt.date.fromisoformat(str(raw["after"])), dt.date.fromisoformat(str(raw["through"]))
    except ValueError:
        return None


def _as_shares(raw: object) -> dict[str, float] | None:
    if isinstance(raw, dict) and raw and all(_number(v) is not None for v in raw.values()):
        return {str(k): float(v) for k, v in raw.items()}
    return None


def _control_share(raw: Mapping[str, float] | None) -> float | None:
    if raw is None or any(arm not in raw for arm in ARMS):
        return None
    treated, control = float(raw[TREATMENT]), float(raw[CONTROL])
    if treated < 0 or control < 0 or treated + control <= 0:
        return None
    return round(control / (treated + control), _SHARE_DIGITS)
