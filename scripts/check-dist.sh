#!/usr/bin/env bash
# Build the sdist and the wheel, check them as the package index would, then
# install the wheel into a fresh venv, as a user would, and build with it:
# the example site in this repository (--strict) and a new scaffolded site.
# The release workflow runs this; run it yourself before tagging a release.
# Needs `build` and `twine` in the Python that runs it (PYTHON, default python3).
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

rm -rf dist
"$python" -m build --outdir dist .
"$python" -m twine check --strict dist/*
wheel=$(ls dist/*.whl)
sdist=$(ls dist/*.tar.gz)

# The sdist must build a wheel on its own (it carries the themes).
"$python" -m pip wheel --no-deps --quiet --wheel-dir "$work/from-sdist" "$sdist"

"$python" -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet "$wheel"
# Run from elsewhere, so nothing is imported from this checkout.
(cd "$work" && "$work/venv/bin/python" -c 'import portfoliogen; print(portfoliogen.__file__)') | grep -q "^$work/venv/"
"$work/venv/bin/portfoliogen" --version
"$work/venv/bin/portfoliogen" build --strict --output "$work/example-output"
test -f "$work/example-output/index.html"
(cd "$work" && "$work/venv/bin/portfoliogen" new my-site && cd my-site && "$work/venv/bin/portfoliogen" build)
test -f "$work/my-site/output/index.html"
echo "dist OK: $(basename "$wheel") $(basename "$sdist")"
