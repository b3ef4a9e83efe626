"""Who is coming: each segment's share of attendees (registrations before the event) against its
share of the invited, and the focus segments' share."""

from __future__ import annotations

import math

import pytest

from campaign_eval.monitoring import funnel
from campaign_eval.monitoring.participation import mix_step, participation
from tests.monitoring.conftest import counts

FLOW = funnel.build(
    counts(
        {
            ("core", "treatment"): {"invited": 100, "registered": 30, "attended": 20},
            ("churn_risk", "treatment"): {"invited": 300, "registered": 30, "attended": 10},
            ("new", "treatment"): {"invited": 100, "registered": 40, "attended": 20},
        }
    ),
    alpha=0.05,
)


def test_after_the_event_the_mix_of_attendees_is_compared_with_the_invited():
    mix = participation(FLOW, event_passed=True, focus_segments=["core", "churn_risk"], alpha=0.05)
    assert mix.step == "attended"
    assert [m.segment for m in mix.segments] == ["core", "churn_risk", "new"]
    core = mix.segments[0]
    assert (core.invited, core.reached) == (100, 20)
    assert core.invited_share == pytest.approx(100 / 500)
    assert core.reached_share == pytest.approx(20 / 50)
    assert core.rate.name == "participation_rate" and core.rate.value == pytest.approx(0.2)
    assert sum(m.reached_share for m in mix.segments) == pytest.approx(1)
    assert mix.focus == ("core", "churn_risk")
    assert mix.focus_share == pytest.approx(30 / 50)
    assert mix.focus_invited_share == pytest.approx(400 / 500)


def test_before_the_event_registrations_stand_in_for_attendance():
    mix = participation(FLOW, event_passed=False, focus_segments=["new"], alpha=0.05)
    assert mix.step == "registered" == mix_step(event_passed=False)
    new = mix.segments[-1]
    assert new.reached == 40 and new.reached_share == pytest.approx(40 / 100)
    assert new.rate.name == "registration_rate" and new.rate.value == pytest.approx(0.4)
    assert mix.focus_share == pytest.approx(0.4)


def test_focus_segments_nobody_was_invited_from_are_left_out():
    mix = participation(FLOW, event_passed=True, focus_segments=["growth"], alpha=0.05)
    assert mix.focus == ()


def test_without_contacts_there_are_no_rows_and_no_shares():
    empty = funnel.build(counts({("core", "treatment"): {}}), alpha=0.05)
    mix = participation(empty, event_passed=True, focus_segments=["core"], alpha=0.05)
    assert mix.segments[0].invited_share == 0 and math.isnan(mix.focus_share)
    assert math.isnan(mix.focus_invited_share)
    assert not mix.to_frame().empty
