"""The outcome windows: the pre window ends the day before the first invitations."""

from __future__ import annotations

import datetime as dt

import narwhals as nw

from campaign_eval.evaluation.outcomes import DataOutcomes
from campaign_eval.evaluation.specs import metric_spec
from campaign_eval.evaluation.windows import OutcomeWindows, first_day
from tests.evaluation._helpers import EVENT, PRE, START


def test_pre_window_ends_the_day_before_the_first_invitations(dated, small):
    windows = OutcomeWindows.around(START, EVENT, 30)
    assert windows.pre == (dt.date(2026, 5, 31), dt.date(2026, 6, 30))  # June 1 to June 30
    assert windows.post == (EVENT, dt.date(2026, 8, 14))
    assert first_day(windows.pre) == dt.date(2026, 6, 1)
    data, population = dated
    frame = DataOutcomes(data, population, windows).frame(metric_spec("repurchase_rate"), "pre")
    bought = frame.filter(nw.col("value") > 0).collect(backend="pandas").to_native()
    # only D (June 1); C's order on the start day belongs to the promotion, not the pre window
    assert sorted(bought["customer_id"]) == ["D"]
    assert small.result.windows.pre == PRE


def test_churns_active_customers_are_judged_the_day_before_the_start():
    windows = OutcomeWindows.around(START, EVENT, 30)
    assert windows.active_as_of == dt.date(2026, 6, 30)
    assert windows.active_from == dt.date(2025, 7, 1)  # the 12 months up to June 30
    assert OutcomeWindows(pre=windows.pre, post=windows.post, days=30).active_from is None


def test_a_goals_own_windows_replace_the_evaluations():
    windows = OutcomeWindows.around(START, EVENT, 30)
    own = (dt.date(2026, 7, 1), dt.date(2026, 7, 31))
    assert windows.overridden(post=own).post == own
    assert windows.overridden(post=own).pre == windows.pre
    assert windows.overridden() == windows
