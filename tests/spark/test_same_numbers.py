"""The demo gives the same numbers on Spark local as on DuckDB: one run of the four stages each.

Both engines read the same demo world; each stage's ``run`` (the call its notebook makes) writes
its artifacts, and the two runs are compared: segment membership and assignment row for row,
plan.json, monitoring.json and evaluation.json to 1e-9 relative (the golden copy's tolerance:
sums in an engine may be added in another order). Kernels and rendering are left out (the
notebooks are the same for both engines, and ``tests/test_golden.py`` runs them on DuckDB).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
import yaml

from campaign_eval import artifacts
from tests.conftest import ROOT
from tests.golden import golden

TODAY = golden.GOLDEN_TODAY
STAGES = ("segmentation", "plan", "monitoring", "evaluation")
JSON_FILES = (artifacts.PLAN_JSON, artifacts.MONITORING_JSON, artifacts.EVALUATION_JSON)


def _params(folder: Path, world: Path, engine: str) -> Path:
    raw = yaml.safe_load((ROOT / "params" / "demo.yaml").read_text(encoding="utf-8"))
    raw = json.loads(json.dumps(raw, default=str))
    raw["data"].update(base_dir=str(world), demo=False, engine=engine)
    path = folder / f"demo_{engine}.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    return path


def _run_stages(params: Path, run_dir: Path) -> str:
    """Run the four stages in this process, on one load of the data; the engine it used."""
    import importlib

    from campaign_eval.run import open_stage

    run_dir.mkdir(parents=True)
    data = None
    for stage in STAGES:
        ctx = open_stage(stage, str(params), run_dir=str(run_dir), today=TODAY)
        if data is None:
            data = ctx.data
        ctx.__dict__["data"] = data  # the cached property, loaded once for the four stages
        importlib.import_module(f"campaign_eval.{stage}").run(ctx)
    assert data is not None
    return data.engine


@pytest.fixture(scope="module")
def runs(spark, spark_world, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("same_numbers")
    out = {}
    for engine in ("duckdb", "spark"):
        run_dir = folder / engine / "run"
        assert _run_stages(_params(folder, spark_world, engine), run_dir) == engine
        out[engine] = run_dir
    return out


def _frame(run_dir: Path, name: str, columns: list[str]) -> pd.DataFrame:
    frame = pd.read_parquet(run_dir / name)[columns]
    return frame.sort_values(columns[0]).reset_index(drop=True)


def test_segment_membership_and_tiers_are_identical(runs):
    columns = ["customer_id", "segment", "tier"]
    duck, spark = (_frame(runs[e], artifacts.SEGMENTS, columns) for e in ("duckdb", "spark"))
    assert len(duck) > 0
    assert set(duck["segment"]) >= {"core", "growth", "churn_risk", "new", "maintain"}
    pd.testing.assert_frame_equal(spark, duck)


def test_assignment_is_identical(runs):
    columns = list(artifacts.ASSIGNMENT_COLUMNS)
    duck, spark = (_frame(runs[e], artifacts.ASSIGNMENT, columns) for e in ("duckdb", "spark"))
    assert set(duck["arm"]) == {"treatment", "control"}
    pd.testing.assert_frame_equal(spark, duck)


@pytest.mark.parametrize("name", JSON_FILES)
def test_stage_json_agrees_to_1e_9(runs, name):
    duck, spark = (json.loads((runs[e] / name).read_text(encoding="utf-8")) for e in runs)
    assert golden.differences(golden._strip(spark), golden._strip(duck)) == []


def test_the_comparison_can_fail(runs):
    """A number moved by one part in a million is found: the tolerance is not too wide."""
    duck = json.loads((runs["duckdb"] / artifacts.EVALUATION_JSON).read_text(encoding="utf-8"))
    moved = json.loads(json.dumps(duck), parse_float=lambda v: float(v) * (1 + 1e-6))
    assert golden.differences(golden._strip(moved), golden._strip(duck)) != []


def test_the_spark_run_read_its_dates_as_wall_clock_times(spark):
    """The settings that make Spark's dates DuckDB's are on the session (docs in io/spark.py)."""
    from campaign_eval.io.spark import SESSION_SETTINGS

    for key, value in SESSION_SETTINGS.items():
        assert spark.conf.get(key) == value
    literal = spark.range(1).selectExpr("TIMESTAMP '2026-07-01 00:00:00' AS t").schema["t"]
    assert type(literal.dataType).__name__ == "TimestampNTZType"
    assert dt.date.fromisoformat(TODAY)  # the runs above used the golden copy's today
