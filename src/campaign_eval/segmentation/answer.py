"""The segmentation report's answer: who the campaign should reach, and how many.

The targeted segments (``plan.targeted``) with their sizes and the rule that makes each a target,
in one block at the top of the report. A targeted segment nobody falls into is said first: the
campaign cannot plan activities for it.
"""

from __future__ import annotations

from IPython.display import HTML

from campaign_eval.report.html import KeyFigure, Tone, answer
from campaign_eval.segmentation.result import SegmentationResult
from campaign_eval.segmentation.wording import Words

MAX_FIGURES = 4
"""The answer shows at most this many segments; more are summed into one figure."""


def targeted(result: SegmentationResult, words: Words) -> list[str]:
    """The targeted segments in report order (precedence, then 'maintain')."""
    chosen = set(words.params.plan.targeted)
    return [s for s in result.order if s in chosen]


def segmentation_answer(result: SegmentationResult, words: Words) -> HTML:
    """The answer block: the headline, one figure per targeted segment, the control group."""
    segments = targeted(result, words)
    counts = result.sizes["customers"]
    reach = int(counts[segments].sum())
    empty = [s for s in segments if counts[s] == 0]
    tone: Tone = "bad" if reach == 0 else "mixed" if empty else "neutral"
    return answer(
        words.t("seg.answer.question"),
        _headline(result, words, segments, empty),
        _figures(result, words, segments),
        tone=tone,
        note=_control_note(words) if reach else None,
    )


def _headline(
    result: SegmentationResult, words: Words, segments: list[str], empty: list[str]
) -> str:
    counts = result.sizes["customers"]
    reach = int(counts[segments].sum())
    if reach == 0:
        return words.t("seg.answer.nobody")
    total = int(counts.sum())
    figures = {
        "count": words.f.number(reach),
        "share": words.f.pct(reach / total),
        "total": words.f.number(total),
    }
    if len(segments) == 1:
        sentences = [words.t("seg.answer.reach_one", segment=words.segment(segments[0]), **figures)]
    else:
        sentences = [words.t("seg.answer.reach", segments=words.f.number(len(segments)), **figures)]
    others = [s for s in result.order if s not in segments]
    if total > reach and others:
        names = words.listing(words.segments(others))
        sentences.append(
            words.t("seg.answer.rest", rest=words.f.number(total - reach), names=names)
        )
    if empty:
        sentences.append(words.t("seg.answer.empty", segments=words.listing(words.segments(empty))))
    return " ".join(sentences) if words.language == "en" else "".join(sentences)


def _figures(result: SegmentationResult, words: Words, segments: list[str]) -> list[KeyFigure]:
    """One figure per targeted segment (its size, its rule); beyond four, the rest summed."""
    counts = result.sizes["customers"]
    shown = segments if len(segments) <= MAX_FIGURES else segments[: MAX_FIGURES - 1]
    figures = [
        KeyFigure(words.segment(s), words.f.number(counts[s]), _capitalized(words.rule(s)))
        for s in shown
    ]
    rest = segments[len(shown) :]
    if rest:
        names = words.listing(words.segments(rest))
        figures.append(
            KeyFigure(words.t("seg.answer.others"), words.f.number(counts[rest].sum()), names)
        )
    return figures


def _control_note(words: Words) -> str:
    """The share of each targeted segment the plan holds back as its control group."""
    plan = words.params.plan
    shares = [plan.segment_control_share.get(s, plan.control_share) for s in plan.targeted]
    low, high = min(shares), max(shares)
    share = words.share(low) if low == high else words.f.range(words.share(low), words.share(high))
    return words.t("seg.answer.control", share=share)


def _capitalized(phrase: str) -> str:
    """A rule phrase as the start of a sentence (no change to Chinese)."""
    return phrase[:1].upper() + phrase[1:]
