"""Make the repo importable without building the JS (no `pip install -e .`)."""

import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

with warnings.catch_warnings():
    # "Importing 'jupyterlab_hunt' outside a proper installation." in a never-built tree.
    warnings.simplefilter("ignore")
    import jupyterlab_hunt  # noqa: F401

pytest_plugins = ["pytest_jupyter.jupyter_server"]
