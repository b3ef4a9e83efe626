"""Tests of datasets.tables: the contract's columns, readable ids, costs and atomic writing."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from campaign_eval import contract, datasets
from campaign_eval.datasets import tables


def _check_kind(series: pd.Series, kind: str) -> None:
    values = series.dropna()
    if kind in {"id", "string"}:
        assert pd.api.types.is_string_dtype(series.dtype), series.name
        assert values.map(type).eq(str).all(), series.name
    elif kind == "date":
        assert series.dtype == "datetime64[ns]", series.name
    else:
        assert pd.api.types.is_numeric_dtype(series.dtype), series.name
        assert np.isfinite(values.to_numpy(dtype=float)).all(), series.name
    if kind in {"integer", "score_1_5", "score_0_10"}:
        assert (values == values.round()).all(), series.name
    if kind == "score_1_5":
        assert values.between(1, 5).all(), series.name
    if kind == "score_0_10":
        assert values.between(0, 10).all(), series.name


def test_every_table_has_exactly_the_contract_columns(small: dict[str, pd.DataFrame]) -> None:
    assert set(small) == set(contract.TABLES)
    for name, frame in small.items():
        table = contract.TABLES[name]
        assert tuple(frame.columns) == table.column_names, name
        assert len(frame) > 0, name
        for column in table.columns:
            _check_kind(frame[column.name], column.kind)
            if column.required:
                assert frame[column.name].notna().all(), (name, column.name)


def test_every_customer_id_is_a_known_customer(small: dict[str, pd.DataFrame]) -> None:
    known = set(small["customers"]["customer_id"])
    for name, frame in small.items():
        if contract.CUSTOMER_ID in frame:
            assert set(frame[contract.CUSTOMER_ID]) <= known, name


def test_dated_tables_are_sorted_by_day_and_orders_numbered_in_that_order(
    small: dict[str, pd.DataFrame],
) -> None:
    for name, column in {"orders": "order_date", "surveys": "survey_date"}.items():
        assert small[name][column].is_monotonic_increasing, name
    assert small["complaints"]["complaint_date"].is_monotonic_increasing
    orders = small["orders"]
    assert list(orders["order_id"]) == [f"O{k:08d}" for k in range(1, len(orders) + 1)]
    assert small["contacts"]["invited_at"].is_monotonic_increasing


@pytest.mark.parametrize("n", [1, 9, 10, 999_999, 1_000_000, 1_000_001])
def test_customer_ids_are_zero_padded_numbers(n: int) -> None:
    ids = tables.customer_ids(n).to_pylist()
    width = max(6, len(str(n)))
    assert ids[0] == "C" + "1".zfill(width)
    assert ids[-1] == f"C{n:0{width}d}"
    assert len(ids) == n
    if n <= 1_000:
        assert ids == [f"C{k:06d}" for k in range(1, n + 1)]


def test_customer_ids_of_a_world_over_a_million_widen_every_id() -> None:
    n = 1_000_001
    assert tables.customer_ids(n).to_pylist() == [f"C{k:07d}" for k in range(1, n + 1)]


def test_costs_have_the_template_categories(small: dict[str, pd.DataFrame]) -> None:
    costs = small["costs"].set_index("category")
    assert list(costs.index) == [
        "staff",
        "marketing",
        "technology",
        "venue",
        "research",
        "contingency",
    ]
    assert (costs["actual"] != costs["planned"]).any()
    assert 0 < costs.loc["contingency", "actual"] < costs.loc["contingency", "planned"]


def test_costs_scale_with_the_world_and_round_to_hundreds() -> None:
    standard = tables.costs_table(datasets.DEFAULT_N_CUSTOMERS).to_pandas()
    assert list(standard["planned"]) == [planned for _, planned, _ in datasets.COSTS]
    assert list(standard["actual"]) == [actual for _, _, actual in datasets.COSTS]
    half = tables.costs_table(datasets.DEFAULT_N_CUSTOMERS // 2).to_pandas()
    assert list(half["planned"]) == [round(p / 2 / 100) * 100 for _, p, _ in datasets.COSTS]
    tiny = tables.costs_table(1).to_pandas()
    assert (tiny[["planned", "actual"]] == 100.0).all().all()  # never below one hundred


def test_a_table_that_differs_from_the_contract_is_refused() -> None:
    wrong = pa.table({"customer_id": ["C1"], "arm": ["treatment"]})
    with pytest.raises(RuntimeError, match="assignment: built columns"):
        tables.assignment_table(wrong.to_pandas())


def test_write_table_atomic_replaces_the_file_and_leaves_no_temporary(tmp_path) -> None:
    path = tmp_path / "costs.parquet"
    path.write_bytes(b"an older file")
    table = tables.costs_table(datasets.DEFAULT_N_CUSTOMERS)
    assert tables.write_table_atomic(table, path) == path
    assert pq.read_table(path).equals(table)
    assert [p.name for p in tmp_path.iterdir()] == ["costs.parquet"]
