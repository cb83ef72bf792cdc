"""Clustering stage on synthetic data: tight blobs on the unit sphere plus scattered noise."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from kbgen.group import cluster as cluster_mod
from kbgen.group.cluster import DEFAULT_MIN_SIZE, cluster

DIM = 256  # random unit vectors here have |cos| < 0.25, far below any real pair


def _unit(v: np.ndarray) -> np.ndarray:
    return (v / np.linalg.norm(v, axis=-1, keepdims=True)).astype(np.float32)


def _blobs(
    sizes: list[int], n_noise: int = 0, spread: float = 0.03, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Rows of blobs (members ~0.9 cosine from their centre) then noise; truth -1 for noise."""
    rng = np.random.default_rng(seed)
    rows, truth = [], []
    for b, size in enumerate(sizes):
        centre = _unit(rng.normal(size=DIM))
        rows.append(_unit(centre + rng.normal(scale=spread, size=(size, DIM))))
        truth += [b] * size
    rows.append(_unit(rng.normal(size=(n_noise, DIM))).reshape(n_noise, DIM))
    truth += [-1] * n_noise
    return np.concatenate(rows), np.array(truth)


def _assert_recovers(labels: np.ndarray, truth: np.ndarray) -> None:
    """Each blob is exactly one found group, and different blobs are different groups."""
    blobs = sorted(set(truth[truth >= 0].tolist()))
    found = []
    for b in blobs:
        got = set(labels[truth == b].tolist())
        assert len(got) == 1 and -1 not in got, f"blob {b} split or dropped: {got}"
        found.append(got.pop())
    assert len(set(found)) == len(blobs)
    assert labels.max() + 1 == len(blobs)


def test_finds_blobs_without_k_and_noise_goes_to_long_tail() -> None:
    sizes = [40, 35, 30, 28, 25, 22, 20, 18, 15, 12]
    x, truth = _blobs(sizes, n_noise=30)
    labels = cluster(x)
    assert labels.dtype == np.int64 and labels.shape == (len(x),)
    _assert_recovers(labels, truth)
    assert (labels[truth == -1] == -1).all()


def test_few_blobs_are_not_oversplit() -> None:
    # Three groups in 90 questions: a fixed high modularity resolution would cut each in pieces.
    x, truth = _blobs([30, 30, 30], n_noise=5, seed=3)
    _assert_recovers(cluster(x), truth)


def test_numbered_by_descending_weighted_size() -> None:
    x, truth = _blobs([10, 30, 20], seed=1)
    labels = cluster(x)
    # blob 1 (30) is issue 0, blob 2 (20) issue 1, blob 0 (10) issue 2
    assert labels[truth == 1][0] == 0
    assert labels[truth == 2][0] == 1
    assert labels[truth == 0][0] == 2
    # Weight the small blob's texts x10: it now outweighs the others and becomes issue 0.
    w = np.where(truth == 0, 10, 1)
    assert cluster(x, w)[truth == 0][0] == 0


def test_min_size_counts_weights() -> None:
    x, truth = _blobs([25, 20, 3], seed=2)
    small = truth == 2
    labels = cluster(x, min_size=5)
    assert (labels[small] == -1).all()  # 3 questions < 5
    w = np.where(small, 2, 1)
    labels = cluster(x, w, min_size=5)
    assert (labels[small] >= 0).all() and len(set(labels[small].tolist())) == 1  # 6 >= 5
    labels = cluster(x, w, min_size=7)
    assert (labels[small] == -1).all()


def test_repeated_text_counts_as_many() -> None:
    # One distinct text asked 10 times is a recurring issue on its own; asked once it is not.
    x, _ = _blobs([20, 20], n_noise=1, seed=4)
    lone = len(x) - 1
    assert cluster(x)[lone] == -1
    w = np.ones(len(x), dtype=np.int64)
    w[lone] = 10
    labels = cluster(x, w)
    assert labels[lone] >= 0
    assert (labels == labels[lone]).sum() == 1


def test_deterministic() -> None:
    x, _ = _blobs([30, 25, 20, 15, 10], n_noise=20, spread=0.05, seed=5)
    first = cluster(x, seed=7)
    for _ in range(2):
        assert np.array_equal(cluster(x, seed=7), first)
    assert np.array_equal(cluster(x.copy(order="F")), cluster(x))


def _groups(labels: np.ndarray) -> set[frozenset[int]]:
    return {frozenset(np.flatnonzero(labels == c).tolist()) for c in range(labels.max() + 1)}


def test_same_issues_whatever_the_row_order() -> None:
    x, _ = _blobs([30, 25, 20, 15, 10], n_noise=20, spread=0.06, seed=9)
    perm = np.random.default_rng(0).permutation(len(x))
    back = np.empty_like(perm)
    back[perm] = np.arange(len(x))
    shuffled = cluster(x[perm])[back]
    plain = cluster(x)
    assert _groups(shuffled) == _groups(plain)
    assert np.array_equal(shuffled == -1, plain == -1)


@pytest.mark.parametrize("n", [0, 1, 2, 3])
def test_tiny_inputs(n: int) -> None:
    x = _unit(np.random.default_rng(0).normal(size=(max(n, 1), DIM)))[:n]
    labels = cluster(x)
    assert labels.shape == (n,) and labels.dtype == np.int64
    assert (labels == -1).all()  # fewer than min_size questions in all
    heavy = cluster(x, np.full(n, DEFAULT_MIN_SIZE))
    assert (heavy >= 0).all()  # each text alone is now frequent enough
    assert sorted(set(heavy.tolist())) == list(range(len(set(heavy.tolist()))))


def test_two_copies_of_one_question_join() -> None:
    v = _unit(np.random.default_rng(1).normal(size=DIM))
    x = np.stack([v, v])
    assert cluster(x, np.array([3, 3])).tolist() == [0, 0]
    assert cluster(x, np.array([2, 2])).tolist() == [-1, -1]


def test_ivf_path_for_large_inputs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cluster_mod, "EXACT_KNN_LIMIT", 100)
    sizes = [60, 55, 50, 45, 40, 35, 30, 25]
    x, truth = _blobs(sizes, n_noise=20, seed=6)
    labels = cluster(x)
    _assert_recovers(labels, truth)
    assert np.array_equal(cluster(x), labels)


def test_progress_reaches_total() -> None:
    x, _ = _blobs([20, 20], seed=7)
    calls: list[tuple[int, int]] = []
    cluster(x, progress=lambda done, total: calls.append((done, total)))
    assert calls and calls[-1][0] == calls[-1][1]
    assert all(a[0] <= b[0] for a, b in zip(calls, calls[1:], strict=False))


def test_rejects_bad_input() -> None:
    x, _ = _blobs([10], seed=8)
    with pytest.raises(ValueError, match="weights"):
        cluster(x, np.ones(3))
    with pytest.raises(ValueError, match="2-D"):
        cluster(x[0])
    with pytest.raises(ValueError, match="min_size"):
        cluster(x, min_size=0)


def test_import_does_not_load_heavy_modules() -> None:
    code = (
        "import sys, kbgen.group.cluster; "
        "print(sorted(m for m in ('faiss', 'sknetwork', 'scipy', 'torch') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- the lexical view (texts given) ------------------------------------------------------------


def _one_blob(n: int, seed: int) -> np.ndarray:
    """n rows the embedding cannot tell apart (all ~0.99 cosine to each other)."""
    return _blobs([n], spread=0.005, seed=seed)[0]


# Within an intent the texts differ only by a number (never a word).
ARRIVE = ["When will my new card arrive"] * 3
FEES = ["Why was I charged a transfer fee"] * 3


def test_lexical_rerank_prefers_shared_words_and_spares_other_languages() -> None:
    from kbgen.group.cluster import LEXICAL_WEIGHT, _rerank_lexical

    texts = [
        "When will my new card arrive",
        "When will my new card arrive #1",
        "Why was I charged a transfer fee",
        "Why was I charged a transfer fee #3",
        "我的新卡什么时候到",
        "我的新卡什么时候到 #5",
    ]
    nbrs = np.array([[2, 1, 4], [0, 5, 2], [3, 0, 4], [2, 1, -1], [5, 0, 2], [4, 1, 3]])
    sims = np.array(
        [[0.9, 0.85, 0.85], [0.85, 0.6, 0.5], [0.9, 0.9, 0.3], [0.9, 0.4, -1.0],
         [0.95, 0.85, 0.3], [0.95, 0.6, 0.2]],
        dtype=np.float32,
    )  # fmt: skip
    scores, kept = _rerank_lexical(sims, nbrs, texts, 2)
    # Row 0: its paraphrase (same words) now beats the closer-by-embedding fee question, and
    # the Chinese question, which can share no words, gets the bonus same-language pairs of
    # that similarity get on average instead of nothing.
    assert kept[0].tolist() == [1, 4]
    assert scores[0, 0] == pytest.approx(0.85 + LEXICAL_WEIGHT, abs=1e-5)
    assert scores[0, 1] == pytest.approx(scores[0, 0], abs=1e-5)
    assert kept[3].tolist() == [2, 1]  # a missing candidate (-1) is never kept over a found one
    assert kept.shape == scores.shape == (6, 2)


def test_words_given_are_used_instead_of_segmenting(monkeypatch: pytest.MonkeyPatch) -> None:
    from kbgen.group import keywords

    def fail(text: str) -> list[str]:
        raise AssertionError(f"segmented {text!r} again")

    x = _one_blob(20, seed=13)
    texts = [f"{ARRIVE[i % 3]} #{i}" for i in range(10)]
    texts += [f"{FEES[i % 3]} #{i}" for i in range(10)]
    words = {t: keywords.words_of(t) for t in texts}
    monkeypatch.setattr(keywords, "words_of", fail)
    labels = cluster(x, texts=texts, words=words, min_size=3)
    assert labels[0] != labels[10] and len(set(labels[:10].tolist())) == 1
    with pytest.raises(AssertionError, match="segmented"):
        cluster(x, texts=texts, min_size=3)


def test_texts_must_match_the_rows() -> None:
    x = _one_blob(10, seed=14)
    with pytest.raises(ValueError, match="texts"):
        cluster(x, texts=["only one"])
    # No word occurs twice: nothing lexical to add, the embedding alone decides.
    labels = cluster(x, texts=[f"w{chr(97 + i)}x" for i in range(10)])
    assert np.array_equal(labels, cluster(x))


def test_silhouette_in_small_blocks_is_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    x, truth = _blobs([30, 25, 20], n_noise=10, seed=15)
    w = np.ones(len(x), dtype=np.int64)
    sample = np.arange(len(x))
    whole = cluster_mod._silhouette(x, truth, w, sample)
    monkeypatch.setattr(cluster_mod, "SILHOUETTE_BLOCK", 7)  # 2 rows x 3 groups per block
    assert cluster_mod._silhouette(x, truth, w, sample) == pytest.approx(whole, abs=1e-6)
    assert whole > 0.5  # tight, well separated blobs; noise rows (-1) count as 0
    shuffled = np.random.default_rng(0).permutation(truth)
    assert cluster_mod._silhouette(x, shuffled, w, sample) < whole


# --- language, a second model, loose groups ------------------------------------------------


def _two_languages(seed: int = 0) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Three intents asked in two languages; each language adds its own offset to every row,
    stronger than the intents' own differences, as a multilingual encoder does."""
    rng = np.random.default_rng(seed)
    intents = _unit(rng.normal(size=(3, DIM)))
    offset = {"en": _unit(rng.normal(size=DIM)), "th": _unit(rng.normal(size=DIM))}
    rows, truth, langs = [], [], []
    for lang in ("en", "th"):
        for i in range(3):
            noise = rng.normal(scale=0.04, size=(12, DIM))
            rows.append(_unit(0.55 * intents[i] + 0.8 * offset[lang] + noise))
            truth += [i] * 12
            langs += [lang] * 12
    return np.concatenate(rows), np.array(truth), langs


def test_the_same_question_in_two_languages_is_one_issue() -> None:
    x, truth, langs = _two_languages()
    split = cluster(x)  # without languages: the offset wins, groups follow the language
    assert len(set(split.tolist()) - {-1}) != 3 or len(set(split[truth == 0].tolist())) > 1
    labels = cluster(x, langs=langs)
    _assert_recovers(labels, truth)


def test_align_languages_leaves_one_language_alone() -> None:
    x, _ = _blobs([10, 10])
    assert cluster_mod.align_languages(x, ["en"] * len(x), np.ones(len(x))) is x


def test_a_second_model_separates_what_the_first_blurs() -> None:
    rng = np.random.default_rng(1)
    # The first model sees one blob; the second tells two intents apart (English rows only).
    first = _unit(_unit(rng.normal(size=DIM)) + rng.normal(scale=0.02, size=(40, DIM)))
    a, b = _unit(rng.normal(size=(2, DIM)))
    second = _unit(np.concatenate([a + rng.normal(scale=0.03, size=(20, DIM)),
                                   b + rng.normal(scale=0.03, size=(20, DIM))]))  # fmt: skip
    truth = np.array([0] * 20 + [1] * 20)
    blurred = cluster(first)
    assert any(len(set(truth[blurred == g].tolist())) == 2 for g in range(blurred.max() + 1))
    labels = cluster(first, second=second, second_rows=np.arange(40))
    _assert_recovers(labels, truth)


def test_a_string_of_one_off_questions_is_not_an_issue() -> None:
    # Nine tight issues and one "group" of loosely related one-offs.
    x, truth = _blobs([20] * 9, seed=5)
    rng = np.random.default_rng(6)
    loose = _unit(_unit(rng.normal(size=DIM)) * 0.8 + rng.normal(scale=0.09, size=(20, DIM)))
    x = np.concatenate([x, loose])
    labels = cluster_mod._dissolve_loose(
        np.concatenate([truth, np.full(20, 9)]), x, np.ones(len(x), dtype=np.int64)
    )
    assert (labels[-20:] == -1).all()
    assert (labels[:-20] == truth).all()


def test_partition_is_chosen_on_the_plateau_around_the_best_silhouette() -> None:
    """A far coarser partition that scores nearly as well, with lower scores between it and the
    best, is not part of the best's plateau, though it places everything (a company-B twin of
    the sample collapsed into 2 issues that way). Next to the best, the one placing most wins."""
    from kbgen.group.cluster import choose_partition

    w = np.ones(100, dtype=np.int64)

    def labels(groups: int, placed: int) -> np.ndarray:
        out = np.full(100, -1, dtype=np.int64)
        out[:placed] = np.arange(placed) % groups
        return out

    two, five, best = labels(2, 100), labels(5, 99), labels(22, 79)
    candidates = [(0.260, two), (0.179, five), (0.2725, best), (0.247, labels(21, 59))]
    assert choose_partition(candidates, w) is best
    wider = labels(18, 90)  # next to the best, within the tolerance, places more
    assert choose_partition([(0.179, five), (0.262, wider), (0.2725, best)], w) is wider
