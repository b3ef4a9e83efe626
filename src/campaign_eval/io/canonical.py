"""Map a read table onto the data contract: rename, cast, clean ids, sum order lines into orders.

Written once against narwhals, so the mapping runs unchanged on any engine narwhals supports.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import duckdb
import narwhals as nw

from campaign_eval.config.data import TableSource
from campaign_eval.contract import CUSTOMER_ID, ORDERS, Column, Table


def _source_name(col: Column, mapping: Mapping[str, str]) -> str:
    return mapping.get(col.name, col.name)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _is_lines(source: TableSource, present: set[str]) -> bool:
    """Rows are order lines when the amount comes from quantity x unit price (no amount column)."""
    return _source_name(ORDERS.column("amount"), source.columns) not in present


def _orders_from_lines(rel: duckdb.DuckDBPyRelation) -> duckdb.DuckDBPyRelation:
    """One row per order: lines summed by order id (each line is an order when there is none)."""
    orders = nw.from_native(rel)
    if "order_id" not in orders.collect_schema().names():
        return rel
    return (
        orders.group_by(CUSTOMER_ID, "order_id")
        .agg(nw.col("order_date").min(), nw.col("amount").sum())
        .to_native()
    )


def _has_lines(present: set[str], mapping: Mapping[str, str]) -> bool:
    return all(mapping.get(c, c) in present for c in ("quantity", "unit_price"))


_NUMERIC_ID = re.compile(r"\.0+$")


def _id_expr(expr: nw.Expr, dtype: nw.dtypes.DType, *, clean: bool) -> nw.Expr:
    """Ids as text, so that 13085.0, 13085, "13085.0" and " 13085" are the same customer.

    A float id goes through a 64-bit integer. A text id is cleaned only where it needs it (a
    ".0" tail or surrounding spaces): trimming and a regex over every row of a 30-million-row
    table cost about 4 s, the test for the few rows that need it about 0.5 s per query; and
    validation already counted such ids, so ``clean`` is False when there are none.
    """
    if dtype.is_float():
        return expr.cast(nw.Int64).cast(nw.String)
    if dtype.is_integer():
        return expr.cast(nw.String)
    text = expr.cast(nw.String)
    if not clean:
        return text
    messy = text.str.ends_with(".0") | text.str.starts_with(" ") | text.str.ends_with(" ")
    cleaned = text.str.strip_chars().str.replace_all(_NUMERIC_ID.pattern, "")
    return nw.when(messy).then(cleaned).otherwise(text)


def _canonical(
    rel: duckdb.DuckDBPyRelation,
    table: Table,
    mapping: Mapping[str, str],
    date_format: str | None,
    *,
    clean_ids: bool = True,
) -> duckdb.DuckDBPyRelation:
    """Rename and cast the mapped columns onto the contract, written once in narwhals."""
    frame = nw.from_native(rel)
    schema = frame.collect_schema()
    present = set(schema.names())
    exprs = []
    for col in table.columns:
        src = _source_name(col, mapping)
        if src not in present:
            continue
        expr = nw.col(src)
        if col.kind == "id":
            expr = _id_expr(expr, schema[src], clean=clean_ids)
        elif col.kind == "string":
            expr = expr.cast(nw.String)
        elif col.kind == "date":
            if date_format and schema[src] == nw.String:
                expr = expr.str.to_datetime(format=date_format)
            expr = expr.cast(nw.Datetime())
        elif col.kind == "integer":
            expr = expr.cast(nw.Int64)
        else:
            expr = expr.cast(nw.Float64)
        exprs.append(expr.alias(col.name))
    out = frame.select(exprs)
    if table.name == "orders" and "amount" not in out.columns:
        out = out.with_columns((nw.col("quantity") * nw.col("unit_price")).alias("amount"))
    return out.to_native()
