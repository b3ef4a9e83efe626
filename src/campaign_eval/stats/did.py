"""Difference in differences against a control group: (T_post - T_pre) - (C_post - C_pre)."""

from __future__ import annotations

import math

from campaign_eval.stats._checks import (
    _check_alpha,
    _check_finite,
    _check_n,
    _check_sd,
    _check_successes,
)
from campaign_eval.stats._inference import _comparison, _z_test
from campaign_eval.stats.constants import DEFAULT_ALPHA, EXACT_MIN_COUNT
from campaign_eval.stats.results import Comparison

_NAN = math.nan
_NO_DID_LIFT = "relative lift not defined for a difference in differences"


def diff_in_diff_proportions(
    t_pre: int,
    n_t_pre: int,
    t_post: int,
    n_t_post: int,
    c_pre: int,
    n_c_pre: int,
    c_post: int,
    n_c_post: int,
    *,
    alpha: float = DEFAULT_ALPHA,
) -> Comparison:
    """Difference in differences of proportions, ``(T_post - T_pre) - (C_post - C_pre)``.

    The SE is the square root of the four ``p (1 - p) / n`` terms, which treats the four cells
    as independent samples; when the same customers are measured twice and their outcomes are
    positively correlated this is conservative. z-test and Wald interval.

    Args:
        t_pre: Treatment successes before.
        n_t_pre: Treatment customers before.
        t_post: Treatment successes after.
        n_t_post: Treatment customers after.
        c_pre: Control successes before.
        n_c_pre: Control customers before.
        c_post: Control successes after.
        n_c_post: Control customers after.
        alpha: Two-sided significance level.

    Returns:
        A Comparison with ``metric_kind="did_proportion"``; ``value_treatment`` and
        ``value_control`` are each arm's change, and ``n_*`` count both periods.

    Raises:
        ValueError: If a count is invalid, a cell is empty, or successes exceed n.
    """
    cells = [
        _check_successes(s_name, s, n_name, n)
        for s_name, s, n_name, n in (
            ("t_pre", t_pre, "n_t_pre", n_t_pre),
            ("t_post", t_post, "n_t_post", n_t_post),
            ("c_pre", c_pre, "n_c_pre", n_c_pre),
            ("c_post", c_post, "n_c_post", n_c_post),
        )
    ]
    alpha = _check_alpha(alpha)
    p = [s / n for s, n in cells]
    se = math.sqrt(sum(pi * (1 - pi) / n for pi, (_, n) in zip(p, cells, strict=True)))
    change_t, change_c = p[1] - p[0], p[3] - p[2]
    test = _z_test(change_t - change_c, se, alpha, "no variation in any cell: no test possible")
    small = any(min(s, n - s) < EXACT_MIN_COUNT for s, n in cells)
    small_note = (
        f"a cell has fewer than {EXACT_MIN_COUNT} successes or failures: "
        "the normal approximation may be poor"
        if small
        else ""
    )
    return _comparison(
        "did_proportion",
        "difference in differences, z-test, Wald CI",
        (cells[0][1] + cells[1][1], cells[2][1] + cells[3][1]),
        (change_t, change_c),
        change_t - change_c,
        test,
        alpha=alpha,
        notes=(small_note, _NO_DID_LIFT),
    )


def diff_in_diff_means_from_stats(
    mean_t_pre: float,
    sd_t_pre: float,
    n_t_pre: int,
    mean_t_post: float,
    sd_t_post: float,
    n_t_post: int,
    mean_c_pre: float,
    sd_c_pre: float,
    n_c_pre: int,
    mean_c_post: float,
    sd_c_post: float,
    n_c_post: int,
    *,
    alpha: float = DEFAULT_ALPHA,
) -> Comparison:
    """Difference in differences of means (e.g. spend), normal approximation.

    ``(T_post - T_pre) - (C_post - C_pre)`` with SE the square root of the four ``sd**2 / n``
    terms (cells treated as independent, as in ``diff_in_diff_proportions``), z-test and
    Wald interval.

    Args:
        mean_t_pre: Treatment mean before.
        sd_t_pre: Treatment sample standard deviation before (ddof=1).
        n_t_pre: Treatment customers before.
        mean_t_post: Treatment mean after.
        sd_t_post: Treatment sample standard deviation after.
        n_t_post: Treatment customers after.
        mean_c_pre: Control mean before.
        sd_c_pre: Control sample standard deviation before.
        n_c_pre: Control customers before.
        mean_c_post: Control mean after.
        sd_c_post: Control sample standard deviation after.
        n_c_post: Control customers after.
        alpha: Two-sided significance level.

    Returns:
        A Comparison with ``metric_kind="did_mean"``; ``value_treatment`` and
        ``value_control`` are each arm's change, and ``n_*`` count both periods.

    Raises:
        ValueError: If a cell is empty or a mean or standard deviation is invalid.
    """
    raw = {
        "t_pre": (mean_t_pre, sd_t_pre, n_t_pre),
        "t_post": (mean_t_post, sd_t_post, n_t_post),
        "c_pre": (mean_c_pre, sd_c_pre, n_c_pre),
        "c_post": (mean_c_post, sd_c_post, n_c_post),
    }
    cells = {}
    for cell, (mean, sd, n) in raw.items():
        n_int = _check_n(f"n_{cell}", n)
        cells[cell] = (
            _check_finite(f"mean_{cell}", mean),
            _check_sd(f"sd_{cell}", sd, n_int),
            n_int,
        )
    alpha = _check_alpha(alpha)
    single = [cell for cell, (_, _, n) in cells.items() if n < 2]  # noqa: PLR2004 - a sample variance needs two observations
    change_t = cells["t_post"][0] - cells["t_pre"][0]
    change_c = cells["c_post"][0] - cells["c_pre"][0]
    se = math.sqrt(sum(sd**2 / n for _, sd, n in cells.values()))
    test = _z_test(
        change_t - change_c,
        se,
        alpha,
        f"n=1 in {', '.join(single)}: no variance estimate"
        if single
        else "every cell has zero variance: no test possible",
    )
    return _comparison(
        "did_mean",
        "difference in differences, z-test, Wald CI",
        (cells["t_pre"][2] + cells["t_post"][2], cells["c_pre"][2] + cells["c_post"][2]),
        (change_t, change_c),
        change_t - change_c,
        test,
        alpha=alpha,
        notes=(_NO_DID_LIFT,),
    )
