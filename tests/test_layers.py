"""Imports point one way: cli/run -> stages -> io/metrics/stats/report -> config/contract/conventions.

Every import of every module, at the top or inside a function, is checked against the layer of
the module it names; only imports under ``if TYPE_CHECKING:`` (type hints, never executed) are
exempt. The light entry points are checked by importing them in a fresh interpreter.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "campaign_eval"

LAYERS: list[tuple[str, ...]] = [
    ("checks", "conventions", "contract", "metrics", "metrics.catalogue"),
    ("config",),
    ("stats", "io", "metrics.outcomes", "artifacts", "report"),
    STAGES := ("segmentation", "plan", "monitoring", "evaluation"),
    ("datasets", "run"),
    ("cli", "__init__"),
]
"""Lowest first. A module may import its own layer and the layers below."""

STAGE_REUSE = {("plan", "segmentation")}
"""The only stage that imports another: the plan segments customers with the segmentation's
rules when no segments file exists. Other stages meet only through artifacts."""


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    if parts[-1] == "__init__" and len(parts) > 1:
        parts = parts[:-1]
    return ".".join(parts)


def layer_of(module: str) -> int:
    """The layer of ``campaign_eval.<module>``: the longest matching prefix wins."""
    best, best_len = None, -1
    for index, names in enumerate(LAYERS):
        for name in names:
            if (module == name or module.startswith(name + ".")) and len(name) > best_len:
                best, best_len = index, len(name)
    if best is None:
        raise AssertionError(f"campaign_eval.{module} is in no layer: add it to LAYERS")
    return best


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(n) for child in node.body for n in ast.walk(child))
    return skipped


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, imported campaign_eval module) of every runtime import in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _type_checking_nodes(tree)
    found = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "campaign_eval":
                found += [(node.lineno, alias.name) for alias in node.names]
            elif node.module.startswith("campaign_eval."):
                found.append((node.lineno, node.module.removeprefix("campaign_eval.")))
        elif isinstance(node, ast.Import):
            found += [
                (node.lineno, alias.name.removeprefix("campaign_eval."))
                for alias in node.names
                if alias.name.startswith("campaign_eval.")
            ]
    return found


def test_every_import_points_down_or_sideways():
    wrong = []
    for path in sorted(SRC.rglob("*.py")):
        here = module_name(path)
        mine = layer_of(here)
        for line, target in imports_of(path):
            there = (here.split(".")[0], target.split(".")[0])
            across_stages = there[0] != there[1] and set(there) <= set(STAGES)
            if layer_of(target) > mine or (across_stages and there not in STAGE_REUSE):
                wrong.append(f"{path.relative_to(SRC)}:{line} imports campaign_eval.{target}")
    assert wrong == []


def test_the_layer_check_sees_an_upward_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from campaign_eval.run.context import StageContext\n"
        "def f():\n    from campaign_eval.evaluation import run\n"
    )
    assert imports_of(bad) == [(5, "evaluation")]
    assert layer_of("evaluation") > layer_of("stats")
    assert layer_of("metrics.outcomes") > layer_of("metrics.catalogue")


@pytest.mark.parametrize(
    ("statement", "forbidden"),
    [
        ("import campaign_eval.config", ("duckdb", "pandas", "matplotlib", "narwhals", "scipy")),
        ("import campaign_eval", ("duckdb", "pandas", "matplotlib", "narwhals", "pydantic")),
        ("import campaign_eval.cli", ("duckdb", "pandas", "matplotlib", "papermill")),
    ],
)
def test_light_entry_points_load_no_engine(statement, forbidden):
    code = f"import sys; {statement}; print(sorted(m for m in {forbidden!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
