"""The tables of the evaluation report: labelled columns, every cell already formatted.

Each function reads the result through ``Words`` (labels and number formats of the report
language) and returns a DataFrame for ``report.html.show_table``, or None when there is nothing
to show. Comparisons come one table per metric (``Tables``: caption and table), the metric's
name and unit in the caption, so no cell repeats them and no table is wider than the page.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from campaign_eval.conventions import ALL_SEGMENTS
from campaign_eval.evaluation.before_after import INDEPENDENT, MCNEMAR, PAIRED
from campaign_eval.evaluation.effects import PRIMARY
from campaign_eval.evaluation.wording import MONEY_DIGITS, Words, finite

TEST_KEYS = {
    MCNEMAR: "ev.ba.test.mcnemar",
    PAIRED: "ev.ba.test.paired",
    INDEPENDENT: "ev.ba.test.independent",
}
"""The test of a before/after row."""
EXACT_METHOD = "Fisher"
"""A comparison whose method starts with this took the exact small-count path."""


Tables = list[tuple[str, pd.DataFrame]]
"""Tables of one kind, one per metric: (caption, table)."""


def _keys(w: Words, row: pd.Series, *, arm: bool) -> dict[str, str]:
    """The segment and (with several treatment arms) arm of a row."""
    out = {w.t("word.segment"): w.segment(row["segment"])}
    if arm:
        out[w.t("ev.col.arm")] = w.arm(row["arm"])
    return out


def _multi(w: Words) -> bool:
    return len(w.result.treatments) > 1


def _pair(w: Words, treatment: object, control: object) -> str:
    return w.t("ev.fmt.pair", treatment=w.count(treatment), control=w.count(control))


def _rows(frame: pd.DataFrame, build: Callable[[pd.Series], dict[str, str]]) -> pd.DataFrame | None:
    if frame.empty:
        return None
    return pd.DataFrame([build(row) for _, row in frame.iterrows()])


def _by_metric(
    w: Words, frame: pd.DataFrame, build: Callable[[pd.Series], dict[str, str]]
) -> Tables:
    """One table per metric, in the report's metric order, captioned with its name and unit."""
    if frame.empty:
        return []
    metrics = [m for m in w.result.metric_names if (frame["metric"] == m).any()]
    metrics += [m for m in dict.fromkeys(frame["metric"]) if m not in metrics]
    out = []
    for metric in metrics:
        table = _rows(frame[frame["metric"] == metric], build)
        if table is not None:
            out.append((w.metric_unit(metric), table))
    return out


# --------------------------------------------------------------------------------------------------
# Effects


def _result_word(w: Words, row: pd.Series) -> str:
    if not row["significant"]:
        return w.t("ev.result.ns")
    return w.t("ev.result.better") if row["improved"] else w.t("ev.result.worse")


def exact(rows: pd.DataFrame) -> pd.Series:
    """Which comparisons took the exact small-count path (Fisher, Newcombe)."""
    return rows["method"].astype(str).str.startswith(EXACT_METHOD)


def _scope(w: Words, r: pd.Series) -> str:
    """A comparison's segment (and arm with several), marked when it is a primary comparison."""
    segment = w.segment(r["segment"])
    if _multi(w):
        segment = w.t("ev.fmt.segment_arm", segment=segment, arm=w.arm(r["arm"]))
    return w.t("ev.fmt.primary", segment=segment) if r["family"] == PRIMARY else segment


def effects_tables(w: Words) -> Tables:
    """Treatment vs control, one table per metric (its unit in the caption): six columns.

    Each row: the segment, customers and values of both arms, the difference with its
    interval (unadjusted), the p-value adjusted within its family, and the result. Raw
    p-values and relative lifts are in ``evaluation_effects.csv`` and ``evaluation.json``.
    """
    effects = w.result.effects
    if effects is None:
        return []

    def build(r: pd.Series) -> dict[str, str]:
        m = r["metric"]
        p = w.p(r["p_adjusted"])
        values = w.t(
            "ev.fmt.pair",
            treatment=w.value(m, r["value_treatment"]),
            control=w.value(m, r["value_control"]),
        )
        return {
            w.t("word.segment"): _scope(w, r),
            w.t("ev.col.n"): _pair(w, r["n_treatment"], r["n_control"]),
            w.t("ev.col.values"): values,
            w.t("ev.col.diff_ci", level=w.ci_level): w.diff_with_ci(
                m, r["diff"], r["ci_low"], r["ci_high"], unit=False
            ),
            w.t("ev.col.p_adj"): w.t("ev.fmt.exact_p", p=p) if exact_row(r) else p,
            w.t("ev.col.result"): _result_word(w, r),
        }

    return _by_metric(w, effects.rows, build)


def exact_row(row: pd.Series) -> bool:
    """Whether one comparison took the exact small-count path."""
    return str(row["method"]).startswith(EXACT_METHOD)


# --------------------------------------------------------------------------------------------------
# Before and after


def did_tables(w: Words) -> Tables:
    """Difference in differences per segment, one table per metric."""

    def build(r: pd.Series) -> dict[str, str]:
        m = r["metric"]
        return {
            **_keys(w, r, arm=_multi(w)),
            w.t("ev.col.treatment_change"): w.change(m, r["treatment_pre"], r["treatment_post"]),
            w.t("ev.col.control_change"): w.change(m, r["control_pre"], r["control_post"]),
            w.t("ev.col.did_ci", level=w.ci_level): w.diff_with_ci(
                m, r["diff"], r["ci_low"], r["ci_high"], unit=False
            ),
            w.t("ev.col.p_raw"): w.p(r["p_value"]),
        }

    return _by_metric(w, w.result.did, build)


def cuped_tables(w: Words) -> Tables:
    """CUPED beside the plain comparison, with the variance reduction, one table per metric."""

    def build(r: pd.Series) -> dict[str, str]:
        m = r["metric"]
        plain = w.diff_with_ci(
            m, r["plain_diff"], r["plain_ci_low"], r["plain_ci_high"], unit=False
        )
        cuped = w.diff_with_ci(m, r["diff"], r["ci_low"], r["ci_high"], unit=False)
        return {
            **_keys(w, r, arm=_multi(w)),
            w.t("ev.col.plain"): plain,
            w.t("ev.col.cuped"): cuped,
            w.t("ev.col.variance_reduction"): w.pct(r["variance_reduction"], 1),
            w.t("ev.col.p_raw"): w.p(r["p_value"]),
        }

    return _by_metric(w, w.result.cuped, build)


def _change(w: Words, r: pd.Series, count_key: str, before: str, after: str) -> dict[str, str]:
    """Customers, the value before and after, and the change with its CI of a before/after row."""
    m = r["metric"]
    return {
        w.t(count_key): w.count(r["n"]),
        w.t("ev.col.before_after"): w.change(m, r[before], r[after]),
        w.t("ev.col.change_ci", level=w.ci_level): w.diff_with_ci(
            m, r["mean_diff"], r["ci_low"], r["ci_high"], unit=False
        ),
    }


def paired_tables(w: Words) -> Tables:
    """Paired before/after of customers who answered in both windows, one table per metric."""

    def build(r: pd.Series) -> dict[str, str]:
        return {
            **_keys(w, r, arm=True),
            **_change(w, r, "ev.col.pairs", "mean_before", "mean_after"),
            w.t("ev.col.p_paired"): w.t(
                "ev.fmt.pair_p", t=w.p(r["p_value"]), wilcoxon=w.p(r["wilcoxon_p_value"])
            ),
        }

    return _by_metric(w, w.result.paired.rows, build)


def mann_whitney_tables(w: Words) -> Tables:
    """Mann-Whitney beside Welch for 1-5 scores, one table per metric."""

    def build(r: pd.Series) -> dict[str, str]:
        return {
            **_keys(w, r, arm=_multi(w)),
            w.t("ev.col.n"): _pair(w, r["n_treatment"], r["n_control"]),
            w.t("ev.col.superiority"): w.pct(r["prob_superiority"], 1),
            w.t("ev.col.p_mw"): w.p(r["p_value"]),
            w.t("ev.col.p_welch"): w.p(r["welch_p_value"]),
        }

    return _by_metric(w, w.result.mann_whitney, build)


def before_after_tables(w: Words) -> Tables:
    """Without a control group: pre vs post of the same customers (not causal), per metric."""

    def build(r: pd.Series) -> dict[str, str]:
        return {
            **_keys(w, r, arm=False),
            **_change(w, r, "ev.col.customers", "before", "after"),
            w.t("ev.col.p_raw"): w.p(r["p_value"]),
            w.t("ev.col.test"): w.t(TEST_KEYS[r["method"]]),
        }

    return _by_metric(w, w.result.before_after, build)


# --------------------------------------------------------------------------------------------------
# Feedback, return, process


def feedback_table(w: Words) -> pd.DataFrame | None:
    """Mean satisfaction and negative suggestions against the template's standards."""
    f = w.result.feedback
    if f is None:
        return None
    columns = (w.t("ev.col.indicator"), w.t("ev.col.actual"), w.t("ev.col.standard"),
               w.t("ev.col.met"))  # fmt: skip
    rows = [
        (
            w.t("ev.fb.mean"),
            w.f.number(f.mean_satisfaction, 2),
            w.t("ev.fmt.at_least", value=w.f.number(f.min_mean_satisfaction, 1)),
            w.yes_no(f.satisfaction_met),
        ),
        (
            w.t("ev.fb.negative"),
            w.f.number(f.negative),
            w.t("ev.fmt.at_most", value=w.f.number(f.max_negative)),
            w.yes_no(f.negative_met),
        ),
    ]
    return pd.DataFrame(rows, columns=list(columns))


def return_table(w: Words) -> pd.DataFrame:
    """Incremental (headline) and gross value and ROI, cost, cost per incremental conversion."""
    r = w.result.returns
    conversion = w.metric(r.conversion_metric) if r.conversion_metric else w.na
    low, high = r.conversions_ci
    conversions_ci = w.f.ci(low, high) if finite(low) else w.na
    rows = [
        (w.t("ev.ret.incremental_value"), w.money(r.incremental_value),
         w.money_range(*r.incremental_ci)),
        (w.t("ev.ret.cost", basis=w.basis(r.cost_basis)), w.money(r.cost_total), ""),
        (w.t("ev.ret.incremental_roi"), w.per_unit(r.incremental_roi),
         w.per_unit_range(*r.incremental_roi_ci)),
        (w.t("ev.ret.gross_value"), w.money(r.gross_value), ""),
        (w.t("ev.ret.gross_roi"), w.per_unit(r.gross_roi), ""),
        (w.t("ev.ret.incremental_conversions", metric=conversion),
         w.f.number(r.incremental_conversions), conversions_ci),
        (w.t("ev.ret.cost_per_conversion", metric=conversion),
         w.money(r.cost_per_incremental_conversion), ""),
    ]  # fmt: skip
    columns = [w.t("ev.col.item"), w.t("ev.col.value"), w.t("ev.col.ci", level=w.ci_level)]
    return pd.DataFrame(rows, columns=columns)


def budget_table(w: Words) -> pd.DataFrame | None:
    """Budget vs actual by category with a total, and which amount the ROI used."""
    costs = w.result.returns.costs
    if costs.empty:
        return None
    variance = [
        w.f.signed_money(a - p, MONEY_DIGITS) if finite(a) else w.na
        for p, a in zip(costs["planned"], costs["actual"], strict=True)
    ]
    out = pd.DataFrame(
        {
            w.t("ev.col.category"): [w.category(c) for c in costs["category"]],
            w.t("ev.col.planned"): [w.money(v) for v in costs["planned"]],
            w.t("ev.col.actual_cost"): [w.money(v) for v in costs["actual"]],
            w.t("ev.col.variance"): variance,
            w.t("ev.col.used"): [w.basis(b) for b in costs["basis"]],
        }
    )
    all_known = bool(costs["actual"].notna().all())
    planned, actual = costs["planned"].sum(), costs["actual"].sum()
    total = [
        w.t("ev.col.total"),
        w.money(planned),
        w.money(actual) if all_known else w.na,
        w.f.signed_money(actual - planned, MONEY_DIGITS) if all_known else w.na,
        w.money(w.result.returns.cost_total),
    ]
    return pd.concat([out, pd.DataFrame([total], columns=out.columns)], ignore_index=True)


def process_table(w: Words) -> pd.DataFrame | None:
    """Preparation time against the plan; None when it was not recorded."""
    p = w.result.process
    if p.planned_days is None or p.actual_days is None:
        return None
    row = {
        w.t("ev.col.indicator"): w.t("ev.process.prep"),
        w.t("ev.col.planned"): w.f.number(p.planned_days),
        w.t("ev.col.actual"): w.f.number(p.actual_days),
        w.t("ev.col.ratio"): w.pct(p.ratio),
        w.t("ev.col.standard"): w.t("ev.fmt.at_most", value=w.pct(p.max_ratio)),
        w.t("ev.col.met"): w.yes_no(p.met),
    }
    return pd.DataFrame([row])


# --------------------------------------------------------------------------------------------------
# Design checks


def srm_table(w: Words) -> pd.DataFrame | None:
    """Observed arm sizes against the planned split, per segment."""
    slash = w.t("ev.sep.slash")

    def build(r: pd.Series) -> dict[str, str]:
        observed = r.get("observed_shares")
        counts = (
            w.t("ev.fmt.arm_count", arm=w.arm(a), n=w.count(n))
            for a, n in zip(r["arms"], r["observed"], strict=True)
        )
        return {
            w.t("word.segment"): w.segment(r["segment"]),
            w.t("ev.col.customers"): slash.join(counts),
            w.t("ev.col.planned_share"): slash.join(w.pct(s, 1) for s in r["expected_shares"]),
            w.t("ev.col.observed_share"): slash.join(w.pct(s, 1) for s in observed)
            if isinstance(observed, tuple)
            else w.na,
            w.t("ev.col.p_raw"): w.p(r["p_value"]),
            w.t("ev.col.flag"): w.flag(r["flagged"]),
        }

    return _rows(w.result.srm, build)


def balance_table(w: Words) -> pd.DataFrame | None:
    """Pre-window values by arm over all customers (every segment is in evaluation.json)."""
    balance = w.result.balance
    if balance.empty:
        return None
    part = balance[balance["segment"] == ALL_SEGMENTS]
    if part.empty:
        part = balance

    def build(r: pd.Series) -> dict[str, str]:
        m = r["metric"]
        out = {w.t("ev.col.metric"): w.metric(m)}
        if _multi(w):
            out[w.t("ev.col.arm")] = w.arm(r["arm"])
        return {
            **out,
            w.t("ev.col.treatment"): w.value(m, r["value_treatment"], r["kind"]),
            w.t("ev.col.control"): w.value(m, r["value_control"], r["kind"]),
            w.t("ev.col.smd"): w.f.number(r["smd"], 3),
            w.t("ev.col.p_raw"): w.p(r["p_value"]),
            w.t("ev.col.flag"): w.flag(r["flagged"]),
        }

    return _rows(part, build)
