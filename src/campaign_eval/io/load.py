"""Load a campaign's inputs: read, validate and map every configured table onto the contract."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

from campaign_eval.config.data import DataParams
from campaign_eval.contract import CUSTOMER_ID, TABLES
from campaign_eval.io.canonical import _canonical, _is_lines, _orders_from_lines
from campaign_eval.io.engine import CampaignData, connect
from campaign_eval.io.readers import _read
from campaign_eval.io.validation import DataValidationError, _validate


def load_data(
    params: DataParams, params_dir: Path, *, today: dt.date, label: str = "params"
) -> CampaignData:
    """Read, validate and map every configured table.

    Args:
        params: The ``data`` section of the params file.
        params_dir: The folder of the params file (relative paths start there).
        today: Dates after this day are errors (the data cannot come from the future).
        label: How to name the params file in messages.

    Returns:
        The canonical tables.

    Raises:
        DataValidationError: Listing every problem found, each with file, column, examples and fix.
    """
    base = params.resolve(params_dir)
    con = connect()
    problems: list[str] = []
    relations: dict[str, duckdb.DuckDBPyRelation] = {}
    sources: dict[str, Path] = {}
    excluded: dict[str, int] = {}
    for name, source in params.tables.items():
        path = (base / source.path).resolve()
        sources[name] = path
        try:
            raw = _read(con, path, source, name)
        except (OSError, duckdb.Error, ValueError) as exc:
            problems.append(f"{path.name}: cannot read the {name} table: {_first_line(exc)}")
            continue
        table_problems, messy_ids = _validate(raw, TABLES[name], source, path, today, label)
        problems += table_problems
        if table_problems:
            continue
        rel = _canonical(raw, TABLES[name], source.columns, source.date_format, clean_ids=messy_ids)
        if CUSTOMER_ID in rel.columns:
            excluded[name] = _count(rel.filter(f"{CUSTOMER_ID} IS NULL OR {CUSTOMER_ID} = ''"))
            rel = rel.filter(f"{CUSTOMER_ID} IS NOT NULL AND {CUSTOMER_ID} <> ''")
        if name == "orders" and _is_lines(source, set(raw.columns)):
            rel = _orders_from_lines(rel)
        relations[name] = rel
    if problems:
        raise DataValidationError(problems)
    return CampaignData(con=con, relations=relations, sources=sources, excluded_rows=excluded)


def _count(rel: duckdb.DuckDBPyRelation) -> int:
    """Rows of a relation, counted in the engine."""
    return int(rel.aggregate("count(*)").fetchall()[0][0])


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
