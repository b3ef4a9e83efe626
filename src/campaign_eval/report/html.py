"""HTML pieces of a report: escaped tables, callouts, text, headings, and the ``Section`` they form.

Every helper escapes the text it is given, so a customer name such as ``<b>Ann</b>`` shows as typed
and can never inject markup into a report. Each returns an :class:`IPython.display.HTML` object; a
notebook cell shows it by ending with the call. A stage's view returns whole sections
(``Section``): a heading and its parts, which display in a notebook and in the rendered report
alike. The CSS classes used here (``table-wrap``, ``callout``, ``num``) are styled by the report
template (``run/templates/campaign_eval/report.css``).
"""

from __future__ import annotations

import base64
import hashlib
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Literal

import pandas as pd
from bs4 import BeautifulSoup
from IPython.display import HTML
from markupsafe import Markup, escape

from campaign_eval.checks import check_choice as _check_choice
from campaign_eval.report.format import (
    LANGUAGES,
    PCT_DIGITS,
    Language,
    format_ci,
    format_number,
    format_pct,
    is_missing,
)
from campaign_eval.report.labels import text

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "ANSWER_ID",
    "BadgeKind",
    "CalloutKind",
    "KeyFigure",
    "Section",
    "Tone",
    "answer",
    "badge",
    "bullet_list",
    "callout",
    "details",
    "figure",
    "format_ci",
    "format_number",
    "format_pct",
    "heading",
    "paragraph",
    "section",
    "show_table",
]

CalloutKind = Literal["info", "warning", "alert", "success"]
"""How a callout is drawn: a note, a caveat, something that needs action, or good news."""

_CALLOUT_KINDS: tuple[CalloutKind, ...] = ("info", "warning", "alert", "success")
Tone = Literal["good", "bad", "mixed", "neutral"]
"""How an answer reads: it worked, it did not, some of both, or not known yet."""
_TONES: tuple[Tone, ...] = ("good", "bad", "mixed", "neutral")
BadgeKind = Literal["good", "bad", "mixed", "neutral"]
"""A badge's colour: a good result, a bad one, a mixed or an open one."""
ANSWER_ID = "answer"
"""The id of every report's answer block: the renderer puts it first, checks look for it."""
PHONE_COLUMN_PX = 358
"""The width of the text column on a 390 px wide phone (the page pads 16 px a side)."""
_PT_PER_PX = 0.75
_NARROW_COLUMNS = 3
"""Tables of at most this many columns fit a phone as they are; wider ones become cards."""
_HEADING_LEVELS = (2, 3)
_DEFAULT_NUMBER_DIGITS = 0
_DEFAULT_FLOAT_DIGITS = 2
_FIGURE_DPI = 100


def _digits_by_column(
    columns: Sequence[str] | Mapping[str, int], default: int, name: str, df: pd.DataFrame
) -> dict[str, int]:
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
    _check_choice("language", language, LANGUAGES)
    if max_rows < 1:
        msg = f"max_rows must be at least 1, got {max_rows}"
        raise ValueError(msg)
    pct = _digits_by_column(pct_columns, PCT_DIGITS, "pct_columns", df)
    num = _digits_by_column(number_columns, _DEFAULT_NUMBER_DIGITS, "number_columns", df)
    not_applicable = text("word.not_applicable", language)
    shown = df.head(max_rows)

    formatters: list[Callable[[object], str]] = []
    numeric_positions = []
    for position, (column, dtype) in enumerate(zip(shown.columns, shown.dtypes, strict=True)):
        if column in pct:
            digits = pct[column]
            formatters.append(partial(_pct_cell, digits=digits, language=language))
        elif column in num or pd.api.types.is_integer_dtype(dtype):
            digits = num.get(column, _DEFAULT_NUMBER_DIGITS)
            formatters.append(partial(_number_cell, digits=digits, language=language))
        elif pd.api.types.is_float_dtype(dtype):
            formatters.append(
                partial(_number_cell, digits=_DEFAULT_FLOAT_DIGITS, language=language)
            )
        else:
            formatters.append(lambda x: not_applicable if is_missing(x) else str(x))
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
    narrow = len(formatted.columns) <= _NARROW_COLUMNS  # stays a table on a phone
    classes = ["ce-table", "ce-narrow"] if narrow else ["ce-table"]
    table_html = formatted.to_html(escape=True, index=False, border=0, classes=classes)
    table_html = _mark_numeric_cells(table_html, numeric_positions, len(formatted.columns))
    table_html = _label_cells(table_html)

    parts = [Markup('<div class="table-block">')]
    if caption:
        parts.append(Markup('<p class="table-caption">{}</p>').format(caption))
    parts.append(Markup('<div class="table-wrap">{}</div>').format(Markup(table_html)))  # noqa: S704 - escaped by pandas
    if len(df) > len(shown):
        note = text(
            "page.rows_shown",
            language,
            shown=format_number(len(shown)),
            total=format_number(len(df)),
        )
        parts.append(Markup('<p class="table-note">{}</p>').format(note))
    parts.append(Markup("</div>"))
    return HTML(str(Markup("").join(parts)))


def _pct_cell(x: object, *, digits: int, language: Language) -> str:
    return format_pct(x, digits, language=language)


def _number_cell(x: object, *, digits: int, language: Language) -> str:
    return format_number(x, digits, language=language)


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
                cells[offset + position]["class"] = "num"
    for row in soup.select("tbody tr"):
        cells = row.find_all("td", recursive=False)
        for position in positions:
            if position < len(cells):
                cells[position]["class"] = "num"
    return str(soup)


def _label_cells(table_html: str) -> str:
    """Give every body cell its column's header as ``data-label``, for the phone's card layout.

    On a narrow screen the stylesheet shows each row as a card and each cell as "header: value"
    (CSS ``attr(data-label)``), so no table scrolls sideways; the header text is escaped like the
    rest of the table.
    """
    soup = BeautifulSoup(table_html, "html.parser")
    header_rows = soup.select("thead tr")
    if not header_rows:
        return table_html
    names = [th.get_text(" ", strip=True) for th in header_rows[-1].find_all("th", recursive=False)]
    for row in soup.select("tbody tr"):
        for name, cell in zip(names, row.find_all(["td", "th"], recursive=False), strict=False):
            cell["data-label"] = name
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


def figure(fig: Figure, alt: str) -> HTML:
    """A chart as an SVG image embedded in the page, with alt text; the figure is closed.

    SVG stays sharp at any width and its text is drawn as outlines, so it needs no font on the
    reader's machine (Chinese included). The image carries the size of its smallest text and its
    own width (``data-min-font-pt``, ``data-width-pt``): scaled to a phone's column, text of
    ``min_font_pt * PHONE_COLUMN_PX / width_pt`` CSS px must stay readable (tests check 10 px).

    Args:
        fig: A matplotlib figure (see ``report.charts``).
        alt: What the chart shows, in words (read aloud by screen readers, shown if it fails).

    Returns:
        An HTML object holding the SVG as a data URI: the report stays one self-contained file.
    """
    import matplotlib.pyplot as plt
    from matplotlib.text import Text

    sizes = [
        float(t.get_fontsize())
        for t in fig.findobj(Text)
        if t.get_visible() and t.get_text().strip() and t.figure is fig
    ]
    buffer = io.BytesIO()
    with plt.rc_context({"svg.fonttype": "path", "svg.hashsalt": "campaign_eval"}):
        fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    svg = buffer.getvalue()
    width_pt = _svg_width_pt(svg)
    data = base64.b64encode(svg).decode("ascii")
    return HTML(
        str(
            Markup(
                '<figure class="ce-figure"><img src="data:image/svg+xml;base64,{}" alt="{}" '
                'width="{}" data-min-font-pt="{}" data-width-pt="{}"></figure>'
            ).format(
                data,
                alt,
                round(width_pt / _PT_PER_PX),
                f"{min(sizes, default=0.0):.2f}",
                f"{width_pt:.2f}",
            )
        )
    )


def _svg_width_pt(svg: bytes) -> float:
    """The width of a matplotlib SVG, in points (its root element says ``width="360pt"``)."""
    head = svg[: svg.find(b">", svg.find(b"<svg")) + 1].decode("utf-8")
    start = head.index('width="') + len('width="')
    return float(head[start : head.index('"', start)].removesuffix("pt"))


def answer(
    question: str,
    headline: str,
    figures: Sequence[KeyFigure] = (),
    *,
    tone: Tone = "neutral",
    note: str | None = None,
) -> HTML:
    """The block every report opens with: its stage's question answered in plain words.

    The renderer moves it right under the page header (before the contents), so it is the first
    thing a reader sees on any screen; checks find it by its id, ``answer``.

    Args:
        question: The stage's question ("Did it work?").
        headline: The answer in one or two sentences.
        figures: The 2-4 numbers that back it.
        tone: ``good``, ``bad``, ``mixed`` or ``neutral`` (not known yet); colours the block.
        note: An optional short line under the figures (a caveat, what to do next).

    Returns:
        An HTML object.

    Raises:
        ValueError: When ``tone`` is unknown.
    """
    _check_choice("tone", tone, _TONES)
    items = Markup("").join(
        Markup('<div class="ce-kf"><dt>{}</dt><dd class="ce-kf-value">{}</dd>{}</div>').format(
            f.label,
            f.value,
            Markup('<dd class="ce-kf-note">{}</dd>').format(f.note) if f.note else "",
        )
        for f in figures
    )
    return HTML(
        str(
            Markup(
                '<section id="{}" class="ce-answer ce-tone-{}" aria-labelledby="answer-question">'
                '<h2 id="answer-question" class="ce-answer-question">{}</h2>'
                '<p class="ce-answer-headline">{}</p>{}{}</section>'
            ).format(
                ANSWER_ID,
                tone,
                question,
                _lines(headline),
                Markup('<dl class="ce-kfs">{}</dl>').format(items) if figures else "",
                Markup('<p class="ce-answer-note">{}</p>').format(_lines(note)) if note else "",
            )
        )
    )


@dataclass(frozen=True)
class KeyFigure:
    """One number of an answer block.

    Attributes:
        label: What the number is ("Return per 1 spent").
        value: The number, formatted ("CN¥11.9").
        note: A short qualifier under it ("95% CI 2.2 to 21.6"), or None.
    """

    label: str
    value: str
    note: str | None = None


def details(summary: str, *parts: Part | Iterable[Part]) -> HTML:
    """A block the reader opens on demand ("How this was computed"), out of the reading path.

    Printing expands it (the stylesheet's print rules), so paper loses nothing.

    Args:
        summary: The line the reader clicks.
        *parts: HTML pieces, None, or iterables of them.

    Returns:
        An HTML object.
    """
    body = Markup("").join(Markup(p.data) for p in _flatten(parts))  # noqa: S704 - our own HTML
    return HTML(
        str(
            Markup(
                '<details class="ce-details"><summary>{}</summary>'
                '<div class="ce-details-body">{}</div></details>'
            ).format(summary, body)
        )
    )


def badge(text: str, kind: BadgeKind = "neutral") -> Markup:
    """A short verdict word as a coloured pill ("Reached", "Not significant"), escaped.

    Returns Markup rather than HTML: a badge sits inside a sentence or a table cell.

    Raises:
        ValueError: When ``kind`` is unknown.
    """
    _check_choice("kind", kind, _TONES)
    return Markup('<span class="ce-badge ce-badge-{}">{}</span>').format(kind, text)


Part = HTML | None
"""One piece of a section; None pieces (nothing to show) are left out."""


@dataclass(frozen=True)
class Section:
    """A report section: a heading and its parts, displayable in a notebook and in the report.

    Attributes:
        title: The heading, in the report's language.
        parts: Tables, text, callouts and figures, in reading order.
        level: 2 for a section, 3 for a subsection.
    """

    title: str
    parts: tuple[HTML, ...]
    level: int = 2

    def _repr_html_(self) -> str:
        inner = "".join(part.data for part in self.parts)
        return str(heading(self.title, self.level).data) + inner


def section(title: str, *parts: Part | Iterable[Part], level: int = 2) -> Section:
    """A section of the given parts; None parts are left out and lists of parts are flattened.

    Args:
        title: The heading.
        *parts: HTML pieces, None, or iterables of them.
        level: 2 for a section, 3 for a subsection.

    Returns:
        The section.
    """
    return Section(title, tuple(_flatten(parts)), level)


def _flatten(parts: Iterable[Part | Iterable[Part]]) -> list[HTML]:
    """The HTML pieces of ``parts``, None left out and nested lists flattened."""
    flat: list[HTML] = []
    for part in parts:
        if part is None:
            continue
        if isinstance(part, HTML):
            flat.append(part)
        else:
            flat.extend(p for p in part if p is not None)
    return flat
