"""Offline HTML for stakeholders: executed notebooks to stage reports, and the run's index page.

A stage report is rendered in-process by nbconvert's ``HTMLExporter`` with the project template
(``templates/campaign_eval``): no code, no prompts, no script or URL of any kind, so the page opens
instantly without a network. :class:`StakeholderPreprocessor` moves warnings (stderr) to the run's
log and replaces tracebacks with one plain sentence; a table of contents is built from the
rendered headings. The run index is a small standalone page with the same header and CSS.
"""

from __future__ import annotations

import copy
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any, Literal
from urllib.parse import quote

import jinja2
import nbformat
from bs4 import BeautifulSoup
from markupsafe import Markup
from nbconvert.exporters import HTMLExporter
from nbconvert.preprocessors import Preprocessor
from traitlets import Unicode

from campaign_eval.checks import check_choice as _check_choice
from campaign_eval.report.labels import text

__all__ = [
    "IndexInfo",
    "ReportHeader",
    "StageInfo",
    "StakeholderPreprocessor",
    "render_html",
    "render_index",
    "sanitize_message",
]

Language = Literal["en", "zh"]
StageStatus = Literal["complete", "failed", "skipped", "running", "pending"]
RunStatus = Literal["complete", "failed", "running"]

_LANGUAGES: tuple[Language, ...] = ("en", "zh")
_STAGE_STATUSES: tuple[StageStatus, ...] = ("complete", "failed", "skipped", "running", "pending")

_TEMPLATES_DIR = Path(__file__).parent / "templates"
_TEMPLATE_NAME = "campaign_eval"
_CSS_FILE = "report.css"
_INDEX_TEMPLATE = "run_index.html.j2"

_PAGE_KEYS = {
    "contents": "page.contents",
    "campaign": "page.campaign",
    "run_date": "page.run_date",
    "data_as_of": "page.data_as_of",
    "run": "page.run",
    "started": "page.started",
    "finished": "page.finished",
    "run_overview": "page.run_overview",
    "stages": "page.stages",
    "duration": "page.duration",
    "colon": "page.colon",
    "open_report": "page.open_report",
    "artifacts": "page.artifacts",
    "notes": "page.notes",
    "n/a": "page.n_a",
    "chart_alt": "page.chart_alt",
    "notice": "page.notice",
    "failed_at": "page.failed_at",
    "failed_without_cell": "page.failed_without_cell",
    "status_complete": "page.status_complete",
    "status_failed": "page.status_failed",
    "status_skipped": "page.status_skipped",
    "status_running": "page.status_running",
    "status_pending": "page.status_pending",
    "run_complete": "page.run_complete",
    "run_failed": "page.run_failed",
    "run_running": "page.run_running",
    "seconds": "page.seconds",
    "minutes": "page.minutes",
    "hours": "page.hours",
}
"""The page's fixed words: the name the templates use -> the label key."""


def _words(language: Language) -> dict[str, str]:
    """Every fixed word of the page in ``language``."""
    return {name: text(key, language) for name, key in _PAGE_KEYS.items()}


_MAX_MESSAGE_CHARS = 300
_SECONDS_PER_MINUTE = 60
_SECONDS_PER_HOUR = 3600
# ANSI colour codes in IPython tracebacks and warnings.
_ANSI_RE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# Absolute POSIX paths with at least two parts (/tmp/x, /home/ann/data.csv), home-relative ones
# (~/x) and Windows ones (C:\x, \\server\share). A slash after a letter or digit (km/h, 3/4) is
# not a path.
_PATH_RE = re.compile(
    r"""(?<![\w.~/\\:-])(?:file://)?"""
    r"""(?:~?/[^\s'"<>|,;:()\[\]{}/]+(?:/[^\s'"<>|,;:()\[\]{}/]*)+"""
    r"""|[A-Za-z]:\\[^\s'"<>|,;()\[\]{}]*|\\\\[^\s'"<>|,;()\[\]{}]+)"""
)
# Reprs of objects that have no display form: a cell that ends in ``ax.legend()`` shows
# ``<matplotlib.legend.Legend at 0x7f...>``, one that ends in ``ax.set_title(...)``
# shows ``Text(...)``.
_OBJECT_REPR_RE = re.compile(
    r"^\s*\[?\s*(?:<[\w.]+(?: object)? at 0x[0-9a-fA-F]+>|<Figure size [^>]*>|Text\(.*\))",
    re.DOTALL,
)
_CSS_COMMENT_RE = re.compile(r"/\*.*?\*/", re.DOTALL)
_PAPERMILL_ERROR_TAG = "papermill-error-cell-tag"
#: Cells with one of these tags are for the analyst working in JupyterLab, never for the report.
DROPPED_TAGS = frozenset({"analyst-note", "remove-cell"})
#: The guide cells the shipped notebooks carry (what a section shows, where to change it) have
#: ids with this prefix; they are for the analyst. Cells an analyst adds get other ids and show.
GUIDE_CELL_PREFIX = "guide-"
_PAPERMILL_ERROR_TEXTS = ("An Exception was encountered at", 'id="papermill-error-cell"')


def sanitize_message(text: object) -> str:
    r"""Make an error message safe to show a stakeholder: one short line, no machine paths.

    Keeps the first non-blank line, drops ANSI colour codes, replaces each absolute path by its
    file name and cuts the result to 300 characters.

    Args:
        text: An exception message or any text (None gives "").

    Returns:
        The cleaned line.

    Example:
        >>> sanitize_message("No such file: '/home/ann/data/orders.csv'\nTraceback ...")
        "No such file: 'orders.csv'"
    """
    if text is None:
        return ""
    plain = _ANSI_RE.sub("", str(text))
    first = next((line.strip() for line in plain.splitlines() if line.strip()), "")
    first = _scrub_paths(first)
    first = " ".join(first.split())
    if len(first) > _MAX_MESSAGE_CHARS:
        first = first[: _MAX_MESSAGE_CHARS - 1].rstrip() + "\u2026"
    return first


def _scrub_paths(text: str) -> str:
    """Replace every absolute path in ``text`` by its last part (the file or folder name)."""

    def last_part(match: re.Match[str]) -> str:
        path = match.group(0).removeprefix("file://")
        name = PureWindowsPath(path).name if "\\" in path else PurePosixPath(path).name
        return name or "\u2026"

    return _PATH_RE.sub(last_part, text)


# ---------------------------------------------------------------------------------------------
# Stage reports


@dataclass(frozen=True, slots=True)
class ReportHeader:
    """What the header of a stage report shows. All text is escaped when rendered.

    Attributes:
        campaign_name: The campaign's name as the planner wrote it.
        campaign_id: The campaign's id.
        stage_title: The report's title, e.g. "Segmentation".
        run_date: When the run happened (a date, a datetime, or text shown as is).
        data_date: The newest event in the data, or None when unknown.
        language: ``"en"`` or ``"zh"``; must match the language the report is rendered in.
    """

    campaign_name: str
    campaign_id: str
    stage_title: str
    run_date: date | str
    data_date: date | str | None
    language: Language

    def __post_init__(self) -> None:
        _check_choice("language", self.language, _LANGUAGES)


class StakeholderPreprocessor(Preprocessor):
    """Remove what a stakeholder must not see, keeping the run log complete.

    - ``stderr`` streams (warnings, which carry machine paths) go to ``log_path``;
    - ``error`` outputs (tracebacks) go to ``log_path`` and are replaced by one plain sentence
      (``notice``); so is a cell papermill marked as failed without an error output;
    - papermill's error marker cells and cells tagged with one of :data:`DROPPED_TAGS`
      (``analyst-note``) are dropped;
    - reprs of objects without a display form (``<... at 0x...>``, ``Text(...)``) are dropped and
      logged; absolute paths in printed text are cut to their file name;
    - code cells left without output are dropped, so they leave no empty space.
    """

    log_path = Unicode(None, allow_none=True, help="File the removed text is appended to.").tag(
        config=True
    )
    notice = Unicode(text("page.notice", "en"), help="The sentence shown where a cell failed.").tag(
        config=True
    )

    def preprocess(self, nb: Any, resources: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        """Clean every cell of ``nb`` (see the class docstring); append removed text to the log."""
        log: list[str] = []
        cells: list[Any] = []
        notices = 0
        marker_at: int | None = None
        for index, cell in enumerate(nb.cells):
            if DROPPED_TAGS.intersection(cell.get("metadata", {}).get("tags", [])):
                continue
            if _is_guide_cell(cell):
                continue
            if _is_papermill_error_cell(cell):
                # The anchor marker sits just before the failing cell; prefer it to the top one.
                if marker_at is None or 'id="papermill-error-cell"' in cell.source:
                    marker_at = len(cells)
                continue
            if cell.cell_type == "markdown":
                # An analyst's markdown shows as written: raw HTML in it is text, not markup.
                cell.source = cell.source.replace("<", "&lt;")
            if cell.cell_type == "code":
                notices += self._clean_outputs(cell, index, log)
                if not cell.outputs:
                    continue
            cells.append(cell)
        if marker_at is not None and notices == 0:
            cell = nbformat.v4.new_code_cell(outputs=[self._notice_output()])
            cells.insert(marker_at, cell)
        nb.cells = cells
        self._append_to_log(log)
        return nb, resources

    def _append_to_log(self, lines: list[str]) -> None:
        if lines and self.log_path:
            path = Path(self.log_path)
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("a", encoding="utf-8") as handle:
                handle.write("\n".join(lines) + "\n")

    def _clean_outputs(self, cell: Any, index: int, log: list[str]) -> int:
        """Clean one code cell's outputs in place; return 1 when a notice was added, else 0."""
        label = f"cell {index}" + (
            f" (execution {cell.execution_count})" if cell.get("execution_count") else ""
        )
        kept = []
        failed = bool(cell.get("metadata", {}).get("papermill", {}).get("exception"))
        for output in cell.get("outputs", []):
            kind = output.get("output_type")
            if kind == "stream" and output.get("name") == "stderr":
                log.append(f"[report] {label} stderr:\n{_ANSI_RE.sub('', output.get('text', ''))}")
            elif kind == "error":
                traceback = _ANSI_RE.sub("", "\n".join(output.get("traceback", [])))
                log.append(
                    f"[report] {label} error {output.get('ename')}: {output.get('evalue')}\n"
                    f"{traceback}"
                )
                # sys.exit() or sys.exit(0) stops a notebook on purpose (papermill ignores it).
                failed = failed or not (
                    output.get("ename") == "SystemExit" and output.get("evalue") in {"", "0"}
                )
            elif kind in {"execute_result", "display_data"} and _is_object_repr(output):
                log.append(f"[report] {label} dropped: {output['data']['text/plain']}")
            else:
                if kind == "stream":
                    output["text"] = _scrub_paths(output.get("text", ""))
                kept.append(output)
        if failed:
            kept.append(self._notice_output())
        cell.outputs = kept
        return int(failed)

    def _notice_output(self) -> Any:
        html = Markup('<div class="ce-notice" role="alert">{}</div>').format(self.notice)
        return nbformat.v4.new_output(
            "display_data", data={"text/html": str(html), "text/plain": self.notice}
        )


def _is_guide_cell(cell: Any) -> bool:
    """A shipped notebook's guide for the analyst (see ``GUIDE_CELL_PREFIX``)."""
    return cell.get("cell_type") == "markdown" and str(cell.get("id", "")).startswith(
        GUIDE_CELL_PREFIX
    )


def _is_papermill_error_cell(cell: Any) -> bool:
    if _PAPERMILL_ERROR_TAG in cell.get("metadata", {}).get("tags", []):
        return True
    source = cell.get("source", "")
    return cell.get("cell_type") == "markdown" and any(t in source for t in _PAPERMILL_ERROR_TEXTS)


def _is_object_repr(output: Any) -> bool:
    data = output.get("data", {})
    return set(data) == {"text/plain"} and bool(_OBJECT_REPR_RE.match(data["text/plain"]))


def render_html(
    notebook: nbformat.NotebookNode | str | os.PathLike[str],
    out_path: str | os.PathLike[str],
    *,
    language: Language,
    header: ReportHeader,
    log_path: str | os.PathLike[str] | None = None,
) -> Path:
    """Render an executed notebook as a stakeholder report: offline, code-free, with a TOC.

    Args:
        notebook: An executed notebook, or the path of one (``.ipynb``).
        out_path: The HTML file to write; replaced atomically.
        language: ``"en"`` or ``"zh"``: the page language and its fixed words.
        header: What the page header shows.
        log_path: The run's log; warnings and tracebacks removed from the page are appended to
            it. None drops them.

    Returns:
        ``out_path`` as a Path.

    Raises:
        ValueError: When ``language`` is unknown or differs from ``header.language``.
    """
    _check_choice("language", language, _LANGUAGES)
    if header.language != language:
        msg = f"header.language is {header.language!r} but language is {language!r}"
        raise ValueError(msg)
    words = _words(language)
    if isinstance(notebook, nbformat.NotebookNode):
        nb = copy.deepcopy(notebook)
    else:
        nb = nbformat.read(Path(notebook), as_version=4)
    nb.metadata["title"] = f"{header.stage_title} \u00b7 {header.campaign_name}"

    exporter = HTMLExporter(
        template_name=_TEMPLATE_NAME,
        extra_template_basedirs=[str(_TEMPLATES_DIR)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        exclude_raw=True,
        language_code=language,
    )
    exporter.register_preprocessor(
        StakeholderPreprocessor(
            log_path=None if log_path is None else str(log_path), notice=words["notice"]
        ),
        enabled=True,
    )
    resources = {
        "campaign_eval": {
            "header": {
                "kicker": f"{header.campaign_name} \u00b7 {header.campaign_id}",
                "title": header.stage_title,
                "meta": [
                    (words["run_date"], _format_when(header.run_date, words)),
                    (words["data_as_of"], _format_when(header.data_date, words)),
                ],
            },
            "chart_alt": words["chart_alt"],
        }
    }
    html, _ = exporter.from_notebook_node(nb, resources=resources)
    soup = BeautifulSoup(html, "html.parser")
    _strip_css_comments(soup)
    _neutralize_links(soup)
    _add_toc(soup, words["contents"])
    return _write_atomically(Path(out_path), str(soup))


def _neutralize_links(soup: BeautifulSoup) -> None:
    """Keep the page offline and inert whatever an analyst's markdown links to.

    An image from anywhere but the page itself would load from the internet: it is replaced by
    its alt text. A link that runs code (``javascript:``, ``data:``) loses its target.
    """
    for image in soup.find_all("img"):
        if not str(image.get("src", "")).startswith("data:"):
            image.replace_with(str(image.get("alt", "")))
    for link in soup.find_all("a", href=True):
        if str(link["href"]).strip().lower().startswith(("javascript:", "data:", "vbscript:")):
            del link["href"]


def _strip_css_comments(soup: BeautifulSoup) -> None:
    """Drop the comments of the inlined CSS: they only add weight (and credit URLs)."""
    for style in soup.find_all("style"):
        if style.string:
            style.string = _CSS_COMMENT_RE.sub("", style.string)


def _add_toc(soup: BeautifulSoup, title: str) -> None:
    """Insert a table of contents of the h2/h3 headings under the page header."""
    main = soup.find("main")
    if main is None:
        return
    for link in main.select("a.anchor-link"):
        link.decompose()
    headings = main.find_all(["h2", "h3"])
    if not headings:
        return

    nav = soup.new_tag("nav", attrs={"class": "ce-toc", "aria-labelledby": "ce-toc-title"})
    heading = soup.new_tag("h2", attrs={"class": "ce-toc-title", "id": "ce-toc-title"})
    heading.string = title
    nav.append(heading)
    top = soup.new_tag("ol")
    nav.append(top)
    seen: set[str] = {"ce-toc-title"}
    current_sub = None
    last_item = None
    for number, element in enumerate(headings, start=1):
        text = element.get_text(" ", strip=True)
        if not text:
            continue
        anchor = str(element.get("id") or f"section-{number}")
        while anchor in seen:  # the same heading twice: keep both reachable
            anchor = f"{anchor}-{number}"
        seen.add(anchor)
        element["id"] = anchor
        item = soup.new_tag("li")
        link = soup.new_tag("a", href=f"#{anchor}")
        link.string = text
        item.append(link)
        if element.name == "h3" and last_item is not None:
            if current_sub is None:
                current_sub = soup.new_tag("ol")
                last_item.append(current_sub)
            current_sub.append(item)
        else:
            top.append(item)
            last_item, current_sub = item, None

    page_header = soup.find("header", class_="ce-header")
    if page_header is not None:
        page_header.insert_after(nav)
    else:
        main.insert_before(nav)


def _format_when(value: date | str | None, words: dict[str, str]) -> str:
    if value is None or value == "":
        return words["n/a"]
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M %Z" if value.tzinfo else "%Y-%m-%d %H:%M").strip()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _write_atomically(path: Path, text: str) -> Path:
    """Write ``text`` to a temporary file beside ``path``, then rename it over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed before the rename below
        "w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
    )
    try:
        with handle:
            handle.write(text)
        Path(handle.name).chmod(0o644)
        Path(handle.name).replace(path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    return path


# ---------------------------------------------------------------------------------------------
# Run index


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
        _check_choice("language", self.language, _LANGUAGES)
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
    words = _words(run.language)
    status = run.status
    header = {
        "kicker": f"{run.campaign_name} \u00b7 {run.campaign_id}",
        "title": words["run_overview"],
        "badge": words[f"run_{status}"],
        "badge_kind": status,
        "meta": [
            (words["run"], run.run_id),
            (words["started"], _format_when(run.started, words)),
            (words["finished"], _format_when(run.finished, words)),
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
    artifacts = [{"href": _href(path), "label": path} for path in run.artifacts]
    html = (
        _index_environment()
        .get_template(_INDEX_TEMPLATE)
        .render(
            lang=run.language,
            page_title=f"{words['run_overview']} \u00b7 {run.campaign_name}",
            css=_css(),
            header=header,
            words=words,
            stages=stages,
            artifacts=artifacts,
            notes=list(run.notes),
        )
    )
    return _write_atomically(Path(out_path), html)


def _css() -> Markup:
    """The report CSS, inlined into the page (it is our own file, not user text)."""
    return Markup((_TEMPLATES_DIR / _TEMPLATE_NAME / _CSS_FILE).read_text(encoding="utf-8"))  # noqa: S704


def _index_environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(_TEMPLATES_DIR / _TEMPLATE_NAME),
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
