"""The monitoring report, one section per method: words from the labels, numbers formatted once.

``View(result, params)`` turns a ``MonitoringResult`` into the report a campaign team reads each
morning: alerts first, then what changed since the last run, the funnel by channel and by
segment, progress against the targets, who is coming, on-site feedback, incidents, design checks
and the files of the run. Each method returns a ``report.html.Section`` with its heading, built
from the tables of ``tables``, the sentences of ``notes`` and the charts of ``charts`` (embedded
with words saying what they show).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

import pandas as pd
from IPython.display import HTML

from campaign_eval.monitoring import charts, notes, tables
from campaign_eval.monitoring.funnel import EVENT_RATES, MESSAGE_RATES
from campaign_eval.monitoring.result import By, MonitoringResult
from campaign_eval.monitoring.wording import SEVERITY_KEYS, Wording
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

NOTHING_KEYS = {
    "no_contacts_table": "mon.nothing.no_contacts_table",
    "empty": "mon.nothing.empty",
    "not_yet": "mon.nothing.not_yet",
}
"""Why there is nothing to monitor yet -> the sentence saying so."""
COUNT_CAPTION_KEYS = {
    "channel": "mon.caption.counts.channel",
    "segment": "mon.caption.counts.segment",
}
"""The funnel's grouping -> the caption of its counts table."""


class View:
    """The monitoring report of one result, in the params' language.

    Attributes:
        result: What the stage found.
        params: The campaign's params (language and the monitoring settings the report names).
        w: Names and numbers in the report language.
    """

    def __init__(self, result: MonitoringResult, params: CampaignParams) -> None:
        self.result = result
        self.params = params
        self.w = Wording(params.campaign.language)

    def _table(
        self, frame: pd.DataFrame, *, caption: str | None = None, pct_columns: Sequence[str] = ()
    ) -> HTML:
        return show_table(frame, caption=caption, pct_columns=pct_columns, language=self.w.language)

    def _figure(self, fig: Figure | None, alt_key: str) -> HTML | None:
        return None if fig is None else figure(fig, alt=self.w.t(alt_key))

    def _nothing_yet(self, title_key: str) -> Section:
        return section(self.w.t(title_key), paragraph(self.w.t("mon.no_data_yet")))

    def alerts(self) -> Section:
        """What the report covers, then every alert, critical first (or 'all clear')."""
        r, w = self.result, self.w
        boxes: list[HTML] = []
        if not r.ready:
            message = w.t(NOTHING_KEYS[r.status], as_of=r.as_of.isoformat())
            boxes.append(callout(message, kind="info"))
        sentences = notes.alert_sentences(r, w)
        for alert in r.alerts:
            label = w.t(SEVERITY_KEYS[alert.severity]) + w.t("mon.colon")
            kind: CalloutKind = "alert" if alert.severity == "critical" else "warning"
            boxes.append(callout(label + sentences[alert.key], kind=kind))
        if r.ready and not r.alerts:
            boxes.append(callout(w.t("mon.all_clear"), kind="success"))
        return section(w.t("mon.h.alerts"), paragraph(notes.intro(r, w)), boxes)

    def change(self) -> Section:
        """What changed since the previous monitoring run: alerts, then the funnel then and now."""
        table = tables.change_table(self.result, self.w)
        return section(
            self.w.t("mon.h.change"),
            bullet_list(notes.change_notes(self.result, self.w)),
            None if table is None else self._table(table),
        )

    def funnel_by_channel(self) -> Section:
        """Counts and rates per channel, how they are counted, and the funnel charts."""
        r, w = self.result, self.w
        if not r.ready:
            return self._nothing_yet("mon.h.funnel_channel")
        return section(
            w.t("mon.h.funnel_channel"),
            self._funnel_tables("channel"),
            paragraph(notes.funnel_method(r, w)),
            self._figure(charts.funnel(r, w.language), "mon.alt.funnel"),
            self._figure(charts.channel_rates(r, w.language), "mon.alt.rates"),
            self._figure(charts.delivery_by_day(r, w.language), "mon.alt.delivery_daily"),
        )

    def funnel_by_segment(self) -> Section:
        """Counts and rates per segment (customers over all channels)."""
        if not self.result.ready:
            return self._nothing_yet("mon.h.funnel_segment")
        return section(self.w.t("mon.h.funnel_segment"), self._funnel_tables("segment"))

    def _funnel_tables(self, by: By) -> Iterator[HTML]:
        r, w = self.result, self.w
        level = w.count(r.level)
        counts = tables.funnel_table(r, w, by)
        yield self._table(counts, caption=w.t(COUNT_CAPTION_KEYS[by]))
        message = w.t("mon.caption.message", level=level)
        yield self._table(tables.rates_table(r, w, by, MESSAGE_RATES), caption=message)
        event = w.t("mon.caption.event", level=level)
        yield self._table(tables.rates_table(r, w, by, EVENT_RATES), caption=event)

    def progress(self) -> Section:
        """Each target's status and how it is projected, with the cumulative chart."""
        r, w = self.result, self.w
        if not r.ready:
            return self._nothing_yet("mon.h.progress")
        table = tables.targets_table(r, w)
        parts = (
            [paragraph(w.t("mon.no_targets"))]
            if table is None
            else [
                self._table(table),
                paragraph(notes.progress_method(r, w, self.params.monitoring)),
            ]
        )
        chart = charts.progress(r, w.language)
        return section(w.t("mon.h.progress"), parts, self._figure(chart, "mon.alt.progress"))

    def participation(self) -> Section:
        """The segment mix of attendees (registrations) against the invited, and the focus share."""
        r, w = self.result, self.w
        if not r.ready:
            return self._nothing_yet("mon.h.participation")
        shares = [w.t("mon.share_invited"), w.t(tables.SHARE_KEYS[r.participation.step])]
        return section(
            w.t("mon.h.participation"),
            self._table(tables.participation_table(r, w), pct_columns=shares),
            bullet_list(notes.participation_notes(r, w)),
            self._figure(charts.participation_mix(r, w.language), "mon.alt.mix"),
        )

    def feedback(self) -> Section:
        """The mean on-site score with its interval, the questions, and the score distribution."""
        r, w = self.result, self.w
        if not r.ready:
            return self._nothing_yet("mon.h.feedback")
        table = tables.score_table(r, w) if r.event_passed else None
        return section(
            w.t("mon.h.feedback"),
            bullet_list(notes.feedback_notes(r, w)),
            None if table is None else self._table(table, pct_columns=[w.t("word.share")]),
            self._figure(charts.onsite_scores(r, w.language), "mon.alt.scores"),
        )

    def incidents(self) -> Section:
        """Cancellations and logged incidents by kind, the team's log, and the timeline."""
        r, w = self.result, self.w
        log = tables.incident_log(r, w)
        return section(
            w.t("mon.h.incidents"),
            self._table(tables.incident_summary(r, w)),
            paragraph(w.t("mon.no_logged"))
            if log is None
            else self._table(log, caption=w.t("mon.caption.incident_log")),
            self._figure(charts.incidents_timeline(r, w.language), "mon.alt.incidents"),
        )

    def design(self) -> Section:
        """The sample ratio table, then sentences on the split, contamination and freshness."""
        r, w = self.result, self.w
        table = tables.sample_ratio_table(r, w)
        shares = [w.t("mon.observed_share"), w.t("mon.planned_share")]
        control = self.params.monitoring.control_arm
        return section(
            w.t("mon.h.design"),
            None if table is None else self._table(table, pct_columns=shares),
            bullet_list(notes.design_notes(r, w, control)),
        )

    def files(self) -> Section:
        """One sentence per file the run wrote (file names only, never their contents)."""
        return section(self.w.t("mon.h.files"), bullet_list(notes.files_notes(self.result, self.w)))
