"""The evaluation's outcome table: every problem named with the file, the column and the fix."""

from __future__ import annotations

from pathlib import Path

import narwhals as nw
import pytest

from campaign_eval.config import CampaignParams
from campaign_eval.config.evaluation import EvaluationParams
from campaign_eval.io import DataValidationError, connect
from campaign_eval.io.outcome_table import (
    TABLE_NAME,
    OutcomeTableError,
    check_outcome_table,
    covariate_columns,
    outcome_table_path,
    read_outcome_table,
)
from tests.evaluation._helpers import OUTCOME_TABLE, email_test

TABLE = EvaluationParams.model_validate(OUTCOME_TABLE).outcome_table


def _problems(path: Path, table=TABLE, **kwargs) -> str:
    with pytest.raises(OutcomeTableError) as caught:
        read_outcome_table(connect(), path, table, control="control", **kwargs)
    assert isinstance(caught.value, DataValidationError)  # the runner reports it before kernels
    return str(caught.value)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda f: f.drop(columns="revenue"),
         ["no column 'revenue'", "outcome_table.outcomes.revenue", "Columns in the file"]),
        (lambda f: f.assign(revenue=f["revenue"].astype(str).where(f.index > 2, "n/a")),
         ["'revenue'", "3 rows are not numbers", "'n/a'"]),
        (lambda f: f.assign(converted=f["converted"] * 2),
         ["'converted'", "are not 0 or 1", "code the outcome as 1 (yes) and 0 (no)"]),
        (lambda f: f.assign(nps=f["nps"] * 2),
         ["'nps' (outcome (nps))", "are outside 0-10"]),
        (lambda f: f.assign(variant=f["variant"].replace("control", "holdout")),
         ["no rows of the control arm 'control'", "arms found: A, B, holdout",
          "evaluation.control_arm"]),
        (lambda f: f.assign(variant=f["variant"].where(f.index > 4, "")),
         ["column 'variant' (arm): 5 rows have no arm", "fill in each row's arm"]),
        (lambda f: f.assign(variant="control"),
         ["no treatment arm besides the control 'control'", "nothing to compare"]),
    ],
    ids=["missing_column", "not_numeric", "binary_not_0_1", "nps_out_of_range", "no_control_arm",
         "rows_without_arm", "no_treatment_arm"],
)  # fmt: skip
def test_invalid_outcome_tables_name_file_column_and_fix(tmp_path, change, expected):
    path = tmp_path / "email_test.csv"
    change(email_test(200)).to_csv(path, index=False)
    message = _problems(path)
    assert "email_test.csv" in message
    for part in expected:
        assert part in message


def test_every_problem_is_listed_at_once(tmp_path):
    path = tmp_path / "email_test.csv"
    frame = email_test(200).assign(converted=lambda f: f["converted"] * 2)
    frame.assign(revenue=frame["revenue"].astype(str).where(frame.index > 0, "x")).to_csv(path)
    with pytest.raises(OutcomeTableError) as caught:
        read_outcome_table(connect(), path, TABLE, control="control", treatments=["A", "C"])
    problems = caught.value.problems
    assert len(problems) == 3
    assert any("evaluation.treatment_arms names C" in p for p in problems)


def test_missing_file_unknown_type_and_repeated_ids(tmp_path):
    assert "file not found: nowhere.csv" in _problems(tmp_path / "nowhere.csv")
    odd = tmp_path / "export.json"
    odd.write_text("{}", encoding="utf-8")
    assert "unknown file type '.json'" in _problems(odd)
    path = tmp_path / "email_test.csv"
    email_test(50).assign(customer=lambda f: [f"C{i % 40}" for i in range(len(f))]).to_csv(path)
    with_ids = TABLE.model_copy(update={"id_column": "customer"})
    assert "column 'customer' (id) repeats 10 ids" in _problems(path, with_ids)


def test_a_valid_table_is_projected_onto_canonical_columns(tmp_path):
    frame = email_test(300)
    frame.loc[0, "region"] = None
    path = tmp_path / "email_test.parquet"
    frame.to_parquet(path)
    con = connect()
    table = read_outcome_table(con, path, TABLE, control="control", treatments=["A", "B"])
    assert table.columns == {"converted": "y0", "revenue": "y1", "nps": "y2"}
    assert table.covariates == {"converted": "x0", "revenue": "x0", "nps": "x0",
                                "revenue_before": "x0"}  # fmt: skip
    out = table.table.collect(backend="pandas").to_native()
    assert len(out) == len(frame) and out["customer_id"].is_unique  # rows numbered: no id column
    assert out.loc[0, "segment"] == "unknown" and set(out["arm"]) == {"control", "A", "B"}
    assert out["y1"].sum() == pytest.approx(frame["revenue"].sum())
    assert isinstance(table.table, nw.LazyFrame)
    assert TABLE_NAME in con.sql("SHOW TABLES").df()["name"].tolist()  # read once, materialized
    assert covariate_columns(TABLE) == {"converted": "revenue_before", "revenue": "revenue_before",
                                        "nps": "revenue_before"}  # fmt: skip


def test_the_path_starts_at_the_base_dir_and_the_check_returns_it(tmp_path):
    (tmp_path / "data").mkdir()
    email_test(100).to_csv(tmp_path / "data" / "email_test.csv", index=False)
    params = CampaignParams.model_validate({
        "campaign": {"id": "email-ab", "name": "E-mail test", "start": "2026-10-01",
                     "event": "2026-10-01"},
        "data": {"base_dir": "data", "tables": {}},
        "stages": ["evaluation"],
        "evaluation": OUTCOME_TABLE,
    })  # fmt: skip
    expected = (tmp_path / "data" / "email_test.csv").resolve()
    assert outcome_table_path(params, tmp_path) == expected
    assert check_outcome_table(params, tmp_path) == expected
    without = params.model_copy(update={"evaluation": EvaluationParams()})
    with pytest.raises(ValueError, match=r"evaluation\.outcome_table is not set"):
        outcome_table_path(without, tmp_path)
