"""Score kbgen's grouping end to end, on clean labelled sets and on noisy twins of them.

Every set (and its noisy twin from ``noise.py``: greetings, particles, sign-offs, personal data,
typos, in each row's own language) is written to JSONL in bench/.cache/intent and run through
``kbgen.pipeline.suggest`` with ``--recluster``, so the product's masking and any preprocessing
are part of what is measured. Issues are scored against the gold labels with NMI and ARI (%),
every long-tail row (and every gold "other" row) as its own singleton. Multilingual sets are
also scored against each row's language (ARI, lower is better: a grouping that follows the
question, not the language, scores ~0).

    .venv/bin/python bench/bench_intent.py                                  # everything
    .venv/bin/python bench/bench_intent.py --sets sample parallel --no-noisy
    .venv/bin/python bench/bench_intent.py --subsample banking77=4000 truevoice_th=4000
    .venv/bin/python bench/bench_intent.py --model all-MiniLM-L6-v2 --sets banking77 bitext
    .venv/bin/python bench/bench_intent.py --by-kind --sets bitext sample   # one noise kind each

Results (Markdown) on stdout, progress on stderr. Embeddings and segmented words are cached in
bench/.cache/intent/embeddings.sqlite, so reruns embed only what changed; KBGEN_HOME is
bench/.cache/intent/home.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import re
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np
from bench_cluster import DATA, ROOT, SETS, read_rows, singletons
from noise import KINDS, NoiseMaker, detect_lang

CACHE = ROOT / "bench" / ".cache" / "intent"
SAMPLE = ROOT / "examples" / "tickets_multilingual.csv"
SAMPLE_LABELS = ROOT / "examples" / "tickets_multilingual.labels.csv"
PARALLEL = ROOT / "bench" / "data" / "parallel_4lang.jsonl"
SHARED_LANG = {"bitext": "en", "banking77": "en", "smp2017_zh": "zh-Hans", "truevoice_th": "th"}
ALL_SETS = [*SETS, "sample", "parallel"]
MULTI = ("sample", "parallel")

# A keyword made of these says the issue was grouped by its wrapper, not its question. Kept
# small on purpose: greetings, address forms, politeness particles, thanks, apologies, urgency.
FILLER = frozenset(
    """
    hi hello hey dear thanks thank thx ty please pls plz sorry admin urgent asap regards cheers
    hope kindly lol
    您好 你好 在吗 在嗎 亲 親 谢谢 謝謝 感谢 感謝 多谢 多謝 客服 小编 小編 麻烦 麻煩 不好意思 打扰
    打擾 急 急急急 呢 啊 喔 哦 啦 呀 嗎 吗 请问 請問 辛苦 亲亲
    สวัสดี สวัสดีค่ะ สวัสดีครับ หวัดดี ครับ ค่ะ คะ นะคะ นะครับ จ้า แอดมิน แอด พี่ ขอบคุณ รบกวน ขอโทษ
    ด่วน ด่วนมาก
    """.split()
)
_MASK = re.compile(r"<[A-Z][A-Z_]*>")


@dataclass
class Labelled:
    name: str
    texts: list[str]
    gold: list[str | None]  # None: long tail by design (scored as a singleton)
    langs: list[str]
    note: str = ""


# --- sets ---------------------------------------------------------------------------------------


def load(name: str, subsample: int | None) -> Labelled | None:
    if name == "sample":
        with SAMPLE.open(newline="", encoding="utf-8") as f:
            tickets = list(csv.DictReader(f))
        with SAMPLE_LABELS.open(newline="", encoding="utf-8") as f:
            issue = {r["ticket_id"]: r["issue"] for r in csv.DictReader(f)}
        rows = [(t["question"].strip(), issue[t["ticket_id"]]) for t in tickets]
        rows = [(t, y) for t, y in rows if t]
        texts = [t for t, _ in rows]
        gold = [None if y == "other" else y for _, y in rows]
        return Labelled(name, texts, gold, [detect_lang(t) for t in texts])
    if name == "parallel":
        with PARALLEL.open(encoding="utf-8") as f:
            rows = [json.loads(line) for line in f if line.strip()]
        return Labelled(
            name, [r["text"] for r in rows], [r["intent"] for r in rows], [r["lang"] for r in rows]
        )
    spec = SETS[name]
    if not (DATA / spec.file).exists():
        print(f"skip {name}: {DATA / spec.file} not found", file=sys.stderr)
        return None
    texts, gold = read_rows(spec)
    data = Labelled(name, texts, list(gold), [SHARED_LANG[name]] * len(texts))
    if subsample and subsample < len(texts):
        data = stratified(data, subsample)
    return data


def stratified(data: Labelled, n: int, seed: int = 0) -> Labelled:
    """n rows, each label in proportion (largest remainders), drawn with a fixed seed."""
    rng = np.random.default_rng(seed)
    by_label: dict[Any, list[int]] = defaultdict(list)
    for i, y in enumerate(data.gold):
        by_label[y].append(i)
    labels = sorted(by_label, key=str)
    share = {y: n * len(by_label[y]) / len(data.texts) for y in labels}
    quota = {y: int(share[y]) for y in labels}
    for y in sorted(labels, key=lambda y: -(share[y] - quota[y]))[: n - sum(quota.values())]:
        quota[y] += 1
    keep = sorted(
        int(i) for y in labels for i in rng.choice(by_label[y], size=quota[y], replace=False)
    )
    note = f"stratified subsample of {n} / {len(data.texts)} rows (seed {seed})"
    return Labelled(
        data.name,
        [data.texts[i] for i in keep],
        [data.gold[i] for i in keep],
        [data.langs[i] for i in keep],
        note,
    )


def write_jsonl(path: Path, texts: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as f:
        for i, text in enumerate(texts):
            f.write(json.dumps({"id": str(i), "text": text}, ensure_ascii=False) + "\n")


# --- running the product ----------------------------------------------------------------------


class StderrReporter:
    """kbgen's notes and each stage's time, on stderr."""

    def note(self, message: str) -> None:
        print(f"    kbgen: {message}", file=sys.stderr)

    @contextlib.contextmanager
    def progress(self, label: str, total: int) -> Iterator[Callable[[int], None]]:
        t0 = time.perf_counter()
        yield lambda n: None
        secs = time.perf_counter() - t0
        print(f"    {label.lower()}: {total} in {secs:.1f}s", file=sys.stderr)


@dataclass
class Run:
    pred: np.ndarray  # issue number per row, -1 long tail
    result: Any  # kbgen.records.SuggestResult
    secs: float
    embedded: int  # texts the model had to embed (not in the cache)


def run_suggest(path: Path, rows: int, embedder: Any, cache: Any) -> Run:
    from kbgen.pipeline import SuggestOptions, suggest

    before = cache.count(embedder.name)
    options = SuggestOptions(text_field="text", id_field="id", recluster=True)
    t0 = time.perf_counter()
    result = suggest(path, options, embedder=embedder, cache=cache, reporter=StderrReporter())
    secs = time.perf_counter() - t0
    pred = np.full(rows, -1, dtype=np.int64)
    seen = [q.row for q in result.questions]
    if sorted(seen) != list(range(rows)):
        raise SystemExit(f"{path}: suggest read {len(seen)} rows of {rows}; rows do not line up")
    for q, label in zip(result.questions, result.labels):
        pred[q.row] = label
    return Run(pred, result, secs, cache.count(embedder.name) - before)


# --- scoring -----------------------------------------------------------------------------------


def codes(values: list[Any]) -> np.ndarray:
    """Integer labels; None becomes -1 (long tail)."""
    index: dict[Any, int] = {}
    return np.array([-1 if v is None else index.setdefault(v, len(index)) for v in values])


def bad_keywords(words: list[str]) -> list[str]:
    """The keywords that are masks, greetings or particles."""
    out = []
    for kw in words:
        tokens = kw.casefold().split() or [kw]
        if _MASK.search(kw) or kw.casefold() in FILLER or any(t in FILLER for t in tokens):
            out.append(kw)
    return out


def score(data: Labelled, run: Run) -> dict[str, Any]:
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    y = singletons(codes(data.gold))
    pred = singletons(run.pred)
    out = {
        "nmi": 100 * normalized_mutual_info_score(y, pred),
        "ari": 100 * adjusted_rand_score(y, pred),
        "placed": 100 * float((run.pred >= 0).mean()),
        "issues": len(run.result.issues),
        "secs": run.secs,
        "embedded": run.embedded,
        "bad_kw": sum(1 for i in run.result.issues if bad_keywords(i.keywords)),
        "masked": dict(run.result.redactions),
    }
    if len(set(data.langs)) > 1:
        out["lang_ari"] = 100 * adjusted_rand_score(codes(data.langs), pred)
    return out


def run_variant(
    data: Labelled, variant: str, texts: list[str], embedder: Any, cache: Any
) -> dict[str, Any]:
    """Write one version of a set, run suggest on it, score it."""
    tag = data.name + (f"-n{len(data.texts)}" if data.note else "")
    path = CACHE / f"{tag}-{variant}.jsonl"
    write_jsonl(path, texts)
    print(f"  {data.name} {variant}: {len(texts)} rows", file=sys.stderr)
    run = run_suggest(path, len(texts), embedder, cache)
    s = score(data, run)
    s["issue_list"] = [
        (i.number, i.size, i.keywords, _majority(data, run.pred, i.number))
        for i in run.result.issues
    ]
    print(
        f"  {data.name} {variant}: NMI {s['nmi']:.1f} ARI {s['ari']:.1f} "
        f"issues {s['issues']} placed {s['placed']:.1f}% in {s['secs']:.1f}s "
        f"(embedded {s['embedded']})",
        file=sys.stderr,
    )
    return s


def noisy_variant(
    data: Labelled, kinds: tuple[str, ...], seed: int, embedder: Any, cache: Any
) -> dict[str, Any] | None:
    """Score the noisy twin made of these noise kinds (None when it changes no row)."""
    twins = NoiseMaker(seed=seed, kinds=kinds).twins(data.texts, data.langs)
    unchanged = 100 * sum(t.text == t.core for t in twins) / len(twins)
    if unchanged == 100:
        return None
    injected: Counter[str] = Counter()
    for t in twins:
        injected.update(t.pii)
    variant = "noisy" if set(kinds) == set(KINDS) else "noisy-" + "+".join(sorted(kinds))
    s = run_variant(data, variant, [t.text for t in twins], embedder, cache)
    return {**s, "injected": dict(injected), "unchanged": unchanged}


def bench_set(
    data: Labelled, embedder: Any, cache: Any, noisy: bool, kinds: tuple[str, ...], seed: int
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "set": data.name,
        "rows": len(data.texts),
        "langs": dict(Counter(data.langs).most_common()),
        "gold_k": len({g for g in data.gold if g is not None}),
        "note": data.note,
        "clean": run_variant(data, "clean", data.texts, embedder, cache),
    }
    if noisy and (twin := noisy_variant(data, kinds, seed, embedder, cache)):
        out["noisy"] = twin
    return out


def _majority(data: Labelled, pred: np.ndarray, number: int) -> tuple[str, float]:
    """The gold label most of an issue's rows carry, and its share (purity)."""
    members = [data.gold[i] or "other" for i in np.flatnonzero(pred == number)]
    label, count = Counter(members).most_common(1)[0]
    return label, 100 * count / len(members)


# --- output ------------------------------------------------------------------------------------


def _pair(r: dict[str, Any], key: str, fmt: str) -> str:
    clean = format(r["clean"][key], fmt) if key in r["clean"] else "–"
    if "noisy" not in r:
        return clean
    noisy = format(r["noisy"][key], fmt) if key in r["noisy"] else "–"
    return f"{clean} / {noisy}"


def table(results: list[dict[str, Any]]) -> str:
    head = (
        "| set | rows | gold K | clean NMI | clean ARI | noisy NMI | noisy ARI "
        "| noisy % of clean NMI | noisy % of clean ARI | % placed | issues found | s "
        "| lang ARI | issues w/ filler kw |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    )
    lines = []
    for r in results:
        c, n = r["clean"], r.get("noisy")
        noisy = (
            f"{n['nmi']:.1f} | {n['ari']:.1f} | {100 * n['nmi'] / c['nmi']:.0f} "
            f"| {100 * n['ari'] / c['ari']:.0f}"
            if n and c["nmi"] and c["ari"]
            else "– | – | – | –"
        )
        lines.append(
            f"| {r['set']} | {r['rows']} | {r['gold_k']} | {c['nmi']:.1f} | {c['ari']:.1f} "
            f"| {noisy} | {_pair(r, 'placed', '.1f')} | {_pair(r, 'issues', 'd')} "
            f"| {_pair(r, 'secs', '.1f')} | {_pair(r, 'lang_ari', '.1f')} "
            f"| {_pair(r, 'bad_kw', 'd')} |"
        )
    return "\n".join([head, *lines])


def details(results: list[dict[str, Any]]) -> str:
    out = ["Per set: rows by language, texts embedded (not cached), personal data injected "
           "into the noisy twin and masks kbgen put in (clean / noisy):", ""]  # fmt: skip
    for r in results:
        langs = ", ".join(f"{k} {v}" for k, v in r["langs"].items())
        line = f"- {r['set']}: {langs}; embedded {_pair(r, 'embedded', 'd')}"
        if r["note"]:
            line += f"; {r['note']}"
        if "noisy" in r:
            injected = ", ".join(f"{k} {v}" for k, v in sorted(r["noisy"]["injected"].items()))
            masked = " / ".join(
                ", ".join(f"{k} {v}" for k, v in sorted(r[key]["masked"].items())) or "none"
                for key in ("clean", "noisy")
            )
            line += (
                f"; noisy twin: {r['noisy']['unchanged']:.0f}% of rows left as they were, "
                f"injected {injected or 'nothing'}; masked {masked}"
            )
        out.append(line)
    return "\n".join(out)


def keyword_listing(r: dict[str, Any]) -> str:
    out = [f"Issues found in `{r['set']}` and their keywords (gold label of most rows, purity):"]
    for key in ("clean", "noisy"):
        if key not in r:
            continue
        bad = r[key]["bad_kw"]
        out += ["", f"{key}: {r[key]['issues']} issues, {bad} with a mask or filler keyword", ""]
        for number, size, words, (label, purity) in r[key]["issue_list"]:
            flag = bad_keywords(words)
            mark = f" **filler: {', '.join(flag)}**" if flag else ""
            out.append(f"- #{number} ({size}) {label} {purity:.0f}%: {', '.join(words)}{mark}")
    return "\n".join(out)


def kind_table(rows: list[dict[str, Any]]) -> str:
    head = (
        "| set | noise kind | NMI | ARI | NMI % of clean | ARI % of clean | issues | % placed "
        "| lang ARI | issues w/ filler kw |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    )
    lines = [
        f"| {r['set']} | {r['kind']} | {r['nmi']:.1f} | {r['ari']:.1f} "
        f"| {100 * r['nmi'] / r['clean_nmi']:.0f} | {100 * r['ari'] / r['clean_ari']:.0f} "
        f"| {r['issues']} | {r['placed']:.1f} "
        f"| {format(r['lang_ari'], '.1f') if 'lang_ari' in r else '–'} | {r['bad_kw']} |"
        for r in rows
    ]
    return "\n".join([head, *lines])


def provenance(model: str, args: argparse.Namespace) -> str:
    """When, on what code (the checkout kbgen was imported from) and with which command."""
    import kbgen

    where = Path(kbgen.__file__).resolve().parent.parent

    def git(*cmd: str) -> str:
        done = subprocess.run(["git", *cmd], cwd=where, capture_output=True, text=True)
        return done.stdout.strip() if done.returncode == 0 else ""

    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    head = git("rev-parse", "HEAD")
    code = (
        f"HEAD {head}; `git status --short`:\n\n```\n{git('status', '--short') or '(clean)'}\n```"
        if head
        else f"kbgen imported from {where} (not a git checkout)"
    )
    return (
        f"Measured {when} (load average {load}), model `{model}`, noise seed {args.seed}.\n"
        f"Command: `bench/bench_intent.py {' '.join(sys.argv[1:])}`\n{code}"
    )


# --- main --------------------------------------------------------------------------------------


def parse_subsample(values: list[str] | None) -> dict[str | None, int]:
    """``4000`` (every shared set over 4000 rows) or ``banking77=4000 ...`` (those sets)."""
    out: dict[str | None, int] = {}
    for value in values or []:
        name, _, n = value.rpartition("=")
        if name and name not in SETS:
            raise SystemExit(f"--subsample: unknown set {name!r} (one of {', '.join(SETS)})")
        out[name or None] = int(n)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", nargs="+", choices=ALL_SETS, default=ALL_SETS)
    parser.add_argument("--noisy", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--model", default=None, help="embedding model (default: kbgen's)")
    parser.add_argument(
        "--subsample",
        nargs="+",
        metavar="[SET=]N",
        help="stratified subsample (seed 0) of the shared sets over N rows, or of the named ones",
    )
    parser.add_argument("--seed", type=int, default=0, help="noise seed")
    parser.add_argument(
        "--noise-kinds", nargs="+", choices=KINDS, default=list(KINDS), help="noise to add"
    )
    parser.add_argument(
        "--by-kind", action="store_true", help="also score one noisy twin per noise kind"
    )
    args = parser.parse_args(argv)
    sizes = parse_subsample(args.subsample)

    os.environ["KBGEN_HOME"] = str(CACHE / "home")  # before kbgen reads it
    from kbgen.embed import EmbeddingCache, load_embedder

    embedder = load_embedder(args.model)
    cache = EmbeddingCache(CACHE / "embeddings.sqlite")
    kinds = tuple(args.noise_kinds)
    t0 = time.perf_counter()
    results, by_kind = [], []
    for name in args.sets:
        data = load(name, sizes.get(name, sizes.get(None)) if name in SETS else None)
        if data is None:
            continue
        print(f"{name} ...", file=sys.stderr)
        results.append(bench_set(data, embedder, cache, args.noisy, kinds, args.seed))
        if args.by_kind:
            clean = results[-1]["clean"]
            for kind in KINDS:
                r = noisy_variant(data, (kind,), args.seed, embedder, cache)
                if r is not None:  # typos change nothing in Chinese or Thai
                    base = {"set": name, "kind": kind, "clean_nmi": clean["nmi"]}
                    by_kind.append({**base, "clean_ari": clean["ari"], **r})
    total = time.perf_counter() - t0

    print("# kbgen grouping end to end: clean and noisy twins\n")
    print(provenance(embedder.name, args) + "\n")
    print(table(results) + "\n")
    print(
        "NMI / ARI (%) against the gold labels with every long-tail row (and gold `other`) as "
        "its own singleton. Pairs are clean / noisy. lang ARI: the grouping against each row's "
        "language (lower is better, target <= 5). Filler keywords: a mask (`<...>`) or a word "
        f"from the bench's greeting/particle list. Total {total:.0f}s.\n"
    )
    print(details(results) + "\n")
    for r in results:
        if r["set"] == "sample":
            print(keyword_listing(r) + "\n")
    if by_kind:
        print("One noise kind at a time (every row gets at least one piece of it):\n")
        print(kind_table(by_kind) + "\n")
    cache.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
