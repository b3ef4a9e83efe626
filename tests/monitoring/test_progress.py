"""Progress: cumulative customers by day, the straight-line projection of the recent pace, the
attendance projection before the event, and the status thresholds."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from campaign_eval import monitoring
from campaign_eval.config.monitoring import Target
from campaign_eval.monitoring import progress
from tests.monitoring.conftest import EVENT_DAY, START, campaign_params, extra, open_ctx


def test_target_projection_extends_the_recent_pace_to_the_event_day(
    demo_params, demo_data, tmp_path
):
    as_of = dt.date(2026, 7, 6)
    targets = [
        {"metric": "registered", "target": 10_000},
        {"metric": "invited", "segment": "core", "target": 1},
    ]
    ctx = open_ctx(
        demo_params(extra=extra({"as_of": as_of.isoformat(), "targets": targets, "pace_days": 3})),
        tmp_path / "r",
    )
    result = monitoring.run(ctx)

    contacts = pd.read_parquet(demo_data / "contacts.parquet")
    first = contacts.groupby("customer_id")["registered_at"].min().dropna().dt.normalize()

    def upto(day: dt.date) -> int:
        return int((first <= pd.Timestamp(day)).sum())

    now, before = upto(as_of), upto(as_of - dt.timedelta(days=3))
    expected = now + (now - before) / 3 * (EVENT_DAY - as_of).days

    registered, core_invited = result.targets
    assert registered.actual == now
    assert registered.projected == pytest.approx(expected)
    assert registered.status == "behind"
    assert core_invited.status == "on_track"
    alert = next(a for a in result.alerts if a.key == "target_behind:registered/all")
    assert alert.severity == "critical" and alert.threshold == 10_000


DAILY = pd.DataFrame(
    [
        ("invited", "core", "2026-06-28", 5),  # an early send, before the campaign start
        ("invited", "core", "2026-07-01", 10),
        ("invited", "new", "2026-07-02", 4),
        ("registered", "core", "2026-07-02", 3),
        ("registered", "core", "2026-07-04", 3),
        ("cancelled", "core", "2026-07-04", 1),
    ],
    columns=["step", "segment", "day", "n"],
).assign(day=lambda f: pd.to_datetime(f["day"]))


def test_cumulative_counts_start_on_the_first_day_with_early_sends_included():
    table = progress.cumulative(DAILY, START, dt.date(2026, 7, 4))
    assert list(table.index) == list(pd.date_range("2026-07-01", "2026-07-04", name="day"))
    assert table["invited"].tolist() == [15, 19, 19, 19]
    assert table["registered"].tolist() == [0, 3, 3, 6]
    assert table["attended"].tolist() == [0, 0, 0, 0]
    core = progress.cumulative(DAILY, START, dt.date(2026, 7, 4), "core")
    assert core["invited"].tolist() == [15, 15, 15, 15]
    assert (table.dtypes == "int64").all()


def test_the_projection_continues_the_pace_of_the_last_days():
    mon = campaign_params(pace_days=2).monitoring
    as_of = dt.date(2026, 7, 4)
    project = progress.projector(progress.cumulative(DAILY, START, as_of), as_of, EVENT_DAY, mon)
    # registered: 6 now, 3 two days before: 1.5 a day for the 11 days left
    assert project("registered") == pytest.approx((6, 6 + 1.5 * 11))
    # before the event, attendance = (registered - cancelled, both projected) x show-up
    standing = (6 + 1.5 * 11) - (1 + 0.5 * 11)
    assert project("attended") == pytest.approx((0, standing * mon.expected_show_up))


def test_on_the_event_day_nothing_is_left_to_project():
    mon = campaign_params().monitoring
    table = progress.cumulative(DAILY, START, EVENT_DAY)
    project = progress.projector(table, EVENT_DAY, EVENT_DAY, mon)
    assert project("registered") == (6, 6)
    assert project("attended") == (0, 0)


@pytest.mark.parametrize(
    ("target", "state"),
    [(100.0, "on_track"), (110.0, "at_risk"), (111.2, "behind")],
)
def test_a_target_is_on_track_at_risk_or_behind_by_its_projection(target, state):
    mon = campaign_params(at_risk_margin=0.1).monitoring
    status = progress.target_status(
        Target(metric="registered", target=target), lambda _step: (50.0, 100.0), mon
    )
    assert (status.actual, status.projected, status.status) == (50.0, 100.0, state)
    assert status.is_count and status.segment is None


def test_a_rate_target_projects_numerator_and_denominator_and_has_no_data_without_scope():
    mon = campaign_params().monitoring
    counts = {"registered": (10.0, 20.0), "invited": (100.0, 160.0)}
    status = progress.target_status(
        Target(metric="registration_rate", target=0.1), counts.__getitem__, mon
    )
    assert status.actual == pytest.approx(0.1) and status.projected == pytest.approx(0.125)
    assert status.status == "on_track" and not status.is_count
    nobody = {"registered": (0.0, 0.0), "invited": (0.0, 0.0)}
    empty = progress.target_status(
        Target(metric="registration_rate", target=0.1), nobody.__getitem__, mon
    )
    assert empty.status == "no_data" and math.isnan(empty.actual)


def test_each_target_is_projected_on_its_own_segment():
    mon = campaign_params(
        targets=[{"metric": "invited", "segment": "new", "target": 4}, {"metric": "invited",
                                                                          "target": 100}]
    ).monitoring  # fmt: skip
    new, everyone = progress.target_statuses(
        DAILY, start=START, as_of=dt.date(2026, 7, 4), event=EVENT_DAY, mon=mon
    )
    assert new.segment == "new" and new.actual == 4 and new.status == "on_track"
    assert everyone.actual == 19 and everyone.status == "behind"
