"""The catalogues, as pure data: the metrics outcomes are measured by, the features rules use.

Nothing here touches an engine, so params validation and documentation can import it without
loading DuckDB or pandas. How each metric is computed lives in ``metrics.outcomes``; how each
feature is computed lives in ``segmentation.features``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

MetricKind = Literal["proportion", "mean", "nps"]
"""How a metric is compared: a 0/1 rate, a mean, or an NPS from 0-10 answers."""


@dataclass(frozen=True, slots=True)
class Metric:
    """One metric of the catalogue.

    Attributes:
        name: Key used in params (goals, evaluation metrics).
        kind: proportion (0/1 per customer), mean (a number per customer) or nps (0-10 answers).
        table: The canonical table it needs.
        column: The column it needs, when one beyond the table's keys.
        lower_is_better: True for churn and complaints.
        per_customer: How the per-customer value is defined (documentation).
    """

    name: str
    kind: MetricKind
    table: str
    column: str | None
    lower_is_better: bool
    per_customer: str


METRICS: dict[str, Metric] = {
    m.name: m
    for m in (
        Metric("repurchase_rate", "proportion", "orders", None, False,
               ">= 1 order with a positive amount in the window"),
        Metric("repeat_purchase_rate", "proportion", "orders", None, False,
               ">= 2 orders with a positive amount in the window"),
        Metric("spend_per_customer", "mean", "orders", None, False,
               "net order amount in the window; customers without orders count as 0"),
        Metric("churn_rate", "proportion", "orders", None, True,
               "no order in the window, among customers with an order in the 12 months before it"),
        Metric("complaint_rate", "proportion", "complaints", None, True,
               ">= 1 complaint in the window"),
        Metric("mean_satisfaction", "mean", "surveys", "satisfaction", False,
               "mean of the customer's 1-5 answers in the window (customers who answered)"),
        Metric("csat", "proportion", "surveys", "satisfaction", False,
               "the customer's latest 1-5 answer in the window is 4 or 5 (customers who answered)"),
        Metric("nps", "nps", "surveys", "nps", False,
               "the customer's latest 0-10 answer in the window: promoter, passive or detractor"),
    )
}  # fmt: skip
"""The metrics a goal or an evaluation may name."""


def check_metric(name: str) -> Metric:
    """The metric called ``name``; a ValueError lists the catalogue otherwise."""
    if name not in METRICS:
        raise ValueError(f"unknown metric '{name}'; choose from {', '.join(METRICS)}")
    return METRICS[name]


@dataclass(frozen=True, slots=True)
class Feature:
    """One feature of the catalogue.

    Attributes:
        name: Column name in the features frame and in segment rules.
        needs: The canonical table (and column) it is computed from.
        description: What it means, for docs and reports.
    """

    name: str
    needs: tuple[str, str | None]
    description: str


_FEATURES = (  # name, table, column it needs (None: the table alone), meaning
    (
        "spend_12m",
        "orders",
        None,
        (
            "Order amount in the spend window (default 12 months), rounded to cents; returns "
            "netted or dropped per segmentation.returns"
        ),
    ),
    (
        "spend_12m_pct",
        "orders",
        None,
        (
            "Percentile of spend_12m (floored at 0) among customers with a purchase in the window, "
            "0-1; empty for the others"
        ),
    ),
    ("orders_12m", "orders", None, "Orders with a positive amount in the spend window"),
    ("orders_3m", "orders", None, "Orders with a positive amount in the recency window (3 months)"),
    ("recency_days", "orders", None, "Days since the last order (empty when never ordered)"),
    ("tenure_days", "orders", None, "Days since the start of cooperation, or the first order"),
    ("tenure_months", "orders", None, "tenure_days in months"),
    ("tenure_years", "orders", None, "tenure_days in years"),
    ("spend_6m", "orders", None, "Net spend in the last growth window (default 6 months)"),
    ("spend_prev_6m", "orders", None, "Net spend in the growth window before that"),
    (
        "spend_growth_6m",
        "orders",
        None,
        "spend_6m / spend_prev_6m - 1 (inf when it grew from 0 or less)",
    ),
    ("latest_satisfaction", "surveys", "satisfaction", "Latest satisfaction answer, 1-5"),
    ("latest_nps", "surveys", "nps", "Latest likelihood-to-recommend answer, 0-10"),
    (
        "complaints_12m",
        "complaints",
        None,
        "Complaints in the complaint window (default 12 months)",
    ),
)

FEATURES: dict[str, Feature] = {
    name: Feature(name, (table, column), description)
    for name, table, column, description in _FEATURES
}
"""The feature catalogue segment rules may refer to."""
