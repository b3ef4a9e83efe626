"""Helpers of the plan tests: the documented keys of plan.json and a check against them."""

from __future__ import annotations

import re

from campaign_eval.plan.export import PLAN_SCHEMA_VERSION
from tests.conftest import ROOT

PLAN_JSON_DOC = ROOT / "docs" / "plan_json.md"


def documented_patterns() -> list[re.Pattern[str]]:
    """One pattern per key of the table in docs/plan_json.md (``{segment}`` matches any key)."""
    text = PLAN_JSON_DOC.read_text(encoding="utf-8")
    keys = re.findall(r"^\| `([^`]+)` \|", text, flags=re.MULTILINE)
    patterns = []
    for key in keys:
        regex = re.sub(r"\\\{[a-z]+\\\}", r"[^.]+", re.escape(key))
        patterns.append(re.compile(f"^{regex}$"))
    return patterns


def leaves(value: object, prefix: str = "") -> list[str]:
    """The dotted path of every leaf of a JSON value (``[]`` for the elements of a list)."""
    if isinstance(value, dict) and value:
        return [
            leaf for k, v in value.items() for leaf in leaves(v, f"{prefix}.{k}" if prefix else k)
        ]
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        return [leaf for v in value for leaf in leaves(v, f"{prefix}[]")]
    return [prefix]


def check_plan_json(payload: dict) -> None:
    """Every key of ``payload`` is documented, every documented top key is there."""
    patterns = documented_patterns()
    undocumented = sorted(
        {leaf for leaf in leaves(payload) if not any(p.match(leaf) for p in patterns)}
    )
    assert undocumented == [], f"keys missing from docs/plan_json.md: {undocumented}"
    top = {p.pattern.strip("^$") for p in patterns if "." not in p.pattern and "[" not in p.pattern}
    assert top <= payload.keys()
    assert payload["schema_version"] == PLAN_SCHEMA_VERSION
    for goal in payload["goals"]:
        for key in ("id", "metric", "scope", "direction", "window_days", "baseline", "target",
                    "deadline", "n_in_scope", "n_required_per_arm", "mde", "powered", "problems"):  # fmt: skip
            assert key in goal
