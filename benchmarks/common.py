"""What every benchmark shares: folders, the results file, and a child process measured as a tree.

A measurement runs in a child process (a fresh interpreter: no import, cache or memory of
another measurement). ``run_tree`` samples the resident memory of the child and of every process
it starts (the notebooks' kernels) and reports the largest sum, the peak of the whole tree.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "data"
RESULTS = HERE / "results.json"
PYTHON = sys.executable
TODAY = "2026-11-30"
"""The day the benchmark runs count as today (the demo world's last data is before it)."""
SAMPLE_S = 0.05
"""How often the memory of a process tree is sampled."""


@dataclass(frozen=True)
class TreeRun:
    """A child process that ran to its end.

    Attributes:
        seconds: Its wall time.
        peak_tree_mb: The largest resident memory of the child and its descendants together.
        stdout: What it printed.
        returncode: Its exit code.
    """

    seconds: float
    peak_tree_mb: float
    stdout: str
    returncode: int


def run_tree(cmd: list[str], *, cwd: Path = ROOT, env: dict[str, str] | None = None) -> TreeRun:
    """Run ``cmd`` to its end, sampling the memory of its whole process tree."""
    import psutil

    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        t0 = time.perf_counter()
        proc = psutil.Popen(cmd, cwd=cwd, stdout=out, stderr=err, env=env or dict(os.environ))
        peak = 0
        while proc.poll() is None:
            peak = max(peak, _tree_rss(proc))
            time.sleep(SAMPLE_S)
        seconds = time.perf_counter() - t0
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if proc.returncode != 0:
        sys.stderr.write(stderr[-4000:])
    return TreeRun(round(seconds, 2), round(peak / 2**20, 1), stdout, proc.returncode)


def _tree_rss(proc: object) -> int:
    import psutil

    total = 0
    try:
        members = [proc, *proc.children(recursive=True)]  # type: ignore[attr-defined]
    except psutil.Error:
        return 0
    for member in members:
        try:
            total += member.memory_info().rss
        except psutil.Error:
            continue
    return total


def child_json(cmd: list[str], **kwargs: object) -> dict:
    """Run a measuring child; it prints one JSON object as its last line."""
    done = run_tree(cmd, **kwargs)  # type: ignore[arg-type]
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:4])} ... failed with exit code {done.returncode}")
    payload = json.loads(done.stdout.strip().splitlines()[-1])
    payload.setdefault("seconds", done.seconds)
    payload["peak_tree_mb"] = done.peak_tree_mb
    return payload


def load_results() -> dict:
    return json.loads(RESULTS.read_text()) if RESULTS.exists() else {}


def save_results(results: dict) -> None:
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")


def machine() -> dict:
    """What the figures were measured on."""
    import platform

    import psutil

    return {
        "cores": os.cpu_count(),
        "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "load_average_1m_at_end": round(os.getloadavg()[0], 2),
        "date": time.strftime("%Y-%m-%d"),
    }
