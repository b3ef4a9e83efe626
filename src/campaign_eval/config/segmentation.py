"""Params of the segmentation stage (01_segmentation): windows, segment rules and precedence.

Rules are structured conditions, never code: a condition compares one feature of
``campaign_eval.features.FEATURES`` with a value, and ``all`` / ``any`` combine conditions.
The defaults are the rules of the planning method (docs/methods.md).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag, field_validator, model_validator

from campaign_eval import conventions
from campaign_eval.config._base import IsoDate, StrictModel
from campaign_eval.config._errors import check_known
from campaign_eval.metrics.catalogue import FEATURES

Operator = Literal[">=", ">", "<=", "<", "==", "!=", "between"]
Returns = Literal["net", "drop"]
"""How orders with a negative amount (returns, cancellations) count in the spend features."""
DEFAULT_LIST_COLUMNS = ("name", "industry", "size", "region", "owner")
"""Customer attributes of the sales lists when the params name none (those the data has)."""
SegmentName = conventions.RuleSegment
TierName = conventions.Tier
TierRuleName = conventions.RuleTier
"""Tiers with a rule; 'ordinary' is the rest."""


class Condition(StrictModel):
    """One comparison: ``feature op value``; ``between`` takes ``[low, high]`` (low inclusive)."""

    feature: str
    """A feature of the catalogue (see docs/params.md)."""
    op: Operator
    """Comparison operator."""
    value: float | tuple[float, float]
    """The threshold, or [low, high) for `between`."""

    @field_validator("feature")
    @classmethod
    def _known_feature(cls, value: str) -> str:
        return check_known("feature", value, FEATURES)

    @model_validator(mode="after")
    def _value_shape(self) -> Condition:
        pair = isinstance(self.value, tuple)
        if (self.op == "between") != pair:
            raise ValueError(
                "op 'between' takes value: [low, high]; other operators take one number"
            )
        return self


class AllOf(StrictModel):
    """True when every condition is true."""

    all: list[Rule]
    """Conditions that must all hold."""


class AnyOf(StrictModel):
    """True when at least one condition is true."""

    any: list[Rule]
    """Conditions of which one must hold."""


def _rule_kind(value: Any) -> str:
    if isinstance(value, dict):
        for key in ("all", "any"):
            if key in value:
                return key
        return "condition"
    if isinstance(value, AllOf):
        return "all"
    return "any" if isinstance(value, AnyOf) else "condition"


Rule = Annotated[
    Annotated[Condition, Tag("condition")]
    | Annotated[AllOf, Tag("all")]
    | Annotated[AnyOf, Tag("any")],
    Discriminator(_rule_kind),
]
AllOf.model_rebuild()
AnyOf.model_rebuild()


def describe(
    rule: Rule, name: Callable[[str], str] = str, words: tuple[str, str] = ("and", "or")
) -> str:
    """A rule as readable text, e.g. ``spend_12m_pct >= 0.95 and tenure_years >= 3``.

    Args:
        rule: The rule.
        name: Display name of a feature (the report passes its translated label).
        words: The words for "and" and "or" in the report language.
    """
    if isinstance(rule, Condition):
        if isinstance(rule.value, tuple):  # 'between' (the params check the shape)
            low, high = rule.value
            return f"{low:g} <= {name(rule.feature)} < {high:g}"
        return f"{name(rule.feature)} {rule.op} {rule.value:g}"
    word, parts = (words[0], rule.all) if isinstance(rule, AllOf) else (words[1], rule.any)
    inner = f" {word} ".join(describe(p, name, words) for p in parts)
    return f"({inner})" if len(parts) > 1 else inner


def _cond(feature: str, op: Operator, value: float | tuple[float, float]) -> Condition:
    return Condition(feature=feature, op=op, value=value)


def _default_segments() -> dict[SegmentName, Rule]:
    # the default rule of each segment: the planning method's target groups (docs/methods.md)
    return {
        "core": AllOf(
            all=[
                _cond("spend_12m_pct", ">=", 0.95),
                _cond("tenure_years", ">=", 3),
                _cond("latest_nps", ">=", 9),
            ]
        ),
        "growth": AllOf(
            all=[
                _cond("spend_12m_pct", "between", (0.50, 0.95)),
                _cond("spend_growth_6m", ">=", 0.20),
            ]
        ),
        "churn_risk": AllOf(
            all=[
                _cond("orders_3m", "==", 0),
                _cond("orders_12m", ">=", 1),
                AnyOf(any=[_cond("latest_nps", "<=", 5), _cond("complaints_12m", ">=", 1)]),
            ]
        ),
        "new": AllOf(all=[_cond("tenure_months", "<", 3)]),
    }


def _default_tiers() -> dict[TierRuleName, Rule]:
    return {
        "lost": AllOf(all=[_cond("orders_12m", "==", 0)]),
        "premium": AllOf(all=[_cond("spend_12m_pct", ">=", 0.80)]),
        "potential": AllOf(all=[_cond("spend_12m_pct", ">=", 0.50)]),
    }


class SegmentationParams(StrictModel):
    """Segment rules, their precedence, the four-tier view and the look-back windows.

    Spend is money rounded to cents. The spend percentile (spend_12m_pct) ranks the customers
    with a purchase in the spend window among themselves, each by 12-month spend floored at 0;
    customers without one have no percentile, match no rule on it, and are listed on their own
    (the default tier rules put them in 'lost'). Spend growth from a previous spend of 0 or less
    to a positive spend is infinite, so it meets any growth threshold.
    """

    reference_date: IsoDate | None = None
    """The day the features look back from (YYYY-MM-DD); default: the day before campaign.start."""
    spend_months: int = Field(12, ge=1)
    """Window of the 12-month spend, its percentile and orders_12m."""
    recency_months: int = Field(3, ge=1)
    """No order in this many months counts as lapsed (orders_3m)."""
    growth_months: int = Field(6, ge=1)
    """Length of each of the two windows compared by spend_growth_6m."""
    complaint_months: int = Field(12, ge=1)
    """Window of complaints_12m."""
    segments: dict[SegmentName, Rule] = Field(default_factory=_default_segments)
    """Rule of each segment; a segment left out here keeps its default rule."""
    precedence: list[SegmentName] = Field(default=list(conventions.DEFAULT_PRECEDENCE))
    """A customer who matches several rules gets the first in this order."""
    tiers: dict[TierRuleName, Rule] = Field(default_factory=_default_tiers)
    """The four-tier view, tried in the order lost, premium, potential; the rest are 'ordinary'.
    Default: lost = no purchase in the spend window; premium = spend percentile >= 0.80 (the top
    20% of buyers); potential = percentile >= 0.50; ordinary = the other buyers."""
    returns: Returns = "net"
    """Orders with a negative amount (returns, cancellations): `net` subtracts them from the spend
    of the window they are dated in (net spend below 0 counts as 0 for the percentile), `drop`
    leaves them out so spend counts purchases only. The report says how many there were."""
    list_columns: list[str] | None = None
    """Customer columns written into the sales lists (never into the HTML): columns of the
    customers table of the data contract, or any other column of the customers file (a phone
    number); a column the data lacks is refused. Empty: name, industry, size, region and owner,
    those the data has."""

    @field_validator("segments", mode="after")
    @classmethod
    def _fill_defaults(cls, value: dict[SegmentName, Rule]) -> dict[SegmentName, Rule]:
        return {**_default_segments(), **value}

    @model_validator(mode="after")
    def _precedence_complete(self) -> SegmentationParams:
        missing = set(self.segments) - set(self.precedence)
        if missing or len(set(self.precedence)) != len(self.precedence):
            raise ValueError(
                "segmentation.precedence must list each segment once; "
                f"missing: {', '.join(sorted(missing)) or 'none'}, given: {self.precedence}"
            )
        return self
