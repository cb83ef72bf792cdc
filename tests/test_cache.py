"""The on-disk cache of per-text results: vectors per model, words per segmenter."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from kbgen.embed import EmbeddingCache
from kbgen.embed import cache as embed_cache
from kbgen.group import keywords
from kbgen.group.keywords import issue_keywords, keyword_texts, segmenter_id, words_for, words_of


@pytest.mark.parametrize("many", [1, 100_000], ids=["sqlite-plan", "key-by-key"])
def test_vectors_round_trip_for_many_texts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, many: int
) -> None:
    monkeypatch.setattr(embed_cache, "_MANY_KEYS", many)  # both query plans give the same rows
    cache = EmbeddingCache(tmp_path / "c.sqlite")
    texts = [f"question number {i}" for i in range(1500)]
    vectors = np.random.default_rng(0).normal(size=(1500, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)  # unit rows, as every Embedder's
    cache.put_many("m1", texts, vectors)
    wanted = [*texts[::-1], "never stored", texts[0]]  # any order, a miss, a repeat
    found = cache.get_many("m1", wanted)
    assert len(found) == 1500 and "never stored" not in found
    for i in (0, 499, 500, 1499):
        np.testing.assert_array_equal(found[texts[i]], vectors[i])
    assert cache.get_many("m2", texts) == {}  # another model's vectors are never mixed in
    assert cache.get_many("m1", []) == {}
    # The lookup's scratch table is emptied, so a later lookup cannot see an earlier one's keys.
    assert cache.get_many("m1", ["never stored"]) == {}


def test_words_round_trip_and_are_kept_per_segmenter(tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path / "c.sqlite")
    words = {"refund please": ["refund"], "ok": [], "退款什么时候到": ["退款", "什么", "时候"]}
    cache.put_words("seg-1", words)
    assert cache.get_words("seg-1", [*words, "unknown"]) == words
    assert cache.get_words("seg-2", list(words)) == {}
    reopened = EmbeddingCache(tmp_path / "c.sqlite")  # on disk, not only in this connection
    assert reopened.get_words("seg-1", ["ok"]) == {"ok": []}


def test_an_old_cache_file_gains_the_words_table(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    db = sqlite3.connect(path)
    db.execute(
        "CREATE TABLE vectors (model TEXT NOT NULL, key BLOB NOT NULL, vec BLOB NOT NULL, "
        "PRIMARY KEY (model, key)) WITHOUT ROWID"
    )
    db.commit()
    db.close()
    cache = EmbeddingCache(path)
    cache.put_words("seg", {"a b": ["a", "b"]})
    assert cache.get_words("seg", ["a b"]) == {"a b": ["a", "b"]}


def test_words_for_segments_each_text_once_across_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = ["ฉันลืมรหัสผ่าน เข้าสู่ระบบไม่ได้", "我忘记密码了", "I forgot my password"]
    calls: list[str] = []

    def counting(text: str) -> list[str]:
        calls.append(text)
        return words_of(text)

    monkeypatch.setattr(keywords, "words_of", counting)
    cache = EmbeddingCache(tmp_path / "c.sqlite")
    first = words_for([*texts, texts[0]], cache)
    assert sorted(calls) == sorted(texts)
    calls.clear()
    second = words_for([*texts, "refund please"], EmbeddingCache(tmp_path / "c.sqlite"))
    assert calls == ["refund please"]  # only the new text is segmented
    assert {t: second[t] for t in texts} == first
    assert "password" in first["I forgot my password"]


def test_segmenter_id_names_the_segmenters() -> None:
    ident = segmenter_id()
    assert ident.startswith(f"kbgen-words-{keywords.WORDS_VERSION}/")
    assert "jieba-" in ident and "pythainlp-" in ident


def test_keywords_from_cached_words_equal_fresh_ones(tmp_path: Path) -> None:
    groups = [
        [("I want a refund", 3), ("refund not received", 2), ("退款什么时候到账", 2)],
        [("forgot my password", 3), ("ลืมรหัสผ่านค่ะ", 2), ("password reset link", 1)],
    ]
    tail = [("where is the shop", 1)]
    cache = EmbeddingCache(tmp_path / "c.sqlite")
    words = words_for(keyword_texts(groups, tail), cache)
    assert set(words) == {t for docs in [*groups, tail] for t, _ in docs}
    fresh = issue_keywords(groups, tail)
    assert issue_keywords(groups, tail, words=words) == fresh
    assert "refund" in fresh[0] and "password" in fresh[1]
    # The words given are the words used: an empty mapping entry means no words for that text.
    blank = {t: [] for t in words}
    assert issue_keywords(groups, tail, words=blank) == [[], []]


def test_words_for_reports_progress_for_every_distinct_text(tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path / "c.sqlite")
    texts = [f"refund number {i} please" for i in range(2500)]
    done: list[int] = []
    words_for([*texts, texts[0]], cache, done.append)
    assert sum(done) == 2500 and max(done) <= 1000
    done.clear()
    words_for([*texts, "a new one"], cache, done.append)
    assert sum(done) == 2501 and done[0] == 2500  # the cached ones at once, then the new one
