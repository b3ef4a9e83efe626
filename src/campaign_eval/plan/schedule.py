"""The execution plan: phases as dates around the event day, and what does not fit together."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from campaign_eval.plan.result import PhasePlan, Problem

if TYPE_CHECKING:
    from campaign_eval.config import CampaignParams


def phases(params: CampaignParams) -> tuple[PhasePlan, ...]:
    """Each phase of ``plan.phases`` with its dates; the campaign owner when it names none."""
    campaign = params.campaign
    return tuple(
        PhasePlan(
            name=p.name,
            start=campaign.event + dt.timedelta(days=p.start_day),
            end=campaign.event + dt.timedelta(days=p.end_day),
            buffer_days=p.buffer_days,
            owner=p.owner or campaign.owner,
            resources=p.resources,
        )
        for p in params.plan.phases
    )


def schedule_end(planned: tuple[PhasePlan, ...], event: dt.date) -> dt.date:
    """The last day of the schedule including buffers (the event day without phases)."""
    return max((p.buffer_end for p in planned), default=event)


def schedule_problems(planned: tuple[PhasePlan, ...], params: CampaignParams) -> list[Problem]:
    """Phases that end before they start or have no owner; deadlines before the follow-up ends."""
    out = []
    for p in planned:
        if p.end < p.start:
            values = {"phase": p.name, "start": p.start, "end": p.end}
            out.append(Problem("phase_end_before_start", values))
        if not p.owner:
            out.append(Problem("phase_no_owner", {"phase": p.name}))
    end = schedule_end(planned, params.campaign.event)
    out += [
        Problem("deadline_before_follow_up", {"goal": g.id, "deadline": g.deadline, "end": end})
        for g in params.plan.goals
        if g.deadline is not None and g.deadline < end
    ]
    return out
