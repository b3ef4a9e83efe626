"""Counting in the engine: the as-of day, what there is to monitor, and the per-group counts of a
small contacts table worked out by hand."""

from __future__ import annotations

import datetime as dt

import narwhals as nw
import pandas as pd
import pytest

from campaign_eval.io import CampaignData
from campaign_eval.monitoring import counts
from campaign_eval.monitoring.funnel import EVENTS
from campaign_eval.monitoring.groups import Groups

AS_OF = dt.date(2026, 7, 10)
TODAY = dt.date(2026, 7, 12)


def _t(day: str | None) -> pd.Timestamp:
    return pd.NaT if day is None else pd.Timestamp(f"2026-07-{day} 10:00")


def _contacts() -> pd.DataFrame:
    """Three customers: C1 and C2 by email and sms, C3 by call after the as-of day."""
    rows = [
        # customer, channel, invited, delivered, opened, clicked, registered, attended,
        # cancelled, score, questions
        ("C1", "email", "01", "01", "02", "02", "03", "10", None, 4.0, 2),
        ("C1", "sms", "02", "02", None, None, None, "10", None, 5.0, 0),
        ("C2", "email", "01", "01", "05", None, "06", None, "09", None, None),
        ("C2", "sms", "03", None, None, None, None, None, None, None, None),
        ("C3", "call", "11", "11", None, None, None, None, None, None, None),
    ]
    columns = ["customer_id", "channel", "invited_at", "delivered_at", "opened_at", "clicked_at",
               "registered_at", "attended_at", "cancelled_at", "onsite_score", "questions"]  # fmt: skip
    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    for column in columns[2:9]:
        frame[column] = pd.to_datetime([_t(v) for v in frame[column]])
    frame["onsite_score"] = frame["onsite_score"].astype("float64")
    frame["questions"] = frame["questions"].astype("Int64")
    return frame


@pytest.fixture
def contacts() -> nw.LazyFrame:
    return CampaignData.from_frames({"contacts": _contacts()}).table("contacts")


def _groups(data: CampaignData) -> Groups:
    assignment = pd.DataFrame(
        {"customer_id": ["C1", "C2"], "segment": ["core", "new"], "arm": ["treatment", "control"]}
    )
    return Groups(data.register("a", assignment), "data", has_arm=True)


def test_the_as_of_day_is_the_param_else_the_newest_event_else_today(contacts):
    assert counts.as_of_day(contacts, dt.date(2026, 7, 5), TODAY) == (dt.date(2026, 7, 5), "param")
    assert counts.as_of_day(contacts, None, TODAY) == (dt.date(2026, 7, 11), "data")
    # an event after today (a clock problem) never moves the report into the future
    assert counts.as_of_day(contacts, None, dt.date(2026, 7, 10)) == (
        dt.date(2026, 7, 10),
        "today",
    )
    assert counts.as_of_day(None, None, TODAY) == (TODAY, "today")


def test_there_is_something_to_monitor_once_an_invitation_went_out(contacts):
    empty = CampaignData.from_frames({"contacts": _contacts().head(0)}).table("contacts")
    assert counts.sent_by(None, AS_OF) == ("no_contacts_table", None)
    assert counts.sent_by(empty, AS_OF) == ("empty", None)
    assert counts.sent_by(contacts, dt.date(2026, 6, 30)) == ("not_yet", None)
    status, sent = counts.sent_by(contacts, AS_OF)
    assert status == "ok" and sent is not None
    assert counts.row_count(sent) == 4  # C3's call on the 11th is after the as-of day


def test_the_newest_event_counts_events_up_to_the_end_of_the_as_of_day(contacts):
    assert counts.newest_event(contacts, None) == dt.date(2026, 7, 11)
    assert counts.newest_event(contacts, counts.end_of(AS_OF)) == AS_OF  # attended on the 10th
    assert counts.newest_event(contacts, counts.end_of(dt.date(2026, 7, 4))) == dt.date(2026, 7, 3)


def test_counts_per_channel_count_contacts_and_per_segment_count_customers_once():
    data = CampaignData.from_frames({"contacts": _contacts()})
    _, sent = counts.sent_by(data.table("contacts"), AS_OF)
    assert sent is not None
    tallies = counts.count(sent, _groups(data), AS_OF)

    channel = tallies.channel.set_index(["channel", "segment"])
    assert channel.loc[("email", "core"), "registered"] == 1
    assert channel.loc[("sms", "core"), "attended"] == 1
    assert channel.loc[("sms", "new"), "delivered"] == 0
    assert int(tallies.channel["invited"].sum()) == 4  # contacts
    customer = tallies.customer.set_index(["segment", "arm"])
    assert customer.loc[("core", "treatment"), "invited"] == 1  # C1 once over two channels
    assert customer.loc[("core", "treatment"), "attended"] == 1
    assert customer.loc[("new", "control"), "cancelled"] == 1
    assert (tallies.customer.dtypes[list(EVENTS)] == "int64").all()

    # first time each customer reached a step: C1 was delivered on the 1st (email), not the 2nd
    daily = tallies.daily.set_index(["step", "segment", "day"])["n"]
    assert daily[("delivered", "core", pd.Timestamp("2026-07-01"))] == 1
    assert ("delivered", "core", pd.Timestamp("2026-07-02")) not in daily.index
    delivery = tallies.delivery.set_index(["channel", "day"])
    assert delivery.loc[("sms", pd.Timestamp("2026-07-03")), "invited"] == 1
    assert delivery.loc[("sms", pd.Timestamp("2026-07-03")), "delivered"] == 0


def test_counts_read_from_kept_tables_equal_counts_computed_each_time():
    """The monitoring keeps the invitations and the per-customer steps in the engine."""
    data = CampaignData.from_frames({"contacts": _contacts()})
    _, sent = counts.sent_by(data.table("contacts"), AS_OF)
    assert sent is not None
    plain = counts.count(sent, _groups(data), AS_OF)
    kept = counts.count(data.materialize(sent), _groups(data), AS_OF, data.materialize)
    for name in ("channel", "customer", "daily", "delivery", "scores"):
        pd.testing.assert_frame_equal(getattr(kept, name), getattr(plain, name), obj=name)
    assert dict(kept.questions) == dict(plain.questions)


def test_on_site_answers_count_once_per_attendee_with_their_highest_score():
    data = CampaignData.from_frames({"contacts": _contacts()})
    _, sent = counts.sent_by(data.table("contacts"), AS_OF)
    assert sent is not None
    tallies = counts.count(sent, _groups(data), AS_OF)
    assert tallies.scores.to_dict("list") == {"score": [5], "n": [1]}  # C1: 4 and 5 -> 5
    assert dict(tallies.questions) == {"attendees": 1, "questions": 2, "askers": 1}


def test_events_after_the_as_of_day_are_not_counted():
    data = CampaignData.from_frames({"contacts": _contacts()})
    early = dt.date(2026, 7, 4)
    _, sent = counts.sent_by(data.table("contacts"), early)
    assert sent is not None
    tallies = counts.count(sent, _groups(data), early)
    assert int(tallies.customer["attended"].sum()) == 0
    assert int(tallies.customer["opened"].sum()) == 1  # C1 on the 2nd; C2's open (5th) is later
    assert tallies.scores.empty and tallies.questions["attendees"] == 0


def test_nothing_sent_gives_empty_counts_of_the_same_shape():
    empty = counts.empty()
    assert empty.customer.empty and list(empty.customer.columns) == ["segment", "arm",
                                                                    *EVENTS]  # fmt: skip
    assert list(empty.daily.columns) == ["step", "segment", "day", "n"]
    assert dict(empty.questions) == {"attendees": 0, "questions": 0, "askers": 0}
