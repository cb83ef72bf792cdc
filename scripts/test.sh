#!/usr/bin/env bash
# Install kbgen with its test tools (and Chromium for the browser tests), then run the suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
if [ -x scripts/install-browser.sh ]; then
    scripts/install-browser.sh || echo "warning: could not install Chromium; browser tests will be skipped" >&2
fi
exec .venv/bin/python -m pytest "$@"
