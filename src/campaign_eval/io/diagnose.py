"""Why a file seems to lack its columns, said with the key that fixes it.

A file read with the wrong settings looks like a file without the mapped columns: a
whitespace-separated log read as one column, an Excel export with a title above its header, data
on the second sheet. Before advising to map a column, look at the first rows as read and find
the row (or sheet) that holds the column names.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from campaign_eval.config.data import WHITESPACE, TableSource
from campaign_eval.io import text
from campaign_eval.io.readers import key, sheet_names

_ROWS_SEARCHED = 30
"""How far down a file the header row is looked for."""
_SEPARATORS = (";", "\t", "|", ",")
_SPLIT = re.compile(r"[,;\t|]")
_DATA_LIKE = re.compile(r"^[+-]?\d+([.,:/ -]\d+)*$")
"""A number or a date such as 2026-01-05: a value, not a column name."""


def misread_hint(
    columns: list[str], path: Path, source: TableSource, name: str, kind: str, wanted: list[str]
) -> str:
    """A sentence on how the file was misread and the key to set; "" when it looks read right.

    Args:
        columns: The columns as read.
        path: The file.
        source: Its params.
        name: The canonical table.
        kind: csv, xlsx, parquet or duckdb.
        wanted: The file's names of the columns the table needs.
    """
    if kind == "csv":
        return _text_hint(columns, path, source, name, wanted)
    if kind == "xlsx":
        try:
            return _sheet_hint(path, source, name, wanted)
        except (ValueError, OSError, KeyError):  # a workbook openpyxl half reads: no advice
            return ""
    return ""


def _text_hint(
    columns: list[str], path: Path, source: TableSource, name: str, wanted: list[str]
) -> str:
    try:
        encoding = text.encoding_of(path, source)
    except text.EncodingError:
        return ""
    lines = _first_lines(path, encoding)
    first = text.first_line(path, encoding)
    if len(columns) == 1 and len(wanted) > 1:
        return _one_column_hint(lines[0] if lines else "", first, name)
    row = _row_with(wanted, [_tokens(line, source) for line in lines])
    if row is not None and row != source.header_row:
        return (
            f"Line {row} holds the column names; the lines above it are not data. Fix: set "
            f"{key(name, 'header_row')}: {row}"
        )
    if all(_DATA_LIKE.match(c.strip()) or not c.strip() for c in columns):
        return (
            f"The first line holds data, not column names: {first}. Fix: set "
            f"{key(name, 'header_row')}: null and map the columns as column1, column2, ..."
        )
    return ""  # the file was read as it is meant: the mapping is what is wrong


def _one_column_hint(line: str, first: str, name: str) -> str:
    separator = _likely_separator(line)
    shown = "whitespace" if separator == WHITESPACE else repr(separator)
    fix = f"set {key(name, 'delimiter')}: {shown}"
    fields = line.split() if separator == WHITESPACE else line.split(separator)
    if fields and all(_DATA_LIKE.match(f.strip().strip('"')) for f in fields if f.strip()):
        fix += (
            f" and {key(name, 'header_row')}: null (the first line holds data, not column "
            "names; the columns are then called column1, column2, ...)"
        )
    return f"The file was read as one column; first line as read: {first}. Fix: {fix}"


def _likely_separator(line: str) -> str:
    counts = {sep: line.count(sep) for sep in _SEPARATORS}
    best = max(counts, key=lambda sep: counts[sep])
    if counts[best] == 0:
        return WHITESPACE
    return best


def _first_lines(path: Path, encoding: str) -> list[str]:
    lines: list[str] = []
    try:
        with path.open(encoding=encoding, errors="replace", newline="") as handle:
            for line in handle:
                lines.append(line.removeprefix("\ufeff").rstrip("\r\n"))
                if len(lines) >= _ROWS_SEARCHED:
                    break
    except (OSError, LookupError):
        return []
    return lines


def _tokens(line: str, source: TableSource) -> set[str]:
    if source.delimiter == WHITESPACE:
        parts = line.split()
    elif source.delimiter is not None:
        parts = line.split(source.delimiter)
    else:
        parts = _SPLIT.split(line)
    return {p.strip().strip('"').strip() for p in parts}


def _row_with(wanted: list[str], rows: list[set[str]]) -> int | None:
    """The first row (1-based) that holds every wanted column name."""
    need = {w.strip() for w in wanted}
    for number, tokens in enumerate(rows, start=1):
        if need <= tokens:
            return number
    return None


def _sheet_hint(path: Path, source: TableSource, name: str, wanted: list[str]) -> str:
    sheets = sheet_names(path, name)
    current = source.sheet or sheets[0]
    for sheet in [current, *(s for s in sheets if s != current)]:
        top = pd.read_excel(
            path, sheet_name=sheet, header=None, nrows=_ROWS_SEARCHED, engine="openpyxl"
        )
        rows = [{str(v).strip() for v in values if pd.notna(v)} for values in top.to_numpy()]
        row = _row_with(wanted, rows)
        if row is None:
            continue
        header = "" if row == 1 else f" and {key(name, 'header_row')}: {row}"
        if sheet != current:
            return (
                f"The columns are on sheet '{sheet}' (row {row}), not on '{current}'. Fix: set "
                f"{key(name, 'sheet')}: {sheet}{header}"
            )
        if row != source.header_row:
            return (
                f"Row {row} of sheet '{sheet}' holds the column names; the rows above it are a "
                f"title. Fix: set {key(name, 'header_row')}: {row}"
            )
    return (
        f"The workbook's sheets: {', '.join(sheets)}; none has these column names in its first "
        f"{_ROWS_SEARCHED} rows. Check {key(name, 'sheet')} and {key(name, 'header_row')}"
    )
