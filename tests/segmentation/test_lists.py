"""Sales lists: columns from the params, names and tags in the campaign's language, spend first."""

from __future__ import annotations

import pandas as pd
import pytest

from campaign_eval.segmentation.lists import sales_list, segment_lists
from tests.segmentation.conftest import campaign_params


def test_list_has_id_configured_attributes_figures_and_tags(small_result, params):
    listed = sales_list(small_result.customers, params)
    assert list(listed.columns) == [
        "customer_id",
        "industry",
        "size",
        "region",
        "owner",  # list_columns keeps its order; 'name' is not in the small world
        "segment",
        "tier",
        "spend_12m",
        "recency_days",
        "tags",
    ]
    assert len(listed) == len(small_result.customers)
    assert listed["spend_12m"].is_monotonic_decreasing
    assert (listed["spend_12m"] == listed["spend_12m"].round(2)).all()
    assert set(listed["segment"]) == {"Core value", "Churn risk", "New", "Growth potential",
                                      "Maintain"}  # fmt: skip
    assert set(listed["tier"]) <= {"Premium", "Potential", "Ordinary", "Lost"}


def test_tags_name_every_rule_matched_in_a_fixed_order(small_result, params):
    customers = small_result.customers
    listed = sales_list(customers, params).set_index("customer_id")
    words = {"core": "core rule", "churn_risk": "churn signal", "growth": "growing", "new": "new"}
    for row in customers.itertuples():
        expected = [w for s, w in words.items() if getattr(row, f"matches_{s}")]
        assert listed.loc[row.customer_id, "tags"] == ", ".join(expected)
    assert (listed["tags"] == "").any() and (listed["tags"] != "").any()


def test_list_columns_come_from_the_params(small_result):
    params = campaign_params(segmentation={"list_columns": ["owner"]})
    listed = sales_list(small_result.customers, params)
    assert list(listed.columns[:2]) == ["customer_id", "owner"]
    assert "industry" not in listed
    # a column the params name but the data lacks never gets this far: loading refuses it
    # (tests/io/test_population.py); an empty list gives the id and key figures only
    bare = sales_list(small_result.customers, campaign_params(segmentation={"list_columns": []}))
    assert list(bare.columns[:2]) == ["customer_id", "segment"]


def test_chinese_list_uses_chinese_names_and_tags(small_result, params_zh):
    listed = sales_list(small_result.customers, params_zh)
    assert set(listed["segment"]) == {
        "核心价值客户",
        "流失风险客户",
        "新客户",
        "潜力增长客户",
        "常规维护",
    }
    assert listed["tags"].str.contains("增长中").any()


def test_customers_without_rule_columns_get_empty_tags(small_result, params):
    customers = small_result.customers.drop(
        columns=[c for c in small_result.customers if c.startswith("matches_")]
    )
    assert (sales_list(customers, params)["tags"] == "").all()


@pytest.mark.parametrize("language", ["en", "zh"])
def test_segment_lists_split_by_segment_in_the_order_given(small_result, language):
    params = campaign_params(language)
    lists = dict(segment_lists(small_result.customers, params, small_result.order))
    assert list(lists) == ["core", "churn_risk", "new", "growth", "maintain"]
    counts = small_result.customers["segment"].value_counts()
    for segment, listed in lists.items():
        assert len(listed) == counts[segment]
    everyone = pd.concat(lists.values())
    assert sorted(everyone["customer_id"]) == sorted(small_result.customers["customer_id"])
    # each list is the whole sales list's rows of its segment, in the same order
    whole = sales_list(small_result.customers, params)
    customers = small_result.customers
    for segment, listed in lists.items():
        members = customers.index[customers["segment"] == segment]
        pd.testing.assert_frame_equal(listed, whole[whole.index.isin(members)])
