"""Related questions: the nearest other entries by embedding, computed at build time.

An entry is represented by its title plus the phrasings customers used ("also asked as"),
which is what the question means to them; the answer body is left out so long answers do not
dominate. Works across languages when the embedder is multilingual.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np

from kbgen.content.entries import Entry

log = logging.getLogger("mkdocs.plugins.kbgen")


class Embedder(Protocol):
    name: str

    def embed(self, texts: list[str]) -> np.ndarray: ...


def entry_text(entry: Entry, max_phrasings: int = 3) -> str:
    """Title plus the first few phrasings: more barely moves the vector but costs time
    (USE on 2 CPU cores: ~8 ms per short text, ~3x for title + 5 phrasings)."""
    return "\n".join([entry.title, *entry.also_asked[:max_phrasings]])


def nearest(vectors: np.ndarray, k: int, min_score: float) -> list[list[tuple[int, float]]]:
    """For each row, up to k other rows by cosine similarity (rows are L2-normalised)."""
    n = vectors.shape[0]
    if n < 2 or k <= 0:
        return [[] for _ in range(n)]
    out: list[list[tuple[int, float]]] = []
    for start in range(0, n, 1024):  # blocks keep memory flat for large sites
        sims = vectors[start : start + 1024] @ vectors.T
        for row, scores in enumerate(sims):
            scores[start + row] = -np.inf
            top = np.argpartition(-scores, min(k, n - 1) - 1)[:k]
            top = top[np.argsort(-scores[top])]
            out.append([(int(j), float(scores[j])) for j in top if scores[j] >= min_score])
    return out


def related_entries(
    entries: Sequence[Entry],
    embedder: Embedder | None,
    k: int = 3,
    min_score: float = 0.3,
    cache: Any = None,
) -> dict[int, list[tuple[int, float]]]:
    """Index of entry -> [(index of related entry, score)]; {} (with a warning) on failure."""
    if embedder is None or len(entries) < 2:
        return {}
    try:
        texts = [entry_text(e) for e in entries]
        raw = embedder.embed(texts, cache=cache) if cache is not None else embedder.embed(texts)
        vectors = np.asarray(raw, dtype=np.float32)
        if vectors.ndim != 2 or vectors.shape[0] != len(entries):
            raise ValueError(f"embedder returned shape {vectors.shape} for {len(entries)} texts")
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        vectors = vectors / np.where(norms == 0, 1, norms)
    except Exception as exc:  # any embedder failure must not break publishing
        log.warning("kbgen: related questions skipped, embedding failed: %s", exc)
        return {}
    return dict(enumerate(nearest(vectors, k, min_score)))


def load_default_embedder(name: str | None) -> Any | None:
    """kbgen's embedder, or None (with a warning) when it cannot be loaded."""
    try:
        from kbgen.embed import load_embedder
    except ImportError as exc:
        log.warning("kbgen: related questions skipped, no embedder available: %s", exc)
        return None
    try:
        return load_embedder(name)
    except Exception as exc:  # a missing model must not break publishing
        log.warning("kbgen: related questions skipped, embedder %r failed: %s", name, exc)
        return None


def open_cache() -> Any | None:
    """kbgen's on-disk embedding cache, so a rebuild embeds only new or edited entries."""
    try:
        from kbgen.embed import default_cache

        # info, not warning: a rebuilt cache must not fail a --strict build
        return default_cache(warn=lambda message: log.info("kbgen: %s", message))
    except Exception as exc:  # no cache only costs time
        log.debug("kbgen: embedding cache unavailable: %s", exc)
        return None
