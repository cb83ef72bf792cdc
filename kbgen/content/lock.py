"""One writer at a time in a content folder.

Every kbgen command that writes into content/ (`suggest --write`, `publish`) holds an
exclusive lock on `content/.kbgen.lock` from reading the folder until its changes are
committed. A second run waits (a note says so) for a bounded time, then stops with one clear
error. The lock file is removed on release; a waiter that got the lock on a removed file
tries again, so two runs can never both hold it. The kernel drops the lock of a killed run.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from kbgen.errors import ContentError
from kbgen.writes import STALE_SECONDS, is_temp_name

LOCK_NAME = ".kbgen.lock"
DEFAULT_TIMEOUT = 120.0  # seconds; env KBGEN_LOCK_TIMEOUT
_POLL = 0.1
_NO_LOCKS = {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS}  # file systems without flock


def lock_timeout() -> float:
    raw = os.environ.get("KBGEN_LOCK_TIMEOUT", "").strip()
    try:
        return max(0.0, float(raw)) if raw else DEFAULT_TIMEOUT
    except ValueError:
        raise ContentError(f"KBGEN_LOCK_TIMEOUT must be a number of seconds, not {raw!r}") from None


def _holder(path: Path) -> str:
    try:
        pid = path.read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return ""
    return f" (pid {pid})" if pid.isdigit() else ""


def _open(path: Path) -> int:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
    except OSError as exc:
        raise ContentError(f"cannot lock {path.parent}: {exc.strerror or exc}") from None


def _same_file(fd: int, path: Path) -> bool:
    try:
        st = os.stat(path)
    except OSError:
        return False
    own = os.fstat(fd)
    return (st.st_dev, st.st_ino) == (own.st_dev, own.st_ino)


@contextlib.contextmanager
def content_lock(
    content_dir: Path,
    *,
    timeout: float | None = None,
    note: Callable[[str], None] = lambda message: None,
) -> Iterator[Path]:
    """Hold the content folder's lock (made if missing, and removed again if left empty)."""
    content_dir = Path(content_dir)
    made = [p for p in (content_dir, *content_dir.parents) if not p.exists()]
    path = content_dir / LOCK_NAME
    wait = lock_timeout() if timeout is None else timeout
    deadline = time.monotonic() + wait
    noted, locked = False, True
    while True:
        fd = _open(path)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            if time.monotonic() >= deadline:
                raise ContentError(
                    f"another kbgen run{_holder(path)} is writing to {content_dir}; waited "
                    f"{wait:.0f}s. Try again when it has finished "
                    "(KBGEN_LOCK_TIMEOUT sets the wait)"
                ) from None
            if not noted:
                who = _holder(path)
                note(f"waiting for another kbgen run{who} to finish with {content_dir}...")
                noted = True
            time.sleep(_POLL)
            continue
        except OSError as exc:
            os.close(fd)
            if exc.errno not in _NO_LOCKS:
                raise ContentError(f"cannot lock {content_dir}: {exc.strerror or exc}") from None
            note(
                f"cannot lock {content_dir} ({exc.strerror}): make sure no other kbgen run "
                "writes there at the same time"
            )
            fd, locked = _open(path), False  # a file system without locks: go on unguarded
            break
        if _same_file(fd, path):
            break
        os.close(fd)  # the holder removed the file as we got it: take the new one
    try:
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        if locked:  # unguarded, another run's temp files may be live
            remove_orphans(content_dir)
        yield path
    finally:
        with contextlib.suppress(OSError):
            if _same_file(fd, path):
                path.unlink()
        os.close(fd)
        for folder in made:  # made for the lock: removed if this run left them empty
            with contextlib.suppress(OSError):
                folder.rmdir()


def remove_orphans(content_dir: Path) -> int:
    """Temp files of killed runs. Under the lock no other kbgen writes here, so every kbgen
    temp file is an orphan; an older kbgen's `.NAME.XXXXXXXX.tmp` is one after an hour."""
    removed = 0
    now = time.time()
    for folder, dirs, files in os.walk(content_dir):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            old_style = name.startswith(".") and name.endswith(".tmp") and ".md." in name
            if not (is_temp_name(name) or old_style):
                continue
            item = Path(folder) / name
            try:
                if item.is_symlink():
                    continue
                if old_style and now - item.stat().st_mtime < STALE_SECONDS:
                    continue
                item.unlink()
                removed += 1
            except OSError:
                continue
    return removed
