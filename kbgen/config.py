"""Where kbgen keeps its files, and settings from the environment.

`KBGEN_HOME` (default: the platform's user cache dir) holds the embedding cache and the
segmenters' data, so nothing is written inside a user's repository by accident.
"""

from __future__ import annotations

import os
from pathlib import Path

from kbgen.errors import KbgenError


def home() -> Path:
    env = os.environ.get("KBGEN_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("kbgen", appauthor=False))


def _ensure_dir(path: Path, setting: str, mode: int = 0o777) -> Path:
    """Create `path` if needed; a file in the way or no write access is one clear error."""
    try:
        path.mkdir(parents=True, exist_ok=True, mode=mode)
    except (FileExistsError, NotADirectoryError):
        in_the_way = next((p for p in (path, *path.parents) if p.exists() and not p.is_dir()), path)
        raise KbgenError(
            f"{setting}: {in_the_way} is a file, not a folder; point it at a folder"
        ) from None
    except OSError as exc:
        raise KbgenError(
            f"{setting}: cannot create the folder {path} ({exc.strerror or exc})"
        ) from None
    if not path.is_dir():  # e.g. a symlink to a file
        raise KbgenError(f"{setting}: {path} is not a folder; point it at a folder")
    if not os.access(path, os.W_OK | os.X_OK):
        raise KbgenError(f"{setting}: the folder {path} is not writable")
    return path


def cache_dir() -> Path:
    setting = "KBGEN_HOME" if os.environ.get("KBGEN_HOME") else "kbgen's cache folder"
    # Private: the cache holds (masked) customer questions and their vectors.
    return _ensure_dir(home(), setting, mode=0o700)


def models_dir() -> Path:
    """Model files kbgen makes once (ONNX exports, a fetched model file): `KBGEN_MODELS`, else
    `models/` under KBGEN_HOME. Separate from the caches so several homes can share one copy."""
    env = os.environ.get("KBGEN_MODELS")
    path = Path(env).expanduser() if env else home() / "models"
    return _ensure_dir(path, "KBGEN_MODELS" if env else "KBGEN_HOME")


def prepare_segmenters() -> None:
    """Point jieba and pythainlp at writable places under KBGEN_HOME before first use."""
    base = cache_dir()
    # pythainlp 5.4 renamed PYTHAINLP_DATA_DIR to PYTHAINLP_DATA and refuses both at once.
    if not os.environ.get("PYTHAINLP_DATA") and not os.environ.get("PYTHAINLP_DATA_DIR"):
        os.environ["PYTHAINLP_DATA"] = str(base / "pythainlp-data")
    try:
        import jieba

        jieba.dt.tmp_dir = str(base)
        jieba.setLogLevel(60)
    except ImportError:  # pragma: no cover - jieba is a dependency
        pass
