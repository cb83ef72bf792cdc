"""Case and step types shared by the corpus generator and the runner."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pii import Pii


@dataclass
class Step:
    """One `python -m kbgen ARGS` run in the case folder. "{case}" in args and env is replaced
    by the case folder; an env value of None removes the variable."""

    args: list[str]
    stdin: bytes | None = None
    env: dict[str, str | None] = field(default_factory=dict)
    before: Callable[[Path], None] | None = None  # runs in the runner first (damage a cache)
    shell: str | None = None  # sh script run instead, with the kbgen command as "$@"
    fifo: tuple[str, bytes] | None = None  # a FIFO to create and feed from the runner


@dataclass
class Case:
    id: str
    family: str  # hostile, paths, env, state, pii
    type: str  # e.g. huge-int-time, email, truncated-npz
    lang: str
    steps: list[Step]
    files: dict[str, bytes] = field(default_factory=dict)
    pii: list[Pii] = field(default_factory=list)
    expect: str = "any"  # ok, error or any: an unexpected clean error is shown, not failed
    setup: Callable[[Path], None] | None = None
    site: bool = False  # drafts written into content/ go into the language's site build
    same_as_first: bool = False  # the last step must find the same issues as the first
    keep: dict[str, bytes] = field(default_factory=dict)  # files that must survive unchanged
