"""Reading, redacting, validating and editing the user's msticpyconfig.yaml.

No function here returns, logs or puts into an exception message a secret value: secrets
leave this module only as descriptors (see :func:`describe_secret`). Validation messages
name the setting's path, never its value. YAML parse errors carry line/column and the
parser's problem text with any quoted excerpt removed.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import hashlib
import hmac
import io
import os
import re
import secrets
import tempfile
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import ScalarString

CONFIG_FILE = "msticpyconfig.yaml"
CONFIG_ENV_VAR = "MSTICPYCONFIG"
HOME_CONFIG = Path("~/.msticpy") / CONFIG_FILE

#: Keys msticpy types as ``cred_key`` (mpconfig_defaults.yaml) plus other known credentials.
SECRET_KEYS = frozenset(
    k.casefold()
    for k in (
        "AuthKey",
        "ApiID",
        "ApiKey",
        "clientSecret",
        "ClientSecret",
        "password",
        "accessid",
        "accesskey",
        "token",
        "cookie",
        "connection_str",
        "ConnectionString",
    )
)
#: Any other key whose name contains one of these is treated as a secret too.
SECRET_PATTERN = re.compile(r"key|secret|passw|pwd|token|cookie|credential", re.IGNORECASE)
#: Settings whose names match SECRET_PATTERN but are not secrets (booleans are never secret).
NOT_SECRET_KEYS = frozenset({"usekeyring", "keyvault", "vaultname"})

ENV_REF = "EnvironmentVar"
KV_REF = "KeyVault"

_ETAG_KEY = secrets.token_bytes(32)

#: Larger files are refused (a msticpyconfig.yaml is a few KB).
MAX_CONFIG_BYTES = 2 * 1024 * 1024
#: Backups kept per config file (oldest removed first).
KEEP_BACKUPS = 20

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


# ---------------------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------------------
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


class EditError(ConfigError):
    status = 400


class ConfigTooLarge(ConfigError):
    status = 413


def _read_bytes(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_CONFIG_BYTES:
        raise ConfigTooLarge(f"{path.name} is {size} bytes; the limit is {MAX_CONFIG_BYTES}")
    return path.read_bytes()


# ---------------------------------------------------------------------------------------
# Locating the file
# ---------------------------------------------------------------------------------------
@dataclass
class Location:
    path: Path
    exists: bool
    #: "env" (MSTICPYCONFIG), "cwd" (./msticpyconfig.yaml), "home" (~/.msticpy/...) or
    #: "default" (no file found: where POST /config/new would create it).
    source: str


def locate_config(env: Mapping[str, str] | None = None, cwd: str | Path | None = None) -> Location:
    """Find msticpyconfig.yaml as msticpy 3 does (``common/pkg_config.py::_get_custom_config``):

    1. the file named by ``MSTICPYCONFIG`` if that is an existing file;
    2. ``msticpyconfig.yaml`` in the current working directory;
    3. ``~/.msticpy/msticpyconfig.yaml``.

    With none found, the path to create is ``MSTICPYCONFIG`` if set, else the working
    directory's ``msticpyconfig.yaml``.
    """
    env = os.environ if env is None else env
    cwd = Path(os.getcwd() if cwd is None else cwd)
    env_path = env.get(CONFIG_ENV_VAR) or None
    if env_path and Path(env_path).expanduser().is_file():
        return Location(Path(env_path).expanduser().resolve(), True, "env")
    local = cwd / CONFIG_FILE
    if local.is_file():
        return Location(local.resolve(), True, "cwd")
    home = HOME_CONFIG.expanduser()
    if home.is_file():
        return Location(home.resolve(), True, "home")
    if env_path:
        return Location(Path(env_path).expanduser().absolute(), False, "default")
    return Location(local.absolute(), False, "default")


# ---------------------------------------------------------------------------------------
# Parsing and writing
# ---------------------------------------------------------------------------------------
def etag_of(data: bytes) -> str:
    """A change token for file bytes: keyed (per server process) so it reveals nothing."""
    return hmac.new(_ETAG_KEY, data, hashlib.sha256).hexdigest()[:32]


def _strip_quoted(text: str) -> str:
    # Parser messages may quote file content (e.g. duplicate keys with their values).
    return re.sub(r"(\"[^\"]*\"|'[^']*')", "<...>", text or "").strip()


@dataclass
class Style:
    mapping: int = 2
    sequence: int = 4
    offset: int = 2
    booleans: tuple[str, str] = ("false", "true")


def detect_style(text: str) -> Style:
    """Indentation and boolean spelling of a YAML file, so a dump matches the original."""
    style = Style()
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    for prev, cur in zip(lines, lines[1:], strict=False):
        p_ind = len(prev) - len(prev.lstrip(" "))
        c_ind = len(cur) - len(cur.lstrip(" "))
        if prev.rstrip().endswith(":") and not prev.lstrip().startswith("- ") and c_ind > p_ind:
            if cur.lstrip().startswith("- "):
                style.offset = c_ind - p_ind
                style.sequence = style.offset + 2
            else:
                style.mapping = c_ind - p_ind
                break
    for prev, cur in zip(lines, lines[1:], strict=False):
        p_ind = len(prev) - len(prev.lstrip(" "))
        c_ind = len(cur) - len(cur.lstrip(" "))
        if prev.rstrip().endswith(":") and cur.lstrip().startswith("- ") and c_ind >= p_ind:
            style.offset = c_ind - p_ind
            after = cur.lstrip()[1:]
            style.sequence = style.offset + 1 + (len(after) - len(after.lstrip(" ")))
            break
    cap = len(re.findall(r":\s+(True|False)\s*(#.*)?$", text, re.MULTILINE))
    low = len(re.findall(r":\s+(true|false)\s*(#.*)?$", text, re.MULTILINE))
    if cap > low:
        style.booleans = ("False", "True")
    return style


def _yaml(style: Style | None = None) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    style = style or Style()
    yaml.indent(
        mapping=style.mapping, sequence=max(style.sequence, style.offset + 2), offset=style.offset
    )
    yaml.boolean_representation = list(style.booleans)
    return yaml


def parse_yaml(data: bytes) -> tuple[Any, str, Style]:
    """Parse file bytes (round-trip mode). Raises ConfigParseError with line/column."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ConfigParseError(f"The file is not UTF-8 text (byte {err.start}).") from None
    style = detect_style(text)
    try:
        tree = _yaml(style).load(text)
    except Exception as err:  # ruamel raises many types; none may leak content
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        problem = _strip_quoted(
            getattr(err, "problem", None) or getattr(err, "context", None) or ""
        )
        if mark is not None:
            line, column = mark.line + 1, mark.column + 1
            msg = f"Invalid YAML at line {line}, column {column}" + (
                f": {problem}" if problem else ""
            )
            raise ConfigParseError(msg, line=line, column=column) from None
        raise ConfigParseError(f"Invalid YAML ({type(err).__name__})") from None
    if tree is None:
        tree = CommentedMap()
    if not isinstance(tree, Mapping):
        raise ConfigParseError(
            "Invalid msticpyconfig at line 1, column 1: "
            "the top level must be a mapping of sections",
            line=1,
            column=1,
        )
    return tree, text, style


def dump_yaml(tree: Any, style: Style) -> str:
    out = io.StringIO()
    _yaml(style).dump(tree, out)
    return out.getvalue()


def _merge_text(original: str, base: str, edited: str) -> str:
    """Apply the change base->edited to original, where base is ruamel's re-dump of original.

    Lines ruamel would merely re-format (indentation, quoting, boolean case) come from the
    original byte for byte; only changed hunks take ruamel's text. Needs base and original
    to have the same line count, otherwise the edited dump is returned as is.
    """
    o_lines = original.splitlines(keepends=True)
    b_lines = base.splitlines(keepends=True)
    e_lines = edited.splitlines(keepends=True)
    if len(o_lines) != len(b_lines):
        return edited
    if original.count("\r\n") > original.count("\n") // 2:  # a CRLF file stays CRLF
        e_lines = [
            ln[:-1] + "\r\n" if ln.endswith("\n") and not ln.endswith("\r\n") else ln
            for ln in e_lines
        ]
        b_lines = [
            ln[:-1] + "\r\n" if ln.endswith("\n") and not ln.endswith("\r\n") else ln
            for ln in b_lines
        ]
    out: list[str] = []
    matcher = difflib.SequenceMatcher(a=b_lines, b=e_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend(o_lines[i1:i2])
        else:
            out.extend(e_lines[j1:j2])
    if out and not out[-1].endswith("\n") and original.endswith("\n"):
        out[-1] += "\n"
    return "".join(out)


def to_plain(node: Any) -> Any:
    """ruamel round-trip objects -> plain JSON-able Python (no redaction)."""
    if isinstance(node, Mapping):
        return {str(k): to_plain(v) for k, v in node.items()}
    if isinstance(node, list | tuple):
        return [to_plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return (
            float(node) if node == node and node not in (float("inf"), float("-inf")) else str(node)
        )
    if isinstance(node, str):
        return str(node)
    if isinstance(node, _dt.datetime | _dt.date):
        return node.isoformat()
    return str(getattr(node, "value", node))


# ---------------------------------------------------------------------------------------
# Secrets
# ---------------------------------------------------------------------------------------
def is_secret_key(key: Any) -> bool:
    name = str(key).casefold()
    if name in NOT_SECRET_KEYS:
        return False
    return name in SECRET_KEYS or bool(SECRET_PATTERN.search(name))


def secret_ref(value: Any) -> tuple[str, Any] | None:
    """("env", NAME) / ("keyvault", ref) for msticpy secret references, else None."""
    if isinstance(value, Mapping) and len(value) == 1:
        ((key, ref),) = value.items()
        if key == ENV_REF:
            return "env", ref
        if key == KV_REF:
            return "keyvault", ref
    return None


def describe_secret(value: Any, env: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The only form in which a secret setting leaves the server."""
    env = os.environ if env is None else env
    ref = secret_ref(value)
    if ref is not None:
        kind, target = ref
        if kind == "env":
            name = None if target is None else str(target)
            return {"kind": "env", "name": name, "set": bool(name) and name in env}
        return {"kind": "keyvault", "ref": None if target is None else str(target)}
    is_set = value not in (None, "") and not (isinstance(value, list | Mapping) and not value)
    return {
        "kind": "literal",
        "set": bool(is_set),
        "label": "literal key stored (hidden)" if is_set else "not set",
    }


def redact(node: Any, env: Mapping[str, str] | None = None, key: Any = None) -> Any:
    """Plain JSON of the config with every secret value replaced by a descriptor."""
    if secret_ref(node) is not None:
        return describe_secret(node, env)
    if key is not None and is_secret_key(key) and not isinstance(node, bool):
        if not isinstance(node, Mapping):
            return describe_secret(node, env)
    if isinstance(node, Mapping):
        return {str(k): redact(v, env, k) for k, v in node.items()}
    if isinstance(node, list | tuple):
        # Items of a secret-named list were handled above; a list elsewhere keeps its key's
        # secrecy for nested mappings only.
        return [redact(v, env, None) for v in node]
    return to_plain(node)


def literal_secrets(node: Any, key: Any = None) -> list[str]:
    """Every literal secret string in a tree (the tests search responses and logs for them)."""
    found: list[str] = []
    if secret_ref(node) is not None:
        return found
    if isinstance(node, Mapping):
        for k, v in node.items():
            found.extend(literal_secrets(v, k))
    elif isinstance(node, list | tuple):
        for v in node:
            found.extend(
                literal_secrets(v, key)
                if key is not None and is_secret_key(key)
                else literal_secrets(v)
            )
    elif (
        key is not None
        and is_secret_key(key)
        and not isinstance(node, bool)
        and node not in (None, "")
    ):
        found.append(str(node))
    return found


# ---------------------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Problem:
    path: str
    message: str
    severity: str = "error"

    def to_json(self) -> dict[str, str]:
        return {
            "path": self.path,
            "message": f"{self.path}: {self.message}",
            "severity": self.severity,
        }


def _ptr(*parts: Any) -> str:
    return "/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def _is_uuid(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        uuid.UUID(value.strip())
    except ValueError:
        return False
    return True


_TI_REQUIRED = {
    "OTX": ("AuthKey",),
    "VirusTotal": ("AuthKey",),
    "XForce": ("ApiID", "AuthKey"),
    "OpenPageRank": ("AuthKey",),
    "RiskIQ": ("ApiID", "AuthKey"),
    "IntSights": ("ApiID", "AuthKey"),
    "AbuseIPDB": ("AuthKey",),
    "Pulsedive": ("AuthKey",),
    "IPQualityScore": ("AuthKey",),
    "BinaryEdge": ("AuthKey",),
    "CrowdSec": ("AuthKey",),
}
_OTHER_REQUIRED = {"GeoIPLite": ("AuthKey",), "IPStack": ("AuthKey",)}
_CLOUDS = ("global", "cn", "usgov", "de")
_AUTH_METHODS = (
    "env",
    "msi",
    "cli",
    "devicecode",
    "interactive",
    "vscode",
    "powershell",
    "clientsecret",
    "certificate",
)


@dataclass
class _Validator:
    env: Mapping[str, str]
    problems: list[Problem] = field(default_factory=list)

    def err(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message, "error"))

    def warn(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message, "warning"))

    def mapping(self, node: Any, path: str, required: bool = False) -> bool:
        if node is None:
            if required:
                self.err(path, "is required")
            return False
        if not isinstance(node, Mapping):
            self.err(path, "must be a mapping")
            return False
        return True

    def string(
        self,
        node: Any,
        path: str,
        required: bool = False,
        uuid_format: bool = False,
        options: tuple[str, ...] | None = None,
    ) -> None:
        if node is None or node == "":
            if required:
                self.err(path, "is required")
            return
        if not isinstance(node, str):
            self.err(path, "must be a string")
        elif uuid_format and not _is_uuid(node):
            self.err(path, "must be a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)")
        elif options and node not in options:
            self.err(path, "must be one of " + ", ".join(options))

    def boolean(self, node: Any, path: str) -> None:
        if node is not None and not isinstance(node, bool):
            self.err(path, "must be true or false")

    def secret(self, node: Any, path: str, required: bool = False) -> None:
        ref = secret_ref(node)
        if ref is not None:
            kind, target = ref
            if kind == "env":
                if not isinstance(target, str) or not target.strip():
                    self.err(path, "EnvironmentVar needs the variable name")
                elif target not in self.env:
                    self.warn(path, f"environment variable {target} is not set on the server")
            elif target is not None and not isinstance(target, str):
                self.err(
                    path, "KeyVault must be empty (default vault and name) or vault/secret text"
                )
            return
        if node is None or node == "":
            if required:
                self.err(path, "is required (a key, {EnvironmentVar: NAME} or {KeyVault: ...})")
            return
        if isinstance(node, Mapping):
            self.err(path, "must be a string, {EnvironmentVar: NAME} or {KeyVault: ...}")
        elif isinstance(node, bool | list):
            self.err(path, "must be a string, {EnvironmentVar: NAME} or {KeyVault: ...}")
        else:
            self.warn(path, "literal secret stored in the file; prefer EnvironmentVar or KeyVault")

    def secrets_anywhere(self, node: Any, parts: tuple[Any, ...], skip: set[str]) -> None:
        if isinstance(node, Mapping):
            for k, v in node.items():
                p = (*parts, k)
                if _ptr(*p) in skip:
                    continue
                if is_secret_key(k) and not isinstance(v, bool):
                    if secret_ref(v) is not None or not isinstance(v, Mapping):
                        self.secret(v, _ptr(*p))
                        continue
                self.secrets_anywhere(v, p, skip)
        elif isinstance(node, list):
            for i, v in enumerate(node):
                self.secrets_anywhere(v, (*parts, i), skip)

    def run(self, tree: Any) -> list[Problem]:
        checked: set[str] = set()
        sent_key = next((k for k in ("AzureSentinel", "MSSentinel") if k in tree), None)
        if sent_key is None:
            self.warn("/AzureSentinel", "no Microsoft Sentinel workspaces configured")
        else:
            sect = tree[sent_key]
            if self.mapping(sect, _ptr(sent_key)):
                wss = sect.get("Workspaces")
                if wss is None or (isinstance(wss, Mapping) and not wss):
                    self.warn(_ptr(sent_key, "Workspaces"), "no workspaces configured")
                elif self.mapping(wss, _ptr(sent_key, "Workspaces")):
                    if "Default" not in wss:
                        self.warn(_ptr(sent_key, "Workspaces"), "no Default workspace set")
                    for name, ws in wss.items():
                        base = (sent_key, "Workspaces", name)
                        if not self.mapping(ws, _ptr(*base), required=True):
                            continue
                        self.string(ws.get("WorkspaceId"), _ptr(*base, "WorkspaceId"), True, True)
                        self.string(ws.get("TenantId"), _ptr(*base, "TenantId"), True, True)
                        self.string(
                            ws.get("SubscriptionId"), _ptr(*base, "SubscriptionId"), False, True
                        )
                        self.string(ws.get("WorkspaceName"), _ptr(*base, "WorkspaceName"))
                        self.string(ws.get("ResourceGroup"), _ptr(*base, "ResourceGroup"))
        for section, required_map in (
            ("TIProviders", _TI_REQUIRED),
            ("OtherProviders", _OTHER_REQUIRED),
            ("ContextProviders", {}),
            ("DataProviders", {}),
        ):
            if section not in tree:
                continue
            sect = tree[section]
            if sect is None:
                continue
            if not self.mapping(sect, _ptr(section)):
                continue
            for name, prov in sect.items():
                base = (section, name)
                if prov is None:
                    continue
                if not self.mapping(prov, _ptr(*base)):
                    continue
                if "Primary" in prov:
                    self.boolean(prov.get("Primary"), _ptr(*base, "Primary"))
                if "Provider" in prov:
                    self.string(prov.get("Provider"), _ptr(*base, "Provider"))
                args = prov.get("Args")
                if args is None:
                    args = CommentedMap()
                elif not self.mapping(args, _ptr(*base, "Args")):
                    continue
                for req in required_map.get(str(name), ()):
                    path = _ptr(*base, "Args", req)
                    self.secret(args.get(req), path, required=True)
                    checked.add(path)
                if section == "TIProviders" and name == "AzureSentinel":
                    for key in ("WorkspaceID", "TenantID"):
                        self.string(args.get(key), _ptr(*base, "Args", key), False, True)
        if "Azure" in tree and self.mapping(tree["Azure"], "/Azure"):
            az = tree["Azure"]
            self.string(az.get("cloud"), "/Azure/cloud", options=_CLOUDS)
            methods = az.get("auth_methods")
            if methods is not None:
                items = [methods] if isinstance(methods, str) else methods
                if not isinstance(items, list) or any(m not in _AUTH_METHODS for m in items):
                    self.err("/Azure/auth_methods", "must be a list of " + ", ".join(_AUTH_METHODS))
        if "KeyVault" in tree and self.mapping(tree["KeyVault"], "/KeyVault"):
            kv = tree["KeyVault"]
            self.string(kv.get("TenantId"), "/KeyVault/TenantId", uuid_format=True)
            self.string(kv.get("SubscriptionId"), "/KeyVault/SubscriptionId", uuid_format=True)
            self.string(kv.get("VaultName"), "/KeyVault/VaultName")
            self.boolean(kv.get("UseKeyring"), "/KeyVault/UseKeyring")
            self.string(
                kv.get("Authority"), "/KeyVault/Authority", options=("global", "usgov", "cn", "de")
            )
        if "QueryDefinitions" in tree and self.mapping(
            tree["QueryDefinitions"], "/QueryDefinitions"
        ):
            for key, val in tree["QueryDefinitions"].items():
                if val is not None and (
                    not isinstance(val, list) or not all(isinstance(v, str) for v in val)
                ):
                    self.err(_ptr("QueryDefinitions", key), "must be a list of folder paths")
        if "msticpy" in tree and self.mapping(tree["msticpy"], "/msticpy"):
            mp = tree["msticpy"]
            self.boolean(mp.get("FriendlyExceptions"), "/msticpy/FriendlyExceptions")
            timeout = mp.get("http_timeout")
            if timeout is not None and (
                isinstance(timeout, bool) or not isinstance(timeout, int | float)
            ):
                self.err("/msticpy/http_timeout", "must be a number of seconds")
        self.secrets_anywhere(tree, (), checked)
        return self.problems


def validate(tree: Any, env: Mapping[str, str] | None = None) -> list[Problem]:
    """Errors and warnings for a config tree; messages name paths, never values."""
    return _Validator(os.environ if env is None else env).run(tree)


# ---------------------------------------------------------------------------------------
# Edits
# ---------------------------------------------------------------------------------------
def parse_pointer(path: Any) -> list[str]:
    if not isinstance(path, str) or not path.startswith("/") or path == "/":
        raise EditError(f"{path!r} is not a path like /TIProviders/OTX/Args/AuthKey")
    return [p.replace("~1", "/").replace("~0", "~") for p in path[1:].split("/")]


def _block(node: Any) -> Any:
    if isinstance(node, CommentedMap | CommentedSeq) and not node:
        node.fa.set_block_style()
    return node


def _from_wire(value: Any, existing: Any, path: str) -> Any:
    """JSON edit value -> YAML node. Descriptors are accepted: env/keyvault become references,
    a literal descriptor with ``value`` writes that value (write-only), and one without keeps
    the stored secret."""
    if (
        isinstance(value, Mapping)
        and value.get("kind") in ("env", "keyvault", "literal")
        and (set(value) <= {"kind", "name", "set", "ref", "value", "label"})
    ):
        kind = value["kind"]
        if kind == "env":
            name = value.get("name")
            if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
                raise EditError(f"{path}: an environment variable name is needed")
            return CommentedMap([(ENV_REF, name)])
        if kind == "keyvault":
            ref = value.get("ref")
            if ref is not None and not isinstance(ref, str):
                raise EditError(f"{path}: KeyVault ref must be text or null")
            return CommentedMap([(KV_REF, ref or None)])
        if "value" in value:
            if not isinstance(value["value"], str):
                raise EditError(f"{path}: a literal secret must be a string")
            return value["value"]
        if existing is _MISSING:
            raise EditError(f"{path}: no stored secret to keep; send a value")
        return existing
    if isinstance(value, Mapping):
        out = CommentedMap()
        for k, v in value.items():
            prev = existing.get(k, _MISSING) if isinstance(existing, Mapping) else _MISSING
            out[str(k)] = _from_wire(v, prev, f"{path}/{k}")
        return _block(out)
    if isinstance(value, list):
        return _block(
            CommentedSeq(_from_wire(v, _MISSING, f"{path}/{i}") for i, v in enumerate(value))
        )
    if value is None or isinstance(value, bool | int | float | str):
        if (
            isinstance(value, str)
            and isinstance(existing, ScalarString)
            and not isinstance(value, ScalarString)
        ):
            return type(existing)(value)  # keep the quoting style of the replaced value
        return value
    raise EditError(f"{path}: unsupported value type")


_MISSING = object()


def apply_edits(tree: Any, edits: Any) -> Any:
    """Apply ``[{"op": "set"|"remove", "path": "/a/b", "value": ...}]`` to a round-trip tree
    in place. ``add``/``replace`` are accepted as ``set``. Raises EditError naming the path."""
    if not isinstance(edits, list) or not edits:
        raise EditError("edits must be a non-empty list of {op, path, value}")
    for i, edit in enumerate(edits):
        if not isinstance(edit, Mapping):
            raise EditError(f"edit {i} must be an object")
        op = edit.get("op", "set")
        path = edit.get("path")
        parts = parse_pointer(path)
        if op in ("set", "add", "replace"):
            if "value" not in edit:
                raise EditError(f"{path}: set needs a value")
            node = tree
            for j, part in enumerate(parts[:-1]):
                here = "/" + "/".join(parts[: j + 1])
                if isinstance(node, Mapping):
                    if part not in node or node[part] is None:
                        node[part] = _block(CommentedMap())
                    node = (
                        _block(node[part]) if isinstance(node[part], CommentedMap) else node[part]
                    )
                elif isinstance(node, list):
                    node = node[_index(node, part, here, allow_end=False)]
                else:
                    raise EditError(f"{here} is a value, not a section")
            last = parts[-1]
            if isinstance(node, Mapping):
                _block(node)
                prev = node.get(last, _MISSING)
                node[last] = _from_wire(edit["value"], prev, path)
            elif isinstance(node, list):
                idx = _index(node, last, path, allow_end=True)
                if idx == len(node):
                    node.append(_from_wire(edit["value"], _MISSING, path))
                else:
                    node[idx] = _from_wire(edit["value"], node[idx], path)
            else:
                raise EditError(f"{path}: the parent is a value, not a section")
        elif op == "remove":
            node = tree
            for j, part in enumerate(parts[:-1]):
                here = "/" + "/".join(parts[: j + 1])
                if isinstance(node, Mapping) and part in node:
                    node = node[part]
                elif isinstance(node, list):
                    node = node[_index(node, part, here, allow_end=False)]
                else:
                    raise EditError(f"{path}: not found")
            last = parts[-1]
            if isinstance(node, Mapping) and last in node:
                del node[last]
            elif isinstance(node, list):
                del node[_index(node, last, path, allow_end=False)]
            else:
                raise EditError(f"{path}: not found")
        else:
            raise EditError(f"{path}: unknown op {op!r} (set or remove)")
    return tree


def _index(node: list, part: str, path: str, allow_end: bool) -> int:
    if allow_end and part == "-":
        return len(node)
    if not part.isdigit():
        raise EditError(f"{path}: a list index is needed")
    idx = int(part)
    if idx > len(node) or (idx == len(node) and not allow_end):
        raise EditError(f"{path}: index out of range")
    return idx


# ---------------------------------------------------------------------------------------
# File operations (used by the HTTP handlers)
# ---------------------------------------------------------------------------------------
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


def _backup_path(path: Path) -> Path:
    while True:
        stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        candidate = path.with_name(f"{path.name}.{stamp}.bak")
        if not candidate.exists():
            return candidate


def _prune_backups(path: Path) -> None:
    backups = sorted(path.parent.glob(f"{glob_escape(path.name)}.*Z.bak"))
    for old in backups[:-KEEP_BACKUPS]:
        try:
            old.unlink()
        except OSError:
            pass


def glob_escape(name: str) -> str:
    return re.sub(r"([*?[])", r"[\1]", name)


def _atomic_write(path: Path, text: str, mode: int) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=str(path.parent))
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def update_config(
    location: Location, etag: Any, edits: Any, env: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """PUT /config: apply edits if the file is unchanged since ``etag`` was read."""
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
    edited = dump_yaml(edited_tree, style)
    merged = _merge_text(text, base, edited)
    new_text = merged
    try:
        if to_plain(_yaml(style).load(merged)) != to_plain(edited_tree):
            new_text = edited
    except Exception:
        new_text = edited
    if data.startswith(b"\xef\xbb\xbf"):
        new_text = "\ufeff" + new_text
    # Last check right before writing: another writer may have been quicker.
    if not hmac.compare_digest(etag_of(_read_bytes(location.path)), etag):
        raise ConfigConflict("msticpyconfig.yaml changed on disk while saving; reload", etag=None)
    mode = location.path.stat().st_mode & 0o777
    backup = _backup_path(location.path)
    fd = os.open(backup, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    _atomic_write(location.path, new_text, mode)
    _prune_backups(location.path)
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
