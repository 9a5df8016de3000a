"""The frame behind ``display.arrows``: what the kernel sends for decimals, timedeltas and
text with bidi controls, read by ``src/analytics/__tests__/display.spec.ts``.

Regenerate after a change here: ``.venv/bin/python tests/hostile/frames/display_frame.py``;
``tests/test_arrow_types.py`` checks the file still decodes to this frame's table.
"""

import decimal
import pathlib

import pandas as pd

D = decimal.Decimal
FIXTURE = pathlib.Path(__file__).with_name("display.arrows")


def display_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            # scale 9 from the last value: 1.10 is the unscaled 1100000000
            "price": pd.Series([D("1.10"), D("-2.5"), None, D("0"), D("0.000000001")]),
            "big": pd.Series(  # beyond 64 bits, both signs: decimal128(38, 3)
                [
                    D("12345678901234567890123456789012345.678"),
                    D("-12345678901234567890123456789012345.678"),
                    D("-0.001"),
                    None,
                    D("99999999999999999999999999999999999.999"),
                ]
            ),
            "td": pd.to_timedelta(
                ["1 days 02:03:00", "20s", None, "-00:00:01.5", "0.0015s"]
            ).as_unit("ns"),
            "\u202eexe.gnp": ["\u202eexe.gnp", "plain", None, "a\u2066b\u2069", "\u200f"],
            "huge": pd.Series([D("-1e50"), None, None, None, D("0.5")]),  # decimal256(52, 1)
        }
    )


if __name__ == "__main__":
    from jupyterlab_hunt.kernel import dataframe_to_ipc

    FIXTURE.write_bytes(dataframe_to_ipc(display_frame())[0])
    print(f"wrote {FIXTURE} ({FIXTURE.stat().st_size} bytes)")
