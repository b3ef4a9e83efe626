"""Check every mapped column before any analysis: presence, types, ranges and dates, in one scan.

Every problem names the file, the column, a few example rows, what was expected and the fix.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb

from campaign_eval.config.data import TableSource
from campaign_eval.contract import CUSTOMER_ID, Column, Table
from campaign_eval.io.canonical import _has_lines, _quote, _source_name

_EXAMPLES = 3
"""How many offending rows an error message quotes."""


_SCORE_RANGES = {"score_1_5": (1, 5), "score_0_10": (0, 10)}


class DataValidationError(ValueError):
    """The inputs do not satisfy the data contract; ``problems`` has one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


def _validate(
    rel: duckdb.DuckDBPyRelation,
    table: Table,
    source: TableSource,
    path: Path,
    today: dt.date,
    label: str,
) -> tuple[list[str], bool]:
    """Check presence, castability, ranges and dates of every mapped column (DuckDB SQL).

    Returns:
        The problems, and whether any text id needs cleaning (a ".0" tail or spaces).
    """
    present = set(rel.columns)
    mapping = source.columns
    problems = _missing_columns(rel, table, mapping, path, label)
    if problems:
        return problems, False
    checks = []
    for col in table.columns:
        src = _source_name(col, mapping)
        if src in present and col.kind not in {"id", "string"}:
            checks += _value_checks(rel, table, col, src, source.date_format, today)
    id_source = (
        _source_name(table.column(CUSTOMER_ID), mapping)
        if CUSTOMER_ID in table.column_names
        else None
    )
    messy = (
        _messy_id_sql(_quote(id_source))
        if id_source in present and _is_text(rel, id_source)
        else "false"
    )
    # one scan counts every kind of bad value of every column; details only for what is wrong
    counts = rel.aggregate(
        ", ".join(
            [
                "count(*)",
                f"count(*) FILTER (WHERE {messy})",
                *(f"count(*) FILTER (WHERE {c.condition})" for c in checks),
            ]
        )
    ).fetchall()[0]
    if counts[0] == 0 and table.required:
        return [f"{path.name}: the {table.name} table is empty; supply at least one row"], False
    for check, count in zip(checks, counts[2:], strict=True):
        if count:
            problems.append(check.message(rel, count, path, label))
    return problems, counts[1] > 0


def _missing_columns(
    rel: duckdb.DuckDBPyRelation,
    table: Table,
    mapping: Mapping[str, str],
    path: Path,
    label: str,
) -> list[str]:
    """A problem for every required or mapped column the file does not have."""
    problems: list[str] = []
    present = set(rel.columns)
    available = ", ".join(rel.columns[:30])
    for col in table.columns:
        src = _source_name(col, mapping)
        if src in present:
            continue
        needed = col.required or (
            table.name == "orders" and col.name == "amount" and not _has_lines(present, mapping)
        )
        if needed:
            problems.append(
                f"{path.name}: the {table.name} table has no column '{src}' for {table.name}."
                f"{col.name} ({col.description}). Columns in the file: {available}. Fix: map it in "
                f"{label} under data.tables.{table.name}.columns.{col.name}: <your column name>"
            )
        elif col.name in mapping:
            problems.append(
                f"{path.name}: column '{src}' mapped to {table.name}.{col.name} is not in the "
                f"file. Columns in the file: {available}. "
                f"Fix data.tables.{table.name}.columns.{col.name}"
            )
    return problems


def _is_text(rel: duckdb.DuckDBPyRelation, column: str) -> bool:
    return str(rel.types[rel.columns.index(column)]).upper() in _TEXT_TYPES


def _messy_id_sql(q: str) -> str:
    """Text ids that need cleaning; the same test as ``_id_expr``."""
    return f"(ends_with({q}, '.0') OR starts_with({q}, ' ') OR ends_with({q}, ' '))"


def _cast_sql(col: Column, src: str, date_format: str | None) -> str:
    q = _quote(src)
    if col.kind == "date":
        if date_format:
            return f"try_strptime(CAST({q} AS VARCHAR), '{date_format.replace(chr(39), '')}')"
        return f"TRY_CAST({q} AS TIMESTAMP)"
    if col.kind == "integer":
        return f"TRY_CAST({q} AS BIGINT)"
    return f"TRY_CAST({q} AS DOUBLE)"


_EXPECTED = {
    "date": "a date (YYYY-MM-DD, or set date_format)",
    "number": "a number",
    "integer": "a whole number",
    "score_1_5": "a score from 1 to 5",
    "score_0_10": "a score from 0 to 10",
}


@dataclass(frozen=True)
class _Check:
    """One kind of bad value in one column: a SQL condition and how to explain it."""

    table: str
    column: str
    source: str
    condition: str
    what: str
    fix: str

    def message(self, rel: duckdb.DuckDBPyRelation, count: int, path: Path, label: str) -> str:
        examples = rel.filter(self.condition).project(_quote(self.source)).limit(_EXAMPLES)
        shown = ", ".join(repr(r[0]) for r in examples.fetchall())
        return (
            f"{path.name}: column '{self.source}' ({self.table}.{self.column}): {count:,} rows "
            f"{self.what}, e.g. {shown}. Fix: {self.fix.format(label=label)}"
        )


_TEXT_TYPES = {"VARCHAR", "BLOB"}


def _value_checks(
    rel: duckdb.DuckDBPyRelation,
    table: Table,
    col: Column,
    src: str,
    date_format: str | None,
    today: dt.date,
) -> list[_Check]:
    """The checks a column needs: castability only for text, ranges and future dates always."""
    q = _quote(src)
    cast = _cast_sql(col, src, date_format)
    where = f"data.tables.{table.name}.columns.{col.name}"
    fix_rows = f"correct these rows, or map another column in {{label}} ({where})"
    checks = []
    if _is_text(rel, src) or date_format:
        fix = (
            f"set data.tables.{table.name}.date_format in {{label}}"
            if col.kind == "date"
            else fix_rows
        )
        bad = f"{q} IS NOT NULL AND CAST({q} AS VARCHAR) <> '' AND {cast} IS NULL"
        checks.append(_Check(table.name, col.name, src, bad, f"are not {_EXPECTED[col.kind]}", fix))
    if col.kind in _SCORE_RANGES:
        low, high = _SCORE_RANGES[col.kind]
        out = f"{cast} NOT BETWEEN {low} AND {high}"
        checks.append(_Check(table.name, col.name, src, out, f"are outside {low}-{high}", fix_rows))
    if col.kind == "date":
        future = f"{cast} >= TIMESTAMP '{today + dt.timedelta(days=1)}'"
        what = f"are after today ({today})"
        checks.append(_Check(table.name, col.name, src, future, what, fix_rows))
    return checks
