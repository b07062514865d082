#!/usr/bin/env bash
# Re-extract the default theme's strings into themes/default/locale/messages.pot and
# merge them into every language's messages.po (new strings arrive empty: translate them).
# Usage: scripts/extract-messages.sh   (from anywhere; needs Babel and Jinja2, as installed)
set -euo pipefail
shopt -s nullglob
cd "$(dirname "$0")/.."
locale=themes/default/locale
pybabel extract --no-location --sort-output --omit-header -w 100 -F themes/default/babel.cfg -k N_ \
  -o "$locale/messages.pot" portfoliogen/i18n portfoliogen/render portfoliogen/documents themes/default/templates
for po in "$locale"/*/LC_MESSAGES/messages.po; do
  lang="$(basename "$(dirname "$(dirname "$po")")")"
  # A regional catalog (pt_BR) holds only what differs from its language's (pt): not every string.
  [[ "$lang" == *_* ]] && continue
  pybabel update --no-fuzzy-matching --ignore-obsolete -w 100 -i "$locale/messages.pot" -o "$po" -l "$lang"
done
