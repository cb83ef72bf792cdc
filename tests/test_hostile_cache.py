"""The embedding cache and the saved state are only caches: damage is a warning and a rebuild,
never a failed run or a different result."""

from __future__ import annotations

import csv
import json
import multiprocessing
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from kbgen.cli import cli
from kbgen.embed import Embedder
from kbgen.embed import cache as embed_cache
from kbgen.embed.cache import EmbeddingCache, default_cache
from kbgen.group import state
from kbgen.intent import IntentModel
from tests.conftest import PASSWORD, REFUND, FakeEmbedder

ROOT = Path(__file__).resolve().parents[1]
DIM = 16


def unit_vectors(n: int, seed: int = 0, dim: int = DIM) -> np.ndarray:
    vectors = np.random.default_rng(seed).normal(size=(n, dim)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def filled_cache(path: Path, n: int = 400) -> tuple[list[str], np.ndarray]:
    texts = [f"question {i}" for i in range(n)]
    vectors = unit_vectors(n)
    cache = EmbeddingCache(path)
    cache.put_many("m", texts, vectors)
    cache.put_words("seg", {t: ["w", t] for t in texts})
    cache.close()
    return texts, vectors


def overwrite(path: Path, at: int, data: bytes) -> None:
    with path.open("r+b") as handle:
        handle.seek(at)
        handle.write(data)


def write_tickets(path: Path, questions: list[str]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "question"])
        writer.writerows([f"q{i}", q] for i, q in enumerate(questions))
    return path


def questions() -> list[str]:
    tails = ["", " today", " thanks", " asap"]
    return [q + t for q in REFUND + PASSWORD for t in tails] + ["Do you sell gift cards?"]


def run(path: Path, *extra: str) -> tuple[dict, str]:
    result = CliRunner().invoke(
        cli, ["suggest", str(path), "-f", "json", "--min-size", "3", *extra]
    )
    assert result.exit_code == 0, (result.output, result.exception)
    return json.loads(result.stdout), result.stderr


@pytest.fixture
def baseline(
    fake_embedder: FakeEmbedder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Callable[[Path], dict]:
    """The result of a run with no cache and no saved state at all."""

    def make(path: Path) -> dict:
        home = os.environ["KBGEN_HOME"]
        monkeypatch.setenv("KBGEN_HOME", str(tmp_path / "fresh-home"))
        try:
            return run(path, "--no-cache")[0]
        finally:
            monkeypatch.setenv("KBGEN_HOME", home)

    return make


def warnings_about(stderr: str, word: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("kbgen: ") and word in line]


# --- 1. a damaged cache file, or one with another schema ---------------------------------------


def _not_sqlite(path: Path) -> None:
    path.write_bytes(b"PK\x03\x04 this is not a database " * 50)


def _zero_length(path: Path) -> None:
    path.write_bytes(b"")


def _truncated(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 3)


def _middle_overwritten(path: Path) -> None:
    size = path.stat().st_size
    overwrite(path, size // 2, np.random.default_rng(1).bytes(6000))


def _header_overwritten(path: Path) -> None:
    overwrite(path, 0, b"\x00" * 100)


def _a_directory(path: Path) -> None:
    path.unlink()
    (path / "inside").mkdir(parents=True)


def _other_columns(path: Path) -> None:
    path.unlink()
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE vectors (id INTEGER PRIMARY KEY, embedding BLOB)")
    db.execute("INSERT INTO vectors VALUES (1, x'00')")
    db.commit()
    db.close()


def _newer_schema(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.commit()
    db.close()


DAMAGE = {
    "fifo": lambda path: _fifo(path),
    "not-sqlite": _not_sqlite,
    "zero-length": _zero_length,
    "truncated": _truncated,
    "middle-overwritten": _middle_overwritten,
    "header-overwritten": _header_overwritten,
    "directory": _a_directory,
    "other-columns": _other_columns,
    "newer-schema": _newer_schema,
}
SET_ASIDE = set(DAMAGE) - {"zero-length"}  # an empty file is an empty cache: no warning


@pytest.mark.parametrize("kind", DAMAGE)
def test_damaged_cache_warns_once_and_rebuilds(tmp_path: Path, kind: str, no_hang: object) -> None:
    path = tmp_path / "c.sqlite"
    texts, vectors = filled_cache(path)
    DAMAGE[kind](path)
    notes: list[str] = []
    cache = EmbeddingCache(path, warn=notes.append)
    found = cache.get_many("m", texts)
    words = cache.get_words("seg", texts)
    for i, text in enumerate(texts):  # whatever survived is exactly what was stored
        if text in found:
            np.testing.assert_array_equal(found[text], vectors[i])
        if text in words:
            assert words[text] == ["w", text]
    # ... and the cache works again: what is put now is found, in this run and the next
    cache.put_many("m", texts, vectors)
    cache.put_words("seg", {t: ["w", t] for t in texts})
    assert len(cache.get_many("m", texts)) == len(texts) and cache.enabled
    cache.close()
    again = EmbeddingCache(path, warn=notes.append)
    assert len(again.get_many("m", texts)) == len(texts)
    assert len(again.get_words("seg", texts)) == len(texts)
    assert len(notes) <= 1 and all(str(path) in note for note in notes)
    if kind in SET_ASIDE:
        assert len(notes) == 1 and "c.sqlite.damaged" in notes[0]
        assert os.path.lexists(tmp_path / "c.sqlite.damaged")  # kept, not deleted


def test_damage_inside_stored_vectors_is_a_miss(tmp_path: Path) -> None:
    """Bytes changed inside a vector leave SQLite's pages whole: only the check sees it."""
    path = tmp_path / "c.sqlite"
    texts, vectors = filled_cache(path)
    data = path.read_bytes()
    hit = [7, 123, 321]
    for i in hit:
        at = data.index(vectors[i].tobytes())
        overwrite(path, at + 8, np.random.default_rng(i).bytes(16))
    notes: list[str] = []
    found = EmbeddingCache(path, warn=notes.append).get_many("m", texts)
    assert sorted(set(texts) - set(found)) == sorted(texts[i] for i in hit)
    assert len(notes) == 1 and "held 3 unusable vectors for m" in notes[0]
    for i, text in enumerate(texts):
        if i not in hit:
            np.testing.assert_array_equal(found[text], vectors[i])


def test_damage_met_mid_run_is_a_miss_then_a_new_cache(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    texts, vectors = filled_cache(path)
    notes: list[str] = []
    cache = EmbeddingCache(path, warn=notes.append)  # opened while still whole
    size = path.stat().st_size
    overwrite(path, 4096, np.random.default_rng(2).bytes(size - 4096))  # all but page 1
    assert cache.get_many("m", texts) == {}  # lookup meets the damage: all misses
    assert len(notes) == 1 and "malformed" in notes[0]
    cache.put_many("m", texts[:10], vectors[:10])  # the new file takes writes
    assert len(cache.get_many("m", texts)) == 10 and len(notes) == 1


def test_damage_met_at_a_write_retries_on_a_new_cache(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    texts, vectors = filled_cache(path)
    notes: list[str] = []
    cache = EmbeddingCache(path, warn=notes.append)
    size = path.stat().st_size
    overwrite(path, 4096, np.random.default_rng(3).bytes(size - 4096))
    more = [f"new {i}" for i in range(50)]
    cache.put_many("m", more, unit_vectors(50, seed=9))
    assert len(cache.get_many("m", more)) == 50 and len(notes) == 1


@pytest.mark.parametrize("kind", ["not-sqlite", "middle-overwritten", "directory", "newer-schema"])
def test_the_cli_run_on_a_damaged_cache_equals_a_run_without_cache(
    baseline: Callable[[Path], dict], tmp_path: Path, kbgen_home: Path, kind: str
) -> None:
    path = write_tickets(tmp_path / "t.csv", questions())
    expected = baseline(path)
    run(path)  # fills the cache and saves the groups
    DAMAGE[kind](kbgen_home / "embeddings.sqlite")
    out, err = run(path)  # before: "Error: cannot use the embedding cache ...", exit 1
    assert out == expected
    assert len(warnings_about(err, "embedding cache")) == 1
    out, err = run(path)
    assert out == expected and warnings_about(err, "embedding cache") == []


def test_unusable_cache_location_runs_without_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home_file = tmp_path / "home-is-a-file"
    home_file.write_text("x")
    monkeypatch.setenv("KBGEN_HOME", str(home_file))
    notes: list[str] = []
    cache = default_cache(warn=notes.append)
    assert not cache.enabled
    cache.put_many("m", ["a"], unit_vectors(1))
    assert cache.get_many("m", ["a"]) == {} and cache.get_words("s", ["a"]) == {}
    assert cache.count() == 0
    assert len(notes) == 1 and "running without it" in notes[0]
    assert home_file.read_text() == "x"  # nothing moved or overwritten


def _read_only_connect(monkeypatch: pytest.MonkeyPatch) -> None:
    """Open every cache read-only, as on a read-only disk (chmod does not stop root)."""
    connect = sqlite3.connect

    def read_only(path: Path, **kwargs: object) -> sqlite3.Connection:
        return connect(f"file:{path}?mode=ro", uri=True, **kwargs)

    monkeypatch.setattr(embed_cache.sqlite3, "connect", read_only)


def test_read_only_cache_is_read_but_not_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "c.sqlite"
    texts, vectors = filled_cache(path)
    before = path.read_bytes()
    _read_only_connect(monkeypatch)
    notes: list[str] = []
    cache = EmbeddingCache(path, warn=notes.append)
    assert len(cache.get_many("m", texts)) == len(texts)
    cache.put_many("m", ["new"], unit_vectors(1))  # before: OperationalError
    cache.put_words("seg", {"new": ["new"]})
    assert len(notes) == 1 and "new results are not kept" in notes[0]
    assert len(cache.get_many("m", texts)) == len(texts)  # reading goes on
    assert path.read_bytes() == before


def test_read_only_location_without_a_cache_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _read_only_connect(monkeypatch)
    notes: list[str] = []
    cache = EmbeddingCache(tmp_path / "none.sqlite", warn=notes.append)
    assert not cache.enabled and cache.get_many("m", ["a"]) == {}
    cache.put_many("m", ["a"], unit_vectors(1))
    assert len(notes) == 1 and "running without it" in notes[0]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through file modes")
def test_read_only_folder(tmp_path: Path) -> None:  # pragma: no cover - runs as non-root only
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        notes: list[str] = []
        cache = EmbeddingCache(folder / "c.sqlite", warn=notes.append)
        cache.put_many("m", ["a"], unit_vectors(1))
        assert cache.get_many("m", ["a"]) == {} and len(notes) == 1
    finally:
        folder.chmod(0o700)


def test_a_full_disk_stops_writing_not_reading(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    texts, vectors = filled_cache(path)
    notes: list[str] = []
    cache = EmbeddingCache(path, warn=notes.append)
    pages = cache._db.execute("PRAGMA page_count").fetchone()[0]  # type: ignore[union-attr]
    cache._db.execute(f"PRAGMA max_page_count = {pages}")  # type: ignore[union-attr]
    more = [f"more {i}" for i in range(200)]
    cache.put_many("m", more, unit_vectors(200, seed=4))  # before: "database or disk is full"
    cache.put_words("seg", {t: [t] for t in more})
    assert len(notes) == 1 and "is full" in notes[0] and "not kept" in notes[0]
    assert len(cache.get_many("m", texts)) == len(texts) and cache.get_many("m", more) == {}


def test_warnings_before_the_reporter_is_attached_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    _not_sqlite(path)
    cache = EmbeddingCache(path)  # as the CLI makes it, before the pipeline has a reporter
    notes: list[str] = []
    cache.attach(notes.append)
    assert len(notes) == 1 and "not a database" in notes[0]


# --- 2. vectors of the wrong size or type --------------------------------------------------------


def _set_vec(path: Path, text: str, value: object) -> None:
    db = sqlite3.connect(path)
    db.execute("UPDATE vectors SET vec = ? WHERE key = ?", (value, EmbeddingCache._key(text)))
    db.commit()
    db.close()


BAD_ROWS = {
    "empty": b"",
    "one-float": np.ones(1, np.float32).tobytes(),
    "float64": unit_vectors(1)[0].astype(np.float64).tobytes(),
    "float16": unit_vectors(1)[0].astype(np.float16).tobytes(),
    "odd-length": b"\x00\x01\x02",
    "longer": unit_vectors(1, dim=DIM + 1)[0].tobytes(),
    "nan": np.full(DIM, np.nan, np.float32).tobytes(),
    "inf": np.full(DIM, np.inf, np.float32).tobytes(),
    "zeros": np.zeros(DIM, np.float32).tobytes(),
    "not-unit": (unit_vectors(1)[0] * 3).tobytes(),
    "text": "not a vector",
    "integer": 7,
}


@pytest.mark.parametrize("kind", BAD_ROWS)
@pytest.mark.parametrize("which", [0, 5], ids=["first", "later"])
def test_a_bad_vector_row_is_a_miss(tmp_path: Path, kind: str, which: int) -> None:
    path = tmp_path / "c.sqlite"
    texts, vectors = filled_cache(path, n=20)
    _set_vec(path, texts[which], BAD_ROWS[kind])
    notes: list[str] = []
    cache = EmbeddingCache(path, warn=notes.append)
    found = cache.get_many("m", texts)
    assert texts[which] not in found and len(found) == len(texts) - 1
    assert cache.get_many("m", texts[which : which + 1]) == {}
    assert len(notes) == 1 and "held 1 unusable vector for m" in notes[0]  # once, not per lookup
    for i, text in enumerate(texts):
        if i != which:
            np.testing.assert_array_equal(found[text], vectors[i])
    cache.put_many("m", [texts[which]], vectors[which : which + 1])  # recomputed, stored again
    np.testing.assert_array_equal(cache.get_many("m", texts)[texts[which]], vectors[which])


@pytest.mark.parametrize("value", ["CAST(x'ff41' AS TEXT)", "x'ff41'", "x'41'"])
def test_a_damaged_word_list_is_a_miss_not_the_end_of_the_cache(tmp_path: Path, value: str) -> None:
    path = tmp_path / "c.sqlite"
    texts, _ = filled_cache(path, n=20)
    db = sqlite3.connect(path)
    db.execute(f"UPDATE words SET words = {value} WHERE key = ?", (EmbeddingCache._key(texts[3]),))
    db.commit()
    db.close()
    notes: list[str] = []
    cache = EmbeddingCache(path, warn=notes.append)
    words = cache.get_words("seg", texts)  # before: "Could not decode to UTF-8", cache off
    assert texts[3] not in words and len(notes) == 1 and "1 unreadable word lists" in notes[0]
    assert all(words[t] == ["w", t] for t in texts if t != texts[3])
    assert cache.enabled and len(cache.get_many("m", texts)) == 20


def test_a_file_from_before_sizes_were_recorded_keeps_the_common_size(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    db = sqlite3.connect(path)
    db.execute(
        "CREATE TABLE vectors (model TEXT NOT NULL, key BLOB NOT NULL, vec BLOB NOT NULL, "
        "PRIMARY KEY (model, key)) WITHOUT ROWID"
    )
    texts = [f"q{i}" for i in range(10)]
    vectors = unit_vectors(10)
    db.executemany(
        "INSERT INTO vectors VALUES ('m', ?, ?)",
        [(EmbeddingCache._key(t), v.tobytes()) for t, v in zip(texts, vectors)],
    )
    db.execute(
        "UPDATE vectors SET vec = ? WHERE key = ?",
        (unit_vectors(1, dim=3)[0].tobytes(), EmbeddingCache._key(texts[0])),
    )
    db.commit()
    db.close()
    notes: list[str] = []
    found = EmbeddingCache(path, warn=notes.append).get_many("m", texts)
    assert sorted(found) == sorted(texts[1:]) and len(notes) == 1


def test_a_wrong_size_row_no_longer_puts_every_question_in_one_issue(
    baseline: Callable[[Path], dict], tmp_path: Path, kbgen_home: Path
) -> None:
    path = write_tickets(tmp_path / "t.csv", questions())
    expected = baseline(path)
    assert len(expected["issues"]) >= 2
    run(path)
    db = sqlite3.connect(kbgen_home / "embeddings.sqlite")
    db.execute("UPDATE vectors SET vec = x'0000803f'")  # every row: one float, 1.0
    db.commit()
    db.close()
    out, _ = run(path, "--recluster")  # before: all questions in one issue
    assert out == expected


class _Sized(Embedder):
    """A model whose folder was replaced by one with another vector size: same name."""

    name = "path:/models/swapped"

    def __init__(self, dim: int) -> None:
        self.dim = dim

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        seeds = [int.from_bytes(EmbeddingCache._key(t)[:4], "little") for t in texts]
        return np.stack([np.random.default_rng(s).normal(size=self.dim) for s in seeds])


def test_a_model_now_giving_another_size_recomputes_what_was_cached(tmp_path: Path) -> None:
    cache = EmbeddingCache(tmp_path / "c.sqlite")
    texts = [f"question {i}" for i in range(300)]
    _Sized(8).embed(texts[:200], cache=cache)
    got = _Sized(12).embed(texts, cache=cache)  # before: "could not broadcast" ValueError
    np.testing.assert_allclose(got, _Sized(12).embed(texts), atol=1e-6)
    assert len(cache.get_many(_Sized.name, texts)) == 300  # the cache now holds the new size


def test_only_vectors_the_read_check_takes_are_kept(tmp_path: Path) -> None:
    """A model's zero vector is not kept (it would be refused, and reported, on every run)."""
    cache = EmbeddingCache(tmp_path / "c.sqlite")
    vectors = unit_vectors(3)
    vectors[1] = 0.0
    cache.put_many("m", ["a", "b", "c"], vectors)
    notes: list[str] = []
    cache.attach(notes.append)
    assert sorted(cache.get_many("m", ["a", "b", "c"])) == ["a", "c"] and notes == []


# --- 3. damaged saved state ----------------------------------------------------------------------


def good_state() -> state.ClusterState:
    return state.ClusterState(
        state.text_keys(["a", "b", "c"]),
        np.array([0, 1, -1]),
        np.eye(2, 4, dtype=np.float32),
        [["refund"], ["password"]],
        np.array([False, True, False]),
    )


def _arrays(**changes: object) -> Callable[[Path], None]:
    def damage(path: Path) -> None:
        good = good_state()
        arrays: dict[str, object] = {
            "keys": good.keys,
            "labels": good.labels,
            "centroids": good.centroids,
            "keywords": np.array(json.dumps(good.keywords)),
            "added": good.added,
        }
        arrays.update(changes)
        with path.open("wb") as handle:
            np.savez(handle, **{k: v for k, v in arrays.items() if v is not None})

    return damage


def _cut(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2)


def _flipped(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 3] ^= 0xFF  # inside the keys: the zip's CRC no longer matches
    path.write_bytes(bytes(data))


def _emptied(path: Path) -> None:
    path.write_bytes(b"")


def _npy(path: Path) -> None:
    with path.open("wb") as handle:
        np.save(handle, np.arange(3))


def _dir(path: Path) -> None:
    path.unlink()
    (path / "x").mkdir(parents=True)


def _fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)  # no writer: reading it would wait forever


class _Hung(BaseException):
    pass


@pytest.fixture
def no_hang() -> object:
    """Fail, rather than hang, a test that would wait on a FIFO."""
    import signal

    def stop(*_: object) -> None:
        raise _Hung  # not an Exception: no "except Exception" in the code under test takes it

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


STATE_DAMAGE = {
    "fifo": _fifo,
    "truncated": _cut,
    "bit-flipped": _flipped,
    "zero-length": _emptied,
    "npy-not-npz": _npy,
    "directory": _dir,
    "labels-out-of-range": _arrays(labels=np.array([0, 7, -1])),
    "labels-below-tail": _arrays(labels=np.array([0, -5, -1])),
    "nan-labels": _arrays(labels=np.array([0.0, np.nan, -1.0])),
    "fractional-labels": _arrays(labels=np.array([0.5, 1.0, -1.0])),
    "bool-labels": _arrays(labels=np.array([True, False, True])),
    "2d-labels": _arrays(labels=np.zeros((3, 1), np.int64)),
    "short-labels": _arrays(labels=np.array([0, 1])),
    "short-added": _arrays(added=np.array([False])),
    "float-keys": _arrays(keys=np.zeros((3, 16), np.float32)),
    "narrow-keys": _arrays(keys=np.zeros((3, 8), np.uint8)),
    "scalar-keys": _arrays(keys=np.array(3)),
    "text-centroids": _arrays(centroids=np.array([["a", "b"]])),
    "nan-centroids": _arrays(centroids=np.full((2, 4), np.nan, np.float32)),
    "flat-centroids": _arrays(centroids=np.ones(4, np.float32)),
    "no-labels": _arrays(labels=None),
    "no-centroids": _arrays(centroids=None),
    "keywords-not-json": _arrays(keywords=np.array("{")),
    "keywords-not-lists": _arrays(keywords=np.array('{"a": 1}')),
    "keywords-numbers": _arrays(keywords=np.array("[[1, 2]]")),
    "object-array": _arrays(labels=np.array([0, "x", None], dtype=object)),
}


@pytest.mark.parametrize("kind", STATE_DAMAGE)
def test_damaged_state_is_a_warning_and_replaced_by_the_next_save(
    tmp_path: Path, kind: str, no_hang: object
) -> None:
    path = tmp_path / "runs" / "s.npz"
    state.save(path, good_state())
    STATE_DAMAGE[kind](path)
    notes: list[str] = []
    assert state.load(path, notes.append) is None  # before: BadZipFile, IndexError, EOFError...
    assert len(notes) == 1 and str(path) in notes[0] and "clustering afresh" in notes[0]
    state.save(path, good_state())
    loaded = state.load(path, notes.append)
    assert loaded is not None and len(notes) == 1
    assert loaded.labels.tolist() == [0, 1, -1] and loaded.keywords == [["refund"], ["password"]]


def test_no_saved_state_is_no_warning(tmp_path: Path) -> None:
    notes: list[str] = []
    assert state.load(tmp_path / "none.npz", notes.append) is None
    assert state.load_text(tmp_path / "none.json", notes.append) is None
    assert notes == []


def test_good_state_survives_the_checks(tmp_path: Path) -> None:
    path = tmp_path / "s.npz"
    state.save(path, good_state())
    loaded = state.load(path, pytest.fail)
    assert loaded is not None and loaded.added.tolist() == [False, True, False]
    assert loaded.labels.dtype == np.int64 and loaded.centroids.dtype == np.float32


@pytest.mark.parametrize("kind", ["zero-length", "labels-out-of-range", "truncated", "directory"])
def test_cli_on_damaged_state_warns_clusters_afresh_and_heals(
    baseline: Callable[[Path], dict], tmp_path: Path, kbgen_home: Path, kind: str
) -> None:
    path = write_tickets(tmp_path / "t.csv", questions())
    expected = baseline(path)
    run(path)
    [saved] = (kbgen_home / "runs").glob("*.npz")
    if kind == "labels-out-of-range":
        with np.load(saved) as data:
            arrays = {name: data[name] for name in data.files}
        arrays["labels"] = arrays["labels"] + 1000
        with saved.open("wb") as handle:
            np.savez(handle, **arrays)
    else:
        STATE_DAMAGE[kind](saved)
    out, err = run(path)  # before: "Aborted!" (zero length), a traceback (others)
    assert out == expected
    assert len(warnings_about(err, "saved groups")) == 1
    assert "reused the previous run's groups" not in err
    out, err = run(path)  # the state was replaced by the run that warned
    assert out == expected and "reused the previous run's groups" in err
    assert warnings_about(err, "cannot") == []


BAD_INTENT = {
    "empty": "",
    "cut-short": '{"edge_words": ["hi"], "wrapper_cla',
    "a-list": "[]",
    "null": "null",
    "words-as-a-string": '{"edge_words": "hello", "wrapper_clauses": []}',
    "numbers": '{"edge_words": [1, 2], "wrapper_clauses": []}',
    "clauses-not-lists": '{"edge_words": [], "wrapper_clauses": ["ab"]}',
    "clause-of-numbers": '{"edge_words": [], "wrapper_clauses": [[1]]}',
    "semantic-a-dict": '{"edge_words": [], "wrapper_clauses": [], "semantic_clauses": {}}',
    "missing-key": '{"edge_words": []}',
    "deeply-nested": "[" * 100_000 + "]" * 100_000,
}


@pytest.mark.parametrize("kind", BAD_INTENT)
def test_damaged_intent_model_is_not_read(kind: str) -> None:
    assert IntentModel.from_json(BAD_INTENT[kind]) is None


def test_intent_model_round_trip_still_holds() -> None:
    model = IntentModel(frozenset({"hi"}), frozenset({("thanks", "a")}), frozenset({"ok"}))
    assert IntentModel.from_json(model.to_json()) == model


@pytest.mark.parametrize(
    "kind", ["words-as-a-string", "deeply-nested", "not-utf8", "directory", "fifo"]
)
def test_cli_on_damaged_intent_model_warns_and_relearns(
    baseline: Callable[[Path], dict], tmp_path: Path, kbgen_home: Path, kind: str, no_hang: object
) -> None:
    path = write_tickets(tmp_path / "t.csv", questions())
    expected = baseline(path)
    run(path)
    [saved] = (kbgen_home / "runs").glob("*.intent.json")
    if kind == "not-utf8":
        saved.write_bytes(b"\xff\xfe\x00garbage")
    elif kind == "directory":
        saved.unlink()
        saved.mkdir()
    elif kind == "fifo":
        _fifo(saved)
    else:
        saved.write_text(BAD_INTENT[kind], encoding="utf-8")
    out, err = run(path)
    assert out == expected
    assert len([line for line in err.splitlines() if str(saved) in line]) == 1
    assert saved.is_file() and IntentModel.from_json(saved.read_text("utf-8")) is not None
    out, err = run(path)
    assert out == expected and str(saved) not in err


# --- 4. two runs at once -------------------------------------------------------------------------


def test_a_locked_cache_degrades_to_no_cache(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    texts, vectors = filled_cache(path, n=20)
    notes: list[str] = []
    cache = EmbeddingCache(path, timeout=0.1, warn=notes.append)
    holder = sqlite3.connect(path)
    holder.execute("BEGIN EXCLUSIVE")  # another run in the middle of a long write
    try:
        assert cache.get_many("m", texts) == {}  # before: "database is locked"
        cache.put_many("m", ["x"], unit_vectors(1))
        cache.put_words("seg", {"x": ["x"]})
    finally:
        holder.rollback()
        holder.close()
    assert len(notes) == 1 and "locked" in notes[0] and not cache.enabled
    assert len(EmbeddingCache(path).get_many("m", texts)) == 20  # the file itself is fine


def _hammer(path: str, worker: int, queue: multiprocessing.Queue) -> None:
    notes: list[str] = []
    cache = EmbeddingCache(Path(path), warn=notes.append)
    ok = True
    for round_ in range(30):
        texts = [f"w{worker}-r{round_}-{i}" for i in range(60)] + [f"shared {i}" for i in range(60)]
        vectors = unit_vectors(len(texts), seed=worker * 1000 + round_)
        vectors[60:] = unit_vectors(60, seed=7)  # the shared texts have the same vectors
        cache.put_many("m", texts, vectors)
        cache.put_words("seg", {t: [t] for t in texts})
        found = cache.get_many("m", texts)
        ok &= len(found) == len(texts) and all(
            np.array_equal(found[t], v) for t, v in zip(texts, vectors)
        )
        ok &= len(cache.get_words("seg", texts)) == len(texts)
    queue.put((worker, ok, notes))


def test_concurrent_writers_share_the_cache(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    workers = [context.Process(target=_hammer, args=(str(path), w, queue)) for w in range(4)]
    for process in workers:
        process.start()
    results = [queue.get(timeout=120) for _ in workers]
    for process in workers:
        process.join(timeout=30)
        assert process.exitcode == 0
    assert sorted(w for w, _, _ in results) == [0, 1, 2, 3]
    assert all(ok for _, ok, _ in results)
    assert all(notes == [] for _, _, notes in results)  # nobody gave up on the cache
    assert EmbeddingCache(path).count("m") == 4 * 30 * 60 + 60


def _open_at_once(path: str, barrier: object, queue: multiprocessing.Queue) -> None:
    barrier.wait()  # type: ignore[attr-defined]
    notes: list[str] = []
    cache = EmbeddingCache(Path(path), warn=notes.append)
    cache.put_many("m", [f"{os.getpid()}"], unit_vectors(1))
    queue.put((cache.enabled, notes))


def test_runs_making_a_new_cache_at_once(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    queue, barrier = context.Queue(), context.Barrier(6)
    path = str(tmp_path / "new.sqlite")
    workers = [context.Process(target=_open_at_once, args=(path, barrier, queue)) for _ in range(6)]
    for process in workers:
        process.start()
    results = [queue.get(timeout=60) for _ in workers]
    for process in workers:
        process.join(timeout=30)
    assert results == [(True, [])] * 6  # before the fix: "table vectors already exists"
    assert EmbeddingCache(Path(path)).count("m") == 6


_CONCURRENT_RUN = """
import json, sys
sys.path.insert(0, {root!r})
from kbgen.embed import default_cache
from kbgen.pipeline import SuggestOptions, suggest
from tests.conftest import FakeEmbedder
result = suggest({tickets!r}, SuggestOptions(min_size=3, recluster=True),
                 embedder=FakeEmbedder(), cache=default_cache())
print(json.dumps(result.labels))
"""


def test_two_runs_at_once_on_one_cache(tmp_path: Path, kbgen_home: Path) -> None:
    tickets = write_tickets(tmp_path / "t.csv", questions())
    script = _CONCURRENT_RUN.format(root=str(ROOT), tickets=str(tickets))
    env = {**os.environ, "KBGEN_HOME": str(kbgen_home), "PYTHONPATH": str(ROOT)}
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", script], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for _ in range(2)
    ]
    outputs = [process.communicate(timeout=300) for process in runs]
    for process, (_, err) in zip(runs, outputs):
        assert process.returncode == 0, err.decode()[-2000:]
    labels = {out.decode() for out, _ in outputs}
    assert len(labels) == 1  # the same grouping from each
    assert max(json.loads(labels.pop())) >= 2
