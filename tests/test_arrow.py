"""hunt.show() bundles and the pandas <-> Arrow conversion."""

import base64
import warnings

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from jupyterlab_hunt import MIME_TYPE
from jupyterlab_hunt.kernel import (
    ArrowConversionError,
    build_show_bundle,
    dataframe_to_ipc,
    dataframe_to_table,
    ipc_to_dataframe,
)
from jupyterlab_hunt.kernel.hunt import Hunt


def decode(bundle):
    data, meta = bundle
    raw = base64.b64decode(data[MIME_TYPE])
    return pa.ipc.open_stream(raw).read_all(), data, meta[MIME_TYPE]


def typed_frame():
    return pd.DataFrame(
        {
            "i": pd.array([1, None, 3], dtype="Int64"),
            "i32": pd.array([1, 2, None], dtype="Int32"),
            "u8": pd.array([1, None, 255], dtype="UInt8"),
            "b": pd.array([True, None, False], dtype="boolean"),
            "f": [1.5, np.nan, -3.25],
            "f32": np.array([1.0, 2.0, np.nan], dtype="float32"),
            "s": pd.array(["a", None, "ß ünï"], dtype="str"),
            "t": pd.to_datetime(["2024-01-01 10:00", None, "2024-03-31 01:30"]).tz_localize("UTC"),
            "tb": pd.to_datetime(["2024-01-01 10:00", "2024-06-01 00:00", None]).tz_localize(
                "Europe/Berlin"
            ),
            "c": pd.Categorical(["x", "y", None]),
        }
    )


# --- show() bundle ---------------------------------------------------------------------
def test_bundle_contents_and_metadata():
    df = pd.DataFrame({"a": [1, 2, 3], "b": ["x", "y", "z"]})
    table, data, meta = decode(build_show_bundle(df, "Logons", "df"))
    assert set(data) == {MIME_TYPE, "text/plain"}
    assert meta == {"version": 1, "title": "Logons", "rows": 3, "columns": 2, "source": "df"}
    assert "Logons" in data["text/plain"] and "3 rows x 2 columns" in data["text/plain"]
    assert table.num_rows == 3 and table.column_names == ["a", "b"]
    assert table.schema.metadata is None  # pandas metadata dropped
    assert table.column("b").type == pa.string()


def test_bundle_title_defaults_to_source_and_none():
    df = pd.DataFrame({"a": [1]})
    _, data, meta = decode(build_show_bundle(df, None, "events"))
    assert meta["title"] == "events" and meta["source"] == "events"
    _, data, meta = decode(build_show_bundle(df))
    assert meta["title"] is None and meta["source"] is None
    assert data["text/plain"].startswith("DataFrame: 1 rows x 1 columns")


def test_show_displays_raw_bundle_with_source(monkeypatch):
    shown = []
    import IPython.display

    monkeypatch.setattr(IPython.display, "display", lambda *a, **k: shown.append((a, k)))
    hunt = Hunt(connect=False)
    logons = pd.DataFrame({"x": [1, 2]})
    hunt.show(logons, title="T")
    ((args, kwargs),) = shown
    assert kwargs["raw"] is True
    assert kwargs["metadata"][MIME_TYPE]["source"] == "logons"
    assert kwargs["metadata"][MIME_TYPE]["title"] == "T"
    assert MIME_TYPE in args[0]


def test_types_in_arrow():
    table = dataframe_to_table(typed_frame())
    t = {f.name: f.type for f in table.schema}
    assert t["i"] == pa.int64() and t["i32"] == pa.int32() and t["u8"] == pa.uint8()
    assert t["b"] == pa.bool_() and t["f"] == pa.float64() and t["f32"] == pa.float32()
    assert t["s"] == pa.string()
    assert pa.types.is_timestamp(t["t"]) and t["t"].tz == "UTC"
    assert t["tb"].tz == "Europe/Berlin"
    assert pa.types.is_dictionary(t["c"]) and t["c"].value_type == pa.string()
    assert table.column("i").null_count == 1 and table.column("t").null_count == 1


def test_naive_datetimes_stay_naive():
    df = pd.DataFrame({"t": pd.to_datetime(["2024-01-01 10:00", None])})
    table = dataframe_to_table(df)
    assert pa.types.is_timestamp(table.schema.field("t").type)
    assert table.schema.field("t").type.tz is None
    back = ipc_to_dataframe(dataframe_to_ipc(df)[0])
    assert back["t"].dt.tz is None and back["t"][0] == pd.Timestamp("2024-01-01 10:00")


# --- type fidelity round trip ------------------------------------------------------------
def test_round_trip_preserves_types_and_values():
    df = typed_frame()
    back = ipc_to_dataframe(dataframe_to_ipc(df)[0])
    assert list(back.columns) == list(df.columns)
    for col in df.columns:
        if col == "c":
            assert isinstance(back[col].dtype, pd.CategoricalDtype)
            assert list(back[col].astype(object).where(back[col].notna(), None)) == ["x", "y", None]
            continue
        assert back[col].dtype == df[col].dtype, col
    pd.testing.assert_frame_equal(back.drop(columns="c"), df.drop(columns="c"))


def test_numpy_ints_and_bools_come_back_nullable():
    df = pd.DataFrame({"n": np.array([1, 2], dtype="int64"), "q": [True, False]})
    back = ipc_to_dataframe(dataframe_to_ipc(df)[0])
    assert back["n"].dtype == pd.Int64Dtype() and back["q"].dtype == pd.BooleanDtype()
    assert back["n"].tolist() == [1, 2] and back["q"].tolist() == [True, False]


def _as_lists(value):
    """Nested values read back from Arrow (numpy arrays inside) as plain lists and dicts."""
    if isinstance(value, (list, np.ndarray)):
        return [_as_lists(v) for v in value]
    if isinstance(value, dict):
        return {k: _as_lists(v) for k, v in value.items()}
    return value


def test_repetitive_strings_in_lists_and_structs_become_dictionaries():
    cmds = [["cmd.exe", "net.exe", "cmd.exe"], None, [], ["net.exe", "cmd.exe"]]
    params = [
        [{"name": "cmd.exe", "params": ["/c", "/q"]}, {"name": "cmd.exe", "params": ["/c"]}],
        [{"name": "net.exe", "params": []}],
        None,
        [{"name": "net.exe", "params": ["/c"]}, {"name": "cmd.exe", "params": ["/q", "/c"]}],
    ]
    unique = [["a"], ["b"], ["c"], ["d"]]
    df = pd.DataFrame({"cmds": cmds, "params": params, "unique": unique})
    table = dataframe_to_table(df)
    item = table.schema.field("cmds").type.value_type
    assert pa.types.is_dictionary(item) and item.value_type == pa.string()
    struct = table.schema.field("params").type.value_type
    assert pa.types.is_dictionary(struct.field("name").type)
    assert pa.types.is_dictionary(struct.field("params").type.value_type)
    # all distinct: nothing to gain, the strings stay strings
    assert table.schema.field("unique").type == pa.list_(pa.string())
    back = ipc_to_dataframe(dataframe_to_ipc(df)[0])
    for col in df.columns:
        assert [_as_lists(v) for v in back[col]] == df[col].tolist(), col


def test_nested_dictionaries_of_a_slice_hold_only_its_values():
    from jupyterlab_hunt.kernel.arrow import _nested_dictionaries

    arr = pa.array([["x", "y"], None, ["q", "q", "q"], ["q", "q"], ["z"]]).slice(1, 3)
    col = _nested_dictionaries(arr)
    assert pa.types.is_dictionary(col.type.value_type)
    assert col.to_pylist() == [None, ["q", "q", "q"], ["q", "q"]]
    assert col.values.dictionary.to_pylist() == ["q"]
    structs = pa.array([{"n": "a"}, {"n": "b"}, None, {"n": "b"}, {"n": "b"}]).slice(1)
    out = _nested_dictionaries(structs)
    assert pa.types.is_dictionary(out.type.field("n").type)
    assert out.to_pylist() == [{"n": "b"}, None, {"n": "b"}, {"n": "b"}]


def test_arrow_from_elsewhere_maps_by_type():
    # What the frontend sends: Arrow JS tables (ms timestamps, dictionaries, nulls everywhere).
    table = pa.table(
        {
            "n": pa.array([1, None], pa.int64()),
            "ts": pa.array([1_700_000_000_000, None], pa.timestamp("ms", tz="UTC")),
            "d": pa.array(["a", None]).dictionary_encode(),
            "ok": pa.array([None, True]),
            "x": pa.array([None, 2.5]),
            "s": pa.array(["q", None], pa.large_string()),
        }
    )
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as w:
        w.write_table(table)
    back = ipc_to_dataframe(sink.getvalue().to_pybytes())
    assert back["n"].dtype == pd.Int64Dtype() and back["n"].isna().tolist() == [False, True]
    assert str(back["ts"].dt.tz) == "UTC" and back["ts"][0] == pd.Timestamp(
        1_700_000_000_000, unit="ms", tz="UTC"
    )
    assert isinstance(back["d"].dtype, pd.CategoricalDtype)
    assert back["ok"].dtype == pd.BooleanDtype()
    assert back["x"].dtype == np.float64 and np.isnan(back["x"][0])
    assert back["s"][0] == "q" and pd.isna(back["s"][1])


def test_ipc_file_format_also_accepted():
    table = pa.table({"a": [1, 2]})
    sink = pa.BufferOutputStream()
    with pa.ipc.new_file(sink, table.schema) as w:
        w.write_table(table)
    assert ipc_to_dataframe(sink.getvalue().to_pybytes())["a"].tolist() == [1, 2]


@pytest.mark.parametrize("payload", [b"", b"garbage", b"\xff" * 64, b"ARROW1garbage"])
def test_bad_bytes_raise_conversion_error(payload):
    with pytest.raises(ArrowConversionError):
        ipc_to_dataframe(payload)


def test_truncated_stream_raises_conversion_error():
    ipc, _ = dataframe_to_ipc(pd.DataFrame({"a": range(1000)}))
    with pytest.raises(ArrowConversionError):
        ipc_to_dataframe(ipc[: len(ipc) // 2])


# --- bad and awkward input ------------------------------------------------------------
def test_mixed_object_columns_become_strings_with_warning():
    df = pd.DataFrame({"ok": [1, 2, 3], "mixed": [1, "a", None], "objs": [{"a": 1}, [1], 3.5]})
    with pytest.warns(UserWarning, match=r"'mixed'.*'objs'|'objs'.*'mixed'") as rec:
        table = dataframe_to_table(df)
    assert "'ok'" not in str(rec[0].message)
    assert table.schema.field("mixed").type == pa.string()
    assert table.column("mixed").to_pylist() == ["1", "a", None]
    assert table.schema.field("ok").type == pa.int64()


def test_empty_frames():
    for df in (
        pd.DataFrame(),
        pd.DataFrame({"a": [], "b": []}),
        pd.DataFrame({"a": pd.Series([], dtype="Int64")}),
    ):
        table, data, meta = decode(build_show_bundle(df))
        assert table.num_rows == 0 and meta["rows"] == 0
        assert meta["columns"] == len(df.columns)


def test_two_hundred_columns():
    df = pd.DataFrame(np.arange(600).reshape(3, 200), columns=[f"c{i}" for i in range(200)])
    table, _, meta = decode(build_show_bundle(df))
    assert meta["columns"] == 200 and table.num_columns == 200
    assert table.column("c199").to_pylist() == [199, 399, 599]


def test_ten_megabyte_cell():
    big = "x" * (10 * 1024 * 1024)
    df = pd.DataFrame({"s": [big, "small", None]})
    table, _, _ = decode(build_show_bundle(df))
    assert len(table.column("s")[0].as_py()) == len(big)
    assert ipc_to_dataframe(dataframe_to_ipc(df)[0])["s"][0] == big


def test_nulls_everywhere():
    df = pd.DataFrame(
        {
            "none": [None, None],
            "nan": [np.nan, np.nan],
            "nat": pd.Series([pd.NaT, pd.NaT], dtype="datetime64[ns, UTC]"),
            "na_int": pd.array([None, None], dtype="Int64"),
            "obj_mix": [None, np.nan],
            "str": pd.array([None, None], dtype="str"),
        }
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # none of these needs a string fallback
        table, _, meta = decode(build_show_bundle(df))
    assert meta["rows"] == 2
    assert all(table.column(c).null_count == 2 for c in ("none", "nat", "na_int", "str"))
    back = ipc_to_dataframe(dataframe_to_ipc(df)[0])
    assert back.isna().all().all()


def test_non_default_index_is_reset_into_columns():
    df = pd.DataFrame({"v": [1, 2]}, index=pd.Index(["h1", "h2"], name="host"))
    assert dataframe_to_table(df).column_names == ["host", "v"]
    df2 = pd.DataFrame({"v": [1, 2]}, index=[10, 20])
    assert dataframe_to_table(df2).column_names == ["index", "v"]
    mi = pd.DataFrame(
        {"v": [1, 2]}, index=pd.MultiIndex.from_tuples([("a", 1), ("b", 2)], names=["k", None])
    )
    assert dataframe_to_table(mi).column_names == ["k", "level_1", "v"]
    clash = pd.DataFrame({"index": [1, 2]}, index=[5, 6])
    assert dataframe_to_table(clash).column_names == ["index_2", "index"]
    # default RangeIndex: not reset
    assert dataframe_to_table(pd.DataFrame({"v": [1]})).column_names == ["v"]


def test_non_string_and_duplicate_column_names():
    df = pd.DataFrame([[1, 2, 3]], columns=[0, "a", "a"])
    with pytest.warns(UserWarning, match="duplicate"):
        table = dataframe_to_table(df)
    assert table.column_names == ["0", "a", "a_2"]
    multi = pd.DataFrame([[1, 2]], columns=pd.MultiIndex.from_tuples([("x", "a"), ("x", "b")]))
    assert dataframe_to_table(multi).column_names == ["x / a", "x / b"]


@pytest.mark.parametrize("bad", [None, [1, 2], {"a": [1]}, pa.table({"a": [1]}), "df"])
def test_non_dataframe_is_a_type_error(bad):
    with pytest.raises(TypeError, match="pandas DataFrame"):
        build_show_bundle(bad)
    with pytest.raises(TypeError, match="pandas DataFrame"):
        Hunt(connect=False).show(bad)


def test_series_hint_and_bad_title():
    with pytest.raises(TypeError, match="to_frame"):
        build_show_bundle(pd.Series([1]))
    with pytest.raises(TypeError, match="title"):
        build_show_bundle(pd.DataFrame({"a": [1]}), title=3)


def test_other_dtypes_do_not_raise():
    df = pd.DataFrame(
        {
            "td": pd.to_timedelta([1, None], unit="s"),
            "period": pd.period_range("2024-01", periods=2, freq="M"),
            "interval": pd.interval_range(0, 2),
            "bytes": [b"\x00\xff", None],
            "dec": [__import__("decimal").Decimal("1.5"), None],
        }
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table, _, meta = decode(build_show_bundle(df))
    assert meta["columns"] == 5 and table.num_rows == 2


def test_open_without_frontend_is_a_clear_error():
    with pytest.raises(RuntimeError, match="hunt.show"):
        Hunt(connect=False).open(pd.DataFrame({"a": [1]}))
    with pytest.raises(TypeError):
        Hunt(connect=False).open([1])


def test_show_warns_for_very_large_outputs(monkeypatch):
    import jupyterlab_hunt.kernel.hunt as hunt_mod

    monkeypatch.setattr(hunt_mod, "SHOW_WARN_BYTES", 1000)
    with pytest.warns(UserWarning, match=r"hunt.open\(df\)"):
        build_show_bundle(pd.DataFrame({"a": range(1000)}))
