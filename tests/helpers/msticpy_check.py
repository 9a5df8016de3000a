"""Run by tests/test_msticpy_compat.py with the .venv-bench interpreter (msticpy 3, no pyarrow).

Prints lines the test looks for. Not collected by pytest (no test_ prefix).
"""

import importlib.util
import sys
import warnings

from msticpy.common.timespan import TimeSpan
from msticpy.data.core.param_extractor import extract_query_params
from msticpy.data.core.query_source import QuerySource

warnings.simplefilter("ignore")


def load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


root = sys.argv[1]
qtm = load("hunt_querytime", f"{root}/jupyterlab_hunt/kernel/querytime.py")
ent = load("hunt_entities", f"{root}/jupyterlab_hunt/kernel/entities.py")

qt = qtm.QueryTime.from_message({"start": "2024-05-01T00:00:00Z", "end": "2024-05-02T00:00:00Z"})
src = QuerySource(
    name="list_things",
    source={
        "args": {"query": "T | where TimeGenerated between (datetime({start}) .. datetime({end}))"},
        "parameters": {
            "start": {"type": "datetime", "description": "s"},
            "end": {"type": "datetime", "description": "e"},
        },
    },
    defaults={},
    metadata={"data_families": ["x"], "data_environments": ["LogAnalytics"]},
)
params, missing = extract_query_params(src, qt)
print("missing", missing)
print(src.create_query(**params))
ts = TimeSpan(timespan=qt)
print("timespan", ts.start, ts.end)
print("timespan prop", type(qt.timespan).__name__)
recs = ent.Entities(
    [
        {"type": "IpAddress", "properties": {"Address": "1.2.3.4"}},
        {"type": "Account", "properties": {"Name": "bob", "NTDomain": "CORP"}},
        {"type": "Host", "properties": {"HostName": "web01", "DnsDomain": "corp.local"}},
        {"type": "Url", "properties": {"Url": "http://x.test/a"}},
        {"type": "Weird", "properties": {"Foo": "bar"}},
    ]
)
for e in recs.to_msticpy():
    value = next(
        getattr(e, a) for a in ("Address", "Name", "HostName", "Url", "Foo") if getattr(e, a, None)
    )
    print(type(e).__name__, e.Type, value)
