"""Before and after without a control group: the same customers' pre vs post window (not causal).

Every test runs on engine sums over the customers with a value in both windows. Yes/no
outcomes (proportions): McNemar's test on the discordant pairs, counted in the engine as sums of
indicator products (yes before and no after, no before and yes after), with a Wald CI of the
change (``stats.mcnemar_change``). Means: paired t-test on each customer's change
(``stats.paired_change_from_sums``). NPS: the two windows' respondents compared as independent
samples (``stats.compare_nps``), because an NPS is not defined per customer.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import narwhals as nw
import pandas as pd

from campaign_eval import stats
from campaign_eval.evaluation.outcomes import Outcomes, both_windows, grouped
from campaign_eval.evaluation.specs import MetricSpec
from campaign_eval.evaluation.sums import (
    NPS_COUNTS,
    STAT_COLUMNS,
    count,
    order_segments,
    with_overall,
)

MCNEMAR = "mcnemar"
"""Yes/no outcomes: McNemar's test on the discordant pairs."""
PAIRED = "paired"
"""Means: paired t-test on each customer's change."""
INDEPENDENT = "independent"
"""NPS: the two windows' respondents as independent samples."""
_CHANGE_FIELDS = ("mean_diff", "se", "statistic", "df", "p_value", "ci_low", "ci_high")


def _change_fields(change: stats.PairedChange) -> dict[str, Any]:
    return {k: getattr(change, k) for k in _CHANGE_FIELDS}


def change_sums(joined: nw.LazyFrame, kind: str) -> pd.DataFrame:
    """Per segment: n, sums of before, after, change and squared change (and discordant pairs)."""
    x, y = nw.col("x"), nw.col("value")
    d = y - x
    aggs = [
        nw.len().alias("n"),
        x.sum().alias("sum_x"),
        y.sum().alias("sum_y"),
        d.sum().alias("sum_d"),
        (d * d).sum().alias("sumsq_d"),
    ]
    if kind == "proportion":
        aggs += [(x * (1 - y)).sum().alias("yes_to_no"), ((1 - x) * y).sum().alias("no_to_yes")]
    sums = grouped(joined, ["segment"], *aggs)
    return with_overall(sums, [c for c in sums.columns if c != "segment"])


def _test(kind: str, n: int, row: pd.Series, alpha: float) -> dict[str, Any]:
    """The test of one segment's change: McNemar for yes/no outcomes, else paired t."""
    if kind == "proportion":
        yes_to_no, no_to_yes = count(row["yes_to_no"]), count(row["no_to_yes"])
        change = stats.mcnemar_change(n, yes_to_no, no_to_yes, alpha=alpha)
        return {
            **_change_fields(change),
            "yes_to_no": yes_to_no,
            "no_to_yes": no_to_yes,
            "note": change.note,
            "method": MCNEMAR,
        }
    paired = stats.paired_change_from_sums(
        n, float(row["sum_d"]), float(row["sumsq_d"]), alpha=alpha
    )
    return {**_change_fields(paired), "method": PAIRED}


def _paired_rows(outcomes: Outcomes, spec: MetricSpec, alpha: float) -> list[dict[str, Any]]:
    joined = both_windows(outcomes, spec, "x")
    if joined is None:
        return []
    sums = change_sums(joined, spec.kind)
    records = []
    for _, row in sums.set_index("segment").loc[order_segments(sums["segment"])].iterrows():
        n = int(row["n"])
        if n == 0:
            continue
        test = _test(spec.kind, n, row, alpha)
        method = test.pop("method")
        records.append(
            {
                "metric": spec.name,
                "segment": row.name,
                "kind": spec.kind,
                "n": n,
                "n_before": n,
                "before": stats.mean_from_sums(n, row["sum_x"]),
                "after": stats.mean_from_sums(n, row["sum_y"]),
                **test,
                "method": method,
            }
        )
    return records


def _by_segment(table: pd.DataFrame) -> pd.DataFrame:
    summed = table.groupby("segment", as_index=False)[list(STAT_COLUMNS)].sum()
    return with_overall(summed.astype({"segment": str}), STAT_COLUMNS).set_index("segment")


def _nps_rows(outcomes: Outcomes, spec: MetricSpec, alpha: float) -> list[dict[str, Any]]:
    pre, post = outcomes.stats(spec, "pre"), outcomes.stats(spec, "post")
    if pre is None or post is None or pre.empty or post.empty:
        return []
    before, after = _by_segment(pre), _by_segment(post)
    records = []
    for segment in order_segments(after.index):
        row = after.loc[segment]
        if segment not in before.index or int(row["n"]) == 0 or int(before.loc[segment, "n"]) == 0:
            continue
        old = before.loc[segment]
        result = stats.compare_nps(
            *(count(row[k]) for k in NPS_COUNTS), *(count(old[k]) for k in NPS_COUNTS), alpha=alpha
        )
        records.append(
            {
                "metric": spec.name,
                "segment": segment,
                "kind": spec.kind,
                "n": int(row["n"]),
                "n_before": int(old["n"]),
                "before": result.value_control,
                "after": result.value_treatment,
                "mean_diff": result.diff,
                "se": result.se,
                "statistic": result.statistic,
                "df": math.nan,
                "p_value": result.p_value,
                "ci_low": result.ci_low,
                "ci_high": result.ci_high,
                "method": INDEPENDENT,
            }
        )
    return records


def compute_before_after(
    outcomes: Outcomes, specs: Sequence[MetricSpec], *, alpha: float
) -> pd.DataFrame:
    """Pre vs post window for the same customers, when there is no control group (not causal).

    Returns:
        One row per metric and segment: n, before, after, change, CI, p-value, method
        (``mcnemar``, ``paired`` or ``independent``), and for ``mcnemar`` the discordant pairs.
    """
    records: list[dict[str, Any]] = []
    for spec in specs:
        rows = _nps_rows if spec.kind == "nps" else _paired_rows
        records += rows(outcomes, spec, alpha)
    return pd.DataFrame.from_records(records)
