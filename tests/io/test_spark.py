"""What Spark needs, checked before any kernel starts: pyspark, a Java it runs on; local settings.

These tests start no Spark session (``tests/spark`` does); they fake what is missing.
"""

from __future__ import annotations

import sys

import pytest

from campaign_eval.config.data import DataParams
from campaign_eval.io import DataValidationError, load_data
from campaign_eval.io import spark as engine
from tests.conftest import TODAY

SPARK_DATA = {"engine": "spark", "tables": {"orders": {"path": "orders.parquet"}}}


@pytest.fixture
def no_session(monkeypatch):
    """As on a machine where no Spark session runs yet (the Spark tests may have one)."""
    monkeypatch.setattr(engine, "_active_session", lambda: None)


def test_spark_without_pyspark_is_refused_with_the_extra_to_install(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "pyspark", None)  # import pyspark raises ImportError
    with pytest.raises(DataValidationError) as caught:
        load_data(DataParams.model_validate(SPARK_DATA), tmp_path, today=TODAY, label="c.yaml")
    (problem,) = caught.value.problems
    assert problem.startswith("c.yaml: data.engine is spark, but pyspark is not installed")
    assert "pip install 'campaign_eval[spark]'" in problem
    assert "data.engine: duckdb" in problem


def test_spark_without_java_is_refused_with_the_package_to_install(
    monkeypatch, tmp_path, no_session
):
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setattr(engine.shutil, "which", lambda name: None)
    with pytest.raises(DataValidationError) as caught:
        load_data(DataParams.model_validate(SPARK_DATA), tmp_path, today=TODAY, label="c.yaml")
    (problem,) = caught.value.problems
    assert "data.engine is spark, but no Java was found" in problem
    assert "openjdk-17-jre-headless" in problem


def test_an_old_java_is_refused_with_the_version_spark_needs(monkeypatch, no_session):
    monkeypatch.setattr(engine, "java_major", lambda: 11)
    with pytest.raises(engine.SparkUnavailableError, match="version 11; Spark 4 needs Java 17"):
        engine.check_available()


def test_the_java_version_is_read_from_java_itself():
    major = engine.java_major()
    assert major is None or major >= 8


@pytest.mark.parametrize(
    ("master", "partitions"),
    [("local[4]", "8"), ("local[1]", "2"), ("spark://host:7077", None), ("yarn", None)],
)
def test_a_local_master_gets_two_shuffle_partitions_per_core(master, partitions):
    assert engine._local_settings(master).get("spark.sql.shuffle.partitions") == partitions


def test_a_local_driver_gets_a_quarter_of_the_machine_not_spark_s_1_gb(monkeypatch):
    monkeypatch.setattr(engine, "_memory_gib", lambda: 24)  # this project's machines
    assert engine._local_settings("local[*]")["spark.driver.memory"] == "6g"
    monkeypatch.setattr(engine, "_memory_gib", lambda: 2)
    assert engine._local_settings("local[2]")["spark.driver.memory"] == "1g"
    assert "spark.driver.memory" not in engine._local_settings("yarn")  # the cluster's own
