#!/usr/bin/env bash
# Install what the tests need and run them: the README's test command and
# what CI runs. Installs only what is missing (scripts/install-test-deps.sh:
# Debian's Chromium, fonts, axe-core through npm; no browser is downloaded),
# then the project into .venv as a user would, with its test extra.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-test-deps.sh
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -e '.[test]'
# The import layers of STYLE.md section 1 (contracts in pyproject.toml).
.venv/bin/lint-imports --no-cache
exec .venv/bin/python -m pytest -n 2 -q "$@"
