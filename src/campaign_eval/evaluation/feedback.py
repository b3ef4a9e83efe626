"""Customer feedback after the event: mean satisfaction and negative suggestions of the treated.

The template's standards: a mean 1-5 satisfaction of at least ``min_mean_satisfaction`` and at
most ``max_negative_suggestions`` negative suggestions, where a negative suggestion is a comment
marked with a negative sentiment or given with a low score (``evaluation.negative_feedback``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import narwhals as nw
import pandas as pd

from campaign_eval import stats
from campaign_eval.config.evaluation import EvaluationParams, NegativeFeedbackParams
from campaign_eval.contract import CUSTOMER_ID
from campaign_eval.evaluation.outcomes import grouped
from campaign_eval.evaluation.result import Feedback
from campaign_eval.evaluation.windows import OutcomeWindows
from campaign_eval.io import CampaignData
from campaign_eval.metrics import outcomes as engine_metrics

SATISFACTION = "mean_satisfaction"
"""The catalogue metric of the 1-5 satisfaction standard."""


def _satisfaction(
    data: CampaignData, population: nw.LazyFrame, windows: OutcomeWindows, treatments: Sequence[str]
) -> tuple[float, int]:
    """Mean satisfaction of the treated respondents and their number (NaN, 0 without surveys)."""
    if not engine_metrics.metric_available(data, SATISFACTION):
        return float("nan"), 0
    sat = engine_metrics.group_stats(data, population, SATISFACTION, *windows.post, by=("arm",))
    sat = sat[sat["arm"].astype(str).isin(treatments)]
    respondents = int(sat["n"].sum())
    return stats.mean_from_sums(respondents, float(sat["sum"].sum())), respondents


def _negative_flag(data: CampaignData, rule: NegativeFeedbackParams) -> nw.Expr | None:
    """Whether an answer is a negative suggestion; None when neither condition can be judged."""
    conditions = []
    if data.has_column("surveys", "sentiment") and rule.sentiments:
        sentiments = [s.lower() for s in rule.sentiments]
        conditions.append(
            nw.col("sentiment").str.to_lowercase().is_in(sentiments).fill_null(value=False)
        )
    if data.has_column("surveys", "satisfaction") and rule.max_score is not None:
        conditions.append((nw.col("satisfaction") <= rule.max_score).fill_null(value=False))
    if not conditions:
        return None
    flag = conditions[0]
    for extra in conditions[1:]:
        flag = flag | extra
    return flag


def _comments_by_arm(
    data: CampaignData, population: nw.LazyFrame, windows: OutcomeWindows, flag: nw.Expr | None
) -> pd.DataFrame:
    """Comments and negative suggestions per arm in the post window, counted in the engine."""
    low, high = (dt.datetime.combine(d + dt.timedelta(days=1), dt.time()) for d in windows.post)
    answers = data.table("surveys").filter(
        (nw.col("survey_date") >= low)
        & (nw.col("survey_date") < high)
        & ~nw.col("comment").is_null()
        & (nw.col("comment").str.strip_chars() != "")
    )
    negative = nw.lit(value=False) if flag is None else flag
    joined = answers.join(population.select(CUSTOMER_ID, "arm"), on=CUSTOMER_ID)
    return grouped(
        joined.with_columns(negative.cast(nw.Int64).alias("negative")),
        ["arm"],
        nw.len().alias("comments"),
        nw.col("negative").sum(),
    ).set_index("arm")


def measure_feedback(
    data: CampaignData,
    population: nw.LazyFrame,
    windows: OutcomeWindows,
    params: EvaluationParams,
    *,
    treatments: Sequence[str],
    control: str | None,
    counts: pd.DataFrame | None = None,
) -> Feedback:
    """Mean satisfaction and negative suggestions of treated customers in the post window."""
    mean, respondents = _satisfaction(data, population, windows, treatments)
    negative = negative_control = None
    comments = 0
    rule = params.negative_feedback
    if data.has_column("surveys", "comment"):
        flag = _negative_flag(data, rule)
        counted = _comments_by_arm(data, population, windows, flag)
        treated = counted[counted.index.isin(treatments)]
        comments = int(treated["comments"].sum())
        if flag is not None:
            negative = int(treated["negative"].sum())
            if control is not None:
                negative_control = int(counted["negative"].get(control, 0))
    sizes = counts.groupby("arm")["n"].sum() if counts is not None else pd.Series(dtype=float)
    return Feedback(
        customers=int(sizes[sizes.index.isin(treatments)].sum()),
        customers_control=None if control is None else int(sizes.get(control, 0)),
        mean_satisfaction=mean,
        respondents=respondents,
        negative=negative,
        negative_control=negative_control,
        comments=comments,
        min_mean_satisfaction=params.standards.min_mean_satisfaction,
        max_negative=params.standards.max_negative_suggestions,
        negative_sentiments=tuple(rule.sentiments),
        negative_max_score=rule.max_score,
    )
