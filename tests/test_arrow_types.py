"""pandas types whose meaning Arrow's default conversion loses: period (int64 ordinals),
interval (a struct), and the ones it keeps (timedelta as duration, decimal with its scale)."""

import decimal
import warnings

import pandas as pd
import pyarrow as pa

from jupyterlab_hunt.kernel import dataframe_to_ipc, dataframe_to_table, ipc_to_dataframe


def _no_warnings(df):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return dataframe_to_table(df)


# --- pandas types whose meaning is kept -----------------------------------------------------
def test_period_is_sent_as_its_text():
    df = pd.DataFrame(
        {
            "m": pd.period_range("2024-01", periods=2, freq="M").insert(1, pd.NaT),
            "h": pd.period_range("2024-01-01 10:00", periods=3, freq="h"),
        }
    )
    table = _no_warnings(df)
    assert table.schema.field("m").type == pa.string()
    assert table.column("m").to_pylist() == ["2024-01", None, "2024-02"]
    assert table.column("h").to_pylist()[0] == "2024-01-01 10:00"


def test_interval_is_sent_as_its_text():
    df = pd.DataFrame(
        {
            "r": pd.interval_range(0, 2),
            "both": pd.arrays.IntervalArray.from_breaks([0.5, 1.5, 2.5], closed="both"),
        }
    )
    table = _no_warnings(df)
    assert table.column("r").to_pylist() == ["(0, 1]", "(1, 2]"]
    assert table.column("both").to_pylist() == ["[0.5, 1.5]", "[1.5, 2.5]"]


def test_cut_bins_stay_categorical_as_text():
    df = pd.DataFrame({"bin": pd.cut([1, 5, float("nan"), 1], [0, 2, 6])})
    table = _no_warnings(df)
    t = table.schema.field("bin").type
    assert pa.types.is_dictionary(t) and t.value_type == pa.string() and t.ordered
    assert table.column("bin").to_pylist() == ["(0, 2]", "(2, 6]", None, "(0, 2]"]
    back = ipc_to_dataframe(dataframe_to_ipc(df)[0])
    assert list(back["bin"].cat.categories) == ["(0, 2]", "(2, 6]"]


def test_period_categories_become_text():
    df = pd.DataFrame({"q": pd.Categorical(pd.period_range("2024Q1", periods=2, freq="Q"))})
    assert _no_warnings(df).column("q").to_pylist() == ["2024Q1", "2024Q2"]


def test_timedelta_is_an_arrow_duration():
    df = pd.DataFrame({"td": pd.to_timedelta(["1 days 02:03:00", None, "20s"])})
    table = _no_warnings(df)
    t = table.schema.field("td").type
    assert pa.types.is_duration(t)
    assert table.column("td").to_pylist()[0] == pd.Timedelta("1 days 02:03:00")
    back = ipc_to_dataframe(dataframe_to_ipc(df)[0])
    assert back["td"][2] == pd.Timedelta(seconds=20) and pd.isna(back["td"][1])


def test_decimals_keep_their_scale_and_128_bit_values():
    big = decimal.Decimal("-12345678901234567890123456.789")
    df = pd.DataFrame({"d": [decimal.Decimal("1.10"), None, decimal.Decimal("-0.001"), big]})
    table = _no_warnings(df)
    t = table.schema.field("d").type
    assert pa.types.is_decimal128(t) and t.scale == 3
    assert table.column("d").to_pylist()[3] == big
    assert ipc_to_dataframe(dataframe_to_ipc(df)[0])["d"][0] == decimal.Decimal("1.10")


def test_display_fixture_is_what_the_kernel_sends():
    # src/analytics/__tests__/display.spec.ts reads this file; regenerate it when this fails
    import importlib.util
    import pathlib

    path = pathlib.Path(__file__).parent / "hostile" / "frames" / "display_frame.py"
    spec = importlib.util.spec_from_file_location("display_frame", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    saved = pa.ipc.open_stream(module.FIXTURE.read_bytes()).read_all()
    assert saved.equals(dataframe_to_table(module.display_frame()))
