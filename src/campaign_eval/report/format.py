"""One way to write every number a reader sees: counts, money, %, points, p-values, intervals.

``Formatter(language, currency)`` formats in the report's language; the module functions are the
same formats for callers that pass the language each time. A missing value (None, NaN) is written
as the language's "n/a". Reports never format a number any other way:

- counts and amounts: ``1,234`` (thousands separators in both languages);
- money: ``CN¥12,345`` in English, ``¥12,345`` in Chinese (``campaign.currency``, CLDR symbols
  through Babel); without a currency, a plain number;
- percentages ``12.3%``, changes ``+6.7 pp``, p-values ``0.031`` or ``<0.001``;
- ranges ``+4.0 to +9.4`` (``+4.0 至 +9.4``): the unit is written once, by the caller, beside the
  estimate.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from campaign_eval.checks import check_choice as _check_choice

Language = Literal["en", "zh"]
"""A report language."""

LANGUAGES: tuple[Language, ...] = ("en", "zh")
NOT_APPLICABLE: dict[Language, str] = {"en": "n/a", "zh": "不适用"}
"""How a missing value is written."""
PCT_DIGITS = 1
"""Decimals of a percentage or of percentage points."""
P_DIGITS = 3
"""Decimals of a p-value."""
P_FLOOR = 0.001
"""Smaller p-values are written as ``<0.001``."""
_DEFAULT_NUMBER_DIGITS = 0
_DEFAULT_PCT_DIGITS = PCT_DIGITS
RANGE_WORDS: dict[Language, str] = {"en": "\u00a0to ", "zh": "\u00a0至 "}
"""What joins the two bounds of a range; the non-breaking space keeps "to" with the low bound."""
_LOCALES: dict[Language, str] = {"en": "en", "zh": "zh_Hans_CN"}
"""The CLDR locale of each language, for currency symbols."""
_LANGUAGES = LANGUAGES
_WORDS = {language: {"n/a": word} for language, word in NOT_APPLICABLE.items()}


def is_missing(x: object) -> bool:
    """Whether ``x`` is None, NaN, NA or NaT."""
    if x is None:
        return True
    try:
        return bool(pd.isna(x))
    except (TypeError, ValueError):  # array-likes: not a single missing value
        return False


def _as_float(x: object, name: str) -> float:
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        msg = f"{name} must be a real number, got {type(x).__name__} {x!r}"
        raise TypeError(msg)
    return float(x)


def _fixed(value: float, digits: int) -> str:
    """``value`` with thousands separators and ``digits`` decimals; never prints ``-0``."""
    if math.isinf(value):
        return "\u221e" if value > 0 else "-\u221e"
    text = f"{value:,.{digits}f}"
    if text.startswith("-") and not text.strip("-0.,"):
        text = text[1:]
    return text


SIGN_EXTRA_DIGITS = 3
"""How many decimals a bound may gain so that its sign stays visible (-0.03 pp, not 0.0 pp)."""


def _digits_showing_sign(value: float, digits: int) -> int:
    """The fewest decimals from ``digits`` on that keep a non-zero ``value`` from rounding to 0."""
    for extra in range(SIGN_EXTRA_DIGITS + 1):
        if f"{abs(value):.{digits + extra}f}".strip("0."):
            return digits + extra
    return digits


def format_number(x: object, digits: int = 0, *, language: Language = "en") -> str:
    """Format a number with thousands separators.

    Args:
        x: A real number; None or NaN give "n/a" ("不适用" in Chinese).
        digits: Decimal places.
        language: ``"en"`` or ``"zh"``, for the missing-value word.

    Returns:
        The formatted number.

    Raises:
        TypeError: When ``x`` is not a real number.

    Example:
        >>> format_number(1234567.891, 1)
        '1,234,567.9'
        >>> format_number(float("nan"), language="zh")
        '不适用'
    """
    _check_choice("language", language, _LANGUAGES)
    if is_missing(x):
        return _WORDS[language]["n/a"]
    return _fixed(_as_float(x, "x"), digits)


def format_pct(x: object, digits: int = 1, *, language: Language = "en") -> str:
    """Format a fraction as a percentage (``0.1234`` is ``"12.3%"``).

    Args:
        x: A fraction; None or NaN give "n/a" ("不适用" in Chinese).
        digits: Decimal places of the percentage.
        language: ``"en"`` or ``"zh"``, for the missing-value word.

    Returns:
        The formatted percentage.

    Raises:
        TypeError: When ``x`` is not a real number.

    Example:
        >>> format_pct(0.1234)
        '12.3%'
        >>> format_pct(-0.00001)
        '0.0%'
    """
    _check_choice("language", language, _LANGUAGES)
    if is_missing(x):
        return _WORDS[language]["n/a"]
    return _fixed(_as_float(x, "x") * 100, digits) + "%"


def format_ci(
    low: object,
    high: object,
    *,
    pct: bool = False,
    digits: int | None = None,
    language: Language = "en",
) -> str:
    r"""Format a confidence interval: the bounds joined by "to" ("至").

    Args:
        low: Lower bound.
        high: Upper bound.
        pct: Whether the bounds are fractions to show as percentages.
        digits: Decimal places; by default 1 for percentages and 0 for numbers.
        language: ``"en"`` or ``"zh"``, for the missing-value word.

    Returns:
        The interval, or "n/a" ("不适用") when either bound is missing.

    Example:
        >>> format_ci(0.012, 0.034, pct=True), format_ci(1200, 3400, language="zh")
        ('1.2%\xa0to 3.4%', '1,200\xa0至 3,400')
    """
    _check_choice("language", language, _LANGUAGES)
    if is_missing(low) or is_missing(high):
        return _WORDS[language]["n/a"]
    if pct:
        n = _DEFAULT_PCT_DIGITS if digits is None else digits
        bounds = format_pct(low, n), format_pct(high, n)
    else:
        n = _DEFAULT_NUMBER_DIGITS if digits is None else digits
        bounds = format_number(low, n), format_number(high, n)
    return RANGE_WORDS[language].join(bounds)


def format_p(p: object, *, language: Language = "en") -> str:
    """A p-value with three decimals, or ``<0.001``.

    Example:
        >>> format_p(0.03125), format_p(0.0004), format_p(float("nan"), language="zh")
        ('0.031', '<0.001', '不适用')
    """
    _check_choice("language", language, _LANGUAGES)
    if is_missing(p):
        return _WORDS[language]["n/a"]
    value = _as_float(p, "p")
    return f"<{P_FLOOR:g}" if value < P_FLOOR else f"{value:.{P_DIGITS}f}"


def format_money(
    x: object, digits: int = 0, *, currency: str | None = None, language: Language = "en"
) -> str:
    """An amount of money in the campaign's currency, with thousands separators.

    The symbol is CLDR's for the language (Babel): CNY is ``CN¥`` in English and ``¥`` in
    Chinese, USD ``$`` and ``US$``. Without a currency the amount is a plain number.

    Example:
        >>> format_money(12345.6, currency="CNY"), format_money(12.3, currency="CNY", language="zh")
        ('CN¥12,346', '¥12')
        >>> format_money(-0.2, currency="USD"), format_money(1234, 2)
        ('$0', '1,234.00')
    """
    _check_choice("language", language, _LANGUAGES)
    if is_missing(x):
        return _WORDS[language]["n/a"]
    value = _as_float(x, "x")
    if currency is None or math.isinf(value):
        return format_number(value, digits, language=language)
    if not _fixed(value, digits).strip("-0.,"):
        value = 0.0  # never "-$0"
    from babel.numbers import format_currency

    pattern = "\u00a4#,##0" + ("." + "0" * digits if digits > 0 else "")
    return format_currency(
        value, currency, format=pattern, locale=_LOCALES[language], currency_digits=False
    )


def format_signed(
    x: object,
    digits: int = 0,
    *,
    unit: str = "",
    keep_sign: bool = False,
    language: Language = "en",
) -> str:
    """A change with its sign: ``+1,234``, ``-0.5 pp``; zero has no sign.

    With ``keep_sign`` (the bounds of an interval, where the sign is the message) a small
    non-zero value gains up to ``SIGN_EXTRA_DIGITS`` decimals instead of rounding to zero.

    Example:
        >>> format_signed(0.0412 * 100, 1, unit=" pp"), format_signed(-3.0), format_signed(0.0)
        ('+4.1 pp', '-3', '0')
        >>> format_signed(-0.026, 1), format_signed(-0.026, 1, keep_sign=True)
        ('0.0', '-0.03')
    """
    _check_choice("language", language, _LANGUAGES)
    if is_missing(x):
        return _WORDS[language]["n/a"]
    value = _as_float(x, "x")
    text = _fixed(value, _digits_showing_sign(value, digits) if keep_sign else digits)
    plus = "+" if value > 0 and text.strip("0.,") else ""
    return f"{plus}{text}{unit}"


@dataclass(frozen=True, slots=True)
class Formatter:
    """The number formats of one report language.

    Example:
        >>> f = Formatter("en", currency="CNY")
        >>> f.number(1234.5), f.pct(0.1234), f.p(0.2), f.signed(2.5, 1), f.money(5e4)
        ('1,234', '12.3%', '0.200', '+2.5', 'CN¥50,000')
    """

    language: Language
    currency: str | None = None

    def __post_init__(self) -> None:
        _check_choice("language", self.language, _LANGUAGES)

    @property
    def na(self) -> str:
        """The word for a missing value."""
        return NOT_APPLICABLE[self.language]

    def number(self, x: object, digits: int = 0) -> str:
        """A number with thousands separators."""
        return format_number(x, digits, language=self.language)

    def pct(self, x: object, digits: int = PCT_DIGITS) -> str:
        """A fraction as a percentage."""
        return format_pct(x, digits, language=self.language)

    def signed(self, x: object, digits: int = 0, unit: str = "", *, keep_sign: bool = False) -> str:
        """A change with its sign (``keep_sign``: never rounded to a sign-less zero)."""
        return format_signed(x, digits, unit=unit, keep_sign=keep_sign, language=self.language)

    def signed_pct(self, x: object, digits: int = PCT_DIGITS, *, keep_sign: bool = False) -> str:
        """A relative change as a signed percentage (``0.12`` is ``+12.0%``)."""
        if is_missing(x):
            return self.na
        return self.signed(100 * _as_float(x, "x"), digits, "%", keep_sign=keep_sign)

    def p(self, p: object) -> str:
        """A p-value."""
        return format_p(p, language=self.language)

    def money(self, x: object, digits: int = 0) -> str:
        """An amount in the campaign's currency (a plain number without one)."""
        return format_money(x, digits, currency=self.currency, language=self.language)

    def signed_money(self, x: object, digits: int = 0) -> str:
        """A change of money with its sign: ``+CN¥1,234``, ``-CN¥56``."""
        if is_missing(x):
            return self.na
        value = _as_float(x, "x")
        text = self.money(abs(value), digits)
        shown = _fixed(value, digits).strip("-0.,")
        return f"{'+' if value > 0 else '-'}{text}" if shown else text

    def range(self, low: str, high: str) -> str:
        """Two already formatted bounds as one range: ``+4.0 to +9.4`` (``+4.0 至 +9.4``)."""
        return f"{low}{RANGE_WORDS[self.language]}{high}"

    def ci(self, low: object, high: object, *, pct: bool = False, digits: int | None = None) -> str:
        """A confidence interval of two numbers or two fractions."""
        return format_ci(low, high, pct=pct, digits=digits, language=self.language)
