"""Reference side of the STL benchmark: statsmodels STL on the series node.ts wrote.

Times STL(y, period, robust).fit() with statsmodels' defaults (as our defaults), then compares
with the Node side's seasonal and trend: maxAbsDiffRel = max |ours - ref| / range(y) over
seasonal, trend and residual. Args as node.ts: --max-n N, --only SUBSTRING.
"""

import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from lib import report, time_it_cpu  # noqa: E402

TMP = Path(tempfile.gettempdir()) / "hunt-bench-stl"


def cases(argv):
    def arg(flag, default=None):
        return argv[argv.index(flag) + 1] if flag in argv else default

    max_n, only = float(arg("--max-n", 1e6)), arg("--only")
    for n in (10**3, 10**4, 10**5, 10**6):
        for period in (24, 168):
            for robust in (False, True):
                name = f"n=1e{len(str(n)) - 1} p={period}{' robust' if robust else ''}"
                if n <= max_n and (not only or only in name):
                    yield name, n, period, robust


def main():
    from statsmodels.tsa.seasonal import STL

    for name, n, period, robust in cases(sys.argv[1:]):
        stem = f"{n}-{period}-{'r' if robust else 'n'}"
        y = np.fromfile(TMP / f"{stem}-y.f64", dtype="<f8")
        repeat = 3 if n <= 10**5 else 1
        seconds, res, cpu = time_it_cpu(lambda: STL(y, period=period, robust=robust).fit(), repeat=repeat)
        figures = {"rows": n, "cpuSeconds": cpu, "repeat": repeat}
        seasonal, trend = (TMP / f"{stem}-seasonal.f64"), (TMP / f"{stem}-trend.f64")
        if seasonal.exists() and trend.exists():
            s, t = np.fromfile(seasonal, dtype="<f8"), np.fromfile(trend, dtype="<f8")
            rng = float(y.max() - y.min()) or 1.0
            diffs = [np.abs(s - res.seasonal).max(), np.abs(t - res.trend).max(),
                     np.abs((y - s - t) - res.resid).max()]
            figures["maxAbsDiffRel"] = float(max(diffs)) / rng
        report(name, seconds, **figures)


if __name__ == "__main__":
    main()
