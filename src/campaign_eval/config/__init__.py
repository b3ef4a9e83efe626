"""Campaign params: one YAML file per campaign, validated with pydantic before any kernel starts.

Every default, threshold and label choice a user can change lives in these models, one section per
stage (``config/<stage>.py``). ``load_params`` turns every problem into a line that names the file,
the key path and the fix; no value is ever executed.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import Field, ValidationError, field_validator, model_validator

from campaign_eval.config._base import IsoDate, StrictModel
from campaign_eval.config._errors import format_errors
from campaign_eval.config.data import DataParams
from campaign_eval.config.evaluation import EvaluationParams
from campaign_eval.config.monitoring import MonitoringParams
from campaign_eval.config.outputs import OutputsParams
from campaign_eval.config.plan import PlanParams
from campaign_eval.config.segmentation import SegmentationParams

Language = Literal["en", "zh"]
Stage = Literal["segmentation", "plan", "monitoring", "evaluation"]
STAGES: tuple[Stage, ...] = ("segmentation", "plan", "monitoring", "evaluation")
"""The stages in run order; notebook ``0N_<stage>.ipynb`` implements stage N."""

SCHEMA_VERSION = 1


class ParamsError(ValueError):
    """A params file is invalid; ``problems`` has one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


class CampaignInfo(StrictModel):
    """Who and when: the campaign's identity and its key dates."""

    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
    """Short id used for the output folder outputs/<id>/ (letters, digits, - _ .)."""
    name: str = Field(min_length=1, max_length=200)
    """Display name in every report header."""
    language: Language = "en"
    """Report language: en or zh (headings, table labels and chart text)."""
    start: IsoDate
    """First day of the campaign: invitations start (YYYY-MM-DD)."""
    event: IsoDate
    """Day of the event itself (YYYY-MM-DD)."""
    salt: str | None = None
    """Salt of the randomized assignment; default: the campaign id. Never change it mid-campaign."""
    owner: str | None = None
    """Who runs the campaign, shown in the plan."""
    currency: str | None = Field(None, pattern=r"^[A-Z]{3}$")
    """ISO 4217 code of every money figure, e.g. CNY (shown as CN¥ in English, ¥ in Chinese)."""
    value_labels: dict[str, str] = Field(default_factory=dict)
    """How data values are shown, e.g. `{retail: Retail chains, small: Small business}`."""

    @field_validator("currency")
    @classmethod
    def _known_currency(cls, value: str | None) -> str | None:
        from babel.numbers import is_currency

        if value is not None and not is_currency(value):
            raise ValueError(
                f"campaign.currency {value!r} is not an ISO 4217 currency code; write e.g. CNY, "
                "USD or EUR"
            )
        return value

    @model_validator(mode="after")
    def _order(self) -> CampaignInfo:
        if self.event < self.start:
            raise ValueError(
                f"campaign.event ({self.event}) is before campaign.start ({self.start}); "
                "the event cannot precede the first invitation"
            )
        return self

    @property
    def assignment_salt(self) -> str:
        """The salt actually used for the assignment hash."""
        return self.salt or self.id


class CampaignParams(StrictModel):
    """One campaign: its identity, its data, and one section per stage."""

    campaign: CampaignInfo
    """The campaign's identity and dates."""
    data: DataParams
    """Where the inputs live and how their columns map onto the data contract."""
    segmentation: SegmentationParams = Field(default_factory=SegmentationParams)
    """Segment rules and windows."""
    plan: PlanParams = Field(default_factory=PlanParams)
    """Goals, design, schedule and budget."""
    monitoring: MonitoringParams = Field(default_factory=MonitoringParams)
    """Funnel targets and alert thresholds."""
    evaluation: EvaluationParams = Field(default_factory=EvaluationParams)
    """Outcome windows, metrics and standards."""
    outputs: OutputsParams = Field(default_factory=OutputsParams)
    """Results written back to the engine's storage besides the run folder."""
    stages: list[Stage] = Field(default_factory=lambda: list(STAGES))
    """Stages to run for this campaign, in any order (they always run in stage order)."""

    @model_validator(mode="after")
    def _orders_where_needed(self) -> CampaignParams:
        if self.data.tables.orders is not None:
            return self
        needing: list[str] = [s for s in self.stages if s in {"segmentation", "plan"}]
        if "evaluation" in self.stages and self.evaluation.source == "data":
            needing.append("evaluation")
        if needing:
            raise ValueError(
                f"data.tables.orders: the orders table is required by the stages "
                f"{', '.join(needing)}. Map it, or evaluate a per-customer outcome table alone "
                "(stages: [evaluation] with evaluation.source: outcome_table)"
            )
        return self

    @property
    def reference_date(self) -> dt.date:
        """The segmentation as-of day: explicit, or the day before the campaign starts."""
        ref = self.segmentation.reference_date
        return ref if ref is not None else self.campaign.start - dt.timedelta(days=1)


class LoadedParams(StrictModel):
    """Validated params plus where they came from."""

    params: CampaignParams
    """The validated params."""
    path: Path
    """The params file."""
    raw: dict[str, Any]
    """The file as read (dates as ISO strings), for the manifest."""

    @property
    def folder(self) -> Path:
        """Folder of the params file; relative data paths start here."""
        return self.path.parent


def read_yaml(path: Path) -> dict[str, Any]:
    """Read a params file with ``yaml.safe_load``, dates kept as ISO strings.

    Raises:
        ParamsError: When the file is missing, not UTF-8, not YAML, or not a mapping.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ParamsError([f"{path}: file not found"]) from None
    except UnicodeDecodeError as exc:
        raise ParamsError(
            [f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8"]
        ) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" at line {where.line + 1}" if where is not None else ""
        raise ParamsError(
            [f"{path}: not valid YAML{line}: {getattr(exc, 'problem', exc)}"]
        ) from None
    if not isinstance(data, dict):
        raise ParamsError([f"{path}: expected a mapping of sections (campaign, data, ...)"])
    return json.loads(json.dumps(data, default=str))


def load_params(path: str | Path, *, today: dt.date | None = None) -> LoadedParams:
    """Read and validate one params file.

    Args:
        path: The YAML file.
        today: Reference "today" for the no-future-dates checks (default: the real today).

    Returns:
        The validated params.

    Raises:
        ParamsError: Every problem, one line each, naming the file, the key and the fix.
    """
    path = Path(path)
    raw = read_yaml(path)
    try:
        params = CampaignParams.model_validate(raw)
    except ValidationError as exc:
        raise ParamsError(format_errors(str(path), exc, CampaignParams)) from None
    today = today or dt.datetime.now(dt.UTC).date()
    if params.reference_date > today:
        raise ParamsError(
            [
                (
                    f"{path}: segmentation.reference_date ({params.reference_date}) is in the "
                    f"future (today is {today}); segment on data that exists: set it to {today} "
                    "or earlier"
                )
            ]
        )
    return LoadedParams(params=params, path=path.resolve(), raw=raw)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a params file, for editor autocompletion."""
    schema = CampaignParams.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "campaign_eval params"
    return schema
