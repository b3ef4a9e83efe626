"""The segmentation report: one method per section, words from labels, numbers from the formatter.

``View(result, params)`` reads a ``SegmentationResult`` and the campaign's params (language and
rules) and returns ``report.html.Section`` objects the notebook shows one per cell. Customer
lists are never part of a section: the lists section says which files hold them.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
from IPython.display import HTML
from matplotlib.figure import Figure

from campaign_eval.config import CampaignParams
from campaign_eval.config.segmentation import AllOf, Condition, Rule
from campaign_eval.conventions import (
    CHURN_RISK,
    CORE,
    GROWTH,
    MAINTAIN,
    NEW,
    ORDINARY,
    TIER_RULE_ORDER,
)
from campaign_eval.report.format import Formatter, Language
from campaign_eval.report.html import Section, bullet_list, figure, paragraph, section, show_table
from campaign_eval.report.labels import segment_label, text, tier_label
from campaign_eval.segmentation import charts
from campaign_eval.segmentation.export import list_files
from campaign_eval.segmentation.profiles import TOTAL
from campaign_eval.segmentation.result import SegmentationResult
from campaign_eval.segmentation.rules import describe


def _names_feature(rule: Rule, feature: str) -> bool:
    """Whether a rule has a condition on ``feature``."""
    if isinstance(rule, Condition):
        return rule.feature == feature
    parts = rule.all if isinstance(rule, AllOf) else rule.any
    return any(_names_feature(part, feature) for part in parts)


RULE_KEYS = {
    "spend_12m": "rule.spend_12m",
    "spend_12m_pct": "rule.spend_12m_pct",
    "orders_12m": "rule.orders_12m",
    "orders_3m": "rule.orders_3m",
    "recency_days": "rule.recency_days",
    "tenure_days": "rule.tenure_days",
    "tenure_months": "rule.tenure_months",
    "tenure_years": "rule.tenure_years",
    "spend_6m": "rule.spend_6m",
    "spend_prev_6m": "rule.spend_prev_6m",
    "spend_growth_6m": "rule.spend_growth_6m",
    "latest_satisfaction": "rule.latest_satisfaction",
    "latest_nps": "rule.latest_nps",
    "complaints_12m": "rule.complaints_12m",
}
"""How a rule names each feature of the catalogue."""
FEATURE_KEYS = {
    "spend_12m": "feature.spend_12m",
    "orders_12m": "feature.orders_12m",
    "recency_days": "feature.recency_days",
    "tenure_years": "feature.tenure_years",
    "latest_nps": "feature.latest_nps",
    "latest_satisfaction": "feature.latest_satisfaction",
    "complaints_12m": "feature.complaints_12m",
}
"""Column names of the profile table."""
FOCUS_KEYS = {
    CORE: "focus.core",
    GROWTH: "focus.growth",
    CHURN_RISK: "focus.churn_risk",
    NEW: "focus.new",
}
"""The template's campaign focus of each rule segment."""
REPEATED_KEYS = {"first": "seg.repeated_first", "last": "seg.repeated_last"}
"""The note on repeated customer rows, by the row the params chose to keep."""
RETURNS_KEYS = {"net": "seg.returns_net", "drop": "seg.returns_drop"}
"""The note on orders with a negative amount, by how ``segmentation.returns`` counts them."""
LINES_KEYS = {"order_id": "seg.lines_by_order_id", "customer_and_time": "seg.lines_by_time"}
"""The note on order lines summed into orders, by what made one order."""


class View:
    """The sections of the segmentation report.

    Attributes:
        result: The segmentation.
        params: The campaign's params (language, segment rules).
    """

    def __init__(self, result: SegmentationResult, params: CampaignParams) -> None:
        self.result = result
        self.params = params
        self.language: Language = params.campaign.language
        self.f = Formatter(self.language)

    def t(self, key: str, **values: object) -> str:
        """The label ``key`` in the report language."""
        return text(key, self.language, **values)

    # ----------------------------------------------------------------------------------------
    # Sections

    def summary(self) -> Section:
        """The as-of date and precedence, then notes on what the data could not support."""
        notes = self._data_notes()
        return section(
            self.t("seg.h.summary"), paragraph(self._intro()), bullet_list(notes) if notes else None
        )

    def sizes(self) -> Section:
        """Customers per segment: table, the rule of each segment, bar chart."""
        sizes = self.result.sizes
        table = pd.DataFrame(
            {
                self.t("word.segment"): self._segments(sizes.index),
                self.t("word.customers"): sizes["customers"].to_numpy(),
                self.t("word.share"): sizes["share"].to_numpy(),
            }
        )
        return section(
            self.t("seg.h.sizes"),
            show_table(table, pct_columns=[self.t("word.share")], language=self.language),
            bullet_list(self._rules()),
            self._figure(charts.segment_sizes(self.result, self.language), "seg.alt.sizes"),
        )

    def profiles(self) -> Section:
        """Mean features per segment (median days since the last order), spend box plot."""
        profiles = self.result.profiles
        table = profiles.rename(columns=lambda c: self.t(FEATURE_KEYS[c]))
        table.index = pd.Index(self._segments(profiles.index), name=self.t("word.segment"))
        chart = charts.spend_by_segment(self.result, self.language)
        zero = int((self.result.customers["spend_12m"] <= 0).sum())
        return section(
            self.t("seg.h.profiles"),
            show_table(table.reset_index(), language=self.language),
            self._figure(chart, "seg.alt.spend", zero=self.f.number(zero)),
        )

    def structure(self) -> Section:
        """Customers by industry, size and region and segment: a table and a heat map each."""
        parts: list[HTML | None] = []
        for dimension, counts in self.result.structure.items():
            name = self.t(charts.DIMENSION_KEYS[dimension])
            table = counts.rename(columns=self._segment_or_total)
            table.index.name = name
            chart = charts.structure_heatmap(self.result, dimension, self.language)
            parts += [
                show_table(table.reset_index(), language=self.language),
                self._figure(chart, "seg.alt.structure", dimension=name),
            ]
        if not parts:
            parts.append(paragraph(self.t("seg.no_structure")))
        return section(self.t("seg.h.structure"), parts)

    def tiers(self) -> Section:
        """The four-tier view: customers and share of 12-month spend per tier, and its rules."""
        tiers = self.result.tiers
        share, spend = self.t("word.share"), self.t("seg.spend_share")
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
        """Each targeted segment with its size and the template's campaign focus."""
        precedence = list(self.result.precedence)
        table = pd.DataFrame(
            {
                self.t("word.segment"): self._segments(precedence),
                self.t("word.customers"): self.result.sizes.loc[precedence, "customers"].to_numpy(),
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
        order = " > ".join(self._segments(self.result.precedence))
        return self.t("seg.intro", date=self.result.reference_date.isoformat(), order=order)

    def _data_notes(self) -> list[str]:
        """Rows left out, how spend was counted, tenure, empty segments, conditions left out."""
        coverage = self.result.coverage
        notes = [
            self.t("data.excluded_rows", rows=self.f.number(rows), table=table)
            for table, rows in coverage.excluded_rows.items()
        ]
        notes += self._row_notes()
        notes += self._spend_notes()
        if coverage.tenure_from_orders:
            years = self.f.number(coverage.longest_tenure_years, 1)
            notes.append(self.t("seg.tenure_from_orders", years=years))
        empty = self.result.empty_segments()
        if empty:
            notes.append(self.t("seg.empty", segments=", ".join(self._segments(empty))))
        dropped = [
            *((segment_label(s, self.language), c) for s, c in coverage.segment_conditions.items()),
            *((tier_label(t, self.language), c) for t, c in coverage.tier_conditions.items()),
        ]
        notes += [
            self.t("seg.not_applicable", segment=name, conditions=self._conditions(conditions))
            for name, conditions in dropped
        ]
        return notes

    def _row_notes(self) -> list[str]:
        """Repeated customer rows, orders of unknown customers, order lines summed into orders."""
        coverage, notes = self.result.coverage, []
        sources = self.params.data.tables
        for table, rows in coverage.repeated_rows.items():
            source = getattr(sources, table, None)
            how = source.on_duplicate if source is not None else "first"
            key = REPEATED_KEYS.get(how, REPEATED_KEYS["first"])
            notes.append(self.t(key, rows=self.f.number(rows), table=table))
        if coverage.unknown_customer_orders is not None:
            orders, total = coverage.unknown_customer_orders
            share = self.f.pct(orders / total if total else 0.0)
            notes.append(self.t("seg.unknown_customers", orders=self.f.number(orders), share=share))
        if coverage.order_lines is not None:
            lines, orders, how_summed = coverage.order_lines
            notes.append(
                self.t(
                    LINES_KEYS[how_summed], lines=self.f.number(lines), orders=self.f.number(orders)
                )
            )
        return notes

    def _spend_notes(self) -> list[str]:
        """How returns were counted and whom the spend percentile ranks."""
        spend = self.result.coverage.spend
        if spend is None:
            return []
        notes = []
        if spend.return_orders:
            notes.append(
                self.t(
                    RETURNS_KEYS[spend.returns],
                    orders=self.f.number(spend.return_orders),
                    amount=self.f.number(spend.return_amount, 2),
                )
            )
        if spend.negative_customers:
            notes.append(
                self.t("seg.negative_spend", customers=self.f.number(spend.negative_customers))
            )
        if not spend.without_purchase:
            return notes  # every customer is ranked: nothing to set apart
        notes.append(
            self.t(
                "seg.percentile_buyers",
                buyers=self.f.number(spend.buyers),
                others=self.f.number(spend.without_purchase),
                months=self.f.number(self.params.segmentation.spend_months),
                date=self.result.reference_date.isoformat(),
            )
        )
        return notes

    def _rules(self) -> list[str]:
        """'Segment: rule' for every segment, in precedence order (long text, so not a column)."""
        colon = self.t("page.colon")
        return [f"{name}{colon}{self._rule_text(s)}" for s, name in self._named(self.result.order)]

    def _tier_rules(self) -> list[str]:
        """'Tier: rule' for every tier, in the order they are tried; ordinary is the rest."""
        colon, words = self.t("page.colon"), (self.t("word.and"), self.t("word.or"))
        tiers = self.params.segmentation.tiers
        dropped = self.result.coverage.tier_conditions
        lines = []
        for tier in [t for t in TIER_RULE_ORDER if t in tiers]:
            rule = describe(tiers[tier], self._feature, words)
            if dropped.get(tier):
                rule += " " + self.t("seg.rule_dropped", conditions=self._conditions(dropped[tier]))
            lines.append(f"{tier_label(tier, self.language)}{colon}{rule}")
        ordinary = self.t("seg.rule_ordinary")
        return [*lines, f"{tier_label(ORDINARY, self.language)}{colon}{ordinary}"]

    def _rule_text(self, segment: str) -> str:
        """The rule of a segment in words, with the conditions left out for lack of data."""
        if segment == MAINTAIN:
            return self.t("seg.rule_maintain")
        words = (self.t("word.and"), self.t("word.or"))
        rules = {str(name): rule for name, rule in self.params.segmentation.segments.items()}
        rule = describe(rules[segment], self._feature, words)
        dropped = self.result.coverage.segment_conditions.get(segment)
        if dropped:
            rule += " " + self.t("seg.rule_dropped", conditions=self._conditions(dropped))
        if _names_feature(rules[segment], "spend_growth_6m"):
            rule += " " + self.t("seg.growth_from_zero")
        return rule

    # ----------------------------------------------------------------------------------------
    # Helpers

    def _segments(self, segments: Iterable[object]) -> list[str]:
        return [segment_label(s, self.language) for s in segments]

    def _named(self, segments: Iterable[str]) -> list[tuple[str, str]]:
        return [(s, segment_label(s, self.language)) for s in segments]

    def _segment_or_total(self, column: str) -> str:
        return self.t("word.total") if column == TOTAL else segment_label(column, self.language)

    def _feature(self, feature: str) -> str:
        key = RULE_KEYS.get(feature)
        return self.t(key) if key is not None else feature

    def _conditions(self, conditions: tuple[Condition, ...]) -> str:
        return "; ".join(describe(c, self._feature) for c in conditions)

    def _figure(self, fig: Figure | None, alt_key: str, **values: object) -> HTML | None:
        return None if fig is None else figure(fig, alt=self.t(alt_key, **values))
