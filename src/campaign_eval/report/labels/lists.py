"""Words of the customer lists' notes: what a workbook sheet holds and where the full list is.

Used by the segmentation's and the plan's exports (the line above each sheet's table) and their
reports (the sentence naming the files). ``{files}`` is a list of file names, ``{count}`` and
``{shown}`` are formatted counts, ``{order}`` one of the ``lists.order_*`` labels.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "lists.sep": {"en": ", ", "zh": "、"},
    # how a list is ordered (the sheet keeps the first rows of this order)
    "lists.order_spend": {"en": "biggest spend first", "zh": "按消费额从高到低"},
    "lists.order_contact": {"en": "customers to contact first", "zh": "需联系的客户在前"},
    # the line above a sheet's table
    "lists.sheet_all": {
        "en": "All {count} customers of {segment}. The same list is in {files}.",
        "zh": "{segment}的全部 {count} 位客户。同一名单另见 {files}。",
    },
    "lists.sheet_capped": {
        "en": "Only the first {shown} of {count} customers of {segment} ({order}). The full list is in {files}.",
        "zh": "仅含{segment} {count} 位客户中的前 {shown} 位（{order}）。完整名单见 {files}。",
    },
    # the report: the files of a segment's list, when its sheet holds only the first rows
    "lists.files_capped": {
        "en": "{files}; {workbook} holds only the first {shown} ({order}), the full list is in the CSV and Parquet files",
        "zh": "{files}；{workbook} 仅含前 {shown} 位（{order}），完整名单见 CSV 与 Parquet 文件",
    },
    # the plan's report: where the full contact lists are
    "lists.target_files": {
        "en": "{folder}/: the full contact list of each targeted segment as CSV and Parquet files ({files}); {workbook} holds at most {shown} customers a sheet.",
        "zh": "{folder}/：各目标客户群的完整联系名单，CSV 与 Parquet 格式（{files}）；{workbook} 每个工作表最多 {shown} 位客户。",
    },
    "lists.target_capped": {
        "en": "{segment}: the sheet of {workbook} holds only the first {shown} of {count} customers ({order}); the full list is in {files}.",
        "zh": "{segment}：{workbook} 中的工作表仅含 {count} 位客户中的前 {shown} 位（{order}）；完整名单见 {files}。",
    },
}
