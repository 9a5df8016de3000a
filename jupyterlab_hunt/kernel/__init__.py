"""Kernel side of jupyterlab-hunt: ``hunt.show``, ``hunt.open``, ``hunt.results``,
``hunt.query_time`` and ``hunt.entities`` (see docs/kernel.md). Needs pandas and pyarrow."""

from __future__ import annotations

_missing = []
try:
    import pandas  # noqa: F401
except ImportError:
    _missing.append("pandas")
try:
    import pyarrow  # noqa: F401
except ImportError:
    _missing.append("pyarrow")
if _missing:
    raise ImportError(
        "jupyterlab_hunt's kernel tools need "
        + " and ".join(_missing)
        + " in this kernel: run `%pip install "
        + " ".join(_missing)
        + "` (or `%pip install 'jupyterlab_hunt[kernel]'`) and restart the kernel"
    )

from .._constants import COMM_TARGET, MIME_TYPE  # noqa: E402
from .arrow import (  # noqa: E402
    ArrowConversionError,
    dataframe_to_ipc,
    dataframe_to_table,
    ipc_to_dataframe,
    table_to_dataframe,
)
from .entities import Entities, EntityRecord  # noqa: E402
from .hunt import Hunt, Results, build_show_bundle, get_hunt  # noqa: E402
from .querytime import QueryTime  # noqa: E402
from .reproduce import HuntRunError  # noqa: E402

__all__ = [
    "COMM_TARGET",
    "MIME_TYPE",
    "ArrowConversionError",
    "Entities",
    "EntityRecord",
    "Hunt",
    "HuntRunError",
    "QueryTime",
    "Results",
    "build_show_bundle",
    "dataframe_to_ipc",
    "dataframe_to_table",
    "get_hunt",
    "ipc_to_dataframe",
    "table_to_dataframe",
]
