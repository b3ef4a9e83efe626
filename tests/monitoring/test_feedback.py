"""On-site feedback: the mean score and its t interval against scipy on the raw answers, CSAT,
and the questions asked."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps

from campaign_eval.monitoring.feedback import SCORES, answers_per_score, csat, feedback

SCORE_COUNTS = pd.DataFrame({"score": [1, 3, 4, 5], "n": [2, 5, 9, 4]})
QUESTIONS = {"attendees": 25, "questions": 12, "askers": 7}


def test_the_mean_score_and_its_t_interval_match_scipy_on_the_raw_answers():
    result = feedback(SCORE_COUNTS, QUESTIONS, alpha=0.05)
    answers = np.repeat(SCORE_COUNTS["score"], SCORE_COUNTS["n"]).to_numpy(dtype=float)
    low, high = sps.t.interval(0.95, len(answers) - 1, answers.mean(), sps.sem(answers))
    assert result.n == 20 and result.mean == pytest.approx(answers.mean())
    assert (result.ci_low, result.ci_high) == pytest.approx((low, high))
    wider = feedback(SCORE_COUNTS, QUESTIONS, alpha=0.01)
    assert wider.ci_high - wider.ci_low > result.ci_high - result.ci_low


def test_csat_is_the_share_of_fours_and_fives():
    assert csat(SCORE_COUNTS) == pytest.approx(13 / 20)
    assert math.isnan(csat(SCORE_COUNTS.head(0)))


def test_questions_are_counted_per_attendee():
    result = feedback(SCORE_COUNTS, QUESTIONS, alpha=0.05)
    assert (result.attendees, result.questions, result.askers) == (25, 12, 7)
    assert result.questions_per_attendee == pytest.approx(12 / 25)


def test_without_answers_the_score_is_missing_and_the_scale_is_all_zeros():
    empty = feedback(SCORE_COUNTS.head(0), {"attendees": 0, "questions": 0, "askers": 0},
                     alpha=0.05)  # fmt: skip
    assert empty.n == 0 and math.isnan(empty.mean) and math.isnan(empty.ci_low)
    assert math.isnan(empty.questions_per_attendee)
    assert answers_per_score(empty).tolist() == [0, 0, 0, 0, 0]


def test_the_distribution_keeps_the_scores_given_and_the_scale_fills_the_rest():
    result = feedback(SCORE_COUNTS, QUESTIONS, alpha=0.05)
    assert dict(result.distribution) == {1: 2, 3: 5, 4: 9, 5: 4}
    scale = answers_per_score(result)
    assert list(scale.index) == list(SCORES) and scale.tolist() == [2, 0, 5, 9, 4]
