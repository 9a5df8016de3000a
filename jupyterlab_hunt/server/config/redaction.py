"""Which settings are secrets, and the descriptors that replace them in every answer.

No function here returns, logs or puts into an exception message a secret value: secrets
leave the server only as descriptors (see :func:`describe_secret`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from .roundtrip import to_plain
from .secretnames import is_secret_key, secret_ref


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
