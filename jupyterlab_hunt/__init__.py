"""jupyterlab-hunt: JupyterLab 4 tools for security investigation and hunting.

Importing this package is cheap: it does not import pandas or pyarrow, because the Jupyter
server imports it to load the server extension. The kernel-side API lives in
:mod:`jupyterlab_hunt.kernel` and is reached with ``from jupyterlab_hunt import hunt``.
"""

from __future__ import annotations

from typing import Any

from ._constants import COMM_TARGET, MIME_TYPE

try:
    from ._version import __version__
except ImportError:  # pragma: no cover - only in a source tree that was never built
    # Fallback when using the package in dev mode without installing in editable mode with
    # pip. It is highly recommended to install the package from a stable release or in
    # editable mode: https://pip.pypa.io/en/stable/topics/local-project-installs/#editable-installs
    import warnings

    warnings.warn("Importing 'jupyterlab_hunt' outside a proper installation.", stacklevel=2)
    __version__ = "dev"

__all__ = ["COMM_TARGET", "MIME_TYPE", "__version__", "hunt"]


def _jupyter_labextension_paths() -> list[dict[str, str]]:
    return [{"src": "labextension", "dest": "jupyterlab-hunt"}]


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "jupyterlab_hunt"}]


def _load_jupyter_server_extension(server_app: Any) -> None:
    """Register the ``/jupyterlab-hunt/`` routes with the Jupyter server."""
    from .server import setup_handlers

    setup_handlers(server_app.web_app)
    server_app.log.info("Registered jupyterlab_hunt server extension at /jupyterlab-hunt/")


# Older notebook-server name for the same hook.
load_jupyter_server_extension = _load_jupyter_server_extension


def __getattr__(name: str) -> Any:
    # ``from jupyterlab_hunt import hunt``: the kernel-side singleton, imported lazily so the
    # server never pulls in pandas/pyarrow.
    if name == "hunt":
        from .kernel import get_hunt

        return get_hunt()
    raise AttributeError(f"module 'jupyterlab_hunt' has no attribute {name!r}")
