"""Every report word exists in both languages, and every name the code shows has a label."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from campaign_eval import conventions
from campaign_eval.config.segmentation import SegmentationParams
from campaign_eval.metrics.catalogue import FEATURES
from campaign_eval.report.labels import LABELS, LANGUAGES, segment_label, text, tier_label
from campaign_eval.segmentation.view import RULE_KEYS


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
    for segment in [*SegmentationParams().precedence, conventions.MAINTAIN]:
        assert segment_label(segment, "zh") != segment
    for tier in conventions.TIERS:
        assert tier_label(tier, "zh") != tier
    assert set(RULE_KEYS) == set(FEATURES)  # every feature a rule may name is worded


def test_missing_label_is_a_clear_error():
    with pytest.raises(KeyError, match="no label 'nope' in language 'zh'"):
        text("nope", "zh")


# --------------------------------------------------------------------------------------------------
# Keys are written out in full: used keys are defined, defined keys are used
# --------------------------------------------------------------------------------------------------

SRC = Path(__file__).resolve().parents[2] / "src" / "campaign_eval"
LABEL_DIR = SRC / "report" / "labels"
KEY_SHAPE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
FILE_SUFFIXES = (
    ".json",
    ".csv",
    ".xlsx",
    ".parquet",
    ".html",
    ".ipynb",
    ".yaml",
    ".md",
    ".py",
    ".log",
)
LABEL_CALLS = {"t", "text"}
"""Functions whose first argument is a label key (``ctx.t``, ``view.t``, ``labels.text``)."""


def _source_files() -> list[Path]:
    """Every module that uses labels: all of src/ but the label tables themselves."""
    tables = {p for p in LABEL_DIR.glob("*.py") if p.name != "__init__.py"}
    return [p for p in sorted(SRC.rglob("*.py")) if p not in tables]


def _namespaces() -> set[str]:
    return {key.split(".")[0] for key in LABELS}


def _call_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def key_problems(files: list[Path]) -> tuple[list[str], set[str]]:
    """Label-key problems in ``files``, and every key-shaped string they contain."""
    namespaces = _namespaces()
    problems, seen = [], set()
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = path.name
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _call_name(node) in LABEL_CALLS and node.args:
                first = node.args[0]
                if isinstance(first, ast.JoinedStr | ast.BinOp):
                    problems.append(
                        f"{where}:{node.lineno}: a label key built from parts: {ast.unparse(first)}"
                    )
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                value = node.value
                if value in LABELS:
                    seen.add(value)
                elif (
                    KEY_SHAPE.match(value)
                    and value.split(".")[0] in namespaces
                    and not value.endswith(FILE_SUFFIXES)  # plan.json is a file, not a label
                ):
                    problems.append(f"{where}:{node.lineno}: label '{value}' is not defined")
    return problems, seen


def test_every_label_key_used_is_defined_and_written_in_full():
    problems, _ = key_problems(_source_files())
    assert problems == []


def test_every_defined_label_is_used():
    _, seen = key_problems(_source_files())
    assert sorted(set(LABELS) - seen) == []


def test_the_key_check_catches_a_typo_and_a_built_key(tmp_path):
    code = tmp_path / "view.py"
    code.write_text('def f(ctx, s):\n    return ctx.t("word.segmnet") + ctx.t(f"segment.{s}")\n')
    problems, _ = key_problems([code])
    assert problems == [
        "view.py:2: a label key built from parts: f'segment.{s}'",
        "view.py:2: label 'word.segmnet' is not defined",
    ]
