"""The kernel side of a stage: which cell stopped, and nothing left behind."""

from __future__ import annotations

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from campaign_eval.run.kernel import KERNEL_DIR_PREFIX, StageError, first_line, last_cell_started


def test_the_last_cell_papermill_started_is_the_one_that_stopped(tmp_path):
    cells = [new_markdown_cell("# guide"), new_code_cell("x = 1"), new_code_cell("sleep()"),
             new_code_cell("never")]  # fmt: skip
    for cell, started in zip(cells, [None, "2026-01-01T00:00:00", "2026-01-01T00:00:01", None],
                             strict=True):  # fmt: skip
        cell.metadata["papermill"] = {"start_time": started, "status": "pending"}
    path = tmp_path / "out.ipynb"
    nbformat.write(new_notebook(cells=cells), path)
    assert last_cell_started(path) == 2
    assert last_cell_started(tmp_path / "missing.ipynb") is None
    (tmp_path / "broken.ipynb").write_text("{", encoding="utf-8")
    assert last_cell_started(tmp_path / "broken.ipynb") is None


def test_first_line_of_a_message():
    assert first_line("\n\n  A cell timed out after 3 seconds.\nThe message was: ...") == (
        "A cell timed out after 3 seconds."
    )
    assert first_line("") == "" and len(first_line("x" * 500)) == 300


def test_stage_error_holds_the_cell_name_and_message():
    error = StageError(4, "CellTimeoutError", "A cell timed out")
    assert (error.cell, error.name, error.message) == (4, "CellTimeoutError", "A cell timed out")
    assert KERNEL_DIR_PREFIX == "ce-kernel-"
