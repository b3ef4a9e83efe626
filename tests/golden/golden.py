"""Golden copy of the demo's JSON: a refactoring must leave every number where it was.

The demo (``params/demo.yaml``, the full 20,000-customer world, today fixed at ``GOLDEN_TODAY``) writes
plan.json, monitoring.json and evaluation.json. This module compares them with the copies stored
beside it, ignoring only what names the run (run id, the day it ran). Floats are compared to
``RTOL`` relative, because sums in the engine may be added in a different order between runs.

Usage::

    python tests/golden/golden.py compare RUN_DIR   # exit 1 and list the differences
    python tests/golden/golden.py update RUN_DIR    # store RUN_DIR's JSON as the new golden copy

Update only on purpose, when a number is meant to change, and say which and why in the commit.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
FILES = ("plan.json", "monitoring.json", "evaluation.json")
GOLDEN_TODAY = "2026-11-30"
RTOL = 1e-9
IGNORED_KEYS = frozenset({"run_id", "monitoring_run", "today", "evaluated_on"})
"""Keys that name the run rather than its results."""


def _strip(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in IGNORED_KEYS}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def differences(actual: Any, expected: Any, where: str = "$") -> list[str]:
    """Every place where ``actual`` differs from ``expected``, as JSON paths with both values."""
    if isinstance(expected, dict | list) and isinstance(actual, dict | list):
        return _container_differences(actual, expected, where)
    if isinstance(actual, bool) != isinstance(expected, bool):
        return [f"{where}: {actual!r:.80} != golden {expected!r:.80}"]
    numbers = (int, float)
    if isinstance(actual, numbers) and isinstance(expected, numbers):
        if math.isclose(actual, expected, rel_tol=RTOL, abs_tol=1e-12):
            return []
    elif actual == expected:
        return []
    return [f"{where}: {actual!r:.80} != golden {expected!r:.80}"]


def _container_differences(actual: Any, expected: Any, where: str) -> list[str]:
    if isinstance(expected, dict) and isinstance(actual, dict):
        out = []
        for key in sorted(set(expected) | set(actual)):
            if key not in actual:
                out.append(f"{where}.{key}: missing (golden {expected[key]!r:.80})")
            elif key not in expected:
                out.append(f"{where}.{key}: new key ({actual[key]!r:.80})")
            else:
                out.extend(differences(actual[key], expected[key], f"{where}.{key}"))
        return out
    if isinstance(expected, list) and isinstance(actual, list):
        if len(actual) != len(expected):
            return [f"{where}: {len(actual)} items, golden {len(expected)}"]
        return [d for i, (a, e) in enumerate(zip(actual, expected, strict=True))
                for d in differences(a, e, f"{where}[{i}]")]  # fmt: skip
    return [f"{where}: {type(actual).__name__} != golden {type(expected).__name__}"]


def compare(run_dir: Path) -> list[str]:
    """Differences between a run's JSON and the golden copy (empty when identical)."""
    out = []
    for name in FILES:
        actual = _strip(json.loads((run_dir / name).read_text(encoding="utf-8")))
        expected = _strip(json.loads((HERE / name).read_text(encoding="utf-8")))
        out.extend(f"{name} {d}" for d in differences(actual, expected))
    return out


def update(run_dir: Path) -> None:
    """Store a run's JSON as the golden copy."""
    for name in FILES:
        data = _strip(json.loads((run_dir / name).read_text(encoding="utf-8")))
        text = json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True)
        (HERE / name).write_text(text + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    """Command line: ``compare RUN_DIR`` or ``update RUN_DIR``."""
    if len(argv) != 2 or argv[0] not in {"compare", "update"}:
        print(__doc__)  # noqa: T201
        return 2
    run_dir = Path(argv[1])
    if argv[0] == "update":
        update(run_dir)
        return 0
    found = compare(run_dir)
    print("\n".join(found) or "identical to the golden copy")  # noqa: T201
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
