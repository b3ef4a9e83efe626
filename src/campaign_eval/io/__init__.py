"""Inputs: read files into the engine, validate them against the data contract, expose them lazily.

Modules:
    engine: the engines (DuckDB, Spark) and ``CampaignData``, the canonical tables as narwhals
        frames.
    spark: what Spark needs, its session, and reading Parquet, Delta, URLs and catalog tables.
    sql: the checks' SQL, written once in DuckDB's dialect and generated for Spark by SQLGlot.
    sources: where each table comes from (a file, a URL, a catalog table, a DataFrame).
    readers: files (CSV and text, Parquet, XLSX, DuckDB) into DuckDB relations.
    text: the encoding of a text file, and the UTF-8 copy DuckDB reads when it needs one.
    diagnose: how a file that seems to lack its columns was misread, and the key that fixes it.
    validation: every check of a mapped column, before any analysis.
    canonical: renaming, casting and id cleaning onto the contract.
    population: one row per customer, orders of known customers, the columns of the sales lists.
    load: ``load_data`` and ``load_campaign``, which do all of the above for a params file.
    outcome_table: the evaluation's one-row-per-customer outcome table (always on DuckDB).
    write_back: the segments and the assignment written back to the engine's storage.
"""

from campaign_eval.io.engine import CampaignData, collect_pandas, connect
from campaign_eval.io.load import load_campaign, load_data
from campaign_eval.io.validation import DataValidationError

__all__ = [
    "CampaignData",
    "DataValidationError",
    "collect_pandas",
    "connect",
    "load_campaign",
    "load_data",
]
