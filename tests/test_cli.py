"""The campaign-eval command: exit codes and messages a scheduler and an analyst rely on."""

from __future__ import annotations

import json

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
