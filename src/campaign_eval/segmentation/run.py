"""The segmentation stage's run: segment the customers, tabulate, write the files."""

from __future__ import annotations

from typing import TYPE_CHECKING

from campaign_eval.config import CampaignParams
from campaign_eval.io import CampaignData
from campaign_eval.io.write_back import write_back
from campaign_eval.segmentation import export
from campaign_eval.segmentation.coverage import data_coverage
from campaign_eval.segmentation.profiles import (
    feature_profiles,
    segment_sizes,
    structure_tables,
    tier_summary,
)
from campaign_eval.segmentation.result import SegmentationResult
from campaign_eval.segmentation.rules import segment_data

if TYPE_CHECKING:
    from campaign_eval.run.context import StageContext


def run(ctx: StageContext) -> SegmentationResult:
    """Segment the campaign's customers and write ``segments.parquet`` and the sales lists.

    When ``outputs.write_back.segments`` names a table or folder, each customer's segment and
    tier are appended there too, under this run's id.

    Args:
        ctx: The stage context (params, data, run folder).

    Returns:
        The segmentation, for ``View``.
    """
    result = segment(ctx.data, ctx.params)
    export.write(ctx.run_dir, result, ctx.params)
    write_back(
        ctx.data,
        ctx.params,
        ctx.loaded.folder,
        "segments",
        result.segments.customers[["customer_id", "segment", "tier"]],
        ctx.run_dir.name,
    )
    return result


def segment(data: CampaignData, params: CampaignParams) -> SegmentationResult:
    """Segment the customers of ``data`` by the rules of ``params`` and tabulate the segments."""
    segments = segment_data(data, params.reference_date, params.segmentation)
    return SegmentationResult(
        reference_date=params.reference_date,
        segments=segments,
        sizes=segment_sizes(segments),
        profiles=feature_profiles(segments),
        tiers=tier_summary(segments),
        structure=structure_tables(segments),
        coverage=data_coverage(data, segments, params.reference_date, params.segmentation),
    )
