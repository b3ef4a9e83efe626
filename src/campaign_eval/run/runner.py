"""Run the stage notebooks of one or many params files through Papermill and render the reports.

For each params file: validate params and data before any kernel starts, create a fresh run
folder, execute the stages in order on the project's kernel (over IPC sockets, so parallel
kernels never race for TCP ports), render each executed notebook to offline HTML, write
``manifest.json`` and ``index.html``, and finish with a ``COMPLETE`` or ``FAILED`` marker.
A failed params file never stops the others; the exit code says whether any failed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jupyter_client.manager import AsyncKernelManager
from traitlets import default

from campaign_eval import artifacts
from campaign_eval.config import STAGES, CampaignParams, ParamsError, load_params
from campaign_eval.io import DataValidationError, load_campaign
from campaign_eval.report.labels import STAGE_KEYS, text
from campaign_eval.run import folders as runs

if TYPE_CHECKING:
    from campaign_eval.run.index import StageStatus as StageState

KERNEL_NAME = "campaign-eval"
"""The project's kernel, installed into the venv by ``make demo`` / ``make test``."""
DEFAULT_CELL_TIMEOUT_S = 600
NOTEBOOKS = {stage: f"{i:02d}_{stage}.ipynb" for i, stage in enumerate(STAGES, start=1)}
"""Stage -> notebook file name."""
PROJECT_ROOT = Path(__file__).resolve().parents[3]
NOTEBOOK_DIR = PROJECT_ROOT / "notebooks"
_VERSIONED = ("campaign_eval", "pandas", "duckdb", "narwhals", "scipy", "statsmodels", "papermill",
              "nbconvert", "seaborn", "matplotlib", "pydantic")  # fmt: skip


class IPCKernelManager(AsyncKernelManager):
    """A kernel manager on IPC sockets in a private folder.

    Starting many kernels at once over TCP can race for ports ("Address already in use",
    papermill #239, #511); IPC avoids it and also silences ipykernel's unencrypted-TCP notice.
    """

    @default("transport")
    def _default_transport(self) -> str:
        return "ipc"

    @default("ip")
    def _default_ip(self) -> str:
        return str(Path(tempfile.mkdtemp(prefix="ce-kernel-")) / "k")


@dataclass
class StageStatus:
    """What happened to one stage of one run."""

    stage: str
    notebook: str
    status: StageState = "pending"
    started: str | None = None
    duration_s: float | None = None
    html: str | None = None
    error_cell: int | None = None
    error_name: str | None = None
    error_message: str | None = None


@dataclass
class RunResult:
    """The outcome of one params file."""

    params_file: str
    ok: bool
    run_dir: str | None = None
    problems: list[str] = field(default_factory=list)
    stages: list[StageStatus] = field(default_factory=list)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _git_commit() -> str | None:
    try:
        out = subprocess.run(
            ["git", "-C", str(PROJECT_ROOT), "rev-parse", "HEAD"],
            capture_output=True, text=True, check=True, timeout=10,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def _versions() -> dict[str, str]:
    found = {}
    for name in _VERSIONED:
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            continue
    found["python"] = sys.version.split()[0]
    return found


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)  # noqa: T201 - progress goes to the terminal


class _Run:
    """One params file's run: its folder, manifest and stage statuses."""

    def __init__(self, params_file: Path, out_root: Path, campaign_id: str, today: dt.date) -> None:
        self.params_file = params_file
        self.today = today
        self.started = dt.datetime.now(dt.UTC)
        self.manifest: dict[str, Any] = {}
        self.run_dir = runs.new_run_dir(out_root, campaign_id, now=self.started)

    def write_manifest(self, status: str, stages: list[StageStatus]) -> None:
        self.manifest.update(
            status=status,
            finished=dt.datetime.now(dt.UTC).isoformat() if status != "running" else None,
            stages=[asdict(s) for s in stages],
        )
        artifacts.write_json_atomic(self.run_dir / artifacts.MANIFEST, self.manifest)


def run_params_file(
    params_file: str | Path,
    *,
    out_root: Path,
    stages: list[str] | None = None,
    today: dt.date | None = None,
    cell_timeout: int = DEFAULT_CELL_TIMEOUT_S,
    notebook_dir: Path = NOTEBOOK_DIR,
) -> RunResult:
    """Validate, execute and render the stages of one params file.

    Args:
        params_file: The campaign's params file.
        out_root: The outputs folder; the run goes to ``<out_root>/<campaign_id>/<run_id>/``.
        stages: Stages to run (default: the params file's ``stages``); always in stage order.
        today: The day the run counts as today (default: the real UTC today).
        cell_timeout: Seconds one cell may run before the stage fails.
        notebook_dir: Where the stage notebooks live.

    Returns:
        The result; ``ok`` is False when params, data or any stage failed.
    """
    path = Path(params_file)
    today = today or dt.datetime.now(dt.UTC).date()
    try:
        loaded = load_params(path, today=today)
    except ParamsError as exc:
        for line in exc.problems:
            _say(f"  x {line}")
        return RunResult(str(path), ok=False, problems=exc.problems)
    params = loaded.params
    wanted = [s for s in STAGES if s in (stages or params.stages)]
    run = _Run(path, out_root, params.campaign.id, today)
    statuses = [StageStatus(stage=s, notebook=NOTEBOOKS[s]) for s in wanted]
    run.manifest = {
        "schema_version": 1,
        "campaign_id": params.campaign.id,
        "campaign_name": params.campaign.name,
        "run_id": run.run_dir.name,
        "params_file": path.name,
        "params": params.model_dump(mode="json"),
        "today": today.isoformat(),
        "started": run.started.isoformat(),
        "inputs": {},
        "versions": _versions(),
        "git_commit": _git_commit(),
    }
    tag = params.campaign.id
    _say(f"[{tag}] run {run.run_dir.name}")
    run.write_manifest("running", statuses)
    problems: list[str] = []
    try:
        from campaign_eval.datasets import ensure_demo

        ensure_demo(params.data, loaded.folder)
        data = load_campaign(params, loaded.folder, today=today, label=path.name)
        run.manifest["inputs"] = {
            name: {"file": src.name, "sha256": _sha256(src)} for name, src in data.sources.items()
        }
        run.manifest["data_date"] = str(data.data_date())
        data.con.close()
        if "evaluation" in wanted and params.evaluation.source == "outcome_table":
            from campaign_eval.io.outcome_table import check_outcome_table

            table = check_outcome_table(params, loaded.folder)
            run.manifest["inputs"]["outcome_table"] = {"file": table.name, "sha256": _sha256(table)}
    except DataValidationError as exc:  # includes the outcome table's OutcomeTableError
        problems = exc.problems
        for line in problems:
            _say(f"  x {line}")
        for s in statuses:
            s.status = "skipped"
    log_path = run.run_dir / artifacts.RUN_LOG
    failed = bool(problems)
    try:
        failed = _run_stages(run, params, statuses, failed, notebook_dir, cell_timeout, log_path)
    except BaseException:
        # interrupted (Ctrl-C, a crashed worker): never leave a folder that looks unfinished-ok
        for s in statuses:
            if s.status in {"pending", "running"}:
                s.status = "failed" if s.status == "running" else "skipped"
        run.write_manifest("failed", statuses)
        runs.mark(run.run_dir, runs.FAILED, "interrupted\n")
        raise
    run.write_manifest("failed" if failed else "complete", statuses)
    _write_index(run, statuses, problems)
    runs.mark(run.run_dir, runs.FAILED if failed else runs.COMPLETE)
    _say(f"[{tag}] {'FAILED' if failed else 'complete'}: {run.run_dir / 'index.html'}")
    return RunResult(str(path), ok=not failed, run_dir=str(run.run_dir), problems=problems,
                     stages=statuses)  # fmt: skip


NOTEBOOK_PARAMETERS = ("params_path", "run_dir", "today")
"""The parameters every stage notebook declares and the runner injects."""


def check_notebook(notebook: Path) -> str | None:
    """Why a stage notebook cannot be run safely, or None.

    Papermill only warns when a notebook has no ``parameters`` cell (it then injects at the top)
    or when a passed parameter is unknown (papermill #245); a run must fail on both instead.
    """
    import papermill

    if not notebook.exists():
        return f"notebook {notebook.name} is missing from {notebook.parent.name}/"
    declared = papermill.inspect_notebook(str(notebook))
    if not declared:
        return f"{notebook.name} has no cell tagged 'parameters'; tag the cell that declares them"
    missing = [p for p in NOTEBOOK_PARAMETERS if p not in declared]
    if missing:
        return f"{notebook.name}: the parameters cell does not declare {', '.join(missing)}"
    return None


def _run_stages(
    run: _Run,
    params: CampaignParams,
    statuses: list[StageStatus],
    failed: bool,
    notebook_dir: Path,
    cell_timeout: int,
    log_path: Path,
) -> bool:
    """Execute and render the stages in order; returns whether any failed."""
    import nbformat

    from campaign_eval.run import render

    path, today, tag = run.params_file, run.today, params.campaign.id
    for status in statuses:
        if failed:
            status.status = "skipped"
            continue
        status.status, status.started = "running", dt.datetime.now(dt.UTC).isoformat()
        run.write_manifest("running", statuses)
        _say(f"[{tag}] {status.notebook} ...")
        output_nb = run.run_dir / status.notebook
        t0 = time.perf_counter()
        error = _execute(notebook_dir / status.notebook, output_nb, run.run_dir, path, today,
                         cell_timeout, log_path)  # fmt: skip
        status.duration_s = round(time.perf_counter() - t0, 2)
        if error is not None:
            status.status = "failed"
            status.error_cell, status.error_name, status.error_message = error
            failed = True
            _say(f"[{tag}] {status.notebook} FAILED at cell {error[0]}: {error[1]}: {error[2]}")
        else:
            status.status = "complete"
            _say(f"[{tag}] {status.notebook} ok ({status.duration_s:.1f} s)")
        if output_nb.exists():
            html = output_nb.with_suffix(".html")
            header = render.ReportHeader(
                campaign_name=params.campaign.name,
                campaign_id=params.campaign.id,
                stage_title=text(STAGE_KEYS[status.stage], params.campaign.language),
                run_date=today.isoformat(),
                data_date=run.manifest.get("data_date") or "",
                language=params.campaign.language,
            )
            render.render_html(
                nbformat.read(output_nb, as_version=4), html,
                language=params.campaign.language, header=header, log_path=log_path,
            )  # fmt: skip
            status.html = html.name
    return failed


def _execute(
    notebook: Path,
    output: Path,
    run_dir: Path,
    params_file: Path,
    today: dt.date,
    cell_timeout: int,
    log_path: Path,
) -> tuple[int | None, str, str] | None:
    """Execute one notebook; None on success, else (cell, error name, message)."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    problem = check_notebook(notebook)
    if problem is not None:
        return (None, "NotebookError", problem)
    try:
        papermill.execute_notebook(
            str(notebook),
            str(output),
            parameters={
                "params_path": str(params_file.resolve()),
                "run_dir": str(run_dir.resolve()),
                "today": today.isoformat(),
            },
            kernel_name=KERNEL_NAME,
            cwd=str(notebook.parent),
            progress_bar=False,
            execution_timeout=cell_timeout,
            kernel_manager_class=IPCKernelManager,
        )
    except PapermillExecutionError as exc:
        # cell_index is 0-based in the executed notebook, which has one injected cell before the
        # failing one; so it equals the 1-based position of the cell in the committed notebook.
        return (exc.cell_index, exc.ename, _first_line(exc.evalue))
    except Exception as exc:  # noqa: BLE001 - a kernel that dies or times out fails this stage only
        with log_path.open("a", encoding="utf-8") as log:
            log.write(f"{notebook.name}: {type(exc).__name__}: {exc}\n")
        return (None, type(exc).__name__, _first_line(str(exc)))
    return None


def _first_line(text: str) -> str:
    lines = [line for line in str(text).strip().splitlines() if line.strip()]
    return lines[0][:300] if lines else ""


def _write_index(run: _Run, statuses: list[StageStatus], problems: list[str]) -> None:
    from campaign_eval.run import index

    params = run.manifest
    files = sorted(
        p.relative_to(run.run_dir).as_posix()
        for p in run.run_dir.rglob("*")
        if p.is_file() and p.suffix in {".csv", ".xlsx", ".parquet", ".json"}
        and p.name != artifacts.MANIFEST
    )  # fmt: skip
    language = params["params"]["campaign"]["language"]
    info = index.IndexInfo(
        campaign_id=params["campaign_id"],
        campaign_name=params["campaign_name"],
        run_id=params["run_id"],
        started=dt.datetime.fromisoformat(params["started"]),
        finished=dt.datetime.now(dt.UTC),
        language=language,
        stages=tuple(
            index.StageInfo(
                name=s.stage,
                title=text(STAGE_KEYS[s.stage], language),
                status=s.status,
                duration_s=s.duration_s,
                html=s.html,
                error_cell=s.error_cell,
                error_name=s.error_name,
                error_message=s.error_message,
            )
            for s in statuses
        ),
        artifacts=tuple(files),
        notes=tuple(index.sanitize_message(p) for p in problems),
        failed=bool(problems),
    )
    index.render_index(info, run.run_dir / artifacts.RUN_INDEX)


def _run_one(args: tuple[str, Path, list[str] | None, dt.date, int]) -> RunResult:
    params_file, out_root, stages, today, cell_timeout = args
    return run_params_file(
        params_file, out_root=out_root, stages=stages, today=today, cell_timeout=cell_timeout
    )


def run_many(
    params_files: list[str | Path],
    *,
    out_root: Path,
    stages: list[str] | None = None,
    today: dt.date | None = None,
    jobs: int = 1,
    cell_timeout: int = DEFAULT_CELL_TIMEOUT_S,
) -> list[RunResult]:
    """Run many params files, ``jobs`` at a time; one failure never stops the others."""
    today = today or dt.datetime.now(dt.UTC).date()
    work = [(str(p), out_root, stages, today, cell_timeout) for p in params_files]
    if jobs <= 1 or len(work) == 1:
        return [_run_one(w) for w in work]
    results: list[RunResult] = []
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(_run_one, w): w[0] for w in work}
        for future in as_completed(futures):
            try:
                results.append(future.result())
            except Exception as exc:  # noqa: BLE001 - report a crashed worker as a failed run
                results.append(RunResult(futures[future], ok=False, problems=[str(exc)]))
    order = {str(p): i for i, p in enumerate(params_files)}
    return sorted(results, key=lambda r: order.get(r.params_file, 0))
