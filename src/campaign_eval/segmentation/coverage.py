"""What the segments rest on: rows left out, how spend was counted, conditions left out.

The report states each of these in a sentence, so a reader knows what the segments rest on:
rows without a customer id or of unknown customers, repeated customer rows, order lines summed
into orders, returns, the customers the spend percentile ranks, tenure without a start date.
"""

from __future__ import annotations

import datetime as dt

from campaign_eval.config.segmentation import SegmentationParams
from campaign_eval.io import CampaignData
from campaign_eval.segmentation.features import LookBack, returns_in_window
from campaign_eval.segmentation.result import DataCoverage, SpendBasis
from campaign_eval.segmentation.rules import TIER_PREFIX, SegmentResult


def spend_basis(
    data: CampaignData,
    segments: SegmentResult,
    reference_date: dt.date,
    params: SegmentationParams,
) -> SpendBasis | None:
    """How the spend features counted returns and whom the percentile ranked."""
    if not data.has("orders"):
        return None
    customers = segments.customers
    orders, amount = returns_in_window(data, reference_date, LookBack.of(params))
    buyers = int((customers["orders_12m"] >= 1).sum())
    return SpendBasis(
        returns=params.returns,
        return_orders=orders,
        return_amount=amount,
        negative_customers=int((customers["spend_12m"] < 0).sum()),
        buyers=buyers,
        without_purchase=len(customers) - buyers,
        zero_spend=int((customers["spend_12m"] <= 0).sum()),
    )


def data_coverage(
    data: CampaignData,
    segments: SegmentResult,
    reference_date: dt.date | None = None,
    params: SegmentationParams | None = None,
) -> DataCoverage:
    """What the segments of ``data`` rest on and what was left out.

    Args:
        data: The campaign's tables (their excluded, repeated and unknown rows, and columns).
        segments: The segmented customers and the conditions that could not be applied.
        reference_date: The as-of day (for the returns in the spend window); None: no spend facts.
        params: The segmentation params (windows, returns); None: the defaults.

    Returns:
        The coverage; conditions split into those of segments and those of tiers.
    """
    segment_conditions = {
        name: tuple(dropped)
        for name, dropped in segments.not_applicable.items()
        if not name.startswith(TIER_PREFIX)
    }
    tier_conditions = {
        name.removeprefix(TIER_PREFIX): tuple(dropped)
        for name, dropped in segments.not_applicable.items()
        if name.startswith(TIER_PREFIX)
    }
    unknown = data.unknown_customers.get("orders")
    lines = data.order_lines
    return DataCoverage(
        excluded_rows={table: int(rows) for table, rows in data.excluded_rows.items() if rows},
        tenure_from_orders=not data.has_column("customers", "since"),
        longest_tenure_years=float(segments.customers["tenure_years"].max()),
        segment_conditions=segment_conditions,
        tier_conditions=tier_conditions,
        repeated_rows={table: int(rows) for table, rows in data.repeated_rows.items() if rows},
        unknown_customer_orders=(unknown.rows, unknown.of) if unknown and unknown.rows else None,
        order_lines=None if lines is None else (lines.lines, lines.orders, lines.key),
        spend=(
            None
            if reference_date is None
            else spend_basis(data, segments, reference_date, params or SegmentationParams())
        ),
    )
