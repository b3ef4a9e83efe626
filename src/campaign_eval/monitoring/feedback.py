"""On-site feedback: the instant satisfaction score (1-5) of attendees and their questions.

The mean score has a t interval from ``stats.mean_interval``, computed from the score counts;
CSAT is the share of scores of 4 or 5.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from campaign_eval import stats
from campaign_eval.conventions import CSAT_MIN_SCORE
from campaign_eval.monitoring.result import Feedback

SCORES = (1, 2, 3, 4, 5)
"""The on-site satisfaction scale."""


def csat(scores: pd.DataFrame) -> float:
    """CSAT of score counts (``score``, ``n``): share of 4 and 5; NaN without any."""
    n = scores["n"].sum()
    satisfied = scores.loc[scores["score"] >= CSAT_MIN_SCORE, "n"].sum()
    return float(satisfied / n) if n else math.nan


def feedback(scores: pd.DataFrame, questions: Mapping[str, int], *, alpha: float) -> Feedback:
    """The score summary with its t interval at level ``1 - alpha``, and the questions asked.

    Args:
        scores: Answers per score: ``score``, ``n`` (``Counts.scores``).
        questions: ``attendees``, ``questions``, ``askers`` (``Counts.questions``).
        alpha: Two-sided level of the interval.
    """
    n = int(scores["n"].sum())
    mean = ci_low = ci_high = math.nan
    if n:
        total = float((scores["score"] * scores["n"]).sum())
        total_sq = float((scores["score"] ** 2 * scores["n"]).sum())
        interval = stats.mean_interval(n, total, total_sq, alpha=alpha)
        mean, ci_low, ci_high = interval.mean, interval.ci_low, interval.ci_high
    return Feedback(
        n=n,
        mean=mean,
        ci_low=ci_low,
        ci_high=ci_high,
        csat=csat(scores),
        distribution={int(s): int(k) for s, k in zip(scores["score"], scores["n"], strict=True)},
        attendees=int(questions["attendees"]),
        questions=int(questions["questions"]),
        askers=int(questions["askers"]),
    )


def answers_per_score(feedback: Feedback) -> pd.Series:
    """Answers per score of the whole scale, 1 to 5 (0 for a score nobody gave)."""
    counts = [feedback.distribution.get(s, 0) for s in SCORES]
    return pd.Series(counts, index=pd.Index(SCORES, name="score"), name="n", dtype="int64")
