"""Tests of datasets.campaign: segments, assignment, the planted post window and the invitations."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from campaign_eval import contract, datasets
from campaign_eval.datasets import (
    CAMPAIGN_SALT,
    CAMPAIGN_START,
    CONTAMINATED_CONTROLS,
    DEMO_ARM_SHARES,
    EVENT_DATE,
    POST_WINDOW,
    PRE_WINDOW,
    REFERENCE_DATE,
    SMS_OUTAGE_FROM,
    TARGETED_SEGMENTS,
    TRUE_OUTCOMES,
)
from campaign_eval.plan.assignment import assign_arms
from campaign_eval.segmentation.rules import segment_frames
from tests.datasets._helpers import Z_TOLERANCE, history_until, in_window, post_answers

# --- segments and assignment: one source ------------------------------------------------------


def test_assignment_is_assign_arms_on_the_package_segments(small: dict[str, pd.DataFrame]) -> None:
    segments = segment_frames(history_until(small), REFERENCE_DATE)
    targeted = segments[segments["segment"].isin(TARGETED_SEGMENTS)]
    expected = assign_arms(targeted, salt=CAMPAIGN_SALT, shares=DEMO_ARM_SHARES)
    got = small["assignment"].sort_values("customer_id").reset_index(drop=True)
    expected = expected.sort_values("customer_id").reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected[list(got.columns)])


def test_segment_history_ignores_rows_after_the_reference_date(
    small: dict[str, pd.DataFrame],
) -> None:
    from_all = datasets.segment_history(small)
    from_history = segment_frames(history_until(small), REFERENCE_DATE)
    pd.testing.assert_frame_equal(from_all, from_history)


def test_assign_demo_arms_splits_only_the_targeted_segments(
    small: dict[str, pd.DataFrame],
) -> None:
    segments = datasets.segment_history(small)
    assignment = datasets.assign_demo_arms(segments)
    assert tuple(assignment.columns) == contract.ASSIGNMENT.column_names
    assert set(assignment["segment"]) == set(TARGETED_SEGMENTS)
    assert set(assignment["arm"]) == set(DEMO_ARM_SHARES)
    pd.testing.assert_frame_equal(assignment, small["assignment"])


def test_arm_shares_follow_the_plan(world: dict[str, pd.DataFrame]) -> None:
    assignment = world["assignment"]
    for segment, group in assignment.groupby("segment"):
        observed = group["arm"].value_counts().reindex(list(DEMO_ARM_SHARES), fill_value=0)
        expected = np.asarray(list(DEMO_ARM_SHARES.values())) * len(group)
        # the sample-ratio check (docs/methods.md): flag at p < 0.001
        assert stats.chisquare(observed, expected).pvalue > 0.001, segment
    assert assignment["arm"].eq("control").mean() == pytest.approx(0.2, abs=0.02)


def test_segment_sizes_are_sensible(world: dict[str, pd.DataFrame]) -> None:
    segments = segment_frames(history_until(world), REFERENCE_DATE)["segment"]
    share = segments.value_counts(normalize=True)
    assert set(share.index) == {*TARGETED_SEGMENTS, "maintain"}
    assert 0.03 <= share["core"] <= 0.04
    assert 0.11 <= share["churn_risk"] <= 0.15
    assert 0.12 <= share["growth"] <= 0.17
    assert 0.015 <= share["new"] <= 0.025
    assert share["maintain"] == share.max()
    counts = world["assignment"]["segment"].value_counts()
    assert counts.to_dict() == segments.value_counts().drop("maintain").to_dict()


# --- the planted post window -------------------------------------------------------------------


def test_planted_repurchase_rates_are_visible(outcomes: pd.DataFrame) -> None:
    for (segment, arm), group in outcomes.groupby(["segment", "arm"]):
        p = TRUE_OUTCOMES[segment, arm].repurchase_rate
        se = math.sqrt(p * (1 - p) / len(group))
        assert abs(group["repurchase"].mean() - p) < Z_TOLERANCE * se, (segment, arm)
    churn = outcomes[outcomes["segment"] == "churn_risk"].groupby("arm")["repurchase"].mean()
    assert churn["treatment"] == pytest.approx(0.18, abs=0.04)
    assert churn["control"] == pytest.approx(0.12, abs=0.04)


def test_planted_spend_is_visible(outcomes: pd.DataFrame) -> None:
    for (segment, arm), group in outcomes.groupby(["segment", "arm"]):
        se = group["spend"].std() / math.sqrt(len(group))
        truth = group["true_spend"].mean()
        assert abs(group["spend"].mean() - truth) < Z_TOLERANCE * se, (segment, arm)
        # the arm's truth differs from the segment's only by who was randomized into it
        planted = TRUE_OUTCOMES[segment, arm].spend_per_customer
        assert truth == pytest.approx(planted, rel=0.1), (segment, arm)


def test_planted_satisfaction_is_visible(world: dict[str, pd.DataFrame]) -> None:
    answers = post_answers(world)
    assert answers.groupby("customer_id").size().max() == 1
    assert answers["satisfaction"].notna().all()
    scores = np.arange(1, 6)
    for (segment, arm), group in answers.groupby(["segment", "arm"]):
        truth = TRUE_OUTCOMES[segment, arm]
        variance = np.dot(truth.satisfaction_probs, (scores - truth.mean_satisfaction) ** 2)
        se = math.sqrt(variance / len(group))
        observed = group["satisfaction"].mean()
        assert abs(observed - truth.mean_satisfaction) < Z_TOLERANCE * se, (segment, arm)


def test_post_survey_response_is_the_same_in_both_arms(world: dict[str, pd.DataFrame]) -> None:
    answers = post_answers(world)
    assignment = world["assignment"]
    rate = answers.groupby("arm").size() / assignment.groupby("arm").size()
    share = datasets.DEMO_CONFIG.post_survey_response
    assert rate.to_numpy() == pytest.approx([share, share], abs=0.03)


def test_some_customers_answered_before_and_after(world: dict[str, pd.DataFrame]) -> None:
    surveys = world["surveys"]
    pre = set(surveys.loc[in_window(surveys["survey_date"], PRE_WINDOW), "customer_id"])
    post = set(surveys.loc[in_window(surveys["survey_date"], POST_WINDOW), "customer_id"])
    paired = world["assignment"][world["assignment"]["customer_id"].isin(pre & post)]
    assert paired.groupby("arm").size().min() >= 100


def test_maintain_customers_keep_their_behaviour(world: dict[str, pd.DataFrame]) -> None:
    orders = world["orders"]
    targeted = set(world["assignment"]["customer_id"])
    maintain = orders[~orders["customer_id"].isin(targeted)]
    post = maintain[in_window(maintain["order_date"], POST_WINDOW)]
    assert (post["amount"] < 0).any()  # returns exist only in the type-driven orders


def test_targeted_customers_have_only_planted_orders_in_the_post_window(
    world: dict[str, pd.DataFrame],
) -> None:
    orders = world["orders"]
    targeted = orders["customer_id"].isin(world["assignment"]["customer_id"])
    post = orders[targeted & in_window(orders["order_date"], POST_WINDOW)]
    assert len(post) > 0
    assert (post["amount"] > 0).all()  # planted orders are never returns


# --- invitations and the planted problems ------------------------------------------------------


def test_contacts_funnel_is_ordered_in_time(small: dict[str, pd.DataFrame]) -> None:
    contacts = small["contacts"]
    steps = [f"{s}_at" for s in contract.CONTACT_STEPS]
    for earlier, later in itertools.pairwise(steps):
        happened = contacts[later].notna()
        assert contacts.loc[happened, earlier].notna().all(), later
        if later != "attended_at":
            assert (contacts.loc[happened, later] >= contacts.loc[happened, earlier]).all()
    start, event = pd.Timestamp(CAMPAIGN_START), pd.Timestamp(EVENT_DATE)
    for column in [*steps[:-1], "cancelled_at"]:
        times = contacts[column].dropna()
        assert times.between(start, event, inclusive="left").all(), column
    attended = contacts["attended_at"].dropna()
    assert (attended.dt.normalize() == event).all()
    assert contacts["registered_at"].notna().groupby(contacts["customer_id"]).sum().max() == 1
    assert contacts.loc[contacts["cancelled_at"].notna(), "registered_at"].notna().all()
    assert contacts.loc[contacts["cancelled_at"].notna(), "attended_at"].isna().all()
    on_site = contacts["attended_at"].notna()
    assert contacts.loc[~on_site, ["onsite_score", "questions"]].isna().all().all()
    assert contacts.loc[on_site, "questions"].notna().all()
    assert set(contacts["channel"]) == set(datasets.CHANNELS)


def test_every_invitee_gets_an_email_and_only_core_and_churn_risk_a_call(
    world: dict[str, pd.DataFrame],
) -> None:
    contacts = world["contacts"].merge(world["assignment"], on="customer_id")
    channels = contacts.groupby("customer_id")["channel"].agg(set)
    assert channels.map(lambda c: "email" in c).all()
    called = contacts.loc[contacts["channel"] == "call", "segment"]
    assert set(called) == set(datasets.CALL_SEGMENTS)
    assert (contacts.groupby(["customer_id", "channel"]).size() == 1).all()


def test_sms_delivery_collapses_after_the_outage(world: dict[str, pd.DataFrame]) -> None:
    sms = world["contacts"][world["contacts"]["channel"] == "sms"]
    late = sms["invited_at"] >= pd.Timestamp(SMS_OUTAGE_FROM)
    delivered = sms["delivered_at"].notna()
    assert delivered[~late].mean() > 0.9
    assert delivered[late].mean() < 0.5
    email = world["contacts"][world["contacts"]["channel"] == "email"]
    assert email["delivered_at"].notna().mean() > 0.9


def test_exactly_the_contaminated_controls_were_contacted(world: dict[str, pd.DataFrame]) -> None:
    contacted = set(world["contacts"]["customer_id"])
    assignment = world["assignment"]
    controls = assignment.loc[assignment["arm"] == "control", "customer_id"]
    assert controls.isin(contacted).sum() == CONTAMINATED_CONTROLS
    treated = assignment.loc[assignment["arm"] == "treatment", "customer_id"]
    assert treated.isin(contacted).all()
    assert contacted <= set(assignment["customer_id"])


def test_new_customer_participation_is_behind_a_60_percent_target(
    world: dict[str, pd.DataFrame],
) -> None:
    contacts = world["contacts"].merge(world["assignment"], on="customer_id")
    per_customer = contacts.groupby(["customer_id", "segment"])["attended_at"].count() > 0
    participation = per_customer.groupby("segment").mean()
    assert participation["new"] < 0.6
    assert participation["new"] == participation.min()
    email = contacts[contacts["channel"] == "email"]
    opened = email["opened_at"].notna().sum() / email["delivered_at"].notna().sum()
    assert opened == pytest.approx(0.45, abs=0.05)
