"""Read an input file (CSV, Parquet, XLSX or a DuckDB file) into a relation of the engine."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

from campaign_eval.config.data import TableSource

_EXTENSIONS = {".csv": "csv", ".txt": "csv", ".parquet": "parquet", ".pq": "parquet",
               ".xlsx": "xlsx", ".duckdb": "duckdb", ".db": "duckdb"}  # fmt: skip


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
