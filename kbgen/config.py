"""Where kbgen keeps its files, and settings from the environment.

`KBGEN_HOME` (default: the platform's user cache dir) holds the embedding cache and the
segmenters' data, so nothing is written inside a user's repository by accident.
"""

from __future__ import annotations

import os
from pathlib import Path


def home() -> Path:
    env = os.environ.get("KBGEN_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("kbgen", appauthor=False))


def cache_dir() -> Path:
    path = home()
    path.mkdir(parents=True, exist_ok=True)
    return path


def models_dir() -> Path:
    """Model files kbgen makes once (ONNX exports, a fetched model file): `KBGEN_MODELS`, else
    `models/` under KBGEN_HOME. Separate from the caches so several homes can share one copy."""
    env = os.environ.get("KBGEN_MODELS")
    path = Path(env).expanduser() if env else home() / "models"
    path.mkdir(parents=True, exist_ok=True)
    return path


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
