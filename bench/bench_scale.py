"""Scale targets: 100k questions end to end, and the clustering stage alone at 1M rows.

(a) ``e2e``: ``kbgen suggest`` as a subprocess on ``large-N.jsonl`` (bench/make_large.py) with
    a fresh KBGEN_HOME (first run: model load, every text embedded, full clustering), then on
    ``large-N-plus1pct.jsonl`` copied over the same path with the same KBGEN_HOME (the export a
    day later: cached embeddings, groups reused). The same path matters: kbgen keys its saved
    groups by the export's path. Prints wall time and peak RSS of each run (``/usr/bin/time``).
    ``--stages`` adds an in-process first run timed per stage (read+redact+dedupe, embed,
    cluster, keywords, rest) through the pipeline's progress hooks.
(b) ``cluster``: N x 512 float32 embeddings made by resampling the cached real embeddings in
    bench/.cache (bench_cluster.py writes them) with Gaussian jitter (cosine ~0.9 to the source)
    and renormalising, then ``kbgen.group.cluster.cluster`` alone, in a child process of its own
    so its peak RSS is its own. Nothing is embedded with the model. Prints time per sub-stage
    (kNN, graph, Louvain, silhouette, trim), peak RSS before and after clustering, issues found
    and NMI / ARI against the source labels (long tail as singletons).

    .venv/bin/python bench/make_large.py -n 100000
    .venv/bin/python bench/bench_scale.py e2e [-n 100000] [--stages]
    .venv/bin/python bench/bench_scale.py cluster [-n 1000000]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "bench" / ".cache"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

JITTER_COS = 0.9  # target cosine between a synthetic row and the real row it was drawn from


def load_avg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


# --- (a) end to end ----------------------------------------------------------------------------


def run_suggest(path: Path, home: Path) -> tuple[float, float, str]:
    """Wall seconds and peak RSS (MB) of one `kbgen suggest` process."""
    env = {**os.environ, "KBGEN_HOME": str(home)}
    kbgen = Path(sys.executable).with_name("kbgen")
    cmd = [str(kbgen), "suggest", str(path), "-q", "--content", str(home / "no-content")]
    timer = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
    home.mkdir(parents=True, exist_ok=True)
    rss_file = home / "rss.txt"
    if timer:
        cmd = [timer, "-f", "%M", "-o", str(rss_file), *cmd]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"kbgen failed: {proc.stderr.strip()[-2000:]}")
    if timer:
        peak = int(rss_file.read_text().split()[-1]) / 1024
    else:  # only exact for the first child
        peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return wall, peak, proc.stdout


def e2e(n: int, stages: bool) -> None:
    base = CACHE / f"large-{n}.jsonl"
    plus = CACHE / f"large-{n}-plus1pct.jsonl"
    if not base.exists() or not plus.exists():
        sys.exit(f"{base} missing: run bench/make_large.py -n {n} first")
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        export = Path(tmp) / "tickets.jsonl"
        shutil.copyfile(base, export)
        print(f"first run ({base.name}), load {load_avg()} ...", file=sys.stderr)
        load0 = load_avg()
        cold, peak_cold, out_cold = run_suggest(export, home)
        shutil.copyfile(plus, export)
        load1 = load_avg()
        print(f"rerun ({plus.name}), load {load1} ...", file=sys.stderr)
        warm, peak_warm, out_warm = run_suggest(export, home)
        load2 = load_avg()
    print("| run | rows | wall s | peak RSS MB | load avg (1/5/15 min) before -> after |")
    print("|---|---:|---:|---:|---|")
    print(f"| first run | {n} | {cold:.1f} | {peak_cold:.0f} | {load0} -> {load1} |")
    print(f"| rerun +1% | {n + n // 100} | {warm:.1f} | {peak_warm:.0f} | {load1} -> {load2} |")
    print(f"\nrerun / first run = {100 * warm / cold:.1f}%")
    for name, out in (("first", out_cold), ("rerun", out_warm)):
        head = [line for line in out.splitlines() if line.strip()][:3]
        print(f"{name} run output starts: {' / '.join(head)[:300]}", file=sys.stderr)
    if stages:
        e2e_stages(base)


class TimingReporter:
    """Records when each pipeline progress block starts and ends."""

    def __init__(self) -> None:
        self.marks: list[tuple[str, float, float]] = []

    def note(self, message: str) -> None:
        print(f"  note: {message}", file=sys.stderr)

    def progress(self, label: str, total: int):
        import contextlib

        @contextlib.contextmanager
        def block():
            t0 = time.perf_counter()
            yield lambda k: None
            self.marks.append((label, t0, time.perf_counter()))

        return block()


def e2e_stages(base: Path) -> None:
    """In-process first run (empty cache) and +1% rerun on the same path, timed per stage.

    One process serves both, so the rerun here does not pay for loading the model (the
    subprocess rerun above does).
    """
    from kbgen.embed import default_cache, load_embedder
    from kbgen.pipeline import SuggestOptions, suggest

    plus = base.with_name(base.stem + "-plus1pct.jsonl")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["KBGEN_HOME"] = str(Path(tmp) / "home")
        export = Path(tmp) / "tickets.jsonl"
        embedder = load_embedder(None)
        cache = default_cache()
        for name, source in (("first run", base), ("rerun +1%", plus)):
            shutil.copyfile(source, export)
            rep = TimingReporter()
            load0 = load_avg()
            t0 = time.perf_counter()
            result = suggest(export, SuggestOptions(), embedder=embedder, cache=cache,
                             reporter=rep)  # fmt: skip
            t_end = time.perf_counter()
            marks = {label: (a, b) for label, a, b in rep.marks}
            emb0, emb1 = marks["Embedding"]
            kw0, kw1 = marks["Keywords"]
            clu0, clu1 = marks.get("Clustering", (emb1, emb1))  # absent when groups reused
            rows = [
                ("read + redact + lang + dedupe", emb0 - t0),
                (f"embed {result.distinct} distinct (cache lookups, model load, writes)",
                 emb1 - emb0),
                ("state load + incremental assignment", clu0 - emb1),
                ("cluster (full)", clu1 - clu0),
                ("state save, ranking, centroids", kw0 - clu1),
                ("keywords", kw1 - kw0),
                ("issues, trends", t_end - kw1),
            ]  # fmt: skip
            total = t_end - t0
            print(f"\nIn-process {name}, stages (load avg {load0} -> {load_avg()}):\n")
            print("| stage | s | share |\n|---|---:|---:|")
            for label, secs in rows:
                print(f"| {label} | {secs:.1f} | {100 * secs / total:.0f}% |")
            print(f"| total | {total:.1f} | |")
            print(f"\n{result.total} rows, {result.distinct} distinct, {len(result.issues)} "
                  f"issues, long tail {result.long_tail}")  # fmt: skip


# --- (b) clustering at scale -------------------------------------------------------------------


def synthetic(n: int, seed: int = 0, mix: bool = False) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(n, d) unit rows resampled from the cached real embeddings, their source labels, and
    their source texts (for the lexical view; many rows share one text, as duplicates would).

    Plain resampling repeats each of the ~29k real vectors n/29k times; at 1M that is ~34
    jittered copies per source, more than the 15 neighbours the graph keeps, so every row's
    neighbours are copies of its own source and the graph falls apart into ~29k cliques.
    ``mix`` draws each row between two real rows of the same label instead (a random convex
    combination, then the jitter), which keeps a label's spread continuous at any n.
    """
    from bench_cluster import SETS, dedupe, read_rows

    sources, labels, source_texts = [], [], []
    for spec in SETS.values():
        hits = sorted(CACHE.glob(f"{spec.name}-*-usem3.npy"))
        if not hits:
            continue
        vecs = np.load(hits[-1])
        texts, gold = read_rows(spec)
        distinct, _, row_of = dedupe(texts)
        if len(distinct) != len(vecs):
            continue
        lab = np.empty(len(distinct), dtype=object)
        lab[row_of] = [f"{spec.name}:{g}" for g in gold]
        sources.append(vecs.astype(np.float32))
        labels.extend(lab.tolist())
        source_texts.extend(distinct)
    if not sources:
        sys.exit(f"no cached embeddings in {CACHE}: run bench/bench_cluster.py first")
    src = np.concatenate(sources)
    y_src = np.unique(np.asarray(labels), return_inverse=True)[1]
    d = src.shape[1]
    sigma = np.sqrt((1 / JITTER_COS**2 - 1) / d)  # |noise|^2 ~ d sigma^2
    rng = np.random.default_rng(seed)
    pick = rng.integers(len(src), size=n)
    out = np.empty((n, d), dtype=np.float32)
    if mix:  # a partner of the same label for every pick
        by_label = np.argsort(y_src, kind="stable")
        first = np.searchsorted(y_src[by_label], y_src[pick], side="left")
        count = np.bincount(y_src)[y_src[pick]]
        partner = by_label[first + (rng.random(n) * count).astype(np.int64)]
        share = rng.random(n).astype(np.float32)
    for start in range(0, n, 100_000):  # chunks keep temporaries small
        stop = min(n, start + 100_000)
        block = src[pick[start:stop]]
        if mix:
            a = share[start:stop, None]
            block = a * block + (1 - a) * src[partner[start:stop]]
            block /= np.linalg.norm(block, axis=1, keepdims=True)
        block = block + rng.normal(0, sigma, (stop - start, d)).astype(np.float32)
        block /= np.linalg.norm(block, axis=1, keepdims=True)
        out[start:stop] = block
    return out, y_src[pick], [source_texts[i] for i in pick.tolist()]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def knn_ivf_sq8(clustering, x, k, order, seed, on_batch):
    """Proposed variant of ``kbgen.group.cluster._knn`` above the exact limit: the IVF lists hold
    8-bit scalar-quantised vectors (512 MB instead of a 2 GB float copy at 1M x 512, and a
    4x smaller scan), trained on the same seeded sample. Similarities are then approximate
    to ~1e-3, which the graph's 0.3 edge cut and Louvain do not notice."""
    import faiss

    n, d = x.shape
    if n <= clustering.EXACT_KNN_LIMIT:
        return ORIGINAL_KNN(x, k, order, seed, on_batch)
    with clustering._faiss_threads():
        nlist = max(1, min(int(4 * np.sqrt(n)), n // clustering.IVF_TRAIN_PER_LIST))
        quantizer = faiss.IndexFlatIP(d)
        index = faiss.IndexIVFScalarQuantizer(
            quantizer, d, nlist, faiss.ScalarQuantizer.QT_8bit, faiss.METRIC_INNER_PRODUCT
        )
        rng = np.random.default_rng(seed)
        n_train = min(n, clustering.IVF_TRAIN_PER_LIST * nlist)
        train = x[order[np.sort(rng.choice(n, n_train, replace=False))]]
        index.cp.seed = seed
        index.cp.min_points_per_centroid = clustering.IVF_TRAIN_PER_LIST
        index.train(train)
        index.nprobe = clustering.IVF_NPROBE
        index.add(x)
        sims = np.empty((n, k), dtype=np.float32)
        nbrs = np.empty((n, k), dtype=np.int64)
        for b, start in enumerate(range(0, n, clustering.QUERY_BATCH)):
            stop = min(n, start + clustering.QUERY_BATCH)
            s, i = index.search(x[start:stop], k + 1)
            sims[start:stop], nbrs[start:stop] = clustering._drop_self(
                s, i, np.arange(start, stop), k
            )
            on_batch(b + 1)
    return sims, nbrs


ORIGINAL_KNN = None


def cluster_child(n: int, seed: int, variant: str, mix: bool, texts: bool) -> None:
    import kbgen.group.cluster as clustering

    global ORIGINAL_KNN
    ORIGINAL_KNN = clustering._knn
    if variant == "sq8":
        clustering._knn = lambda *a: knn_ivf_sq8(clustering, *a)

    t0 = time.perf_counter()
    x, y, row_texts = synthetic(n, seed, mix)
    made = time.perf_counter() - t0
    words = None
    if texts:  # the pipeline segments (or takes from its cache) every text before clustering
        from kbgen.group.keywords import words_for

        t0 = time.perf_counter()
        words = words_for(row_texts)
        print(f"segmented {len(words)} distinct texts in {time.perf_counter() - t0:.1f}s")
    rss_input = peak_mb()

    spent: dict[str, float] = {}
    calls: dict[str, int] = {}

    def timed(name: str, fn):
        def wrapper(*args, **kwargs):
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - t
                calls[name] = calls.get(name, 0) + 1

        return wrapper

    for name in (
        "_knn",
        "_rerank_lexical",
        "_graph",
        "_communities",
        "_silhouette",
        "_trim",
        "_finalise",
    ):
        setattr(clustering, name, timed(name, getattr(clustering, name)))
    first_batch: list[float] = []

    def progress(done: int, total: int) -> None:
        if not first_batch:
            first_batch.append(time.perf_counter())

    load0 = load_avg()
    t1 = time.perf_counter()
    labels = clustering.cluster(
        x, progress=progress, texts=row_texts if texts else None, words=words
    )
    secs = time.perf_counter() - t1
    rss_peak = peak_mb()
    load1 = load_avg()

    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    pred = labels.copy()
    tail = pred < 0
    pred[tail] = pred.max(initial=-1) + 1 + np.arange(int(tail.sum()))
    print("| rows | d | make s | cluster s | peak RSS with input only MB | peak RSS MB "
          "| issues | % placed | NMI | ARI | load avg before -> after |")  # fmt: skip
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    print(
        f"| {n} | {x.shape[1]} | {made:.1f} | {secs:.1f} | {rss_input:.0f} | {rss_peak:.0f} "
        f"| {int(labels.max(initial=-1)) + 1} | {100 * (labels >= 0).mean():.1f} "
        f"| {100 * normalized_mutual_info_score(y, pred):.1f} "
        f"| {100 * adjusted_rand_score(y, pred):.1f} | {load0} -> {load1} |"
    )
    print("\n| sub-stage | s | calls |\n|---|---:|---:|")
    if first_batch:
        print(f"| kNN: train + add + 1st search batch | "
              f"{first_batch[0] - t1:.1f} | 1 |")  # fmt: skip
    for name, s in spent.items():
        print(f"| {name} | {s:.1f} | {calls[name]} |")
    print(f"| other (canonical order, slicing) | {secs - sum(spent.values()):.1f} | |")
    print(f"\nkNN variant: {variant}; synthetic rows: {'mixed pairs' if mix else 'resampled'}; "
          f"lexical view: {'on (source texts)' if texts else 'off (embeddings only)'}")  # fmt: skip


def cluster_scale(n: int, seed: int, variant: str, mix: bool, texts: bool) -> None:
    """Runs the measurement in a fresh child so RUSAGE_SELF there is the clustering's own."""
    proc = subprocess.run(
        [sys.executable, __file__, "_cluster_child", "-n", str(n), "--seed", str(seed),
         "--knn", variant, *(["--mix"] if mix else []), *(["--texts"] if texts else [])]
    )  # fmt: skip
    if proc.returncode != 0:
        sys.exit(proc.returncode)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("what", choices=["e2e", "cluster", "_cluster_child"])
    parser.add_argument("-n", type=int, help="rows (e2e: 100000, cluster: 1000000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--stages", action="store_true", help="e2e: add a per-stage run")
    parser.add_argument(
        "--knn",
        choices=["current", "sq8"],
        default="current",
        help="cluster: kbgen's kNN as it is, or the proposed IVF-SQ8 variant",
    )
    parser.add_argument(
        "--mix",
        action="store_true",
        help="cluster: draw rows between two same-label real rows (see synthetic())",
    )
    parser.add_argument(
        "--texts",
        action="store_true",
        help="cluster: pass each row's source text too (the lexical view, as the pipeline does)",
    )
    args = parser.parse_args(argv)
    if args.what == "e2e":
        e2e(args.n or 100_000, args.stages)
    elif args.what == "cluster":
        cluster_scale(args.n or 1_000_000, args.seed, args.knn, args.mix, args.texts)
    else:
        cluster_child(args.n or 1_000_000, args.seed, args.knn, args.mix, args.texts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
