"""Read an input file (CSV or text, Parquet, XLSX or a DuckDB file) into a relation of the engine.

Every way a file can fail to be read ends in a ``ReadError`` that names the file, says what is
wrong in words and names the params key that fixes it.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import duckdb
import pandas as pd

from campaign_eval.config._errors import did_you_mean
from campaign_eval.config.data import TableSource
from campaign_eval.io import text

_EXTENSIONS = {".csv": "csv", ".txt": "csv", ".tsv": "csv", ".parquet": "parquet",
               ".pq": "parquet", ".xlsx": "xlsx", ".duckdb": "duckdb", ".db": "duckdb"}  # fmt: skip
_FOLDER_ENTRIES_SHOWN = 5
_REASON_CHARS = 300


class ReadError(ValueError):
    """A file that cannot be read as the params describe it; the message names the fix."""


def key(name: str, field: str) -> str:
    """The params key of a table's setting, e.g. ``data.tables.orders.encoding``."""
    return f"data.tables.{name}.{field}"


def _read(
    con: duckdb.DuckDBPyConnection, path: Path, source: TableSource, name: str
) -> duckdb.DuckDBPyRelation:
    """The file as a relation, its columns as named in the file.

    Raises:
        ReadError: When the file is missing, a folder, of an unknown kind or unreadable.
    """
    kind = file_kind(path, source, name)
    if kind == "parquet":
        return _parquet(con, path, source, name)
    if kind == "csv":
        return _csv(con, path, source, name)
    if kind == "xlsx":
        return _xlsx(con, path, source, name)
    return _duckdb_table(con, path, source, name)


def file_kind(path: Path, source: TableSource, name: str) -> str:
    """csv, parquet, xlsx or duckdb: the format the params set, else the file's extension."""
    if path.is_dir():
        inside = sorted(p.name for p in path.iterdir())[:_FOLDER_ENTRIES_SHOWN]
        listed = f" (it holds {', '.join(inside)})" if inside else " (it is empty)"
        raise ReadError(
            f"{path.name} is a folder, not a file{listed}. Fix {key(name, 'path')}: the file to "
            "read, relative to data.base_dir"
        )
    if not path.exists():
        raise ReadError(
            f"file not found: {path}. Fix {key(name, 'path')} (relative to data.base_dir)"
        )
    kind = source.format if source.format != "auto" else _EXTENSIONS.get(path.suffix.lower())
    if kind is None:
        raise ReadError(
            f"unknown file type '{path.suffix}'; set {key(name, 'format')} to csv, parquet, "
            "xlsx or duckdb"
        )
    return kind


def duckdb_reason(exc: BaseException) -> str:
    """DuckDB's own reason in one line: its message without the list of parser options."""
    lines: list[str] = []
    for line in str(exc).strip().splitlines():
        if not line.strip() or line.startswith(("Possible Solution", "  ")):
            if lines:
                break
            continue
        lines.append(line.strip())
    reason = " ".join(lines) or type(exc).__name__
    for prefix in ("Invalid Input Error: ", "IO Error: ", "Binder Error: ", "Conversion Error: "):
        reason = reason.removeprefix(prefix)
    return reason if len(reason) <= _REASON_CHARS else reason[: _REASON_CHARS - 1] + "…"


def _parquet(
    con: duckdb.DuckDBPyConnection, path: Path, source: TableSource, name: str
) -> duckdb.DuckDBPyRelation:
    try:
        return con.read_parquet(str(path))
    except duckdb.Error as exc:
        hint = "" if source.format == "parquet" else f", or set {key(name, 'format')}"
        raise ReadError(
            f"{path.name} is not a readable Parquet file ({duckdb_reason(exc)}); it may be cut "
            f"short or damaged: export it again{hint}"
        ) from None


def _csv(
    con: duckdb.DuckDBPyConnection, path: Path, source: TableSource, name: str
) -> duckdb.DuckDBPyRelation:
    """A CSV or text file; a UTF-8 copy is read into the engine when the file needs one."""
    try:
        encoding = text.encoding_of(path, source)
    except text.EncodingError as exc:
        raise ReadError(f"{path.name}: {exc}: set {key(name, 'encoding')}") from None
    if not text.needs_copy(source, encoding):
        return _numbered(_read_csv(con, path, text.csv_options(source, copied=False)), source)
    try:
        copy = text.utf8_copy(path, source, encoding)
    except UnicodeDecodeError as exc:
        raise ReadError(
            f"{path.name} is not {encoding} text (byte {exc.start:,} of a line cannot be read); "
            f"first line as read: {text.first_line(path, encoding)}. Fix {key(name, 'encoding')}"
        ) from None
    table = f"_copy_{name}"
    try:  # the engine holds the rows once created: the copy can go
        _read_csv(con, copy, text.csv_options(source, copied=True)).create(table)
    finally:
        copy.unlink(missing_ok=True)
    return _numbered(con.table(table), source)


_CSV_TYPES = ["BOOLEAN", "BIGINT", "DOUBLE", "VARCHAR"]
"""Types DuckDB may give the columns of a text file. Not dates: DuckDB would guess the format of
03/01/2026 (March or January?) without a word; as text, ISO dates are read and any other form
asks for ``date_format``."""


def _read_csv(
    con: duckdb.DuckDBPyConnection, path: Path, options: text.CsvOptions
) -> duckdb.DuckDBPyRelation:
    return con.read_csv(
        str(path), header=options.header, sep=options.sep, skiprows=options.skiprows,
        decimal=options.decimal, auto_type_candidates=_CSV_TYPES,
    )  # fmt: skip


def _numbered(rel: duckdb.DuckDBPyRelation, source: TableSource) -> duckdb.DuckDBPyRelation:
    """Without a header, DuckDB calls the columns column0, column1, ...: count them from 1."""
    if source.header_row is not None:
        return rel
    names = [f'"{c}" AS "column{i}"' for i, c in enumerate(rel.columns, start=1)]
    return rel.project(", ".join(names))


def _xlsx(
    con: duckdb.DuckDBPyConnection, path: Path, source: TableSource, name: str
) -> duckdb.DuckDBPyRelation:
    sheets = sheet_names(path, name)
    if source.sheet is not None and source.sheet not in sheets:
        raise ReadError(
            f"{path.name} has no sheet '{source.sheet}'{did_you_mean(source.sheet, sheets)}; "
            f"its sheets: {', '.join(sheets)}. Fix {key(name, 'sheet')}"
        )
    header = None if source.header_row is None else source.header_row - 1
    first_data = 0 if header is None else header + 1
    skipped = list(range(first_data, first_data + source.skip_rows))
    frame = pd.read_excel(
        path, sheet_name=source.sheet or 0, header=header, skiprows=skipped or None,
        engine="openpyxl",
    )  # fmt: skip
    if header is None:
        frame.columns = [f"column{i}" for i in range(1, len(frame.columns) + 1)]
    frame.columns = [str(c) for c in frame.columns]
    view = f"_xlsx_{name}"
    con.register(view, frame)
    return con.table(view)


def sheet_names(path: Path, name: str) -> list[str]:
    """The sheets of a workbook, in order.

    Raises:
        ReadError: When the file is not an XLSX workbook.
    """
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a file it cannot open
        raise ReadError(
            f"{path.name} is not a readable XLSX workbook ({type(exc).__name__}: "
            f"{str(exc)[:_REASON_CHARS]}). Save it again as .xlsx, or fix {key(name, 'format')}"
        ) from None
    try:
        return list(book.sheetnames)
    finally:
        book.close()


def _duckdb_table(
    con: duckdb.DuckDBPyConnection, path: Path, source: TableSource, name: str
) -> duckdb.DuckDBPyRelation:
    if source.table is None:
        raise ReadError(f"a DuckDB file needs {key(name, 'table')}: the table to read")
    alias = f"src_{name}"
    escaped = str(path).replace("'", "''")
    try:
        con.execute(f"ATTACH '{escaped}' AS {alias} (READ_ONLY)")
    except duckdb.Error as exc:
        raise ReadError(
            f"{path.name} is not a readable DuckDB database ({duckdb_reason(exc)}); fix "
            f"{key(name, 'path')} or {key(name, 'format')}"
        ) from None
    found = [
        row[0]
        for row in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = ? "
            "UNION ALL SELECT view_name FROM duckdb_views() WHERE database_name = ?",
            [alias, alias],
        ).fetchall()
    ]
    if source.table not in found:
        with contextlib.suppress(duckdb.Error):
            con.execute(f"DETACH {alias}")
        raise ReadError(
            f"{path.name} has no table '{source.table}'{did_you_mean(source.table, found)}; its "
            f"tables: {', '.join(sorted(found)) or 'none'}. Fix {key(name, 'table')}"
        )
    return con.table(f'{alias}."{source.table}"')
