"""The tokenised wrapper lists are kept under KBGEN_HOME; a damaged copy is only rebuilt."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kbgen.intent import curated


@pytest.fixture()
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("KBGEN_HOME", str(tmp_path / "home"))
    curated.lexicon.cache_clear()
    yield curated._lexicon_path()
    curated.lexicon.cache_clear()


def test_saved_lists_read_back_equal_to_the_built_ones(fresh: Path) -> None:
    built = curated.lexicon()
    assert fresh.is_file() and fresh.stat().st_mode & 0o077 == 0
    curated.lexicon.cache_clear()
    assert curated.lexicon() == built == curated._build_lexicon()
    assert ("谢谢",) in built.edge or ("谢",) in built.edge  # Chinese phrases are tokenised


@pytest.mark.parametrize("damage", ["", "{", '{"edge": 3}', '{"edge": [[1]], "whole": []}'])
def test_a_damaged_copy_is_rebuilt(fresh: Path, damage: str) -> None:
    fresh.parent.mkdir(parents=True)
    fresh.write_text(damage)
    assert curated.lexicon() == curated._build_lexicon()
    curated.lexicon.cache_clear()
    assert curated._load_lexicon(fresh) == curated._build_lexicon()  # replaced by a good one


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_something_else_at_the_path_is_set_aside(fresh: Path, kind: str) -> None:
    """A FIFO there would block a plain read for ever; a folder would fail every save."""
    fresh.parent.mkdir(parents=True)
    os.mkfifo(fresh) if kind == "fifo" else fresh.mkdir()
    assert curated.lexicon() == curated._build_lexicon()
    assert fresh.is_file()  # the next run reads the saved copy


def test_lists_change_gives_another_file(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    curated._lists_digest.cache_clear()
    monkeypatch.setattr(curated, "_lists_text", lambda: "[edge]\nhowdy\n")
    try:
        assert curated._lexicon_path() != fresh
    finally:
        curated._lists_digest.cache_clear()
