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


def _default_rules() -> list[str]:
    """The default segment and tier rules in words, in the order they are tried."""
    from campaign_eval.config.segmentation import SegmentationParams, describe
    from campaign_eval.conventions import MAINTAIN, ORDINARY, TIER_RULE_ORDER

    defaults = SegmentationParams()
    lines = [
        "## Default segment and tier rules",
        "",
        (
            "What `segmentation.segments` and `segmentation.tiers` hold when a params file leaves "
            "them out. A customer gets the first segment of `segmentation.precedence` whose rule "
            "holds, else 'maintain'; tiers are tried in the order lost, premium, potential, and "
            "the rest are 'ordinary'. `between` includes its low end and excludes its high end. "
            "The spend percentile ranks only the customers with a purchase in the spend window "
            "(spend rounded to cents, below 0 counted as 0); customers without one have no "
            "percentile, so no percentile rule holds for them."
        ),
        "",
        "| rule of | default |",
        "|---|---|",
    ]
    lines += [f"| segment `{s}` | {describe(defaults.segments[s])} |" for s in defaults.precedence]
    lines.append(f"| segment `{MAINTAIN}` | no segment rule holds |")
    lines += [f"| tier `{t}` | {describe(defaults.tiers[t])} |" for t in TIER_RULE_ORDER]
    lines += [f"| tier `{ORDINARY}` | no tier rule holds |", ""]
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
    lines += _default_rules()
    lines += ["## Features for segment rules", "", "| feature | meaning |", "|---|---|"]
    lines += [f"| `{f.name}` | {f.description} |" for f in FEATURES.values()]
    return "\n".join(lines) + "\n"
