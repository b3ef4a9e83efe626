"""The strict pydantic base every params model derives from."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class StrictModel(BaseModel):
    """A params section: unknown keys are errors, values are never coerced from code."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)
