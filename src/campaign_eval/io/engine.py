"""The engine behind a campaign's canonical tables (DuckDB or Spark) and lazy narwhals frames.

Reading files is engine-specific (``readers`` for DuckDB, the embedded default; ``spark`` for
Spark); everything after reading is written once against narwhals (mapping, features, segment
rules, metrics) or in SQL generated for the engine's dialect (``sql``: the checks), so the same
code runs on both and only per-group aggregates and per-customer results reach pandas.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

import duckdb
import narwhals as nw
import pandas as pd
import pyarrow as pa

from campaign_eval.contract import TABLES

if TYPE_CHECKING:
    from campaign_eval.io.spark import SparkEngine


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
    if database == ":memory:":  # a file's own settings are its owner's
        con.execute(f"SET memory_limit = '{duckdb_memory_limit_mb()}MiB'")
        spill = Path(tempfile.gettempdir()) / "campaign_eval_duckdb"
        con.execute(f"SET temp_directory = '{spill}'")
    return con


DUCKDB_MEMORY_SHARE = 12
"""DuckDB gets 1/12 of the machine's memory (DuckDB's own default is 80 %): 2 GB of 24.

The stages hold pandas frames of one row per customer beside DuckDB (3 GB at 10 million
customers), which DuckDB cannot see: with 80 % its cache of Parquet pages and its hash tables
grew to 5 GB on top of them. Past the limit DuckDB spills to a temporary folder instead of
failing; at 10 million customers on a 24 GB machine that costs a few seconds a stage.
"""


def duckdb_memory_limit_mb() -> int:
    """DuckDB's memory limit in MiB: ``1 / DUCKDB_MEMORY_SHARE`` of the machine, at least 1 GB."""
    try:
        total = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):  # pragma: no cover - not POSIX
        return 1024
    return max(total // DUCKDB_MEMORY_SHARE // 2**20, 1024)


@dataclass
class DuckEngine:
    """A DuckDB connection as the engine of one campaign's tables."""

    connection: duckdb.DuckDBPyConnection
    name: str = "duckdb"
    _views: int = 0

    def close(self) -> None:
        """Close the connection (and every relation on it)."""
        self.connection.close()

    def _view(self) -> str:
        self._views += 1
        return f"_frame_{self._views}"

    def from_arrow(self, table: pa.Table) -> duckdb.DuckDBPyRelation:
        """An Arrow table as a relation of this connection."""
        view = self._view()
        self.connection.register(view, table)
        return self.connection.table(view)

    def from_pandas(self, frame: pd.DataFrame) -> duckdb.DuckDBPyRelation:
        """A pandas frame as a relation of this connection (scanned in place, not copied)."""
        view = self._view()
        self.connection.register(view, frame)
        return self.connection.table(view)

    def numbered(self, native: duckdb.DuckDBPyRelation, column: str) -> duckdb.DuckDBPyRelation:
        """The rows with their number in the order they were read (file order)."""
        return native.project(f"*, row_number() OVER () AS {column}")

    def materialize(self, native: duckdb.DuckDBPyRelation) -> duckdb.DuckDBPyRelation:
        """The relation computed now into a table of the connection's in-memory database.

        A relation is a query: every use re-runs it down to the files. Queries that share a
        costly intermediate result read it from the table instead (spilled to the temp
        directory past the memory limit, like any other DuckDB data; gone with the connection).
        """
        table = self._view()
        native.to_table(table)
        return self.connection.table(table)


Engine: TypeAlias = "DuckEngine | SparkEngine"
"""An engine: ``DuckEngine`` or ``spark.SparkEngine``; ``close()``, ``from_arrow``,
``from_pandas``, ``numbered`` and ``materialize`` behave alike on both."""


def collect_pandas(frame: nw.LazyFrame) -> pd.DataFrame:
    """Run a lazy query and bring its (per-customer or per-group) result into pandas.

    Through Arrow: about three times faster than DuckDB's own pandas conversion for a
    million rows with text columns. The Arrow table is freed column by column as pandas takes
    it over (``self_destruct``, one block a column), so the two copies are never whole at once.
    """
    table = frame.collect(backend="pyarrow").to_native()
    return table.to_pandas(self_destruct=True, split_blocks=True)


@dataclass(frozen=True, slots=True)
class OrderLines:
    """How order lines became orders when the data was read.

    Attributes:
        lines: Order lines read (with a customer id).
        orders: Orders they were summed into.
        key: ``order_id``, or ``customer_and_time`` when the export has no order id and lines
            of the same customer and timestamp make one order.
    """

    lines: int
    orders: int
    key: Literal["order_id", "customer_and_time"]


@dataclass(frozen=True, slots=True)
class UnknownCustomers:
    """Rows of a table whose customer is not in the customers table (left out of the analysis).

    Attributes:
        rows: Such rows.
        of: All rows of the table with a customer id.
    """

    rows: int
    of: int

    @property
    def share(self) -> float:
        """Rows / of (0 for an empty table)."""
        return self.rows / self.of if self.of else 0.0


@dataclass
class CampaignData:
    """The canonical tables of one campaign, held by an engine (DuckDB by default, or Spark).

    Attributes:
        con: The engine that owns the relations (``DuckEngine`` or ``spark.SparkEngine``);
            ``con.close()`` releases it.
        relations: Canonical table name -> native table (a DuckDB relation or a Spark
            DataFrame) with canonical columns only.
        sources: Canonical table name -> the local file it was read from (for messages and the
            manifest's checksums); catalog tables, URLs and in-memory frames are not files.
        excluded_rows: Canonical table name -> rows dropped because they had no customer id.
        repeated_rows: Canonical table name -> rows dropped because their customer id was on
            another row kept instead (``on_duplicate: first`` or ``last``).
        unknown_customers: Canonical table name -> its rows whose customer is not in the
            customers table (they stay in the table; per-customer analyses leave them out).
        order_lines: How order lines were summed into orders; None when rows were orders.
    """

    con: Engine
    relations: dict[str, Any]
    sources: dict[str, Path] = field(default_factory=dict)
    excluded_rows: dict[str, int] = field(default_factory=dict)
    repeated_rows: dict[str, int] = field(default_factory=dict)
    unknown_customers: dict[str, UnknownCustomers] = field(default_factory=dict)
    order_lines: OrderLines | None = None

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

    @property
    def engine(self) -> str:
        """``duckdb`` or ``spark``."""
        return self.con.name

    def register(self, name: str, source: pd.DataFrame | Path) -> nw.LazyFrame:
        """Put a frame or a Parquet file (e.g. the assignment) on this engine, lazily.

        On DuckDB a Parquet file is read by the engine itself, so a ten-million-row assignment
        never passes through pandas; on Spark it goes as Arrow from this machine's run folder to
        the cluster (whose workers may not see the folder).
        """
        if isinstance(self.con, DuckEngine):
            view = f"_reg_{name}"
            if isinstance(source, pd.DataFrame):
                self.con.connection.register(view, source)
                return nw.from_native(self.con.connection.table(view))
            return nw.from_native(self.con.connection.read_parquet(str(source)))
        if isinstance(source, pd.DataFrame):
            return nw.from_native(self.con.from_pandas(source))
        import pyarrow.parquet as pq

        return nw.from_native(self.con.from_arrow(pq.read_table(source)))

    def materialize(self, frame: nw.LazyFrame) -> nw.LazyFrame:
        """Compute a lazy frame once and keep its rows in the engine for the queries reusing it.

        DuckDB keeps them in a table of its in-memory database, Spark in its cache. Use it for
        an intermediate result that several aggregates read (the evaluation's per-customer
        outcomes, the monitoring's invitations).
        """
        return nw.from_native(self.con.materialize(frame.to_native()))

    def close(self) -> None:
        """Release the engine (a Spark session is stopped only if this package started it)."""
        self.con.close()

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
        from campaign_eval.io.canonical import _canonical

        engine = DuckEngine(connect())
        relations = {
            name: _canonical(engine.from_pandas(frame), TABLES[name], None)
            for name, frame in frames.items()
        }
        return cls(con=engine, relations=relations)
