"""Run the stage notebooks of one or many params files through Papermill and render the reports.

For each params file: validate params and data before any kernel starts, create a fresh run
folder, execute the stages in order on the project's kernel (``run.kernel``), render each executed
notebook to offline HTML, write ``manifest.json`` and ``index.html``, and finish with a
``COMPLETE`` or ``FAILED`` marker. Whatever stops a run once its folder exists (a failing stage,
an unexpected error, Ctrl-C, SIGTERM) ends in a FAILED marker with the reason, a manifest saying
``failed`` and an index page saying what happened. A failed params file never stops the others;
the exit code says whether any failed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import importlib.metadata
import json
import logging
import multiprocessing
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from campaign_eval import artifacts
from campaign_eval.config import (
    STAGES,
    CampaignParams,
    LoadedParams,
    ParamsError,
    Stage,
    load_params,
)
from campaign_eval.io import DataValidationError, load_campaign
from campaign_eval.report.labels import STAGE_KEYS, Language, text
from campaign_eval.run import folders as runs
from campaign_eval.run import overview, signals
from campaign_eval.run.kernel import (
    KERNEL_NAME,
    NOTEBOOK_PARAMETERS,
    IPCKernelManager,
    StageError,
    check_notebook,
    execute,
    first_line,
    last_cell_started,
)

if TYPE_CHECKING:
    from campaign_eval.run.index import StageInfo
    from campaign_eval.run.index import StageStatus as StageState

__all__ = [
    "DEFAULT_CELL_TIMEOUT_S",
    "KERNEL_NAME",
    "NOTEBOOKS",
    "NOTEBOOK_DIR",
    "NOTEBOOK_PARAMETERS",
    "IPCKernelManager",
    "RunResult",
    "StageStatus",
    "check_notebook",
    "run_many",
    "run_params_file",
]

DEFAULT_CELL_TIMEOUT_S = 600
NOTEBOOKS = {stage: f"{i:02d}_{stage}.ipynb" for i, stage in enumerate(STAGES, start=1)}
"""Stage -> notebook file name."""
PROJECT_ROOT = Path(__file__).resolve().parents[3]
NOTEBOOK_DIR = PROJECT_ROOT / "notebooks"
_VERSIONED = ("campaign_eval", "pandas", "duckdb", "narwhals", "scipy", "statsmodels", "papermill",
              "nbconvert", "seaborn", "matplotlib", "pydantic")  # fmt: skip
_REASONS = {
    KeyboardInterrupt: "interrupted (Ctrl-C)",
    signals.Terminated: "stopped by SIGTERM (a scheduler's time limit or kill)",
}
"""Why a run stopped, for the exceptions that stop a process rather than report an error."""


@dataclass
class StageStatus:
    """What happened to one stage of one run.

    ``duration_s`` is the notebook's execution (kernel start included), ``render_s`` the HTML
    report's rendering after it.
    """

    stage: str
    notebook: str
    status: StageState = "pending"
    started: str | None = None
    duration_s: float | None = None
    render_s: float | None = None
    html: str | None = None
    error_cell: int | None = None
    error_name: str | None = None
    error_message: str | None = None


@dataclass
class RunResult:
    """The outcome of one params file (``seconds``: its wall time, validation included)."""

    params_file: str
    ok: bool
    run_dir: str | None = None
    problems: list[str] = field(default_factory=list)
    stages: list[StageStatus] = field(default_factory=list)
    seconds: float | None = None


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


def _reason(exc: BaseException) -> str:
    """Why a run stopped, in one line."""
    for kind, reason in _REASONS.items():
        if isinstance(exc, kind):
            return reason
    return f"{type(exc).__name__}: {first_line(exc) or 'no message'}"


class _Run:
    """One params file's run: its folder, manifest and stage statuses."""

    def __init__(
        self, loaded: LoadedParams, params_file: Path, out_root: Path, today: dt.date,
        stages: Sequence[Stage],
    ) -> None:  # fmt: skip
        self.loaded = loaded
        self.params_file = params_file
        self.today = today
        self.started = dt.datetime.now(dt.UTC)
        self.run_dir = runs.new_run_dir(out_root, self.params.campaign.id, now=self.started)
        self.statuses = [StageStatus(stage=s, notebook=NOTEBOOKS[s]) for s in stages]
        self.log_path = self.run_dir / artifacts.RUN_LOG
        self.manifest: dict[str, Any] = {
            "schema_version": 1,
            "campaign_id": self.params.campaign.id,
            "campaign_name": self.params.campaign.name,
            "run_id": self.run_dir.name,
            "params_file": params_file.name,
            "params": self.params.model_dump(mode="json"),
            "today": today.isoformat(),
            "started": self.started.isoformat(),
            "inputs": {},
            "versions": _versions(),
            "git_commit": _git_commit(),
        }

    @classmethod
    def reopen(cls, loaded: LoadedParams, run_dir: Path) -> _Run:
        """The run of an existing folder, from its manifest (to end a run whose process died)."""
        manifest = json.loads((run_dir / artifacts.MANIFEST).read_text(encoding="utf-8"))
        run = cls.__new__(cls)
        run.loaded, run.params_file = loaded, loaded.path
        run.today = dt.date.fromisoformat(manifest["today"])
        run.started = dt.datetime.fromisoformat(manifest["started"])
        run.run_dir, run.log_path = run_dir, run_dir / artifacts.RUN_LOG
        run.statuses = [StageStatus(**stage) for stage in manifest.get("stages", [])]
        run.manifest = manifest
        return run

    @property
    def params(self) -> CampaignParams:
        return self.loaded.params

    @property
    def tag(self) -> str:
        return self.params.campaign.id

    def write_manifest(self, status: str, failure: list[str] | None = None) -> None:
        self.manifest.update(
            status=status,
            finished=dt.datetime.now(dt.UTC).isoformat() if status != "running" else None,
            stages=[asdict(s) for s in self.statuses],
        )
        if failure:
            self.manifest["failure"] = failure
        artifacts.write_json_atomic(self.run_dir / artifacts.MANIFEST, self.manifest)

    def finish(self, problems: list[str]) -> bool:
        """Write the manifest, the index and the marker of a run that ran to its end."""
        failures = problems + [_stage_failure(s) for s in self.statuses if s.status == "failed"]
        self.write_manifest("failed" if failures else "complete", failures)
        _write_index(self, problems)
        if failures:
            runs.mark(self.run_dir, runs.FAILED, _marker_text(failures))
        else:
            runs.mark(self.run_dir, runs.COMPLETE)
        return not failures

    def fail(self, reason: str, name: str) -> None:
        """End a stopped run: statuses, manifest, index and FAILED, each as far as it goes.

        The run folder may be unwritable (that may be why it stopped); then each file is tried
        anyway, and a folder left empty is removed rather than left unmarked.
        """
        # The stage that was running, or, stopped between two stages, the one about to start.
        stopped = next((s for s in self.statuses if s.status == "running"), None) or next(
            (s for s in self.statuses if s.status == "pending"), None
        )
        for status in self.statuses:
            if status is stopped:
                status.status, status.error_name = "failed", name
                status.error_message = reason
                status.error_cell = last_cell_started(self.run_dir / status.notebook)
            elif status.status == "pending":
                status.status = "skipped"
        steps = (
            lambda: self.write_manifest("failed", [reason]),
            lambda: _write_index(self, [reason], failed=True),
            lambda: runs.mark(self.run_dir, runs.FAILED, _marker_text([reason])),
        )
        for step in steps:
            with contextlib.suppress(Exception):
                step()
        runs.remove_if_empty(self.run_dir)


def _stage_failure(status: StageStatus) -> str:
    cell = f" at cell {status.error_cell}" if status.error_cell is not None else ""
    return f"{status.notebook} failed{cell}: {status.error_name}: {status.error_message}"


def _marker_text(reasons: list[str]) -> str:
    return "\n".join([f"FAILED {dt.datetime.now(dt.UTC).isoformat()}", *reasons]) + "\n"


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
        The result; ``ok`` is False when params, data or any stage failed, or the run stopped.

    Raises:
        KeyboardInterrupt: After marking the run FAILED, when interrupted (Ctrl-C).
        Terminated: After marking the run FAILED, on SIGTERM (see ``run.signals``).
    """
    started = time.perf_counter()
    # Papermill runs each notebook from its own folder, and the kernel's log is opened there:
    # every path the run hands on must not depend on the folder the command started in.
    out_root = Path(out_root).absolute()
    try:
        result = _run_params_file(
            Path(params_file), out_root, stages, today, cell_timeout, notebook_dir
        )
    finally:
        # Every way a run ends, interruptions included, comes past here once per params file.
        _write_overview(out_root)
    result.seconds = round(time.perf_counter() - started, 2)
    return result


def _write_overview(out_root: Path) -> None:
    """Rebuild ``<out_root>/index.html``; a failure to do so is said, never fatal to the run."""
    if not out_root.is_dir():
        return
    try:
        overview.write_outputs_index(out_root)
    except Exception as exc:  # noqa: BLE001 - the runs' own results matter more than the overview
        _say(f"  ! could not rewrite {out_root / overview.OUTPUTS_INDEX}: {_reason(exc)}")


def _run_params_file(
    path: Path,
    out_root: Path,
    stages: list[str] | None,
    today: dt.date | None,
    cell_timeout: int,
    notebook_dir: Path,
) -> RunResult:
    today = today or dt.datetime.now(dt.UTC).date()
    try:
        loaded = load_params(path, today=today)
    except ParamsError as exc:
        for line in exc.problems:
            _say(f"  x {line}")
        return RunResult(str(path), ok=False, problems=exc.problems)
    wanted = [s for s in STAGES if s in (stages or loaded.params.stages)]
    try:
        run = _Run(loaded, path, out_root, today, wanted)
    except OSError as exc:
        problem = f"{path.name}: cannot create a run folder in {out_root}: {exc.strerror or exc}"
        _say(f"  x {problem}")
        return RunResult(str(path), ok=False, problems=[problem])
    if _STARTED is not None:  # a batch worker: the parent learns the folder before any kernel
        _STARTED.put((str(path), str(run.run_dir)))
    try:
        return _run(run, notebook_dir, cell_timeout)
    except BaseException as caught:
        stop = caught
        if signals.received() and isinstance(caught, Exception):
            stop = signals.Terminated("stopped by SIGTERM")  # a library rewrapped it (DuckDB)
        if not isinstance(stop, Exception):
            # The interrupted notebook's kernel dies under nbclient's pending task, which asyncio
            # would print as a DeadKernelError traceback on the terminal; the run says why it
            # stopped, in its FAILED marker and on the line below.
            logging.getLogger("asyncio").setLevel(logging.CRITICAL)
        reason = _reason(stop)
        _say(f"[{run.tag}] FAILED: {reason}: {run.run_dir / artifacts.RUN_INDEX}")
        run.fail(reason, type(stop).__name__)
        if stop is not caught:
            raise stop from caught
        if not isinstance(stop, Exception):
            raise
        return RunResult(str(path), ok=False, run_dir=str(run.run_dir), problems=[reason],
                         stages=run.statuses)  # fmt: skip


def _run(run: _Run, notebook_dir: Path, cell_timeout: int) -> RunResult:
    _say(f"[{run.tag}] run {run.run_dir.name}")
    run.write_manifest("running")
    problems = _check_inputs(run)
    for line in problems:
        _say(f"  x {line}")
    for position, status in enumerate(run.statuses):
        if problems:
            status.status = "skipped"
        elif not _run_stage(run, status, notebook_dir, cell_timeout):
            for later in run.statuses[position + 1 :]:  # they rest on the one that failed
                later.status = "skipped"
            break
    ok = run.finish(problems)
    _say(f"[{run.tag}] {'complete' if ok else 'FAILED'}: {run.run_dir / artifacts.RUN_INDEX}")
    return RunResult(str(run.params_file), ok=ok, run_dir=str(run.run_dir), problems=problems,
                     stages=run.statuses)  # fmt: skip


def _check_inputs(run: _Run) -> list[str]:
    """Validate the data before any kernel starts; the problems, if any."""
    from campaign_eval.datasets import ensure_demo

    params, folder = run.params, run.loaded.folder
    try:
        ensure_demo(params.data, folder)
        data = load_campaign(params, folder, today=run.today, label=run.params_file.name)
        try:
            run.manifest["inputs"] = {
                name: {"file": src.name, "sha256": _sha256(src)}
                for name, src in data.sources.items()
            }
            newest = data.data_date()
            run.manifest["data_date"] = newest.isoformat() if newest is not None else None
        finally:
            data.con.close()
        if any(s.stage == "evaluation" for s in run.statuses):
            _check_outcome_table(run)
    except DataValidationError as exc:  # includes the outcome table's OutcomeTableError
        return exc.problems
    return []


def _check_outcome_table(run: _Run) -> None:
    if run.params.evaluation.source != "outcome_table":
        return
    from campaign_eval.io.outcome_table import check_outcome_table

    table = check_outcome_table(run.params, run.loaded.folder)
    run.manifest["inputs"]["outcome_table"] = {"file": table.name, "sha256": _sha256(table)}
    if run.manifest.get("data_date") is None:  # a table has no dates: the file's own date
        modified = dt.datetime.fromtimestamp(table.stat().st_mtime, tz=dt.UTC).date()
        run.manifest["data_date"] = modified.isoformat()


def _run_stage(run: _Run, status: StageStatus, notebook_dir: Path, cell_timeout: int) -> bool:
    """Execute and render one stage; whether it succeeded."""
    status.status, status.started = "running", dt.datetime.now(dt.UTC).isoformat()
    run.write_manifest("running")
    _say(f"[{run.tag}] {status.notebook} ...")
    output = run.run_dir / status.notebook
    t0 = time.perf_counter()
    parameters = {
        "params_path": str(run.params_file.resolve()),
        "run_dir": str(run.run_dir.resolve()),
        "today": run.today.isoformat(),
    }
    error = execute(notebook_dir / status.notebook, output, parameters,
                    cell_timeout=cell_timeout, log_path=run.log_path)  # fmt: skip
    status.duration_s = round(time.perf_counter() - t0, 2)
    if output.exists():  # a failed notebook is rendered too: its report says where it stopped
        t0 = time.perf_counter()
        _render(run, status, output)
        status.render_s = round(time.perf_counter() - t0, 2)
    # Only now, with its report written, is the stage over: a stop during rendering leaves it
    # "running", which the run's failure handler turns into "failed".
    _record(run, status, error)
    return error is None


def _record(run: _Run, status: StageStatus, error: StageError | None) -> None:
    if error is None:
        status.status = "complete"
        _say(f"[{run.tag}] {status.notebook} ok ({status.duration_s:.1f} s)")
        return
    status.status = "failed"
    status.error_cell, status.error_name, status.error_message = (
        error.cell,
        error.name,
        error.message,
    )
    where = f"cell {error.cell}" if error.cell is not None else "start"
    _say(f"[{run.tag}] {status.notebook} FAILED at {where}: {error.name}: {error.message}")


def _render(run: _Run, status: StageStatus, output: Path) -> None:
    import nbformat

    from campaign_eval.run import render

    language = run.params.campaign.language
    html = output.with_suffix(".html")
    pages = [  # every stage report of the run, for the links to the previous and next one
        (text(STAGE_KEYS[s.stage], language), Path(s.notebook).with_suffix(".html").name)
        for s in run.statuses
    ]
    header = render.ReportHeader(
        campaign_name=run.params.campaign.name,
        campaign_id=run.params.campaign.id,
        stage_title=text(STAGE_KEYS[status.stage], language),
        run_date=run.today.isoformat(),
        data_date=run.manifest.get("data_date") or "",
        language=language,
        links=render.page_links(pages, html.name, language),
    )
    render.render_html(
        nbformat.read(output, as_version=4), html, language=language, header=header,
        log_path=run.log_path,
    )  # fmt: skip
    status.html = html.name


def _write_index(run: _Run, problems: list[str], *, failed: bool | None = None) -> None:
    from campaign_eval.run import index

    files = sorted(
        p.relative_to(run.run_dir).as_posix()
        for p in run.run_dir.rglob("*")
        if p.is_file() and p.suffix in {".csv", ".xlsx", ".parquet", ".json"}
        and p.name != artifacts.MANIFEST
    )  # fmt: skip
    language = run.params.campaign.language
    info = index.IndexInfo(
        campaign_id=run.params.campaign.id,
        campaign_name=run.params.campaign.name,
        run_id=run.run_dir.name,
        started=run.started,
        finished=dt.datetime.now(dt.UTC),
        language=language,
        stages=tuple(_stage_info(s, language) for s in run.statuses),
        artifacts=tuple(files),
        notes=tuple(index.sanitize_message(p) for p in problems),
        failed=bool(problems) if failed is None else failed,
    )
    index.render_index(info, run.run_dir / artifacts.RUN_INDEX)


def _stage_info(status: StageStatus, language: Language) -> StageInfo:
    from campaign_eval.run import index

    return index.StageInfo(
        name=status.stage,
        title=text(STAGE_KEYS[status.stage], language),
        status=status.status,
        duration_s=status.duration_s,
        html=status.html,
        error_cell=status.error_cell,
        error_name=status.error_name,
        error_message=status.error_message,
    )


Work = tuple[str, Path, "list[str] | None", dt.date, int]
"""One params file of a batch: path, outputs folder, stages, today, cell timeout."""

_STARTED: Any = None
"""In a batch worker, the parent's queue: each run puts (params file, run folder) on it as soon as
its folder exists, so a run whose process is killed outright can still be marked FAILED."""

KILLED = (
    "its process died without a word: killed (SIGKILL, e.g. by the system when memory ran out) "
    "or crashed"
)
"""Why a run whose batch worker vanished failed."""


def _init_worker(started: Any) -> None:
    """Set up a batch worker: SIGTERM as an exception, and the queue of run folders."""
    global _STARTED  # noqa: PLW0603 - one value per worker process, set once as it starts
    signals.install()
    _STARTED = started


def _run_one(args: Work) -> RunResult:
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
    on_result: Callable[[RunResult], None] | None = None,
) -> list[RunResult]:
    """Run many params files, ``jobs`` at a time; one failure never stops the others.

    On SIGTERM or Ctrl-C the parallel workers are stopped too, each marking its run FAILED, and
    the interruption is raised again once they are done. A worker killed outright fails its own
    run only (see ``_run_parallel``).

    Args:
        params_files: The campaigns' params files.
        out_root: The outputs folder.
        stages: Stages to run (default: each params file's own).
        today: The day the runs count as today (default: the real UTC today).
        jobs: Params files run at the same time, each in its own process.
        cell_timeout: Seconds one cell may run before its stage fails.
        on_result: Called in this process with each run's result as soon as it finishes (the
            command line prints its progress line there).

    Returns:
        One result per params file, in the order given.
    """
    today = today or dt.datetime.now(dt.UTC).date()
    out_root = Path(out_root).absolute()
    work = [(str(p), out_root, stages, today, cell_timeout) for p in params_files]
    report = on_result or (lambda _result: None)
    if jobs <= 1 or len(work) == 1:
        results = [_run_reported(w, report) for w in work]
    else:
        results = _run_parallel(work, jobs, report)
    order = {str(p): i for i, p in enumerate(params_files)}
    results = sorted(results, key=lambda r: order.get(r.params_file, 0))
    # The batch ends here, in the parent process, after every run is marked COMPLETE or FAILED:
    # the overview is rebuilt once more, so it shows the whole batch whatever order workers ended.
    _write_overview(out_root)
    return results


def _run_reported(work: Work, report: Callable[[RunResult], None]) -> RunResult:
    result = _run_one(work)
    report(result)
    return result


def _run_parallel(
    work: list[Work],
    jobs: int,
    report: Callable[[RunResult], None],
    retried: frozenset[str] = frozenset(),
) -> list[RunResult]:
    """Run the params files ``jobs`` at a time, each in a worker process.

    A worker killed outright (SIGKILL, the out-of-memory killer) breaks the pool: its run is
    marked FAILED from here, and the params files it took down with it (stopped or not yet
    started) run again in a new pool, once.
    """
    results: list[RunResult] = []
    broken: list[Work] = []
    # written through at once, unlike a Queue's feeder thread: a killed worker's last word stays
    started: Any = multiprocessing.SimpleQueue()
    before = _run_folders(work[0][1]) if work else set()
    with ProcessPoolExecutor(
        max_workers=jobs, initializer=_init_worker, initargs=(started,)
    ) as pool:
        futures = {pool.submit(_run_one, w): w for w in work}
        try:
            for future in as_completed(futures):
                try:
                    result = future.result()
                except BrokenProcessPool:
                    broken.append(futures[future])
                    continue
                except Exception as exc:  # noqa: BLE001 - report a crashed worker as a failed run
                    result = RunResult(futures[future][0], ok=False, problems=[str(exc)])
                results.append(result)
                report(result)
        except BaseException:
            for worker in multiprocessing.active_children():
                worker.terminate()  # SIGTERM: each worker marks its own run FAILED
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    if broken:
        results += _recover(work[0][1], broken, before, started, jobs, report, retried)
    return results


def _recover(
    out_root: Path,
    broken: list[Work],
    before: set[Path],
    started: Any,
    jobs: int,
    report: Callable[[RunResult], None],
    retried: frozenset[str],
) -> list[RunResult]:
    """After a worker died: end its run, keep finished ones, run the rest again (once)."""
    for folder in _run_folders(out_root) - before:  # stopped before writing its manifest
        if not (folder / artifacts.MANIFEST).exists():
            runs.remove_if_empty(folder)
    folders: dict[str, Path] = {}
    while not started.empty():
        params_file, run_dir = started.get()
        folders[params_file] = Path(run_dir)
    results: list[RunResult] = []
    again: list[Work] = []
    for w in broken:
        lost = _after_broken_pool(w, folders.get(str(Path(w[0]))), retried)
        if lost is None:
            again.append(w)
        else:
            results.append(lost)
            report(lost)
    if again:
        _say(f"  ! a worker died; running {len(again)} params file(s) again in a new pool")
        results += _run_parallel(again, jobs, report, retried | {str(Path(w[0])) for w in again})
    return results


def _run_folders(out_root: Path) -> set[Path]:
    """The run folders under an outputs folder (``<campaign>/<run>``)."""
    return {p for p in Path(out_root).glob("*/*") if p.is_dir()}


def _after_broken_pool(
    work: Work, run_dir: Path | None, retried: frozenset[str]
) -> RunResult | None:
    """The result of a params file its worker pool lost; None when it should run again.

    The run still "running" belonged to the worker that died: it is marked FAILED. A run that
    ended before the pool broke keeps its result (only the message back was lost); one the pool
    stopped (SIGTERM: it marked itself FAILED) or that never started runs again, once.
    """
    path = Path(work[0])
    manifest: dict[str, Any] = {}
    if run_dir is not None and (run_dir / artifacts.MANIFEST).is_file():
        manifest = json.loads((run_dir / artifacts.MANIFEST).read_text(encoding="utf-8"))
    status, failure = manifest.get("status"), manifest.get("failure", [])
    folder = str(run_dir) if run_dir is not None else None
    if run_dir is not None and status == "running":
        _say(f"[{path.name}] FAILED: {KILLED}: {run_dir / artifacts.RUN_INDEX}")
        with contextlib.suppress(Exception):  # the folder is marked as far as it can be
            _Run.reopen(load_params(path, today=work[3]), run_dir).fail(KILLED, "Killed")
        return RunResult(str(path), ok=False, run_dir=folder, problems=[KILLED])
    if status == "complete":
        return RunResult(str(path), ok=True, run_dir=folder)
    stopped = status == "failed" and failure == [_REASONS[signals.Terminated]]
    if status == "failed" and not stopped:  # it failed by itself
        return RunResult(str(path), ok=False, run_dir=folder, problems=list(failure))
    if run_dir is not None and status is None:  # died before its manifest: nothing to keep
        runs.remove_if_empty(run_dir)
    if str(path) in retried:
        return RunResult(str(path), ok=False, run_dir=folder,
                         problems=[f"{path.name}: {KILLED}, twice"])  # fmt: skip
    return None
