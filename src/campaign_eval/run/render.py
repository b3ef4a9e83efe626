"""Offline HTML for stakeholders: an executed stage notebook becomes its report.

A stage report is rendered in-process by nbconvert's ``HTMLExporter`` with the project template
(``templates/campaign_eval``): no code, no prompts, no script or URL of any kind, so the page opens
instantly without a network. :class:`StakeholderPreprocessor` moves warnings (stderr) to the run's
log and replaces tracebacks with one plain sentence; a table of contents is built from the
rendered headings. The run's index page is ``run.index``.
"""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import nbformat
from bs4 import BeautifulSoup
from markupsafe import Markup
from nbconvert.exporters import HTMLExporter
from nbconvert.preprocessors import Preprocessor
from traitlets import Unicode

from campaign_eval.artifacts import write_text_atomic
from campaign_eval.checks import check_choice as _check_choice
from campaign_eval.report.html import ANSWER_ID
from campaign_eval.report.labels import text
from campaign_eval.run.fonts import embed_font
from campaign_eval.run.page import (
    ANSI_RE,
    LANGUAGES,
    TEMPLATE_NAME,
    TEMPLATES_DIR,
    Language,
    format_when,
    scrub_paths,
    words_of,
)

__all__ = [
    "DROPPED_TAGS",
    "GUIDE_CELL_PREFIX",
    "INDEX_PAGE",
    "ReportHeader",
    "StakeholderPreprocessor",
    "page_links",
    "render_html",
]

INDEX_PAGE = "index.html"
"""The run's index page, beside its stage reports."""


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
        links: (label, relative href) of the run's other pages: its index and the previous and
            next stage (see :func:`page_links`).
    """

    campaign_name: str
    campaign_id: str
    stage_title: str
    run_date: date | str
    data_date: date | str | None
    language: Language
    links: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        _check_choice("language", self.language, LANGUAGES)


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
                log.append(f"[report] {label} stderr:\n{ANSI_RE.sub('', output.get('text', ''))}")
            elif kind == "error":
                traceback = ANSI_RE.sub("", "\n".join(output.get("traceback", [])))
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
                    output["text"] = scrub_paths(output.get("text", ""))
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
    _check_choice("language", language, LANGUAGES)
    if header.language != language:
        msg = f"header.language is {header.language!r} but language is {language!r}"
        raise ValueError(msg)
    words = words_of(language)
    if isinstance(notebook, nbformat.NotebookNode):
        nb = copy.deepcopy(notebook)
    else:
        nb = nbformat.read(Path(notebook), as_version=4)
    nb.metadata["title"] = f"{header.stage_title} \u00b7 {header.campaign_name}"

    exporter = HTMLExporter(
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(TEMPLATES_DIR)],
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
                    (words["run_date"], format_when(header.run_date, words)),
                    (words["data_as_of"], format_when(header.data_date, words)),
                ],
                "links": header.links,
                "links_label": words["links"],
            },
            "chart_alt": words["chart_alt"],
        }
    }
    html, _ = exporter.from_notebook_node(nb, resources=resources)
    soup = BeautifulSoup(html, "html.parser")
    _strip_css_comments(soup)
    _neutralize_links(soup)
    _put_answer_first(soup)
    _add_toc(soup, words["contents"])
    _add_print_header(soup, f"{header.campaign_name} \u00b7 {header.stage_title}")
    embed_font(soup, language)
    path = Path(out_path)
    write_text_atomic(path, str(soup))
    return path


def page_links(
    pages: Sequence[tuple[str, str]], current: str, language: Language
) -> tuple[tuple[str, str], ...]:
    """The links a stage report shows: the run's index, then the previous and the next stage.

    Args:
        pages: (title, href) of every stage report of the run, in stage order.
        current: The href of the page being rendered.
        language: The page language.

    Returns:
        (label, href) pairs for :class:`ReportHeader`.

    Example:
        >>> pages = [("Segmentation", "01.html"), ("Plan", "02.html"), ("Monitoring", "03.html")]
        >>> page_links(pages, "02.html", "en")
        (('Run overview', 'index.html'), ('← Segmentation', '01.html'), ('Monitoring →', '03.html'))
    """
    words = words_of(language)
    links = [(words["run_overview"], INDEX_PAGE)]
    hrefs = [href for _, href in pages]
    at = hrefs.index(current) if current in hrefs else -1
    if at > 0:
        title, href = pages[at - 1]
        links.append((text("page.previous", language, stage=title), href))
    if 0 <= at < len(pages) - 1:
        title, href = pages[at + 1]
        links.append((text("page.next", language, stage=title), href))
    return tuple(links)


def _put_answer_first(soup: BeautifulSoup) -> None:
    """Move the stage's answer block (``section#answer``) right under the page header.

    The notebook shows it in its own cell; wherever that cell is, the reader meets the answer
    before the contents and the sections. Its cell's wrapper is left out of the page.
    """
    block = soup.find("section", id=ANSWER_ID)
    page_header = soup.find("header", class_="ce-header")
    if block is None or page_header is None:
        return
    cell = block.find_parent(class_="jp-Cell")
    page_header.insert_after(block.extract())
    if cell is not None and not cell.get_text(strip=True):
        cell.decompose()


def _add_print_header(soup: BeautifulSoup, title: str) -> None:
    """On paper, every page's top line names the campaign and the report.

    The title goes into a CSS string: every character that is not a letter or digit is written
    as a CSS escape, so no user text can close the string or the style element.
    """
    head = soup.find("head")
    if head is None:
        return
    escaped = "".join(c if c.isalnum() and c.isascii() else f"\\{ord(c):06x}" for c in title)
    style = soup.new_tag("style")
    style.string = (
        f'@page {{ @top-left {{ content: "{escaped}"; font-size: 8pt; color: #52606d; }} }}'
    )
    head.append(style)


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
    folder = soup.new_tag("details")
    summary = soup.new_tag("summary", attrs={"id": "ce-toc-title"})
    summary.string = title
    folder.append(summary)
    nav.append(folder)
    top = soup.new_tag("ol")
    folder.append(top)
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

    first = soup.find("section", id=ANSWER_ID) or soup.find("header", class_="ce-header")
    if first is not None:
        first.insert_after(nav)
    else:
        main.insert_before(nav)
