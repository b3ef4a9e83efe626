"""What the segmentation stage found: numbers and machine names, no words and no formatting.

``view.View`` turns a result into report sections; ``export`` writes its files. In a notebook a
result shows as its table of segment sizes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from campaign_eval.config.segmentation import Condition
from campaign_eval.conventions import MAINTAIN
from campaign_eval.segmentation.rules import SegmentResult, describe


@dataclass(frozen=True)
class SpendBasis:
    """How spend was counted and ranked.

    Attributes:
        returns: ``net`` (returns subtracted from spend) or ``drop`` (left out).
        return_orders: Orders with a negative amount in the spend window.
        return_amount: Their total, 0 or less (rounded to cents).
        negative_customers: Customers whose net spend in the window is below 0 (ranked as 0).
        buyers: Customers with a purchase in the spend window: the ones the percentile ranks.
        without_purchase: Customers without one: no percentile.
        zero_spend: Customers whose spend in the window is 0 or less.
    """

    returns: str
    return_orders: int
    return_amount: float
    negative_customers: int
    buyers: int
    without_purchase: int
    zero_spend: int


@dataclass(frozen=True)
class DataCoverage:
    """What the segments rest on and what the data could not support.

    Attributes:
        excluded_rows: Table -> rows dropped for a missing customer id (tables with none are
            left out).
        tenure_from_orders: True when the customers table has no start of cooperation
            (``customers.since``), so tenure counts from each customer's first order.
        longest_tenure_years: The longest tenure in the data, in years (NaN without customers).
        segment_conditions: Segment -> the conditions of its rule left out for lack of data.
        tier_conditions: Tier -> the conditions of its rule left out for lack of data.
        repeated_rows: Table -> rows left out because they repeated a customer id (the params
            chose the first or last row of each customer).
        unknown_customer_orders: ``(orders, all orders)`` of customers missing from the
            customers table (left out of the segments), or None when none were.
        order_lines: ``(lines, orders, key)`` when order lines were summed into orders, key
            ``order_id`` or ``customer_and_time``; None when the rows were orders.
        spend: How spend was counted and ranked; None without orders.
    """

    excluded_rows: Mapping[str, int]
    tenure_from_orders: bool
    longest_tenure_years: float
    segment_conditions: Mapping[str, tuple[Condition, ...]]
    tier_conditions: Mapping[str, tuple[Condition, ...]]
    repeated_rows: Mapping[str, int] = field(default_factory=dict)
    unknown_customer_orders: tuple[int, int] | None = None
    order_lines: tuple[int, int, str] | None = None
    spend: SpendBasis | None = None

    def to_frame(self) -> pd.DataFrame:
        """One row per fact: ``item`` (what) and ``value`` (a count, a flag or a condition)."""
        rows: list[tuple[str, object]] = [
            *((f"excluded_rows {table}", rows) for table, rows in self.excluded_rows.items()),
            ("tenure_from_orders", self.tenure_from_orders),
            ("longest_tenure_years", self.longest_tenure_years),
            *_condition_rows("segment", self.segment_conditions),
            *_condition_rows("tier", self.tier_conditions),
            *((f"repeated_rows {table}", rows) for table, rows in self.repeated_rows.items()),
            *_optional_rows(self),
        ]
        return pd.DataFrame(rows, columns=["item", "value"])

    def _repr_html_(self) -> str:
        return str(self.to_frame().to_html(index=False))


def _optional_rows(coverage: DataCoverage) -> list[tuple[str, object]]:
    rows: list[tuple[str, object]] = []
    if coverage.unknown_customer_orders is not None:
        rows.append(("unknown_customer_orders", coverage.unknown_customer_orders[0]))
    if coverage.order_lines is not None:
        lines, orders, key = coverage.order_lines
        rows += [(f"order_lines by {key}", lines), ("orders from lines", orders)]
    if coverage.spend is not None:
        spend = coverage.spend
        rows += [
            ("returns", spend.returns),
            ("return_orders", spend.return_orders),
            ("customers ranked by spend", spend.buyers),
            ("customers without a purchase", spend.without_purchase),
        ]
    return rows


def _condition_rows(
    kind: str, conditions: Mapping[str, tuple[Condition, ...]]
) -> list[tuple[str, object]]:
    return [
        (f"not_applicable {kind} {name}", describe(condition))
        for name, dropped in conditions.items()
        for condition in dropped
    ]


@dataclass(frozen=True)
class SegmentationResult:
    """The segments of every customer and the tables the report shows.

    Attributes:
        reference_date: The day the features look back from (inclusive).
        segments: Every customer with features, ``matches_<segment>``, ``segment`` and ``tier``,
            the precedence used and the conditions not applicable (``rules.SegmentResult``).
        sizes: Indexed by segment (precedence, then 'maintain'): ``customers`` and ``share``.
        profiles: Indexed by the segments with customers: the mean of each profile feature
            (median of ``recency_days``), one column per feature the data has.
        tiers: Indexed by tier (``conventions.TIERS``): ``customers``, ``share`` and
            ``spend_share`` (share of 12-month spend).
        structure: Dimension (``industry``, ``size``, ``region``) -> customers by its values
            (rows) and segment (columns, with ``total``); only dimensions the data has.
        coverage: Excluded rows, the source of tenure and the conditions left out.
    """

    reference_date: dt.date
    segments: SegmentResult
    sizes: pd.DataFrame
    profiles: pd.DataFrame
    tiers: pd.DataFrame
    structure: Mapping[str, pd.DataFrame]
    coverage: DataCoverage

    @property
    def customers(self) -> pd.DataFrame:
        """One row per customer (never shown in a report: lists go to files)."""
        return self.segments.customers

    @property
    def precedence(self) -> tuple[str, ...]:
        """The rule segments in precedence order."""
        return self.segments.precedence

    @property
    def order(self) -> tuple[str, ...]:
        """Every segment in report order: precedence, then 'maintain'."""
        return (*self.precedence, MAINTAIN)

    def empty_segments(self) -> tuple[str, ...]:
        """Rule segments nobody falls into (worth a sentence, not an error, at this stage)."""
        return tuple(s for s in self.precedence if self.sizes.loc[s, "customers"] == 0)

    def to_frame(self) -> pd.DataFrame:
        """Customers and share per segment, segments as a column."""
        return self.sizes.reset_index()

    def _repr_html_(self) -> str:
        return str(self.to_frame().to_html(index=False))
