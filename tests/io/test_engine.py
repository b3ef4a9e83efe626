"""The DuckDB connection the package opens: its memory share and where it spills."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import duckdb

from campaign_eval.io import engine


def _setting(con: duckdb.DuckDBPyConnection, name: str) -> str:
    return con.sql(f"SELECT value FROM duckdb_settings() WHERE name = '{name}'").fetchall()[0][0]


def test_duckdb_gets_a_twelfth_of_the_machine_and_spills_to_the_temp_folder():
    total = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    assert engine.duckdb_memory_limit_mb() == max(total // 12 // 2**20, 1024)
    with engine.connect() as con:
        limit = _setting(con, "memory_limit")  # e.g. '1.9 GiB'
        number, unit = limit.split()
        got_mb = float(number) * {"MiB": 1, "GiB": 1024}[unit]
        assert abs(got_mb - engine.duckdb_memory_limit_mb()) / got_mb < 0.05
        spill = Path(_setting(con, "temp_directory"))
        assert spill == Path(tempfile.gettempdir()) / "campaign_eval_duckdb"


def test_a_database_file_keeps_its_own_settings(tmp_path):
    path = tmp_path / "crm.duckdb"
    duckdb.connect(str(path)).close()
    with engine.connect(str(path), read_only=True) as con:
        assert _setting(con, "temp_directory") != str(
            Path(tempfile.gettempdir()) / "campaign_eval_duckdb"
        )


def test_a_materialized_frame_is_computed_once_and_kept(tmp_path):
    """Kept in the connection: the file it came from can go and the rows stay."""
    import narwhals as nw
    import pandas as pd

    source = tmp_path / "orders.parquet"
    pd.DataFrame({"customer_id": ["A", "B", "B"], "amount": [1.0, 2.0, 3.0]}).to_parquet(source)
    data = engine.CampaignData.from_frames({})
    lazy = data.register("orders", source).group_by("customer_id").agg(nw.col("amount").sum())
    kept = data.materialize(lazy)
    source.unlink()
    got = kept.sort("customer_id").collect("pandas").to_native()
    assert got.to_dict("list") == {"customer_id": ["A", "B"], "amount": [1.0, 5.0]}
    data.close()
