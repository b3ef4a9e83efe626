"""The monitoring report, one section per method: words from the labels, numbers formatted once.

``View(result, params)`` turns a ``MonitoringResult`` into the report a campaign team reads each
morning: alerts first, then what changed since the last run, the funnel by channel and by
segment, progress against the targets, who is coming, on-site feedback, incidents, design checks
and the files of the run. Each method returns a ``report.html.Section`` with its heading; charts
are embedded with their alt text.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

import pandas as pd
from IPython.display import HTML

from campaign_eval import artifacts, stats
from campaign_eval.monitoring import charts
from campaign_eval.monitoring.feedback import answers_per_score
from campaign_eval.monitoring.funnel import EVENT_RATES, EVENTS, MESSAGE_RATES, STEPS
from campaign_eval.monitoring.incidents import INCIDENT_KINDS
from campaign_eval.monitoring.result import By, MonitoringResult
from campaign_eval.monitoring.wording import (
    BY_KEYS,
    INCIDENT_KEYS,
    SEVERITY_KEYS,
    STATE_KEYS,
    Wording,
)
from campaign_eval.report.html import (
    CalloutKind,
    Section,
    bullet_list,
    callout,
    figure,
    paragraph,
    section,
    show_table,
)

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from campaign_eval.config import CampaignParams

INTRO_KEYS = {"param": "mon.intro.param", "data": "mon.intro.data", "today": "mon.intro.today"}
SOURCE_KEYS = {
    "plan": "mon.source.plan",
    "data": "mon.source.data",
    "segments": "mon.source.segments",
    "none": "mon.source.none",
}
NOTHING_KEYS = {
    "no_contacts_table": "mon.nothing.no_contacts_table",
    "empty": "mon.nothing.empty",
    "not_yet": "mon.nothing.not_yet",
}
COUNT_CAPTION_KEYS = {
    "channel": "mon.caption.counts.channel",
    "segment": "mon.caption.counts.segment",
}
SHARE_KEYS = {"attended": "mon.share_attended", "registered": "mon.share_registered"}
FOCUS_KEYS = {"attended": "mon.focus_share.attended", "registered": "mon.focus_share.registered"}
SPLIT_SOURCE_KEYS = {
    "plan_json": "mon.srm_source.plan_json",
    "monitoring_params": "mon.srm_source.monitoring_params",
    "plan_params": "mon.srm_source.plan_params",
}
FILE_KEYS = {
    artifacts.MONITORING_JSON: "mon.file.monitoring",
    artifacts.CONTAMINATION_CSV: "mon.file.contamination",
    artifacts.FUNNEL_CSV: "mon.file.funnel_counts",
}
"""Artifact -> the sentence saying what it holds."""


class View:
    """The monitoring report of one result, in the params' language.

    Attributes:
        result: What the stage found.
        params: The campaign's params (language, event day, the monitoring settings).
        w: Names and numbers in the report language.
    """

    def __init__(self, result: MonitoringResult, params: CampaignParams) -> None:
        self.result = result
        self.params = params
        self.w = Wording(params.campaign.language)

    # ---- helpers -------------------------------------------------------------------------------

    def _table(
        self, frame: pd.DataFrame, *, caption: str | None = None, pct_columns: Sequence[str] = ()
    ) -> HTML:
        return show_table(frame, caption=caption, pct_columns=pct_columns, language=self.w.language)

    def _figure(self, fig: Figure | None, alt_key: str) -> HTML | None:
        return None if fig is None else figure(fig, alt=self.w.t(alt_key))

    def _nothing_yet(self) -> HTML:
        return paragraph(self.w.t("mon.no_data_yet"))

    # ---- sections ------------------------------------------------------------------------------

    def alerts(self) -> Section:
        """What the report covers, then every alert, critical first (or 'all clear')."""
        r, w = self.result, self.w
        boxes: list[HTML] = []
        if not r.ready:
            message = w.t(NOTHING_KEYS[r.status], as_of=r.as_of.isoformat())
            boxes.append(callout(message, kind="info"))
        for alert in r.alerts:
            sentence = w.alert(alert, event=r.event_day, level=r.level)
            label = w.t(SEVERITY_KEYS[alert.severity]) + w.t("mon.colon")
            kind: CalloutKind = "alert" if alert.severity == "critical" else "warning"
            boxes.append(callout(label + sentence, kind=kind))
        if r.ready and not r.alerts:
            boxes.append(callout(w.t("mon.all_clear"), kind="success"))
        return section(w.t("mon.h.alerts"), paragraph(self.intro()), boxes)

    def intro(self) -> str:
        """What the report describes: the as-of day, how it was chosen, where segments come from."""
        r = self.result
        covered = self.w.t(
            INTRO_KEYS[r.as_of_source],
            as_of=r.as_of.isoformat(),
            start=r.campaign_start.isoformat(),
            event=r.event_day.isoformat(),
        )
        return f"{covered} {self.w.t(SOURCE_KEYS[r.group_source])}"

    def change(self) -> Section:
        """What changed since the previous monitoring run: alerts, then the funnel then and now."""
        table = self.change_table()
        return section(
            self.w.t("mon.h.change"),
            bullet_list(self.change_notes()),
            None if table is None else self._table(table),
        )

    def change_notes(self) -> list[str]:
        """Sentences on the previous run and on new and cleared alerts."""
        r, w = self.result, self.w
        prev = r.previous
        if prev is None:
            return [w.t("mon.change.first")]
        if not prev.compatible:
            return [w.t("mon.change.incompatible", run=prev.run_id)]
        notes = [w.t("mon.change.since", run=prev.run_id, as_of=prev.as_of)]
        current = {a.key: w.alert(a, event=r.event_day, level=r.level) for a in r.alerts}
        new = [message for key, message in current.items() if key not in prev.alerts]
        cleared = [message for key, message in prev.alerts.items() if key not in current]
        notes += [w.t("mon.change.new_alert", message=m) for m in new]
        notes += [w.t("mon.change.cleared_alert", message=m) for m in cleared]
        if not new and not cleared:
            notes.append(w.t("mon.change.same_alerts", count=w.count(len(current))))
        return notes

    def change_table(self) -> pd.DataFrame | None:
        """Customers at each event then and now; None without a comparable previous run."""
        r, w = self.result, self.w
        prev = r.previous
        if prev is None or not prev.compatible:
            return None
        now, then = r.funnel.totals, prev.funnel
        return pd.DataFrame(
            {
                w.t("mon.step"): [w.step(s) for s in EVENTS],
                w.t("mon.then", as_of=prev.as_of): [then.get(s, 0) for s in EVENTS],
                w.t("mon.now", as_of=r.as_of.isoformat()): [now[s] for s in EVENTS],
                w.t("mon.difference"): [now[s] - then.get(s, 0) for s in EVENTS],
            }
        )

    def funnel_by_channel(self) -> Section:
        """Counts and rates per channel, how they are counted, and the funnel charts."""
        r, w = self.result, self.w
        if not r.ready:
            return section(w.t("mon.h.funnel_channel"), self._nothing_yet())
        method = w.t("mon.funnel_method", as_of=r.as_of.isoformat(), level=w.count(r.level))
        return section(
            w.t("mon.h.funnel_channel"),
            self._funnel_tables("channel"),
            paragraph(method),
            self._figure(charts.funnel(r, w.language), "mon.alt.funnel"),
            self._figure(charts.channel_rates(r, w.language), "mon.alt.rates"),
            self._figure(charts.delivery_by_day(r, w.language), "mon.alt.delivery_daily"),
        )

    def funnel_by_segment(self) -> Section:
        """Counts and rates per segment (customers over all channels)."""
        if not self.result.ready:
            return section(self.w.t("mon.h.funnel_segment"), self._nothing_yet())
        return section(self.w.t("mon.h.funnel_segment"), self._funnel_tables("segment"))

    def _funnel_tables(self, by: By) -> Iterator[HTML]:
        w, level = self.w, self.w.count(self.result.level)
        yield self._table(self.funnel_table(by), caption=w.t(COUNT_CAPTION_KEYS[by]))
        message = w.t("mon.caption.message", level=level)
        yield self._table(self.rates_table(by, MESSAGE_RATES), caption=message)
        event = w.t("mon.caption.event", level=level)
        yield self._table(self.rates_table(by, EVENT_RATES), caption=event)

    def funnel_table(self, by: By) -> pd.DataFrame:
        """Counts at each step per channel or segment, with the all-channels row last."""
        counts = self.result.funnel.counts(by)
        return pd.DataFrame(
            {
                self.w.t(BY_KEYS[by]): [self.w.group(by, g) for g in counts.index],
                **{self.w.step(s): counts[s].to_numpy() for s in STEPS},
            }
        )

    def rates_table(self, by: By, names: tuple[str, ...]) -> pd.DataFrame:
        """The rates ``names`` with their Wilson intervals, per channel or segment."""
        rates = self.result.funnel.rates(by)
        return pd.DataFrame(
            {
                self.w.t(BY_KEYS[by]): [self.w.group(by, g) for g in rates],
                **{self.w.metric(n): [self.w.rate(r[n]) for r in rates.values()] for n in names},
            }
        )

    def progress(self) -> Section:
        """Each target's status and how it is projected, with the cumulative chart."""
        r, w = self.result, self.w
        title = w.t("mon.h.progress")
        if not r.ready:
            return section(title, self._nothing_yet())
        table = self.targets_table()
        parts = (
            [paragraph(w.t("mon.no_targets"))]
            if table is None
            else [self._table(table), paragraph(self.progress_method())]
        )
        return section(
            title, parts, self._figure(charts.progress(r, w.language), "mon.alt.progress")
        )

    def targets_table(self) -> pd.DataFrame | None:
        """Each target with its value now, its projection to the event day and its status."""
        r, w = self.result, self.w
        if not r.targets:
            return None
        return pd.DataFrame(
            [
                {
                    w.t("mon.target"): w.target(s),
                    w.t("mon.target_value"): w.target_value(s, s.target),
                    w.t("mon.actual", as_of=r.as_of.isoformat()): w.target_value(s, s.actual),
                    w.t("mon.projected"): w.target_value(s, s.projected),
                    w.t("mon.status"): w.t(STATE_KEYS[s.status]),
                }
                for s in r.targets
            ]
        )

    def progress_method(self) -> str:
        """How the projection is made, in words."""
        mon = self.params.monitoring
        return self.w.t(
            "mon.progress_method",
            days=self.w.count(mon.pace_days),
            event=self.result.event_day.isoformat(),
            show_up=self.w.pct(mon.expected_show_up),
            margin=self.w.pct(mon.at_risk_margin),
        )

    def participation(self) -> Section:
        """The segment mix of attendees (registrations) against the invited, and the focus share."""
        r, w = self.result, self.w
        title = w.t("mon.h.participation")
        if not r.ready:
            return section(title, self._nothing_yet())
        step = r.participation.step
        shares = [w.t("mon.share_invited"), w.t(SHARE_KEYS[step])]
        chart = charts.participation_mix(r, w.language)
        return section(
            title,
            self._table(self.participation_table(), pct_columns=shares),
            bullet_list(self.participation_notes()),
            self._figure(chart, "mon.alt.mix"),
        )

    def participation_table(self) -> pd.DataFrame:
        """Per segment: invited, share of invited, attendees (or registrations), share, rate."""
        mix, w = self.result.participation, self.w
        rows = mix.segments
        rate = "participation_rate" if mix.step == "attended" else "registration_rate"
        return pd.DataFrame(
            {
                w.t("word.segment"): [w.segment(m.segment) for m in rows],
                w.step("invited"): [m.invited for m in rows],
                w.t("mon.share_invited"): [m.invited_share for m in rows],
                w.step(mix.step): [m.reached for m in rows],
                w.t(SHARE_KEYS[mix.step]): [m.reached_share for m in rows],
                w.metric(rate): [w.rate(m.rate) for m in rows],
            }
        )

    def participation_notes(self) -> list[str]:
        """The focus segments' share of attendees (registrations) against their share invited."""
        r, w = self.result, self.w
        mix = r.participation
        event = r.event_day.isoformat()
        notes = [] if r.event_passed else [w.t("mon.mix_before_event", event=event)]
        if not mix.focus:
            return [*notes, w.t("mon.focus_absent")]
        names = w.t("mon.list_sep").join(w.segment(s) for s in mix.focus)
        share, invited = w.pct(mix.focus_share), w.pct(mix.focus_invited_share)
        notes.append(w.t(FOCUS_KEYS[mix.step], segments=names, share=share, invited=invited))
        return notes

    def feedback(self) -> Section:
        """The mean on-site score with its interval, the questions, and the score distribution."""
        r, w = self.result, self.w
        title = w.t("mon.h.feedback")
        if not r.ready:
            return section(title, self._nothing_yet())
        table = self.score_table() if r.event_passed else None
        return section(
            title,
            bullet_list(self.feedback_notes()),
            None if table is None else self._table(table, pct_columns=[w.t("word.share")]),
            self._figure(charts.onsite_scores(r, w.language), "mon.alt.scores"),
        )

    def feedback_notes(self) -> list[str]:
        """Sentences: the mean on-site score with its interval, and the questions asked."""
        r, w = self.result, self.w
        if not r.event_passed:
            return [w.t("mon.feedback_before_event", event=r.event_day.isoformat())]
        fb = r.feedback
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
                    level=w.count(r.level),
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

    def score_table(self) -> pd.DataFrame | None:
        """Answers per on-site score 1-5 and their share; None without answers."""
        answers = answers_per_score(self.result.feedback)
        total = int(answers.sum())
        if total == 0:
            return None
        return pd.DataFrame(
            {
                self.w.t("mon.score"): list(answers.index),
                self.w.t("mon.answers"): answers.to_numpy(),
                self.w.t("word.share"): answers.to_numpy() / total,
            }
        )

    def incidents(self) -> Section:
        """Cancellations and logged incidents by kind, the team's log, and the timeline."""
        r, w = self.result, self.w
        log = self.incident_log()
        return section(
            w.t("mon.h.incidents"),
            self._table(self.incident_summary()),
            paragraph(w.t("mon.no_logged"))
            if log is None
            else self._table(log, caption=w.t("mon.caption.incident_log")),
            self._figure(charts.incidents_timeline(r, w.language), "mon.alt.incidents"),
        )

    def incident_summary(self) -> pd.DataFrame:
        """Counts: cancellations (from the contacts) and logged incidents by kind."""
        inc, w = self.result.incidents, self.w
        cancelled = inc.cancellations
        notes = [w.t("mon.cancel_rate", rate=w.rate(cancelled))]
        notes += [w.t("mon.logged_by_team")] * len(INCIDENT_KINDS)
        return pd.DataFrame(
            {
                w.t("mon.incident"): [
                    w.t(INCIDENT_KEYS[k]) for k in ("cancelled", *INCIDENT_KINDS)
                ],
                w.t("mon.count"): pd.array(
                    [cancelled.successes, *(inc.by_kind[k] for k in INCIDENT_KINDS)], dtype="int64"
                ),
                w.t("mon.note"): notes,
            }
        )

    def incident_log(self) -> pd.DataFrame | None:
        """The logged incidents (descriptions are escaped when shown); None when there are none."""
        logged, w = self.result.incidents.logged, self.w
        if not logged:
            return None
        return pd.DataFrame(
            {
                w.t("mon.date"): [i.date.isoformat() for i in logged],
                w.t("mon.kind"): [w.t(INCIDENT_KEYS[i.kind]) for i in logged],
                w.t("mon.description"): [i.description for i in logged],
                w.t("mon.count"): pd.array([i.count for i in logged], dtype="int64"),
            }
        )

    def design(self) -> Section:
        """The sample ratio table, then sentences on the split, contamination and freshness."""
        w = self.w
        table = self.sample_ratio_table()
        shares = [w.t("mon.observed_share"), w.t("mon.planned_share")]
        return section(
            w.t("mon.h.design"),
            None if table is None else self._table(table, pct_columns=shares),
            bullet_list(self.design_notes()),
        )

    def sample_ratio_table(self) -> pd.DataFrame | None:
        """Arm sizes against the planned shares, with the test's p-value; None when not run."""
        w = self.w
        rows = [
            {
                w.t("word.segment"): w.segment(check.segment),
                w.t("mon.arm"): w.arm(arm),
                w.t("word.customers"): observed,
                w.t("mon.observed_share"): share,
                w.t("mon.planned_share"): planned,
                w.t("mon.p_value"): w.f.p(check.result.p_value),
                w.t("mon.mismatch"): w.t("mon.yes" if check.result.flagged else "mon.no"),
            }
            for check in self.result.sample_ratio
            for arm, observed, share, planned in zip(
                check.result.arms,
                check.result.observed,
                check.result.observed_shares,
                check.result.expected_shares,
                strict=True,
            )
        ]
        return pd.DataFrame(rows) if rows else None

    def design_notes(self) -> list[str]:
        """Sentences on the sample ratio method, the planned split, contamination and freshness."""
        return [*self._split_notes(), *self._contamination_notes(), self._freshness_note()]

    def _split_notes(self) -> list[str]:
        r, w = self.result, self.w
        if r.group_source in {"none", "segments"}:
            notes = [w.t("mon.no_arms")]
        elif not r.sample_ratio:
            notes = [w.t("mon.srm_not_configured")]
        else:
            notes = [w.t("mon.srm_method", alpha=w.f.p(stats.SRM_ALPHA))]
        split = r.planned_split
        if split is not None and r.group_source in {"plan", "data"}:
            notes.append(w.t(SPLIT_SOURCE_KEYS[split.source], run=split.run_id or ""))
            if split.params_ignored:
                notes.append(w.t("mon.srm_source.params_ignored"))
        return notes

    def _contamination_notes(self) -> list[str]:
        count = self.result.contamination
        if count is None:
            return []
        return [
            self.w.t(
                "mon.contamination" if count else "mon.no_contamination",
                count=self.w.count(count),
                arm=self.w.arm(self.params.monitoring.control_arm),
                file=artifacts.CONTAMINATION_CSV,
            )
        ]

    def _freshness_note(self) -> str:
        fresh, w = self.result.freshness, self.w
        if fresh.newest is None:
            return w.t("mon.fresh.none")
        return w.t(
            "mon.fresh.stale" if fresh.stale else "mon.fresh.ok",
            newest=fresh.newest.isoformat(),
            reference=fresh.reference.isoformat(),
            lag=w.count(fresh.lag_days),
            limit=w.count(fresh.limit_days),
        )

    def files(self) -> Section:
        """One sentence per file the run wrote (file names only, never their contents)."""
        notes = [self.w.t(FILE_KEYS[name], file=name) for name in self.result.artifacts]
        return section(self.w.t("mon.h.files"), bullet_list(notes))
