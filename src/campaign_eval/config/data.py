"""Params of the data section: where each canonical table lives and how its columns are named."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from campaign_eval.config._base import StrictModel
from campaign_eval.contract import TABLES

FileFormat = Literal["auto", "csv", "parquet", "xlsx", "duckdb"]


class TableSource(StrictModel):
    """One input table and the mapping of its columns onto the data contract."""

    path: str
    """File path, relative to `data.base_dir` (CSV, Parquet, XLSX or a DuckDB database file)."""
    format: FileFormat = "auto"
    """File format; `auto` decides by the file extension."""
    table: str | None = None
    """Table name inside a DuckDB database file."""
    sheet: str | None = None
    """Sheet name of an XLSX workbook (default: the first sheet)."""
    columns: dict[str, str] = Field(default_factory=dict)
    """Canonical column name -> column name in your file; unmapped columns keep their name."""
    date_format: str | None = None
    """strftime format of text dates, e.g. `%d/%m/%Y %H:%M`; ISO text and real dates need none."""


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
        return self

    def items(self) -> list[tuple[str, TableSource]]:
        """The configured tables as (name, source) pairs."""
        return [(n, s) for n in type(self).model_fields if (s := getattr(self, n)) is not None]


class DataParams(StrictModel):
    """Input data: one source per canonical table."""

    base_dir: str = "."
    """Folder the table paths are relative to; itself relative to the params file."""
    demo: bool = False
    """Generate the synthetic demo world into `base_dir` when its files are missing."""
    tables: Tables
    """The tables, by canonical name."""

    def resolve(self, params_dir: Path) -> Path:
        """Absolute base folder for a params file that lives in ``params_dir``."""
        return (params_dir / self.base_dir).resolve()
