"""The evaluation's words and number formats in one report language, for the view and the charts.

Names (metrics, segments, arms, grades, cost categories) come from labels; every number goes
through ``report.format.Formatter``: rates as %, differences of rates in percentage points, NPS
in points, amounts of money in the campaign's currency, other averages with as many decimals as
their size needs. A return is written as value per 1 spent ("CN¥11.9 per CN¥1 spent").

Tables name a metric's unit once, beside its name ("Repurchase rate, pp"), and write its
differences without it (``unit=False``); sentences write the unit beside the estimate only:
``+6.7 pp (+4.0 to +9.4)``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from campaign_eval.conventions import UNKNOWN_SEGMENT
from campaign_eval.evaluation.result import EvaluationResult
from campaign_eval.evaluation.specs import Kind
from campaign_eval.report.format import Formatter, Language
from campaign_eval.report.labels import arm_label, display_value, segment_label, text

METRIC_KEYS = {
    "repurchase_rate": "ev.metric.repurchase_rate",
    "repeat_purchase_rate": "ev.metric.repeat_purchase_rate",
    "spend_per_customer": "ev.metric.spend_per_customer",
    "churn_rate": "ev.metric.churn_rate",
    "complaint_rate": "ev.metric.complaint_rate",
    "mean_satisfaction": "ev.metric.mean_satisfaction",
    "csat": "ev.metric.csat",
    "nps": "ev.metric.nps",
}
"""The reader's name of each catalogue metric."""
GRADE_KEYS = {
    "excellent": "ev.grade.excellent",
    "good": "ev.grade.good",
    "fair": "ev.grade.fair",
    "poor": "ev.grade.poor",
    "n/a": "ev.grade.na",
}
"""The reader's name of each grade."""
COST_KEYS = {
    "staff": "ev.cost.staff",
    "marketing": "ev.cost.marketing",
    "technology": "ev.cost.technology",
    "venue": "ev.cost.venue",
    "research": "ev.cost.research",
    "contingency": "ev.cost.contingency",
}
"""The template's budget categories; other categories are shown as written."""
SENTIMENT_KEYS = {
    "negative": "ev.sentiment.negative",
    "neutral": "ev.sentiment.neutral",
    "positive": "ev.sentiment.positive",
}
"""Sentiment values the package knows; others take their display form (``value_labels``)."""
BASIS_KEYS = {
    "actual": "ev.basis.actual",
    "planned": "ev.basis.planned",
    "mixed": "ev.basis.mixed",
    "none": "ev.basis.none",
}
"""Which cost amounts were used."""

MONEY_DIGITS = 0
SCORE_DIGITS = 2
NPS_DIGITS = 1
PCT_DIGITS = 1
_LARGE_VALUE = 100
_SMALL_VALUE = 1
_SMALL_DIGITS = 3
_FIXED_DIGITS = {"spend_per_customer": MONEY_DIGITS, "mean_satisfaction": SCORE_DIGITS}
MONEY_METRICS = frozenset({"spend_per_customer"})
"""Catalogue metrics that are amounts of money (the return's value metric is one too)."""
RATIO_DIGITS = 1
"""Decimals of a return per 1 spent."""


def finite(value: object) -> bool:
    """Whether ``value`` is a finite real number."""
    try:
        return math.isfinite(float(value))  # type: ignore[arg-type]  # anything number-like
    except (TypeError, ValueError):
        return False


def digits_for(typical: float) -> int:
    """Decimals for an average of about ``typical``: none for amounts, two for scores."""
    if typical >= _LARGE_VALUE:
        return MONEY_DIGITS
    return SCORE_DIGITS if typical >= _SMALL_VALUE else _SMALL_DIGITS


class Words:
    """Labels and number formats of one evaluation in one language.

    Attributes:
        result: The evaluation (its metrics decide units and decimals).
        language: The report language.
        f: The number formatter of the language and the campaign's currency.
    """

    def __init__(
        self, result: EvaluationResult, language: Language, currency: str | None = None
    ) -> None:
        self.result = result
        self.language: Language = language
        self.f = Formatter(language, currency=currency)

    def t(self, key: str, **values: object) -> str:
        """The label ``key`` in the report language."""
        return text(key, self.language, **values)

    @property
    def na(self) -> str:
        """The word for a missing value."""
        return self.t("word.not_applicable")

    # ---- names -----------------------------------------------------------------------------

    def metric(self, metric: str) -> str:
        """A metric's name (an outcome table's label is user text, escaped on display)."""
        spec = self.result.spec(metric)
        if spec is not None and spec.label:
            return spec.label
        key = METRIC_KEYS.get(metric)
        return self.t(key) if key is not None else metric

    def segment(self, segment: str) -> str:
        """A segment's name; a segment the package does not know is shown as written."""
        if segment == UNKNOWN_SEGMENT:
            return self.t("ev.segment.unknown")
        return segment_label(segment, self.language)

    def arm(self, arm: str) -> str:
        """An arm's name; an arm of an outcome table is shown as written."""
        return arm_label(arm, self.language)

    def grade(self, grade: str) -> str:
        """A grade's name."""
        return self.t(GRADE_KEYS[grade])

    def category(self, category: str) -> str:
        """A budget category's name (the template's categories are translated)."""
        key = COST_KEYS.get(category)
        return self.t(key) if key is not None else category

    def sentiment(self, value: str, labels: Mapping[str, str]) -> str:
        """A sentiment value: the analyst's name (``value_labels``), ours, or as written."""
        key = SENTIMENT_KEYS.get(value.lower())
        if value in labels or key is None:
            return display_value(value, labels, self.language)
        return self.t(key)

    def basis(self, basis: str) -> str:
        """Which cost amounts were used, in words."""
        return self.t(BASIS_KEYS[basis])

    def join(self, items: Iterable[str]) -> str:
        """A list in running text, with the report language's separator."""
        return self.t("ev.sep.list").join(items)

    def yes_no(self, value: bool | None) -> str:
        """Met, not met, or n/a."""
        if value is None:
            return self.na
        return self.t("ev.met") if value else self.t("ev.not_met")

    def flag(self, value: object) -> str:
        """A check's flag: check or ok."""
        return self.t("ev.flag.yes") if value else self.t("ev.flag.no")

    def goal(self, goal: Mapping[str, object]) -> str:
        """A goal's name (else its metric's) with its segment."""
        name = goal.get("name")
        shown = name if isinstance(name, str) and name else self.metric(str(goal["metric"]))
        return self.t("ev.goal.label", name=shown, segment=self.segment(str(goal["segment"])))

    # ---- numbers ---------------------------------------------------------------------------

    @property
    def ci_level(self) -> str:
        """The confidence level, e.g. 95%."""
        level = 1 - self.result.alpha
        return self.f.pct(level, 0 if (100 * level).is_integer() else PCT_DIGITS)

    def digits(self, metric: str) -> int:
        """Decimals of a metric's averages and their differences."""
        spec = self.result.spec(metric)
        if spec is not None and spec.kind == "nps":
            return NPS_DIGITS
        if metric in _FIXED_DIGITS:
            return _FIXED_DIGITS[metric]
        return digits_for(self.result.typical_value(metric))

    def is_money(self, metric: str) -> bool:
        """Whether a metric is an amount of money (spend, or the return's value metric)."""
        return metric in MONEY_METRICS or metric == self.result.returns.value_metric

    def unit(self, metric: str) -> str:
        """The unit of a metric's differences: pp for rates, points for NPS, else none."""
        spec = self.result.spec(metric)
        if spec is not None and spec.kind == "proportion":
            return self.t("ev.unit.pp").strip()
        if spec is not None and spec.kind == "nps":
            return self.t("ev.unit.points").strip()
        return ""

    def metric_unit(self, metric: str) -> str:
        """A metric's name with the unit of its differences, for a table's column of names."""
        unit = self.unit(metric)
        name = self.metric(metric)
        return self.t("ev.fmt.with_unit", name=name, unit=unit) if unit else name

    def value(self, metric: str, value: object, kind: Kind | None = None) -> str:
        """A metric's value: rates as %, NPS in points, money in the currency, else decimals.

        Args:
            metric: An evaluated metric, or another measure (an outcome table's covariate).
            value: The value.
            kind: The kind when ``metric`` is not an evaluated metric.
        """
        spec = self.result.spec(metric)
        kind = kind or (spec.kind if spec is not None else "mean")
        if kind == "proportion":
            return self.f.pct(value, PCT_DIGITS)
        if spec is not None and spec.kind == kind:
            digits = self.digits(metric)
            if self.is_money(metric):
                return self.f.money(value, digits)
        else:
            digits = digits_for(abs(float(value)) if finite(value) else 0.0)  # type: ignore[arg-type]
        return self.f.number(value, digits)

    def diff(self, metric: str, value: object, *, bound: bool = False, unit: bool = True) -> str:
        """A difference: percentage points for rates, points for NPS, money, else plain.

        A ``bound`` of an interval keeps its sign: -0.03 pp, not 0.0 pp. Without ``unit`` the
        pp or points are left out (a table names them once, beside the metric); money keeps its
        currency.
        """
        if not finite(value):
            return self.na
        number = float(value)  # type: ignore[arg-type]  # finite
        spec = self.result.spec(metric)
        if spec is not None and spec.kind == "proportion":
            shown = self.t("ev.unit.pp") if unit else ""
            return self.f.signed(100 * number, PCT_DIGITS, shown, keep_sign=bound)
        if spec is not None and spec.kind == "nps":
            shown = self.t("ev.unit.points") if unit else ""
            return self.f.signed(number, NPS_DIGITS, shown, keep_sign=bound)
        if self.is_money(metric):
            return self.f.signed_money(number, self.digits(metric))
        return self.f.signed(number, self.digits(metric), keep_sign=bound)

    def size(self, metric: str, value: object) -> str:
        """The size of a difference, without its sign (a detectable effect)."""
        if not finite(value):
            return self.na
        return self.diff(metric, abs(float(value))).lstrip("+")  # type: ignore[arg-type]

    def diff_ci(self, metric: str, low: object, high: object, *, unit: bool = False) -> str:
        """A CI of a difference; the pp or points only with ``unit`` (they go with the estimate)."""
        if not (finite(low) and finite(high)):
            return self.na
        return self.f.range(
            self.diff(metric, low, bound=True, unit=unit),
            self.diff(metric, high, bound=True, unit=unit),
        )

    def diff_with_ci(
        self, metric: str, diff: object, low: object, high: object, *, unit: bool = True
    ) -> str:
        """A difference with its CI in brackets; the unit once, beside the estimate."""
        return self.t(
            "ev.fmt.with_ci",
            value=self.diff(metric, diff, unit=unit),
            ci=self.diff_ci(metric, low, high),
        )

    def relative(self, value: object, low: object, high: object) -> str:
        """A relative lift with its CI, e.g. +12.0% (+3.1% to +21.4%)."""
        if not finite(value):
            return self.na
        main = self.f.signed_pct(value)
        if not (finite(low) and finite(high)):
            return main
        ci = self.f.range(
            self.f.signed_pct(low, keep_sign=True), self.f.signed_pct(high, keep_sign=True)
        )
        return self.t("ev.fmt.with_ci", value=main, ci=ci)

    def change(self, metric: str, before: object, after: object) -> str:
        """A value before and after, e.g. 12.0% -> 15.0%."""
        return self.t(
            "ev.fmt.change", before=self.value(metric, before), after=self.value(metric, after)
        )

    def p(self, p: object) -> str:
        """A p-value."""
        return self.f.p(p) if finite(p) else self.na

    def count(self, value: object) -> str:
        """A count of customers."""
        return self.f.number(value)

    def money(self, value: object, digits: int = MONEY_DIGITS) -> str:
        """An amount of money in the campaign's currency."""
        return self.f.money(value, digits)

    def money_range(self, low: object, high: object) -> str:
        """An interval of amounts."""
        if not (finite(low) and finite(high)):
            return self.na
        return self.f.range(self.money(low), self.money(high))

    def per_unit(self, value: object) -> str:
        """A return per 1 spent: "CN¥11.9 per CN¥1 spent", or "a loss of CN¥0.4 per CN¥1 spent"."""
        if not finite(value):
            return self.na
        number = float(value)  # type: ignore[arg-type]  # finite
        key = "ev.fmt.per_unit_loss" if number < 0 else "ev.fmt.per_unit"
        return self.t(key, value=self.money(abs(number), RATIO_DIGITS), one=self.money(1))

    def per_unit_range(self, low: object, high: object) -> str:
        """The interval of a return per 1 spent, the unit left to the estimate: "2.2 to 21.6".

        A wholly negative interval is a range of losses ("a loss of 1.5 to 45.6"); one across
        zero shows its signs ("-2.3 to +15.4").
        """
        if not (finite(low) and finite(high)):
            return self.na
        lo, hi = float(low), float(high)  # type: ignore[arg-type]  # finite
        if hi < 0:
            losses = self.f.range(
                self.f.number(-hi, RATIO_DIGITS), self.f.number(-lo, RATIO_DIGITS)
            )
            return self.t("ev.fmt.loss_range", range=losses)
        if lo < 0:
            return self.f.range(
                self.f.signed(lo, RATIO_DIGITS, keep_sign=True),
                self.f.signed(hi, RATIO_DIGITS, keep_sign=True),
            )
        return self.f.range(self.f.number(lo, RATIO_DIGITS), self.f.number(hi, RATIO_DIGITS))

    def standard(self, value: object) -> str:
        """A return standard as the template writes it: 1:5 (1∶5 in Chinese)."""
        number = float(value)  # type: ignore[arg-type]  # a params number
        return self.t("ev.fmt.ratio", value=self.f.number(number, 0 if number.is_integer() else 1))

    def pct(self, value: object, digits: int = 0) -> str:
        """A share (attainment, progress, a ratio to plan)."""
        return self.f.pct(value, digits)
