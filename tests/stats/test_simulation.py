"""Seeded simulations: 95% intervals cover the truth and the false-positive rate is 5%."""

import numpy as np
import pandas as pd
import pytest

from campaign_eval import stats
from tests.stats._helpers import cuped_data, fields_of

N_CAMPAIGNS = 2000


def simulate_proportions(rng: np.random.Generator, effect: float) -> pd.DataFrame:
    n_t, n_c, p_c = 900, 1000, 0.15
    s_t = rng.binomial(n_t, p_c + effect, size=N_CAMPAIGNS)
    s_c = rng.binomial(n_c, p_c, size=N_CAMPAIGNS)
    rows = [stats.compare_proportions(a, n_t, b, n_c) for a, b in zip(s_t, s_c, strict=True)]
    return pd.DataFrame([fields_of(r) for r in rows])


def simulate_means(rng: np.random.Generator, effect: float, *, cuped: bool) -> pd.DataFrame:
    rows = []
    for _ in range(N_CAMPAIGNS):
        y_t, y_c, x_t, x_c = cuped_data(rng, 80, 100, effect)
        covariates = {"covariate_treatment": x_t, "covariate_control": x_c} if cuped else {}
        rows.append(stats.compare_means(y_t, y_c, **covariates))
    return pd.DataFrame([fields_of(r) for r in rows])


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["proportions", "means", "cuped"])
def test_simulated_coverage_and_false_positive_rate(kind: str) -> None:
    rng = np.random.default_rng(20260630)
    effect = 0.03 if kind == "proportions" else 8.0

    def run(true_effect: float) -> pd.DataFrame:
        if kind == "proportions":
            return simulate_proportions(rng, true_effect)
        return simulate_means(rng, true_effect, cuped=kind == "cuped")

    with_effect = run(effect)
    coverage = ((with_effect.ci_low <= effect) & (effect <= with_effect.ci_high)).mean()
    assert 0.935 <= coverage <= 0.965
    null = run(0.0)
    false_positive_rate = (null.p_value < 0.05).mean()
    assert 0.035 <= false_positive_rate <= 0.065
    if kind == "cuped":
        assert with_effect.variance_reduction.mean() > 0.5
