"""Which settings hold secrets: msticpy's credential key names, and its secret references
(``{EnvironmentVar: NAME}``, ``{KeyVault: ...}``)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

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
