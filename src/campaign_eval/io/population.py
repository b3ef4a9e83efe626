"""Rules on the rows of the canonical tables: one row per customer, orders of known customers.

These run after the columns were checked and mapped, on customer ids as the package matches them
(``13085.0`` is ``13085``). A repeated customer id is refused unless the params say which row to
keep; orders of customers missing from the customers table are counted, and refused above a share.
Written once against narwhals, so they run on DuckDB and on Spark alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import narwhals as nw

from campaign_eval.config.data import OnDuplicate
from campaign_eval.contract import CUSTOMER_ID, CUSTOMERS
from campaign_eval.io.engine import Engine, UnknownCustomers

_EXAMPLES = 3
_ID = CUSTOMER_ID


def _rows(frame: nw.LazyFrame) -> int:
    return int(frame.select(nw.len()).collect().item())


def repeated_ids(rel: Any) -> tuple[int, list[tuple[str, int]]]:
    """Rows that repeat a customer id already on another row, and the most repeated ids."""
    frame = nw.from_native(rel)
    rows, ids = frame.select(nw.len(), nw.col(_ID).n_unique()).collect().row(0)
    if rows == ids:
        return 0, []
    top = (
        frame.group_by(_ID)
        .agg(nw.len().alias("n"))
        .filter(nw.col("n") > 1)
        .sort(["n", _ID], descending=[True, False])
        .head(_EXAMPLES)
        .collect()
        .rows()
    )
    return int(rows - ids), [(str(i), int(n)) for i, n in top]


_ROW = "_ce_row"


def keep_one_row(engine: Engine, rel: Any, how: OnDuplicate) -> Any:
    """The first (or last) row of each customer id, in the order of the file."""
    numbered = nw.from_native(engine.numbered(rel, _ROW))
    pick = nw.col(_ROW).max() if how == "last" else nw.col(_ROW).min()
    kept = numbered.group_by(_ID).agg(pick)
    return numbered.join(kept, on=[_ID, _ROW], how="inner").drop(_ROW).to_native()


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


def unknown_customers(table: Any, customers: Any) -> tuple[UnknownCustomers, list[str]]:
    """Rows of ``table`` whose customer is not in ``customers``, and a few such ids."""
    rows_of = nw.from_native(table).select(_ID)
    unknown = rows_of.join(nw.from_native(customers).select(_ID), on=_ID, how="anti")
    rows, total = _rows(unknown), _rows(rows_of)
    if not rows:
        return UnknownCustomers(0, total), []
    ids = unknown.unique().sort(_ID).head(_EXAMPLES).collect().rows()
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
    customers: Any,
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
