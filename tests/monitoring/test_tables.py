"""The report's tables: reader's column names, rates with intervals, p-values with three decimals."""

from __future__ import annotations

import dataclasses
import re

import pytest

from campaign_eval.monitoring import tables
from campaign_eval.monitoring.result import PreviousRun
from campaign_eval.monitoring.wording import Wording

EN, ZH = Wording("en"), Wording("zh")


def test_the_funnel_table_names_channels_and_steps_with_the_all_row_last(demo_run, demo_run_zh):
    table = tables.funnel_table(demo_run.result, EN, "channel")
    assert list(table.columns) == ["Channel", "Invited", "Delivered", "Opened", "Clicked",
                                   "Registered", "Attended"]  # fmt: skip
    assert table["Channel"].iloc[-1] == "All channels (customers)"
    assert set(table["Channel"]) >= {"Email", "SMS", "Phone call"}
    zh = tables.funnel_table(demo_run_zh.result, ZH, "segment")
    assert zh.columns[0] == "客户群" and zh.iloc[-1, 0] == "全部目标客户"


def test_rates_are_written_with_their_interval(demo_run):
    table = tables.rates_table(demo_run.result, EN, "segment", ("open_rate",))
    est = demo_run.result.funnel.segment_rates["core"]["open_rate"]
    core = table.set_index("Segment").loc["Core value", "Open rate"]
    assert core == f"{est.value:.1%} ({est.ci_low:.1%}\u00a0to {est.ci_high:.1%})"


def test_the_main_rates_fit_seven_columns_as_fractions_the_intervals_go_to_the_details(
    demo_run, demo_run_zh
):
    table = tables.main_rates_table(demo_run.result, EN, "channel")
    assert list(table.columns) == ["Channel", "Delivery rate", "Open rate", "Click rate",
                                   "Registration rate", "Attendance rate (of registered)",
                                   "Participation rate (of invited)"]  # fmt: skip
    sms = table.set_index("Channel").loc["SMS"]
    est = demo_run.result.funnel.channel_rates["sms"]["delivery_rate"]
    assert sms["Delivery rate"] == est.value  # a number: show_table writes it as 73.4%
    zh = tables.main_rates_table(demo_run_zh.result, ZH, "segment")
    assert len(zh.columns) == 7 and zh.columns[0] == "客户群"


def test_sample_ratio_p_values_have_three_decimals(demo_run):
    table = tables.sample_ratio_table(demo_run.result, EN)
    assert table is not None
    assert all(re.fullmatch(r"<0\.001|[01]\.\d{3}", p) for p in table["p-value"])
    assert set(table["Mismatch"]) == {"no"}
    none = dataclasses.replace(demo_run.result, sample_ratio=())
    assert tables.sample_ratio_table(none, EN) is None


def test_the_change_table_compares_the_funnel_then_and_now(demo_run):
    assert tables.change_table(demo_run.result, EN) is None
    previous = PreviousRun("r0", "2026-07-10", {"invited": 100}, {}, compatible=True)
    later = dataclasses.replace(demo_run.result, previous=previous)
    table = tables.change_table(later, EN)
    assert table is not None
    invited = table.set_index("Step").loc["Invited"]
    assert invited["Then (2026-07-10)"] == 100
    assert invited["Change"] == f"+{demo_run.result.funnel.totals['invited'] - 100:,}"
    assert table.set_index("Step").loc["Attended", "Then (2026-07-10)"] == 0
    old = dataclasses.replace(
        demo_run.result, previous=dataclasses.replace(previous, compatible=False)
    )
    assert tables.change_table(old, EN) is None  # fmt: skip


def test_targets_show_counts_and_rates_in_their_own_units(demo_run, early_run):
    table = tables.targets_table(demo_run.result, EN)
    assert table is not None
    first = table.iloc[0]
    assert first["Target"] == "Participation rate (of invited), New"
    # on the event day nothing is left to project: each target was reached or missed
    assert list(table.columns) == ["Target", "Goal", "Result", "Status"]
    assert first["Goal"] == "60.0%" and first["Status"] == "Missed"
    assert table["Status"].iloc[-1] == "Missed"  # at risk on the day: just short, still missed
    before = tables.targets_table(early_run.result, EN)
    assert before is not None
    assert list(before.columns) == ["Target", "Goal", "Now (2026-07-05)",
                                    "Projected on the event day", "Status"]  # fmt: skip
    assert set(before["Status"]) <= {"On track", "At risk", "Behind", "No data yet"}
    assert tables.targets_table(dataclasses.replace(demo_run.result, targets=()), EN) is None


def test_participation_shows_registrations_before_the_event(early_run, demo_run):
    before = tables.participation_table(early_run.result, EN)
    assert "Share of registrations" in before.columns and "Registration rate" in before.columns
    after = tables.participation_table(demo_run.result, EN)
    assert "Share of attendees" in after.columns
    assert after["Share of attendees"].sum() == pytest.approx(1)
    new = after.set_index("Segment").loc["New"]
    rate = next(m.rate for m in demo_run.result.participation.segments if m.segment == "new")
    assert new["Participation rate (of invited)"] == rate.value  # a fraction, no interval


def test_scores_and_incidents_are_tabled_with_every_kind(demo_run):
    scores = tables.score_table(demo_run.result, EN)
    assert scores is not None and scores["Score (1-5)"].tolist() == [1, 2, 3, 4, 5]
    summary = tables.incident_summary(demo_run.result, EN)
    assert summary["Incident"].tolist() == ["Registration cancelled", "Equipment failure", "Delay",
                                            "Other"]  # fmt: skip
    assert list(summary.columns) == ["Incident", "Count"]  # the source is the table's caption
    assert summary["Count"].iloc[0] == demo_run.result.incidents.cancellations.successes
    log = tables.incident_log(demo_run.result, EN)
    assert log is not None and log["What happened"].tolist() == [
        "Projector <b>failed</b> & restarted"
    ]  # the text as typed; show_table escapes it
