"""A pass over the YAML event stream before ruamel builds a tree from it.

It refuses what would make building, walking or sending the tree costly (nesting deeper than
``limits.MAX_DEPTH``, aliases expanding to more than ``limits.MAX_ALIAS_NODES`` nodes, an
alias inside its own anchor) and duplicate keys, and turns ruamel's errors into messages
built from positions and key paths only: ruamel's own texts quote values (a duplicate key's
message holds the repr of whole mappings), so no text of the file is ever passed on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML, tokens
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    MappingStartEvent,
    NodeEvent,
    ScalarEvent,
)

from . import limits
from .errors import ConfigLimitError, ConfigParseError
from .secretnames import is_secret_key

#: ruamel's token names ('<block end>', ',', ...), the only quoted words kept from its texts.
_TOKEN_IDS = sorted(
    {t.id for t in vars(tokens).values() if isinstance(getattr(t, "id", None), str)},
    key=len,
    reverse=True,
)
_QUOTED_TOKEN = re.compile("'(?:" + "|".join(re.escape(t) for t in _TOKEN_IDS) + ")'")
MERGE_KEY = "<<"


def pointer(parts: list[Any]) -> str:
    """A JSON pointer for a key path, cut after the first secret-named key (the keys below
    one may be part of the secret)."""
    shown: list[str] = []
    for part in parts:
        shown.append(str(part).replace("~", "~0").replace("/", "~1"))
        if is_secret_key(part):
            break
    return "/" + "/".join(shown)


def safe_problem(text: str | None) -> str:
    """ruamel's problem text up to the first quote that is not a token name: what ruamel
    quotes (found characters, tags, keys, values) never reaches a message."""
    text = text or ""
    out, i = [], 0
    while i < len(text):
        if text[i] in "'\"":
            m = _QUOTED_TOKEN.match(text, i)
            if m is None:
                break
            out.append(m.group())
            i = m.end()
            continue
        out.append(text[i])
        i += 1
    return "".join(out).rstrip(" ,:;(")


def _at(mark: Any) -> tuple[str, dict[str, int]]:
    line, column = mark.line + 1, mark.column + 1
    return f"line {line}, column {column}", {"line": line, "column": column}


def parse_error(problem: str, mark: Any, path: str | None) -> ConfigParseError:
    where, pos = _at(mark)
    if not path or path == "/":
        return ConfigParseError(f"Invalid YAML at {where}: {problem}", **pos)
    return ConfigParseError(f"Invalid YAML at {where} in {path}: {problem}", **pos, key_path=path)


def limit_error(problem: str, mark: Any, path: str) -> ConfigLimitError:
    where, pos = _at(mark)
    return ConfigLimitError(
        f"msticpyconfig.yaml refused at {where} in {path}: {problem}", **pos, key_path=path
    )


@dataclass
class _Frame:
    mapping: bool
    anchor: str | None
    key: Any = None  # mappings: the current key; sequences: the current index
    want_key: bool = True
    keys: dict[str, int] = field(default_factory=dict)  # key text -> line first seen
    size: int = 1  # nodes in this collection, aliases expanded


class _Scan:
    def __init__(self) -> None:
        self.stack: list[_Frame] = []
        self.sizes: dict[str, int] = {}  # anchor -> nodes it expands to
        self.aliased = 0  # nodes reached through aliases so far
        self.key_paths: dict[tuple[int, int], str] = {}  # a key's position -> its path

    def parts(self) -> list[Any]:
        return [f.key for f in self.stack if f.key is not None]

    def event(self, ev: Any) -> None:
        if isinstance(ev, CollectionEndEvent):
            done = self.stack.pop()
            self._close(done.anchor, done.size)
        elif isinstance(ev, NodeEvent):
            self._node(ev)

    def _close(self, anchor: str | None, size: int) -> None:
        if anchor:
            self.sizes[anchor] = size
        if self.stack:
            self.stack[-1].size += size

    def _node(self, ev: Any) -> None:
        parent = self.stack[-1] if self.stack else None
        if parent is not None and parent.mapping and parent.want_key:
            self._key(parent, ev)
        elif parent is not None:
            parent.want_key = True
            if not parent.mapping:
                parent.key = 0 if parent.key is None else parent.key + 1
        if isinstance(ev, AliasEvent):
            self._alias(ev)
        elif isinstance(ev, CollectionStartEvent):
            if len(self.stack) >= limits.MAX_DEPTH:
                problem = f"nested more than {limits.MAX_DEPTH} levels deep"
                raise limit_error(problem, ev.start_mark, pointer(self.parts()))
            self.stack.append(_Frame(isinstance(ev, MappingStartEvent), ev.anchor))
        else:
            self._close(ev.anchor, 1)

    def _key(self, parent: _Frame, ev: Any) -> None:
        parent.want_key = False
        parent.key = ev.value if isinstance(ev, ScalarEvent) else "?"
        if not isinstance(ev, ScalarEvent) or ev.value == MERGE_KEY:
            return
        path = pointer(self.parts())
        if ev.value in parent.keys:
            problem = f"duplicate key (first at line {parent.keys[ev.value]})"
            raise parse_error(problem, ev.start_mark, path)
        parent.keys[ev.value] = ev.start_mark.line + 1
        self.key_paths[(ev.start_mark.line, ev.start_mark.column)] = path

    def _alias(self, ev: Any) -> None:
        size = self.sizes.get(ev.anchor)
        if size is None:
            opened = any(f.anchor == ev.anchor for f in self.stack)
            problem = "an alias inside its own anchor" if opened else "an alias with no anchor"
            raise parse_error(problem, ev.start_mark, pointer(self.parts()))
        self.aliased += size
        if self.aliased > limits.MAX_ALIAS_NODES:
            problem = f"aliases expand to more than {limits.MAX_ALIAS_NODES} nodes (an alias bomb)"
            raise limit_error(problem, ev.start_mark, pointer(self.parts()))
        if self.stack:
            self.stack[-1].size += size


def scan(text: str) -> dict[tuple[int, int], str]:
    """Check the event stream of ``text``; returns the key path of each key position (for
    messages about later errors). Raises ConfigParseError / ConfigLimitError."""
    state = _Scan()
    try:
        for ev in YAML(typ="rt").parse(text):
            state.event(ev)
    except MarkedYAMLError as err:
        raise from_ruamel(err, pointer(state.parts())) from None
    except RecursionError:  # not expected: the depth bound comes first
        raise ConfigLimitError("msticpyconfig.yaml is nested too deeply") from None
    return state.key_paths


def from_ruamel(err: Exception, path: str | None = None) -> ConfigParseError:
    """A ConfigParseError for any error ruamel raised: position, key path, token names."""
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    if mark is None:
        return ConfigParseError(f"Invalid YAML ({type(err).__name__})")
    problem = safe_problem(getattr(err, "problem", None)) or safe_problem(
        getattr(err, "context", None)
    )
    return parse_error(problem or "the YAML syntax is broken here", mark, path)
