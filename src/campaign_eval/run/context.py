"""What a stage notebook opens first: its params, data, run folder, language and chart style.

Notebooks call ``open_stage`` in the cell after the parameters cell and then only call package
functions, so the same notebook runs under the runner (papermill injects ``run_dir``) and
interactively in JupyterLab (defaults from the parameters cell, a scratch folder under outputs/).
"""

from __future__ import annotations

import datetime as dt
import gc
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from campaign_eval.checks import check_choice
from campaign_eval.config import STAGES, CampaignParams, LoadedParams, load_params
from campaign_eval.io import CampaignData, load_campaign
from campaign_eval.report.labels import Language, text
from campaign_eval.run import folders as runs

LAB_RUN = "lab"
"""Folder name of interactive (JupyterLab) runs: a scratch area, not a run."""


def parse_today(today: str | None) -> dt.date:
    """The run's today: an ISO string, or the real UTC today when empty."""
    if today:
        return dt.date.fromisoformat(today)
    return dt.datetime.now(dt.UTC).date()


@dataclass
class StageContext:
    """Everything a stage needs, opened once per notebook.

    Attributes:
        stage: The stage name.
        loaded: The validated params and their file.
        run_dir: The run folder artifacts go to.
        today: The day the run counts as today (no data may be newer).
        frames: Tables the analyst passed as DataFrames (pandas, Polars or Spark), used instead
            of their files (``open_stage(..., frames={"orders": df})``).
    """

    stage: str
    loaded: LoadedParams
    run_dir: Path
    today: dt.date
    frames: Mapping[str, Any] = field(default_factory=dict)

    @property
    def params(self) -> CampaignParams:
        """The validated params."""
        return self.loaded.params

    @property
    def language(self) -> Language:
        """The report language."""
        return self.params.campaign.language

    @cached_property
    def data(self) -> CampaignData:
        """The validated canonical tables (read on first use)."""
        from campaign_eval.datasets import ensure_demo

        ensure_demo(self.params.data, self.loaded.folder)
        return load_campaign(
            self.params,
            self.loaded.folder,
            today=self.today,
            label=self.loaded.path.name,
            frames=self.frames,
        )

    def t(self, key: str, **values: object) -> str:
        """The label ``key`` in the report language, formatted with ``values``."""
        return text(key, self.language, **values)

    def artifact(self, name: str) -> Path:
        """Path of an artifact this stage writes into the run folder."""
        return self.run_dir / name

    def find_artifact(self, name: str) -> Path | None:
        """An artifact of this run or of the newest complete earlier run of the campaign."""
        return runs.find_artifact(self.run_dir, name)

    def previous_artifact(self, name: str) -> Path | None:
        """The artifact of the newest complete run before this one (e.g. the last monitoring)."""
        return runs.previous_artifact(self.run_dir, name)


def open_stage(
    stage: str,
    params_path: str,
    *,
    run_dir: str = "",
    today: str = "",
    frames: Mapping[str, Any] | None = None,
) -> StageContext:
    """Open a stage: validate params, pick the run folder, set the chart style.

    Args:
        stage: One of segmentation, plan, monitoring, evaluation.
        params_path: The campaign's params file.
        run_dir: The run folder (the runner passes it); empty for interactive use, which writes
            to ``outputs/<campaign_id>/lab/`` next to the params folder.
        today: ISO date the run counts as today; empty for the real today.
        frames: Canonical table name -> a pandas, Polars or Spark DataFrame the analyst already
            holds, used instead of that table's file (its ``columns`` mapping still applies, and
            it is checked like a file). A Spark DataFrame stays on Spark with
            ``data.engine: spark``.

    Returns:
        The stage context.

    Raises:
        ValueError: When ``stage`` is not a stage.
        ParamsError: When the params file is invalid (every problem, with its key and fix).
    """
    from campaign_eval.report.charts import setup_style

    check_choice("stage", stage, STAGES)
    day = parse_today(today)
    loaded = load_params(params_path, today=day)
    if run_dir:
        folder = Path(run_dir)
    else:
        folder = loaded.folder.parent / "outputs" / loaded.params.campaign.id / LAB_RUN
    folder.mkdir(parents=True, exist_ok=True)
    setup_style(loaded.params.campaign.language)
    if run_dir and "ipykernel" in sys.modules:
        # A batch kernel keeps what it has imported until it ends. Frozen after one last
        # collection, those objects are left out of every later one, such as the collection
        # statsmodels forces on each Holm adjustment (60 ms apiece with pandas, scipy and
        # statsmodels loaded, 2 ms frozen).
        gc.collect()
        gc.freeze()
    return StageContext(
        stage=stage, loaded=loaded, run_dir=folder, today=day, frames=dict(frames or {})
    )
