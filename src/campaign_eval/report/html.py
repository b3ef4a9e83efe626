"""Display helpers for notebook cells: escaped stakeholder tables, callouts, text, number formats.

Every helper escapes the text it is given, so a customer name such as ``<b>Ann</b>`` shows as typed
and can never inject markup into a report. Each returns an :class:`IPython.display.HTML` object; a
notebook cell shows it by ending with the call. The CSS classes used here (``table-wrap``,
``callout``, ``num``) are styled by the report template (``templates/campaign_eval/report.css``).
"""

from __future__ import annotations

import hashlib
import math
import numbers
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

import pandas as pd
from bs4 import BeautifulSoup
from IPython.display import HTML
from markupsafe import Markup, escape

__all__ = [
    "bullet_list",
    "callout",
    "format_ci",
    "format_number",
    "format_pct",
    "heading",
    "paragraph",
    "show_table",
]

Language = Literal["en", "zh"]
CalloutKind = Literal["info", "warning", "alert", "success"]

_LANGUAGES: tuple[Language, ...] = ("en", "zh")
_CALLOUT_KINDS: tuple[CalloutKind, ...] = ("info", "warning", "alert", "success")
_HEADING_LEVELS = (2, 3)
# The few fixed words these helpers print; the page-level words live in ``render._WORDS``
# (kept apart so that notebook kernels do not import nbconvert).
_WORDS: dict[Language, dict[str, str]] = {
    "en": {"n/a": "n/a", "rows_shown": "Showing the first {shown} of {total} rows."},
    "zh": {"n/a": "不适用", "rows_shown": "仅显示前 {shown} 行，共 {total} 行。"},
}
_DEFAULT_PCT_DIGITS = 1
_DEFAULT_NUMBER_DIGITS = 0
_DEFAULT_FLOAT_DIGITS = 2
# A non-breaking space and an en dash keep a confidence interval on one line.
_CI_SEPARATOR = "\u00a0\u2013\u00a0"


def _check_choice(name: str, value: object, allowed: Sequence[object]) -> None:
    """Raise ValueError naming the parameter, the allowed values and the value received."""
    if value not in allowed:
        msg = f"{name} must be one of {tuple(allowed)}, got {value!r}"
        raise ValueError(msg)


def _is_missing(x: object) -> bool:
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
    if _is_missing(x):
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
    if _is_missing(x):
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
    """Format a confidence interval on one line: the bounds joined by a spaced en dash.

    Args:
        low: Lower bound.
        high: Upper bound.
        pct: Whether the bounds are fractions to show as percentages.
        digits: Decimal places; by default 1 for percentages and 0 for numbers.
        language: ``"en"`` or ``"zh"``, for the missing-value word.

    Returns:
        The interval, or "n/a" ("不适用") when either bound is missing.

    Example:
        >>> format_ci(0.012, 0.034, pct=True).split()[::2]
        ['1.2%', '3.4%']
    """
    _check_choice("language", language, _LANGUAGES)
    if _is_missing(low) or _is_missing(high):
        return _WORDS[language]["n/a"]
    if pct:
        n = _DEFAULT_PCT_DIGITS if digits is None else digits
        bounds = format_pct(low, n), format_pct(high, n)
    else:
        n = _DEFAULT_NUMBER_DIGITS if digits is None else digits
        bounds = format_number(low, n), format_number(high, n)
    return _CI_SEPARATOR.join(bounds)


def _digits_by_column(
    columns: Sequence[str] | Mapping[str, int], default: int, name: str, df: pd.DataFrame
) -> dict[object, int]:
    """Normalise a list of column names (or a name-to-digits mapping) and check the names exist."""
    spec = dict(columns) if isinstance(columns, Mapping) else dict.fromkeys(columns, default)
    missing = [c for c in spec if c not in df.columns]
    if missing:
        msg = f"{name} names columns not in the table: {missing}; columns are {list(df.columns)}"
        raise KeyError(msg)
    return spec


def show_table(
    df: pd.DataFrame,
    *,
    caption: str | None = None,
    pct_columns: Sequence[str] | Mapping[str, int] = (),
    number_columns: Sequence[str] | Mapping[str, int] = (),
    max_rows: int = 200,
    language: Language = "en",
) -> HTML:
    """Render a frame as a stakeholder table: formatted, escaped, scrollable on a phone.

    Percent columns hold fractions and show one decimal; number columns show thousands
    separators and no decimals (pass a mapping such as ``{"spend": 2}`` for other precisions).
    Other integer columns get thousands separators, other float columns two decimals, missing
    values "n/a". The index is shown unless it is a plain ``RangeIndex``.

    Args:
        df: The table to show.
        caption: Optional caption above the table.
        pct_columns: Columns of fractions to show as percentages.
        number_columns: Columns to show as numbers with thousands separators.
        max_rows: Show at most this many rows, with a note saying how many there are.
        language: ``"en"`` or ``"zh"``, for "n/a" and the truncation note.

    Returns:
        An HTML object; as a cell's last expression it shows the table.

    Raises:
        KeyError: When a listed column is not in ``df``.
        ValueError: When ``language`` is unknown or ``max_rows`` is below 1.
    """
    _check_choice("language", language, _LANGUAGES)
    if max_rows < 1:
        msg = f"max_rows must be at least 1, got {max_rows}"
        raise ValueError(msg)
    pct = _digits_by_column(pct_columns, _DEFAULT_PCT_DIGITS, "pct_columns", df)
    num = _digits_by_column(number_columns, _DEFAULT_NUMBER_DIGITS, "number_columns", df)
    words = _WORDS[language]
    shown = df.head(max_rows)

    formatters = []
    numeric_positions = []
    for position, (column, dtype) in enumerate(zip(shown.columns, shown.dtypes, strict=True)):
        if column in pct:
            digits = pct[column]
            formatters.append(lambda x, d=digits: format_pct(x, d, language=language))
        elif column in num or pd.api.types.is_integer_dtype(dtype):
            digits = num.get(column, _DEFAULT_NUMBER_DIGITS)
            formatters.append(lambda x, d=digits: format_number(x, d, language=language))
        elif pd.api.types.is_float_dtype(dtype):
            formatters.append(lambda x: format_number(x, _DEFAULT_FLOAT_DIGITS, language=language))
        else:
            formatters.append(lambda x: words["n/a"] if _is_missing(x) else str(x))
            continue
        numeric_positions.append(position)

    # Format cell by cell rather than through to_html(formatters=...), which shows nullable
    # integer NA as "<NA>" without calling the formatter.
    formatted = pd.DataFrame(
        {i: [fmt(v) for v in shown.iloc[:, i]] for i, fmt in enumerate(formatters)},
        index=shown.index,
    )
    formatted.columns = shown.columns
    if not isinstance(shown.index, pd.RangeIndex):
        # As ordinary leading columns the index labels share the one header row.
        names = ["" if name is None else name for name in shown.index.names]
        formatted = formatted.rename_axis(names).reset_index()
        numeric_positions = [p + shown.index.nlevels for p in numeric_positions]
    table_html = formatted.to_html(escape=True, index=False, border=0, classes="ce-table")
    table_html = _mark_numeric_cells(table_html, numeric_positions, len(formatted.columns))

    parts = [Markup('<div class="table-block">')]
    if caption:
        parts.append(Markup('<p class="table-caption">{}</p>').format(caption))
    parts.append(Markup('<div class="table-wrap">{}</div>').format(Markup(table_html)))  # noqa: S704 - escaped by pandas
    if len(df) > len(shown):
        note = words["rows_shown"].format(
            shown=format_number(len(shown)), total=format_number(len(df))
        )
        parts.append(Markup('<p class="table-note">{}</p>').format(note))
    parts.append(Markup("</div>"))
    return HTML(str(Markup("").join(parts)))


def _mark_numeric_cells(table_html: str, positions: list[int], n_columns: int) -> str:
    """Add ``class="num"`` to the body and header cells of the numeric columns."""
    if not positions:
        return table_html
    soup = BeautifulSoup(table_html, "html.parser")
    header_rows = soup.select("thead tr")
    if header_rows:
        cells = header_rows[-1].find_all("th", recursive=False)
        offset = len(cells) - n_columns
        for position in positions:
            if 0 <= offset + position < len(cells):
                cells[offset + position]["class"] = ["num"]
    for row in soup.select("tbody tr"):
        cells = row.find_all("td", recursive=False)
        for position in positions:
            if position < len(cells):
                cells[position]["class"] = ["num"]
    return str(soup)


def callout(text: str, *, kind: CalloutKind = "info") -> HTML:
    """A highlighted box with one message, e.g. a caveat the reader must not miss.

    Args:
        text: The message; escaped, newlines kept.
        kind: ``"info"``, ``"warning"``, ``"alert"`` or ``"success"``.

    Returns:
        An HTML object.

    Raises:
        ValueError: When ``kind`` is unknown.
    """
    _check_choice("kind", kind, _CALLOUT_KINDS)
    role = "alert" if kind == "alert" else "note"
    return HTML(
        str(
            Markup('<div class="callout callout-{}" role="{}">{}</div>').format(
                kind, role, _lines(text)
            )
        )
    )


def paragraph(text: str) -> HTML:
    """A paragraph of escaped text; newlines become line breaks.

    Args:
        text: The text.

    Returns:
        An HTML object.
    """
    return HTML(str(Markup('<p class="ce-paragraph">{}</p>').format(_lines(text))))


def bullet_list(items: Iterable[object]) -> HTML:
    """A bulleted list of escaped items.

    Args:
        items: The items; each is shown as ``str(item)``.

    Returns:
        An HTML object.
    """
    rows = Markup("").join(Markup("<li>{}</li>").format(str(item)) for item in items)
    return HTML(str(Markup('<ul class="ce-list">{}</ul>').format(rows)))


def _lines(text: str) -> Markup:
    """Escape ``text`` and turn its newlines into ``<br>``."""
    return Markup("<br>").join(escape(line) for line in str(text).splitlines())


def heading(text: str, level: int = 2) -> HTML:
    """A report heading in the report's language (markdown headings would stay in one language).

    The renderer builds the table of contents from these headings; the id is derived from the
    text so links stay stable between runs.

    Args:
        text: The heading text; escaped.
        level: 2 for a section, 3 for a subsection.

    Returns:
        An HTML object.

    Raises:
        ValueError: When ``level`` is not 2 or 3.
    """
    _check_choice("level", level, _HEADING_LEVELS)
    anchor = "s-" + hashlib.blake2b(str(text).encode(), digest_size=4).hexdigest()
    return HTML(str(Markup('<h{0} id="{1}">{2}</h{0}>').format(level, anchor, str(text))))
