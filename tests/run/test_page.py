"""What every page shares: error messages made safe for a stakeholder (one line, no paths)."""

from __future__ import annotations

import pytest

from campaign_eval.run.page import sanitize_message


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("No such file: '/home/ann/data/orders.csv'", "No such file: 'orders.csv'"),
        ("/tmp/ipykernel_12/3.py:4: UserWarning: x", "3.py:4: UserWarning: x"),
        ("at ~/crm/export.xlsx today", "at export.xlsx today"),
        (r"open C:\Users\ann\crm\export.xlsx failed", "open export.xlsx failed"),
        ("see file:///work/run/log.txt", "see log.txt"),
        ("speed 3 km/h and 1/2 of 2026/06/30", "speed 3 km/h and 1/2 of 2026/06/30"),
        ("\n\n  KeyError: 'segment'\nTraceback (most recent call last):", "KeyError: 'segment'"),
        ("\x1b[0;31mValueError\x1b[0m: bad", "ValueError: bad"),
        (None, ""),
    ],
)
def test_sanitize_message(raw, expected):
    assert sanitize_message(raw) == expected


def test_sanitize_message_is_short():
    cleaned = sanitize_message("x" * 1000)
    assert len(cleaned) == 300
    assert cleaned.endswith("…")
