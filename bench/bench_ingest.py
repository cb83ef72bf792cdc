"""Streaming ingest: ``python bench/bench_ingest.py [--rows 100000 1000000]``.

Writes a CSV and a JSONL export of each size into a temporary folder (multilingual questions
with ids, times and agent replies), then reads each one with ``iter_records`` in a fresh
process and prints rows/s and that process's peak RSS. A baseline process that reads a
10-row file shows the cost of the interpreter and imports; if reading streams, peak RSS at
1M rows stays within a few MiB of the 100k figure instead of growing ten-fold.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUESTIONS = [
    "Where is my parcel? It was due on Monday and tracking has not moved since.",
    "How do I get a refund for an item that arrived broken?",
    "请问我的订单什么时候发货？已经等了一个星期了。",
    "請問可以開立統一編號的發票嗎？",
    "สินค้าที่สั่งไปยังไม่ได้รับเลยค่ะ ช่วยตรวจสอบให้หน่อย",
    "I forgot my password and the reset e-mail never arrives.",
]
REPLY = "Thanks for reaching out, we have looked into it and replied by e-mail."


def write_files(folder: Path, rows: int) -> dict[str, Path]:
    csv_path, jsonl_path = folder / f"tickets-{rows}.csv", folder / f"tickets-{rows}.jsonl"
    with (
        csv_path.open("w", encoding="utf-8", newline="") as c,
        jsonl_path.open("w", encoding="utf-8") as j,
    ):
        writer = csv.writer(c)
        writer.writerow(["ticket_id", "created_at", "question", "answer"])
        for i in range(rows):
            row = [f"T-{i:07d}", f"2026-11-{1 + i % 28:02d}T{i % 24:02d}:15:00Z",
                   f"{QUESTIONS[i % len(QUESTIONS)]} #{i}", REPLY]  # fmt: skip
            writer.writerow(row)
            j.write(json.dumps(dict(zip(["ticket_id", "created_at", "question", "answer"], row,
                                         strict=True)), ensure_ascii=False) + "\n")  # fmt: skip
    return {"csv": csv_path, "jsonl": jsonl_path}


def read_once(path: Path) -> None:
    """Child process: read every record, print count, seconds and peak RSS as JSON."""
    from kbgen.read.ingest import iter_records

    start = time.perf_counter()
    count = chars = 0
    for record in iter_records(path):
        count += 1
        chars += len(record.text)
    seconds = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(json.dumps({"rows": count, "seconds": seconds, "peak_mib": peak_kib / 1024}))


def measure(path: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--read", str(path)], check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--read", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.read:
        read_once(args.read)
        return
    with tempfile.TemporaryDirectory(prefix="kbgen-bench-") as tmp:
        folder = Path(tmp)
        base = measure(write_files(folder, 10)["csv"])
        print(f"baseline (10 rows): peak RSS {base['peak_mib']:.1f} MiB")
        print(f"{'format':6} {'rows':>9} {'MiB':>7} {'seconds':>8} {'rows/s':>9} {'peak RSS':>9}")
        peaks: dict[str, list[float]] = {}
        for rows in args.rows:
            for fmt, path in write_files(folder, rows).items():
                got = measure(path)
                assert got["rows"] == rows, got
                size = path.stat().st_size / 2**20
                print(f"{fmt:6} {rows:>9,} {size:>7.0f} {got['seconds']:>8.2f} "
                      f"{rows / got['seconds']:>9,.0f} {got['peak_mib']:>6.1f} MiB")  # fmt: skip
                peaks.setdefault(fmt, []).append(got["peak_mib"])
                path.unlink()
        for fmt, values in peaks.items():
            growth = values[-1] - values[0]
            print(f"{fmt}: peak RSS grew {growth:+.1f} MiB from {args.rows[0]:,} to "
                  f"{args.rows[-1]:,} rows")  # fmt: skip


if __name__ == "__main__":
    main()
