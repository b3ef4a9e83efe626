"""The plan stage (02_plan): measured goals, a holdout able to detect them, assignment, plan.

What a careful analyst does before anything is sent: every SMART goal gets a baseline measured from
the data and plain-word checks; every goal gets a sample-size design (customers needed, power and
minimum detectable effect at the chosen holdout, the smallest holdout that would do); the targeted
customers are split into treatment and control by a stable hash (frozen once the campaign has
started); activities, schedule and budget are laid out and checked; the sales team gets its lists.

Modules:
    assignment: the stable hash split (``assign_arms``, ``hash_uniform``, ``draw_assignment``).
    holdout: which assignment the run uses (drawn, kept, redrawn, from the data), its shares and
        split checks.
    baseline: a goal's customers and its baseline measured on the engine.
    goals: the SMART checks of each goal, its target and design, in order.
    design: each goal's level (alpha / number of goals), sample size, power and MDE at the
        holdout, and the power curve.
    schedule: the phases as dates and their checks.
    budget: planned amounts and the lift the ROI standard needs.
    result: ``PlanResult`` and the types it holds (numbers, no words).
    run: ``run(ctx)``, the stage's orchestration.
    wording: the plan's words (names, values, problems) in the report language.
    tables: the report's tables with the reader's column names (also the sheets of plan.xlsx).
    view: ``View``, one report section per method.
    export: assignment.parquet / .csv, target_lists.xlsx, plan.xlsx and plan.json.
    charts: the power curve and the Gantt chart.
"""

from campaign_eval.plan.result import PlanResult
from campaign_eval.plan.run import run
from campaign_eval.plan.view import View

__all__ = ["PlanResult", "View", "run"]
