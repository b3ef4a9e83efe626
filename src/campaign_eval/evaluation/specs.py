"""The metrics an evaluation compares: kind, good direction, and which extra tests apply.

A catalogue metric (``metrics.catalogue.METRICS``) or an outcome-table column becomes a
``MetricSpec``; every calculation of the stage works on specs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from campaign_eval.config.evaluation import OutcomeTableParams
from campaign_eval.io.outcome_table import covariate_columns
from campaign_eval.metrics import catalogue

Kind = Literal["proportion", "mean", "nps"]
"""How a metric is compared: a rate (0/1 per customer), a mean, or an NPS (0-10 answers)."""
Period = Literal["pre", "post"]
"""The window before the campaign or after the event."""

INCREASE = "increase"
DECREASE = "decrease"
CUPED_METRICS = frozenset(
    {"repurchase_rate", "repeat_purchase_rate", "spend_per_customer", "complaint_rate"}
)
"""Metrics whose pre-window value is defined for every customer (orders and complaints are 0
without rows), so CUPED can use it as the covariate without dropping anyone."""
ORDINAL_METRICS = frozenset({"mean_satisfaction"})
"""1-5 scores: Mann-Whitney beside the Welch test, and the paired before/after test."""
_TABLE_KINDS: dict[str, Kind] = {"binary": "proportion", "continuous": "mean", "nps": "nps"}


@dataclass(frozen=True, slots=True)
class MetricSpec:
    """What the evaluation needs to know about one metric.

    Attributes:
        name: Catalogue name, or the outcome table's column.
        kind: proportion (0/1 per customer), mean, or nps (0-10 answers).
        lower_is_better: True for churn, complaints and outcomes declared ``decrease``.
        label: Display name given in params (outcome tables); None for catalogue metrics.
        ordinal: Values are 1-5 scores: Mann-Whitney is shown beside the Welch test.
        cuped: The pre-window value is defined for every customer and can be the covariate.
    """

    name: str
    kind: Kind
    lower_is_better: bool
    label: str | None = None
    ordinal: bool = False
    cuped: bool = False

    @property
    def direction(self) -> str:
        """The good direction: ``increase`` or ``decrease``."""
        return DECREASE if self.lower_is_better else INCREASE


def metric_spec(name: str) -> MetricSpec:
    """The spec of a catalogue metric (``metrics.catalogue.METRICS``)."""
    metric = catalogue.check_metric(name)
    return MetricSpec(
        name=name,
        kind=metric.kind,
        lower_is_better=metric.lower_is_better,
        ordinal=name in ORDINAL_METRICS,
        cuped=name in CUPED_METRICS,
    )


def table_specs(table: OutcomeTableParams) -> list[MetricSpec]:
    """Specs of the outcome table's declared columns."""
    covariates = covariate_columns(table)
    return [
        MetricSpec(
            name=column,
            kind=_TABLE_KINDS[spec.kind],
            lower_is_better=spec.direction == DECREASE,
            label=spec.label,
            ordinal=spec.ordinal,
            cuped=column in covariates and spec.kind != "nps",
        )
        for column, spec in table.outcomes.items()
    ]


def covariate_specs(table: OutcomeTableParams) -> list[MetricSpec]:
    """The outcome table's covariates as means: its "pre" values, compared for balance only.

    A covariate may measure something else than its outcome (revenue before a conversion test),
    so it is never differenced with the outcome.
    """
    return [
        MetricSpec(name=column, kind="mean", lower_is_better=False)
        for column in dict.fromkeys(covariate_columns(table).values())
    ]


def good_direction(metric: str, specs: Iterable[MetricSpec] = ()) -> str:
    """The good direction of a metric: from its spec, else from the catalogue, else increase."""
    lower = {s.name for s in specs if s.lower_is_better}
    known = metric in catalogue.METRICS and catalogue.METRICS[metric].lower_is_better
    return DECREASE if metric in lower or known else INCREASE
