"""Rules on the rows of the canonical tables: one row per customer, orders of known customers.

These run after the columns were checked and mapped, on customer ids as the package matches them
(``13085.0`` is ``13085``). A repeated customer id is refused unless the params say which row to
keep; orders of customers missing from the customers table are counted, and refused above a share.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb

from campaign_eval.config.data import OnDuplicate
from campaign_eval.contract import CUSTOMER_ID, CUSTOMERS
from campaign_eval.io.engine import UnknownCustomers

_EXAMPLES = 3
_ID = CUSTOMER_ID


def repeated_ids(rel: duckdb.DuckDBPyRelation) -> tuple[int, list[tuple[str, int]]]:
    """Rows that repeat a customer id already on another row, and the most repeated ids."""
    rows, ids = rel.aggregate(f"count(*), count(DISTINCT {_ID})").fetchall()[0]
    if rows == ids:
        return 0, []
    top = (
        rel.aggregate(f"{_ID}, count(*) AS n", _ID)
        .filter("n > 1")
        .order(f"n DESC, {_ID}")
        .limit(_EXAMPLES)
        .fetchall()
    )
    return int(rows - ids), [(str(i), int(n)) for i, n in top]


def keep_one_row(rel: duckdb.DuckDBPyRelation, how: OnDuplicate) -> duckdb.DuckDBPyRelation:
    """The first (or last) row of each customer id, in the order of the file."""
    order = " DESC" if how == "last" else ""
    return (
        rel.project("*, row_number() OVER () AS _ce_row")
        .project(f"*, row_number() OVER (PARTITION BY {_ID} ORDER BY _ce_row{order}) AS _ce_rank")
        .filter("_ce_rank = 1")
        .project("* EXCLUDE (_ce_row, _ce_rank)")
    )


def repeated_problem(
    repeated: int, examples: Sequence[tuple[str, int]], path: Path, label: str
) -> str:
    """The refusal of a customers table with repeated ids, quoting the most repeated ones."""
    shown = ", ".join(f"{cid!r} ({n} rows)" for cid, n in examples)
    return (
        f"{path.name}: {repeated:,} rows of the customers table repeat a customer id of another "
        f"row, e.g. {shown}. Each customer needs one row. Fix: remove the repeated rows, or set "
        f"data.tables.{CUSTOMERS.name}.on_duplicate in {label} to first or last to keep one row "
        "of each (the report counts the rows left out)"
    )


def unknown_customers(
    table: duckdb.DuckDBPyRelation, customers: duckdb.DuckDBPyRelation
) -> tuple[UnknownCustomers, list[str]]:
    """Rows of ``table`` whose customer is not in ``customers``, and a few such ids."""
    unknown = table.project(_ID).join(customers.project(_ID), _ID, how="anti")
    rows = int(unknown.aggregate("count(*)").fetchall()[0][0])
    total = int(table.aggregate("count(*)").fetchall()[0][0])
    if not rows:
        return UnknownCustomers(0, total), []
    ids = unknown.distinct().order(_ID).limit(_EXAMPLES).fetchall()
    return UnknownCustomers(rows, total), [str(r[0]) for r in ids]


def unknown_problem(
    name: str,
    unknown: UnknownCustomers,
    examples: Sequence[str],
    limit: float,
    paths: tuple[Path, Path],
    label: str,
) -> str:
    """The refusal of a table with too many rows of customers the customers table lacks."""
    table_file, customers_file = paths
    return (
        f"{table_file.name}: {unknown.rows:,} of {unknown.of:,} rows of the {name} table "
        f"({unknown.share:.1%}) belong to customers that are not in {customers_file.name}, e.g. "
        f"{', '.join(repr(e) for e in examples)}; more than data.max_orphan_share "
        f"({limit:.0%}). Fix: check that both tables use the same customer ids, supply the full "
        f"customers table, or raise data.max_orphan_share in {label}"
    )


def missing_list_columns(
    customers: duckdb.DuckDBPyRelation | None,
    file_columns: Sequence[str],
    wanted: Sequence[str],
    path: Path | None,
    label: str,
) -> list[str]:
    """A problem for each column asked for in the sales lists that the customers table lacks.

    Args:
        customers: The canonical customers table (with the extra columns kept for the lists).
        file_columns: The columns of the customers file as read.
        wanted: ``segmentation.list_columns``.
        path: The customers file.
        label: How to name the params file.
    """
    if not wanted:
        return []
    key = "segmentation.list_columns"
    if customers is None:
        return [
            (
                f"{label}: {key} names {', '.join(wanted)}, but there is no customers table to "
                "take them from. Fix: map data.tables.customers, or remove it"
            )
        ]
    have = [c for c in file_columns if c not in customers.columns]
    have = [c for c in customers.columns if c != _ID] + have[:20]
    missing = [c for c in wanted if c not in customers.columns]
    where = path.name if path is not None else "the customers table"
    return [
        f"{where}: {key} names '{column}', which is not a column of the customers table "
        f"(columns: {', '.join(have) or 'none'}). Fix: map it under data.tables.customers.columns, "
        f"or remove it from {key} in {label}"
        for column in missing
    ]
