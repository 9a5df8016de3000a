#!/usr/bin/env bash
# Installs everything into a project-local virtual environment (.venv) and node_modules,
# builds the extension and installs it into .venv in development mode.
# Usage: scripts/setup.sh [--test]   (--test also installs Chromium and the UI-test packages)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WITH_TESTS=0
[ "${1:-}" = "--test" ] && WITH_TESTS=1

say() { printf '\n==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

need_apt=()
command -v node >/dev/null || need_apt+=(nodejs npm)
python3 -c 'import venv, ensurepip' 2>/dev/null || need_apt+=(python3-venv)
[ "$WITH_TESTS" = 1 ] && [ ! -x /usr/bin/chromium ] && need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  say "Debian packages: ${need_apt[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

say "Python environment in .venv"
[ -x .venv/bin/python ] || python3 -m venv .venv
export PATH="$ROOT/.venv/bin:$PATH"
python -m pip install -q --upgrade pip
python -m pip install -q "jupyterlab>=4.6,<4.7" "jupyter-builder>=1.2,<2" "hatchling>=1.5" \
  "hatch-nodejs-version>=0.3.2" "hatch-jupyter-builder>=0.5" editables

say "npm packages"
npm ci --no-audit --no-fund --loglevel=error

say "Build the extension"
npm run build

say "Install jupyterlab_hunt into .venv (editable)"
python -m pip install -q --no-build-isolation -e ".[test]"
jupyter builder develop --overwrite . >/dev/null
jupyter server extension enable --sys-prefix jupyterlab_hunt >/dev/null

if [ "$WITH_TESTS" = 1 ]; then
  say "UI-test packages"
  (cd ui-tests && npm ci --no-audit --no-fund --loglevel=error)
fi
jupyter labextension list 2>&1 | grep -E 'jupyterlab-hunt' || { echo "jupyterlab-hunt is not installed in JupyterLab" >&2; exit 1; }
