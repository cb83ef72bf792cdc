"""Odd paths, an unusable environment, and caches or saved state damaged between two runs."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from random import Random
from typing import Any

import numpy as np
import pii
from cases import Case, Step
from corpus import LANG_CODES, rows, suggest, to_csv, to_jsonl


def kbgen_root() -> Path:
    """The checkout whose kbgen is under test (the one PYTHONPATH finds)."""
    spec = importlib.util.find_spec("kbgen")
    assert spec is not None and spec.origin is not None, "kbgen is not importable"
    return Path(spec.origin).resolve().parent.parent


def site_project(folder: Path) -> None:
    """A project folder `kbgen build` can build: mkdocs.yml, theme overrides, hook, content/."""
    root = kbgen_root()
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(root / "mkdocs.yml", folder / "mkdocs.yml")
    for name in ("kbgen", "site_overrides"):
        if not (folder / name).exists():
            (folder / name).symlink_to(root / name)
    (folder / "content").mkdir(exist_ok=True)


def _csv(rng: Random, lang: str, n: int = 12) -> bytes:
    return to_csv(rows(rng, lang, n)).encode()


# --- odd paths ---------------------------------------------------------------------------------


def path_cases(rng: Random) -> list[Case]:
    out: list[Case] = []
    langs = list(pii.LANGS)

    def add(kind: str, args: list[str], files: dict[str, bytes] | None = None, **kw) -> None:
        lang = kw.pop("lang", None) or langs[len(out) % 4]  # the tickets' language, if any
        step_kw = {k: kw.pop(k) for k in ("stdin", "shell", "fifo", "env") if k in kw}
        out.append(
            Case(
                f"paths-{kind}",
                "paths",
                kind,
                lang,
                [Step(args, **step_kw)],
                files=files or {},
                **kw,
            )
        )

    data = _csv(rng, "en")
    add(
        "directory-empty",
        suggest("emptydir"),
        setup=lambda d: (d / "emptydir").mkdir(),
        expect="error",
    )
    add("directory-of-csv", suggest("folder"), {"folder/t.csv": data}, expect="error", lang="en")
    add("missing", suggest("nope.csv"), expect="error")
    add(
        "broken-symlink",
        suggest("link.csv"),
        setup=lambda d: (d / "link.csv").symlink_to(d / "gone.csv"),
        expect="error",
    )
    add(
        "symlink-loop",
        suggest("a.csv"),
        setup=lambda d: (
            (d / "a.csv").symlink_to(d / "b.csv"),
            (d / "b.csv").symlink_to(d / "a.csv"),
        ),
        expect="error",
    )
    add("dev-null", suggest("/dev/null"), expect="error")
    add("dash-stdin", suggest("-"), stdin=data, expect="ok", lang="en")
    # pipes and FIFOs must work or fail clearly; `-` must read standard input
    add("dev-stdin-pipe", suggest("/dev/stdin"), stdin=data, expect="any", lang="en")
    add("proc-fd-pipe", suggest("/proc/self/fd/0"), stdin=_csv(rng, "th"), expect="any", lang="th")
    add(
        "pipe-via-cat",
        suggest("/dev/stdin"),
        {"t.csv": _csv(rng, "zh-Hans")},
        shell='cat t.csv | "$@"',
        expect="any",
        lang="zh-Hans",
    )
    add(
        "fifo-with-writer",
        suggest("fifo.csv"),
        fifo=("fifo.csv", _csv(rng, "zh-Hant")),
        expect="any",
        lang="zh-Hant",
    )
    add(
        "fifo-no-writer",
        suggest("lonely.csv"),
        setup=lambda d: os.mkfifo(d / "lonely.csv"),
        env={"KBGEN_FIFO_TIMEOUT": "3"},  # the default (60 s) is past the case's time limit
        expect="error",
    )
    add(
        "unreadable",
        suggest("locked.csv"),
        {"locked.csv": data},
        lang="en",
        setup=lambda d: os.chmod(d / "locked.csv", 0),
        expect="any",
    )
    add(
        "newline-in-name", suggest("odd\nname.csv"), {"odd\nname.csv": data}, lang="en", expect="ok"
    )
    add(
        "assignments-missing-dir",
        suggest("t.csv")[:-7] + ["--assignments", "no/such/dir/a.jsonl"],
        {"t.csv": data},
        lang="en",
    )
    add(
        "assignments-dev-stdout",
        [*suggest("t.csv")[:5], "--assignments", "/dev/stdout"],
        {"t.csv": data},
        lang="en",
        expect="ok",
    )
    add(
        "assignments-proc",
        [*suggest("t.csv")[:5], "--assignments", "/proc/kbgen-a.jsonl"],
        {"t.csv": data},
        lang="en",
        expect="error",
    )
    add(
        "content-is-file",
        [*suggest("t.csv")[:-1], "--write"],
        {"t.csv": data},
        lang="en",
        setup=lambda d: (d / "content").write_text("not a folder"),
        expect="error",
    )

    # build: odd site folders; files that must survive are checked by the runner (keep)
    def project(extra: Callable[[Path], None] | None = None) -> Callable[[Path], None]:
        def setup(d: Path) -> None:
            site_project(d)
            entry = d / "content" / "orders" / "parcel.md"
            entry.parent.mkdir(parents=True, exist_ok=True)
            entry.write_text(
                "---\ntitle: Where is my parcel?\nstatus: published\n"
                "category: orders\nlang: en\n---\nTrack it from your account page.\n"
            )
            if extra:
                extra(d)

        return setup

    build = ["build", "-q"]
    add("build-dir-proc", [*build, "-d", "/proc/kbgen-site"], setup=project(), expect="error")
    add(
        "build-dir-is-file",
        [*build, "-d", "afile"],
        setup=project(lambda d: (d / "afile").write_text("keep me\n")),
        expect="error",
    )
    add(
        "build-dir-nonempty",
        [*build, "-d", "scripts"],
        setup=project(
            lambda d: ((d / "scripts").mkdir(), (d / "scripts" / "setup.sh").write_text("echo\n"))
        ),
        expect="error",
    )
    add("build-no-config", build, expect="error")
    add(
        "build-broken-entry",
        build,
        setup=project(
            lambda d: (d / "content" / "orders" / "bad.md").write_bytes(b"---\ntitle: [\n---\n\xff")
        ),
    )
    for case in out:
        if case.type == "build-dir-is-file":
            case.keep = {"afile": b"keep me\n"}
        if case.type == "build-dir-nonempty":
            case.keep = {"scripts/setup.sh": b"echo\n"}
    return out


# --- environment -------------------------------------------------------------------------------


def _write_homefile(d: Path) -> None:
    (d / "homefile").write_text("x")


def _readonly_home(d: Path) -> None:
    (d / "rohome").mkdir()
    os.chmod(d / "rohome", 0o555)  # root ignores this; then the case just succeeds


# kind -> (languages by index, environment, setup, shell wrapper, expected outcome)
ENV_KINDS: dict[str, tuple[tuple[int, ...], dict[str, str | None], Any, str | None, str]] = {
    "home-is-file": ((0, 2), {"KBGEN_HOME": "{case}/homefile"}, _write_homefile, None, "error"),
    "home-under-file": (
        (0, 2), {"KBGEN_HOME": "{case}/homefile/sub"}, _write_homefile, None, "error"),
    "home-sysfs": ((0, 2), {"KBGEN_HOME": "/sys/kbgen-audit-home"}, None, None, "error"),
    "home-readonly": ((1, 3), {"KBGEN_HOME": "{case}/rohome"}, _readonly_home, None, "any"),
    "home-proc": ((1, 3), {"KBGEN_HOME": "/proc/kbgen-audit-home"}, None, None, "error"),
    "cwd-deleted": (
        (1, 3), {}, None, 'mkdir gone && cd gone && rmdir ../gone && exec "$@"', "any"),
    "bad-model": ((0, 1, 2, 3), {"KBGEN_MODEL": "no-such-model-xyz"}, None, None, "error"),
}  # fmt: skip


def env_cases(rng: Random) -> list[Case]:
    out: list[Case] = []
    for i, lang in enumerate(pii.LANGS):
        data = _csv(rng, lang)
        for kind, (langs, env, setup, shell, expect) in ENV_KINDS.items():
            if i not in langs:
                continue
            # with the current folder gone, the ticket file is named by its full path
            args = suggest("{case}/t.csv", write=False) if shell else suggest("t.csv")
            step = Step(args, env=env, shell=shell)
            cid = f"env-{kind}-{LANG_CODES[lang]}"
            out.append(
                Case(cid, "env", kind, lang, [step], {"t.csv": data}, setup=setup, expect=expect)
            )
    return out


# --- damaged caches and saved state ------------------------------------------------------------


def _home(d: Path) -> Path:
    return d / "home"


def _npz(d: Path) -> list[Path]:
    return sorted((_home(d) / "runs").glob("*.npz"))


def _rewrite_npz(d: Path, change: Callable[[dict[str, np.ndarray]], None]) -> None:
    for path in _npz(d):
        with np.load(path) as data:
            arrays = {k: data[k] for k in data.files}
        change(arrays)
        with path.open("wb") as f:
            np.savez(f, **arrays)


def _truncate(path: Path, keep: float) -> None:
    size = path.stat().st_size
    with path.open("r+b") as f:
        f.truncate(int(size * keep))


def _garble(path: Path, start: int, n: int, seed: int) -> None:
    noise = bytes(Random(seed).randrange(256) for _ in range(n))
    with path.open("r+b") as f:
        f.seek(start)
        f.write(noise)


def _sqlite(d: Path) -> Path:
    return _home(d) / "embeddings.sqlite"


def _other_schema(d: Path) -> None:
    _sqlite(d).unlink()
    db = sqlite3.connect(_sqlite(d))
    db.execute("CREATE TABLE vectors (id INTEGER PRIMARY KEY, payload TEXT)")
    db.execute("CREATE TABLE words (x)")
    db.commit()
    db.close()


def _wrong_dimension(d: Path) -> None:
    db = sqlite3.connect(_sqlite(d))
    rows_ = db.execute("SELECT model, key, vec FROM vectors").fetchall()
    db.executemany(
        "UPDATE vectors SET vec = ? WHERE model = ? AND key = ?",
        [(np.ones(64, np.float32).tobytes(), m, k) for m, k, _ in rows_],
    )
    db.commit()
    db.close()


def _nan_vectors(d: Path) -> None:
    db = sqlite3.connect(_sqlite(d))
    db.execute("UPDATE vectors SET vec = ?", (np.full(512, np.nan, np.float32).tobytes(),))
    db.commit()
    db.close()


def _nan_labels(a: dict[str, np.ndarray]) -> None:
    a["labels"] = np.full(len(a["labels"]), np.nan)


def _labels_out_of_range(a: dict[str, np.ndarray]) -> None:
    a["labels"] = a["labels"] + 1000


def _negative_big_labels(a: dict[str, np.ndarray]) -> None:
    a["labels"] = np.full(len(a["labels"]), -(2**62), dtype=np.int64)


def _centroids_wrong(a: dict[str, np.ndarray]) -> None:
    a["centroids"] = np.zeros((3, 7), np.float32)


def _keywords_garbage(a: dict[str, np.ndarray]) -> None:
    a["keywords"] = np.array("{not json")


def _keys_short(a: dict[str, np.ndarray]) -> None:
    a["keys"] = a["keys"][:, :3]


def _runs_is_file(d: Path) -> None:
    shutil.rmtree(_home(d) / "runs")
    (_home(d) / "runs").write_text("x")


def _sqlite_is_dir(d: Path) -> None:
    _sqlite(d).unlink()
    _sqlite(d).mkdir()


def _intent_garbage(d: Path) -> None:
    for path in (_home(d) / "runs").glob("*.intent.json"):
        path.write_bytes(b"\xff\xfe{" + b"[" * 100_000)


def _intent_wrong_shape(d: Path) -> None:
    for path in (_home(d) / "runs").glob("*.intent.json"):
        path.write_text(json.dumps({"wrappers": 5, "version": None, "x": [1, 2, {"y": 3}]}))


def _jieba_garbage(d: Path) -> None:
    path = _home(d) / "jieba.cache"
    if path.exists():
        _garble(path, 0, 4096, 7)


DAMAGE: dict[str, tuple[Callable[[Path], None], bool]] = {
    # name: (damage, the second run must find the same issues as the first)
    "sqlite-truncated": (lambda d: _truncate(_sqlite(d), 0.5), True),
    "sqlite-zero-length": (lambda d: _truncate(_sqlite(d), 0), True),
    "sqlite-header-garbage": (lambda d: _garble(_sqlite(d), 0, 100, 1), True),
    "sqlite-page-garbage": (lambda d: _garble(_sqlite(d), 4096, 8192, 2), True),
    "sqlite-other-schema": (_other_schema, True),
    "sqlite-wrong-dimension": (_wrong_dimension, True),
    "sqlite-nan-vectors": (_nan_vectors, True),
    "sqlite-is-dir": (_sqlite_is_dir, True),
    "npz-truncated": (lambda d: [_truncate(p, 0.5) for p in _npz(d)], True),
    "npz-zero-length": (lambda d: [_truncate(p, 0) for p in _npz(d)], True),
    "npz-garbage": (lambda d: [_garble(p, 0, 64, 3) for p in _npz(d)], True),
    "npz-nan-labels": (lambda d: _rewrite_npz(d, _nan_labels), True),
    "npz-labels-out-of-range": (lambda d: _rewrite_npz(d, _labels_out_of_range), True),
    "npz-huge-negative-labels": (lambda d: _rewrite_npz(d, _negative_big_labels), True),
    "npz-centroids-wrong-shape": (lambda d: _rewrite_npz(d, _centroids_wrong), True),
    "npz-keywords-not-json": (lambda d: _rewrite_npz(d, _keywords_garbage), True),
    "npz-keys-short": (lambda d: _rewrite_npz(d, _keys_short), True),
    "runs-is-file": (_runs_is_file, True),
    "intent-json-garbage": (_intent_garbage, True),
    "intent-json-wrong-shape": (_intent_wrong_shape, True),
    "jieba-cache-garbage": (_jieba_garbage, True),
}


THIRD_RUN = {
    "sqlite-truncated",
    "sqlite-other-schema",
    "npz-zero-length",
    "npz-truncated",
    "intent-json-garbage",
}


def state_cases(rng: Random) -> list[Case]:
    out = []
    for i, (kind, (harm, same)) in enumerate(DAMAGE.items()):
        lang = "zh-Hans" if kind.startswith("jieba") else pii.LANGS[i % 4]
        data = to_jsonl(rows(rng, lang, 16)).encode()
        args = suggest("t.jsonl", write=False)
        steps = [Step(args), Step(args, before=harm)]
        if kind in THIRD_RUN:  # and once more: damage must not block every later run
            steps.append(Step(args))
        out.append(
            Case(
                f"state-{kind}",
                "state",
                kind,
                lang,
                steps,
                {"t.jsonl": data},
                expect="ok",
                same_as_first=same,
            )
        )
    return out
