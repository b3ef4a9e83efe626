"""Incidents: cancellations as a share of registrations, and the team's log up to the as-of day."""

from __future__ import annotations

import datetime as dt

import pytest
from statsmodels.stats.proportion import proportion_confint

from campaign_eval.config.monitoring import LoggedIncident
from campaign_eval.monitoring.incidents import INCIDENT_KINDS, incidents, logged_up_to

LOG = [
    LoggedIncident(date="2026-07-15", kind="delay", description="Keynote late", count=1),
    LoggedIncident(date="2026-07-10", kind="equipment", description="Printer", count=2),
    LoggedIncident(date="2026-07-16", kind="other", description="After the report day"),
]
TOTALS = {"registered": 80, "cancelled": 8}


def test_the_log_stops_at_the_as_of_day_and_is_sorted_by_date():
    kept = logged_up_to(LOG, dt.date(2026, 7, 15))
    assert [(i.date, i.kind, i.count) for i in kept] == [
        (dt.date(2026, 7, 10), "equipment", 2),
        (dt.date(2026, 7, 15), "delay", 1),
    ]


def test_kinds_are_summed_and_every_kind_is_listed():
    found = incidents(TOTALS, LOG, as_of=dt.date(2026, 7, 15), alpha=0.05)
    assert INCIDENT_KINDS == ("equipment", "delay", "other")
    assert dict(found.by_kind) == {"equipment": 2, "delay": 1, "other": 0}


def test_cancellations_are_a_share_of_registrations_with_a_wilson_interval():
    found = incidents(TOTALS, [], as_of=dt.date(2026, 7, 15), alpha=0.05)
    rate = found.cancellations
    low, high = proportion_confint(8, 80, alpha=0.05, method="wilson")
    assert (rate.successes, rate.n, rate.value) == (8, 80, pytest.approx(0.1))
    assert (rate.ci_low, rate.ci_high) == pytest.approx((low, high))
    assert found.logged == () and found.to_frame().empty
