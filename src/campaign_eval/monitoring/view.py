"""The monitoring report, one section per method: words from the labels, numbers formatted once.

``View(result, params)`` turns a ``MonitoringResult`` into the report a campaign team reads each
morning: the answer (what needs action now, ``answer``), the alerts, then what changed since the
last run, the funnel by channel and by segment, progress against the targets, who is coming,
on-site feedback, incidents, design checks and the files of the run. Each section method returns
a ``report.html.Section`` with its heading, built from the tables of ``tables``, the sentences of
``notes`` and the charts of ``charts`` (embedded with ``alts`` saying what they show); how things
are computed sits in collapsed "How this was computed" blocks, out of the reading path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

import pandas as pd
from IPython.display import HTML

from campaign_eval.monitoring import alts, answer, charts, notes, tables
from campaign_eval.monitoring.answer import NOTHING_KEYS
from campaign_eval.monitoring.funnel import EVENT_RATES, MESSAGE_RATES
from campaign_eval.monitoring.result import By, MonitoringResult
from campaign_eval.monitoring.wording import SEVERITY_KEYS, Wording
from campaign_eval.report.html import (
    CalloutKind,
    Section,
    bullet_list,
    callout,
    details,
    figure,
    paragraph,
    section,
    show_table,
)
from campaign_eval.report.html import answer as answer_block

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from campaign_eval.config import CampaignParams
    from campaign_eval.report.format import Language

    Chart = Callable[[MonitoringResult, Language, Mapping[str, str]], Figure | None]
    """A chart of ``charts``: the result, the language and the display names of data values."""

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
        self.w = Wording(params.campaign.language, params.campaign.value_labels)

    def _table(
        self, frame: pd.DataFrame, *, caption: str | None = None, pct_columns: Sequence[str] = ()
    ) -> HTML:
        return show_table(frame, caption=caption, pct_columns=pct_columns, language=self.w.language)

    def _figure(self, draw: Chart, alt: Callable[[MonitoringResult, Wording], str]) -> HTML | None:
        """The chart ``draw`` makes, with ``alt`` saying what it shows; None without a chart."""
        fig = draw(self.result, self.w.language, self.w.value_labels)
        return None if fig is None else figure(fig, alt=alt(self.result, self.w))

    def _how(self, *parts: HTML | Iterable[HTML | None] | None) -> HTML:
        """A collapsed "How this was computed" block (printed open)."""
        return details(self.w.t("mon.how"), *parts)

    def _nothing_yet(self, title_key: str) -> Section:
        return section(self.w.t(title_key), paragraph(self.w.t("mon.no_data_yet")))

    def answer(self) -> HTML:
        """What needs action now, critical first, in plain words; the funnel in three numbers."""
        r, w = self.result, self.w
        return answer_block(
            w.t("mon.answer.question"),
            answer.headline(r, w),
            answer.figures(r, w),
            tone=answer.tone(r),
            note=answer.note(r, w),
        )

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
        """Counts and rates per channel, the funnel charts, and how they are counted."""
        r, w = self.result, self.w
        if not r.ready:
            return self._nothing_yet("mon.h.funnel_channel")
        return section(
            w.t("mon.h.funnel_channel"),
            self._funnel_tables("channel"),
            self._figure(charts.funnel, alts.funnel),
            self._figure(charts.channel_rates, alts.channel_rates),
            self._figure(charts.delivery_by_day, alts.delivery_by_day),
            self._how(paragraph(notes.funnel_method(r, w)), *self._interval_tables("channel")),
        )

    def funnel_by_segment(self) -> Section:
        """Counts and rates per segment (customers over all channels)."""
        if not self.result.ready:
            return self._nothing_yet("mon.h.funnel_segment")
        return section(
            self.w.t("mon.h.funnel_segment"),
            self._funnel_tables("segment"),
            self._how(*self._interval_tables("segment")),
        )

    def _funnel_tables(self, by: By) -> Iterator[HTML]:
        r, w = self.result, self.w
        counts = tables.funnel_table(r, w, by)
        yield self._table(counts, caption=w.t(COUNT_CAPTION_KEYS[by]))
        rates = tables.main_rates_table(r, w, by)
        yield self._table(rates, caption=w.t("mon.caption.rates"), pct_columns=rates.columns[1:])

    def _interval_tables(self, by: By) -> Iterator[HTML]:
        r, w = self.result, self.w
        level = w.count(r.level)
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
        final = w.t("mon.caption.targets_final", event=r.event_day.isoformat())
        return section(
            w.t("mon.h.progress"),
            paragraph(w.t("mon.no_targets"))
            if table is None
            else self._table(table, caption=final if r.event_passed else None),
            self._figure(charts.progress, alts.progress),
            None
            if table is None
            else self._how(paragraph(notes.progress_method(r, w, self.params.monitoring))),
        )

    def participation(self) -> Section:
        """The segment mix of attendees (registrations) against the invited, and the focus share."""
        r, w = self.result, self.w
        if not r.ready:
            return self._nothing_yet("mon.h.participation")
        table = tables.participation_table(r, w)
        shares = [w.t("mon.share_invited"), w.t(tables.SHARE_KEYS[r.participation.step])]
        return section(
            w.t("mon.h.participation"),
            bullet_list(notes.participation_notes(r, w)),
            self._table(table, pct_columns=[*shares, table.columns[-1]]),
            self._figure(charts.participation_mix, alts.participation_mix),
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
            self._figure(charts.onsite_scores, alts.onsite_scores),
            None if table is None else self._how(paragraph(notes.feedback_method(r, w))),
        )

    def incidents(self) -> Section:
        """Cancellations and logged incidents by kind, the team's log, and the timeline."""
        r, w = self.result, self.w
        log = tables.incident_log(r, w)
        return section(
            w.t("mon.h.incidents"),
            paragraph(notes.cancellation_note(r, w)),
            self._table(tables.incident_summary(r, w), caption=w.t("mon.caption.incidents")),
            paragraph(w.t("mon.no_logged"))
            if log is None
            else self._table(log, caption=w.t("mon.caption.incident_log")),
            self._figure(charts.incidents_timeline, alts.incidents_timeline),
        )

    def design(self) -> Section:
        """The groups, their sizes, contamination and freshness; the size test in details."""
        r, w = self.result, self.w
        table = tables.sample_ratio_table(r, w)
        shares = [w.t("mon.observed_share"), w.t("mon.planned_share")]
        control = self.params.monitoring.control_arm
        method = notes.split_method(r, w)
        return section(
            w.t("mon.h.design"),
            bullet_list(notes.design_notes(r, w, control)),
            None
            if not method and table is None
            else self._how(
                [paragraph(m) for m in method],
                None
                if table is None
                else self._table(table, caption=w.t("mon.caption.srm"), pct_columns=shares),
            ),
        )

    def files(self) -> Section:
        """One sentence per file the run wrote (file names only, never their contents)."""
        return section(self.w.t("mon.h.files"), bullet_list(notes.files_notes(self.result, self.w)))
