"""hunt.query_time and entity conversion against the real msticpy (in .venv-bench, which has
msticpy 3 but no pyarrow: the pandas-only modules are loaded from their files there)."""

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCH_PY = ROOT / ".venv-bench" / "bin" / "python"


@pytest.fixture(scope="module")
def output():
    if not BENCH_PY.exists():
        pytest.skip("no .venv-bench with msticpy")
    res = subprocess.run(
        [str(BENCH_PY), str(ROOT / "tests" / "helpers" / "msticpy_check.py"), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    if "No module named 'msticpy'" in res.stderr:
        pytest.skip("msticpy is not installed in .venv-bench")
    assert res.returncode == 0, res.stderr[-2000:]
    return res.stdout.splitlines()


def test_query_functions_take_hunt_query_time(output):
    # param_extractor finds start/end as attributes; tz-aware times are formatted as ISO.
    assert "missing []" in output
    assert (
        "T | where TimeGenerated between (datetime(2024-05-01T00:00:00+00:00) .. "
        "datetime(2024-05-02T00:00:00+00:00))" in output
    )


def test_timespan_accepts_query_time(output):
    assert "timespan 2024-05-01 00:00:00+00:00 2024-05-02 00:00:00+00:00" in output
    assert "timespan prop TimeSpan" in output


def test_entities_convert_to_msticpy_classes(output):
    assert "IpAddress ip 1.2.3.4" in output
    assert "Account account bob" in output
    assert "Host host web01" in output
    assert "Url url http://x.test/a" in output
    assert "UnknownEntity Weird bar" in output
