"""Run the kbgen CLI with the fake embedder registered as model "fake", for subprocess tests.

Usage: python -m tests.fake_cli suggest ... (with the repository root on PYTHONPATH). Tests
that need a real process (a deleted working folder, a FIFO, standard input from a pipe) use it.
"""

from __future__ import annotations

from kbgen.cli import cli
from kbgen.embed import ModelSpec, register_model
from tests.conftest import FakeEmbedder

register_model(
    "fake", ModelSpec("test fake", "any", lambda: FakeEmbedder.name, lambda _: FakeEmbedder())
)

if __name__ == "__main__":
    cli(prog_name="kbgen")
