"""The segmentation report: one method per section, words from labels, numbers from the formatter.

``View(result, params)`` reads a ``SegmentationResult`` and the campaign's params (language,
currency, rules, targeted segments) and returns the answer block and ``report.html.Section``
objects the notebook shows one per cell. Customer lists are never part of a section: the lists
section says which files hold them.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
from IPython.display import HTML
from matplotlib.figure import Figure

from campaign_eval.config import CampaignParams
from campaign_eval.config.segmentation import AllOf, Condition, Rule
from campaign_eval.conventions import (
    CHURN_RISK,
    CORE,
    GROWTH,
    NEW,
    ORDINARY,
    TIER_RULE_ORDER,
)
from campaign_eval.report.html import (
    Section,
    bullet_list,
    details,
    figure,
    paragraph,
    section,
    show_table,
)
from campaign_eval.report.labels import segment_label, tier_label
from campaign_eval.segmentation import charts, notes
from campaign_eval.segmentation.answer import segmentation_answer
from campaign_eval.segmentation.export import list_files
from campaign_eval.segmentation.profiles import TOTAL
from campaign_eval.segmentation.result import SegmentationResult
from campaign_eval.segmentation.sentences import RULE_KEYS
from campaign_eval.segmentation.wording import Words

__all__ = ["FEATURE_KEYS", "FOCUS_KEYS", "RULE_KEYS", "View"]


def _names_feature(rule: Rule, feature: str) -> bool:
    """Whether a rule has a condition on ``feature``."""
    if isinstance(rule, Condition):
        return rule.feature == feature
    parts = rule.all if isinstance(rule, AllOf) else rule.any
    return any(_names_feature(part, feature) for part in parts)


FEATURE_KEYS = {
    "spend_12m": "feature.spend_12m",
    "orders_12m": "feature.orders_12m",
    "recency_days": "feature.recency_days",
    "tenure_years": "feature.tenure_years",
    "latest_nps": "feature.latest_nps",
    "latest_satisfaction": "feature.latest_satisfaction",
    "complaints_12m": "feature.complaints_12m",
}
"""Column names of the profile tables."""
PURCHASE_FEATURES = ("spend_12m", "orders_12m", "recency_days", "tenure_years")
"""The profile table of buying: money, orders, recency, tenure."""
FEEDBACK_FEATURES = ("latest_nps", "latest_satisfaction", "complaints_12m")
"""The profile table of the customers' voice: scores and complaints."""
PROFILE_DIGITS = {
    "orders_12m": 1,
    "recency_days": 0,
    "tenure_years": 1,
    "latest_nps": 1,
    "latest_satisfaction": 1,
    "complaints_12m": 2,
}
"""Decimals of each profile column but spend (money, whole units)."""
PROFILE_WINDOWS = {"complaints_12m": "complaint_months"}
"""The look-back window a profile column names; the others name the spend window."""
FOCUS_KEYS = {
    CORE: "focus.core",
    GROWTH: "focus.growth",
    CHURN_RISK: "focus.churn_risk",
    NEW: "focus.new",
}
"""The template's campaign focus of each rule segment."""


class View:
    """The answer and the sections of the segmentation report.

    Attributes:
        result: The segmentation.
        params: The campaign's params (language, currency, segment rules, targeted segments).
        w: The report's words and number formats.
    """

    def __init__(self, result: SegmentationResult, params: CampaignParams) -> None:
        self.result = result
        self.params = params
        self.w = Words(params)
        self.language = self.w.language
        self.f = self.w.f

    def t(self, key: str, **values: object) -> str:
        """The label ``key`` in the report language."""
        return self.w.t(key, **values)

    # ----------------------------------------------------------------------------------------
    # The answer, then the sections

    def answer(self) -> HTML:
        """Who the campaign should reach and how many: the targeted segments, sizes and rules."""
        return segmentation_answer(self.result, self.w)

    def summary(self) -> Section:
        """The as-of date and precedence, caveats, then how rows and spend were counted."""
        caveats = notes.caveats(self.result, self.w)
        counting = notes.counting_notes(self.result, self.w)
        return section(
            self.t("seg.h.summary"),
            paragraph(self._intro()),
            bullet_list(caveats) if caveats else None,
            details(self.t("seg.how"), bullet_list(counting)) if counting else None,
        )

    def sizes(self) -> Section:
        """Customers per segment: table, the rule of each segment, bar chart."""
        sizes = self.result.sizes
        table = pd.DataFrame(
            {
                self.t("word.segment"): self.w.segments(sizes.index),
                self.t("word.customers"): sizes["customers"].to_numpy(),
                self.t("word.share"): sizes["share"].to_numpy(),
            }
        )
        counts = self.w.listing(
            self.t("seg.alt.item", name=name, count=self.f.number(sizes.loc[s, "customers"]))
            for s, name in self._named(sizes.index)
        )
        return section(
            self.t("seg.h.sizes"),
            show_table(table, pct_columns=[self.t("word.share")], language=self.language),
            bullet_list(self._rules()),
            self._figure(
                charts.segment_sizes(self.result, self.language), "seg.alt.sizes", counts=counts
            ),
        )

    def profiles(self) -> Section:
        """Purchases and feedback per segment (two tables), the spend box plot."""
        chart = charts.spend_by_segment(
            self.result,
            self.language,
            currency=self.params.campaign.currency,
            months=self.params.segmentation.spend_months,
        )
        customers = self.result.customers
        zero = int((customers["spend_12m"] <= 0).sum()) if "spend_12m" in customers else 0
        return section(
            self.t("seg.h.profiles"),
            self._profile_table(PURCHASE_FEATURES, "seg.profile_purchases"),
            self._profile_table(FEEDBACK_FEATURES, "seg.profile_feedback"),
            self._figure(
                chart,
                "seg.alt.spend",
                months=self.w.months("spend_months"),
                medians=self._spend_medians(),
                zero=self.f.number(zero),
            ),
        )

    def structure(self) -> Section:
        """Customers by industry, size and region and segment: a heat map each, tables on demand."""
        parts: list[HTML | None] = []
        for dimension, counts in self.result.structure.items():
            chart = charts.structure_heatmap(
                self.result,
                dimension,
                self.language,
                value_labels=self.params.campaign.value_labels,
            )
            in_text = self.t(charts.DIMENSION_TEXT_KEYS[dimension])
            table = counts.rename(columns=self._segment_or_total)
            table.index = pd.Index(
                [self.w.value(v) for v in counts.index],
                name=self.t(charts.DIMENSION_KEYS[dimension]),
            )
            parts += [
                self._figure(chart, "seg.alt.structure", **self._largest_cell(counts, in_text)),
                details(
                    self.t("seg.structure_table", dimension=in_text),
                    show_table(table.reset_index(), language=self.language),
                ),
            ]
        if not parts:
            parts.append(paragraph(self.t("seg.no_structure")))
        return section(self.t("seg.h.structure"), parts)

    def tiers(self) -> Section:
        """The four-tier view: customers and share of spend per tier, and its rules."""
        tiers = self.result.tiers
        share = self.t("word.share")
        spend = self.t("seg.spend_share", months=self.w.months("spend_months"))
        table = pd.DataFrame(
            {
                self.t("seg.tier"): [tier_label(t, self.language) for t in tiers.index],
                self.t("word.customers"): tiers["customers"].to_numpy(),
                share: tiers["share"].to_numpy(),
                spend: tiers["spend_share"].to_numpy(),
            }
        )
        return section(
            self.t("seg.h.tiers"),
            show_table(table, pct_columns=[share, spend], language=self.language),
            paragraph(self.t("seg.tier_rules")),
            bullet_list(self._tier_rules()),
        )

    def focus(self) -> Section:
        """Each rule segment with the template's campaign focus (sizes are in the answer)."""
        precedence = list(self.result.precedence)
        table = pd.DataFrame(  # two columns: the focus text keeps its width on a phone
            {
                self.t("word.segment"): self.w.segments(precedence),
                self.t("seg.focus"): [self.t(FOCUS_KEYS[s]) for s in precedence],
            }
        )
        return section(self.t("seg.h.focus"), show_table(table, language=self.language))

    def lists(self) -> Section:
        """One sentence per sales list written: how many customers, which file (no names)."""
        sizes = self.result.sizes["customers"]
        notes = [
            self.t(
                "seg.lists_written",
                count=self.f.number(sizes[segment]),
                segment=segment_label(segment, self.language),
                file=list_files(segment, int(sizes[segment]), self.params),
            )
            for segment in self.result.order
        ]
        return section(self.t("seg.h.lists"), bullet_list(notes))

    # ----------------------------------------------------------------------------------------
    # Sentences

    def _intro(self) -> str:
        """One paragraph: the as-of date and the precedence of the rules."""
        order = self.w.listing(self.w.segments(self.result.precedence))
        return self.t("seg.intro", date=self.result.reference_date.isoformat(), order=order)

    def _rules(self) -> list[str]:
        """'Segment: rule' for every segment, in precedence order (long text, so not a column)."""
        colon = self.t("page.colon")
        return [f"{name}{colon}{self._rule_text(s)}" for s, name in self._named(self.result.order)]

    def _tier_rules(self) -> list[str]:
        """'Tier: rule' for every tier, in the order they are tried; ordinary is the rest."""
        colon = self.t("page.colon")
        tiers = self.params.segmentation.tiers
        dropped = self.result.coverage.tier_conditions
        lines = []
        for tier in [t for t in TIER_RULE_ORDER if t in tiers]:
            rule = self.w.rules.rule(tiers[tier])
            if dropped.get(tier):
                rule += self._dropped(dropped[tier])
            lines.append(f"{tier_label(tier, self.language)}{colon}{rule}")
        ordinary = self.t("seg.rule_ordinary")
        return [*lines, f"{tier_label(ORDINARY, self.language)}{colon}{ordinary}"]

    def _rule_text(self, segment: str) -> str:
        """The rule of a segment in words, with the conditions left out for lack of data."""
        rule = self.w.rule(segment)
        dropped = self.result.coverage.segment_conditions.get(segment)
        if dropped:
            rule += self._dropped(dropped)
        rules = {str(name): rule for name, rule in self.params.segmentation.segments.items()}
        if segment in rules and _names_feature(rules[segment], "spend_growth_6m"):
            rule += self._space() + self.t("seg.growth_from_zero")
        return rule

    def _dropped(self, conditions: tuple[Condition, ...]) -> str:
        return self._space() + self.t(
            "seg.rule_dropped", conditions=self.w.rules.conditions(conditions)
        )

    def _space(self) -> str:
        """What separates a bracketed remark from its sentence (none before Chinese brackets)."""
        return " " if self.language == "en" else ""

    def _spend_medians(self) -> str:
        """'Segment amount' of the median spend of every segment with customers."""
        customers = self.result.customers
        if "spend_12m" not in customers:
            return ""
        spend = customers["spend_12m"].clip(lower=0.0).groupby(customers["segment"]).median()
        return self.w.listing(
            self.t("seg.alt.median", name=name, amount=self.f.money(spend[s]))
            for s, name in self._named(self.result.order)
            if s in spend.index
        )

    def _largest_cell(self, counts: pd.DataFrame, dimension: str) -> dict[str, str]:
        """The words of a heat map's alt text: its dimension and its largest cell."""
        cells = counts.drop(columns=TOTAL)
        row, column = np.unravel_index(np.argmax(cells.to_numpy()), cells.shape)
        return {
            "dimension": dimension,
            "value": self.w.value(cells.index[row]),
            "segment": self.w.segment(cells.columns[column]),
            "count": self.f.number(cells.iloc[row, column]),
        }

    def _profile_table(self, features: tuple[str, ...], caption: str) -> HTML | None:
        """One profile table: a row per segment, a column per feature the data has."""
        profiles = self.result.profiles
        shown = [c for c in features if c in profiles]
        if not shown:
            return None
        table = pd.DataFrame({self.t("word.segment"): self.w.segments(profiles.index)})
        digits = {}
        for feature in shown:
            months = self.w.months(PROFILE_WINDOWS.get(feature, "spend_months"))
            name = self.t(FEATURE_KEYS[feature], months=months)
            if feature == "spend_12m":  # money: every amount with its currency
                table[name] = [self.f.money(v) for v in profiles[feature]]
            else:
                table[name] = profiles[feature].to_numpy(dtype=float)
                digits[name] = PROFILE_DIGITS[feature]
        return show_table(
            table, caption=self.t(caption), number_columns=digits, language=self.language
        )

    # ----------------------------------------------------------------------------------------
    # Helpers

    def _named(self, segments: Iterable[object]) -> list[tuple[str, str]]:
        return [(str(s), self.w.segment(s)) for s in segments]

    def _segment_or_total(self, column: str) -> str:
        return self.t("word.total") if column == TOTAL else self.w.segment(column)

    def _figure(self, fig: Figure | None, alt_key: str, **values: object) -> HTML | None:
        return None if fig is None else figure(fig, alt=self.t(alt_key, **values))
