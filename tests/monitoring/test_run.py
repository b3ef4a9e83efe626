"""The stage through the real runner and notebook: planted problems become alerts, a second run
shows the change, the report is stakeholder-safe in both languages, and the notebook keeps its
one style (guide cell, one view call per section)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from campaign_eval import artifacts, datasets, monitoring
from campaign_eval.io import CampaignData
from campaign_eval.report.html import Section
from campaign_eval.run.runner import NOTEBOOK_DIR
from tests.conftest import assert_stakeholder_html, run_stages
from tests.monitoring.conftest import extra, open_ctx

NOTEBOOK = NOTEBOOK_DIR / "03_monitoring.ipynb"
SECTIONS = ("alerts", "change", "funnel_by_channel", "funnel_by_segment", "progress",
            "participation", "feedback", "incidents", "design", "files")  # fmt: skip
HEADINGS_ZH = ("预警与概况", "与上次监控相比", "分渠道转化漏斗", "分客户群转化漏斗", "进度与目标",
               "参与情况：各客户群构成", "现场反馈", "异常事件", "实验设计检查",
               "本次运行生成的文件")  # fmt: skip


def _html(result) -> str:
    return (Path(result.run_dir) / "03_monitoring.html").read_text(encoding="utf-8")


def _json(result) -> dict:
    path = Path(result.run_dir) / artifacts.MONITORING_JSON
    return json.loads(path.read_text(encoding="utf-8"))


def test_planted_problems_are_alerts_and_a_second_run_shows_the_change(
    demo_params, demo_data, tmp_path
):
    out = tmp_path / "out"
    early = demo_params(extra=extra({"as_of": "2026-07-05"}), name="early.yaml")
    first = run_stages(early, out, ["monitoring"])
    assert first.ok, first.stages
    assert _json(first)["as_of"] == "2026-07-05"
    assert _json(first)["previous_run"] is None

    second = run_stages(demo_params(extra=extra()), out, ["monitoring"])
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

    contaminated = pd.read_csv(Path(second.run_dir) / artifacts.CONTAMINATION_CSV, dtype=str)
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


def test_chinese_report_has_every_section_in_order_and_is_stakeholder_safe(demo_params, tmp_path):
    result = run_stages(demo_params(language="zh", extra=extra()), tmp_path / "out", ["monitoring"])
    assert result.ok, result.stages
    html = _html(result)
    assert_stakeholder_html(html)
    assert "预警与概况" in html and "分渠道转化漏斗" in html
    assert "Act now" not in html and "Funnel by channel" not in html
    positions = [html.index(f">{heading}</h2>") for heading in HEADINGS_ZH]
    assert positions == sorted(positions)
    assert all(html.count(f">{heading}</h2>") == 1 for heading in HEADINGS_ZH)
    # seven charts, each with words saying what it shows; the analyst's guide cells are left out
    images = BeautifulSoup(html, "html.parser").select("figure.ce-figure img")
    assert len(images) == 7
    assert all(img["src"].startswith("data:image/svg+xml;base64,") and img["alt"] for img in images)
    assert images[0]["alt"].startswith("条形图：全部渠道各环节的客户数。已邀请 ")
    # the answer opens the page, right under the header and before the contents
    soup = BeautifulSoup(html, "html.parser")
    block = soup.find("section", id="answer")
    assert block is not None and block.find("h2").get_text() == "现在需要处理什么？"
    assert "有 4 个问题需要立即处理：" in block.get_text()
    assert html.index('id="answer"') < html.index("预警与概况")
    assert "This notebook is run again and again" not in html
    assert "p\u00a0&lt;0.001" in html  # the sms drop, its p-value written by report.format
    contaminated = pd.read_csv(Path(result.run_dir) / artifacts.CONTAMINATION_CSV, dtype=str)
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


def test_an_empty_contacts_table_means_nothing_to_monitor(demo_params, demo_data, tmp_path):
    ctx = open_ctx(demo_params(extra=extra()), tmp_path / "r")
    frames = {
        name: pd.read_parquet(demo_data / f"{name}.parquet") for name in ("orders", "assignment")
    }
    frames["contacts"] = pd.read_parquet(demo_data / "contacts.parquet").head(0)
    ctx.data = CampaignData.from_frames(frames)
    result = monitoring.run(ctx)
    assert result.status == "empty"
    saved = json.loads(ctx.artifact(artifacts.MONITORING_JSON).read_text(encoding="utf-8"))
    assert saved["status"] == "empty"
    view = monitoring.View(result, ctx.params)
    assert view.progress()._repr_html_() and view.participation()._repr_html_()


def test_as_of_after_today_is_refused(demo_params, tmp_path):
    ctx = open_ctx(
        demo_params(extra=extra({"as_of": "2026-07-20"})),
        tmp_path / "r",
        today=dt.date(2026, 7, 16),
    )
    with pytest.raises(ValueError, match=r"monitoring.as_of \(2026-07-20\) is after today"):
        monitoring.run(ctx)


def test_every_section_the_notebook_calls_returns_a_section(demo_run):
    view = demo_run.view()
    for name in SECTIONS:
        assert isinstance(getattr(view, name)(), Section), name
