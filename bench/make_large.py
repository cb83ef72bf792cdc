"""Write a large synthetic ticket export by paraphrase-style sampling from the shared sets.

Each row picks a real question from ../shared/data (all four sets, in proportion to their
size) and applies a few light, deterministic perturbations: a polite prefix or suffix, a
dropped or swapped word, one typo, a case change, or (rarely) a second question from the
same set appended. The gold label travels with it as ``set:label``, so the output can be
scored. A fixed seed makes the file byte-for-byte reproducible.

Two files are written: ``large-N.jsonl`` and ``large-N-plus1pct.jsonl`` (the same N rows, in
the same order, followed by 1% new rows drawn from a separate random stream), which is what
an export looks like a day later.

    .venv/bin/python bench/make_large.py [-n 100000] [--out bench/.cache] [--seed 0]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_cluster import DATA, SETS, read_rows  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

PREFIXES = {
    "latin": ["hi, ", "hello, ", "hey ", "please help: ", "urgent: ", "good morning, ",
              "quick question: ", "excuse me, ", "hi team, ", "dear support, "],
    "zh": ["你好，", "您好，", "请问", "麻烦问一下，", "急！"],
    "th": ["สวัสดีครับ ", "สวัสดีค่ะ ", "ขอสอบถาม ", "รบกวนหน่อยครับ "],
}  # fmt: skip
SUFFIXES = {
    "latin": [" thanks", " thank you", " please", "?", " asap", " thx", "!!", " cheers",
              " any idea?", " help"],
    "zh": ["，谢谢", "？", "。谢谢！", "，急"],
    "th": [" ครับ", " ค่ะ", " ขอบคุณครับ", " นะคะ"],
}  # fmt: skip
FILLERS = {"please", "just", "really", "the", "a", "my", "i", "can", "you", "is", "to", "do"}
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def script_of(text: str) -> str:
    for ch in text:
        if "\u0e00" <= ch <= "\u0e7f":
            return "th"
        if "\u4e00" <= ch <= "\u9fff":
            return "zh"
    return "latin"


def perturb(text: str, rng: np.random.Generator, pool: list[str]) -> str:
    """One paraphrase-style variant of ``text``; ``pool`` holds same-set texts to mix in."""
    script = script_of(text)
    spaced = script != "zh"  # Chinese has no spaces: word edits act on characters there
    words = text.split() if spaced else list(text)
    if len(words) > 3 and rng.random() < 0.35:  # drop a filler (or any) word
        fill = [i for i, w in enumerate(words) if w.lower() in FILLERS]
        i = int(rng.choice(fill)) if fill else int(rng.integers(len(words)))
        del words[i]
    if len(words) > 3 and rng.random() < 0.25:  # swap two neighbouring words
        i = int(rng.integers(len(words) - 1))
        words[i], words[i + 1] = words[i + 1], words[i]
    out = (" " if spaced else "").join(words)
    if script == "latin" and len(out) > 4 and rng.random() < 0.3:  # one typo
        i = int(rng.integers(len(out)))
        out = out[:i] + LETTERS[int(rng.integers(26))] + out[i + 1 :]
    if rng.random() < 0.5:
        out = PREFIXES[script][int(rng.integers(len(PREFIXES[script])))] + out
    if rng.random() < 0.5:
        out = out + SUFFIXES[script][int(rng.integers(len(SUFFIXES[script])))]
    if script == "latin":
        r = rng.random()
        if r < 0.1:
            out = out.lower()
        elif r < 0.15:
            out = out.upper()
    if rng.random() < 0.03:  # two questions in one ticket
        out = out + (" " if spaced else "") + pool[int(rng.integers(len(pool)))]
    return out


def load_sources() -> list[tuple[str, list[str], list[str]]]:
    sources = []
    for spec in SETS.values():
        if not (DATA / spec.file).exists():
            print(f"skip {spec.name}: {DATA / spec.file} not found", file=sys.stderr)
            continue
        texts, labels = read_rows(spec)
        sources.append((spec.name, texts, labels))
    if not sources:
        sys.exit(f"no data in {DATA}")
    return sources


def rows(n: int, rng: np.random.Generator, sources, start_id: int):
    sizes = np.array([len(t) for _, t, _ in sources], dtype=np.float64)
    picks = rng.choice(len(sources), size=n, p=sizes / sizes.sum())
    for i, s in enumerate(picks.tolist()):
        name, texts, labels = sources[s]
        j = int(rng.integers(len(texts)))
        yield {
            "id": f"T{start_id + i:08d}",
            "text": perturb(texts[j], rng, texts),
            "label": f"{name}:{labels[j]}",
        }


def write(path: Path, items) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as f:
        for item in items:
            f.write(json.dumps(item, ensure_ascii=False) + "\n")
            count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=100_000, help="rows in the base file")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / ".cache")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    sources = load_sources()
    args.out.mkdir(parents=True, exist_ok=True)
    base = args.out / f"large-{args.n}.jsonl"
    plus = args.out / f"large-{args.n}-plus1pct.jsonl"
    n_new = max(1, args.n // 100)
    write(base, rows(args.n, np.random.default_rng(args.seed), sources, 0))
    with plus.open("w", encoding="utf-8") as f:
        f.write(base.read_text(encoding="utf-8"))
    new_rng = np.random.default_rng([args.seed, 1])  # a separate stream: genuinely new rows
    with plus.open("a", encoding="utf-8") as f:
        for item in rows(n_new, new_rng, sources, args.n):
            f.write(json.dumps(item, ensure_ascii=False) + "\n")

    distinct = len({json.loads(line)["text"] for line in base.open(encoding="utf-8")})
    print(f"{base}: {args.n} rows, {distinct} distinct texts")
    print(f"{plus}: {args.n + n_new} rows ({n_new} new)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
