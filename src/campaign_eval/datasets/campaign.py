"""The campaign: segments, assignment, the planted post window and the invitations' funnel."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from campaign_eval import contract
from campaign_eval.conventions import MAINTAIN, TREATMENT
from campaign_eval.datasets.activity import order_lines, survey_answers
from campaign_eval.datasets.draws import (
    N_SCORES,
    NS_PER_DAY,
    NS_PER_HOUR,
    NS_PER_SECOND,
    Columns,
    concat,
    day_index,
    pick,
    take,
    uniform_days,
)
from campaign_eval.datasets.settings import (
    CALL_SEGMENTS,
    CAMPAIGN_SALT,
    CAMPAIGN_START,
    CHANNELS,
    CONTAMINATED_CONTROLS,
    DEMO_ARM_SHARES,
    EVENT_DATE,
    HISTORY_TABLES,
    POST_WINDOW,
    REFERENCE_DATE,
    SMS_OUTAGE_FROM,
    TARGETED_SEGMENTS,
    DemoConfig,
)
from campaign_eval.datasets.truth import size_factor, truth_per_customer
from campaign_eval.plan.assignment import assign_arms
from campaign_eval.segmentation.rules import segment_frames

_START_NS = np.datetime64(CAMPAIGN_START, "ns").astype(np.int64)
"""Invitations go out from midnight of ``CAMPAIGN_START``."""
_EVENT_NS = np.datetime64(EVENT_DATE, "ns").astype(np.int64)
"""Midnight of the event day: the deadline of every step before attending."""
_NEVER = np.iinfo(np.int64).min
"""Time of a step that did not happen."""

# ---------------------------------------------------------------------------------------------
# Segments and assignment: the package's own rules


def segment_history(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Segments the package computes from the history of a world, as the generator uses them.

    Args:
        frames: The world's canonical frames; rows after ``REFERENCE_DATE`` are ignored.

    Returns:
        ``customer_id`` and ``segment`` of every customer.
    """
    end = pd.Timestamp(REFERENCE_DATE) + pd.Timedelta(days=1)
    dated = {"orders": "order_date", "surveys": "survey_date", "complaints": "complaint_date"}
    history = {
        name: frames[name][frames[name][dated[name]] < end] if name in dated else frames[name]
        for name in HISTORY_TABLES
    }
    return segment_frames(history, REFERENCE_DATE)


def assign_demo_arms(segments: pd.DataFrame) -> pd.DataFrame:
    """The demo's assignment: targeted segments split by ``assign_arms`` with the demo salt.

    Args:
        segments: ``customer_id`` and ``segment`` of every customer.

    Returns:
        The assignment table: ``customer_id``, ``arm``, ``segment`` of the targeted customers.
    """
    targeted = segments[segments["segment"].isin(TARGETED_SEGMENTS)].reset_index(drop=True)
    arms = assign_arms(targeted, salt=CAMPAIGN_SALT, shares=DEMO_ARM_SHARES)
    return arms[list(contract.ASSIGNMENT.column_names)]


def count_segments(segments: pd.DataFrame) -> dict[str, int]:
    """Customers per segment, targeted segments first, then 'maintain'."""
    sizes = segments["segment"].value_counts()
    return {s: int(sizes.get(s, 0)) for s in (*TARGETED_SEGMENTS, MAINTAIN)}


@dataclass(frozen=True, slots=True)
class Targets:
    """The targeted customers of the campaign.

    Attributes:
        index: Row of each targeted customer in the customers columns.
        segment: Code of their segment (position in TARGETED_SEGMENTS).
        treated: Whether they are in the treatment arm.
    """

    index: np.ndarray
    segment: np.ndarray
    treated: np.ndarray

    @classmethod
    def of(cls, assignment: pd.DataFrame, ids: pd.Series) -> Targets:
        """The targets of an assignment table, located among the customer ids ``ids``.

        Raises:
            RuntimeError: When the assignment names a customer that is not in the world.
        """
        index = pd.Index(ids).get_indexer(assignment[contract.CUSTOMER_ID])
        if (index < 0).any():
            raise RuntimeError("segment_frames returned customer ids that are not in the world")
        seg_code = pd.Index(TARGETED_SEGMENTS).get_indexer(assignment["segment"])
        treated = (assignment["arm"] == TREATMENT).to_numpy()
        return cls(index, seg_code, treated)


# ---------------------------------------------------------------------------------------------
# The post window: drawn from the planted truth for targeted customers


def _in_post_window(day: np.ndarray) -> np.ndarray:
    return (day > day_index(POST_WINDOW[0])) & (day <= day_index(POST_WINDOW[1]))


def _post_window_days(rng: np.random.Generator, n: int) -> np.ndarray:
    low = np.full(n, day_index(POST_WINDOW[0]) + 1)
    return uniform_days(rng, low, np.full(n, day_index(POST_WINDOW[1])))


def replace_post_window(
    rows: Columns, n_customers: int, targeted: np.ndarray, planted: Columns
) -> Columns:
    """Drop the type-driven rows of targeted customers in the post window; add the planted ones."""
    is_targeted = np.zeros(n_customers, dtype=bool)
    is_targeted[targeted] = True
    drop = _in_post_window(rows["day"]) & is_targeted[rows["who"]]
    return concat(take(rows, ~drop), planted)


def post_orders(
    rng: np.random.Generator, cust: Columns, targets: Targets, cfg: DemoConfig
) -> Columns:
    """Post-window orders of targeted customers: buy with the planted probability, then more."""
    index, seg_code, treated = targets.index, targets.segment, targets.treated
    p = truth_per_customer(seg_code, treated, "repurchase_rate")
    extra = truth_per_customer(seg_code, treated, "extra_orders")
    mean_amount = truth_per_customer(seg_code, treated, "mean_amount") * size_factor(
        cust["size"][index], seg_code
    )
    buys = rng.random(index.size) < p
    n_orders = np.where(buys, 1 + rng.poisson(extra), 0)
    row = np.repeat(np.arange(index.size), n_orders)
    who = index[row].astype(np.int32)
    lines = order_lines(rng, who, mean_amount[row], cfg.post_amount_sigma, cust)
    return {"who": who, "day": _post_window_days(rng, who.size), **lines}


def post_surveys(
    rng: np.random.Generator, cust: Columns, targets: Targets, cfg: DemoConfig
) -> Columns:
    """One post-window answer of each responding targeted customer, scored from the truth."""
    respond = np.flatnonzero(rng.random(targets.index.size) < cfg.post_survey_response)
    probs = truth_per_customer(
        targets.segment[respond], targets.treated[respond], "satisfaction_probs"
    )
    satisfaction = (pick(rng, probs) + 1).astype(float)
    who = targets.index[respond].astype(np.int32)
    # the days are drawn before the answers: the order of the draws fixes the world
    day = _post_window_days(rng, who.size)
    return {"day": day, **survey_answers(rng, who, satisfaction, cust, cfg)}


def invited_targets(rng: np.random.Generator, targets: Targets) -> np.ndarray:
    """Positions in ``targets`` of the invitees: the treated, and some controls by mistake.

    ``CONTAMINATED_CONTROLS`` control customers are drawn at random (a planted problem).
    """
    controls = np.flatnonzero(~targets.treated)
    mistaken = np.sort(
        rng.choice(controls, size=min(CONTAMINATED_CONTROLS, controls.size), replace=False)
    )
    return np.sort(np.concatenate([np.flatnonzero(targets.treated), mistaken]))


# ---------------------------------------------------------------------------------------------
# Invitations: one row per invitation and channel, through the funnel to the event


@dataclass(frozen=True, slots=True)
class _Step:
    """One funnel step of every invitation.

    Attributes:
        time: When it happened (nanoseconds since the epoch).
        ok: Whether it happened.
    """

    time: np.ndarray
    ok: np.ndarray

    def when(self) -> np.ndarray:
        """The time, ``_NEVER`` where the step did not happen."""
        return np.where(self.ok, self.time, _NEVER)


def _channels(
    rng: np.random.Generator, seg_code: np.ndarray, cfg: DemoConfig
) -> tuple[np.ndarray, np.ndarray]:
    """Invitations: every invitee by email, most by sms, core and churn risk also by call.

    Returns:
        The invitee (position in ``seg_code``) and the channel code of every invitation.
    """
    n = seg_code.size
    has_sms = rng.random(n) < cfg.sms_share
    has_call = np.isin(seg_code, [TARGETED_SEGMENTS.index(s) for s in CALL_SEGMENTS])
    picks = [np.arange(n), np.flatnonzero(has_sms), np.flatnonzero(has_call)]
    row = np.concatenate(picks)
    channel = np.concatenate([np.full(p.size, c, dtype=np.int8) for c, p in enumerate(picks)])
    return row, channel


def _sent_and_delivered(
    rng: np.random.Generator, channel: np.ndarray, cfg: DemoConfig
) -> tuple[np.ndarray, _Step]:
    """Sending time of each invitation, and its delivery (sms mostly fail during the outage)."""
    m = channel.size
    hours = np.asarray(cfg.invite_hours)[channel]
    invited = (
        _START_NS
        + rng.integers(0, np.asarray(cfg.invite_days)[channel]) * NS_PER_DAY
        + ((hours[:, 0] + rng.random(m) * hours[:, 1]) * NS_PER_HOUR).astype(np.int64)
    )
    outage = (channel == CHANNELS.index("sms")) & (
        invited >= np.datetime64(SMS_OUTAGE_FROM, "ns").astype(np.int64)
    )
    delivery = np.where(outage, cfg.sms_outage_delivery, np.asarray(cfg.delivery)[channel])
    delay = rng.random(m) * np.asarray(cfg.delivery_delay_seconds)[channel]
    delivered = invited + (delay * NS_PER_SECOND).astype(np.int64)
    return invited, _Step(delivered, rng.random(m) < delivery)


def _next_step(
    rng: np.random.Generator, previous: _Step, rate: np.ndarray, mean_hours: np.ndarray
) -> _Step:
    """The step after ``previous``: an exponential delay later, with probability ``rate``."""
    m = previous.time.size
    time = previous.time + (rng.exponential(1.0, m) * mean_hours * NS_PER_HOUR).astype(np.int64)
    return _Step(time, previous.ok & (rng.random(m) < rate) & (time < _EVENT_NS))


def _first_per_customer(step: _Step, row: np.ndarray) -> _Step:
    """A customer registers once: keep the earliest registration over their channels."""
    candidates = np.flatnonzero(step.ok)
    by_customer = candidates[np.lexsort((step.time[candidates], row[candidates]))]
    first = np.ones(by_customer.size, dtype=bool)
    first[1:] = row[by_customer][1:] != row[by_customer][:-1]
    ok = np.zeros_like(step.ok)
    ok[by_customer[first]] = True
    return _Step(step.time, ok)


def _cancelled_or_attended(
    rng: np.random.Generator, registered: _Step, cfg: DemoConfig
) -> tuple[_Step, _Step]:
    """Registrations cancelled before the event, and those attended (checked in on the day)."""
    m = registered.time.size
    ok_cancelled = registered.ok & (rng.random(m) < cfg.cancel_rate)
    cancelled = registered.time + (rng.random(m) * (_EVENT_NS - registered.time)).astype(np.int64)
    ok_attended = registered.ok & ~ok_cancelled & (rng.random(m) < cfg.attend_rate)
    check_in = cfg.attend_hours[0] + rng.random(m) * cfg.attend_hours[1]
    attended = _EVENT_NS + (check_in * NS_PER_HOUR).astype(np.int64)
    return _Step(cancelled, ok_cancelled), _Step(attended, ok_attended)


def _on_site(
    rng: np.random.Generator, attended: np.ndarray, cfg: DemoConfig
) -> tuple[np.ndarray, np.ndarray]:
    """On-site score (1-5) and number of questions of attendees; -1 where there is none."""
    m = attended.size
    score_probs = np.broadcast_to(np.asarray(cfg.onsite_score_probs), (m, N_SCORES))
    scored = attended & (rng.random(m) < cfg.onsite_score_rate)
    onsite_score = np.where(scored, pick(rng, score_probs) + 1, -1)
    questions = np.where(attended, rng.poisson(cfg.mean_questions, m), -1)
    return onsite_score, questions


def draw_contacts(
    rng: np.random.Generator, invitees: np.ndarray, seg_code: np.ndarray, cfg: DemoConfig
) -> Columns:
    """One row per invitation and channel, with the time of each funnel step it reached.

    Args:
        rng: The world's generator.
        invitees: Row of each invitee in the customers columns.
        seg_code: Code of each invitee's segment (position in ``TARGETED_SEGMENTS``).
        cfg: The behaviour of the world.

    Returns:
        Columns ``who``, ``channel`` (code), ``<step>_at`` (nanoseconds, the minimum int64 where
        the step did not happen), ``onsite_score`` and ``questions`` (-1 where missing).
    """
    row, channel = _channels(rng, seg_code, cfg)
    m = row.size
    invited, delivered = _sent_and_delivered(rng, channel, cfg)
    opened = _next_step(
        rng,
        delivered,
        np.asarray(cfg.open_rate)[channel],
        np.asarray(cfg.open_delay_hours)[channel],
    )
    clicked = _next_step(
        rng, opened, np.asarray(cfg.click_rate)[channel], np.full(m, cfg.click_delay_hours)
    )
    registered = _next_step(
        rng,
        clicked,
        np.asarray(cfg.registration_rate)[seg_code[row]],
        np.full(m, cfg.registration_delay_hours),
    )
    registered = _first_per_customer(registered, row)
    cancelled, attended = _cancelled_or_attended(rng, registered, cfg)
    onsite_score, questions = _on_site(rng, attended.ok, cfg)
    return {
        "who": invitees[row].astype(np.int32),
        "channel": channel,
        "invited_at": invited,
        "delivered_at": delivered.when(),
        "opened_at": opened.when(),
        "clicked_at": clicked.when(),
        "registered_at": registered.when(),
        "attended_at": attended.when(),
        "cancelled_at": cancelled.when(),
        "onsite_score": onsite_score,
        "questions": questions,
    }
