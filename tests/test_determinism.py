"""Identical inputs give byte-identical JSON: the full demo, run twice, writes the same bytes.

The engine adds sums on several threads, in an order that changes from run to run, so a float's
last digits may differ (about 1e-14 relative on the demo). ``artifacts.write_json_atomic`` keeps
10 significant digits (``JSON_SIGNIFICANT_DIGITS``), which makes the files identical; only the run
ids, which name each run's own folder, differ and are masked here.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import yaml

from campaign_eval.artifacts import EVALUATION_JSON, MONITORING_JSON, PLAN_JSON
from tests.conftest import ROOT

RUN_ID = re.compile(rb"\d{8}T\d{6}Z-[0-9a-f]{4}")


@pytest.mark.slow
@pytest.mark.xdist_group("demo_full")
def test_the_demo_run_twice_writes_byte_identical_json(tmp_path):
    from campaign_eval.run.runner import run_params_file

    raw = yaml.safe_load((ROOT / "params" / "demo.yaml").read_text(encoding="utf-8"))
    raw = json.loads(json.dumps(raw, default=str))
    raw["data"]["base_dir"] = str(tmp_path / "world")  # the full 20,000-customer world
    params = tmp_path / "demo.yaml"
    params.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    folders = []
    for attempt in ("first", "second"):  # separate outputs: no run sees the other's files
        result = run_params_file(params, out_root=tmp_path / attempt, today=dt.date(2026, 11, 30))
        assert result.ok, result
        folders.append(Path(result.run_dir))
    for name in (PLAN_JSON, MONITORING_JSON, EVALUATION_JSON):
        first, second = (RUN_ID.sub(b"RUN", (f / name).read_bytes()) for f in folders)
        assert first == second, f"{name} differs between two runs on the same inputs"
