"""Cells sent as text: the fallback for values Arrow cannot take, and pandas types whose
meaning Arrow's default conversion loses (period -> int64 ordinals, interval -> a struct).

Nothing here raises for a cell: text that is not valid Unicode (lone surrogates, as
``os.fsdecode`` makes from undecodable bytes) is backslash-escaped, an object whose ``str()``
raises is shown as ``<Type: str() raised Error>``; :class:`TextIssues` records the rows so
the caller can warn with the column and row named.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

_ROWS_NAMED = 5


def utf8_text(text: str) -> tuple[str, bool]:
    """``text`` encodable as UTF-8 (lone surrogates backslash-escaped) and whether it changed."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8"), True
    return text, False


class TextIssues:
    """Rows whose text was escaped or whose ``str()`` raised, in one column."""

    def __init__(self) -> None:
        self.escaped: list[int] = []
        self.failed: list[int] = []
        self.error = ""

    def remapped(self, codes: np.ndarray) -> TextIssues:
        """Issues found per distinct value (category) as the rows holding those values."""
        out = TextIssues()
        out.escaped = np.flatnonzero(np.isin(codes, self.escaped)).tolist()
        out.failed = np.flatnonzero(np.isin(codes, self.failed)).tolist()
        out.error = self.error
        return out

    def messages(self, column: str) -> list[str]:
        name = utf8_text(repr(column))[0]
        out = []
        if self.escaped:
            out.append(
                f"column {name} {_rows(self.escaped)}: text that is not valid Unicode (lone "
                "surrogates, as os.fsdecode makes from undecodable bytes) is shown with "
                "backslash escapes such as \\udcff"
            )
        if self.failed:
            out.append(
                f"column {name} {_rows(self.failed)}: {self.error}; the cell shows "
                "'<type: str() raised error>'"
            )
        return out


def _rows(rows: list[int]) -> str:
    named = ", ".join(str(r) for r in rows[:_ROWS_NAMED])
    more = f" and {len(rows) - _ROWS_NAMED} more" if len(rows) > _ROWS_NAMED else ""
    return f"{'row' if len(rows) == 1 else 'rows'} {named}{more}"


def _type_name(value: Any) -> str:
    return utf8_text(type(value).__qualname__)[0]


def cell_text(value: Any, row: int, issues: TextIssues) -> str:
    """Text of one non-null cell, valid UTF-8, never raising for the value's own faults."""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, str):  # not str(): a str subclass may override __str__
        text = value
    else:
        try:
            text = str(value)
        except Exception as err:  # the value's own bug: show the table, name the cell
            issues.failed.append(row)
            if not issues.error:
                reason = utf8_text(f"{type(err).__name__}: {err}")[0]
                issues.error = f"str() of {_type_name(value)} object raised {reason}"
            return f"<{_type_name(value)}: str() raised {type(err).__name__}>"
    text, escaped = utf8_text(text)
    if escaped:
        issues.escaped.append(row)
    return text


def is_null_scalar(v: Any) -> bool:
    if v is None:
        return True
    try:
        res = pd.isna(v)
    except (TypeError, ValueError):
        return False
    return res is True or (isinstance(res, bool) and res)


def strings(values: Sequence[Any] | np.ndarray) -> tuple[pa.Array, TextIssues]:
    """One string per value (nulls stay null), and the rows whose text had to be changed."""
    issues = TextIssues()
    out = [None if is_null_scalar(v) else cell_text(v, i, issues) for i, v in enumerate(values)]
    return pa.array(out, type=pa.string()), issues


def needs_text(dtype: Any) -> bool:
    """pandas dtypes sent as their text: Arrow would keep only ordinals or a struct."""
    if isinstance(dtype, pd.CategoricalDtype):
        return needs_text(dtype.categories.dtype)
    return isinstance(dtype, (pd.PeriodDtype, pd.IntervalDtype))


def factorized_text(series: pd.Series) -> tuple[pa.Array, TextIssues]:
    """Text of a column with few distinct values (periods, intervals, categoricals), each
    distinct value converted once; a categorical stays an Arrow dictionary in category order."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        codes, uniques = series.cat.codes.to_numpy(), series.cat.categories
    else:
        codes, uniques = pd.factorize(series)
    if isinstance(uniques.dtype, pd.PeriodDtype):  # the same text as str(), 5x faster
        texts, found = pa.array(uniques.astype(str).to_numpy(object), pa.string()), TextIssues()
    else:
        texts, found = strings(uniques)
    indices = pa.array(codes, type=pa.int32(), mask=codes < 0)
    issues = found.remapped(codes)
    categorical = isinstance(series.dtype, pd.CategoricalDtype)
    if not categorical or len(set(texts.to_pylist())) < len(texts):  # plain, or texts collide
        return texts.take(indices), issues
    return pa.DictionaryArray.from_arrays(indices, texts, ordered=series.cat.ordered), issues
