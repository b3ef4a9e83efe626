"""Treatment vs control: planted effects, oracles from scipy, one family, the good direction, MDE."""

from __future__ import annotations

import math

import narwhals as nw
import pandas as pd
import pytest
from scipy import stats as sps
from statsmodels.stats.multitest import multipletests

from campaign_eval import datasets, stats
from campaign_eval.evaluation import OutcomeWindows, evaluate_effects
from campaign_eval.evaluation.effects import (
    EFFECT_COLUMNS,
    EMPTY_CONTROL,
    EMPTY_TREATMENT,
    compare_arms,
    improved,
    mde_level,
    with_detectable_effects,
)
from campaign_eval.evaluation.specs import metric_spec
from campaign_eval.evaluation.sums import stat_sd
from campaign_eval.metrics import outcomes as metrics
from tests.evaluation._helpers import DEMO_EVALUATION, METRICS, REL, arms


def _windows() -> OutcomeWindows:
    return OutcomeWindows.around(datasets.CAMPAIGN_START, datasets.EVENT_DATE, datasets.WINDOW_DAYS)


def _stats(rows: list[tuple[str, str, str, int, float, float]]) -> pd.DataFrame:
    """Sufficient statistics from (metric, arm, segment, n, sum, sumsq) rows."""
    frame = pd.DataFrame(rows, columns=["metric", "arm", "segment", "n", "sum", "sumsq"])
    return frame.assign(promoters=0, passives=0, detractors=0)


# --------------------------------------------------------------------------------------------------
# The planted effects, on the full 20,000-customer world


def test_planted_effects_lie_in_their_cis_and_new_is_not_significant(world):
    """Every planted effect inside its interval; no effect shown where none was planted.

    Twelve effects are checked at once: with 95% intervals one misses in about half of all
    worlds (1 - 0.95**12 = 46%), so the intervals are simultaneous (Bonferroni, alpha / 12),
    which cover all twelve in at least 95% of worlds. Significance is judged as the report does,
    Holm-adjusted at alpha 0.05.
    """
    simultaneous = 0.05 / len(datasets.PLANTED_EFFECTS)
    wide = evaluate_effects(
        world, world.table("assignment"), METRICS, _windows(), alpha=simultaneous
    )
    for planted in datasets.PLANTED_EFFECTS:
        row = wide.row(planted.metric, planted.segment, "treatment")
        assert row is not None, planted
        assert row["ci_low"] <= planted.difference <= row["ci_high"], (planted, row["ci_low"])
    effects = evaluate_effects(world, world.table("assignment"), METRICS, _windows())
    new = effects.rows[effects.rows["segment"] == "new"]
    assert len(new) == len(METRICS)
    assert not new["significant"].any(), new[["metric", "p_value", "p_adjusted"]]
    # one family: every segment (and all) x metric
    assert effects.adjustment == "holm" and len(effects.rows) == len(METRICS) * 5


def test_evaluate_effects_reads_only_per_group_sums(world, monkeypatch):
    """Guards the 10-million-customer design: one engine pass for all metrics, only group rows."""
    calls, collected = [], []
    real_stats, real_collect = metrics.group_stats_many, nw.LazyFrame.collect

    def spy(*args, **kwargs):
        out = real_stats(*args, **kwargs)
        calls.append(len(out))
        return out

    def collect(self, *args, **kwargs):
        out = real_collect(self, *args, **kwargs)
        collected.append(len(out))
        return out

    def forbidden(*_args, **_kwargs):
        raise AssertionError("per-customer values collected")

    monkeypatch.setattr(metrics, "group_stats_many", spy)
    monkeypatch.setattr(metrics, "customer_values", forbidden)
    monkeypatch.setattr(nw.LazyFrame, "collect", collect)
    names = ("repurchase_rate", "spend_per_customer", "mean_satisfaction", "nps")
    effects = evaluate_effects(world, world.table("assignment"), names, _windows())
    assert len(calls) == 1  # the post window, every metric at once
    groups = 2 * 4  # arms x segments, whatever the number of customers
    assert collected and max(collected) <= groups
    assert set(effects.rows["metric"]) == set(names)
    assert tuple(effects.rows.columns) == EFFECT_COLUMNS


# --------------------------------------------------------------------------------------------------
# Every figure against scipy and direct formulas, on the 4,000-customer test world


def test_welch_comparisons_match_scipy(small, raw):
    for metric, values, segment in (
        ("spend_per_customer", raw["spend_post"], "growth"),
        ("mean_satisfaction", raw["sat_post"], "all"),
        ("mean_satisfaction", raw["sat_post"], "churn_risk"),
    ):
        t, c = arms(values, raw["assignment"], segment)
        row = small.result.effects.row(metric, segment, "treatment")
        welch = sps.ttest_ind(t, c, equal_var=False)
        ci = welch.confidence_interval(0.95)
        assert (row["n_treatment"], row["n_control"]) == (len(t), len(c))
        assert row["diff"] == pytest.approx(t.mean() - c.mean(), rel=REL)
        assert row["p_value"] == pytest.approx(welch.pvalue, rel=1e-7)
        assert (row["ci_low"], row["ci_high"]) == pytest.approx((ci.low, ci.high), rel=1e-7)
        assert row["method"] == "Welch t-test, Welch CI"


def test_proportion_and_nps_comparisons_match_direct_formulas(small, raw):
    z = sps.norm.ppf(0.975)
    for metric, values, segment in (("repurchase_rate", raw["repurchase_post"], "churn_risk"),
                                    ("complaint_rate", raw["complaint_post"], "all")):  # fmt: skip
        t, c = arms(values, raw["assignment"], segment)
        row = small.result.effects.row(metric, segment, "treatment")
        p_t, p_c = t.mean(), c.mean()
        se = math.sqrt(p_t * (1 - p_t) / len(t) + p_c * (1 - p_c) / len(c))
        small_counts = (
            min(t.sum(), len(t) - t.sum(), c.sum(), len(c) - c.sum()) < stats.EXACT_MIN_COUNT
        )
        assert row["diff"] == pytest.approx(p_t - p_c, rel=REL)
        if small_counts:  # docs/methods.md: Fisher's exact p-value on the small-count path
            table = [[t.sum(), len(t) - t.sum()], [c.sum(), len(c) - c.sum()]]
            assert row["p_value"] == pytest.approx(sps.fisher_exact(table).pvalue, rel=1e-9)
        else:
            assert row["p_value"] == pytest.approx(2 * sps.norm.sf(abs((p_t - p_c) / se)), rel=1e-7)
            assert row["ci_low"] == pytest.approx(p_t - p_c - z * se, rel=1e-7)
    t, c = arms(raw["nps_post"], raw["assignment"], "core")
    row = small.result.effects.row("nps", "core", "treatment")

    def nps(x):
        share_p, share_d = (x >= 9).mean(), (x <= 6).mean()
        return 100 * (share_p - share_d), share_p + share_d - (share_p - share_d) ** 2

    (nps_t, var_t), (nps_c, var_c) = nps(t), nps(c)
    se = 100 * math.sqrt(var_t / len(t) + var_c / len(c))
    assert row["diff"] == pytest.approx(nps_t - nps_c, rel=REL)
    assert row["se"] == pytest.approx(se, rel=1e-9)


def test_holm_runs_within_each_family_the_goals_are_the_primary_one(small):
    rows = small.result.effects.rows
    assert len(rows) == len(small.result.specs) * 5  # every metric x (all + four segments)
    goals = {(g["metric"], g.get("segment", "all")) for g in DEMO_EVALUATION["goals"]}
    primary = rows["family"] == "primary"
    assert set(zip(rows.loc[primary, "metric"], rows.loc[primary, "segment"], strict=True)) == goals
    for family in ("primary", "exploratory"):
        part = rows[rows["family"] == family]
        expected = multipletests(part["p_value"], method="holm")[1]  # R: p.adjust(p, "holm")
        assert part["p_adjusted"].to_numpy() == pytest.approx(expected, rel=1e-12), family
    assert (rows["significant"] == (rows["p_adjusted"] < 0.05)).all()


def test_benjamini_hochberg_when_asked():
    table = _stats([
        ("spend_per_customer", arm, seg, 200, total, total**2 / 200 + 4e5)
        for seg, lift in (("core", 2000.0), ("new", 0.0), ("growth", 600.0))
        for arm, total in (("treatment", 20000.0 + lift), ("control", 20000.0))
    ])  # fmt: skip
    effects = compare_arms(table, [metric_spec("spend_per_customer")], control="control",
                           adjustment="fdr_bh")  # fmt: skip
    expected = multipletests(effects.rows["p_value"], method="fdr_bh")[1]
    assert effects.adjustment == "fdr_bh"
    assert effects.rows["p_adjusted"].to_numpy() == pytest.approx(expected, rel=1e-12)


# --------------------------------------------------------------------------------------------------
# improved follows the metric's good direction


def test_improved_reads_a_fall_as_good_only_when_lower_is_better():
    churn, repurchase = metric_spec("churn_rate"), metric_spec("repurchase_rate")
    assert improved(churn, -0.05) and not improved(churn, 0.05)
    assert improved(repurchase, 0.05) and not improved(repurchase, -0.05)
    assert not improved(churn, 0.0) and not improved(repurchase, 0.0)


def test_a_significant_rise_of_churn_is_significant_and_not_improved():
    """Churn doubling in the treatment arm: significant, and worse (lower is better)."""
    table = _stats([("churn_rate", "treatment", "core", 1000, 600.0, 600.0),
                    ("churn_rate", "control", "core", 1000, 300.0, 300.0)])  # fmt: skip
    effects = compare_arms(table, [metric_spec("churn_rate")], control="control")
    row = effects.row("churn_rate", "core", "treatment")
    assert row["diff"] == pytest.approx(0.3) and row["significant"]
    assert row["lower_is_better"] and not row["improved"]


# --------------------------------------------------------------------------------------------------
# The minimum detectable effect is taken at the strictest level of the adjustment


def test_each_mde_is_the_detectable_effect_at_its_familys_level_and_direction(small):
    effects = small.result.effects
    rows = effects.rows
    tested = rows[rows["p_value"].notna()]["family"].value_counts()
    for family in ("primary", "exploratory"):
        expected_level = small.result.alpha / tested[family]
        assert mde_level(effects, family) == pytest.approx(expected_level)
    goal_direction = {(g["metric"], g.get("segment", "all")): ("decrease" if g["metric"] ==
                      "complaint_rate" else "increase") for g in DEMO_EVALUATION["goals"]}  # fmt: skip
    for _, row in rows.iterrows():
        spec = effects.spec(row["metric"])
        control = effects.arm_stats(row["metric"], row["segment"], "control")
        kind = "proportion" if spec.kind == "proportion" else "mean"
        observed = "increase" if row["diff"] > 0 else "decrease"
        direction = goal_direction.get((row["metric"], row["segment"]), observed)
        assert row["mde_direction"] == direction
        expected = stats.detectable_effect(
            kind,
            row["value_control"],
            row["n_control"],
            row["n_treatment"],
            sd=math.nan if kind == "proportion" else stat_sd(control, spec.kind),
            alpha=small.result.alpha / tested[row["family"]],
            power=small.result.power,
            direction=direction,
        )
        assert row["mde"] == pytest.approx(expected, rel=1e-12, nan_ok=True), row["metric"]
    churn = rows[rows["metric"] == "churn_rate"].iloc[0]
    raw_alpha = stats.detectable_effect(
        "proportion", churn["value_control"], churn["n_control"], churn["n_treatment"],
        alpha=small.result.alpha, power=small.result.power, direction="decrease",
    )  # fmt: skip
    assert churn["mde"] > raw_alpha  # a stricter level needs a larger effect


def test_the_mde_of_a_proportion_follows_the_metric_direction():
    """Without a difference the MDE takes the metric's good direction: churn's is the fall's."""
    rows = [
        (metric, arm, "core", 400, 40.0, 40.0)
        for metric in ("churn_rate", "repurchase_rate")
        for arm in ("treatment", "control")
    ]
    specs = [metric_spec("churn_rate"), metric_spec("repurchase_rate")]
    effects = with_detectable_effects(compare_arms(_stats(rows), specs, control="control"), 0.8)
    churn = effects.row("churn_rate", "core", "treatment")["mde"]
    repurchase = effects.row("repurchase_rate", "core", "treatment")["mde"]
    level = mde_level(effects)
    fall = stats.detectable_effect("proportion", 0.1, 400, 400, alpha=level, direction="decrease")
    rise = stats.detectable_effect("proportion", 0.1, 400, 400, alpha=level, direction="increase")
    assert churn == pytest.approx(fall) and repurchase == pytest.approx(rise) and fall != rise


def test_the_mde_follows_the_observed_difference_unless_a_goal_fixes_the_direction():
    """Complaints rose: the MDE quoted is the rise's, not the fall a lower-is-better metric hopes for."""
    rows = [("complaint_rate", "treatment", "core", 1000, 30.0, 30.0),
            ("complaint_rate", "control", "core", 1000, 20.0, 20.0)]  # fmt: skip
    specs = [metric_spec("complaint_rate")]
    free = with_detectable_effects(compare_arms(_stats(rows), specs, control="control"), 0.8)
    row = free.row("complaint_rate", "core", "treatment")
    level = mde_level(free)
    rise = stats.detectable_effect(
        "proportion", 0.02, 1000, 1000, alpha=level, direction="increase"
    )
    fall = stats.detectable_effect(
        "proportion", 0.02, 1000, 1000, alpha=level, direction="decrease"
    )
    assert row["mde_direction"] == "increase" and row["mde"] == pytest.approx(rise)
    assert rise > fall  # near 0% a rise must be larger than a fall to be detected
    goal = {("complaint_rate", "core"): "decrease"}
    fixed = with_detectable_effects(
        compare_arms(_stats(rows), specs, control="control", primary=goal), 0.8, goal
    )
    row = fixed.row("complaint_rate", "core", "treatment")
    assert row["family"] == "primary" and row["mde_direction"] == "decrease"
    assert row["mde"] == pytest.approx(fall)


def test_families_are_adjusted_apart_primary_always_with_holm():
    rows = [
        (metric, arm, segment, 500, n, n)
        for metric, hits in (("repurchase_rate", (60.0, 40.0)), ("churn_rate", (50.0, 62.0)))
        for segment in ("core", "new")
        for arm, n in zip(("treatment", "control"), hits, strict=True)
    ]
    specs = [metric_spec("repurchase_rate"), metric_spec("churn_rate")]
    primary = {("repurchase_rate", "core"): "increase"}
    effects = compare_arms(
        _stats(rows), specs, control="control", adjustment="fdr_bh", primary=primary
    )
    got = effects.rows.set_index(["metric", "segment"])
    first = got.loc[("repurchase_rate", "core")]
    assert first["family"] == "primary" and first["p_adjusted"] == pytest.approx(first["p_value"])
    exploratory = got[got["family"] == "exploratory"]
    expected = multipletests(exploratory["p_value"], method="fdr_bh")[1]  # R: p.adjust(p, "BH")
    assert exploratory["p_adjusted"].to_numpy() == pytest.approx(expected)


# --------------------------------------------------------------------------------------------------
# Comparisons that cannot be made


def test_an_arm_without_customers_is_skipped_with_its_reason():
    table = _stats([("spend_per_customer", "treatment", "core", 50, 500.0, 9000.0),
                    ("spend_per_customer", "control", "core", 20, 180.0, 3000.0),
                    ("spend_per_customer", "treatment", "new", 10, 90.0, 1500.0),
                    ("spend_per_customer", "control", "new", 0, 0.0, 0.0),
                    ("spend_per_customer", "control", "growth", 30, 250.0, 4000.0)])  # fmt: skip
    effects = compare_arms(table, [metric_spec("spend_per_customer")], control="control",
                           treatments=["treatment"])  # fmt: skip
    assert set(effects.rows["segment"]) == {"all", "core"}
    assert set(effects.skipped) == {
        ("spend_per_customer", "new", "treatment", EMPTY_CONTROL),
        ("spend_per_customer", "growth", "treatment", EMPTY_TREATMENT),
    }
    overall = effects.arm_stats("spend_per_customer", "all", "treatment")
    assert overall["n"] == 60 and overall["sum"] == 590.0  # sums over the segments


def test_an_outcome_table_compares_each_arm_with_the_control(email):
    frame, evaluated = email
    result = evaluated.result
    assert result.treatments == ("A", "B") and result.assignment_source == "outcome_table"
    control = frame[frame["variant"] == "control"]
    for arm in ("A", "B"):
        treated = frame[frame["variant"] == arm]
        row = result.effects.row("revenue", "all", arm)
        welch = sps.ttest_ind(treated["revenue"], control["revenue"], equal_var=False)
        assert row["p_value"] == pytest.approx(welch.pvalue, rel=1e-7)
        conv = result.effects.row("converted", "North", arm)
        north = treated[treated["region"] == "North"]
        assert conv["value_treatment"] == pytest.approx(north["converted"].mean())
        nps = result.effects.row("nps", "all", arm)
        assert nps["n_treatment"] == treated["nps"].notna().sum()
    assert len(result.effects.rows) == 3 * 3 * 2  # metrics x (all + 2 regions) x arms
    cuped = result.cuped.set_index(["metric", "segment", "arm"]).loc[("revenue", "all", "A")]
    assert cuped["variance_reduction"] > 0.05  # revenue depends on revenue_before
