"""Where embedding and nearest-centroid assignment run: in this process, or on a Ray cluster.

An engine is chosen by name from an explicit registry (`get_engine`). The local engine is the
pass-through default. The Ray engine hands the two row-parallel steps (embedding the texts not
yet in the cache, and assigning vectors to their nearest centroid) to Ray Data `map_batches`,
so a history that outgrows one machine runs on an existing, well-tested distributed engine
instead of a home-made one. Graph clustering needs every vector at once and stays on the driver.

Ray is imported only inside the Ray engine's methods, so `kbgen --help` never pays for it.
"""

from __future__ import annotations

import logging
import os
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import numpy as np

from kbgen.errors import KbgenError

if TYPE_CHECKING:
    from kbgen.embed import Embedder, EmbeddingCache

Progress = Callable[[int], None]

#: rows per block when assigning; bounds the (rows x centroids) similarity matrix to ~128 MB
ASSIGN_CELLS = 1 << 25
RAY_INSTALL_HINT = "engine 'ray' needs the ray package: pip install 'ray[data]'"


class Engine(ABC):
    """Runs the row-parallel steps of the pipeline. Subclasses choose where."""

    name: str

    @abstractmethod
    def embed(
        self,
        model: Embedder,
        texts: Sequence[str],
        *,
        cache: EmbeddingCache | None = None,
        progress: Progress | None = None,
    ) -> np.ndarray:
        """Same contract as `Embedder.embed`: (n, d) float32, L2-normalised, input order."""

    @abstractmethod
    def assign(
        self, vectors: np.ndarray, centroids: np.ndarray, min_similarity: float
    ) -> tuple[np.ndarray, np.ndarray]:
        """Nearest centroid by cosine -> (labels int64, -1 below min_similarity; sims float32)."""

    def close(self) -> None:  # noqa: B027 - an optional hook, a no-op by default
        """Release what the engine started (nothing, unless it started it)."""


# --- local: this process ---------------------------------------------------------------------


class LocalEngine(Engine):
    name = "local"

    def embed(
        self,
        model: Embedder,
        texts: Sequence[str],
        *,
        cache: EmbeddingCache | None = None,
        progress: Progress | None = None,
    ) -> np.ndarray:
        return model.embed(texts, cache=cache, progress=progress)

    def assign(
        self, vectors: np.ndarray, centroids: np.ndarray, min_similarity: float
    ) -> tuple[np.ndarray, np.ndarray]:
        vectors, centroids = _check_assign_input(vectors, centroids)
        return assign_block(vectors, centroids, min_similarity)


def _check_assign_input(vectors: np.ndarray, centroids: np.ndarray) -> tuple[np.ndarray, ...]:
    vectors = np.asarray(vectors, dtype=np.float32)
    centroids = np.asarray(centroids, dtype=np.float32)
    if len(vectors) == 0:  # Embedder.embed returns shape (0, 0) for no texts
        return vectors.reshape(0, centroids.shape[-1] if centroids.ndim == 2 else 0), centroids
    if vectors.ndim != 2 or centroids.ndim != 2:
        raise KbgenError("vectors and centroids must be 2-D arrays")
    if len(centroids) and vectors.shape[1] != centroids.shape[1]:
        raise KbgenError(
            f"the saved issue centroids have {centroids.shape[1]} dimensions but this model "
            f"gives {vectors.shape[1]}: was the previous run made with another model?"
        )
    return vectors, centroids


def assign_block(
    vectors: np.ndarray, centroids: np.ndarray, min_similarity: float
) -> tuple[np.ndarray, np.ndarray]:
    """Exact nearest centroid for a block of rows; both engines run exactly this code.

    Both sides are normalised here, so the score is a cosine even for hand-made centroids.
    Ties go to the lowest centroid index (numpy argmax). With no centroids every row is -1
    with similarity -inf.
    """
    n = len(vectors)
    labels = np.full(n, -1, dtype=np.int64)
    sims = np.full(n, -np.inf, dtype=np.float32)
    if n == 0 or len(centroids) == 0:
        return labels, sims
    unit_centroids = _unit(centroids)
    rows = max(1, ASSIGN_CELLS // len(centroids))
    for start in range(0, n, rows):
        block = _unit(vectors[start : start + rows]) @ unit_centroids.T
        best = block.argmax(axis=1)
        sims[start : start + rows] = block[np.arange(len(block)), best]
        labels[start : start + rows] = best
    labels[sims < min_similarity] = -1
    return labels, sims


def _unit(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float32)
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return x / norms


# --- ray: Ray Data on a local instance or a cluster ------------------------------------------


def model_spec(model: Embedder) -> str | Embedder:
    """What a worker needs to rebuild `model`: a name `load_embedder` accepts, else the object.

    Registry models are found by their cache name (e.g. ``all-MiniLM-L6-v2@onnx-int8-r2-rowq1``),
    folders and hub models by the ``path:`` / ``hub:`` prefix of their name. Anything else (a
    plugin's own Embedder) is sent to the workers pickled, which works when it is picklable there.
    """
    from kbgen import embed

    spec = getattr(model, "spec", None)
    if isinstance(spec, str):
        return spec
    name = model.name
    for prefix in ("path:", "hub:"):
        if name.startswith(prefix):
            return name[len(prefix) :]
    for key, entry in embed.MODELS.items():
        try:
            if entry.cache_key() == name:
                return key
        except Exception:  # noqa: BLE001 - a broken plugin entry just does not match
            continue
    return model


class EmbedActor:
    """Ray Data callable class: builds the model once per worker, then embeds batches.

    Calls `Embedder.embed` (no cache) on each batch, so truncation and normalisation are
    exactly the local ones.
    """

    def __init__(self, model_spec: str | Embedder, model_name: str) -> None:
        from kbgen.embed import check_model, load_embedder

        if isinstance(model_spec, str):
            self.model = load_embedder(model_spec)
            check_model(self.model)
            if self.model.name != model_name:
                raise KbgenError(
                    f"a Ray worker built model {self.model.name!r} but the driver uses "
                    f"{model_name!r}: install the same kbgen and model packages on every node"
                )
        else:
            self.model = model_spec

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        texts = [bytes(b).decode("utf-8", "surrogatepass") for b in batch["text"]]
        return {"i": np.asarray(batch["i"], dtype=np.int64), "vec": self.model.embed(texts)}


class AssignActor:
    """Ray Data callable class: holds the centroids, assigns each batch with `assign_block`."""

    def __init__(self, centroids: list[Any], min_similarity: float) -> None:
        import ray

        # The ObjectRef is wrapped in a list so Ray leaves it alone and it is fetched here,
        # once per worker, from the object store.
        self.centroids = np.asarray(ray.get(centroids[0]), dtype=np.float32)
        self.min_similarity = min_similarity

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        labels, sims = assign_block(
            np.asarray(batch["vec"], dtype=np.float32), self.centroids, self.min_similarity
        )
        return {"i": np.asarray(batch["i"], dtype=np.int64), "label": labels, "sim": sims}


class RayEngine(Engine):
    """Embedding and assignment as Ray Data `map_batches` jobs.

    Connects to the cluster in ``RAY_ADDRESS`` (``auto``, ``host:6379`` or ``ray://host:10001``)
    or, without it, starts a private local instance on this machine's cores. Only texts missing
    from the driver's cache are sent; vectors come back to the driver, which writes them into
    the same SQLite cache as a local run, so local and Ray runs reuse each other's work.
    """

    name = "ray"

    def __init__(self, *, batch_size: int | None = None, actors: int | None = None) -> None:
        from kbgen.embed import BATCH_SIZE

        self.batch_size = batch_size or BATCH_SIZE
        self.actors = actors  # None: one embedding actor per alive node
        self._started = False

    # connection ------------------------------------------------------------------------------

    def _ray(self) -> Any:
        try:
            import ray
            import ray.data  # noqa: F401 - ray without the [data] extra lacks pyarrow & co.
        except ImportError:
            raise KbgenError(RAY_INSTALL_HINT) from None
        if ray.is_initialized():
            return ray
        address = os.environ.get("RAY_ADDRESS") or None
        kwargs: dict[str, Any] = {
            "include_dashboard": False,
            "log_to_driver": False,
            "logging_level": logging.ERROR,
        }
        if address is None:
            # "local" and not None: ray.init() alone would join a cluster `ray start`ed here.
            kwargs.update(address="local", num_cpus=os.cpu_count() or 1)
        else:
            kwargs["address"] = address
            _check_reachable(address)
        try:
            ray.init(**kwargs)
        except Exception as exc:  # noqa: BLE001 - any failure to connect is one clear line
            what = (
                f"could not reach the Ray cluster at RAY_ADDRESS={address}"
                if address
                else "could not start a local Ray instance"
            )
            raise KbgenError(f"engine 'ray' {what}: {_short(exc)}") from None
        self._started = True
        return ray

    def close(self) -> None:
        if self._started:
            import ray

            ray.shutdown()
            self._started = False

    def _nodes(self, ray: Any) -> int:
        if self.actors:
            return self.actors
        alive = [n for n in ray.nodes() if n.get("Alive") and n.get("Resources", {}).get("CPU")]
        return max(1, len(alive))

    # embedding -------------------------------------------------------------------------------

    def embed(
        self,
        model: Embedder,
        texts: Sequence[str],
        *,
        cache: EmbeddingCache | None = None,
        progress: Progress | None = None,
    ) -> np.ndarray:
        from kbgen.embed import MAX_CHARS

        texts = [t[:MAX_CHARS] for t in texts]
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        cached = cache.get_many(model.name, texts) if cache is not None else {}
        todo = list(dict.fromkeys(t for t in texts if t not in cached))  # distinct, in order
        if progress and len(todo) < len(texts):
            progress(len(texts) - len(todo))
        fresh: dict[str, np.ndarray] = {}
        if todo:
            fresh = self._embed_remote(model, todo, cache, progress)
        if fresh and cached and len(next(iter(cached.values()))) != fresh[todo[0]].shape[-1]:
            # cached at another size under this model's name (see Embedder.embed): embed again
            again = list(dict.fromkeys(t for t in texts if t in cached))
            fresh.update(self._embed_remote(model, again, cache, progress))
            cached = {}
        lookup = {**cached, **fresh}
        return np.stack([lookup[t] for t in texts]).astype(np.float32, copy=False)

    def _embed_remote(
        self,
        model: Embedder,
        todo: list[str],
        cache: EmbeddingCache | None,
        progress: Progress | None,
    ) -> dict[str, np.ndarray]:
        ray = self._ray()
        from ray.data import ActorPoolStrategy

        spec = model_spec(model)
        # Texts travel as UTF-8 bytes with surrogatepass: Arrow strings reject lone surrogates.
        items = [{"i": i, "text": t.encode("utf-8", "surrogatepass")} for i, t in enumerate(todo)]
        fresh: dict[str, np.ndarray] = {}
        with _quiet_ray_data(ray):
            dataset = ray.data.from_items(items).map_batches(
                EmbedActor,
                fn_constructor_kwargs={"model_spec": spec, "model_name": model.name},
                batch_size=self.batch_size,
                batch_format="numpy",
                compute=ActorPoolStrategy(size=self._nodes(ray)),
            )
            for batch in _run(dataset.iter_batches(batch_size=None, batch_format="numpy")):
                chunk = [todo[i] for i in batch["i"].tolist()]
                vectors = np.asarray(batch["vec"], dtype=np.float32)
                fresh.update(zip(chunk, vectors))
                if cache is not None:  # written as batches arrive, so an interrupted run keeps them
                    cache.put_many(model.name, chunk, vectors)
                if progress:
                    progress(len(chunk))
        if len(fresh) != len(todo):
            raise KbgenError(f"engine 'ray' returned {len(fresh)} vectors for {len(todo)} texts")
        return fresh

    # assignment ------------------------------------------------------------------------------

    def assign(
        self, vectors: np.ndarray, centroids: np.ndarray, min_similarity: float
    ) -> tuple[np.ndarray, np.ndarray]:
        vectors, centroids = _check_assign_input(vectors, centroids)
        n = len(vectors)
        if n == 0 or len(centroids) == 0:
            return assign_block(vectors, centroids, min_similarity)
        ray = self._ray()
        import pyarrow as pa
        from ray.data import ActorPoolStrategy
        from ray.data.extensions import ArrowTensorArray

        labels = np.empty(n, dtype=np.int64)
        sims = np.empty(n, dtype=np.float32)
        table = pa.table({"i": np.arange(n), "vec": ArrowTensorArray.from_numpy(vectors)})
        centroids_ref = ray.put(centroids)
        rows = max(1, min(65536, ASSIGN_CELLS // len(centroids)))
        with _quiet_ray_data(ray):
            dataset = ray.data.from_arrow(table).map_batches(
                AssignActor,
                fn_constructor_kwargs={
                    "centroids": [centroids_ref],
                    "min_similarity": min_similarity,
                },
                batch_size=rows,
                batch_format="numpy",
                compute=ActorPoolStrategy(size=self._nodes(ray)),
            )
            for batch in _run(dataset.iter_batches(batch_size=None, batch_format="numpy")):
                index = batch["i"]
                labels[index] = batch["label"]
                sims[index] = batch["sim"]
        return labels, sims


@contextmanager
def _quiet_ray_data(ray: Any) -> Iterator[None]:
    """Ray Data logs each execution and draws its own bars; kbgen has its own progress."""
    context = ray.data.DataContext.get_current()
    saved = {
        attr: getattr(context, attr)
        for attr in ("enable_progress_bars", "print_on_execution_start", "enable_auto_log_stats")
        if hasattr(context, attr)
    }
    logger = logging.getLogger("ray.data")
    level = logger.level
    for attr in saved:
        setattr(context, attr, False)
    logger.setLevel(logging.CRITICAL)  # a failure is raised to the caller, not logged here
    try:
        yield
    finally:
        logger.setLevel(level)
        for attr, value in saved.items():
            setattr(context, attr, value)


def _run(batches: Iterator[dict[str, np.ndarray]]) -> Iterator[dict[str, np.ndarray]]:
    """Iterate a Ray Data result, turning a kbgen error raised on a worker into a local one."""
    try:
        yield from batches
    except Exception as exc:
        cause = _kbgen_cause(exc)
        if cause is None:
            raise
        raise type(cause)(str(cause)) from None


def _kbgen_cause(exc: BaseException) -> KbgenError | None:
    """Find the worker's own KbgenError inside the wrappers Ray puts around it.

    A failing batch comes back as a class deriving from both RayTaskError and the original,
    whose `cause` is the original; a failing actor constructor comes back as ActorDiedError,
    which keeps only the worker's traceback text, so that text is read as a last resort.
    """
    from kbgen import errors

    seen: set[int] = set()
    chain: list[BaseException] = []
    todo: list[BaseException | None] = [exc]
    while todo:
        current = todo.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        chain.append(current)
        if isinstance(current, KbgenError) and type(current).__module__.startswith("kbgen"):
            return current
        todo += [current.__cause__, current.__context__, getattr(current, "cause", None)]
    for current in chain:
        for match in _WORKER_ERROR.finditer(str(current)):
            cls = getattr(errors, match["cls"], None)
            if isinstance(cls, type) and issubclass(cls, KbgenError):
                return cls(match["message"].strip())
    return None


_WORKER_ERROR = re.compile(r"^kbgen\.errors\.(?P<cls>\w+): (?P<message>.+)$", re.MULTILINE)


def _check_reachable(address: str, timeout: float = 5.0) -> None:
    """Fail fast on a head node that is not there: Ray itself retries for minutes.

    Only ``host:port`` and ``ray://host:port`` are checked; ``auto`` and ``local`` are Ray's.
    """
    import socket
    from urllib.parse import urlsplit

    if address in {"auto", "local"}:
        return
    parts = urlsplit(address if "://" in address else f"gcs://{address}")
    try:
        host, port = parts.hostname, parts.port
    except ValueError:
        host, port = None, None
    if not host or not port:
        return  # a form this check does not know: let Ray judge it
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return
    except OSError as exc:
        raise KbgenError(
            f"engine 'ray' could not reach the Ray cluster at RAY_ADDRESS={address}: "
            f"{exc.strerror or _short(exc)}"
        ) from None


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


# --- the registry: explicit names -> classes -------------------------------------------------

ENGINES: dict[str, type[Engine]] = {"local": LocalEngine, "ray": RayEngine}
DEFAULT_ENGINE = "local"


def get_engine(name: str | None = None) -> Engine:
    """The engine for a name; None means the default (local). Ray is not imported here."""
    key = name or DEFAULT_ENGINE
    try:
        cls = ENGINES[key]
    except KeyError:
        known = ", ".join(sorted(ENGINES))
        raise KbgenError(f"unknown engine {name!r}: use one of {known}") from None
    return cls()
