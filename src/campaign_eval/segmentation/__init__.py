"""The segmentation stage (01_segmentation): who are the core, growth, churn-risk and new customers.

Modules:
    features: per-customer features as of the reference date, computed in the engine.
    rules: segment and tier rules of the params applied with precedence (``segment_data``).
    profiles: segment sizes, feature profiles, the four-tier view and the structure tables.
    coverage: what the data could not support (excluded rows, tenure source, dropped conditions).
    lists: the sales lists, one row per customer, in the campaign's language.
    result: ``SegmentationResult``, the numbers the stage found.
    run: ``run(ctx)``, the stage's orchestration.
    export: ``segments.parquet`` and the sales lists (CSV and XLSX).
    view: ``View``, one report section per method.
    charts: the stage's charts.
"""

from campaign_eval.segmentation.result import SegmentationResult
from campaign_eval.segmentation.run import run
from campaign_eval.segmentation.view import View

__all__ = ["SegmentationResult", "View", "run"]
