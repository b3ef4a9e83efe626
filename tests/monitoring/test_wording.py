"""Names and numbers of the report: every key mapping is complete in both languages, unknown
names are shown as written, numbers and p-values go through report.format."""

from __future__ import annotations

import pytest

from campaign_eval.config.monitoring import COUNT_METRICS, RATE_NAMES, TargetMetric
from campaign_eval.monitoring import funnel, wording
from campaign_eval.monitoring.incidents import INCIDENT_KINDS
from campaign_eval.monitoring.result import RateEstimate, TargetStatus
from campaign_eval.monitoring.wording import Wording
from campaign_eval.report.labels import LABELS


def test_every_event_rate_metric_and_kind_has_a_label_in_both_languages():
    assert set(wording.STEP_KEYS) == set(funnel.EVENTS)
    metrics = set(funnel.RATES) | set(RATE_NAMES) | set(TargetMetric.__args__) | set(COUNT_METRICS)
    assert metrics <= set(wording.METRIC_KEYS)
    assert set(wording.INCIDENT_KEYS) == {"cancelled", *INCIDENT_KINDS}
    mappings = (wording.STEP_KEYS, wording.METRIC_KEYS, wording.CHANNEL_KEYS, wording.BY_KEYS,
                wording.INCIDENT_KEYS, wording.STATE_KEYS, wording.SEVERITY_KEYS)  # fmt: skip
    for mapping in mappings:
        for key in mapping.values():
            assert set(LABELS[key]) == {"en", "zh"}, key


def test_unknown_channels_and_segments_take_their_display_form():
    en, zh = Wording("en"), Wording("zh")
    assert en.channel("sms") == "SMS" and zh.channel("sms") == "短信"
    assert en.channel("wechat") == "Wechat" and zh.channel("wechat") == "wechat"
    assert en.channel("all") == "All channels (customers)"
    assert en.segment("vip") == "Vip" and en.segment("core") == "Core value"
    assert en.segment(None) == en.segment("all") == "All targeted"
    assert en.segment("unassigned") == "Not in the assignment"
    assert en.arm("control") == "Control (holdout)" and en.arm("arm_c") == "Arm c"
    # the analyst's names (campaign.value_labels) win over the guessed display form
    named = Wording("zh", {"wechat": "微信", "vip": "贵宾客户", "arm_c": "第三组"})
    assert named.channel("wechat") == "微信" and named.segment("vip") == "贵宾客户"
    assert named.arm("arm_c") == "第三组" and named.channel("sms") == "短信"


def test_p_values_have_three_decimals_or_a_floor():
    en = Wording("en")
    # no line break between "p" and its value
    assert en.p(0.0123) == "p\u00a0=\u00a00.012"
    assert en.p(0.00001) == "p\u00a0<0.001"
    assert Wording("zh").p(0.5) == "p\u00a0=\u00a00.500"


def test_counts_have_separators_and_rates_their_interval():
    en = Wording("en")
    assert en.count(4525) == "4,525"
    estimate = RateEstimate("open_rate", 45, 100, 0.45, 0.354, 0.549)
    assert en.rate(estimate) == "45.0% (35.4%\u00a0to 54.9%)"
    assert en.rate(RateEstimate("open_rate", 0, 0, *[float("nan")] * 3)) == "n/a"
    assert Wording("zh").rate(RateEstimate("open_rate", 0, 0, *[float("nan")] * 3)) == "不适用"


@pytest.mark.parametrize(("is_count", "value", "written"), [(True, 10_000, "10,000"),
                                                           (False, 0.6, "60.0%")])  # fmt: skip
def test_a_target_value_is_a_count_or_a_percentage(is_count, value, written):
    status = TargetStatus("registered", "new", value, value, value, "on_track", is_count=is_count)
    assert Wording("en").target_value(status, value) == written
    assert Wording("en").target(status) == "Registrations, New"
