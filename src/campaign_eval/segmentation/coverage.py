"""What the data could not support: excluded rows, tenure without a start date, dropped conditions.

The report states each of these in a sentence, so a reader knows what the segments rest on.
"""

from __future__ import annotations

from campaign_eval.io import CampaignData
from campaign_eval.segmentation.result import DataCoverage
from campaign_eval.segmentation.rules import TIER_PREFIX, SegmentResult


def data_coverage(data: CampaignData, segments: SegmentResult) -> DataCoverage:
    """What the segments of ``data`` rest on and what was left out.

    Args:
        data: The campaign's tables (their excluded rows and columns).
        segments: The segmented customers and the conditions that could not be applied.

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
    return DataCoverage(
        excluded_rows={table: int(rows) for table, rows in data.excluded_rows.items() if rows},
        tenure_from_orders=not data.has_column("customers", "since"),
        longest_tenure_years=float(segments.customers["tenure_years"].max()),
        segment_conditions=segment_conditions,
        tier_conditions=tier_conditions,
    )
