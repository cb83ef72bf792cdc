"""The embedding cache: per-text vectors and segmented words on disk, shared by runs.

It only saves time, so nothing wrong with it may block or change a run: a damaged file or
one with another schema is moved aside and rebuilt, a cache that cannot be used (read-only,
locked for too long) is left alone and the run goes on without it, and a stored vector that
is not what the model makes (another size, NaN, not unit length) is a miss, recomputed. Each
such event is one warning on the reporter the pipeline attaches (``EmbeddingCache.attach``).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from kbgen.config import home

SCHEMA_VERSION = 1  # PRAGMA user_version of the files this code writes (0: before it was set)
# The tables, and the columns a file's tables must have to be used.
_TABLES = {
    "vectors": (
        "model TEXT NOT NULL, key BLOB NOT NULL, vec BLOB NOT NULL, PRIMARY KEY (model, key)",
        ("model", "key", "vec"),
    ),
    "words": (
        "segmenter TEXT NOT NULL, key BLOB NOT NULL, words TEXT NOT NULL, "
        "PRIMARY KEY (segmenter, key)",
        ("segmenter", "key", "words"),
    ),
    # each model's vector size, as its last vectors had it: rows of another size are misses
    "dims": ("model TEXT NOT NULL PRIMARY KEY, dim INTEGER NOT NULL", ("model", "dim")),
}
# SQLite's primary result codes (sqlite3.Error.sqlite_errorcode & 0xFF)
_CORRUPT, _NOTADB, _BUSY, _LOCKED = 11, 26, 5, 6
_UNIT_SLACK = 1e-3  # cached vectors are unit length (or the model's output is not cached)

T = TypeVar("T")


class _Damaged(Exception):
    """The file is not a cache this code can use: damaged, or another schema."""


class EmbeddingCache:
    """Per-text results on disk, so reruns only compute what is new: each text's vector keyed by
    (model, sha256 of text), and its segmented words (for keywords) keyed by (segmenter, sha256).

    SQLite gives atomic, crash-safe writes and lets two runs share the file (a writer waits up
    to ``timeout`` seconds for the other). Only hashes are stored as keys, and texts reach the
    cache already redacted.
    """

    def __init__(
        self,
        path: Path,
        *,
        timeout: float = 30.0,
        warn: Callable[[str], None] | None = None,
    ) -> None:
        self.path = Path(path)
        self.timeout = timeout
        self._warn = warn
        self._pending: list[str] = []  # warnings given before a reporter was attached
        self._db: sqlite3.Connection | None = None
        self._opened: tuple[int, int] | None = None  # (device, inode) of the file opened
        self._writable = True
        self._dims: dict[str, int] = {}
        self._flagged: set[str] = set()  # models whose unusable rows were reported
        self._open()

    # state and warnings ----------------------------------------------------------------------

    @property
    def enabled(self) -> bool:
        """False once the cache could not be used: every lookup misses, nothing is kept."""
        return self._db is not None

    def attach(self, warn: Callable[[str], None]) -> None:
        """Send warnings to ``warn`` (a reporter's ``note``), with those given so far."""
        self._warn = warn
        pending, self._pending = self._pending, []
        for message in pending:
            warn(message)

    def _note(self, message: str) -> None:
        if self._warn is not None:
            self._warn(message)
        else:
            self._pending.append(message)

    def _disable(self, why: str) -> None:
        self._close()
        self._note(f"cannot use the embedding cache at {self.path} ({why}); running without it")

    # opening, and moving a damaged file aside ------------------------------------------------

    def _open(self) -> None:
        try:
            self._connect()
        except _Damaged as exc:
            self._rebuild(str(exc))
        except (sqlite3.Error, OSError) as exc:
            self._disable(_reason(exc))

    def _connect(self) -> None:
        path = self.path
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and not path.is_file():
            raise _Damaged("not a file")
        db = sqlite3.connect(path, timeout=self.timeout)
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]  # reads the header
            if version > SCHEMA_VERSION:
                raise _Damaged(f"schema version {version}, newer than this kbgen's")
            for table, (columns, names) in _TABLES.items():
                found = tuple(row[1] for row in db.execute(f"PRAGMA table_info({table})"))
                if found and found != names:
                    raise _Damaged(f"its {table} table has other columns")
                if not found:  # IF NOT EXISTS: another run may be making it too
                    db.execute(f"CREATE TABLE IF NOT EXISTS {table} ({columns}) WITHOUT ROWID")
            if version != SCHEMA_VERSION:
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            db.commit()
        except sqlite3.Error as exc:
            db.close()
            if _is_damage(exc):
                raise _Damaged(_reason(exc)) from None
            raise
        except BaseException:
            db.close()
            raise
        stat = path.stat()
        self._db, self._opened, self._writable = db, (stat.st_dev, stat.st_ino), True

    def _rebuild(self, why: str) -> None:
        """Move the damaged file aside (kept as ``*.damaged``, with its journal) and start a
        new one. When another run already did (the path is no longer the file this one
        opened), use its new file."""
        self._close()
        self._dims.clear()
        aside = self.path.with_name(self.path.name + ".damaged")
        try:
            stat = self.path.lstat()
            if self._opened is None or self._opened == (stat.st_dev, stat.st_ino):
                for suffix in ("", "-journal", "-wal", "-shm"):
                    _move(Path(f"{self.path}{suffix}"), Path(f"{aside}{suffix}"))
                self._note(
                    f"the embedding cache at {self.path} was unusable ({why}); moved it to "
                    f"{aside.name} and started a new one"
                )
        except FileNotFoundError:
            pass
        except OSError as exc:
            self._disable(f"{why}; could not move it aside: {_reason(exc)}")
            return
        self._opened = None
        try:
            self._connect()
        except (_Damaged, sqlite3.Error, OSError) as exc:
            self._disable(_reason(exc))

    def _close(self) -> None:
        db, self._db = self._db, None
        if db is not None:
            try:
                db.close()
            except sqlite3.Error:
                pass

    def _run(self, action: Callable[[sqlite3.Connection], T], missing: T, write: bool) -> T:
        """``action`` on the database, or ``missing`` when the cache cannot give it. A damaged
        file is rebuilt (a write is then tried once more on the new file); a locked cache or
        any other failure turns the cache off for this run; a write that cannot be kept
        (read-only, disk full) turns off writing only."""
        for attempt in (1, 2):
            db = self._db
            if db is None or (write and not self._writable):
                return missing
            try:
                return action(db)
            except sqlite3.Error as exc:
                _rollback(db)
                if _is_damage(exc) and attempt == 1:
                    self._rebuild(_reason(exc))
                    if write:
                        continue
                    return missing
                if write and _code(exc) not in (_BUSY, _LOCKED) and not _is_damage(exc):
                    self._writable = False
                    self._note(
                        f"cannot write to the embedding cache at {self.path} ({_reason(exc)}); "
                        "new results are not kept"
                    )
                else:
                    self._disable(_reason(exc))
                return missing
        return missing

    # lookups -----------------------------------------------------------------------------------

    @staticmethod
    def _key(text: str) -> bytes:
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()

    def _lookup(self, table: str, column: str, namespace: str, texts: Sequence[str]) -> dict:
        """`column` of `table` for these texts, by text, in one statement for any number, as
        (SQLite's type of the value, its bytes): the callers check both, row by row.

        The wanted keys go into a temporary table joined against the cache. For a few keys the
        join is forced to look each one up (CROSS JOIN keeps the order); for many, SQLite's own
        plan, which reads the namespace's rows in order, is faster: 0.6 s for a 95k-text rerun
        against 1.0 s key by key and 3.7 s in chunks of 500 `IN (...)` parameters.
        """
        keys = {self._key(t): t for t in texts}
        if not keys or self._db is None:
            return {}
        join = "JOIN" if len(keys) >= _MANY_KEYS else "CROSS JOIN"
        query = (
            f"SELECT t.key, typeof(t.{column}), CAST(t.{column} AS BLOB) "
            f"FROM wanted w {join} {table} t "
            f"ON t.{_NAMESPACE[table]} = ? AND t.key = w.key"
        )

        def look(db: sqlite3.Connection) -> list[tuple[Any, Any]]:
            db.execute(
                "CREATE TEMP TABLE IF NOT EXISTS wanted (key BLOB PRIMARY KEY) WITHOUT ROWID"
            )
            try:
                db.executemany("INSERT OR IGNORE INTO wanted VALUES (?)", ((k,) for k in keys))
                return db.execute(query, (namespace,)).fetchall()
            finally:
                db.execute("DELETE FROM wanted")
                db.commit()

        rows = self._run(look, [], write=False)
        return {keys[key]: (kind, value) for key, kind, value in rows if key in keys}

    def get_many(self, model: str, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """The cached vectors of these texts. A row that is not a vector this model makes
        (another size or type, NaN, not unit length) is left out: a miss, recomputed."""
        found = self._lookup("vectors", "vec", model, texts)
        if not found:
            return {}
        rows = {t: b for t, (kind, b) in found.items() if kind == "blob"}
        size = 4 * self._dim(model, rows) if rows else 0
        rows = {t: b for t, b in rows.items() if len(b) == size} if size else {}
        out: dict[str, np.ndarray] = {}
        if rows:  # one vectorised check over all of them
            matrix = np.frombuffer(b"".join(rows.values()), np.float32).reshape(len(rows), -1)
            with np.errstate(all="ignore"):
                norms = np.einsum("ij,ij->i", matrix, matrix)  # NaN or inf anywhere: not finite
            good = np.abs(norms - 1.0) < _UNIT_SLACK
            if good.all():
                out = dict(zip(rows, matrix))
            else:
                out = {t: row for t, row, ok in zip(rows, matrix, good.tolist()) if ok}
        if len(out) < len(found) and model not in self._flagged:
            self._flagged.add(model)
            bad = len(found) - len(out)
            self._note(
                f"the embedding cache at {self.path} held {bad} unusable "
                f"vector{'s' if bad != 1 else ''} for {model}; computing again"
            )
        return out

    def _dim(self, model: str, rows: dict[str, bytes]) -> int:
        """The model's vector size: as recorded by its last vectors, else (a file from before
        sizes were recorded) the size most of these rows have."""
        dim = self._dims.get(model)
        if dim is None:
            found = self._run(
                lambda db: db.execute("SELECT dim FROM dims WHERE model = ?", (model,)).fetchall(),
                [],
                write=False,
            )
            stored = found[0][0] if found else None
            if isinstance(stored, int) and 0 < stored < 1 << 24:
                dim = stored
            else:
                dim = Counter(len(b) for b in rows.values()).most_common(1)[0][0] // 4
            self._dims[model] = dim
        return dim

    def put_many(self, model: str, texts: Sequence[str], vectors: np.ndarray) -> None:
        """Keep these texts' vectors: unit rows, as every Embedder gives. A row the read check
        would refuse (zero, NaN) is not kept, so what is kept is always found again."""
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if vectors.ndim != 2 or len(vectors) != len(texts) or not len(texts):
            return
        dim = vectors.shape[1]
        with np.errstate(all="ignore"):
            unit = (np.abs(np.einsum("ij,ij->i", vectors, vectors) - 1.0) < _UNIT_SLACK).tolist()
        rows: list[tuple[Any, ...]] = [
            (model, self._key(t), v.tobytes()) for t, v, ok in zip(texts, vectors, unit) if ok
        ]

        def put(db: sqlite3.Connection) -> None:
            with db:
                if self._dims.get(model) != dim:
                    db.execute("INSERT OR REPLACE INTO dims VALUES (?, ?)", (model, dim))
                db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)", rows)
            self._dims[model] = dim

        self._run(put, None, write=True)

    def get_words(self, segmenter: str, texts: Sequence[str]) -> dict[str, list[str]]:
        """The cached words of these texts. Read as bytes: a row that is not UTF-8 (damage)
        is a miss, where SQLite's own decoding would fail the whole lookup."""
        found = self._lookup("words", "words", segmenter, texts)
        out: dict[str, list[str]] = {}
        for text, (kind, raw) in found.items():
            try:
                joined = raw.decode("utf-8") if kind == "text" else None
            except UnicodeDecodeError:
                joined = None
            if joined is None:
                continue
            out[text] = joined.split(_WORD_SEP) if joined else []
        if len(out) < len(found) and segmenter not in self._flagged:
            self._flagged.add(segmenter)
            self._note(
                f"the embedding cache at {self.path} held {len(found) - len(out)} unreadable "
                f"word lists for {segmenter}; segmenting again"
            )
        return out

    def put_words(self, segmenter: str, words: dict[str, list[str]]) -> None:
        rows = [
            (segmenter, self._key(t), joined)
            for t, ws in words.items()
            if _storable(joined := _WORD_SEP.join(ws))
        ]
        if not rows:
            return

        def put(db: sqlite3.Connection) -> None:
            with db:
                db.executemany("INSERT OR REPLACE INTO words VALUES (?, ?, ?)", rows)

        self._run(put, None, write=True)

    def count(self, model: str | None = None) -> int:
        if model is None:
            query, args = "SELECT COUNT(*) FROM vectors", ()
        else:
            query, args = "SELECT COUNT(*) FROM vectors WHERE model = ?", (model,)
        return self._run(lambda db: db.execute(query, args).fetchone()[0], 0, write=False)

    def close(self) -> None:
        self._close()


def _code(exc: BaseException) -> int:
    return (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF


def _is_damage(exc: BaseException) -> bool:
    """Damage to the file itself (as opposed to a lock, a read-only disk, a full disk)."""
    return _code(exc) in (_CORRUPT, _NOTADB)


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def _rollback(db: sqlite3.Connection) -> None:
    try:
        db.rollback()
    except sqlite3.Error:
        pass


def _move(source: Path, target: Path) -> None:
    """Move ``source`` (a file or anything else) to ``target``, replacing an older one."""
    if not os.path.lexists(source):
        return
    if target.is_dir() and not target.is_symlink():
        shutil.rmtree(target)
    elif os.path.lexists(target):
        target.unlink()
    os.replace(source, target)


def _storable(text: str) -> bool:
    """SQLite text must be valid UTF-8: a lone surrogate cannot be stored (it is a miss)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


_NAMESPACE = {"vectors": "model", "words": "segmenter"}
_WANTED = "CREATE TEMP TABLE IF NOT EXISTS wanted (key BLOB PRIMARY KEY) WITHOUT ROWID"
_MANY_KEYS = 20_000  # from here on, let SQLite scan rather than look up key by key
_WORD_SEP = "\x1f"  # unit separator: never part of a word (segmenters split on controls)


def default_cache(warn: Callable[[str], None] | None = None) -> EmbeddingCache:
    """The cache under KBGEN_HOME; one that cannot be used only warns (see the module doc)."""
    return EmbeddingCache(home() / "embeddings.sqlite", warn=warn)
