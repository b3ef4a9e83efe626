"""Everything a reader sees: number formats, HTML pieces, chart style, and every word (``labels``).

Modules:
    html: escaped stakeholder tables, callouts, paragraphs, lists and headings.
    charts: the one chart style (theme, CJK font, figure size) every stage's charts use.
    labels: every heading, label and sentence in English and Chinese.
"""

from campaign_eval.report.html import (
    CalloutKind,
    bullet_list,
    callout,
    format_ci,
    format_number,
    format_pct,
    heading,
    paragraph,
    show_table,
)

__all__ = [
    "CalloutKind",
    "bullet_list",
    "callout",
    "format_ci",
    "format_number",
    "format_pct",
    "heading",
    "paragraph",
    "show_table",
]
