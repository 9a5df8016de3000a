"""Kernel calls (hunt.extract_iocs, ...) against a REAL ipykernel: the test is the frontend, and
it answers the kernel's `run` request on the control channel while the cell still runs."""

import json
import os
import time
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from jupyter_client.manager import KernelManager
from test_kernel_comm import Frontend, ipc_of

from jupyterlab_hunt.kernel import reproduce
from jupyterlab_hunt.kernel.hunt import Hunt

ROOT = Path(__file__).resolve().parent.parent
CASES = json.loads((ROOT / "tests" / "fixtures" / "reproduce_cases.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def frontend():
    """A real kernel of its own (the cells below block until this test answers)."""
    km = KernelManager(kernel_name="python3")
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    km.start_kernel(env=env, cwd=str(ROOT))
    fe = Frontend(km)
    fe.km = km  # the interrupt test signals the kernel
    try:
        yield fe
    finally:
        fe.kc.stop_channels()
        km.shutdown_kernel(now=True)


@pytest.fixture(scope="module")
def kernel_comm(frontend):
    msgs, _ = frontend.execute("from jupyterlab_hunt import hunt\nimport pandas as pd")
    (opened,) = [m for m in msgs if m["msg_type"] == "comm_open"]
    return opened["content"]["comm_id"]


def control_reply(frontend, kernel_comm, data, buffers=None):
    """What JupyterLab's bridge does (sendControl): a comm_msg on the control channel."""
    frontend.kc.session.send(
        frontend.kc.control_channel.socket,
        "comm_msg",
        {"comm_id": kernel_comm, "data": data},
        buffers=buffers,
    )


def start(frontend, code):
    """Execute without waiting; return the msg id and the kernel's `run` request."""
    msg_id = frontend.kc.execute(code)
    msgs = frontend.drain(
        lambda m: m["msg_type"] == "comm_msg" and m["content"]["data"].get("op") == "run"
    )
    return msg_id, msgs[-1]


def finish(frontend, msg_id):
    msgs = frontend.drain(
        lambda m: (
            m["parent_header"].get("msg_id") == msg_id
            and m["msg_type"] == "status"
            and m["content"]["execution_state"] == "idle"
        )
    )
    out = "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream")
    errors = [m["content"] for m in msgs if m["msg_type"] == "error"]
    return out, errors


def test_run_is_answered_on_control_while_the_cell_runs(frontend, kernel_comm):
    msg_id, request = start(
        frontend,
        "df = pd.DataFrame({'msg': ['from 10.0.0.1', 'none']})\n"
        "iocs = hunt.extract_iocs(df, columns=['msg'], parity='msticpy')\n"
        "print(iocs.shape, list(iocs.columns), iocs['n'].dtype)",
    )
    data = request["content"]["data"]
    assert data["job"] == "extractIocs"
    assert data["args"] == {"columns": ["msg"], "parity": "msticpy"}
    sent = pa.ipc.open_stream(request["buffers"][0]).read_all()
    assert sent.column("msg").to_pylist() == ["from 10.0.0.1", "none"]
    rid = data["request_id"]
    # The cell is still running: only the control channel is read now.
    time.sleep(0.3)
    control_reply(frontend, kernel_comm, {"op": "run_started", "request_id": rid})
    result = pa.table({"IoCType": ["ipv4"], "Observable": ["10.0.0.1"], "n": [1]})
    control_reply(
        frontend,
        kernel_comm,
        {"op": "run_result", "request_id": rid, "rows": 1, "columns": 3},
        [ipc_of(result)],
    )
    out, errors = finish(frontend, msg_id)
    assert not errors, errors
    assert out.strip() == "(1, 3) ['IoCType', 'Observable', 'n'] Int64"


def test_run_error_is_raised_with_the_frontends_message(frontend, kernel_comm):
    msg_id, request = start(
        frontend,
        "try:\n"
        "    hunt.decode(pd.DataFrame({'a': ['x']}), columns='nope')\n"
        "except Exception as e:\n"
        "    print(type(e).__name__, e)",
    )
    rid = request["content"]["data"]["request_id"]
    assert request["content"]["data"]["args"] == {"columns": ["nope"]}
    control_reply(
        frontend, kernel_comm, {"op": "run_error", "request_id": rid, "message": 'No column "nope"'}
    )
    out, errors = finish(frontend, msg_id)
    assert not errors
    assert out.strip() == 'HuntRunError hunt.decode(): No column "nope"'


def test_no_answer_says_no_frontend_answered(frontend, kernel_comm):
    frontend.execute("from jupyterlab_hunt.kernel import reproduce as _r; _r.ACCEPT_SECONDS = 0.5")
    msg_id, _ = start(
        frontend,
        "try:\n"
        "    hunt.stl(pd.DataFrame({'t': [1]}), time_column='t')\n"
        "except Exception as e:\n"
        "    print(e)",
    )
    out, errors = finish(frontend, msg_id)
    assert not errors
    assert out.startswith("no JupyterLab answered hunt.stl() within 0.5 s")
    frontend.execute("_r.ACCEPT_SECONDS = 15.0")


def test_late_and_foreign_replies_are_dropped_and_the_kernel_lives(frontend, kernel_comm):
    control_reply(frontend, kernel_comm, {"op": "run_result", "request_id": "gone"}, [b"x"])
    control_reply(frontend, kernel_comm, {"op": "result", "name": "sneaky", "request_id": "r"})
    control_reply(frontend, "not-our-comm", {"op": "run_result", "request_id": "x"})
    logged = frontend.drain(timeout=3)  # the control thread's warnings, before the next cell
    assert any("only run replies" in m["content"].get("text", "") for m in logged)
    assert frontend.value("1 + 1") == 2
    assert "sneaky" not in frontend.value("list(hunt.results)")


def test_without_jupyterlab_the_error_says_so_and_names_msticpy(monkeypatch):
    hunt = Hunt(connect=False)
    with pytest.raises(RuntimeError, match=r"needs JupyterLab with the extension connected"):
        hunt.extract_iocs(pd.DataFrame({"a": ["x"]}), columns=["a"])
    monkeypatch.setattr(reproduce.importlib.util, "find_spec", lambda name: object())
    with pytest.raises(RuntimeError, match=r"IoCExtract\(\)\.extract_df\(df, columns="):
        hunt.extract_iocs(pd.DataFrame({"a": ["x"]}), columns=["a"])
    with pytest.raises(TypeError, match="takes a pandas DataFrame"):
        hunt.decode([1, 2], columns="a")
    with pytest.raises(TypeError, match="unexpected keyword argument 'colums'"):
        hunt.score_sessions(pd.DataFrame(), colums="a")


@pytest.mark.parametrize("case", CASES, ids=[f"{c['job']}-{i}" for i, c in enumerate(CASES)])
def test_inserted_code_sends_the_ui_job_arguments(case):
    """The "Insert code" text of src/common/reproduce.ts, run here, asks the worker for exactly
    the job and arguments the UI ran (tableId aside)."""
    sent = []

    class Capture(Hunt):
        def _run_analysis(self, function, data, **kwargs):
            sent.append(reproduce.job_args(function, kwargs))
            return "result"

    lines = case["code"].split("\n")
    assert lines[0] == "from jupyterlab_hunt import hunt"
    scope = {"hunt": Capture(connect=False), "df": None}
    if case["input"]:
        scope[case["input"]] = None
    exec("\n".join(lines[1:]), scope)  # noqa: S102 - the fixture's code, written by the TS side
    expected = {k: v for k, v in case["args"].items() if k != "tableId"}
    assert sent == [(case["job"], expected)]


def test_python_names_match_the_frontend_table():
    ts = (ROOT / "src" / "common" / "reproduce.ts").read_text("utf-8")
    for function, (job, names) in reproduce.CALLS.items():
        assert f"function: '{function}'" in ts, function
        for python, arg in names.items():
            assert f"{arg}: '{python}'" in ts, (job, arg, python)


def test_interrupt_stops_a_waiting_call_and_the_kernel_runs_on(frontend, kernel_comm):
    msg_id, request = start(frontend, "hunt.stl(pd.DataFrame({'t': [1]}), time_column='t')")
    rid = request["content"]["data"]["request_id"]
    control_reply(frontend, kernel_comm, {"op": "run_started", "request_id": rid})
    time.sleep(0.5)
    frontend.km.interrupt_kernel()
    started = time.monotonic()
    msgs = frontend.drain(
        lambda m: (
            m["parent_header"].get("msg_id") == msg_id
            and m["msg_type"] == "status"
            and m["content"]["execution_state"] == "idle"
        )
    )
    assert time.monotonic() - started < 5
    assert [m["content"]["ename"] for m in msgs if m["msg_type"] == "error"] == [
        "KeyboardInterrupt"
    ]
    # JupyterLab is told to stop the job.
    cancels = [m["content"]["data"] for m in msgs if m["msg_type"] == "comm_msg"]
    assert cancels == [{"op": "run_cancel", "request_id": rid}]
    # The job's late answer is dropped; the kernel runs the next cell.
    control_reply(frontend, kernel_comm, {"op": "run_error", "request_id": rid, "message": "x"})
    assert frontend.value("1 + 1") == 2
