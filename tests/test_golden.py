"""The full demo's JSON equals the stored golden copy: no number moves by accident.

A refactoring must leave plan.json, monitoring.json and evaluation.json of ``params/demo.yaml``
identical. When a number is meant to change, regenerate the copy on purpose
(``python tests/golden/golden.py update RUN_DIR``) and say in the commit which number and why.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT
from tests.golden import golden


def test_differences_finds_a_moved_number_and_ignores_run_names():
    base = {"run_id": "a", "goals": [{"power": 0.8, "n": 3, "ok": True, "label": "x"}]}
    moved = {"run_id": "b", "goals": [{"power": 0.8000001, "n": 3, "ok": True, "label": "x"}]}
    noise = {
        "run_id": "c",
        "goals": [{"power": 0.8 * (1 + 1e-12), "n": 3, "ok": True, "label": "x"}],
    }
    assert golden.differences(golden._strip(noise), golden._strip(base)) == []
    assert golden.differences(golden._strip(moved), golden._strip(base)) == [
        "$.goals[0].power: 0.8000001 != golden 0.8"
    ]
    assert golden.differences({"ok": 1}, {"ok": True}) != []  # a bool is not a number
    assert golden.differences({"a": 1}, {"b": 1}) == ["$.a: new key (1)", "$.b: missing (golden 1)"]


@pytest.mark.slow
@pytest.mark.xdist_group("demo_full")
def test_full_demo_json_is_identical_to_the_golden_copy(tmp_path):
    from campaign_eval.run.runner import run_params_file

    raw = yaml.safe_load((ROOT / "params" / "demo.yaml").read_text(encoding="utf-8"))
    raw = json.loads(json.dumps(raw, default=str))
    raw["data"]["base_dir"] = str(
        tmp_path / "world"
    )  # generated here: the full 20,000-customer demo
    params = tmp_path / "demo.yaml"
    params.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")

    result = run_params_file(
        params, out_root=tmp_path / "out", today=dt.date.fromisoformat(golden.GOLDEN_TODAY)
    )
    assert result.ok, result
    assert golden.compare(Path(result.run_dir)) == []
