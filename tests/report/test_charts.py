"""Chart style: Chinese text never renders as boxes, one width for every chart, titles wrap."""

from __future__ import annotations

import io
import warnings

import matplotlib as mpl
import numpy as np
import pytest
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from campaign_eval.report.charts import (
    FIGURE_DPI,
    MIN_TEXT_PX,
    PHONE_COLUMN_PX,
    PHONE_WIDTH_IN,
    finish,
    min_font_pt,
    new_figure,
    new_grid,
    number_axis,
    rate_axis,
    setup_style,
)
from campaign_eval.report.format import Formatter

CHINESE_LABELS = ["核心价值客户", "沉睡客户", "新客户"]


@pytest.fixture(autouse=True)
def _restore_rcparams():
    """setup_style changes matplotlib's global settings; put them back after each test."""
    with mpl.rc_context():
        yield


def _chart_with_chinese_labels() -> Figure:
    fig, ax = new_figure()
    ax.bar(CHINESE_LABELS, [120, -30, 55])
    ax.set_title("各细分客户人数")
    ax.set_ylabel("人数")
    return finish(fig, "客户细分 — Customers per segment")


def _png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


@pytest.mark.parametrize("language", ["zh", "en"])
def test_chinese_labels_have_glyphs(language):
    setup_style(language)
    with warnings.catch_warnings():
        warnings.filterwarnings("error", "Glyph .* missing")
        data = _png(_chart_with_chinese_labels())
    assert data.startswith(b"\x89PNG")


def test_dejavu_alone_would_draw_boxes():
    """Guards the test above: without the CJK font the same chart warns about missing glyphs."""
    setup_style("zh")
    with (
        mpl.rc_context({"font.family": ["DejaVu Sans"], "font.sans-serif": ["DejaVu Sans"]}),
        pytest.warns(UserWarning, match="Glyph .* missing"),
    ):
        _png(_chart_with_chinese_labels())


@pytest.mark.parametrize("language", ["zh", "en"])
def test_style_settings(language):
    setup_style(language)
    families = mpl.rcParams["font.family"]
    cjk = [f for f in families if "CJK" in f]
    assert cjk == ["Noto Sans CJK SC"]
    assert families.index(cjk[0]) == (0 if language == "zh" else 1)
    assert mpl.rcParams["axes.unicode_minus"] is False
    assert 100 <= mpl.rcParams["figure.dpi"] <= 120
    width, _ = mpl.rcParams["figure.figsize"]
    assert width == PHONE_WIDTH_IN


def test_font_is_registered_once():
    setup_style("zh")
    count = len(font_manager.fontManager.ttflist)
    setup_style("en")
    setup_style("zh")
    assert len(font_manager.fontManager.ttflist) == count


def test_unknown_language_is_rejected():
    with pytest.raises(ValueError, match="language must be one of 'en', 'zh'; got 'fr'"):
        setup_style("fr")


@pytest.mark.parametrize(("rows", "cols"), [(1, 1), (2, 1), (1, 3), (2, 2)])
def test_every_figure_has_the_shared_width(rows, cols):
    if rows == cols == 1:
        fig, ax = new_figure()
        assert isinstance(ax, Axes)
    else:
        fig, axes = new_grid(rows, cols)
        assert isinstance(axes, np.ndarray)
        assert axes.shape == (rows, cols)
    assert fig.get_figwidth() == PHONE_WIDTH_IN
    assert fig.dpi == FIGURE_DPI
    # the PNG (without tight cropping) is exactly the shared width in pixels
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    width_px = int.from_bytes(buffer.getvalue()[16:20], "big")
    assert width_px == round(PHONE_WIDTH_IN * FIGURE_DPI)


def test_new_figure_height():
    fig, _ = new_figure(height=2.5)
    assert fig.get_figheight() == 2.5
    taller, _ = new_grid(3, 1)
    assert taller.get_figheight() > new_figure()[0].get_figheight()
    with pytest.raises(ValueError, match="n_rows and n_cols"):
        new_grid(0, 1)
    with pytest.raises(ValueError, match="height must be positive"):
        new_figure(height=0)


def test_figures_are_not_held_by_pyplot():
    """Charts are shown once, as a cell's value; pyplot would show them again at the cell end."""
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    new_figure()
    assert plt.get_fignums() == before


def test_finish_wraps_long_titles():
    setup_style("en")
    fig, ax = new_figure()
    ax.set_title("A very long axes title that goes on and on about customer segments and rates")
    long_title = "Response rate by segment and arm, with 95% confidence intervals, last 90 days"
    assert finish(fig, long_title) is fig
    suptitle = fig.get_suptitle()
    assert "\n" in suptitle
    assert suptitle.replace("\n", " ") == long_title
    assert "\n" in ax.get_title(loc="left")  # the style puts titles on the left


def test_finish_wraps_chinese_titles_without_spaces():
    setup_style("zh")
    fig, _ = new_figure()
    title = "按细分和组别统计的响应率以及百分之九十五置信区间，统计最近九十天内所有客户的数据"
    finish(fig, title)
    lines = fig.get_suptitle().split("\n")
    assert len(lines) > 1
    assert "".join(lines) == title


def test_finish_keeps_short_titles():
    fig, _ = new_figure()
    finish(fig, "Customers")
    assert fig.get_suptitle() == "Customers"
    plain, _ = new_figure()
    finish(plain)
    assert plain.get_suptitle() == ""


def test_finish_raises_small_text_to_what_a_phone_can_read():
    setup_style("en")
    fig, ax = new_figure()
    ax.bar(["a", "b"], [1, 2])
    note = ax.annotate("n = 12", (0, 1), fontsize=6)
    finish(fig)
    floor = min_font_pt(PHONE_WIDTH_IN * 72)
    assert note.get_fontsize() >= floor
    assert floor * PHONE_COLUMN_PX / (PHONE_WIDTH_IN * 72) == pytest.approx(MIN_TEXT_PX)


def test_axes_of_counts_money_and_rates_are_written_as_the_report_writes_them():
    setup_style("zh")
    fig, axes = new_grid(1, 3)
    counts, money, rates = axes[0]
    counts.bar(["a"], [23_500])
    money.bar(["a"], [1_250_000])
    rates.bar(["a"], [0.3])
    rates.set_ylim(0.2, 0.35)
    number_axis(counts, "y", Formatter("en"))
    number_axis(money, "y", Formatter("zh", currency="CNY"), money=True)
    rate_axis(rates, "y", "zh")
    fig.canvas.draw()
    labels = {ax: [t.get_text() for t in ax.get_yticklabels()] for ax in (counts, money, rates)}
    assert "20,000" in labels[counts]
    assert any(label.startswith("¥") and "," in label for label in labels[money])
    assert labels[rates][0] == "0%" and rates.get_ylim()[0] == 0  # a rate axis starts at zero
