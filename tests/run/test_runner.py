"""The runner end to end: real kernels, real Papermill runs, run folders, manifest and index."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import tempfile
from html import unescape
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from campaign_eval.run import folders as runs
from campaign_eval.run import signals
from campaign_eval.run.runner import NOTEBOOK_DIR, check_notebook, run_many, run_params_file
from tests._examples import ONLINE_RETAIL_PARAMS
from tests.conftest import ROOT, TODAY, assert_stakeholder_html, run_stages

pytestmark = pytest.mark.slow


def test_segmentation_run_writes_reports_artifacts_and_manifest(demo_params, demo_data, tmp_path):
    params = demo_params()
    result = run_stages(params, tmp_path / "out", ["segmentation"])
    assert result.ok, result
    run_dir = tmp_path / "out" / "demo-2026-q3" / result.run_dir.split("/")[-1]
    assert (run_dir / runs.COMPLETE).exists() and not (run_dir / runs.FAILED).exists()
    html = (run_dir / "01_segmentation.html").read_text(encoding="utf-8")
    assert_stakeholder_html(html)
    assert 'id="toc"' in html or "Contents" in html
    assert "analyst notes" not in html.lower()  # analyst-note cells are dropped
    segments = pd.read_parquet(run_dir / "segments.parquet")
    listed = pd.read_csv(run_dir / "segment_lists" / "churn_risk.csv", dtype=str)
    assert len(listed) == (segments["segment"] == "churn_risk").sum() > 0
    assert not any(cid in html for cid in listed["customer_id"].head(50)), "customer ids leaked"
    with pd.ExcelFile(run_dir / "segment_lists.xlsx") as book:
        assert set(book.sheet_names) == {"core", "churn_risk", "new", "growth"}  # targeted
    manifest = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "complete"
    orders = demo_data / "orders.parquet"
    assert manifest["inputs"]["orders"]["sha256"] == hashlib.sha256(orders.read_bytes()).hexdigest()
    assert manifest["params"]["campaign"]["start"] == "2026-07-01"
    assert {"pandas", "duckdb", "papermill", "python"} <= manifest["versions"].keys()
    assert manifest["stages"][0]["status"] == "complete" and manifest["stages"][0]["duration_s"] > 0
    assert manifest["stages"][0]["render_s"] > 0  # the report's rendering, apart from execution
    index = (run_dir / "index.html").read_text(encoding="utf-8")
    assert 'href="01_segmentation.html"' in index
    assert_stakeholder_html(index)
    overview = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")  # every campaign
    assert f'href="demo-2026-q3/{run_dir.name}/index.html"' in overview
    assert_stakeholder_html(overview)


def test_failing_notebook_is_reported_and_never_marked_complete(demo_params, tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    nb = nbformat.read(NOTEBOOK_DIR / "01_segmentation.ipynb", as_version=4)
    nb.cells.insert(
        3, nbformat.v4.new_code_cell('raise ValueError("boom in /tmp/secret/place.py")')
    )
    nbformat.write(nb, notebooks / "01_segmentation.ipynb")
    result = run_params_file(
        demo_params(), out_root=tmp_path / "out", stages=["segmentation"], today=TODAY,
        notebook_dir=notebooks,
    )  # fmt: skip
    assert not result.ok
    stage = result.stages[0]
    assert (stage.status, stage.error_cell, stage.error_name) == ("failed", 4, "ValueError")
    run_dir = tmp_path / "out" / "demo-2026-q3" / result.run_dir.split("/")[-1]
    assert (run_dir / runs.FAILED).exists() and not (run_dir / runs.COMPLETE).exists()
    index = (run_dir / "index.html").read_text(encoding="utf-8")
    assert "ValueError" in index and "boom" in index
    assert "/tmp/secret" not in index
    html = (run_dir / "01_segmentation.html").read_text(encoding="utf-8")
    assert_stakeholder_html(html)
    assert json.loads((run_dir / "manifest.json").read_text())["status"] == "failed"


def test_runs_never_overwrite_each_other(demo_params, tmp_path):
    params = demo_params()
    first = run_stages(params, tmp_path / "out", ["segmentation"])
    second = run_stages(params, tmp_path / "out", ["segmentation"])
    assert first.ok and second.ok and first.run_dir != second.run_dir
    assert len(runs.complete_runs(tmp_path / "out" / "demo-2026-q3")) == 2


def test_many_files_in_parallel_one_bad_one_good(demo_params, write_params, tmp_path):
    good = demo_params()
    bad = write_params(
        good.read_text(encoding="utf-8").replace("campaign:", "campain:"), "bad.yaml"
    )
    results = run_many(
        [bad, good], out_root=tmp_path / "out", stages=["segmentation"], today=TODAY, jobs=2
    )
    assert [r.ok for r in results] == [False, True]
    assert "campain: unknown key; did you mean 'campaign'?" in results[0].problems[0]
    assert results[0].run_dir is None  # invalid params never create a run folder
    overview = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")  # after the batch
    assert Path(results[1].run_dir).name in overview


def test_a_batch_worker_killed_outright_fails_its_run_and_the_batch_goes_on(
    demo_params, tmp_path, monkeypatch
):
    """What the out-of-memory killer does to one worker of ``--jobs 2``: SIGKILL, no last word."""
    import os
    import signal

    import campaign_eval.run.runner as runner_module

    checks = runner_module._check_inputs

    def killed(run):  # the workers are forked: they run this in place of the input check
        if run.params_file.name == "b.yaml":
            os.kill(os.getpid(), signal.SIGKILL)
        return checks(run)

    monkeypatch.setattr(runner_module, "_check_inputs", killed)
    files = [demo_params(name=f"{n}.yaml") for n in "abc"]
    seen = []
    results = run_many(files, out_root=tmp_path / "out", stages=["segmentation"], today=TODAY,
                       jobs=2, on_result=seen.append)  # fmt: skip
    assert [r.ok for r in results] == [True, False, True]  # a and c ran, again if stopped
    assert results[1].problems == [runner_module.KILLED]
    killed_run = Path(results[1].run_dir)
    assert (killed_run / runs.FAILED).read_text(encoding="utf-8").splitlines()[1] == (
        runner_module.KILLED
    )
    manifest = json.loads((killed_run / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "failed"
    assert [s["status"] for s in manifest["stages"]] == ["failed"]
    assert runner_module.KILLED in unescape((killed_run / "index.html").read_text("utf-8"))
    assert len(seen) == 3  # each file reported once
    assert len(runs.complete_runs(tmp_path / "out" / "demo-2026-q3")) == 2  # none ran twice
    for folder in (tmp_path / "out" / "demo-2026-q3").iterdir():  # nothing left "running"
        status = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["status"]
        assert status in {"complete", "failed"}, folder


@pytest.mark.parametrize("jobs", [1, 2])
def test_each_run_is_reported_as_it_finishes_with_its_time(write_params, tmp_path, jobs):
    bad = [write_params(f"campaign: {{id: c{i}}}\n", f"c{i}.yaml") for i in range(3)]
    seen = []
    results = run_many(
        bad, out_root=tmp_path / "out", today=TODAY, jobs=jobs, on_result=seen.append
    )
    assert sorted(r.params_file for r in seen) == sorted(str(p) for p in bad)
    assert [r.params_file for r in results] == [str(p) for p in bad]  # in the order given
    assert all(not r.ok and r.seconds is not None and r.seconds >= 0 for r in results)


def test_data_errors_fail_the_run_before_any_kernel(demo_params, tmp_path):
    params = demo_params(
        extra={
            "data": {
                "tables": {"orders": {"path": "orders.parquet", "columns": {"amount": "total"}}}
            }
        }
    )
    result = run_stages(params, tmp_path / "out", ["segmentation"])
    assert not result.ok
    assert "column 'total' mapped to orders.amount is not in the file" in result.problems[0]
    run_dir = tmp_path / "out" / "demo-2026-q3" / result.run_dir.split("/")[-1]
    assert (run_dir / runs.FAILED).exists()
    assert result.stages[0].status == "skipped"
    assert "orders.amount" in (run_dir / "index.html").read_text(encoding="utf-8")


def test_notebook_without_parameters_cell_is_refused(tmp_path):
    nb = nbformat.read(NOTEBOOK_DIR / "01_segmentation.ipynb", as_version=4)
    for cell in nb.cells:
        cell.metadata.pop("tags", None)
    path = tmp_path / "01_segmentation.ipynb"
    nbformat.write(nb, path)
    assert "has no cell tagged 'parameters'" in check_notebook(path)
    shutil.copy(NOTEBOOK_DIR / "01_segmentation.ipynb", path)
    assert check_notebook(path) is None


def test_online_retail_example_runs_through_the_notebook(tmp_path):
    result = run_stages(ONLINE_RETAIL_PARAMS, tmp_path / "out", ["segmentation"])
    assert result.ok, result
    run_dir = tmp_path / "out" / "online-retail-2010" / result.run_dir.split("/")[-1]
    html = (run_dir / "01_segmentation.html").read_text(encoding="utf-8")
    assert_stakeholder_html(html)
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())  # what a reader reads
    assert "107,927 rows of the orders table had no customer id" in text
    # the rule conditions the data cannot decide are named, in words, where the rules are
    assert (
        "Core value: the data has no values for this part of the rule, so it was left out: "
        "a latest recommendation score of at least 9 out of 10" in text
    )
    assert "The customer data has no start date of cooperation" in text
    # how returns, order lines and repeated customer rows were counted is said in words
    assert "417,534 order lines were summed into 23,587 orders by their order id" in text
    assert "were subtracted from the spend of the window they fall in" in text
    assert "413,151 rows of the customers table repeated the customer id" in text
    assert "Spend percentiles rank the 4,248 customers with a purchase" in text
    assert "Premium: in the top 20% of buyers by 12-month spend" in text  # the tier rules
    segments = pd.read_parquet(run_dir / "segments.parquet")
    assert len(segments) == 4_383
    assert (segments["spend_12m_pct"].isna() == (segments["orders_12m"] == 0)).all()


def test_cell_timeout_fails_the_stage_not_the_runner(demo_params, tmp_path, capfd, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(_scratch(tmp_path)))
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    nb = nbformat.read(NOTEBOOK_DIR / "01_segmentation.ipynb", as_version=4)
    # right after the parameters cell, so no slow cell before it can time out first
    nb.cells.insert(2, nbformat.v4.new_code_cell("import time\ntime.sleep(60)"))
    nbformat.write(nb, notebooks / "01_segmentation.ipynb")
    result = run_params_file(
        demo_params(), out_root=tmp_path / "out", stages=["segmentation"], today=TODAY,
        cell_timeout=3, notebook_dir=notebooks,
    )  # fmt: skip
    assert not result.ok
    stage = result.stages[0]
    assert (stage.status, stage.error_cell, stage.error_name) == ("failed", 3, "CellTimeoutError")
    assert "timed out" in (stage.error_message or "")
    assert stage.duration_s < 45
    terminal = capfd.readouterr().err
    assert "FAILED at cell 3: CellTimeoutError" in terminal
    assert "Traceback" not in terminal  # the kernel's own output went to run.log
    index = (Path(result.run_dir) / "index.html").read_text(encoding="utf-8")
    assert "Stopped at cell 3: CellTimeoutError" in index
    assert list(_scratch(tmp_path).iterdir()) == []  # no ce-kernel-* folder left


def test_chinese_report_has_no_missing_glyphs(demo_params, tmp_path):
    result = run_stages(demo_params(language="zh"), tmp_path / "out", ["segmentation"])
    assert result.ok
    run_dir = tmp_path / "out" / "demo-2026-q3-zh" / result.run_dir.split("/")[-1]
    log = (
        (run_dir / "run.log").read_text(encoding="utf-8") if (run_dir / "run.log").exists() else ""
    )
    assert "Glyph" not in log and "missing from font" not in log, log
    html = (run_dir / "01_segmentation.html").read_text(encoding="utf-8")
    assert 'lang="zh"' in html and "客户群规模" in html
    assert_stakeholder_html(html)


def test_notebooks_run_from_jupyterlab_defaults_without_injection(tmp_path):
    """Open in JupyterLab and run all: the parameters cell's defaults must work on the demo data."""
    from nbclient import NotebookClient

    from campaign_eval.run.runner import NOTEBOOKS, IPCKernelManager

    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    shutil.copytree(ROOT / "params", tmp_path / "params")
    for name in NOTEBOOKS.values():
        path = tmp_path / "notebooks" / name
        nb = nbformat.read(path, as_version=4)
        NotebookClient(
            nb, kernel_name="campaign-eval", resources={"metadata": {"path": str(path.parent)}},
            timeout=600, kernel_manager_class=IPCKernelManager,
        ).execute()  # fmt: skip
    lab = tmp_path / "outputs" / "demo-2026-q3" / "lab"
    assert (lab / "segments.parquet").exists()
    assert (tmp_path / "data" / "demo" / "orders.parquet").exists()  # generated on first use


@pytest.mark.parametrize(
    ("stop", "reason"),
    [
        (KeyboardInterrupt, "interrupted (Ctrl-C)"),
        (signals.Terminated, "stopped by SIGTERM (a scheduler's time limit or kill)"),
    ],
)
def test_an_interrupted_run_is_marked_failed(demo_params, tmp_path, monkeypatch, stop, reason):
    import campaign_eval.run.runner as runner_module

    def interrupted(*_args, **_kwargs):
        raise stop

    monkeypatch.setattr(runner_module, "execute", interrupted)  # stands in for Ctrl-C mid-notebook
    with pytest.raises(stop):
        run_stages(demo_params(), tmp_path / "out", ["segmentation", "plan"])
    (run_dir,) = (tmp_path / "out" / "demo-2026-q3").iterdir()
    assert not (run_dir / runs.COMPLETE).exists()
    assert (run_dir / runs.FAILED).read_text(encoding="utf-8").splitlines()[1] == reason
    manifest = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    assert (manifest["status"], manifest["failure"]) == ("failed", [reason])
    assert [s["status"] for s in manifest["stages"]] == ["failed", "skipped"]
    index = (run_dir / "index.html").read_text(encoding="utf-8")
    assert "FAILED" in index and reason in unescape(index)
    overview = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")  # rebuilt anyway
    assert f"demo-2026-q3/{run_dir.name}/index.html" in overview


def test_a_stop_while_the_report_renders_fails_that_stage(demo_params, tmp_path, monkeypatch):
    """A stage is complete only once its report is written; a stop during rendering fails it."""
    import campaign_eval.run.runner as runner_module

    def executed(_notebook, output, *_args, **_kwargs):
        nbformat.write(nbformat.v4.new_notebook(), output)  # the notebook ran; now it is rendered

    def stopped(*_args, **_kwargs):
        raise signals.Terminated

    monkeypatch.setattr(runner_module, "execute", executed)
    monkeypatch.setattr(runner_module, "_render", stopped)
    with pytest.raises(signals.Terminated):
        run_stages(demo_params(), tmp_path / "out", ["segmentation", "plan"])
    (run_dir,) = (tmp_path / "out" / "demo-2026-q3").iterdir()
    manifest = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    assert [s["status"] for s in manifest["stages"]] == ["failed", "skipped"]


def test_a_stop_between_two_stages_fails_the_one_about_to_start(demo_params, tmp_path, monkeypatch):
    """SIGTERM after one stage ended and before the next began: the run says which one it cut."""
    import campaign_eval.run.runner as runner_module

    def finished_then_stopped(_run, status, *_args, **_kwargs):
        status.status = "complete"
        raise signals.Terminated  # arrives as the loop moves on to the next stage

    monkeypatch.setattr(runner_module, "_run_stage", finished_then_stopped)
    with pytest.raises(signals.Terminated):
        run_stages(demo_params(), tmp_path / "out", ["segmentation", "plan", "monitoring"])
    (run_dir,) = (tmp_path / "out" / "demo-2026-q3").iterdir()
    manifest = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    assert [s["status"] for s in manifest["stages"]] == ["complete", "failed", "skipped"]
    assert manifest["stages"][1]["error_message"].startswith("stopped by SIGTERM")


def test_an_unexpected_error_after_the_folder_exists_fails_the_run_not_the_caller(
    demo_params, tmp_path, monkeypatch
):
    import campaign_eval.run.runner as runner_module

    def broken(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(runner_module, "_render", broken)
    result = run_stages(demo_params(), tmp_path / "out", ["segmentation"])
    assert not result.ok
    assert result.problems == ["OSError: [Errno 28] No space left on device"]
    run_dir = Path(result.run_dir)
    assert (run_dir / runs.FAILED).exists() and not (run_dir / runs.COMPLETE).exists()
    manifest = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "failed" and "No space left" in manifest["failure"][0]
    assert "No space left on device" in (run_dir / "index.html").read_text(encoding="utf-8")


def test_a_run_folder_that_cannot_be_made_leaves_nothing(demo_params, tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("a file where the outputs folder should be", encoding="utf-8")
    result = run_stages(demo_params(), blocker / "sub", ["segmentation"])
    assert not result.ok and result.run_dir is None
    assert "cannot create a run folder in" in result.problems[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.yaml", "out"]


def _scratch(tmp_path: Path) -> Path:
    folder = tmp_path / "scratch"
    folder.mkdir(exist_ok=True)
    return folder


def test_segments_and_assignment_are_written_back_under_the_run(demo_params, tmp_path):
    crm = tmp_path / "crm"  # absolute, so the shared demo world stays untouched
    params = demo_params(
        extra={
            "outputs": {
                "write_back": {
                    "segments": str(crm / "segments"),
                    "assignment": str(crm / "assignment"),
                }
            }
        }
    )
    result = run_stages(params, tmp_path / "out", ["segmentation", "plan"])
    assert result.ok, result
    run_dir = Path(result.run_dir)
    segments = pd.read_parquet(crm / "segments")
    assert set(segments["run_id"].astype(str)) == {run_dir.name}
    assert set(segments["campaign_id"].astype(str)) == {"demo-2026-q3"}
    ours = pd.read_parquet(run_dir / "segments.parquet")
    assert len(segments) == len(ours)
    merged = segments.merge(ours, on="customer_id", suffixes=("", "_run"))
    assert (merged["segment"] == merged["segment_run"]).all()
    assert (merged["tier"] == merged["tier_run"]).all()
    assignment = pd.read_parquet(crm / "assignment")
    kept = pd.read_parquet(run_dir / "assignment.parquet")
    assert len(assignment) == len(kept) > 0
    assert sorted(assignment["arm"].astype(str).unique()) == sorted(
        kept["arm"].astype(str).unique()
    )


def test_an_outputs_folder_given_relative_to_where_the_command_runs(
    demo_params, tmp_path, monkeypatch
):
    # the README's `make demo` runs with --out outputs; papermill changes the folder per notebook
    params = demo_params()
    monkeypatch.chdir(tmp_path)
    result = run_params_file(params, out_root=Path("out"), stages=["segmentation"], today=TODAY)
    assert result.ok, result.problems or [s.error_message for s in result.stages]
    run_dir = Path(result.run_dir)
    assert run_dir.is_relative_to(tmp_path / "out") and (run_dir / runs.COMPLETE).exists()
    assert (run_dir / "run.log").exists() and (tmp_path / "out" / "index.html").exists()
