"""The report's tables: the result's numbers under the reader's column names.

Each function takes the result and the report's ``Wording`` and returns a frame for
``report.html.show_table`` (None when there is nothing to show). Tables in the reading path hold at
most seven short columns; rates with their intervals and p-values (written through
``report.format``) are for the "How this was computed" blocks. Counts, shares and bare rates stay
numbers, which ``show_table`` formats.
"""

from __future__ import annotations

import pandas as pd

from campaign_eval.monitoring.feedback import answers_per_score
from campaign_eval.monitoring.funnel import EVENTS, STEPS
from campaign_eval.monitoring.incidents import INCIDENT_KINDS
from campaign_eval.monitoring.result import By, MonitoringResult
from campaign_eval.monitoring.wording import BY_KEYS, INCIDENT_KEYS, STATE_KEYS, Wording

SHARE_KEYS = {"attended": "mon.share_attended", "registered": "mon.share_registered"}
"""The participation step -> the name of its share column."""
OUTCOME_KEYS = {
    "on_track": "mon.state.reached",
    "at_risk": "mon.state.missed",
    "behind": "mon.state.missed",
    "no_data": "mon.state.no_data",
}
"""A target's status once the event day is over -> reached or missed."""
MAIN_RATES = (
    "delivery_rate",
    "open_rate",
    "click_rate",
    "registration_rate",
    "attendance_rate",
    "participation_rate",
)
"""The rates of the reading path, one column each (click-through and intervals: the details)."""


def funnel_table(result: MonitoringResult, w: Wording, by: By) -> pd.DataFrame:
    """Counts at each step per channel or segment, with the all-channels row last."""
    counts = result.funnel.counts(by)
    return pd.DataFrame(
        {
            w.t(BY_KEYS[by]): [w.group(by, g) for g in counts.index],
            **{w.step(s): counts[s].to_numpy() for s in STEPS},
        }
    )


def rates_table(
    result: MonitoringResult, w: Wording, by: By, names: tuple[str, ...]
) -> pd.DataFrame:
    """The rates ``names`` with their Wilson intervals, per channel or segment."""
    rates = result.funnel.rates(by)
    return pd.DataFrame(
        {
            w.t(BY_KEYS[by]): [w.group(by, g) for g in rates],
            **{w.metric(n): [w.rate(r[n]) for r in rates.values()] for n in names},
        }
    )


def main_rates_table(result: MonitoringResult, w: Wording, by: By) -> pd.DataFrame:
    """Per channel or segment, the ``MAIN_RATES`` as fractions (NaN without a denominator)."""
    rates = result.funnel.rates(by)
    return pd.DataFrame(
        {
            w.t(BY_KEYS[by]): [w.group(by, g) for g in rates],
            **{w.metric(n): [r[n].value for r in rates.values()] for n in MAIN_RATES},
        }
    )


def change_table(result: MonitoringResult, w: Wording) -> pd.DataFrame | None:
    """Customers at each event then and now, and the signed change; None without a previous run."""
    prev = result.previous
    if prev is None or not prev.compatible:
        return None
    now, then = result.funnel.totals, prev.funnel
    return pd.DataFrame(
        {
            w.t("mon.step"): [w.step(s) for s in EVENTS],
            w.t("mon.then", as_of=prev.as_of): [then.get(s, 0) for s in EVENTS],
            w.t("mon.now", as_of=result.as_of.isoformat()): [now[s] for s in EVENTS],
            w.t("mon.difference"): [w.f.signed(now[s] - then.get(s, 0)) for s in EVENTS],
        }
    )


def targets_table(result: MonitoringResult, w: Wording) -> pd.DataFrame | None:
    """Each target with its value now, its projection to the event day and its status.

    From the event day on there is nothing left to project: each target has its result and
    whether it was reached.
    """
    if not result.targets:
        return None
    if result.event_passed:
        return pd.DataFrame(
            [
                {
                    w.t("mon.target"): w.target(s),
                    w.t("mon.target_value"): w.target_value(s, s.target),
                    w.t("mon.result"): w.target_value(s, s.actual),
                    w.t("mon.status"): w.t(OUTCOME_KEYS[s.status]),
                }
                for s in result.targets
            ]
        )
    return pd.DataFrame(
        [
            {
                w.t("mon.target"): w.target(s),
                w.t("mon.target_value"): w.target_value(s, s.target),
                w.t("mon.actual", as_of=result.as_of.isoformat()): w.target_value(s, s.actual),
                w.t("mon.projected"): w.target_value(s, s.projected),
                w.t("mon.status"): w.t(STATE_KEYS[s.status]),
            }
            for s in result.targets
        ]
    )


def participation_table(result: MonitoringResult, w: Wording) -> pd.DataFrame:
    """Per segment: invited, share of invited, attendees (or registrations), share, rate.

    All but the counts are fractions; the rate's interval is in the funnel by segment.
    """
    mix = result.participation
    rows = mix.segments
    rate = "participation_rate" if mix.step == "attended" else "registration_rate"
    return pd.DataFrame(
        {
            w.t("word.segment"): [w.segment(m.segment) for m in rows],
            w.step("invited"): [m.invited for m in rows],
            w.t("mon.share_invited"): [m.invited_share for m in rows],
            w.step(mix.step): [m.reached for m in rows],
            w.t(SHARE_KEYS[mix.step]): [m.reached_share for m in rows],
            w.metric(rate): [m.rate.value for m in rows],
        }
    )


def score_table(result: MonitoringResult, w: Wording) -> pd.DataFrame | None:
    """Answers per on-site score 1-5 and their share; None without answers."""
    answers = answers_per_score(result.feedback)
    total = int(answers.sum())
    if total == 0:
        return None
    return pd.DataFrame(
        {
            w.t("mon.score"): list(answers.index),
            w.t("mon.answers"): answers.to_numpy(),
            w.t("word.share"): answers.to_numpy() / total,
        }
    )


def incident_summary(result: MonitoringResult, w: Wording) -> pd.DataFrame:
    """Counts: cancellations (from the contacts) and logged incidents by kind."""
    inc = result.incidents
    counts = [inc.cancellations.successes, *(inc.by_kind[k] for k in INCIDENT_KINDS)]
    return pd.DataFrame(
        {
            w.t("mon.incident"): [w.t(INCIDENT_KEYS[k]) for k in ("cancelled", *INCIDENT_KINDS)],
            w.t("mon.count"): pd.array(counts, dtype="int64"),
        }
    )


def incident_log(result: MonitoringResult, w: Wording) -> pd.DataFrame | None:
    """The logged incidents (descriptions are escaped when shown); None when there are none."""
    logged = result.incidents.logged
    if not logged:
        return None
    return pd.DataFrame(
        {
            w.t("mon.date"): [i.date.isoformat() for i in logged],
            w.t("mon.kind"): [w.t(INCIDENT_KEYS[i.kind]) for i in logged],
            w.t("mon.description"): [i.description for i in logged],
            w.t("mon.count"): pd.array([i.count for i in logged], dtype="int64"),
        }
    )


def sample_ratio_table(result: MonitoringResult, w: Wording) -> pd.DataFrame | None:
    """Arm sizes against the planned shares, with the test's p-value; None when not run."""
    rows = [
        {
            w.t("word.segment"): w.segment(check.segment),
            w.t("mon.arm"): w.arm(arm),
            w.t("word.customers"): observed,
            w.t("mon.observed_share"): share,
            w.t("mon.planned_share"): planned,
            w.t("mon.p_value"): w.f.p(check.result.p_value),
            w.t("mon.mismatch"): w.t("mon.yes" if check.result.flagged else "mon.no"),
        }
        for check in result.sample_ratio
        for arm, observed, share, planned in zip(
            check.result.arms,
            check.result.observed,
            check.result.observed_shares,
            check.result.expected_shares,
            strict=True,
        )
    ]
    return pd.DataFrame(rows) if rows else None
