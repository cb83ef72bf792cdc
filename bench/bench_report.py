"""Time `kbgen report` against `kbgen suggest` on the same export (issue 14: report <= 2x).

    .venv/bin/python bench/bench_report.py [FILE ...] [--repeat 3] [--screenshot PNG]

Defaults to the two shipped samples. Each run is a fresh `kbgen` process, `-q`, checking an
empty content folder. First runs: suggest and report each with their own empty KBGEN_HOME
(models loaded, everything embedded). Reruns: in the first home, after that suggest, the
median of --repeat runs of each (the cache and the saved groups warm, as for a daily export).
Prints wall times, the ratio and the report's size. --screenshot renders the report of the
first file in headless Chromium (selenium, /usr/bin/chromium) and saves a full-page PNG.
"""

from __future__ import annotations

import argparse
import base64
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = [
    ROOT / "examples" / "tickets_multilingual.csv",
    ROOT / "examples" / "bitext_customer_support_en.csv",
]


def run(command: str, path: Path, home: Path, *extra: str) -> float:
    env = {**os.environ, "KBGEN_HOME": str(home)}
    env.pop("KBGEN_MODEL", None)
    kbgen = [sys.executable, "-m", "kbgen"]
    args = [command, str(path), "-q", "--content", str(home / "no-content"), *extra]
    if command == "suggest":
        args += ["-f", "json"]
    start = time.perf_counter()
    proc = subprocess.run([*kbgen, *args], env=env, capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"kbgen {command} failed: {proc.stderr.strip()}")
    return wall


def screenshot(page: Path, png: Path) -> None:
    from selenium import webdriver

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--disable-dev-shm-usage", "--window-size=1400,1000"):  # fmt: skip
        options.add_argument(arg)
    service = webdriver.ChromeService(executable_path="/usr/bin/chromedriver")
    driver = webdriver.Chrome(options=options, service=service)
    try:
        driver.get(page.resolve().as_uri())
        time.sleep(2)
        height = driver.execute_script("return document.documentElement.scrollHeight")
        # the whole page, not only the window: Chromium's own full-page capture
        shot = driver.execute_cdp_cmd(
            "Page.captureScreenshot",
            {"captureBeyondViewport": True, "clip": {"x": 0, "y": 0, "width": 1400,
             "height": height, "scale": 1}},
        )  # fmt: skip
        png.write_bytes(base64.b64decode(shot["data"]))
    finally:
        driver.quit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--screenshot", type=Path)
    opts = parser.parse_args()
    files = opts.files or SAMPLES
    head = f"{'file':34s} {'':9s} {'suggest':>8s} {'report':>8s} {'ratio':>6s}"
    print(head + f" {'report size':>12s}")
    for k, path in enumerate(files):
        with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
            home, other = Path(a), Path(b)
            page = home / "report.html"
            cold_suggest = run("suggest", path, home)
            cold_report = run("report", path, other, "-o", str(other / "report.html"))
            warm_suggest = statistics.median(run("suggest", path, home) for _ in range(opts.repeat))
            warm_report = statistics.median(
                run("report", path, home, "-o", str(page)) for _ in range(opts.repeat)
            )
            size = page.stat().st_size / 1e6
            for label, s, r in (("first run", cold_suggest, cold_report),
                                ("rerun", warm_suggest, warm_report)):  # fmt: skip
                print(f"{path.name:34s} {label:9s} {s:7.2f}s {r:7.2f}s {r / s:5.2f}x"
                      f" {size:10.1f}MB")  # fmt: skip
            if opts.screenshot and k == 0:
                screenshot(page, opts.screenshot)
                print(f"screenshot of {path.name}'s report: {opts.screenshot}")


if __name__ == "__main__":
    main()
