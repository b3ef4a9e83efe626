"""Helpers of the demo-world tests: the standard sizes, windows and the history before a date."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from campaign_eval.datasets import POST_WINDOW, REFERENCE_DATE

SMALL = {"n_customers": 3_000, "seed": 7}
"""A quick world for shape and contract checks."""
LARGE = {"n_customers": 20_000, "seed": 42}
"""The standard demo world: large enough to see the planted effects."""
Z_TOLERANCE = 4.0
"""Observed rates and means must lie within this many standard errors of the truth. The worlds
are seeded, so this is a fixed check; 4 SE keeps it from encoding the luck of one seed."""
DATE_COLUMNS = {"orders": "order_date", "surveys": "survey_date", "complaints": "complaint_date"}
"""The dated history tables and their date column."""


def in_window(ts: pd.Series, window: tuple[dt.date, dt.date]) -> pd.Series:
    """Whether each timestamp lies in the window (start, end]."""
    start, end = window
    return (ts > pd.Timestamp(start)) & (ts <= pd.Timestamp(end))


def history_until(
    frames: dict[str, pd.DataFrame], as_of: dt.date = REFERENCE_DATE
) -> dict[str, pd.DataFrame]:
    """The customers and the dated rows up to ``as_of`` (inclusive), as segmentation sees them."""
    end = pd.Timestamp(as_of) + pd.Timedelta(days=1)
    history = {"customers": frames["customers"]}
    for name, column in DATE_COLUMNS.items():
        history[name] = frames[name][frames[name][column] < end]
    return history


def post_answers(world: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Post-window survey answers of targeted customers, with their arm and segment."""
    surveys = world["surveys"]
    post = surveys[in_window(surveys["survey_date"], POST_WINDOW)]
    return post.merge(world["assignment"], on="customer_id")
