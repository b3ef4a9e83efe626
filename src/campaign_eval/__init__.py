"""campaign_eval: plan, monitor and honestly evaluate customer-care campaigns.

Layers, each importing only the ones below it (``docs/developing.md``):

    cli, run        the command line; papermill runs, run folders, HTML reports
    datasets        the seeded synthetic CRM world of the demo, tests and benchmarks
    segmentation, plan, monitoring, evaluation
                    one package per stage: calculations, a frozen result, its view, its export
    io, metrics, stats, report, artifacts
                    inputs on the engine; metric aggregates; the statistics core; every word,
                    number format and chart style; the files a run writes
    config, contract, conventions, metrics.catalogue, checks
                    params models, the data contract, the method's constants; no engine code

The names below are loaded on first use, so ``import campaign_eval`` stays light.
"""

from __future__ import annotations

import importlib
import importlib.metadata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from campaign_eval.config import CampaignParams, ParamsError, load_params
    from campaign_eval.io import CampaignData, DataValidationError, load_data

__all__ = [
    "CampaignData",
    "CampaignParams",
    "DataValidationError",
    "ParamsError",
    "load_data",
    "load_params",
]
__version__ = importlib.metadata.version("campaign_eval")

_LAZY = {
    "CampaignParams": "campaign_eval.config",
    "ParamsError": "campaign_eval.config",
    "load_params": "campaign_eval.config",
    "CampaignData": "campaign_eval.io",
    "DataValidationError": "campaign_eval.io",
    "load_data": "campaign_eval.io",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'campaign_eval' has no attribute {name!r}")
