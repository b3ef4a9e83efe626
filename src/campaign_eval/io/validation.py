"""Check every mapped column before any analysis: presence, types, values and ranges, in one scan.

Every problem names the file, the column, a few example rows, what was expected and the fix. The
cases and what happens to each are listed in ``docs/bad_input.md``. The checks are SQL conditions
written once in DuckDB's dialect; on Spark, ``sql.SqlFrame`` runs them as SQLGlot translates them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from campaign_eval.config.data import TableSource
from campaign_eval.contract import CUSTOMER_ID, ORDERS, Column, Table
from campaign_eval.io.canonical import _has_lines, _quote, _source_name
from campaign_eval.io.sql import SqlFrame

_EXAMPLES = 3
"""How many offending values an error message quotes."""
_SCANNED = 100
"""Rows looked at to find those values (a column may repeat one bad value many times)."""
EARLIEST_DATE = dt.date(1990, 1, 1)
"""A date column whose every date is older than this was read with the wrong format."""

_SCORE_RANGES = {"score_1_5": (1, 5), "score_0_10": (0, 10)}
_TEXT_TYPES = {"VARCHAR", "BLOB"}
_NUMBER_TYPES = {"TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT",
                 "UINTEGER", "UBIGINT", "FLOAT", "DOUBLE"}  # fmt: skip
_DATE_TYPES = {"DATE", "TIMESTAMP", "TIMESTAMP_NS", "TIMESTAMP_MS", "TIMESTAMP_S",
               "TIMESTAMP WITH TIME ZONE"}  # fmt: skip
_AMOUNT_PARTS = ("amount", "quantity", "unit_price")
"""The columns an order's amount comes from: they must hold values like required columns."""


class DataValidationError(ValueError):
    """The inputs do not satisfy the data contract; ``problems`` has one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


def _type_of(rel: SqlFrame, column: str) -> str:
    """The column's type in DuckDB's names without its precision, e.g. DECIMAL(18,3) -> DECIMAL."""
    return rel.type_name(column)


def _is_text(rel: SqlFrame, column: str) -> bool:
    return _type_of(rel, column) in _TEXT_TYPES


def _is_number(rel: SqlFrame, column: str) -> bool:
    return _type_of(rel, column) in _NUMBER_TYPES or _type_of(rel, column) == "DECIMAL"


def _messy_id_sql(q: str) -> str:
    """Text ids that need cleaning; the same test as ``canonical._id_expr``."""
    return f"(ends_with({q}, '.0') OR starts_with({q}, ' ') OR ends_with({q}, ' '))"


def number_sql(q: str, *, text: bool, decimal: str) -> str:
    """A column as a DOUBLE, NULL where it is no number; ``decimal`` ',' reads 1.234,5 as 1234.5."""
    if not text:
        return f"TRY_CAST({q} AS DOUBLE)"
    if decimal == ",":
        return f"TRY_CAST(replace(replace(trim({q}), '.', ''), ',', '.') AS DOUBLE)"
    return f"TRY_CAST({q} AS DOUBLE)"


def date_sql(q: str, *, kind: str, date_format: str | None) -> str:
    """A column as a TIMESTAMP, NULL where it is no date; ``kind`` is text, number or date."""
    if kind == "date":
        return f"CAST({q} AS TIMESTAMP)"
    if date_format:
        fmt = date_format.replace("'", "")
        as_text = f"CAST(TRY_CAST({q} AS BIGINT) AS VARCHAR)" if kind == "number" else q
        return f"try_strptime(CAST({as_text} AS VARCHAR), '{fmt}')"
    return f"TRY_CAST({q} AS TIMESTAMP)"


_EXPECTED = {
    "date": "a date (YYYY-MM-DD, or set date_format)",
    "number": "a number",
    "integer": "a whole number",
    "score_1_5": "a score from 1 to 5",
    "score_0_10": "a score from 0 to 10",
}


@dataclass(frozen=True)
class _Check:
    """One rule on one column: a SQL condition counted in the table's one scan.

    ``rows`` checks count offending rows and fail when there is any; ``none`` checks count the
    rows that are as they should be and fail when there is none (an empty column, no positive
    amount, every date before 1990), quoting the values that are there instead.
    """

    table: str
    column: str
    source: str
    condition: str
    what: str
    fix: str
    mode: Literal["rows", "none"] = "rows"
    shown: str = "true"
    """For ``none`` checks: the rows the rule judges (and quotes); none of them, no problem."""

    def filters(self) -> list[str]:
        """The conditions the scan counts for this check."""
        return [self.condition] if self.mode == "rows" else [self.condition, self.shown]

    def failed(self, counts: list[int]) -> bool:
        """Whether the counts of ``filters`` break the rule."""
        return counts[0] > 0 if self.mode == "rows" else counts[1] > 0 and counts[0] == 0

    def message(self, rel: SqlFrame, count: int, path: Path, label: str) -> str:
        where = self.condition if self.mode == "rows" else self.shown
        rows = rel.filter(where).values(_quote(self.source), _SCANNED)
        examples = list(dict.fromkeys(rows))[:_EXAMPLES]  # in file order, once each
        shown = ", ".join(repr(value) for value in examples)
        counted = f"{count:,} rows {self.what}" if self.mode == "rows" else self.what
        quoted = f", e.g. {shown}" if shown else ""
        return (
            f"{path.name}: column '{self.source}' ({self.table}.{self.column}): {counted}"
            f"{quoted}. Fix: {self.fix.format(label=label)}"
        )


@dataclass(frozen=True)
class _Columns:
    """What the checks of one table need to know: the relation, the params and the day."""

    rel: SqlFrame
    table: Table
    source: TableSource
    today: dt.date

    def where(self, col: Column) -> str:
        return f"data.tables.{self.table.name}.columns.{col.name}"

    def kind_of(self, src: str) -> str:
        """text, number, date, empty or other: how the file stores a column."""
        if _type_of(self.rel, src) == "NULL":
            return "empty"  # a column without a single value (its checks say so)
        if _is_text(self.rel, src):
            return "text"
        if _is_number(self.rel, src):
            return "number"
        return "date" if _type_of(self.rel, src) in _DATE_TYPES else "other"


def _validate(
    rel: SqlFrame,
    table: Table,
    source: TableSource,
    path: Path,
    today: dt.date,
    label: str,
) -> tuple[list[str], bool]:
    """Check types, values, ranges and dates of every mapped column (one scan of the engine).

    Call after ``missing_columns`` found nothing missing.

    Returns:
        The problems, and whether any text id needs cleaning (a ".0" tail or spaces).
    """
    cols = _Columns(rel, table, source, today)
    rows = rel.count()
    if rows == 0:
        if table.may_be_empty:
            return [], False
        empty = (
            f"{path.name}: the {table.name} table is empty (no rows, only a header?); supply at "
            f"least one row, or fix data.tables.{table.name}.path"
        )
        return [empty], False
    present = set(rel.columns)
    problems: list[str] = []
    checks: list[_Check] = []
    for col in table.columns:
        src = _source_name(col, source.columns)
        if src not in present:
            continue
        problem = _type_problem(cols, col, src, path, label)
        if problem is not None:
            problems.append(problem)
            continue
        checks += _column_checks(cols, col, src)
    if problems:
        return problems, False
    checks += _amount_checks(cols)
    messy = _messy_ids(cols)
    # one scan counts every kind of bad value of every column; details only for what is wrong
    conditions = ["true", messy, *(f for c in checks for f in c.filters())]
    counts = [int(n) for n in rel.row([f"count(*) FILTER (WHERE {c})" for c in conditions])]
    at = 2
    for check in checks:
        width = len(check.filters())
        if check.failed(counts[at : at + width]):
            problems.append(check.message(rel, counts[at], path, label))
        at += width
    return problems, counts[1] > 0


def _messy_ids(cols: _Columns) -> str:
    if CUSTOMER_ID not in cols.table.column_names:
        return "false"
    src = _source_name(cols.table.column(CUSTOMER_ID), cols.source.columns)
    if src in cols.rel.columns and _is_text(cols.rel, src):
        return _messy_id_sql(_quote(src))
    return "false"


def _type_problem(cols: _Columns, col: Column, src: str, path: Path, label: str) -> str | None:
    """A column the file stores as something that cannot become its kind (numbers as dates)."""
    if col.kind in {"id", "string"}:
        return None
    stored = cols.kind_of(src)
    name = f"{path.name}: column '{src}' ({cols.table.name}.{col.name})"
    if col.kind == "date" and stored == "number" and not cols.source.date_format:
        example = cols.rel.filter(f"{_quote(src)} IS NOT NULL").values(_quote(src), 1)
        value = next(iter(example), None)
        return (
            f"{name} holds numbers, not dates, e.g. {value!r}. Fix: set "
            f"data.tables.{cols.table.name}.date_format in {label} (e.g. '%Y%m%d' for 19970101), "
            "or export the column as dates"
        )
    wanted = "date" if col.kind == "date" else "number"
    if stored == "other" or (stored == "date" and wanted == "number"):
        return (
            f"{name} is stored as {_type_of(cols.rel, src)}, not as {_EXPECTED[col.kind]}. Fix: "
            f"map the right column in {label} ({cols.where(col)})"
        )
    return None


def _cast(cols: _Columns, col: Column, src: str) -> str:
    q, stored = _quote(src), cols.kind_of(src)
    if col.kind == "date":
        return date_sql(q, kind=stored, date_format=cols.source.date_format)
    return number_sql(q, text=stored == "text", decimal=cols.source.decimal)


def _column_checks(cols: _Columns, col: Column, src: str) -> list[_Check]:
    """The checks one column needs: values, castability, ranges and plausible dates."""
    q, table = _quote(src), cols.table.name
    fix_rows = f"correct these rows, or map another column in {{label}} ({cols.where(col)})"
    checks = []
    filled = f"{q} IS NOT NULL AND trim(CAST({q} AS VARCHAR)) <> ''"
    if col.required or (table == ORDERS.name and col.name in _AMOUNT_PARTS):
        checks.append(
            _Check(table, col.name, src, filled, "is empty in every row", f"map the column that "
                   f"holds {col.description.lower()} in {{label}} ({cols.where(col)})", "none")
        )  # fmt: skip
    if col.kind in {"id", "string"}:
        return checks
    cast = _cast(cols, col, src)
    stored = cols.kind_of(src)
    if stored == "text" or (col.kind == "date" and cols.source.date_format):
        fix = (
            f"set data.tables.{table}.date_format in {{label}}" if col.kind == "date" else fix_rows
        )
        bad = f"{filled} AND {cast} IS NULL"
        checks.append(_Check(table, col.name, src, bad, f"are not {_EXPECTED[col.kind]}", fix))
    if col.kind in _SCORE_RANGES:
        low, high = _SCORE_RANGES[col.kind]
        out = f"{cast} NOT BETWEEN {low} AND {high}"
        checks.append(_Check(table, col.name, src, out, f"are outside {low}-{high}", fix_rows))
    if col.kind == "date":
        checks += _date_checks(cols, col, src, cast, fix_rows)
    return checks


def _date_checks(cols: _Columns, col: Column, src: str, cast: str, fix_rows: str) -> list[_Check]:
    table = cols.table.name
    future = f"{cast} >= TIMESTAMP '{cols.today + dt.timedelta(days=1)}'"
    recent = f"{cast} >= TIMESTAMP '{EARLIEST_DATE}'"
    fix_format = (
        f"check data.tables.{table}.date_format in {{label}} and that {cols.where(col)} is the "
        "date column"
    )
    return [
        _Check(table, col.name, src, future, f"are after today ({cols.today})", fix_rows),
        _Check(table, col.name, src, recent, f"has no date after {EARLIEST_DATE} in any row "
               "(read with the wrong format?)", fix_format, "none", f"{cast} IS NOT NULL"),
    ]  # fmt: skip


def _amount_checks(cols: _Columns) -> list[_Check]:
    """Orders: at least one positive amount (returns alone, or a flipped sign, are no sales)."""
    if cols.table.name != ORDERS.name:
        return []
    mapping, present = cols.source.columns, set(cols.rel.columns)
    amount = _source_name(ORDERS.column("amount"), mapping)
    if amount in present:
        positive = f"{_cast(cols, ORDERS.column('amount'), amount)} > 0"
        shown, column = amount, "amount"
    elif _has_lines(present, mapping):
        quantity = _source_name(ORDERS.column("quantity"), mapping)
        price = _source_name(ORDERS.column("unit_price"), mapping)
        product = (
            f"{_cast(cols, ORDERS.column('quantity'), quantity)} * "
            f"{_cast(cols, ORDERS.column('unit_price'), price)}"
        )
        positive, shown, column = f"{product} > 0", quantity, "quantity"
    else:
        return []
    return [
        _Check(ORDERS.name, column, shown, positive, "no order has an amount above 0 (only "
               "returns, or the sign is flipped?)", "map the column of sale amounts in {label} "
               "(data.tables.orders.columns.amount)", "none", f"{_quote(shown)} IS NOT NULL")
    ]  # fmt: skip


def missing_columns(
    rel: SqlFrame,
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


def wanted_sources(rel: SqlFrame, table: Table, mapping: Mapping[str, str]) -> list[str]:
    """The file's names of the columns the table needs (required and mapped ones)."""
    present = set(rel.columns)
    names = [_source_name(c, mapping) for c in table.columns if c.required or c.name in mapping]
    if table.name == ORDERS.name and not _has_lines(present, mapping):
        names.append(_source_name(ORDERS.column("amount"), mapping))
    return list(dict.fromkeys(names))
