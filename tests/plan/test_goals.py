"""Goals: each SMART check has its own code and message, blocking ones first; the goal params."""

from __future__ import annotations

import datetime as dt
import json
import math

import pytest
from typer.testing import CliRunner

from campaign_eval import plan, stats
from campaign_eval.cli import app
from campaign_eval.config import ParamsError, load_params
from campaign_eval.config.plan import Goal
from campaign_eval.metrics.catalogue import METRICS
from campaign_eval.plan.goals import (
    deadline_problems,
    direction_problems,
    rule_features,
    selection_problems,
    unknown_metric,
    valid_range,
    value_problems,
)
from campaign_eval.plan.result import BLOCKING, Baseline, Design
from campaign_eval.plan.wording import Words
from tests.conftest import TODAY
from tests.plan.conftest import DEADLINE, campaign_params, demo_goals, zh_plan


def _goal(**fields) -> Goal:
    spec = {"id": "g", "metric": "repurchase_rate", "target": 0.2, "deadline": DEADLINE}
    return Goal.model_validate({**spec, **fields})


def _messages(result, language: str = "en") -> dict[str, dict[str, str]]:
    """Per goal, each problem's message by code."""
    words = Words(language)
    return {g.id: {p.code: words.problem(p, g.metric) for p in g.problems} for g in result.goals}


# -- params ---------------------------------------------------------------------------------


def test_a_goal_states_its_target_exactly_once(demo_params):
    goal = {"id": "g", "metric": "repurchase_rate", "target": 0.2, "relative": 0.1}
    with pytest.raises(ParamsError, match="give exactly one of target"):
        load_params(demo_params(extra={"plan": {"goals": [goal]}}), today=TODAY)
    with pytest.raises(ParamsError, match=r"plan\.goals\.0\.traget: unknown key"):
        load_params(
            demo_params(extra={"plan": {"goals": [{"id": "g", "metric": "x", "traget": 1}]}}),
            today=TODAY,
        )


def test_an_unknown_goal_metric_fails_validation_with_a_suggestion(demo_params):
    goal = {"id": "g", "metric": "repurchase", "target": 0.3, "deadline": DEADLINE}
    path = demo_params(extra={"plan": {"goals": [goal]}})
    expected = (
        r"plan\.goals\.0\.metric: unknown metric 'repurchase'.*did you mean 'repurchase_rate'"
    )
    with pytest.raises(ParamsError, match=expected):
        load_params(path, today=TODAY)
    # `campaign-eval validate` catches it before anything runs
    result = CliRunner().invoke(app, ["validate", str(path), "--today", TODAY.isoformat()])
    assert result.exit_code == 1
    assert "did you mean 'repurchase_rate'" in result.output


# -- every check through the stage ----------------------------------------------------------

BAD_GOALS = [
    ({"metric": "repurchase_rate", "scope": {"segment": "core", "filters": {"region": "Atlantis"}}, "target": 0.99},
     "scope_empty", "No customer is in the goal's scope"),
    ({"metric": "repurchase_rate", "scope": {"segment": "churn_risk"}, "target": 0.2},
     "baseline_degenerate", "baseline on the earlier cohort"),
    ({"metric": "repurchase_rate", "scope": {"segment": "core"}, "target": 0.3},
     "target_wrong_side", "is not an improvement on the baseline"),
    ({"metric": "spend_per_customer", "scope": {"segment": "growth"}, "relative": 0.01},
     "too_few_customers", "but the scope has"),
    ({"metric": "repurchase_rate", "scope": {"segment": "new"}, "relative": 0.5, "deadline": None},
     "deadline_missing", "has no deadline"),
    ({"metric": "repurchase_rate", "scope": {"segment": "new"}, "relative": 0.5, "deadline": "2026-06-01"},
     "deadline_before_start", "is before the campaign starts (2026-07-01)"),
    ({"metric": "repurchase_rate", "scope": {"segment": "new"}, "relative": 0.5, "deadline": "2026-07-31"},
     "deadline_before_window_end", "measurement window after the event ends (2026-08-14)"),
    ({"metric": "churn_rate", "scope": {"segment": "growth"}, "relative": 0.2, "direction": "increase"},
     "direction_conflict", "graded upside down"),
    ({"metric": "mean_satisfaction", "scope": {"segment": "maintain"}, "change": 0.1},
     "segment_not_targeted", "does not target that segment"),
    ({"metric": "mean_satisfaction", "scope": {"segment": "core"}, "target": 6},
     "target_out_of_range", "outside the possible range"),
]  # fmt: skip


def test_each_smart_check_has_its_own_message(demo_params, open_plan, tmp_path):
    goals = [
        {"id": f"g{i}", "deadline": DEADLINE, **spec} for i, (spec, _, _) in enumerate(BAD_GOALS)
    ]
    for goal in goals:
        if goal["deadline"] is None:
            del goal["deadline"]
    ctx = open_plan(demo_params(extra={"plan": {"goals": goals}}), tmp_path / "run")
    result = plan.run(ctx)
    found_messages = _messages(result)
    messages = {}
    for (_, code, fragment), goal in zip(BAD_GOALS, result.goals, strict=True):
        found = found_messages[goal.id]
        assert code in found, (goal.id, found)
        assert fragment in found[code], found[code]
        messages[code] = found[code]
    assert len(set(messages.values())) == len(BAD_GOALS), "every check has its own message"
    # a goal without a design is never called powered, blocking problems come first
    assert not any(g.powered for g in result.goals if g.design is None)
    assert any(g.design is None for g in result.goals)
    for goal in result.goals:
        blocking = [p.code in BLOCKING for p in goal.problems]
        assert blocking == sorted(blocking, reverse=True), goal.problems
    # the report lists every problem, and plan.json stores code and message
    html = plan.View(result, ctx.params).goals()._repr_html_()
    assert html.count("<li>") >= len(BAD_GOALS)
    stored = json.loads((tmp_path / "run" / "plan.json").read_text(encoding="utf-8"))
    assert [p["code"] for p in stored["goals"][0]["problems"]] == ["scope_empty"]
    assert stored["goals"][2]["problems"][0]["message"] == messages["target_wrong_side"]


def test_a_baseline_on_a_segment_selected_by_the_metric_gets_a_caution(
    demo_params, open_plan, tmp_path
):
    goals = demo_goals()
    cohort = {**goals[2], "id": "growth_spend_cohort", "baseline": "earlier_cohort"}
    churn_nps = {"id": "churn_nps", "metric": "nps", "scope": {"segment": "churn_risk"},
                 "change": 10, "deadline": DEADLINE}  # fmt: skip
    params = demo_params(extra={"plan": {"goals": [*goals, cohort, churn_nps]}})
    ctx = open_plan(params, tmp_path / "run")
    result = plan.run(ctx)
    messages = _messages(result)
    caution = {goal_id: found.get("baseline_selection_bias") for goal_id, found in messages.items()}
    # growth is chosen for rising spend, churn risk for low recommendation scores
    assert "Growth potential customers are selected by their spend" in caution["growth_spend"]
    assert "regression to the mean" in caution["growth_spend"]
    assert "NPS" in caution["churn_nps"]
    goal = next(g for g in result.goals if g.id == "growth_spend")
    assert goal.design is not None  # a caution, not a blocking problem
    summary = plan.View(result, ctx.params).summary()._repr_html_()
    assert "selected by their spend" in summary and "regression to the mean" in summary
    # an earlier-cohort baseline already includes the drift; core is not chosen by satisfaction
    assert caution["growth_spend_cohort"] is None
    assert caution["churn_reactivation"] is None
    assert caution["core_satisfaction"] is None

    zh_params = demo_params(language="zh", extra={"plan": zh_plan()}, name="zh.yaml")
    zh = plan.run(open_plan(zh_params, tmp_path / "zh"))
    growth = next(g for g in zh.goals if g.id == "growth_spend")
    (problem,) = [p for p in growth.problems if p.code == "baseline_selection_bias"]
    message = Words("zh").problem(problem, growth.metric)
    assert "潜力增长客户正是按消费额选出的" in message and "均值回归" in message


def test_missing_table_is_reported_for_its_goal(demo_params, open_plan, tmp_path):
    goal = {"id": "sat", "metric": "mean_satisfaction", "scope": {"segment": "core"}, "change": 0.2,
            "deadline": DEADLINE}  # fmt: skip
    params = demo_params(extra={"data": {"tables": {"surveys": None}}, "plan": {"goals": [goal]}})
    result = plan.run(open_plan(params, tmp_path / "run"))
    (problem,) = result.goals[0].problems
    assert problem.code == "metric_no_data"
    assert "the data has no surveys.satisfaction" in Words("en").problem(problem)
    assert result.goals[0].design is None and result.goals[0].n_in_scope == 0


# -- the level each goal is sized at --------------------------------------------------------


def _oracle(design: Design, level: float, grid: tuple[float, ...]) -> dict[str, object]:
    """The design's numbers from stats called at ``level`` directly (not through design_goal)."""
    d = design
    if d.kind == "proportion":
        needed = stats.sample_size_proportions(d.baseline, d.target, alpha=level, power=0.8)
    else:
        needed = stats.sample_size_means(d.sd, d.target - d.baseline, alpha=level, power=0.8)

    def power(share: float) -> float:
        return stats.power_at_split(
            d.kind, d.baseline, d.target, d.n_available, share, sd=d.sd, alpha=level
        )

    direction = "increase" if d.target >= d.baseline else "decrease"
    n_control = d.control_share * d.n_available
    return {
        "n_required_per_arm": needed.n_control,
        "power": power(d.control_share),
        "mde": stats.detectable_effect(
            d.kind, d.baseline, n_control, d.n_available - n_control, sd=d.sd, alpha=level,
            power=0.8, direction=direction,
        ),
        "recommended_share": next((s for s in sorted(grid) if power(s) >= 0.8), None),
        "powered": power(d.control_share) >= 0.8,
    }  # fmt: skip


def _numbers(design: Design) -> dict[str, object]:
    keys = ("n_required_per_arm", "power", "mde", "recommended_share", "powered")
    return {key: getattr(design, key) for key in keys}


def _same(design: Design, expected: dict[str, object]) -> bool:
    """The design's numbers are the oracle's (power and MDE to rounding: n x share differs)."""
    found = _numbers(design)
    floats = ("power", "mde")
    return all(found[k] == pytest.approx(expected[k], rel=1e-12) for k in floats) and {
        k: v for k, v in found.items() if k not in floats
    } == {k: v for k, v in expected.items() if k not in floats}


def test_every_demo_goal_is_sized_at_alpha_over_the_number_of_goals(demo_plan):
    settings = demo_plan.ctx.params.plan
    assert (settings.alpha, len(settings.goals), settings.power) == (0.05, 3, 0.8)
    level = 0.05 / 3  # the first Holm step of the three primary comparisons
    grid = tuple(settings.holdout_grid)
    assert demo_plan.result.family_size == 3
    for goal in demo_plan.result.goals:
        assert goal.design is not None, goal.id
        assert goal.alpha == goal.design.alpha == level
        assert _same(goal.design, _oracle(goal.design, level, grid)), goal.id
        # not the numbers at the family's alpha: the demo's goals move
        at_alpha = _oracle(goal.design, 0.05, grid)
        assert goal.design.n_required_per_arm > at_alpha["n_required_per_arm"]


def test_one_goal_keeps_the_plans_alpha_and_m_goals_share_it(demo_params, open_plan, tmp_path):
    churn, satisfaction = demo_goals()[:2]
    params = demo_params(extra={"plan": {"goals": [churn]}}, name="one.yaml")
    ctx = open_plan(params, tmp_path / "one")
    (alone,) = plan.run(ctx).goals
    grid = tuple(ctx.params.plan.holdout_grid)
    assert alone.design is not None
    # one goal: sized at the plan's alpha, the numbers of a plan without families
    assert alone.alpha == alone.design.alpha == 0.05
    assert _same(alone.design, _oracle(alone.design, 0.05, grid))
    # two goals at alpha 0.10: each at 0.05, so the churn goal's design is the one above
    pair = {"alpha": 0.1, "goals": [churn, satisfaction]}
    params = demo_params(extra={"plan": pair}, name="two.yaml")
    both = plan.run(open_plan(params, tmp_path / "two")).goals
    assert [g.alpha for g in both] == [0.05, 0.05]
    assert both[0].design is not None
    assert _numbers(both[0].design) == _numbers(alone.design)
    assert both[0].design.curve == alone.design.curve


def test_a_goal_without_a_design_still_has_its_level(demo_params, open_plan, tmp_path):
    goals = [*demo_goals(), {"id": "empty", "metric": "repurchase_rate", "target": 0.5,
                             "scope": {"segment": "core", "filters": {"region": "Atlantis"}},
                             "deadline": DEADLINE}]  # fmt: skip
    result = plan.run(open_plan(demo_params(extra={"plan": {"goals": goals}}), tmp_path / "run"))
    empty = result.goals[-1]
    assert empty.design is None and empty.alpha == 0.05 / 4
    # every goal counts in the family, also one that cannot be sized: the level is stricter
    assert all(g.alpha == 0.05 / 4 for g in result.goals)


# -- the checks one by one ------------------------------------------------------------------


def test_an_unknown_metric_suggests_the_closest_name():
    assert unknown_metric("repurchase").values == {
        "metric": "repurchase",
        "suggestion": "repurchase_rate",
    }
    assert unknown_metric("zzz").values["suggestion"] is None
    message = Words("en").problem(unknown_metric("repurchase"))
    assert "'repurchase' is not in the catalogue. Did you mean 'repurchase_rate'?" in message
    assert all(name in message for name in METRICS)


def test_deadline_checks_name_the_dates():
    params = campaign_params()
    assert [p.code for p in deadline_problems(_goal(deadline=None), params)] == ["deadline_missing"]
    (early,) = deadline_problems(_goal(deadline="2026-06-01"), params)
    assert early.values == {"deadline": dt.date(2026, 6, 1), "start": dt.date(2026, 7, 1)}
    (window,) = deadline_problems(_goal(deadline="2026-08-01", window_days=30), params)
    assert window.code == "deadline_before_window_end"
    assert window.values["end"] == dt.date(2026, 8, 14)  # event 2026-07-15 + 30 days
    assert deadline_problems(_goal(deadline="2026-08-14"), params) == []


def test_a_direction_against_the_metric_is_a_problem_and_the_natural_one_is_not():
    churn = METRICS["churn_rate"]
    (conflict,) = direction_problems(_goal(metric="churn_rate", direction="increase"), churn)
    assert conflict.values == {
        "metric": "churn_rate",
        "direction": "increase",
        "natural": "decrease",
    }
    assert direction_problems(_goal(metric="churn_rate", direction="decrease"), churn) == []
    assert direction_problems(_goal(metric="churn_rate"), churn) == []


def _baseline(value: float, sd: float = math.nan) -> Baseline:
    return Baseline(value, sd, 100, 100, dt.date(2026, 5, 31), dt.date(2026, 6, 30), "pre_window")


def test_value_checks_of_rates_means_and_nps():
    rate, satisfaction = METRICS["repurchase_rate"], METRICS["mean_satisfaction"]
    (degenerate,) = value_problems(rate, "increase", _baseline(0.0), 0.2)
    assert degenerate.code == "baseline_degenerate"
    assert degenerate.values["first"] == dt.date(2026, 6, 1)
    flat = value_problems(satisfaction, "increase", _baseline(4.0, sd=0.0), 4.2)
    assert [p.code for p in flat] == ["baseline_no_variation"]
    wrong = value_problems(rate, "increase", _baseline(0.3), 0.2)
    assert [p.code for p in wrong] == ["target_wrong_side"]
    assert [p.code for p in value_problems(rate, "decrease", _baseline(0.3), 0.2)] == []
    # a rate target of exactly 100% cannot be tested; a satisfaction of exactly 5 can
    assert [p.code for p in value_problems(rate, "increase", _baseline(0.3), 1.0)] == [
        "target_out_of_range"
    ]
    assert value_problems(satisfaction, "increase", _baseline(4.0, sd=0.5), 5.0) == []
    assert valid_range(METRICS["nps"]) == (-100.0, 100.0)
    assert valid_range(METRICS["spend_per_customer"]) == (-math.inf, math.inf)


def test_selection_bias_comes_from_the_segment_rules_features():
    params = campaign_params()
    growth = params.segmentation.segments["growth"]
    assert "spend_growth_6m" in rule_features(growth)
    spend = METRICS["spend_per_customer"]
    (bias,) = selection_problems(_goal(metric="spend_per_customer", scope={"segment": "growth"},
                                       target=None, relative=0.1), spend, params)  # fmt: skip
    assert bias.values == {"segment": "growth", "basis": ("spend",), "metric": "spend_per_customer"}
    cohort = _goal(scope={"segment": "growth"}, baseline="earlier_cohort")
    assert selection_problems(cohort, spend, params) == []
    assert selection_problems(_goal(scope={"segment": "all"}), spend, params) == []
