"""Execute one stage notebook on the project's kernel, and leave nothing behind whatever happens.

Kernels talk over IPC sockets in a private temporary folder (parallel kernels never race for TCP
ports). The folder is removed after every execution, and a kernel still alive after an
interruption (Ctrl-C, SIGTERM, a timeout) is killed. A failure is reported as the number of the
failing cell, the error's name and its first line, also for a cell that timed out or a kernel
that died, whose cell papermill does not name.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jupyter_client.manager import AsyncKernelManager
from traitlets import default

KERNEL_NAME = "campaign-eval"
"""The project's kernel, installed into the venv by ``make demo`` / ``make test``."""
KERNEL_DIR_PREFIX = "ce-kernel-"
"""Temporary folders of the kernels' IPC sockets (removed after each execution)."""
NOTEBOOK_PARAMETERS = ("params_path", "run_dir", "today")
"""The parameters every stage notebook declares and the runner injects."""
_MESSAGE_CHARS = 300
_KILL_WAIT_S = 5


class IPCKernelManager(AsyncKernelManager):
    """A kernel manager on IPC sockets in a private folder, removed when the kernel shuts down.

    Starting many kernels at once over TCP can race for ports ("Address already in use",
    papermill #239, #511); IPC avoids it and also silences ipykernel's unencrypted-TCP notice.
    """

    @default("transport")
    def _default_transport(self) -> str:
        return "ipc"

    @default("ip")
    def _default_ip(self) -> str:
        return str(Path(tempfile.mkdtemp(prefix=KERNEL_DIR_PREFIX)) / "k")

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if not restart:
            shutil.rmtree(Path(self.ip).parent, ignore_errors=True)


@dataclass(frozen=True, slots=True)
class StageError:
    """Why a stage notebook failed.

    Attributes:
        cell: The failing cell's number in the committed notebook (1 = the first cell), or None
            when no cell ran (a notebook that cannot be run, a kernel that never started).
        name: The error's name, e.g. ``KeyError`` or ``CellTimeoutError``.
        message: Its first line.
    """

    cell: int | None
    name: str
    message: str


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


def execute(
    notebook: Path,
    output: Path,
    parameters: dict[str, Any],
    *,
    cell_timeout: int,
    log_path: Path,
) -> StageError | None:
    """Execute one notebook into ``output``; None on success, else why it failed.

    Whatever happens (an error, a timeout, Ctrl-C, SIGTERM), the kernel's socket folder is
    removed and a kernel still running is killed before this returns or raises.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    problem = check_notebook(notebook)
    if problem is not None:
        return StageError(None, "NotebookError", problem)
    folder = Path(tempfile.mkdtemp(prefix=KERNEL_DIR_PREFIX))
    managers: list[AsyncKernelManager] = []
    try:
        papermill.execute_notebook(
            str(notebook), str(output), parameters=parameters, kernel_name=KERNEL_NAME,
            cwd=str(notebook.parent), progress_bar=False, execution_timeout=cell_timeout,
            kernel_manager_class=_managed_in(folder, managers, log_path),
        )  # fmt: skip
    except PapermillExecutionError as exc:
        # cell_index is 0-based in the executed notebook, which has one injected cell before the
        # failing one; so it equals the 1-based position of the cell in the committed notebook.
        return StageError(exc.cell_index, exc.ename, first_line(exc.evalue))
    except Exception as exc:  # noqa: BLE001 - a kernel that dies or times out fails this stage only
        with log_path.open("a", encoding="utf-8") as log:
            log.write(f"{notebook.name}: {type(exc).__name__}: {exc}\n")
        return StageError(last_cell_started(output), type(exc).__name__, first_line(str(exc)))
    finally:
        _stop(managers)
        shutil.rmtree(folder, ignore_errors=True)
    return None


def _managed_in(
    folder: Path, managers: list[AsyncKernelManager], log_path: Path
) -> type[IPCKernelManager]:
    """A kernel manager class for one execution: sockets in ``folder``, kernels in ``managers``.

    The kernel process's own output (not the notebook's) goes to the run's log.
    """

    class _Managed(IPCKernelManager):
        def __init__(self, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            managers.append(self)

        @default("ip")
        def _default_ip(self) -> str:
            return str(folder / "k")

        async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
            # the documented hook to launch kernels differently: the child keeps its own copy
            # of the log's file descriptor, so the handle can close once it started
            with log_path.open("ab") as log:
                kw.setdefault("stdout", log)
                kw.setdefault("stderr", log)
                await super()._async_launch_kernel(kernel_cmd, **kw)

    return _Managed


def _stop(managers: list[AsyncKernelManager]) -> None:
    """Kill the kernels an interrupted execution left running, and their connection files."""
    for manager in managers:
        process = getattr(getattr(manager, "provisioner", None), "process", None)
        if process is not None and process.poll() is None:
            process.kill()
            with contextlib.suppress(Exception):
                process.wait(timeout=_KILL_WAIT_S)
        with contextlib.suppress(Exception):
            manager.cleanup_connection_file()


def last_cell_started(output: Path) -> int | None:
    """The cell papermill was running when execution stopped, numbered as in ``execute``.

    Papermill saves the notebook as it goes, stamping each cell with its start time; a cell
    that timed out or took the kernel down is the last one stamped.
    """
    import nbformat

    try:
        nb = nbformat.read(output, as_version=4)
    except (OSError, ValueError):
        return None
    started = [
        index
        for index, cell in enumerate(nb.cells)
        if cell.get("metadata", {}).get("papermill", {}).get("start_time")
    ]
    return started[-1] if started else None


def first_line(text: object) -> str:
    """The first non-blank line of a message, cut to 300 characters."""
    lines = [line for line in str(text).strip().splitlines() if line.strip()]
    return lines[0][:_MESSAGE_CHARS] if lines else ""
