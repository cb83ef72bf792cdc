"""The question map: every sampled question as a point in 2-D, near the questions it is like.

The plane is the one that spreads the issues' centroids the most (a PCA of the centroids,
weighted by issue size), after each language's offset is removed as the grouping does
(kbgen.group.cluster.align_languages), so the same question in Thai and English lands in the
same place. A linear map keeps the picture honest and costs milliseconds; t-SNE or UMAP
separate blobs more, but take 5-30 s on a few thousand points here, more than the whole
`suggest` run they would decorate. Issues that sit close on the map ask related things.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MAX_POINTS = 4000  # questions drawn on the map (a seeded sample beyond it)
TAIL_SHARE = 0.25  # at most this share of the points for the long tail


@dataclass(slots=True)
class Layout:
    rows: np.ndarray  # the sampled rows of the vector matrix
    xy: np.ndarray  # (len(rows), 2)


def sample_rows(labels: np.ndarray, weights: np.ndarray, limit: int = MAX_POINTS) -> np.ndarray:
    """Rows to draw: all when few, else a seeded sample that keeps every issue (each by its
    weight, at least a few points) and caps the long tail (label < 0)."""
    n = len(labels)
    if n <= limit:
        return np.arange(n)
    rng = np.random.default_rng(0)
    placed = np.flatnonzero(labels >= 0)
    tail = np.flatnonzero(labels < 0)
    tail_budget = min(len(tail), int(limit * TAIL_SHARE))
    budget = limit - tail_budget
    chosen: list[np.ndarray] = []
    total = max(float(weights[placed].sum()), 1.0)
    for label in np.unique(labels[placed]):
        rows = placed[labels[placed] == label]
        take = min(len(rows), max(5, int(round(budget * weights[rows].sum() / total))))
        p = weights[rows] / weights[rows].sum()
        chosen.append(np.sort(rng.choice(rows, take, replace=False, p=p)))
    if tail_budget:
        chosen.append(np.sort(rng.choice(tail, tail_budget, replace=False)))
    return np.sort(np.concatenate(chosen))


def layout(
    vectors: np.ndarray, labels: np.ndarray, weights: np.ndarray, langs: list[str]
) -> Layout:
    """2-D positions for a sample of the rows of `vectors` (one row per distinct question,
    `labels` its issue or -1, `weights` how many questions share it)."""
    from kbgen.group.cluster import align_languages

    rows = sample_rows(labels, weights)
    if len(rows) == 0:
        return Layout(rows, np.zeros((0, 2)))
    x = align_languages(vectors.astype(np.float32), langs, weights).astype(np.float64)
    placed = labels >= 0
    issues = np.unique(labels[placed])
    if len(issues) >= 3:
        centroids = np.stack([np.average(x[labels == i], 0, weights[labels == i]) for i in issues])
        mass = np.array([weights[labels == i].sum() for i in issues], dtype=np.float64)
    else:  # too few issues to span a plane: the plane of the questions themselves
        centroids, mass = x, weights.astype(np.float64)
    mean = np.average(centroids, 0, mass)
    centred = (centroids - mean) * np.sqrt(mass / mass.sum())[:, None]
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    axes = vt[:2]
    if len(axes) < 2:
        axes = np.vstack([axes, np.zeros((2 - len(axes), x.shape[1]))])
    xy = (x[rows] - mean) @ axes.T
    # stable orientation: the biggest issue on the right and at the top
    if len(issues):
        biggest = x[labels == issues[np.argmax(mass)] if len(issues) >= 3 else rows[:1]]
        anchor = (biggest.mean(0) - mean) @ axes.T
        xy *= np.where(anchor < 0, -1.0, 1.0)
    return Layout(rows, xy)
