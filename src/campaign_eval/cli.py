"""The campaign-eval command: run, validate, schema, demo and docs."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Protocol

import typer

from campaign_eval.config import STAGES, ParamsError, json_schema, load_params

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)

DEMO_PARAMS = Path(__file__).resolve().parents[2] / "params" / "demo.yaml"
_TODAY_HELP = "The day the run counts as today, YYYY-MM-DD (default: the real UTC today)."
EXIT_INTERRUPTED = 130
"""Exit code after Ctrl-C, as shells report it."""


def _today(value: str | None) -> dt.date:
    if not value:
        return dt.datetime.now(dt.UTC).date()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"--today expects YYYY-MM-DD, got {value!r}") from None


def _check_out(out: Path) -> None:
    """Stop with one line, before anything runs, when no run folder can be made under ``out``."""
    from campaign_eval.run.folders import check_out_root

    problem = check_out_root(out)
    if problem is not None:
        typer.echo(problem, err=True)
        raise typer.Exit(code=2)


class _Finished(Protocol):
    """What a progress line reads of a finished run (``runner.RunResult``)."""

    params_file: str
    ok: bool
    seconds: float | None


_MINUTE = 60


def _duration(seconds: float) -> str:
    """``42 s``, ``3 min 5 s``: how long, to the second."""
    whole = round(seconds)
    minutes, rest = divmod(whole, _MINUTE)
    return f"{minutes} min {rest} s" if minutes else f"{rest} s"


class Progress:
    """One line per finished campaign: done, failed and left, and an estimate of the time left.

    The estimate is the batch's pace so far (wall time per finished campaign, whatever ``--jobs``
    runs at once) times the campaigns left.
    """

    def __init__(self, total: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.total = total
        self.clock = clock
        self.started = clock()
        self.done = 0
        self.failed = 0

    def line(self, result: _Finished) -> str:
        """Count ``result`` in and describe where the batch stands."""
        if result.ok:
            self.done += 1
        else:
            self.failed += 1
        finished = self.done + self.failed
        left = self.total - finished
        elapsed = self.clock() - self.started
        took = f" in {_duration(result.seconds)}" if result.seconds is not None else ""
        status = "ok" if result.ok else "FAILED"
        counts = f"done {self.done}, failed {self.failed}, left {left}"
        if left:
            estimate = f"about {_duration(elapsed / finished * left)} left"
        else:
            estimate = f"all finished in {_duration(elapsed)}"
        name = Path(result.params_file).name
        return f"[{finished}/{self.total}] {name} {status}{took}: {counts}; {estimate}"


def _run_all(params: list[Path], **options: Any) -> list[Any]:
    """``run_many`` with Ctrl-C and SIGTERM ending in FAILED runs and the usual exit codes."""
    from campaign_eval.run import signals
    from campaign_eval.run.runner import run_many

    try:
        with signals.terminate_as_exception():
            return run_many(list(params), **options)
    except signals.Terminated:
        typer.echo("stopped by SIGTERM: the runs in progress are marked FAILED", err=True)
        raise typer.Exit(code=signals.EXIT_TERMINATED) from None
    except KeyboardInterrupt:
        typer.echo("interrupted: the runs in progress are marked FAILED", err=True)
        raise typer.Exit(code=EXIT_INTERRUPTED) from None


def _stages(value: str | None) -> list[str] | None:
    if not value:
        return None
    chosen = [s.strip() for s in value.split(",") if s.strip()]
    unknown = [s for s in chosen if s not in STAGES]
    if unknown:
        raise typer.BadParameter(f"unknown stage(s) {unknown}; choose from {', '.join(STAGES)}")
    return chosen


@app.command()
def run(
    params: Annotated[list[Path], typer.Argument(help="Params files, one per campaign.")],
    stages: Annotated[
        str | None,
        typer.Option(help=f"Comma-separated stages to run, from: {', '.join(STAGES)}."),
    ] = None,
    jobs: Annotated[int, typer.Option(min=1, help="Params files run in parallel.")] = 1,
    out: Annotated[Path, typer.Option(help="Outputs folder.")] = Path("outputs"),
    today: Annotated[str | None, typer.Option(help=_TODAY_HELP)] = None,
    cell_timeout: Annotated[int, typer.Option(min=1, help="Seconds one cell may run.")] = 600,
) -> None:
    """Run the stage notebooks for each params file and write the HTML reports."""
    chosen, day = _stages(stages), _today(today)
    _check_out(out)
    progress = Progress(len(params))
    results = _run_all(
        params, out_root=out, stages=chosen, today=day, jobs=jobs, cell_timeout=cell_timeout,
        on_result=lambda result: typer.echo(progress.line(result), err=True),
    )  # fmt: skip
    failed = [r for r in results if not r.ok]
    for r in results:
        where = f"{r.run_dir}/index.html" if r.run_dir else "(no run folder: invalid params)"
        typer.echo(f"{'ok    ' if r.ok else 'FAILED'} {r.params_file}: {where}")
    if (out / "index.html").exists():
        typer.echo(f"all campaigns: {out / 'index.html'}")
    raise typer.Exit(code=1 if failed else 0)


@app.command()
def validate(
    params: Annotated[list[Path], typer.Argument(help="Params files to check.")],
    today: Annotated[str | None, typer.Option(help=_TODAY_HELP)] = None,
) -> None:
    """Check params files without running anything."""
    day = _today(today)
    bad = 0
    for path in params:
        try:
            load_params(path, today=day)
        except ParamsError as exc:
            bad += 1
            for line in exc.problems:
                typer.echo(line, err=True)
        else:
            typer.echo(f"ok {path}")
    raise typer.Exit(code=1 if bad else 0)


@app.command()
def schema(
    out: Annotated[Path | None, typer.Option(help="Write here instead of stdout.")] = None,
) -> None:
    """Write the JSON Schema of params files (for editor autocompletion)."""
    text = json.dumps(json_schema(), indent=2, ensure_ascii=False)
    if out is None:
        typer.echo(text)
    else:
        out.write_text(text + "\n", encoding="utf-8")
        typer.echo(f"wrote {out}")


@app.command()
def demo(
    out: Annotated[Path, typer.Option(help="Outputs folder.")] = Path("outputs"),
    today: Annotated[str | None, typer.Option(help=_TODAY_HELP)] = None,
    jobs: Annotated[int, typer.Option(min=1, help="Params files run in parallel.")] = 1,
) -> None:
    """Generate the demo data when missing, then run every stage for params/demo.yaml."""
    day = _today(today)
    _check_out(out)
    result = _run_all([DEMO_PARAMS], out_root=out, today=day, jobs=jobs)[0]
    if not result.ok:
        typer.echo(f"demo FAILED; see {result.run_dir}", err=True)
        raise typer.Exit(code=1)
    typer.echo(Path(result.run_dir or ".") / "index.html")


@app.command()
def docs(folder: Annotated[Path, typer.Argument(help="The docs folder.")] = Path("docs")) -> None:
    """Regenerate docs/data_contract.md, docs/params.md and docs/params.schema.json from code."""
    from campaign_eval.config.docs import params_markdown
    from campaign_eval.contract import contract_markdown

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "data_contract.md").write_text(contract_markdown(), encoding="utf-8")
    (folder / "params.md").write_text(params_markdown(), encoding="utf-8")
    schema_text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    (folder / "params.schema.json").write_text(schema_text, encoding="utf-8")
    typer.echo(f"wrote {folder}/data_contract.md, params.md, params.schema.json")
