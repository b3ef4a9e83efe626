"""The report's answer block: did it work, by how much, how sure, and what it returned in money.

The block opens the report (the renderer puts it under the page header). Its headline says in
plain words what the verdicts allow (docs/methods.md, "Verdicts"): only a primary comparison
significant after adjustment is an effect of the campaign; a goal is reached only when its whole
interval is on the good side of the target; the return's verdict reads its interval. Its key
figures are the goals reached and credited, the incremental value, the return per 1 spent with
its interval, and the return's verdict with the chance that the standard was met.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd
from IPython.display import HTML

from campaign_eval.evaluation import verdict_sentences
from campaign_eval.evaluation.effects import PRIMARY
from campaign_eval.evaluation.retrospective import Retrospective
from campaign_eval.evaluation.wording import RATIO_DIGITS, Words, finite
from campaign_eval.report.html import KeyFigure, Tone, answer

Lead = Literal["yes", "partly", "no", "not_shown", "not_planned"]
"""The one-word answer: it worked, partly, it did not, nothing is shown, nothing was planned."""
LEAD_KEYS: dict[Lead, str] = {
    "yes": "ev.answer.lead.yes",
    "partly": "ev.answer.lead.partly",
    "no": "ev.answer.lead.no",
    "not_shown": "ev.answer.lead.not_shown",
    "not_planned": "ev.answer.lead.not_planned",
}
"""The one-word answer, in words."""
TONES: dict[Lead, Tone] = {
    "yes": "good",
    "partly": "mixed",
    "no": "bad",
    "not_shown": "neutral",
    "not_planned": "neutral",
}
"""How each answer colours the block."""
ROI_ANSWER_KEYS = {
    "met": "ev.answer.roi.met",
    "not_met": "ev.answer.roi.not_met",
    "cant_tell": "ev.answer.roi.cant_tell",
}
"""The return in the headline, by its verdict."""
ROI_WORD_KEYS = {
    "met": "ev.answer.fig.roi_met",
    "not_met": "ev.answer.fig.roi_not_met",
    "cant_tell": "ev.answer.fig.roi_cant_tell",
}
"""The return's verdict as a key figure."""
GOAL_PART_KEYS = {
    "missed": "ev.answer.part.missed",
    "too_close": "ev.answer.part.too_close",
    "pending": "ev.answer.part.pending",
}
"""The goals not reached, by verdict, in the goals' sentence."""


@dataclass(frozen=True)
class Facts:
    """What the answer is read from.

    Attributes:
        primary: The primary comparisons (effects rows).
        credited: Those significant after adjustment that moved the good way.
        harmed: Those significant after adjustment that moved the wrong way.
        verdicts: Each goal's verdict (None while not measurable).
        roi: The return's verdict, or None when it was not judged.
    """

    primary: pd.DataFrame
    credited: pd.DataFrame
    harmed: pd.DataFrame
    verdicts: tuple[str | None, ...]
    roi: str | None

    @property
    def reached(self) -> int:
        """Goals reached."""
        return self.verdicts.count("reached")


def facts(w: Words) -> Facts:
    """The primary comparisons, the goals' verdicts and the return's verdict of a result."""
    effects = w.result.effects
    rows = effects.rows if effects is not None else pd.DataFrame()
    primary = rows[rows["family"] == PRIMARY] if not rows.empty else rows
    if primary.empty:
        credited = harmed = primary
    else:
        significant = primary["significant"].astype(bool)
        improved = primary["improved"].astype(bool)
        credited, harmed = primary[significant & improved], primary[significant & ~improved]
    goals = w.result.goals.rows
    verdicts = tuple(v if isinstance(v, str) else None for v in goals.get("verdict", []))
    return Facts(
        primary=primary,
        credited=credited,
        harmed=harmed,
        verdicts=verdicts,
        roi=w.result.returns.verdict,
    )


def lead(found: Facts) -> Lead:
    """The one-word answer.

    Yes: every primary comparison credits the campaign, every goal is reached and the return's
    standard is not shown to be missed. No: nothing is credited or reached, and something got
    worse or the standard was missed. Not shown: nothing credited or reached, nothing against.
    Partly: anything between.
    """
    if found.primary.empty and not found.verdicts:
        return "not_planned"
    credited = len(found.credited)
    everything = credited == len(found.primary) and found.reached == len(found.verdicts)
    if everything and found.harmed.empty and found.roi in ("met", None):
        return "yes"
    if credited == 0 and found.reached == 0:
        return "no" if not found.harmed.empty or found.roi == "not_met" else "not_shown"
    return "partly"


# --------------------------------------------------------------------------------------------------
# The headline


def _scope(w: Words, row: pd.Series) -> str:
    """A comparison's metric and segment (and arm, when several arms share the control)."""
    segment = w.segment(str(row["segment"]))
    if len(w.result.treatments) > 1:
        segment = w.t("ev.fmt.segment_arm", segment=segment, arm=w.arm(str(row["arm"])))
    return w.t("ev.fmt.metric_segment", metric=w.metric(str(row["metric"])), segment=segment)


def _effect(w: Words, row: pd.Series) -> str:
    metric = str(row["metric"])
    return w.t(
        "ev.answer.effect",
        scope=_scope(w, row),
        diff=w.diff(metric, row["diff"]),
        level=w.ci_level,
        ci=w.diff_ci(metric, row["ci_low"], row["ci_high"]),
    )


def _effects_sentence(w: Words, found: Facts, word: str) -> str:
    """What the campaign is shown to have caused (or that nothing is), after the one word."""
    credited = [_effect(w, r) for _, r in found.credited.iterrows()]
    if found.primary.empty:
        return w.t("ev.answer.effects.none_planned", lead=word)
    if not credited:
        out = w.t("ev.answer.effects.zero", lead=word, n=w.count(len(found.primary)))
    elif len(credited) == 1:
        out = w.t("ev.answer.effects.one", lead=word, effect=credited[0])
    else:
        out = w.t(
            "ev.answer.effects.many",
            lead=word,
            k=w.count(len(credited)),
            effects=w.t("ev.sep.items").join(credited),
        )
    harmed = [_effect(w, r) for _, r in found.harmed.iterrows()]
    if harmed:
        out += w.t("ev.sep.sentence") + w.t(
            "ev.answer.effects.harmed", effects=w.t("ev.sep.items").join(harmed)
        )
    return out


def _goals_sentence(w: Words, found: Facts) -> str | None:
    """How many goals were reached, and why the others were not."""
    verdicts = found.verdicts
    if not verdicts:
        return None
    n = w.count(len(verdicts))
    if found.reached == len(verdicts):
        return w.t("ev.answer.goals.all", n=n)
    counts = {
        "missed": verdicts.count("missed"),
        "too_close": verdicts.count("too_close"),
        "pending": verdicts.count(None),
    }
    parts = [w.t(GOAL_PART_KEYS[k], n=w.count(c)) for k, c in counts.items() if c]
    return w.t(
        "ev.answer.goals.some",
        reached=w.count(found.reached),
        n=n,
        parts=w.join(parts),
    )


def _roi_sentence(w: Words) -> str:
    """The return per 1 spent with its interval and its verdict, or why there is none."""
    r = w.result.returns
    if r.verdict is None or not finite(r.incremental_roi):
        return verdict_sentences.roi_sentence(w, None)
    low, high = r.incremental_roi_ci
    return w.t(
        ROI_ANSWER_KEYS[r.verdict],
        roi=w.per_unit(r.incremental_roi),
        ci=w.per_unit_range(low, high),
        standard=w.standard(r.min_roi),
        p=w.pct(r.p_meets_standard),
    )


def headline(w: Words, found: Facts) -> str:
    """The answer in three short sentences: the effects, the goals, the return."""
    word = lead(found)
    parts = [
        _effects_sentence(w, found, w.t(LEAD_KEYS[word])),
        _goals_sentence(w, found),
        _roi_sentence(w),
    ]
    return w.t("ev.sep.sentence").join(p for p in parts if p)


# --------------------------------------------------------------------------------------------------
# The key figures


def _goals_figure(w: Words, found: Facts) -> KeyFigure:
    if found.verdicts:
        goals = w.result.goals.rows
        credited = int(goals["credited"].fillna(value=False).astype(bool).sum())
        return KeyFigure(
            w.t("ev.answer.fig.goals"),
            w.t("ev.answer.fig.of", k=w.count(found.reached), n=w.count(len(found.verdicts))),
            w.t("ev.answer.fig.goals_credited", n=w.count(credited)),
        )
    return KeyFigure(
        w.t("ev.answer.fig.primary"),
        w.t("ev.answer.fig.of", k=w.count(len(found.credited)), n=w.count(len(found.primary))),
        w.t("ev.answer.fig.primary_note"),
    )


def _money_figures(w: Words) -> list[KeyFigure]:
    """The incremental value, the return per 1 spent and the verdict on the standard."""
    r = w.result.returns
    if not (finite(r.incremental_value) and finite(r.incremental_roi)) or r.verdict is None:
        return []
    ci = w.t("ev.answer.fig.ci", level=w.ci_level, ci=w.money_range(*r.incremental_ci))
    roi_ci = w.t("ev.answer.fig.ci", level=w.ci_level, ci=w.per_unit_range(*r.incremental_roi_ci))
    return [
        KeyFigure(w.t("ev.answer.fig.value"), w.money(r.incremental_value), ci),
        KeyFigure(
            w.t("ev.answer.fig.roi", one=w.money(1)),
            w.money(r.incremental_roi, RATIO_DIGITS),
            roi_ci,
        ),
        KeyFigure(
            w.t("ev.answer.fig.standard", standard=w.standard(r.min_roi)),
            w.t(ROI_WORD_KEYS[r.verdict]),
            w.t("ev.answer.fig.chance", p=w.pct(r.p_meets_standard)),
        ),
    ]


def _gross_figure(w: Words) -> list[KeyFigure]:
    r = w.result.returns
    if not finite(r.gross_roi):
        return []
    return [
        KeyFigure(
            w.t("ev.answer.fig.gross", one=w.money(1)),
            w.money(r.gross_roi, RATIO_DIGITS),
            w.t("ev.answer.fig.gross_note"),
        )
    ]


def _customers_figure(w: Words) -> KeyFigure:
    return KeyFigure(w.t("ev.answer.fig.customers"), w.count(w.result.n_customers))


def block(w: Words, retro: Retrospective) -> HTML:
    """The answer block of the evaluation report."""
    question = w.t("ev.answer.question")
    if retro.open_until is not None:
        return answer(
            question,
            w.t("ev.answer.open", date=retro.open_until),
            [_customers_figure(w)],
            tone="neutral",
        )
    found = facts(w)
    if not w.result.has_control:
        figures = [_goals_figure(w, found)] if found.verdicts else [_customers_figure(w)]
        text = w.t("ev.answer.no_control")
        goals = _goals_sentence(w, found)
        headline_text = text if goals is None else text + w.t("ev.sep.sentence") + goals
        return answer(question, headline_text, figures + _gross_figure(w), tone="neutral")
    figures = [_goals_figure(w, found), *_money_figures(w)]
    return answer(question, headline(w, found), figures, tone=TONES[lead(found)])
