#!/usr/bin/env bash
# Print the pip arguments that install the pinned torch as a CPU-only build.
# On Linux, plain PyPI's torch is the CUDA build (nvidia-* wheels, several GB); PyTorch's CPU
# wheel index has the same version with a "+cpu" local label and no CUDA dependencies.
# Elsewhere (macOS) PyPI's torch is already CPU-only. Used by setup.sh and tests/test_install.py.
set -euo pipefail
cd "$(dirname "$0")/.."
version="$(sed -n 's/^torch==//p' constraints.txt)"
index="${KBGEN_TORCH_INDEX:-https://download.pytorch.org/whl/cpu}"
if [ "$(uname -s)" = "Linux" ]; then
    printf '%s\n' "torch==${version}+cpu" --extra-index-url "$index"
else
    printf '%s\n' "torch==${version}"
fi
