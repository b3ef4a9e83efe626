"""The monitoring stage run: read through the context, count, check, write, return the result."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from campaign_eval import artifacts
from campaign_eval.config.monitoring import RATE_NAMES
from campaign_eval.monitoring import alerts, counts, design, export, funnel, groups, progress
from campaign_eval.monitoring.feedback import feedback
from campaign_eval.monitoring.incidents import incidents
from campaign_eval.monitoring.participation import participation
from campaign_eval.monitoring.result import MonitoringResult

if TYPE_CHECKING:
    from campaign_eval.run.context import StageContext


def run(ctx: StageContext) -> MonitoringResult:
    """Monitor the campaign as of its as-of day and write the artifacts.

    Writes ``monitoring.json`` always, ``contamination.csv`` when arms are known and
    ``funnel_counts.csv`` when there are contacts.

    Raises:
        ValueError: When ``monitoring.as_of`` is after the run's today.
    """
    params, mon = ctx.params, ctx.params.monitoring
    if mon.as_of is not None and mon.as_of > ctx.today:
        raise ValueError(
            f"monitoring.as_of ({mon.as_of}) is after today ({ctx.today}); monitor a day that "
            "has passed, or leave monitoring.as_of empty"
        )
    contacts = ctx.data.table("contacts") if ctx.data.has("contacts") else None
    as_of, as_of_source = counts.as_of_day(contacts, mon.as_of, ctx.today)
    found = groups.load(ctx)
    status, sent = counts.sent_by(contacts, as_of)
    if sent is not None:  # a dozen aggregates read the invitations: read the table once
        sent = ctx.data.materialize(sent)
    tallies = (
        counts.empty() if sent is None else counts.count(sent, found, as_of, ctx.data.materialize)
    )
    newest = None if sent is None else counts.newest_event(sent, counts.end_of(as_of))
    split = design.planned_split(params, found) if found.has_arm else None
    contaminated = groups.contacted_control(sent, found, mon.control_arm) if found.has_arm else None
    start, event = params.campaign.start, params.campaign.event
    flow = funnel.build(tallies, alpha=mon.alpha)
    result = MonitoringResult(
        status=status,
        as_of=as_of,
        as_of_source=as_of_source,
        campaign_start=start,
        event_day=event,
        alpha=mon.alpha,
        group_source=found.source,
        counts=tallies,
        funnel=flow,
        cumulative=progress.cumulative(tallies.daily, start, as_of),
        thresholds={
            c: {r: mon.channel_threshold(c, r) for r in RATE_NAMES} for c in funnel.channels(flow)
        },
        participation=participation(
            flow, event_passed=as_of >= event, focus_segments=mon.focus_segments, alpha=mon.alpha
        ),
        feedback=feedback(tallies.scores, tallies.questions, alpha=mon.alpha),
        incidents=incidents(flow.totals, mon.incidents, as_of=as_of, alpha=mon.alpha),
        freshness=design.freshness(newest, params, ctx.today),
        sample_ratio=design.sample_ratio_checks(found.sizes(), split),
        planned_split=split,
        contamination=None if contaminated is None else len(contaminated),
        previous=export.read_previous(ctx.previous_artifact(artifacts.MONITORING_JSON)),
        artifacts=export.artifact_names(ready=status == "ok", has_arms=found.has_arm),
    )
    if result.ready:
        targets = progress.target_statuses(
            tallies.daily, start=start, as_of=as_of, event=event, mon=mon
        )
        result = replace(result, targets=targets)
    result = replace(result, alerts=alerts.find(result, mon))
    export.write(
        ctx.run_dir,
        result,
        contaminated=contaminated,
        campaign_id=params.campaign.id,
        today=ctx.today,
        language=ctx.language,
        value_labels=params.campaign.value_labels,
    )
    return result
