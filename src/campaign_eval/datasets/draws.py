"""Named numpy columns, whole days after ``DATA_START``, and the random draws every table shares."""

from __future__ import annotations

import datetime as dt

import numpy as np

from campaign_eval.datasets.settings import DATA_END, DATA_START

NS_PER_DAY = 86_400 * 10**9
NS_PER_HOUR = 3_600 * 10**9
NS_PER_SECOND = 10**9
MONTHS_PER_YEAR = 12
N_SCORES = 5
"""Satisfaction answers and on-site scores run from 1 to 5."""

Columns = dict[str, np.ndarray]
"""A table as named numpy columns of equal length."""


def day_index(day: dt.date) -> int:
    """Days after DATA_START."""
    return (day - DATA_START).days


def take(columns: Columns, rows: np.ndarray) -> Columns:
    """The given rows (indices or a mask) of every column."""
    return {name: values[rows] for name, values in columns.items()}


def concat(first: Columns, second: Columns) -> Columns:
    """The rows of ``first`` followed by those of ``second`` (same column names)."""
    return {name: np.concatenate([first[name], second[name]]) for name in first}


def pick(rng: np.random.Generator, probs: np.ndarray) -> np.ndarray:
    """One category per row of a (rows x categories) probability matrix (inverse CDF)."""
    cumulative = np.cumsum(probs, axis=1)
    cumulative[:, -1] = 1.0
    u = np.asarray(rng.random(probs.shape[0]))
    return np.asarray((u[:, None] >= cumulative).sum(axis=1))


def uniform_days(rng: np.random.Generator, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """One whole day per row, uniform in [low, high]."""
    offset = rng.random(low.shape[0], dtype=np.float32) * (high - low + 1).astype(np.float32)
    return np.minimum(low + offset.astype(np.int32), high).astype(np.int32)


def day_order(day: np.ndarray) -> np.ndarray:
    """Stable order of rows by day (radix sort when the days fit in 16 bits)."""
    if day.size and day.min() >= 0 and day.max() <= np.iinfo(np.int16).max:
        return np.argsort(day.astype(np.int16), kind="stable")
    return np.argsort(day, kind="stable")


def month_grid() -> tuple[np.ndarray, np.ndarray]:
    """Start day (after DATA_START) and length of every calendar month of the data."""
    months = np.arange(
        np.datetime64(DATA_START, "M"), np.datetime64(DATA_END, "M") + 1, dtype="datetime64[M]"
    )
    starts = (months.astype("datetime64[D]") - np.datetime64(DATA_START, "D")).astype(np.int32)
    ends = ((months + 1).astype("datetime64[D]") - np.datetime64(DATA_START, "D")).astype(np.int32)
    return starts, ends - starts


def month_index(day: dt.date) -> int:
    """Position of the calendar month of ``day`` in ``month_grid``."""
    return (day.year - DATA_START.year) * MONTHS_PER_YEAR + day.month - DATA_START.month
