"""Mann-Whitney U between arms, for ordinal scores such as 1-5 satisfaction."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike
from scipy import stats as sps

from campaign_eval.stats._checks import _as_sample, _check_count
from campaign_eval.stats.results import MannWhitneyResult


def mann_whitney(treatment: ArrayLike, control: ArrayLike) -> MannWhitneyResult:
    """Two-sided Mann-Whitney U test, to show beside the Welch test for ordinal scores.

    Args:
        treatment: Score per treatment customer.
        control: Score per control customer.

    Returns:
        A MannWhitneyResult with U of the treatment arm and the probability of superiority.

    Raises:
        ValueError: If an array is empty, not 1-D or not finite.
    """
    y_t, y_c = _as_sample("treatment", treatment), _as_sample("control", control)
    res = sps.mannwhitneyu(y_t, y_c, alternative="two-sided")
    u = float(res.statistic)
    return MannWhitneyResult(
        n_treatment=y_t.size,
        n_control=y_c.size,
        statistic=u,
        p_value=float(res.pvalue),
        prob_superiority=u / (y_t.size * y_c.size),
        method="Mann-Whitney U test, two-sided",
    )


def mann_whitney_from_counts(
    counts_treatment: Sequence[int], counts_control: Sequence[int]
) -> MannWhitneyResult:
    """Mann-Whitney U test from counts per ordered score level (e.g. scores 1-5).

    ``counts_treatment[k]`` is the number of treatment customers with the k-th lowest score;
    this is what ``GROUP BY arm, score`` returns, and gives the same result as
    ``mann_whitney`` on the raw scores.

    Args:
        counts_treatment: Treatment customers per score level, lowest level first.
        counts_control: Control customers per score level, same levels.

    Returns:
        The same MannWhitneyResult as ``mann_whitney``.

    Raises:
        ValueError: If the lists differ in length, a count is invalid, or an arm is empty.
    """
    if len(counts_treatment) != len(counts_control):
        raise ValueError(
            f"counts_treatment has {len(counts_treatment)} levels but counts_control has "
            f"{len(counts_control)}; they must list the same score levels"
        )
    samples = {}
    for name, counts in (
        ("counts_treatment", counts_treatment),
        ("counts_control", counts_control),
    ):
        checked = [_check_count(f"{name}[{k}]", value) for k, value in enumerate(counts)]
        if sum(checked) == 0:
            raise ValueError(f"{name} sums to 0 (an empty arm has nothing to compare)")
        samples[name] = np.repeat(np.arange(len(checked), dtype=float), checked)
    return mann_whitney(samples["counts_treatment"], samples["counts_control"])
