"""The result types: frozen, numbers and data values only, each shown as a table in a notebook."""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing

import pytest

from campaign_eval.monitoring import result as result_module
from campaign_eval.monitoring.result import Freshness, MonitoringResult, PlannedSplit
from tests.monitoring.conftest import EVENT_DAY


def test_the_result_and_its_parts_are_frozen(demo_run):
    result = demo_run.result
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.status = "empty"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.alerts[0].value = 0.0  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.feedback.n = 0  # type: ignore[misc]


def test_the_result_holds_no_context_params_or_words():
    hints = typing.get_type_hints(MonitoringResult)
    forbidden = ("StageContext", "CampaignParams", "MonitoringParams", "Wording", "Formatter")
    for name, hint in hints.items():
        assert not any(word in str(hint) for word in forbidden), name
    documented = MonitoringResult.__doc__ or ""
    assert all(f"{f.name}:" in documented for f in dataclasses.fields(MonitoringResult))


def test_every_result_type_documents_every_field():
    for name in dir(result_module):
        kind = getattr(result_module, name)
        if isinstance(kind, type) and dataclasses.is_dataclass(kind):
            doc = kind.__doc__ or ""
            missing = [f.name for f in dataclasses.fields(kind) if f"{f.name}:" not in doc]
            assert missing == [], (name, missing)


def test_every_part_of_the_result_renders_as_a_table_in_a_notebook(demo_run):
    result = demo_run.result
    parts = [result, result.counts, result.funnel, result.participation, result.feedback,
             result.incidents, result.freshness, result.planned_split, result.sample_ratio[0],
             result.alerts[0], result.targets[0], result.funnel.channel_rates["email"]["open_rate"],
             result.participation.segments[0], result.incidents.logged[0]]  # fmt: skip
    for part in parts:
        assert "<table" in part._repr_html_(), type(part).__name__
    assert result.to_frame().loc["all", "invited"] == result.funnel.totals["invited"]


def test_ready_event_passed_and_level_follow_the_numbers(demo_run, early_run, not_yet_run):
    assert demo_run.result.ready and demo_run.result.event_passed
    assert early_run.result.ready and not early_run.result.event_passed
    assert not not_yet_run.result.ready
    assert demo_run.result.level == 95
    assert dataclasses.replace(demo_run.result, alpha=0.1).level == 90


def test_freshness_lag_is_never_negative_and_stale_only_past_the_limit():
    assert Freshness(EVENT_DAY, EVENT_DAY, 0).lag_days == 0
    assert Freshness(EVENT_DAY + dt.timedelta(days=1), EVENT_DAY, 0).lag_days == 0
    assert not Freshness(EVENT_DAY - dt.timedelta(days=2), EVENT_DAY, 2).stale
    assert Freshness(EVENT_DAY - dt.timedelta(days=3), EVENT_DAY, 2).stale
    assert not Freshness(None, EVENT_DAY, 2).stale


def test_a_segment_without_its_own_planned_shares_gets_the_default():
    split = PlannedSplit("plan_params", None, {"treatment": 0.8, "control": 0.2},
                         {"core": {"treatment": 0.5, "control": 0.5}})  # fmt: skip
    assert split.of("core") == {"treatment": 0.5, "control": 0.5}
    assert split.of("new") == {"treatment": 0.8, "control": 0.2}
    assert list(split.to_frame()["segment"]) == ["core", "all"]


def test_an_alert_is_identified_by_its_rule_and_subject(demo_run):
    keys = [a.key for a in demo_run.result.alerts]
    assert "delivery_drop:sms" in keys and len(keys) == len(set(keys))
