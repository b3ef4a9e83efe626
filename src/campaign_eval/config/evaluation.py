"""Params of the evaluation stage (04_evaluation)."""

from __future__ import annotations

from campaign_eval.config._base import StrictModel


class EvaluationParams(StrictModel):
    """Outcome windows, metrics, standards and the retrospective notes."""
