"""Params of the outputs section: per-customer results written back to the engine's storage."""

from __future__ import annotations

from typing import Literal

from campaign_eval.config._base import StrictModel

WriteFormat = Literal["parquet", "delta"]


class WriteBack(StrictModel):
    """Where the segments and the assignment are written back, besides the run folder.

    For populations too large for CSV: the rows go to the engine's storage, where the CRM or the
    next job reads them. Each run appends its rows with two extra columns, `campaign_id` and
    `run_id` (partitions of the table), so an earlier run's rows are never overwritten.
    """

    segments: str | None = None
    """Each customer's segment and tier (`customer_id`, `segment`, `tier`): with Spark a catalog
    table `db.table` or a folder or URL; with DuckDB a folder, relative to `data.base_dir`."""
    assignment: str | None = None
    """Each targeted customer's arm (`customer_id`, `segment`, `arm`), written by the plan stage;
    a catalog table, a folder or a URL as for `segments`."""
    format: WriteFormat = "parquet"
    """File format of a folder or URL: `parquet`, or `delta` (Spark with the Delta Lake package)."""


class OutputsParams(StrictModel):
    """Where results go besides the run folder."""

    write_back: WriteBack | None = None
    """Write the segments and the assignment back to the engine's storage (docs/spark.md)."""
