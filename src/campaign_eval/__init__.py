"""campaign_eval: plan, monitor and honestly evaluate customer-care campaigns.

Submodules:
    config: params files (pydantic models per stage), ``load_params``.
    contract: the canonical tables and columns inputs are mapped onto.
    data: reading and validating inputs on DuckDB (``load_data``, ``CampaignData``).
    features, segments: per-customer features in the engine; segment and tier rules.
    metrics: the metric catalogue, aggregated per arm and segment in the engine.
    conventions: the CONVENTIONS.md standards and defaults (alpha, power, ROI >= 5, ...), once.
    stats: the statistics core (tests, intervals, power, multiplicity).
    assignment: stable hashed randomization, stratified by segment.
    segmentation, plan, monitoring, evaluation: the four stages behind the notebooks.
    plots, report, labels: charts, escaped display helpers, en/zh report text.
    runner, runs, render: papermill runs, run folders, offline HTML reports.
    datasets: the seeded synthetic CRM world of the demo, tests and benchmarks.
"""

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
__version__ = "0.1.0"
