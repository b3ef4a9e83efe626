"""Who is coming: each segment's share of attendees (registrations before the event day).

The mix of attendees is compared with the mix of the invited, and the focus segments
(``monitoring.focus_segments``) are summed up: are the customers the campaign is for the ones
who come?
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from campaign_eval.conventions import ALL_SEGMENTS
from campaign_eval.monitoring.funnel import rate_estimate, segments
from campaign_eval.monitoring.result import Funnel, Participation, SegmentMix


def mix_step(event_passed: bool) -> str:
    """``attended`` once the event took place; ``registered`` before it."""
    return "attended" if event_passed else "registered"


def participation(
    funnel: Funnel, *, event_passed: bool, focus_segments: Sequence[str], alpha: float
) -> Participation:
    """The segment mix of attendees (registrations) against the invited, and the focus share.

    Args:
        funnel: The funnel (customers per segment).
        event_passed: Whether attendance is known (the as-of day is the event day or later).
        focus_segments: The segments whose share the report highlights.
        alpha: Level of the rates' Wilson intervals.

    Returns:
        One row per segment, and the focus segments' shares (NaN when nobody is counted).
    """
    counts = funnel.segment
    step = mix_step(event_passed)
    rate = "participation_rate" if step == "attended" else "registration_rate"
    invited_all = int(counts.loc[ALL_SEGMENTS, "invited"])
    reached_all = int(counts.loc[ALL_SEGMENTS, step])
    rows = tuple(
        SegmentMix(
            segment=s,
            invited=int(counts.loc[s, "invited"]),
            invited_share=counts.loc[s, "invited"] / max(invited_all, 1),
            reached=int(counts.loc[s, step]),
            reached_share=counts.loc[s, step] / max(reached_all, 1),
            rate=rate_estimate(rate, counts.loc[s, step], counts.loc[s, "invited"], alpha=alpha),
        )
        for s in segments(funnel)
    )
    focus = tuple(s for s in focus_segments if s in counts.index)
    share = counts.loc[list(focus), step].sum() / reached_all if reached_all else math.nan
    invited = counts.loc[list(focus), "invited"].sum() / invited_all if invited_all else math.nan
    return Participation(
        step=step,
        segments=rows,
        focus=focus,
        focus_share=float(share),
        focus_invited_share=float(invited),
    )
