"""evaluation.json and evaluation_effects.csv: the documented keys, aggregates only, null for NaN."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from dataclasses import replace

import numpy as np
import pandas as pd

from campaign_eval import artifacts
from campaign_eval.evaluation import export
from campaign_eval.evaluation.contamination import Contamination
from campaign_eval.evaluation.notices import NOTICE_KEYS
from tests.conftest import ROOT
from tests.evaluation._helpers import churn_rise, flagged


def _documented_keys() -> set[str]:
    text = (ROOT / "docs" / "evaluation_json.md").read_text(encoding="utf-8")
    return set(re.findall(r"^\| `([^`]+)` \|", text, flags=re.MULTILINE))


def _paths(value, prefix: str = "") -> set[str]:
    found = set()
    if isinstance(value, dict):
        for key, inner in value.items():
            path = f"{prefix}.{key}" if prefix else key
            found |= {path} | _paths(inner, path)
    elif isinstance(value, list):
        for item in value:
            found |= _paths(item, f"{prefix}[]")
    return found


def _documented(path: str, exact: set[str], patterns: list[re.Pattern[str]]) -> bool:
    return path in exact or any(p.fullmatch(path) for p in patterns)


def test_evaluation_json_has_exactly_the_documented_keys(small, uncontrolled, email):
    documented = _documented_keys()
    wildcard = {k for k in documented if "{" in k}
    exact = documented - wildcard
    # {name} in a documented key stands for one path segment (an attribute, a list's name)
    patterns = {k: re.compile(re.sub(r"\\\{[^}]+\\\}", r"[^.]+", re.escape(k))) for k in wildcard}
    contaminated = replace(small.result, contamination=Contamination(15, "r1", "2026-07-15"))
    results = (small.result, flagged(small.result), uncontrolled.result, email[1].result,
               contaminated)  # fmt: skip
    payloads = [export.to_json(r) for r in results]
    seen = set()
    for payload in payloads:
        assert payload["schema_version"] == export.SCHEMA_VERSION == 2
        paths = _paths(payload)
        undocumented = {p for p in paths if not _documented(p, exact, list(patterns.values()))}
        assert undocumented == set(), sorted(undocumented)
        seen |= paths
    for key in export.COMPARISON_KEYS:
        assert f"comparisons[].{key}" in seen
    for key in export.GOAL_KEYS:
        assert f"goals.items[].{key}" in seen
    for key in export.BEFORE_AFTER_KEYS:
        assert f"before_after[].{key}" in seen
    assert exact - seen == set(), sorted(exact - seen)


def test_the_files_hold_aggregates_only(small, raw, tmp_path):
    written = export.write(tmp_path, small.result)
    assert set(written) == {"evaluation", "evaluation_effects"}
    payload = json.loads((tmp_path / artifacts.EVALUATION_JSON).read_text(encoding="utf-8"))
    effects = pd.read_csv(tmp_path / artifacts.EVALUATION_EFFECTS_CSV)
    assert len(effects) == len(payload["comparisons"]) == len(small.result.effects.rows)
    assert list(effects.columns) == list(export.COMPARISON_KEYS)
    text = (tmp_path / artifacts.EVALUATION_JSON).read_text(encoding="utf-8")
    assert not any(cid in text for cid in raw["assignment"].index[:300])
    assert payload["windows"]["pre"] == {"after": "2026-05-31", "through": "2026-06-30"}
    assert payload["windows"]["active_as_of"] == "2026-06-30"
    assert payload["notes"] == list(small.result.notes)
    assert payload["messages"] == [NOTICE_KEYS[n.code] for n in small.result.notices]


def test_goals_the_plan_flagged_keep_their_problems_and_no_progress(small):
    items = export.to_json(flagged(small.result))["goals"]["items"]
    assert items[0]["problems"][0]["code"] == "target_wrong_side"
    assert items[0]["progress"] is None and items[0]["grade"] == "poor"


def test_without_control_there_is_no_effects_file(uncontrolled, tmp_path):
    written = export.write(tmp_path, uncontrolled.result)
    assert set(written) == {"evaluation"}
    payload = export.to_json(uncontrolled.result)
    assert payload["has_control"] is False and payload["comparisons"] == []
    assert payload["before_after"] and payload["messages"] == ["ev.msg.no_control"]


def test_a_significant_rise_of_churn_is_written_as_not_improved(small):
    payload = export.to_json(churn_rise(small.result))
    (row,) = payload["comparisons"]
    assert row["metric"] == "churn_rate" and row["diff"] > 0
    assert row["significant"] is True and row["improved"] is False


def test_jsonable_writes_null_for_what_does_not_exist():
    value = {"nan": math.nan, "inf": np.float64("inf"), "int": np.int64(3), "flag": np.bool_(True),
             "day": dt.date(2026, 7, 1), "na": pd.NA, "tuple": (1.5, None), 4: "four"}  # fmt: skip
    assert export.jsonable(value) == {"nan": None, "inf": None, "int": 3, "flag": True,
                                      "day": "2026-07-01", "na": None, "tuple": [1.5, None],
                                      "4": "four"}  # fmt: skip
