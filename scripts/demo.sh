#!/usr/bin/env bash
# Install kbgen into .venv and find the recurring issues in the bundled multilingual sample.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "Setting up .venv (first run: about 2 minutes)..." >&2
scripts/setup.sh
exec .venv/bin/kbgen suggest examples/tickets_multilingual.csv "$@"
