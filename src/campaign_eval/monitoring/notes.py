"""The report's sentences: what the report covers, what changed, how things are counted.

Each function takes the result and the report's ``Wording`` (and, where a setting is named, the
monitoring params) and returns the sentences of one part of the report, every number written
through ``report.format``.
"""

from __future__ import annotations

from campaign_eval import artifacts, stats
from campaign_eval.config.monitoring import MonitoringParams
from campaign_eval.monitoring.result import MonitoringResult
from campaign_eval.monitoring.wording import Wording

INTRO_KEYS = {"param": "mon.intro.param", "data": "mon.intro.data", "today": "mon.intro.today"}
"""How the as-of day was chosen -> the sentence saying what the report covers."""
SOURCE_KEYS = {
    "plan": "mon.source.plan",
    "data": "mon.source.data",
    "segments": "mon.source.segments",
    "none": "mon.source.none",
}
"""Where segments and arms come from -> the sentence saying so."""
FOCUS_KEYS = {"attended": "mon.focus_share.attended", "registered": "mon.focus_share.registered"}
"""The participation step -> the sentence on the focus segments' share."""
SPLIT_SOURCE_KEYS = {
    "plan_json": "mon.srm_source.plan_json",
    "monitoring_params": "mon.srm_source.monitoring_params",
    "plan_params": "mon.srm_source.plan_params",
}
"""Where the planned split comes from -> the sentence saying so."""
FILE_KEYS = {
    artifacts.MONITORING_JSON: "mon.file.monitoring",
    artifacts.CONTAMINATION_CSV: "mon.file.contamination",
    artifacts.FUNNEL_CSV: "mon.file.funnel_counts",
}
"""Artifact -> the sentence saying what it holds."""


def intro(result: MonitoringResult, w: Wording) -> str:
    """What the report describes: the as-of day and how it was chosen."""
    return w.t(
        INTRO_KEYS[result.as_of_source],
        as_of=result.as_of.isoformat(),
        start=result.campaign_start.isoformat(),
        event=result.event_day.isoformat(),
    )


def alert_sentences(result: MonitoringResult, w: Wording) -> dict[str, str]:
    """Alert key -> its sentence, critical alerts first."""
    return {
        a.key: w.alert(
            a, event=result.event_day, level=result.level, event_passed=result.event_passed
        )
        for a in result.alerts
    }


def change_notes(result: MonitoringResult, w: Wording) -> list[str]:
    """Sentences on the previous run and on new and cleared alerts."""
    prev = result.previous
    if prev is None:
        return [w.t("mon.change.first")]
    if not prev.compatible:
        return [w.t("mon.change.incompatible", run=prev.run_id)]
    notes = [w.t("mon.change.since", run=prev.run_id, as_of=prev.as_of)]
    current = alert_sentences(result, w)
    new = [message for key, message in current.items() if key not in prev.alerts]
    cleared = [message for key, message in prev.alerts.items() if key not in current]
    notes += [w.t("mon.change.new_alert", message=m) for m in new]
    notes += [w.t("mon.change.cleared_alert", message=m) for m in cleared]
    if not new and not cleared:
        notes.append(w.t("mon.change.same_alerts", count=w.count(len(current))))
    return notes


def funnel_method(result: MonitoringResult, w: Wording) -> str:
    """How the funnel is counted and what the intervals mean, in words."""
    return w.t("mon.funnel_method", as_of=result.as_of.isoformat(), level=w.count(result.level))


def progress_method(result: MonitoringResult, w: Wording, mon: MonitoringParams) -> str:
    """How the projection to the event day is made, in words."""
    return w.t(
        "mon.progress_method",
        days=w.count(mon.pace_days),
        event=result.event_day.isoformat(),
        show_up=w.pct(mon.expected_show_up),
        margin=w.pct(mon.at_risk_margin),
    )


def participation_notes(result: MonitoringResult, w: Wording) -> list[str]:
    """The focus segments' share of attendees (registrations) against their share invited."""
    mix = result.participation
    event = result.event_day.isoformat()
    notes = [] if result.event_passed else [w.t("mon.mix_before_event", event=event)]
    if not mix.focus:
        return [*notes, w.t("mon.focus_absent")]
    names = w.t("mon.list_sep").join(w.segment(s) for s in mix.focus)
    share, invited = w.pct(mix.focus_share), w.pct(mix.focus_invited_share)
    notes.append(w.t(FOCUS_KEYS[mix.step], segments=names, share=share, invited=invited))
    return notes


def feedback_method(result: MonitoringResult, w: Wording) -> str:
    """How the on-site score and its interval are read, in words."""
    return w.t("mon.feedback_method", level=w.count(result.level))


def feedback_notes(result: MonitoringResult, w: Wording) -> list[str]:
    """Sentences: the mean on-site score with its interval, and the questions asked."""
    if not result.event_passed:
        return [w.t("mon.feedback_before_event", event=result.event_day.isoformat())]
    fb = result.feedback
    notes = []
    if fb.n == 0:
        notes.append(w.t("mon.no_scores"))
    else:
        notes.append(
            w.t(
                "mon.score_mean",
                n=w.count(fb.n),
                mean=w.f.number(fb.mean, 2),
                ci=w.f.ci(fb.ci_low, fb.ci_high, digits=2),
                level=w.count(result.level),
                csat=w.pct(fb.csat),
            )
        )
    if fb.attendees:
        notes.append(
            w.t(
                "mon.questions",
                questions=w.count(fb.questions),
                askers=w.count(fb.askers),
                attendees=w.count(fb.attendees),
                per=w.f.number(fb.questions_per_attendee, 2),
            )
        )
    return notes


def cancellation_note(result: MonitoringResult, w: Wording) -> str:
    """How many registrations were cancelled, as a share of all registrations."""
    cancelled = result.incidents.cancellations
    return w.t("mon.cancel_rate", count=w.count(cancelled.successes), rate=w.rate(cancelled))


def design_notes(result: MonitoringResult, w: Wording, control_arm: str) -> list[str]:
    """Where groups come from, whether their sizes match the plan, contamination, freshness."""
    return [
        w.t(SOURCE_KEYS[result.group_source]),
        *_split_verdict(result, w),
        *_contamination_notes(result, w, control_arm),
        _freshness_note(result, w),
    ]


def _split_verdict(result: MonitoringResult, w: Wording) -> list[str]:
    """Whether the group sizes match the planned split (or why it was not checked)."""
    if result.group_source in {"none", "segments"}:
        return []  # the source sentence says the design checks are skipped
    if not result.sample_ratio:
        return [w.t("mon.srm_not_configured")]
    flagged = [check.segment for check in result.sample_ratio if check.result.flagged]
    if not flagged:
        return [w.t("mon.srm_ok")]
    segments = w.t("mon.list_sep").join(w.segment(s) for s in flagged)
    return [w.t("mon.srm_mismatch", segments=segments)]


def split_method(result: MonitoringResult, w: Wording) -> list[str]:
    """How the group sizes are checked and where the planned split comes from."""
    notes = []
    if result.sample_ratio:
        notes.append(w.t("mon.srm_method", alpha=w.f.p(stats.SRM_ALPHA)))
    split = result.planned_split
    if split is not None and result.group_source in {"plan", "data"}:
        notes.append(w.t(SPLIT_SOURCE_KEYS[split.source], run=split.run_id or ""))
        if split.params_ignored:
            notes.append(w.t("mon.srm_source.params_ignored"))
    return notes


def _contamination_notes(result: MonitoringResult, w: Wording, control_arm: str) -> list[str]:
    count = result.contamination
    if count is None:
        return []
    return [
        w.t(
            "mon.contamination" if count else "mon.no_contamination",
            count=w.count(count),
            arm=w.arm(control_arm),
            file=artifacts.CONTAMINATION_CSV,
        )
    ]


def _freshness_note(result: MonitoringResult, w: Wording) -> str:
    fresh = result.freshness
    if fresh.newest is None:
        return w.t("mon.fresh.none")
    return w.t(
        "mon.fresh.stale" if fresh.stale else "mon.fresh.ok",
        newest=fresh.newest.isoformat(),
        reference=fresh.reference.isoformat(),
        lag=w.count(fresh.lag_days),
        limit=w.count(fresh.limit_days),
    )


def files_notes(result: MonitoringResult, w: Wording) -> list[str]:
    """One sentence per file the run wrote (file names only, never their contents)."""
    return [w.t(FILE_KEYS[name], file=name) for name in result.artifacts]
