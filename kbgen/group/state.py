"""The last clustering of an export, so a rerun on a slightly grown export need not redo it.

When at most a few percent of the distinct questions are new, the known ones keep their
groups (and the groups their keywords) and each new one joins the nearest issue (if it is near
enough) or the long tail. "New" adds up across reruns: every question assigned that way since
the last full clustering counts. More change than that, a different model or --min-size, or
--recluster: a full clustering.
Rerunning on the very same input reuses the groups as they were, so output stays identical.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from kbgen.config import home
from kbgen.errors import KbgenError
from kbgen.output import atomic_write

VERSION = 2  # bump when the clustering changes in a way that invalidates old groups
MAX_NEW = 0.05  # above this share of new distinct questions, cluster again from scratch
MAX_GONE = 0.05  # ... or when this share of the old questions disappeared from the export
ASSIGN_MIN_SIMILARITY = 0.5  # a new question nearer no issue than this joins the long tail
_ARRAYS = ("keys", "labels", "centroids", "keywords", "added")  # what a saved state holds


@dataclass(slots=True)
class ClusterState:
    keys: np.ndarray  # (n, 16) uint8: hashes of the distinct question texts
    labels: np.ndarray  # (n,) int64 raw cluster labels, -1 long tail
    centroids: np.ndarray  # (k, d) float32, row c = centroid of label c
    # keywords[c]: label c's keywords as last computed; a rerun that keeps the groups keeps them
    keywords: list[list[str]] = field(default_factory=list)
    # (n,) bool: placed by nearest-centroid assignment since the last full clustering. Counted
    # against MAX_NEW across reruns, so daily +1% exports are clustered again after ~5 days.
    added: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))


def text_keys(texts: Sequence[str]) -> np.ndarray:
    out = np.empty((len(texts), 16), dtype=np.uint8)
    for i, text in enumerate(texts):
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()[:16]
        out[i] = np.frombuffer(digest, dtype=np.uint8)
    return out


def _source_ident(source: Path) -> str:
    """The export's resolved path; one name for every pipe, FIFO and standard input, whose
    resolved names (`/proc/self/fd/0` -> `pipe:[1234]`) change on every run."""
    try:
        regular = Path(source).is_file() or Path(source).is_dir()
    except OSError:
        regular = False
    return str(Path(source).resolve()) if regular else "<stream>"


def state_path(model: str, source: Path, min_size: int) -> Path:
    ident = f"{VERSION}\0{model}\0{_source_ident(source)}\0{min_size}"
    name = hashlib.sha256(ident.encode("utf-8", "surrogatepass")).hexdigest()[:20]
    return home() / "runs" / f"{name}.npz"


def intent_path(source: Path) -> Path:
    """Where the wrappers learned from an export are kept (kbgen.intent), per export file."""
    ident = f"intent\0{_source_ident(source)}"
    name = hashlib.sha256(ident.encode("utf-8", "surrogatepass")).hexdigest()[:20]
    return home() / "runs" / f"{name}.intent.json"


def load(path: Path, warn: Callable[[str], None] | None = None) -> ClusterState | None:
    """The saved state, or None: none saved yet, or one that cannot be used (then ``warn`` is
    told why, and the next save replaces it). It only saves time, so whatever is wrong with it
    (cut short, damaged, another layout, labels that name no centroid) means clustering anew.
    """
    if not os.path.lexists(path):
        return None
    try:
        if not path.is_file():  # a folder, a FIFO (reading it would wait forever)
            raise IsADirectoryError(0, "not a file")
        with np.load(path, allow_pickle=False) as data:
            found = {name: data[name] for name in _ARRAYS if name in data.files}
        state, problem = _from_arrays(found)
    except Exception as exc:  # noqa: BLE001 - anything wrong with a cache file means "no cache"
        state, problem = None, _describe(exc)
    if state is None and warn is not None:
        warn(f"the saved groups at {path} cannot be used ({problem}); clustering afresh")
    return state


def _from_arrays(data: dict[str, np.ndarray]) -> tuple[ClusterState | None, str]:
    """The state in a saved file's arrays, or None and what is wrong with them. Each check is
    one vectorised pass at most."""
    missing = [name for name in ("keys", "labels", "centroids") if name not in data]
    if missing:
        return None, f"no {', '.join(missing)}"
    keys, labels, centroids = data["keys"], data["labels"], data["centroids"]
    n = len(keys) if keys.ndim else 0
    added = data["added"] if "added" in data else np.zeros(n, dtype=bool)
    keywords = json.loads(str(data["keywords"])) if "keywords" in data else []
    if keys.ndim != 2 or keys.shape[1] != 16 or keys.dtype != np.uint8:
        return None, "its keys are not 16-byte hashes"
    if labels.ndim != 1 or not np.issubdtype(labels.dtype, np.integer):
        return None, f"its labels are not integers ({labels.dtype})"
    if centroids.ndim != 2 or not np.issubdtype(centroids.dtype, np.floating):
        return None, "its centroids are not a matrix of numbers"
    if added.ndim != 1 or added.dtype.kind not in "bui":
        return None, "its new-question marks are not flags"
    if not len(labels) == n == len(added):
        return None, f"{n} keys but {len(labels)} labels and {len(added)} marks"
    if n and (labels.min() < -1 or labels.max() >= len(centroids)):
        return None, f"labels outside -1..{len(centroids) - 1}"
    if not np.isfinite(centroids).all():
        return None, "its centroids are not finite"
    if not (
        isinstance(keywords, list)
        and all(isinstance(ws, list) and all(isinstance(w, str) for w in ws) for ws in keywords)
    ):
        return None, "its keywords are not lists of words"
    state = ClusterState(
        keys,
        labels.astype(np.int64, copy=False),
        centroids.astype(np.float32, copy=False),
        keywords,
        added.astype(bool, copy=False),
    )
    return state, ""


def _describe(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or type(exc).__name__
    if isinstance(exc, EOFError):
        return "empty or cut short"
    return f"{type(exc).__name__}: {exc}"[:200]


def save(path: Path, state: ClusterState) -> None:
    """Atomic, like every other write. The state only saves time, so failing to write it is
    not an error."""
    buffer = io.BytesIO()
    added = state.added  # left empty: nothing was assigned, all were clustered
    if len(added) != len(state.keys):
        added = np.zeros(len(state.keys), dtype=bool)
    np.savez(
        buffer,
        keys=state.keys,
        labels=state.labels,
        centroids=state.centroids,
        keywords=np.array(json.dumps(state.keywords, ensure_ascii=False)),
        added=added,
    )
    _keep(path, buffer.getvalue())


def load_text(path: Path, warn: Callable[[str], None] | None = None) -> str | None:
    """A saved text (the wrappers learned from an export: ``intent_path``), or None: none
    saved yet, or one that cannot be read (then ``warn`` is told, and it is made again)."""
    if not os.path.lexists(path):
        return None
    try:
        if not path.is_file():  # a folder, a FIFO (reading it would wait forever)
            raise IsADirectoryError(0, "not a file")
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        if warn is not None:
            why = exc.strerror if isinstance(exc, OSError) else "not UTF-8"
            warn(f"the saved file {path} cannot be read ({why}); making it again")
        return None


def save_text(path: Path, text: str) -> None:
    """Atomic; failing to write is not an error (saved state only saves time)."""
    _keep(path, text)


def _keep(path: Path, data: str | bytes) -> None:
    try:
        if os.path.lexists(path) and not path.is_file():  # in the file's way: set it aside
            aside = path.with_name(path.name + ".damaged")
            if aside.is_dir() and not aside.is_symlink():
                shutil.rmtree(aside)
            elif os.path.lexists(aside):
                aside.unlink()
            os.replace(path, aside)
        atomic_write(path, data)
    except (KbgenError, OSError, UnicodeError):
        pass


Assign = Callable[[np.ndarray, np.ndarray, float], tuple[np.ndarray, np.ndarray]]


def assign_incrementally(
    previous: ClusterState, keys: np.ndarray, vectors: np.ndarray, assign: Assign
) -> tuple[np.ndarray, np.ndarray] | None:
    """Labels for the current distinct texts from the previous run, and which of them were
    assigned rather than clustered; None if too much changed since the last full clustering.
    """
    if len(previous.centroids) == 0 or previous.centroids.shape[1] != vectors.shape[1]:
        return None
    old = {row.tobytes(): j for j, row in enumerate(previous.keys)}
    labels = np.full(len(keys), -1, dtype=np.int64)
    added = np.zeros(len(keys), dtype=bool)
    new_rows: list[int] = []
    seen = 0
    for i, row in enumerate(keys):
        j = old.get(row.tobytes())
        if j is None:
            new_rows.append(i)
        else:
            labels[i] = previous.labels[j]
            added[i] = previous.added[j]
            seen += 1
    unclustered = int(added.sum()) + len(new_rows)  # this run's new ones and earlier runs'
    if unclustered > MAX_NEW * len(keys) or len(old) - seen > MAX_GONE * len(old):
        return None
    if new_rows:
        # The engine's nearest-centroid assignment: local, or spread over a Ray cluster.
        found, _ = assign(vectors[new_rows], previous.centroids, ASSIGN_MIN_SIMILARITY)
        labels[np.asarray(new_rows)] = found
        added[np.asarray(new_rows)] = True
    return labels, added
