"""What an interval allows a sentence to claim: a goal reached or missed, a standard met or not.

A verdict is read off the whole confidence interval, never off the point estimate: a target
inside the interval is "too close to call", however close the estimate is to it (docs/methods.md,
"Verdicts").
"""

from __future__ import annotations

import math
from typing import Literal, get_args

from campaign_eval.checks import check_choice
from campaign_eval.stats.power import Direction

GoalVerdict = Literal["reached", "missed", "too_close"]
"""A goal's verdict: its whole interval on the good side of the target, on the other, or across."""
StandardVerdict = Literal["met", "not_met", "cant_tell"]
"""A standard's verdict (ROI at least 1:5): the interval at or above it, below it, or across."""
Side = Literal["good", "bad", "across"]


def interval_side(low: float, high: float, threshold: float, direction: Direction) -> Side | None:
    """Where an interval lies against a threshold, for a quantity whose good ``direction`` is given.

    Args:
        low: Lower bound of the interval.
        high: Upper bound.
        threshold: The target or standard.
        direction: ``increase`` (higher is better) or ``decrease``.

    Returns:
        ``good`` when the whole interval is on the good side (a bound on the threshold counts as
        reaching it), ``bad`` when the whole interval is on the other side, ``across`` otherwise;
        None when a number is unknown.

    Raises:
        ValueError: When ``low > high`` or ``direction`` is unknown.
    """
    check_choice("direction", direction, get_args(Direction))
    if any(math.isnan(v) for v in (low, high, threshold)):
        return None
    if low > high:
        raise ValueError(f"low must not exceed high; got low={low!r}, high={high!r}")
    if direction == "increase":
        if low >= threshold:
            return "good"
        return "bad" if high < threshold else "across"
    if high <= threshold:
        return "good"
    return "bad" if low > threshold else "across"


_GOAL: dict[Side, GoalVerdict] = {"good": "reached", "bad": "missed", "across": "too_close"}
_STANDARD: dict[Side, StandardVerdict] = {"good": "met", "bad": "not_met", "across": "cant_tell"}


def goal_verdict(
    low: float, high: float, target: float, direction: Direction
) -> GoalVerdict | None:
    """Reached, missed or too close to call, from the interval of the goal's actual value.

    Example:
        >>> goal_verdict(2204.0, 2522.0, 2527.0, "increase")  # the whole interval below target
        'missed'
        >>> goal_verdict(0.167, 0.202, 0.18, "increase")
        'too_close'
    """
    side = interval_side(low, high, target, direction)
    return None if side is None else _GOAL[side]


def standard_verdict(low: float, high: float, standard: float) -> StandardVerdict | None:
    """Met, not met or can't tell yet, for a standard that asks for at least ``standard``.

    Example:
        >>> standard_verdict(-5.4, 14.7, 5.0)
        'cant_tell'
    """
    side = interval_side(low, high, standard, "increase")
    return None if side is None else _STANDARD[side]
