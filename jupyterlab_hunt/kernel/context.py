"""The investigation context that arrives with each execute request.

JupyterLab (the jupyterlab-hunt context plugin) adds the notebook's context to the metadata of
every execute request it sends for a notebook cell::

    metadata["jupyterlab_hunt"] = {"protocol": 1, "notebook": "path.ipynb",
                                   "query_time": {...} | None, "entities": [...]}

Why in the execute request and not only over the comm: the context then travels in the same
message as the code, so the first cell of a Run All sees it. A comm message sent at the same
moment queues behind the execute requests, and after a kernel restart the comm exists only once
a cell has imported jupyterlab_hunt. The kernel reads it from the parent header of the request
being run: at import (the importing cell) and at each ``pre_run_cell`` event.
"""

from __future__ import annotations

import logging
from typing import Any

from .._constants import EXECUTE_METADATA_KEY

log = logging.getLogger("jupyterlab_hunt.kernel")


def context_of(parent: Any) -> dict[str, Any] | None:
    """The jupyterlab-hunt context in a parent message (an execute request), if any."""
    metadata = parent.get("metadata") if isinstance(parent, dict) else None
    data = metadata.get(EXECUTE_METADATA_KEY) if isinstance(metadata, dict) else None
    return data if isinstance(data, dict) else None


def kernel_shell() -> Any:
    """The IPython shell of a running kernel, else None (plain Python, tests, scripts)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    shell = get_ipython()
    return shell if shell is not None and getattr(shell, "kernel", None) is not None else None


def current_request(shell: Any) -> dict[str, Any]:
    """The shell request the kernel is running now ({} when there is none or no kernel API)."""
    try:
        parent = shell.kernel.get_parent("shell")
    except Exception as err:  # ipykernel < 6 has no get_parent: no execute context then
        log.debug("jupyterlab_hunt: no parent request (%s)", err)
        return {}
    return parent if isinstance(parent, dict) else {}
