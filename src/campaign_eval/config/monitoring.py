"""Params of the monitoring stage (03_monitoring)."""

from __future__ import annotations

from campaign_eval.config._base import StrictModel


class MonitoringParams(StrictModel):
    """Funnel targets, alert thresholds and logged incidents."""
