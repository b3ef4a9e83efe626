"""Fixtures of the evaluation tests: the demo worlds, the stage run once, a pandas oracle."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import narwhals as nw
import pandas as pd
import pytest

from campaign_eval import datasets, evaluation
from campaign_eval.config.data import DataParams
from campaign_eval.evaluation.result import EvaluationResult
from campaign_eval.io import CampaignData, load_data
from campaign_eval.run.context import StageContext
from tests.conftest import TODAY
from tests.evaluation._helpers import (
    ASSIGNMENT_TABLE,
    DEMO_EVALUATION,
    OUTCOME_TABLE,
    POST,
    PRE,
    email_test,
    in_window,
    open_evaluation,
    write_params,
)


@dataclass(frozen=True)
class Evaluated:
    """One run of the stage: its context and result."""

    ctx: StageContext
    result: EvaluationResult

    @property
    def view(self) -> evaluation.View:
        """The report's view of the result."""
        return evaluation.View(self.result, self.ctx.params)


@pytest.fixture(scope="session")
def world(tmp_path_factory) -> CampaignData:
    """The standard demo world (20,000 customers) on the engine, with its assignment."""
    folder = tmp_path_factory.mktemp("world20k")
    datasets.generate_demo(folder)
    tables = {
        t: {"path": f"{t}.parquet"} for t in (*datasets.HISTORY_TABLES, *datasets.CAMPAIGN_TABLES)
    }
    params = DataParams.model_validate({"base_dir": str(folder), "tables": tables})
    return load_data(params, folder, today=TODAY)


@pytest.fixture(scope="session")
def small(tmp_path_factory, demo_data: Path) -> Evaluated:
    """The stage run directly (no notebook) on the test world with the data's assignment."""
    folder = tmp_path_factory.mktemp("eval_small")
    params = write_params(
        folder, demo_data, extra={**ASSIGNMENT_TABLE, "evaluation": DEMO_EVALUATION}
    )
    ctx = open_evaluation(params, folder / "run")
    return Evaluated(ctx, evaluation.run(ctx))


@pytest.fixture(scope="session")
def small_zh(tmp_path_factory, demo_data: Path) -> Evaluated:
    """The same run with the report in Chinese."""
    folder = tmp_path_factory.mktemp("eval_small_zh")
    params = write_params(
        folder, demo_data, language="zh", extra={**ASSIGNMENT_TABLE, "evaluation": DEMO_EVALUATION}
    )
    ctx = open_evaluation(params, folder / "run")
    return Evaluated(ctx, evaluation.run(ctx))


@pytest.fixture(scope="session")
def uncontrolled(tmp_path_factory, demo_data: Path) -> Evaluated:
    """The stage on the treated customers only: no control group."""
    folder = tmp_path_factory.mktemp("eval_uncontrolled")
    treated = pd.read_parquet(demo_data / "assignment.parquet").query("arm == 'treatment'")
    treated.to_parquet(folder / "treated_only.parquet")
    extra = {
        "data": {"tables": {"assignment": {"path": str(folder / "treated_only.parquet")}}},
        "evaluation": DEMO_EVALUATION,
    }
    ctx = open_evaluation(write_params(folder, demo_data, extra=extra), folder / "run")
    return Evaluated(ctx, evaluation.run(ctx))


@pytest.fixture(scope="session")
def email(tmp_path_factory, demo_data: Path) -> tuple[pd.DataFrame, Evaluated]:
    """The e-mail test export (no id column: rows numbered) and its evaluation."""
    folder = tmp_path_factory.mktemp("eval_email")
    frame = email_test()
    frame.to_csv(folder / "email_test.csv", index=False)
    table = {**OUTCOME_TABLE["outcome_table"], "path": str(folder / "email_test.csv")}
    extra = {"evaluation": {**OUTCOME_TABLE, "outcome_table": table}}
    ctx = open_evaluation(write_params(folder, demo_data, extra=extra), folder / "run")
    return frame, Evaluated(ctx, evaluation.run(ctx))


@pytest.fixture(scope="session")
def raw(demo_data: Path) -> dict[str, pd.Series | pd.DataFrame]:
    """Per-customer values computed directly in pandas from the Parquet files (the oracle)."""
    assignment = pd.read_parquet(demo_data / "assignment.parquet").set_index("customer_id")
    orders = pd.read_parquet(demo_data / "orders.parquet")
    surveys = pd.read_parquet(demo_data / "surveys.parquet")
    complaints = pd.read_parquet(demo_data / "complaints.parquet")

    def spend(window):
        return (
            in_window(orders, "order_date", window)
            .groupby("customer_id")["amount"]
            .sum()
            .reindex(assignment.index, fill_value=0.0)
        )

    def bought(window):
        hit = in_window(orders[orders["amount"] > 0], "order_date", window)["customer_id"].unique()
        return pd.Series(assignment.index.isin(hit).astype(float), index=assignment.index)

    def satisfaction(window):
        answers = in_window(surveys.dropna(subset=["satisfaction"]), "survey_date", window)
        return answers.groupby("customer_id")["satisfaction"].mean()

    post_answers = in_window(surveys.dropna(subset=["nps"]), "survey_date", POST)
    last = post_answers.groupby("customer_id")["survey_date"].transform("max")
    nps = post_answers[post_answers["survey_date"] == last].groupby("customer_id")["nps"].mean()
    complained = in_window(complaints, "complaint_date", POST)["customer_id"].unique()
    return {
        "assignment": assignment, "surveys": surveys,
        "spend_post": spend(POST), "spend_pre": spend(PRE),
        "repurchase_post": bought(POST), "repurchase_pre": bought(PRE),
        "sat_post": satisfaction(POST), "sat_pre": satisfaction(PRE),
        "nps_post": nps[nps.index.isin(assignment.index)],
        "complaint_post": pd.Series(assignment.index.isin(complained).astype(float), index=assignment.index),
    }  # fmt: skip


@pytest.fixture(scope="session")
def dated() -> tuple[CampaignData, nw.LazyFrame]:
    """Five customers whose only orders fall on the days that decide each window's edge."""
    orders = pd.DataFrame(
        [
            ("A", "2026-03-01", 50.0),  # active before the campaign, no order in either window
            ("B", "2026-07-05", 80.0),  # first order in 12 months during the promotion
            ("C", "2026-07-01 10:00", 70.0),  # on the campaign start: the first invitations
            ("D", "2026-06-01 09:00", 40.0),  # first day of the pre window
            ("E", "2025-12-01", 30.0),  # active before the campaign ...
            ("E", "2026-07-20", 60.0),  # ... and buys after the event
        ],
        columns=["customer_id", "order_date", "amount"],
    ).assign(order_date=lambda f: pd.to_datetime(f["order_date"], format="ISO8601"))
    data = CampaignData.from_frames({"orders": orders})
    population = pd.DataFrame({"customer_id": list("ABCDE"), "arm": "treatment", "segment": "core"})
    return data, data.register("dated_population", population)
