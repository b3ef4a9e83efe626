"""Read a campaign's inputs, map them onto the data contract, validate them, and expose them lazily.

Reading files is engine-specific (here DuckDB, the embedded default); everything after reading is
written once against narwhals, so the features, segments and metrics run unchanged on another
engine. Validation runs before any analysis and reports every problem at once: the file, the
column, a few example rows, what was expected and how to fix it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import narwhals as nw
import pandas as pd

from campaign_eval.config.data import DataParams, TableSource
from campaign_eval.contract import CUSTOMER_ID, ORDERS, TABLES, Column, Table

_EXAMPLES = 3
"""How many offending rows an error message quotes."""

_SCORE_RANGES = {"score_1_5": (1, 5), "score_0_10": (0, 10)}
_EXTENSIONS = {".csv": "csv", ".txt": "csv", ".parquet": "parquet", ".pq": "parquet",
               ".xlsx": "xlsx", ".duckdb": "duckdb", ".db": "duckdb"}  # fmt: skip


def connect(database: str = ":memory:", *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection as the package uses it.

    The progress bar is off: DuckDB draws it on stdout for long queries, and inside a notebook it
    would land in a stakeholder report.
    """
    con = duckdb.connect(database, read_only=read_only)
    # Inside a Jupyter kernel DuckDB renders its bar only with ipywidgets, and without them it
    # refuses the setting ("ipywidgets is missing") but draws no bar either.
    with contextlib.suppress(duckdb.InvalidInputException):
        con.execute("SET enable_progress_bar = false")
    return con


def collect_pandas(frame: nw.LazyFrame) -> pd.DataFrame:
    """Run a lazy query and bring its (per-customer or per-group) result into pandas.

    Through Arrow: about three times faster than DuckDB's own pandas conversion for a
    million rows with text columns.
    """
    return frame.collect(backend="pyarrow").to_native().to_pandas()


class DataValidationError(ValueError):
    """The inputs do not satisfy the data contract; ``problems`` has one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class CampaignData:
    """The canonical tables of one campaign, held by an engine (DuckDB by default).

    Attributes:
        con: The DuckDB connection that owns the relations.
        relations: Canonical table name -> native relation with canonical columns only.
        sources: Canonical table name -> the file it was read from (for messages and the manifest).
        excluded_rows: Canonical table name -> rows dropped because they had no customer id.
    """

    con: duckdb.DuckDBPyConnection
    relations: dict[str, duckdb.DuckDBPyRelation]
    sources: dict[str, Path] = field(default_factory=dict)
    excluded_rows: dict[str, int] = field(default_factory=dict)

    def has(self, table: str) -> bool:
        """Whether the table was supplied."""
        return table in self.relations

    def has_column(self, table: str, column: str) -> bool:
        """Whether the table was supplied with this canonical column."""
        return self.has(table) and column in self.relations[table].columns

    def table(self, name: str) -> nw.LazyFrame:
        """The canonical table as a narwhals LazyFrame; raises KeyError naming what is missing."""
        if name not in self.relations:
            raise KeyError(
                f"table '{name}' was not supplied: map it under data.tables.{name} in params"
            )
        return nw.from_native(self.relations[name])

    def to_pandas(self, name: str) -> pd.DataFrame:
        """Collect a (small) canonical table into pandas."""
        return collect_pandas(self.table(name))

    def register(self, name: str, source: pd.DataFrame | Path) -> nw.LazyFrame:
        """Put a frame or a Parquet file (e.g. the assignment) on this engine, lazily.

        A Parquet file is read by the engine itself, so a ten-million-row assignment never
        passes through pandas.
        """
        view = f"_reg_{name}"
        if isinstance(source, pd.DataFrame):
            self.con.register(view, source)
            return nw.from_native(self.con.table(view))
        return nw.from_native(self.con.read_parquet(str(source)))

    def data_date(self) -> dt.date | None:
        """The newest event date over all dated tables: how fresh the data is."""
        newest: list[dt.date] = []
        for name, rel in self.relations.items():
            for col in TABLES[name].columns:
                if col.kind == "date" and col.name in rel.columns and col.name != "since":
                    value = self.table(name).select(nw.col(col.name).max()).collect().item()
                    if value is not None and not pd.isna(value):
                        newest.append(pd.Timestamp(value).date())
        return max(newest) if newest else None

    @classmethod
    def from_frames(cls, frames: Mapping[str, pd.DataFrame]) -> CampaignData:
        """Build from in-memory frames that already use canonical names (tests, the generator)."""
        con = connect()
        relations = {}
        for name, frame in frames.items():
            view = f"_frame_{name}"
            con.register(view, frame)
            relations[name] = _canonical(con.table(view), TABLES[name], {}, None)
        return cls(con=con, relations=relations)


def load_data(
    params: DataParams, params_dir: Path, *, today: dt.date, label: str = "params"
) -> CampaignData:
    """Read, validate and map every configured table.

    Args:
        params: The ``data`` section of the params file.
        params_dir: The folder of the params file (relative paths start there).
        today: Dates after this day are errors (the data cannot come from the future).
        label: How to name the params file in messages.

    Returns:
        The canonical tables.

    Raises:
        DataValidationError: Listing every problem found, each with file, column, examples and fix.
    """
    base = params.resolve(params_dir)
    if params.demo:
        _ensure_demo(base)
    con = connect()
    problems: list[str] = []
    relations: dict[str, duckdb.DuckDBPyRelation] = {}
    sources: dict[str, Path] = {}
    excluded: dict[str, int] = {}
    for name, source in params.tables.items():
        path = (base / source.path).resolve()
        sources[name] = path
        try:
            raw = _read(con, path, source, name)
        except (OSError, duckdb.Error, ValueError) as exc:
            problems.append(f"{path.name}: cannot read the {name} table: {_first_line(exc)}")
            continue
        table_problems, messy_ids = _validate(raw, TABLES[name], source, path, today, label)
        problems += table_problems
        if table_problems:
            continue
        rel = _canonical(raw, TABLES[name], source.columns, source.date_format, clean_ids=messy_ids)
        if CUSTOMER_ID in rel.columns:
            excluded[name] = _count(rel.filter(f"{CUSTOMER_ID} IS NULL OR {CUSTOMER_ID} = ''"))
            rel = rel.filter(f"{CUSTOMER_ID} IS NOT NULL AND {CUSTOMER_ID} <> ''")
        if name == "orders" and _is_lines(source, set(raw.columns)):
            rel = _orders_from_lines(rel)
        relations[name] = rel
    if problems:
        raise DataValidationError(problems)
    return CampaignData(con=con, relations=relations, sources=sources, excluded_rows=excluded)


def _ensure_demo(base: Path) -> None:
    from campaign_eval import datasets

    if not datasets.is_current(base):  # missing, half-written, or made by an older generator
        datasets.generate_demo(base)


def _count(rel: duckdb.DuckDBPyRelation) -> int:
    """Rows of a relation, counted in the engine."""
    return int(rel.aggregate("count(*)").fetchall()[0][0])


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _read(
    con: duckdb.DuckDBPyConnection, path: Path, source: TableSource, name: str
) -> duckdb.DuckDBPyRelation:
    if not path.exists():
        raise FileNotFoundError(
            f"file not found: {path}. Fix data.tables.{name}.path (relative to data.base_dir)"
        )
    kind = source.format if source.format != "auto" else _EXTENSIONS.get(path.suffix.lower())
    if kind is None:
        raise ValueError(
            f"unknown file type '{path.suffix}'; set data.tables.{name}.format to csv, parquet, "
            "xlsx or duckdb"
        )
    if kind == "parquet":
        return con.read_parquet(str(path))
    if kind == "csv":
        return con.read_csv(str(path), header=True)
    if kind == "xlsx":
        frame = pd.read_excel(path, sheet_name=source.sheet or 0, engine="openpyxl")
        view = f"_xlsx_{name}"
        con.register(view, frame)
        return con.table(view)
    if source.table is None:
        raise ValueError(f"a DuckDB file needs data.tables.{name}.table: the table to read")
    alias = f"src_{name}"
    escaped = str(path).replace("'", "''")
    con.execute(f"ATTACH '{escaped}' AS {alias} (READ_ONLY)")
    return con.table(f'{alias}."{source.table}"')


def _source_name(col: Column, mapping: Mapping[str, str]) -> str:
    return mapping.get(col.name, col.name)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


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
    problems: list[str] = []
    present = set(rel.columns)
    mapping = source.columns
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


def _is_text(rel: duckdb.DuckDBPyRelation, column: str) -> bool:
    return str(rel.types[rel.columns.index(column)]).upper() in _TEXT_TYPES


def _messy_id_sql(q: str) -> str:
    """Text ids that need cleaning; the same test as ``_id_expr``."""
    return f"(ends_with({q}, '.0') OR starts_with({q}, ' ') OR ends_with({q}, ' '))"


def _is_lines(source: TableSource, present: set[str]) -> bool:
    """Rows are order lines when the amount comes from quantity x unit price (no amount column)."""
    return _source_name(ORDERS.column("amount"), source.columns) not in present


def _orders_from_lines(rel: duckdb.DuckDBPyRelation) -> duckdb.DuckDBPyRelation:
    """One row per order: lines summed by order id (each line is an order when there is none)."""
    orders = nw.from_native(rel)
    if "order_id" not in orders.collect_schema().names():
        return rel
    return (
        orders.group_by(CUSTOMER_ID, "order_id")
        .agg(nw.col("order_date").min(), nw.col("amount").sum())
        .to_native()
    )


def _has_lines(present: set[str], mapping: Mapping[str, str]) -> bool:
    return all(mapping.get(c, c) in present for c in ("quantity", "unit_price"))


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


_NUMERIC_ID = re.compile(r"\.0+$")


def _id_expr(expr: nw.Expr, dtype: nw.dtypes.DType, *, clean: bool) -> nw.Expr:
    """Ids as text, so that 13085.0, 13085, "13085.0" and " 13085" are the same customer.

    A float id goes through a 64-bit integer. A text id is cleaned only where it needs it (a
    ".0" tail or surrounding spaces): trimming and a regex over every row of a 30-million-row
    table cost about 4 s, the test for the few rows that need it about 0.5 s per query; and
    validation already counted such ids, so ``clean`` is False when there are none.
    """
    if dtype.is_float():
        return expr.cast(nw.Int64).cast(nw.String)
    if dtype.is_integer():
        return expr.cast(nw.String)
    text = expr.cast(nw.String)
    if not clean:
        return text
    messy = text.str.ends_with(".0") | text.str.starts_with(" ") | text.str.ends_with(" ")
    cleaned = text.str.strip_chars().str.replace_all(_NUMERIC_ID.pattern, "")
    return nw.when(messy).then(cleaned).otherwise(text)


def _canonical(
    rel: duckdb.DuckDBPyRelation,
    table: Table,
    mapping: Mapping[str, str],
    date_format: str | None,
    *,
    clean_ids: bool = True,
) -> duckdb.DuckDBPyRelation:
    """Rename and cast the mapped columns onto the contract, written once in narwhals."""
    frame = nw.from_native(rel)
    schema = frame.collect_schema()
    present = set(schema.names())
    exprs = []
    for col in table.columns:
        src = _source_name(col, mapping)
        if src not in present:
            continue
        expr = nw.col(src)
        if col.kind == "id":
            expr = _id_expr(expr, schema[src], clean=clean_ids)
        elif col.kind == "string":
            expr = expr.cast(nw.String)
        elif col.kind == "date":
            if date_format and schema[src] == nw.String:
                expr = expr.str.to_datetime(format=date_format)
            expr = expr.cast(nw.Datetime())
        elif col.kind == "integer":
            expr = expr.cast(nw.Int64)
        else:
            expr = expr.cast(nw.Float64)
        exprs.append(expr.alias(col.name))
    out = frame.select(exprs)
    if table.name == "orders" and "amount" not in out.columns:
        out = out.with_columns((nw.col("quantity") * nw.col("unit_price")).alias("amount"))
    return out.to_native()
