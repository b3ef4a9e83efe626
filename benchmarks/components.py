"""Two components on their own: the feature build (1 M customers, 30 M orders) and the evaluation
(10 M customers) against their references, a hand-written DuckDB query and tea-tasting.

Each measurement runs in a fresh subprocess that reports its own wall time and peak resident
memory (VmHWM), so one measurement never inherits another's memory.
"""

from __future__ import annotations

import dataclasses
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "data"
TEA_VENV = HERE / ".venv-tea"
REPEATS = 3
ORDER_SCALE = 3.5
"""Orders per customer of the benchmark world relative to the demo world."""


def _child(kind: str, *args: str, python: str = sys.executable) -> dict:
    """Run one measurement in a subprocess; it prints one JSON line last."""
    out = subprocess.run(
        [python, str(Path(__file__)), "_measure", kind, *args],
        check=True, capture_output=True, text=True, cwd=ROOT,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def _peak_rss_mb() -> float:
    """Peak resident memory of this process image.

    ``ru_maxrss`` survives fork and exec on Linux, so a child would report at least its parent's
    peak (the driver may have just generated data); ``VmHWM`` belongs to this image alone.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _report(payload: dict) -> None:
    payload["peak_rss_mb"] = _peak_rss_mb()
    print(json.dumps(payload))


# --------------------------------------------------------------------------- data


def ensure_world(n_customers: int) -> Path:
    """The demo world without a campaign, at benchmark scale, as Parquet."""
    from campaign_eval import datasets

    folder = DATA / f"world_{n_customers}"
    # The demo world averages about 9 orders per customer over its 33 months; the benchmark
    # asks for about 30 per customer (1,000,000 customers, ~30 million orders).
    config = dataclasses.replace(
        datasets.DEMO_CONFIG,
        monthly_orders=tuple(ORDER_SCALE * m for m in datasets.DEMO_CONFIG.monthly_orders),
    )
    if not (folder / "orders.parquet").exists():
        t0 = time.perf_counter()
        datasets.generate_demo(
            folder, n_customers=n_customers, seed=1, campaign=False, config=config
        )
        print(f"generated {folder.name} in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return folder


def ensure_eval_db(n_customers: int) -> Path:
    """A DuckDB file with an assignment and post-window orders for ``n_customers``, made in SQL."""
    from campaign_eval.io import connect

    path = DATA / f"eval_{n_customers}.duckdb"
    if path.exists():
        return path
    DATA.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    with connect(str(tmp)) as con:
        con.execute("SELECT setseed(0.42)")
        con.execute(f"""
            CREATE TABLE assignment AS
            SELECT 'C' || i AS customer_id,
                   CASE WHEN random() < 0.2 THEN 'control' ELSE 'treatment' END AS arm,
                   ['core', 'growth', 'churn_risk', 'new'][1 + (i % 4)::INT] AS segment
            FROM range({n_customers}) t(i)""")
        # about 1.4 orders per customer in the 30 days after the event; treatment buys more often
        con.execute("""
            CREATE TABLE orders AS
            SELECT a.customer_id,
                   TIMESTAMP '2026-07-15' + to_days(1 + (random() * 29)::INT) AS order_date,
                   round(exp(4 + random()), 2) AS amount
            FROM assignment a, range(3) k(j)
            -- a hash of (customer, j), not random(): the optimizer would evaluate random() once per
            -- customer below the join and give every buyer all three orders
            WHERE hash(a.customer_id, j) % 1000000 < CASE WHEN a.arm = 'treatment' THEN 500000 ELSE 450000 END""")
    tmp.rename(path)
    return path


# --------------------------------------------------------------------------- measurements


def measure_features(folder: str) -> None:
    """campaign_eval's feature build + segment rules on a Parquet world."""
    import datetime as dt

    from campaign_eval.config.data import DataParams
    from campaign_eval.io import load_data
    from campaign_eval.segmentation.rules import segment_data

    params = DataParams.model_validate(
        {"base_dir": ".", "tables": {t: {"path": f"{t}.parquet"} for t in
                                        ("customers", "orders", "surveys", "complaints")}}
    )  # fmt: skip
    t0 = time.perf_counter()
    data = load_data(params, Path(folder), today=dt.date(2026, 11, 30))
    t1 = time.perf_counter()
    result = segment_data(data, dt.date(2026, 6, 30))
    t2 = time.perf_counter()
    _report({"kind": "features", "validate_s": round(t1 - t0, 3), "features_segments_s": round(t2 - t1, 3),
             "customers": len(result.customers), "segments": result.sizes().to_dict()})  # fmt: skip


HAND_SQL = """
WITH o AS (SELECT * FROM read_parquet('{folder}/orders.parquet') WHERE order_date < TIMESTAMP '2026-07-01'),
per AS (
  SELECT customer_id,
    sum(CASE WHEN order_date >= TIMESTAMP '2025-07-01' THEN amount ELSE 0 END) AS spend_12m,
    sum(CASE WHEN order_date >= TIMESTAMP '2026-01-01' THEN amount ELSE 0 END) AS spend_6m,
    sum(CASE WHEN order_date >= TIMESTAMP '2025-07-01' AND order_date < TIMESTAMP '2026-01-01' THEN amount ELSE 0 END) AS spend_prev_6m,
    count(*) FILTER (WHERE order_date >= TIMESTAMP '2025-07-01' AND amount > 0) AS orders_12m,
    count(*) FILTER (WHERE order_date >= TIMESTAMP '2026-04-01' AND amount > 0) AS orders_3m,
    max(order_date) FILTER (WHERE amount > 0) AS last_order, min(order_date) AS first_order
  FROM o GROUP BY customer_id),
s AS (SELECT * FROM read_parquet('{folder}/surveys.parquet') WHERE survey_date < TIMESTAMP '2026-07-01'),
nps AS (SELECT customer_id, arg_max(nps, survey_date) AS latest_nps FROM s WHERE nps IS NOT NULL GROUP BY customer_id),
sat AS (SELECT customer_id, arg_max(satisfaction, survey_date) AS latest_satisfaction FROM s WHERE satisfaction IS NOT NULL GROUP BY customer_id),
comp AS (SELECT customer_id, count(*) AS complaints_12m FROM read_parquet('{folder}/complaints.parquet')
         WHERE complaint_date >= TIMESTAMP '2025-07-01' AND complaint_date < TIMESTAMP '2026-07-01' GROUP BY customer_id),
f AS (
  SELECT c.customer_id, c.industry, c.size, c.region, c.owner, c.since,
         coalesce(spend_12m, 0) AS spend_12m, coalesce(spend_6m, 0) AS spend_6m, coalesce(spend_prev_6m, 0) AS spend_prev_6m,
         coalesce(orders_12m, 0) AS orders_12m, coalesce(orders_3m, 0) AS orders_3m,
         date_diff('day', last_order::DATE, DATE '2026-06-30') AS recency_days,
         date_diff('day', coalesce(c.since, first_order)::DATE, DATE '2026-06-30') AS tenure_days,
         latest_nps, latest_satisfaction, coalesce(complaints_12m, 0) AS complaints_12m
  FROM read_parquet('{folder}/customers.parquet') c
  LEFT JOIN per USING (customer_id) LEFT JOIN nps USING (customer_id)
  LEFT JOIN sat USING (customer_id) LEFT JOIN comp USING (customer_id))
SELECT *, percent_rank() OVER (ORDER BY spend_12m) AS spend_12m_pct FROM f
"""


def measure_hand_sql(folder: str) -> None:
    """The same features as one hand-written DuckDB query, fetched into pandas."""
    from campaign_eval.io import connect

    t0 = time.perf_counter()
    frame = connect().sql(HAND_SQL.format(folder=folder)).df()
    _report(
        {
            "kind": "hand_sql",
            "features_s": round(time.perf_counter() - t0, 3),
            "customers": len(frame),
        }
    )


EVAL_METRICS = ("repurchase_rate", "repeat_purchase_rate", "spend_per_customer")
POST = ("2026-07-15", "2026-08-14")
CAMPAIGN_START = "2026-07-01"


def measure_evaluation(db: str) -> None:
    """campaign_eval's evaluation entry point: three metrics, overall and per segment, in DuckDB."""
    import datetime as dt

    import narwhals as nw

    from campaign_eval.evaluation import OutcomeWindows, evaluate_effects
    from campaign_eval.io import CampaignData, connect

    t0 = time.perf_counter()
    con = connect(db, read_only=True)
    data = CampaignData(con=con, relations={"orders": con.table("orders")})
    assignment = nw.from_native(con.table("assignment"))
    event = dt.date.fromisoformat(POST[0])
    windows = OutcomeWindows.around(dt.date.fromisoformat(CAMPAIGN_START), event, days=30)
    effects = evaluate_effects(data, assignment, list(EVAL_METRICS), windows)
    overall = effects.rows[effects.rows["segment"] == "all"].set_index("metric")
    out = {
        m: {
            "diff": float(overall.loc[m, "diff"]),
            "ci_low": float(overall.loc[m, "ci_low"]),
            "ci_high": float(overall.loc[m, "ci_high"]),
            "p": float(overall.loc[m, "p_value"]),
            "control": float(overall.loc[m, "value_control"]),
            "treatment": float(overall.loc[m, "value_treatment"]),
        }
        for m in EVAL_METRICS
    }
    _report(
        {
            "kind": "evaluation",
            "seconds": round(time.perf_counter() - t0, 3),
            "comparisons": len(effects.rows),
            "results": out,
        }
    )


TEA_USERS_SQL = """
SELECT a.arm,
       (coalesce(o.n, 0) >= 1)::DOUBLE AS repurchase_rate,
       (coalesce(o.n, 0) >= 2)::DOUBLE AS repeat_purchase_rate,
       coalesce(o.spend, 0) AS spend_per_customer
FROM assignment a LEFT JOIN (
  SELECT customer_id, count(*) FILTER (WHERE amount > 0) AS n, sum(amount) AS spend
  FROM orders WHERE order_date >= TIMESTAMP '2026-07-16' AND order_date < TIMESTAMP '2026-08-15'
  GROUP BY customer_id) o USING (customer_id)
"""


def measure_tea(db: str) -> None:
    """tea-tasting on the same DuckDB file: per-user relation in DuckDB, aggregated by tea-tasting."""
    import duckdb
    import tea_tasting as tt

    t0 = time.perf_counter()
    con = duckdb.connect(db, read_only=True)
    con.execute("SET enable_progress_bar = false")
    users = con.sql(TEA_USERS_SQL)
    experiment = tt.Experiment(variant="arm", **{m: tt.Mean(m) for m in EVAL_METRICS})
    result = experiment.analyze(users, control="control")
    out = {}
    for row in result.to_dicts():
        out[row["metric"]] = {"diff": row["effect_size"], "ci_low": row["effect_size_ci_lower"],
                              "ci_high": row["effect_size_ci_upper"], "p": row["pvalue"],
                              "control": row["control"], "treatment": row["treatment"]}  # fmt: skip
    _report({"kind": "tea", "seconds": round(time.perf_counter() - t0, 3), "results": out,
             "version": tt.__version__})  # fmt: skip


# --------------------------------------------------------------------------- drivers


def _best(kind: str, *args: str, python: str = sys.executable, key: str) -> dict:
    runs = [_child(kind, *args, python=python) for _ in range(REPEATS)]
    return min(runs, key=lambda r: r[key])


def bench_features(n_customers: int) -> dict:
    folder = str(ensure_world(n_customers))
    import pyarrow.parquet as pq

    orders = pq.ParquetFile(Path(folder) / "orders.parquet").metadata.num_rows
    ours = _best("features", folder, key="features_segments_s")
    hand = _best("hand_sql", folder, key="features_s")
    return {
        "customers": n_customers, "orders": orders,
        "campaign_eval_s": ours["features_segments_s"], "validation_s": ours["validate_s"],
        "hand_sql_s": hand["features_s"],
        "ratio": round(ours["features_segments_s"] / hand["features_s"], 2),
        "peak_rss_mb": ours["peak_rss_mb"], "hand_sql_peak_rss_mb": hand["peak_rss_mb"],
    }  # fmt: skip


def _tea_python() -> str:
    python = TEA_VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(TEA_VENV)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "tea-tasting", "duckdb"], check=True
        )
    return str(python)


def bench_evaluation(n_customers: int) -> dict:
    db = str(ensure_eval_db(n_customers))
    ours = _best("evaluation", db, key="seconds")
    tea = _best("tea", db, python=_tea_python(), key="seconds")
    worst = max(
        abs(ours["results"][m][k] - tea["results"][m][k]) / max(abs(tea["results"][m][k]), 1e-12)
        for m in EVAL_METRICS for k in ("diff", "ci_low", "ci_high", "control", "treatment")
    )  # fmt: skip
    return {
        "customers": n_customers, "campaign_eval_s": ours["seconds"], "tea_tasting_s": tea["seconds"],
        "ratio": round(ours["seconds"] / tea["seconds"], 2), "max_rel_difference": worst,
        "peak_rss_mb": ours["peak_rss_mb"], "tea_peak_rss_mb": tea["peak_rss_mb"],
        "tea_tasting_version": tea["version"], "results": ours["results"],
    }  # fmt: skip


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "_measure":
        kind, rest = sys.argv[2], sys.argv[3:]
        {"features": measure_features, "hand_sql": measure_hand_sql, "evaluation": measure_evaluation,
         "tea": measure_tea}[kind](*rest)  # fmt: skip
