#!/usr/bin/env bash
# Installs everything (scripts/setup.sh) and opens the demo notebook in JupyterLab.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH"
cd demo
exec jupyter lab hunt-demo.ipynb "$@"
