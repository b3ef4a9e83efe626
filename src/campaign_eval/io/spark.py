"""Apache Spark as the engine: what it needs (pyspark, Java), its session, and reading tables on it.

A session is found or started once per process: inside ``spark-submit`` or a notebook on a Spark
cluster the existing session is used as it is configured (only the settings below that make the
results the same as DuckDB's are set on it); elsewhere one is started with ``data.spark.master``
and ``data.spark.conf``. A session this module started is stopped by ``SparkEngine.close``.

Settings every session gets, so the numbers equal DuckDB's to the last digit that matters:

- ``spark.sql.session.timeZone=UTC`` and ``spark.sql.timestampType=TIMESTAMP_NTZ``: dates are wall
  clock times, as in the files; a Python ``datetime`` compared with them is one too, whatever the
  time zone of the machine (with Spark's default, a window of days would move by its UTC offset);
- ``spark.sql.legacy.parquet.nanosAsLong=true``: Parquet written by pandas stores nanoseconds,
  which Spark cannot read as timestamps; they are read as numbers and turned into microseconds.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa

from campaign_eval.config._errors import did_you_mean
from campaign_eval.config.data import SparkParams, TableSource

MIN_JAVA = 17
"""Spark 4 runs on Java 17 or newer."""
SESSION_SETTINGS = {
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.timestampType": "TIMESTAMP_NTZ",
    "spark.sql.legacy.parquet.nanosAsLong": "true",
}
"""Runtime settings that make Spark read and compare dates as DuckDB does (module docstring)."""
_START_SETTINGS = {
    "spark.ui.showConsoleProgress": "false",  # a progress bar on stderr would land in the report
    "spark.sql.execution.arrow.pyspark.enabled": "true",
}
_JAVA_VERSION = re.compile(r'version "(\d+)(?:\.(\d+))?')
_PANDAS_WARNING = "PySpark does not yet fully support pandas"


class SparkUnavailableError(RuntimeError):
    """Spark was chosen but cannot start here; the message names the fix."""


def quiet() -> None:
    """Silence pyspark's warning about pandas 3: its Arrow paths, the only ones used, work."""
    warnings.filterwarnings("ignore", message=_PANDAS_WARNING, category=FutureWarning)


def java_major() -> int | None:
    """The major version of the ``java`` Spark would start (JAVA_HOME first), None without one."""
    home = os.environ.get("JAVA_HOME")
    java = str(Path(home) / "bin" / "java") if home else shutil.which("java")
    if java is None or not Path(java).exists():
        return None
    try:
        out = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    found = _JAVA_VERSION.search(out.stderr + out.stdout)
    if found is None:
        return None
    major = int(found.group(1))
    return int(found.group(2) or 0) if major == 1 else major  # "1.8.0" is Java 8


def check_available(label: str = "params") -> None:
    """Refuse, with the fix, when pyspark or a Java it can run on is missing.

    Raises:
        SparkUnavailableError: Naming ``data.engine`` and what to install.
    """
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise SparkUnavailableError(
            f"{label}: data.engine is spark, but pyspark is not installed. Fix: pip install "
            "'campaign_eval[spark]' (make test installs it), or set data.engine: duckdb"
        ) from None
    if _active_session() is not None:
        return  # a notebook or spark-submit job on a cluster: its session is running already
    major = java_major()
    if major is None:
        raise SparkUnavailableError(
            f"{label}: data.engine is spark, but no Java was found (java on PATH or JAVA_HOME). "
            f"Fix: install Java {MIN_JAVA} or newer (Debian: apt-get install "
            "openjdk-17-jre-headless), or set data.engine: duckdb"
        )
    if major < MIN_JAVA:
        raise SparkUnavailableError(
            f"{label}: data.engine is spark, but the Java found is version {major}; Spark 4 needs "
            f"Java {MIN_JAVA} or newer. Fix: install openjdk-17-jre-headless and point JAVA_HOME "
            "at it, or set data.engine: duckdb"
        )


def _local_settings(master: str) -> dict[str, str]:
    """On this machine (``local``): two shuffle partitions per core, a quarter of its memory.

    Spark's defaults suit a cluster. On a laptop 200 tasks per group-by cost more to schedule
    than the work they do; and a driver of 1 GB, which in local mode is all of Spark, loses the
    per-customer results of a million customers on their way to Python ("TaskResultLost").
    ``data.spark.conf`` may set either.
    """
    if not master.startswith("local"):
        return {}
    inside = master.removeprefix("local").strip("[]").split(",")[0]
    cores = _usable_cores() if inside in {"", "*"} else int(inside)
    return {
        "spark.sql.shuffle.partitions": str(2 * max(cores, 1)),
        "spark.driver.memory": f"{max(_memory_gib() // 4, 1)}g",
    }


def _memory_gib() -> int:
    """This machine's memory in whole GiB (1 where the system does not say)."""
    try:
        pages, size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):  # pragma: no cover - not POSIX
        return 1
    return max(pages * size // 2**30, 1)


def _usable_cores() -> int:
    """Cores this process may run on (a container's share, not the host's count)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _active_session() -> Any:
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        return None
    return SparkSession.getActiveSession()


def session(params: SparkParams) -> tuple[Any, bool]:
    """The process's Spark session, and whether this call started it.

    Call ``check_available`` first.
    """
    quiet()
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        started = False
        spark = active
    else:
        builder = SparkSession.builder.master(params.master).appName(params.app_name)
        settings = {**_START_SETTINGS, **_local_settings(params.master), **SESSION_SETTINGS}
        for key, value in {**settings, **params.settings()}.items():
            builder = builder.config(key, value)
        spark = builder.getOrCreate()
        spark.sparkContext.setLogLevel("ERROR")
        started = True
    for key, value in SESSION_SETTINGS.items():
        spark.conf.set(key, value)
    return spark, started


@dataclass
class SparkEngine:
    """A Spark session as the engine of one campaign's tables.

    Attributes:
        spark: The ``SparkSession``.
        owned: Whether this package started it (then ``close`` stops it).
    """

    spark: Any
    owned: bool = False
    name: str = "spark"

    def close(self) -> None:
        """Stop the session if this package started it; a cluster's own session stays."""
        if self.owned:
            with contextlib.suppress(Exception):  # a session stopped already
                self.spark.stop()

    def from_arrow(self, table: pa.Table) -> Any:
        """An Arrow table as a Spark DataFrame (sent to the cluster, not through pandas)."""
        return self.spark.createDataFrame(table)

    def from_pandas(self, frame: pd.DataFrame) -> Any:
        """A pandas frame as a Spark DataFrame, through Arrow."""
        return self.from_arrow(pa.Table.from_pandas(frame, preserve_index=False))

    def numbered(self, native: Any, column: str) -> Any:
        """The rows with an increasing number in the order they were read (file order)."""
        from pyspark.sql import functions as F  # noqa: N812 - pyspark's own idiom

        return native.withColumn(column, F.monotonically_increasing_id())

    def materialize(self, native: Any) -> Any:
        """The DataFrame marked for Spark's cache (memory, then disk), filled by its first use."""
        return native.persist()


def is_url(path: str) -> bool:
    """Whether a table path is a URL (``s3a://``, ``hdfs://``, ``abfss://``): read by Spark only."""
    return "://" in path


def read_table(engine: SparkEngine, location: str, source: TableSource, name: str) -> Any:
    """A Spark catalog table, or a Parquet, Delta or CSV path on Spark's storage.

    Raises:
        ReadError: When the table does not exist or the path cannot be read.
    """
    from campaign_eval.io.readers import ReadError, key

    if source.is_catalog:
        return _catalog_table(engine, source.table or "", name)
    kind = spark_kind(location, source)
    reader = engine.spark.read
    try:
        if kind == "delta":
            native = reader.format("delta").load(location)
        elif kind == "csv":
            native = _csv(reader, source).csv(location)
        else:
            native = reader.parquet(location)
    except Exception as exc:  # noqa: BLE001 - py4j and pyspark raise many kinds for a bad path
        raise ReadError(
            f"Spark cannot read {location} as {kind} ({spark_reason(exc)}). Fix "
            f"{key(name, 'path')} or {key(name, 'format')}"
        ) from None
    return nanos_to_timestamps(native, location) if kind == "parquet" else native


def spark_kind(location: str, source: TableSource) -> str:
    """parquet, delta or csv: the format the params set, else the path's extension."""
    if source.format != "auto":
        return source.format
    suffix = Path(location.rstrip("/")).suffix.lower()
    if suffix in {".csv", ".txt", ".tsv"}:
        return "csv"
    if Path(location).is_dir() and (Path(location) / "_delta_log").is_dir():
        return "delta"
    return "parquet"


def _csv(reader: Any, source: TableSource) -> Any:
    """Spark's CSV reader with the params' header and delimiter; every column read as text."""
    reader = reader.option("header", source.header_row is not None).option("inferSchema", False)
    if source.delimiter is not None:
        reader = reader.option("sep", source.delimiter)
    if source.encoding is not None:
        reader = reader.option("encoding", source.encoding)
    return reader


def _catalog_table(engine: SparkEngine, table: str, name: str) -> Any:
    from campaign_eval.io.readers import ReadError, key

    catalog = engine.spark.catalog
    if catalog.tableExists(table):
        return engine.spark.table(table)
    database, _, _ = table.rpartition(".")
    known: list[str] = []
    with contextlib.suppress(Exception):  # an unknown database lists nothing
        known = [
            f"{database}.{t.name}" if database else t.name
            for t in catalog.listTables(database or None)
        ]
    shown = ", ".join(sorted(known)[:10]) or "none"
    where = f"database '{database}'" if database else "the current database"
    raise ReadError(
        f"the Spark catalog has no table '{table}'{did_you_mean(table, known)}; tables in "
        f"{where}: {shown}. Fix {key(name, 'table')} (db.table), or give a path instead"
    )


def nanos_to_timestamps(native: Any, location: str) -> Any:
    """Parquet nanosecond timestamps (read as numbers) back as microsecond timestamps.

    Which columns they are is read from the file's own schema (local files only: on a cluster's
    storage, write Parquet with microsecond timestamps, as Spark itself does).
    """
    nanos = _nanosecond_columns(location)
    if not nanos:
        return native
    from pyspark.sql import functions as F  # noqa: N812 - pyspark's own idiom

    for column in nanos:
        micros = F.floor(F.col(column) / 1000).cast("long")
        native = native.withColumn(column, F.timestamp_micros(micros).cast("timestamp_ntz"))
    return native


def _nanosecond_columns(location: str) -> list[str]:
    import pyarrow.parquet as pq

    path = Path(location)
    if is_url(location) or not path.exists():
        return []
    first = path if path.is_file() else next(iter(sorted(path.rglob("*.parquet"))), None)
    if first is None:
        return []
    schema = pq.read_schema(first)
    return [f.name for f in schema if pa.types.is_timestamp(f.type) and f.type.unit == "ns"]


def spark_reason(exc: BaseException) -> str:
    """Spark's own reason in one line, without the JVM stack."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:300]
