"""Load a campaign's inputs: read, validate and map every configured table onto the contract.

Every rule a table must pass is checked here, before any kernel starts: the file can be read as
the params describe it, the columns exist and hold what they should, required tables have rows,
customers have one row each, orders belong to known customers. ``docs/bad_input.md`` lists them.

The engine is the one ``data.engine`` names: DuckDB (embedded) or Spark (``spark``). A table may
also be given as a DataFrame an analyst already holds (pandas, Polars or Spark): it is checked and
mapped like a file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import narwhals as nw

from campaign_eval.config import CampaignParams
from campaign_eval.config.data import DataParams, TableSource
from campaign_eval.contract import CUSTOMER_ID, CUSTOMERS, ORDERS, TABLES
from campaign_eval.io import population, text
from campaign_eval.io.canonical import _canonical, _is_lines, _orders_from_lines
from campaign_eval.io.diagnose import misread_hint
from campaign_eval.io.engine import CampaignData, DuckEngine, Engine, OrderLines, connect
from campaign_eval.io.readers import ReadError, duckdb_reason, file_kind, key
from campaign_eval.io.sources import FRAME_KIND, Located, locate, read_located
from campaign_eval.io.sql import SqlFrame
from campaign_eval.io.validation import (
    DataValidationError,
    _validate,
    missing_columns,
    wanted_sources,
)

Frames = Mapping[str, Any]
"""Canonical table name -> a pandas, Polars or Spark DataFrame to use instead of its file."""


@dataclass
class _Loading:
    """What the tables read so far gave: relations, their files and the notes for the report."""

    con: Engine
    label: str
    today: dt.date
    problems: list[str] = field(default_factory=list)
    data: CampaignData = field(init=False)
    file_columns: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.data = CampaignData(con=self.con, relations={})


def open_engine(params: DataParams, label: str = "params") -> Engine:
    """The engine ``data.engine`` names: a new DuckDB connection, or the process's Spark session.

    Raises:
        DataValidationError: When Spark is chosen but pyspark or Java is missing (with the fix).
    """
    if params.engine == "duckdb":
        return DuckEngine(connect())
    from campaign_eval.io import spark

    try:
        spark.check_available(label)
    except spark.SparkUnavailableError as exc:
        raise DataValidationError([str(exc)]) from None
    session, owned = spark.session(params.spark)
    return spark.SparkEngine(session, owned)


def load_data(
    params: DataParams,
    params_dir: Path,
    *,
    today: dt.date,
    label: str = "params",
    keep: Mapping[str, Sequence[str]] | None = None,
    frames: Frames | None = None,
) -> CampaignData:
    """Read, validate and map every configured table.

    Args:
        params: The ``data`` section of the params file.
        params_dir: The folder of the params file (relative paths start there).
        today: Dates after this day are errors (the data cannot come from the future).
        label: How to name the params file in messages.
        keep: Table -> columns of its file to carry beyond the contract (a sales list's phone).
        frames: Tables an analyst already holds as DataFrames (pandas, Polars or Spark), used
            instead of the file of the same table; ``data.tables.<name>.columns`` still maps
            their columns, and they are checked like files.

    Returns:
        The canonical tables.

    Raises:
        DataValidationError: Listing every problem found, each with file, column, examples and fix.
    """
    loading = _load(params, params_dir, today=today, label=label, keep=keep or {}, frames=frames)
    if loading.problems:
        loading.con.close()
        raise DataValidationError(loading.problems)
    return loading.data


def load_campaign(
    params: CampaignParams,
    params_dir: Path,
    *,
    today: dt.date,
    label: str = "params",
    frames: Frames | None = None,
) -> CampaignData:
    """``load_data`` for a whole params file: also the customer columns the sales lists name.

    Raises:
        DataValidationError: Every problem of the data, and list columns the data lacks.
    """
    wanted = params.segmentation.list_columns or []
    extra = [c for c in wanted if c not in CUSTOMERS.column_names]
    keep = {CUSTOMERS.name: extra}
    loading = _load(params.data, params_dir, today=today, label=label, keep=keep, frames=frames)
    customers = loading.data.relations.get(CUSTOMERS.name)
    if not loading.problems and params.segmentation.list_columns is not None:
        loading.problems += population.missing_list_columns(
            customers,
            loading.file_columns.get(CUSTOMERS.name, []),
            wanted,
            loading.data.sources.get(CUSTOMERS.name),
            label,
        )
    if loading.problems:
        loading.con.close()
        raise DataValidationError(loading.problems)
    return loading.data


def _load(
    params: DataParams,
    params_dir: Path,
    *,
    today: dt.date,
    label: str,
    keep: Mapping[str, Sequence[str]],
    frames: Frames | None = None,
) -> _Loading:
    base = params.resolve(params_dir)
    loading = _Loading(con=open_engine(params, label), label=label, today=today)
    errors = _engine_errors(loading.con)
    for name, source, located in locate(params, base, frames or {}):
        if located.is_file:
            loading.data.sources[name] = located.path
        try:
            _load_table(loading, name, source, located, keep.get(name, ()))
        except ReadError as exc:
            loading.problems.append(f"{located.path.name}: cannot read the {name} table: {exc}")
        except duckdb.Error as exc:
            loading.problems.append(_engine_problem(exc, located.path, source, name))
        except errors as exc:  # Spark's own errors (analysis, a failed job)
            loading.problems.append(_spark_problem(exc, located.path, name))
    if not loading.problems:
        _check_unknown_customers(loading, params.max_orphan_share)
    return loading


def _engine_errors(engine: Engine) -> tuple[type[Exception], ...]:
    """The errors a query of the engine raises beyond DuckDB's (none for DuckDB)."""
    if isinstance(engine, DuckEngine):
        return ()
    from py4j.protocol import Py4JError
    from pyspark.errors import PySparkException

    return (PySparkException, Py4JError)


def _spark_problem(exc: Exception, path: Path, name: str) -> str:
    from campaign_eval.io.spark import spark_reason

    return (
        f"{path.name}: Spark failed on the {name} table: {spark_reason(exc)}. Fix: check "
        f"{key(name, 'path')}, {key(name, 'format')} and {key(name, 'columns')}"
    )


def _engine_problem(exc: duckdb.Error, path: Path, source: TableSource, name: str) -> str:
    """A file the engine failed on while reading it: its reason, the first line, the key."""
    reason = duckdb_reason(exc).rstrip(".")
    lowered = reason.lower()
    if "utf-8" in lowered or "unicode" in lowered:
        fix = key(name, "encoding")
    elif "column" in lowered or "delimiter" in lowered or "quote" in lowered:
        fix = f"{key(name, 'delimiter')} or {key(name, 'header_row')}"
    else:
        fix = f"{key(name, 'format')}, {key(name, 'encoding')} or {key(name, 'delimiter')}"
    first = ""
    if path.is_file() and path.suffix.lower() in {".csv", ".txt", ".tsv"}:
        first = f" First line as read: {text.first_line(path, source.encoding)}."
    return f"{path.name}: cannot read the {name} table: {reason}.{first} Fix: check {fix}"


def _load_table(
    loading: _Loading, name: str, source: TableSource, located: Located, keep: Sequence[str]
) -> None:
    """Read, check and map one table into ``loading`` (or add its problems)."""
    table, path = TABLES[name], located.path
    raw = SqlFrame(read_located(loading.con, located, source, name), located.dialect)
    loading.file_columns[name] = raw.columns
    missing = missing_columns(raw, table, source.columns, path, loading.label)
    if missing:
        wanted = wanted_sources(raw, table, source.columns)
        hint = ""
        if located.kind != FRAME_KIND and located.is_file:
            kind = file_kind(path, source, name)
            hint = misread_hint(raw.columns, path, source, name, kind, wanted)
        # a misread file has its columns all right: advising to map them would send one astray
        misread = f"{path.name}: the {name} columns ({', '.join(wanted)}) were not found. {hint}"
        loading.problems += [misread] if hint else missing
        return
    problems, messy_ids = _validate(raw, table, source, path, loading.today, loading.label)
    if problems:
        loading.problems += problems
        return
    rel = _canonical(raw.native, table, source, clean_ids=messy_ids, keep=keep)
    if CUSTOMER_ID in rel.columns:
        with_ids = _with_customer_ids(loading, name, rel, path)
        if with_ids is None:
            return
        rel = with_ids
    if name == CUSTOMERS.name:
        rel = _one_row_per_customer(loading, rel, source, path)
    if name == ORDERS.name and _is_lines(source, set(raw.columns)):
        rel = _summed_lines(loading, rel)
    loading.data.relations[name] = _kept(loading.con, rel)


def _kept(engine: Engine, rel: Any) -> Any:
    """On Spark, the canonical table cached where it is first computed.

    Every stage reads it many times, and recomputing the mapping from the files costs a scan.
    """
    return rel if isinstance(engine, DuckEngine) else rel.cache()


def _count(rel: Any) -> int:
    """Rows of a relation, counted in the engine."""
    return int(nw.from_native(rel).select(nw.len()).collect().item())


def _with_customer_ids(loading: _Loading, name: str, rel: Any, path: Path) -> Any | None:
    """The rows with a customer id; the others are counted. None when no row has one."""
    ids = nw.col(CUSTOMER_ID)
    frame = nw.from_native(rel)
    missing = ids.is_null() | (ids == "")
    rows, without = (
        frame.select(nw.len(), missing.cast(nw.Int64).sum().alias("without")).collect().row(0)
    )
    without = int(without or 0)
    loading.data.excluded_rows[name] = without
    if rows and rows == without and not TABLES[name].may_be_empty:
        loading.problems.append(
            f"{path.name}: none of the {rows:,} rows of the {name} table has a customer id. Fix: "
            f"map the customer id column (data.tables.{name}.columns.{CUSTOMER_ID})"
        )
        return None
    return frame.filter(~ids.is_null() & (ids != "")).to_native()


def _one_row_per_customer(loading: _Loading, rel: Any, source: TableSource, path: Path) -> Any:
    repeated, examples = population.repeated_ids(rel)
    if not repeated:
        return rel
    if source.on_duplicate == "refuse":
        loading.problems.append(
            population.repeated_problem(repeated, examples, path, loading.label)
        )
        return rel
    loading.data.repeated_rows[CUSTOMERS.name] = repeated
    return population.keep_one_row(loading.con, rel, source.on_duplicate)


def _summed_lines(loading: _Loading, rel: Any) -> Any:
    orders = _orders_from_lines(rel)
    lines, summed = _count(rel), _count(orders)
    if "order_id" in rel.columns:
        loading.data.order_lines = OrderLines(lines, summed, "order_id")
    else:
        loading.data.order_lines = OrderLines(lines, summed, "customer_and_time")
    return orders


def _check_unknown_customers(loading: _Loading, limit: float) -> None:
    """Orders of customers the customers table lacks: counted, refused above ``limit``."""
    relations = loading.data.relations
    if CUSTOMERS.name not in relations or ORDERS.name not in relations:
        return
    unknown, examples = population.unknown_customers(
        relations[ORDERS.name], relations[CUSTOMERS.name]
    )
    loading.data.unknown_customers[ORDERS.name] = unknown
    if unknown.share > limit:
        paths = (loading.data.sources[ORDERS.name], loading.data.sources[CUSTOMERS.name])
        loading.problems.append(
            population.unknown_problem(ORDERS.name, unknown, examples, limit, paths, loading.label)
        )
