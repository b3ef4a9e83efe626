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


def test_data_values_take_a_display_form_and_the_analysts_names_win():
    from campaign_eval.report.labels import display_value

    assert display_value("small_business", {}, "en") == "Small business"
    assert display_value("retail", {"retail": "Retail chains"}, "en") == "Retail chains"
    assert display_value("retail", {"retail": "零售"}, "zh") == "零售"
    assert display_value("retail", {}, "zh") == "retail"  # no guessed translation
    assert display_value("North", {}, "en") == "North"  # written with capitals: kept
    assert display_value("北京", {}, "en") == "北京"


ZH_ASCII_ALLOWED = frozenset({
    # statistics' own letters and abbreviations a Chinese analyst reads as they are
    "p", "t", "z", "U", "n", "CI", "ROI", "NPS", "CSAT", "SMD",
    # methods known by their authors' names (brand names)
    "Holm", "Benjamini-Hochberg", "Welch", "Wald", "Wilson", "Newcombe", "Fisher", "McNemar",
    "Wilcoxon", "Mann-Whitney", "CUPED", "delta",
    # file formats, channels and the analysts' tool, by their product names
    "CSV", "Excel", "Parquet", "JSON", "HTML", "SMS", "App", "YYYY-MM-DD", "JupyterLab",
})  # fmt: skip
"""The ASCII words a Chinese label may contain: data values come in through placeholders."""


def _ascii_words(template: str) -> list[str]:
    without_placeholders = re.sub(r"\{[^}]*\}", " ", template)
    return re.findall(r"[A-Za-z][A-Za-z0-9'\-]*", without_placeholders)


def test_chinese_labels_are_chinese_but_for_method_names_and_data_values():
    stray = {
        key: words
        for key, languages in LABELS.items()
        if (words := [w for w in _ascii_words(languages["zh"]) if w not in ZH_ASCII_ALLOWED])
    }
    assert stray == {}, f"{len(stray)} Chinese labels hold English words: {stray}"


def test_chinese_labels_use_full_width_punctuation():
    half_width = {
        key: sorted(set(re.findall(r"[,;:()!?]", re.sub(r"\{[^}]*\}", "", languages["zh"]))))
        for key, languages in LABELS.items()
    }
    assert {key: marks for key, marks in half_width.items() if marks} == {}
