"""What every page a run writes shares: its fixed words, the CSS, safe messages and dates.

Both the stage reports (``run.render``) and the run index (``run.index``) use these, so a
message is cleaned of machine paths one way and a page's fixed words come from one table.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Literal

from markupsafe import Markup

from campaign_eval.report.labels import text

Language = Literal["en", "zh"]
LANGUAGES: tuple[Language, ...] = ("en", "zh")

TEMPLATES_DIR = Path(__file__).parent / "templates"


TEMPLATE_NAME = "campaign_eval"


_CSS_FILE = "report.css"


_PAGE_KEYS = {
    "contents": "page.contents",
    "campaign": "page.campaign",
    "run_date": "page.run_date",
    "data_as_of": "page.data_as_of",
    "run": "page.run",
    "started": "page.started",
    "finished": "page.finished",
    "run_overview": "page.run_overview",
    "links": "page.links",
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
    "campaigns": "page.campaigns",
    "campaigns_intro": "page.campaigns_intro",
    "latest_run": "page.latest_run",
    "latest_complete": "page.latest_complete",
    "no_complete_run": "page.no_complete_run",
    "return_verdict": "page.return_verdict",
}
"""The page's fixed words: the name the templates use -> the label key."""


def words_of(language: Language) -> dict[str, str]:
    """Every fixed word of the page in ``language``."""
    return {name: text(key, language) for name, key in _PAGE_KEYS.items()}


_MAX_MESSAGE_CHARS = 300


# ANSI colour codes in IPython tracebacks and warnings.
ANSI_RE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


# Absolute POSIX paths with at least two parts (/tmp/x, /home/ann/data.csv), home-relative ones
# (~/x) and Windows ones (C:\x, \\server\share). A slash after a letter or digit (km/h, 3/4) is
# not a path.
_PATH_RE = re.compile(
    r"""(?<![\w.~/\\:-])(?:file://)?"""
    r"""(?:~?/[^\s'"<>|,;:()\[\]{}/]+(?:/[^\s'"<>|,;:()\[\]{}/]*)+"""
    r"""|[A-Za-z]:\\[^\s'"<>|,;()\[\]{}]*|\\\\[^\s'"<>|,;()\[\]{}]+)"""
)


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
    plain = ANSI_RE.sub("", str(text))
    first = next((line.strip() for line in plain.splitlines() if line.strip()), "")
    first = scrub_paths(first)
    first = " ".join(first.split())
    if len(first) > _MAX_MESSAGE_CHARS:
        first = first[: _MAX_MESSAGE_CHARS - 1].rstrip() + "\u2026"
    return first


def scrub_paths(text: str) -> str:
    """Replace every absolute path in ``text`` by its last part (the file or folder name)."""

    def last_part(match: re.Match[str]) -> str:
        path = match.group(0).removeprefix("file://")
        name = PureWindowsPath(path).name if "\\" in path else PurePosixPath(path).name
        return name or "\u2026"

    return _PATH_RE.sub(last_part, text)


def format_when(value: date | str | None, words: dict[str, str]) -> str:
    """A date or time as the page header shows it; "n/a" in the page's language when unknown."""
    if value is None or value == "":
        return words["n/a"]
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M %Z" if value.tzinfo else "%Y-%m-%d %H:%M").strip()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def page_css() -> Markup:
    """The report CSS, inlined into the page (it is our own file, not user text)."""
    return Markup((TEMPLATES_DIR / TEMPLATE_NAME / _CSS_FILE).read_text(encoding="utf-8"))  # noqa: S704
