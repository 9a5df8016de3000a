"""Backups of msticpyconfig.yaml taken before each save.

They hold the secrets the file holds, so they are kept out of the Jupyter root (where the
contents API would list and serve them): in ``<jupyter data dir>/jupyterlab_hunt/backups``,
one private folder (0700) per config file, files 0600.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
from pathlib import Path

from jupyter_core.paths import jupyter_data_dir

from . import limits


def default_root() -> Path:
    return Path(jupyter_data_dir()) / "jupyterlab_hunt" / "backups"


def folder_for(path: Path, root: Path | None = None) -> Path:
    """The backups folder of one config file (named by a hash of its path)."""
    digest = hashlib.sha256(str(path).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return (root or default_root()) / digest


def _private_folder(folder: Path) -> Path:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    for own in (folder, folder.parent):  # also a backups root made before with a looser mode
        if own.stat().st_mode & 0o777 != 0o700:
            os.chmod(own, 0o700)
    return folder


def _backup_path(folder: Path, name: str) -> Path:
    while True:
        stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        candidate = folder / f"{name}.{stamp}.bak"
        if not candidate.exists():
            return candidate


def _prune(folder: Path) -> None:
    for old in sorted(folder.glob("*Z.bak"))[: -limits.KEEP_BACKUPS]:
        try:
            old.unlink()
        except OSError:
            pass


def write_backup(path: Path, data: bytes, root: Path | None = None) -> Path:
    """Write the file's current bytes to a new private backup; returns its path."""
    folder = _private_folder(folder_for(path, root))
    backup = _backup_path(folder, path.name)
    fd = os.open(backup, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        os.fchmod(fh.fileno(), 0o600)
        fh.write(data)
    _prune(folder)
    return backup
