"""The kernel-side ``hunt`` object and its comm to JupyterLab (see docs/kernel.md)."""

from __future__ import annotations

import base64
import contextlib
import inspect
import logging
import re
import warnings
from collections.abc import Iterator, Mapping
from typing import Any

import pandas as pd

from .._constants import (
    COMM_TARGET,
    EXECUTE_CONTEXT_VERSION,
    MIME_METADATA_VERSION,
    MIME_TYPE,
    PROTOCOL_VERSION,
)
from .arrow import ArrowConversionError, dataframe_to_ipc, ipc_to_dataframe
from .context import context_of, current_request, kernel_shell
from .entities import Entities, EntityError
from .querytime import QueryTime, QueryTimeError
from .reproduce import (
    RUN_REPLIES,
    AnalysisCalls,
    HuntRunError,
    Runs,
    job_args,
    no_frontend_message,
    route_control_comm_messages,
)

log = logging.getLogger("jupyterlab_hunt.kernel")

#: ``hunt.show`` warns above this many Arrow bytes (the notebook grows by ~4/3 of it).
SHOW_WARN_BYTES = 25 * 1024 * 1024

#: Names accepted for ``hunt.results[name]`` (same rule as the frontend's sendTable).
RESULT_NAME = re.compile(r"^[A-Za-z_][\w.-]{0,127}$")


def _package_version() -> str:
    from .. import __version__

    return __version__


class Results(Mapping):
    """DataFrames sent from JupyterLab ("Send to kernel"), by name.

    Read-only for the user except ``del hunt.results[name]`` and ``clear()``.
    """

    def __init__(self) -> None:
        self._frames: dict[str, pd.DataFrame] = {}

    def __getitem__(self, name: str) -> pd.DataFrame:
        try:
            return self._frames[name]
        except KeyError:
            known = ", ".join(repr(n) for n in self._frames) or "none yet"
            raise KeyError(f"no result named {name!r} (received: {known})") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._frames)

    def __len__(self) -> int:
        return len(self._frames)

    def __delitem__(self, name: str) -> None:
        del self._frames[name]

    def __setitem__(self, name: str, value: Any) -> None:
        raise TypeError(
            "hunt.results holds tables sent from JupyterLab and is read-only; "
            "keep your own frames in variables"
        )

    def clear(self) -> None:
        self._frames.clear()

    def _store(self, name: str, df: pd.DataFrame) -> None:
        self._frames[name] = df

    def __repr__(self) -> str:
        if not self._frames:
            return "Results({})"
        inner = ", ".join(
            f"{n!r}: {df.shape[0]} rows x {df.shape[1]} cols" for n, df in self._frames.items()
        )
        return "Results({" + inner + "})"


def _caller_variable(obj: Any, depth: int = 2) -> str | None:
    """Name of a variable in the calling frame bound to ``obj`` (public names only)."""
    frame = inspect.currentframe()
    try:
        for _ in range(depth):
            if frame is None:
                return None
            frame = frame.f_back
        if frame is None:
            return None
        for scope in (frame.f_locals, frame.f_globals):
            for name, value in list(scope.items()):
                if value is obj and not name.startswith("_"):
                    return name
        return None
    finally:
        del frame


def _summary(title: str | None, rows: int, cols: int) -> str:
    return f"{title or 'DataFrame'}: {rows} rows x {cols} columns (jupyterlab-hunt table)"


def build_show_bundle(
    df: pd.DataFrame, title: str | None = None, source: str | None = None
) -> tuple[dict[str, str], dict[str, dict[str, Any]]]:
    """The (data, metadata) MIME bundle that ``hunt.show`` displays."""
    if not isinstance(df, pd.DataFrame):
        raise TypeError(
            "hunt.show() takes a pandas DataFrame, got "
            f"{type(df).__module__}.{type(df).__qualname__}"
            + (" (use series.to_frame())" if isinstance(df, pd.Series) else "")
        )
    if title is not None and not isinstance(title, str):
        raise TypeError(f"title must be a string or None, got {type(title).__qualname__}")
    ipc, table = dataframe_to_ipc(df)
    rows, cols = len(df), table.num_columns
    if len(ipc) > SHOW_WARN_BYTES:
        warnings.warn(
            f"jupyterlab_hunt: this table adds {len(ipc) * 4 // 3 // 1_000_000} MB to the "
            "notebook; hunt.open(df) shows it without saving it",
            UserWarning,
            stacklevel=3,
        )
    shown_title = title if title is not None else source
    data = {
        MIME_TYPE: base64.b64encode(ipc).decode("ascii"),
        "text/plain": _summary(shown_title, rows, cols),
    }
    metadata = {
        MIME_TYPE: {
            "version": MIME_METADATA_VERSION,
            "title": shown_title,
            "rows": rows,
            "columns": cols,
            "source": source,
        }
    }
    return data, metadata


class Hunt(AnalysisCalls):
    """The kernel side of jupyterlab-hunt. Use the singleton: ``from jupyterlab_hunt import hunt``.

    * ``hunt.show(df, title=None)``: display a DataFrame as an Arrow table (saved in the notebook).
    * ``hunt.open(df, title=None)``: open a DataFrame in a JupyterLab table view over the comm
      (nothing saved in the notebook; for large frames).
    * ``hunt.results``: DataFrames sent from JupyterLab, by name.
    * ``hunt.query_time``: the notebook's query time range (``.start``/``.end``, UTC).
    * ``hunt.entities``: the notebook's entities (``.selected``, ``.of_type("IpAddress")``).
    * ``hunt.extract_iocs(df, columns=[...])``, ``hunt.decode``, ``hunt.score_sessions``,
      ``hunt.stl``: an analysis of JupyterLab's worker on ``df``, as a DataFrame.
    """

    def __init__(self, *, connect: bool = True) -> None:
        self._results = Results()
        self._query_time: QueryTime | None = None
        self._entities = Entities()
        self._notebook: str | None = None
        #: True once JupyterLab sent a context (execute request metadata or comm message).
        self._has_context = False
        self._warned_no_context = False
        self._follows_executions = False
        self._comm: Any = None
        self._comm_open = False
        self._tables_sent = 0
        self._target_registered = False
        self._runs = Runs()
        if connect:
            self._follow_executions()
            self._connect()

    # -- public API -------------------------------------------------------------------------
    @property
    def results(self) -> Results:
        return self._results

    @property
    def query_time(self) -> QueryTime:
        """The notebook's time range.

        The last 24 h (``is_default=True``) when JupyterLab sent none; a warning says so when
        no JupyterLab context reached this kernel at all (papermill, nbconvert)."""
        self._warn_without_context()
        return self._query_time if self._query_time is not None else QueryTime.default()

    @property
    def entities(self) -> Entities:
        """The notebook's entities (empty, with a warning, when no context reached the kernel)."""
        self._warn_without_context()
        return self._entities

    @property
    def notebook(self) -> str | None:
        """Path of the notebook that last sent its context, if any."""
        return self._notebook

    @property
    def connected(self) -> bool:
        """True while a comm to JupyterLab is open (it may still be refused by a frontend
        without the extension: that shows up as the comm closing)."""
        return self._comm is not None and self._comm_open

    def show(self, df: pd.DataFrame, title: str | None = None) -> None:
        """Display ``df`` as an Arrow table output.

        The output is a base64 Arrow IPC stream and is kept in the notebook."""
        source = _caller_variable(df)
        data, metadata = build_show_bundle(df, title, source)
        from IPython.display import display

        display(data, metadata=metadata, raw=True)

    def open(self, df: pd.DataFrame, title: str | None = None) -> None:
        """Open ``df`` in a JupyterLab table view; the Arrow bytes travel as a binary comm
        buffer and nothing is stored in the notebook."""
        if not isinstance(df, pd.DataFrame):
            raise TypeError(
                "hunt.open() takes a pandas DataFrame, got "
                f"{type(df).__module__}.{type(df).__qualname__}"
            )
        if title is not None and not isinstance(title, str):
            raise TypeError(f"title must be a string or None, got {type(title).__qualname__}")
        if not self.connected:
            self._connect()
        if not self.connected:
            raise RuntimeError(
                "hunt.open() needs JupyterLab with the jupyterlab-hunt extension connected to "
                "this kernel; use hunt.show(df) instead, or reload the page"
            )
        source = _caller_variable(df)
        ipc, _ = dataframe_to_ipc(df)
        self._tables_sent += 1
        name = source or f"table_{self._tables_sent}"
        self._send({"op": "table", "title": title or name, "name": name, "source": source}, [ipc])

    def _run_analysis(self, function: str, data: pd.DataFrame, **kwargs: Any) -> pd.DataFrame:
        """Run a worker job on ``data`` in JupyterLab and wait for its table (see reproduce.py)."""
        if not isinstance(data, pd.DataFrame):
            raise TypeError(
                f"hunt.{function}() takes a pandas DataFrame, got "
                f"{type(data).__module__}.{type(data).__qualname__}"
            )
        job, args = job_args(function, kwargs)
        if not self.connected:
            self._connect()
        kernel = getattr(kernel_shell(), "kernel", None)
        if not self.connected or kernel is None:
            raise RuntimeError(no_frontend_message(function))
        if not route_control_comm_messages(kernel, self._take_control_msg):
            raise RuntimeError(
                f"hunt.{function}() needs a kernel with a control channel (ipykernel 6 or newer)"
            )
        ipc, _ = dataframe_to_ipc(data)
        request_id, pending = self._runs.open()
        try:
            self._send({"op": "run", "request_id": request_id, "job": job, "args": args}, [ipc])
            reply, buffers = self._runs.wait(pending, function, lambda: self.connected)
        except KeyboardInterrupt:
            # The cell stops now; JupyterLab stops the job too (a late reply is dropped).
            with contextlib.suppress(Exception):
                self._send({"op": "run_cancel", "request_id": request_id})
            raise
        finally:
            self._runs.close(request_id)
        if reply.get("op") == "run_error" or not buffers:
            message = reply.get("message") or "JupyterLab sent no result table"
            raise HuntRunError(f"hunt.{function}(): {message}")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ipc_to_dataframe(buffers[0])

    def _take_control_msg(self, msg: dict[str, Any]) -> bool:
        """A comm_msg from the control channel: True when it was a run reply to our comm."""
        content = msg.get("content") or {}
        comm_id = getattr(self._comm, "comm_id", None)
        data = content.get("data")
        if comm_id is None or content.get("comm_id") != comm_id or not isinstance(data, dict):
            return False
        if data.get("op") not in RUN_REPLIES:
            log.warning("jupyterlab_hunt: only run replies may come on the control channel")
            return True
        self._on_msg(msg)
        return True

    def __repr__(self) -> str:
        qt = self._query_time if self._query_time is not None else QueryTime.default()
        return (
            f"<jupyterlab_hunt {'connected' if self.connected else 'not connected'}: "
            f"{len(self._results)} results, {len(self._entities)} entities, {qt!r}>"
        )

    # -- comm -------------------------------------------------------------------------------
    def _connect(self) -> None:
        """Register the comm target and open a comm to the frontend (inside a kernel only)."""
        try:
            from IPython import get_ipython

            shell = get_ipython()
        except ImportError:
            return
        if shell is None or getattr(shell, "kernel", None) is None:
            return
        try:
            from comm import create_comm, get_comm_manager

            if not self._target_registered:
                get_comm_manager().register_target(COMM_TARGET, self._on_frontend_open)
                self._target_registered = True
            comm = create_comm(
                target_name=COMM_TARGET,
                data={"op": "hello", "version": _package_version(), "protocol": PROTOCOL_VERSION},
            )
        except Exception as err:  # a kernel without comm support: show() still works
            log.debug("jupyterlab_hunt: no comm (%s)", err)
            return
        self._adopt(comm)

    def _on_frontend_open(self, comm: Any, open_msg: dict[str, Any]) -> None:
        """The frontend opened a comm (after a page reload): it replaces the old one."""
        self._adopt(comm)
        try:
            data = (open_msg.get("content") or {}).get("data") or {}
            if isinstance(data, dict) and data.get("op") == "hello":
                self._answer_hello(data)
        except Exception as err:  # never raise into the comm manager
            log.debug("jupyterlab_hunt: hello reply failed (%s)", err)

    def _answer_hello(self, data: dict[str, Any]) -> None:
        """Say who we are; a frontend of another protocol version is told what to upgrade."""
        self._send({"op": "hello", "version": _package_version(), "protocol": PROTOCOL_VERSION})
        theirs = data.get("protocol")
        if theirs is not None and theirs != PROTOCOL_VERSION:
            side = (
                "the JupyterLab extension"
                if isinstance(theirs, int) and theirs < PROTOCOL_VERSION
                else "this kernel"
            )
            message = (
                f"The JupyterLab extension speaks protocol {theirs!r}; jupyterlab_hunt "
                f"{_package_version()} in this kernel speaks {PROTOCOL_VERSION}: upgrade {side}."
            )
            log.warning("jupyterlab_hunt: %s", message)
            self._reply_error(None, message)

    def _adopt(self, comm: Any) -> None:
        old = self._comm
        self._comm = comm
        self._comm_open = True
        comm.on_msg(self._on_msg)
        comm.on_close(lambda msg, c=comm: self._on_close(c))
        if old is not None and old is not comm:
            try:
                old.on_close(None)
                old.close()
            except Exception:
                pass

    def _on_close(self, comm: Any) -> None:
        if comm is self._comm:
            self._comm_open = False

    def _send(self, data: dict[str, Any], buffers: list[bytes] | None = None) -> None:
        if self._comm is None:
            return
        self._comm.send(data=data, buffers=buffers or None)

    def _reply_error(self, request_id: Any, message: str) -> None:
        try:
            self._send({"op": "error", "request_id": request_id, "message": message})
        except Exception as err:
            log.debug("jupyterlab_hunt: error reply failed (%s)", err)

    def _on_msg(self, msg: dict[str, Any]) -> None:
        """Handle a message from the frontend; never raises."""
        request_id = None
        try:
            content = msg.get("content") or {}
            data = content.get("data") or {}
            if not isinstance(data, dict):
                self._reply_error(None, "comm data must be a JSON object")
                return
            request_id = data.get("request_id")
            buffers = msg.get("buffers") or []
            op = data.get("op")
            if op == "result":
                self._handle_result(data, buffers)
            elif op == "context":
                self._handle_context(data)
            elif op == "hello":
                self._answer_hello(data)
            elif op == "run_started" or op == "run_result" or op == "run_error":
                self._runs.reply(data, buffers)
            else:
                self._reply_error(request_id, f"unknown op {op!r}")
        except Exception as err:  # pragma: no cover - defensive
            self._reply_error(request_id, f"{type(err).__name__}: {err}")

    def _handle_result(self, data: dict[str, Any], buffers: list[Any]) -> None:
        request_id = data.get("request_id")
        name = data.get("name")
        if not isinstance(name, str) or not RESULT_NAME.fullmatch(name):
            self._reply_error(
                request_id,
                f"{name!r} is not a usable result name (letters, digits, _ . -; starting with a "
                "letter or _; at most 128 characters)",
            )
            return
        if not buffers:
            self._reply_error(
                request_id, "a result message needs the Arrow IPC stream in buffers[0]"
            )
            return
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                df = ipc_to_dataframe(buffers[0])
        except ArrowConversionError as err:
            self._reply_error(request_id, f"result {name!r}: {err}")
            return
        self._results._store(name, df)
        self._send(
            {
                "op": "ack",
                "request_id": request_id,
                "name": name,
                "rows": int(df.shape[0]),
                "columns": int(df.shape[1]),
            }
        )

    # -- investigation context ------------------------------------------------------------
    def _handle_context(self, data: dict[str, Any]) -> None:
        """The comm ``context`` message: sent when the user changes the notebook's context."""
        request_id = data.get("request_id")
        error = self._apply_context(data)
        if error is not None:
            self._reply_error(request_id, f"context: {error}")
        elif request_id is not None:
            self._send({"op": "ack", "request_id": request_id})

    def _apply_context(self, data: dict[str, Any]) -> str | None:
        """Apply a context (absent keys: unchanged; null: reset); the error text, or None."""
        query_time = self._query_time
        entities = self._entities
        try:
            if "query_time" in data:
                raw = data["query_time"]
                query_time = None if raw is None else QueryTime.from_message(raw)
            if "entities" in data:
                raw_entities = data["entities"]
                entities = (
                    Entities() if raw_entities is None else Entities.from_message(raw_entities)
                )
        except (QueryTimeError, EntityError) as err:
            return str(err)
        self._query_time = query_time
        self._entities = entities
        self._has_context = True
        notebook = data.get("notebook")
        if isinstance(notebook, str):
            self._notebook = notebook
        return None

    def _follow_executions(self) -> None:
        """Apply the context of the request running now (the importing cell) and of each cell
        run from now on (``pre_run_cell``): see :mod:`jupyterlab_hunt.kernel.context`."""
        shell = kernel_shell()
        if shell is None or self._follows_executions:
            return
        try:
            shell.events.register("pre_run_cell", self._on_pre_run_cell)
            self._follows_executions = True
        except Exception as err:  # a shell without IPython's events: import-time context only
            log.debug("jupyterlab_hunt: no pre_run_cell event (%s)", err)
        self._apply_execute_context(shell)

    def _on_pre_run_cell(self, info: Any = None) -> None:
        shell = kernel_shell()
        if shell is not None:
            self._apply_execute_context(shell)

    def _apply_execute_context(self, shell: Any) -> None:
        data = context_of(current_request(shell))
        if data is None:
            return  # not run from a notebook in JupyterLab: keep what the kernel has
        error = self._apply_context(data)
        if error is not None:
            protocol = data.get("protocol")
            warnings.warn(
                f"jupyterlab_hunt: the investigation context sent with this cell is not usable "
                f"({error}; sent with protocol {protocol!r}, this kernel package reads "
                f"{EXECUTE_CONTEXT_VERSION}): hunt.query_time and hunt.entities keep their "
                "previous values",
                UserWarning,
                stacklevel=2,
            )

    def _warn_without_context(self) -> None:
        if self._has_context or self._warned_no_context:
            return
        self._warned_no_context = True
        default = QueryTime.default()
        warnings.warn(
            "jupyterlab_hunt: no investigation context reached this kernel (the notebook was "
            "not run from JupyterLab with the jupyterlab-hunt extension, e.g. by papermill or "
            f"nbconvert): hunt.query_time is the default, the last 24 hours "
            f"({default.start:%Y-%m-%d %H:%M} UTC -> {default.end:%Y-%m-%d %H:%M} UTC), and "
            "hunt.entities is empty",
            UserWarning,
            stacklevel=3,
        )


_HUNT: Hunt | None = None


def get_hunt() -> Hunt:
    """The kernel-wide :class:`Hunt` singleton (opens the comm on first use)."""
    global _HUNT
    if _HUNT is None:
        _HUNT = Hunt()
    return _HUNT
