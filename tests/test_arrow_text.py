"""Cells Arrow cannot take as they are: text that is not valid Unicode (lone surrogates) and
objects whose str() raises. The table is still shown; a warning names the column and rows."""

import os
import re

import pandas as pd
import pyarrow as pa
import pytest

from jupyterlab_hunt.kernel import dataframe_to_ipc, dataframe_to_table, ipc_to_dataframe

BAD_NAME = os.fsdecode(b"\xff.txt")  # '\udcff.txt': a lone surrogate, not valid UTF-8


def texts(*values):
    """An object column: pandas 3 refuses lone surrogates in its default (Arrow) strings."""
    return pd.Series(values, dtype=object)


class Unprintable:
    def __str__(self):
        raise RuntimeError("boom")


# --- invalid Unicode and failing str() -----------------------------------------------------
def test_lone_surrogates_are_escaped_with_a_warning_naming_column_and_row():
    df = pd.DataFrame({"ok": ["a", "b", "c"], "path": texts("a.txt", None, BAD_NAME)})
    with pytest.warns(UserWarning, match=r"'path'.*row 2") as rec:
        table = dataframe_to_table(df)
    assert len(rec) == 1 and "'ok'" not in str(rec[0].message)
    assert "mixed" not in str(rec[0].message)  # a string column: only the escaping is reported
    assert table.schema.field("path").type == pa.string()
    assert table.column("path").to_pylist() == ["a.txt", None, "\\udcff.txt"]
    with pytest.warns(UserWarning, match="'path'"):
        assert ipc_to_dataframe(dataframe_to_ipc(df)[0])["path"][2] == "\\udcff.txt"


def test_surrogate_warning_counts_further_rows():
    df = pd.DataFrame({"p": texts(BAD_NAME, "x", BAD_NAME, BAD_NAME)})
    with pytest.warns(UserWarning, match=r"'p'.*rows 0, 2, 3"):
        dataframe_to_table(df)


def test_surrogates_in_categories_and_column_names():
    categories = pd.CategoricalDtype(pd.Index([BAD_NAME, "x"], dtype=object))
    df = pd.DataFrame({"c": pd.Categorical.from_codes([0, 1, 0], dtype=categories)})
    df.columns = pd.Index([BAD_NAME], dtype=object)
    with pytest.warns(UserWarning) as rec:
        table = dataframe_to_table(df)
    text = " ".join(str(r.message) for r in rec)
    assert "column names" in text and "rows 0, 2" in text
    assert table.column_names == ["\\udcff.txt"]
    assert table.column(0).to_pylist() == ["\\udcff.txt", "x", "\\udcff.txt"]
    assert pa.types.is_dictionary(table.schema.field(0).type)


def test_python_backed_pandas_strings_with_surrogates():
    df = pd.DataFrame({"p": pd.array(["x", BAD_NAME], dtype=pd.StringDtype("python"))})
    with pytest.warns(UserWarning, match=r"'p' row 1"):
        assert dataframe_to_table(df).column("p").to_pylist() == ["x", "\\udcff.txt"]


def test_failing_str_names_column_row_and_error_and_keeps_the_table():
    df = pd.DataFrame({"n": [1, 2], "obj": [Unprintable(), "fine"]})
    with pytest.warns(UserWarning) as rec:
        table = dataframe_to_table(df)
    mixed, failed = (str(r.message) for r in rec)
    assert "mixed" in mixed and "'obj'" in mixed
    assert re.search(
        r"'obj' row 0: str\(\) of Unprintable object raised RuntimeError: boom", failed
    )
    assert table.column("obj").to_pylist() == ["<Unprintable: str() raised RuntimeError>", "fine"]
    assert table.column("n").to_pylist() == [1, 2]
