#!/usr/bin/env bash
# Installs everything (scripts/setup.sh --test) and runs every test: linters, type check,
# jest, pytest and the Galata UI tests in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
export PATH="$PWD/.venv/bin:$PATH"
step() { printf '\n==> %s\n' "$*"; }

step "Lint: eslint + prettier"
npm run lint:check
step "Lint: ruff"
ruff check jupyterlab_hunt tests
ruff format --check jupyterlab_hunt tests
step "Type check"
npm run typecheck
step "jest"
npx jest --ci
step "pytest"
python -m pytest -q tests
step "Galata UI tests (Chromium)"
(cd ui-tests && npx playwright test)
