"""Tests of datasets.truth: the planted outcomes and effects, and each customer's true spend."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from campaign_eval import datasets
from campaign_eval.datasets import PLANTED_EFFECTS, TARGETED_SEGMENTS, TRUE_OUTCOMES
from campaign_eval.datasets.truth import truth_per_customer


def test_planted_effects_table() -> None:
    effects = {(e.segment, e.metric): e for e in PLANTED_EFFECTS}
    assert len(effects) == len(PLANTED_EFFECTS) == len(TARGETED_SEGMENTS) * len(datasets.METRICS)
    churn = effects["churn_risk", "repurchase_rate"]
    assert (churn.control, churn.treatment) == (0.12, 0.18)
    assert effects["churn_risk", "mean_satisfaction"].difference == pytest.approx(0.3)
    assert effects["core", "mean_satisfaction"].difference == pytest.approx(0.2)
    assert effects["core", "repurchase_rate"].difference == pytest.approx(0.07)
    assert effects["growth", "repurchase_rate"].difference == pytest.approx(0.06)
    assert effects["growth", "spend_per_customer"].relative_lift == pytest.approx(0.15)
    for metric in datasets.METRICS:
        new = effects["new", metric]
        assert new.control == new.treatment
    for outcome in TRUE_OUTCOMES.values():
        assert sum(outcome.satisfaction_probs) == pytest.approx(1.0)


def test_package_docstring_documents_the_planted_effects() -> None:
    doc = datasets.__doc__ or ""
    for effect in PLANTED_EFFECTS:
        row = re.search(
            rf"^\s*{effect.segment}\s+{effect.metric}\s+(\S+)\s+(\S+)", doc, re.MULTILINE
        )
        assert row is not None, (effect.segment, effect.metric)
        # the table rounds rates to 2-3 decimals and amounts to whole units
        assert float(row.group(1)) == pytest.approx(effect.control, rel=1e-3, abs=0.005)
        assert float(row.group(2)) == pytest.approx(effect.treatment, rel=1e-3, abs=0.005)


def test_arm_outcome_means_are_those_of_the_distributions() -> None:
    outcome = TRUE_OUTCOMES["core", "control"]
    scores = np.arange(1, 6)
    assert outcome.mean_satisfaction == pytest.approx(np.dot(scores, outcome.satisfaction_probs))
    expected = outcome.repurchase_rate * (1 + outcome.extra_orders) * outcome.mean_amount
    assert outcome.spend_per_customer == pytest.approx(expected)


def test_planted_effect_names_an_unknown_pair() -> None:
    assert datasets.planted_effect("core", "repurchase_rate").treatment == 0.62
    with pytest.raises(KeyError, match="no planted effect for segment 'maintain'"):
        datasets.planted_effect("maintain", "repurchase_rate")


def test_truth_per_customer_looks_up_each_segment_and_arm() -> None:
    seg_code = np.array([0, 0, 2, 3])
    treated = np.array([False, True, True, False])
    got = truth_per_customer(seg_code, treated, "repurchase_rate")
    expected = [
        TRUE_OUTCOMES[TARGETED_SEGMENTS[s], "treatment" if t else "control"].repurchase_rate
        for s, t in zip(seg_code, treated, strict=True)
    ]
    np.testing.assert_array_equal(got, expected)
    probs = truth_per_customer(seg_code, treated, "satisfaction_probs")
    assert probs.shape == (4, 5)


def test_each_customer_spend_is_lifted_by_the_planted_ratio(
    world: dict[str, pd.DataFrame], outcomes: pd.DataFrame
) -> None:
    as_control = datasets.true_spend(world["customers"], outcomes.assign(arm="control"))
    as_treated = datasets.true_spend(world["customers"], outcomes.assign(arm="treatment"))
    for segment in TARGETED_SEGMENTS:
        mine = outcomes["segment"] == segment
        lift = datasets.planted_effect(segment, "spend_per_customer").relative_lift
        np.testing.assert_allclose(as_treated[mine], as_control[mine] * (1 + lift))
        # normalized within the segment: the population mean is the planted control value
        planted = datasets.planted_effect(segment, "spend_per_customer").control
        assert as_control[mine].mean() == pytest.approx(planted)


def test_true_spend_grows_with_the_company_size(
    world: dict[str, pd.DataFrame], outcomes: pd.DataFrame
) -> None:
    size = outcomes["customer_id"].map(world["customers"].set_index("customer_id")["size"])
    core = outcomes[(outcomes["segment"] == "core") & (outcomes["arm"] == "control")]
    by_size = core["true_spend"].groupby(size[core.index]).mean()
    order = [s for s in datasets.SIZES if s in by_size.index]
    assert by_size[order].is_monotonic_increasing


def test_true_spend_rejects_customers_outside_the_targeted_segments(
    world: dict[str, pd.DataFrame],
) -> None:
    first = world["assignment"].head(3).assign(segment="maintain")
    with pytest.raises(ValueError, match="true_spend needs targeted segments"):
        datasets.true_spend(world["customers"], first)
    unknown = world["assignment"].head(3).assign(customer_id="nobody")
    with pytest.raises(ValueError, match="customers with a size"):
        datasets.true_spend(world["customers"], unknown)
