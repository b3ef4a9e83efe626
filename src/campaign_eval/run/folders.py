"""Run folders: ``outputs/<campaign_id>/<run_id>/``, never overwritten, complete only once marked.

A run folder is created exclusively, so two runs can never share one. While a run is going its
``manifest.json`` says ``running``; the run ends by writing exactly one marker file, ``COMPLETE``
or ``FAILED``. Readers (later stages, later runs, people) trust only folders with ``COMPLETE``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import secrets
import tempfile
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
    "check_out_root",
    "complete_runs",
    "find_artifact",
    "is_complete",
    "mark",
    "new_run_dir",
    "previous_artifact",
    "remove_if_empty",
    "write_json_atomic",
    "write_text_atomic",
]


RUN_PATH_RESERVE = 120
"""Characters a run adds below ``--out``: campaign id, run id and the longest file name."""
_DEFAULT_PATH_MAX = 4096
_DEFAULT_NAME_MAX = 255


def check_out_root(out_root: Path) -> str | None:
    """Why run folders cannot be made under ``out_root``, in one line; None when they can.

    Checked before anything is created: a file in the way, a name or path too long for the
    file system, a folder nobody may write to. Probing writes and removes one empty folder in
    the nearest folder that exists, and leaves nothing behind.
    """
    path = out_root.expanduser().absolute()
    existing = path
    while not _exists(existing) and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        what = "is a file" if existing == path else f"is inside {existing.name}, which is a file"
        return f"--out {out_root}: {what}, not a folder; give the folder the runs go to"
    name_max, path_max = _limits(existing)
    long_name = next((p for p in path.parts if len(p.encode()) > name_max), None)
    if long_name is not None:
        return (
            f"--out: the folder name '{long_name[:40]}…' has {len(long_name.encode())} bytes; "
            f"this file system allows {name_max}. Choose a shorter name"
        )
    if len(str(path).encode()) + RUN_PATH_RESERVE > path_max:
        return (
            f"--out: the path has {len(str(path).encode())} bytes; with the run folders inside "
            f"it, it would pass this file system's limit of {path_max}. Choose a shorter path"
        )
    try:
        Path(tempfile.mkdtemp(prefix=".ce-probe-", dir=existing)).rmdir()
    except OSError as exc:
        return f"--out {out_root}: cannot create folders in {existing} ({exc.strerror or exc})"
    return None


def _exists(path: Path) -> bool:
    """Whether ``path`` exists; a name too long to look up does not."""
    try:
        return path.exists()
    except OSError:
        return False


def _limits(folder: Path) -> tuple[int, int]:
    """The longest file name and path the file system of ``folder`` allows."""
    try:
        return os.pathconf(folder, "PC_NAME_MAX"), os.pathconf(folder, "PC_PATH_MAX")
    except (OSError, ValueError, AttributeError):  # no pathconf (Windows) or no answer
        return _DEFAULT_NAME_MAX, _DEFAULT_PATH_MAX


def new_run_dir(out_root: Path, campaign_id: str, *, now: dt.datetime | None = None) -> Path:
    """Create a fresh run folder; the name sorts by time and never collides.

    When the folder cannot be made, the parent folders this call created are removed again.

    Args:
        out_root: The outputs folder.
        campaign_id: The campaign id (its folder under ``out_root``).
        now: The run's start time (UTC); default now.

    Returns:
        The new, empty folder.

    Raises:
        OSError: When the folder cannot be created.
    """
    now = now or dt.datetime.now(dt.UTC)
    campaign_dir = out_root / campaign_id
    made = [p for p in (campaign_dir, *campaign_dir.parents) if not p.exists()]
    try:
        campaign_dir.mkdir(parents=True, exist_ok=True)
        while True:
            run_id = f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(2)}"
            run_dir = campaign_dir / run_id
            try:
                run_dir.mkdir()  # exclusive: an existing folder raises instead of being reused
            except FileExistsError:
                continue
            return run_dir
    except OSError:
        for folder in made:  # deepest first
            remove_if_empty(folder)
        raise


def remove_if_empty(folder: Path) -> bool:
    """Remove ``folder`` if it exists and is empty; whether it was removed."""
    with contextlib.suppress(OSError):
        folder.rmdir()
        return True
    return False


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
