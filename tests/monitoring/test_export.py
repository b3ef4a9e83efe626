"""The files of a run: monitoring.json as docs/monitoring_json.md documents it (layout 1, its alert
sentences unchanged), read back by the next run; funnel_counts.csv and contamination.csv."""

from __future__ import annotations

import datetime as dt
import json
import re

import pandas as pd
import pytest

from campaign_eval import artifacts
from campaign_eval.monitoring import export, funnel
from campaign_eval.monitoring.result import Alert, DeliveryDrop, RateBreach
from tests.conftest import ROOT
from tests.golden import golden
from tests.monitoring.conftest import EVENT_DAY, STEPS

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


def _golden_alert(rule: str) -> dict:
    stored = json.loads((golden.HERE / "monitoring.json").read_text(encoding="utf-8"))
    return next(a for a in stored["alerts"] if a["rule"] == rule)


def test_alert_sentences_keep_layout_ones_plain_counts_and_four_decimal_p_values():
    drop = DeliveryDrop(
        channel="sms",
        start=dt.date(2026, 7, 10),
        end=dt.date(2026, 7, 12),
        rate_recent=445 / 1120,
        rate_earlier=2871 / 3405,
        n_recent=1120,
        n_earlier=3405,
        p_value=1e-90,
        floor=2871 / 3405 * 0.7,
    )
    alert = Alert("delivery_drop", "critical", "sms", drop.rate_recent, drop.floor, drop)
    layout = export.LayoutOneWording("en")
    assert (
        layout.alert(alert, event=EVENT_DAY, level=95) == _golden_alert("delivery_drop")["message"]
    )
    estimate = funnel.rate_estimate("delivery_rate", 3316, 4525, alpha=0.05)
    breach = RateBreach("sms", estimate, 0.85, clear=True)
    rate = Alert("rate_below_threshold", "critical", "sms/delivery_rate", 0.73, 0.85, breach)
    expected = _golden_alert("rate_below_threshold")["message"]
    assert layout.alert(rate, event=EVENT_DAY, level=95) == expected
    assert layout.p(0.01234) == "p = 0.0123"


def test_the_json_stores_each_alerts_sentence_in_the_report_language(demo_run, demo_run_zh):
    for run in (demo_run, demo_run_zh):
        layout = export.LayoutOneWording(run.ctx.language)
        messages = [a["message"] for a in run.json["alerts"]]
        result = run.result
        assert messages == [
            layout.alert(a, event=result.event_day, level=result.level) for a in result.alerts
        ]
    assert "短信" in json.dumps(demo_run_zh.json, ensure_ascii=False)


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
