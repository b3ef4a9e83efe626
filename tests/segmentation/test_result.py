"""The result: frozen, numbers and machine names only, shown in a notebook as a table."""

from __future__ import annotations

import dataclasses
import math

import pandas as pd
import pytest

from campaign_eval.segmentation import SegmentationResult
from campaign_eval.segmentation.result import DataCoverage
from tests.segmentation.conftest import REF


def test_result_is_frozen(small_result):
    with pytest.raises(dataclasses.FrozenInstanceError):
        small_result.sizes = pd.DataFrame()  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        small_result.coverage.tenure_from_orders = True  # type: ignore[misc]


def test_result_holds_machine_names_not_words(small_result):
    assert isinstance(small_result, SegmentationResult)
    assert small_result.reference_date == REF
    assert small_result.precedence == ("core", "churn_risk", "new", "growth")
    assert small_result.order == (*small_result.precedence, "maintain")
    assert list(small_result.sizes.index) == list(small_result.order)
    assert list(small_result.tiers.index) == ["premium", "potential", "ordinary", "lost"]
    assert set(small_result.structure) == {"industry", "size", "region"}
    assert small_result.customers is small_result.segments.customers


def test_no_field_holds_a_stage_context_or_params():
    for cls in (SegmentationResult, DataCoverage):
        for field in dataclasses.fields(cls):
            assert "Context" not in str(field.type) and "Params" not in str(field.type), field


def test_result_shows_as_the_table_of_segment_sizes(small_result):
    frame = small_result.to_frame()
    assert list(frame.columns) == ["segment", "customers", "share"]
    assert frame["customers"].sum() == len(small_result.customers)
    html = small_result._repr_html_()
    assert "<table" in html and "churn_risk" in html
    assert not any(cid in html for cid in small_result.customers["customer_id"])


def test_empty_segments_are_rule_segments_without_customers(small_result):
    assert small_result.empty_segments() == ()
    sizes = small_result.sizes.copy()
    sizes.loc["new", "customers"] = 0
    emptier = dataclasses.replace(small_result, sizes=sizes)
    assert emptier.empty_segments() == ("new",)


def test_coverage_shows_each_fact_as_a_row():
    from campaign_eval.config.segmentation import Condition

    nps = Condition(feature="latest_nps", op=">=", value=9)
    coverage = DataCoverage(
        excluded_rows={"orders": 5},
        tenure_from_orders=True,
        longest_tenure_years=2.5,
        segment_conditions={"core": (nps,)},
        tier_conditions={"premium": (nps,)},
    )
    frame = coverage.to_frame()
    assert frame["item"].tolist() == [
        "excluded_rows orders",
        "tenure_from_orders",
        "longest_tenure_years",
        "not_applicable segment core",
        "not_applicable tier premium",
    ]
    assert frame["value"].tolist() == [5, True, 2.5, "latest_nps >= 9", "latest_nps >= 9"]
    assert "<table" in coverage._repr_html_()
    assert math.isnan(
        dataclasses.replace(coverage, longest_tenure_years=math.nan).longest_tenure_years
    )


def test_coverage_rows_include_what_the_data_notes_say():
    from campaign_eval.segmentation.result import SpendBasis

    spend = SpendBasis("drop", 5, -20.0, 0, 90, 10, 12)
    coverage = DataCoverage(
        excluded_rows={}, tenure_from_orders=False, longest_tenure_years=3.0,
        segment_conditions={}, tier_conditions={}, repeated_rows={"customers": 2},
        unknown_customer_orders=(4, 100), order_lines=(120, 100, "order_id"), spend=spend,
    )  # fmt: skip
    rows = dict(zip(coverage.to_frame()["item"], coverage.to_frame()["value"], strict=True))
    assert rows["repeated_rows customers"] == 2 and rows["unknown_customer_orders"] == 4
    assert rows["order_lines by order_id"] == 120 and rows["orders from lines"] == 100
    assert rows["returns"] == "drop" and rows["customers without a purchase"] == 10
