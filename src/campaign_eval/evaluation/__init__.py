"""The evaluation stage (04_evaluation): effects against a control group, goals, return, standards.

The core runs inside the engine: every comparison is computed from sufficient statistics per arm
and segment, so ten million customers cost one aggregation query per metric and window. Only the
paired before/after test collects per-customer values, up to ``evaluation.max_paired_customers``.

Modules:
    specs: the metrics compared (kind, good direction, which extra tests apply).
    windows: ``OutcomeWindows``, the pre and post windows.
    sums: tables of sufficient statistics per arm and segment (overall rows, values, order).
    outcomes: per-customer outcomes on the engine (data contract or outcome table) and their sums.
    assignment: who was in which arm (the plan's assignment, the data's, the invited customers).
    inputs: the customers, metrics and outcomes an evaluation starts from.
    effects: treatment vs control, one family of tests, with the detectable effect of each
        (``evaluate_effects`` is the benchmarked core).
    did: difference in differences.
    cuped: the comparison adjusted for each customer's pre-window value.
    rank: Mann-Whitney beside Welch for 1-5 scores.
    paired: customers surveyed before and after.
    before_after: pre vs post of the same customers without a control group (not causal).
    design: arm sizes against the planned split, balance before the campaign.
    goals: goal attainment, progress and grades.
    feedback: customer feedback against the template's standards.
    returns: incremental and gross value, costs, ROI.
    notices: what the reader must know first (an open window, no control, a broken design).
    result: ``EvaluationResult`` and its parts, numbers only.
    run: ``run(ctx)``, the stage's orchestration.
    export: ``evaluation.json`` and ``evaluation_effects.csv``.
    wording: labels and number formats of one report language.
    sentences: the report's sentences.
    view_tables: the report's tables.
    view: ``View``, one report section per method.
    charts: the stage's charts.
"""

from campaign_eval.evaluation.effects import evaluate_effects
from campaign_eval.evaluation.result import EvaluationResult
from campaign_eval.evaluation.run import run
from campaign_eval.evaluation.view import View
from campaign_eval.evaluation.windows import OutcomeWindows

__all__ = ["EvaluationResult", "OutcomeWindows", "View", "evaluate_effects", "run"]
