"""The evaluation's per-customer outcome table: where it lives, every check, and reading it.

An outcome table is one row per customer with an arm, optionally an id and a segment, and one
column per outcome (and per pre-period covariate), such as an e-mail test export. The runner
checks it before any kernel starts (``check_outcome_table``); the evaluation stage reads it onto
the engine (``read_outcome_table``). Every problem is collected before raising, each naming the
file, the column and the fix.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import narwhals as nw

from campaign_eval.config import CampaignParams
from campaign_eval.config.evaluation import OutcomeTableParams
from campaign_eval.contract import CUSTOMER_ID
from campaign_eval.conventions import ALL_SEGMENTS, UNKNOWN_SEGMENT
from campaign_eval.io.canonical import _quote
from campaign_eval.io.engine import connect
from campaign_eval.io.validation import DataValidationError

FORMATS = {".csv": "csv", ".txt": "csv", ".parquet": "parquet", ".pq": "parquet"}
"""File type of each extension when ``format`` is ``auto``."""
TABLE_NAME = "_evaluation_outcome_table"
"""The engine table the projected outcome table is materialized as."""
_WHERE = "evaluation.outcome_table"
_EXAMPLES = 3
_SHOWN_COLUMNS = 30
_NPS_RANGE = (0.0, 10.0)


class OutcomeTableError(DataValidationError):
    """The outcome table does not match its params; ``problems`` has one line per problem."""


@dataclass(frozen=True)
class OutcomeTable:
    """An outcome table on the engine, with its columns renamed.

    Attributes:
        table: ``customer_id``, ``arm``, ``segment`` and one float column per outcome
            (``y0``, ``y1``, ...) and per covariate (``x0``, ...).
        columns: Outcome name -> its column in ``table``.
        covariates: Outcome name -> the column of its pre-period value (outcomes with a
            covariate only), and each covariate under its own name too.
    """

    table: nw.LazyFrame
    columns: dict[str, str]
    covariates: dict[str, str]


def outcome_table_path(params: CampaignParams, params_dir: Path) -> Path:
    """Where the evaluation's outcome table lives (relative paths start at data.base_dir).

    Raises:
        ValueError: When the params name no outcome table.
    """
    table = _table_params(params)
    return (params.data.resolve(params_dir) / table.path).resolve()


def _table_params(params: CampaignParams) -> OutcomeTableParams:
    table = params.evaluation.outcome_table
    if table is None:
        raise ValueError("evaluation.outcome_table is not set")
    return table


def check_outcome_table(params: CampaignParams, params_dir: Path) -> Path:
    """Read and validate the outcome table before any kernel starts (the runner calls this).

    Returns:
        The table's path, for the manifest.

    Raises:
        OutcomeTableError: Every problem, with the file, the column and the fix.
    """
    path = outcome_table_path(params, params_dir)
    read_outcome_table(
        connect(),
        path,
        _table_params(params),
        control=params.evaluation.control_arm,
        treatments=params.evaluation.treatment_arms,
    )
    return path


def covariate_columns(table: OutcomeTableParams) -> dict[str, str]:
    """Outcome -> its covariate column (its own, else the table's), for outcomes that have one."""
    return {
        column: covariate
        for column, spec in table.outcomes.items()
        if (covariate := spec.covariate or table.covariate_column)
    }


def read_outcome_table(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    table: OutcomeTableParams,
    *,
    control: str,
    treatments: Sequence[str] | None = None,
) -> OutcomeTable:
    """Read and validate a per-customer outcome table on the engine.

    Every problem is collected before raising: a missing file or column, outcome or covariate
    values that are not numbers, binary outcomes other than 0/1, NPS outside 0-10, rows without
    an arm, a missing control arm or treatment arm, a customer id given twice.

    Args:
        con: The DuckDB connection to read with.
        path: The CSV or Parquet file.
        table: Its params (columns and their kinds).
        control: The control arm, which must be present.
        treatments: Treatment arms that must be present (default: any other arm).

    Returns:
        The outcomes, with one float column per outcome and covariate.

    Raises:
        OutcomeTableError: Listing every problem with the file, the column and the fix.
    """
    rel = _open(con, path, table)
    missing = _missing_columns(rel, path, table)
    if missing:
        raise OutcomeTableError(missing)
    problems = [
        *_value_problems(rel, path, table),
        *_arm_problems(rel, path, table, control, treatments),
        *_id_problems(rel, path, table),
    ]
    if problems:
        raise OutcomeTableError(problems)
    return _project(con, rel, table)


def _open(
    con: duckdb.DuckDBPyConnection, path: Path, table: OutcomeTableParams
) -> duckdb.DuckDBPyRelation:
    """The file as an engine relation: it exists, its type is known and it can be read."""
    if not path.exists():
        missing = f"{_WHERE}.path: file not found: {path.name}"
        raise OutcomeTableError([f"{missing}. Fix the path (relative to data.base_dir)"])
    kind = table.format if table.format != "auto" else FORMATS.get(path.suffix.lower())
    if kind is None:
        raise OutcomeTableError(
            [f"{path.name}: unknown file type '{path.suffix}'; set {_WHERE}.format: csv or parquet"]
        )
    try:
        return (
            con.read_csv(str(path), header=True) if kind == "csv" else con.read_parquet(str(path))
        )
    except duckdb.Error as exc:
        raise OutcomeTableError(
            [f"{path.name}: cannot read the file: {str(exc).splitlines()[0]}"]
        ) from None


def _named_columns(table: OutcomeTableParams) -> list[tuple[str, str]]:
    """(params key, column) of every column the params name."""
    named: list[tuple[str, str]] = [("arm_column", table.arm_column)]
    for key in ("id_column", "segment_column", "covariate_column"):
        column = getattr(table, key)
        if column is not None:
            named.append((key, column))
    for column, spec in table.outcomes.items():
        named.append((f"outcomes.{column}", column))
        if spec.covariate is not None:
            named.append((f"outcomes.{column}.covariate", spec.covariate))
    return named


def _missing_columns(
    rel: duckdb.DuckDBPyRelation, path: Path, table: OutcomeTableParams
) -> list[str]:
    present = list(rel.columns)
    shown = ", ".join(present[:_SHOWN_COLUMNS])
    return [
        f"{path.name}: no column '{column}' (named in {_WHERE}.{key}). Columns in the file: "
        f"{shown}. Fix: name one of these columns in {_WHERE}.{key}"
        for key, column in _named_columns(table)
        if column not in present
    ]


def _value_checks(q: str, value_kind: str) -> list[tuple[str, str, str]]:
    """(SQL condition of an offending row, what is wrong, the fix) for one numeric column."""
    cast = f"TRY_CAST({q} AS DOUBLE)"
    checks = [
        (
            f"{q} IS NOT NULL AND trim(CAST({q} AS VARCHAR)) <> '' AND {cast} IS NULL",
            "are not numbers",
            f"clean these rows, or declare another column in {_WHERE}.outcomes",
        )
    ]
    if value_kind == "binary":
        checks.append(
            (
                f"{cast} IS NOT NULL AND {cast} NOT IN (0, 1)",
                "are not 0 or 1",
                "code the outcome as 1 (yes) and 0 (no), or declare it kind: continuous",
            )
        )
    if value_kind == "nps":
        checks.append(
            (
                f"{cast} NOT BETWEEN {_NPS_RANGE[0]} AND {_NPS_RANGE[1]}",
                "are outside 0-10",
                "NPS answers are 0-10 scores; correct these rows or declare another kind",
            )
        )
    return checks


def _value_problems(
    rel: duckdb.DuckDBPyRelation, path: Path, table: OutcomeTableParams
) -> list[str]:
    """Outcome and covariate values that are not numbers, not 0/1 or not 0-10."""
    numeric = [(c, f"outcome ({s.kind})", s.kind) for c, s in table.outcomes.items()]
    covariates = dict.fromkeys(covariate_columns(table).values())
    numeric += [(cov, "covariate", "continuous") for cov in covariates]
    problems = []
    for column, role, value_kind in numeric:
        q = _quote(column)
        for condition, what, fix in _value_checks(q, value_kind):
            offending = rel.filter(condition)
            count = int(offending.aggregate("count(*)").fetchall()[0][0])
            if count:
                rows = offending.project(q).limit(_EXAMPLES).fetchall()
                examples = ", ".join(repr(r[0]) for r in rows)
                problems.append(
                    f"{path.name}: column '{column}' ({role}): {count:,} rows {what}, e.g. "
                    f"{examples}. Fix: {fix}"
                )
    return problems


def _arm_problems(
    rel: duckdb.DuckDBPyRelation,
    path: Path,
    table: OutcomeTableParams,
    control: str,
    treatments: Sequence[str] | None,
) -> list[str]:
    """Rows without an arm, a missing control arm, treatment arms not found or none at all."""
    column = table.arm_column
    arm = _quote(column)
    problems = []
    no_arm = int(
        rel.filter(f"{arm} IS NULL OR trim(CAST({arm} AS VARCHAR)) = ''")
        .aggregate("count(*)")
        .fetchall()[0][0]
    )
    if no_arm:
        problems.append(
            f"{path.name}: column '{column}' (arm): {no_arm:,} rows have no arm. Fix: "
            "fill in each row's arm or drop those rows"
        )
    arms = sorted(
        str(r[0])
        for r in rel.project(f"CAST({arm} AS VARCHAR)").distinct().fetchall()
        if r[0] is not None and str(r[0]).strip()
    )
    found = ", ".join(arms) or "none"
    if control not in arms:
        problems.append(
            f"{path.name}: column '{column}' has no rows of the control arm '{control}' "
            f"(arms found: {found}). Fix: set evaluation.control_arm to the arm that got no "
            "treatment"
        )
    wanted = list(treatments) if treatments is not None else [a for a in arms if a != control]
    missing = [a for a in wanted if a not in arms]
    if missing:
        problems.append(
            f"{path.name}: evaluation.treatment_arms names {', '.join(missing)}, not found in "
            f"column '{column}' (arms found: {found}). Fix evaluation.treatment_arms"
        )
    elif not wanted:
        problems.append(
            f"{path.name}: column '{column}' has no treatment arm besides the control "
            f"'{control}' (arms found: {found}); there is nothing to compare"
        )
    return problems


def _id_problems(rel: duckdb.DuckDBPyRelation, path: Path, table: OutcomeTableParams) -> list[str]:
    """Ids given twice (or empty) when the table has an id column."""
    if table.id_column is None:
        return []
    ident = _quote(table.id_column)
    rows, ids = rel.aggregate(f"count(*), count(DISTINCT {ident})").fetchall()[0]
    if rows == ids:
        return []
    repeated = int(rows) - int(ids)
    message = (
        f"{path.name}: column '{table.id_column}' (id) repeats {repeated:,} ids (or has empty "
        "ones); each customer must appear once. Fix the export"
    )
    return [message]


def _project(
    con: duckdb.DuckDBPyConnection, rel: duckdb.DuckDBPyRelation, table: OutcomeTableParams
) -> OutcomeTable:
    """The validated table with canonical names, materialized once in the engine.

    Row numbers (no id column) must not change between the queries that join a customer's pre
    and post values, and the file is scanned only once.
    """
    ident = (
        f"CAST({_quote(table.id_column)} AS VARCHAR)"
        if table.id_column is not None
        else "CAST(row_number() OVER () AS VARCHAR)"
    )
    segment = (
        f"coalesce(CAST({_quote(table.segment_column)} AS VARCHAR), '{UNKNOWN_SEGMENT}')"
        if table.segment_column is not None
        else f"'{ALL_SEGMENTS}'"
    )
    exprs = [
        f"{ident} AS {CUSTOMER_ID}",
        f"trim(CAST({_quote(table.arm_column)} AS VARCHAR)) AS arm",
        f"{segment} AS segment",
    ]
    columns: dict[str, str] = {}
    for index, column in enumerate(table.outcomes):
        columns[column] = f"y{index}"
        exprs.append(f"TRY_CAST({_quote(column)} AS DOUBLE) AS y{index}")
    covariates = covariate_columns(table)
    named: dict[str, str] = {}
    for index, covariate in enumerate(dict.fromkeys(covariates.values())):
        named[covariate] = f"x{index}"
        exprs.append(f"TRY_CAST({_quote(covariate)} AS DOUBLE) AS x{index}")
    con.execute(f"DROP TABLE IF EXISTS {TABLE_NAME}")
    rel.project(", ".join(exprs)).create(TABLE_NAME)
    return OutcomeTable(
        table=nw.from_native(con.table(TABLE_NAME)),
        columns=columns,
        # outcome -> its covariate's column, and each covariate under its own name (balance)
        covariates={**{c: named[cov] for c, cov in covariates.items()}, **named},
    )
