"""Benchmarks of campaign_eval: `make bench`, or one of them (benchmarks/README.md has the table).

    .venv/bin/python benchmarks/run.py pipeline --customers 1000000 [--engine spark]
    .venv/bin/python benchmarks/run.py scaling          # pipeline at 100 k, 1 M and 10 M, and the plot
    .venv/bin/python benchmarks/run.py spark            # pipeline at 1 M on Spark local
    .venv/bin/python benchmarks/run.py reference --customers 1000000
    .venv/bin/python benchmarks/run.py batch            # 8 demo params files, --jobs 1 and --jobs 2
    .venv/bin/python benchmarks/run.py overlap          # monitoring and evaluation at once, or not
    .venv/bin/python benchmarks/run.py demo             # the demo end to end and its floor
    .venv/bin/python benchmarks/run.py all              # all of the above, in one run (make bench)
    .venv/bin/python benchmarks/run.py components       # features and evaluation on their own,
                                                        # against hand SQL and tea-tasting

Every measurement runs in a child process, timed from outside, with the memory of its whole
process tree (runner and kernels) sampled. Generated data goes to benchmarks/data/ (git-ignored,
reused when present). Results go to benchmarks/results.json and are printed; nothing here is
asserted by the test suite: the machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import components
import pipeline
import reference
import report
from common import load_results, machine, save_results

SCALES = (100_000, 1_000_000, 10_000_000)
SPARK_SCALE = 1_000_000


def _best(runs: list[dict]) -> dict:
    return min(runs, key=lambda r: r["seconds"])


def bench_pipeline(results: dict, customers: int, engine: str, repeats: int, imports: dict) -> None:
    params = pipeline.params_file(customers, engine)
    run = _best([pipeline.measure(params, imports) for _ in range(repeats)])
    run.update(customers=customers, engine=engine, repeats=repeats)
    results.setdefault("pipeline", {})[f"{customers}-{engine}"] = run


def _scaling(results: dict, args: argparse.Namespace, imports: dict) -> None:
    for n in SCALES:  # 10 M once: it takes minutes and the machine's noise is small beside it
        bench_pipeline(results, n, "duckdb", args.repeats if n < SCALES[-1] else 1, imports)


REFERENCE_SCALES = (1_000_000, 10_000_000)
"""Where each stage is set against its hand-written SQL in a full run: the statistics and
checks cost about the same at any size, so the ratio is measured at two."""


def _reference(results: dict, args: argparse.Namespace, _imports: dict) -> None:
    scales = (args.customers,) if args.what == "reference" else REFERENCE_SCALES
    for n in scales:
        params = pipeline.params_file(n, "duckdb")
        results.setdefault("reference", {})[str(n)] = reference.compare(
            params, pipeline.world(n), args.repeats
        )
        save_results(results)


def _overlap(results: dict, args: argparse.Namespace, _imports: dict) -> None:
    results["overlap"] = [
        pipeline.overlap(n) for n in (20_000, 1_000_000) for _ in range(args.repeats)
    ]


def _demo(results: dict, args: argparse.Namespace, imports: dict) -> None:
    runs = [pipeline.demo(imports, results["floor"]) for _ in range(args.repeats)]
    results["demo"] = min(runs, key=lambda r: r["demo"]["seconds"])


STEPS: dict[str, Callable[[dict, argparse.Namespace, dict], None]] = {
    "pipeline": lambda r, a, i: bench_pipeline(r, a.customers, a.engine, a.repeats, i),
    "scaling": _scaling,
    "spark": lambda r, _a, i: bench_pipeline(r, SPARK_SCALE, "spark", 1, i),
    "reference": _reference,
    "batch": lambda r, _a, _i: r.update(batch=pipeline.batch()),
    "overlap": _overlap,
    "demo": _demo,
    "features": lambda r, _a, _i: r.update(features=components.bench_features(1_000_000)),
    "evaluation": lambda r, _a, _i: r.update(evaluation=components.bench_evaluation(10_000_000)),
}
"""Each benchmark by its command-line name."""
GROUPS = {
    "all": ("scaling", "spark", "reference", "batch", "overlap", "demo"),
    "components": ("features", "evaluation"),
}
"""Names that run several benchmarks, in this order."""


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("what", nargs="?", default="all", choices=[*STEPS, *GROUPS])
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--engine", default="duckdb", choices=["duckdb", "spark"])
    parser.add_argument("--repeats", type=int, default=1, help="runs per figure; the best is kept")
    args = parser.parse_args()
    results = load_results()
    if args.what == "all":  # one run for every figure of the table; the components keep theirs
        results = {k: v for k, v in results.items() if k in GROUPS["components"]}
    floors = [pipeline.floor() for _ in range(args.repeats)]
    results["floor"] = min(floors, key=lambda r: r["floor_s"])
    imports = pipeline.kernel_imports(results["floor"])
    for step in GROUPS.get(args.what, (args.what,)):
        STEPS[step](results, args, imports)
        save_results(results)  # what is measured is kept, whatever happens next
    results["machine"] = machine()
    save_results(results)
    report.plot(results)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
