"""Params of the plan stage (02_plan)."""

from __future__ import annotations

from campaign_eval.config._base import StrictModel


class PlanParams(StrictModel):
    """Goals, experiment design, schedule and budget of the campaign."""
