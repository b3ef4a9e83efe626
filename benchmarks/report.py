"""The benchmark table (Markdown, pasted into README.md) and the scaling plot, from results.json."""

from __future__ import annotations

from common import HERE, load_results

STAGES = ("segmentation", "plan", "monitoring", "evaluation")
PLOT = HERE / "scaling.png"


def _s(value: float | None) -> str:
    return "—" if value is None else f"{value:,.1f}"


def pipeline_table(results: dict) -> str:
    """One row per stage and scale: kernel start, imports, computation, sections, rendering."""
    rows = ["| run | stage | kernel start | imports | computation | sections | rendering | stage total |",
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
    print(pipeline_table(results))
    plot(results)
