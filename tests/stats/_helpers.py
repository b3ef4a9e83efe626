"""Helpers of the statistics tests: rounding to significant digits, field access, properties."""

import dataclasses

import numpy as np
import pytest

from campaign_eval import stats


def sig(x: float, digits: int = 6) -> float:
    """Round to ``digits`` significant digits, the precision the reference cases are quoted to."""
    return float(f"{x:.{digits - 1}e}")


def fields_of(result: object) -> dict[str, object]:
    return {f.name: getattr(result, f.name) for f in dataclasses.fields(result)}


def assert_same_result(a: object, b: object, rel: float = 1e-9) -> None:
    """Every field equal: strings exactly, numbers to ``rel``, NaN equal to NaN."""
    assert type(a) is type(b)
    for name, value_a in fields_of(a).items():
        value_b = getattr(b, name)
        if isinstance(value_a, str):
            assert value_a == value_b, name
        else:
            assert value_a == pytest.approx(value_b, rel=rel, abs=1e-12, nan_ok=True), name


def excludes_zero(res: stats.Comparison) -> bool:
    return res.ci_low > 0 or res.ci_high < 0


def swapped_ok(res: stats.Comparison, swapped: stats.Comparison) -> None:
    assert swapped.diff == pytest.approx(-res.diff, abs=1e-12)
    assert swapped.ci_low == pytest.approx(-res.ci_high, abs=1e-12)
    assert swapped.ci_high == pytest.approx(-res.ci_low, abs=1e-12)
    assert swapped.p_value == pytest.approx(res.p_value, rel=1e-9)


def cuped_data(
    rng: np.random.Generator, n_t: int, n_c: int, effect: float
) -> tuple[np.ndarray, ...]:
    x_t, x_c = rng.gamma(3.0, 40.0, size=n_t), rng.gamma(3.0, 40.0, size=n_c)
    y_t = 20 + 0.8 * x_t + rng.normal(0, 30, size=n_t) + effect
    y_c = 20 + 0.8 * x_c + rng.normal(0, 30, size=n_c)
    return y_t, y_c, x_t, x_c
