"""The investigation context in execute request metadata, against a REAL ipykernel.

Run All sends every execute request at once; a comm message cannot overtake them, and after a
restart there is no comm before the first cell imports jupyterlab_hunt. The context therefore
travels in each execute request's metadata (what src/context/execute.ts adds), and the first
cell must already see it."""

import os
import time
from pathlib import Path

import pytest
from jupyter_client.manager import KernelManager

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 60

QUERY_TIME = {
    "start": "2024-01-10T11:00:00Z",
    "end": "2024-01-10T13:00:00Z",
    "origin": None,
    "before": None,
    "after": None,
    "units": None,
    "label": None,
}
ENTITIES = [
    {"id": "ip:1", "type": "IpAddress", "properties": {"Address": "10.0.0.1"}},
    {"id": "host:1", "type": "Host", "properties": {"HostName": "web01"}},
    {"id": "dns:1", "type": "Dns", "properties": {"DomainName": "evil.example.com"}},
    {"id": "url:1", "type": "Url", "properties": {"Url": "http://evil.example.com/a"}},
]
CONTEXT = {
    "protocol": 1,
    "notebook": "investigation.ipynb",
    "query_time": QUERY_TIME,
    "entities": ENTITIES,
}


@pytest.fixture
def kc():
    """A fresh kernel (as after a restart): jupyterlab_hunt not imported, no comm."""
    km = KernelManager(kernel_name="python3")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    km.start_kernel(env=env, cwd=str(ROOT))
    client = km.client()
    client.start_channels()
    client.wait_for_ready(timeout=TIMEOUT)
    try:
        yield client
    finally:
        client.stop_channels()
        km.shutdown_kernel(now=True)


def send_execute(kc, code: str, metadata: dict | None) -> str:
    """An execute request as JupyterLab sends it (metadata included); returns its msg_id."""
    content = {
        "code": code,
        "silent": False,
        "store_history": True,
        "user_expressions": {},
        "allow_stdin": False,
        "stop_on_error": True,
    }
    msg = kc.session.msg("execute_request", content, metadata=metadata or {})
    kc.shell_channel.send(msg)
    return msg["header"]["msg_id"]


def outputs(kc, msg_ids: list[str]) -> dict[str, dict[str, str]]:
    """stdout / stderr / error text per request, read until every request is idle."""
    got = {m: {"stdout": "", "stderr": "", "error": ""} for m in msg_ids}
    idle = set()
    deadline = time.monotonic() + TIMEOUT
    while idle != set(msg_ids):
        assert time.monotonic() < deadline, f"kernel did not finish: {got}"
        try:
            msg = kc.get_iopub_msg(timeout=1)
        except Exception:
            continue
        parent = msg["parent_header"].get("msg_id")
        if parent not in got:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind == "stream":
            got[parent][content["name"]] += content["text"]
        elif kind == "error":
            got[parent]["error"] += f"{content['ename']}: {content['evalue']}"
        elif kind == "status" and content["execution_state"] == "idle":
            idle.add(parent)
    return got


FIRST_CELL = (
    "from jupyterlab_hunt import hunt\n"
    "print(hunt.query_time.start.isoformat(), hunt.query_time.end.isoformat())\n"
    "print(hunt.entities.values)"
)


def test_run_all_after_restart_first_cell_sees_the_saved_context(kc):
    # Every request queued before the kernel answers any: Restart & Run All.
    ids = [
        send_execute(kc, FIRST_CELL, {"cellId": "a", "jupyterlab_hunt": CONTEXT}),
        send_execute(
            kc,
            "print(hunt.query_time.start.isoformat(), len(hunt.entities))",
            {
                "cellId": "b",
                "jupyterlab_hunt": {
                    **CONTEXT,
                    "query_time": {**QUERY_TIME, "start": "2024-01-10T12:00:00Z"},
                },
            },
        ),
        send_execute(kc, "print(hunt.notebook, hunt.query_time.is_default)", None),
    ]
    out = outputs(kc, ids)
    first, second, third = (out[i] for i in ids)
    assert first["error"] == "" and first["stderr"] == "", first
    assert first["stdout"].splitlines() == [
        "2024-01-10T11:00:00+00:00 2024-01-10T13:00:00+00:00",
        "['10.0.0.1', 'web01', 'evil.example.com', 'http://evil.example.com/a']",
    ]
    # Each cell gets the context it was sent with ("now" moves, ranges change).
    assert second["stdout"] == "2024-01-10T12:00:00+00:00 4\n"
    # A request without it (a console, another client) keeps the last one.
    assert third["stdout"] == "investigation.ipynb False\n"


def test_without_jupyterlab_the_kernel_warns_and_names_the_default(kc):
    # papermill / nbconvert send plain execute requests.
    (i,) = ids = [send_execute(kc, FIRST_CELL, {"cellId": "a"})]
    out = outputs(kc, ids)[i]
    assert out["error"] == ""
    assert "no investigation context reached this kernel" in out["stderr"]
    assert "last 24 hours" in out["stderr"] and "papermill" in out["stderr"]
    assert out["stdout"].splitlines()[1] == "[]"
