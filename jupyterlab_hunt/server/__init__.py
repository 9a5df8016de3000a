"""Server side of jupyterlab-hunt: a Jupyter server extension (see handlers.py)."""

from .handlers import setup_handlers

__all__ = ["setup_handlers"]
