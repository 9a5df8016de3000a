"""The comm protocol against a REAL ipykernel, with this test acting as the frontend."""

import json
import os
import sys
import time
import uuid
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from jupyter_client.manager import KernelManager

from jupyterlab_hunt import COMM_TARGET, MIME_TYPE

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 30


class Frontend:
    """Just enough of JupyterLab: execute code, open comms, send comm messages with buffers."""

    def __init__(self, km: KernelManager) -> None:
        self.kc = km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=60)
        self.iopub: list[dict] = []

    def drain(self, until=None, timeout=TIMEOUT) -> list[dict]:
        """Read iopub messages until ``until(msg)`` is true; return what was read."""
        got = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                msg = self.kc.get_iopub_msg(timeout=0.2)
            except Exception:
                if until is None:
                    return got
                continue
            got.append(msg)
            if until is not None and until(msg):
                return got
        if until is not None:
            raise TimeoutError(f"no matching iopub message; got {[m['msg_type'] for m in got]}")
        return got

    def execute(self, code: str) -> tuple[list[dict], dict]:
        msg_id = self.kc.execute(code)
        msgs = self.drain(
            lambda m: (
                m["parent_header"].get("msg_id") == msg_id
                and m["msg_type"] == "status"
                and m["content"]["execution_state"] == "idle"
            )
        )
        reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = self.kc.get_shell_msg(timeout=TIMEOUT)
        errors = [m for m in msgs if m["msg_type"] == "error"]
        assert reply["content"]["status"] == "ok", errors or reply["content"]
        return msgs, reply

    def value(self, expr: str):
        """Evaluate ``expr`` in the kernel and return it (JSON round trip via stdout)."""
        msgs, _ = self.execute(f"import json as _j; print(_j.dumps({expr}, default=str))")
        out = "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream")
        return json.loads(out)

    def shell_send(self, msg_type: str, content: dict, buffers=None) -> None:
        self.kc.session.send(self.kc.shell_channel.socket, msg_type, content, buffers=buffers)

    def comm_open(self, data: dict) -> str:
        comm_id = uuid.uuid4().hex
        self.shell_send("comm_open", {"comm_id": comm_id, "target_name": COMM_TARGET, "data": data})
        return comm_id

    def comm_send(self, comm_id: str, data: dict, buffers=None) -> None:
        self.shell_send("comm_msg", {"comm_id": comm_id, "data": data}, buffers)

    def wait_comm(self, comm_id: str, pred=lambda d: True) -> dict:
        msgs = self.drain(
            lambda m: (
                m["msg_type"] == "comm_msg"
                and m["content"]["comm_id"] == comm_id
                and pred(m["content"]["data"])
            )
        )
        return msgs[-1]


@pytest.fixture(scope="module")
def frontend():
    km = KernelManager(kernel_name="python3")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    env["PYTHONWARNINGS"] = "ignore"
    km.kernel_cmd = None
    km.start_kernel(env=env, cwd=str(ROOT))
    fe = Frontend(km)
    try:
        yield fe
    finally:
        fe.kc.stop_channels()
        km.shutdown_kernel(now=True)


@pytest.fixture(scope="module")
def kernel_comm(frontend):
    """Import jupyterlab_hunt in the kernel; the kernel opens its comm with a hello."""
    msgs, _ = frontend.execute(
        "import sys; assert sys.executable\nfrom jupyterlab_hunt import hunt"
    )
    opens = [m for m in msgs if m["msg_type"] == "comm_open"]
    assert len(opens) == 1, [m["msg_type"] for m in msgs]
    content = opens[0]["content"]
    assert content["target_name"] == COMM_TARGET
    assert content["data"]["op"] == "hello" and isinstance(content["data"]["version"], str)
    return content["comm_id"]


def ipc_of(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as w:
        w.write_table(table)
    return sink.getvalue().to_pybytes()


def test_kernel_uses_project_venv(frontend):
    exe = frontend.value("__import__('sys').executable")
    assert Path(exe).resolve().parent == Path(sys.executable).resolve().parent


def test_result_round_trip_preserves_types(frontend, kernel_comm):
    table = pa.table(
        {
            "n": pa.array([1, None, 3], pa.int64()),
            "small": pa.array([1, 2, None], pa.int16()),
            "ts": pa.array(
                [1_700_000_000_000, None, 1_700_000_360_000], pa.timestamp("ms", tz="UTC")
            ),
            "cat": pa.array(["a", None, "a"]).dictionary_encode(),
            "ok": pa.array([True, None, False]),
            "x": pa.array([0.5, None, -1.0]),
            "s": pa.array(["ß", None, "ip 1.2.3.4"]),
        }
    )
    frontend.comm_send(
        kernel_comm, {"op": "result", "name": "events", "request_id": "r1"}, [ipc_of(table)]
    )
    ack = frontend.wait_comm(kernel_comm, lambda d: d.get("request_id") == "r1")["content"]["data"]
    assert ack == {"op": "ack", "request_id": "r1", "name": "events", "rows": 3, "columns": 7}
    dtypes = frontend.value("{c: str(t) for c, t in hunt.results['events'].dtypes.items()}")
    assert dtypes["n"] == "Int64" and dtypes["small"] == "Int16" and dtypes["ok"] == "boolean"
    assert dtypes["ts"] == "datetime64[ms, UTC]" and dtypes["cat"] == "category"
    assert dtypes["x"] == "float64" and dtypes["s"] in ("str", "string")
    values = frontend.value(
        "[hunt.results['events']['n'].isna().tolist(), hunt.results['events']['ts'][2].isoformat(),"
        " hunt.results['events']['cat'].cat.categories.tolist(), hunt.results['events']['s'][0],"
        " hunt.results['events']['ok'].tolist()]"
    )
    assert values[0] == [False, True, False]
    assert values[1] == "2023-11-14T22:19:20+00:00"
    assert values[2] == ["a"] and values[3] == "ß"
    assert values[4] == [True, "<NA>", False]  # pd.NA via json default=str
    assert frontend.value("sorted(hunt.results)") == ["events"]


def test_show_output_round_trips_through_result(frontend, kernel_comm):
    # hunt.show() in the kernel -> base64 Arrow in display_data -> back as a result.
    msgs, _ = frontend.execute(
        "import pandas as pd\n"
        "logons = pd.DataFrame({'user': ['a', None], 'n': pd.array([1, None], dtype='Int64'),"
        " 't': pd.to_datetime(['2024-01-01 00:00', None]).tz_localize('UTC'),"
        " 'c': pd.Categorical(['x', 'y'])})\n"
        "hunt.show(logons, title='Logons')"
    )
    (disp,) = [m for m in msgs if m["msg_type"] == "display_data"]
    meta = disp["content"]["metadata"][MIME_TYPE]
    assert meta == {"version": 1, "title": "Logons", "rows": 2, "columns": 4, "source": "logons"}
    import base64

    raw = base64.b64decode(disp["content"]["data"][MIME_TYPE])
    assert "Logons" in disp["content"]["data"]["text/plain"]
    frontend.comm_send(kernel_comm, {"op": "result", "name": "logons2", "request_id": "r2"}, [raw])
    frontend.wait_comm(kernel_comm, lambda d: d.get("request_id") == "r2")
    same = frontend.value(
        "[str(d) for d in hunt.results['logons2'].dtypes] + "
        "[hunt.results['logons2'].equals(logons), bool(hunt.results['logons2']['c'].equals(logons['c']))]"
    )
    assert same == ["str", "Int64", "datetime64[us, UTC]", "category", True, True]


def test_bad_result_messages_reply_errors_and_kernel_survives(frontend, kernel_comm):
    cases = [
        ({"op": "result", "name": "bad", "request_id": "e1"}, [b"not arrow at all"]),
        ({"op": "result", "name": "bad", "request_id": "e2"}, None),
        (
            {"op": "result", "name": "1 bad name", "request_id": "e3"},
            [ipc_of(pa.table({"a": [1]}))],
        ),
        ({"op": "nope", "request_id": "e4"}, None),
    ]
    for data, buffers in cases:
        frontend.comm_send(kernel_comm, data, buffers)
        reply = frontend.wait_comm(
            kernel_comm, lambda d, r=data["request_id"]: d.get("request_id") == r
        )
        body = reply["content"]["data"]
        assert body["op"] == "error" and body["message"], body
    assert "bad" not in frontend.value("list(hunt.results)")
    assert frontend.value("1 + 1") == 2


def test_context_updates_query_time_and_entities(frontend, kernel_comm):
    frontend.comm_send(
        kernel_comm,
        {
            "op": "context",
            "notebook": "cases/1.ipynb",
            "query_time": {
                "start": "2024-05-01T00:00:00.000Z",
                "end": "2024-05-02T00:00:00.000Z",
                "origin": None,
                "before": None,
                "after": None,
                "units": None,
                "label": "1 May",
            },
            "entities": [
                {
                    "id": "a",
                    "type": "IpAddress",
                    "properties": {"Address": "8.8.8.8"},
                    "pinned": False,
                    "selected": True,
                    "source": "t",
                },
                {
                    "id": "b",
                    "type": "Account",
                    "properties": {"Name": "bob"},
                    "pinned": True,
                    "selected": False,
                    "source": "t",
                },
            ],
            "request_id": "c1",
        },
    )
    frontend.wait_comm(kernel_comm, lambda d: d.get("request_id") == "c1")
    got = frontend.value(
        "[hunt.query_time.start.isoformat(), str(hunt.query_time.end.tz), hunt.query_time.label,"
        " [e.Address for e in hunt.entities.of_type('IpAddress')], [e['id'] for e in hunt.entities.selected],"
        " hunt.notebook]"
    )
    assert got == ["2024-05-01T00:00:00+00:00", "UTC", "1 May", ["8.8.8.8"], ["a"], "cases/1.ipynb"]


def test_hunt_open_sends_table_over_comm(frontend, kernel_comm):
    msgs, _ = frontend.execute(
        "import pandas as pd\nbig = pd.DataFrame({'a': range(1000)})\nhunt.open(big, title='Big')"
    )
    assert not [m for m in msgs if m["msg_type"] == "display_data"]  # nothing in the notebook
    (msg,) = [
        m for m in msgs if m["msg_type"] == "comm_msg" and m["content"]["data"].get("op") == "table"
    ]
    assert msg["content"]["comm_id"] == kernel_comm
    # source: the variable "Insert code" names (a title is no variable: title="Big").
    assert msg["content"]["data"] == {"op": "table", "title": "Big", "name": "big", "source": "big"}
    table = pa.ipc.open_stream(msg["buffers"][0]).read_all()
    assert table.num_rows == 1000 and table.column("a").to_pylist()[-1] == 999


def test_frontend_opened_comm_replaces_kernel_comm(frontend, kernel_comm):
    # After a page reload the frontend opens a fresh comm with {"op": "hello"}.
    new_id = frontend.comm_open({"op": "hello"})
    msgs = frontend.drain(
        lambda m: m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == new_id
    )
    assert msgs[-1]["content"]["data"]["op"] == "hello"
    closes = [m for m in msgs if m["msg_type"] == "comm_close"]
    assert [m["content"]["comm_id"] for m in closes] == [kernel_comm]
    frontend.comm_send(
        new_id,
        {"op": "result", "name": "after_reload", "request_id": "r3"},
        [ipc_of(pa.table({"a": [1, 2]}))],
    )
    ack = frontend.wait_comm(new_id, lambda d: d.get("request_id") == "r3")["content"]["data"]
    assert ack["op"] == "ack" and ack["rows"] == 2
    msgs, _ = frontend.execute("hunt.open(pd.DataFrame({'z': [1]}))")
    (tbl,) = [
        m for m in msgs if m["msg_type"] == "comm_msg" and m["content"]["data"].get("op") == "table"
    ]
    assert tbl["content"]["comm_id"] == new_id
    assert tbl["content"]["data"]["source"] is None  # no variable holds the DataFrame
    assert frontend.value("hunt.connected") is True
    # results are deletable, not assignable
    frontend.execute("del hunt.results['after_reload']")
    assert "after_reload" not in frontend.value("list(hunt.results)")
    msg_id = frontend.kc.execute("hunt.results['x'] = 1")
    reply = frontend.kc.get_shell_msg(timeout=TIMEOUT)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = frontend.kc.get_shell_msg(timeout=TIMEOUT)
    assert reply["content"]["status"] == "error" and reply["content"]["ename"] == "TypeError"


def test_frontend_of_another_protocol_is_told_what_to_upgrade(frontend, kernel_comm):
    comm_id = frontend.comm_open({"op": "hello", "protocol": 0})
    error = frontend.wait_comm(comm_id, lambda d: d.get("op") == "error")["content"]["data"]
    assert "speaks protocol 0" in error["message"]
    assert "upgrade the JupyterLab extension" in error["message"]
    # The kernel still answers with its own hello, so the frontend can say it too.
    frontend.comm_send(comm_id, {"op": "hello", "protocol": 0})
    hello = frontend.wait_comm(comm_id, lambda d: d.get("op") == "hello")["content"]["data"]
    assert hello["protocol"] == 1


def test_import_does_not_load_pandas_for_the_server():
    import subprocess

    code = "import sys, jupyterlab_hunt, jupyterlab_hunt.server; print('pandas' in sys.modules, 'pyarrow' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.split() == ["False", "False"]
    assert pd is not None


def test_kernel_without_pyarrow_gets_an_install_hint():
    import subprocess

    code = (
        "import sys; sys.modules['pyarrow'] = None\n"
        "try:\n    from jupyterlab_hunt import hunt\n"
        "except ImportError as e:\n    print(e)\n"
    )
    out = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "%pip install pyarrow" in out.stdout and "restart the kernel" in out.stdout
