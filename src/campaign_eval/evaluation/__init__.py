"""The evaluation stage (see ``stage``)."""

from campaign_eval.evaluation.stage import *  # noqa: F403 - temporary while the stage is split up
from campaign_eval.evaluation.stage import run

__all__ = ["run"]
