"""Redaction quality and speed on the test corpus: ``python bench/bench_redact.py``.

Prints recall per mask type (a span counts when its value is gone from the output and a mask
of its type is there), the false-positive rate on the look-alike sentences, and single-core
throughput on the whole corpus, so a change to a detector shows its cost in one run.

``--seeds N`` also re-draws every value with N other seeds of make_corpus.py: the sentences
were written next to the detectors, so fresh numbers are the nearest thing to held-out data
(it caught IPv6 after a full-width colon and all-letter tracking tokens; the misses left are
13-digit Visa numbers that also pass the Thai id checksum, masked as <ID>).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kbgen.redact import Redactor  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "redaction"


def load(name: str) -> list[dict]:
    with (CORPUS / name).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def recall(redactor: Redactor, rows: list[dict]) -> tuple[Counter[str], Counter[str], list[str]]:
    hits: Counter[str] = Counter()
    total: Counter[str] = Counter()
    misses: list[str] = []
    for row in rows:
        out = redactor.redact(row["text"]).text
        for span in row["spans"]:
            total[span["type"]] += 1
            if span["value"] not in out and f"<{span['type']}>" in out:
                hits[span["type"]] += 1
            else:
                misses.append(f"  {span['type']:7} {span['value']!r} -> {out}")
    return hits, total, misses


def redrawn(redactor: Redactor, seeds: int) -> None:
    spec = importlib.util.spec_from_file_location("make_corpus", CORPUS / "make_corpus.py")
    assert spec and spec.loader
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    rows: list[dict] = []
    for seed in range(1, seeds + 1):
        corpus.rng.seed(seed)
        rows += corpus.build()[0]
    hits, total, misses = recall(redactor, rows)
    print(f"re-drawn values, {seeds} seeds, {len(rows)} sentences:")
    for kind in sorted(total):
        print(f"{kind:8}{hits[kind] / total[kind]:>9.2%}{hits[kind]:>8}{total[kind]:>7}")
    for line in misses[:20]:
        print("miss", line)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=0, help="also re-draw values N times")
    args = parser.parse_args()
    patterns = json.loads((CORPUS / "patterns.json").read_text(encoding="utf-8"))
    redactor = Redactor(extra_patterns=patterns)
    positives, negatives = load("positives.jsonl"), load("negatives.jsonl")

    hits, total, misses = recall(redactor, positives)

    false_pos = [
        row["text"] for row in negatives if redactor.redact(row["text"]).text != row["text"]
    ]

    texts = [row["text"] for row in positives + negatives]
    rounds = 20
    fresh = Redactor(extra_patterns=patterns)  # cold phone cache for the first round
    start = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            fresh.redact(text)
    per_s = rounds * len(texts) / (time.perf_counter() - start)
    clean = [t for t in texts if not any(ch.isdigit() for ch in t) and "@" not in t]

    print(f"{'type':8}{'recall':>9}{'found':>8}{'spans':>7}")
    for kind in sorted(total):
        print(f"{kind:8}{hits[kind] / total[kind]:>9.1%}{hits[kind]:>8}{total[kind]:>7}")
    all_hits, all_total = sum(hits.values()), sum(total.values())
    print(f"{'all':8}{all_hits / all_total:>9.1%}{all_hits:>8}{all_total:>7}")
    print(
        f"false positives: {len(false_pos)}/{len(negatives)} = "
        f"{len(false_pos) / len(negatives):.1%}"
    )
    print(
        f"speed: {per_s:,.0f} sentences/s on one core "
        f"({len(texts)} corpus sentences x {rounds}; {len(clean)} without digits or @)"
    )
    for line in misses:
        print("miss", line)
    for text in false_pos:
        print("false positive:", text, "->", redactor.redact(text).text)
    if args.seeds:
        redrawn(redactor, args.seeds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
