"""``outputs/index.html``: every campaign of an outputs folder on one page.

For each campaign: its latest run (and how it ended), and its latest complete run with the run
date, the headline of its answer (the evaluation's when it ran, else the last stage's) and the
return's verdict. The page is rebuilt from what is on disk at the end of every run and batch, so
it never depends on which process wrote it last; writers take a lock and replace the file
atomically, so concurrent runs never leave a half-written page.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from bs4 import BeautifulSoup

from campaign_eval import artifacts
from campaign_eval.artifacts import write_text_atomic
from campaign_eval.report.format import LANGUAGES, Language
from campaign_eval.run import folders
from campaign_eval.run.fonts import embed_font
from campaign_eval.run.index import index_environment, stage_answer
from campaign_eval.run.page import format_when, page_css, words_of

__all__ = ["OUTPUTS_INDEX", "CampaignSummary", "campaign_summaries", "write_outputs_index"]

OUTPUTS_INDEX = "index.html"
"""The page's name, at the top of the outputs folder."""
_LOCK = ".index.lock"
_TEMPLATE = "outputs_index.html.j2"
_ROI_KEYS = {
    "met": "page.roi.met",
    "not_met": "page.roi.not_met",
    "cant_tell": "page.roi.cant_tell",
}


@dataclass(frozen=True)
class CampaignSummary:
    """One campaign as the outputs page shows it.

    Attributes:
        campaign_id: The campaign's id (its folder's name).
        name: The campaign's name.
        language: The language of its latest run.
        latest_run: The latest run's folder name, or None.
        latest_status: ``complete``, ``failed`` or ``running`` (as its manifest says).
        latest_started: When the latest run started (ISO), or None.
        complete_run: The latest complete run's folder name, or None.
        complete_date: The day that run counted as today.
        headline: The headline of that run's answer, or None.
        roi_verdict: ``met``, ``not_met`` or ``cant_tell`` from its evaluation, or None.
    """

    campaign_id: str
    name: str
    language: Language
    latest_run: str | None
    latest_status: str
    latest_started: str | None
    complete_run: str | None
    complete_date: str | None
    headline: str | None
    roi_verdict: str | None


def _manifest(run_dir: Path) -> dict[str, Any]:
    try:
        loaded = json.loads((run_dir / artifacts.MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _runs(campaign_dir: Path) -> list[Path]:
    """The campaign's runs with a manifest, oldest first (run ids sort by their start time)."""
    return sorted(
        p for p in campaign_dir.iterdir() if p.is_dir() and (p / artifacts.MANIFEST).exists()
    )


def _headline(run_dir: Path, manifest: dict[str, Any]) -> str | None:
    """The answer headline of the evaluation's report, else of the last stage that has one."""
    for stage in reversed(manifest.get("stages", [])):
        html = stage.get("html")
        block = stage_answer(run_dir / html) if html else None
        headline = block.select_one(".ce-answer-headline") if block is not None else None
        if headline is not None:
            return headline.get_text(" ", strip=True)
    return None


def _roi_verdict(run_dir: Path) -> str | None:
    try:
        payload = json.loads((run_dir / artifacts.EVALUATION_JSON).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    verdict = (payload.get("roi") or {}).get("verdict")
    return verdict if verdict in _ROI_KEYS else None


def _summary(campaign_dir: Path) -> CampaignSummary | None:
    runs = _runs(campaign_dir)
    if not runs:
        return None
    latest, manifest = runs[-1], _manifest(runs[-1])
    complete = folders.complete_runs(campaign_dir)
    done = complete[-1] if complete else None
    done_manifest = _manifest(done) if done is not None else {}
    language = (manifest.get("params", {}).get("campaign", {}) or {}).get("language", "en")
    return CampaignSummary(
        campaign_id=campaign_dir.name,
        name=str(manifest.get("campaign_name") or campaign_dir.name),
        language=language if language in LANGUAGES else "en",
        latest_run=latest.name,
        latest_status=str(manifest.get("status") or "running"),
        latest_started=manifest.get("started"),
        complete_run=done.name if done is not None else None,
        complete_date=done_manifest.get("today"),
        headline=_headline(done, done_manifest) if done is not None else None,
        roi_verdict=_roi_verdict(done) if done is not None else None,
    )


def campaign_summaries(out_root: Path) -> list[CampaignSummary]:
    """Every campaign of ``out_root`` with a run, the most recently run first."""
    found = [
        s
        for d in sorted(out_root.iterdir())
        if d.is_dir() and not d.name.startswith(".") and (s := _summary(d)) is not None
    ]
    return sorted(found, key=lambda s: s.latest_started or "", reverse=True)


@contextlib.contextmanager
def _locked(out_root: Path) -> Iterator[None]:
    """Hold the outputs folder's index lock (POSIX ``flock``; without it, no lock)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: atomic replacement alone
        yield
        return
    with (out_root / _LOCK).open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def write_outputs_index(out_root: Path) -> Path:
    """Rebuild ``<out_root>/index.html`` from the runs on disk; returns its path.

    The page's own words are in the language of the most recently run campaign.
    """
    path = out_root / OUTPUTS_INDEX
    with _locked(out_root):
        campaigns = campaign_summaries(out_root)
        language: Language = campaigns[0].language if campaigns else "en"
        words = words_of(language)
        rows = [_row(c, words, language) for c in campaigns]
        html = (
            index_environment()
            .get_template(_TEMPLATE)
            .render(
                lang=language,
                page_title=words["campaigns"],
                css=page_css(),
                header={"title": words["campaigns"], "meta": [], "kicker": "", "badge": None},
                words=words,
                campaigns=rows,
            )
        )
        soup = BeautifulSoup(html, "html.parser")
        embed_font(soup, language)
        write_text_atomic(path, str(soup))
    return path


def _row(c: CampaignSummary, words: dict[str, str], language: Language) -> dict[str, Any]:
    from campaign_eval.report.labels import text

    return {
        "name": c.name,
        "id": c.campaign_id,
        "latest_href": f"{c.campaign_id}/{c.latest_run}/{artifacts.RUN_INDEX}"
        if c.latest_run
        else None,
        "latest_status": c.latest_status,
        "latest_word": words.get(f"run_{c.latest_status}", c.latest_status),
        "latest_started": format_when(c.latest_started[:10] if c.latest_started else None, words),
        "complete_href": _run_page(c.campaign_id, c.complete_run),
        "complete_date": format_when(c.complete_date, words),
        "headline": c.headline,
        "roi": text(_ROI_KEYS[c.roi_verdict], language) if c.roi_verdict else None,
    }


def _run_page(campaign_id: str, run: str | None) -> str | None:
    """The link from the outputs page to a run's index page."""
    return None if run is None else quote(f"{campaign_id}/{run}/{artifacts.RUN_INDEX}")
