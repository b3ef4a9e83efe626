"""Control customers that monitoring found contacted: counted again where effects are judged.

A contacted control customer stays in the control arm (intention to treat), which pulls every
effect towards zero; the evaluation repeats monitoring's count beside its design checks.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Contamination:
    """What the newest complete monitoring run counted.

    Attributes:
        count: Control customers contacted.
        run_id: The monitoring run that counted them.
        as_of: The day it counted up to (ISO date), when known.
    """

    count: int
    run_id: str
    as_of: str | None


def read_contamination(path: Path) -> Contamination | None:
    """The contamination count of a monitoring.json; None when the file has none or is unreadable.

    A missing or unreadable monitoring file only means the check cannot be repeated: the
    evaluation goes on and says so.
    """
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    design = payload.get("design") if isinstance(payload, dict) else None
    found = design.get("contamination") if isinstance(design, dict) else None
    count = found.get("count") if isinstance(found, dict) else None
    if not isinstance(count, int) or isinstance(count, bool):
        return None
    as_of = payload.get("as_of")
    return Contamination(count, path.parent.name, None if as_of is None else str(as_of))
