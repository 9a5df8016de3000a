"""The wire constants and comm operations of src/protocol.ts equal the Python side's."""

import re
from pathlib import Path

from jupyterlab_hunt import _constants

PROTOCOL_TS = (Path(__file__).parent.parent / "src" / "protocol.ts").read_text(encoding="utf-8")


def ts_constant(name: str) -> str | int:
    match = re.search(rf"export const {name} = ('([^']*)'|(\d+));", PROTOCOL_TS)
    assert match, f"{name} is not a literal constant in src/protocol.ts"
    return match.group(2) if match.group(2) is not None else int(match.group(3))


def test_wire_constants_match():
    names = (
        "COMM_TARGET",
        "PROTOCOL_VERSION",
        "MIME_TYPE",
        "MIME_METADATA_VERSION",
        "EXECUTE_METADATA_KEY",
        "EXECUTE_CONTEXT_VERSION",
    )
    for name in names:
        assert ts_constant(name) == getattr(_constants, name), name


def test_comm_operations_match_the_kernel():
    hunt_py = (Path(__file__).parent.parent / "jupyterlab_hunt" / "kernel" / "hunt.py").read_text(
        encoding="utf-8"
    )
    ts_ops = set(re.findall(r"op: '([a-z_]+)';", PROTOCOL_TS))
    handled = set(re.findall(r'op == "([a-z_]+)"', hunt_py))
    sent = set(re.findall(r'\{"op": "([a-z_]+)"', hunt_py))
    assert handled | sent == ts_ops
