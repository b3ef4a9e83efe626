"""Incidents: cancelled registrations from the contacts, and what the team logged.

Logged incidents come from ``monitoring.incidents`` up to the as-of day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import get_args

from campaign_eval.config.monitoring import IncidentKind, LoggedIncident
from campaign_eval.monitoring.funnel import CANCELLED, rate_estimate
from campaign_eval.monitoring.result import Incident, Incidents

INCIDENT_KINDS: tuple[str, ...] = get_args(IncidentKind)
"""Kinds of incidents the team logs: equipment, delay, other."""


def logged_up_to(incidents: Iterable[LoggedIncident], as_of: dt.date) -> tuple[Incident, ...]:
    """The logged incidents up to the as-of day, by date."""
    kept = sorted((i for i in incidents if i.date <= as_of), key=lambda i: i.date)
    return tuple(Incident(i.date, i.kind, i.description, i.count) for i in kept)


def incidents(
    totals: Mapping[str, int],
    logged: Iterable[LoggedIncident],
    *,
    as_of: dt.date,
    alpha: float,
) -> Incidents:
    """Cancellations as a share of registrations, and the team's log by kind.

    Args:
        totals: Customers reaching each event over all channels (``Funnel.totals``).
        logged: ``monitoring.incidents``.
        as_of: The as-of day; later incidents are left out.
        alpha: Level of the cancellation rate's Wilson interval.
    """
    kept = logged_up_to(logged, as_of)
    return Incidents(
        cancellations=rate_estimate(
            "cancellation", totals[CANCELLED], totals["registered"], alpha=alpha
        ),
        logged=kept,
        by_kind={k: sum(i.count for i in kept if i.kind == k) for k in INCIDENT_KINDS},
    )
