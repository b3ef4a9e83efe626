"""Fixtures of the plan tests: params for unit tests, a stage opener, one demo plan per session."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
import yaml

from campaign_eval import plan
from campaign_eval.config import CampaignParams
from campaign_eval.io import CampaignData
from campaign_eval.plan.result import PlanResult
from campaign_eval.run.context import StageContext, open_stage
from tests.conftest import ROOT, TODAY

DEADLINE = "2026-08-31"
"""A deadline after every window of the demo campaign."""
START = dt.date(2026, 7, 1)
"""The first day of the demo campaign (and of the unit-test campaign)."""
ZH_DESCRIPTIONS = {
    "churn_reactivation": "流失风险客户30天复购率提升至18%",
    "core_satisfaction": "核心客户平均满意度提升0.2分",
    "growth_spend": "潜力客户消费额提升15%",
}
"""Chinese descriptions of the demo's goals."""


def demo_goals() -> list[dict]:
    """The goals of params/demo.yaml, as plain data."""
    raw = yaml.safe_load((ROOT / "params" / "demo.yaml").read_text(encoding="utf-8"))
    return json.loads(json.dumps(raw["plan"]["goals"], default=str))


def zh_plan() -> dict:
    """The demo's plan section with Chinese goal descriptions (for params/demo_zh.yaml)."""
    return {"goals": [{**g, "description": ZH_DESCRIPTIONS[g["id"]]} for g in demo_goals()]}


def campaign_params(language: str = "en", plan: dict | None = None, **sections) -> CampaignParams:
    """Params of a campaign starting on ``START`` (event two weeks later) for unit tests."""
    return CampaignParams.model_validate(
        {
            "campaign": {
                "id": "plan-test",
                "name": "Plan test",
                "language": language,
                "start": START.isoformat(),
                "event": (START + dt.timedelta(days=14)).isoformat(),
                "owner": "CRM team",
            },
            "data": {"base_dir": ".", "tables": {"orders": {"path": "orders.parquet"}}},
            "plan": plan or {},
            **sections,
        }
    )


@pytest.fixture
def small_data(small_frames: dict[str, pd.DataFrame]) -> CampaignData:
    """The seeded 400-customer world on the engine."""
    return CampaignData.from_frames(small_frames)


@pytest.fixture
def open_plan():
    """Open the plan stage on a params file with a run folder, today being ``TODAY``."""

    def _open(params: Path, run_dir: Path) -> StageContext:
        return open_stage("plan", str(params), run_dir=str(run_dir), today=TODAY.isoformat())

    return _open


@dataclass(frozen=True)
class Planned:
    """A plan stage run: its context, its result and its view."""

    ctx: StageContext
    result: PlanResult
    view: plan.View


def _plan_demo(tmp_path_factory, demo_data: Path, language: str) -> Planned:
    source = ROOT / "params" / ("demo_zh.yaml" if language == "zh" else "demo.yaml")
    raw = json.loads(json.dumps(yaml.safe_load(source.read_text(encoding="utf-8")), default=str))
    raw["data"].update(base_dir=str(demo_data), demo=False)
    if language == "zh":
        raw["plan"].update(zh_plan())
    folder = tmp_path_factory.mktemp(f"plan_{language}")
    path = folder / "demo.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    ctx = open_stage("plan", str(path), run_dir=str(folder / "run"), today=TODAY.isoformat())
    result = plan.run(ctx)
    return Planned(ctx, result, plan.View(result, ctx.params))


@pytest.fixture(scope="session")
def demo_plan(tmp_path_factory, demo_data: Path) -> Planned:
    """The demo campaign planned once (English, segments computed here); do not change it."""
    return _plan_demo(tmp_path_factory, demo_data, "en")


@pytest.fixture(scope="session")
def demo_plan_zh(tmp_path_factory, demo_data: Path) -> Planned:
    """The demo campaign planned once in Chinese; do not change it."""
    return _plan_demo(tmp_path_factory, demo_data, "zh")
