"""Write per-customer results (segments, assignment) back to the engine's storage (``outputs``).

For populations too large for CSV the rows go where the data came from: with Spark to a catalog
table (``db.table``) or a Parquet or Delta folder or URL, with DuckDB to a Parquet folder. Each run
appends its rows under two more columns, ``campaign_id`` and ``run_id``, which also partition the
folder (``campaign_id=.../run_id=.../``); so rows of an earlier run are never overwritten, and a
run's rows are written once (writing the same run again is refused).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pandas as pd

from campaign_eval.config import CampaignParams
from campaign_eval.config.outputs import WriteBack
from campaign_eval.io.engine import CampaignData, DuckEngine

Kind = Literal["segments", "assignment"]
PARTITIONS = ("campaign_id", "run_id")
"""Columns every written row carries, and the folder partitions."""
_KEY = "outputs.write_back"


class WriteBackError(RuntimeError):
    """A write-back that would overwrite rows, or that its target refuses; names the key."""


def target(params: CampaignParams, kind: Kind) -> str | None:
    """Where ``outputs.write_back.<kind>`` points, None when it is not set."""
    write_back: WriteBack | None = params.outputs.write_back
    return None if write_back is None else getattr(write_back, kind)


def write_back(
    data: CampaignData,
    params: CampaignParams,
    params_dir: Path,
    kind: Kind,
    frame: pd.DataFrame,
    run_id: str,
) -> str | None:
    """Append ``frame`` to the table or folder ``outputs.write_back.<kind>`` names.

    Args:
        data: The campaign's tables (their engine does the writing).
        params: The params (``outputs.write_back`` and the campaign id).
        params_dir: The params file's folder (a relative folder starts at ``data.base_dir``).
        kind: ``segments`` or ``assignment``.
        frame: One row per customer.
        run_id: The run's id (its folder name).

    Returns:
        Where the rows went (a table name, a folder or a URL), None when nothing was asked.

    Raises:
        WriteBackError: When this run's rows are there already, or the engine refuses.
    """
    where = target(params, kind)
    if where is None:
        return None
    rows = frame.assign(campaign_id=params.campaign.id, run_id=run_id)
    write = params.outputs.write_back
    fmt = write.format if write is not None else "parquet"
    if isinstance(data.con, DuckEngine):
        folder = _folder(where, params, params_dir)
        return str(_duckdb_write(data.con, rows, folder, kind))
    return _spark_write(data, rows, where, fmt, params, params_dir, kind)


def _folder(where: str, params: CampaignParams, params_dir: Path) -> Path:
    return (params.data.resolve(params_dir) / where).resolve()


def _partition(folder: Path, rows: pd.DataFrame) -> Path:
    campaign, run = (str(rows[c].iloc[0]) if len(rows) else "" for c in PARTITIONS)
    return folder / f"campaign_id={campaign}" / f"run_id={run}"


def _duckdb_write(engine: DuckEngine, rows: pd.DataFrame, folder: Path, kind: Kind) -> Path:
    """One Parquet file in the run's partition of ``folder``, written by DuckDB."""
    part = _partition(folder, rows)
    file = part / f"{kind}.parquet"
    if file.exists():
        raise WriteBackError(
            f"{_KEY}.{kind}: {file} exists: this run's rows were written already; rows are "
            "never overwritten"
        )
    part.mkdir(parents=True, exist_ok=True)
    partial = file.with_suffix(".parquet.partial")
    relation = engine.from_pandas(rows.drop(columns=list(PARTITIONS)))
    relation.write_parquet(str(partial))
    partial.replace(file)  # a reader never sees half a file
    return file


def _spark_write(
    data: CampaignData,
    rows: pd.DataFrame,
    where: str,
    fmt: str,
    params: CampaignParams,
    params_dir: Path,
    kind: Kind,
) -> str:
    """Append to a catalog table (``db.table``) or a folder or URL, partitioned by run."""
    from campaign_eval.io.spark import SparkEngine

    if not isinstance(data.con, SparkEngine):
        raise TypeError("a Spark write-back needs the Spark engine")
    frame = data.con.from_pandas(rows)
    writer = frame.write.mode("append").partitionBy(*PARTITIONS)
    try:
        if _is_table_name(where):
            writer.format(fmt).saveAsTable(where)
            return where
        location = where if "://" in where else str(_folder(where, params, params_dir))
        if "://" not in location and _partition(Path(location), rows).exists():
            raise WriteBackError(
                f"{_KEY}.{kind}: {location} holds this run's rows already; rows are never "
                "overwritten"
            )
        writer.format(fmt).save(location)
        return location
    except WriteBackError:
        raise
    except Exception as exc:  # noqa: BLE001 - pyspark raises many kinds for a refused write
        from campaign_eval.io.spark import spark_reason

        raise WriteBackError(
            f"{_KEY}.{kind}: Spark could not write to {where}: {spark_reason(exc)}"
        ) from None


def _is_table_name(where: str) -> bool:
    """``db.table`` (or ``catalog.db.table``): no slash, no URL."""
    return "/" not in where and "\\" not in where and not where.endswith((".parquet", ".delta"))
