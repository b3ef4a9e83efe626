"""The checks' SQL, written in DuckDB's dialect, as SQLGlot writes it for Spark."""

from __future__ import annotations

import duckdb
import pytest

from campaign_eval.io.sql import SqlFrame, to_dialect
from campaign_eval.io.validation import date_sql, number_sql


def test_duckdb_sql_is_left_exactly_as_written():
    sql = "count(*) FILTER (WHERE ends_with(\"id\", '.0'))"
    assert to_dialect(sql, "duckdb") is sql


@pytest.mark.parametrize(
    ("duckdb_sql", "spark_sql"),
    [
        ("ends_with(\"id\", '.0')", "ENDSWITH(`id`, '.0')"),
        ('count(*) FILTER (WHERE "x" IS NULL)', "COUNT(*) FILTER(WHERE `x` IS NULL)"),
        (number_sql('"a"', text=True, decimal=","),
         "TRY_CAST(REPLACE(REPLACE(TRIM(`a`), '.', ''), ',', '.') AS DOUBLE)"),
        ("TRY_CAST(\"d\" AS TIMESTAMP) >= TIMESTAMP '2026-12-01'",
         "TRY_CAST(`d` AS TIMESTAMP_NTZ) >= CAST('2026-12-01' AS TIMESTAMP_NTZ)"),
    ],
)  # fmt: skip
def test_spark_sql_is_generated_by_sqlglot(duckdb_sql, spark_sql):
    assert to_dialect(duckdb_sql, "spark") == spark_sql


def test_a_date_parsed_by_its_format_becomes_sparks_try_to_timestamp_with_a_java_format():
    text = date_sql('"d"', kind="text", date_format="%d/%m/%Y %H:%M")
    assert to_dialect(text, "spark") == "TRY_TO_TIMESTAMP(CAST(`d` AS STRING), 'd/M/yyyy H:m')"
    number = date_sql('"d"', kind="number", date_format="%Y%m%d")
    assert to_dialect(number, "spark").startswith("TRY_TO_TIMESTAMP(")
    assert to_dialect(number, "spark").endswith("'yyyyMMdd')")


def test_a_duckdb_frame_counts_filters_and_quotes_values():
    con = duckdb.connect()
    frame = SqlFrame(con.sql("SELECT * FROM (VALUES ('a', 1.5), ('b', NULL), ('c', 3.0)) t(k, v)"))
    assert frame.columns == ["k", "v"]
    assert frame.type_name("v") == "DECIMAL"
    assert frame.count() == 3
    assert frame.row(["count(*) FILTER (WHERE v IS NULL)", "max(k)"]) == (1, "c")
    assert frame.filter("v > 2").values("k", 5) == ["c"]
    assert sorted(frame.distinct_values("k")) == ["a", "b", "c"]
