"""Validation of a config tree: errors and warnings that name paths, never values."""

from __future__ import annotations

import os
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.comments import CommentedMap

from .secretnames import is_secret_key, secret_ref


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
