#!/usr/bin/env bash
# Re-extract the default theme's strings into themes/default/locale/messages.pot and
# merge them into every language's messages.po (new strings arrive empty, changed ones fuzzy).
# Usage: scripts/extract-messages.sh   (from anywhere; needs Babel and Jinja2, as installed)
set -euo pipefail
shopt -s nullglob
cd "$(dirname "$0")/.."
locale=themes/default/locale
pybabel extract --no-location --sort-output --omit-header -F themes/default/babel.cfg -k N_ \
  -o "$locale/messages.pot" portfoliogen/i18n portfoliogen/render themes/default/templates
for po in "$locale"/*/LC_MESSAGES/messages.po; do
  pybabel update --no-fuzzy-matching --omit-header -i "$locale/messages.pot" -o "$po" -l "$(basename "$(dirname "$(dirname "$po")")")"
done
