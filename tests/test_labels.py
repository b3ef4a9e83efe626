"""Every report word exists in both languages, and every name the code shows has a label."""

from __future__ import annotations

import string

import pytest

from campaign_eval.config.segmentation import SegmentationParams
from campaign_eval.metrics.catalogue import FEATURES
from campaign_eval.report.labels import LABELS, LANGUAGES, text
from campaign_eval.segmentation.rules import ORDINARY, TIER_ORDER


def test_every_label_has_both_languages_and_the_same_placeholders():
    problems = []
    for key, entry in sorted(LABELS.items()):
        if set(entry) != set(LANGUAGES):
            problems.append(f"{key}: languages {sorted(entry)}")
            continue
        fields = {
            lang: {f for _, f, _, _ in string.Formatter().parse(entry[lang]) if f}
            for lang in LANGUAGES
        }
        if fields["en"] != fields["zh"]:
            problems.append(f"{key}: placeholders differ {fields}")
    assert problems == []


def test_names_the_code_shows_all_have_labels():
    for segment in [*SegmentationParams().precedence, "maintain"]:
        text(f"segment.{segment}", "zh")
    for tier in [*TIER_ORDER, ORDINARY]:
        text(f"tier.{tier}", "zh")
    for feature in FEATURES:
        text(f"rule.{feature}", "zh")


def test_missing_label_is_a_clear_error():
    with pytest.raises(KeyError, match="no label 'nope' in language 'zh'"):
        text("nope", "zh")
