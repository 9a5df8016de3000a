"""Reference side of the table sort benchmark: pandas sort_values on the columns node.ts wrote.

Each column becomes the pandas type hunt.open's DataFrame would have (nullable Int64, NaN
floats, datetime64[ns, UTC] with NaT, object strings, Categorical, boolean) and is timed in
`Series.sort_values(kind="stable", na_position="last")`; the resulting index is compared
with our order (sameOrderAsPandas, differingPositions). Args as node.ts: --only SUBSTRING.
"""

import json
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from lib import report, time_it_cpu  # noqa: E402

TMP = Path(tempfile.gettempdir()) / "hunt-bench-tablesort"


def read(stem, kind, dtype):
    return np.fromfile(TMP / f"{stem}.{kind}", dtype=dtype)


def series(stem, name):
    """The column as a pandas Series of the type the kernel's DataFrame would have."""
    if name.startswith("utf8"):
        data, offsets = read(stem, "bytes", np.uint8).tobytes(), read(stem, "offsets", "<i4")
        valid = read(stem, "valid", np.uint8).astype(bool)
        values = [
            data[offsets[i] : offsets[i + 1]].decode() if valid[i] else None
            for i in range(len(valid))
        ]
        return pd.Series(np.array(values, dtype=object))
    valid = read(stem, "valid", np.uint8).astype(bool)
    if name.startswith("dictionary"):
        categories = json.loads((TMP / f"{stem}.categories").read_bytes())
        codes = np.where(valid, read(stem, "codes", "<i4"), -1)
        return pd.Series(pd.Categorical.from_codes(codes, categories=categories))
    if name == "bool":
        bits = np.unpackbits(read(stem, "values", np.uint8), bitorder="little")[: len(valid)]
        return pd.Series(pd.arrays.BooleanArray(bits.astype(bool), ~valid))
    dtypes = {
        "int64": "<i8",
        "int32": "<i4",
        "float64": "<f8",
        "float32": "<f4",
        "timestamp[ns]": "<i8",
    }
    values = read(stem, "values", dtypes[name])
    if name == "int64":
        return pd.Series(pd.arrays.IntegerArray(values, ~valid))
    if name.startswith("timestamp"):
        times = pd.to_datetime(values, unit="ns", utc=True)
        return pd.Series(times.where(valid, pd.NaT))
    return pd.Series(values)


def main(argv):
    only = argv[argv.index("--only") + 1] if "--only" in argv else ""
    names = json.loads((TMP / "columns.json").read_text())
    for c, name in enumerate(names):
        s = None
        for direction in ("asc", "desc"):
            case = f"{name} {direction}"
            if only and only not in case:
                continue
            s = series(f"col{c}", name) if s is None else s
            ascending = direction == "asc"
            seconds, result, cpu = time_it_cpu(
                lambda s=s, ascending=ascending: s.sort_values(
                    ascending=ascending, kind="stable", na_position="last"
                )
            )
            ours = np.fromfile(TMP / f"col{c}-{direction}.order", dtype="<i4")
            theirs = result.index.to_numpy()
            differing = int((ours != theirs).sum()) if len(ours) == len(theirs) else -1
            report(
                case,
                seconds,
                rows=len(s),
                cpuSeconds=cpu,
                sameOrderAsPandas=differing == 0,
                differingPositions=differing,
            )


if __name__ == "__main__":
    main(sys.argv[1:])
