"""The funnel: counts and rates against an independent pandas and statsmodels computation, the
capped numerator, the segment order and the 'all' row."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from statsmodels.stats.proportion import proportion_confint

from campaign_eval.monitoring import funnel
from tests.monitoring.conftest import EVENT_DAY, STEPS, counts


def test_funnel_counts_and_rates_match_an_independent_pandas_computation(demo_run, demo_data):
    result = demo_run.result
    assert result.as_of == EVENT_DAY  # newest contact event: check-ins on the event day

    contacts = pd.read_parquet(demo_data / "contacts.parquet")
    assignment = pd.read_parquet(demo_data / "assignment.parquet")
    cut = pd.Timestamp(EVENT_DAY) + pd.Timedelta(days=1)
    reached = pd.DataFrame(
        {s: contacts[f"{s}_at"].notna() & (contacts[f"{s}_at"] < cut) for s in STEPS}
    )
    reached["channel"] = contacts["channel"]
    by_channel = reached.groupby("channel")[list(STEPS)].sum()
    per_customer = (
        reached.assign(customer_id=contacts["customer_id"])
        .groupby("customer_id")[list(STEPS)]
        .any()
    )
    per_customer = per_customer.join(assignment.set_index("customer_id")["segment"])
    by_segment = per_customer.groupby("segment")[list(STEPS)].sum()

    got_channel = result.funnel.counts("channel")
    got_segment = result.funnel.counts("segment")
    for step in STEPS:
        for channel in by_channel.index:
            assert got_channel.loc[channel, step] == by_channel.loc[channel, step], (channel, step)
        for segment in by_segment.index:
            assert got_segment.loc[segment, step] == by_segment.loc[segment, step], (segment, step)
        assert got_channel.loc["all", step] == per_customer[step].sum()
        assert result.funnel.totals[step] == per_customer[step].sum()

    definitions = {  # docs/methods.md: open = opened/delivered, click = clicked/delivered, CTR = clicked/opened, ...
        "open_rate": ("opened", "delivered"),
        "click_rate": ("clicked", "delivered"),
        "ctr": ("clicked", "opened"),
        "registration_rate": ("registered", "invited"),
        "attendance_rate": ("attended", "registered"),
        "participation_rate": ("attended", "invited"),
    }
    rates = result.funnel.rates("channel")
    for channel in by_channel.index:
        for name, (num, den) in definitions.items():
            s, n = by_channel.loc[channel, num], by_channel.loc[channel, den]
            low, high = proportion_confint(s, n, alpha=0.05, method="wilson")
            est = rates[channel][name]
            assert est.value == pytest.approx(s / n, rel=1e-12)
            assert (est.ci_low, est.ci_high) == pytest.approx((low, high), rel=1e-9)


def test_a_numerator_above_its_denominator_is_capped_and_no_denominator_gives_nan():
    # a click recorded without an open (images blocked): 12 clicks of 10 opens
    capped = funnel.rate_estimate("ctr", 12, 10, alpha=0.05)
    assert capped.value == 1.0 and capped.successes == 12 and capped.n == 10
    low, high = proportion_confint(10, 10, alpha=0.05, method="wilson")
    assert (capped.ci_low, capped.ci_high) == pytest.approx((low, high))
    empty = funnel.rate_estimate("open_rate", 0, 0, alpha=0.05)
    assert empty.n == 0 and all(math.isnan(x) for x in (empty.value, empty.ci_low, empty.ci_high))


def test_the_interval_level_follows_alpha():
    wide = funnel.rate_estimate("open_rate", 45, 100, alpha=0.01)
    low, high = proportion_confint(45, 100, alpha=0.01, method="wilson")
    assert (wide.ci_low, wide.ci_high) == pytest.approx((low, high))


def test_segments_come_in_report_order_then_unknown_ones_then_the_all_row():
    tallies = counts(
        {
            ("unassigned", "unassigned"): {"invited": 1},
            ("vip", "treatment"): {"invited": 2},
            ("new", "treatment"): {"invited": 3, "registered": 1},
            ("core", "treatment"): {"invited": 4, "registered": 2},
            ("core", "control"): {"invited": 1},
        }
    )
    table = funnel.group_counts(tallies, "segment")
    assert list(table.index) == ["core", "new", "unassigned", "vip", "all"]
    assert table.loc["core", "invited"] == 5  # both arms of the segment
    assert table.loc["all", "invited"] == 11 and table.loc["all", "registered"] == 3
    assert (table.dtypes == "int64").all()
    built = funnel.build(tallies, alpha=0.05)
    assert funnel.segments(built) == ["core", "new", "unassigned", "vip"]
    assert built.segment_rates["all"]["registration_rate"].value == pytest.approx(3 / 11)


def test_the_all_channels_row_counts_customers_not_contacts():
    # one customer invited by email and by sms: two contacts, one customer
    tallies = counts(
        {("core", "treatment"): {"invited": 1, "delivered": 1}},
        {("email", "core"): {"invited": 1, "delivered": 1}, ("sms", "core"): {"invited": 1}},
    )
    built = funnel.build(tallies, alpha=0.05)
    assert funnel.channels(built) == ["email", "sms"]
    assert built.channel.loc["email", "invited"] + built.channel.loc["sms", "invited"] == 2
    assert built.channel.loc["all", "invited"] == 1
    assert built.channel_rates["all"]["delivery_rate"].value == 1.0


def test_an_unknown_grouping_is_refused_with_the_choices():
    tallies = counts({("core", "treatment"): {"invited": 1}})
    with pytest.raises(ValueError, match="by must be one of 'channel', 'segment'; got 'arm'"):
        funnel.group_counts(tallies, "arm")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="by must be one of"):
        funnel.build(tallies, alpha=0.05).rates("arm")  # type: ignore[arg-type]
