"""The monitoring stage: funnel oracle, planted problems as alerts, thresholds, change since the last
run, 'nothing to monitor yet', and stakeholder-safe HTML in both languages."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
from statsmodels.stats.proportion import proportion_confint

from campaign_eval import datasets, monitoring, plan, stats
from campaign_eval.config import ParamsError, load_params
from campaign_eval.io import CampaignData
from campaign_eval.monitoring import charts
from campaign_eval.plan.assignment import assign_arms
from campaign_eval.run import folders as runs
from campaign_eval.run.context import open_stage
from tests.conftest import TODAY, assert_stakeholder_html, run_stages

STEPS = ("invited", "delivered", "opened", "clicked", "registered", "attended")
EVENT_DAY = datasets.EVENT_DATE
DEMO_MONITORING = {
    "targets": [
        {"metric": "participation_rate", "segment": "new", "target": 0.60},
        {"metric": "registration_rate", "target": 0.15},
    ],
    "incidents": [
        {
            "date": "2026-07-15",
            "kind": "equipment",
            "description": "Projector <b>failed</b> & restarted",
            "count": 1,
        },
    ],
}


def _extra(monitoring_params: dict | None = None, **data_tables) -> dict:
    """demo_params overrides: the demo's assignment table plus monitoring params."""
    tables = {"assignment": {"path": "assignment.parquet"}, **data_tables}
    return {
        "data": {"tables": tables},
        "monitoring": {**DEMO_MONITORING, **(monitoring_params or {})},
    }


def _open(params: Path, run_dir: Path, today: dt.date = TODAY):
    run_dir.mkdir(parents=True, exist_ok=True)
    return open_stage("monitoring", str(params), run_dir=str(run_dir), today=today.isoformat())


def _html(result) -> str:
    return (Path(result.run_dir) / "03_monitoring.html").read_text(encoding="utf-8")


def _json(result) -> dict:
    return json.loads(
        (Path(result.run_dir) / monitoring.MONITORING_JSON).read_text(encoding="utf-8")
    )


# ---- oracle -------------------------------------------------------------------------------


def test_funnel_counts_and_rates_match_an_independent_pandas_computation(
    demo_params, demo_data, tmp_path
):
    ctx = _open(demo_params(extra=_extra()), tmp_path / "run")
    outcome = monitoring.run(ctx)
    assert outcome.as_of == EVENT_DAY  # newest contact event: check-ins on the event day

    contacts = pd.read_parquet(demo_data / "contacts.parquet")
    assignment = pd.read_parquet(demo_data / "assignment.parquet")
    cut = pd.Timestamp(EVENT_DAY) + pd.Timedelta(days=1)
    reached = pd.DataFrame(
        {s: contacts[f"{s}_at"].notna() & (contacts[f"{s}_at"] < cut) for s in STEPS}
    )
    reached["channel"] = contacts["channel"]
    by_channel = reached.groupby("channel")[list(STEPS)].sum()
    per_customer = (
        reached.assign(customer_id=contacts["customer_id"])
        .groupby("customer_id")[list(STEPS)]
        .any()
    )
    per_customer = per_customer.join(assignment.set_index("customer_id")["segment"])
    by_segment = per_customer.groupby("segment")[list(STEPS)].sum()

    got_channel = outcome.group_counts("channel")
    got_segment = outcome.group_counts("segment")
    for step in STEPS:
        for channel in by_channel.index:
            assert got_channel.loc[channel, step] == by_channel.loc[channel, step], (channel, step)
        for segment in by_segment.index:
            assert got_segment.loc[segment, step] == by_segment.loc[segment, step], (segment, step)
        assert got_channel.loc["all", step] == per_customer[step].sum()

    definitions = {  # CONVENTIONS: open = opened/delivered, click = clicked/delivered, CTR = clicked/opened, ...
        "open_rate": ("opened", "delivered"),
        "click_rate": ("clicked", "delivered"),
        "ctr": ("clicked", "opened"),
        "registration_rate": ("registered", "invited"),
        "attendance_rate": ("attended", "registered"),
        "participation_rate": ("attended", "invited"),
    }
    rates = outcome.rates("channel")
    for channel in by_channel.index:
        for name, (num, den) in definitions.items():
            s, n = by_channel.loc[channel, num], by_channel.loc[channel, den]
            low, high = proportion_confint(s, n, alpha=0.05, method="wilson")
            est = rates[channel][name]
            assert est.value == pytest.approx(s / n, rel=1e-12)
            assert (est.ci_low, est.ci_high) == pytest.approx((low, high), rel=1e-9)

    saved = pd.read_csv(ctx.artifact(monitoring.FUNNEL_CSV))
    assert (
        saved[list(STEPS)].sum().to_dict()
        == got_channel.drop(index="all")[list(STEPS)].sum().to_dict()
    )


def test_target_projection_extends_the_recent_pace_to_the_event_day(
    demo_params, demo_data, tmp_path
):
    as_of = dt.date(2026, 7, 6)
    targets = [
        {"metric": "registered", "target": 10_000},
        {"metric": "invited", "segment": "core", "target": 1},
    ]
    ctx = _open(
        demo_params(extra=_extra({"as_of": as_of.isoformat(), "targets": targets, "pace_days": 3})),
        tmp_path / "r",
    )
    outcome = monitoring.run(ctx)

    contacts = pd.read_parquet(demo_data / "contacts.parquet")
    first = contacts.groupby("customer_id")["registered_at"].min().dropna().dt.normalize()

    def upto(day: dt.date) -> int:
        return int((first <= pd.Timestamp(day)).sum())

    now, before = upto(as_of), upto(as_of - dt.timedelta(days=3))
    expected = now + (now - before) / 3 * (EVENT_DAY - as_of).days

    registered, core_invited = outcome.targets
    assert registered.actual == now
    assert registered.projected == pytest.approx(expected)
    assert registered.status == "behind"
    assert core_invited.status == "on_track"
    alert = next(a for a in outcome.alerts if a.key == "target_behind:registered/all")
    assert alert.severity == "critical" and alert.threshold == 10_000


# ---- the planted problems, through the runner ----------------------------------------------


def test_planted_problems_are_alerts_and_a_second_run_shows_the_change(
    demo_params, demo_data, tmp_path
):
    out = tmp_path / "out"
    early = demo_params(extra=_extra({"as_of": "2026-07-05"}), name="early.yaml")
    first = run_stages(early, out, ["monitoring"])
    assert first.ok, first.stages
    assert _json(first)["as_of"] == "2026-07-05"
    assert _json(first)["previous_run"] is None

    second = run_stages(demo_params(extra=_extra()), out, ["monitoring"])
    assert second.ok, second.stages
    payload = _json(second)
    assert payload["schema_version"] == 1
    assert payload["previous_run"]["run_id"] == Path(first.run_dir).name
    keys = {f"{a['rule']}:{a['subject']}" for a in payload["alerts"]}
    assert "delivery_drop:sms" in keys  # planted: sms delivery collapses from SMS_OUTAGE_FROM
    assert "contamination:control" in keys
    assert payload["design"]["contamination"]["count"] == datasets.CONTAMINATED_CONTROLS
    drop = next(a for a in payload["alerts"] if a["rule"] == "delivery_drop")
    assert drop["value"] < 0.5 < drop["threshold"]
    assert {"rule", "severity", "message", "value", "threshold"} <= set(drop)

    contaminated = pd.read_csv(Path(second.run_dir) / monitoring.CONTAMINATION_CSV, dtype=str)
    assignment = pd.read_parquet(demo_data / "assignment.parquet").set_index("customer_id")
    assert len(contaminated) == datasets.CONTAMINATED_CONTROLS
    assert set(assignment.loc[contaminated["customer_id"], "arm"]) == {"control"}

    html = _html(second)
    assert_stakeholder_html(html)
    for customer in contaminated["customer_id"]:
        assert customer not in html
    assert Path(first.run_dir).name in html  # "compared with the previous monitoring run (<run>)"
    assert "&lt;b&gt;failed&lt;/b&gt;" in html and "<b>failed</b>" not in html  # free text escaped
    # the early run saw invitations only; by the event day the funnel has grown
    then = _json(first)["funnel"]["all"]["counts"]
    assert payload["funnel"]["all"]["counts"]["registered"] > then["registered"]


def test_chinese_report_is_stakeholder_safe(demo_params, tmp_path):
    result = run_stages(
        demo_params(language="zh", extra=_extra()), tmp_path / "out", ["monitoring"]
    )
    assert result.ok, result.stages
    html = _html(result)
    assert_stakeholder_html(html)
    assert "预警与概况" in html and "分渠道转化漏斗" in html
    assert "Act now" not in html and "Funnel by channel" not in html
    contaminated = pd.read_csv(Path(result.run_dir) / monitoring.CONTAMINATION_CSV, dtype=str)
    assert not any(customer in html for customer in contaminated["customer_id"])


def test_no_contacts_table_gives_a_nothing_to_monitor_report(demo_params, tmp_path):
    params = demo_params(extra={"data": {"tables": {"contacts": None}}})
    result = run_stages(params, tmp_path / "out", ["monitoring"])
    assert result.ok, result.stages
    html = _html(result)
    assert_stakeholder_html(html)
    assert "Nothing to monitor yet" in html
    payload = _json(result)
    assert payload["status"] == "no_contacts_table"
    assert payload["alerts"] == []


# ---- in-process checks of the rules ---------------------------------------------------------


def test_contacts_all_after_the_as_of_day_mean_nothing_to_monitor(demo_params, tmp_path):
    ctx = _open(demo_params(extra=_extra({"as_of": "2026-06-20"})), tmp_path / "r")
    outcome = monitoring.run(ctx)
    assert outcome.status == "not_yet"
    assert not outcome.ready
    assert outcome.contamination == 0
    assert all(a.rule not in {"contamination", "rate_below_threshold"} for a in outcome.alerts)
    assert "Nothing to monitor yet" in outcome.alerts_view().data
    assert outcome.funnel_view("channel").data  # a sentence, not an error
    for chart in ("funnel", "channel_rates", "progress", "participation_mix", "onsite_scores"):
        assert getattr(charts, chart)(outcome) is None


def test_an_empty_contacts_table_means_nothing_to_monitor(demo_params, demo_data, tmp_path):
    ctx = _open(demo_params(extra=_extra()), tmp_path / "r")
    frames = {
        name: pd.read_parquet(demo_data / f"{name}.parquet") for name in ("orders", "assignment")
    }
    frames["contacts"] = pd.read_parquet(demo_data / "contacts.parquet").head(0)
    ctx.data = CampaignData.from_frames(frames)
    outcome = monitoring.run(ctx)
    assert outcome.status == "empty"
    assert json.loads(ctx.artifact(monitoring.MONITORING_JSON).read_text())["status"] == "empty"
    assert outcome.progress_view().data and outcome.participation_view().data


def test_thresholds_come_from_params(demo_params, tmp_path):
    default = monitoring.run(_open(demo_params(extra=_extra()), tmp_path / "a"))
    keys = {a.key for a in default.alerts}
    assert "rate_below_threshold:email/delivery_rate" not in keys
    assert "delivery_drop:sms" in keys

    strict = {"channel_thresholds": {"email": {"delivery_rate": 0.995}}, "drop_relative": 0.9}
    changed = monitoring.run(
        _open(demo_params(extra=_extra(strict), name="strict.yaml"), tmp_path / "b")
    )
    keys = {a.key for a in changed.alerts}
    assert "rate_below_threshold:email/delivery_rate" in keys
    assert "delivery_drop:sms" not in keys  # a 90% drop is required now
    assert "rate_below_threshold:call/delivery_rate" not in keys  # the default call override stays


def test_stale_contacts_raise_an_alert(demo_params, demo_data, tmp_path):
    today = dt.date(2026, 7, 14)
    ctx = _open(demo_params(extra=_extra({"stale_after_days": 2})), tmp_path / "r", today=today)
    contacts = pd.read_parquet(demo_data / "contacts.parquet")
    export_end = pd.Timestamp("2026-07-11")  # the export stopped three days before today
    contacts = contacts[contacts["invited_at"] < export_end].copy()
    for column in [c for c in contacts if c.endswith("_at")]:
        contacts.loc[contacts[column] >= export_end, column] = pd.NaT
    frames = {
        name: pd.read_parquet(demo_data / f"{name}.parquet") for name in ("orders", "assignment")
    }
    ctx.data = CampaignData.from_frames({**frames, "contacts": contacts})
    outcome = monitoring.run(ctx)
    assert outcome.as_of == dt.date(2026, 7, 10)
    assert outcome.freshness.lag_days == 4
    stale = next(a for a in outcome.alerts if a.rule == "stale_data")
    assert stale.value == 4 and stale.threshold == 2


def test_a_correct_stratified_split_is_not_a_sample_ratio_mismatch(
    demo_params, demo_data, tmp_path
):
    segment_shares = {
        "core": {"treatment": 0.5, "control": 0.5},
        "new": {"treatment": 0.6, "control": 0.4},
    }
    segments = pd.read_parquet(demo_data / "assignment.parquet")[["customer_id", "segment"]]
    split = assign_arms(segments, salt="stratified", shares={"treatment": 0.8, "control": 0.2},
                        segment_shares=segment_shares)  # fmt: skip
    path = tmp_path / "stratified.parquet"
    split.to_parquet(path, index=False)
    params = demo_params(
        extra=_extra({"segment_arm_shares": segment_shares}, assignment={"path": str(path)})
    )
    outcome = monitoring.run(_open(params, tmp_path / "r"))
    # every segment against its own split, and all customers against the size-weighted split
    assert [c.segment for c in outcome.sample_ratio] == [
        None,
        "core",
        "growth",
        "churn_risk",
        "new",
    ]
    assert not any(c.result.flagged for c in outcome.sample_ratio)
    assert outcome.planned_split.source == "monitoring_params"
    assert "sample_ratio_mismatch" not in {a.rule for a in outcome.alerts}
    # the same split judged against one overall 80/20 plan would be a (false) mismatch
    counts = split["arm"].value_counts()
    assert stats.sample_ratio_test([counts["treatment"], counts["control"]], [0.8, 0.2]).flagged


def test_monitoring_params_are_validated(write_params):
    base = """
campaign: {id: c1, name: C, start: 2026-03-01, event: 2026-03-15}
data: {tables: {orders: {path: o.csv}}}
monitoring:
"""
    cases = {
        "  targets: [{metric: participation_rate, target: 60}]": "a fraction between 0 and 1",
        "  arm_shares: {treatment: 0.7, control: 0.2}": "shares must sum to 1",
        "  arm_shares: {a: 0.5, b: 0.5}": "control arm 'control'",
        "  focus_segments: [churnrisk]": "focus_segments.0",
        "  incidents: [{date: soon, kind: delay}]": "expected an ISO date",
        "  thresholds: {opn_rate: 0.2}": "did you mean 'open_rate'",
    }
    for line, expected in cases.items():
        with pytest.raises(ParamsError, match=expected):
            load_params(write_params(base + line + "\n"), today=TODAY)


def test_as_of_after_today_is_refused(demo_params, tmp_path):
    ctx = _open(
        demo_params(extra=_extra({"as_of": "2026-07-20"})),
        tmp_path / "r",
        today=dt.date(2026, 7, 16),
    )
    with pytest.raises(ValueError, match=r"monitoring.as_of \(2026-07-20\) is after today"):
        monitoring.run(ctx)


def _split_with_shifted_holdouts(demo_data: Path, shift: dict[str, int]) -> pd.DataFrame:
    """The demo's customers with an exact 20% holdout per segment, moved by ``shift`` customers."""
    frame = pd.read_parquet(demo_data / "assignment.parquet")[["customer_id", "segment"]]
    frame = frame.sort_values(["segment", "customer_id"]).reset_index(drop=True)
    rank = frame.groupby("segment").cumcount()
    size = frame.groupby("segment")["customer_id"].transform("size")
    control = (size * 0.2).round().astype(int) + frame["segment"].map(shift).fillna(0).astype(int)
    return frame.assign(arm=(rank < control).map({True: "control", False: "treatment"}))


def test_opposite_imbalances_in_two_segments_do_not_cancel_out(
    demo_params, demo_data, tmp_path, monkeypatch
):
    # growth holds out 60 customers too many, churn risk 60 too few: together exactly 20%
    split = _split_with_shifted_holdouts(demo_data, {"growth": 60, "churn_risk": -60})
    counts = split["arm"].value_counts()
    pooled = stats.sample_ratio_test([counts["treatment"], counts["control"]], [0.8, 0.2])
    assert not pooled.flagged  # the pooled test the stage used to run sees nothing
    path = tmp_path / "shifted.parquet"
    split.to_parquet(path, index=False)
    outcome = monitoring.run(
        _open(demo_params(extra=_extra(assignment={"path": str(path)})), tmp_path / "r")
    )
    flagged = {c.segment for c in outcome.sample_ratio if c.result.flagged}
    assert flagged == {"growth", "churn_risk"}
    alerts = {a.key for a in outcome.alerts if a.rule == "sample_ratio_mismatch"}
    assert alerts == {"sample_ratio_mismatch:growth", "sample_ratio_mismatch:churn_risk"}
    overall = next(c for c in outcome.sample_ratio if c.segment is None)
    assert not overall.result.flagged
    payload = json.loads(outcome.ctx.artifact(monitoring.MONITORING_JSON).read_text())
    segments = [c["segment"] for c in payload["design"]["sample_ratio"]]
    assert segments == ["all", "core", "growth", "churn_risk", "new"]
    assert payload["design"]["planned_shares"] == {"source": "plan_params", "run_id": None}
    # the threshold in the method sentence is stats.SRM_ALPHA
    assert any("(p < 0.001)" in note for note in outcome.design_notes())
    monkeypatch.setattr(stats, "SRM_ALPHA", 0.01)
    assert any("(p < 0.01)" in note for note in outcome.design_notes())


def test_planned_shares_come_from_the_plan_record_before_the_params(demo_params, tmp_path):
    campaign = tmp_path / "out" / "demo-2026-q3"
    plan_dir = campaign / "20260620T080000Z-0000"
    plan_dir.mkdir(parents=True)
    plan.run(open_stage("plan", str(demo_params()), run_dir=str(plan_dir), today=TODAY.isoformat()))
    recorded = json.loads((plan_dir / plan.PLAN_JSON).read_text(encoding="utf-8"))
    assert recorded["arm_shares"] == {"treatment": 0.8, "control": 0.2}
    runs.mark(plan_dir, runs.COMPLETE)
    # the params now say 30% (changed after the start); the groups were drawn with 20%
    raised = {
        "data": {"tables": {"assignment": None}},
        "plan": {"control_share": 0.3},
        "monitoring": {"arm_shares": {"treatment": 0.7, "control": 0.3}},
    }
    outcome = monitoring.run(
        _open(demo_params(extra=raised, name="raised.yaml"), campaign / "20261130T080000Z-0001")
    )
    assert outcome.group_source == "plan"
    assert outcome.sample_ratio and not any(c.result.flagged for c in outcome.sample_ratio)
    assert all(c.result.expected_shares == (0.8, 0.2) for c in outcome.sample_ratio)
    assert "sample_ratio_mismatch" not in {a.rule for a in outcome.alerts}
    assert outcome.planned_split.source == "plan_json"
    assert outcome.planned_split.run_id == plan_dir.name
    notes = " ".join(outcome.design_notes())
    assert plan_dir.name in notes and "are set but not used" in notes
