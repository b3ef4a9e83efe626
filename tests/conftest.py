"""Shared fixtures: small seeded canonical worlds and paths to the shared real data."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 30)


@pytest.fixture
def small_frames() -> dict[str, pd.DataFrame]:
    """A seeded world of 400 customers in canonical columns, with every segment represented."""
    rng = np.random.default_rng(7)
    n = 400
    ids = [f"C{i:04d}" for i in range(n)]
    since = pd.Series(
        pd.Timestamp("2018-01-01") + pd.to_timedelta(rng.integers(0, 3000, n), unit="D")
    )
    since.iloc[:20] = pd.Timestamp("2026-05-15")  # new customers
    customers = pd.DataFrame(
        {
            "customer_id": ids,
            "industry": rng.choice(["retail", "manufacturing", "tech"], n),
            "size": rng.choice(["small", "large"], n),
            "region": rng.choice(["North", "South"], n),
            "owner": rng.choice(["rep_1", "rep_2"], n),
            "since": since,
        }
    )
    m = 8000
    orders = pd.DataFrame(
        {
            "customer_id": rng.choice(ids, m),
            "order_date": pd.Timestamp("2024-06-01")
            + pd.to_timedelta(rng.integers(0, 760, m), unit="D")
            + pd.to_timedelta(rng.integers(0, 86400, m), unit="s"),
            "amount": np.round(rng.lognormal(5, 1, m), 2),
        }
    )
    k = 900
    surveys = pd.DataFrame(
        {
            "customer_id": rng.choice(ids, k),
            "survey_date": pd.Timestamp("2025-01-01")
            + pd.to_timedelta(rng.integers(0, 540, k), unit="D"),
            "satisfaction": rng.integers(1, 6, k).astype(float),
            "nps": rng.integers(0, 11, k).astype(float),
        }
    )
    c = 120
    complaints = pd.DataFrame(
        {
            "customer_id": rng.choice(ids, c),
            "complaint_date": pd.Timestamp("2025-06-01")
            + pd.to_timedelta(rng.integers(0, 390, c), unit="D"),
        }
    )
    return {"customers": customers, "orders": orders, "surveys": surveys, "complaints": complaints}


@pytest.fixture
def write_params(tmp_path: Path):
    """Write a params YAML (text) into tmp_path and return its path."""

    def _write(text: str, name: str = "campaign.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return _write


DEMO_TEST_CUSTOMERS = 4000
"""Size of the demo world the notebook tests run on: small enough to be quick, every segment present."""


@pytest.fixture(scope="session")
def demo_data(tmp_path_factory) -> Path:
    """The seeded demo world, written once per test worker."""
    from campaign_eval import datasets

    folder = tmp_path_factory.mktemp("demo_data")
    datasets.generate_demo(folder, n_customers=DEMO_TEST_CUSTOMERS, seed=42)
    return folder


def merge_params(base: dict, extra: dict) -> dict:
    """Deep-merge ``extra`` into ``base``; a value of None removes the key (e.g. a whole section)."""
    out = dict(base)
    for key, value in extra.items():
        if value is None:
            out.pop(key, None)
            continue
        out[key] = (
            merge_params(out[key], value)
            if isinstance(value, dict) and isinstance(out.get(key), dict)
            else value
        )
    return out


@pytest.fixture
def demo_params(tmp_path: Path, demo_data: Path):
    """Write params/demo.yaml (or demo_zh.yaml) pointing at the test demo world, with overrides.

    Usage: ``path = demo_params(language="zh", extra={"plan": {...}})``.
    """
    import yaml

    def _write(*, language: str = "en", extra: dict | None = None, name: str = "demo.yaml") -> Path:
        source = ROOT / "params" / ("demo_zh.yaml" if language == "zh" else "demo.yaml")
        raw = yaml.safe_load(source.read_text(encoding="utf-8"))
        raw = json.loads(json.dumps(raw, default=str))
        raw["data"]["base_dir"] = str(demo_data)
        raw["data"]["demo"] = False
        raw = merge_params(raw, extra or {})
        path = tmp_path / name
        path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return path

    return _write


def run_stages(params_path: Path, out_root: Path, stages: list[str]):
    """Run stages through the same runner users call; returns the RunResult."""
    from campaign_eval.run.runner import run_params_file

    return run_params_file(params_path, out_root=out_root, stages=stages, today=TODAY)


FORBIDDEN_IN_HTML = ("Traceback", "/tmp/", "/work/", "/home/", "<script src", "http://", "https://")


def assert_stakeholder_html(html: str) -> None:
    """What every report must satisfy: no code, no traceback, no paths, nothing from the internet."""
    for needle in FORBIDDEN_IN_HTML:
        assert needle not in html, f"report contains {needle!r}"
    assert "open_stage(" not in html and "import " not in html, "report shows code"
