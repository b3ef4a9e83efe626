"""Customer feedback: negative suggestions and mean satisfaction of treated customers, in pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from campaign_eval.config.evaluation import EvaluationParams
from campaign_eval.evaluation.feedback import measure_feedback
from campaign_eval.evaluation.windows import OutcomeWindows
from campaign_eval.io import CampaignData
from tests.evaluation._helpers import EVENT, POST, START, in_window


def test_negative_suggestions_and_satisfaction_match_pandas(small, raw):
    a = raw["assignment"]
    treated = a[a["arm"] == "treatment"]
    control = a[a["arm"] == "control"]
    s = in_window(raw["surveys"], "survey_date", POST)
    commented = s[s["comment"].fillna("").str.strip().ne("")]
    negative = commented["sentiment"].eq("negative") | commented["satisfaction"].le(2)
    mine = commented["customer_id"].isin(treated.index)
    f = small.result.feedback
    assert f.negative == int(negative[mine].sum()) and f.comments == int(mine.sum())
    assert f.negative_control == int(negative[commented["customer_id"].isin(control.index)].sum())
    assert f.negative_met == bool(f.negative <= 5)
    sat = raw["sat_post"][raw["sat_post"].index.isin(treated.index)]
    assert f.respondents == len(sat) and f.mean_satisfaction == pytest.approx(sat.mean())
    assert f.satisfaction_met == bool(sat.mean() >= 4.5)
    assert f.negative_sentiments == ("negative",) and f.negative_max_score == 2


def _surveys(**columns) -> CampaignData:
    base = {
        "customer_id": ["A", "B", "C", "D"],
        "survey_date": pd.to_datetime(["2026-07-20"] * 4),
        "satisfaction": [1.0, 5.0, 5.0, 2.0],
        "comment": ["bad", "great", "  ", "slow"],
    }
    return CampaignData.from_frames({"surveys": pd.DataFrame({**base, **columns})})


def test_without_sentiments_a_low_score_with_a_comment_counts():
    data = _surveys()
    population = data.register(
        "fb_population",
        pd.DataFrame({"customer_id": list("ABCD"), "arm": ["treatment"] * 3 + ["control"],
                      "segment": "core"}),
    )  # fmt: skip
    windows = OutcomeWindows.around(START, EVENT, 30)
    f = measure_feedback(data, population, windows, EvaluationParams(), treatments=["treatment"],
                         control="control")  # fmt: skip
    assert (f.comments, f.negative, f.negative_control) == (2, 1, 1)  # C's blank comment is none
    no_scores = EvaluationParams.model_validate({"negative_feedback": {"max_score": None}})
    f = measure_feedback(data, population, windows, no_scores, treatments=["treatment"],
                         control=None)  # fmt: skip
    assert f.negative is None and f.negative_met is None and f.negative_control is None
