"""The scorecard: every comparison as a row, its interval drawn as a bar, its verdict as badges.

As GrowthBook and Eppo open their experiment reports: first one row per primary comparison (the
plan's goals, or the comparisons the params name), then the guardrails (complaint and churn rate
over all customers, which must not get worse), then the exploratory comparisons, collapsed. Each
row draws the effect against the control group with its interval as a bar against zero; a goal's
row also draws its actual value with its interval against the target. The verdict is written in
badges (reached / missed / too close to call; significant or not after adjustment), so it reads
without colour; a decided bar is filled and an open one hollow, so it also reads in grey.

The bars are inline SVG drawn here (percent coordinates: they stretch with the column, on a
phone and on paper, with no script); every word comes from labels and every number from
``Words``, so the figures are those of ``evaluation.json``.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from IPython.display import HTML
from markupsafe import Markup

from campaign_eval.conventions import ALL_SEGMENTS
from campaign_eval.evaluation import verdict_sentences
from campaign_eval.evaluation.effects import EXPLORATORY, PRIMARY
from campaign_eval.evaluation.sentences import baseline_kind, goal_checks
from campaign_eval.evaluation.wording import Words, finite
from campaign_eval.report.html import BadgeKind, badge, details

BASELINE_TAG_KEYS = {
    "measured": "ev.goal.tag.measured",
    "plan": "ev.goal.tag.plan",
    "plan_cohort": "ev.goal.tag.plan_cohort",
    "given": "ev.goal.tag.given",
}
"""The tag after a baseline saying where it comes from."""
GUARDRAILS = ("complaint_rate", "churn_rate")
"""Metrics that must not get worse: shown over all customers below the primary rows."""
VERDICT_BADGES: dict[str, tuple[str, BadgeKind]] = {
    "reached": ("ev.sc.badge.reached", "good"),
    "missed": ("ev.sc.badge.missed", "bad"),
    "too_close": ("ev.sc.badge.too_close", "mixed"),
}
"""A goal's verdict as a badge."""
SIGNIFICANCE_BADGES: dict[str, tuple[str, BadgeKind]] = {
    "better": ("ev.sc.badge.better", "good"),
    "worse": ("ev.sc.badge.worse", "bad"),
    "ns": ("ev.sc.badge.ns", "neutral"),
}
"""A comparison's result after adjustment as a badge."""
COLOURS: dict[BadgeKind, str] = {
    "good": "#1e7b34",
    "bad": "#b42318",
    "mixed": "#8a5a00",
    "neutral": "#52606d",
}
"""The stroke (and, for a decided bar, the fill) of each kind: the report's own colours."""
SVG_HEIGHT = 26
"""Height of a bar's drawing, in CSS px."""
_MID = SVG_HEIGHT / 2
_BAR_HALF = 6
_DOT_RADIUS = 4.5
_PAD = 0.08
"""Share of the drawn span left free at each end, so the dot and the lines never touch the edge."""
_MIN_WIDTH = 0.8
"""The narrowest interval drawn, in percent of the row, so that a tight one stays visible."""
_FILL_OPACITY = "0.45"


@dataclass(frozen=True)
class Bar:
    """One interval of a row, drawn against a reference line.

    Attributes:
        estimate: The estimate (the dot).
        low: The interval's lower bound.
        high: The interval's upper bound.
        reference: Zero (no difference) or the goal's target.
        target: Whether the reference is a target (solid line) or zero (dashed).
        kind: The bar's colour: good, bad, mixed or neutral.
        decided: Whether the verdict is decided (a filled bar) or open (a hollow one).
        figure: The estimate and interval in words, shown under the bar.
        label: What the bar compares with, shown above it (None in one-bar rows).
        note: A short line under the figure (the adjusted p), or None.
    """

    estimate: float
    low: float
    high: float
    reference: float
    target: bool
    kind: BadgeKind
    decided: bool
    figure: str
    label: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Row:
    """One comparison of the scorecard: a title, its badges and one or two bars."""

    title: str
    badges: tuple[Markup, ...]
    bars: tuple[Bar, ...]


# --------------------------------------------------------------------------------------------------
# Rows


def _result(row: Mapping[str, Any]) -> str:
    """better, worse or ns: a comparison's result after adjustment."""
    if not row.get("significant"):
        return "ns"
    return "better" if row.get("improved") else "worse"


def _significance_badge(w: Words, result: str) -> Markup:
    key, kind = SIGNIFICANCE_BADGES[result]
    return badge(w.t(key), kind)


def _lift(w: Words, row: Mapping[str, Any], label: str | None) -> Bar | None:
    """The effect against the control group: difference, interval and adjusted p."""
    metric, diff = str(row["metric"]), row["diff"]
    low, high = row["ci_low"], row["ci_high"]
    if not (finite(diff) and finite(low) and finite(high)):
        return None
    result = _result(row)
    return Bar(
        estimate=float(diff),
        low=float(low),
        high=float(high),
        reference=0.0,
        target=False,
        kind=SIGNIFICANCE_BADGES[result][1],
        decided=result != "ns",
        figure=w.diff_with_ci(metric, diff, low, high),
        label=label,
        note=w.t("ev.sc.p_adjusted", p=w.p(row["p_adjusted"])),
    )


def _baseline(w: Words, goal: Mapping[str, Any]) -> str:
    """A goal's baseline with where it comes from: 12.6% (plan, earlier cohort)."""
    shown = verdict_sentences.goal_value(w, goal, goal.get("baseline"))
    kind = baseline_kind(goal)
    return shown if kind is None else shown + w.t(BASELINE_TAG_KEYS[kind])


def _goal_note(w: Words, goal: Mapping[str, Any], refs: Sequence[str]) -> str:
    """The baseline, the attainment with its grade (beside the verdict) and the goal's notes."""
    note = w.t(
        "ev.sc.goal_note",
        baseline=_baseline(w, goal),
        attainment=w.pct(goal.get("attainment")),
        grade=w.grade(str(goal.get("grade", "n/a"))),
    )
    return note if not refs else w.t("ev.sc.with_refs", text=note, refs=w.join(refs))


def _against_target(w: Words, goal: Mapping[str, Any], refs: Sequence[str]) -> Bar | None:
    """A goal's actual value with its interval against the target."""
    actual, low, high, target = (goal.get(k) for k in ("actual", "ci_low", "ci_high", "target"))
    verdict = goal.get("verdict")
    if verdict not in VERDICT_BADGES or not all(finite(v) for v in (actual, low, high, target)):
        return None
    figure = w.t(
        "ev.sc.actual",
        actual=verdict_sentences.goal_value(w, goal, actual),
        ci=verdict_sentences.goal_interval(w, goal),
        target=verdict_sentences.goal_value(w, goal, target),
    )
    return Bar(
        estimate=float(actual),  # type: ignore[arg-type]  # finite
        low=float(low),  # type: ignore[arg-type]
        high=float(high),  # type: ignore[arg-type]
        reference=float(target),  # type: ignore[arg-type]
        target=True,
        kind=VERDICT_BADGES[str(verdict)][1],
        decided=verdict != "too_close",
        figure=figure,
        label=w.t("ev.sc.against_target"),
        note=_goal_note(w, goal, refs),
    )


def _goal_effect(goal: Mapping[str, Any]) -> dict[str, Any] | None:
    """A goal's comparison with the control group as an effects row, or None without one."""
    if goal.get("effect_arm") is None:
        return None
    return {
        "metric": goal["metric"],
        "diff": goal["effect_diff"],
        "ci_low": goal["effect_ci_low"],
        "ci_high": goal["effect_ci_high"],
        "p_adjusted": goal["effect_p_adjusted"],
        "significant": goal.get("effect_significant"),
        "improved": goal.get("effect_improved"),
    }


def goal_row(w: Words, goal: Mapping[str, Any], refs: Sequence[str] = ()) -> Row:
    """A goal: its verdict against the target and its effect against the control group.

    ``refs`` name the goal's numbered notes below the scorecard ("note 1").
    """
    effect = _goal_effect(goal)
    verdict = goal.get("verdict")
    if verdict in VERDICT_BADGES and not goal.get("measurable_from"):
        key, kind = VERDICT_BADGES[str(verdict)]
        badges = [badge(w.t(key), kind)]
    else:  # not measurable yet, or no interval to judge
        badges = [badge(verdict_sentences.goal_verdict_word(w, goal), "neutral")]
    if effect is None:
        badges.append(badge(w.t("ev.credited.none"), "neutral"))
        lift = None
    else:
        badges.append(_significance_badge(w, _result(effect)))
        lift = _lift(w, effect, w.t("ev.sc.against_control"))
    bars = tuple(b for b in (lift, _against_target(w, goal, refs)) if b is not None)
    return Row(w.goal(goal), tuple(badges), bars)


def _title(w: Words, row: Mapping[str, Any]) -> str:
    """A comparison's metric and scope (its arm too when several arms share the control)."""
    segment = w.segment(str(row["segment"]))
    if len(w.result.treatments) > 1:
        segment = w.t("ev.fmt.segment_arm", segment=segment, arm=w.arm(str(row["arm"])))
    return w.t("ev.goal.label", name=w.metric(str(row["metric"])), segment=segment)


def comparison_row(w: Words, row: Mapping[str, Any]) -> Row:
    """A comparison without a goal: its effect against the control group."""
    lift = _lift(w, row, None)
    badges = (_significance_badge(w, _result(row)),)
    return Row(_title(w, row), badges, (lift,) if lift is not None else ())


def _effects(w: Words) -> pd.DataFrame:
    effects = w.result.effects
    return effects.rows if effects is not None else pd.DataFrame()


def _is_guardrail(rows: pd.DataFrame) -> pd.Series:
    return rows["metric"].isin(GUARDRAILS) & (rows["segment"] == ALL_SEGMENTS)


def primary_rows(w: Words) -> list[Row]:
    """One row per goal, else per primary comparison the params name."""
    goals = w.result.goals.rows
    if not goals.empty:
        numbers = itertools.count(1)  # the numbering of sentences.goal_check_notes
        out = []
        for _, g in goals.iterrows():
            refs = [w.t("ev.goal.note_ref", n=next(numbers)) for _ in goal_checks(w, g)]
            out.append(goal_row(w, g, refs))
        return out
    rows = _effects(w)
    if rows.empty:
        return []
    return [comparison_row(w, r) for _, r in rows[rows["family"] == PRIMARY].iterrows()]


def guardrail_rows(w: Words) -> list[Row]:
    """Complaint and churn rate over all customers, unless a goal already holds them."""
    rows = _effects(w)
    if rows.empty:
        return []
    shown = rows[_is_guardrail(rows) & (rows["family"] != PRIMARY)]
    order = {metric: i for i, metric in enumerate(GUARDRAILS)}
    shown = shown.sort_values("metric", key=lambda m: m.map(order), kind="stable")
    return [comparison_row(w, r) for _, r in shown.iterrows()]


def exploratory_rows(w: Words) -> list[Row]:
    """Every other comparison: leads for next time, not results."""
    rows = _effects(w)
    if rows.empty:
        return []
    shown = rows[(rows["family"] == EXPLORATORY) & ~_is_guardrail(rows)]
    return [comparison_row(w, r) for _, r in shown.iterrows()]


# --------------------------------------------------------------------------------------------------
# Drawing


def _percent(value: float, low: float, high: float) -> float:
    """Where ``value`` sits on a row whose drawn span is ``low`` to ``high``, in percent."""
    return (_PAD + (1 - 2 * _PAD) * (value - low) / (high - low)) * 100


def _coordinate(value: float) -> str:
    """An SVG percentage (a drawing coordinate, not a figure a reader sees)."""
    return str(round(value, 2)) + "%"


def bar_svg(bar: Bar) -> Markup:
    """The bar as inline SVG: the interval, the estimate's dot and the reference line.

    Every colour is an attribute, so the drawing shows in a notebook without the report's
    stylesheet and prints whatever the printer's background setting.
    """
    values = (bar.low, bar.high, bar.estimate, bar.reference)
    low, high = min(values), max(values)
    if high == low:
        low, high = low - 1, high + 1
    start, end = _percent(bar.low, low, high), _percent(bar.high, low, high)
    width = max(end - start, _MIN_WIDTH)
    colour = COLOURS[bar.kind]
    fill, opacity = (colour, _FILL_OPACITY) if bar.decided else ("#ffffff", "1")
    reference = _coordinate(_percent(bar.reference, low, high))
    dash = "" if bar.target else "4 3"
    return Markup(
        '<svg class="ce-sc-svg" width="100%" height="{h}" aria-hidden="true" focusable="false">'
        '<line x1="0" x2="100%" y1="{mid}" y2="{mid}" stroke="#d9e2ec" stroke-width="1"/>'
        '<rect x="{x}" y="{top}" width="{width}" height="{size}" rx="3" fill="{fill}" '
        'fill-opacity="{opacity}" stroke="{colour}" stroke-width="1.5"/>'
        '<line class="ce-sc-ref" x1="{ref}" x2="{ref}" y1="1" y2="{bottom}" stroke="#1f2933" '
        'stroke-width="2" stroke-dasharray="{dash}"/>'
        '<circle cx="{dot}" cy="{mid}" r="{radius}" fill="#1f2933" stroke="#ffffff" '
        'stroke-width="1.5"/></svg>'
    ).format(
        h=SVG_HEIGHT,
        mid=_MID,
        x=_coordinate(start),
        top=_MID - _BAR_HALF,
        width=_coordinate(width),
        size=2 * _BAR_HALF,
        fill=fill,
        opacity=opacity,
        colour=colour,
        ref=reference,
        bottom=SVG_HEIGHT - 1,
        dash=dash,
        dot=_coordinate(_percent(bar.estimate, low, high)),
        radius=_DOT_RADIUS,
    )


def _bar_html(bar: Bar) -> Markup:
    label = Markup('<div class="ce-sc-label">{}</div>').format(bar.label) if bar.label else ""
    note = Markup('<div class="ce-sc-note">{}</div>').format(bar.note) if bar.note else ""
    return Markup('<div class="ce-sc-cell">{}{}<div class="ce-sc-figure">{}</div>{}</div>').format(
        label, bar_svg(bar), bar.figure, note
    )


def row_html(row: Row) -> Markup:
    """One row: its title and badges, then its bars."""
    cells = Markup("").join(_bar_html(b) for b in row.bars)
    shape = "ce-sc-two" if len(row.bars) > 1 else "ce-sc-one"
    return Markup(
        '<div class="ce-sc-row {}" role="listitem"><div class="ce-sc-name">'
        '<span class="ce-sc-title">{}</span> <span class="ce-sc-badges">{}</span></div>{}</div>'
    ).format(shape, row.title, Markup(" ").join(row.badges), cells)


def group_html(title: str, rows: Sequence[Row]) -> Markup:
    """A titled list of rows (nothing when there are none)."""
    if not rows:
        return Markup("")
    body = Markup("").join(row_html(r) for r in rows)
    return Markup(
        '<div class="ce-sc-group"><p class="ce-sc-group-title">{}</p>'
        '<div class="ce-sc-rows" role="list">{}</div></div>'
    ).format(title, body)


def _block(parts: Iterable[Markup]) -> HTML:
    return HTML(str(Markup('<div class="ce-scorecard">{}</div>').format(Markup("").join(parts))))


def scorecard(w: Words) -> list[HTML]:
    """The scorecard's blocks: the legend, the goal and guardrail rows, the exploratory ones.

    Without a control group only the goals are shown (against their targets); with neither
    goals nor a control group there is nothing to show.
    """
    goals = not w.result.goals.rows.empty
    if w.result.effects is None and not goals:
        return []
    primary_title = "ev.sc.group.goals" if goals else "ev.sc.group.primary"
    main = _block(
        [
            Markup('<p class="ce-sc-legend">{}</p>').format(w.t("ev.sc.legend", level=w.ci_level)),
            group_html(w.t(primary_title), primary_rows(w)),
            group_html(w.t("ev.sc.group.guardrails"), guardrail_rows(w)),
        ]
    )
    exploratory = exploratory_rows(w)
    if not exploratory:
        return [main]
    summary = w.t("ev.sc.group.exploratory", n=w.count(len(exploratory)))
    rows = _block([group_html(w.t("ev.sc.exploratory_note"), exploratory)])
    return [main, details(summary, rows)]
