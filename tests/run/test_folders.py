"""Run folders: exclusive, never reused, and lookups that trust only complete runs."""

from __future__ import annotations

import datetime as dt

from campaign_eval.run import folders as runs


def test_run_folders_never_collide(tmp_path):
    now = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)
    folders = {runs.new_run_dir(tmp_path, "c1", now=now) for _ in range(20)}
    assert len(folders) == 20
    assert all(f.name.startswith("20261130T090000Z-") for f in folders)


def test_artifacts_come_only_from_complete_runs(tmp_path):
    older = runs.new_run_dir(tmp_path, "c1", now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    failed = runs.new_run_dir(tmp_path, "c1", now=dt.datetime(2026, 1, 2, tzinfo=dt.UTC))
    current = runs.new_run_dir(tmp_path, "c1", now=dt.datetime(2026, 1, 3, tzinfo=dt.UTC))
    for folder in (older, failed):
        (folder / "plan.json").write_text("{}")
    runs.mark(older, runs.COMPLETE)
    runs.mark(failed, runs.FAILED)
    assert (
        runs.find_artifact(current, "plan.json") == older / "plan.json"
    )  # the failed one is skipped
    (current / "plan.json").write_text("{}")
    assert runs.find_artifact(current, "plan.json") == current / "plan.json"
    assert runs.previous_artifact(current, "plan.json") == older / "plan.json"
