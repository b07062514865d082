#!/usr/bin/env bash
# Install what the browser tests need, only what is missing, one concern per
# apt-get call: Debian's Chromium, the DejaVu fonts, Pango (WeasyPrint), Python's venv module,
# and axe-core's JS file (from the npm registry, with npm). Run again, it
# installs nothing. Works whether Node.js comes from Debian or NodeSource:
# NodeSource's `nodejs` ships npm itself and conflicts with Debian's `npm`
# package, so the two are never asked for together.
set -euo pipefail
cd "$(dirname "$0")/.."

AXE_VERSION=4.10.3
AXE_FILE=tests/.node/node_modules/axe-core/axe.min.js
CHROMIUM=${PORTFOLIOGEN_CHROMIUM:-/usr/bin/chromium}   # the tests use Debian's, never a downloaded one

sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
updated=""
apt_install() {
  if [ -z "$updated" ]; then $sudo apt-get update -q; updated=1; fi
  echo "scripts: installing $*" >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
}
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"; }
from_nodesource() { case "$1" in *nodesource*) return 0;; *) return 1;; esac; }

[ -x "$CHROMIUM" ] || apt_install chromium
installed fonts-dejavu-core || apt_install fonts-dejavu-core
# WeasyPrint (the [pdf] extra: cv.pdf, proposal.pdf) loads Pango at import.
{ installed libpango-1.0-0 && installed libpangoft2-1.0-0; } || apt_install libpango-1.0-0 libpangoft2-1.0-0
python3 -c 'import ensurepip, venv' 2>/dev/null || apt_install python3-venv

if [ ! -f "$AXE_FILE" ]; then
  if ! command -v npm >/dev/null; then
    if command -v node >/dev/null || installed nodejs; then
      # Node.js without npm: Debian's nodejs lacks it (add Debian's npm);
      # NodeSource's has it, so npm missing there is a broken install.
      if from_nodesource "$(dpkg-query -W -f='${Version}' nodejs 2>/dev/null || true)"; then
        echo "scripts: nodejs comes from NodeSource but npm is not on PATH; NodeSource's nodejs" \
             "ships npm and conflicts with Debian's npm package, so reinstall it:" \
             "apt-get install --reinstall nodejs" >&2
        exit 1
      fi
      command -v node >/dev/null && ! installed nodejs && {
        echo "scripts: node ($(command -v node)) is not Debian's and has no npm beside it;" \
             "install npm for it, or remove it from PATH" >&2
        exit 1
      }
      apt_install npm
    else
      # No Node.js at all: whichever nodejs apt would pick decides. NodeSource's
      # (its repository configured) brings its own npm; Debian's needs `npm`.
      if [ -z "$updated" ]; then $sudo apt-get update -q; updated=1; fi
      if from_nodesource "$(apt-cache policy nodejs 2>/dev/null | awk '/Candidate:/ {print $2}')"; then
        apt_install nodejs
      else
        apt_install npm
      fi
    fi
  fi
  npm install --prefix tests/.node --no-audit --no-fund --loglevel=error "axe-core@$AXE_VERSION" >/dev/null
fi

test -x "$CHROMIUM" || { echo "scripts: Chromium missing at $CHROMIUM" >&2; exit 1; }
test -f "$AXE_FILE" || { echo "scripts: $AXE_FILE missing after npm install" >&2; exit 1; }
