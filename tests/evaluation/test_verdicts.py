"""Verdicts a statistician would sign: goals, credit, the return and the retrospective's facts.

The rules are those of docs/methods.md, "Verdicts": a goal's verdict reads its whole interval; only
a primary comparison significant after adjustment credits the campaign; "what worked" holds only
goals reached and such comparisons, each fact once; the return's verdict reads its interval.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats as sps

from campaign_eval import artifacts, stats
from campaign_eval.config.evaluation import EvaluationParams
from campaign_eval.evaluation import export, retrospective, verdict_sentences
from campaign_eval.evaluation.contamination import read_contamination
from campaign_eval.evaluation.credit import credit_goals, primary_comparisons
from campaign_eval.evaluation.effects import compare_arms, with_detectable_effects
from campaign_eval.evaluation.goals import Goal, Measured, grade_goals
from campaign_eval.evaluation.result import EvaluationResult, GoalTable
from campaign_eval.evaluation.specs import metric_spec
from campaign_eval.evaluation.windows import OutcomeWindows
from campaign_eval.evaluation.wording import Words
from tests.conftest import TODAY, run_stages
from tests.evaluation._helpers import EVENT, START, write_params

WINDOWS = OutcomeWindows.around(START, EVENT, 30)
BANDS = EvaluationParams().grades


def _stats(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["metric", "arm", "segment", "n", "sum", "sumsq"]).assign(
        promoters=0, passives=0, detractors=0
    )


def _goal(target: float, low: float, high: float, *, direction: str = "increase") -> pd.Series:
    goals = [Goal(metric="repurchase_rate", segment="core", direction=direction, target=target)]
    measured = Measured((low + high) / 2, 400, low, high)
    rows = grade_goals(goals, [metric_spec("repurchase_rate")], lambda *_: measured, BANDS,
                       windows=WINDOWS, today=TODAY)  # fmt: skip
    return rows.iloc[0]


# --------------------------------------------------------------------------------------------------
# Goals


@settings(max_examples=200, deadline=None)
@given(st.floats(0.01, 0.99), st.floats(0.0, 0.3), st.floats(0.0, 0.3), st.booleans())
def test_a_goal_interval_wholly_below_its_target_is_never_reached_nor_worked(
    small, target, below, width, lower_is_better
):
    direction = "decrease" if lower_is_better else "increase"
    high = target - below - 1e-9 if not lower_is_better else target + below + width + 1e-9
    low = high - width if not lower_is_better else target + below + 1e-9
    goal = _goal(target, min(low, high), max(low, high), direction=direction)
    assert goal["verdict"] == "missed"
    rows = credit_goals(pd.DataFrame([goal]), None)
    retro = retrospective.build(_result_with_goals(rows, small.result))
    assert not any(item["kind"] == "goal" for item in retro.worked)
    assert [item["verdict"] for item in retro.improve if item["kind"] == "goal"] == ["missed"]


def test_the_verdict_reads_the_interval_not_the_estimate():
    assert _goal(0.18, 0.167, 0.202)["verdict"] == "too_close"  # estimate above, interval across
    assert _goal(0.18, 0.181, 0.22)["verdict"] == "reached"
    assert _goal(0.20, 0.10, 0.19)["verdict"] == "missed"
    assert _goal(0.10, 0.05, 0.09, direction="decrease")["verdict"] == "reached"


def test_a_change_goal_is_attained_on_the_change_it_asked_for():
    """+3.5% against a +15% goal is 23% attained, not the 93% that comparing levels suggests."""
    goal = Goal(metric="spend_per_customer", segment="growth", direction="increase",
                target=2000 * 1.15, baseline=2000.0, target_kind="relative")  # fmt: skip
    rows = grade_goals([goal], [metric_spec("spend_per_customer")],
                       lambda *_: Measured(2070.0, 900, 2000.0, 2140.0), BANDS,
                       windows=WINDOWS, today=TODAY)  # fmt: skip
    assert rows.iloc[0]["attainment"] == pytest.approx(0.035 / 0.15)
    level = replace(goal, target_kind="absolute")
    rows = grade_goals([level], [metric_spec("spend_per_customer")],
                       lambda *_: Measured(2070.0, 900, 2000.0, 2140.0), BANDS,
                       windows=WINDOWS, today=TODAY)  # fmt: skip
    assert rows.iloc[0]["attainment"] == pytest.approx(2070 / 2300)


def test_a_goal_whose_window_has_not_ended_is_not_measured_or_graded():
    goal = Goal(metric="churn_rate", segment="all", direction="decrease", target=0.18)
    measured = Measured(0.9, 100, 0.8, 0.95)  # what an empty early window would show
    rows = grade_goals([goal], [metric_spec("churn_rate")], lambda *_: measured, BANDS,
                       windows=WINDOWS, today=EVENT + dt.timedelta(days=3))  # fmt: skip
    row = rows.iloc[0]
    assert row["measurable_from"] == (WINDOWS.post[1] + dt.timedelta(days=1)).isoformat()
    assert row["verdict"] is None and row["grade"] == "n/a" and math.isnan(row["actual"])


# --------------------------------------------------------------------------------------------------
# Credit


def _effects(primary: dict[tuple[str, str], str]) -> pd.DataFrame:
    rows = [
        ("repurchase_rate", "treatment", "core", 2000, 460.0, 460.0),
        ("repurchase_rate", "control", "core", 500, 80.0, 80.0),
        ("repurchase_rate", "treatment", "new", 2000, 300.0, 300.0),
        ("repurchase_rate", "control", "new", 500, 74.0, 74.0),
    ]
    specs = [metric_spec("repurchase_rate")]
    return with_detectable_effects(
        compare_arms(_stats(rows), specs, control="control", primary=primary), 0.8, primary
    )


def test_only_a_significant_primary_comparison_credits_a_goal():
    primary = {("repurchase_rate", "core"): "increase"}
    effects = _effects(primary)
    goal = _goal(0.20, 0.21, 0.25)
    credited = credit_goals(pd.DataFrame([goal]), effects).iloc[0]
    row = effects.row("repurchase_rate", "core", "treatment")
    assert row["family"] == "primary" and row["significant"] and row["improved"]
    assert credited["credited"] and credited["effect_diff"] == pytest.approx(row["diff"])
    assert credited["alpha"] == pytest.approx(0.05)  # one primary comparison: Holm's first step
    # the same goal without its comparison in the primary family is not credited
    other = credit_goals(pd.DataFrame([goal]), _effects({})).iloc[0]
    assert not other["credited"] and other["effect_arm"] is None


def test_primary_comparisons_come_from_the_plan_else_the_params():
    specs = [metric_spec("repurchase_rate"), metric_spec("churn_rate")]
    plan_goal = Goal(metric="churn_rate", segment="core", direction="decrease", target=0.1,
                     source="plan")  # fmt: skip
    filtered = replace(plan_goal, segment="new", filters=(("region", ("North",)),))
    params = EvaluationParams.model_validate(
        {"primary": [{"metric": "repurchase_rate", "segment": "new"}]}
    )
    from_plan = primary_comparisons([plan_goal, filtered], params, specs)
    assert from_plan.comparisons == {
        ("churn_rate", "core"): "decrease"  # a filtered scope has no comparison of its own
    }
    assert from_plan.source == "goals"
    named = primary_comparisons([], params, specs)
    assert named.comparisons == {("repurchase_rate", "new"): "increase"}
    assert named.source == "params"
    none = primary_comparisons([], EvaluationParams(), specs)
    assert (none.comparisons, none.source) == ({}, "none")


@settings(max_examples=150, deadline=None)
@given(st.integers(50, 400), st.integers(50, 400), st.integers(600, 1500))
def test_a_significant_worsening_of_a_lower_is_better_rate_is_never_improved(s_t, s_c, n):
    rows = [("churn_rate", "treatment", "core", n, float(s_t), float(s_t)),
            ("churn_rate", "control", "core", n, float(s_c), float(s_c))]  # fmt: skip
    row = compare_arms(_stats(rows), [metric_spec("churn_rate")], control="control").rows.iloc[0]
    assert row["improved"] == (row["diff"] < 0)
    if row["significant"] and row["diff"] > 0:
        assert not row["improved"]


# --------------------------------------------------------------------------------------------------
# The retrospective


def _result_with_goals(rows: pd.DataFrame, base: EvaluationResult) -> EvaluationResult:
    """``base`` (a real run) holding only ``rows`` as its goals and no comparisons."""
    return replace(base, goals=GoalTable(rows, "plan", ()), effects=None, notices=())


def test_what_worked_lists_each_fact_once(small):
    result = small.result
    retro = retrospective.build(result)
    facts = [(i["kind"], i.get("metric"), i.get("segment"), i.get("arm")) for i in retro.worked]
    assert len(facts) == len(set(facts))
    for item in retro.worked:
        if item["kind"] == "goal":
            assert item["verdict"] == "reached"
        else:
            assert item["family"] == "primary" and item["improved"]
    for item in retro.leads:
        assert item["family"] == "exploratory"
    complement = [i for i in retro.leads + retro.worked if i.get("metric") == "churn_rate"]
    rows = result.effects.rows
    for item in complement:  # churn kept only where it is not 1 - repurchase of the same customers
        row = rows[(rows["metric"] == "churn_rate") & (rows["segment"] == item["segment"])].iloc[0]
        assert not retrospective.is_complement(row, rows)


def test_churn_that_mirrors_repurchase_is_not_a_second_fact():
    rows = [
        ("repurchase_rate", "treatment", "core", 1000, 400.0, 400.0),
        ("repurchase_rate", "control", "core", 1000, 300.0, 300.0),
        ("churn_rate", "treatment", "core", 1000, 600.0, 600.0),
        ("churn_rate", "control", "core", 1000, 700.0, 700.0),
    ]
    specs = [metric_spec("repurchase_rate"), metric_spec("churn_rate")]
    effects = compare_arms(_stats(rows), specs, control="control")
    churn = effects.row("churn_rate", "core", "treatment")
    assert retrospective.is_complement(churn, effects.rows)
    shifted = _stats(rows).assign(n=[1000, 1000, 900, 1000])
    moved = compare_arms(shifted, specs, control="control")
    assert not retrospective.is_complement(moved.row("churn_rate", "core", "treatment"), moved.rows)


# --------------------------------------------------------------------------------------------------
# The return


def test_the_roi_verdict_follows_its_interval_and_states_the_chance(small):
    r = small.result.returns
    low, high = r.incremental_roi_ci
    assert r.verdict == stats.standard_verdict(low, high, r.min_roi)
    expected = sps.norm.cdf((r.incremental_value - r.min_roi * r.cost_total) / r.incremental_se)
    assert r.p_meets_standard == pytest.approx(expected, rel=1e-12)
    sentence = verdict_sentences.roi_sentence(Words(small.result, "en"), None)
    if low < 0 < high:
        assert "between a loss of" in sentence and "1:-" not in sentence
    assert "margin rate" in sentence and "chance" in sentence


def test_two_arms_sharing_a_control_count_its_variance_once_in_the_roi(email):
    """The e-mail test: arms A and B against one control (an outcome table)."""
    _, evaluated = email
    result = evaluated.result
    effects = result.effects
    rows = effects.rows[(effects.rows["metric"] == "revenue")]
    rows = rows[rows["segment"] != "all"] if (rows["segment"] != "all").any() else rows
    variance = 0.0
    for segment, part in rows.groupby("segment"):
        control = effects.arm_stats("revenue", segment, "control")
        var_c = stats.variance_of_mean("mean", control["n"], control["sum"], control["sumsq"])
        n_total = 0.0
        for _, r in part.iterrows():
            t = effects.arm_stats("revenue", segment, r["arm"])
            var_t = stats.variance_of_mean("mean", t["n"], t["sum"], t["sumsq"])
            variance += r["n_treatment"] ** 2 * var_t
            n_total += r["n_treatment"]
        variance += n_total**2 * var_c
    assert result.returns.incremental_se == pytest.approx(math.sqrt(variance), rel=1e-9)
    separate = math.sqrt(float(((rows["se"] * rows["n_treatment"]) ** 2).sum()))
    assert result.returns.incremental_se > separate  # the naive interval is too narrow


# --------------------------------------------------------------------------------------------------
# The demo, and every number a sentence quotes


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory, demo_data) -> Path:
    folder = tmp_path_factory.mktemp("verdicts")
    params = write_params(folder, demo_data)
    result = run_stages(params, folder / "out", ["segmentation", "plan", "evaluation"])
    assert result.ok, result
    return Path(result.run_dir)


@pytest.mark.slow
def test_demo_invariants_hold_whatever_the_seed(demo_run):
    payload = json.loads((demo_run / artifacts.EVALUATION_JSON).read_text(encoding="utf-8"))
    goals = {g["metric"]: g for g in payload["goals"]["items"]}
    growth = goals["spend_per_customer"]
    # the demo plants exactly the +15% the growth goal asks for: the truth sits on the target, so
    # an honest interval cannot lie wholly above it (only a 2.5% tail of the estimate would)
    assert growth["verdict"] != "reached"
    for goal in goals.values():  # every verdict is read off its interval
        assert goal["verdict"] == stats.goal_verdict(
            goal["ci_low"], goal["ci_high"], goal["target"], goal["direction"]
        )
    roi = payload["roi"]
    assert roi["verdict"] == stats.standard_verdict(
        roi["incremental"]["roi_ci_low"], roi["incremental"]["roi_ci_high"], roi["min_roi"]
    )
    for item in payload["retrospective"]["worked"]:
        assert item["kind"] in {"goal", "effect"}
        if item["kind"] == "goal":
            assert item["verdict"] == "reached"
        else:
            assert item["family"] == "primary" and item["improved"]
    assert {c["family"] for c in payload["comparisons"]} == {"primary", "exploratory"}
    plan = artifacts.read_plan(demo_run / artifacts.PLAN_JSON)
    assert sum(c["family"] == "primary" for c in payload["comparisons"]) == len(plan.goals)


NUMBER = re.compile(r"[-+]?\d(?:[\d,]*\d)?(?:\.\d+)?%?")
DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _until_next_heading(heading) -> str:
    """The text of the paragraphs and lists after ``heading`` up to the next heading."""
    parts = []
    for sibling in heading.find_next_siblings():
        if sibling.name in {"h2", "h3"}:
            break
        if sibling.name in {"p", "ul"}:
            parts.append(sibling.get_text(" "))
    return " ".join(parts)


@pytest.mark.slow
def test_every_number_the_narrative_quotes_is_in_evaluation_json(demo_run):
    """The answer, the scorecard and the Retrospective: each number is a value of the JSON."""
    from bs4 import BeautifulSoup

    payload = json.loads((demo_run / artifacts.EVALUATION_JSON).read_text(encoding="utf-8"))
    soup = BeautifulSoup(
        (demo_run / "04_evaluation.html").read_text(encoding="utf-8"), "html.parser"
    )
    sections = {"What worked", "What to improve", "Leads to test next time",
                "The template's standards"}  # fmt: skip
    answer = soup.find("section", id="answer")
    assert answer is not None and answer.find_parent("main") is None  # first, under the header
    scorecard = " ".join(
        s.get_text(" ") for s in soup.select(".ce-scorecard .ce-sc-row")
    )  # the rows: their legend's "95%" is the level
    narrative = " ".join(
        [answer.get_text(" "), scorecard]
        + [_until_next_heading(h) for h in soup.find_all("h3") if h.get_text() in sections]
    )
    narrative = DATE.sub(" ", narrative)
    quoted = {n.lstrip("+") for n in NUMBER.findall(narrative)}
    roi = payload["roi"]["incremental"]
    money = {f"{abs(roi['roi']):,.1f}", f"{abs(roi['value']):,.0f}"}
    assert money <= {q.lstrip("-") for q in quoted}  # the return per 1 spent, the value
    formatted = _formatted_values(payload)
    unexplained = sorted(q for q in quoted if q.lstrip("-") not in formatted)
    assert unexplained == [], unexplained


def _numbers(node: object) -> list[float]:
    """Every finite number in a JSON tree (booleans are not numbers here)."""
    if isinstance(node, dict):
        return [x for v in node.values() for x in _numbers(v)]
    if isinstance(node, list):
        return [x for v in node for x in _numbers(v)]
    if isinstance(node, int | float) and not isinstance(node, bool) and math.isfinite(node):
        return [float(node)]
    return []


def _formatted_values(payload: dict) -> set[str]:
    """Every number of the JSON written the ways the report writes numbers."""
    roi = payload["roi"]
    derived = [
        *(roi["incremental"][bound] / roi["cost"]["total"] for bound in ("ci_low", "ci_high")),
        sum(row["n"] for row in payload["customers"]),  # the customers evaluated
    ]  # a value's interval per 1 spent
    out = {"95%", "1", "5", "100"}  # the confidence level, "per 1 spent", the 1:5 standard
    for v in (*_numbers(payload), *derived):
        for digits in range(4):
            out.add(f"{abs(v):,.{digits}f}")
            out.add(f"{100 * abs(v):,.{digits}f}%")
            out.add(f"{100 * abs(v):,.{digits}f}")
    return out


def test_contamination_is_read_from_the_monitoring_record(tmp_path):
    path = tmp_path / "run-1" / artifacts.MONITORING_JSON
    path.parent.mkdir()
    path.write_text(json.dumps({"as_of": "2026-07-15", "design": {"contamination": {"count": 15}}}))
    found = read_contamination(path)
    assert found is not None and (found.count, found.run_id, found.as_of) == (
        15,
        "run-1",
        "2026-07-15",
    )
    path.write_text("{not json")
    assert read_contamination(path) is None


def test_negative_suggestions_compare_per_customer_not_as_counts(small):
    f = small.result.feedback
    assert f is not None and f.customers > 0
    assert f.negative_rate == pytest.approx(f.negative / f.customers)
    payload = export.to_json(small.result)
    assert payload["feedback"]["negative_rate"] == pytest.approx(f.negative_rate)
    assert np.isfinite(payload["feedback"]["negative_rate_control"])


def test_an_evaluation_before_the_window_ends_grades_nothing(tmp_path, demo_data):
    """docs/bad_input.md, evaluation-too-early: run a week after the event, nothing is graded."""
    from campaign_eval import evaluation
    from campaign_eval.run.context import open_stage
    from tests.evaluation._helpers import ASSIGNMENT_TABLE, DEMO_EVALUATION

    early = EVENT + dt.timedelta(days=7)
    world = tmp_path / "world"  # the demo world as it stood on that day
    world.mkdir()
    for table in demo_data.glob("*.parquet"):
        frame = pd.read_parquet(table)
        for column in frame.select_dtypes("datetime").columns:
            frame = frame[frame[column].isna() | (frame[column] < pd.Timestamp(early))]
        frame.to_parquet(world / table.name)
    extra = {**ASSIGNMENT_TABLE, "evaluation": DEMO_EVALUATION}
    params = write_params(tmp_path, world, extra=extra)
    ctx = open_stage(
        "evaluation", str(params), run_dir=str(tmp_path / "run"), today=early.isoformat()
    )
    result = evaluation.run(ctx)
    opens = (result.windows.post[1] + dt.timedelta(days=1)).isoformat()
    payload = json.loads((tmp_path / "run" / artifacts.EVALUATION_JSON).read_text(encoding="utf-8"))
    for goal in payload["goals"]["items"]:
        assert goal["verdict"] is None and goal["grade"] == "n/a" and not goal["credited"]
        assert goal["measurable_from"] == opens
    assert payload["roi"]["verdict"] is None and payload["retrospective"]["open_until"] == opens
    assert payload["retrospective"]["worked"] == [] and payload["retrospective"]["improve"] == []
    view = evaluation.View(result, ctx.params)
    assert f"The outcomes cannot be judged before {opens}" in view.answer().data
    assert "ce-tone-neutral" in view.answer().data
    assert "Goal reached" not in view.summary()._repr_html_()  # nothing is graded yet
