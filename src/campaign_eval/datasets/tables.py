"""Arrow tables with exactly the contract's columns, built from numpy columns, and their writing."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from campaign_eval import contract
from campaign_eval.datasets.draws import NS_PER_DAY, NS_PER_SECOND, Columns, day_order, take
from campaign_eval.datasets.settings import (
    CHANNELS,
    COMMENTS,
    COMPLAINT_CATEGORIES,
    COSTS,
    DATA_START,
    DEFAULT_N_CUSTOMERS,
    INDUSTRIES,
    N_OWNERS,
    REGIONS,
    SENTIMENTS,
    SIZES,
)

_ID_DIGITS = 6
_ORDER_ID_DIGITS = 8
_COST_ROUNDING = 100.0


def customer_ids(n: int) -> pa.Array:
    """Ids C000001, C000002, ... of ``n`` customers (more digits when needed)."""
    return _numbered("C", n, _ID_DIGITS)


def _labels(labels: tuple[str, ...] | list[str], codes: np.ndarray) -> pa.Array:
    """Text of category codes; negative codes are empty."""
    codes = np.asarray(codes)
    indices = pa.array(codes.astype(np.int32), mask=codes < 0)
    return pa.array(list(labels), pa.string()).take(indices)


def _dates(day: np.ndarray) -> pa.Array:
    """Midnight timestamps of days after DATA_START."""
    ns = day.astype(np.int64)
    ns += np.datetime64(DATA_START, "D").astype(np.int64)
    ns *= NS_PER_DAY
    return pa.array(ns.view("datetime64[ns]"), pa.timestamp("ns"))


def _numbered(prefix: str, n: int, digits: int) -> pa.Array:
    """Ids ``<prefix><zero-padded 1..n>`` built as one text buffer (fast for tens of millions)."""
    width = max(digits, len(str(n)))
    row = len(prefix) + width
    if n * row > np.iinfo(np.int32).max:
        numbers = pc.cast(pa.array(np.arange(1, n + 1)), pa.string())
        return pc.binary_join_element_wise(prefix, pc.utf8_lpad(numbers, width, "0"), "")
    # one row of characters per position, digits from the right, then transposed once
    text = np.empty((row, n), dtype=np.uint8)
    text[: len(prefix)] = np.frombuffer(prefix.encode("ascii"), dtype=np.uint8)[:, None]
    number = np.arange(1, n + 1, dtype=np.uint32)
    quotient = np.empty_like(number)
    for position in range(row - 1, len(prefix) - 1, -1):
        np.floor_divide(number, 10, out=quotient)
        text[position] = number - quotient * 10 + ord("0")
        number, quotient = quotient, number
    offsets = np.arange(0, (n + 1) * row, row, dtype=np.int32)
    data = np.ascontiguousarray(text.T)
    return pa.StringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(data))


def _timestamps(ns: np.ndarray) -> pa.Array:
    """Timestamps from nanoseconds, to the whole second as CRM systems log them."""
    missing = ns == np.iinfo(np.int64).min
    seconds = np.where(missing, 0, ns // NS_PER_SECOND * NS_PER_SECOND)
    return pa.array(seconds.view("datetime64[ns]"), pa.timestamp("ns"), mask=missing)


def _check_columns(table: pa.Table, name: str) -> pa.Table:
    expected = contract.TABLES[name].column_names
    if tuple(table.column_names) != expected:
        raise RuntimeError(f"{name}: built columns {table.column_names}, contract {expected}")
    return table


def customers_table(cust: Columns, ids: pa.Array) -> pa.Table:
    """The customers, one row each, in the order they were drawn."""
    owners = [f"rep_{k:02d}" for k in range(1, N_OWNERS + 1)]
    table = pa.table(
        {
            contract.CUSTOMER_ID: ids,
            "name": pa.array(cust["name"], pa.string()),
            "industry": _labels(INDUSTRIES, cust["industry"]),
            "size": _labels(SIZES, cust["size"]),
            "region": _labels(REGIONS, cust["region"]),
            "owner": _labels(owners, cust["owner"]),
            "since": _dates(cust["since"]),
        }
    )
    return _check_columns(table, "customers")


def _order_by_day(rows: Columns) -> Columns:
    # a stable sort keeps the generation order within a day, so the history's rows (and order
    # ids) are the same whether or not the campaign rows after it were added
    day = rows["day"]
    if np.all(day[1:] >= day[:-1]):
        return rows
    return take(rows, day_order(day))


def orders_table(orders: Columns, ids: pa.Array) -> pa.Table:
    """The orders by day, numbered O00000001, ... in that order."""
    orders = _order_by_day(orders)
    order_id = _numbered("O", orders["day"].size, _ORDER_ID_DIGITS)
    table = pa.table(
        {
            contract.CUSTOMER_ID: ids.take(pa.array(orders["who"])),
            "order_date": _dates(orders["day"]),
            "amount": pa.array(orders["amount"], pa.float64()),
            "quantity": pa.array(orders["quantity"], pa.int64()),
            "unit_price": pa.array(orders["unit_price"], pa.float64()),
            "order_id": order_id,
        }
    )
    return _check_columns(table, "orders")


def surveys_table(surveys: Columns, ids: pa.Array) -> pa.Table:
    """The survey answers by day, with comment texts and sentiments."""
    surveys = _order_by_day(surveys)
    texts = [text for sentiment in SENTIMENTS for text in COMMENTS[sentiment]]
    table = pa.table(
        {
            contract.CUSTOMER_ID: ids.take(pa.array(surveys["who"])),
            "survey_date": _dates(surveys["day"]),
            "satisfaction": pa.array(surveys["satisfaction"], pa.float64(), from_pandas=True),
            "nps": pa.array(surveys["nps"], pa.float64(), from_pandas=True),
            "comment": _labels(texts, surveys["comment"]),
            "sentiment": _labels(SENTIMENTS, surveys["sentiment"]),
        }
    )
    return _check_columns(table, "surveys")


def complaints_table(complaints: Columns, ids: pa.Array) -> pa.Table:
    """The complaints by day, with their categories."""
    complaints = _order_by_day(complaints)
    table = pa.table(
        {
            contract.CUSTOMER_ID: ids.take(pa.array(complaints["who"])),
            "complaint_date": _dates(complaints["day"]),
            "category": _labels(COMPLAINT_CATEGORIES, complaints["category"]),
        }
    )
    return _check_columns(table, "complaints")


def contacts_table(contacts: Columns, ids: pa.Array) -> pa.Table:
    """The invitations by sending time; steps not reached are empty."""
    contacts = take(contacts, np.argsort(contacts["invited_at"], kind="stable"))
    score = contacts["onsite_score"]
    questions = contacts["questions"]
    columns = {
        contract.CUSTOMER_ID: ids.take(pa.array(contacts["who"])),
        "channel": _labels(CHANNELS, contacts["channel"]),
        **{
            f"{step}_at": _timestamps(contacts[f"{step}_at"])
            for step in (*contract.CONTACT_STEPS, "cancelled")
        },
        "onsite_score": pa.array(score.astype(float), pa.float64(), mask=score < 0),
        "questions": pa.array(questions, pa.int64(), mask=questions < 0),
    }
    return _check_columns(pa.table(columns), "contacts")


def costs_table(n_customers: int) -> pa.Table:
    """The cost categories, planned and actual, scaled to the number of customers."""
    scale = n_customers / DEFAULT_N_CUSTOMERS
    table = pa.table(
        {
            "category": pa.array([c for c, _, _ in COSTS], pa.string()),
            "planned": pa.array(
                [_round_cost(planned * scale) for _, planned, _ in COSTS], pa.float64()
            ),
            "actual": pa.array(
                [_round_cost(actual * scale) for _, _, actual in COSTS], pa.float64()
            ),
        }
    )
    return _check_columns(table, "costs")


def _round_cost(amount: float) -> float:
    return max(_COST_ROUNDING, round(amount / _COST_ROUNDING) * _COST_ROUNDING)


def write_table_atomic(table: pa.Table, path: Path) -> Path:
    """Write under a temporary name in the same folder, then rename over ``path``."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        pq.write_table(table, tmp)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def assignment_table(assignment: pd.DataFrame) -> pa.Table:
    """The assignment frame as a table of text columns."""
    columns = {c: pa.array(assignment[c].tolist(), pa.string()) for c in assignment}
    return _check_columns(pa.table(columns), "assignment")
