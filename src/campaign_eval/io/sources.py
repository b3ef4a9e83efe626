"""Where each table comes from (a file, a URL, a catalog table, a DataFrame), read onto the engine.

On DuckDB every table is a local file (``readers``). On Spark, Parquet and Delta files or folders,
URLs (``s3a://``, ``hdfs://``) and catalog tables (``db.table``) are read by Spark itself, so they
never pass through this machine; a local CSV, XLSX or DuckDB file is read by DuckDB with every
option of ``readers`` (encodings, header rows, sheets) and handed to Spark as Arrow, which suits
exports of a size a spreadsheet program writes. A DataFrame is put on the engine as it is:
pandas and Polars through Arrow, a Spark DataFrame on Spark as is.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import narwhals as nw
import pyarrow as pa

from campaign_eval.config.data import DataParams, TableSource
from campaign_eval.contract import TABLES
from campaign_eval.io.engine import DuckEngine, Engine
from campaign_eval.io.readers import ReadError, _read, file_kind, key
from campaign_eval.io.sql import Dialect

FRAME_KIND = "frame"
"""The kind of a table given as a DataFrame."""
CATALOG_KIND = "catalog"
"""The kind of a Spark catalog table."""
_SPARK_NATIVE = {"parquet", "delta"}


@dataclass(frozen=True)
class Located:
    """Where one table comes from.

    Attributes:
        path: The file, folder or URL (for a catalog table, its name; for a DataFrame, a label);
            messages name it by ``path.name``.
        kind: csv, parquet, xlsx, duckdb, delta, ``catalog`` or ``frame``.
        is_file: Whether ``path`` is a local file (the manifest records its checksum).
        dialect: The engine's SQL dialect.
        location: The path or URL as Spark reads it.
        frame: The DataFrame, for kind ``frame``.
    """

    path: Path
    kind: str
    is_file: bool
    dialect: Dialect
    location: str = ""
    frame: Any = None


def locate(
    params: DataParams, base: Path, frames: Mapping[str, Any]
) -> Iterator[tuple[str, TableSource, Located]]:
    """Each table to read: its params (defaults for a DataFrame without any) and where it is.

    Tables come in the order of the data contract. A frame replaces the file of its table.

    Raises:
        ValueError: When a frame is given for a name that is not a canonical table.
    """
    unknown = [n for n in frames if n not in TABLES]
    if unknown:
        raise ValueError(
            f"frames: {', '.join(unknown)} is not a canonical table; use one of {', '.join(TABLES)}"
        )
    configured = dict(params.tables.items())
    dialect: Dialect = "spark" if params.engine == "spark" else "duckdb"
    for name in TABLES:
        if name in frames:
            source = configured.get(name) or TableSource(path=f"{name} DataFrame")
            label = Path(f"the {name} DataFrame")
            yield name, source, Located(label, FRAME_KIND, False, dialect, frame=frames[name])
        elif name in configured:
            yield name, configured[name], _located(configured[name], base, dialect)


def _located(source: TableSource, base: Path, dialect: Dialect) -> Located:
    if source.path is None:  # a catalog table (the params allow it only on Spark)
        name = source.table or ""
        return Located(Path(name), CATALOG_KIND, False, dialect, location=name)
    if "://" in source.path:
        return Located(Path(source.path), "url", False, dialect, location=source.path)
    path = (base / source.path).resolve()
    return Located(path, "file", path.is_file(), dialect, location=str(path))


def read_located(engine: Engine, located: Located, source: TableSource, name: str) -> Any:
    """The table as read onto the engine, its columns as named in the source.

    Raises:
        ReadError: When the table cannot be read as the params describe it (naming the key).
    """
    if located.kind == FRAME_KIND:
        return _from_frame(engine, located.frame, name)
    if isinstance(engine, DuckEngine):
        return _read(engine.connection, located.path, source, name)
    from campaign_eval.io import spark

    if located.kind in {CATALOG_KIND, "url"}:
        return spark.read_table(engine, located.location, source, name)
    if located.path.is_dir():
        if source.format not in {"auto", *_SPARK_NATIVE}:
            raise ReadError(
                f"{located.path.name} is a folder; Spark reads a folder of Parquet or Delta "
                f"files only. Fix {key(name, 'path')} or {key(name, 'format')}"
            )
        return spark.read_table(engine, located.location, source, name)
    kind = file_kind(located.path, source, name)
    if kind in _SPARK_NATIVE:
        return spark.read_table(engine, located.location, source, name)
    return engine.from_arrow(_read_with_duckdb(located.path, source, name))


def _read_with_duckdb(path: Path, source: TableSource, name: str) -> pa.Table:
    """A local CSV, XLSX or DuckDB file read with every option of ``readers``, as Arrow."""
    from campaign_eval.io.engine import connect

    con = connect()
    try:
        return _read(con, path, source, name).to_arrow_table()
    finally:
        con.close()


def _from_frame(engine: Engine, frame: Any, name: str) -> Any:
    """A pandas, Polars or Spark DataFrame on the engine."""
    if isinstance(engine, DuckEngine):
        if _is_spark(frame):  # a Spark DataFrame on the embedded engine: its rows come here
            return engine.from_arrow(frame.toArrow())
        return engine.from_arrow(_arrow(frame, name))
    if _is_spark(frame):
        return frame
    return engine.from_arrow(_arrow(frame, name))


def _is_spark(frame: Any) -> bool:
    return type(frame).__module__.startswith("pyspark.")


def _arrow(frame: Any, name: str) -> pa.Table:
    try:
        return nw.from_native(frame, eager_only=True).to_arrow()
    except TypeError:
        raise ReadError(
            f"the {name} frame is a {type(frame).__name__}; pass a pandas, Polars or Spark "
            "DataFrame"
        ) from None
