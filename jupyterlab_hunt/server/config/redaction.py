"""Which settings are secrets, and the descriptors that replace them in every answer.

No function here returns, logs or puts into an exception message a secret value: secrets
leave the server only as descriptors (see :func:`describe_secret`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from typing import Any

from ruamel.yaml.scalarbool import ScalarBoolean

from .roundtrip import merged_keys, to_plain
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


def _is_bool(node: Any) -> bool:
    return isinstance(node, bool | ScalarBoolean)


def _tracked(node: Any) -> bool:
    """Objects that YAML aliases can share: collections and anchored scalars. Other scalars
    are compared by position only (equal small values are one object in Python)."""
    if isinstance(node, Mapping | list):
        return True
    anchor = getattr(node, "anchor", None)
    return bool(getattr(anchor, "value", None))


def _secret_child(key: Any, value: Any, source: Any, secret_ids: set[int]) -> bool:
    named = is_secret_key(key) and not _is_bool(value)
    return named or id(source) in secret_ids


def _children(node: Any, secret_ids: set[int]) -> Iterator[tuple[Any, Any, bool]]:
    """(key or index, value, is it secret by its own key or merge source)."""
    if isinstance(node, Mapping):
        merged = merged_keys(node)
        for k, v in node.items():
            yield k, v, _secret_child(k, v, merged.get(k, node), secret_ids)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield i, v, False


def secret_ids(tree: Any) -> set[int]:
    """ids of the shared objects (see _tracked) that are, or are inside, the value of a
    secret-named key, wherever else an alias puts them."""
    found: set[int] = set()
    seen: set[tuple[int, bool]] = set()

    def walk(node: Any, secret: bool) -> None:
        if _tracked(node):
            if (id(node), secret) in seen:
                return
            seen.add((id(node), secret))
            if secret and not _is_bool(node):
                found.add(id(node))
        for _, child, named in _children(node, found):
            walk(child, secret or named)

    walk(tree, False)
    return found


def _is_secret(node: Any, named: bool, ids: set[int]) -> bool:
    return named or (_tracked(node) and id(node) in ids and not _is_bool(node))


def redact(node: Any, env: Mapping[str, str] | None = None) -> Any:
    """Plain JSON of the config with every value that is, or came from, a secret replaced by
    a descriptor: the value of a secret-named key (a mapping or list as a whole), a reference
    anywhere, and whatever an alias or merge key shares with them."""
    ids = secret_ids(node)

    def out(value: Any, named: bool) -> Any:
        if secret_ref(value) is not None or _is_secret(value, named, ids):
            return describe_secret(value, env)
        if isinstance(value, Mapping):
            return {str(k): out(v, s) for k, v, s in _children(value, ids)}
        if isinstance(value, list):
            return [out(v, s) for _, v, s in _children(value, ids)]
        return to_plain(value)

    return out(node, False)


def literal_secrets(tree: Any) -> list[str]:
    """Every literal secret scalar in a tree, as text (the tests search responses and logs
    for them). Reference targets (variable names, vault refs) and booleans are not secrets."""
    ids = secret_ids(tree)
    found: list[str] = []

    def walk(value: Any, secret: bool) -> None:
        if secret_ref(value) is not None:
            return
        if isinstance(value, Mapping | list):
            for _, v, named in _children(value, ids):
                walk(v, secret or _is_secret(v, named, ids))
        elif secret and not _is_bool(value) and value not in (None, ""):
            found.append(str(value))

    walk(tree, False)
    return found
