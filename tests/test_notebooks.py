"""Committed notebooks are clean, thin and declare the runner's parameters with help text."""

from __future__ import annotations

import re
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


STAGE_OF = {name: stage for stage, name in NOTEBOOKS.items()}


@pytest.mark.parametrize("name", sorted(NOTEBOOKS.values()))
def test_notebooks_share_one_style_a_guide_then_one_view_call_per_section(name):
    """Guide, parameters, one setup cell, then (guide, one call) per section: nothing else."""
    import importlib

    from campaign_eval.run.render import GUIDE_CELL_PREFIX

    stage = STAGE_OF[name]
    nb = nbformat.read(NOTEBOOK_DIR / name, as_version=4)
    cells = nb.cells
    assert (cells[0].cell_type, cells[0].id) == ("markdown", f"{GUIDE_CELL_PREFIX}intro")
    assert cells[1].metadata.get("tags") == ["parameters"]
    setup = cells[2].source
    assert f'open_stage("{stage}", params_path, run_dir=run_dir, today=today)' in setup
    assert f"result = {stage}.run(ctx)" in setup
    assert f"view = {stage}.View(result, ctx.params)" in setup
    view = importlib.import_module(f"campaign_eval.{stage}").View
    rest = cells[3:]
    assert len(rest) % 2 == 0 and rest, "each section is a guide cell and a call"
    calls = []
    for guide, call in zip(rest[::2], rest[1::2], strict=True):
        assert guide.cell_type == "markdown" and guide.id.startswith(GUIDE_CELL_PREFIX)
        assert not guide.metadata.get("tags"), "guides are dropped by their id, not by a tag"
        assert call.cell_type == "code"
        match = re.fullmatch(r"view\.(\w+)\(\)", call.source.strip())
        assert match, f"a section cell makes exactly one view call, got {call.source!r}"
        assert callable(getattr(view, match.group(1), None)), match.group(1)
        calls.append(match.group(1))
    assert len(set(calls)) == len(calls), "a section is shown once"
    assert len({c.id for c in cells}) == len(cells), "cell ids are unique"
