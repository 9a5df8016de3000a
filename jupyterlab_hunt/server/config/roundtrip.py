"""YAML round trip with ruamel: parse with positions, dump in the file's own style, and merge
the dump with the original text so untouched lines stay byte for byte.

Parse errors carry line/column and key paths, never text of the file (see guard.py).
"""

from __future__ import annotations

import datetime as _dt
import difflib
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, merge_attrib
from ruamel.yaml.scalarbool import ScalarBoolean

from . import guard
from .errors import ConfigParseError


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
    key_paths = guard.scan(text)  # bounds and duplicates first: load only what passes
    style = detect_style(text)
    try:
        tree = _yaml(style).load(text)
    except Exception as err:  # ruamel raises many types; none may leak content
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        path = key_paths.get((mark.line, mark.column)) if mark is not None else None
        raise guard.from_ruamel(err, path) from None
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


def render_edit(original: str, base: str, edited_tree: Any, style: Style) -> str:
    """The text to write for an edited tree: the original's lines where the edit left them
    alone (see :func:`_merge_text`), or ruamel's plain dump if that merge loses data."""
    edited = dump_yaml(edited_tree, style)
    merged = _merge_text(original, base, edited)
    try:
        if to_plain(_yaml(style).load(merged)) == to_plain(edited_tree):
            return merged
    except Exception:  # the merge produced broken YAML: fall back to the plain dump
        pass
    return edited


def merged_keys(node: Mapping) -> dict[Any, Any]:
    """For each key a mapping has from a YAML merge (``<<: *anchor``), the mapping it came
    from (a plain scalar reached that way is the same value as in its source)."""
    if not hasattr(node, "non_merged_items"):
        return {}
    own = {k for k, _ in node.non_merged_items()}
    sources = [m[1] if isinstance(m, tuple) else m for m in getattr(node, merge_attrib, ())]
    return {k: next((m for m in sources if k in m), node) for k in node if k not in own}


def to_plain(node: Any) -> Any:
    """ruamel round-trip objects -> plain JSON-able Python (no redaction)."""
    if isinstance(node, Mapping):
        return {str(k): to_plain(v) for k, v in node.items()}
    if isinstance(node, list | tuple):
        return [to_plain(v) for v in node]
    if isinstance(node, bool | ScalarBoolean) or node is None:
        return None if node is None else bool(node)
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
