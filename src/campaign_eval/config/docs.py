"""Generate ``docs/params.md`` from the params models, so the reference never drifts from code."""

from __future__ import annotations

import inspect
import re
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from campaign_eval.config._errors import _unwrap


def _type_name(annotation: Any) -> str:
    text = getattr(annotation, "__name__", None) or str(annotation)
    return re.sub(r"campaign_eval\.config\.(\w+\.)?|typing\.", "", text)


def _default(field: Any) -> str:
    if field.default is not PydanticUndefined:
        return f"`{field.default!r}`" if field.default is not None else "empty"
    if field.default_factory is not None:
        return "see below" if isinstance(field.default_factory(), BaseModel) else "built in"
    return "**required**"


def _section(model: type[BaseModel], prefix: str, seen: set[type[BaseModel]]) -> list[str]:
    doc = " ".join(inspect.cleandoc(model.__doc__ or "").split())
    lines = [f"## `{prefix}`" if prefix else "## top level", "", doc, ""]
    lines += ["| key | type | default | meaning |", "|---|---|---|---|"]
    nested: list[tuple[type[BaseModel], str]] = []
    for name, field in model.model_fields.items():
        doc = (field.description or "").replace("|", "\\|").replace("\n", " ")
        kind = _type_name(field.annotation).replace("|", "\\|")
        lines.append(f"| `{name}` | {kind} | {_default(field)} | {doc} |")
        inner = _unwrap(field.annotation)
        if inner is not None and inner not in seen:
            seen.add(inner)
            nested.append((inner, f"{prefix}.{name}" if prefix else name))
    lines.append("")
    for inner, path in nested:
        lines += _section(inner, path, seen)
    return lines


def params_markdown() -> str:
    """The params reference as Markdown."""
    from campaign_eval.config import CampaignParams
    from campaign_eval.metrics.catalogue import FEATURES

    lines = [
        "# Params reference",
        "",
        (
            "Generated from `src/campaign_eval/config/` by `campaign-eval docs`; do not edit by "
            "hand. Editors autocomplete params files with `params.schema.json` beside this page."
        ),
        "",
    ]
    lines += _section(CampaignParams, "", {CampaignParams})
    lines += ["## Features for segment rules", "", "| feature | meaning |", "|---|---|"]
    lines += [f"| `{f.name}` | {f.description} |" for f in FEATURES.values()]
    return "\n".join(lines) + "\n"
