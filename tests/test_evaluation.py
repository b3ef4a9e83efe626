"""The evaluation stage: planted effects, oracles from pandas and scipy, outcome tables, the report."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import re
from pathlib import Path

import narwhals as nw
import numpy as np
import pandas as pd
import pytest
import yaml
from IPython.display import HTML
from scipy import stats as sps
from statsmodels.stats.multitest import multipletests

from campaign_eval import datasets, evaluation, stats
from campaign_eval.config import ParamsError, load_params
from campaign_eval.config.data import DataParams
from campaign_eval.config.evaluation import EvaluationParams
from campaign_eval.io import CampaignData, load_data
from campaign_eval.metrics import outcomes as metrics
from campaign_eval.report.labels import LABELS
from campaign_eval.run.context import open_stage
from campaign_eval.run.runner import NOTEBOOK_DIR, NOTEBOOKS
from tests.conftest import ROOT, TODAY, assert_stakeholder_html, run_stages

DEMO_EVALUATION = {
    "planned_shares": {"treatment": 0.8, "control": 0.2},
    "goals": [
        {"metric": "repurchase_rate", "segment": "churn_risk", "target": 0.18,
         "name": "Win back churn-risk customers", "deadline": "2026-08-31"},
        {"metric": "mean_satisfaction", "segment": "core", "target": 4.4,
         "name": "Delight core customers", "deadline": "2026-08-31"},
        {"metric": "complaint_rate", "target": 0.005, "name": "Fewer complaints"},
    ],
    "planned_preparation_days": 21,
    "actual_preparation_days": 18,
    "notes": ["The SMS outage from 8 July cut delivery to 40%; check the provider before the next wave."],
}  # fmt: skip
"""The demo's evaluation section (for params/demo.yaml; passed explicitly until it is pasted)."""
ASSIGNMENT_TABLE = {"data": {"tables": {"assignment": {"path": "assignment.parquet"}}}}
SCRIPT_NOTE = "<script>alert('x')</script> & the <b>SMS</b> outage"
METRICS = (
    "repurchase_rate",
    "spend_per_customer",
    "mean_satisfaction",
    "nps",
    "churn_rate",
    "complaint_rate",
)
POST = datasets.POST_WINDOW
DAY = dt.timedelta(days=1)
PRE = (
    datasets.CAMPAIGN_START - DAY - dt.timedelta(days=datasets.WINDOW_DAYS),
    datasets.CAMPAIGN_START - DAY,
)
"""(start - 1 - W, start - 1]: ends the day before the first invitations, like the plan's baselines."""
REL = 1e-9


def _merge(base: dict, extra: dict) -> dict:
    out = dict(base)
    for key, value in extra.items():
        both = isinstance(value, dict) and isinstance(out.get(key), dict)
        out[key] = _merge(out[key], value) if both else value
    return out


def _write_params(
    folder: Path, data: Path, *, language: str = "en", extra: dict | None = None
) -> Path:
    """params/demo.yaml (or demo_zh.yaml) on a test world, with overrides (like ``demo_params``)."""
    source = ROOT / "params" / ("demo_zh.yaml" if language == "zh" else "demo.yaml")
    raw = json.loads(json.dumps(yaml.safe_load(source.read_text(encoding="utf-8")), default=str))
    raw["data"]["base_dir"] = str(data)
    raw["data"]["demo"] = False
    raw = _merge(raw, extra or {})
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"demo_{language}.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _open(params: Path, run_dir: Path):
    return open_stage("evaluation", str(params), run_dir=str(run_dir), today=TODAY.isoformat())


def _window(frame: pd.DataFrame, column: str, window: tuple[dt.date, dt.date]) -> pd.DataFrame:
    """Rows in (after, through], written directly in pandas."""
    low = pd.Timestamp(window[0]) + pd.Timedelta(days=1)
    high = pd.Timestamp(window[1]) + pd.Timedelta(days=1)
    return frame[(frame[column] >= low) & (frame[column] < high)]


# --------------------------------------------------------------------------------------------------
# The planted effects, on the full 20,000-customer world
# --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """The standard demo world (20,000 customers) on the engine, with its assignment."""
    folder = tmp_path_factory.mktemp("world20k")
    datasets.generate_demo(folder)
    tables = {
        t: {"path": f"{t}.parquet"} for t in (*datasets.HISTORY_TABLES, *datasets.CAMPAIGN_TABLES)
    }
    params = DataParams.model_validate({"base_dir": str(folder), "tables": tables})
    return load_data(params, folder, today=TODAY)


def test_planted_effects_lie_in_their_cis_and_new_is_not_significant(world):
    """Every planted effect inside its interval; no effect shown where none was planted.

    Twelve effects are checked at once: with 95% intervals one misses in about half of all
    worlds (1 - 0.95**12 = 46%), so the intervals are simultaneous (Bonferroni, alpha / 12),
    which cover all twelve in at least 95% of worlds. Significance is judged as the report does,
    Holm-adjusted at alpha 0.05.
    """
    windows = evaluation.Windows.around(
        datasets.CAMPAIGN_START, datasets.EVENT_DATE, datasets.WINDOW_DAYS
    )
    simultaneous = 0.05 / len(datasets.PLANTED_EFFECTS)
    wide = evaluation.evaluate_effects(
        world, world.table("assignment"), METRICS, windows, alpha=simultaneous
    )
    for planted in datasets.PLANTED_EFFECTS:
        row = wide.row(planted.metric, planted.segment, "treatment")
        assert row is not None, planted
        assert row["ci_low"] <= planted.difference <= row["ci_high"], (
            planted,
            row["ci_low"],
            row["ci_high"],
        )
    effects = evaluation.evaluate_effects(world, world.table("assignment"), METRICS, windows)
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
    windows = evaluation.Windows.around(datasets.CAMPAIGN_START, datasets.EVENT_DATE, 30)
    names = ("repurchase_rate", "spend_per_customer", "mean_satisfaction", "nps")
    effects = evaluation.evaluate_effects(world, world.table("assignment"), names, windows)
    assert len(calls) == 1  # the post window, every metric at once
    groups = 2 * 4  # arms x segments, whatever the number of customers
    assert collected and max(collected) <= groups
    assert set(effects.rows["metric"]) == set(names)


# --------------------------------------------------------------------------------------------------
# Every figure against pandas and scipy, on the 4,000-customer test world
# --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small(tmp_path_factory, demo_data):
    """The stage run directly (no notebook) on the test world with the data's assignment."""
    folder = tmp_path_factory.mktemp("eval_small")
    params = _write_params(
        folder, demo_data, extra={**ASSIGNMENT_TABLE, "evaluation": DEMO_EVALUATION}
    )
    return evaluation.run(_open(params, folder / "run"))


@pytest.fixture(scope="module")
def raw(demo_data):
    """Per-customer values computed directly in pandas from the Parquet files (the oracle)."""
    assignment = pd.read_parquet(demo_data / "assignment.parquet").set_index("customer_id")
    orders = pd.read_parquet(demo_data / "orders.parquet")
    surveys = pd.read_parquet(demo_data / "surveys.parquet")
    complaints = pd.read_parquet(demo_data / "complaints.parquet")

    def spend(window):
        return (
            _window(orders, "order_date", window)
            .groupby("customer_id")["amount"]
            .sum()
            .reindex(assignment.index, fill_value=0.0)
        )

    def bought(window):
        hit = _window(orders[orders["amount"] > 0], "order_date", window)["customer_id"].unique()
        return pd.Series(assignment.index.isin(hit).astype(float), index=assignment.index)

    def satisfaction(window):
        answers = _window(surveys.dropna(subset=["satisfaction"]), "survey_date", window)
        return answers.groupby("customer_id")["satisfaction"].mean()

    post_answers = _window(surveys.dropna(subset=["nps"]), "survey_date", POST)
    last = post_answers.groupby("customer_id")["survey_date"].transform("max")
    nps = post_answers[post_answers["survey_date"] == last].groupby("customer_id")["nps"].mean()
    complained = _window(complaints, "complaint_date", POST)["customer_id"].unique()
    return {
        "assignment": assignment, "surveys": surveys,
        "spend_post": spend(POST), "spend_pre": spend(PRE),
        "repurchase_post": bought(POST), "repurchase_pre": bought(PRE),
        "sat_post": satisfaction(POST), "sat_pre": satisfaction(PRE),
        "nps_post": nps[nps.index.isin(assignment.index)],
        "complaint_post": pd.Series(assignment.index.isin(complained).astype(float), index=assignment.index),
    }  # fmt: skip


def _arms(
    values: pd.Series, assignment: pd.DataFrame, segment: str
) -> tuple[np.ndarray, np.ndarray]:
    frame = assignment.join(values.rename("v"), how="inner")
    if segment != "all":
        frame = frame[frame["segment"] == segment]
    return (frame.loc[frame["arm"] == "treatment", "v"].to_numpy(),
            frame.loc[frame["arm"] == "control", "v"].to_numpy())  # fmt: skip


def test_welch_comparisons_match_scipy(small, raw):
    for metric, values, segment in (
        ("spend_per_customer", raw["spend_post"], "growth"),
        ("mean_satisfaction", raw["sat_post"], "all"),
        ("mean_satisfaction", raw["sat_post"], "churn_risk"),
    ):
        t, c = _arms(values, raw["assignment"], segment)
        row = small.effects.row(metric, segment, "treatment")
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
        t, c = _arms(values, raw["assignment"], segment)
        row = small.effects.row(metric, segment, "treatment")
        p_t, p_c = t.mean(), c.mean()
        se = math.sqrt(p_t * (1 - p_t) / len(t) + p_c * (1 - p_c) / len(c))
        small_counts = (
            min(t.sum(), len(t) - t.sum(), c.sum(), len(c) - c.sum()) < stats.EXACT_MIN_COUNT
        )
        assert row["diff"] == pytest.approx(p_t - p_c, rel=REL)
        if small_counts:  # CONVENTIONS: Fisher's exact p-value on the small-count path
            table = [[t.sum(), len(t) - t.sum()], [c.sum(), len(c) - c.sum()]]
            assert row["p_value"] == pytest.approx(sps.fisher_exact(table).pvalue, rel=1e-9)
        else:
            assert row["p_value"] == pytest.approx(2 * sps.norm.sf(abs((p_t - p_c) / se)), rel=1e-7)
            assert row["ci_low"] == pytest.approx(p_t - p_c - z * se, rel=1e-7)
    t, c = _arms(raw["nps_post"], raw["assignment"], "core")
    row = small.effects.row("nps", "core", "treatment")

    def nps(x):
        return 100 * ((x >= 9).mean() - (x <= 6).mean()), (x >= 9).mean() + (x <= 6).mean() - (
            (x >= 9).mean() - (x <= 6).mean()
        ) ** 2

    (nps_t, var_t), (nps_c, var_c) = nps(t), nps(c)
    se = 100 * math.sqrt(var_t / len(t) + var_c / len(c))
    assert row["diff"] == pytest.approx(nps_t - nps_c, rel=REL)
    assert row["se"] == pytest.approx(se, rel=1e-9)


def test_holm_adjustment_covers_the_whole_family(small):
    rows = small.effects.rows
    expected = multipletests(rows["p_value"], method="holm")[1]
    assert rows["p_adjusted"].to_numpy() == pytest.approx(expected, rel=1e-12)
    assert len(rows) == len(small.specs) * 5  # every metric x (all + four segments)
    assert (rows["significant"] == (rows["p_adjusted"] < 0.05)).all()


def test_cuped_did_paired_and_rank_tests_match_raw_values(small, raw):
    a = raw["assignment"]
    # CUPED from engine sums == stats.compare_means on the raw per-customer arrays
    frame = a.join(raw["spend_post"].rename("y")).join(raw["spend_pre"].rename("x"))
    t, c = frame[frame["arm"] == "treatment"], frame[frame["arm"] == "control"]
    oracle = stats.compare_means(
        t["y"], c["y"], covariate_treatment=t["x"], covariate_control=c["x"]
    )
    row = small.cuped[
        (small.cuped["metric"] == "spend_per_customer") & (small.cuped["segment"] == "all")
    ].iloc[0]
    for name in ("diff", "ci_low", "ci_high", "p_value", "variance_reduction"):
        assert row[name] == pytest.approx(getattr(oracle, name), rel=1e-7), name
    # difference in differences of repurchase, written out
    pre_t, pre_c = _arms(raw["repurchase_pre"], a, "all")
    post_t, post_c = _arms(raw["repurchase_post"], a, "all")
    did = small.did[
        (small.did["metric"] == "repurchase_rate") & (small.did["segment"] == "all")
    ].iloc[0]
    cells = [pre_t, post_t, pre_c, post_c]
    se = math.sqrt(sum(x.mean() * (1 - x.mean()) / len(x) for x in cells))
    assert did["diff"] == pytest.approx(
        (post_t.mean() - pre_t.mean()) - (post_c.mean() - pre_c.mean()), rel=REL
    )
    assert did["se"] == pytest.approx(se, rel=1e-9)
    # paired before/after of customers surveyed twice: scipy's paired t and Wilcoxon
    both = a.join(raw["sat_pre"].rename("before"), how="inner").join(
        raw["sat_post"].rename("after"), how="inner"
    )
    treated = both[both["arm"] == "treatment"]
    paired = small.paired.rows
    row = paired[(paired["segment"] == "all") & (paired["arm"] == "treatment")].iloc[0]
    assert row["n"] == len(treated)
    assert row["p_value"] == pytest.approx(
        sps.ttest_rel(treated["after"], treated["before"]).pvalue, rel=1e-7
    )
    assert row["wilcoxon_p_value"] == pytest.approx(
        sps.wilcoxon(treated["after"] - treated["before"]).pvalue, rel=1e-7
    )
    # Mann-Whitney from engine value counts == scipy on the raw scores
    t, c = _arms(raw["sat_post"], a, "all")
    mw = small.mann_whitney[small.mann_whitney["segment"] == "all"].iloc[0]
    assert mw["p_value"] == pytest.approx(sps.mannwhitneyu(t, c).pvalue, rel=1e-7)


def test_sample_ratio_and_balance_match_scipy(small, raw):
    a = raw["assignment"]
    core = a[a["segment"] == "core"]["arm"].value_counts()
    row = small.srm.set_index("segment").loc["core"]
    expected = sps.chisquare(
        [core["treatment"], core["control"]], f_exp=np.array([0.8, 0.2]) * core.sum()
    )
    assert row["observed"] == (core["treatment"], core["control"])
    assert row["p_value"] == pytest.approx(expected.pvalue, rel=1e-9)
    assert row["flagged"] == (expected.pvalue < 0.001)
    t, c = _arms(raw["spend_pre"], a, "all")
    balance = small.balance.set_index(["metric", "segment"]).loc[("spend_per_customer", "all")]
    smd = (t.mean() - c.mean()) / math.sqrt((t.var(ddof=1) + c.var(ddof=1)) / 2)
    assert balance["smd"] == pytest.approx(smd, rel=1e-7)


def test_goals_return_and_feedback_match_pandas(small, raw, demo_data):
    a = raw["assignment"]
    treated = a[a["arm"] == "treatment"]
    goal = small.goals.set_index("name").loc["Win back churn-risk customers"]
    actual = raw["repurchase_post"][treated.index[treated["segment"] == "churn_risk"]].mean()
    baseline = raw["repurchase_pre"][treated.index[treated["segment"] == "churn_risk"]].mean()
    assert goal["actual"] == pytest.approx(actual, rel=REL)
    assert (
        goal["baseline"] == pytest.approx(baseline, rel=REL)
        and goal["baseline_source"] == "measured"
    )
    assert goal["attainment"] == pytest.approx(actual / 0.18, rel=REL)
    assert goal["progress"] == pytest.approx((actual - baseline) / (0.18 - baseline), rel=REL)
    complaints = small.goals.set_index("name").loc["Fewer complaints"]
    assert complaints["direction"] == "decrease"
    assert complaints["attainment"] == pytest.approx(0.005 / complaints["actual"], rel=REL)
    # incremental value: per segment (treatment mean - control mean) x treated customers
    spend = a.join(raw["spend_post"].rename("s"))
    by = spend.groupby(["segment", "arm"])["s"].agg(["mean", "size", "sum"]).unstack("arm")
    value = ((by["mean"]["treatment"] - by["mean"]["control"]) * by["size"]["treatment"]).sum()
    costs = pd.read_parquet(demo_data / "costs.parquet")
    r = small.returns
    assert r.incremental_value == pytest.approx(value, rel=1e-9)
    assert r.cost_total == pytest.approx(costs["actual"].sum()) and r.cost_basis == "actual"
    assert r.incremental_roi == pytest.approx(value / costs["actual"].sum(), rel=1e-9)
    assert r.gross_value == pytest.approx(by["sum"]["treatment"].sum(), rel=1e-9)
    # negative suggestions: a comment marked negative, or a comment with a score of 2 or lower
    s = _window(raw["surveys"], "survey_date", POST)
    s = s[s["customer_id"].isin(treated.index) & s["comment"].fillna("").str.strip().ne("")]
    negative = (s["sentiment"].eq("negative") | s["satisfaction"].le(2)).sum()
    assert small.feedback.negative == negative and small.feedback.comments == len(s)
    assert small.feedback.negative_met == bool(negative <= 5)


def test_attainment_progress_and_grades():
    assert evaluation.attainment(0.18, 0.20, "increase") == pytest.approx(0.9)
    assert evaluation.attainment(0.025, 0.02, "decrease") == pytest.approx(0.8)
    assert math.isnan(evaluation.attainment(-10.0, 20.0, "increase"))  # NPS below 0: no ratio
    assert evaluation.progress(0.18, 0.12, 0.20, "increase") == pytest.approx(0.75)
    assert evaluation.progress(0.08, 0.12, 0.10, "decrease") == pytest.approx(2.0)
    assert math.isnan(evaluation.progress(0.18, 0.12, 0.10, "increase"))  # target below baseline
    bands = EvaluationParams().grades
    assert [evaluation.grade(v, bands) for v in (0.95, 0.9, 0.8, 0.6, 0.2, math.nan)] == [
        "excellent", "excellent", "good", "fair", "poor", "n/a"
    ]  # fmt: skip


def test_plan_json_goals_and_shares_are_read():
    plan = {
        "goals": [
            {"id": "g1", "description": "Churn-risk repurchase to 18%", "metric": "repurchase_rate",
             "scope": {"segment": "churn_risk", "filters": {"region": ["East"]}}, "direction": "higher",
             "baseline": 0.11, "target": 0.18, "deadline": "2026-08-31",
             "outcome_window": {"after": "2026-07-15", "through": "2026-08-14"},
             "baseline_window": {"after": "2026-05-31", "through": "2026-06-30"},
             "baseline_source": "earlier_cohort",
             "problems": [{"code": "too_few_customers", "message": "Too few customers"}]},
            {"id": "g2", "metric": "complaint_rate", "scope": {"segment": "all", "filters": {}},
             "direction": "lower", "target": None},
        ],
        "arm_shares": {"treatment": 0.8, "control": 0.2},
        "segment_shares": {"core": {"treatment": 0.7, "control": 0.3}},
    }  # fmt: skip
    goals = evaluation.goals_from_plan(plan, lambda _m: "increase")
    assert goals[0].segment == "churn_risk" and goals[0].filters == (("region", ("East",)),)
    assert (
        goals[0].direction == "increase" and goals[0].baseline == 0.11 and goals[0].source == "plan"
    )
    assert goals[0].outcome_window == (dt.date(2026, 7, 15), dt.date(2026, 8, 14))
    assert goals[0].name == "Churn-risk repurchase to 18%"
    assert goals[0].plan_baseline_source == "earlier_cohort"
    assert goals[0].problems == (("too_few_customers", "Too few customers"),)
    assert goals[1].problems == () and goals[1].plan_baseline_source is None
    assert goals[1].direction == "decrease" and math.isnan(goals[1].target)
    assert evaluation.shares_from_plan(plan) == ({"treatment": 0.8, "control": 0.2},
                                                 {"core": {"treatment": 0.7, "control": 0.3}})  # fmt: skip
    nested = {"arm_shares": {"core": {"treatment": 0.5, "control": 0.5}}}
    assert evaluation.shares_from_plan(nested) == (
        None,
        {"core": {"treatment": 0.5, "control": 0.5}},
    )


# --------------------------------------------------------------------------------------------------
# Without a control group; outcome tables
# --------------------------------------------------------------------------------------------------


def test_without_control_only_before_after_with_the_non_causal_warning(
    demo_params, demo_data, tmp_path, raw
):
    treated = pd.read_parquet(demo_data / "assignment.parquet").query("arm == 'treatment'")
    treated.to_parquet(tmp_path / "treated_only.parquet")
    extra = {"data": {"tables": {"assignment": {"path": str(tmp_path / "treated_only.parquet")}}}}
    outcome = evaluation.run(_open(demo_params(extra=extra), tmp_path / "run"))
    assert not outcome.has_control and outcome.effects is None
    assert "ev.msg.no_control" in [m.key for m in outcome.messages]
    html = "".join(
        getattr(outcome, f"{s}_section")().data for s in ("effects", "before_after", "return")
    )
    html += outcome.summary().data
    assert "not proof that the campaign caused them" in html
    assert "not effects of the campaign" in html and "Regression to the mean" in html
    assert "only the gross ROI" in html
    ba = outcome.before_after.set_index(["metric", "segment"])
    sat = ba.loc[("mean_satisfaction", "all")]
    assert (
        sat["method"] == "paired"
        and sat["n"] > 0
        and sat["ci_low"] < sat["mean_diff"] < sat["ci_high"]
    )
    # a yes/no outcome of the same customers: McNemar on the discordant pairs (CONVENTIONS)
    ids = treated["customer_id"]
    before, after = raw["repurchase_pre"][ids], raw["repurchase_post"][ids]
    yes_to_no = int(((before == 1) & (after == 0)).sum())
    no_to_yes = int(((before == 0) & (after == 1)).sum())
    rep = ba.loc[("repurchase_rate", "all")]
    assert rep["method"] == "mcnemar" and rep["n"] == len(ids)
    assert (rep["yes_to_no"], rep["no_to_yes"]) == (yes_to_no, no_to_yes)
    chi2 = (yes_to_no - no_to_yes) ** 2 / (yes_to_no + no_to_yes)
    assert yes_to_no + no_to_yes >= stats.MCNEMAR_EXACT_MAX_DISCORDANT
    assert rep["p_value"] == pytest.approx(sps.chi2.sf(chi2, 1), rel=1e-9)
    assert rep["mean_diff"] == pytest.approx(after.mean() - before.mean(), rel=REL)
    assert "McNemar" in html
    payload = json.loads(
        (tmp_path / "run" / evaluation.EVALUATION_FILE).read_text(encoding="utf-8")
    )
    assert (
        payload["has_control"] is False and payload["comparisons"] == [] and payload["before_after"]
    )


def _email_test(n: int = 3000, seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    arm = rng.choice(["control", "A", "B"], n)
    before = rng.gamma(2, 50, n)
    converted = (rng.random(n) < np.where(arm == "A", 0.16, 0.10)).astype(int)
    nps = rng.integers(0, 11, n).astype(float)
    nps[rng.random(n) < 0.4] = np.nan
    return pd.DataFrame({
        "variant": arm, "converted": converted,
        "revenue": (converted * rng.gamma(2, 60, n) + 0.3 * before).round(2),
        "nps": nps, "revenue_before": before.round(2), "region": rng.choice(["North", "South"], n),
    })  # fmt: skip


OUTCOME_TABLE = {
    "source": "outcome_table",
    "outcome_table": {
        "path": "email_test.csv", "arm_column": "variant", "segment_column": "region",
        "covariate_column": "revenue_before",
        "outcomes": {"converted": {"kind": "binary", "label": "Converted <b>now</b>"},
                     "revenue": {"kind": "continuous"}, "nps": {"kind": "nps"}},
    },
    "value_metric": "revenue", "conversion_metric": "converted",
    "goals": [{"metric": "converted", "target": 0.12, "baseline": 0.10}],
}  # fmt: skip


def test_multi_arm_outcome_table_compares_each_arm_with_the_control(demo_params, tmp_path):
    frame = _email_test()
    (tmp_path / "data").mkdir()
    frame.to_csv(tmp_path / "data" / "email_test.csv", index=False)  # no id column: rows numbered
    outcome = _run_outcome_table(tmp_path, frame, demo_params)
    assert outcome.treatments == ("A", "B") and outcome.assignment_source == "outcome_table"
    for arm in ("A", "B"):
        t = frame.loc[frame["variant"] == arm, "revenue"]
        c = frame.loc[frame["variant"] == "control", "revenue"]
        row = outcome.effects.row("revenue", "all", arm)
        assert row["p_value"] == pytest.approx(
            sps.ttest_ind(t, c, equal_var=False).pvalue, rel=1e-7
        )
        conv = outcome.effects.row("converted", "North", arm)
        north = frame[frame["region"] == "North"]
        assert conv["value_treatment"] == pytest.approx(
            north.loc[north["variant"] == arm, "converted"].mean()
        )
        nps = outcome.effects.row("nps", "all", arm)
        assert nps["n_treatment"] == frame.loc[frame["variant"] == arm, "nps"].notna().sum()
    assert len(outcome.effects.rows) == 3 * 3 * 2  # metrics x (all + 2 regions) x arms
    cuped = outcome.cuped.set_index(["metric", "segment", "arm"]).loc[("revenue", "all", "A")]
    assert cuped["variance_reduction"] > 0.05  # revenue depends on revenue_before
    goal = outcome.goals.iloc[0]
    treated = frame[frame["variant"].isin(["A", "B"])]
    assert goal["actual"] == pytest.approx(treated["converted"].mean())
    assert goal["baseline_source"] == "given"
    html = "".join(
        (getattr(outcome, name)() or HTML("")).data
        for name in ("summary", "effects_section", "before_after_section", "return_section",
                     "design_section", "retrospective_section")
    )  # fmt: skip
    assert_stakeholder_html(html)
    assert "Converted &lt;b&gt;now&lt;/b&gt;" in html and "<b>now</b>" not in html


def _run_outcome_table(
    tmp_path: Path, frame: pd.DataFrame, demo_params
) -> evaluation.EvaluationOutcome:
    params = demo_params(extra={"evaluation": {**OUTCOME_TABLE, "outcome_table": {
        **OUTCOME_TABLE["outcome_table"], "path": str(tmp_path / "data" / "email_test.csv")}}})  # fmt: skip
    return evaluation.run(_open(params, tmp_path / "run"))


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda f: f.drop(columns="revenue"),
            ["no column 'revenue'", "outcome_table.outcomes.revenue", "Columns in the file"],
        ),
        (
            lambda f: f.assign(revenue=f["revenue"].astype(str).where(f.index > 2, "n/a")),
            ["'revenue'", "3 rows are not numbers", "'n/a'"],
        ),
        (
            lambda f: f.assign(converted=f["converted"] * 2),
            ["'converted'", "are not 0 or 1", "code the outcome as 1 (yes) and 0 (no)"],
        ),
        (
            lambda f: f.assign(variant=f["variant"].replace("control", "holdout")),
            [
                "no rows of the control arm 'control'",
                "arms found: A, B, holdout",
                "evaluation.control_arm",
            ],
        ),
    ],
    ids=["missing_column", "not_numeric", "binary_not_0_1", "no_control_arm"],
)
def test_invalid_outcome_tables_name_file_column_and_fix(tmp_path, change, expected):
    path = tmp_path / "email_test.csv"
    change(_email_test(200)).to_csv(path, index=False)
    params = EvaluationParams.model_validate(OUTCOME_TABLE)
    with pytest.raises(evaluation.OutcomeTableError) as caught:
        evaluation.read_outcome_table(
            evaluation.connect(), path, params.outcome_table, control="control"
        )
    message = str(caught.value)
    assert "email_test.csv" in message and "Fix" in message
    for part in expected:
        assert part in message


def test_params_errors_are_clear(write_params):
    base = (ROOT / "params" / "demo.yaml").read_text(encoding="utf-8")
    bad_goal = base + "evaluation:\n  goals:\n    - {metric: repurchse_rate, target: 0.2}\n"
    with pytest.raises(
        ParamsError,
        match=r"evaluation.goals.0.metric: 'repurchse_rate' .*did you mean 'repurchase_rate'",
    ):
        load_params(write_params(bad_goal), today=TODAY)
    no_table = base + "evaluation:\n  source: outcome_table\n"
    with pytest.raises(ParamsError, match=r"evaluation\.outcome_table is missing"):
        load_params(write_params(no_table, name="b.yaml"), today=TODAY)
    bands = base + "evaluation:\n  grades: {excellent: 0.9, good: 0.95}\n"
    with pytest.raises(ParamsError, match="excellent > good > fair"):
        load_params(write_params(bands, name="c.yaml"), today=TODAY)


# --------------------------------------------------------------------------------------------------
# The report through the runner, in English (after segmentation and the plan) and Chinese
# --------------------------------------------------------------------------------------------------


def _plan_stage() -> dict | None:
    """The plan section when the plan stage exists (its test module keeps the demo plan)."""
    if not (NOTEBOOK_DIR / NOTEBOOKS["plan"]).exists():
        return None
    from tests.test_plan import DEMO_PLAN

    return DEMO_PLAN


@pytest.fixture(scope="module")
def reports(tmp_path_factory, demo_data):
    """English after segmentation (and the plan when present); Chinese on its own with the data's assignment."""
    out = {}
    plan = _plan_stage()
    notes = [SCRIPT_NOTE, *DEMO_EVALUATION["notes"]]
    folder = tmp_path_factory.mktemp("eval_en")
    en_extra = {"evaluation": {**DEMO_EVALUATION, "notes": notes}}
    if plan is not None:
        en_extra["plan"] = plan
    else:
        en_extra.update(ASSIGNMENT_TABLE)
    stages = ["segmentation", *(["plan"] if plan is not None else []), "evaluation"]
    out["en"] = run_stages(_write_params(folder, demo_data, extra=en_extra), folder / "out", stages)
    folder = tmp_path_factory.mktemp("eval_zh")
    zh_notes = ["短信通道故障导致送达率下降 <i>需复盘</i>"]
    zh_extra = {**ASSIGNMENT_TABLE, "evaluation": {**DEMO_EVALUATION, "notes": zh_notes}}
    out["zh"] = run_stages(
        _write_params(folder, demo_data, language="zh", extra=zh_extra),
        folder / "out",
        ["evaluation"],
    )
    return out


def _html(result) -> str:
    assert result.ok, result
    return (Path(result.run_dir) / "04_evaluation.html").read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("language", ["en", "zh"])
def test_report_is_safe_for_stakeholders(reports, demo_data, language):
    html = _html(reports[language])
    assert_stakeholder_html(html)
    ids = pd.read_parquet(demo_data / "assignment.parquet")["customer_id"]
    assert not any(i in html for i in ids.head(500)), "customer ids in the report"
    assert html.count("<img") >= 3  # attainment, forest, before/after, budget
    if language == "en":
        assert "&lt;script&gt;alert(" in html and "<script>alert" not in html
        assert "&lt;b&gt;SMS&lt;/b&gt;" in html
        for heading in ("Summary", "Effects: treatment vs control", "Before and after",
                        "Customer feedback against the standards", "Return on the campaign",
                        "Process efficiency", "Checks of the experiment", "Retrospective"):  # fmt: skip
            assert heading in html
        assert "Incremental ROI" in html and "Gross ROI" in html and "(unadjusted)" in html
    else:
        assert "&lt;i&gt;需复盘&lt;/i&gt;" in html
        for heading in ("评估概要", "活动效果：实验组与对照组对比", "活动前后对比", "复盘"):
            assert heading in html
        for english in (
            "Summary",
            "Headline effects",
            "Incremental ROI",
            "not significant",
            "Treatment",
        ):
            assert english not in html


@pytest.mark.slow
def test_the_english_run_evaluates_the_plan_and_writes_its_artifacts(reports):
    run_dir = Path(reports["en"].run_dir)
    payload = json.loads((run_dir / evaluation.EVALUATION_FILE).read_text(encoding="utf-8"))
    if _plan_stage() is not None:
        assert payload["assignment_source"] == "plan" and payload["goals"]["source"] == "plan"
    assert payload["segment_source"] == "assignment"
    assert payload["comparisons"] and payload["roi"]["incremental"]["roi"] is not None
    effects = pd.read_csv(run_dir / evaluation.EFFECTS_FILE)
    assert len(effects) == len(payload["comparisons"]) and "customer_id" not in effects


def _documented_keys() -> set[str]:
    text = (ROOT / "docs" / "evaluation_json.md").read_text(encoding="utf-8")
    return set(re.findall(r"^\| `([^`]+)` \|", text, flags=re.MULTILINE))


def _paths(value, prefix: str = "") -> set[str]:
    found = set()
    if isinstance(value, dict):
        for key, inner in value.items():
            path = f"{prefix}.{key}" if prefix else key
            found |= {path} | _paths(inner, path)
    elif isinstance(value, list):
        for item in value:
            found |= _paths(item, f"{prefix}[]")
    return found


def test_evaluation_json_matches_its_documented_keys(small, reports):
    documented = _documented_keys()
    wildcard = {k for k in documented if "{" in k}
    payloads = [small.to_json(), _flagged_outcome(small).to_json()] + [
        json.loads(
            (Path(reports[lang].run_dir) / evaluation.EVALUATION_FILE).read_text(encoding="utf-8")
        )
        for lang in ("en", "zh")
    ]
    seen = set()
    for payload in payloads:
        assert payload["schema_version"] == evaluation.SCHEMA_VERSION
        paths = {
            p
            for p in _paths(payload)
            if not any(p.startswith(w.split(".{")[0] + ".") for w in wildcard)
        }
        assert paths <= documented, sorted(paths - documented)
        seen |= paths
    for key in evaluation.COMPARISON_KEYS:
        assert f"comparisons[].{key}" in seen
    for key in evaluation.GOAL_KEYS:
        assert f"goals.items[].{key}" in seen
    undocumented_lists = {"before_after"}  # filled only without a control group (tested above)
    missing = {
        k for k in documented - seen - wildcard if k.split("[]")[0] not in undocumented_lists
    }
    assert missing == set(), sorted(missing)


# --------------------------------------------------------------------------------------------------
# Windows, churn's denominator, McNemar, goals the plan flagged, label texts (review fixes)
# --------------------------------------------------------------------------------------------------

START, EVENT = dt.date(2026, 7, 1), dt.date(2026, 7, 15)


@pytest.fixture(scope="module")
def dated():
    """Five customers whose only orders fall on the days that decide each window's edge."""
    orders = pd.DataFrame(
        [
            ("A", "2026-03-01", 50.0),  # active before the campaign, no order in either window
            ("B", "2026-07-05", 80.0),  # first order in 12 months during the promotion
            ("C", "2026-07-01 10:00", 70.0),  # on the campaign start: the first invitations
            ("D", "2026-06-01 09:00", 40.0),  # first day of the pre window
            ("E", "2025-12-01", 30.0),  # active before the campaign ...
            ("E", "2026-07-20", 60.0),  # ... and buys after the event
        ],
        columns=["customer_id", "order_date", "amount"],
    ).assign(order_date=lambda f: pd.to_datetime(f["order_date"], format="ISO8601"))
    data = CampaignData.from_frames({"orders": orders})
    population = pd.DataFrame({"customer_id": list("ABCDE"), "arm": "treatment", "segment": "core"})
    return data, data.register("dated_population", population)


def _one(table: pd.DataFrame, metric: str) -> tuple[int, float]:
    row = table[table["metric"] == metric].iloc[0]
    return int(row["n"]), float(row["sum"])


def test_pre_window_ends_the_day_before_the_first_invitations(dated, small):
    windows = evaluation.Windows.around(START, EVENT, 30)
    assert windows.pre == (dt.date(2026, 5, 31), dt.date(2026, 6, 30))  # June 1 to June 30
    assert windows.post == (EVENT, dt.date(2026, 8, 14))
    data, population = dated
    spec = evaluation.metric_spec("repurchase_rate")
    frame = evaluation.DataOutcomes(data, population, windows).frame(spec, "pre")
    bought = frame.filter(nw.col("value") > 0).collect(backend="pandas").to_native()
    # only D (June 1); C's order on the start day belongs to the promotion, not the pre window
    assert sorted(bought["customer_id"]) == ["D"]
    # every consumer reads the same window: the report, evaluation.json, the stage's tables
    assert small.windows.pre == PRE
    assert (
        "(2026-06-01 to 2026-06-30, ending the day before the first invitations on 2026-07-01)"
        in small.intro()
    )
    assert "Before: 2026-06-01 to 2026-06-30" in small.before_after_section().data
    assert small.to_json()["windows"]["pre"] == {"after": "2026-05-31", "through": "2026-06-30"}


def test_churn_counts_the_customers_active_before_the_campaign_in_both_windows(dated, small):
    windows = evaluation.Windows.around(START, EVENT, 30)
    assert windows.active_as_of == dt.date(2026, 6, 30)
    data, population = dated
    outcomes = evaluation.DataOutcomes(data, population, windows)
    specs = [evaluation.metric_spec("churn_rate")]
    # active = an order in the 12 months up to June 30: A, D and E; not B (ordered during the
    # promotion, after the randomization) nor C (the start day)
    assert _one(evaluation.collect_stats(outcomes, specs, "post"), "churn_rate") == (3, 2.0)
    assert _one(evaluation.collect_stats(outcomes, specs, "pre"), "churn_rate") == (3, 2.0)
    goal = evaluation.Goal(metric="churn_rate", segment="all", direction="decrease", target=0.1)
    measure = evaluation.data_measure(data, population, windows, ["treatment"])
    assert measure(goal, specs[0], "post") == (pytest.approx(2 / 3), 3)
    assert small.to_json()["windows"]["active_as_of"] == "2026-06-30"
    assert (
        "an order in the 12 months before it started (2025-07-01 to 2026-06-30"
        in small.before_after_section().data
    )


def test_yes_no_before_after_uses_mcnemar_and_means_the_paired_t():
    rng = np.random.default_rng(5)
    n = 300
    ids = [f"K{i}" for i in range(n)]
    pre_buy, post_buy = rng.random(n) < 0.3, rng.random(n) < 0.45
    rows = [
        (i, "2026-06-10", float(a))
        for i, b, a in zip(ids, pre_buy, rng.gamma(2, 40, n), strict=True)
        if b
    ]
    rows += [
        (i, "2026-07-25", float(a))
        for i, b, a in zip(ids, post_buy, rng.gamma(2, 50, n), strict=True)
        if b
    ]
    orders = pd.DataFrame(rows, columns=["customer_id", "order_date", "amount"])
    data = CampaignData.from_frames(
        {"orders": orders.assign(order_date=pd.to_datetime(orders["order_date"]))}
    )
    population = data.register(
        "ba_population", pd.DataFrame({"customer_id": ids, "arm": "treatment", "segment": "core"})
    )
    outcomes = evaluation.DataOutcomes(
        data, population, evaluation.Windows.around(START, EVENT, 30)
    )
    specs = [evaluation.metric_spec(m) for m in ("repurchase_rate", "spend_per_customer")]
    table = evaluation.before_after_table(outcomes, specs, alpha=0.05).set_index("metric")
    b, c = int((pre_buy & ~post_buy).sum()), int((~pre_buy & post_buy).sum())
    rate = table.loc["repurchase_rate"]
    assert rate["method"] == "mcnemar" and (rate["yes_to_no"], rate["no_to_yes"]) == (b, c)
    # CONVENTIONS R6 form: chi-square without continuity correction
    assert rate["p_value"] == pytest.approx(sps.chi2.sf((b - c) ** 2 / (b + c), 1), rel=1e-9)
    assert rate["p_value"] == pytest.approx(stats.mcnemar(b, c).p_value, rel=1e-12)
    change = (c - b) / n
    se = math.sqrt((b + c) - (c - b) ** 2 / n) / n
    assert rate["mean_diff"] == pytest.approx(change, rel=REL)
    z = sps.norm.ppf(0.975)
    assert (rate["ci_low"], rate["ci_high"]) == pytest.approx((change - z * se, change + z * se))
    spend = table.loc["spend_per_customer"]
    before = orders[orders["order_date"] < "2026-07-01"].groupby("customer_id")["amount"].sum()
    after = orders[orders["order_date"] > "2026-07-01"].groupby("customer_id")["amount"].sum()
    x, y = before.reindex(ids, fill_value=0.0), after.reindex(ids, fill_value=0.0)
    assert spend["method"] == "paired"
    assert spend["p_value"] == pytest.approx(sps.ttest_rel(y, x).pvalue, rel=1e-7)


WRONG_SIDE = "Target 34% is not below the baseline 20% although lower is better"


def _flagged_goals() -> pd.DataFrame:
    """A churn goal whose target the plan flagged as on the wrong side, and its neighbours."""
    goals = [
        # lower is better, target above the baseline, actual doubled: the review's case
        evaluation.Goal(metric="churn_rate", segment="growth", direction="decrease", target=0.34,
                        baseline=0.20, name="Churn", source="plan",
                        plan_baseline_source="pre_window",
                        problems=(("target_wrong_side", WRONG_SIDE),)),
        # higher is better, target below the baseline, actual above both: graded by the ratio
        evaluation.Goal(metric="repurchase_rate", segment="core", direction="increase",
                        target=0.15, baseline=0.20, name="Repurchase", source="plan",
                        plan_baseline_source="earlier_cohort"),
        # a sound goal that moved the wrong way: attainment 95% would be excellent
        evaluation.Goal(metric="spend_per_customer", segment="core", direction="increase",
                        target=100.0, baseline=98.0, name="Spend", source="plan",
                        plan_baseline_source="pre_window"),
    ]  # fmt: skip
    actual = {"churn_rate": 0.40, "repurchase_rate": 0.25, "spend_per_customer": 95.0}
    specs = [evaluation.metric_spec(g.metric) for g in goals]
    return evaluation.goal_table(
        goals, specs, lambda g, _s, _p: (actual[g.metric], 500), EvaluationParams().grades
    )


def _flagged_outcome(small) -> evaluation.EvaluationOutcome:
    return dataclasses.replace(small, goals=_flagged_goals(), goal_source="plan")


def test_goals_the_plan_flagged_are_not_graded_as_progress(small):
    rows = _flagged_goals().set_index("name")
    churn = rows.loc["Churn"]
    assert churn["attainment"] == pytest.approx(0.34 / 0.40)  # CONVENTIONS ratio unchanged
    assert math.isnan(churn["progress"])  # was +143%
    assert churn["grade"] == "poor"  # was "good"
    assert churn["worse_than_baseline"] and not churn["target_on_improving_side"]
    assert churn["problems"] == [{"code": "target_wrong_side", "message": WRONG_SIDE}]
    repurchase = rows.loc["Repurchase"]
    assert math.isnan(repurchase["progress"]) and repurchase["grade"] == "excellent"
    spend = rows.loc["Spend"]
    assert spend["attainment"] == pytest.approx(0.95) and spend["grade"] == "poor"
    assert spend["progress"] == pytest.approx(-1.5)
    outcome = _flagged_outcome(small)
    table = outcome.goals_table().set_index("Goal")
    # the table points to numbered notes; the sentences live in the list under it
    notes = outcome.goal_check_notes()
    refs = table.loc["Churn · Growth potential", "Checks"].split(", ")
    churn_notes = [notes[int(r.removeprefix("note ")) - 1] for r in refs]
    assert any(WRONG_SIDE in n for n in churn_notes)
    assert any("worse than the baseline" in n for n in churn_notes)
    assert all(n.startswith("Note ") and "Churn · Growth potential: " in n for n in churn_notes)
    assert table.loc["Churn · Growth potential", "Progress from baseline"] == "n/a"
    (ref,) = table.loc["Repurchase · Core value", "Checks"].split(", ")
    assert "not on the improving side" in notes[int(ref.removeprefix("note ")) - 1]
    assert any(
        "'Churn · Growth potential'" in line and "worse than the baseline" in line
        for line in outcome.improvements()
    )
    items = outcome.to_json()["goals"]["items"]
    assert items[0]["problems"][0]["code"] == "target_wrong_side" and items[0]["progress"] is None


def test_goal_footnote_names_where_each_baseline_comes_from(small, reports):
    measured = small.goals_note()
    assert "Baseline (measured): measured here on the same treated customers" in measured
    assert "Baseline (plan" not in measured
    planned = _flagged_outcome(small).goals_note()
    assert planned.startswith("Goals from the campaign plan.")
    assert "treatment and control together" in planned and "different customers" in planned
    assert "(measured)" not in planned and "the same customers before it" not in planned
    zh = _html(reports["zh"])  # params goals, baselines measured here
    assert "基线（实测）：本次评估对同一批实验组客户" in zh and "基线（策划" not in zh


def test_srm_threshold_comes_from_stats(small, monkeypatch):
    for key in ("ev.srm.method.plan", "ev.srm.method.params"):
        for language in ("en", "zh"):
            assert "{srm_alpha}" in LABELS[key][language] and "0.001" not in LABELS[key][language]
    monkeypatch.setattr(stats, "SRM_ALPHA", 0.0005)
    html = small.design_section().data
    assert "a p-value below 0.0005 is flagged" in html


def _standalone_outcome_params(folder: Path) -> Path:
    """A campaign that is only an e-mail test export: no CRM tables at all."""
    params = folder / "email.yaml"
    params.write_text(
        "campaign: {id: email-ab, name: E-mail test, start: 2026-10-01, event: 2026-10-01}\n"
        "data: {tables: {}}\n"
        "stages: [evaluation]\n"
        "evaluation:\n"
        "  source: outcome_table\n"
        "  outcome_table: {path: email_test.csv, arm_column: variant,\n"
        "                  outcomes: {converted: {kind: binary}, revenue: {kind: continuous}}}\n",
        encoding="utf-8",
    )
    return params


def test_an_outcome_table_is_evaluated_alone_without_crm_tables(tmp_path):
    """An e-mail test export on its own: no orders, no customers, just the per-customer table."""
    from tests.conftest import assert_stakeholder_html, run_stages

    (tmp_path / "email_test.csv").write_text(_email_test().to_csv(index=False), encoding="utf-8")
    params = _standalone_outcome_params(tmp_path)
    result = run_stages(params, tmp_path / "out", ["evaluation"])
    assert result.ok, result
    run_dir = tmp_path / "out" / "email-ab" / result.run_dir.split("/")[-1]
    assert_stakeholder_html((run_dir / "04_evaluation.html").read_text(encoding="utf-8"))
    payload = json.loads((run_dir / "evaluation.json").read_text(encoding="utf-8"))
    assert {c["arm"] for c in payload["comparisons"]} == {"A", "B"}


def test_a_bad_outcome_table_fails_the_run_before_any_kernel_starts(tmp_path):
    from tests.conftest import run_stages

    (tmp_path / "email_test.csv").write_text(
        _email_test().drop(columns="revenue").to_csv(index=False), encoding="utf-8"
    )
    params = _standalone_outcome_params(tmp_path)
    result = run_stages(params, tmp_path / "out", ["evaluation"])
    assert not result.ok
    assert result.stages[0].status == "skipped"  # no kernel was started
    assert any("no column 'revenue'" in p for p in result.problems)
