"""The strict pydantic base every params model derives from."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict


class StrictModel(BaseModel):
    """A params section: unknown keys are errors, values are never coerced from code."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


def _iso_date(value: Any) -> Any:
    """Accept a date or ISO text only: pydantic would read a bare number as a Unix timestamp."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"expected an ISO date YYYY-MM-DD, got {value!r}") from None


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
"""A date in a params file: YYYY-MM-DD (YAML dates and ISO text alike)."""


NOTE_MAX_CHARS = 2000
"""The longest free text a params file may give for one note (2,000 characters)."""


def _short_note(value: str) -> str:
    """Refuse a note longer than ``NOTE_MAX_CHARS``, naming it by its first words."""
    if len(value) > NOTE_MAX_CHARS:
        start = " ".join(value[:40].split())
        raise ValueError(
            f"the note starting '{start}…' is {len(value):,} characters long; a note may have at "
            f"most {NOTE_MAX_CHARS:,}. Shorten it, or keep the long text in a document and write "
            "where it is"
        )
    return value


Note = Annotated[str, AfterValidator(_short_note)]
"""Free text an analyst writes into a params file (shown escaped), at most 2,000 characters.

Pydantic names the key path of the note (e.g. ``evaluation.notes.3``) before the message."""
