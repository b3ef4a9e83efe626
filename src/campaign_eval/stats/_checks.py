"""Argument checks shared by the statistics functions: each error names the argument and the fix."""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

_NAN = math.nan


def _check_alpha(alpha: float, name: str = "alpha") -> float:
    if not 0 < alpha < 1:
        raise ValueError(f"{name} must be between 0 and 1 (exclusive); got {alpha!r}")
    return float(alpha)


def _check_count(name: str, value: float) -> int:
    """Return ``value`` as an int, or raise unless it is a non-negative whole number."""
    number = float(value)
    if not (math.isfinite(number) and number >= 0 and number.is_integer()):
        raise ValueError(f"{name} must be a non-negative whole number; got {value!r}")
    return int(number)


def _check_n(name: str, value: float) -> int:
    n = _check_count(name, value)
    if n == 0:
        raise ValueError(f"{name} must be at least 1 (an empty arm has nothing to compare); got 0")
    return n


def _check_successes(s_name: str, successes: float, n_name: str, n: float) -> tuple[int, int]:
    s, n_int = _check_count(s_name, successes), _check_n(n_name, n)
    if s > n_int:
        raise ValueError(f"{s_name} must not exceed {n_name}={n_int}; got {successes!r}")
    return s, n_int


def _check_finite(name: str, value: float) -> float:
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{name} must be a finite number; got {value!r}")
    return number


def _check_positive(name: str, value: float) -> float:
    number = _check_finite(name, value)
    if number <= 0:
        raise ValueError(f"{name} must be positive; got {value!r}")
    return number


def _check_sd(name: str, value: float, n: int) -> float:
    """Return the sd; with fewer than 2 observations it is undefined and ignored (NaN)."""
    if n < 2:  # noqa: PLR2004 - a sample variance needs two observations
        return _NAN
    sd = _check_finite(name, value)
    if sd < 0:
        raise ValueError(f"{name} must be non-negative; got {value!r}")
    return sd


def _check_open_probability(name: str, value: float) -> float:
    if not 0 < value < 1:
        raise ValueError(f"{name} must be between 0 and 1 (exclusive); got {value!r}")
    return float(value)


def _check_power(power: float, alpha: float) -> float:
    if not alpha < power < 1:
        raise ValueError(f"power must be between alpha={alpha} and 1 (exclusive); got {power!r}")
    return float(power)


def _as_sample(name: str, values: ArrayLike) -> np.ndarray:
    """Return ``values`` as a non-empty 1-D float array of finite numbers."""
    array = np.asarray(values, dtype=float)
    if array.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional; got shape {array.shape}")
    if array.size == 0:
        raise ValueError(f"{name} is empty (an empty arm has nothing to compare)")
    n_bad = int(np.count_nonzero(~np.isfinite(array)))
    if n_bad:
        raise ValueError(
            f"{name} contains {n_bad} non-finite values (NaN or inf); drop or impute them first"
        )
    return array


def _join(*notes: str) -> str:
    return "; ".join(note for note in notes if note)
