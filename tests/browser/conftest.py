"""The en and zh demo runs the browser tests open (the test world, all four stages, once)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_stages
from tests.evaluation._helpers import write_params

STAGES = ["segmentation", "plan", "monitoring", "evaluation"]
REPORTS = ("01_segmentation.html", "02_plan.html", "03_monitoring.html", "04_evaluation.html")


@pytest.fixture(scope="session")
def demo_runs(tmp_path_factory, demo_data: Path) -> dict[str, Path]:
    """language -> the run folder of the demo in that language."""
    runs = {}
    for language in ("en", "zh"):
        folder = tmp_path_factory.mktemp(f"browser_{language}")
        result = run_stages(
            write_params(folder, demo_data, language=language), folder / "out", STAGES
        )
        assert result.ok, result
        runs[language] = Path(result.run_dir)
    return runs
