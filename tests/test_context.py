"""hunt.query_time and hunt.entities without a kernel (the comm handler called directly)."""

import sys
import types
import warnings

import pandas as pd
import pytest

from jupyterlab_hunt.kernel import Entities, EntityRecord, QueryTime
from jupyterlab_hunt.kernel.hunt import Hunt
from jupyterlab_hunt.kernel.querytime import QueryTimeError


class FakeComm:
    def __init__(self):
        self.sent = []

    def send(self, data=None, metadata=None, buffers=None):
        self.sent.append((data, buffers))

    def on_msg(self, cb):
        self.cb = cb

    def on_close(self, cb):
        self.close_cb = cb

    def close(self):
        pass


def hunt_with_comm():
    hunt = Hunt(connect=False)
    comm = FakeComm()
    hunt._adopt(comm)
    return hunt, comm


def msg(data, buffers=None):
    return {"content": {"data": data}, "buffers": buffers or []}


QT = {
    "start": "2024-01-10T11:00:00Z",
    "end": "2024-01-10T13:00:00.000Z",
    "origin": "2024-01-10T12:00:00Z",
    "before": 60,
    "after": 60,
    "units": "minute",
    "label": "incident window",
}


def test_default_query_time_is_last_24h_and_says_so():
    with pytest.warns(UserWarning, match="no investigation context .* last 24 hours"):
        qt = Hunt(connect=False).query_time
    assert qt.is_default and "default" in repr(qt)
    assert qt.period == pd.Timedelta(hours=24)
    assert str(qt.start.tz) == "UTC" and str(qt.end.tz) == "UTC"
    assert abs(pd.Timestamp.now(tz="UTC") - qt.end) < pd.Timedelta(minutes=1)


def test_context_sets_query_time_and_entities():
    hunt, comm = hunt_with_comm()
    ents = [
        {
            "id": "e1",
            "type": "IpAddress",
            "properties": {"Address": "1.2.3.4"},
            "pinned": True,
            "selected": True,
            "source": "table",
        },
        {
            "id": "e2",
            "type": "Host",
            "properties": {"HostName": "web01"},
            "pinned": False,
            "selected": False,
            "source": "manual",
        },
        {
            "id": "e3",
            "type": "ipaddress",
            "properties": {"Address": "10.0.0.1"},
            "pinned": False,
            "selected": True,
            "source": "x",
        },
    ]
    hunt._on_msg(
        msg({"op": "context", "notebook": "a/b.ipynb", "query_time": QT, "entities": ents})
    )
    assert comm.sent == []  # no request_id: no reply
    qt = hunt.query_time
    assert qt.start == pd.Timestamp("2024-01-10 11:00", tz="UTC") and qt.end == pd.Timestamp(
        "2024-01-10 13:00", tz="UTC"
    )
    assert qt.origin == pd.Timestamp("2024-01-10 12:00", tz="UTC")
    assert (qt.before, qt.after, qt.units, qt.label, qt.is_default) == (
        60,
        60,
        "minute",
        "incident window",
        False,
    )
    assert "2024-01-10 11:00:00 UTC -> 2024-01-10 13:00:00 UTC" in repr(qt)
    assert hunt.notebook == "a/b.ipynb"
    assert len(hunt.entities) == 3
    assert [e.Address for e in hunt.entities.of_type("IpAddress")] == ["1.2.3.4", "10.0.0.1"]
    assert [e["id"] for e in hunt.entities.selected] == ["e1", "e3"]
    assert [e["id"] for e in hunt.entities.pinned] == ["e1"]
    assert hunt.entities.values == ["1.2.3.4", "web01", "10.0.0.1"]
    assert hunt.entities[0]["properties"] == {"Address": "1.2.3.4"}
    assert hunt.entities.to_dataframe().shape[0] == 3


def test_context_keys_absent_mean_unchanged_and_null_resets():
    hunt, comm = hunt_with_comm()
    hunt._on_msg(
        msg(
            {
                "op": "context",
                "query_time": QT,
                "entities": [{"type": "Url", "properties": {"Url": "http://x"}}],
            }
        )
    )
    hunt._on_msg(msg({"op": "context", "entities": []}))
    assert hunt.query_time.label == "incident window" and len(hunt.entities) == 0
    hunt._on_msg(msg({"op": "context", "entities": [{"type": "Url", "properties": {}}]}))
    hunt._on_msg(msg({"op": "context", "query_time": None, "request_id": "r1"}))
    assert hunt.query_time.is_default and len(hunt.entities) == 1
    assert comm.sent[-1] == ({"op": "ack", "request_id": "r1"}, None)


@pytest.mark.parametrize(
    "bad",
    [
        {"query_time": {"start": "not a time", "end": "2024-01-01T00:00:00Z"}},
        {"query_time": {"start": "2024-01-02T00:00:00Z", "end": "2024-01-01T00:00:00Z"}},
        {
            "query_time": {
                "start": "2024-01-01T00:00:00Z",
                "end": "2024-01-02T00:00:00Z",
                "units": "fortnight",
            }
        },
        {
            "query_time": {
                "start": "2024-01-01T00:00:00Z",
                "end": "2024-01-02T00:00:00Z",
                "before": "x",
            }
        },
        {"query_time": "yesterday"},
        {"entities": [{"properties": {}}]},
        {"entities": "IpAddress"},
        {"entities": [{"type": "Host", "properties": [1]}]},
    ],
)
def test_bad_context_is_an_error_reply_and_changes_nothing(bad):
    hunt, comm = hunt_with_comm()
    hunt._on_msg(msg({"op": "context", "query_time": QT, "entities": []}))
    hunt._on_msg(msg({"op": "context", "request_id": "r9", **bad}))
    ((reply, _),) = comm.sent
    assert reply["op"] == "error" and reply["request_id"] == "r9" and "context" in reply["message"]
    assert hunt.query_time.label == "incident window"


def test_unknown_op_and_non_object_data_reply_errors():
    hunt, comm = hunt_with_comm()
    hunt._on_msg(msg({"op": "dance", "request_id": "q"}))
    hunt._on_msg(msg(["not", "an", "object"]))
    hunt._on_msg({})
    assert [r["op"] for r, _ in comm.sent] == ["error", "error", "error"]


def test_query_time_duck_type_matches_msticpy():
    qt = QueryTime.from_message(QT)
    start, end = qt
    assert (start, end) == (qt.start, qt.end)
    assert qt.query_params == {"start": qt.start, "end": qt.end}
    assert qt.period == pd.Timedelta(hours=2) and qt.origin_time == qt.origin
    import datetime

    assert isinstance(qt.start, datetime.datetime) and qt.start.tzinfo is not None
    # msticpy's param extractor: hasattr(obj, param) -> getattr(obj, param)
    for param in ("start", "end"):
        assert hasattr(qt, param)
    # msticpy's TimeSpan accepts an object with >= 2 of start/end/period
    assert sum(hasattr(qt, a) for a in ("start", "end", "period")) == 3
    assert qt.to_dict()["start"] == "2024-01-10T11:00:00+00:00"
    naive = QueryTime("2024-01-01 00:00", "2024-01-01 01:00")
    assert str(naive.start.tz) == "UTC"
    offset = QueryTime("2024-01-01T02:00:00+02:00", "2024-01-01T03:00:00+02:00")
    assert (
        offset.start == pd.Timestamp("2024-01-01 00:00", tz="UTC") and str(offset.start.tz) == "UTC"
    )
    with pytest.raises(QueryTimeError):
        QueryTime(None, "2024-01-01")


def test_timespan_without_msticpy_returns_self(monkeypatch):
    monkeypatch.setitem(sys.modules, "msticpy", None)
    monkeypatch.setitem(sys.modules, "msticpy.common.timespan", None)
    qt = QueryTime.from_message(QT)
    assert qt.timespan is qt


def test_entity_records_and_to_msticpy():
    rec = EntityRecord({"id": "1", "type": "IpAddress", "properties": {"Address": "1.2.3.4"}})
    assert rec["type"] == "IpAddress" and rec.Address == "1.2.3.4" and rec.value == "1.2.3.4"
    assert rec.selected is False and rec.pinned is False
    assert dict(rec) == {
        "id": "1",
        "type": "IpAddress",
        "properties": {"Address": "1.2.3.4"},
        "pinned": False,
        "selected": False,
        "source": "",
    }
    with pytest.raises(AttributeError):
        _ = rec.Nope
    ents = Entities([rec, {"type": "Url", "properties": {"Url": "http://a"}}])
    assert ents[1:].values == ["http://a"]
    assert ents == [dict(rec), dict(ents[1])]


def test_to_msticpy_without_msticpy_is_a_clear_import_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "msticpy", None)
    monkeypatch.setitem(sys.modules, "msticpy.datamodel", None)
    monkeypatch.setitem(sys.modules, "msticpy.datamodel.entities", None)
    rec = EntityRecord({"type": "IpAddress", "properties": {"Address": "1.2.3.4"}})
    with pytest.raises(ImportError, match="pip install msticpy"):
        rec.to_msticpy()


def test_to_msticpy_with_a_fake_entity_registry(monkeypatch):
    # msticpy is not a dependency: mimic its Entity.ENTITY_NAME_MAP lookup contract.
    made = []

    class IpAddress:
        def __init__(self, src=None, **kw):
            made.append(("ip", dict(src or {}), kw))

    class UnknownEntity:
        def __init__(self, src=None, **kw):
            made.append(("unknown", dict(src or {}), kw))

    class Entity:
        ENTITY_NAME_MAP = {"ipaddress": IpAddress, "ip": IpAddress, "unknown": UnknownEntity}

    mod = types.ModuleType("msticpy.datamodel.entities")
    mod.Entity = Entity
    monkeypatch.setitem(sys.modules, "msticpy", types.ModuleType("msticpy"))
    monkeypatch.setitem(sys.modules, "msticpy.datamodel", types.ModuleType("msticpy.datamodel"))
    monkeypatch.setitem(sys.modules, "msticpy.datamodel.entities", mod)
    Entities(
        [
            {"type": "IpAddress", "properties": {"Address": "1.2.3.4"}},
            {"type": "Widget", "properties": {"Name": "w"}},
        ]
    ).to_msticpy()
    assert made == [
        ("ip", {"Address": "1.2.3.4"}, {}),
        ("unknown", {"Name": "w"}, {"Type": "Widget"}),
    ]


@pytest.mark.parametrize("name", ["", "1abc", "a b", "abc\n", "x" * 129, None, 5, "../etc"])
def test_result_names_are_checked(name):
    import pyarrow as pa

    from jupyterlab_hunt.kernel.arrow import table_to_ipc

    hunt, comm = hunt_with_comm()
    ipc = table_to_ipc(pa.table({"a": [1]}))
    hunt._on_msg(msg({"op": "result", "name": name, "request_id": "n"}, [ipc]))
    ((reply, _),) = comm.sent
    assert reply["op"] == "error" and "not a usable result name" in reply["message"]
    assert len(hunt.results) == 0
    hunt._on_msg(msg({"op": "result", "name": "ok_name-1.x", "request_id": "m"}, [memoryview(ipc)]))
    assert comm.sent[-1][0] == {
        "op": "ack",
        "request_id": "m",
        "name": "ok_name-1.x",
        "rows": 1,
        "columns": 1,
    }


# -- the context sent with each execute request (Run All, Restart & Run All, page load) ------


class FakeEvents:
    def __init__(self):
        self.callbacks = {}

    def register(self, event, cb):
        self.callbacks.setdefault(event, []).append(cb)

    def trigger(self, event):
        for cb in self.callbacks.get(event, []):
            cb(None)


class FakeKernel:
    def __init__(self):
        self.parent = {}

    def get_parent(self, channel="shell"):
        return self.parent


class FakeShell:
    def __init__(self):
        self.kernel = FakeKernel()
        self.events = FakeEvents()

    def run_cell_with(self, metadata):
        """What ipykernel does for an execute request: set the parent, fire pre_run_cell."""
        self.kernel.parent = {"header": {"msg_type": "execute_request"}, "metadata": metadata}
        self.events.trigger("pre_run_cell")


ENTS = [
    {"id": f"e{i}", "type": "IpAddress", "properties": {"Address": f"10.0.0.{i}"}} for i in range(4)
]


def execute_meta(query_time=QT, entities=ENTS, **extra):
    ctx = {"protocol": 1, "notebook": "hunt.ipynb", "query_time": query_time}
    if entities is not None:
        ctx["entities"] = entities
    return {"cellId": "c1", "jupyterlab_hunt": {**ctx, **extra}}


@pytest.fixture
def shell(monkeypatch):
    import jupyterlab_hunt.kernel.hunt as hunt_module

    fake = FakeShell()
    monkeypatch.setattr(hunt_module, "kernel_shell", lambda: fake)
    return fake


def test_the_importing_cell_sees_the_context_of_its_own_execute_request(shell):
    # Restart & Run All: no comm yet, the first cell imports jupyterlab_hunt.
    shell.kernel.parent = {"metadata": execute_meta()}
    hunt = Hunt(connect=False)
    hunt._follow_executions()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert hunt.query_time.label == "incident window" and not hunt.query_time.is_default
        assert [e.Address for e in hunt.entities] == [f"10.0.0.{i}" for i in range(4)]
    assert hunt.notebook == "hunt.ipynb"


def test_each_cell_run_applies_the_context_it_was_sent_with(shell):
    hunt = Hunt(connect=False)
    hunt._follow_executions()
    hunt._follow_executions()  # registered once
    assert len(shell.events.callbacks["pre_run_cell"]) == 1
    shell.run_cell_with(execute_meta())
    assert hunt.query_time.label == "incident window" and len(hunt.entities) == 4
    later = {**QT, "start": "2024-01-10T12:00:00Z", "label": "narrower"}
    shell.run_cell_with(execute_meta(query_time=later, entities=None))
    assert hunt.query_time.label == "narrower" and len(hunt.entities) == 4  # absent: unchanged
    # A request without our metadata (a console, another client) keeps the context.
    shell.run_cell_with({"cellId": "x"})
    assert hunt.query_time.label == "narrower"


def test_an_unusable_execute_context_warns_and_keeps_the_previous_one(shell):
    hunt = Hunt(connect=False)
    hunt._follow_executions()
    shell.run_cell_with(execute_meta())
    with pytest.warns(UserWarning, match=r"not usable .*protocol 7"):
        shell.run_cell_with(execute_meta(query_time={"start": "soon"}, protocol=7))
    assert hunt.query_time.label == "incident window"


def test_no_frontend_context_warns_once_naming_the_default(shell):
    # papermill / nbconvert: execute requests without jupyterlab_hunt metadata.
    shell.kernel.parent = {"metadata": {}}
    hunt = Hunt(connect=False)
    hunt._follow_executions()
    with pytest.warns(UserWarning) as record:
        assert hunt.query_time.is_default
        assert len(hunt.entities) == 0
    (warning,) = record
    text = str(warning.message)
    assert "papermill" in text and "last 24 hours" in text and "UTC" in text
    assert "hunt.entities is empty" in text
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        repr(hunt)
        hunt.query_time  # noqa: B018 - warned once only


def test_no_ipython_means_no_execute_context(monkeypatch):
    import jupyterlab_hunt.kernel.hunt as hunt_module

    monkeypatch.setattr(hunt_module, "kernel_shell", lambda: None)
    hunt = Hunt(connect=False)
    hunt._follow_executions()
    assert hunt._follows_executions is False
