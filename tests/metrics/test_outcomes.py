"""Engine aggregates of every metric against a direct pandas computation of its definition."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from campaign_eval.io import CampaignData
from campaign_eval.metrics.catalogue import METRICS
from campaign_eval.metrics.outcomes import group_stats, group_stats_many

START, END = dt.date(2026, 3, 1), dt.date(2026, 3, 31)
LOW, HIGH = pd.Timestamp("2026-03-02"), pd.Timestamp("2026-04-01")  # (start, end] in timestamps


@pytest.fixture(scope="module")
def world():
    rng = np.random.default_rng(11)
    ids = [f"C{i}" for i in range(300)]
    orders = pd.DataFrame(
        {
            "customer_id": rng.choice(ids, 2000),
            "order_date": pd.Timestamp("2025-01-01")
            + pd.to_timedelta(rng.integers(0, 500, 2000), unit="D")
            + pd.to_timedelta(rng.integers(0, 86400, 2000), unit="s"),
            "amount": rng.normal(60, 40, 2000).round(2),
        }
    )
    surveys = pd.DataFrame(
        {
            "customer_id": rng.choice(ids, 600),
            "survey_date": pd.Timestamp("2026-02-15")
            + pd.to_timedelta(rng.integers(0, 60, 600), unit="D"),
            "satisfaction": rng.integers(1, 6, 600).astype(float),
            "nps": rng.integers(0, 11, 600).astype(float),
        }
    )
    complaints = pd.DataFrame(
        {"customer_id": rng.choice(ids, 80),
         "complaint_date": pd.Timestamp("2026-02-01") + pd.to_timedelta(rng.integers(0, 90, 80), unit="D")}
    )  # fmt: skip
    population = pd.DataFrame({"customer_id": ids, "arm": rng.choice(["treatment", "control"], 300),
                               "segment": rng.choice(["core", "new"], 300)})  # fmt: skip
    return {"orders": orders, "surveys": surveys, "complaints": complaints}, population


def _oracle(frames, population, metric) -> pd.Series:
    """Per-customer value of the metric, straight from its definition in docs/methods.md, in pandas."""
    idx = population.set_index("customer_id").index
    o = frames["orders"]
    window = o[(o["order_date"] >= LOW) & (o["order_date"] < HIGH)]
    buys = window[window["amount"] > 0].groupby("customer_id").size().reindex(idx, fill_value=0)
    if metric == "repurchase_rate":
        return (buys >= 1).astype(float)
    if metric == "repeat_purchase_rate":
        return (buys >= 2).astype(float)
    if metric == "spend_per_customer":
        return window.groupby("customer_id")["amount"].sum().reindex(idx, fill_value=0.0)
    if metric == "churn_rate":
        before = o[
            (o["amount"] > 0)
            & (o["order_date"] >= pd.Timestamp("2025-03-02"))
            & (o["order_date"] < LOW)
        ]
        active = idx.isin(before["customer_id"])
        return (buys[active] == 0).astype(float)
    if metric == "complaint_rate":
        c = frames["complaints"]
        hit = c[(c["complaint_date"] >= LOW) & (c["complaint_date"] < HIGH)]["customer_id"]
        return pd.Series(idx.isin(hit).astype(float), index=idx)
    s = frames["surveys"]
    s = s[(s["survey_date"] >= LOW) & (s["survey_date"] < HIGH)]
    if metric == "mean_satisfaction":
        return s.groupby("customer_id")["satisfaction"].mean().reindex(idx).dropna()
    column = "satisfaction" if metric == "csat" else "nps"
    s = s.dropna(subset=[column])
    latest = s[s["survey_date"] == s.groupby("customer_id")["survey_date"].transform("max")]
    value = latest.groupby("customer_id")[column].mean().reindex(idx).dropna()
    return (value >= 4).astype(float) if metric == "csat" else value


@pytest.mark.parametrize("metric", list(METRICS))
def test_group_stats_match_pandas(world, metric):
    frames, population = world
    data = CampaignData.from_frames(frames)
    got = group_stats(data, data.register("pop", population), metric, START, END).set_index(
        ["arm", "segment"]
    )
    values = (
        _oracle(frames, population, metric)
        .rename("v")
        .to_frame()
        .join(population.set_index("customer_id"))
    )
    expected = values.groupby(["arm", "segment"])["v"].agg(
        n="size", sum="sum", sumsq=lambda v: (v**2).sum()
    )
    pd.testing.assert_frame_equal(
        got[["n", "sum", "sumsq"]].astype(float), expected.astype(float), rtol=1e-9
    )
    if METRICS[metric].kind == "nps":
        # docs/methods.md: promoters 9-10, passives 7-8, detractors 0-6 (two answers on the latest
        # day are averaged, so a value can fall between the whole numbers)
        v = values["v"]
        for column, mask in (("promoters", v >= 9), ("passives", (v > 6) & (v < 9)),
                             ("detractors", v <= 6)):  # fmt: skip
            counted = values[mask].groupby(["arm", "segment"]).size()
            assert got[column].astype(int).to_dict() == counted.to_dict(), column


def test_many_metrics_in_one_pass_equal_one_at_a_time(world):
    frames, population = world
    data = CampaignData.from_frames(frames)
    pop = data.register("pop", population)
    many = group_stats_many(data, pop, list(METRICS), START, END)
    for metric in METRICS:
        pd.testing.assert_frame_equal(many[metric], group_stats(data, pop, metric, START, END))


def test_unknown_metric_lists_the_catalogue(world):
    frames, population = world
    data = CampaignData.from_frames(frames)
    with pytest.raises(
        ValueError, match="unknown metric 'repurchase'; choose from repurchase_rate"
    ):
        group_stats(data, data.register("pop", population), "repurchase", START, END)


def test_churn_denominator_can_be_fixed_before_the_campaign(world):
    """Orders during a promotion come after randomization: they must not decide who counts."""
    frames, population = world
    data = CampaignData.from_frames(frames)
    pop = data.register("pop", population)
    early = dt.date(2025, 1, 20)  # the fixture's orders start on 2025-01-01
    got = group_stats(data, pop, "churn_rate", START, END, active_as_of=early)
    o = frames["orders"]
    active = o[
        (o["amount"] > 0)
        & (o["order_date"] >= pd.Timestamp("2024-01-21"))
        & (o["order_date"] < pd.Timestamp("2025-01-21"))
    ]
    expected_n = population["customer_id"].isin(active["customer_id"]).sum()
    assert got["n"].sum() == expected_n
    assert got["n"].sum() != group_stats(data, pop, "churn_rate", START, END)["n"].sum()


def test_nps_categories_cut_at_six_and_nine():
    """An answer of 6 is a detractor, 7 and 8 passives, 9 a promoter (docs/methods.md)."""
    answers = [0, 6, 7, 8, 9, 10]
    ids = [f"C{i}" for i in range(len(answers))]
    surveys = pd.DataFrame(
        {"customer_id": ids, "survey_date": pd.Timestamp("2026-03-10"), "nps": answers}
    )
    data = CampaignData.from_frames({"surveys": surveys.astype({"nps": float})})
    population = pd.DataFrame({"customer_id": ids, "arm": "treatment", "segment": "core"})
    got = group_stats(data, data.register("pop", population), "nps", START, END).iloc[0]
    assert (got["detractors"], got["passives"], got["promoters"]) == (2, 2, 2)


def test_several_windows_in_one_pass_equal_each_window_alone(world):
    """window_columns reads the orders once for every window; each column is the window's own."""
    from campaign_eval.metrics.outcomes import outcome_columns, window_columns

    frames, population = world
    data = CampaignData.from_frames(frames)
    pop = data.register("pop", population)
    windows = {"pre": (dt.date(2025, 1, 31), dt.date(2025, 3, 1)), "post": (START, END)}
    metrics = list(METRICS)
    both = window_columns(data, pop, metrics, windows).collect("pandas").to_native()
    both = both.set_index("customer_id").sort_index()
    for key, (start, end) in windows.items():
        alone = outcome_columns(data, pop, metrics, start, end).collect("pandas").to_native()
        alone = alone.set_index("customer_id").sort_index()
        for metric in metrics:
            pd.testing.assert_series_equal(
                both[f"{key}|{metric}"].rename(metric), alone[metric], rtol=1e-12
            )
    post = both["post|churn_rate"].dropna()  # against the definition, not only against itself
    expected = _oracle(frames, population, "churn_rate")
    pd.testing.assert_series_equal(post, expected.sort_index(), check_names=False)
    assert both["pre|churn_rate"].count() < both["post|churn_rate"].count()  # own start each


def test_churn_judged_on_one_day_for_every_window(world):
    from campaign_eval.metrics.outcomes import window_columns

    frames, population = world
    data = CampaignData.from_frames(frames)
    pop = data.register("pop", population)
    windows = {"pre": (dt.date(2026, 1, 31), dt.date(2026, 3, 1)), "post": (START, END)}
    both = window_columns(data, pop, ["churn_rate"], windows, active_as_of=START)
    got = both.collect("pandas").to_native()
    assert got["pre|churn_rate"].notna().sum() == got["post|churn_rate"].notna().sum()
    assert got["post|churn_rate"].notna().sum() == _oracle(frames, population, "churn_rate").size
