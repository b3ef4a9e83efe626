"""The files of a monitoring run: ``monitoring.json``, ``contamination.csv``, ``funnel_counts.csv``.

``monitoring.json`` is the versioned document of ``docs/monitoring_json.md``; the next monitoring
run of the campaign reads it back (``read_previous``) to show what changed. Every file is written
atomically under its name in ``artifacts``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from campaign_eval import artifacts
from campaign_eval.conventions import ALL_SEGMENTS
from campaign_eval.monitoring.funnel import CANCELLED, EVENTS, STEPS
from campaign_eval.monitoring.result import (
    BY,
    Alert,
    MonitoringResult,
    PreviousRun,
    RateEstimate,
    SampleRatioCheck,
)
from campaign_eval.monitoring.wording import Wording

if TYPE_CHECKING:
    import datetime as dt

    from campaign_eval.report.format import Language

SCHEMA_VERSION = 1
"""Version of the ``monitoring.json`` layout; bumped on any incompatible change."""


def artifact_names(*, ready: bool, has_arms: bool) -> tuple[str, ...]:
    """The files a run writes, in the order the report lists them.

    ``monitoring.json`` always, ``contamination.csv`` when arms are known, ``funnel_counts.csv``
    when there are contacts.
    """
    names = [artifacts.MONITORING_JSON]
    if has_arms:
        names.append(artifacts.CONTAMINATION_CSV)
    if ready:
        names.append(artifacts.FUNNEL_CSV)
    return tuple(names)


def write(
    folder: Path,
    result: MonitoringResult,
    *,
    contaminated: pd.DataFrame | None,
    campaign_id: str,
    today: dt.date,
    language: Language,
    value_labels: Mapping[str, str] | None = None,
) -> None:
    """Write the files of ``result.artifacts`` into the run folder.

    Args:
        folder: The run folder.
        result: What the stage found.
        contaminated: The contacted control customers (``groups.contacted_control``); None
            when no arms are known.
        campaign_id: ``campaign.id``.
        today: The day the run counts as today.
        language: The report language of the alert sentences.
        value_labels: The display names of data values in them (``campaign.value_labels``).
    """
    if contaminated is not None:
        text = contaminated.to_csv(index=False)
        artifacts.write_text_atomic(folder / artifacts.CONTAMINATION_CSV, text)
    if result.ready:
        text = result.counts.channel.to_csv(index=False)
        artifacts.write_text_atomic(folder / artifacts.FUNNEL_CSV, text)
    payload = to_json(
        result,
        campaign_id=campaign_id,
        run_id=folder.name,
        today=today,
        language=language,
        value_labels=value_labels,
    )
    artifacts.write_json_atomic(folder / artifacts.MONITORING_JSON, payload)


def read_previous(path: Path | None) -> PreviousRun | None:
    """The run a ``monitoring.json`` describes; None without a file or when it cannot be read."""
    if path is None:
        return None
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    run_id = path.parent.name
    if payload.get("schema_version") != SCHEMA_VERSION:
        return PreviousRun(run_id, str(payload.get("as_of", "")), {}, {}, compatible=False)
    funnel = payload["funnel"][ALL_SEGMENTS]["counts"]
    alerts = {f"{a['rule']}:{a['subject']}": a["message"] for a in payload["alerts"]}
    return PreviousRun(
        run_id, payload["as_of"], {k: int(v) for k, v in funnel.items()}, alerts, compatible=True
    )


def to_json(
    result: MonitoringResult,
    *,
    campaign_id: str,
    run_id: str,
    today: dt.date,
    language: Language,
    value_labels: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The run as the versioned JSON document described in ``docs/monitoring_json.md``."""
    wording = Wording(language, value_labels)
    return {
        "schema_version": SCHEMA_VERSION,
        "campaign_id": campaign_id,
        "run_id": run_id,
        "today": today.isoformat(),
        "as_of": result.as_of.isoformat(),
        "as_of_source": result.as_of_source,
        "status": result.status,
        "group_source": result.group_source,
        "funnel": _funnel(result),
        "targets": [
            {
                "metric": t.metric,
                "segment": t.segment or ALL_SEGMENTS,
                "target": t.target,
                "actual": _num(t.actual),
                "projected": _num(t.projected),
                "status": t.status,
            }
            for t in result.targets
        ],
        "alerts": [_alert(a, result, wording) for a in result.alerts],
        "design": _design(result),
        "feedback": _feedback(result),
        "incidents": {
            "cancellations": result.funnel.totals[CANCELLED],
            "logged": [
                {
                    "date": i.date.isoformat(),
                    "kind": i.kind,
                    "description": i.description,
                    "count": i.count,
                }
                for i in result.incidents.logged
            ],
        },
        "previous_run": None
        if result.previous is None
        else {"run_id": result.previous.run_id, "as_of": result.previous.as_of},
    }


def _num(x: float | None) -> float | None:
    """A float for JSON: None for missing, NaN or infinite values."""
    return None if x is None or not math.isfinite(float(x)) else float(x)


def _estimate(est: RateEstimate) -> dict[str, Any]:
    return {
        "value": _num(est.value),
        "ci_low": _num(est.ci_low),
        "ci_high": _num(est.ci_high),
        "numerator": est.successes,
        "denominator": est.n,
    }


def _funnel(result: MonitoringResult) -> dict[str, Any]:
    funnel: dict[str, Any] = {"steps": list(STEPS)}
    for by in BY:
        counts = result.funnel.counts(by)
        rates = result.funnel.rates(by)
        funnel[f"by_{by}"] = {
            str(group): {
                "counts": {e: int(row[e]) for e in EVENTS},
                "rates": {name: _estimate(est) for name, est in rates[str(group)].items()},
            }
            for group, row in counts.iterrows()
            if group != ALL_SEGMENTS
        }
    overall = result.funnel.segment_rates[ALL_SEGMENTS]
    funnel[ALL_SEGMENTS] = {
        "counts": dict(result.funnel.totals),
        "rates": {name: _estimate(est) for name, est in overall.items()},
    }
    return funnel


def _alert(alert: Alert, result: MonitoringResult, wording: Wording) -> dict[str, Any]:
    return {
        "rule": alert.rule,
        "severity": alert.severity,
        "subject": alert.subject,
        "message": wording.alert(
            alert, event=result.event_day, level=result.level, event_passed=result.event_passed
        ),
        "value": _num(alert.value),
        "threshold": _num(alert.threshold),
    }


def _sample_ratio(check: SampleRatioCheck) -> dict[str, Any]:
    res = check.result
    return {
        "segment": check.segment or ALL_SEGMENTS,
        "arms": list(res.arms),
        "observed": list(res.observed),
        "expected_shares": list(res.expected_shares),
        "statistic": _num(res.statistic),
        "p_value": _num(res.p_value),
        "flagged": res.flagged,
    }


def _design(result: MonitoringResult) -> dict[str, Any]:
    fresh, split = result.freshness, result.planned_split
    return {
        "sample_ratio": [_sample_ratio(c) for c in result.sample_ratio],
        "planned_shares": None
        if split is None
        else {"source": split.source, "run_id": split.run_id},
        "contamination": None
        if result.contamination is None
        else {"count": result.contamination, "file": artifacts.CONTAMINATION_CSV},
        "freshness": {
            "newest_event": fresh.newest.isoformat() if fresh.newest else None,
            "reference_day": fresh.reference.isoformat(),
            "lag_days": fresh.lag_days,
            "stale_after_days": fresh.limit_days,
            "stale": fresh.stale,
        },
    }


def _feedback(result: MonitoringResult) -> dict[str, Any]:
    fb = result.feedback
    return {
        "onsite_score": {
            "n": fb.n,
            "mean": _num(fb.mean),
            "ci_low": _num(fb.ci_low),
            "ci_high": _num(fb.ci_high),
            "distribution": {str(s): n for s, n in fb.distribution.items()},
        },
        "questions": {
            "attendees": fb.attendees,
            "questions": fb.questions,
            "askers": fb.askers,
        },
    }
