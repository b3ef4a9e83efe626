"""Segment and tier rules as sentences a manager reads: "no order in the last 3 months".

``RuleWords(language, formatter, look_back)`` writes a rule of the params (a condition, or
``all`` / ``any`` of rules) in the report language: each feature has a sentence with its
look-back window, each comparison its words ("at least", "不超过"), each value its unit ("3
years", "¥10,000", "+20%"), and the spend percentile reads as a rank among buyers ("in the top 5%
of buyers by spend"). Words come from ``report/labels/segmentation.py``, numbers from
``report.format``; ``config.segmentation.describe`` stays the analyst's compact form.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from campaign_eval.config.segmentation import AllOf, Condition, Rule
from campaign_eval.report.format import Formatter, Language
from campaign_eval.report.labels import text
from campaign_eval.segmentation.features import LookBack

__all__ = ["FEATURE_WORDING", "RULE_KEYS", "FeatureWording", "RuleWords", "fewest_digits"]


@dataclass(frozen=True, slots=True)
class FeatureWording:
    """How a condition on one feature reads.

    Attributes:
        key: The sentence, with ``{cmp}`` (comparison and value) and ``{months}`` (its window).
        unit: How the value is written: ``money``, ``orders``, ``complaints``, ``days``,
            ``months``, ``years``, ``score``, ``growth`` or ``rank``.
        window: The ``LookBack`` attribute that gives ``{months}``, or None.
        none_key: The sentence for "none at all" (``== 0``) of a count, or None.
    """

    key: str
    unit: str
    window: str | None = None
    none_key: str | None = None


FEATURE_WORDING = {
    "spend_12m": FeatureWording("rule.spend", "money", "spend_months"),
    "spend_12m_pct": FeatureWording("rule.spend_12m_pct", "rank", "spend_months"),
    "orders_12m": FeatureWording("rule.orders", "orders", "spend_months", "rule.no_order"),
    "orders_3m": FeatureWording("rule.orders", "orders", "recency_months", "rule.no_order"),
    "recency_days": FeatureWording("rule.recency_days", "days"),
    "tenure_days": FeatureWording("rule.tenure", "days"),
    "tenure_months": FeatureWording("rule.tenure", "months"),
    "tenure_years": FeatureWording("rule.tenure", "years"),
    "spend_6m": FeatureWording("rule.spend", "money", "growth_months"),
    "spend_prev_6m": FeatureWording("rule.spend_prev_6m", "money", "growth_months"),
    "spend_growth_6m": FeatureWording("rule.spend_growth_6m", "growth", "growth_months"),
    "latest_satisfaction": FeatureWording("rule.latest_satisfaction", "score"),
    "latest_nps": FeatureWording("rule.latest_nps", "score"),
    "complaints_12m": FeatureWording(
        "rule.complaints", "complaints", "complaint_months", "rule.no_complaint"
    ),
}
"""The wording of every feature a rule may name (``metrics.catalogue.FEATURES``)."""
RULE_KEYS = {feature: wording.key for feature, wording in FEATURE_WORDING.items()}
"""The sentence label of each feature."""

COMPARISON_KEYS = {
    ">=": "cmp.at_least",
    ">": "cmp.more_than",
    "<=": "cmp.at_most",
    "<": "cmp.less_than",
    "==": "cmp.exactly",
    "!=": "cmp.other_than",
}
"""The words of each operator, with the value in ``{value}``."""
UNIT_KEYS = {
    "orders": ("unit.order", "unit.orders"),
    "complaints": ("unit.complaint", "unit.complaints"),
    "days": ("unit.day", "unit.days"),
    "months": ("unit.month", "unit.months"),
    "years": ("unit.year", "unit.years"),
    "score": ("unit.points", "unit.points"),
}
"""A value with its unit: (one, many)."""
RANK_KEYS = {
    ">=": "rule.spend_rank_top",
    ">": "rule.spend_rank_top",
    "<=": "rule.spend_rank_bottom",
    "<": "rule.spend_rank_bottom",
}
"""The spend percentile as a rank among buyers: ">= 0.95" is the top 5%."""
_NONE_OPS = frozenset({"==", "<="})
_MAX_DIGITS = 2
_CENTS = 2


class RuleWords:
    """Rules of the params written as sentences in one report language.

    Attributes:
        language: The report language.
        f: Its number formats (the campaign's currency for money).
        look_back: The look-back windows the features were computed with.
    """

    def __init__(self, language: Language, formatter: Formatter, look_back: LookBack) -> None:
        self.language = language
        self.f = formatter
        self.look_back = look_back

    def t(self, key: str, **values: object) -> str:
        """The label ``key`` in the report language."""
        return text(key, self.language, **values)

    def rule(self, rule: Rule) -> str:
        """A whole rule: its conditions joined by "and" / "or", inner groups in brackets."""
        return self._rule(rule, top=True)

    def conditions(self, conditions: Iterable[Condition]) -> str:
        """Several conditions (those left out for lack of data) as one list."""
        return self.t("rule.list_separator").join(self.condition(c) for c in conditions)

    def condition(self, condition: Condition) -> str:
        """One condition as a phrase: "a customer for at least 3 years"."""
        wording = FEATURE_WORDING[condition.feature]
        months = self._months(wording)
        if wording.unit == "rank":
            return self._rank(condition, months)
        value = condition.value
        if wording.none_key and not isinstance(value, tuple) and self._is_none(condition):
            return self.t(wording.none_key, months=months)
        return self.t(wording.key, cmp=self._comparison(condition, wording.unit), months=months)

    # ----------------------------------------------------------------------------------------

    def _rule(self, rule: Rule, *, top: bool) -> str:
        if isinstance(rule, Condition):
            return self.condition(rule)
        parts = rule.all if isinstance(rule, AllOf) else rule.any
        phrases = [self._rule(part, top=False) for part in parts]
        if len(phrases) == 1:
            return phrases[0]
        last = "rule.and_last" if isinstance(rule, AllOf) else "rule.or_last"
        between = "rule.and" if isinstance(rule, AllOf) else "rule.or"
        joined = self.t(between).join(phrases[:-1]) + self.t(last) + phrases[-1]
        return joined if top else self.t("rule.group", rule=joined)

    def _months(self, wording: FeatureWording) -> str:
        if wording.window is None:
            return ""
        return self.f.number(getattr(self.look_back, wording.window))

    @staticmethod
    def _is_none(condition: Condition) -> bool:
        """``== 0``, ``<= 0`` or ``< 1`` of a count: none at all."""
        value = float(condition.value)  # type: ignore[arg-type]  # tuples are handled before
        return (condition.op in _NONE_OPS and value == 0) or (condition.op == "<" and value == 1)

    def _comparison(self, condition: Condition, unit: str) -> str:
        """The comparison with its value and unit: "at least 3 years", "不超过 5 分"."""
        if isinstance(condition.value, tuple):
            low, high = condition.value
            return self.t("cmp.between", low=self._value(low, unit), high=self._value(high, unit))
        return self.t(COMPARISON_KEYS[condition.op], value=self._value(condition.value, unit))

    def _value(self, value: float, unit: str) -> str:
        """A threshold in its unit; a count of one takes the singular."""
        if unit == "money":  # whole units, or cents
            return self.f.money(value, 0 if fewest_digits(value) == 0 else _CENTS)
        if unit == "growth":
            return self.f.signed_pct(value, fewest_digits(100 * value))
        number = self.f.number(value, fewest_digits(value))
        one, many = UNIT_KEYS[unit]
        return self.t(one if value == 1 else many, n=number)

    def _rank(self, condition: Condition, months: str) -> str:
        """The spend percentile as a rank among buyers ("in the top 5% of buyers by spend")."""
        if isinstance(condition.value, tuple):
            low, high = condition.value
            if high >= 1:
                return self._share("rule.spend_rank_top", 1 - low, months)
            if low <= 0:
                return self._share("rule.spend_rank_bottom", high, months)
            return self.t(
                "rule.spend_rank_band",
                upper=self._pct(1 - low),
                lower=self._pct(1 - high),
                months=months,
            )
        key = RANK_KEYS.get(condition.op)
        if key is None:  # "==", "!=": a percentile exactly, rarely useful but allowed
            cmp = self.t(COMPARISON_KEYS[condition.op], value=self._pct(condition.value))
            return self.t("rule.spend_12m_pct", cmp=cmp, months=months)
        share = 1 - condition.value if key == "rule.spend_rank_top" else condition.value
        return self._share(key, share, months)

    def _share(self, key: str, share: float, months: str) -> str:
        return self.t(key, share=self._pct(share), months=months)

    def _pct(self, share: float) -> str:
        return self.f.pct(share, fewest_digits(100 * share))


def fewest_digits(value: float) -> int:
    """The fewest decimals (up to 2) that write ``value`` exactly: 3, 0.5, 0.25."""
    if not math.isfinite(value):
        return 0
    for digits in range(_MAX_DIGITS + 1):
        if math.isclose(round(value, digits), value, abs_tol=1e-9):
            return digits
    return _MAX_DIGITS
