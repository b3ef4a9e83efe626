"""Committed notebooks are clean, thin and declare the runner's parameters with help text."""

from __future__ import annotations

from pathlib import Path

import nbformat
import papermill
import pytest

from campaign_eval.run.runner import NOTEBOOK_DIR, NOTEBOOK_PARAMETERS, NOTEBOOKS


def notebook_problems(path: Path) -> list[str]:
    """Why a notebook may not be committed as it is."""
    nb = nbformat.read(path, as_version=4)
    problems = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if cell.get("outputs"):
            problems.append(f"cell {i} has outputs")
        if cell.get("execution_count") is not None:
            problems.append(f"cell {i} has an execution count")
        if "sys.path" in cell.source:
            problems.append(f"cell {i} edits sys.path")
    return problems


@pytest.mark.parametrize("name", sorted(NOTEBOOKS.values()))
def test_committed_notebook_is_clean(name):
    path = NOTEBOOK_DIR / name
    if not path.exists():
        pytest.skip(f"{name} not written yet")
    assert notebook_problems(path) == []
    declared = papermill.inspect_notebook(str(path))
    assert list(declared) == list(NOTEBOOK_PARAMETERS)
    assert all(p["help"] and p["inferred_type_name"] == "str" for p in declared.values())
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata["kernelspec"]["name"] == "campaign-eval"
    longest = max(len(c.source.splitlines()) for c in nb.cells if c.cell_type == "code")
    assert longest <= 12, "notebook cells hold calls, not logic"


def test_a_notebook_with_outputs_fails_the_check(tmp_path):
    nb = nbformat.read(NOTEBOOK_DIR / "01_segmentation.ipynb", as_version=4)
    code = next(c for c in nb.cells if c.cell_type == "code")
    code.outputs = [nbformat.v4.new_output("stream", name="stdout", text="hi")]
    code.execution_count = 3
    path = tmp_path / "dirty.ipynb"
    nbformat.write(nb, path)
    assert notebook_problems(path) == ["cell 1 has outputs", "cell 1 has an execution count"]
