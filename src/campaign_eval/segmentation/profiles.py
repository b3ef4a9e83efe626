"""What the segments look like: sizes, feature profiles, the four-tier view and the structure.

Every table here is numbers indexed by machine names (segments, tiers, dimension values); the
view turns the names into words. Segments are listed in precedence order with 'maintain' last,
tiers in ``conventions.TIERS`` order.
"""

from __future__ import annotations

import pandas as pd

from campaign_eval.conventions import MAINTAIN, TIERS
from campaign_eval.segmentation.rules import SegmentResult

PROFILE_FEATURES = (
    "spend_12m",
    "orders_12m",
    "recency_days",
    "tenure_years",
    "latest_nps",
    "latest_satisfaction",
    "complaints_12m",
)
"""Features a segment profile shows, when the data has them."""
MEDIAN_FEATURES = frozenset({"recency_days"})
"""Profile features summarized by the median (a few long-lapsed customers would drag a mean)."""
STRUCTURE_DIMENSIONS = ("industry", "size", "region")
"""Customer attributes the structure view breaks the segments down by, when supplied."""
TOTAL = "total"
"""Column of a structure table holding the row's total over the segments."""
MISSING_VALUE = "?"
"""A structure table's row of customers without a value for the dimension."""


def segment_order(segments: SegmentResult) -> list[str]:
    """The segments in report order: precedence, then 'maintain'."""
    return [*segments.precedence, MAINTAIN]


def segment_sizes(segments: SegmentResult) -> pd.DataFrame:
    """Customers and their share per segment, every segment listed (zeros included).

    Returns:
        Indexed by segment in report order; columns ``customers`` (int) and ``share`` (0-1).
    """
    sizes = segments.sizes()
    total = max(int(sizes.sum()), 1)
    frame = pd.DataFrame({"customers": sizes.astype("int64"), "share": sizes / total})
    frame.index.name = "segment"
    return frame


def feature_profiles(segments: SegmentResult) -> pd.DataFrame:
    """Mean of each profile feature per segment (median for ``MEDIAN_FEATURES``).

    Returns:
        Indexed by the segments that have customers, in report order; one column per profile
        feature the data has.
    """
    frame = segments.customers
    columns = [c for c in PROFILE_FEATURES if c in frame]
    how = {c: ("median" if c in MEDIAN_FEATURES else "mean") for c in columns}
    table = frame.groupby("segment")[columns].agg(how)
    table = table.reindex([s for s in segment_order(segments) if s in table.index])
    table.index.name = "segment"
    return table


def tier_summary(segments: SegmentResult) -> pd.DataFrame:
    """The four-tier view: customers, their share and their share of 12-month spend per tier.

    A customer's spend counts at least 0 here, as in the percentile: returns of purchases made
    before the window cannot give a tier a negative share.

    Returns:
        Indexed by tier in ``TIERS`` order; columns ``customers``, ``share`` and
        ``spend_share`` (0-1).
    """
    floored = segments.customers["spend_12m"].clip(lower=0.0)
    grouped = (
        floored.groupby(segments.customers["tier"])
        .agg(["size", "sum"])
        .reindex(list(TIERS), fill_value=0)
    )
    total = max(int(grouped["size"].sum()), 1)
    spend = max(float(grouped["sum"].sum()), 1e-12)
    frame = pd.DataFrame(
        {
            "customers": grouped["size"].astype("int64"),
            "share": grouped["size"] / total,
            "spend_share": grouped["sum"] / spend,
        }
    )
    frame.index.name = "tier"
    return frame


def structure_table(segments: SegmentResult, dimension: str) -> pd.DataFrame | None:
    """Customers by a customer attribute and segment, biggest rows first.

    Args:
        segments: The segmented customers.
        dimension: A customer attribute, e.g. ``industry``.

    Returns:
        Indexed by the attribute's values (``MISSING_VALUE`` for customers without one); one
        column per segment with customers, in report order, and ``TOTAL``. None when the
        customers have no such attribute or no value in it.
    """
    frame = segments.customers
    if dimension not in frame or frame[dimension].isna().all():
        return None
    table = pd.crosstab(frame[dimension].fillna(MISSING_VALUE), frame["segment"])
    table = table[[s for s in segment_order(segments) if s in table.columns]]
    table.columns.name = None
    table[TOTAL] = table.sum(axis=1)
    table = table.sort_values(TOTAL, ascending=False)
    table.index.name = dimension
    return table


def structure_tables(segments: SegmentResult) -> dict[str, pd.DataFrame]:
    """``structure_table`` of every ``STRUCTURE_DIMENSIONS`` the customers have."""
    tables = {d: structure_table(segments, d) for d in STRUCTURE_DIMENSIONS}
    return {d: table for d, table in tables.items() if table is not None}
