"""The plan report: the answer first, then one method per section, each a ``Section``.

Words come from the labels (``wording.Words``), numbers through ``report.format.Formatter``,
tables from ``tables``, charts from ``charts`` embedded with their alt text. The notebook calls
one method per cell. Goals are named by their description, tables keep to what a manager needs
(the rest goes to a "How this was computed" block), and method text stays out of the reading path.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from campaign_eval import artifacts, stats
from campaign_eval.plan import charts, export, tables
from campaign_eval.plan.answer import answer_block
from campaign_eval.plan.result import Design, GoalPlan, PlanResult, RoiCheck
from campaign_eval.plan.wording import BUDGET_SOURCE_KEYS, FILE_KEYS, SEGMENTS_SOURCE_KEYS, Words
from campaign_eval.report.html import (
    Section,
    bullet_list,
    callout,
    details,
    figure,
    paragraph,
    section,
    show_table,
)

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    import pandas as pd
    from IPython.display import HTML

    from campaign_eval.config import CampaignParams


class View:
    """The plan report of one result, in the params' language.

    Args:
        result: What the plan stage found (``plan.run``).
        params: The campaign params (dates, targeted segments, design settings, activities).
    """

    def __init__(self, result: PlanResult, params: CampaignParams) -> None:
        self.result = result
        self.params = params
        self.words = Words.of(result, params)

    # -- sections ---------------------------------------------------------------------------

    def answer(self) -> HTML:
        """Can the plan detect its goals, and what it needs if not: the report's first block."""
        return answer_block(self.result, self.words)

    def summary(self) -> Section:
        """Key facts, then what needs attention before anything is sent."""
        flags = self._flags()
        if flags:
            items = [f"\u2022 {f}" for f in flags]
            attention = callout("\n".join([self._t("plan.flag.intro"), *items]), kind="warning")
        else:
            attention = callout(self._t("plan.flag.none"), kind="success")
        table = tables.summary_table(self.result, self.params, self.words)
        return section(self._t("plan.h.summary"), self._table(table), attention)

    def goals(self) -> Section:
        """One row per goal and every goal's problems; how the baselines were measured below."""
        campaign, words = self.params.campaign, self.words
        intro = self._t(
            "plan.goals.intro",
            start=campaign.start.isoformat(),
            ref=self.params.reference_date.isoformat(),
        )
        problems = [
            words.item(words.goal(g), words.problem(p, g.metric))
            for g in self.result.goals
            for p in g.problems
        ]
        return section(
            self._t("plan.h.goals"),
            self._table(tables.goals_overview(self.result, words)),
            _bullets(problems),
            details(
                self._t("plan.how"),
                paragraph(intro),
                self._table(tables.baselines_table(self.result, words)),
            ),
        )

    def design(self) -> Section:
        """Customers measurable and needed, chance to detect, MDE, the power curve; how below."""
        result, words = self.result, self.words
        intro = self._t("plan.design.intro", power=words.fmt.pct(self.params.plan.power, 0))
        level = self._level_note()
        overview = tables.design_overview(result, words)
        more = tables.design_details(result, words)
        chart = charts.power_curve(result, words.language)
        return section(
            self._t("plan.h.design"),
            self._table(
                overview, pct_columns=tables.headers(tables.DESIGN_OVERVIEW_PCT_COLUMNS, words)
            ),
            _bullets(self._design_notes()),
            None if chart is None else figure(chart, alt=self._power_alt()),
            details(
                self._t("plan.how"),
                paragraph(intro),
                None if level is None else paragraph(level),
                self._table(
                    more,
                    pct_columns=tables.headers(tables.DESIGN_DETAILS_PCT_COLUMNS, words),
                    number_columns=tables.design_level_digits(result, words),
                ),
            ),
        )

    def roi(self) -> Section:
        """The lift the return standard asks for, beside the lift the holdout detects."""
        return section(self._t("plan.h.roi"), _bullets(self._roi_notes()))

    def assignment(self) -> Section:
        """The treatment and control groups per segment, their split check and status."""
        warning = self.words.share_warning(self.result.assignment, tuple(self.params.plan.targeted))
        intro = self._t("plan.assign.intro", alpha=self.words.fmt.p(stats.SRM_ALPHA))
        table = tables.assignment_table(self.result, self.params, self.words)
        pct = tables.headers(tables.ASSIGNMENT_PCT_COLUMNS, self.words)
        return section(
            self._t("plan.h.assignment"),
            None if warning is None else callout(warning, kind="warning"),
            self._table(table, pct_columns=pct),
            _bullets(self._assignment_notes()),
            details(self._t("plan.how"), paragraph(intro)),
        )

    def activities(self) -> Section:
        """What each targeted segment is offered: form, content, highlight, channel."""
        table = tables.activities_table(self.params, self.words)
        return section(self._t("plan.h.activities"), self._table(table))

    def schedule(self) -> Section:
        """The phases with dates and owners, their checks, and the Gantt chart."""
        result = self.result
        notes = [self.words.problem(p) for p in result.schedule_problems]
        if not notes:
            notes = [self._t("plan.schedule.ok", end=result.schedule_end.isoformat())]
        chart = charts.gantt(result, self.words.language)
        return section(
            self._t("plan.h.schedule"),
            self._table(tables.schedule_overview(result, self.words)),
            _bullets(notes),
            figure(chart, alt=self._gantt_alt()),
        )

    def budget(self) -> Section:
        """Planned amounts per category and the cost per targeted and treated customer."""
        words = self.words
        table = tables.budget_overview(self.result, words)
        return section(
            self._t("plan.h.budget"),
            self._table(
                table,
                pct_columns=tables.headers(tables.BUDGET_PCT_COLUMNS, words),
                number_columns=[tables.budget_amount_header(words)],
            ),
            _bullets(self._budget_notes()),
        )

    def files(self) -> Section:
        """The files the stage wrote for the team, and where the segments came from."""
        result = self.result
        notes = [
            self._t(FILE_KEYS[key], file=name)
            for key, name in result.files.items()
            if key in FILE_KEYS
        ]
        notes += export.target_list_notes(result, self.params)
        notes.append(self._t(SEGMENTS_SOURCE_KEYS[result.segments_source]))
        return section(self._t("plan.h.files"), _bullets(notes))

    # -- sentences ---------------------------------------------------------------------------

    def _t(self, key: str, **values: object) -> str:
        return self.words.t(key, **values)

    def _table(
        self,
        frame: pd.DataFrame,
        *,
        pct_columns: Sequence[str] = (),
        number_columns: Sequence[str] | Mapping[str, int] = (),
    ) -> HTML:
        return show_table(
            frame,
            pct_columns=pct_columns,
            number_columns=number_columns,
            language=self.words.language,
        )

    def _flags(self) -> list[str]:
        """What needs attention before anything is sent, most important first."""
        result, words = self.result, self.words
        out: list[str] = []
        warning = words.share_warning(result.assignment, tuple(self.params.plan.targeted))
        if warning is not None:
            out.append(warning)
        out += [
            self._underpowered(g, g.design)
            for g in result.goals
            if g.design is not None and not g.design.powered
        ]
        out += [
            words.item(words.goal(g), words.problem(p, g.metric))
            for g in result.goals
            for p in g.problems
            if p.code != "too_few_customers"
        ]
        out += [words.problem(p) for p in result.schedule_problems]
        roi = result.roi
        if roi is not None and not roi.detectable:
            lift, mde = words.fmt.pct(roi.required_lift, 1), words.fmt.pct(roi.mde_lift, 1)
            out.append(self._t("plan.flag.roi_undetectable", lift=lift, mde=mde))
        return out

    def _underpowered(self, goal: GoalPlan, design: Design) -> str:
        words, fmt = self.words, self.words.fmt
        options = [self._t("plan.option.window")]
        if not design.feasible:  # else the customers suffice and the split is what to change
            needed, available = design.n_required_total, design.n_available
            options.append(
                self._t(
                    "plan.option.scope",
                    needed=fmt.number(needed),
                    available=fmt.number(available),
                )
            )
        if not math.isnan(design.mde):
            relaxed = design.baseline + math.copysign(design.mde, design.target - design.baseline)
            options.append(self._t("plan.option.relax", target=words.value(goal.metric, relaxed)))
        if design.recommended_share is not None:
            share = fmt.pct(design.recommended_share, 0)
            options.append(self._t("plan.option.holdout", share=share))
        key = "plan.flag.underpowered" if design.feasible else "plan.flag.infeasible"
        return self._t(
            key,
            goal=words.goal(goal),
            metric=words.metric(goal.metric),
            scope=words.scope(goal),
            power=fmt.pct(design.power, 0),
            wanted=fmt.pct(design.desired_power, 0),
            share=fmt.pct(design.control_share, 0),
            options=words.clauses(options),
        )

    def _level_note(self) -> str | None:
        """The level every goal is sized at, and why: the evaluation's primary family.

        Each goal is one primary comparison; the evaluation adjusts the family with Holm, whose
        first step tests at alpha / m. None without goals.
        """
        result, words = self.result, self.words
        if not result.goals:
            return None
        level = words.alpha(result.goals[0].alpha)
        if result.family_size == 1:
            return self._t("plan.design.alpha_one", level=level)
        return self._t(
            "plan.design.alpha_family",
            alpha=words.alpha(self.params.plan.alpha),
            m=words.fmt.number(result.family_size),
            level=level,
        )

    def _design_notes(self) -> list[str]:
        """Measurable customers (survey answers) and goals without a design."""
        notes = []
        for g in self.result.goals:
            base = g.baseline
            if g.design is not None and base is not None and base.n_measured < base.n_customers:
                share = self.words.fmt.pct(base.measured_share, 0)
                goal = self.words.goal(g)
                notes.append(self._t("plan.design.measured_share", goal=goal, share=share))
            if g.design is None:
                notes.append(self._t("plan.design.no_design", goal=self.words.goal(g)))
        return notes

    def _roi_notes(self) -> list[str]:
        """The ROI standard in words: value needed, lift needed, lift detectable."""
        roi, fmt = self.result.roi, self.words.fmt
        if roi is None:
            return [self._t("plan.roi.none")]
        return [
            self._t(
                "plan.roi.required",
                standard=fmt.number(roi.standard, 1),
                cost=fmt.money(roi.planned_cost),
                value=fmt.money(roi.required_value),
                margin=fmt.pct(roi.margin_rate, 0),
                treated=fmt.number(roi.n_treated),
                per=fmt.money(roi.required_per_treated),
            ),
            self._t(
                "plan.roi.lift",
                days=fmt.number(roi.window_days),
                first=roi.first_day.isoformat(),
                last=roi.through.isoformat(),
                spend=fmt.money(roi.baseline_spend),
                lift=fmt.pct(roi.required_lift, 1),
            ),
            self._roi_mde_note(roi),
            self._t("plan.roi.ok" if roi.detectable else "plan.roi.not_ok"),
        ]

    def _roi_mde_note(self, roi: RoiCheck) -> str:
        """The lift the holdout detects, at which level and why."""
        words = self.words
        values = {
            "mde": words.fmt.pct(roi.mde_lift, 1),
            "control": words.fmt.number(roi.n_control),
            "level": words.alpha(roi.alpha),
        }
        if roi.spend_goals:
            quoted = (words.t("plan.quoted", text=words.goal(g)) for g in roi.spend_goals)
            goals = words.listed(quoted)
            return self._t("plan.roi.mde_goal", goals=goals, **values)
        return self._t("plan.roi.mde_plan", **values)

    def _assignment_notes(self) -> list[str]:
        """Status, redraw, customers not in a kept assignment, the files for the sales team."""
        info, words = self.result.assignment, self.words
        notes = [words.assignment_status(info, self.params.campaign.start)]
        if info.source == "kept":
            notes += [self._t("plan.assign.refuse"), self._kept_shares_note()]
        if info.redraw_ignored:
            notes.append(self._t("plan.assign.redraw_ignored"))
        if info.not_assigned:
            notes.append(self._t("plan.assign.not_assigned", n=words.fmt.number(info.not_assigned)))
        files = (artifacts.ASSIGNMENT, artifacts.ASSIGNMENT_CSV, artifacts.TARGET_LISTS)
        listed = words.listed(files)
        notes += [self._t("plan.assign.no_contact"), self._t("plan.assign.files", files=listed)]
        return notes

    def _kept_shares_note(self) -> str:
        shares, run = self.result.shares, self.result.assignment.earlier_run or ""
        if shares.source == "params_no_earlier_plan":
            return self._t("plan.assign.shares_unknown", run=run, file=artifacts.PLAN_JSON)
        listed = self.words.listed(
            self._t(
                "plan.assign.share_item",
                segment=self.words.segment(s),
                share=self.words.fmt.pct(shares.control_share_of(s), 1),
            )
            for s in shares.segments
        )
        return self._t("plan.assign.shares_kept", run=run, shares=listed)

    def _budget_notes(self) -> list[str]:
        """Where the amounts come from and the cost per targeted and per treated customer."""
        result, fmt = self.result, self.words.fmt
        if not result.budget:
            return [self._t("plan.budget.none")]
        total = result.budget_total
        return [
            self._t(BUDGET_SOURCE_KEYS[result.budget_source]),
            self._t(
                "plan.budget.per_customer",
                targeted=fmt.money(total / max(result.n_targeted, 1)),
                treated=fmt.money(total / max(result.n_treated, 1)),
            ),
        ]

    def _power_alt(self) -> str:
        """The power chart in words, with each goal's chance at the planned holdout."""
        words, fmt = self.words, self.words.fmt
        designed = [(g, g.design) for g in self.result.goals if g.design is not None]
        chances = words.clauses(
            self._t("plan.alt.power_goal", goal=words.goal(g), power=fmt.pct(d.power, 0))
            for g, d in designed
        )
        wanted = designed[0][1].desired_power if designed else self.params.plan.power
        return self._t(
            "plan.alt.power",
            share=fmt.pct(self.result.shares.default, 0),
            chances=chances,
            wanted=fmt.pct(wanted, 0),
        )

    def _gantt_alt(self) -> str:
        """The Gantt chart in words: how many phases, from when to when, the event day."""
        result = self.result
        first = min((p.start for p in result.phases), default=result.event)
        return self._t(
            "plan.alt.gantt",
            n=self.words.fmt.number(len(result.phases)),
            first=first.isoformat(),
            last=result.schedule_end.isoformat(),
            event=result.event.isoformat(),
        )


def _bullets(items: list[str]) -> HTML | None:
    """A bulleted list, or nothing when there is nothing to list."""
    return bullet_list(items) if items else None
