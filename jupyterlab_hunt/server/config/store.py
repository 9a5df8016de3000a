"""The config routes' file operations: read (redacted), update (etag conflict check, backup,
atomic write) and create."""

from __future__ import annotations

import datetime as _dt
import hashlib
import hmac
import os
import secrets
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from . import limits
from .backups import write_backup
from .edits import apply_edits
from .errors import (
    ConfigConflict,
    ConfigNotFound,
    ConfigParseError,
    ConfigTooLarge,
    ConfigValidationError,
    EditError,
)
from .locate import Location
from .redaction import redact
from .roundtrip import dump_yaml, parse_yaml, render_edit
from .validation import validate

_ETAG_KEY = secrets.token_bytes(32)

MINIMAL_CONFIG = """\
# msticpy configuration, created by jupyterlab-hunt.
# Store secrets as references, e.g.  AuthKey: {EnvironmentVar: VT_API_KEY}  or  KeyVault:
# Reference: https://msticpy.readthedocs.io/en/latest/getting_started/msticpyconfig.html
AzureSentinel:
  Workspaces: {}
TIProviders: {}
OtherProviders: {}
DataProviders: {}
"""


def etag_of(data: bytes) -> str:
    """A change token for file bytes: keyed (per server process) so it reveals nothing."""
    return hmac.new(_ETAG_KEY, data, hashlib.sha256).hexdigest()[:32]


def _read_bytes(path: Path) -> bytes:
    size = path.stat().st_size
    if size > limits.MAX_CONFIG_BYTES:
        raise ConfigTooLarge(f"{path.name} is {size} bytes; the limit is {limits.MAX_CONFIG_BYTES}")
    return path.read_bytes()


def read_config(location: Location, env: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The GET /config response body."""
    body: dict[str, Any] = {
        "path": str(location.path),
        "exists": location.exists,
        "source": location.source,
        "mtime": None,
        "etag": None,
        "sections": None,
        "problems": [],
    }
    if not location.exists:
        return body
    data = _read_bytes(location.path)
    stat = location.path.stat()
    body["mtime"] = _dt.datetime.fromtimestamp(stat.st_mtime, _dt.timezone.utc).isoformat()
    body["etag"] = etag_of(data)
    try:
        tree, _, _ = parse_yaml(data)
    except ConfigParseError as err:  # -> 422 with line/column; the panel shows the path too
        err.details.update(path=str(location.path), etag=body["etag"])
        raise
    body["sections"] = redact(tree, env)
    body["problems"] = [p.to_json() for p in validate(tree, env)]
    return body


def _atomic_write(path: Path, data: bytes, mode: int) -> None:
    """Replace the file in one step (a temp file in its folder, then os.replace): a reader
    sees the old bytes or the new ones, never a part."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=str(path.parent))
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def update_config(
    location: Location,
    etag: Any,
    edits: Any,
    env: Mapping[str, str] | None = None,
    backup_root: Path | None = None,
) -> dict[str, Any]:
    """PUT /config: apply edits if the file is unchanged since ``etag`` was read. The file as
    it was goes to a backup under ``backup_root`` (default: see backups.default_root)."""
    if not location.exists or not location.path.is_file():
        raise ConfigNotFound("There is no msticpyconfig.yaml to edit; create one first.")
    if not isinstance(etag, str) or not etag:
        raise EditError("etag (from GET /jupyterlab-hunt/config) is required")
    data = _read_bytes(location.path)
    current = etag_of(data)
    if not hmac.compare_digest(current, etag):
        raise ConfigConflict(
            "msticpyconfig.yaml changed on disk since it was read; "
            "reload and apply the edits again",
            etag=current,
        )
    tree, text, style = parse_yaml(data)
    before = {(p.path, p.message) for p in validate(tree, env) if p.severity == "error"}
    base = dump_yaml(tree, style)
    edited_tree, _, _ = parse_yaml(data)  # a second parse: deepcopy drops some comments
    apply_edits(edited_tree, edits)
    problems = validate(edited_tree, env)
    new_errors = [
        p for p in problems if p.severity == "error" and (p.path, p.message) not in before
    ]
    if new_errors:
        raise ConfigValidationError(
            "The edits make the configuration invalid: "
            + "; ".join(f"{p.path}: {p.message}" for p in new_errors),
            errors=[p.to_json() for p in new_errors],
        )
    new_text = render_edit(text, base, edited_tree, style)
    if data.startswith(b"\xef\xbb\xbf"):
        new_text = "\ufeff" + new_text
    new_data = new_text.encode("utf-8")
    if len(new_data) > limits.MAX_CONFIG_BYTES:  # refused before anything is written
        raise ConfigTooLarge(
            f"The edited {location.path.name} would be {len(new_data)} bytes; "
            f"the limit is {limits.MAX_CONFIG_BYTES}"
        )
    # Last check right before writing: another writer may have been quicker.
    if not hmac.compare_digest(etag_of(_read_bytes(location.path)), etag):
        raise ConfigConflict("msticpyconfig.yaml changed on disk while saving; reload", etag=None)
    mode = location.path.stat().st_mode & 0o777
    backup = write_backup(location.path, data, backup_root)
    _atomic_write(location.path, new_data, mode)
    body = read_config(location, env)
    body["backup"] = str(backup)
    return body


def create_config(location: Location, env: Mapping[str, str] | None = None) -> dict[str, Any]:
    """POST /config/new: write a minimal valid file where msticpy will find it."""
    if location.exists or location.path.exists():
        raise ConfigConflict("msticpyconfig.yaml already exists", path=str(location.path))
    if not location.path.parent.is_dir():
        raise EditError(f"The folder {location.path.parent} does not exist")
    fd = os.open(location.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
        fh.write(MINIMAL_CONFIG)
    new_loc = Location(
        location.path, True, location.source if location.source != "default" else "created"
    )
    return read_config(new_loc, env)
