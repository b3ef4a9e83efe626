"""Params of the data section: where each canonical table lives and how its columns are named."""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator

from campaign_eval.config._base import StrictModel
from campaign_eval.contract import CUSTOMERS, TABLES

FileFormat = Literal["auto", "csv", "parquet", "xlsx", "duckdb", "delta"]
Engine = Literal["duckdb", "spark"]
"""Where the data is read and computed: embedded DuckDB, or Apache Spark (local or a cluster)."""
OnDuplicate = Literal["refuse", "first", "last"]
"""What to do with a customer id on several rows of the customers table."""
WHITESPACE = "whitespace"
"""The ``delimiter`` of text files whose columns are separated by runs of spaces or tabs."""
_NOT_DELIMITERS = {'"', "\n", "\r"}


class TableSource(StrictModel):
    """One input table and the mapping of its columns onto the data contract."""

    path: str | None = None
    """File path, relative to `data.base_dir` (CSV, Parquet, XLSX or a DuckDB database file; with
    `data.engine: spark` also a Parquet or Delta folder, or a URL such as `s3a://bucket/orders`)."""
    format: FileFormat = "auto"
    """File format; `auto` decides by the file extension (.csv and .txt are text files). `delta`
    needs `data.engine: spark` and the Delta Lake package on the cluster."""
    table: str | None = None
    """Table name inside a DuckDB database file; with `data.engine: spark` and no `path`, a table
    of the Spark catalog such as `crm.orders` (`db.table`)."""
    sheet: str | None = None
    """Sheet name of an XLSX workbook (default: the first sheet)."""
    columns: dict[str, str] = Field(default_factory=dict)
    """Canonical column name -> column name in your file; unmapped columns keep their name."""
    date_format: str | None = None
    """strftime format of dates written as text or as numbers, e.g. `%d/%m/%Y %H:%M` or `%Y%m%d`
    (for 19970101); ISO text and real dates need none."""
    encoding: str | None = None
    """Text encoding of a CSV or text file, e.g. `gb18030`, `utf-16`, `cp1252`; empty: found from
    the bytes (UTF-8, UTF-8 with BOM, UTF-16, GB18030), any other encoding must be named."""
    delimiter: str | None = None
    """Column separator of a CSV or text file: one character (`;`, `|`, a tab written `"\\t"`), or
    `whitespace` for columns separated by runs of spaces; empty: detected."""
    header_row: int | None = Field(1, ge=1)
    """Row that holds the column names (1 = the first); rows above it, such as a report title, are
    skipped. Empty (null): the file has no header, its columns are called column1, column2, ..."""
    skip_rows: int = Field(0, ge=0)
    """Rows to skip right below the header row (or at the top, without one) before the data, e.g.
    a row of units or a second header line."""
    decimal: Literal[".", ","] = "."
    """Decimal separator of numbers written as text: `.` (1234.5) or `,` (1234,5, where a `.`
    between thousands is ignored)."""
    on_duplicate: OnDuplicate = "refuse"
    """customers only: a customer id on several rows is refused (`refuse`), or only its `first` or
    `last` row is kept and the repeated rows are counted in the report."""

    @field_validator("encoding")
    @classmethod
    def _known_encoding(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            codecs.lookup(value)
        except LookupError:
            raise ValueError(
                f"unknown encoding '{value}'; use a name such as utf-8, gb18030, utf-16 or cp1252, "
                "or leave it out to detect it"
            ) from None
        return value

    @field_validator("delimiter")
    @classmethod
    def _one_character(cls, value: str | None) -> str | None:
        if value is None or value == WHITESPACE:
            return value
        if len(value) != 1 or value in _NOT_DELIMITERS:
            raise ValueError(
                f"the delimiter is one character (such as ';', '|' or a tab written \"\\t\") or "
                f"'{WHITESPACE}', got {value!r}"
            )
        return value

    @model_validator(mode="after")
    def _path_or_table(self) -> TableSource:
        if self.path is None and self.table is None:
            raise ValueError(
                "give path (a file, relative to data.base_dir) or, with data.engine: spark, table "
                "(a catalog table such as crm.orders)"
            )
        return self

    @property
    def is_catalog(self) -> bool:
        """Whether the table is a Spark catalog table (a name, no path)."""
        return self.path is None

    @model_validator(mode="after")
    def _decimal_differs_from_delimiter(self) -> TableSource:
        if self.decimal == "," and self.delimiter == ",":
            raise ValueError(
                "decimal ',' needs another delimiter than ','; files with decimal commas separate "
                "their columns with ';' (set delimiter: ';') or tabs"
            )
        return self


class Tables(StrictModel):
    """The canonical tables of docs/data_contract.md; orders unless only an outcome table."""

    customers: TableSource | None = None
    """Industry, size, region, owner, start of cooperation; default: the ids of the orders."""
    orders: TableSource | None = None
    """Orders or order lines: customer, date, amount (or quantity x unit price)."""
    surveys: TableSource | None = None
    """Satisfaction (1-5) and NPS (0-10) answers, with optional comments."""
    complaints: TableSource | None = None
    """One row per complaint."""
    contacts: TableSource | None = None
    """The campaign's invitation funnel per customer and channel."""
    costs: TableSource | None = None
    """Budget per category: planned and actual."""
    assignment: TableSource | None = None
    """Treatment/control per customer, only for a campaign planned outside the plan stage."""

    @model_validator(mode="after")
    def _known_columns(self) -> Tables:
        for name in type(self).model_fields:
            source = getattr(self, name)
            if source is None:
                continue
            known = TABLES[name].column_names
            for canonical in source.columns:
                if canonical not in known:
                    from campaign_eval.config._errors import did_you_mean

                    raise ValueError(
                        f"data.tables.{name}.columns.{canonical}: '{canonical}' is not a column of "
                        f"the {name} table{did_you_mean(canonical, known)}. "
                        f"Canonical columns: {', '.join(known)}"
                    )
            if source.on_duplicate != "refuse" and name != CUSTOMERS.name:
                raise ValueError(
                    f"data.tables.{name}.on_duplicate: only the customers table has one row per "
                    "id; remove the key here"
                )
        return self

    def items(self) -> list[tuple[str, TableSource]]:
        """The configured tables as (name, source) pairs."""
        return [(n, s) for n in type(self).model_fields if (s := getattr(self, n)) is not None]


_MASTER = re.compile(r"^(local(\[(\*|\d+)(,\d+)?\])?|yarn|[a-z][a-z0-9+.-]*://\S+)$")
"""A Spark master: local, local[N], local[*], yarn, or a URL (spark://, k8s://, ...)."""


class SparkParams(StrictModel):
    """How to reach Spark when `data.engine` is `spark` (see docs/spark.md)."""

    master: str = "local[*]"
    """Spark master: `local[*]` (every core of this machine), `local[N]`, `yarn`, or a cluster
    URL such as `spark://host:7077` or `k8s://https://host:443`. Ignored inside a notebook or
    `spark-submit` job that already has a Spark session."""
    app_name: str = "campaign_eval"
    """Name of the Spark application (shown in the Spark UI)."""
    conf: dict[str, str | int | float | bool] = Field(default_factory=dict)
    """Spark configuration, e.g. `{spark.driver.memory: 8g, spark.sql.shuffle.partitions: 64}`;
    Delta Lake needs its two `spark.sql` settings here (docs/spark.md)."""

    @field_validator("master")
    @classmethod
    def _known_master(cls, value: str) -> str:
        if not _MASTER.match(value):
            raise ValueError(
                f"{value!r} is no Spark master; write local[*] (this machine), local[4], yarn or a "
                "cluster URL such as spark://host:7077"
            )
        return value

    def settings(self) -> dict[str, str]:
        """The configuration as Spark wants it: text values, booleans as true/false."""
        return {
            k: (str(v).lower() if isinstance(v, bool) else str(v)) for k, v in self.conf.items()
        }


class DataParams(StrictModel):
    """Input data: one source per canonical table."""

    engine: Engine = "duckdb"
    """Engine that reads, checks and computes the data: `duckdb` (embedded, the default) or
    `spark` (pip extra `campaign_eval[spark]` and Java 17; see docs/spark.md)."""
    spark: SparkParams = Field(default_factory=SparkParams)
    """Spark master and configuration, used when `engine` is `spark`."""

    base_dir: str = "."
    """Folder the table paths are relative to; itself relative to the params file."""
    demo: bool = False
    """Generate the synthetic demo world into `base_dir` when its files are missing."""
    tables: Tables
    """The tables, by canonical name."""
    max_orphan_share: float = Field(0.05, ge=0, le=1)
    """Orders of customers missing from the customers table are left out and counted in the
    report; above this share of all orders (default 5%) the run is refused."""

    @model_validator(mode="after")
    def _sources_fit_engine(self) -> DataParams:
        if self.engine == "spark":
            return self
        for name, source in self.tables.items():
            if source.path is None:
                raise ValueError(
                    f"data.tables.{name}: table '{source.table}' without a path is a Spark "
                    "catalog table; set data.engine: spark, or give the file under path"
                )
            if source.format == "delta":
                raise ValueError(
                    f"data.tables.{name}.format: delta is read by Spark; set data.engine: spark, "
                    "or export the table as Parquet"
                )
        return self

    def resolve(self, params_dir: Path) -> Path:
        """Absolute base folder for a params file that lives in ``params_dir``."""
        return (params_dir / self.base_dir).resolve()
