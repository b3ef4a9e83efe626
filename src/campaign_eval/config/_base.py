"""The strict pydantic base every params model derives from."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict


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
