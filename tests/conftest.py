"""Shared fixtures: an isolated KBGEN_HOME per test and a fast deterministic fake embedder.

The fake embedder hashes character trigrams, so texts that share words land close together:
enough for pipeline and CLI tests without loading a model. Tests marked `model` use the real
bundled model.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from kbgen import embed
from kbgen.config import models_dir
from kbgen.embed import Embedder

FAKE_DIM = 256
# Model files made once (the fetched USE ONNX file, the MiniLM export) are shared by all tests
# and kept between runs, as for a user: only the caches get a fresh KBGEN_HOME per test.
MODELS_DIR = os.environ.get("KBGEN_MODELS") or str(models_dir())


_FAKE_STOP = frozenset("a an the i my me to for of and or is it in on can do how please".split())


class FakeEmbedder(Embedder):
    """Bag of hashed words and word pairs (minus a few function words), lower-cased.

    Texts that share content words land close together and unrelated ones near 0, roughly as
    a real sentence model behaves on these test questions.
    """

    name = "fake-words-v1"

    def __init__(self) -> None:
        self.texts: list[str] = []  # every text embedded, so tests can check what was embedded

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        self.texts.extend(texts)
        out = np.zeros((len(texts), FAKE_DIM), dtype=np.float32)
        for row, text in enumerate(texts):
            words = [w for w in re.findall(r"\w+", text.lower()) if w not in _FAKE_STOP]
            for token in words + [f"{a} {b}" for a, b in zip(words, words[1:])]:
                digest = hashlib.blake2b(token.encode(), digest_size=4).digest()
                out[row, int.from_bytes(digest, "little") % FAKE_DIM] += 1.0
            if not words:
                out[row, 0] = 1.0
        return out

    @property
    def embedded(self) -> int:
        return len(self.texts)


@pytest.fixture(autouse=True)
def kbgen_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("kbgen-home")
    monkeypatch.setenv("KBGEN_HOME", str(home))
    monkeypatch.setenv("KBGEN_MODELS", MODELS_DIR)
    monkeypatch.delenv("KBGEN_MODEL", raising=False)
    monkeypatch.delenv("KBGEN_MIN_SIZE", raising=False)
    return home


@pytest.fixture(autouse=True)
def in_tmp_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run each test in an empty folder, so the repository's own content/ never leaks in."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def fake_embedder(monkeypatch: pytest.MonkeyPatch) -> FakeEmbedder:
    """Make model name 'fake' load the fake embedder, and make it the CLI default."""
    fake = FakeEmbedder()
    original = embed.load_embedder

    def load(name: str | None = None) -> Embedder:
        if embed.resolve_model_name(name) == "fake":
            return fake
        return original(name)

    monkeypatch.setattr(embed, "load_embedder", load)
    monkeypatch.setenv("KBGEN_MODEL", "fake")
    return fake


# Questions with strong lexical overlap inside each group, so the trigram fake groups them.
REFUND = [
    "How do I get a refund for my order?",
    "how do i get a refund for my order",
    "How can I get a refund for my order please",
    "I want a refund for my order",
    "refund for my order, how do I get it?",
    "Need a refund for my order ASAP",
    "How do I get my refund for the order",
]
PASSWORD = [
    "I forgot my password and cannot log in",
    "forgot my password, cannot log in to my account",
    "I forgot the password and can't log in",
    "Forgot password cannot log in",
    "help I forgot my password and cannot log in",
    "I forgot my password so I cannot log in",
]
ONE_OFFS = [
    "Do you sell gift cards in Japan?",
    "Is the warehouse open on Sundays for pickup at 7pm?",
    "Can I bring my dog to the flagship store",
]


@pytest.fixture
def tickets_rows() -> list[dict[str, str]]:
    rows = []
    for i, text in enumerate(REFUND + PASSWORD + ONE_OFFS):
        rows.append({"ticket_id": f"T-{i:03d}", "question": text, "created_at": "2026-11-01"})
    return rows
