"""The whole four-stage run through the runner users call, at any scale, and its split by stage.

``world(n)`` writes the demo generator's world (with its campaign) at ``n`` customers as Parquet
into ``benchmarks/data/pipeline_<n>/``; ``params_file(n, engine)`` writes the demo's params
pointing at it (``data.engine: spark`` for Spark). ``measure(params)`` runs ``campaign-eval
run`` in a child process, samples the memory of the whole process tree (runner and kernels), and
splits each stage's wall time using the run's manifest and the executed notebooks' cell times:

- kernel start: from the stage's start to the first cell (papermill's set-up and the kernel);
- imports: the imports of the setup cell, timed apart in a fresh interpreter;
- computation: the rest of the setup cell (read and validate the data, compute, write files);
- sections: the report's cells (tables, sentences, charts);
- rendering: the executed notebook to offline HTML.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sys
from pathlib import Path

import yaml
from common import DATA, PYTHON, ROOT, TODAY, child_json, run_tree

STAGES = ("segmentation", "plan", "monitoring", "evaluation")
DEMO_PARAMS = ROOT / "params" / "demo.yaml"


def world(n_customers: int) -> Path:
    """The demo world with its campaign at ``n_customers``, generated once."""
    from campaign_eval import datasets
    from campaign_eval.datasets.stamp import WORLD_STAMP, world_fingerprint

    folder = DATA / f"pipeline_{n_customers}"
    stamp = folder / WORLD_STAMP
    if not stamp.exists() or stamp.read_text().strip() != world_fingerprint(
        n_customers=n_customers
    ):
        datasets.generate_demo(folder, n_customers=n_customers)
    return folder


def params_file(
    n_customers: int, engine: str = "duckdb", *, campaign_id: str | None = None
) -> Path:
    """The demo's params on the world of ``n_customers`` (absolute paths, no generation)."""
    raw = yaml.safe_load(DEMO_PARAMS.read_text(encoding="utf-8"))
    raw["campaign"]["id"] = campaign_id or f"bench-{n_customers}-{engine}"
    raw["data"]["base_dir"] = str(world(n_customers))
    raw["data"]["demo"] = False
    if engine != "duckdb":
        raw["data"]["engine"] = engine
    path = DATA / "params" / f"{raw['campaign']['id']}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


_PARAMETER_TAGS = {"parameters", "injected-parameters"}


def _parse(stamp: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(stamp)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _cell_seconds(cell: dict) -> float:
    return float(cell.get("metadata", {}).get("papermill", {}).get("duration") or 0.0)


def stage_split(run_dir: Path, imports: dict[str, float]) -> dict[str, dict]:
    """Each stage's wall time split into kernel start, imports, computation and rendering.

    ``imports`` is each stage's every import (the floor's setup cell, see ``stage_modules``);
    computation is the rest of the time its cells ran, sections included (``sections_s`` says how
    much of it the report's cells took, charts and tables, some imports included).
    """
    manifest = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    split = {}
    for stage in manifest["stages"]:
        nb = json.loads((run_dir / stage["notebook"]).read_text(encoding="utf-8"))
        ran = [c for c in nb["cells"] if c["cell_type"] == "code"
               and c.get("metadata", {}).get("papermill", {}).get("start_time")]  # fmt: skip
        first = _parse(ran[0]["metadata"]["papermill"]["start_time"])
        cells = [c for c in ran if not _PARAMETER_TAGS & set(c["metadata"].get("tags", []))]
        sections = sum(_cell_seconds(c) for c in cells if "".join(c["source"]).startswith("view."))
        imported = imports.get(stage["stage"], 0.0)
        split[stage["stage"]] = {
            "kernel_start_s": round((first - _parse(stage["started"])).total_seconds(), 2),
            "imports_s": round(imported, 2),
            "computation_s": round(sum(_cell_seconds(c) for c in cells) - imported, 2),
            "sections_s": round(sections, 2),
            "rendering_s": stage.get("render_s"),
            "total_s": round(stage["duration_s"] + (stage.get("render_s") or 0.0), 2),
        }
    first_stage = _parse(manifest["stages"][0]["started"])
    split["runner"] = {
        "validation_s": round((first_stage - _parse(manifest["started"])).total_seconds(), 2)
    }
    return split


def kernel_imports(floor: dict) -> dict[str, float]:
    """Each stage's imports as the kernel runs them: the setup cell of the floor notebooks."""
    return {stage: floor["stages"][stage]["computation_s"] for stage in STAGES}


def measure(params: Path, imports: dict[str, float], *, notebooks: Path | None = None) -> dict:
    """One run of ``params`` through the runner in a child process: wall, peak memory, split."""
    out = DATA / "out" / params.stem
    shutil.rmtree(out, ignore_errors=True)
    cmd = [PYTHON, str(Path(__file__)), "_run", str(params), str(out)]
    if notebooks is not None:
        cmd.append(str(notebooks))
    payload = child_json(cmd)
    if not payload["ok"]:
        raise RuntimeError(f"{params.name}: the run failed: {payload['run_dir']}")
    payload["stages"] = stage_split(Path(payload["run_dir"]), imports)
    return payload


def _run(params: str, out: str, notebooks: str | None = None) -> None:
    """In the child: the runner users call, on one params file."""
    import time

    from campaign_eval.run.runner import NOTEBOOK_DIR, run_params_file

    t0 = time.perf_counter()
    result = run_params_file(
        params, out_root=Path(out), today=dt.date.fromisoformat(TODAY),
        notebook_dir=Path(notebooks) if notebooks else NOTEBOOK_DIR,
    )  # fmt: skip
    print(json.dumps({"ok": result.ok, "run_dir": result.run_dir,
                      "seconds": round(time.perf_counter() - t0, 2)}))  # fmt: skip


# --------------------------------------------------------------------------------------------------
# The demo's floor: four kernel starts, the imports and the rendering, nothing else


def stage_modules(params: Path) -> dict[str, list[str]]:
    """Each stage's imports beyond its setup cell's: what its computation and sections load.

    One child process per stage, in order on one run folder (each finds the files of the one
    before), runs it as its notebook does (``open_stage``, ``run``, every section of ``View``)
    and lists the modules that appeared in ``sys.modules`` after the setup cell's own imports:
    matplotlib, scipy, statsmodels and the like, which the package imports where they are first
    needed. The floor imports them too, so it holds every import a stage makes, not only its
    first cell's.
    """
    run = DATA / "out" / "stage-modules"
    shutil.rmtree(run, ignore_errors=True)
    run.mkdir(parents=True)
    return {
        stage: child_json([PYTHON, str(Path(__file__)), "_modules", stage, str(params), str(run)])[
            "modules"
        ]
        for stage in STAGES
    }


def _sections(stage: str) -> list[str]:
    """The ``view.<section>()`` calls of a stage notebook, in order."""
    import nbformat

    nb = nbformat.read(ROOT / "notebooks" / _notebook(stage), as_version=4)
    calls = [c.source.strip() for c in nb.cells if c.cell_type == "code"]
    return [c[len("view.") : -2] for c in calls if c.startswith("view.") and c.endswith("()")]


def _notebook(stage: str) -> str:
    return f"{STAGES.index(stage) + 1:02d}_{stage}.ipynb"


def _modules(stage: str, params: str, run: str) -> None:
    """In the child: one stage as its notebook runs it; the modules it added after its imports."""
    import importlib

    module = importlib.import_module(f"campaign_eval.{stage}")
    from campaign_eval.run import open_stage

    before = set(sys.modules)
    ctx = open_stage(stage, params, run_dir=run, today=TODAY)
    view = module.View(module.run(ctx), ctx.params)
    for section in _sections(stage):
        getattr(view, section)()._repr_html_()
    print(json.dumps({"modules": sorted(set(sys.modules) - before)}))


def floor_notebooks(modules: dict[str, list[str]]) -> Path:
    """The four stage notebooks cut to their parameters and every import a stage makes.

    The setup cell keeps its import lines and also imports ``modules[stage]`` (see
    ``stage_modules``); there is no data, no computation and no section.
    """
    import nbformat

    folder = DATA / "floor_notebooks"
    folder.mkdir(parents=True, exist_ok=True)
    for stage in STAGES:
        nb = nbformat.read(ROOT / "notebooks" / _notebook(stage), as_version=4)
        kept = []
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            if "parameters" in cell.metadata.get("tags", []):
                kept.append(cell)
            elif "open_stage(" in cell.source:
                imports = [line for line in cell.source.splitlines() if line.startswith("from ")]
                cell.source = "\n".join([
                    *imports,
                    "import importlib",
                    f"for name in {modules.get(stage, [])!r}:",
                    "    try:",
                    "        importlib.import_module(name)",
                    "    except Exception:  # a module made on the fly (six.moves and the like)",
                    "        pass",
                ])  # fmt: skip
                kept.append(cell)
        nb.cells = kept
        nbformat.write(nb, folder / _notebook(stage))
    return folder


def floor() -> dict:
    """The runner on the floor notebooks of the demo: kernel starts, imports and rendering."""
    params = params_file(20_000, campaign_id="bench-demo")
    notebooks = floor_notebooks(stage_modules(params))
    found = measure(params, dict.fromkeys(STAGES, 0.0), notebooks=notebooks)
    found["floor_s"] = found["seconds"]
    return found


def demo(imports: dict[str, float], floor_run: dict) -> dict:
    """The demo end to end against its floor."""
    full = measure(params_file(20_000, campaign_id="bench-demo"), imports)
    # wall against wall: both runs validate the inputs before the kernels and write the index
    return {"demo": full, "floor": floor_run, "floor_s": floor_run["seconds"],
            "ratio": round(full["seconds"] / floor_run["seconds"], 2)}  # fmt: skip


# --------------------------------------------------------------------------------------------------
# Batch: eight copies of the demo, --jobs 1 against --jobs 2


def batch(files: int = 8) -> dict:
    """``campaign-eval run`` on ``files`` demo params files with --jobs 1 and --jobs 2."""
    params = [params_file(20_000, campaign_id=f"bench-batch-{i}") for i in range(files)]
    found = {}
    for jobs in (1, 2):
        out = DATA / "out" / f"batch-{jobs}"
        shutil.rmtree(out, ignore_errors=True)
        cmd = [PYTHON, "-c", "from campaign_eval.cli import app; app()", "run", *map(str, params),
               "--jobs", str(jobs), "--out", str(out), "--today", TODAY]  # fmt: skip
        done = run_tree(cmd)
        if done.returncode != 0:
            raise RuntimeError(f"batch --jobs {jobs} failed")
        found[f"jobs_{jobs}"] = {"seconds": done.seconds, "peak_tree_mb": done.peak_tree_mb}
    found["speedup"] = round(found["jobs_1"]["seconds"] / found["jobs_2"]["seconds"], 2)
    return found


# --------------------------------------------------------------------------------------------------
# Monitoring and evaluation at the same time after the plan: does it pay?


def _cli(params: Path, out: Path, stages: str) -> list[str]:
    return [PYTHON, "-c", "from campaign_eval.cli import app; app()", "run", str(params),
            "--stages", stages, "--out", str(out), "--today", TODAY]  # fmt: skip


def overlap(customers: int = 20_000) -> dict:
    """After one complete segmentation and plan, monitoring then evaluation, against both at once.

    Each is its own run of the runner (``--stages``), finding the plan's artifacts in the complete
    earlier run, so both variants do the same work; the concurrent one also lets the evaluation
    miss this round's monitoring.json, which it reads for contamination.
    """
    import subprocess
    import time

    params = params_file(customers, campaign_id=f"bench-overlap-{customers}")
    out = DATA / "out" / params.stem
    shutil.rmtree(out, ignore_errors=True)
    if run_tree(_cli(params, out, "segmentation,plan")).returncode != 0:
        raise RuntimeError("segmentation and plan failed")
    t0 = time.perf_counter()
    for stage in ("monitoring", "evaluation"):
        subprocess.run(_cli(params, out, stage), check=True, capture_output=True)
    sequential = time.perf_counter() - t0
    t0 = time.perf_counter()
    both = [subprocess.Popen(_cli(params, out, s), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for s in ("monitoring", "evaluation")]  # fmt: skip
    codes = [p.wait() for p in both]
    concurrent = time.perf_counter() - t0
    return {"customers": customers, "sequential_s": round(sequential, 2),
            "concurrent_s": round(concurrent, 2), "ok": codes == [0, 0],
            "saving": round(1 - concurrent / sequential, 3)}  # fmt: skip


if __name__ == "__main__":
    {"_run": _run, "_modules": _modules}[sys.argv[1]](*sys.argv[2:])
