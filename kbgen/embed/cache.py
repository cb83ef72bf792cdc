"""The embedding cache: per-text vectors and segmented words on disk, shared by runs."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from kbgen.config import cache_dir
from kbgen.errors import ModelError


class EmbeddingCache:
    """Per-text results on disk, so reruns only compute what is new: each text's vector keyed by
    (model, sha256 of text), and its segmented words (for keywords) keyed by (segmenter, sha256).

    SQLite gives atomic, crash-safe writes and lets two runs share the file. Only hashes are
    stored as keys, and texts reach the cache already redacted.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(path, timeout=30)
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS vectors ("
                "model TEXT NOT NULL, key BLOB NOT NULL, vec BLOB NOT NULL, "
                "PRIMARY KEY (model, key)) WITHOUT ROWID"
            )
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS words ("
                "segmenter TEXT NOT NULL, key BLOB NOT NULL, words TEXT NOT NULL, "
                "PRIMARY KEY (segmenter, key)) WITHOUT ROWID"
            )
        except sqlite3.Error as exc:
            raise ModelError(f"cannot use the embedding cache at {path}: {exc}") from None

    @staticmethod
    def _key(text: str) -> bytes:
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()

    def _lookup(self, table: str, column: str, namespace: str, texts: Sequence[str]) -> dict:
        """`column` of `table` for these texts, by text, in one statement for any number.

        The wanted keys go into a temporary table joined against the cache. For a few keys the
        join is forced to look each one up (CROSS JOIN keeps the order); for many, SQLite's own
        plan, which reads the namespace's rows in order, is faster: 0.6 s for a 95k-text rerun
        against 1.0 s key by key and 3.7 s in chunks of 500 `IN (...)` parameters.
        """
        keys = {self._key(t): t for t in texts}
        if not keys:
            return {}
        join = "JOIN" if len(keys) >= _MANY_KEYS else "CROSS JOIN"
        query = (
            f"SELECT t.key, t.{column} FROM wanted w {join} {table} t "
            f"ON t.{_NAMESPACE[table]} = ? AND t.key = w.key"
        )
        db = self._db
        db.execute("CREATE TEMP TABLE IF NOT EXISTS wanted (key BLOB PRIMARY KEY) WITHOUT ROWID")
        try:
            db.executemany("INSERT OR IGNORE INTO wanted VALUES (?)", ((k,) for k in keys))
            rows = db.execute(query, (namespace,)).fetchall()
        finally:
            db.execute("DELETE FROM wanted")
            db.commit()
        return {keys[key]: value for key, value in rows}

    def get_many(self, model: str, texts: Sequence[str]) -> dict[str, np.ndarray]:
        rows = self._lookup("vectors", "vec", model, texts)
        return {text: np.frombuffer(blob, dtype=np.float32) for text, blob in rows.items()}

    def put_many(self, model: str, texts: Sequence[str], vectors: np.ndarray) -> None:
        rows: list[tuple[Any, ...]] = [
            (model, self._key(t), np.ascontiguousarray(v, dtype=np.float32).tobytes())
            for t, v in zip(texts, vectors)
        ]
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)", rows)

    def get_words(self, segmenter: str, texts: Sequence[str]) -> dict[str, list[str]]:
        rows = self._lookup("words", "words", segmenter, texts)
        return {text: joined.split(_WORD_SEP) if joined else [] for text, joined in rows.items()}

    def put_words(self, segmenter: str, words: dict[str, list[str]]) -> None:
        rows = [(segmenter, self._key(t), _WORD_SEP.join(ws)) for t, ws in words.items()]
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO words VALUES (?, ?, ?)", rows)

    def count(self, model: str | None = None) -> int:
        if model is None:
            return self._db.execute("SELECT COUNT(*) FROM vectors").fetchone()[0]
        return self._db.execute(
            "SELECT COUNT(*) FROM vectors WHERE model = ?", (model,)
        ).fetchone()[0]

    def close(self) -> None:
        self._db.close()


_NAMESPACE = {"vectors": "model", "words": "segmenter"}
_MANY_KEYS = 20_000  # from here on, let SQLite scan rather than look up key by key
_WORD_SEP = "\x1f"  # unit separator: never part of a word (segmenters split on controls)


def default_cache() -> EmbeddingCache:
    return EmbeddingCache(cache_dir() / "embeddings.sqlite")
