"""Embedding speed: texts/s of each model on the same short questions, measured in one run.

Each measurement runs in a process of its own (load and a 16-text warm-up untimed, then one
`Embedder.embed` of all texts, no cache); rounds go through the models in turn and the median
is printed with its ratio to the first model. Timings on shared machines swing a lot: compare
numbers from one run only.

    .venv/bin/python bench/bench_embed.py                      # 2,000 English questions (banking77)
    .venv/bin/python bench/bench_embed.py --texts mixed        # 1,000 en + 500 zh + 500 th
    .venv/bin/python bench/bench_embed.py --models use-multilingual:b32 use-multilingual:b256:t1
    .venv/bin/python bench/bench_embed.py --models use-multilingual \\
        bench/.cache/embeddinggemma-300m -n 200 --rounds 1  # after make_embeddinggemma.py

A model is any name `kbgen suggest --model` takes, optionally followed by `:bN` (texts per
onnxruntime call for the ONNX models) and `:tN` (threads, KBGEN_THREADS).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
DEFAULT_MODELS = [
    "use-multilingual-numpy",
    "use-multilingual",
    "all-MiniLM-L6-v2-torch",
    "all-MiniLM-L6-v2",
]


def texts_for(kind: str, n: int) -> list[str]:
    def rows(name: str, count: int) -> list[str]:
        path = DATA / name
        if not path.is_file():
            raise SystemExit(f"{path} is missing: these sets come with ../shared/data")
        texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
        random.Random(0).shuffle(texts)
        return texts[:count]

    if kind == "en":
        return rows("banking77.jsonl", n)
    half, quarter = n // 2, n // 4
    return (
        rows("banking77.jsonl", half)
        + rows("smp2017_zh.jsonl", quarter)
        + rows("truevoice_th_dev.jsonl", n - half - quarter)
    )


def child(model: str, kind: str, n: int) -> None:
    name, *options = model.split(":")
    from kbgen.embed import load_embedder
    from kbgen.embed import onnx as embed_onnx

    for option in options:
        if option.startswith("b"):
            embed_onnx.USE_BATCH = embed_onnx.BERT_BATCH = int(option[1:])
    texts = texts_for(kind, n)
    started = time.perf_counter()
    embedder = load_embedder(name)
    embedder.embed(texts[:16])  # loads the model (and makes its file the first time)
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    vectors = embedder.embed(texts)
    seconds = time.perf_counter() - started
    print(json.dumps({"per_s": len(texts) / seconds, "load_s": loaded, "dim": vectors.shape[1]}))


def measure(model: str, kind: str, n: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for option in model.split(":")[1:]:
        if option.startswith("t"):
            env["KBGEN_THREADS"] = option[1:]
    done = subprocess.run(
        [sys.executable, __file__, "--child", model, "--texts", kind, "-n", str(n)],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    if done.returncode:
        raise SystemExit(f"{model}: {done.stderr.strip().splitlines()[-1:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--models", nargs="+", default=DEFAULT_MODELS)
    parser.add_argument("--texts", choices=["en", "mixed"], default="en")
    parser.add_argument("-n", type=int, default=2000, help="texts per measurement")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.texts, args.n)
        return
    results: dict[str, list[dict[str, float]]] = {m: [] for m in args.models}
    for round_ in range(args.rounds):
        for model in args.models:
            results[model].append(measure(model, args.texts, args.n))
            print(f"round {round_ + 1} {model}: {results[model][-1]['per_s']:.0f}/s, "
                  f"load average {os.getloadavg()[0]:.2f}", file=sys.stderr)  # fmt: skip
    base = statistics.median(r["per_s"] for r in results[args.models[0]])
    print(f"{args.n} texts ({args.texts}), {args.rounds} rounds, {os.cpu_count()} cores\n")
    print(f"| model | texts/s (median) | min-max | vs {args.models[0]} | load s | dim |")
    print("|---|---|---|---|---|---|")
    for model, runs in results.items():
        speeds = [r["per_s"] for r in runs]
        median = statistics.median(speeds)
        print(f"| {model} | {median:.0f} | {min(speeds):.0f}-{max(speeds):.0f} | "
              f"{median / base:.2f}x | {statistics.median(r['load_s'] for r in runs):.1f} | "
              f"{int(runs[0]['dim'])} |")  # fmt: skip


if __name__ == "__main__":
    main()
