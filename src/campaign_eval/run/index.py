"""The run's index page: each stage's answer, status and report, the run's files and notes.

Each stage's answer block is taken from its rendered report (``section#answer``), so the index
says what every stage found without repeating a word of its wording; each file gets one line
saying what it is and who it is for.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Literal
from urllib.parse import quote

import jinja2
from bs4 import BeautifulSoup, Tag
from markupsafe import Markup

from campaign_eval import artifacts as names
from campaign_eval.artifacts import write_text_atomic
from campaign_eval.checks import check_choice as _check_choice
from campaign_eval.report.html import ANSWER_ID
from campaign_eval.report.labels import text
from campaign_eval.run.fonts import embed_font
from campaign_eval.run.page import (
    LANGUAGES,
    TEMPLATE_NAME,
    TEMPLATES_DIR,
    Language,
    format_when,
    page_css,
    sanitize_message,
    words_of,
)

StageStatus = Literal["complete", "failed", "skipped", "running", "pending"]
RunStatus = Literal["complete", "failed", "running"]
_STAGE_STATUSES: tuple[StageStatus, ...] = ("complete", "failed", "skipped", "running", "pending")

_INDEX_TEMPLATE = "run_index.html.j2"

_FILE_KEYS = {
    names.SEGMENTS: "page.file.segments",
    names.SEGMENT_LISTS_XLSX: "page.file.segment_lists",
    names.ASSIGNMENT: "page.file.assignment",
    names.ASSIGNMENT_CSV: "page.file.assignment",
    names.TARGET_LISTS: "page.file.target_lists",
    names.PLAN_XLSX: "page.file.plan_xlsx",
    names.PLAN_JSON: "page.file.plan_json",
    names.MONITORING_JSON: "page.file.monitoring_json",
    names.CONTAMINATION_CSV: "page.file.contamination",
    names.FUNNEL_CSV: "page.file.funnel_counts",
    names.EVALUATION_JSON: "page.file.evaluation_json",
    names.EVALUATION_EFFECTS_CSV: "page.file.evaluation_effects",
    names.MANIFEST: "page.file.manifest",
    names.RUN_LOG: "page.file.run_log",
    names.COMPLETE: "page.file.marker",
    names.FAILED: "page.file.marker",
}
"""What each file of a run is and who it is for (a stage's report and notebook are named apart)."""


_SECONDS_PER_MINUTE = 60


_SECONDS_PER_HOUR = 3600


@dataclass(frozen=True, slots=True)
class StageInfo:
    """One stage of a run, as the index lists it.

    Attributes:
        name: Machine name of the stage, e.g. ``"segmentation"``.
        title: Human title, e.g. "Segmentation".
        status: ``"complete"``, ``"failed"``, ``"skipped"``, ``"running"`` or ``"pending"``.
        duration_s: Wall time in seconds, or None when it did not run.
        html: Path of the stage report relative to the index, or None when there is none.
        error_cell: For a failed stage, the number of the failing cell.
        error_name: For a failed stage, the exception name, e.g. ``"KeyError"``.
        error_message: For a failed stage, the exception message; only its first line is shown,
            without paths (see :func:`sanitize_message`).
        note: Optional one-line remark, e.g. why a stage was skipped.
    """

    name: str
    title: str
    status: StageStatus
    duration_s: float | None = None
    html: str | None = None
    error_cell: int | None = None
    error_name: str | None = None
    error_message: str | None = None
    note: str | None = None

    def __post_init__(self) -> None:
        _check_choice("status", self.status, _STAGE_STATUSES)
        if self.html is not None:
            _check_relative("html", self.html)


@dataclass(frozen=True, slots=True)
class IndexInfo:
    """Everything the run's ``index.html`` shows.

    Attributes:
        campaign_id: The campaign's id.
        campaign_name: The campaign's name.
        run_id: The run's id (also its folder name).
        started: When the run started.
        finished: When it finished, or None while it runs.
        language: ``"en"`` or ``"zh"``.
        stages: The stages in run order.
        artifacts: Files of the run to link, as paths relative to the index.
        notes: Free one-line remarks shown at the end.
        failed: Whether the run failed outside any stage (e.g. its inputs were rejected).
    """

    campaign_id: str
    campaign_name: str
    run_id: str
    started: datetime
    finished: datetime | None
    language: Language
    stages: tuple[StageInfo, ...] = ()
    artifacts: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    failed: bool = False

    def __post_init__(self) -> None:
        _check_choice("language", self.language, LANGUAGES)
        # Accept lists for convenience; store tuples so the record stays immutable.
        object.__setattr__(self, "stages", tuple(self.stages))
        object.__setattr__(self, "artifacts", tuple(self.artifacts))
        object.__setattr__(self, "notes", tuple(self.notes))
        for artifact in self.artifacts:
            _check_relative("artifacts", artifact)

    @property
    def status(self) -> RunStatus:
        """``"failed"`` if the run or a stage failed, else ``"running"`` until finished."""
        if self.failed or any(stage.status == "failed" for stage in self.stages):
            return "failed"
        return "running" if self.finished is None else "complete"


def _check_relative(name: str, path: str) -> None:
    if (
        not path
        or "://" in path
        or path.startswith(("/", "\\", "~"))
        or PureWindowsPath(path).is_absolute()
        or PureWindowsPath(path).drive
    ):
        msg = f"{name} must be a path relative to the run folder, got {path!r}"
        raise ValueError(msg)


def render_index(run: IndexInfo, out_path: str | os.PathLike[str]) -> Path:
    """Write the run's ``index.html``: status, stages, links to reports and files.

    Args:
        run: What to show.
        out_path: The HTML file to write; replaced atomically.

    Returns:
        ``out_path`` as a Path.
    """
    words = words_of(run.language)
    status = run.status
    header = {
        "kicker": f"{run.campaign_name} \u00b7 {run.campaign_id}",
        "title": words["run_overview"],
        "badge": words[f"run_{status}"],
        "badge_kind": status,
        "meta": [
            (words["run"], run.run_id),
            (words["started"], format_when(run.started, words)),
            (words["finished"], format_when(run.finished, words)),
        ],
    }
    stages = [
        {
            "title": stage.title,
            "status": stage.status,
            "status_word": words[f"status_{stage.status}"],
            "duration": _format_duration(stage.duration_s, words),
            "href": None if stage.html is None else _href(stage.html),
            "error": _stage_error(stage, words),
            "note": sanitize_message(stage.note) if stage.note else None,
        }
        for stage in run.stages
    ]
    path = Path(out_path)
    for stage, shown in zip(run.stages, stages, strict=True):
        shown["answer"] = _stage_answer(path.parent, stage.html)
    artifacts = [
        {"href": _href(p), "label": p, "about": _describe(p, run.stages, run.language)}
        for p in run.artifacts
    ]
    html = (
        index_environment()
        .get_template(_INDEX_TEMPLATE)
        .render(
            lang=run.language,
            page_title=f"{words['run_overview']} \u00b7 {run.campaign_name}",
            css=page_css(),
            header=header,
            words=words,
            stages=stages,
            artifacts=artifacts,
            notes=list(run.notes),
        )
    )
    soup = BeautifulSoup(html, "html.parser")
    embed_font(soup, run.language)
    write_text_atomic(path, str(soup))
    return path


def stage_answer(report: Path) -> Tag | None:
    """The answer block of a rendered stage report, or None when it has none (or is unreadable)."""
    try:
        page = BeautifulSoup(report.read_text(encoding="utf-8"), "html.parser")
    except (OSError, UnicodeDecodeError):
        return None
    return page.find("section", id=ANSWER_ID)


def _stage_answer(folder: Path, html: str | None) -> Markup | None:
    """A stage's answer block for the index: our own rendered markup, its ids dropped."""
    if html is None:
        return None
    block = stage_answer(folder / html)
    if block is None:
        return None
    del block["id"]
    for element in block.find_all(id=True):
        del element["id"]
    block.name = "div"
    return Markup(str(block))  # noqa: S704 - an element of the report this run rendered


def _describe(path: str, stages: tuple[StageInfo, ...], language: Language) -> str:
    """What the file at ``path`` (relative to the run) is and who it is for."""
    name = PurePosixPath(path.replace("\\", "/"))
    for stage in stages:
        if stage.html is not None and name.stem == PurePosixPath(stage.html).stem:
            key = "page.file.report" if name.suffix == ".html" else "page.file.notebook"
            return text(key, language, stage=stage.title)
    if name.parent.name == names.SEGMENT_LISTS_DIR:
        return text("page.file.segment_list", language)
    return text(_FILE_KEYS.get(name.name, "page.file.other"), language)


def index_environment() -> jinja2.Environment:
    """The Jinja environment of the run's pages (autoescape on, undefined names are errors)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR / TEMPLATE_NAME),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def _href(path: str) -> str:
    return quote(path.replace("\\", "/"), safe="/")


def _stage_error(stage: StageInfo, words: dict[str, str]) -> str | None:
    if stage.status != "failed":
        return None
    name = sanitize_message(stage.error_name) or "Error"
    message = sanitize_message(stage.error_message)
    if stage.error_cell is None:
        text = words["failed_without_cell"].format(name=name, message=message)
    else:
        text = words["failed_at"].format(cell=stage.error_cell, name=name, message=message)
    return text.rstrip(": \uff1a")


def _format_duration(seconds: float | None, words: dict[str, str]) -> str:
    if seconds is None:
        return "\u2014"
    if seconds < _SECONDS_PER_MINUTE:
        return words["seconds"].format(s=f"{seconds:.1f}")
    whole = round(seconds)
    if whole < _SECONDS_PER_HOUR:
        return words["minutes"].format(
            m=whole // _SECONDS_PER_MINUTE, s=whole % _SECONDS_PER_MINUTE
        )
    minutes = whole // _SECONDS_PER_MINUTE
    return words["hours"].format(h=minutes // 60, m=minutes % 60)
