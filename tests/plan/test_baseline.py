"""Baselines: the window before the start, the goal's customers, and values measured on the engine
equal to the same numbers computed in pandas."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from campaign_eval.config.plan import Goal
from campaign_eval.config.segmentation import SegmentationParams
from campaign_eval.metrics.catalogue import METRICS
from campaign_eval.plan.baseline import (
    BaselineMeter,
    baseline_window,
    measure,
    select_scope,
    target_level,
)
from campaign_eval.segmentation.rules import segment_data
from tests.plan.conftest import START

AFTER, THROUGH = dt.date(2026, 5, 31), dt.date(2026, 6, 30)


def _goal(**fields) -> Goal:
    return Goal.model_validate({"id": "g", "metric": "repurchase_rate", "target": 0.2, **fields})


def _in_window(ts: pd.Series) -> pd.Series:
    return (ts >= pd.Timestamp(AFTER + dt.timedelta(days=1))) & (
        ts < pd.Timestamp(THROUGH + dt.timedelta(days=1))
    )


def _population(small_frames, n: int = 250) -> pd.DataFrame:
    return small_frames["customers"][["customer_id"]].iloc[:n]


def test_the_window_is_the_w_days_ending_the_day_before_the_start():
    assert baseline_window(START, 30) == (AFTER, THROUGH)
    assert baseline_window(START, 1) == (dt.date(2026, 6, 29), THROUGH)


def test_the_target_level_follows_how_the_goal_states_it():
    assert target_level(_goal(target=0.2), 0.1) == 0.2
    assert target_level(_goal(target=None, relative=0.5), 0.1) == pytest.approx(0.15)
    assert target_level(_goal(target=None, change=0.03), 0.1) == pytest.approx(0.13)


def test_the_scope_is_the_segment_narrowed_by_each_filter():
    customers = pd.DataFrame(
        {
            "customer_id": ["a", "b", "c", "d", "e"],
            "segment": ["core", "core", "growth", "new", "maintain"],
            "region": ["North", "South", "North", "North", "North"],
        }
    )
    targeted = ("core", "growth", "new")
    north_core = _goal(scope={"segment": "core", "filters": {"region": "North"}})
    assert list(select_scope(customers, north_core, targeted)["customer_id"]) == ["a"]
    everyone = _goal(scope={"segment": "all"})
    assert list(select_scope(customers, everyone, targeted)["customer_id"]) == ["a", "b", "c", "d"]
    assert list(select_scope(customers, everyone, targeted).columns) == ["customer_id", "segment"]


def test_order_metrics_equal_the_pandas_oracle(small_data, small_frames):
    population = _population(small_frames)
    orders = small_frames["orders"]
    window = orders[
        _in_window(orders["order_date"]) & orders["customer_id"].isin(population["customer_id"])
    ]
    buyers = window.loc[window["amount"] > 0, "customer_id"].nunique()
    value, sd, n = measure(small_data, population, METRICS["repurchase_rate"], AFTER, THROUGH, "t1")
    assert (value, n) == (pytest.approx(buyers / len(population)), len(population))
    assert math.isnan(sd)  # proportions carry no sd

    spend = population["customer_id"].map(window.groupby("customer_id")["amount"].sum()).fillna(0.0)
    value, sd, n = measure(
        small_data, population, METRICS["spend_per_customer"], AFTER, THROUGH, "t2"
    )
    assert value == pytest.approx(spend.mean(), rel=1e-9)
    assert sd == pytest.approx(spend.std(ddof=1), rel=1e-9)
    assert n == len(population)


def test_survey_metrics_count_only_customers_who_answered(small_data, small_frames):
    population = _population(small_frames, 400)
    surveys = small_frames["surveys"]
    answered = surveys[
        _in_window(surveys["survey_date"]) & surveys["customer_id"].isin(population["customer_id"])
    ]
    per_customer = answered.groupby("customer_id")["satisfaction"].mean()
    value, sd, n = measure(
        small_data, population, METRICS["mean_satisfaction"], AFTER, THROUGH, "t3"
    )
    assert n == len(per_customer) > 0
    assert value == pytest.approx(per_customer.mean(), rel=1e-9)
    assert sd == pytest.approx(per_customer.std(ddof=1), rel=1e-9)


def test_nps_is_measured_in_points_from_the_latest_answer(small_data, small_frames):
    population = _population(small_frames, 400)
    surveys = small_frames["surveys"]
    answered = surveys[
        _in_window(surveys["survey_date"]) & surveys["customer_id"].isin(population["customer_id"])
    ]
    last_day = answered.groupby("customer_id")["survey_date"].transform("max")
    latest = answered[answered["survey_date"] == last_day].groupby("customer_id")["nps"].mean()
    points = np.select([latest >= 9, latest <= 6], [100.0, -100.0], 0.0)
    value, sd, n = measure(small_data, population, METRICS["nps"], AFTER, THROUGH, "t4")
    assert n == len(latest)
    assert value == pytest.approx(points.mean(), rel=1e-9)
    assert sd == pytest.approx(points.std(ddof=0), rel=1e-9)  # nps_sd: per respondent


def test_an_empty_population_measures_nothing(small_data):
    empty = pd.DataFrame({"customer_id": pd.Series(dtype=str)})
    value, sd, n = measure(small_data, empty, METRICS["csat"], AFTER, THROUGH, "t5")
    assert math.isnan(value) and math.isnan(sd) and n == 0


def test_an_earlier_cohort_baseline_follows_the_customers_the_rules_chose_one_window_earlier(
    small_data, small_frames
):
    rules = SegmentationParams()
    targeted = ("core", "growth", "churn_risk", "new")
    meter = BaselineMeter(small_data, START, rules, targeted)
    goal = _goal(scope={"segment": "growth"}, baseline="earlier_cohort")
    now = segment_data(small_data, THROUGH, rules).customers
    scope = select_scope(now, goal, targeted)
    baseline = meter.baseline(goal, METRICS["repurchase_rate"], scope)
    cohort = select_scope(segment_data(small_data, AFTER, rules).customers, goal, targeted)
    value, _, n = measure(small_data, cohort, METRICS["repurchase_rate"], AFTER, THROUGH, "t6")
    assert (baseline.value, baseline.n_measured, baseline.n_customers) == (value, n, len(cohort))
    assert (baseline.after, baseline.through, baseline.source) == (AFTER, THROUGH, "earlier_cohort")
    assert meter.cohort(AFTER) is meter.cohort(AFTER)  # segmented once per day
    pre = meter.baseline(_goal(scope={"segment": "growth"}), METRICS["repurchase_rate"], scope)
    assert pre.n_customers == len(scope) and pre.source == "pre_window"
