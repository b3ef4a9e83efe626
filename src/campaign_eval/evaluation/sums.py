"""Tables of sufficient statistics per arm and segment: overall rows, values, segment order.

The engine returns one row per arm and segment with ``n``, ``sum``, ``sumsq`` (and the NPS
counts); every comparison of the stage starts from such rows. The values and standard
deviations are thin calls of ``campaign_eval.stats``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeAlias

import pandas as pd

from campaign_eval import stats
from campaign_eval.conventions import ALL_SEGMENTS, SEGMENTS
from campaign_eval.evaluation.specs import Kind

NPS_COUNTS = ("promoters", "passives", "detractors")
"""The NPS answer counts of a row of sufficient statistics."""
STAT_COLUMNS = ("n", "sum", "sumsq", *NPS_COUNTS)
"""The columns of a row of sufficient statistics (``metrics.outcomes.group_stats``)."""
GROUP_KEYS = ("arm", "segment")
"""The columns that name a group."""

Row: TypeAlias = pd.Series | Mapping[str, Any]
"""One row of sufficient statistics."""


def _float(row: Row, column: str) -> float:
    return float(row[column])


def count(value: object) -> int:
    """A count summed by the engine as a float: rounded to an int."""
    return round(float(value))  # type: ignore[arg-type]  # the engine's numbers


def stat_value(row: Row, kind: Kind) -> float:
    """The metric's value from one row of sufficient statistics (NPS in points); NaN when empty."""
    if kind == "nps":
        return stats.nps_value(*(_float(row, k) for k in NPS_COUNTS))
    return stats.mean_from_sums(_float(row, "n"), _float(row, "sum"))


def stat_sd(row: Row, kind: Kind) -> float:
    """Per-customer standard deviation (ddof=1) from sufficient statistics; NPS in points."""
    if kind == "nps":
        if _float(row, "n") < 2:  # noqa: PLR2004 - a sample sd needs two respondents
            return math.nan
        return stats.nps_sd(*(_float(row, k) for k in NPS_COUNTS))
    return stats.sd_from_sums(_float(row, "n"), _float(row, "sum"), _float(row, "sumsq"))


def single(values: pd.Series) -> bool:
    """Whether a column holds at most one distinct value."""
    array = values.to_numpy()
    return len(array) == 0 or bool((array == array[0]).all())


def with_overall(table: pd.DataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Add ``segment == "all"`` rows: sums over segments (exact for counts and sums).

    With a single segment the overall rows would repeat it, so none are added.
    """
    if table.empty or single(table["segment"]):
        return table
    present = [c for c in columns if c in table]
    keys = [c for c in table.columns if c not in present and c != "segment"]
    if keys:
        overall = table.groupby(keys, as_index=False)[present].sum()
    else:
        overall = table[present].sum().to_frame().T
    overall["segment"] = ALL_SEGMENTS
    return pd.concat([overall[table.columns], table], ignore_index=True)


def order_segments(segments: Iterable[str]) -> list[str]:
    """``all`` first, then the segments in the reports' order, then the rest alphabetically."""
    unique = set(segments)
    known = [s for s in (ALL_SEGMENTS, *SEGMENTS) if s in unique]
    return known + sorted(unique - set(known))


def lookup(table: pd.DataFrame) -> dict[tuple[str, str], pd.Series]:
    """The rows of a table by (arm, segment)."""
    return {(str(r["arm"]), str(r["segment"])): r for _, r in table.iterrows()}


def has_customers(*rows: pd.Series | None) -> bool:
    """Whether every row exists and counts at least one customer."""
    return all(row is not None and int(row["n"]) > 0 for row in rows)


def pairs(
    table: pd.DataFrame, control: str, treatments: Sequence[str]
) -> Iterable[tuple[str, str, pd.Series, pd.Series]]:
    """(segment, arm, treatment row, control row) for every segment where both arms have rows."""
    rows = lookup(table)
    for segment in order_segments(table["segment"].astype(str)):
        c = rows.get((control, segment))
        for arm in treatments:
            t = rows.get((arm, segment))
            if t is not None and c is not None and has_customers(t, c):
                yield segment, arm, t, c


def total(part: pd.DataFrame) -> pd.Series:
    """The sums of the statistics columns of ``part`` (NPS counts 0 when absent)."""
    summed = part[[c for c in STAT_COLUMNS if c in part]].sum()
    for column in NPS_COUNTS:
        summed[column] = summed.get(column, 0)
    return summed


def pooled_value(
    table: pd.DataFrame, metric: str, arms: Sequence[str], kind: Kind, segment: str = ALL_SEGMENTS
) -> tuple[float, int]:
    """A metric's value over ``arms`` pooled, in one segment or (``all``) every segment.

    Args:
        table: Sufficient statistics per metric, arm and segment (without ``all`` rows).
        metric: The metric.
        arms: The arms to pool.
        kind: The metric's kind.
        segment: A segment, or ``all``.

    Returns:
        The value and the number of customers it is computed over.
    """
    summed = pooled_stats(table, metric, arms, segment)
    if summed is None:
        return math.nan, 0
    return stat_value(summed, kind), int(summed["n"])


def value_interval(row: Row, kind: Kind, *, alpha: float) -> tuple[float, float]:
    """The ``1 - alpha`` interval of a group's value: Wilson for a rate, t for a mean, Wald for NPS.

    NaN bounds for an empty group (or a single value of a mean).
    """
    n = count(row["n"])
    if n <= 0:
        return math.nan, math.nan
    if kind == "proportion":
        rate = stats.wilson_interval(count(row["sum"]), n, alpha=alpha)
        return rate.ci_low, rate.ci_high
    if kind == "nps":
        nps = stats.nps_interval(*(count(row[k]) for k in NPS_COUNTS), alpha=alpha)
        return nps.ci_low, nps.ci_high
    mean = stats.mean_interval(n, _float(row, "sum"), _float(row, "sumsq"), alpha=alpha)
    return mean.ci_low, mean.ci_high


def pooled_stats(
    table: pd.DataFrame, metric: str, arms: Sequence[str], segment: str = ALL_SEGMENTS
) -> pd.Series | None:
    """The summed statistics of a metric over ``arms`` in one segment or (``all``) every one."""
    if table.empty:
        return None
    part = table[(table["metric"] == metric) & table["arm"].isin(list(arms))]
    if segment != ALL_SEGMENTS:
        part = part[part["segment"] == segment]
    return None if part.empty else total(part)
