"""The monitoring rules: every breached rule becomes an alert, critical first.

Thresholds come from the params (``monitoring``: ``thresholds``, ``channel_thresholds``,
``min_group_size``, ``drop_days``, ``drop_relative``, ``alpha``, ``stale_after_days``,
``at_risk_margin``); the rules are described in ``docs/monitoring_json.md``.
"""

from __future__ import annotations

import pandas as pd

from campaign_eval import stats
from campaign_eval.config.monitoring import RATE_NAMES, MonitoringParams
from campaign_eval.conventions import ALL_SEGMENTS
from campaign_eval.monitoring.funnel import channels
from campaign_eval.monitoring.result import (
    Alert,
    Contamination,
    DeliveryDrop,
    MonitoringResult,
    RateBreach,
    Severity,
)

_SEVERITY_ORDER: dict[Severity, int] = {"critical": 0, "warning": 1}


def find(result: MonitoringResult, mon: MonitoringParams) -> tuple[Alert, ...]:
    """Every breached rule of ``result``, critical first (in rule order within a severity)."""
    alerts: list[Alert] = []
    if result.ready:
        alerts += rate_alerts(result, mon)
        alerts += drop_alerts(result.counts.delivery, mon)
    alerts += design_alerts(result, mon.control_arm)
    alerts += target_alerts(result)
    return tuple(sorted(alerts, key=lambda a: _SEVERITY_ORDER[a.severity]))


def rate_alerts(result: MonitoringResult, mon: MonitoringParams) -> list[Alert]:
    """Channel rates under their thresholds; critical when the whole interval is under it.

    Attendance is recorded only on the event day, so its rate is judged from then on.
    """
    alerts = []
    rates = result.funnel.channel_rates
    for channel in channels(result.funnel):
        for name in RATE_NAMES:
            if name == "attendance_rate" and not result.event_passed:
                continue
            threshold = mon.channel_threshold(channel, name)
            est = rates[channel][name]
            if threshold is None or est.n < mon.min_group_size or est.value >= threshold:
                continue
            clear = est.ci_high < threshold
            alerts.append(
                Alert(
                    rule="rate_below_threshold",
                    severity="critical" if clear else "warning",
                    subject=f"{channel}/{name}",
                    value=est.value,
                    threshold=threshold,
                    detail=RateBreach(channel, est, threshold, clear=clear),
                )
            )
    return alerts


def drop_alerts(delivery: pd.DataFrame, mon: MonitoringParams) -> list[Alert]:
    """Channels whose delivery over their last days of sending fell far below their earlier rate.

    The recent window is the channel's own last ``drop_days`` days with invitations, so a
    channel that finished sending days ago is still judged on its last sends. The drop must be
    at least ``drop_relative`` of the earlier rate and significant (``stats.compare_proportions``
    at ``alpha``).
    """
    alerts = []
    for channel, frame in delivery.groupby("channel"):
        last = frame["day"].max()
        recent_from = last - pd.Timedelta(days=mon.drop_days - 1)
        recent = frame[frame["day"] >= recent_from]
        earlier = frame[frame["day"] < recent_from]
        n_recent, n_earlier = int(recent["invited"].sum()), int(earlier["invited"].sum())
        if min(n_recent, n_earlier) < mon.min_group_size:
            continue
        d_recent, d_earlier = int(recent["delivered"].sum()), int(earlier["delivered"].sum())
        rate_recent, rate_earlier = d_recent / n_recent, d_earlier / n_earlier
        floor = rate_earlier * (1 - mon.drop_relative)
        if rate_recent >= floor:
            continue
        test = stats.compare_proportions(d_recent, n_recent, d_earlier, n_earlier, alpha=mon.alpha)
        if test.p_value >= mon.alpha:
            continue
        drop = DeliveryDrop(
            channel=str(channel),
            start=recent_from.date(),
            end=last.date(),
            rate_recent=rate_recent,
            rate_earlier=rate_earlier,
            n_recent=n_recent,
            n_earlier=n_earlier,
            p_value=test.p_value,
            floor=floor,
        )
        alerts.append(Alert("delivery_drop", "critical", str(channel), rate_recent, floor, drop))
    return alerts


def design_alerts(result: MonitoringResult, control: str) -> list[Alert]:
    """Sample ratio mismatch, contamination and stale data."""
    alerts = []
    for check in result.sample_ratio:
        res = check.result
        if res.flagged:
            subject = check.segment or ALL_SEGMENTS
            alerts.append(
                Alert("sample_ratio_mismatch", "critical", subject, res.p_value, res.alpha, check)
            )
    if result.contamination:
        count = result.contamination
        detail = Contamination(count, control)
        alerts.append(Alert("contamination", "critical", control, count, 0.0, detail))
    fresh = result.freshness
    if fresh.stale and fresh.lag_days is not None:
        alerts.append(
            Alert("stale_data", "warning", "contacts", fresh.lag_days, fresh.limit_days, fresh)
        )
    return alerts


def target_alerts(result: MonitoringResult) -> list[Alert]:
    """Targets the current pace will miss: behind is critical, at risk a warning."""
    alerts = []
    for status in result.targets:
        if status.status not in {"behind", "at_risk"}:
            continue
        behind = status.status == "behind"
        alerts.append(
            Alert(
                rule="target_behind" if behind else "target_at_risk",
                severity="critical" if behind else "warning",
                subject=f"{status.metric}/{status.segment or ALL_SEGMENTS}",
                value=status.projected,
                threshold=status.target,
                detail=status,
            )
        )
    return alerts
