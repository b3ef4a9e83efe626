"""The answer block: the alerts to act on first, each in plain words with what to do, then those to
watch; the funnel in three numbers; a tone that says whether anything needs action; both
languages; names from the data escaped."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from bs4 import BeautifulSoup

from campaign_eval.monitoring import answer
from campaign_eval.monitoring.result import (
    Alert,
    Freshness,
    RateBreach,
    RateEstimate,
    SampleRatioCheck,
    TargetStatus,
)
from campaign_eval.monitoring.wording import Wording
from campaign_eval.report.labels import LABELS

EN, ZH = Wording("en"), Wording("zh")


def _only(result, *alerts: Alert):
    return dataclasses.replace(result, alerts=alerts)


def _rate_alert(channel: str, name: str, severity: str = "warning") -> Alert:
    est = RateEstimate(name, 10, 100, 0.10, 0.055, 0.174)
    detail = RateBreach(channel, est, 0.15, clear=severity == "critical")
    return Alert("rate_below_threshold", severity, f"{channel}/{name}", 0.10, 0.15, detail)


def test_the_demo_needs_four_actions_critical_first_in_plain_words(demo_run):
    result = demo_run.result
    lines = answer.headline(result, EN).splitlines()
    assert lines[0] == "4 problems need action now:"
    sms = result.funnel.channel_rates["sms"]["delivery_rate"].value
    drop = next(a.detail for a in result.alerts if a.rule == "delivery_drop")
    new = next(a.detail for a in result.alerts if a.rule == "target_behind")
    assert lines[1:] == [
        (
            f"1. SMS: only {sms:.1%} of invitations delivered (at least 85.0% expected). Check "
            "the contact data and the sending service."
        ),
        (
            f"2. SMS: delivery fell to {drop.rate_recent:.1%}, from {drop.rate_earlier:.1%}, on "
            "2026-07-10 to 2026-07-12. Check the sending service; resend what failed."
        ),
        (
            "3. 15 control customers were contacted by mistake. Stop contacting them (list: "
            "contamination.csv)."
        ),
        (
            f"4. Participation rate (of invited), New: {new.actual:.1%} by the event day, against "
            "a target of 60.0%: missed. Note why for the review."
        ),
    ]
    assert answer.tone(result) == "bad"
    # the registration target, just short on the event day, is only to watch
    registration = next(a.detail for a in result.alerts if a.rule == "target_at_risk")
    assert answer.note(result, EN) == (
        f"Also watch:\n1. Registration rate, All targeted: {registration.actual:.1%} by the event "
        "day, against a target of 15.0%: missed. Note why for the review."
    )


def test_the_funnel_is_three_numbers_invited_registered_attended(demo_run):
    totals = demo_run.result.funnel.totals
    figures = answer.figures(demo_run.result, EN)
    assert [(f.label, f.value) for f in figures] == [
        ("Invited", f"{totals['invited']:,}"),
        ("Registered", f"{totals['registered']:,}"),
        ("Attended", f"{totals['attended']:,}"),
    ]
    assert figures[1].note == f"{totals['registered'] / totals['invited']:.1%} of invited"
    assert figures[0].note is None


def test_before_the_event_the_third_number_is_the_days_left(early_run):
    figures = answer.figures(early_run.result, EN)
    assert (figures[2].label, figures[2].value, figures[2].note) == (
        "Days to the event",
        "10",
        "event on 2026-07-15",
    )


def test_a_target_before_the_event_asks_for_more_invitations_or_follow_up(early_run):
    status = TargetStatus("registered", "new", 200.0, 40.0, 120.0, "behind", is_count=True)
    alert = Alert("target_behind", "critical", "registered/new", 120.0, 200.0, status)
    assert answer.action(alert, early_run.result, EN) == (
        "Registrations, New: heading for 120 by the event day, against a target of 200. Invite "
        "more customers or follow up."
    )
    at_risk = dataclasses.replace(status, status="at_risk", projected=190.0)
    warning = dataclasses.replace(alert, rule="target_at_risk", severity="warning", detail=at_risk)
    assert "just short of 200. Follow up" in answer.action(warning, early_run.result, EN)
    rate = TargetStatus("registration_rate", None, 0.15, 0.05, 0.08, "behind", is_count=False)
    assert answer.action(dataclasses.replace(alert, detail=rate), early_run.result, EN) == (
        "Registration rate, All targeted: heading for 8.0% by the event day, against a target of "
        "15.0%. Send reminders or call those invited."  # more invitations do not raise a rate
    )


def test_only_warnings_read_nothing_to_act_on_and_what_to_watch(demo_run):
    result = _only(demo_run.result, _rate_alert("email", "open_rate"))
    assert answer.headline(result, EN) == (
        "Nothing needs action now; 1 thing to watch:\n"
        "1. Email: only 10.0% of delivered invitations opened (at least 15.0% expected). Try "
        "another subject line or sending time."
    )
    assert answer.tone(result) == "mixed"


def test_warnings_beside_critical_alerts_go_to_the_note(demo_run):
    critical = demo_run.result.alerts[0]
    stale = Freshness(dt.date(2026, 7, 10), dt.date(2026, 7, 15), 2)
    warning = Alert("stale_data", "warning", "contacts", 5, 2, stale)
    result = _only(demo_run.result, critical, warning)
    assert answer.headline(result, EN).splitlines()[0] == "1 problem needs action now:"
    assert answer.note(result, EN) == (
        "Also watch:\n1. The contacts data ends on 2026-07-10, 5 days ago. Refresh the export "
        "before acting on it."
    )


def test_no_alert_reads_nothing_needs_action(demo_run):
    result = _only(demo_run.result)
    assert answer.headline(result, EN) == (
        "Nothing needs action now: every channel, target and check is within its limits."
    )
    assert answer.tone(result) == "good" and len(answer.figures(result, EN)) == 3


def test_nothing_to_monitor_yet_is_neutral_unless_the_groups_are_already_wrong(not_yet_run):
    result = not_yet_run.result
    assert answer.headline(result, EN) == (
        "Nothing to monitor yet: no invitation had been sent by the end of 2026-06-20."
    )
    assert answer.tone(result) == "neutral" and answer.figures(result, EN) == []
    check = next(c for c in result.sample_ratio if c.segment is None)
    broken = SampleRatioCheck("core", dataclasses.replace(check.result, flagged=True))
    srm = Alert("sample_ratio_mismatch", "critical", "core", 0.0001, 0.001, broken)
    flagged = _only(result, srm)
    assert answer.headline(flagged, EN).splitlines()[1] == (
        "1. Core value: treatment and control do not have their planned sizes. Check the "
        "assignment before trusting any result."
    )
    assert answer.note(flagged, EN) == answer.headline(result, EN)
    assert answer.tone(flagged) == "bad"


def test_every_rate_a_threshold_can_be_set_for_has_its_action():
    assert set(answer.RATE_ACTION_KEYS) == {
        "delivery_rate", "open_rate", "click_rate", "ctr", "registration_rate", "attendance_rate"
    }  # fmt: skip
    for key in (*answer.RATE_ACTION_KEYS.values(), *answer.TARGET_ACTION_KEYS.values()):
        assert set(LABELS[key]) == {"en", "zh"}


def test_the_chinese_answer_is_chinese(demo_run_zh):
    result = demo_run_zh.result
    headline = answer.headline(result, ZH)
    assert headline.splitlines()[0] == "有 4 个问题需要立即处理："
    sms = result.funnel.channel_rates["sms"]["delivery_rate"].value
    assert (
        f"短信：仅 {sms:.1%} 的邀请送达（应不低于 85.0%）。请检查联系方式和发送服务。" in headline
    )
    assert [f.label for f in answer.figures(result, ZH)] == ["已邀请", "已报名", "已到场"]
    assert answer.figures(result, ZH)[1].note.startswith("占邀请的 ")
    assert not any(word in headline for word in ("SMS", "control", "Act now"))


@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_block_escapes_names_from_the_data(demo_run, language):
    from campaign_eval.monitoring import View

    params = demo_run.ctx.params.model_copy(
        update={"campaign": demo_run.ctx.params.campaign.model_copy(update={"language": language})}
    )
    result = _only(demo_run.result, _rate_alert("<b>wechat</b>", "click_rate", "critical"))
    html = View(result, params).answer().data
    soup = BeautifulSoup(html, "html.parser")
    block = soup.find("section", id="answer")
    assert block is not None and "ce-tone-bad" in block["class"]
    assert "<b>wechat</b>" in block.get_text() and soup.find("b") is None
    question = {"en": "What needs action now?", "zh": "现在需要处理什么？"}[language]
    assert block.find("h2").get_text() == question
