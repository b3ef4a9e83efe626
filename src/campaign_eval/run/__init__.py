"""Running campaigns: the stage context notebooks open, papermill runs, run folders, HTML reports.

Modules:
    context: ``open_stage`` and the ``StageContext`` a stage notebook works with.
    runner: validate, execute and render the stages of one or many params files.
    kernel: one notebook on the project's kernel; the failing cell; nothing left behind.
    signals: SIGTERM as an exception, so a scheduler's kill ends in a FAILED run.
    folders: run folders that are never overwritten and count only once marked COMPLETE.
    render: executed notebooks to offline stakeholder HTML, and the run's index page.
"""

from campaign_eval.run.context import StageContext, open_stage

__all__ = ["StageContext", "open_stage"]
