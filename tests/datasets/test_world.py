"""Tests of datasets.world: the world drawn in order, as frames and as a folder of files."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from campaign_eval import contract, datasets
from campaign_eval.config.data import DataParams
from campaign_eval.datasets import CAMPAIGN_START, POST_WINDOW
from campaign_eval.io import load_data
from tests.datasets._helpers import DATE_COLUMNS, SMALL

# --- determinism -------------------------------------------------------------------------------


def test_same_seed_gives_identical_frames(small: dict[str, pd.DataFrame]) -> None:
    again = datasets.make_frames(**SMALL)
    assert again.keys() == small.keys()
    for name, frame in small.items():
        pd.testing.assert_frame_equal(again[name], frame, check_exact=True)


def test_different_seed_gives_different_world(small: dict[str, pd.DataFrame]) -> None:
    other = datasets.make_frames(n_customers=SMALL["n_customers"], seed=SMALL["seed"] + 1)
    for name in ("customers", "orders", "surveys", "assignment"):
        assert not other[name].equals(small[name]), name


def test_history_does_not_depend_on_the_campaign(small: dict[str, pd.DataFrame]) -> None:
    plain = datasets.make_frames(**SMALL, campaign=False)
    assert set(plain) == set(datasets.HISTORY_TABLES)
    pd.testing.assert_frame_equal(plain["customers"], small["customers"])
    end = pd.Timestamp(CAMPAIGN_START)
    for name, column in DATE_COLUMNS.items():
        before = small[name][small[name][column] < end].reset_index(drop=True)
        pd.testing.assert_frame_equal(plain[name][plain[name][column] < end], before)


@pytest.mark.parametrize("n_customers", [0, -5, 2.5, True, "100"])
def test_invalid_size_is_rejected(n_customers: object) -> None:
    with pytest.raises(ValueError, match="n_customers must be a positive whole number, got"):
        datasets.make_frames(n_customers=n_customers)


def test_invalid_size_message_names_the_value() -> None:
    with pytest.raises(ValueError, match="n_customers must be a positive whole number, got 0"):
        datasets.make_frames(n_customers=0)


# --- files -------------------------------------------------------------------------------------


def test_generate_demo_writes_what_make_frames_builds(tmp_path, small) -> None:
    summary = datasets.generate_demo(tmp_path, **SMALL)
    assert set(summary.paths) == set(contract.TABLES)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [*(f"{name}.parquet" for name in contract.TABLES), datasets.WORLD_STAMP]
    )
    for name, path in summary.paths.items():
        back = pd.read_parquet(path)
        pd.testing.assert_frame_equal(back, small[name])
        assert summary.rows[name] == len(back)
    assert summary.post_window == POST_WINDOW
    assert summary.segment_sizes["core"] > 0
    assert list(summary.to_frame()["table"]) == list(summary.paths)


def test_summary_counts_every_segment_of_the_world(tmp_path, small) -> None:
    summary = datasets.generate_demo(tmp_path, **SMALL)
    assert list(summary.segment_sizes) == [*datasets.TARGETED_SEGMENTS, "maintain"]
    assert sum(summary.segment_sizes.values()) == SMALL["n_customers"]
    targeted = small["assignment"]["segment"].value_counts().to_dict()
    assert {s: summary.segment_sizes[s] for s in datasets.TARGETED_SEGMENTS} == targeted


def test_generate_demo_stamps_the_folder_with_its_settings(tmp_path) -> None:
    datasets.generate_demo(tmp_path, n_customers=300, seed=1)
    stamp = (tmp_path / datasets.WORLD_STAMP).read_text()
    assert stamp == datasets.world_fingerprint(n_customers=300, seed=1) + "\n"
    assert not list(tmp_path.glob(".*.tmp"))  # no temporary file left behind


def test_a_world_without_campaign_removes_stale_campaign_files(tmp_path) -> None:
    datasets.generate_demo(tmp_path, n_customers=300, seed=1)
    summary = datasets.generate_demo(tmp_path, n_customers=300, seed=1, campaign=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [*(f"{name}.parquet" for name in datasets.HISTORY_TABLES), datasets.WORLD_STAMP]
    )
    assert summary.segment_sizes == {}


def _demo_params() -> DataParams:
    return DataParams.model_validate(
        {"base_dir": "demo", "demo": True, "tables": {"orders": {"path": "orders.parquet"}}}
    )


def test_a_stale_demo_world_is_generated_again(tmp_path) -> None:
    folder = tmp_path / "demo"
    params = _demo_params()
    datasets.ensure_demo(params, tmp_path)
    assert datasets.is_current(folder)
    (folder / datasets.WORLD_STAMP).write_text("made-by-an-older-generator\n")
    (folder / "orders.parquet").write_bytes(b"stale")  # would fail to read if kept
    assert not datasets.is_current(folder)
    datasets.ensure_demo(params, tmp_path)
    data = load_data(params, tmp_path, today=dt.date(2026, 11, 30))
    assert datasets.is_current(folder)
    assert len(data.to_pandas("orders")) > 0


def test_a_current_demo_world_is_left_alone(tmp_path) -> None:
    folder = tmp_path / "demo"
    params = _demo_params()
    datasets.ensure_demo(params, tmp_path)
    marker = folder / "orders.parquet"
    written = marker.stat().st_mtime_ns
    datasets.ensure_demo(params, tmp_path)
    assert marker.stat().st_mtime_ns == written


def test_params_without_demo_never_generate(tmp_path) -> None:
    params = DataParams.model_validate(
        {"base_dir": "demo", "tables": {"orders": {"path": "orders.parquet"}}}
    )
    datasets.ensure_demo(params, tmp_path)
    assert not (tmp_path / "demo").exists()
