"""The monitoring stage (03_monitoring): funnel, targets, participation, feedback and alerts.

The report a campaign team reads each morning: first what needs action now (the answer block),
then every breached rule as an alert, what changed since the last run, the invitation funnel by
channel and segment, progress against the targets, who is coming, on-site feedback, incidents and
the design checks.

Modules:
    run: ``run(ctx)``, the stage: read, count, check, write, return the result.
    counts: the as-of day and every per-group count, aggregated in the engine.
    groups: each customer's segment and arm, where they come from, contacted control customers.
    funnel: the funnel's steps and rates with their Wilson intervals.
    progress: cumulative customers and the targets' projections to the event day.
    participation: the segment mix of attendees against the invited.
    feedback: on-site scores (mean with its t interval, CSAT) and questions.
    incidents: cancellations and the incidents the team logged.
    design: the planned split, sample ratio checks and data freshness.
    alerts: the monitoring rules.
    result: the frozen result types.
    wording: label keys, names, numbers and alert sentences in the report language.
    tables: the report's tables under the reader's column names.
    notes: the report's sentences (what it covers, what changed, how things are counted).
    answer: the answer block: what needs action now, and the funnel in three numbers.
    view: ``View(result, params)``, the answer and one report section per method.
    charts: the report's charts.
    alts: what each chart shows, with its key number (the images' alt text).
    export: monitoring.json (read back by the next run), contamination.csv, funnel_counts.csv.
"""

from campaign_eval.monitoring.result import MonitoringResult
from campaign_eval.monitoring.run import run
from campaign_eval.monitoring.view import View

__all__ = ["MonitoringResult", "View", "run"]
