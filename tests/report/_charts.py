"""What a chart test checks on every figure: readable on a phone, no text drawn over text."""

from __future__ import annotations

import itertools

from matplotlib.figure import Figure
from matplotlib.text import Text

from campaign_eval.report.charts import MIN_TEXT_PX, PHONE_COLUMN_PX

OVERLAP_PX = 1.0
"""Boxes may touch; text that runs into other text by more than this (in pixels) overlaps."""


def _texts(fig: Figure) -> list[Text]:
    return [
        t
        for t in fig.findobj(Text)
        if isinstance(t, Text) and t.get_visible() and t.get_text().strip() and t.get_alpha() != 0
    ]


def overlapping_texts(fig: Figure) -> list[tuple[str, str]]:
    """Pairs of texts of ``fig`` whose boxes overlap once drawn (tick labels, labels, notes)."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in _texts(fig)]
    pairs = []
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        width = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
        height = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
        if width > OVERLAP_PX and height > OVERLAP_PX:
            pairs.append((a, b))
    return pairs


def smallest_text_on_a_phone(fig: Figure) -> float:
    """The smallest text of ``fig`` in CSS px once a 390 px phone scales it to its column."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    width_pt = fig.get_tightbbox(renderer).width * 72
    smallest = min(float(t.get_fontsize()) for t in _texts(fig))
    return smallest * PHONE_COLUMN_PX / max(width_pt, PHONE_COLUMN_PX * 0.75)


def assert_readable(fig: Figure) -> None:
    """No text overlaps other text, and every text is at least ``MIN_TEXT_PX`` on a phone."""
    assert overlapping_texts(fig) == []
    assert smallest_text_on_a_phone(fig) >= MIN_TEXT_PX - 0.05
