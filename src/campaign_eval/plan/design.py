"""The sample-size design of a goal: customers needed, power and MDE at the holdout.

Also the smallest holdout on the grid that would do, and the power curve. Every number comes
from ``campaign_eval.stats``. Each goal is sized at ``goal_alpha``: the level the evaluation
judges it at (docs/methods.md, "Two families of comparisons").
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from campaign_eval import stats
from campaign_eval.checks import check_choice
from campaign_eval.plan.result import Design, DesignKind, PlannedShares

CURVE_SHARES = tuple(round(0.02 + 0.01 * k, 2) for k in range(49))
"""Holdout shares the power curve is drawn at (2% to 50%)."""
SHARE_DIGITS = 12
"""Shares are rounded to 12 decimals: 0.2, not 0.20000000000000004."""
_KINDS: tuple[DesignKind, ...] = ("proportion", "mean")


def goal_alpha(alpha: float, family_size: int) -> float:
    """The level a goal is sized at: the first Holm step of the primary family, ``alpha / m``.

    Each goal of the plan is one primary comparison of the evaluation (one treatment arm against
    control in the goal's scope), and Holm's procedure tests the smallest of the ``m`` p-values
    at ``alpha / m``. Holm rejects every hypothesis whose p-value is below ``alpha / m``, so a
    goal powered at this level is at least as powered in the evaluation. With one goal this is
    ``alpha``.

    Args:
        alpha: The family's two-sided level (``plan.alpha``).
        family_size: The number of goals of the plan, ``m`` (at least 1).

    Returns:
        ``alpha / family_size``.

    Raises:
        ValueError: When ``family_size`` is below 1.

    Example:
        >>> round(goal_alpha(0.05, 3), 6), goal_alpha(0.05, 1)
        (0.016667, 0.05)
    """
    if family_size < 1:
        msg = f"family_size must be at least 1, got {family_size}"
        raise ValueError(msg)
    return alpha / family_size


def power_at(design: Design, share: float, n_available: int | None = None) -> float:
    """Power of the design's test with holdout ``share`` of ``n_available`` (default: its scope)."""
    n = design.n_available if n_available is None else n_available
    return stats.power_at_split(
        design.kind, design.baseline, design.target, n, share, sd=design.sd, alpha=design.alpha
    )


def design_goal(
    kind: DesignKind,
    baseline: float,
    target: float,
    n_available: int,
    control_share: float,
    *,
    sd: float = math.nan,
    alpha: float = stats.DEFAULT_ALPHA,
    power: float = stats.DEFAULT_POWER,
    grid: Sequence[float] = (),
) -> Design:
    """Size the experiment for one goal.

    The sample size is the normal approximation of R's ``power.prop.test`` for proportions and
    the two-sample z approximation with the baseline SD for means (docs/methods.md), rounded up.

    Args:
        kind: ``proportion`` or ``mean``.
        baseline: Baseline (control) value.
        target: Target value.
        n_available: Customers with a value in the scope (both arms together).
        control_share: The chosen holdout share.
        sd: Standard deviation per customer (required for means).
        alpha: Two-sided significance level the goal is judged at (``goal_alpha``); every
            number of the design (sample size, power, MDE, recommendation, curve) uses it.
        power: Power to reach.
        grid: Holdout shares to try for the recommendation.

    Returns:
        The design, with the power curve over ``CURVE_SHARES``.

    Raises:
        ValueError: When ``kind`` is unknown or the inputs cannot be sized (e.g. equal values).

    Example:
        >>> d = design_goal("proportion", 0.12, 0.20, 660, 0.5)  # methods.md R4
        >>> d.n_required_per_arm, round(d.power, 6)
        (329, 0.801826)
    """
    check_choice("kind", kind, _KINDS)
    if kind == "proportion":
        needed = stats.sample_size_proportions(baseline, target, alpha=alpha, power=power)
    else:
        needed = stats.sample_size_means(sd, target - baseline, alpha=alpha, power=power)

    def power_with(share: float) -> float:
        return stats.power_at_split(kind, baseline, target, n_available, share, sd=sd, alpha=alpha)

    mde = stats.detectable_effect(
        kind,
        baseline,
        control_share * n_available,
        (1 - control_share) * n_available,
        sd=sd,
        alpha=alpha,
        power=power,
        direction="increase" if target >= baseline else "decrease",
    )
    return Design(
        kind=kind,
        baseline=baseline,
        target=target,
        sd=sd,
        n_available=int(n_available),
        control_share=control_share,
        alpha=alpha,
        desired_power=power,
        n_required_per_arm=needed.n_control,
        power=power_with(control_share),
        mde=mde,
        recommended_share=next((s for s in sorted(grid) if power_with(s) >= power), None),
        curve=tuple((share, power_with(share)) for share in CURVE_SHARES),
    )


def scope_control_share(segments: pd.Series, shares: PlannedShares) -> float:
    """The holdout share of a scope: its segments' planned shares weighted by their sizes.

    Args:
        segments: The segment of each customer in the scope.
        shares: The shares the assignment was drawn with.

    Returns:
        The share, rounded to ``SHARE_DIGITS`` decimals.
    """
    sizes = segments.value_counts()
    weighted = sum(shares.control_share_of(str(s)) * n for s, n in sizes.items()) / sizes.sum()
    return round(float(weighted), SHARE_DIGITS)
