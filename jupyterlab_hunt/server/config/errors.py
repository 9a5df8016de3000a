"""Errors of the config routes: each carries the HTTP status the server answers with.

Messages and details are built from key paths, positions and sizes only, never from values.
"""

from __future__ import annotations

from typing import Any


class ConfigError(Exception):
    """Base class; ``status`` is the HTTP status the server answers with."""

    status = 400

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details = details


class ConfigNotFound(ConfigError):
    status = 404


class ConfigConflict(ConfigError):
    status = 409


class ConfigParseError(ConfigError):
    status = 422


class ConfigValidationError(ConfigError):
    status = 422


class ConfigLimitError(ConfigParseError):
    """Input over one of the bounds in limits.py (nesting, aliases, edits)."""

    status = 400


class EditError(ConfigError):
    status = 400


class ConfigTooLarge(ConfigError):
    status = 413
