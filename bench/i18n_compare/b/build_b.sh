#!/bin/sh
# approach B: four separate `mkdocs build` runs
set -e
cd "$(dirname "$0")"
rm -rf site
for L in en zh-Hans zh-Hant th; do ../venv/bin/mkdocs build -f mkdocs.$L.yml; done
