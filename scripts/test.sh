#!/usr/bin/env bash
# Install what the tests need and run them: the README's test command and
# what CI runs. Needs Debian's Chromium (installed here with apt-get when it
# is missing) and npm (for axe-core's JS file; no browser is downloaded).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ] || ! command -v npm >/dev/null; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -q
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    chromium fonts-dejavu-core nodejs npm
fi
test -x /usr/bin/chromium || { echo "chromium missing at /usr/bin/chromium" >&2; exit 1; }
if [ ! -f tests/.node/node_modules/axe-core/axe.min.js ]; then
  npm install --prefix tests/.node --no-audit --no-fund --loglevel=error axe-core@4.10.3 >/dev/null
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -e '.[test]'
# The import layers of STYLE.md section 1 (contracts in pyproject.toml).
.venv/bin/lint-imports --no-cache
exec .venv/bin/python -m pytest -n 2 -q "$@"
