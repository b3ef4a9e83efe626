"""The evaluation report: one method per section, words from labels, numbers from the formatter.

``View(result, params)`` reads an ``EvaluationResult`` and the campaign's params (language,
currency, dates, thresholds) and returns ``report.html.Section`` objects the notebook shows one
per cell. The answer block is built in ``answer``, the scorecard in ``scorecard``, the tables in
``view_tables``, the sentences in ``sentences`` and ``verdict_sentences``, the charts in
``charts``; method text goes into "How this was computed" blocks, out of the reading path.
Customer lists never reach a section.
"""

from __future__ import annotations

import math

import pandas as pd
from IPython.display import HTML

from campaign_eval import stats
from campaign_eval.config import CampaignParams
from campaign_eval.conventions import ALL_SEGMENTS
from campaign_eval.evaluation import (
    answer,
    charts,
    retrospective,
    scorecard,
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
    Part,
    Section,
    bullet_list,
    callout,
    details,
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
        self.w = Words(result, params.campaign.language, params.campaign.currency)
        self.retro = retrospective.build(result)

    def t(self, key: str, **values: object) -> str:
        """The label ``key`` in the report language."""
        return self.w.t(key, **values)

    def _show(self, table: pd.DataFrame | None, none_key: str) -> HTML:
        """A formatted table, or the sentence saying there is none."""
        if table is None:
            return paragraph(self.t(none_key))
        return show_table(table, language=self.w.language)

    def _tables(self, tables: view_tables.Tables, none_key: str) -> list[HTML]:
        """Tables of one kind, one per metric under its caption, or the sentence saying none."""
        if not tables:
            return [paragraph(self.t(none_key))]
        return [
            show_table(table, caption=caption, language=self.w.language)
            for caption, table in tables
        ]

    def _how(self, *parts: Part | list[Part]) -> HTML:
        """Method text in a "How this was computed" block: closed on screen, open on paper."""
        return details(self.t("ev.how"), *parts)

    def _did_chart(self) -> HTML | None:
        """Each group before and after, its alt text giving every value it draws."""
        w = self.w
        fig = charts.before_after(self.result, w.language, w.f.currency)
        metric = charts.trend_metric(self.result)
        if fig is None or metric is None:
            return None
        values = w.join(
            self.t("ev.alt.did_arm", arm=w.arm(arm), change=w.change(metric, pre, post))
            for arm, (pre, post) in charts.before_after_values(self.result).items()
        )
        return figure(fig, alt=self.t("ev.alt.did", metric=w.metric(metric), values=values))

    def _dates(self) -> dict[str, object]:
        campaign = self.params.campaign
        return sentences.window_dates(
            self.w, campaign.start.isoformat(), campaign.event.isoformat()
        )

    # ----------------------------------------------------------------------------------------
    # Sections

    def answer(self) -> HTML:
        """Did it work, by how much, how sure, and in money: the block the report opens with."""
        return answer.block(self.w, self.retro)

    def summary(self) -> Section:
        """Warnings, who was evaluated, the scorecard and the goals' verdicts."""
        w = self.w
        notices = [
            callout(sentences.notice(w, n), kind=NOTICE_KINDS[n.code]) for n in self.result.notices
        ]
        return section(
            self.t("ev.h.summary"),
            notices,
            paragraph(sentences.intro(w, self._dates())),
            self._scorecard(),
        )

    def _scorecard(self) -> list[HTML | None]:
        """Each goal against control and target, the guardrails, the leads (collapsed)."""
        w = self.w
        blocks = scorecard.scorecard(w)
        if not blocks:
            return []
        has_goals = not self.result.goals.rows.empty
        notes = sentences.goal_check_notes(w)
        return [
            heading(self.t("ev.h.scorecard"), level=3),
            blocks[0],
            bullet_list(notes) if notes else None,  # the goals' notes, under their rows
            *blocks[1:],
            self._how(
                paragraph(verdict_sentences.goals_rule(w)) if has_goals else None,
                paragraph(sentences.goals_note(w)) if has_goals else None,
                paragraph(self._families()) if self.result.effects is not None else None,
            ),
        ]

    def _families(self) -> str:
        """The primary and exploratory families in a sentence, with their sizes."""
        w, effects = self.w, self.result.effects
        rows = effects.rows if effects is not None else pd.DataFrame()
        families = rows["family"].value_counts() if not rows.empty else {}
        adjustment = effects.adjustment if effects is not None else "holm"
        return self.t(
            FAMILY_SOURCE_KEYS[self.result.primary_source],
            m=w.count(int(families.get(PRIMARY, 0))),
            e=w.count(int(families.get(EXPLORATORY, 0))),
            adjustment=self.t(ADJUSTMENT_KEYS[adjustment]),
        )

    def effects(self) -> Section:
        """Treatment vs control: one table per metric, comparisons not made, the method."""
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
        return section(
            title,
            paragraph(self._compared_on()),
            self._tables(view_tables.effects_tables(w), "ev.effects.none"),
            paragraph(self.t("ev.effects.exact_note")) if exact else None,
            bullet_list(skipped) if skipped else None,
            self._how(paragraph(method)),
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
        chart = self._did_chart()
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
            self._tables(view_tables.did_tables(w), "ev.did.none"),
            chart,
            self._how(paragraph(self.t("ev.did.method", level=level))),
            heading(self.t("ev.h.churn"), level=3),
            bullet_list(changes) if changes else paragraph(self.t("ev.churn.none")),
            self._how(paragraph(churn)) if churn else None,
            heading(self.t("ev.h.cuped"), level=3),
            self._tables(view_tables.cuped_tables(w), "ev.cuped.none"),
            self._how(
                paragraph(self.t("ev.cuped.method", level=level)),
                paragraph(self.t("ev.cuped.no_gain")) if not self.result.cuped.empty else None,
            ),
            heading(self.t("ev.h.mann_whitney"), level=3),
            self._tables(view_tables.mann_whitney_tables(w), "ev.mw.none"),
            self._how(paragraph(self.t("ev.mw.method"))),
            self._paired(),
        )

    def _table_precision(self) -> Section | None:
        """An outcome table's CUPED on its pre-period column; None when it has none."""
        cuped = view_tables.cuped_tables(self.w)
        table = self.params.evaluation.outcome_table
        if not cuped or table is None or table.covariate_column is None:
            return None
        method = self.t(
            "ev.cuped.method_table", column=table.covariate_column, level=self.w.ci_level
        )
        return section(
            self.t("ev.h.cuped_table"),
            self._tables(cuped, "ev.cuped.none"),
            self._how(paragraph(method), paragraph(self.t("ev.cuped.no_gain"))),
        )

    def _without_control(self, windows: HTML, churn: str | None) -> list[HTML | None]:
        w = self.w
        low = self.result.low_score_segments
        rtm = self.t("ev.ba.rtm", segments=w.join(w.segment(s) for s in low))
        return [
            callout(self.t("ev.ba.not_causal"), kind="alert"),
            callout(rtm, kind="warning") if low else None,
            windows,
            *self._tables(view_tables.before_after_tables(w), "ev.ba.none"),
            self._how(
                paragraph(self.t("ev.ba.method", level=w.ci_level)),
                paragraph(churn) if churn else None,
            ),
            *self._paired(),
        ]

    def _paired(self) -> list[HTML | None]:
        too_many = self.t(
            "ev.paired.too_many",
            n=self.w.count(self.params.evaluation.max_paired_customers),
        )
        return [
            heading(self.t("ev.h.paired"), level=3),
            *self._tables(view_tables.paired_tables(self.w), "ev.paired.none"),
            paragraph(too_many) if self.result.paired.too_many else None,
            self._how(paragraph(self.t("ev.paired.method", level=self.w.ci_level))),
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
            sentiments=w.join(
                w.sentiment(s, self.params.campaign.value_labels) for s in f.negative_sentiments
            )
            or "-",
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
                c=w.f.number(100 * f.negative_rate_control, 1),  # per 100 customers
                arm=w.arm(self.result.treatments[0]) if self.result.treatments else w.na,
                control=w.arm(self.result.control),
            )
        )
        return section(
            title,
            paragraph(scope),
            self._show(view_tables.feedback_table(w), "ev.fb.none"),
            paragraph(per_customer) if per_customer else None,
            paragraph(control) if control else None,
            self._how(paragraph(definition), paragraph(self.t("ev.fb.survey_rule"))),
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
                self._budget_chart(),
            ]
        )
        return section(
            self.t("ev.h.return"),
            paragraph(verdict_sentences.roi_sentence(w, self.retro.open_until)),
            paragraph(missing) if r.missing_segments else None,
            show_table(view_tables.return_table(w), language=w.language),
            self._how(paragraph(method)) if self.result.has_control else None,
            budget_parts,
        )

    def _budget_chart(self) -> HTML | None:
        """Planned and actual cost per category, its alt text giving both totals."""
        w, costs = self.w, self.result.returns.costs
        fig = charts.budget(self.result, w.language, w.f.currency)
        if fig is None:
            return None
        return figure(
            fig,
            alt=self.t(
                "ev.alt.budget",
                planned=w.money(costs["planned"].sum()),
                actual=w.money(costs["actual"].sum()),
                n=w.count(len(costs)),
            ),
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
            show_table(srm, language=w.language) if srm is not None else None,
            self._how(paragraph(srm_method)) if srm is not None else paragraph(srm_method),
            heading(self.t("ev.h.balance"), level=3),
            self._show(view_tables.balance_table(w), "ev.balance.none"),
            bullet_list(imbalance) if imbalance else None,
            self._how(paragraph(self.t(balance_method, threshold=threshold))),
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
