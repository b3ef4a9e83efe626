"""The planted truth: each targeted segment's and arm's post-window outcomes, and its effects."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

import numpy as np
import pandas as pd

from campaign_eval.contract import CUSTOMER_ID
from campaign_eval.conventions import CHURN_RISK, CONTROL, CORE, GROWTH, NEW, TREATMENT
from campaign_eval.datasets.settings import DEMO_CONFIG, SIZES, TARGETED_SEGMENTS

Metric = Literal["repurchase_rate", "mean_satisfaction", "spend_per_customer"]
METRICS: tuple[Metric, ...] = ("repurchase_rate", "mean_satisfaction", "spend_per_customer")
"""Metrics with a planted true value per segment and arm."""


@dataclass(frozen=True, slots=True)
class ArmOutcome:
    """True post-window behaviour of the customers of one segment and arm.

    Attributes:
        repurchase_rate: Probability of >= 1 order (positive amount) in the post window.
        extra_orders: Mean of the Poisson number of further orders of a customer who buys.
        mean_amount: Mean order amount (lognormal with sigma ``DemoConfig.post_amount_sigma``).
        satisfaction_probs: Probabilities of the satisfaction scores 1, 2, 3, 4, 5 of the one
            post-window survey answer of a respondent.
    """

    repurchase_rate: float
    extra_orders: float
    mean_amount: float
    satisfaction_probs: tuple[float, float, float, float, float]

    @property
    def mean_satisfaction(self) -> float:
        """Exact mean of the satisfaction distribution."""
        return float(np.dot(np.arange(1, 6), self.satisfaction_probs))

    @property
    def spend_per_customer(self) -> float:
        """Exact expected post-window spend per customer (customers without orders count 0)."""
        return self.repurchase_rate * (1.0 + self.extra_orders) * self.mean_amount


_CORE_SAT_CONTROL = (0.01, 0.03, 0.12, 0.40, 0.44)  # mean 4.23
_CORE_SAT_TREATMENT = (0.01, 0.03, 0.10, 0.24, 0.62)  # 0.20 of mass moved up one score: 4.43
_CHURN_SAT_CONTROL = (0.10, 0.20, 0.35, 0.25, 0.10)  # mean 3.05
_CHURN_SAT_TREATMENT = (0.05, 0.15, 0.35, 0.30, 0.15)  # 0.30 of mass moved up one score: 3.35
_PLAIN_SAT = (0.03, 0.07, 0.25, 0.40, 0.25)  # mean 3.77
_GROWTH_AMOUNT = 5_000.0
_GROWTH_REPURCHASE = (0.35, 0.41)
_GROWTH_SPEND_LIFT = 1.15
# growth's spend lift is exactly +15% rather than the +17% the repurchase lift alone would give:
# treated buyers' orders are about 2% smaller on average
_GROWTH_TREATED_AMOUNT = (
    _GROWTH_AMOUNT * _GROWTH_SPEND_LIFT * _GROWTH_REPURCHASE[0] / _GROWTH_REPURCHASE[1]
)

TRUE_OUTCOMES: Mapping[tuple[str, str], ArmOutcome] = MappingProxyType(
    {
        (CORE, CONTROL): ArmOutcome(0.55, 1.0, 9_000.0, _CORE_SAT_CONTROL),
        (CORE, TREATMENT): ArmOutcome(0.62, 1.0, 9_000.0, _CORE_SAT_TREATMENT),
        (GROWTH, CONTROL): ArmOutcome(_GROWTH_REPURCHASE[0], 0.5, _GROWTH_AMOUNT, _PLAIN_SAT),
        (GROWTH, TREATMENT): ArmOutcome(
            _GROWTH_REPURCHASE[1], 0.5, _GROWTH_TREATED_AMOUNT, _PLAIN_SAT
        ),
        (CHURN_RISK, CONTROL): ArmOutcome(0.12, 0.3, 2_500.0, _CHURN_SAT_CONTROL),
        (CHURN_RISK, TREATMENT): ArmOutcome(0.18, 0.3, 2_500.0, _CHURN_SAT_TREATMENT),
        (NEW, CONTROL): ArmOutcome(0.30, 0.4, 2_000.0, _PLAIN_SAT),
        (NEW, TREATMENT): ArmOutcome(0.30, 0.4, 2_000.0, _PLAIN_SAT),
    }
)
"""(segment, arm) -> the distributions the post window of targeted customers is drawn from."""


@dataclass(frozen=True, slots=True)
class PlantedEffect:
    """One planted effect: the true value of a metric in each arm of a segment (post window).

    Attributes:
        segment: Targeted segment.
        metric: ``repurchase_rate``, ``mean_satisfaction`` or ``spend_per_customer``.
        control: True value in the control arm.
        treatment: True value in the treatment arm.
    """

    segment: str
    metric: Metric
    control: float
    treatment: float

    @property
    def difference(self) -> float:
        """Treatment minus control."""
        return self.treatment - self.control

    @property
    def relative_lift(self) -> float:
        """Treatment / control - 1."""
        return self.treatment / self.control - 1.0


PLANTED_EFFECTS: tuple[PlantedEffect, ...] = tuple(
    PlantedEffect(
        segment,
        metric,
        getattr(TRUE_OUTCOMES[segment, CONTROL], metric),
        getattr(TRUE_OUTCOMES[segment, TREATMENT], metric),
    )
    for segment in TARGETED_SEGMENTS
    for metric in METRICS
)
"""The ground truth later stages must recover, one entry per targeted segment and metric."""


def planted_effect(segment: str, metric: Metric) -> PlantedEffect:
    """The planted effect of one segment and metric.

    Raises:
        KeyError: When no effect is planted for this pair.
    """
    for effect in PLANTED_EFFECTS:
        if effect.segment == segment and effect.metric == metric:
            return effect
    raise KeyError(f"no planted effect for segment '{segment}' and metric '{metric}'")


def truth_per_customer(seg_code: np.ndarray, treated: np.ndarray, attribute: str) -> np.ndarray:
    """Per targeted customer, one attribute of the planted truth of their segment and arm."""
    table = np.asarray(
        [
            [getattr(TRUE_OUTCOMES[segment, arm], attribute) for arm in (CONTROL, TREATMENT)]
            for segment in TARGETED_SEGMENTS
        ],
        dtype=float,
    )
    return table[seg_code, treated.astype(np.intp)]


def size_factor(size_code: np.ndarray, seg_code: np.ndarray) -> np.ndarray:
    """Each customer's post-window order size relative to their segment (mean 1 in every segment).

    It grows with the usual order size of the customer's company size, damped by
    ``DemoConfig.post_size_elasticity`` so the spend effects stay detectable in the demo.
    """
    typical = np.asarray(DEMO_CONFIG.median_amount)[size_code] ** DEMO_CONFIG.post_size_elasticity
    n_segments = len(TARGETED_SEGMENTS)
    total = np.bincount(seg_code, weights=typical, minlength=n_segments)
    count = np.bincount(seg_code, minlength=n_segments)
    return typical / (total / np.maximum(count, 1))[seg_code]


def true_spend(customers: pd.DataFrame, assignment: pd.DataFrame) -> pd.Series:
    """Each targeted customer's true expected spend in the post window.

    Post-window order amounts scale with the customer's usual order size (by company size),
    normalized to mean 1 within each segment. So the segment's true spend per customer in each arm
    is the planted value of ``PLANTED_EFFECTS``, every customer's own expected spend is lifted by
    exactly the planted ratio, and the realized arm means scatter around the planted values only
    through which customers the randomization put in each arm.

    Args:
        customers: The customers table (``customer_id``, ``size``).
        assignment: The whole assignment table (``customer_id``, ``arm``, ``segment``); the
            normalization is over its segments, so pass all of it, not a subset.

    Returns:
        Expected spend, indexed like ``assignment``.

    Raises:
        ValueError: When a segment is not targeted or a customer has no known size.
    """
    size = assignment[CUSTOMER_ID].map(customers.set_index(CUSTOMER_ID)["size"])
    size_code = pd.Index(SIZES).get_indexer(size)
    seg_code = pd.Index(TARGETED_SEGMENTS).get_indexer(assignment["segment"])
    if (seg_code < 0).any() or (size_code < 0).any():
        raise ValueError(
            "true_spend needs targeted segments "
            f"({', '.join(TARGETED_SEGMENTS)}) and customers with a size ({', '.join(SIZES)})"
        )
    treated = (assignment["arm"] == TREATMENT).to_numpy()
    value = truth_per_customer(seg_code, treated, "spend_per_customer") * size_factor(
        size_code, seg_code
    )
    return pd.Series(value, index=assignment.index, name="true_spend")
