"""PUT edits: JSON-pointer ``set``/``remove`` applied to a ruamel round-trip tree."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import ScalarString

from . import limits
from .errors import ConfigTooLarge, EditError
from .roundtrip import merged_keys
from .secretnames import ENV_REF, KV_REF


def depth(value: Any) -> int:
    """Nesting depth of a JSON value (0 for a scalar), without recursion."""
    deepest, stack = 0, [(value, 0)]
    while stack:
        node, level = stack.pop()
        deepest = max(deepest, level)
        if level > limits.MAX_DEPTH:
            break
        children = node.values() if isinstance(node, Mapping) else node
        if isinstance(node, Mapping | list):
            stack.extend((child, level + 1) for child in children)
    return deepest


def parse_body(raw: bytes) -> tuple[Any, Any]:
    """A PUT body -> (etag, edits), refusing before any work what is over the bounds."""
    if len(raw) > limits.MAX_CONFIG_BYTES:
        raise ConfigTooLarge(
            f"The request body is {len(raw)} bytes; the limit is {limits.MAX_CONFIG_BYTES}"
        )
    try:
        payload = json.loads(raw or b"null")
    except RecursionError:
        payload = _TOO_DEEP
    except (ValueError, UnicodeDecodeError):
        raise EditError("The request body must be JSON") from None
    if payload is _TOO_DEEP or depth(payload) > limits.MAX_DEPTH:
        raise EditError(f"The request body is nested more than {limits.MAX_DEPTH} levels deep")
    if not isinstance(payload, dict):
        raise EditError('The body must be {"etag": ..., "edits": [...]}')
    return payload.get("etag"), payload.get("edits")


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
    if isinstance(value, Mapping) and isinstance(existing, Mapping) and merged_keys(existing):
        return _onto_merged(value, existing, path)
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
_TOO_DEEP = object()


def _onto_merged(value: Mapping, existing: Any, path: str) -> Any:
    """A wire mapping applied in place to a mapping with merge keys (``<<: *anchor``): a
    merged key the edit leaves as it was stays merged, so it keeps its source (and with it
    its secrecy: the descriptor sent back for a merged secret is not copied out as a
    literal). The other keys are set or removed as own keys."""
    merged = merged_keys(existing)
    for k in [k for k, _ in existing.non_merged_items() if k not in value]:
        del existing[k]
    for k, v in value.items():
        prev = existing.get(k, _MISSING)
        new = _from_wire(v, prev, f"{path}/{k}")
        if k not in merged or (new is not prev and new != prev):
            existing[str(k)] = new
    return existing


def apply_edits(tree: Any, edits: Any) -> Any:
    """Apply ``[{"op": "set"|"remove", "path": "/a/b", "value": ...}]`` to a round-trip tree
    in place. ``add``/``replace`` are accepted as ``set``. Raises EditError naming the path."""
    if not isinstance(edits, list) or not edits:
        raise EditError("edits must be a non-empty list of {op, path, value}")
    if len(edits) > limits.MAX_EDITS:
        raise EditError(f"{len(edits)} edits in one request; the limit is {limits.MAX_EDITS}")
    for i, edit in enumerate(edits):
        if not isinstance(edit, Mapping):
            raise EditError(f"edit {i} must be an object")
        op = edit.get("op", "set")
        path = edit.get("path")
        parts = parse_pointer(path)
        if len(parts) + depth(edit.get("value")) > limits.MAX_DEPTH:
            problem = f"would nest the file more than {limits.MAX_DEPTH} levels deep"
            raise EditError(f"edit {i}: {problem}")
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
