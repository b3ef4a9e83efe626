"""Turn pydantic validation errors into messages that name the file, the key path and the fix."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from typing import Any, get_args

from pydantic import BaseModel, ValidationError


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """Return ``"; did you mean 'x'?"`` for the closest candidate, or ``""``."""
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def check_known(kind: str, value: str, known: Iterable[str]) -> str:
    """Return ``value`` when it is one of ``known``; else raise naming the choices and the closest.

    Raises:
        ValueError: ``unknown <kind> '<value>'; did you mean '<x>'?. <Kind>s: a, b, c``.
    """
    choices = list(known)
    if value not in choices:
        raise ValueError(
            f"unknown {kind} '{value}'{did_you_mean(value, choices)}. "
            f"{kind.capitalize()}s: {', '.join(choices)}"
        )
    return value


def _model_at(model: type[BaseModel], loc: Sequence[Any]) -> type[BaseModel] | None:
    """Walk ``loc`` through nested model fields; None when it leaves the models."""
    current: Any = model
    for part in loc:
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        if isinstance(part, int):
            continue  # a list index: the list's item model is already ``current``
        field = current.model_fields.get(str(part))
        if field is None:
            return None
        current = _unwrap(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """Find the model inside ``X | None``, ``list[X]`` or ``dict[str, X]``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _unwrap(arg)
        if found is not None:
            return found
    return None


def _suggested_missing(errors: list[Any], model: type[BaseModel]) -> set[tuple[Any, ...]]:
    """Missing keys that a misspelt unknown key at the same level already points to."""
    suggested = set()
    for err in errors:
        if err["type"] != "extra_forbidden":
            continue
        loc = tuple(err["loc"])
        parent = _model_at(model, loc[:-1])
        close = difflib.get_close_matches(
            str(loc[-1]), list(parent.model_fields) if parent else [], n=1
        )
        if close:
            suggested.add((*loc[:-1], close[0]))
    return suggested


def format_errors(source: str, error: ValidationError, model: type[BaseModel]) -> list[str]:
    """One readable line per validation error.

    Args:
        source: The params file, as the user named it.
        error: The pydantic error.
        model: The root params model.

    Returns:
        Lines like ``params/x.yaml: campaign.strat: unknown key; did you mean 'start'?``.
    """
    errors = error.errors()
    suggested = _suggested_missing(errors, model)
    lines = []
    for err in errors:
        loc = [p for p in err["loc"] if not isinstance(p, str) or not p.startswith("function-")]
        path = ".".join(str(p) for p in loc) or "(top level)"
        kind = err["type"]
        if kind == "extra_forbidden":
            parent = _model_at(model, loc[:-1])
            allowed = list(parent.model_fields) if parent else []
            hint = did_you_mean(str(loc[-1]), allowed)
            allowed_txt = f" Allowed keys here: {', '.join(allowed)}." if allowed else ""
            lines.append(f"{source}: {path}: unknown key{hint or '.'}{allowed_txt}")
        elif kind == "missing" and tuple(loc) in suggested:
            continue  # the unknown key's "did you mean" already names it
        elif kind == "missing":
            lines.append(f"{source}: {path}: required key is missing; add it to the file.")
        elif kind == "value_error":
            msg = str(err["msg"]).removeprefix("Value error, ")
            top = path == "(top level)"  # a whole-file rule: its message names its own keys
            lines.append(
                f"{source}: {msg}" if top or msg.startswith(path) else f"{source}: {path}: {msg}"
            )
        else:
            got = err.get("input")
            got_txt = f", got {got!r}" if not isinstance(got, dict | list) else ""
            lines.append(f"{source}: {path}: {err['msg']}{got_txt}.")
    return lines
