"""The data section: readers' keys and their checks, the refusal thresholds."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from campaign_eval.config.data import DataParams, TableSource


def test_reader_keys_have_the_defaults_of_a_plain_csv():
    source = TableSource(path="o.csv")
    assert (source.encoding, source.delimiter, source.header_row, source.skip_rows) == (
        None, None, 1, 0,
    )  # fmt: skip
    assert (source.decimal, source.on_duplicate) == (".", "refuse")
    assert DataParams.model_validate({"tables": {}}).max_orphan_share == 0.05


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ({"encoding": "utf-9"}, "unknown encoding 'utf-9'"),
        ({"delimiter": ";;"}, "the delimiter is one character"),
        ({"delimiter": '"'}, "the delimiter is one character"),
        ({"decimal": ",", "delimiter": ","}, "decimal ',' needs another delimiter than ','"),
        ({"header_row": 0}, "greater than or equal to 1"),
        ({"skip_rows": -1}, "greater than or equal to 0"),
        ({"decimal": ";"}, "Input should be '.' or ','"),
    ],
)
def test_reader_keys_are_checked(source, expected):
    with pytest.raises(ValidationError, match=expected):
        TableSource.model_validate({"path": "o.csv", **source})


@pytest.mark.parametrize("value", ["gb18030", "GBK", "utf-16", "cp1252", "latin-1"])
def test_any_python_encoding_name_is_taken(value):
    assert TableSource(path="o.csv", encoding=value).encoding == value


def test_whitespace_and_a_tab_are_delimiters_and_null_means_no_header():
    assert TableSource(path="o.txt", delimiter="whitespace").delimiter == "whitespace"
    assert TableSource(path="o.txt", delimiter="\t").delimiter == "\t"
    assert TableSource.model_validate({"path": "o.txt", "header_row": None}).header_row is None


def test_on_duplicate_belongs_to_the_customers_table():
    tables = {"customers": {"path": "c.csv", "on_duplicate": "first"}}
    assert DataParams.model_validate({"tables": tables}).tables.customers.on_duplicate == "first"
    with pytest.raises(ValidationError, match="only the customers table has one row per id"):
        DataParams.model_validate({"tables": {"orders": {"path": "o.csv", "on_duplicate": "last"}}})


@pytest.mark.parametrize("share", [-0.1, 1.5])
def test_max_orphan_share_is_a_share(share):
    with pytest.raises(ValidationError):
        DataParams.model_validate({"tables": {}, "max_orphan_share": share})


# --------------------------------------------------------------------------------------------------
# The engine: DuckDB or Spark, and what only Spark reads


def _data(**extra):
    from campaign_eval.config.data import DataParams

    return DataParams.model_validate({"tables": {"orders": {"path": "o.parquet"}}, **extra})


def test_duckdb_is_the_default_engine_and_spark_runs_locally_by_default():
    data = _data()
    assert data.engine == "duckdb"
    assert data.spark.master == "local[*]"


def test_spark_settings_are_text_as_spark_wants_them():
    data = _data(engine="spark", spark={"master": "spark://host:7077",
                                         "conf": {"spark.sql.shuffle.partitions": 64, "x.y": True}})  # fmt: skip
    assert data.spark.settings() == {"spark.sql.shuffle.partitions": "64", "x.y": "true"}


@pytest.mark.parametrize("master", ["local", "local[*]", "local[3]", "yarn", "k8s://https://h:443"])
def test_known_spark_masters_are_accepted(master):
    assert _data(spark={"master": master}).spark.master == master


def test_an_unknown_spark_master_is_refused_with_examples():
    with pytest.raises(ValueError, match="is no Spark master; write local"):
        _data(spark={"master": "my cluster"})


def test_a_catalog_table_needs_spark():
    from campaign_eval.config.data import DataParams

    with pytest.raises(ValueError, match=r"is a Spark catalog table; set data\.engine: spark"):
        DataParams.model_validate({"tables": {"orders": {"table": "crm.orders"}}})
    spark = DataParams.model_validate(
        {"engine": "spark", "tables": {"orders": {"table": "crm.orders"}}}
    )
    assert spark.tables.orders is not None and spark.tables.orders.is_catalog


def test_delta_needs_spark():
    with pytest.raises(ValueError, match="delta is read by Spark"):
        _data(tables={"orders": {"path": "orders", "format": "delta"}})


def test_a_table_needs_a_path_or_a_catalog_name():
    with pytest.raises(ValueError, match="give path"):
        _data(tables={"orders": {"columns": {"amount": "Betrag"}}})
