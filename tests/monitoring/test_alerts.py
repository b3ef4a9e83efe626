"""The monitoring rules: thresholds from the params, the interval deciding critical or warning,
the significance a delivery drop needs, design and target alerts, critical first."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest

from campaign_eval import monitoring, stats
from campaign_eval.io import CampaignData
from campaign_eval.monitoring import alerts, funnel
from campaign_eval.monitoring.result import Freshness, SampleRatioCheck, TargetStatus
from tests.monitoring.conftest import EVENT_DAY, campaign_params, counts, extra, open_ctx


def test_thresholds_come_from_params(demo_params, tmp_path):
    default = monitoring.run(open_ctx(demo_params(extra=extra()), tmp_path / "a"))
    keys = {a.key for a in default.alerts}
    assert "rate_below_threshold:email/delivery_rate" not in keys
    assert "delivery_drop:sms" in keys

    strict = {"channel_thresholds": {"email": {"delivery_rate": 0.995}}, "drop_relative": 0.9}
    changed = monitoring.run(
        open_ctx(demo_params(extra=extra(strict), name="strict.yaml"), tmp_path / "b")
    )
    keys = {a.key for a in changed.alerts}
    assert "rate_below_threshold:email/delivery_rate" in keys
    assert "delivery_drop:sms" not in keys  # a 90% drop is required now
    assert "rate_below_threshold:call/delivery_rate" not in keys  # the default call override stays


def test_stale_contacts_raise_an_alert(demo_params, demo_data, tmp_path):
    today = dt.date(2026, 7, 14)
    ctx = open_ctx(demo_params(extra=extra({"stale_after_days": 2})), tmp_path / "r", today=today)
    contacts = pd.read_parquet(demo_data / "contacts.parquet")
    export_end = pd.Timestamp("2026-07-11")  # the export stopped three days before today
    contacts = contacts[contacts["invited_at"] < export_end].copy()
    for column in [c for c in contacts if c.endswith("_at")]:
        contacts.loc[contacts[column] >= export_end, column] = pd.NaT
    frames = {
        name: pd.read_parquet(demo_data / f"{name}.parquet") for name in ("orders", "assignment")
    }
    ctx.data = CampaignData.from_frames({**frames, "contacts": contacts})
    result = monitoring.run(ctx)
    assert result.as_of == dt.date(2026, 7, 10)
    assert result.freshness.lag_days == 4
    stale = next(a for a in result.alerts if a.rule == "stale_data")
    assert stale.value == 4 and stale.threshold == 2 and stale.severity == "warning"


# ---- the rules on hand-made results --------------------------------------------------------


def _with_channels(result, channel_counts: dict[str, dict[str, int]], as_of: dt.date):
    """``result`` with an email/sms funnel of the given contacts, as of ``as_of``."""
    tallies = counts(
        {("core", "treatment"): {"invited": 1}},
        {(c, "core"): ev for c, ev in channel_counts.items()},
    )
    flow = funnel.build(tallies, alpha=0.05)
    return dataclasses.replace(result, funnel=flow, counts=tallies, as_of=as_of, status="ok")


def test_a_rate_below_its_threshold_is_critical_only_when_its_whole_interval_is(demo_run):
    mon = campaign_params(min_group_size=30).monitoring
    result = _with_channels(
        demo_run.result,
        {
            "email": {"invited": 50, "delivered": 40},  # 80%, interval reaches 85%: chance?
            "sms": {"invited": 50, "delivered": 20},  # 40%: clearly below
            "call": {"invited": 20, "delivered": 1},  # too few to judge
        },
        EVENT_DAY,
    )
    found = {a.subject: a for a in alerts.rate_alerts(result, mon)}
    email, sms = found["email/delivery_rate"], found["sms/delivery_rate"]
    assert email.severity == "warning" and email.detail.estimate.ci_high > 0.85
    assert sms.severity == "critical" and sms.detail.estimate.ci_high < 0.85
    assert (sms.value, sms.threshold) == (pytest.approx(0.4), 0.85)
    assert not any(key.startswith("call/") for key in found)


def test_attendance_is_judged_only_from_the_event_day_on(demo_run):
    mon = campaign_params(min_group_size=1).monitoring
    channel = {"email": {"invited": 100, "delivered": 100, "opened": 100, "clicked": 100,
                         "registered": 100, "attended": 1}}  # fmt: skip
    before = _with_channels(demo_run.result, channel, EVENT_DAY - dt.timedelta(days=1))
    after = _with_channels(demo_run.result, channel, EVENT_DAY)
    assert "email/attendance_rate" not in {a.subject for a in alerts.rate_alerts(before, mon)}
    assert "email/attendance_rate" in {a.subject for a in alerts.rate_alerts(after, mon)}


def _delivery(recent: tuple[int, int], earlier: tuple[int, int]) -> pd.DataFrame:
    """sms invitations on six days: three earlier ones, then the channel's last three."""
    days = pd.date_range("2026-07-01", periods=6)
    rows = [(earlier if i < 3 else recent) for i in range(6)]
    return pd.DataFrame({"channel": "sms", "day": days, "invited": [r[0] for r in rows],
                         "delivered": [r[1] for r in rows]})  # fmt: skip


def test_a_delivery_drop_must_be_large_and_significant():
    mon = campaign_params(drop_days=3, drop_relative=0.3, min_group_size=30).monitoring
    (drop,) = alerts.drop_alerts(_delivery(recent=(100, 40), earlier=(100, 90)), mon)
    test = stats.compare_proportions(120, 300, 270, 300, alpha=mon.alpha)
    assert drop.detail.p_value == pytest.approx(test.p_value)
    assert (drop.value, drop.threshold) == (pytest.approx(0.4), pytest.approx(0.9 * 0.7))
    assert (drop.detail.start, drop.detail.end) == (dt.date(2026, 7, 4), dt.date(2026, 7, 6))
    assert drop.severity == "critical" and drop.subject == "sms"
    # a smaller drop (to 70%) stays above the floor of 63%
    assert alerts.drop_alerts(_delivery(recent=(100, 70), earlier=(100, 90)), mon) == []
    # a large drop on a handful of invitations is not significant
    few = campaign_params(drop_days=3, drop_relative=0.3, min_group_size=1).monitoring
    assert alerts.drop_alerts(_delivery(recent=(1, 0), earlier=(1, 1)), few) == []


def test_design_and_target_findings_are_alerts_and_critical_ones_come_first(demo_run):
    srm = stats.sample_ratio_test([900, 100], [0.8, 0.2], arms=["treatment", "control"])
    behind = TargetStatus("registered", None, 100, 10, 20, "behind", is_count=True)
    at_risk = TargetStatus("open_rate", "core", 0.5, 0.4, 0.46, "at_risk", is_count=False)
    on_track = dataclasses.replace(behind, status="on_track")
    result = dataclasses.replace(
        demo_run.result,
        sample_ratio=(SampleRatioCheck("core", srm),),
        contamination=3,
        freshness=Freshness(dt.date(2026, 7, 10), dt.date(2026, 7, 15), limit_days=2),
        targets=(at_risk, behind, on_track),
    )
    found = alerts.find(result, campaign_params().monitoring)
    by_key = {a.key: a for a in found}
    assert by_key["sample_ratio_mismatch:core"].value == srm.p_value
    assert by_key["sample_ratio_mismatch:core"].threshold == stats.SRM_ALPHA
    assert by_key["contamination:control"].value == 3
    assert by_key["stale_data:contacts"].value == 5 and by_key["stale_data:contacts"].threshold == 2
    assert by_key["target_behind:registered/all"].severity == "critical"
    assert by_key["target_at_risk:open_rate/core"].severity == "warning"
    assert len([k for k in by_key if k.startswith("target_")]) == 2  # on track is no alert
    severities = [a.severity for a in found]
    assert severities == sorted(severities, key=["critical", "warning"].index)


def test_contacts_all_after_the_as_of_day_raise_no_funnel_or_contamination_alert(not_yet_run):
    result = not_yet_run.result
    assert result.status == "not_yet" and not result.ready
    assert result.contamination == 0
    rules = {"contamination", "rate_below_threshold", "delivery_drop"}
    assert all(a.rule not in rules for a in result.alerts)
