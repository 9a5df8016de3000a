"""DataFrame <-> Arrow IPC stream conversion used by ``hunt.show``, ``hunt.open`` and the comm.

Sending (pandas -> Arrow), per column:

* a non-default index (anything but ``RangeIndex(0..n, step 1)`` without a name) is reset
  into leading columns (unnamed levels become ``index``, ``level_1``, ...);
* column names become strings; duplicates get a ``_2``, ``_3`` suffix (with a warning);
* tz-aware datetimes keep their time zone; naive datetimes stay naive (Arrow timestamp
  without a time zone; the frontend shows them as they are, it does not assume UTC);
* categoricals become Arrow dictionaries;
* a column Arrow cannot convert (typically ``object`` columns of mixed types) is converted
  to strings (nulls stay null) and a ``UserWarning`` names the columns; nothing raises;
* strings inside list and struct columns (session commands, their params) are sent as
  Arrow dictionaries when at most half of them are distinct: a few bytes per item instead
  of the text, and the worker reads repeats without decoding them; pandas reads them back
  as the same lists of strings;
* ``large_string``/``large_binary`` columns are narrowed to ``string``/``binary`` when they
  fit (< 2 GiB per column) because that is what the JS reader handles fastest;
* the pandas schema metadata is dropped (the frontend has no use for it).

Receiving (Arrow -> pandas): see :func:`ipc_to_dataframe`. The mapping depends on the Arrow
type only, never on the data, so a frame survives pandas -> Arrow -> pandas with these
dtypes: ``Int8..Int64``/``UInt8..UInt64`` (pandas nullable), ``boolean``, ``float32/64``
(nulls as NaN), the pandas default string dtype, ``datetime64[unit, tz]``, ``category``.
NumPy ``int64``/``bool`` columns therefore come back as ``Int64``/``boolean``.
"""

from __future__ import annotations

import warnings
from collections.abc import Hashable
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from .celltext import TextIssues, factorized_text, needs_text, strings, utf8_text

_MAX_NARROW = 2**31 - 1

_NULLABLE_INTS = {
    pa.int8(): pd.Int8Dtype(),
    pa.int16(): pd.Int16Dtype(),
    pa.int32(): pd.Int32Dtype(),
    pa.int64(): pd.Int64Dtype(),
    pa.uint8(): pd.UInt8Dtype(),
    pa.uint16(): pd.UInt16Dtype(),
    pa.uint32(): pd.UInt32Dtype(),
    pa.uint64(): pd.UInt64Dtype(),
    pa.bool_(): pd.BooleanDtype(),
}


def _user_stacklevel() -> int:
    """A ``stacklevel`` that makes a warning point at the first frame outside this package."""
    import os
    import sys

    pkg = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    level = 1
    frame = sys._getframe(1)
    while frame is not None and os.path.abspath(frame.f_code.co_filename).startswith(pkg):
        frame = frame.f_back
        level += 1
    return level


class ArrowConversionError(ValueError):
    """Bytes that are not a readable Arrow IPC stream (or file)."""


def _is_default_index(index: pd.Index) -> bool:
    return (
        isinstance(index, pd.RangeIndex)
        and index.start == 0
        and index.step == 1
        and index.name is None
    )


def _unique_names(names: list[str], taken: set[str] | None = None) -> tuple[list[str], list[str]]:
    """Make names unique; return (names, renamed originals)."""
    seen: set[str] = set(taken or ())
    out: list[str] = []
    renamed: list[str] = []
    for name in names:
        new = name
        k = 2
        while new in seen:
            new = f"{name}_{k}"
            k += 1
        if new != name:
            renamed.append(name)
        seen.add(new)
        out.append(new)
    return out, renamed


def _column_name(name: Hashable) -> str:
    if isinstance(name, str):
        return name
    if isinstance(name, tuple):  # MultiIndex columns
        return " / ".join(str(p) for p in name if p is not None and str(p) != "")
    return str(name)


def _utf8_names(names: list[str]) -> list[str]:
    """Names Arrow can write (lone surrogates escaped), with a warning naming the changed ones."""
    out = [utf8_text(n)[0] for n in names]
    changed = [new for new, old in zip(out, names, strict=True) if new != old]
    if changed:
        _warn(
            "column names that are not valid Unicode (lone surrogates) are shown with "
            "backslash escapes: " + ", ".join(repr(n) for n in changed)
        )
    return out


def _warn(message: str) -> None:
    warnings.warn("jupyterlab_hunt: " + message, UserWarning, stacklevel=_user_stacklevel())


def prepare_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Reset a non-default index into columns and make column names unique strings."""
    if not _is_default_index(df.index):
        names = []
        for i, level in enumerate(df.index.names):
            if level is not None:
                names.append(_column_name(level))
            else:
                names.append("index" if df.index.nlevels == 1 else f"level_{i}")
        columns = [_column_name(c) for c in df.columns]
        names, _ = _unique_names(names, set(columns))
        df = df.reset_index(names=names, allow_duplicates=True)
    columns = _utf8_names([_column_name(c) for c in df.columns])
    unique, renamed = _unique_names(columns)
    if renamed:
        _warn(
            "duplicate column names were renamed with a numeric suffix: "
            + ", ".join(repr(n) for n in dict.fromkeys(renamed))
        )
    if unique != list(df.columns):
        df = df.set_axis(unique, axis=1)
    return df


def _narrow(arr: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    t = arr.type
    try:
        if pa.types.is_large_string(t) and arr.nbytes < _MAX_NARROW:
            return arr.cast(pa.string())
        if pa.types.is_large_binary(t) and arr.nbytes < _MAX_NARROW:
            return arr.cast(pa.binary())
        if pa.types.is_dictionary(t) and pa.types.is_large_string(t.value_type):
            if arr.nbytes < _MAX_NARROW:
                return arr.cast(pa.dictionary(t.index_type, pa.string(), t.ordered))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        pass
    return arr


def _nested_dictionaries(arr: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """Dictionary-encode repetitive strings nested in list/struct columns (see the module doc)."""
    t = arr.type
    if not (pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_struct(t)):
        return arr
    try:
        return _encode_nested(arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr)
    except (pa.ArrowException, TypeError, ValueError):
        return arr  # kept as it is: the encoding only saves space and time


def _encode_nested(arr: pa.Array) -> pa.Array:
    t = arr.type
    mask = arr.is_null() if arr.null_count else None
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        # the slice's own values, with offsets from 0 (a sliced array keeps the parent's)
        start, end = arr.offsets[0].as_py(), arr.offsets[-1].as_py()
        sliced = arr.values.slice(start, end - start)
        values = _encode_nested(sliced)
        if values is sliced:
            return arr  # no strings to encode below
        offsets = pc.subtract(arr.offsets, pa.scalar(start, arr.offsets.type))
        cls = pa.ListArray if pa.types.is_list(t) else pa.LargeListArray
        return cls.from_arrays(offsets, values, mask=mask)
    if pa.types.is_struct(t):
        originals = [arr.field(i) for i in range(t.num_fields)]
        children = [_encode_nested(c) for c in originals]
        if all(c is o for c, o in zip(children, originals, strict=True)):
            return arr
        fields = [pa.field(f.name, c.type, f.nullable) for f, c in zip(t, children, strict=True)]
        return pa.StructArray.from_arrays(children, fields=fields, mask=mask)
    if (pa.types.is_string(t) or pa.types.is_large_string(t)) and len(arr) > 1:
        if pc.count_distinct(arr).as_py() * 2 <= len(arr):
            return _narrow(pc.dictionary_encode(arr))
    return arr


def dataframe_to_table(df: pd.DataFrame) -> pa.Table:
    """Convert a DataFrame to an Arrow table following the rules in the module docstring."""
    if not isinstance(df, pd.DataFrame):
        raise TypeError(
            f"expected a pandas DataFrame, got {type(df).__module__}.{type(df).__qualname__}"
            + (" (use series.to_frame())" if isinstance(df, pd.Series) else "")
        )
    df = prepare_frame(df)
    arrays: list[pa.Array | pa.ChunkedArray] = []
    stringified: list[str] = []
    notes: list[str] = []
    for i, name in enumerate(df.columns):
        arr, issues, mixed = _column_to_arrow(df.iloc[:, i])
        if mixed:
            stringified.append(name)
        notes += issues.messages(name)
        arrays.append(_nested_dictionaries(_narrow(arr)))
    if stringified:
        _warn(
            "these columns hold values of mixed or unsupported types and were converted to "
            "strings for display: " + ", ".join(repr(n) for n in stringified)
        )
    for note in notes:
        _warn(note)
    return pa.Table.from_arrays(arrays, names=list(df.columns))


def _column_to_arrow(col: pd.Series) -> tuple[pa.Array | pa.ChunkedArray, TextIssues, bool]:
    """The column's Arrow array, the cells whose text had to be changed (see ``celltext``) and
    whether it fell back to strings for mixed or unsupported types."""
    if needs_text(col.dtype):
        return (*factorized_text(col), False)
    try:
        return pa.array(col, from_pandas=True), TextIssues(), False
    except UnicodeEncodeError:  # valid text apart from some cells: not "mixed types"
        mixed = False
    except (pa.ArrowException, TypeError, ValueError, OverflowError):
        mixed = True
    if isinstance(col.dtype, pd.CategoricalDtype):
        return (*factorized_text(col), mixed)
    return (*strings(col.to_numpy(dtype=object, na_value=None)), mixed)


def table_to_ipc(table: pa.Table) -> bytes:
    """Serialise a table as an Arrow IPC *stream*."""
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def dataframe_to_ipc(df: pd.DataFrame) -> tuple[bytes, pa.Table]:
    table = dataframe_to_table(df)
    return table_to_ipc(table), table


def _types_mapper(t: pa.DataType) -> Any:
    return _NULLABLE_INTS.get(t)


def read_ipc(data: bytes | bytearray | memoryview | pa.Buffer) -> pa.Table:
    """Read an Arrow IPC stream (or, as a courtesy, an IPC file) into a table."""
    buf = data if isinstance(data, pa.Buffer) else pa.py_buffer(data)
    if buf.size == 0:
        raise ArrowConversionError("the Arrow buffer is empty")
    try:
        return pa.ipc.open_stream(buf).read_all()
    except (pa.ArrowException, OSError, ValueError) as stream_err:
        if buf.size >= 6 and buf.to_pybytes()[:6] == b"ARROW1":
            try:
                return pa.ipc.open_file(buf).read_all()
            except (pa.ArrowException, OSError, ValueError):
                pass
        raise ArrowConversionError(f"not a readable Arrow IPC stream: {stream_err}") from None


def table_to_dataframe(table: pa.Table) -> pd.DataFrame:
    """Arrow -> pandas with the fixed type mapping described in the module docstring."""
    table = table.replace_schema_metadata(None)
    return table.to_pandas(types_mapper=_types_mapper)


def ipc_to_dataframe(data: bytes | bytearray | memoryview | pa.Buffer) -> pd.DataFrame:
    """Read Arrow IPC bytes into a DataFrame (``ArrowConversionError`` for bad bytes)."""
    table = read_ipc(data)
    try:
        return table_to_dataframe(table)
    except (pa.ArrowException, TypeError, ValueError) as err:
        raise ArrowConversionError(f"the Arrow table could not be converted: {err}") from None
