"""The campaign-eval command: exit codes and messages a scheduler and an analyst rely on."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest
from typer.testing import CliRunner

from campaign_eval.cli import app
from campaign_eval.config.docs import params_markdown
from campaign_eval.contract import contract_markdown
from tests.conftest import ROOT

runner = CliRunner()


def test_validate_ok_and_bad(write_params):
    good = ROOT / "params" / "demo.yaml"
    bad = write_params((good.read_text(encoding="utf-8")).replace("  start:", "  strt:"))
    result = runner.invoke(app, ["validate", str(good), str(bad), "--today", "2026-11-30"])
    assert result.exit_code == 1
    assert f"ok {good}" in result.output
    assert "campaign.strt: unknown key; did you mean 'start'?" in result.output


def test_validate_rejects_a_bad_today():
    result = runner.invoke(
        app, ["validate", str(ROOT / "params" / "demo.yaml"), "--today", "30/11/2026"]
    )
    assert result.exit_code == 2
    assert "--today expects YYYY-MM-DD" in result.output


def test_run_with_invalid_params_exits_non_zero_without_a_run_folder(write_params, tmp_path):
    bad = write_params("campaign: {}\n")
    result = runner.invoke(
        app, ["run", str(bad), "--out", str(tmp_path / "out"), "--today", "2026-11-30"]
    )
    assert result.exit_code == 1
    assert "FAILED" in result.output
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("manifest.json"))


def test_unknown_stage_is_refused(tmp_path):
    result = runner.invoke(
        app, ["run", str(ROOT / "params" / "demo.yaml"), "--stages", "segmentaton"]
    )
    assert result.exit_code == 2
    assert "unknown stage" in result.output


def test_schema_is_json_with_every_section(tmp_path):
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert {"campaign", "data", "segmentation", "plan", "monitoring", "evaluation"} <= schema[
        "properties"
    ].keys()


def test_committed_docs_match_the_code():
    """docs/ is generated from code (`make docs`); a stale page would mislead users."""
    assert (ROOT / "docs" / "data_contract.md").read_text(encoding="utf-8") == contract_markdown()
    assert (ROOT / "docs" / "params.md").read_text(encoding="utf-8") == params_markdown()
    result = runner.invoke(app, ["schema"])
    committed = json.loads((ROOT / "docs" / "params.schema.json").read_text(encoding="utf-8"))
    assert committed == json.loads(result.output)


# --------------------------------------------------------------------------------------------------
# --out is checked before anything runs; SIGTERM ends a run marked FAILED


def _out_problem(out) -> tuple[int, str]:
    result = runner.invoke(
        app, ["run", str(ROOT / "params" / "demo.yaml"), "--out", str(out), "--today", "2026-11-30"]
    )
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda tmp: _file(tmp / "out"), "is a file, not a folder"),
        (lambda tmp: _file(tmp / "out") / "runs", "is inside out, which is a file, not a folder"),
        (lambda tmp: tmp / ("x" * 300), "has 300 bytes; this file system allows 255"),
        (lambda tmp: tmp.joinpath(*["y" * 200] * 21), "Choose a shorter path"),
    ],
)
def test_a_bad_out_is_one_line_and_leaves_no_folder(tmp_path, make, expected):
    out = make(tmp_path)
    before = sorted(tmp_path.rglob("*"))
    code, output = _out_problem(out)
    assert code == 2
    assert expected in output
    assert len(output.strip().splitlines()) == 1 and "Traceback" not in output
    assert sorted(tmp_path.rglob("*")) == before


def test_an_unwritable_out_is_one_line(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running as root: folder permissions do not stop root")
        code, output = _out_problem(locked / "runs")
        assert code == 2 and "cannot create folders in" in output and "Permission denied" in output
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o755)


def test_a_failing_probe_is_reported_not_raised(tmp_path, monkeypatch):
    import tempfile

    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkdtemp", refuse)  # what a read-only folder does to root too
    code, output = _out_problem(tmp_path / "runs")
    assert code == 2
    assert (
        output.strip()
        == f"--out {tmp_path / 'runs'}: cannot create folders in {tmp_path} (Permission denied)"
    )


def _file(path):
    path.write_text("not a folder", encoding="utf-8")
    return path


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("timeout") is None, reason="no coreutils timeout on PATH")
def test_sigterm_from_timeout_leaves_a_failed_run_and_no_kernel_folder(demo_params, tmp_path):
    """What a scheduler's time limit does: `timeout -s TERM` while a notebook runs."""
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    out = tmp_path / "out"
    command = ["timeout", "-s", "TERM", "9", str(ROOT / ".venv" / "bin" / "campaign-eval"), "run",
               str(demo_params()), "--out", str(out), "--today", "2026-11-30"]  # fmt: skip
    done = subprocess.run(
        command, capture_output=True, text=True, env={**os.environ, "TMPDIR": str(scratch)},
        timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 124, done.stderr  # timeout's code: it had to stop the run
    (run_dir,) = (out / "demo-2026-q3").iterdir()
    assert not (run_dir / "COMPLETE").exists()
    marker = (run_dir / "FAILED").read_text(encoding="utf-8")
    assert "stopped by SIGTERM" in marker
    manifest = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "failed" and "stopped by SIGTERM" in manifest["failure"][0]
    assert "failed" in [s["status"] for s in manifest["stages"]]
    index = (run_dir / "index.html").read_text(encoding="utf-8")
    assert "FAILED" in index and "stopped by SIGTERM" in index
    assert "stopped by SIGTERM: the runs in progress are marked FAILED" in done.stderr
    assert "Traceback" not in done.stderr
    assert not list(scratch.glob("ce-kernel-*"))


# --------------------------------------------------------------------------------------------------
# The progress line of a batch


def test_progress_counts_done_failed_left_and_estimates_from_the_pace():
    from types import SimpleNamespace

    from campaign_eval.cli import Progress

    now = [100.0]
    progress = Progress(4, clock=lambda: now[0])
    now[0] = 130.0
    first = SimpleNamespace(params_file="params/a.yaml", ok=True, seconds=29.6)
    assert progress.line(first) == (
        "[1/4] a.yaml ok in 30 s: done 1, failed 0, left 3; about 1 min 30 s left"
    )
    now[0] = 160.0
    second = SimpleNamespace(params_file="b.yaml", ok=False, seconds=None)
    assert (
        progress.line(second)
        == "[2/4] b.yaml FAILED: done 1, failed 1, left 2; about 1 min 0 s left"
    )
    now[0] = 200.0
    progress.line(first)
    now[0] = 305.0
    assert progress.line(first).endswith("done 3, failed 1, left 0; all finished in 3 min 25 s")


def test_a_batch_prints_a_progress_line_per_campaign(write_params, tmp_path):
    bad = [write_params(f"campaign: {{id: c{i}}}\n", f"c{i}.yaml") for i in range(2)]
    result = runner.invoke(
        app, ["run", *map(str, bad), "--out", str(tmp_path / "out"), "--today", "2026-11-30"]
    )
    assert result.exit_code == 1
    assert "[1/2] c0.yaml FAILED in " in result.output
    assert "done 0, failed 2, left 0; all finished in " in result.output
