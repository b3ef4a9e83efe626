"""Benchmarks of campaign_eval: `make bench`, or one of them (benchmarks/README.md has the table).

    .venv/bin/python benchmarks/run.py pipeline --customers 1000000 [--engine spark]
    .venv/bin/python benchmarks/run.py scaling          # pipeline at 100 k, 1 M and 10 M, and the plot
    .venv/bin/python benchmarks/run.py reference --customers 1000000
    .venv/bin/python benchmarks/run.py batch            # 8 demo params files, --jobs 1 and --jobs 2
    .venv/bin/python benchmarks/run.py overlap          # monitoring and evaluation at once, or not
    .venv/bin/python benchmarks/run.py demo             # the demo end to end and its floor
    .venv/bin/python benchmarks/run.py features | evaluation   # two components on their own
    .venv/bin/python benchmarks/run.py all

Every measurement runs in a child process, timed from outside, with the memory of its whole
process tree (runner and kernels) sampled. Generated data goes to benchmarks/data/ (git-ignored,
reused when present). Results go to benchmarks/results.json and are printed; nothing here is
asserted by the test suite: the machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import components
import pipeline
import reference
import report
from common import load_results, machine, save_results

SCALES = (100_000, 1_000_000, 10_000_000)


def _best(runs: list[dict]) -> dict:
    return min(runs, key=lambda r: r["seconds"])


def bench_pipeline(results: dict, customers: int, engine: str, repeats: int, imports: dict) -> None:
    params = pipeline.params_file(customers, engine)
    run = _best([pipeline.measure(params, imports) for _ in range(repeats)])
    run.update(customers=customers, engine=engine, repeats=repeats)
    results.setdefault("pipeline", {})[f"{customers}-{engine}"] = run


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("what", nargs="?", default="all",
                        choices=["pipeline", "scaling", "reference", "batch", "overlap", "demo", "features", "evaluation", "all"])  # fmt: skip
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--engine", default="duckdb", choices=["duckdb", "spark"])
    parser.add_argument("--repeats", type=int, default=1, help="runs per figure; the best is kept")
    args = parser.parse_args()
    results = load_results()
    floors = [pipeline.floor() for _ in range(args.repeats)]
    results["floor"] = min(floors, key=lambda r: r["floor_s"])
    imports = pipeline.kernel_imports(results["floor"])
    what = args.what
    if what == "pipeline":
        bench_pipeline(results, args.customers, args.engine, args.repeats, imports)
    if what in {"scaling", "all"}:
        for n in SCALES:
            bench_pipeline(results, n, "duckdb", args.repeats if n < SCALES[-1] else 1, imports)
    if what in {"reference", "all"}:
        params = pipeline.params_file(args.customers, "duckdb")
        results.setdefault("reference", {})[str(args.customers)] = reference.compare(
            params, pipeline.world(args.customers), args.repeats
        )
    if what in {"batch", "all"}:
        results["batch"] = pipeline.batch()
    if what in {"overlap", "all"}:
        runs = [pipeline.overlap(n) for n in (20_000, 1_000_000) for _ in range(args.repeats)]
        results["overlap"] = runs
    if what in {"demo", "all"}:
        runs = [pipeline.demo(imports, results["floor"]) for _ in range(args.repeats)]
        results["demo"] = min(runs, key=lambda r: r["demo"]["seconds"])
    if what in {"features", "all"}:
        results["features"] = components.bench_features(1_000_000)
    if what in {"evaluation", "all"}:
        results["evaluation"] = components.bench_evaluation(10_000_000)
    results["machine"] = machine()
    save_results(results)
    report.plot(results)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
