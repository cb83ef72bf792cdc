"""The set-up installs a CPU-only torch: on Linux, plain PyPI's torch is the multi-GB CUDA build."""

from __future__ import annotations

import json
import platform
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _torch_args() -> list[str]:
    out = subprocess.run(
        ["bash", str(ROOT / "scripts" / "torch-args.sh")],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.split()


def test_setup_installs_torch_with_the_arguments_it_prints() -> None:
    setup = (ROOT / "scripts" / "setup.sh").read_text()
    assert "scripts/torch-args.sh" in setup
    # torch goes in before kbgen, so kbgen's own `torch>=...` requirement is already satisfied.
    assert setup.index('"${torch_args[@]}"') < setup.index('-e ".${extras')


@pytest.mark.skipif(platform.system() != "Linux", reason="the CUDA build is a Linux problem")
def test_torch_args_ask_for_the_cpu_build_of_the_pinned_version() -> None:
    pinned = next(
        line.split("==")[1]
        for line in (ROOT / "constraints.txt").read_text().splitlines()
        if line.startswith("torch==")
    )
    args = _torch_args()
    assert args[0] == f"torch=={pinned}+cpu"
    assert args[1:] == ["--extra-index-url", "https://download.pytorch.org/whl/cpu"]


@pytest.mark.skipif(platform.system() != "Linux", reason="the CUDA build is a Linux problem")
def test_pip_resolves_a_cpu_torch_without_cuda_packages(tmp_path: Path) -> None:
    """What a fresh machine would install, resolved (not installed) by pip itself."""
    report = tmp_path / "report.json"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--dry-run",
            "--ignore-installed",
            "--quiet",
            "--retries",
            "1",
            "--report",
            str(report),
            "-c",
            str(ROOT / "constraints.txt"),
            *_torch_args(),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if run.returncode != 0:
        pytest.skip(f"pip could not reach a package index: {run.stderr.strip().splitlines()[-1:]}")
    installed = {
        item["metadata"]["name"].lower(): item["metadata"]["version"]
        for item in json.loads(report.read_text())["install"]
    }
    assert installed["torch"].endswith("+cpu")
    cuda = sorted(name for name in installed if name.startswith(("nvidia-", "triton")))
    assert cuda == []
