"""Report text in English and Chinese: every heading, table label and chart word, in one place.

Each stage keeps its labels in ``labels/<stage>.py`` as ``LABELS = {key: {"en": ..., "zh": ...}}``;
this module merges them. ``text(key, language, **values)`` formats a label; a missing key or
language is a ``KeyError``, and a test checks that every label has both languages.
"""

from __future__ import annotations

from importlib import import_module
from typing import Literal

Language = Literal["en", "zh"]
LANGUAGES: tuple[Language, ...] = ("en", "zh")
_MODULES = ("common", "segmentation", "plan", "monitoring", "evaluation")


def _merge() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for name in _MODULES:
        try:
            module = import_module(f"campaign_eval.report.labels.{name}")
        except ModuleNotFoundError:
            continue
        clash = merged.keys() & module.LABELS.keys()
        if clash:
            raise RuntimeError(f"labels defined twice: {sorted(clash)}")
        merged.update(module.LABELS)
    return merged


LABELS: dict[str, dict[str, str]] = _merge()
"""Every label by key."""


def text(key: str, language: Language, **values: object) -> str:
    """The label ``key`` in ``language``, with ``{placeholders}`` filled from ``values``."""
    try:
        template = LABELS[key][language]
    except KeyError:
        raise KeyError(f"no label '{key}' in language '{language}'") from None
    return template.format(**values) if values else template
