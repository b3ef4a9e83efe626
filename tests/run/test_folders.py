"""Run folders: exclusive, never reused, and lookups that trust only complete runs."""

from __future__ import annotations

import datetime as dt

import pytest

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


def test_out_root_problems_are_found_before_anything_is_made(tmp_path):
    assert runs.check_out_root(tmp_path / "new" / "deeper") is None
    assert not (tmp_path / "new").exists()  # the probe left nothing
    (tmp_path / "f").write_text("x", encoding="utf-8")
    assert "is a file, not a folder" in runs.check_out_root(tmp_path / "f")
    assert "is inside f, which is a file" in runs.check_out_root(tmp_path / "f" / "g")
    assert "allows 255" in runs.check_out_root(tmp_path / ("n" * 256))
    assert list(tmp_path.iterdir()) == [tmp_path / "f"]


def test_a_run_folder_that_cannot_be_made_removes_the_folders_made_for_it(tmp_path, monkeypatch):
    from pathlib import Path

    real_mkdir = Path.mkdir

    def refuse_run_folder(self, *args, **kwargs):
        if self.name.startswith("2026"):
            raise PermissionError(13, "Permission denied")
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", refuse_run_folder)
    with pytest.raises(PermissionError):
        runs.new_run_dir(tmp_path / "outputs", "c1", now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    assert list(tmp_path.iterdir()) == []


def test_remove_if_empty_keeps_a_folder_with_files(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "x").write_text("x", encoding="utf-8")
    assert runs.remove_if_empty(tmp_path / "a") and not (tmp_path / "a").exists()
    assert not runs.remove_if_empty(tmp_path / "b") and (tmp_path / "b" / "x").exists()
    assert not runs.remove_if_empty(tmp_path / "missing")
