"""Read a campaign's inputs, map them onto the data contract, validate them, and expose them lazily.

Reading files is engine-specific (here DuckDB, the embedded default); everything after reading is
written once against narwhals, so the features, segments and metrics run unchanged on another
engine. Validation runs before any analysis and reports every problem at once: the file, the
column, a few example rows, what was expected and how to fix it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import narwhals as nw
import pandas as pd

from campaign_eval.config.data import DataParams, TableSource
from campaign_eval.contract import CUSTOMER_ID, TABLES, Column, Table

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
    return duckdb.connect(database, read_only=read_only, config={"enable_progress_bar": False})


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
        return self.table(name).collect(backend="pandas").to_native()

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
        table_problems = _validate(raw, TABLES[name], source, path, today, label)
        problems += table_problems
        if table_problems:
            continue
        rel = _canonical(raw, TABLES[name], source.columns, source.date_format)
        if CUSTOMER_ID in rel.columns:
            excluded[name] = _count(rel.filter(f"{CUSTOMER_ID} IS NULL OR {CUSTOMER_ID} = ''"))
            rel = rel.filter(f"{CUSTOMER_ID} IS NOT NULL AND {CUSTOMER_ID} <> ''")
        relations[name] = rel
    if problems:
        raise DataValidationError(problems)
    return CampaignData(con=con, relations=relations, sources=sources, excluded_rows=excluded)


def _ensure_demo(base: Path) -> None:
    from campaign_eval import datasets

    if not (base / "orders.parquet").exists():
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
) -> list[str]:
    """Check presence, castability, ranges and dates of every mapped column (DuckDB SQL)."""
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
        return problems
    if _count(rel) == 0:
        return [f"{path.name}: the {table.name} table is empty; supply at least one row"]
    for col in table.columns:
        src = _source_name(col, mapping)
        if src not in present or col.kind in {"id", "string"}:
            continue
        problems += _check_values(rel, table, col, src, source.date_format, path, today, label)
    return problems


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


def _check_values(
    rel: duckdb.DuckDBPyRelation,
    table: Table,
    col: Column,
    src: str,
    date_format: str | None,
    path: Path,
    today: dt.date,
    label: str,
) -> list[str]:
    q = _quote(src)
    cast = _cast_sql(col, src, date_format)
    bad = f"{q} IS NOT NULL AND CAST({q} AS VARCHAR) <> '' AND {cast} IS NULL"
    checks = [(bad, f"are not {_EXPECTED[col.kind]}")]
    if col.kind in _SCORE_RANGES:
        low, high = _SCORE_RANGES[col.kind]
        checks.append((f"{cast} NOT BETWEEN {low} AND {high}", f"are outside {low}-{high}"))
    if col.kind == "date":
        checks.append(
            (f"{cast} >= TIMESTAMP '{today + dt.timedelta(days=1)}'", f"are after today ({today})")
        )
    problems = []
    where = f"data.tables.{table.name}.columns.{col.name}"
    for condition, what in checks:
        offending = rel.filter(condition)
        count = _count(offending)
        if count == 0:
            continue
        examples = offending.project(q).limit(_EXAMPLES).fetchall()
        shown = ", ".join(repr(r[0]) for r in examples)
        fix = (
            f"set data.tables.{table.name}.date_format in {label}"
            if col.kind == "date" and "not a date" in what
            else f"correct these rows, or map another column in {label} ({where})"
        )
        problems.append(
            f"{path.name}: column '{src}' ({table.name}.{col.name}): {count:,} rows {what}, "
            f"e.g. {shown}. Fix: {fix}"
        )
    return problems


_NUMERIC_ID = re.compile(r"\.0+$")


def _canonical(
    rel: duckdb.DuckDBPyRelation,
    table: Table,
    mapping: Mapping[str, str],
    date_format: str | None,
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
            # 13085.0 and 13085 are the same customer: compare ids as text without a float tail.
            expr = expr.cast(nw.String).str.strip_chars().str.replace_all(_NUMERIC_ID.pattern, "")
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
