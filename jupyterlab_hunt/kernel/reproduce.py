"""Kernel calls that run an analysis of JupyterLab's hunt worker on a DataFrame:
``hunt.extract_iocs``, ``hunt.decode``, ``hunt.score_sessions`` and ``hunt.stl`` (docs/kernel.md).

The kernel sends ``{"op": "run", "request_id", "job", "args"}`` with the table as Arrow IPC in
``buffers[0]`` and blocks until JupyterLab answers ``run_started`` then ``run_result`` (the
result table in ``buffers[0]``) or ``run_error``. While a cell runs, ipykernel reads nothing
from the shell channel, so JupyterLab sends these replies as ``comm_msg`` on the **control**
channel: the kernel's control thread reads it while the main thread executes the cell.
:func:`route_control_comm_messages` adds the ``comm_msg`` handler the control channel lacks.

Keyword names are msticpy's where msticpy has the parameter; the tables below are kept equal to
``REPRODUCE_CALLS`` in ``src/common/reproduce.ts`` (tests/test_reproduce.py compares them).
"""

from __future__ import annotations

import importlib.util
import logging
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

import pandas as pd

log = logging.getLogger("jupyterlab_hunt.kernel")

#: Seconds to wait for JupyterLab to say it started the job (then: no frontend answered).
ACCEPT_SECONDS = 15.0

#: Replies to ``run``; only these are taken from the control channel.
RUN_REPLIES = frozenset({"run_started", "run_result", "run_error"})

#: hunt.<function> -> (worker job, {python keyword: job argument}).
CALLS: dict[str, tuple[str, dict[str, str]]] = {
    "extract_iocs": (
        "extractIocs",
        {
            "columns": "columns",
            "ioc_types": "types",
            "parity": "parity",
            "max_cell_length": "maxCellLength",
        },
    ),
    "decode": (
        "decode",
        {"columns": "columns", "parity": "parity", "utf16": "utf16", "iocs": "iocs"},
    ),
    "score_sessions": (
        "scoreSessions",
        {
            "session_column": "sessionColumn",
            "user_identifier_cols": "userColumns",
            "time_col": "timeColumn",
            "event_col": "commandColumn",
            "params_col": "paramsColumn",
            "max_session_time_mins": "maxSessionMinutes",
            "max_event_separation_mins": "maxGapMinutes",
            "window_length": "windowLength",
            "use_start_end_tokens": "useStartEndTokens",
            "use_geo_mean": "useGeoMean",
        },
    ),
    "stl": (
        "stlAnomalies",
        {
            "time_column": "timeColumn",
            "data_column": "valueColumn",
            "bucket": "bucket",
            "agg": "agg",
            "fill": "fill",
            "period": "period",
            "periods": "periods",
            "seasonal": "seasonal",
            "robust": "robust",
            "score": "score",
            "score_threshold": "scoreThreshold",
            "parity": "parity",
        },
    ),
}

#: The msticpy call doing the same, named when a kernel without JupyterLab has msticpy.
MSTICPY_CALLS = {
    "extract_iocs": "msticpy.transform.iocextract.IoCExtract().extract_df(df, columns=[...])",
    "decode": "msticpy.transform.base64unpack.unpack_df(df, column=...)",
    "score_sessions": (
        "msticpy.analysis.anomalous_sequence.anomalous.score_sessions(df, session_column=..., "
        "window_length=...)"
    ),
    "stl": "msticpy.analysis.timeseries.ts_anomalies_stl(df, time_column=..., data_column=...)",
}


class HuntRunError(RuntimeError):
    """JupyterLab could not run the analysis (its message says why)."""


def job_args(function: str, kwargs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The worker job and its arguments for ``hunt.<function>(**kwargs)``: None is left out
    (the worker's default, as when the UI leaves it unset); tuples become lists."""
    job, names = CALLS[function]
    args: dict[str, Any] = {}
    for key, value in kwargs.items():
        if value is None:
            continue
        if key not in names:
            raise TypeError(f"hunt.{function}() got an unexpected keyword argument {key!r}")
        args[names[key]] = list(value) if isinstance(value, tuple) else value
    return job, args


def no_frontend_message(function: str) -> str:
    """Why ``hunt.<function>`` cannot run here, and what does the same without JupyterLab."""
    text = (
        f"hunt.{function}() runs in JupyterLab's jupyterlab-hunt worker and needs JupyterLab "
        "with the extension connected to this kernel (open the notebook in JupyterLab, or "
        "reload the page)"
    )
    if importlib.util.find_spec("msticpy") is not None:
        text += f"; msticpy in this kernel does the same: {MSTICPY_CALLS[function]}"
    return text


class _Pending:
    def __init__(self) -> None:
        self.started = threading.Event()
        self.done = threading.Event()
        self.data: dict[str, Any] = {}
        self.buffers: list[Any] = []


class Runs:
    """Requests waiting for JupyterLab, by request id. ``reply`` may be called from the
    control thread while ``wait`` blocks the main thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: dict[str, _Pending] = {}

    def open(self) -> tuple[str, _Pending]:
        request_id = uuid.uuid4().hex
        pending = _Pending()
        with self._lock:
            self._pending[request_id] = pending
        return request_id, pending

    def close(self, request_id: str) -> None:
        with self._lock:
            self._pending.pop(request_id, None)

    def reply(self, data: dict[str, Any], buffers: list[Any]) -> None:
        """A ``run_started``/``run_result``/``run_error``; late or unknown replies are dropped."""
        with self._lock:
            pending = self._pending.get(str(data.get("request_id")))
        if pending is None:
            log.debug("jupyterlab_hunt: reply to no waiting request (%s)", data.get("op"))
            return
        pending.started.set()
        if data.get("op") != "run_started":
            pending.data, pending.buffers = data, list(buffers)
            pending.done.set()

    def wait(
        self,
        pending: _Pending,
        function: str,
        connected: Callable[[], bool],
        accept_seconds: float | None = None,
    ) -> tuple[dict[str, Any], list[Any]]:
        """Block until the reply (interruptible: short waits, KeyboardInterrupt passes)."""
        accept_seconds = ACCEPT_SECONDS if accept_seconds is None else accept_seconds
        deadline = time.monotonic() + accept_seconds
        while not pending.done.wait(0.05):
            if not pending.started.is_set() and time.monotonic() > deadline:
                raise HuntRunError(
                    f"no JupyterLab answered hunt.{function}() within {accept_seconds:g} s: "
                    + no_frontend_message(function)
                )
            if not connected():
                raise HuntRunError(
                    f"the comm to JupyterLab closed while hunt.{function}() was running"
                )
        return pending.data, pending.buffers


def route_control_comm_messages(kernel: Any, take: Callable[[dict[str, Any]], bool]) -> bool:
    """Let ``comm_msg`` arrive on the control channel: ``take(msg)`` handles the hunt comm's
    run replies; other comm messages go to a handler installed before, if any. Returns False
    for a kernel without control handlers (then replies can only come between cells)."""
    handlers = getattr(kernel, "control_handlers", None)
    if not isinstance(handlers, dict):
        return False
    previous = handlers.get("comm_msg")
    if getattr(previous, "_jupyterlab_hunt", False):
        return True

    def comm_msg(stream: Any, ident: Any, msg: dict[str, Any]) -> Any:
        try:
            if take(msg):
                return None
        except Exception:  # never raise into the control thread
            log.exception("jupyterlab_hunt: control comm message failed")
            return None
        if previous is not None:
            return previous(stream, ident, msg)
        log.warning("jupyterlab_hunt: ignored a comm_msg on the control channel")
        return None

    comm_msg._jupyterlab_hunt = True  # type: ignore[attr-defined]
    handlers["comm_msg"] = comm_msg
    return True


class AnalysisCalls:
    """The kernel calls of :class:`~jupyterlab_hunt.kernel.hunt.Hunt` (mixed into it)."""

    def extract_iocs(
        self,
        data: pd.DataFrame,
        columns: str | list[str],
        *,
        ioc_types: list[str] | None = None,
        parity: str | None = None,
        max_cell_length: int | None = None,
    ) -> pd.DataFrame:
        """IoCs in ``columns`` (msticpy ``IoCExtract().extract_df``'s columns and ioc_types);
        ``parity="msticpy"`` gives msticpy's results exactly."""
        return self._run_analysis(
            "extract_iocs",
            data,
            columns=_column_list(columns),
            ioc_types=ioc_types,
            parity=parity,
            max_cell_length=max_cell_length,
        )

    def decode(
        self,
        data: pd.DataFrame,
        columns: str | list[str],
        *,
        parity: str | None = None,
        utf16: bool | None = None,
        iocs: bool | None = None,
    ) -> pd.DataFrame:
        """Encoded data in ``columns`` decoded recursively (msticpy ``unpack_df``; ``utf16`` is
        its flag in parity mode)."""
        return self._run_analysis(
            "decode", data, columns=_column_list(columns), parity=parity, utf16=utf16, iocs=iocs
        )

    def score_sessions(self, data: pd.DataFrame, **kwargs: Any) -> pd.DataFrame:
        """msticpy's anomalous sessions: ``session_column=`` (one session per row), or the
        events of ``user_identifier_cols``, ``time_col``, ``event_col`` sessionized with
        ``max_session_time_mins``/``max_event_separation_mins``; ``window_length``,
        ``use_start_end_tokens``, ``use_geo_mean``."""
        return self._run_analysis("score_sessions", data, **kwargs)

    def stl(self, data: pd.DataFrame, **kwargs: Any) -> pd.DataFrame:
        """msticpy's ``ts_anomalies_stl``: ``time_column``, ``data_column`` (or counts per
        ``bucket``), ``period``/``periods``, ``seasonal``, ``score_threshold``, ``robust``,
        ``score``, ``agg``, ``fill``, ``parity="msticpy"``."""
        return self._run_analysis("stl", data, **kwargs)

    def _run_analysis(self, function: str, data: pd.DataFrame, **kwargs: Any) -> pd.DataFrame:
        raise NotImplementedError  # Hunt implements it


def _column_list(columns: str | list[str]) -> list[str]:
    if isinstance(columns, str):
        return [columns]
    names = list(columns)
    if not names or not all(isinstance(c, str) for c in names):
        raise TypeError(f"columns must be a column name or a list of names, got {columns!r}")
    return names
