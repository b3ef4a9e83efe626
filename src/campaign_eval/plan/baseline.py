"""A goal's customers and its baseline: the metric measured over the window before the start.

The window is ``(start - 1 - W, start - 1]``: the W days that end the day before the campaign
starts. A ``pre_window`` baseline follows the scope's customers as segmented now; an
``earlier_cohort`` baseline follows the customers the same segment rules selected one window
earlier (the honest baseline for a segment chosen for having no recent orders). Sums come from the
engine; the value and its spread from ``stats``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from campaign_eval import stats
from campaign_eval.contract import CUSTOMER_ID
from campaign_eval.conventions import ALL_SEGMENTS
from campaign_eval.metrics.outcomes import group_stats
from campaign_eval.plan.result import Baseline
from campaign_eval.segmentation.rules import segment_data

if TYPE_CHECKING:
    from campaign_eval.config.plan import Goal
    from campaign_eval.config.segmentation import SegmentationParams
    from campaign_eval.io import CampaignData
    from campaign_eval.metrics.catalogue import Metric

_ONE_DAY = dt.timedelta(days=1)
_NPS_COUNTS = ("promoters", "passives", "detractors")


def baseline_window(start: dt.date, window_days: int) -> tuple[dt.date, dt.date]:
    """``(after, through)`` of the ``window_days`` days that end the day before ``start``."""
    through = start - _ONE_DAY
    return through - dt.timedelta(days=window_days), through


def select_scope(customers: pd.DataFrame, goal: Goal, targeted: Sequence[str]) -> pd.DataFrame:
    """``customer_id`` and ``segment`` of the customers in the goal's scope.

    Args:
        customers: Every customer with segment and attributes.
        goal: The goal (its scope: a segment or ``all``, and attribute filters).
        targeted: The targeted segments (``all`` means every one of them).

    Returns:
        The scope's customers.
    """
    segment = goal.scope.segment
    wanted = list(targeted) if segment == ALL_SEGMENTS else [segment]
    mask = customers["segment"].isin(wanted)
    for column, values in goal.scope.filters.items():
        mask &= customers[column].astype(str).isin([str(v) for v in values])
    return customers.loc[mask, [CUSTOMER_ID, "segment"]]


def target_level(goal: Goal, baseline: float) -> float:
    """The goal's target in the metric's unit: as written, or the baseline moved by it."""
    if goal.target is not None:
        return float(goal.target)
    if goal.relative is not None:
        return baseline * (1.0 + goal.relative)
    return baseline + float(goal.change or 0.0)


class BaselineMeter:
    """Measures baselines on the engine; one per run (it caches the earlier cohorts).

    Args:
        data: The campaign's tables.
        start: The campaign's first day.
        segmentation: The segment rules (to find an earlier cohort).
        targeted: The targeted segments.
    """

    def __init__(
        self,
        data: CampaignData,
        start: dt.date,
        segmentation: SegmentationParams,
        targeted: Sequence[str],
    ) -> None:
        self.data = data
        self.start = start
        self.segmentation = segmentation
        self.targeted = tuple(targeted)
        self._cohorts: dict[tuple[dt.date, tuple[str, ...]], pd.DataFrame] = {}
        self._registered = 0

    def cohort(self, as_of: dt.date, attributes: tuple[str, ...] = ()) -> pd.DataFrame:
        """Customers with the segments the rules gave on ``as_of`` (the earlier cohort).

        Only what a goal's scope reads is kept (id, segment and the attributes its filters
        name), not the features: at 10 million customers they are gigabytes.
        """
        key = (as_of, attributes)
        if key not in self._cohorts:
            found = segment_data(self.data, as_of, self.segmentation, attributes=attributes)
            customers = found.customers
            kept = [c for c in attributes if c in customers]  # goals.py says which are missing
            self._cohorts[key] = customers[[CUSTOMER_ID, "segment", *kept]]
        return self._cohorts[key]

    def baseline(self, goal: Goal, metric: Metric, scope: pd.DataFrame) -> Baseline:
        """The goal's baseline on its scope (or on the earlier cohort's scope)."""
        after, through = baseline_window(self.start, goal.window_days)
        population = scope
        if goal.baseline == "earlier_cohort":
            cohort = self.cohort(after, tuple(sorted(goal.scope.filters)))
            population = select_scope(cohort, goal, self.targeted)
        self._registered += 1
        value, sd, n = measure(
            self.data, population, metric, after, through, f"plan_scope_{self._registered}"
        )
        return Baseline(value, sd, len(population), n, after, through, goal.baseline)


def measure(
    data: CampaignData,
    population: pd.DataFrame,
    metric: Metric,
    after: dt.date,
    through: dt.date,
    name: str,
) -> tuple[float, float, int]:
    """``(value, sd per customer, customers measured)`` of ``metric`` on ``population``.

    Args:
        data: The campaign's tables.
        population: The customers (``customer_id``).
        metric: The catalogue metric.
        after: The window starts after this day.
        through: The window ends with this day.
        name: Name to register the population under in the engine.

    Returns:
        The value (a proportion, a mean, or NPS points), its SD per customer (NaN for
        proportions) and the customers with a value; NaNs and 0 when nobody has one.
    """
    if population.empty:
        return math.nan, math.nan, 0
    lazy = data.register(name, population[[CUSTOMER_ID]].reset_index(drop=True))
    row = group_stats(data, lazy, metric.name, after, through, by=()).iloc[0]
    n = int(row["n"])
    if n == 0:
        return math.nan, math.nan, 0
    if metric.kind == "nps":
        promoters, passives, detractors = (float(row[k]) for k in _NPS_COUNTS)
        return (
            stats.nps_value(promoters, passives, detractors),
            stats.nps_sd(promoters, passives, detractors),
            n,
        )
    mean = stats.mean_from_sums(n, float(row["sum"]))
    if metric.kind == "proportion":
        return mean, math.nan, n
    return mean, stats.sd_from_sums(n, float(row["sum"]), float(row["sumsq"])), n
