"""End-to-end speed of `kbgen suggest`: first run (empty cache) and rerun (warm cache).

    .venv/bin/python bench/bench_suggest.py [FILE ...]

Defaults to ../shared/data/banking77.jsonl when present, else the bundled samples. Each run is
a fresh `kbgen` process (model loading included) with its own KBGEN_HOME; prints wall time
and peak RSS of each run.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"


def run(args: list[str], home: Path) -> tuple[float, float]:
    env = {**os.environ, "KBGEN_HOME": str(home)}
    kbgen = Path(sys.executable).with_name("kbgen")
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    proc = subprocess.run(
        [str(kbgen), "suggest", *args, "-q", "--content", str(home / "no-content")],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"kbgen failed: {proc.stderr.strip()}")
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return wall, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    opts = parser.parse_args()
    files = opts.files or (
        [SHARED / "banking77.jsonl"]
        if (SHARED / "banking77.jsonl").exists()
        else [ROOT / "examples" / "bitext_customer_support_en.csv"]
    )
    print(f"{'file':40s} {'rows':>7s} {'first run':>10s} {'rerun':>8s} {'peak RSS':>9s}")
    for path in files:
        rows = sum(1 for _ in path.open(encoding="utf-8", errors="replace")) - (
            path.suffix == ".csv"
        )
        with tempfile.TemporaryDirectory() as tmp:
            home = Path(tmp)
            cold, peak_cold = run([str(path)], home)
            warm, peak_warm = run([str(path)], home)
        peak = max(peak_cold, peak_warm)
        print(f"{path.name:40s} {rows:7d} {cold:9.1f}s {warm:7.1f}s {peak:7.0f}MB")


if __name__ == "__main__":
    main()
