"""One Spark session for every Spark test, in local mode on this machine's Java.

Every test here is marked ``spark`` (``pytest -m spark`` runs them alone, ``-m "not spark"``
leaves them out) and grouped on one xdist worker (``--dist loadgroup``), so the JVM starts once
per test run. Without pyspark or Java the tests fail with the reason rather than skip: CI
installs both (``.ci/run``, the ``spark`` extra), and a skipped comparison would prove nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

SPARK_TEST_CUSTOMERS = 1500
"""Size of the demo world compared on both engines: every segment and arm present, quick on Spark."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.spark)
            item.add_marker(pytest.mark.xdist_group("spark"))


@pytest.fixture(scope="session")
def spark(tmp_path_factory):
    """The test run's Spark session (local[2], a warehouse in a temporary folder)."""
    from campaign_eval.config.data import SparkParams
    from campaign_eval.io import spark as engine

    engine.check_available("the Spark tests")
    warehouse = tmp_path_factory.mktemp("spark_warehouse")
    params = SparkParams(
        master="local[2]",
        conf={
            "spark.sql.warehouse.dir": str(warehouse),
            "spark.ui.enabled": False,
            "spark.driver.extraJavaOptions": f"-Dderby.system.home={warehouse}",
        },
    )
    session, _ = engine.session(params)
    yield session
    session.stop()


@pytest.fixture(scope="session")
def spark_world(tmp_path_factory) -> Path:
    """A small seeded demo world, written once for the Spark tests."""
    from campaign_eval import datasets

    folder = tmp_path_factory.mktemp("spark_world")
    datasets.generate_demo(folder, n_customers=SPARK_TEST_CUSTOMERS, seed=7)
    return folder
