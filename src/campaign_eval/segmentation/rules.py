"""Assign customers to segments and tiers by the structured rules of the params file.

A condition on a feature the data cannot provide (no surveys, no complaints) is "not applicable":
it is dropped from its rule and reported, so a real export without satisfaction data still
segments, and the report says exactly which conditions were left out. A customer with an empty
value for an applicable feature simply does not match that condition.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from campaign_eval.config.segmentation import (
    AllOf,
    Condition,
    Rule,
    SegmentationParams,
    describe,
)
from campaign_eval.contract import CUSTOMER_ID
from campaign_eval.conventions import MAINTAIN, ORDINARY, TIER_RULE_ORDER
from campaign_eval.io import CampaignData
from campaign_eval.segmentation.features import LookBack, build_features

TIER_PREFIX = "tier "
"""``SegmentResult.not_applicable`` names a tier as ``"tier <name>"`` (a segment by its name)."""

_OPS: dict[str, Callable[[pd.Series, float], pd.Series]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "==": operator.eq,
    "!=": operator.ne,
}

__all__ = [
    "SegmentResult",
    "assign_segments",
    "describe",
    "evaluate",
    "segment_data",
    "segment_frames",
]


@dataclass(frozen=True, slots=True)
class SegmentResult:
    """Segments and tiers of every customer, with what could not be applied.

    Attributes:
        customers: The features frame plus ``segment``, ``tier`` and one boolean column
            ``matches_<segment>`` per rule (before precedence).
        not_applicable: Segment or tier -> the conditions dropped for lack of data.
        precedence: The precedence used.
    """

    customers: pd.DataFrame
    not_applicable: dict[str, list[Condition]]
    precedence: tuple[str, ...]

    def sizes(self) -> pd.Series:
        """Customers per segment in precedence order, 'maintain' last (zeros included)."""
        order = [*self.precedence, MAINTAIN]
        return self.customers["segment"].value_counts().reindex(order, fill_value=0)


def evaluate(rule: Rule, features: pd.DataFrame, dropped: list[Condition]) -> pd.Series | None:
    """Evaluate a rule row by row; None when no condition of it is applicable.

    Args:
        rule: The rule.
        features: One row per customer.
        dropped: Receives every condition left out for lack of data.

    Returns:
        A boolean Series, or None when the whole rule is not applicable.
    """
    if isinstance(rule, Condition):
        if rule.feature not in features:
            dropped.append(rule)
            return None
        return _compare(features[rule.feature], rule).fillna(value=False).astype(bool)
    parts = rule.all if isinstance(rule, AllOf) else rule.any
    results = [r for p in parts if (r := evaluate(p, features, dropped)) is not None]
    if not results:
        return None
    combine = np.logical_and.reduce if isinstance(rule, AllOf) else np.logical_or.reduce
    return pd.Series(combine([r.to_numpy() for r in results]), index=features.index)


def _compare(values: pd.Series, condition: Condition) -> pd.Series:
    """``values op value``, or ``low <= values < high`` for 'between'."""
    if isinstance(condition.value, tuple):  # 'between' (the params check the shape)
        low, high = condition.value
        return (values >= low) & (values < high)
    return _OPS[condition.op](values, condition.value)


def assign_segments(
    features: pd.DataFrame, params: SegmentationParams, *, copy: bool = True
) -> SegmentResult:
    """Apply segment rules with precedence, and the four-tier view.

    Args:
        features: Output of ``features.build_features``.
        params: The segmentation params.
        copy: Leave ``features`` as it is (False: add the columns to it, for a frame nobody
            else holds; at 10 million customers the copy alone is 3 GB).

    Returns:
        The customers with their segment and tier.
    """
    out = features.copy() if copy else features
    not_applicable: dict[str, list[Condition]] = {}
    out["segment"] = _segments(out, params, not_applicable)
    out["tier"] = _tiers(out, params, not_applicable)
    return SegmentResult(out, not_applicable, tuple(params.precedence))


def _segments(
    out: pd.DataFrame, params: SegmentationParams, not_applicable: dict[str, list[Condition]]
) -> pd.Series:
    """Each customer's segment: the first rule it matches in precedence order, else 'maintain'.

    Adds one column ``matches_<segment>`` per rule to ``out`` (whether the rule holds, before
    precedence) and records the conditions left out for lack of data in ``not_applicable``.
    """
    segment = pd.Series(MAINTAIN, index=out.index, dtype=object)
    assigned = pd.Series(data=False, index=out.index)
    for name in params.precedence:
        dropped: list[Condition] = []
        hit = evaluate(params.segments[name], out, dropped)
        if dropped:
            not_applicable[name] = dropped
        hit = hit if hit is not None else pd.Series(data=False, index=out.index)
        out[f"matches_{name}"] = hit
        segment[hit & ~assigned] = name
        assigned |= hit
    return segment


def _tiers(
    out: pd.DataFrame, params: SegmentationParams, not_applicable: dict[str, list[Condition]]
) -> pd.Series:
    """Each customer's tier: the first tier rule it matches (``TIER_RULE_ORDER``), else ordinary."""
    tier = pd.Series(ORDINARY, index=out.index, dtype=object)
    tiered = pd.Series(data=False, index=out.index)
    for name in TIER_RULE_ORDER:
        if name not in params.tiers:
            continue
        dropped: list[Condition] = []
        hit = evaluate(params.tiers[name], out, dropped)
        if dropped:
            not_applicable[TIER_PREFIX + name] = dropped
        if hit is not None:
            tier[hit & ~tiered] = name
            tiered |= hit
    return tier


def segment_data(
    data: CampaignData,
    reference_date: dt.date,
    params: SegmentationParams | None = None,
    *,
    attributes: Sequence[str] | None = None,
) -> SegmentResult:
    """Build features in the engine and assign segments: the segmentation stage's core call.

    ``attributes`` names the customer attributes to keep (None: all; see ``build_features``).
    """
    params = params or SegmentationParams()
    features = build_features(
        data, reference_date, LookBack.of(params), params.returns, attributes=attributes
    )
    return assign_segments(features, params, copy=False)  # the features are this call's own


def segment_frames(frames: Mapping[str, pd.DataFrame], reference_date: dt.date) -> pd.DataFrame:
    """Segments of in-memory canonical frames with the default rules (used by the demo generator).

    Returns:
        ``customer_id`` and ``segment`` for every customer.
    """
    result = segment_data(CampaignData.from_frames(frames), reference_date)
    return result.customers[[CUSTOMER_ID, "segment"]].copy()
