"""Where `kbgen build` writes the site: staged next to the target, then swapped into place.

MkDocs empties its `site_dir` and writes page by page, so building straight into the target
would (a) empty any folder given with `-d` (`kbgen build -d scripts`), and (b) leave a killed or
failed build's half site, with a cut-short `search_index.json`, where the last good one was.
Instead the build goes to a fresh folder beside the target, gets a `.kbgen-site` marker, and is
renamed into place only once complete. A folder is replaced only if it is empty or a previous
site (the marker, or for sites built before the marker, MkDocs' search index and sitemap).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from kbgen.errors import KbgenError

MARKER = ".kbgen-site"
MARKER_TEXT = "Built by kbgen. `kbgen build` replaces this whole folder on the next build.\n"
_STALE_SECONDS = 3600  # staging folders of killed builds older than this are cleared


class SiteDirError(KbgenError):
    """The output folder cannot be used (not a folder, foreign files, not writable)."""


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc) or type(exc).__name__


def describe(exc: OSError) -> str:
    """`path: reason` of an OSError, in one line."""
    return f"{exc.filename}: {_reason(exc)}" if exc.filename else _reason(exc)


def is_site(folder: Path) -> bool:
    """A folder kbgen may replace: marked by kbgen, or an older kbgen/MkDocs build."""
    if (folder / MARKER).is_file():
        return True
    return (
        all((folder / rel).is_file() for rel in ("index.html", "sitemap.xml"))
        and (folder / "search" / "search_index.json").is_file()
    )


def check_target(target: Path) -> Path:
    """The real path to build to; SiteDirError if it must not be replaced."""
    real = Path(os.path.realpath(target))  # a `site -> /srv/help` link keeps pointing there
    if real.exists() or real.is_symlink():
        if not real.is_dir():
            raise SiteDirError(f"site folder {target} exists and is not a folder")
        try:
            empty = not any(real.iterdir())
        except OSError as exc:
            raise SiteDirError(f"cannot read site folder {target}: {describe(exc)}") from None
        if not empty and not is_site(real):
            raise SiteDirError(
                f"refusing to build into {target}: it is not empty and not a previous kbgen "
                f"site (no {MARKER} file); choose an empty or new folder"
            )
    return real


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _clear_stale(parent: Path, name: str) -> None:
    """Staging and old-site folders left by builds that were killed."""
    pattern = re.compile(rf"\.{re.escape(name)}\.kbgen-(new|old)-[\w]{{8}}\Z")
    now = time.time()
    with contextlib.suppress(OSError):
        for path in parent.iterdir():
            if pattern.match(path.name) and path.is_dir() and not path.is_symlink():
                if now - path.stat().st_mtime > _STALE_SECONDS:
                    shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def staging(target: Path) -> Iterator[Path]:
    """A fresh folder beside `target` to build into; removed unless `swap_in` took it."""
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        stage = Path(tempfile.mkdtemp(prefix=f".{target.name}.kbgen-new-", dir=parent))
    except PermissionError as exc:
        if not (target.is_dir() and os.access(target, os.W_OK | os.X_OK)):
            raise SiteDirError(f"cannot write the site to {target}: {_reason(exc)}") from None
        # A writable folder in a read-only parent (a mounted volume): stage elsewhere.
        stage = Path(tempfile.mkdtemp(prefix="kbgen-site-out-"))
    except OSError as exc:
        raise SiteDirError(f"cannot write the site to {target}: {_reason(exc)}") from None
    else:
        _clear_stale(parent, target.name)
    try:
        yield stage
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _replace_contents(stage: Path, target: Path) -> None:
    """Fallback when `target` cannot be renamed (a mount point): swap its entries instead."""
    for child in list(target.iterdir()):
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    for child in list(stage.iterdir()):
        shutil.move(str(child), str(target / child.name))


def swap_in(stage: Path, target: Path) -> None:
    """Mark `stage` as a kbgen site and put it where `target` is, replacing what was there."""
    try:
        (stage / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        # mkdtemp made it private; a site is served: keep the old folder's mode, or the default
        mode = stat.S_IMODE(target.stat().st_mode) if target.is_dir() else 0o777 & ~_umask()
        os.chmod(stage, mode)
        if stage.parent != target.parent:
            _replace_contents(stage, target)
            return
        if not target.exists():
            os.rename(stage, target)
            return
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.kbgen-old-", dir=target.parent))
        try:
            os.replace(target, old)
        except OSError as exc:
            os.rmdir(old)
            if exc.errno not in (errno.EBUSY, errno.EXDEV):
                raise
            _replace_contents(stage, target)
            return
        try:
            os.rename(stage, target)
        except OSError:
            os.replace(old, target)  # put the previous site back
            raise
        shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        raise SiteDirError(f"cannot write the site to {target}: {_reason(exc)}") from None
