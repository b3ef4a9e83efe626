"""Fixtures of the monitoring tests: demo params with targets and incidents, and demo runs.

The demo world (``demo_data``, 4,000 customers) carries the planted problems the monitoring must
find: an SMS outage from ``datasets.SMS_OUTAGE_FROM`` and ``datasets.CONTAMINATED_CONTROLS``
contacted control customers. Runs that many tests read are made once per session.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
import yaml

from campaign_eval import monitoring
from campaign_eval.config import CampaignParams
from campaign_eval.monitoring.result import Counts, MonitoringResult
from campaign_eval.run.context import StageContext, open_stage
from tests.conftest import ROOT, TODAY, merge_params

STEPS = ("invited", "delivered", "opened", "clicked", "registered", "attended")
EVENTS = (*STEPS, "cancelled")
START = dt.date(2026, 7, 1)
"""First day of the demo campaign (and of the unit-test campaign)."""
EVENT_DAY = dt.date(2026, 7, 15)
"""The demo's event day (``datasets.EVENT_DATE``)."""
DEMO_MONITORING = {
    "targets": [
        {"metric": "participation_rate", "segment": "new", "target": 0.60},
        {"metric": "registration_rate", "target": 0.15},
    ],
    "incidents": [
        {
            "date": "2026-07-15",
            "kind": "equipment",
            "description": "Projector <b>failed</b> & restarted",
            "count": 1,
        },
    ],
}
"""Monitoring params of the demo runs: one target behind, one on track, one logged incident."""


def extra(monitoring_params: dict | None = None, **data_tables) -> dict:
    """demo_params overrides: the demo world's assignment table plus monitoring params."""
    tables = {"assignment": {"path": "assignment.parquet"}, **data_tables}
    return {
        "data": {"tables": tables},
        "monitoring": {**DEMO_MONITORING, **(monitoring_params or {})},
    }


def open_ctx(params: Path, run_dir: Path, today: dt.date = TODAY) -> StageContext:
    """Open the monitoring stage on ``params`` with ``run_dir`` as its run folder."""
    run_dir.mkdir(parents=True, exist_ok=True)
    return open_stage("monitoring", str(params), run_dir=str(run_dir), today=today.isoformat())


def campaign_params(language: str = "en", **monitoring_params) -> CampaignParams:
    """Params of a campaign like the demo's (start ``START``, event ``EVENT_DAY``) for unit tests."""
    return CampaignParams.model_validate(
        {
            "campaign": {
                "id": "mon-test",
                "name": "Monitoring test",
                "language": language,
                "start": START.isoformat(),
                "event": EVENT_DAY.isoformat(),
            },
            "data": {"base_dir": ".", "tables": {"orders": {"path": "orders.parquet"}}},
            "monitoring": monitoring_params,
        }
    )


def counts(
    customer: dict[tuple[str, str], dict[str, int]],
    channel: dict[tuple[str, str], dict[str, int]] | None = None,
    *,
    daily: list[tuple[str, str, str, int]] = (),
    scores: dict[int, int] | None = None,
    questions: dict[str, int] | None = None,
) -> Counts:
    """Hand-made engine counts.

    Args:
        customer: ``(segment, arm)`` -> event -> customers.
        channel: ``(channel, segment)`` -> event -> contacts (default: one ``email`` channel
            with the customer counts).
        daily: ``(step, segment, ISO day, n)`` rows.
        scores: Score -> answers.
        questions: ``attendees``, ``questions``, ``askers``.
    """
    channel = channel or {("email", seg): ev for (seg, _arm), ev in customer.items()}

    def table(rows: dict, names: tuple[str, str]) -> pd.DataFrame:
        records = [{names[0]: a, names[1]: b, **{e: ev.get(e, 0) for e in EVENTS}}
                   for (a, b), ev in rows.items()]  # fmt: skip
        return pd.DataFrame(records).astype(dict.fromkeys(EVENTS, "int64"))

    daily_frame = pd.DataFrame(list(daily), columns=["step", "segment", "day", "n"])
    daily_frame["day"] = pd.to_datetime(daily_frame["day"]).astype("datetime64[ns]")
    return Counts(
        channel=table(channel, ("channel", "segment")),
        customer=table(customer, ("segment", "arm")),
        daily=daily_frame.astype({"n": "int64"}),
        delivery=pd.DataFrame(
            {
                "channel": [],
                "day": pd.Series(dtype="datetime64[ns]"),
                "invited": [],
                "delivered": [],
            }
        ),
        scores=pd.DataFrame(
            {"score": list((scores or {}).keys()), "n": list((scores or {}).values())},
            dtype="int64",
        ),
        questions=questions or {"attendees": 0, "questions": 0, "askers": 0},
    )


def write_demo_params(
    folder: Path, demo_data: Path, *, language: str = "en", overrides: dict | None = None
) -> Path:
    """Write params/demo.yaml (or demo_zh.yaml) pointing at ``demo_data``, with overrides."""
    source = ROOT / "params" / ("demo_zh.yaml" if language == "zh" else "demo.yaml")
    raw = json.loads(json.dumps(yaml.safe_load(source.read_text(encoding="utf-8")), default=str))
    raw["data"]["base_dir"] = str(demo_data)
    raw["data"]["demo"] = False
    raw = merge_params(raw, overrides or {})
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"demo_{language}.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@dataclass(frozen=True)
class DemoRun:
    """A monitoring run on the demo world, in process."""

    ctx: StageContext
    result: MonitoringResult

    @property
    def json(self) -> dict:
        """The run's monitoring.json."""
        text = self.ctx.artifact("monitoring.json").read_text(encoding="utf-8")
        return json.loads(text)

    def view(self) -> monitoring.View:
        """The run's report."""
        return monitoring.View(self.result, self.ctx.params)


def _demo_run(factory, demo_data: Path, name: str, language: str, **mon) -> DemoRun:
    folder = factory.mktemp(name)
    params = write_demo_params(folder, demo_data, language=language, overrides=extra(mon))
    ctx = open_ctx(params, folder / "campaign" / "20261130T080000Z-0000")
    return DemoRun(ctx, monitoring.run(ctx))


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory, demo_data) -> DemoRun:
    """The demo as of its newest contact event, the event day (English)."""
    return _demo_run(tmp_path_factory, demo_data, "mon_demo", "en")


@pytest.fixture(scope="session")
def demo_run_zh(tmp_path_factory, demo_data) -> DemoRun:
    """The same run in Chinese."""
    return _demo_run(tmp_path_factory, demo_data, "mon_demo_zh", "zh")


@pytest.fixture(scope="session")
def early_run(tmp_path_factory, demo_data) -> DemoRun:
    """The demo as of 2026-07-05: invitations going out, nobody attended yet."""
    return _demo_run(tmp_path_factory, demo_data, "mon_early", "en", as_of="2026-07-05")


@pytest.fixture(scope="session")
def not_yet_run(tmp_path_factory, demo_data) -> DemoRun:
    """The demo as of 2026-06-20, before the first invitation: nothing to monitor yet."""
    return _demo_run(tmp_path_factory, demo_data, "mon_not_yet", "en", as_of="2026-06-20")
