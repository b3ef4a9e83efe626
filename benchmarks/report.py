"""The benchmark tables (Markdown, pasted into README.md) and the scaling plot, from results.json.

.venv/bin/python benchmarks/report.py      # prints every table, redraws scaling.png
"""

from __future__ import annotations

from common import HERE, load_results

STAGES = ("segmentation", "plan", "monitoring", "evaluation")
PLOT = HERE / "scaling.png"


def _s(value: float | None) -> str:
    return "—" if value is None else f"{value:,.1f}"


def pipeline_table(results: dict) -> str:
    """One row per stage and scale: kernel start, imports, computation (report sections included), rendering."""
    rows = ["| run | stage | kernel start | imports | computation | of which report sections | rendering | stage total |",
            "|---|---|---:|---:|---:|---:|---:|---:|"]  # fmt: skip
    for _key, run in sorted(results.get("pipeline", {}).items(), key=lambda kv: kv[1]["customers"]):
        label = f"{run['customers']:,} ({run['engine']})"
        rows.append(
            f"| {label} | validation before the kernels | | | {_s(run['stages']['runner']['validation_s'])} | | | |"
        )
        for stage in STAGES:
            s = run["stages"][stage]
            rows.append(
                f"| {label} | {stage} | {_s(s['kernel_start_s'])} | {_s(s['imports_s'])} | "
                f"{_s(s['computation_s'])} | {_s(s['sections_s'])} | {_s(s['rendering_s'])} | {_s(s['total_s'])} |"
            )
        rows.append(
            f"| **{label}** | **end to end** | | | | | | **{_s(run['seconds'])}** "
            f"(peak memory {run['peak_tree_mb']:,.0f} MB) |"
        )
    return "\n".join(rows)


def reference_table(results: dict) -> str:
    """Each stage against its hand-written DuckDB script: computation, files, the whole."""
    rows = ["| customers | stage | computation: ours / hand | ratio | files: ours / hand | whole: ours / hand | ratio | reading + checks (ours only) | peak memory (ours / hand) |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|"]  # fmt: skip
    for n, stages in sorted(results.get("reference", {}).items(), key=lambda kv: int(kv[0])):
        for stage in STAGES:
            r = stages[stage]
            rows.append(
                f"| {int(n):,} | {stage} | "
                f"{r['campaign_eval_compute_s']:.2f} / {r['hand_compute_s']:.2f} s | "
                f"**{r['compute_ratio']:.2f}** | "
                f"{r['campaign_eval_files_s']:.2f} / {r['hand_files_s']:.2f} s | "
                f"{r['campaign_eval_s']:.2f} / {r['hand_sql_s']:.2f} s | {r['ratio']:.2f} | "
                f"{r['load_and_validation_s']:.2f} s | "
                f"{r['peak_tree_mb']:,.0f} / {r['hand_peak_tree_mb']:,.0f} MB |"
            )
    return "\n".join(rows)


def summary_lines(results: dict) -> str:
    """Batch, overlap, demo against its floor, and the Spark ratio, one line each."""
    lines = []
    runs = results.get("pipeline", {})
    if "1000000-spark" in runs and "1000000-duckdb" in runs:
        spark, duck = runs["1000000-spark"], runs["1000000-duckdb"]
        lines.append(
            f"- Spark local at 1,000,000: {_s(spark['seconds'])} s against DuckDB's "
            f"{_s(duck['seconds'])} s, **{spark['seconds'] / duck['seconds']:.1f}x**; peak memory "
            f"{spark['peak_tree_mb']:,.0f} MB against {duck['peak_tree_mb']:,.0f} MB."
        )
    if "batch" in results:
        b = results["batch"]
        lines.append(
            f"- Batch of 8 demo params files: --jobs 1 {_s(b['jobs_1']['seconds'])} s, --jobs 2 "
            f"{_s(b['jobs_2']['seconds'])} s: **{b['speedup']:.2f}x** (peak memory "
            f"{b['jobs_1']['peak_tree_mb']:,.0f} / {b['jobs_2']['peak_tree_mb']:,.0f} MB)."
        )
    lines.extend(
        f"- Monitoring and evaluation at {o['customers']:,} customers: one after the other "
        f"{_s(o['sequential_s'])} s, at once {_s(o['concurrent_s'])} s (saving {o['saving']:.0%})."
        for o in results.get("overlap", [])
    )
    if "demo" in results:
        d = results["demo"]
        lines.append(
            f"- Demo end to end: {_s(d['demo']['seconds'])} s against its floor of "
            f"{_s(d['floor_s'])} s: **{d['ratio']:.2f}x**."
        )
    return "\n".join(lines)


def plot(results: dict) -> None:
    """Wall time per stage and end to end against customers, both axes logarithmic."""
    import matplotlib as mpl

    mpl.use("Agg")
    import matplotlib.pyplot as plt

    runs = sorted((r for r in results.get("pipeline", {}).values() if r["engine"] == "duckdb"),
                  key=lambda r: r["customers"])  # fmt: skip
    if not runs:
        return
    x = [r["customers"] for r in runs]
    fig, ax = plt.subplots(figsize=(7, 4.5), dpi=120)
    ax.plot(x, [r["seconds"] for r in runs], "o-", color="black", lw=2, label="end to end")
    for stage in STAGES:
        ax.plot(x, [r["stages"][stage]["total_s"] for r in runs], "o--", lw=1, label=stage)
    ref = runs[-1]["seconds"]
    ax.plot(x, [ref * n / x[-1] for n in x], ":", color="grey", label="proportional to customers")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("customers (demo world: about 9 orders and 3.4 survey answers each)")
    ax.set_ylabel("wall time (s)")
    ax.set_title("Four-stage run on DuckDB, 2 cores")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(PLOT)
    plt.close(fig)


if __name__ == "__main__":
    results = load_results()
    print(pipeline_table(results), reference_table(results), summary_lines(results), sep="\n\n")
    plot(results)
