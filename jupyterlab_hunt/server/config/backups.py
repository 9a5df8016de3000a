"""Backups of msticpyconfig.yaml taken before each save."""

from __future__ import annotations

import datetime as _dt
import os
import re
from pathlib import Path

from . import limits


def _backup_path(path: Path) -> Path:
    while True:
        stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        candidate = path.with_name(f"{path.name}.{stamp}.bak")
        if not candidate.exists():
            return candidate


def _prune_backups(path: Path) -> None:
    backups = sorted(path.parent.glob(f"{glob_escape(path.name)}.*Z.bak"))
    for old in backups[: -limits.KEEP_BACKUPS]:
        try:
            old.unlink()
        except OSError:
            pass


def glob_escape(name: str) -> str:
    return re.sub(r"([*?[])", r"[\1]", name)


def write_backup(path: Path, data: bytes) -> Path:
    """Write the file's current bytes to a new private backup; returns its path."""
    backup = _backup_path(path)
    fd = os.open(backup, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    _prune_backups(path)
    return backup
