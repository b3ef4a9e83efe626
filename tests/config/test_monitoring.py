"""The monitoring params: bad targets, shares, segments, dates and typos are refused with their fix."""

from __future__ import annotations

import pytest

from campaign_eval.config import ParamsError, load_params
from tests.conftest import TODAY


def test_invalid_monitoring_params_are_refused_before_the_stage_runs(write_params):
    base = """
campaign: {id: c1, name: C, start: 2026-03-01, event: 2026-03-15}
data: {tables: {orders: {path: o.csv}}}
monitoring:
"""
    cases = {
        "  targets: [{metric: participation_rate, target: 60}]": "a fraction between 0 and 1",
        "  arm_shares: {treatment: 0.7, control: 0.2}": "shares must sum to 1",
        "  arm_shares: {a: 0.5, b: 0.5}": "control arm 'control'",
        "  focus_segments: [churnrisk]": "focus_segments.0",
        "  incidents: [{date: soon, kind: delay}]": "expected an ISO date",
        "  thresholds: {opn_rate: 0.2}": "did you mean 'open_rate'",
    }
    for line, expected in cases.items():
        with pytest.raises(ParamsError, match=expected):
            load_params(write_params(base + line + "\n"), today=TODAY)
