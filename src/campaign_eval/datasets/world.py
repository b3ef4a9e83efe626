"""The whole world: drawing it in order, and making it as frames or as a folder of Parquet files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from campaign_eval.artifacts import write_text_atomic
from campaign_eval.config.data import DataParams
from campaign_eval.datasets.activity import draw_complaints, draw_orders, draw_surveys
from campaign_eval.datasets.campaign import (
    Targets,
    assign_demo_arms,
    count_segments,
    draw_contacts,
    invited_targets,
    post_orders,
    post_surveys,
    replace_post_window,
    segment_history,
)
from campaign_eval.datasets.draws import Columns, day_index, take
from campaign_eval.datasets.people import draw_customers
from campaign_eval.datasets.settings import (
    CAMPAIGN_START,
    CAMPAIGN_TABLES,
    DATA_END,
    DATA_START,
    DEFAULT_N_CUSTOMERS,
    DEFAULT_SEED,
    DEMO_CONFIG,
    EVENT_DATE,
    POST_WINDOW,
    PRE_WINDOW,
    REFERENCE_DATE,
    DemoConfig,
)
from campaign_eval.datasets.stamp import WORLD_STAMP, is_current, world_fingerprint
from campaign_eval.datasets.tables import (
    assignment_table,
    complaints_table,
    contacts_table,
    costs_table,
    customer_ids,
    customers_table,
    orders_table,
    surveys_table,
    write_table_atomic,
)


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What ``generate_demo`` wrote.

    Attributes:
        out_dir: The folder the files were written to.
        paths: Table name -> Parquet file.
        rows: Table name -> number of rows.
        n_customers: Customers in the world.
        seed: Seed of the world.
        campaign: Whether the campaign tables were written.
        segment_sizes: Customers per segment as of ``reference_date`` (empty without campaign).
        data_start: First day of the data.
        data_end: Last day of the data.
        reference_date: Segmentation as-of date.
        campaign_start: First day of invitations.
        event_date: The event day.
        pre_window: (start, end] the evaluation compares with.
        post_window: (start, end] the planted effects hold in.
    """

    out_dir: Path
    paths: Mapping[str, Path]
    rows: Mapping[str, int]
    n_customers: int
    seed: int
    campaign: bool
    segment_sizes: Mapping[str, int]
    data_start: dt.date = DATA_START
    data_end: dt.date = DATA_END
    reference_date: dt.date = REFERENCE_DATE
    campaign_start: dt.date = CAMPAIGN_START
    event_date: dt.date = EVENT_DATE
    pre_window: tuple[dt.date, dt.date] = PRE_WINDOW
    post_window: tuple[dt.date, dt.date] = POST_WINDOW

    def to_frame(self) -> pd.DataFrame:
        """One row per written table: name, rows and file."""
        return pd.DataFrame(
            {
                "table": list(self.paths),
                "rows": [self.rows[t] for t in self.paths],
                "path": [str(p) for p in self.paths.values()],
            }
        )


def make_frames(
    *, n_customers: int = DEFAULT_N_CUSTOMERS, seed: int = DEFAULT_SEED, campaign: bool = True
) -> dict[str, pd.DataFrame]:
    """Build the demo world in memory, exactly as ``generate_demo`` writes it.

    Args:
        n_customers: Number of customers.
        seed: Seed of ``np.random.default_rng``; the same seed gives the identical world.
        campaign: Whether to run the campaign (segments, assignment, contacts, costs and the
            planted post-window effects). Without it every customer keeps their type's behaviour.

    Returns:
        Canonical table name -> frame with exactly the contract's columns.

    Example:
        >>> frames = make_frames(n_customers=500, seed=1)
        >>> sorted(frames)
        ['assignment', 'complaints', 'contacts', 'costs', 'customers', 'orders', 'surveys']
    """
    tables, _ = build_tables(n_customers, seed, campaign=campaign)
    return {name: table.to_pandas() for name, table in tables.items()}


def generate_demo(
    out_dir: Path,
    *,
    n_customers: int = DEFAULT_N_CUSTOMERS,
    seed: int = DEFAULT_SEED,
    campaign: bool = True,
    config: DemoConfig = DEMO_CONFIG,
) -> DemoSummary:
    """Write the demo world as one Parquet file per canonical table.

    Each file is written under a temporary name and then renamed, so a reader never sees a half
    written file. Without a campaign, campaign files left in ``out_dir`` by an earlier run are
    removed so the folder never mixes two worlds.

    Args:
        out_dir: Folder for ``<table>.parquet`` (created when missing).
        n_customers: Number of customers.
        seed: Seed of the world.
        campaign: Whether to run and write the campaign (see ``make_frames``).
        config: The behaviour of the world; benchmarks pass a ``dataclasses.replace`` of
            ``DEMO_CONFIG`` (e.g. more orders a month) to reach a given scale.

    Returns:
        The files, row counts and dates of the world.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    tables, segment_sizes = build_tables(n_customers, seed, campaign=campaign, config=config)
    paths: dict[str, Path] = {}
    for name, table in tables.items():
        paths[name] = write_table_atomic(table, out_dir / f"{name}.parquet")
    if not campaign:
        for name in CAMPAIGN_TABLES:
            (out_dir / f"{name}.parquet").unlink(missing_ok=True)
    # written last: a folder with a matching stamp holds a complete world of this generator
    stamp = world_fingerprint(n_customers=n_customers, seed=seed, campaign=campaign, config=config)
    write_text_atomic(out_dir / WORLD_STAMP, stamp + "\n")
    return DemoSummary(
        out_dir=out_dir,
        paths=paths,
        rows={name: table.num_rows for name, table in tables.items()},
        n_customers=n_customers,
        seed=seed,
        campaign=campaign,
        segment_sizes=segment_sizes,
    )


def ensure_demo(params: DataParams, params_dir: Path) -> None:
    """Generate the demo world where a params file with ``data.demo: true`` expects it.

    The world is written again when it is missing, half written, or made by another version of
    this generator (its fingerprint stamp differs).
    """
    if not params.demo:
        return
    base = params.resolve(params_dir)
    if not is_current(base):
        generate_demo(base)


@dataclass(frozen=True, slots=True)
class _History:
    """The world as its customers' types make it, before the campaign.

    Attributes:
        customers: The customers' columns, hidden ones included.
        orders: Their orders.
        surveys: Their survey answers.
        complaints: Their complaints.
        ids: The customer ids, one per row of ``customers``.
    """

    customers: Columns
    orders: Columns
    surveys: Columns
    complaints: Columns
    ids: pa.Array


def _draw_history(rng: np.random.Generator, n_customers: int, cfg: DemoConfig) -> _History:
    cust = draw_customers(rng, n_customers, cfg)
    orders = draw_orders(rng, cust, cfg)
    surveys = draw_surveys(rng, cust, cfg)
    complaints = draw_complaints(rng, cust, cfg)
    return _History(cust, orders, surveys, complaints, customer_ids(n_customers))


def _history_until_reference(history: _History, customers: pa.Table) -> dict[str, pd.DataFrame]:
    """The frames the segmentation sees: the history up to ``REFERENCE_DATE``."""
    ref = day_index(REFERENCE_DATE)
    ids = history.ids
    orders, surveys, complaints = history.orders, history.surveys, history.complaints
    return {
        "customers": customers.to_pandas(),
        "orders": orders_table(take(orders, orders["day"] <= ref), ids).to_pandas(),
        "surveys": surveys_table(take(surveys, surveys["day"] <= ref), ids).to_pandas(),
        "complaints": complaints_table(take(complaints, complaints["day"] <= ref), ids).to_pandas(),
    }


def build_tables(
    n_customers: int, seed: int, *, campaign: bool, config: DemoConfig = DEMO_CONFIG
) -> tuple[dict[str, pa.Table], dict[str, int]]:
    """Draw the world and build its tables.

    The draws always come in the same order from one generator: customers, orders, surveys,
    complaints, then (with a campaign) the planted post-window orders and answers, the
    contaminated controls and the invitations. So the history is the same with or without it.

    Returns:
        Table name -> table, and customers per segment (empty without campaign).

    Raises:
        ValueError: When ``n_customers`` is not a positive whole number.
    """
    if isinstance(n_customers, bool) or not isinstance(n_customers, int) or n_customers < 1:
        raise ValueError(f"n_customers must be a positive whole number, got {n_customers!r}")
    rng = np.random.default_rng(seed)
    history = _draw_history(rng, n_customers, config)
    ids = history.ids
    customers = customers_table(history.customers, ids)
    if not campaign:
        return {
            "customers": customers,
            "orders": orders_table(history.orders, ids),
            "surveys": surveys_table(history.surveys, ids),
            "complaints": complaints_table(history.complaints, ids),
        }, {}

    segments = segment_history(_history_until_reference(history, customers))
    assignment = assign_demo_arms(segments)
    targets = Targets.of(assignment, ids.to_pandas())
    cust = history.customers
    planted_orders = post_orders(rng, cust, targets, config)
    orders = replace_post_window(history.orders, n_customers, targets.index, planted_orders)
    planted_answers = post_surveys(rng, cust, targets, config)
    surveys = replace_post_window(history.surveys, n_customers, targets.index, planted_answers)
    invited = invited_targets(rng, targets)
    contacts = draw_contacts(rng, targets.index[invited], targets.segment[invited], config)
    tables = {
        "customers": customers,
        "orders": orders_table(orders, ids),
        "surveys": surveys_table(surveys, ids),
        "complaints": complaints_table(history.complaints, ids),
        "contacts": contacts_table(contacts, ids),
        "costs": costs_table(n_customers),
        "assignment": assignment_table(assignment),
    }
    return tables, count_segments(segments)
