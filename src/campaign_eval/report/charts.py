"""Shared chart style: one theme, one CJK-capable font, one figure width for every stage.

Stage modules (``plots/<stage>.py``) build their charts on these helpers::

    from campaign_eval.report.charts import finish, new_figure

    def segment_sizes(sizes: pd.Series) -> Figure:
        fig, ax = new_figure()
        sns.barplot(x=sizes.values, y=sizes.index, ax=ax)
        return finish(fig, "Customers per segment")

A notebook calls :func:`setup_style` once, near the top, and then ends a cell with the chart call:
the returned figure is shown once. Figures come from :class:`matplotlib.figure.Figure`, not from
``pyplot``, so the inline backend does not show them a second time at the end of the cell, and
tests never accumulate open figures. Reports embed them as SVG (``report.html.figure``).

Charts are drawn for the phone first: :data:`PHONE_WIDTH_IN` wide, and :func:`finish` raises any
text smaller than :func:`min_font_pt` to it, so that scaled to a 390 px phone's column no text is
under :data:`MIN_TEXT_PX`. Axes of counts and money use thousands separators
(:func:`number_axis`), rate axes start at zero (:func:`rate_axis`).
"""

from __future__ import annotations

import itertools
import textwrap
import unicodedata
from typing import Any, Literal

import matplotlib as mpl
import numpy as np
import seaborn as sns
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.ticker import FuncFormatter

from campaign_eval.checks import check_choice
from campaign_eval.report.format import Formatter, Language

__all__ = [
    "FIGURE_DPI",
    "MIN_TEXT_PX",
    "PALETTE",
    "PHONE_COLUMN_PX",
    "PHONE_WIDTH_IN",
    "finish",
    "min_font_pt",
    "new_figure",
    "new_grid",
    "number_axis",
    "rate_axis",
    "setup_style",
]

#: Width of every chart, in inches (432 pt): a phone shows it at its 358 px column, a desktop at
#: its natural 576 px.
PHONE_WIDTH_IN = 6.0
#: Resolution of the PNGs the notebook's inline backend shows; reports embed SVG.
FIGURE_DPI = 110
#: The smallest text a chart may show on a 390 px wide phone, in CSS px.
MIN_TEXT_PX = 10.0
#: The text column of a 390 px wide phone, in CSS px (the page pads 16 px a side).
PHONE_COLUMN_PX = 358
#: Colour-blind-safe qualitative palette shared by all stages.
PALETTE = "colorblind"

_SINGLE_ROW_HEIGHT_IN = 4.2
_ROW_HEIGHT_IN = 3.2
# seaborn's "notebook" sizes (ticks 11 pt) times this stay above min_font_pt() of a
# PHONE_WIDTH_IN figure (12.1 pt): ticks 12.7 pt, labels 13.8 pt.
_FONT_SCALE = 1.15
# A tight bounding box may be a little wider than the figure (labels past its edge).
_WIDTH_MARGIN = 1.04
# Average advance of a Latin glyph, in ems; a CJK glyph takes two of these "units".
_LATIN_EM = 0.55
_POINTS_PER_INCH = 72
_LANGUAGES = ("en", "zh")


def _cjk_family() -> str:
    """Register the Noto Sans CJK collection with matplotlib and return its Simplified family.

    ``fontManager.addfont`` bypasses the font cache, which does not see fonts installed after it
    was built. The collection holds the JP/KR/SC/TC/HK faces; SC gives Simplified Chinese glyph
    shapes.
    """
    from noto_cjk_sans_otc import FONT_PATH

    if not any(entry.fname == str(FONT_PATH) for entry in font_manager.fontManager.ttflist):
        font_manager.fontManager.addfont(str(FONT_PATH))
    families = {
        entry.name for entry in font_manager.fontManager.ttflist if entry.fname == str(FONT_PATH)
    }
    return "Noto Sans CJK SC" if "Noto Sans CJK SC" in families else min(families)


def setup_style(language: Literal["en", "zh"] = "en") -> None:
    """Apply the report chart style to matplotlib's global settings.

    Both languages list the Noto Sans CJK font as a fallback, so a Chinese customer name or label
    never renders as empty boxes: for ``"zh"`` it comes first, for ``"en"`` after DejaVu Sans.

    Inside IPython it also makes matplotlib figures display as PNG when a cell returns one (the
    inline backend registers that only once ``pyplot`` draws its first figure).

    Args:
        language: ``"en"`` or ``"zh"``; decides which font family leads.

    Raises:
        ValueError: When ``language`` is not ``"en"`` or ``"zh"``.
    """
    check_choice("language", language, _LANGUAGES)
    cjk = _cjk_family()
    # matplotlib falls back glyph by glyph only across the families named in font.family (a
    # generic "sans-serif" resolves to one font), so both are named there. set_theme resets
    # font.sans-serif and font.family, so they go in its rc argument, which it applies last.
    families = [cjk, "DejaVu Sans"] if language == "zh" else ["DejaVu Sans", cjk]
    sns.set_theme(
        context="notebook",
        style="whitegrid",
        palette=PALETTE,
        font="sans-serif",
        font_scale=_FONT_SCALE,
        rc={
            "font.family": families,
            "font.sans-serif": families,
            # CJK fonts have no U+2212 MINUS SIGN glyph.
            "axes.unicode_minus": False,
            "figure.dpi": FIGURE_DPI,
            "savefig.dpi": "figure",
            "figure.figsize": (PHONE_WIDTH_IN, _SINGLE_ROW_HEIGHT_IN),
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.titlelocation": "left",
        },
    )
    _show_figures_as_png()


def _show_figures_as_png() -> None:
    """Make IPython display a returned Figure as an embedded PNG (a no-op outside IPython)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is a dependency through ipykernel
        return
    if get_ipython() is None:
        return
    from matplotlib_inline.backend_inline import set_matplotlib_formats

    set_matplotlib_formats("png")


def new_figure(*, height: float | None = None) -> tuple[Figure, Axes]:
    """Create a figure with one chart at the shared report width.

    Args:
        height: Figure height in inches; by default 4.2.

    Returns:
        The figure and its axes.

    Raises:
        ValueError: When the height is not positive.
    """
    fig = _figure(_SINGLE_ROW_HEIGHT_IN if height is None else height)
    return fig, fig.subplots()


def new_grid(n_rows: int, n_cols: int, *, height: float | None = None) -> tuple[Figure, np.ndarray]:
    """Create a figure with a grid of charts at the shared report width.

    Args:
        n_rows: Rows of axes.
        n_cols: Columns of axes.
        height: Figure height in inches; by default 3.2 per row.

    Returns:
        The figure and a 2-D array of its axes (``axes[row, col]``).

    Raises:
        ValueError: When a count is below 1 or the height is not positive.
    """
    if n_rows < 1 or n_cols < 1:
        msg = f"n_rows and n_cols must be at least 1, got n_rows={n_rows}, n_cols={n_cols}"
        raise ValueError(msg)
    fig = _figure(_ROW_HEIGHT_IN * n_rows if height is None else height)
    return fig, np.asarray(fig.subplots(n_rows, n_cols, squeeze=False))


def _figure(height: float) -> Figure:
    if height <= 0:
        msg = f"height must be positive (inches), got {height!r}"
        raise ValueError(msg)
    return Figure(figsize=(PHONE_WIDTH_IN, height), dpi=FIGURE_DPI)


def finish(fig: Figure, title: str | None = None) -> Figure:
    """Wrap long titles to the figure width and apply a tight layout.

    Args:
        fig: A figure from :func:`new_figure`.
        title: Optional figure title (``suptitle``); axes titles already set are wrapped too.

    Returns:
        The same figure, so a chart function can end with ``return finish(fig, title)``.
    """
    fig_width_pt = fig.get_figwidth() * _POINTS_PER_INCH
    for ax in fig.axes:
        for loc in ("left", "center", "right"):
            text = ax.get_title(loc=loc)
            if text:
                font_pt = float(ax.title.get_fontsize())
                width_pt = ax.get_position().width * fig_width_pt
                ax.set_title(_wrap(text, width_pt, font_pt), loc=loc)
    if title:
        # the title size may be a name ("large"): let matplotlib turn it into points
        size = mpl.rcParams["figure.titlesize"]
        font_pt = float(font_manager.FontProperties(size=size).get_size_in_points())
        fig.suptitle(
            _wrap(title, fig_width_pt * 0.95, font_pt),
            x=0.02,
            ha="left",
        )
    floor = min_font_pt(fig.get_figwidth() * _POINTS_PER_INCH * _WIDTH_MARGIN)
    for artist in fig.findobj(Text):
        if isinstance(artist, Text) and artist.get_text().strip():
            artist.set_fontsize(max(float(artist.get_fontsize()), floor))
    fig.tight_layout()
    return fig


def min_font_pt(width_pt: float) -> float:
    """The smallest font (pt) a chart ``width_pt`` wide may use: :data:`MIN_TEXT_PX` on a phone.

    A phone shows the chart at its column's width, so a font of ``f`` pt becomes
    ``f * PHONE_COLUMN_PX / width_pt`` CSS px.

    Example:
        >>> round(min_font_pt(432.0), 2)
        12.07
    """
    return MIN_TEXT_PX * width_pt / PHONE_COLUMN_PX


def number_axis(
    ax: Axes, which: Literal["x", "y"], formatter: Formatter, *, money: bool = False
) -> None:
    """Write an axis of counts or amounts with thousands separators (``money``: the currency).

    Args:
        ax: The axes.
        which: ``"x"`` or ``"y"``.
        formatter: The report's formatter (its language and currency).
        money: Whether the axis is an amount of money.
    """
    write = formatter.money if money else formatter.number
    axis = ax.xaxis if which == "x" else ax.yaxis
    axis.set_major_formatter(FuncFormatter(lambda value, _pos: write(value, _tick_digits(axis))))


def rate_axis(
    ax: Axes, which: Literal["x", "y"], language: Language, *, from_zero: bool = True
) -> None:
    """Write an axis of fractions as percentages; it starts at zero unless ``from_zero`` is False.

    A rate axis that starts above zero makes small differences look large; a chart that must
    zoom in (``from_zero=False``) says why in its caption.
    """
    formatter = Formatter(language)
    axis = ax.xaxis if which == "x" else ax.yaxis
    axis.set_major_formatter(
        FuncFormatter(lambda value, _pos: formatter.pct(value, _tick_digits(axis, scale=100)))
    )
    if from_zero and which == "x":
        ax.set_xlim(0, max(ax.get_xlim()[1], 0))
    elif from_zero:
        ax.set_ylim(0, max(ax.get_ylim()[1], 0))


def _tick_digits(axis: Any, scale: float = 1.0) -> int:
    """Decimals the ticks of ``axis`` need: none for steps of 1 or more (after ``scale``)."""
    ticks = [float(t) * scale for t in axis.get_majorticklocs()]
    steps = [abs(b - a) for a, b in itertools.pairwise(ticks) if b != a]
    step = min(steps, default=1.0)
    return 0 if step >= 1 else min(int(np.ceil(-np.log10(step))), 3)


def _wrap(text: str, width_pt: float, font_pt: float) -> str:
    """Break ``text`` into lines that fit ``width_pt`` at ``font_pt`` (CJK glyphs count double)."""
    units = max(int(width_pt / (font_pt * _LATIN_EM)), 8)
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        for line in textwrap.wrap(paragraph, width=units) or [""]:
            lines.extend(_split_wide(line, units))
    return "\n".join(lines)


def _split_wide(line: str, units: int) -> list[str]:
    """Split a line whose wide (CJK) characters make it longer than ``units``."""
    parts, current, used = [], "", 0
    for char in line:
        size = 2 if unicodedata.east_asian_width(char) in {"W", "F"} else 1
        if used + size > units and current:
            parts.append(current.rstrip())
            current, used = "", 0
            if char == " ":
                continue
        current += char
        used += size
    parts.append(current)
    return parts
