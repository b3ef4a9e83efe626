"""The report's sentences: what changed since the last run, the participation and feedback notes
before the event, and the design notes with or without arms."""

from __future__ import annotations

import dataclasses

import pytest

from campaign_eval import stats
from campaign_eval.monitoring import notes
from campaign_eval.monitoring.result import PreviousRun
from campaign_eval.monitoring.wording import Wording

EN = Wording("en")
PREVIOUS = PreviousRun(
    run_id="20260710T080000Z-0000",
    as_of="2026-07-10",
    funnel={"invited": 100, "registered": 10},
    alerts={"delivery_drop:sms": "old sentence", "stale_data:contacts": "Data was stale."},
    compatible=True,
)


def test_the_first_run_says_there_is_nothing_to_compare_with_yet(demo_run):
    assert notes.change_notes(demo_run.result, EN) == [
        (
            "This is the first monitoring run of this campaign; the next runs will show what changed "
            "since this one."
        )
    ]


def test_a_later_run_lists_new_and_cleared_alerts_but_not_those_still_there(demo_run):
    later = dataclasses.replace(demo_run.result, previous=PREVIOUS)
    found = notes.change_notes(later, EN)
    assert found[0] == (
        "Compared with the previous monitoring run (20260710T080000Z-0000, data up to 2026-07-10)."
    )
    assert "Cleared since then: Data was stale." in found
    assert any(
        n.startswith("New alert: 15 customers of the Control (holdout) group") for n in found
    )
    assert not any("delivery of the invitations" in n for n in found)  # still there: not new


def test_the_same_alerts_as_last_time_are_said_once(demo_run):
    same = {a.key: "then" for a in demo_run.result.alerts}
    later = dataclasses.replace(
        demo_run.result, previous=dataclasses.replace(PREVIOUS, alerts=same)
    )
    count = len(demo_run.result.alerts)
    assert notes.change_notes(later, EN)[1:] == [
        f"The alerts are the same as in the previous run ({count})."
    ]


def test_a_previous_run_of_another_layout_is_not_compared(demo_run):
    old = dataclasses.replace(PREVIOUS, compatible=False)
    (note,) = notes.change_notes(dataclasses.replace(demo_run.result, previous=old), EN)
    assert note == (
        "The previous monitoring run (20260710T080000Z-0000) was written in another format and "
        "cannot be compared."
    )


def test_before_the_event_registrations_stand_in_and_feedback_waits(early_run):
    found = notes.participation_notes(early_run.result, EN)
    assert found[0].startswith("The event (2026-07-15) has not taken place yet")
    assert "of the registrations so far" in found[-1]
    assert notes.feedback_notes(early_run.result, EN) == [
        "On-site feedback is collected at the event (2026-07-15)."
    ]


def test_feedback_gives_the_mean_with_its_interval_and_the_questions(demo_run):
    fb = demo_run.result.feedback
    mean, questions = notes.feedback_notes(demo_run.result, EN)
    assert f"a mean of {fb.mean:.2f} out of 5 from {fb.n:,} attendees" in mean
    assert f"(95% confidence interval {fb.ci_low:.2f}\u00a0to {fb.ci_high:.2f});" in mean
    method = notes.feedback_method(demo_run.result, EN)  # the method, for the details block
    assert "95% confidence interval of a mean (Student's t)" in method
    assert f"by {fb.askers:,} of the {fb.attendees:,} attendees" in questions


def test_without_arms_the_design_checks_say_they_are_skipped(demo_run):
    result = dataclasses.replace(
        demo_run.result,
        group_source="segments",
        sample_ratio=(),
        planned_split=None,
        contamination=None,
    )
    found = notes.design_notes(result, EN, "control")
    assert found[0] == (
        "Segments come from the segmentation; no assignment to treatment and control was found, "
        "so the design checks are skipped."
    )
    assert len(found) == 2  # said once: no verdict on group sizes, no contamination sentence
    assert notes.split_method(result, EN) == []
    assert found[-1].startswith("Data freshness: the newest contact event is from 2026-07-15")


def test_the_sample_ratio_threshold_in_words_follows_stats(demo_run, monkeypatch):
    assert any("(p < 0.001)" in n for n in notes.split_method(demo_run.result, EN))
    monkeypatch.setattr(stats, "SRM_ALPHA", 0.005)
    assert any("(p < 0.005)" in n for n in notes.split_method(demo_run.result, EN))


def test_the_group_sizes_get_a_verdict_in_words_and_the_method_stays_in_the_details(demo_run):
    found = notes.design_notes(demo_run.result, EN, "control")
    assert found[0] == (
        "Segments and groups (treatment and control) come from the assignment table supplied "
        "with the data."
    )
    assert found[1] == (
        "Group sizes: treatment and control match the planned split, overall and in every segment."
    )
    assert not any("chi-square" in n for n in found)
    checks = demo_run.result.sample_ratio
    broken = tuple(
        dataclasses.replace(c, result=dataclasses.replace(c.result, flagged=True))
        if c.segment in {"growth", "new"}
        else c
        for c in checks
    )
    flagged = dataclasses.replace(demo_run.result, sample_ratio=broken)
    assert notes.design_notes(flagged, EN, "control")[1].startswith(
        "Group sizes: treatment and control do not match the planned split in Growth potential, New."
    )
    method = " ".join(notes.split_method(demo_run.result, EN))
    assert "chi-square goodness of fit" in method and "monitoring.arm_shares" not in method


@pytest.mark.parametrize(("count", "start"), [(0, "Contamination: no customer"),
                                              (3, "Contamination: 3 customers")])  # fmt: skip
def test_contamination_is_said_with_or_without_contacted_controls(demo_run, count, start):
    result = dataclasses.replace(demo_run.result, contamination=count)
    assert any(n.startswith(start) for n in notes.design_notes(result, EN, "control"))


def test_each_file_written_is_named_with_what_it_holds(not_yet_run):
    assert notes.files_notes(not_yet_run.result, EN) == [
        "monitoring.json: this run's funnel, targets and alerts, read by the next monitoring run.",
        (
            "contamination.csv: the control customers who were contacted (customer level, not shown "
            "here)."
        ),
    ]


def test_the_intro_says_how_the_as_of_day_was_chosen(demo_run, early_run):
    assert "the day of the newest contact event in the data" in notes.intro(demo_run.result, EN)
    assert "the day chosen for this report" in notes.intro(early_run.result, EN)
    assert notes.intro(demo_run.result, EN).endswith("the event is on 2026-07-15.")


def test_cancellations_are_counted_with_their_share_of_registrations(demo_run):
    cancelled = demo_run.result.incidents.cancellations
    assert notes.cancellation_note(demo_run.result, EN) == (
        f"{cancelled.successes:,} registrations were cancelled: {cancelled.value:.1%} "
        f"({cancelled.ci_low:.1%}\u00a0to {cancelled.ci_high:.1%}) of all registrations."
    )
