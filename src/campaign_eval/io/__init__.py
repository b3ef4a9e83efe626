"""Inputs: read files into the engine, validate them against the data contract, expose them lazily.

Modules:
    engine: the connection and ``CampaignData``, the canonical tables as narwhals frames.
    readers: files (CSV, Parquet, XLSX, DuckDB) into engine relations.
    validation: every check of a mapped column, before any analysis.
    canonical: renaming, casting and id cleaning onto the contract.
    load: ``load_data``, which does all of the above for a params file's ``data`` section.
    outcome_table: the evaluation's one-row-per-customer outcome table.
"""

from campaign_eval.io.engine import CampaignData, collect_pandas, connect
from campaign_eval.io.load import load_data
from campaign_eval.io.validation import DataValidationError

__all__ = ["CampaignData", "DataValidationError", "collect_pandas", "connect", "load_data"]
