"""The run's index page: stages, status, durations and files; escaped, offline, relative links."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from campaign_eval.run.index import IndexInfo, StageInfo, render_index
from tests.run.test_render import EVIL, _chromium, _soup


def _index(language: str = "en", **changes) -> IndexInfo:
    values = {
        "campaign_id": "CMP-7",
        "campaign_name": EVIL,
        "run_id": "20260701-0930",
        "started": datetime(2026, 7, 1, 9, 30, tzinfo=UTC),
        "finished": datetime(2026, 7, 1, 9, 34, tzinfo=UTC),
        "language": language,
        "stages": [
            StageInfo("segmentation", "Segmentation", "complete", 42.3, "segmentation.html"),
            StageInfo(
                "monitoring",
                "Monitoring <i>",
                "failed",
                75.0,
                "monitoring.html",
                error_cell=7,
                error_name="KeyError",
                error_message="'segment' not in /home/ann/x.parquet\nTraceback (most recent...",
            ),
            StageInfo("evaluation", "Evaluation", "skipped", note="No outcome table."),
        ],
        "artifacts": ["run.log", "tables/segments <v1>.csv"],
        "notes": ["<b>check</b> the data"],
    }
    values.update(changes)
    return IndexInfo(**values)


def test_index_lists_stages_status_and_artifacts(tmp_path):
    html = render_index(_index(), tmp_path / "index.html").read_text(encoding="utf-8")
    soup = _soup(html)
    assert soup.html["lang"] == "en"
    assert soup.select_one(".ce-run-status").get_text(strip=True) == "FAILED"
    stages = soup.select("li.ce-stage")
    assert [s.select_one(".ce-stage-title").get_text() for s in stages] == [
        "Segmentation",
        "Monitoring <i>",
        "Evaluation",
    ]
    assert [s.select_one(".ce-badge").get_text() for s in stages] == [
        "complete",
        "failed",
        "skipped",
    ]
    assert [a["href"] for a in soup.select(".ce-stage a")] == [
        "segmentation.html",
        "monitoring.html",
    ]
    error = stages[1].select_one(".ce-stage-error").get_text()
    assert error == "Stopped at cell 7: KeyError: 'segment' not in x.parquet"
    assert "42.3 s" in stages[0].get_text()
    assert "1 min 15 s" in stages[1].get_text()
    assert "No outcome table." in stages[2].get_text()
    assert [a["href"] for a in soup.select(".ce-artifacts a")] == [
        "run.log",
        "tables/segments%20%3Cv1%3E.csv",
    ]
    assert "2026-07-01 09:34 UTC" in soup.select_one("header").get_text()


def test_index_escapes_everything_and_stays_offline(tmp_path):
    html = render_index(_index(), tmp_path / "index.html").read_text(encoding="utf-8")
    soup = _soup(html)
    assert "<script>alert(1)" not in html
    assert soup.find_all("script") == []
    assert soup.find_all("i") == []
    assert soup.find_all("b") == []
    assert EVIL in soup.select_one("header").get_text()
    assert "<b>check</b> the data" in soup.select_one(".ce-notes").get_text()
    assert "http" not in html
    assert "/home/" not in html
    assert "Traceback" not in html


@pytest.mark.parametrize(
    ("changes", "word"),
    [
        ({}, "失败"),
        ({"stages": [StageInfo("plan", "计划", "complete", 1.0)]}, "已完成"),
        ({"stages": [StageInfo("plan", "计划", "running")], "finished": None}, "运行中"),
        ({"stages": [], "failed": True}, "失败"),
    ],
)
def test_index_run_status_in_chinese(tmp_path, changes, word):
    html = render_index(_index("zh", **changes), tmp_path / "i.html").read_text(encoding="utf-8")
    soup = _soup(html)
    assert soup.html["lang"] == "zh"
    assert soup.select_one(".ce-run-status").get_text(strip=True) == word
    assert "运行概览" in soup.select_one("h1").get_text()


def test_index_status_is_derived():
    assert _index().status == "failed"
    assert _index(stages=[]).status == "complete"
    assert _index(stages=[], finished=None).status == "running"
    assert _index(stages=[], failed=True).status == "failed"


@pytest.mark.parametrize("path", ["/abs/report.html", "C:\\x\\r.html", "https://x.org/r", "~/r"])
def test_index_rejects_absolute_links(path):
    with pytest.raises(ValueError, match="relative to the run folder"):
        StageInfo("plan", "Plan", "complete", html=path)
    with pytest.raises(ValueError, match="relative to the run folder"):
        _index(artifacts=[path])


def test_stage_status_is_checked():
    with pytest.raises(ValueError, match=r"status must be one of .*; got 'done'"):
        StageInfo("plan", "Plan", "done")


@pytest.mark.browser
def test_index_opens_offline_in_chromium(tmp_path):
    out = render_index(_index(), tmp_path / "index.html")
    dom = _chromium(tmp_path, "--dump-dom", out.as_uri()).stdout
    assert len(_soup(dom).select("li.ce-stage")) == 3


def test_the_index_shows_each_stages_answer_and_says_what_each_file_is(tmp_path):
    from campaign_eval.report.html import KeyFigure, answer

    block = answer("Did it work?", "Partly <b>yes</b>.", [KeyFigure("Return", "CN¥11.9")])
    page = f"<html><body><header class='ce-header'></header>{block.data}</body></html>"
    (tmp_path / "segmentation.html").write_text(page, encoding="utf-8")
    artifacts = ["segmentation.html", "segmentation.ipynb", "segment_lists/core.csv", "plan.json",
                 "FAILED", "odd.bin"]  # fmt: skip
    out = render_index(_index(artifacts=artifacts), tmp_path / "index.html")
    soup = _soup(out.read_text(encoding="utf-8"))
    stages = soup.select("li.ce-stage")
    shown = stages[0].select_one(".ce-answer")
    assert shown is not None and shown.get("id") is None  # one page, several answers: no id
    assert "Partly <b>yes</b>." in shown.get_text() and soup.find("b") is None
    assert stages[1].select_one(".ce-answer") is None  # its report does not exist
    about = [li.get_text() for li in soup.select(".ce-artifacts li")]
    assert about == [
        (
            "segmentation.html: the Segmentation report, for everyone involved (opens in any "
            "browser, offline)"
        ),
        (
            "segmentation.ipynb: the executed Segmentation notebook, for the analyst (open in "
            "JupyterLab)"
        ),
        "segment_lists/core.csv: the full customer list of one segment, for importing into the CRM",
        "plan.json: the plan in machine-readable form, read by the evaluation",
        "FAILED: a marker saying how the run ended, for schedulers",
        "odd.bin: a file of the run",
    ]
