"""What the reader must know first: an open window, short data, no control, a broken design."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from campaign_eval.evaluation.notices import (
    DATA_SHORT,
    IMBALANCE,
    NO_CONTROL,
    NO_CONTROL_CONTACTS,
    NOTICE_KEYS,
    SAMPLE_RATIO,
    SKIPPED_METRICS,
    WINDOW_OPEN,
    find_notices,
)
from campaign_eval.evaluation.windows import OutcomeWindows
from campaign_eval.report.labels import LABELS
from tests.evaluation._helpers import EVENT, START

WINDOWS = OutcomeWindows.around(START, EVENT, 30)  # the post window ends on 2026-08-14
EMPTY = pd.DataFrame()


def _codes(**changes) -> list[str]:
    args = {"windows": WINDOWS, "today": dt.date(2026, 11, 30), "newest": dt.date(2026, 11, 30),
            "control": None, "assignment_source": "plan", "srm": EMPTY, "balance": EMPTY,
            "skipped_metrics": ()}  # fmt: skip
    return [n.code for n in find_notices(**{**args, **changes})]


def test_nothing_to_say_about_a_sound_finished_evaluation():
    assert _codes() == []


def test_an_open_window_comes_before_short_data():
    assert _codes(today=dt.date(2026, 8, 1)) == [WINDOW_OPEN]
    assert _codes(newest=dt.date(2026, 8, 1)) == [DATA_SHORT]
    (notice,) = find_notices(windows=WINDOWS, today=dt.date(2026, 8, 1), newest=None, control=None,
                             assignment_source="plan", srm=EMPTY, balance=EMPTY,
                             skipped_metrics=())  # fmt: skip
    assert dict(notice.figures) == {"end": dt.date(2026, 8, 14), "today": dt.date(2026, 8, 1)}


def test_no_control_says_whether_the_invited_customers_stood_in():
    assert _codes(control="control") == [NO_CONTROL]
    assert _codes(control="control", assignment_source="contacts") == [NO_CONTROL_CONTACTS]


def test_a_broken_design_warns_imbalance_only_over_all_customers():
    srm = pd.DataFrame({"segment": ["core"], "flagged": [True]})
    balance = pd.DataFrame({"segment": ["all", "core"], "flagged": [False, True]})
    assert _codes(srm=srm, balance=balance) == [SAMPLE_RATIO]
    balance = pd.DataFrame({"segment": ["all"], "flagged": [True]})
    assert _codes(balance=balance, skipped_metrics=("nps",)) == [IMBALANCE, SKIPPED_METRICS]


def test_every_notice_has_a_label_in_both_languages():
    for key in NOTICE_KEYS.values():
        assert set(LABELS[key]) == {"en", "zh"}
