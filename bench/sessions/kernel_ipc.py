"""Session tables as `hunt.open` sends them: the benchmark's sessions (input JSON written by
ref.py) as DataFrames, converted by the kernel's own code (jupyterlab_hunt.kernel.arrow) to
Arrow IPC streams. Run with the project's .venv (pyarrow and the package are installed there).

Usage: kernel_ipc.py INPUT_JSON OUT_DIR  ->  OUT_DIR/{cmds,params,cmdlines}.arrow
"""

import json
import sys
from pathlib import Path

import pandas as pd

from jupyterlab_hunt.kernel.arrow import dataframe_to_ipc


def main():
    data = json.loads(Path(sys.argv[1]).read_text())
    out = Path(sys.argv[2])
    for name in ("cmds", "params", "cmdlines"):
        ipc, _ = dataframe_to_ipc(pd.DataFrame({"session": data[name]}))
        (out / f"{name}.arrow").write_bytes(ipc)


if __name__ == "__main__":
    main()
