"""The one number format: counts, amounts, %, signed changes, p-values and intervals, in both languages."""

from __future__ import annotations

import doctest
import math

import numpy as np
import pandas as pd
import pytest

from campaign_eval.report import format as report_format
from campaign_eval.report.format import (
    Formatter,
    format_ci,
    format_money,
    format_number,
    format_p,
    format_pct,
    format_signed,
)


def test_docstring_examples():
    assert doctest.testmod(report_format).failed == 0


# ---------------------------------------------------------------------------------------------
# number formats


@pytest.mark.parametrize(
    ("x", "digits", "expected"),
    [
        (1234567, 0, "1,234,567"),
        (1234567.891, 1, "1,234,567.9"),
        (-1234.5, 0, "-1,234"),  # round half to even, as Python's format does
        (-0.2, 0, "0"),
        (0, 2, "0.00"),
        (np.int64(42), 0, "42"),
        (np.float32(2.5), 1, "2.5"),
        (math.inf, 0, "∞"),
    ],
)
def test_format_number(x, digits, expected):
    assert format_number(x, digits) == expected


@pytest.mark.parametrize(
    ("x", "digits", "expected"),
    [
        (0.1234, 1, "12.3%"),
        (1, 1, "100.0%"),
        (12.5, 0, "1,250%"),
        (-0.00001, 1, "0.0%"),
        (-0.052, 1, "-5.2%"),
        (0.98765, 2, "98.77%"),
    ],
)
def test_format_pct(x, digits, expected):
    assert format_pct(x, digits) == expected


@pytest.mark.parametrize("missing", [None, float("nan"), np.nan, pd.NA, pd.NaT])
def test_missing_values(missing):
    assert format_number(missing) == "n/a"
    assert format_pct(missing) == "n/a"
    assert format_ci(missing, 1.0) == "n/a"
    assert format_ci(0.1, missing, pct=True) == "n/a"
    assert format_number(missing, language="zh") == "不适用"
    assert format_pct(missing, language="zh") == "不适用"
    assert format_ci(missing, missing, language="zh") == "不适用"


def test_format_ci():
    assert format_ci(0.012, 0.034, pct=True) == "1.2%\u00a0to 3.4%"
    assert format_ci(-1500, 2500) == "-1,500\u00a0to 2,500"
    assert format_ci(1.234, 5.678, digits=2) == "1.23\u00a0to 5.68"
    assert format_ci(0.012, 0.034, pct=True, digits=0) == "1%\u00a0to 3%"
    # in a narrow cell a CI may break after "to", never between a bound and "to"
    assert format_ci(-0.5, 0.5, pct=True).split(" ") == ["-50.0%\u00a0to", "50.0%"]
    assert format_ci(1, 2, language="zh") == "1\u00a0至 2"


def test_formats_reject_non_numbers_and_unknown_language():
    with pytest.raises(TypeError, match="x must be a real number, got str"):
        format_number("12")
    with pytest.raises(TypeError, match="real number"):
        format_pct(True)
    with pytest.raises(ValueError, match="language must be one of 'en', 'zh'; got 'fr'"):
        format_pct(0.1, language="fr")


@pytest.mark.parametrize(
    ("p", "expected"),
    [(0.2, "0.200"), (0.0312, "0.031"), (0.001, "0.001"), (0.00099, "<0.001"), (0.0, "<0.001")],
)
def test_p_values_have_three_decimals_or_a_floor(p, expected):
    assert format_p(p) == expected
    assert Formatter("zh").p(p) == expected


def test_signed_changes_never_sign_a_zero():
    assert format_signed(4.12, 1, unit=" pp") == "+4.1 pp"
    assert format_signed(-0.04, 1) == "0.0"  # rounds to zero: no sign, no minus zero
    assert format_signed(0.04, 1) == "0.0"
    assert format_signed(-1234.0) == "-1,234"
    assert format_signed(None, language="zh") == "不适用"


@pytest.mark.parametrize(
    ("x", "digits", "expected"),
    [
        (-0.026, 1, "-0.03"),  # the complaint-rate bound that used to read 0.0 pp
        (0.026, 1, "+0.03"),
        (-0.00004, 1, "0.0"),  # at most SIGN_EXTRA_DIGITS more; beyond that it is zero
        (-0.4, 0, "-0.4"),
        (-1.26, 1, "-1.3"),  # a bound that already shows its sign keeps its digits
        (0.0, 1, "0.0"),
    ],
)
def test_an_interval_bound_keeps_its_sign(x, digits, expected):
    assert format_signed(x, digits, keep_sign=True) == expected


@pytest.mark.parametrize(
    ("x", "currency", "language", "expected"),
    [
        (12345.6, "CNY", "en", "CN¥12,346"),
        (12345.6, "CNY", "zh", "¥12,346"),
        (-1500, "USD", "en", "-$1,500"),
        (1500, "USD", "zh", "US$1,500"),
        (-0.3, "EUR", "en", "€0"),  # rounds to zero: no minus
        (1500, None, "en", "1,500"),  # no currency: a plain amount
        (None, "CNY", "zh", "不适用"),
    ],
)
def test_money_carries_the_currency_symbol_of_the_language(x, currency, language, expected):
    assert format_money(x, currency=currency, language=language) == expected


def test_a_change_of_money_has_its_sign_before_the_symbol():
    f = Formatter("en", currency="CNY")
    assert (f.signed_money(1234.4), f.signed_money(-56), f.signed_money(0.2)) == (
        "+CN¥1,234",
        "-CN¥56",
        "CN¥0",
    )
    assert Formatter("zh").range("1", "2") == "1\u00a0至 2"


def test_formatter_is_the_module_formats_in_one_language():
    f = Formatter("en")
    assert f.number(1234.5, 1) == format_number(1234.5, 1)
    assert f.pct(0.1234) == "12.3%"
    assert f.signed_pct(0.12) == "+12.0%"
    assert f.signed_pct(math.nan) == "n/a"
    assert f.ci(0.01, 0.02, pct=True) == format_ci(0.01, 0.02, pct=True)
    assert f.range("a", "b") == "a\u00a0to b"
    assert Formatter("zh").na == "不适用"
    with pytest.raises(ValueError, match="language must be one of 'en', 'zh'; got 'de'"):
        Formatter("de")  # type: ignore[arg-type]
