"""The stage context a notebook opens: params, run folder, language, artifacts, data on demand."""

from __future__ import annotations

import datetime as dt

import matplotlib as mpl
import pytest

from campaign_eval import artifacts
from campaign_eval.config import ParamsError
from campaign_eval.run import folders
from campaign_eval.run.context import LAB_RUN, open_stage, parse_today


def test_open_stage_reads_params_and_uses_the_run_folder_it_is_given(demo_params, tmp_path):
    run_dir = tmp_path / "outputs" / "c" / "run-1"
    ctx = open_stage(
        "plan", str(demo_params(language="zh")), run_dir=str(run_dir), today="2026-11-30"
    )
    assert ctx.run_dir == run_dir and run_dir.is_dir()
    assert ctx.today == dt.date(2026, 11, 30)
    assert ctx.language == "zh" and ctx.params.campaign.language == "zh"
    assert ctx.t("stage.plan") == "活动策划"
    assert ctx.artifact(artifacts.PLAN_JSON) == run_dir / "plan.json"
    assert "Noto Sans CJK" in " ".join(mpl.rcParams["font.sans-serif"])  # chart style for zh


def test_interactive_use_writes_to_a_lab_folder_beside_the_params(demo_params):
    params = demo_params()
    ctx = open_stage("segmentation", str(params))
    assert ctx.run_dir == params.parent.parent / "outputs" / ctx.params.campaign.id / LAB_RUN
    assert ctx.today == dt.datetime.now(dt.UTC).date()


def test_artifacts_of_this_run_then_of_the_newest_complete_earlier_run(demo_params, tmp_path):
    campaign = tmp_path / "outputs" / "c"
    earlier = folders.new_run_dir(
        tmp_path / "outputs", "c", now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    )
    (earlier / artifacts.PLAN_JSON).write_text("{}")
    folders.mark(earlier, folders.COMPLETE)
    ctx = open_stage(
        "evaluation", str(demo_params()), run_dir=str(campaign / "20270101T000000Z-ffff")
    )
    assert ctx.find_artifact(artifacts.PLAN_JSON) == earlier / "plan.json"
    assert ctx.previous_artifact(artifacts.PLAN_JSON) == earlier / "plan.json"
    assert ctx.find_artifact(artifacts.MONITORING_JSON) is None
    (ctx.run_dir / artifacts.PLAN_JSON).write_text("{}")
    assert ctx.find_artifact(artifacts.PLAN_JSON) == ctx.run_dir / "plan.json"


def test_data_is_read_on_first_use_and_once(demo_params, tmp_path):
    ctx = open_stage(
        "segmentation", str(demo_params()), run_dir=str(tmp_path / "r"), today="2026-11-30"
    )
    assert "data" not in vars(ctx)  # opening a stage reads no data
    first = ctx.data
    assert first is ctx.data
    assert first.has("orders") and first.has("customers")


def test_bad_stage_params_or_day_are_refused(demo_params, write_params):
    with pytest.raises(ValueError, match="stage must be one of 'segmentation', 'plan'"):
        open_stage("report", str(demo_params()))
    with pytest.raises(ParamsError):
        open_stage("plan", str(write_params("campaign: {id: x}\n")))
    with pytest.raises(ValueError, match="Invalid isoformat"):
        parse_today("30/11/2026")


def test_a_batch_kernel_freezes_what_it_imported_an_interactive_one_does_not(
    demo_params, tmp_path, monkeypatch
):
    """Frozen objects are skipped by the collections statsmodels forces (see open_stage)."""
    import gc
    import sys
    import types

    monkeypatch.setitem(sys.modules, "ipykernel", types.ModuleType("ipykernel"))
    try:
        open_stage("plan", str(demo_params()))  # interactive: no run folder given
        assert gc.get_freeze_count() == 0
        open_stage("plan", str(demo_params()), run_dir=str(tmp_path / "run"))
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    monkeypatch.delitem(sys.modules, "ipykernel")
    open_stage("plan", str(demo_params()), run_dir=str(tmp_path / "run"))  # not in a kernel
    assert gc.get_freeze_count() == 0
