"""Run folders: ``outputs/<campaign_id>/<run_id>/``, never overwritten, complete only once marked.

A run folder is created exclusively, so two runs can never share one. While a run is going its
``manifest.json`` says ``running``; the run ends by writing exactly one marker file, ``COMPLETE``
or ``FAILED``. Readers (later stages, later runs, people) trust only folders with ``COMPLETE``.
"""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path

from campaign_eval.artifacts import (
    COMPLETE,
    FAILED,
    MANIFEST,
    write_json_atomic,
    write_text_atomic,
)

__all__ = [
    "COMPLETE",
    "FAILED",
    "MANIFEST",
    "complete_runs",
    "find_artifact",
    "is_complete",
    "mark",
    "new_run_dir",
    "previous_artifact",
    "write_json_atomic",
    "write_text_atomic",
]


def new_run_dir(out_root: Path, campaign_id: str, *, now: dt.datetime | None = None) -> Path:
    """Create a fresh run folder; the name sorts by time and never collides.

    Args:
        out_root: The outputs folder.
        campaign_id: The campaign id (its folder under ``out_root``).
        now: The run's start time (UTC); default now.

    Returns:
        The new, empty folder.
    """
    now = now or dt.datetime.now(dt.UTC)
    campaign_dir = out_root / campaign_id
    campaign_dir.mkdir(parents=True, exist_ok=True)
    while True:
        run_id = f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(2)}"
        run_dir = campaign_dir / run_id
        try:
            run_dir.mkdir()  # exclusive: an existing folder raises instead of being reused
        except FileExistsError:
            continue
        return run_dir


def mark(run_dir: Path, marker: str, text: str = "") -> None:
    """Write the final marker of a run (``COMPLETE`` or ``FAILED``)."""
    write_text_atomic(run_dir / marker, text or f"{marker} {dt.datetime.now(dt.UTC).isoformat()}\n")


def is_complete(run_dir: Path) -> bool:
    """Whether the run finished successfully."""
    return (run_dir / COMPLETE).exists()


def complete_runs(campaign_dir: Path) -> list[Path]:
    """Complete runs of one campaign, oldest first."""
    if not campaign_dir.is_dir():
        return []
    return sorted(p for p in campaign_dir.iterdir() if p.is_dir() and is_complete(p))


def find_artifact(run_dir: Path, name: str) -> Path | None:
    """An artifact of this run, or else of the newest complete earlier run of the same campaign.

    The evaluation stage finds the plan's goals and assignment this way whether the plan ran in
    the same run or in an earlier one.
    """
    here = run_dir / name
    if here.exists():
        return here
    for earlier in reversed(complete_runs(run_dir.parent)):
        if earlier != run_dir and (earlier / name).exists():
            return earlier / name
    return None


def previous_artifact(run_dir: Path, name: str) -> Path | None:
    """The artifact of the newest complete run before this one (e.g. the last monitoring run)."""
    for earlier in reversed(complete_runs(run_dir.parent)):
        if earlier.name < run_dir.name and (earlier / name).exists():
            return earlier / name
    return None
