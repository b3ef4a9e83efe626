"""Reading on Spark: catalog tables, DataFrames, CSV checks as on DuckDB, and writing back."""

from __future__ import annotations

import pandas as pd
import pytest

from campaign_eval.config import CampaignParams
from campaign_eval.config.data import DataParams
from campaign_eval.io import DataValidationError, load_data
from campaign_eval.io.write_back import WriteBackError, write_back
from tests.conftest import TODAY

ORDERS = pd.DataFrame(
    {"customer_id": ["C1", "C2", "C2", "C3"],
     "order_date": ["2026-01-05", "2026-02-01", "2026-03-09", "2026-04-30"],
     "amount": [10.0, 20.5, 7.25, 3.0]}
)  # fmt: skip


def _data(tables: dict, engine: str = "spark") -> DataParams:
    return DataParams.model_validate({"engine": engine, "tables": tables})


def _orders(data) -> pd.DataFrame:
    return data.to_pandas("orders").sort_values(["customer_id", "order_date"], ignore_index=True)


def test_a_catalog_table_is_read_and_mapped(spark, tmp_path):
    spark.sql("CREATE DATABASE IF NOT EXISTS crm")
    renamed = ORDERS.rename(columns={"amount": "Betrag"})
    spark.createDataFrame(renamed).write.mode("overwrite").saveAsTable("crm.orders")
    params = _data({"orders": {"table": "crm.orders", "columns": {"amount": "Betrag"}}})
    data = load_data(params, tmp_path, today=TODAY)
    assert data.engine == "spark"
    assert data.sources == {}  # no file to checksum
    assert _orders(data)["amount"].tolist() == [10.0, 20.5, 7.25, 3.0]


def test_a_missing_catalog_table_is_refused_naming_the_key_and_the_tables_there(spark, tmp_path):
    spark.sql("CREATE DATABASE IF NOT EXISTS crm")
    spark.createDataFrame(ORDERS).write.mode("overwrite").saveAsTable("crm.orders")
    with pytest.raises(DataValidationError) as caught:
        load_data(_data({"orders": {"table": "crm.order"}}), tmp_path, today=TODAY)
    (problem,) = caught.value.problems
    assert "the Spark catalog has no table 'crm.order'; did you mean 'crm.orders'?" in problem
    assert "Fix data.tables.orders.table" in problem


def test_a_spark_dataframe_and_a_pandas_frame_give_the_files_numbers(spark, tmp_path):
    ORDERS.to_csv(tmp_path / "orders.csv", index=False)
    from_file = _orders(load_data(_data({"orders": {"path": "orders.csv"}}), tmp_path, today=TODAY))
    for frame in (spark.createDataFrame(ORDERS), ORDERS):
        given = load_data(_data({}), tmp_path, today=TODAY, frames={"orders": frame})
        pd.testing.assert_frame_equal(_orders(given), from_file)
    on_duckdb = load_data(_data({}, "duckdb"), tmp_path, today=TODAY,
                          frames={"orders": spark.createDataFrame(ORDERS)})  # fmt: skip
    pd.testing.assert_frame_equal(_orders(on_duckdb), from_file)


def test_a_bad_csv_gets_the_same_problems_on_both_engines(spark, tmp_path):
    bad = ORDERS.assign(order_date=["2026-01-05", "2027-02-01", "2026-03-09", "2026-04-30"])
    bad.loc[0, "amount"] = None
    bad.assign(amount=["10", "x", "7,25", "3"]).to_csv(tmp_path / "orders.csv", index=False)
    problems = {}
    for engine in ("duckdb", "spark"):
        with pytest.raises(DataValidationError) as caught:
            load_data(_data({"orders": {"path": "orders.csv"}}, engine), tmp_path, today=TODAY)
        problems[engine] = caught.value.problems
    assert any("are after today" in p for p in problems["duckdb"])
    assert problems["spark"] == problems["duckdb"]


def test_a_parquet_folder_with_nanosecond_dates_is_read_by_spark(spark, tmp_path):
    folder = tmp_path / "orders"
    folder.mkdir()
    frame = ORDERS.assign(order_date=pd.to_datetime(ORDERS["order_date"]).astype("datetime64[ns]"))
    frame.iloc[:2].to_parquet(folder / "part-0.parquet")
    frame.iloc[2:].to_parquet(folder / "part-1.parquet")
    data = load_data(_data({"orders": {"path": "orders"}}), tmp_path, today=TODAY)
    assert _orders(data)["order_date"].dt.strftime("%Y-%m-%d").tolist() == sorted(
        ORDERS["order_date"]
    )


def _params(write_back: dict) -> CampaignParams:
    return CampaignParams.model_validate({
        "campaign": {"id": "wb", "name": "Write back", "start": "2026-07-01", "event": "2026-07-02"},
        "data": {"engine": "spark", "tables": {"orders": {"path": "orders.csv"}}},
        "outputs": {"write_back": write_back},
    })  # fmt: skip


def test_segments_are_appended_to_a_catalog_table_run_by_run(spark, tmp_path):
    spark.sql("CREATE DATABASE IF NOT EXISTS crm")  # each test worker has a session of its own
    spark.sql("DROP TABLE IF EXISTS crm.segments")
    ORDERS.to_csv(tmp_path / "orders.csv", index=False)
    params = _params({"segments": "crm.segments"})
    data = load_data(params.data, tmp_path, today=TODAY)
    rows = pd.DataFrame({"customer_id": ["C1", "C2"], "segment": ["core", "new"],
                         "tier": ["strategic", "ordinary"]})  # fmt: skip
    assert write_back(data, params, tmp_path, "segments", rows, "run-1") == "crm.segments"
    write_back(data, params, tmp_path, "segments", rows, "run-2")
    stored = spark.table("crm.segments").toPandas()
    assert sorted(stored["run_id"].unique()) == ["run-1", "run-2"]
    assert len(stored) == 4 and set(stored["campaign_id"]) == {"wb"}


def test_an_assignment_goes_to_a_folder_once_per_run(spark, tmp_path):
    ORDERS.to_csv(tmp_path / "orders.csv", index=False)
    params = _params({"assignment": "written/assignment"})
    data = load_data(params.data, tmp_path, today=TODAY)
    rows = pd.DataFrame({"customer_id": ["C1"], "segment": ["core"], "arm": ["control"]})
    where = write_back(data, params, tmp_path, "assignment", rows, "run-1")
    assert (tmp_path / "written" / "assignment" / "campaign_id=wb" / "run_id=run-1").is_dir()
    assert spark.read.parquet(where).count() == 1
    with pytest.raises(WriteBackError, match="never overwritten"):
        write_back(data, params, tmp_path, "assignment", rows, "run-1")
