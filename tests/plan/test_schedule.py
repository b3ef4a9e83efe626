"""The schedule: phases as dates around the event, and the checks of order, owners and deadlines."""

from __future__ import annotations

import datetime as dt

from markupsafe import escape

from campaign_eval import plan
from campaign_eval.plan.schedule import phases, schedule_end, schedule_problems
from campaign_eval.plan.wording import Words
from tests.plan.conftest import campaign_params


def test_phases_are_days_around_the_event_with_the_campaign_owner_by_default():
    params = campaign_params()  # event 2026-07-15, the template's four phases
    planned = phases(params)
    assert [p.name for p in planned] == ["preparation", "promotion", "event", "follow_up"]
    assert (planned[0].start, planned[0].end) == (dt.date(2026, 6, 24), dt.date(2026, 6, 30))
    assert planned[0].days == 7 and planned[0].buffer_end == dt.date(2026, 7, 2)
    assert all(p.owner == "CRM team" for p in planned)
    assert schedule_end(planned, params.campaign.event) == dt.date(2026, 7, 24)
    assert schedule_end((), params.campaign.event) == params.campaign.event
    assert schedule_problems(planned, params) == []


def test_schedule_checks(demo_params, open_plan, tmp_path):
    custom = [
        {"name": "preparation", "start_day": -21, "end_day": -25, "owner": "Li"},
        {"name": "event", "start_day": 0, "end_day": 0},
        {"name": "follow_up", "start_day": 1, "end_day": 14, "owner": "Wang", "buffer_days": 3},
    ]
    goal = {"id": "late", "metric": "repurchase_rate", "scope": {"segment": "new"}, "relative": 0.5,
            "deadline": "2026-07-20", "window_days": 3}  # fmt: skip
    extra = {"campaign": {"owner": None}, "plan": {"phases": custom, "goals": [goal]}}
    ctx = open_plan(demo_params(extra=extra), tmp_path / "run")
    result = plan.run(ctx)
    words = Words.of(result, ctx.params)
    found = {p.code: words.problem(p) for p in result.schedule_problems}
    # the goal is named for readers (no description: its metric and customers), never by its id
    assert "of the goal 'Repurchase rate (New)'" in found["deadline_before_follow_up"]
    assert set(found) == {"phase_end_before_start", "phase_no_owner", "deadline_before_follow_up"}
    assert "ends (2026-06-20) before it starts (2026-06-24)" in found["phase_end_before_start"]
    assert "'Event' has no owner" in found["phase_no_owner"]
    assert (
        "earlier than the end of the follow-up (2026-08-01)" in found["deadline_before_follow_up"]
    )
    view = plan.View(result, ctx.params)
    summary = view.summary()._repr_html_()
    assert "callout-warning" in summary
    assert all(str(escape(message)) in summary for message in found.values())
    schedule = view.schedule()._repr_html_()
    assert all(str(escape(message)) in schedule for message in found.values())
    assert "Phases are in order" not in schedule


def test_a_free_phase_name_is_shown_as_written(demo_params, open_plan, tmp_path):
    custom = [{"name": "Roadshow <East>", "start_day": -3, "end_day": 2, "owner": "Li"}]
    ctx = open_plan(demo_params(extra={"plan": {"phases": custom}}), tmp_path / "run")
    result = plan.run(ctx)
    assert result.schedule_problems == ()
    html = plan.View(result, ctx.params).schedule()._repr_html_()
    assert "Roadshow &lt;East&gt;" in html and "Phases are in order" in html
