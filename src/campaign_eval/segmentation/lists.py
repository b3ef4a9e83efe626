"""Sales lists: one row per customer for the sales reps, in the campaign's language.

A list holds the customer id, the attributes the params file names
(``segmentation.list_columns``), the segment and tier by name, the key figures and tags saying
which rules the customer matched. Lists go to files only (``export``), never into the report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np
import pandas as pd

from campaign_eval.config import CampaignParams
from campaign_eval.config.segmentation import DEFAULT_LIST_COLUMNS
from campaign_eval.contract import CUSTOMER_ID
from campaign_eval.conventions import CHURN_RISK, CORE, GROWTH, NEW
from campaign_eval.report.labels import segment_label, text, tier_label

TAG_KEYS = {
    CORE: "tag.core",
    CHURN_RISK: "tag.churn_risk",
    GROWTH: "tag.growth",
    NEW: "tag.new",
}
"""Segment -> the label of the tag a customer matching its rule gets (before precedence)."""
TAG_SEPARATOR = ", "
"""Between two tags of one customer."""
SPEND_DIGITS = 2
"""Decimals of the spend written into a list."""


def sales_list(customers: pd.DataFrame, params: CampaignParams) -> pd.DataFrame:
    """A sales-rep list: id, the configured attributes, key figures and tags, biggest spend first.

    Column-wise throughout (names and tags are looked up per distinct value, not per customer),
    so a million customers take about a second.

    Args:
        customers: Customers with ``segment``, ``tier``, ``spend_12m``, ``recency_days`` and the
            ``matches_<segment>`` columns of ``rules.assign_segments`` (missing ones are skipped).
        params: The campaign's params: the list columns and the language of names and tags. The
            columns the params name are all there (loading the data refused them otherwise);
            without any, the default attributes the data has.

    Returns:
        ``customer_id``, the list columns the customers have, ``segment``, ``tier``,
        ``spend_12m`` (rounded to cents), ``recency_days`` and ``tags``.
    """
    language = params.campaign.language
    named = params.segmentation.list_columns
    attributes = named if named is not None else [c for c in DEFAULT_LIST_COLUMNS if c in customers]
    out = customers[[CUSTOMER_ID, *attributes]].copy()
    out["segment"] = _named(customers["segment"], lambda s: segment_label(s, language))
    out["tier"] = _named(customers["tier"], lambda t: tier_label(t, language))
    out["spend_12m"] = customers["spend_12m"].round(SPEND_DIGITS)
    out["recency_days"] = customers["recency_days"]
    out["tags"] = _tags(customers, params)
    return out.sort_values("spend_12m", ascending=False, kind="stable")


def _named(values: pd.Series, name: Callable[[object], str]) -> np.ndarray:
    """Each value's name for readers, looked up once per distinct value."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    return np.asarray([name(u) for u in uniques], dtype=object)[codes]


def _tags(customers: pd.DataFrame, params: CampaignParams) -> np.ndarray:
    """Per customer, the tags of every rule it matches, joined (empty when none).

    The matched rules of a customer are a bit pattern (at most 2^4 of them); each pattern's text
    is made once and picked by index.
    """
    language = params.campaign.language
    columns = {f"matches_{segment}": key for segment, key in TAG_KEYS.items()}
    present = [c for c in columns if c in customers]
    words = [text(columns[c], language) for c in present]
    pattern = np.zeros(len(customers), dtype=np.int64)
    for bit, column in enumerate(present):
        matched = customers[column].fillna(value=False).to_numpy(dtype=bool)
        pattern |= matched.astype(np.int64) << bit
    texts = [
        TAG_SEPARATOR.join(w for bit, w in enumerate(words) if combination >> bit & 1)
        for combination in range(1 << len(present))
    ]
    return np.asarray(texts, dtype=object)[pattern]


def list_inputs(params: CampaignParams) -> set[str]:
    """The customer columns ``sales_list`` reads: ids, attributes, figures, rule matches."""
    tags = (f"matches_{segment}" for segment in TAG_KEYS)
    attributes = params.segmentation.list_columns or DEFAULT_LIST_COLUMNS
    return {CUSTOMER_ID, "segment", "tier", "spend_12m", "recency_days", *tags, *attributes}


def segment_lists(
    customers: pd.DataFrame, params: CampaignParams, segments: tuple[str, ...]
) -> Iterator[tuple[str, pd.DataFrame]]:
    """One sales list per segment, in the order given (empty segments give empty lists).

    Each list is made when it is asked for, from the columns a list needs, so a caller that
    writes one and lets it go never holds them all: at 10 million customers all the lists at
    once were 3 GB beside the customers.
    """
    wanted = list_inputs(params)
    needed = [c for c in customers.columns if c in wanted]
    for segment in segments:
        yield segment, sales_list(customers.loc[customers["segment"] == segment, needed], params)
