"""Map a read table onto the data contract: rename, cast, clean ids, sum order lines into orders.

Written once against narwhals, so the mapping runs unchanged on any engine narwhals supports. The
casts read values exactly as ``validation`` checked them (its SQL twins ``number_sql`` and
``date_sql``): decimal commas, dates as text or as numbers such as 19970101.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import narwhals as nw

from campaign_eval.config.data import TableSource
from campaign_eval.contract import CUSTOMER_ID, ORDERS, Column, Table

ORDER_KEY_WITHOUT_ID = ("customer_id", "order_date")
"""Order lines without an order id are grouped by customer and timestamp: one checkout."""


def _source_name(col: Column, mapping: Mapping[str, str]) -> str:
    return mapping.get(col.name, col.name)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _is_lines(source: TableSource, present: set[str]) -> bool:
    """Rows are order lines when the amount comes from quantity x unit price (no amount column)."""
    return _source_name(ORDERS.column("amount"), source.columns) not in present


def _orders_from_lines(rel: Any) -> Any:
    """One row per order: lines summed by order id, or by customer and timestamp without one.

    Lines that share a customer and a timestamp were bought together (one checkout of a web
    shop, one till receipt); counting each line as an order would count a basket as many orders.
    """
    orders = nw.from_native(rel)
    if "order_id" not in orders.collect_schema().names():
        return orders.group_by(*ORDER_KEY_WITHOUT_ID).agg(nw.col("amount").sum()).to_native()
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


def _date_expr(expr: nw.Expr, dtype: nw.dtypes.DType, date_format: str | None) -> nw.Expr:
    """A date column as a timestamp: real dates cast, text and numbers parsed by the format.

    Numbers without a format pass validation only in a table without rows: no dates at all.
    """
    if dtype.is_numeric() and not date_format:
        return nw.lit(None).cast(nw.Datetime())
    if date_format and dtype.is_numeric():
        expr = expr.cast(nw.Int64).cast(nw.String).str.to_datetime(format=date_format)
    elif date_format and dtype == nw.String:
        expr = expr.str.to_datetime(format=date_format)
    return expr.cast(nw.Datetime())


def _number_expr(expr: nw.Expr, dtype: nw.dtypes.DType, decimal: str) -> nw.Expr:
    """A number column as a float; text with decimal commas reads 1.234,5 as 1234.5."""
    if decimal == "," and dtype == nw.String:
        expr = expr.str.replace_all(".", "", literal=True).str.replace_all(",", ".", literal=True)
    return expr.cast(nw.Float64)


def _canonical(
    rel: Any,
    table: Table,
    source: TableSource | None,
    *,
    clean_ids: bool = True,
    keep: Sequence[str] = (),
) -> Any:
    """Rename and cast the mapped columns onto the contract, written once in narwhals.

    Args:
        rel: The table as read (a DuckDB relation or a Spark DataFrame).
        table: Its canonical table.
        source: How the params describe the file (None: canonical names, no formats).
        clean_ids: Whether text ids may need cleaning (validation counted such ids).
        keep: Other columns of the file to carry along as text (e.g. a sales list's phone).
    """
    frame = nw.from_native(rel)
    schema = frame.collect_schema()
    present = set(schema.names())
    mapping = source.columns if source is not None else {}
    date_format = source.date_format if source is not None else None
    decimal = source.decimal if source is not None else "."
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
            expr = _date_expr(expr, schema[src], date_format)
        elif col.kind == "integer":
            expr = _number_expr(expr, schema[src], decimal).cast(nw.Int64)
        else:
            expr = _number_expr(expr, schema[src], decimal)
        exprs.append(expr.alias(col.name))
    taken = set(table.column_names)
    exprs += [nw.col(c).cast(nw.String) for c in keep if c in present and c not in taken]
    out = frame.select(exprs)
    if table.name == "orders" and "amount" not in out.columns:
        out = out.with_columns((nw.col("quantity") * nw.col("unit_price")).alias("amount"))
    return out.to_native()
