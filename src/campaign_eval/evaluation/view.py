"""The evaluation report: one method per section, words from labels, numbers from the formatter.

``View(result, params)`` reads an ``EvaluationResult`` and the campaign's params (language,
dates, thresholds) and returns ``report.html.Section`` objects the notebook shows one per cell.
The tables are built in ``view_tables``, the sentences in ``sentences``, the charts in
``charts``; customer lists never reach a section.
"""

from __future__ import annotations

import math

import pandas as pd
from IPython.display import HTML
from matplotlib.figure import Figure

from campaign_eval import stats
from campaign_eval.config import CampaignParams
from campaign_eval.conventions import ALL_SEGMENTS
from campaign_eval.evaluation import (
    charts,
    retrospective,
    sentences,
    verdict_sentences,
    view_tables,
)
from campaign_eval.evaluation.effects import (
    EMPTY_CONTROL,
    EMPTY_TREATMENT,
    EXPLORATORY,
    PRIMARY,
)
from campaign_eval.evaluation.notices import (
    DATA_SHORT,
    IMBALANCE,
    NO_CONTROL,
    NO_CONTROL_CONTACTS,
    SAMPLE_RATIO,
    SKIPPED_METRICS,
    WINDOW_OPEN,
)
from campaign_eval.evaluation.result import EvaluationResult
from campaign_eval.evaluation.wording import Words
from campaign_eval.report.html import (
    CalloutKind,
    Section,
    bullet_list,
    callout,
    figure,
    heading,
    paragraph,
    section,
    show_table,
)

NOTICE_KINDS: dict[str, CalloutKind] = {
    WINDOW_OPEN: "alert",
    DATA_SHORT: "alert",
    NO_CONTROL: "alert",
    NO_CONTROL_CONTACTS: "alert",
    SAMPLE_RATIO: "alert",
    IMBALANCE: "warning",
    SKIPPED_METRICS: "info",
}
"""How each notice is drawn at the top of the summary."""
SKIPPED_KEYS = {
    EMPTY_TREATMENT: "ev.skipped.empty_treatment",
    EMPTY_CONTROL: "ev.skipped.empty_control",
}
"""Why a comparison could not be made."""
ADJUSTMENT_KEYS = {"holm": "ev.adjustment.holm", "fdr_bh": "ev.adjustment.fdr_bh"}
"""The multiple-testing correction, in words."""
SRM_METHOD_KEYS = {
    "plan": "ev.srm.method.plan",
    "params": "ev.srm.method.params",
    "none": "ev.srm.method.none",
}
"""How the arm sizes were checked, by where the planned split came from."""
FAMILY_SOURCE_KEYS = {
    "goals": "ev.effects.families",
    "params": "ev.effects.families.params",
    "none": "ev.effects.families.none",
}
"""The two families in words, by where the primary comparisons came from."""
BASIS_SENTENCE_KEYS = {
    "actual": "ev.basis_sentence.actual",
    "planned": "ev.basis_sentence.planned",
    "mixed": "ev.basis_sentence.mixed",
    "none": "ev.basis_sentence.none",
}
"""Which costs the ROI used, in a sentence."""
_THRESHOLD_DIGITS = 2


class View:
    """The sections of the evaluation report.

    Attributes:
        result: The evaluation.
        params: The campaign's params (language, dates, thresholds).
        w: The report's words and number formats.
    """

    def __init__(self, result: EvaluationResult, params: CampaignParams) -> None:
        self.result = result
        self.params = params
        self.w = Words(result, params.campaign.language)
        self.retro = retrospective.build(result)

    def t(self, key: str, **values: object) -> str:
        """The label ``key`` in the report language."""
        return self.w.t(key, **values)

    def _show(self, table: pd.DataFrame | None, none_key: str) -> HTML:
        """A formatted table, or the sentence saying there is none."""
        if table is None:
            return paragraph(self.t(none_key))
        return show_table(table, language=self.w.language)

    def _figure(self, fig: Figure | None, alt_key: str, **values: object) -> HTML | None:
        return None if fig is None else figure(fig, alt=self.t(alt_key, **values))

    def _dates(self) -> dict[str, object]:
        campaign = self.params.campaign
        return sentences.window_dates(
            self.w, campaign.start.isoformat(), campaign.event.isoformat()
        )

    # ----------------------------------------------------------------------------------------
    # Sections

    def _answer(self) -> list[HTML]:
        """Did it work: the goals' verdicts and credit, and the return's verdict."""
        w, retro = self.w, self.retro
        if retro.open_until is not None:
            return [callout(self.t("ev.answer.open", date=retro.open_until), kind="alert")]
        parts = [paragraph(verdict_sentences.answer_goals(w))]  # or the named primary family
        if not self.result.has_control:
            parts.append(paragraph(self.t("ev.answer.no_control")))
        parts.append(paragraph(verdict_sentences.roi_sentence(w, retro.open_until)))
        return parts

    def summary(self) -> Section:
        """Warnings, the answer, what was evaluated, the goals' verdicts and the primary effects."""
        w = self.w
        goals = view_tables.goals_table(w)
        notices = [
            callout(sentences.notice(w, n), kind=NOTICE_KINDS[n.code]) for n in self.result.notices
        ]
        goal_parts = (
            []  # the answer already says that no goals were set
            if goals is None
            else [
                heading(self.t("ev.h.goals"), level=3),
                show_table(goals, language=w.language),
                paragraph(verdict_sentences.goals_rule(w)),
                bullet_list(sentences.goal_check_notes(w)),
                paragraph(sentences.goals_note(w)),
                self._figure(charts.attainment(self.result, w.language), "ev.alt.attainment"),
            ]
        )
        return section(
            self.t("ev.h.summary"),
            notices,
            heading(self.t("ev.h.answer"), level=3),
            self._answer(),
            paragraph(sentences.intro(w, self._dates())),
            goal_parts,
            self._headlines(),
        )

    def _headlines(self) -> list[HTML]:
        """The primary comparisons, under the goals' or the params' heading; none: nothing."""
        source = self.result.primary_source
        headlines = sentences.headlines(self.w)
        if source == "none" or not headlines:
            return []
        title = self.t("ev.h.headlines" if source == "goals" else "ev.h.primary")
        return [heading(title, level=3), bullet_list(headlines)]

    def effects(self) -> Section:
        """Treatment vs control: the method, the table, comparisons not made, the forest plot."""
        w, effects = self.w, self.result.effects
        title = self.t("ev.h.effects")
        if effects is None:
            return section(title, callout(self.t("ev.effects.no_control"), kind="alert"))
        method = self.t(
            "ev.effects.method", level=w.ci_level, alpha=w.f.number(self.result.alpha, 2)
        )
        skipped = [
            self.t(SKIPPED_KEYS[reason], metric=w.metric(m), segment=w.segment(s), arm=w.arm(a))
            for m, s, a, reason in effects.skipped
            if s != ALL_SEGMENTS
        ]
        exact = bool(view_tables.exact(effects.rows).any()) if not effects.rows.empty else False
        families = effects.rows["family"].value_counts() if not effects.rows.empty else {}
        family_text = self.t(
            FAMILY_SOURCE_KEYS[self.result.primary_source],
            m=w.count(int(families.get(PRIMARY, 0))),
            e=w.count(int(families.get(EXPLORATORY, 0))),
            adjustment=self.t(ADJUSTMENT_KEYS[effects.adjustment]),
        )
        return section(
            title,
            paragraph(self._compared_on() + " " + method),
            paragraph(family_text),
            self._show(view_tables.effects_table(w), "ev.effects.none"),
            paragraph(self.t("ev.effects.exact_note")) if exact else None,
            bullet_list(skipped) if skipped else None,
            self._figure(charts.forest(self.result, w.language), "ev.alt.forest"),
        )

    def _compared_on(self) -> str:
        """What the arms are compared on: the post window's dates, or the outcome table."""
        w, r = self.w, self.result
        control = w.arm(r.control)
        if r.from_table:
            if r.outcome_label:
                return self.t(
                    "ev.effects.where.table_label", control=control, window=r.outcome_label
                )
            return self.t("ev.effects.where.table", control=control)
        dates = self._dates()
        return self.t(
            "ev.effects.where.data",
            control=control,
            days=r.windows.days,
            start=dates["post_start"],
            end=r.windows.post[1].isoformat(),
        )

    def before_after(self) -> Section | None:
        """DiD, churn, CUPED, rank test and paired; without a control, the plain before/after.

        An outcome table has no before period: only CUPED on its pre-period column, if any.
        """
        w = self.w
        if self.result.from_table:
            return self._table_precision()
        churn = sentences.churn_definition(w, self.params.campaign.start.isoformat())
        chart = self._figure(charts.before_after(self.result, w.language), "ev.alt.did")
        windows = paragraph(self.t("ev.windows", **self._dates()))
        if not self.result.has_control:
            return section(
                self.t("ev.h.before_after"), self._without_control(windows, churn), chart
            )
        changes = sentences.change_sentences(w)
        level = w.ci_level
        return section(
            self.t("ev.h.before_after"),
            windows,
            heading(self.t("ev.h.did"), level=3),
            paragraph(self.t("ev.did.method", level=level)),
            self._show(view_tables.did_table(w), "ev.did.none"),
            chart,
            heading(self.t("ev.h.churn"), level=3),
            paragraph(churn) if churn else None,
            bullet_list(changes) if changes else paragraph(self.t("ev.churn.none")),
            heading(self.t("ev.h.cuped"), level=3),
            paragraph(self.t("ev.cuped.method", level=level)),
            self._show(view_tables.cuped_table(w), "ev.cuped.none"),
            paragraph(self.t("ev.cuped.no_gain")) if not self.result.cuped.empty else None,
            heading(self.t("ev.h.mann_whitney"), level=3),
            paragraph(self.t("ev.mw.method")),
            self._show(view_tables.mann_whitney_table(w), "ev.mw.none"),
            self._paired(),
        )

    def _table_precision(self) -> Section | None:
        """An outcome table's CUPED on its pre-period column; None when it has none."""
        cuped = view_tables.cuped_table(self.w)
        table = self.params.evaluation.outcome_table
        if cuped is None or table is None or table.covariate_column is None:
            return None
        method = self.t(
            "ev.cuped.method_table", column=table.covariate_column, level=self.w.ci_level
        )
        return section(
            self.t("ev.h.cuped_table"),
            paragraph(method),
            show_table(cuped, language=self.w.language),
            paragraph(self.t("ev.cuped.no_gain")),
        )

    def _without_control(self, windows: HTML, churn: str | None) -> list[HTML | None]:
        w = self.w
        low = self.result.low_score_segments
        rtm = self.t("ev.ba.rtm", segments=w.join(w.segment(s) for s in low))
        return [
            callout(self.t("ev.ba.not_causal"), kind="alert"),
            callout(rtm, kind="warning") if low else None,
            windows,
            paragraph(self.t("ev.ba.method", level=w.ci_level)),
            paragraph(churn) if churn else None,
            self._show(view_tables.before_after_table(w), "ev.ba.none"),
            *self._paired(),
        ]

    def _paired(self) -> list[HTML | None]:
        too_many = self.t(
            "ev.paired.too_many",
            n=self.w.count(self.params.evaluation.max_paired_customers),
        )
        return [
            heading(self.t("ev.h.paired"), level=3),
            paragraph(self.t("ev.paired.method", level=self.w.ci_level)),
            self._show(view_tables.paired_table(self.w), "ev.paired.none"),
            paragraph(too_many) if self.result.paired.too_many else None,
        ]

    def feedback(self) -> Section | None:
        """Customer feedback against the template's standards (an outcome table: only if any)."""
        w, f = self.w, self.result.feedback
        title = self.t("ev.h.feedback")
        if f is None:
            if self.result.from_table:
                return None
            return section(title, paragraph(self.t("ev.fb.none")))
        score = f.negative_max_score
        definition = self.t(
            "ev.fb.definition",
            sentiments=w.join(f.negative_sentiments) or "-",
            score=w.na if score is None else w.f.number(score),
        )
        scope = self.t(
            "ev.fb.scope", respondents=w.count(f.respondents), comments=w.count(f.comments)
        )
        control = (
            None
            if f.negative_control is None
            else self.t(
                "ev.fb.control", n=w.count(f.negative_control), control=w.arm(self.result.control)
            )
        )
        per_customer = (
            None
            if math.isnan(f.negative_rate_control) or math.isnan(f.negative_rate)
            else self.t(
                "ev.fb.per_customer",
                t=w.f.number(100 * f.negative_rate, 1),
                c=w.f.number(100 * f.negative_rate_control, 1),
                arm=w.arm(self.result.treatments[0]) if self.result.treatments else w.na,
                control=w.arm(self.result.control),
            )
        )
        return section(
            title,
            paragraph(scope),
            self._show(view_tables.feedback_table(w), "ev.fb.none"),
            paragraph(definition),
            paragraph(control) if control else None,
            paragraph(per_customer) if per_customer else None,
            paragraph(self.t("ev.fb.survey_rule")),
        )

    def returns(self) -> Section:
        """Incremental ROI as the headline, gross ROI labelled, budget vs actual."""
        w, r = self.w, self.result.returns
        value = w.metric(r.value_metric) if r.value_metric else w.na
        method = self.t(
            "ev.ret.method",
            value=value,
            margin=w.pct(r.margin_rate),
            control=w.arm(self.result.control),
        )
        missing = self.t(
            "ev.ret.missing_segments", segments=w.join(w.segment(s) for s in r.missing_segments)
        )
        planned = (
            r.costs.loc[r.costs["basis"] == "planned", "category"] if not r.costs.empty else []
        )
        basis = self.t(
            BASIS_SENTENCE_KEYS[r.cost_basis], categories=w.join(w.category(c) for c in planned)
        )
        budget = view_tables.budget_table(w)
        budget_parts = (
            []
            if budget is None and self.result.from_table
            else [
                heading(self.t("ev.h.budget"), level=3),
                self._show(budget, "ev.budget.none"),
                paragraph(basis) if budget is not None else None,
                self._figure(charts.budget(self.result, w.language), "ev.alt.budget"),
            ]
        )
        return section(
            self.t("ev.h.return"),
            paragraph(verdict_sentences.roi_sentence(w, self.retro.open_until)),
            paragraph(method) if self.result.has_control else None,
            paragraph(missing) if r.missing_segments else None,
            show_table(view_tables.return_table(w), language=w.language),
            budget_parts,
        )

    def process(self) -> Section | None:
        """Preparation time against the plan (an outcome table: only when it was recorded)."""
        table = view_tables.process_table(self.w)
        if table is None and self.result.from_table:
            return None
        return section(self.t("ev.h.process"), self._show(table, "ev.process.none"))

    def design(self) -> Section:
        """Sample-ratio check and balance check."""
        w, r = self.w, self.result
        title = self.t("ev.h.design")
        if not r.has_control:
            return section(title, paragraph(self.t("ev.design.no_control")))
        srm = view_tables.srm_table(w)
        threshold = w.f.number(self.params.evaluation.balance_smd_threshold, _THRESHOLD_DIGITS)
        balance_method = "ev.balance.method_table" if r.from_table else "ev.balance.method"
        flagged = (
            r.balance[r.balance["flagged"] & (r.balance["segment"] != ALL_SEGMENTS)]
            if not r.balance.empty
            else r.balance
        )
        imbalance = [
            self.t(
                "ev.balance.flagged_row",
                metric=w.metric(b["metric"]),
                segment=w.segment(b["segment"]),
                smd=w.f.number(b["smd"], 2),
            )
            for _, b in flagged.iterrows()
        ]
        srm_method = self.t(SRM_METHOD_KEYS[r.share_source], srm_alpha=_level(w, stats.SRM_ALPHA))
        contamination = r.contamination
        contaminated = (
            self.t("ev.design.no_contamination_check")
            if contamination is None
            else self.t(
                "ev.design.contamination", n=w.count(contamination.count), run=contamination.run_id
            )
        )
        return section(
            title,
            [heading(self.t("ev.h.contamination"), level=3), paragraph(contaminated)]
            if not r.from_table
            else None,
            heading(self.t("ev.h.srm"), level=3),
            paragraph(srm_method),
            show_table(srm, language=w.language) if srm is not None else None,
            heading(self.t("ev.h.balance"), level=3),
            paragraph(self.t(balance_method, threshold=threshold)),
            self._show(view_tables.balance_table(w), "ev.balance.none"),
            bullet_list(imbalance) if imbalance else None,
        )

    def retrospective(self) -> Section:
        """What worked, what to improve, leads, the standards, and the analyst's notes (escaped)."""
        w, retro = self.w, self.retro
        notes = self.result.notes
        title = self.t("ev.h.retrospective")
        if retro.open_until is not None:
            return section(
                title,
                paragraph(self.t("ev.retro.open", date=retro.open_until)),
                heading(self.t("ev.h.notes"), level=3),
                bullet_list(notes) if notes else paragraph(self.t("ev.retro.no_notes")),
            )
        worked = verdict_sentences.worked(w, retro)
        improve = verdict_sentences.improve(w, retro)
        if not self.result.has_control:
            improve.append(self.t("ev.retro.no_control"))
        leads = verdict_sentences.leads(w, retro)
        judged = verdict_sentences.standards(w, retro)
        return section(
            title,
            heading(self.t("ev.h.successes"), level=3),
            bullet_list(worked) if worked else paragraph(self.t("ev.retro.nothing_worked")),
            heading(self.t("ev.h.improve"), level=3),
            bullet_list(improve) if improve else paragraph(self.t("ev.retro.nothing")),
            heading(self.t("ev.h.leads"), level=3),
            bullet_list(leads) if leads else paragraph(self.t("ev.retro.no_leads")),
            paragraph(self.t("ev.retro.ns_explained")),
            self._standards(judged),
            heading(self.t("ev.h.notes"), level=3),
            bullet_list(notes) if notes else paragraph(self.t("ev.retro.no_notes")),
        )

    def _standards(self, judged: list[str]) -> list[HTML]:
        """The template's standards; an outcome table with none to judge shows no heading."""
        if not judged and self.result.from_table:
            return []
        body = bullet_list(judged) if judged else paragraph(self.t("ev.retro.nothing"))
        return [heading(self.t("ev.h.standards"), level=3), body]


def _level(w: Words, level: float) -> str:
    """A significance level with as many decimals as its first significant digit needs."""
    digits = max(-math.floor(math.log10(level)), 0) if level > 0 else 0
    return w.f.number(level, digits)
