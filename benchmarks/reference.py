"""Each stage's computation against hand-written DuckDB queries that compute the same things.

``ours(stage)`` runs ``<stage>.run(ctx)`` in a fresh process after the imports and the data
load (reading and validating the inputs is timed apart): features, rules, aggregates,
statistics and the files it writes, the files (``<stage>.export.write``) timed apart too.
``hand(stage)`` runs the reference: one script of DuckDB SQL per stage, written by hand for the
demo's params, reading the same Parquet files and writing the same kinds of files with COPY
(timed apart). The stages run in order on one scratch run folder, so each finds the artifacts
of the one before, as in a real run.

The references are what a careful analyst would write without the package: no input validation,
no rule engine, no report. They compute the same features and aggregates, so the ratio says what
the package's generality costs.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from common import DATA, PYTHON, TODAY, child_json

STAGES = ("segmentation", "plan", "monitoring", "evaluation")
REF = "2026-06-30"
"""The demo's reference date (the day before the campaign starts)."""

FEATURES = """
CREATE OR REPLACE TEMP TABLE features AS
WITH o AS (SELECT * FROM read_parquet('{w}/orders.parquet') WHERE order_date < TIMESTAMP '{ref}' + INTERVAL 1 DAY),
per AS (
  SELECT customer_id,
    sum(CASE WHEN order_date >= TIMESTAMP '{ref}' - INTERVAL 12 MONTH THEN amount ELSE 0 END) AS spend_12m,
    sum(CASE WHEN order_date >= TIMESTAMP '{ref}' - INTERVAL 6 MONTH THEN amount ELSE 0 END) AS spend_6m,
    sum(CASE WHEN order_date >= TIMESTAMP '{ref}' - INTERVAL 12 MONTH AND order_date < TIMESTAMP '{ref}' - INTERVAL 6 MONTH THEN amount ELSE 0 END) AS spend_prev_6m,
    count(*) FILTER (WHERE order_date >= TIMESTAMP '{ref}' - INTERVAL 12 MONTH AND amount > 0) AS orders_12m,
    count(*) FILTER (WHERE order_date >= TIMESTAMP '{ref}' - INTERVAL 3 MONTH AND amount > 0) AS orders_3m,
    max(order_date) FILTER (WHERE amount > 0) AS last_order, min(order_date) AS first_order
  FROM o GROUP BY customer_id),
s AS (SELECT * FROM read_parquet('{w}/surveys.parquet') WHERE survey_date < TIMESTAMP '{ref}' + INTERVAL 1 DAY),
nps AS (SELECT customer_id, arg_max(nps, survey_date) AS latest_nps FROM s WHERE nps IS NOT NULL GROUP BY customer_id),
sat AS (SELECT customer_id, arg_max(satisfaction, survey_date) AS latest_satisfaction FROM s WHERE satisfaction IS NOT NULL GROUP BY customer_id),
comp AS (SELECT customer_id, count(*) AS complaints_12m FROM read_parquet('{w}/complaints.parquet')
         WHERE complaint_date >= TIMESTAMP '{ref}' - INTERVAL 12 MONTH AND complaint_date < TIMESTAMP '{ref}' + INTERVAL 1 DAY GROUP BY customer_id),
f AS (
  SELECT c.customer_id, c.name, c.industry, c.size, c.region, c.owner, c.since,
         coalesce(spend_12m, 0) AS spend_12m, coalesce(spend_6m, 0) AS spend_6m, coalesce(spend_prev_6m, 0) AS spend_prev_6m,
         coalesce(orders_12m, 0) AS orders_12m, coalesce(orders_3m, 0) AS orders_3m,
         date_diff('day', last_order::DATE, DATE '{ref}') AS recency_days,
         date_diff('day', coalesce(c.since, first_order)::DATE, DATE '{ref}') / 365.25 AS tenure_years,
         latest_nps, latest_satisfaction, coalesce(complaints_12m, 0) AS complaints_12m
  FROM read_parquet('{w}/customers.parquet') c
  LEFT JOIN per USING (customer_id) LEFT JOIN nps USING (customer_id)
  LEFT JOIN sat USING (customer_id) LEFT JOIN comp USING (customer_id)),
ranked AS (SELECT *, CASE WHEN spend_12m > 0 THEN percent_rank() OVER (PARTITION BY spend_12m > 0 ORDER BY spend_12m) END AS spend_12m_pct FROM f)
SELECT *,
  spend_12m_pct >= 0.95 AND tenure_years >= 3 AND latest_nps >= 9 AS matches_core,
  orders_3m = 0 AND orders_12m >= 1 AND (latest_nps <= 5 OR complaints_12m >= 1) AS matches_churn_risk,
  tenure_years * 12 < 3 AS matches_new,
  spend_12m_pct >= 0.5 AND spend_12m_pct < 0.95 AND (spend_6m - spend_prev_6m) / nullif(spend_prev_6m, 0) >= 0.2 AS matches_growth,
  CASE WHEN coalesce(matches_core, false) THEN 'core' WHEN coalesce(matches_churn_risk, false) THEN 'churn_risk'
       WHEN coalesce(matches_new, false) THEN 'new' WHEN coalesce(matches_growth, false) THEN 'growth' ELSE 'maintain' END AS segment,
  CASE WHEN orders_12m = 0 THEN 'lost' WHEN spend_12m_pct >= 0.8 THEN 'premium' WHEN spend_12m_pct >= 0.5 THEN 'potential' ELSE 'ordinary' END AS tier
FROM ranked
"""

SEGMENTATION = (
    FEATURES
    + """;
SELECT segment, count(*), avg(spend_12m), avg(orders_12m), median(recency_days), avg(tenure_years), avg(latest_nps),
       avg(latest_satisfaction), avg(complaints_12m) FROM features GROUP BY segment;
SELECT tier, count(*), sum(greatest(spend_12m, 0)) FROM features GROUP BY tier;
SELECT industry, segment, count(*) FROM features GROUP BY ALL;
SELECT size, segment, count(*) FROM features GROUP BY ALL;
SELECT region, segment, count(*) FROM features GROUP BY ALL;
COPY features TO '{run}/segments.parquet' (FORMAT parquet);
CREATE OR REPLACE TEMP TABLE lists AS
  SELECT customer_id, industry, size, region, owner, segment, tier, round(spend_12m, 2) AS spend_12m, recency_days,
         concat_ws(', ', CASE WHEN matches_core THEN 'core rule' END, CASE WHEN matches_churn_risk THEN 'churn signal' END,
                   CASE WHEN matches_growth THEN 'growing' END, CASE WHEN matches_new THEN 'new' END) AS tags
  FROM features ORDER BY spend_12m DESC;
COPY lists TO '{run}/hand_lists' (FORMAT csv, PARTITION_BY (segment), OVERWRITE_OR_IGNORE);
COPY lists TO '{run}/hand_lists_parquet' (FORMAT parquet, PARTITION_BY (segment), OVERWRITE_OR_IGNORE);
"""
)

PLAN = (
    FEATURES.replace("{ref}", "{earlier}")
    + """;
-- baselines: the churn-risk cohort a window earlier and its 30-day repurchase; core satisfaction; growth spend
SELECT count(*), sum((n > 0)::INT) FROM (
  SELECT f.customer_id, count(o.customer_id) AS n FROM features f
  LEFT JOIN read_parquet('{w}/orders.parquet') o ON o.customer_id = f.customer_id
       AND o.order_date > TIMESTAMP '{earlier}' AND o.order_date <= TIMESTAMP '{earlier}' + INTERVAL 30 DAY AND o.amount > 0
  WHERE f.segment = 'churn_risk' GROUP BY f.customer_id);
CREATE OR REPLACE TEMP TABLE seg AS SELECT * FROM read_parquet('{run}/segments.parquet');
SELECT count(*), avg(satisfaction), stddev(satisfaction) FROM seg s JOIN read_parquet('{w}/surveys.parquet') v USING (customer_id)
  WHERE s.segment = 'core' AND v.survey_date > TIMESTAMP '{ref}' - INTERVAL 30 DAY AND v.survey_date <= TIMESTAMP '{ref}';
SELECT count(*), avg(spend), stddev(spend) FROM (
  SELECT s.customer_id, coalesce(sum(o.amount), 0) AS spend FROM seg s
  LEFT JOIN read_parquet('{w}/orders.parquet') o ON o.customer_id = s.customer_id
       AND o.order_date > TIMESTAMP '{ref}' - INTERVAL 30 DAY AND o.order_date <= TIMESTAMP '{ref}'
  WHERE s.segment = 'growth' GROUP BY s.customer_id);
-- the assignment: a salted hash per customer, 20 % control in every targeted segment
CREATE OR REPLACE TEMP TABLE assignment AS
  SELECT customer_id, segment, CASE WHEN hash('demo-2026-q3:' || customer_id) % 1000000 < 800000 THEN 'treatment' ELSE 'control' END AS arm
  FROM seg WHERE segment IN ('core', 'growth', 'churn_risk', 'new') ORDER BY segment, customer_id;
SELECT segment, arm, count(*) FROM assignment GROUP BY ALL;
COPY assignment TO '{run}/hand_assignment.parquet' (FORMAT parquet);
COPY assignment TO '{run}/hand_assignment.csv' (FORMAT csv);
CREATE OR REPLACE TEMP TABLE targets AS
  SELECT a.customer_id, s.name, s.owner, a.segment, a.arm, CASE WHEN a.arm = 'treatment' THEN 'contact' ELSE 'do not contact' END AS contact
  FROM assignment a JOIN seg s USING (customer_id) ORDER BY a.arm DESC, a.customer_id;
COPY targets TO '{run}/hand_targets' (FORMAT csv, PARTITION_BY (segment), OVERWRITE_OR_IGNORE);
COPY targets TO '{run}/hand_targets_parquet' (FORMAT parquet, PARTITION_BY (segment), OVERWRITE_OR_IGNORE);
"""
)

MONITORING = """
CREATE OR REPLACE TEMP TABLE joined AS
  SELECT a.segment, a.arm, c.* FROM read_parquet('{run}/assignment.parquet') a
  JOIN read_parquet('{w}/contacts.parquet') c USING (customer_id);
SELECT channel, segment, arm, count(DISTINCT customer_id) AS invited,
       count(DISTINCT customer_id) FILTER (WHERE delivered_at IS NOT NULL) AS delivered,
       count(DISTINCT customer_id) FILTER (WHERE opened_at IS NOT NULL) AS opened,
       count(DISTINCT customer_id) FILTER (WHERE clicked_at IS NOT NULL) AS clicked,
       count(DISTINCT customer_id) FILTER (WHERE registered_at IS NOT NULL) AS registered,
       count(DISTINCT customer_id) FILTER (WHERE attended_at IS NOT NULL) AS attended,
       avg(onsite_score), sum(questions)
FROM joined GROUP BY ALL;
SELECT segment, count(DISTINCT customer_id) FILTER (WHERE attended_at IS NOT NULL) / count(DISTINCT customer_id) FROM joined WHERE arm = 'treatment' GROUP BY ALL;
SELECT date_trunc('day', registered_at), count(*) FROM joined WHERE registered_at IS NOT NULL GROUP BY ALL;
COPY (SELECT DISTINCT customer_id, segment, channel FROM joined WHERE arm = 'control') TO '{run}/hand_contamination.csv' (FORMAT csv);
"""

EVALUATION = """
-- every metric the demo evaluates (repurchase, spend, satisfaction, NPS, churn, complaints) per
-- customer in the pre window and the post window, as docs/methods.md defines them
CREATE OR REPLACE TEMP TABLE per_customer AS
WITH a AS (SELECT * FROM read_parquet('{run}/assignment.parquet')),
o AS (SELECT customer_id, order_date, amount FROM read_parquet('{w}/orders.parquet')
      WHERE order_date >= TIMESTAMP '2025-07-01' AND order_date < TIMESTAMP '2026-08-15'
        AND customer_id IN (SELECT customer_id FROM a)),
ord AS (SELECT customer_id,
          count(*) FILTER (WHERE amount > 0 AND order_date >= TIMESTAMP '2026-07-16') AS n_post,
          sum(amount) FILTER (WHERE order_date >= TIMESTAMP '2026-07-16') AS spend_post,
          count(*) FILTER (WHERE amount > 0 AND order_date >= TIMESTAMP '2026-06-01' AND order_date < TIMESTAMP '2026-07-01') AS n_pre,
          sum(amount) FILTER (WHERE order_date >= TIMESTAMP '2026-06-01' AND order_date < TIMESTAMP '2026-07-01') AS spend_pre,
          count(*) FILTER (WHERE amount > 0 AND order_date < TIMESTAMP '2026-07-01') AS active
        FROM o GROUP BY customer_id),
s AS (SELECT * FROM read_parquet('{w}/surveys.parquet')
      WHERE survey_date >= TIMESTAMP '2026-06-01' AND survey_date < TIMESTAMP '2026-08-15'),
sw AS (SELECT *, CASE WHEN survey_date >= TIMESTAMP '2026-07-16' THEN 'post'
                      WHEN survey_date < TIMESTAMP '2026-07-01' THEN 'pre' END AS w FROM s),
sat AS (SELECT customer_id, avg(satisfaction) FILTER (WHERE w = 'post') AS sat_post,
               avg(satisfaction) FILTER (WHERE w = 'pre') AS sat_pre FROM sw GROUP BY customer_id),
nps_day AS (SELECT customer_id, w, max(survey_date) AS day FROM sw WHERE nps IS NOT NULL AND w IS NOT NULL GROUP BY ALL),
nps AS (SELECT customer_id, avg(nps) FILTER (WHERE sw.w = 'post') AS nps_post, avg(nps) FILTER (WHERE sw.w = 'pre') AS nps_pre
        FROM sw JOIN nps_day USING (customer_id, w) WHERE sw.survey_date = nps_day.day AND nps IS NOT NULL GROUP BY customer_id),
comp AS (SELECT customer_id,
           count(*) FILTER (WHERE complaint_date >= TIMESTAMP '2026-07-16' AND complaint_date < TIMESTAMP '2026-08-15') AS c_post,
           count(*) FILTER (WHERE complaint_date >= TIMESTAMP '2026-06-01' AND complaint_date < TIMESTAMP '2026-07-01') AS c_pre
         FROM read_parquet('{w}/complaints.parquet') GROUP BY customer_id)
SELECT a.customer_id, a.segment, a.arm,
       (coalesce(n_post, 0) >= 1)::DOUBLE AS y_rep, coalesce(spend_post, 0) AS y_spend, sat_post AS y_sat, nps_post AS y_nps,
       CASE WHEN coalesce(active, 0) > 0 THEN (coalesce(n_post, 0) = 0)::DOUBLE END AS y_churn, (coalesce(c_post, 0) > 0)::DOUBLE AS y_comp,
       (coalesce(n_pre, 0) >= 1)::DOUBLE AS x_rep, coalesce(spend_pre, 0) AS x_spend, sat_pre AS x_sat, nps_pre AS x_nps,
       CASE WHEN coalesce(active, 0) > 0 THEN (coalesce(n_pre, 0) = 0)::DOUBLE END AS x_churn, (coalesce(c_pre, 0) > 0)::DOUBLE AS x_comp
FROM a LEFT JOIN ord USING (customer_id) LEFT JOIN sat USING (customer_id) LEFT JOIN nps USING (customer_id) LEFT JOIN comp USING (customer_id);
-- the sums of every comparison per arm and segment, both windows (NPS as categories)
SELECT arm, segment, count(*),
       count(y_rep), sum(y_rep), count(y_spend), sum(y_spend), sum(y_spend * y_spend), count(y_sat), sum(y_sat), sum(y_sat * y_sat),
       count(y_nps), count(*) FILTER (WHERE y_nps >= 9), count(*) FILTER (WHERE y_nps > 6 AND y_nps < 9), count(*) FILTER (WHERE y_nps <= 6),
       count(y_churn), sum(y_churn), count(y_comp), sum(y_comp),
       count(x_rep), sum(x_rep), count(x_spend), sum(x_spend), sum(x_spend * x_spend), count(x_sat), sum(x_sat), sum(x_sat * x_sat),
       count(x_nps), count(*) FILTER (WHERE x_nps >= 9), count(*) FILTER (WHERE x_nps > 6 AND x_nps < 9), count(*) FILTER (WHERE x_nps <= 6),
       count(x_churn), sum(x_churn), count(x_comp), sum(x_comp)
FROM per_customer GROUP BY ALL;
-- CUPED: the cross sums of the metrics with a pre value for everyone
SELECT arm, segment, count(*), sum(x_rep * y_rep), sum(x_spend * y_spend), sum(x_comp * y_comp) FROM per_customer GROUP BY ALL;
-- Mann-Whitney on satisfaction: customers per arm, segment and score
SELECT arm, segment, y_sat, count(*) FROM per_customer WHERE y_sat IS NOT NULL GROUP BY ALL;
-- the paired test: every customer with a score in both windows
SELECT arm, segment, x_sat, y_sat FROM per_customer WHERE x_sat IS NOT NULL AND y_sat IS NOT NULL;
-- goals: treated customers of the churn-risk, core and growth segments, both windows
SELECT segment, count(y_rep), sum(y_rep), count(x_rep), sum(x_rep), count(y_sat), sum(y_sat), sum(y_sat * y_sat),
       count(x_sat), sum(x_sat), sum(x_spend), sum(y_spend), sum(y_spend * y_spend)
FROM per_customer WHERE arm = 'treatment' GROUP BY segment;
-- feedback: satisfaction of the treated, comments and negative ones per arm in the post window
SELECT a.arm, count(*) FILTER (WHERE trim(comment) != ''),
       count(*) FILTER (WHERE trim(comment) != '' AND (lower(sentiment) = 'negative' OR satisfaction <= 2))
FROM read_parquet('{w}/surveys.parquet') s JOIN read_parquet('{run}/assignment.parquet') a USING (customer_id)
WHERE survey_date >= TIMESTAMP '2026-07-16' AND survey_date < TIMESTAMP '2026-08-15' AND comment IS NOT NULL GROUP BY ALL;
-- costs for the return; how far the data reach
SELECT category, sum(planned), sum(actual) FROM read_parquet('{w}/costs.parquet') GROUP BY ALL;
SELECT max(order_date) FROM read_parquet('{w}/orders.parquet');
SELECT max(survey_date) FROM read_parquet('{w}/surveys.parquet');
SELECT max(complaint_date) FROM read_parquet('{w}/complaints.parquet');
SELECT max(invited_at), max(delivered_at), max(opened_at), max(clicked_at), max(registered_at), max(attended_at),
       max(cancelled_at) FROM read_parquet('{w}/contacts.parquet');
COPY (SELECT arm, segment, count(*) AS n, avg(y_rep) AS repurchase, avg(y_spend) AS spend FROM per_customer GROUP BY ALL)
  TO '{run}/hand_evaluation_effects.csv' (FORMAT csv);
"""

SCRIPTS = {
    "segmentation": SEGMENTATION,
    "plan": PLAN,
    "monitoring": MONITORING,
    "evaluation": EVALUATION,
}


def _hand(stage: str, world: str, run: str) -> None:
    """In the child: the stage's hand-written DuckDB script, every result fetched.

    The COPY statements (the files) are timed apart from the queries (the computation). The
    connection has the package's DuckDB settings (``io.engine.connect``: a memory limit of 1/12
    of the machine, which keeps a 10 M run under 8 GB, and spilling to a temp folder past it),
    so the ratio compares the work, not two memory budgets: with DuckDB's default of 80 % the
    hand features at 10 M take 28 s instead of 51 s, and our features query 26 s instead of 47 s.
    """
    from campaign_eval.io.engine import connect

    script = SCRIPTS[stage].format(w=world, run=run, ref=REF, earlier="2026-05-31")
    files = 0.0
    t0 = time.perf_counter()
    with connect() as con:
        code = "\n".join(line for line in script.splitlines() if not line.startswith("--"))
        for statement in [s.strip() for s in code.split(";\n") if s.strip()]:
            t1 = time.perf_counter()
            if statement.upper().startswith("SELECT"):
                con.sql(statement).fetchall()
            else:
                con.execute(statement)
            if statement.upper().startswith("COPY"):
                files += time.perf_counter() - t1
    seconds = time.perf_counter() - t0
    print(json.dumps({"stage": stage, "seconds": round(seconds, 3), "files_s": round(files, 3)}))


def _ours(stage: str, params: str, run: str) -> None:
    """In the child: ``<stage>.run(ctx)``, after the imports and the data load.

    The stage's ``export.write`` (its files: Parquet, CSV, the workbooks, the JSON) is timed
    apart from the rest (the computation).
    """
    import importlib

    from campaign_eval.run.context import open_stage

    module = importlib.import_module(f"campaign_eval.{stage}")
    export = importlib.import_module(f"campaign_eval.{stage}.export")
    files = [0.0]
    write = export.write

    def timed_write(*args, **kwargs):
        t = time.perf_counter()
        try:
            return write(*args, **kwargs)
        finally:
            files[0] += time.perf_counter() - t

    export.write = timed_write
    t0 = time.perf_counter()
    ctx = open_stage(stage, params, run_dir=run, today=TODAY)
    ctx.data  # noqa: B018 - read and validate the inputs now, timed apart
    t1 = time.perf_counter()
    module.run(ctx)
    t2 = time.perf_counter()
    print(json.dumps({"stage": stage, "load_s": round(t1 - t0, 3), "seconds": round(t2 - t1, 3),
                      "files_s": round(files[0], 3)}))  # fmt: skip


def compare(params: Path, world: Path, repeats: int = 1) -> dict:
    """Every stage, ours against the hand-written script (best of ``repeats`` each)."""
    run = DATA / "out" / f"reference-{params.stem}"
    run.mkdir(parents=True, exist_ok=True)
    found = {}
    for stage in STAGES:
        ours = min((child_json([PYTHON, __file__, "_ours", stage, str(params), str(run)])
                    for _ in range(repeats)), key=lambda r: r["seconds"])  # fmt: skip
        hand = min((child_json([PYTHON, __file__, "_hand", stage, str(world), str(run)])
                    for _ in range(repeats)), key=lambda r: r["seconds"])  # fmt: skip
        ours_compute = ours["seconds"] - ours["files_s"]
        hand_compute = hand["seconds"] - hand["files_s"]
        found[stage] = {
            "campaign_eval_s": ours["seconds"], "load_and_validation_s": ours["load_s"],
            "hand_sql_s": hand["seconds"], "ratio": round(ours["seconds"] / hand["seconds"], 2),
            "campaign_eval_compute_s": round(ours_compute, 3),
            "hand_compute_s": round(hand_compute, 3),
            "compute_ratio": round(ours_compute / hand_compute, 2),
            "campaign_eval_files_s": ours["files_s"], "hand_files_s": hand["files_s"],
            "peak_tree_mb": ours["peak_tree_mb"], "hand_peak_tree_mb": hand["peak_tree_mb"],
        }  # fmt: skip
    return found


if __name__ == "__main__":
    {"_hand": _hand, "_ours": _ours}[sys.argv[1]](*sys.argv[2:])
