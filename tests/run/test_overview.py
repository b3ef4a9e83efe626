"""outputs/index.html: every campaign's latest run and latest complete answer, safe to rebuild at once."""

from __future__ import annotations

import json
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from campaign_eval import artifacts
from campaign_eval.report.html import KeyFigure, answer
from campaign_eval.run.overview import OUTPUTS_INDEX, campaign_summaries, write_outputs_index
from tests.run.test_render import EVIL, _soup


def _run(
    root: Path, campaign: str, run_id: str, status: str, *, name: str = "Spring", roi: str | None = None,
    headline: str | None = None, language: str = "en",
) -> Path:  # fmt: skip
    folder = root / campaign / run_id
    folder.mkdir(parents=True)
    stages = []
    if headline is not None:
        block = answer("Did it work?", headline, [KeyFigure("Return", "CN¥2")]).data
        (folder / "04_evaluation.html").write_text(f"<html><body>{block}</body></html>", "utf-8")
        stages.append({"stage": "evaluation", "html": "04_evaluation.html", "status": status})
    manifest = {
        "campaign_id": campaign, "campaign_name": name, "run_id": run_id, "status": status,
        "started": f"{run_id[:4]}-{run_id[4:6]}-{run_id[6:8]}T10:00:00+00:00", "today": "2026-11-30",
        "params": {"campaign": {"language": language}}, "stages": stages,
    }  # fmt: skip
    (folder / artifacts.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    if status == "complete":
        (folder / artifacts.COMPLETE).write_text("COMPLETE\n", encoding="utf-8")
    if roi is not None:
        payload = {"roi": {"verdict": roi}}
        (folder / artifacts.EVALUATION_JSON).write_text(json.dumps(payload), encoding="utf-8")
    return folder


def _outputs(root: Path) -> Path:
    _run(
        root,
        "spring",
        "20261101T100000Z-aaaa",
        "complete",
        roi="met",
        headline="Yes <b>it</b> did.",
    )
    _run(root, "spring", "20261201T100000Z-bbbb", "failed", headline="Never shown")
    _run(root, "autumn", "20261120T100000Z-cccc", "running", name=EVIL)
    return root


def test_each_campaign_shows_its_latest_run_and_its_latest_complete_answer(tmp_path):
    page = write_outputs_index(_outputs(tmp_path))
    assert page == tmp_path / OUTPUTS_INDEX
    soup = _soup(page.read_text(encoding="utf-8"))
    cards = soup.select("li.ce-stage")
    assert [c.select_one(".ce-stage-title").get_text(" ", strip=True) for c in cards] == [
        "Spring spring",  # run most recently first
        f"{EVIL} autumn",
    ]
    spring, autumn = cards
    assert spring.select_one(".ce-badge").get_text() == "FAILED"  # the latest run failed ...
    links = [a["href"] for a in spring.select("a")]
    assert links == [
        "spring/20261201T100000Z-bbbb/index.html",
        "spring/20261101T100000Z-aaaa/index.html",
    ]
    assert (
        spring.select_one(".ce-stage-note").get_text() == "Yes <b>it</b> did."
    )  # ... the answer is the complete one's
    assert "Return: standard met" in spring.get_text(" ", strip=True)
    assert autumn.select_one(".ce-badge").get_text() == "RUNNING"
    assert "No run of this campaign has completed yet." in autumn.get_text()
    assert (
        soup.find("script") is None and soup.find("b") is None and "<script>alert" not in str(soup)
    )


def test_the_page_speaks_the_language_of_the_latest_campaign(tmp_path):
    _run(tmp_path, "q4", "20261203T100000Z-dddd", "complete", name="冬季关怀", language="zh",
         roi="cant_tell", headline="尚无法判断。")  # fmt: skip
    _outputs(tmp_path)
    html = write_outputs_index(tmp_path).read_text(encoding="utf-8")
    soup = _soup(html)
    assert soup.html["lang"] == "zh" and soup.select_one("h1").get_text() == "活动一览"
    assert "投入产出：尚无法判断" in soup.get_text()
    assert "font/woff2" in html  # the page carries its Chinese glyphs


def test_an_empty_or_foreign_folder_gives_an_empty_page(tmp_path):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "readme.txt").write_text("x", encoding="utf-8")
    assert campaign_summaries(tmp_path) == []
    assert _soup(write_outputs_index(tmp_path).read_text(encoding="utf-8")).select("li") == []


def test_concurrent_rebuilds_leave_one_whole_page(tmp_path):
    _outputs(tmp_path)
    with ProcessPoolExecutor(max_workers=4) as pool:
        pages = list(pool.map(write_outputs_index, [tmp_path] * 8))
    assert set(pages) == {tmp_path / OUTPUTS_INDEX}
    soup = _soup((tmp_path / OUTPUTS_INDEX).read_text(encoding="utf-8"))
    assert len(soup.select("li.ce-stage")) == 2 and soup.find("html") is not None
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".") and "tmp" in p.name] == []
