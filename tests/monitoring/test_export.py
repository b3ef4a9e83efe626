"""The files of a run: monitoring.json as docs/monitoring_json.md documents it, read back by the
next run; funnel_counts.csv and contamination.csv."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from campaign_eval import artifacts
from campaign_eval.monitoring import export
from campaign_eval.monitoring.wording import Wording
from tests.conftest import ROOT
from tests.monitoring.conftest import STEPS

DOC = ROOT / "docs" / "monitoring_json.md"


def _documented(section: str) -> set[str]:
    """The fields of the table under ``## <section>`` in docs/monitoring_json.md."""
    text = DOC.read_text(encoding="utf-8").split(f"## {section}\n", 1)[1].split("\n## ", 1)[0]
    return {
        m.split(".")[0].split("[")[0] for m in re.findall(r"^\| `([^`]+)` \|", text, re.MULTILINE)
    }


def test_every_field_of_monitoring_json_is_documented(demo_run):
    payload = demo_run.json
    assert set(payload) == _documented("Top level")
    assert set(payload["targets"][0]) == _documented("`targets[]`")
    assert {"rule", "severity", "subject", "message", "value", "threshold"} == set(
        payload["alerts"][0]
    )
    assert set(payload["design"]) == _documented("`design`")
    assert set(payload["feedback"]) == _documented("`feedback`")
    assert set(payload["incidents"]) == _documented("`incidents`")
    assert set(payload["funnel"]) == {"steps", "all", "by_channel", "by_segment"}
    estimate = payload["funnel"]["by_channel"]["email"]["rates"]["open_rate"]
    assert set(estimate) == {"value", "ci_low", "ci_high", "numerator", "denominator"}
    assert payload["schema_version"] == export.SCHEMA_VERSION == 1


def test_the_json_stores_each_alerts_sentence_in_the_report_language(demo_run, demo_run_zh):
    for run in (demo_run, demo_run_zh):
        wording = Wording(run.ctx.language)  # the report's own sentences and number formats
        messages = [a["message"] for a in run.json["alerts"]]
        result = run.result
        assert messages == [
            wording.alert(
                a, event=result.event_day, level=result.level, event_passed=result.event_passed
            )
            for a in result.alerts
        ]
    assert "短信" in json.dumps(demo_run_zh.json, ensure_ascii=False)
    # on the event day a target short of its goal was missed, not "projected" to be
    target = next(a for a in demo_run.json["alerts"] if a["rule"] == "target_behind")
    assert target["message"] == (
        f"Participation rate (of invited), New: {target['value']:.1%} by the end of the event day "
        "(2026-07-15) against the target of 60.0%: the target was missed."
    )


def test_missing_numbers_are_null_and_nothing_yet_has_no_targets(not_yet_run):
    payload = not_yet_run.json
    assert payload["status"] == "not_yet" and payload["targets"] == []
    assert payload["funnel"]["all"]["rates"]["open_rate"]["value"] is None
    assert payload["feedback"]["onsite_score"]["mean"] is None
    assert payload["design"]["freshness"]["newest_event"] is None
    assert not_yet_run.result.artifacts == (artifacts.MONITORING_JSON, artifacts.CONTAMINATION_CSV)
    contaminated = pd.read_csv(not_yet_run.ctx.artifact(artifacts.CONTAMINATION_CSV))
    assert contaminated.empty and list(contaminated.columns) == [
        "customer_id", "segment", "arm", "channels", "first_invited_at"
    ]  # fmt: skip
    assert not not_yet_run.ctx.artifact(artifacts.FUNNEL_CSV).exists()


def test_funnel_counts_csv_holds_the_channel_counts_and_no_customer_id(demo_run):
    saved = pd.read_csv(demo_run.ctx.artifact(artifacts.FUNNEL_CSV))
    counts = demo_run.result.funnel.counts("channel").drop(index="all")
    assert saved[list(STEPS)].sum().to_dict() == counts[list(STEPS)].sum().to_dict()
    assert "customer_id" not in saved.columns
    contaminated = pd.read_csv(demo_run.ctx.artifact(artifacts.CONTAMINATION_CSV), dtype=str)
    text = demo_run.ctx.artifact(artifacts.MONITORING_JSON).read_text(encoding="utf-8")
    assert not any(customer in text for customer in contaminated["customer_id"])


def test_the_files_written_depend_on_contacts_and_arms():
    assert export.artifact_names(ready=True, has_arms=True) == (
        artifacts.MONITORING_JSON, artifacts.CONTAMINATION_CSV, artifacts.FUNNEL_CSV
    )  # fmt: skip
    assert export.artifact_names(ready=True, has_arms=False) == (
        artifacts.MONITORING_JSON, artifacts.FUNNEL_CSV
    )  # fmt: skip
    assert export.artifact_names(ready=False, has_arms=False) == (artifacts.MONITORING_JSON,)


def test_the_previous_run_is_read_back_from_its_monitoring_json(demo_run, tmp_path):
    path = tmp_path / "20260710T080000Z-0000" / artifacts.MONITORING_JSON
    path.parent.mkdir()
    path.write_text(json.dumps(demo_run.json), encoding="utf-8")
    previous = export.read_previous(path)
    assert previous is not None and previous.compatible
    assert previous.run_id == "20260710T080000Z-0000"
    assert previous.as_of == demo_run.result.as_of.isoformat()
    assert dict(previous.funnel) == dict(demo_run.result.funnel.totals)
    assert set(previous.alerts) == {a.key for a in demo_run.result.alerts}


@pytest.mark.parametrize(
    ("text", "compatible"),
    [(None, None), ("{broken", None), ('{"schema_version": 0, "as_of": "2026-07-01"}', False)],
)
def test_a_missing_unreadable_or_older_previous_file_is_not_compared(tmp_path, text, compatible):
    path = tmp_path / "run" / artifacts.MONITORING_JSON
    if text is not None:
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
    previous = export.read_previous(path if text is not None else None)
    if compatible is None:
        assert previous is None
    else:
        assert previous is not None and previous.compatible is False
        assert previous.as_of == "2026-07-01" and previous.alerts == {}
