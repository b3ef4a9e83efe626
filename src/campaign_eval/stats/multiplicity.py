"""Holm and Benjamini-Hochberg adjustment within one family of comparisons."""

from __future__ import annotations

import math
from typing import Literal, get_args

import numpy as np
from numpy.typing import ArrayLike
from statsmodels.stats.multitest import multipletests

from campaign_eval.checks import check_choice as _check_choice
from campaign_eval.stats._checks import _check_alpha
from campaign_eval.stats.constants import DEFAULT_ALPHA
from campaign_eval.stats.results import AdjustedPValues

PValueAdjustment = Literal["holm", "fdr_bh"]
"""Holm (family-wise error rate) or Benjamini-Hochberg (false discovery rate)."""

_NAN = math.nan


def adjust_pvalues(
    pvalues: ArrayLike, method: PValueAdjustment = "holm", *, alpha: float = DEFAULT_ALPHA
) -> AdjustedPValues:
    """Adjust one family of p-values (all segments x metrics of an evaluation).

    NaN p-values (comparisons that could not be tested) stay NaN and are left out of the
    family, so they neither count toward its size nor get rejected.

    Args:
        pvalues: Raw p-values.
        method: "holm" (family-wise error rate, the default) or "fdr_bh"
            (Benjamini-Hochberg false discovery rate).
        alpha: Error rate to control.

    Returns:
        An AdjustedPValues in input order.

    Raises:
        ValueError: If ``method`` is not allowed or a p-value is outside [0, 1].
    """
    _check_choice("method", method, get_args(PValueAdjustment))
    alpha = _check_alpha(alpha)
    raw = np.asarray(pvalues, dtype=float).reshape(-1)
    bad = raw[~np.isnan(raw) & ~((raw >= 0) & (raw <= 1))]
    if bad.size:
        raise ValueError(f"pvalues must be in [0, 1] or NaN; got {bad.tolist()}")
    tested = ~np.isnan(raw)
    adjusted = np.full(raw.shape, _NAN)
    rejected = np.zeros(raw.shape, dtype=bool)
    if tested.any():
        reject, corrected, _, _ = multipletests(raw[tested], alpha=alpha, method=method)
        adjusted[tested] = corrected
        rejected[tested] = reject
    return AdjustedPValues(
        p_raw=tuple(raw.tolist()),
        p_adjusted=tuple(adjusted.tolist()),
        rejected=tuple(rejected.tolist()),
        method=method,
        alpha=alpha,
        n_tests=int(tested.sum()),
    )
