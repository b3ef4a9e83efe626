"""Report text in English and Chinese: every heading, table label, sentence and chart word.

Each stage keeps its labels in ``labels/<stage>.py`` as ``LABELS = {key: {"en": ..., "zh": ...}}``,
the words every stage shares are in ``labels/common.py`` and the page's own words (contents,
header, run index) in ``labels/page.py``; this module merges them. ``text(key, language,
**values)`` formats a label; a missing key or language is a ``KeyError``. Keys are always written
out in full: a name from the data (a segment, a tier, an arm) is turned into its key through the
mappings below, never by building the key from parts, so a test can check every key in the code.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module

from campaign_eval import conventions
from campaign_eval.report.format import LANGUAGES, Language

__all__ = [
    "ARM_KEYS",
    "LABELS",
    "LANGUAGES",
    "SEGMENT_KEYS",
    "STAGE_KEYS",
    "TIER_KEYS",
    "Language",
    "arm_label",
    "display_value",
    "segment_label",
    "text",
    "tier_label",
]

_MODULES = (
    "common",
    "page",
    "segmentation",
    "plan",
    "monitoring",
    "evaluation",
    "verdicts",
    "lists",
)


def _merge() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for name in _MODULES:
        module = import_module(f"campaign_eval.report.labels.{name}")
        clash = merged.keys() & module.LABELS.keys()
        if clash:
            raise RuntimeError(f"labels defined twice: {sorted(clash)}")
        merged.update(module.LABELS)
    return merged


LABELS: dict[str, dict[str, str]] = _merge()
"""Every label by key."""

STAGE_KEYS = {
    "segmentation": "stage.segmentation",
    "plan": "stage.plan",
    "monitoring": "stage.monitoring",
    "evaluation": "stage.evaluation",
}
"""The title of each stage's report."""
SEGMENT_KEYS = {
    conventions.CORE: "segment.core",
    conventions.GROWTH: "segment.growth",
    conventions.CHURN_RISK: "segment.churn_risk",
    conventions.NEW: "segment.new",
    conventions.MAINTAIN: "segment.maintain",
    conventions.ALL_SEGMENTS: "segment.all",
}
"""The reader's name of each segment."""
TIER_KEYS = {
    conventions.PREMIUM: "tier.premium",
    conventions.POTENTIAL: "tier.potential",
    conventions.ORDINARY: "tier.ordinary",
    conventions.LOST: "tier.lost",
}
"""The reader's name of each tier."""
ARM_KEYS = {conventions.TREATMENT: "arm.treatment", conventions.CONTROL: "arm.control"}
"""The reader's name of each arm."""


def text(key: str, language: Language, **values: object) -> str:
    """The label ``key`` in ``language``, with ``{placeholders}`` filled from ``values``."""
    try:
        template = LABELS[key][language]
    except KeyError:
        raise KeyError(f"no label '{key}' in language '{language}'") from None
    return template.format(**values) if values else template


def _named(keys: dict[str, str], value: object, language: Language) -> str:
    key = keys.get(str(value))
    return text(key, language) if key is not None else str(value)


def segment_label(segment: object, language: Language) -> str:
    """A segment's name for readers; a segment the package does not know is shown as written."""
    return _named(SEGMENT_KEYS, segment, language)


def tier_label(tier: object, language: Language) -> str:
    """A tier's name for readers; an unknown tier is shown as written."""
    return _named(TIER_KEYS, tier, language)


def arm_label(arm: object, language: Language) -> str:
    """An arm's name for readers; an arm the plan did not name (a third arm) is shown as written."""
    return _named(ARM_KEYS, arm, language)


def display_value(value: object, labels: Mapping[str, str], language: Language) -> str:
    """A value from the data (an industry, a size, a region) as readers see it.

    ``labels`` is ``campaign.value_labels``: the analyst's names win. Otherwise an English report
    shows a lower-case code with a capital and spaces (``small_business`` is "Small business")
    and a Chinese report shows the value as written (a code has no Chinese form we could guess).

    Example:
        >>> display_value("small_business", {}, "en"), display_value("retail", {"retail": "零售"}, "zh")
        ('Small business', '零售')
    """
    raw = str(value)
    if raw in labels:
        return labels[raw]
    if language == "en" and raw.isascii() and raw == raw.lower():
        words = raw.replace("_", " ").strip()
        return words[:1].upper() + words[1:]
    return raw
