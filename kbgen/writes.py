"""Writing files safely: whole files or nothing, one run's changes all or none.

- A file is written to a temp file beside it (named `.NAME.kbgen-tmp-XXXXXXXX`, so a killed
  run's leftovers can be recognised and removed later), then renamed over the old one.
- The new file keeps the old one's mode (and owner where allowed); a new file gets the usual
  mode for the user's umask, as any editor would give it.
- A symlink stays a symlink: the file it points to is replaced, in that file's own folder.
- A target that is not a regular file (`/dev/stdout`, a FIFO, a terminal) is written directly.
- `FileChanges` stages a run's changes and commits them at the end: every temp file is written
  first, then all are renamed; if one rename fails, the ones already done are undone.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kbgen.errors import KbgenError

TMP_MARK = ".kbgen-tmp-"
STALE_SECONDS = 3600.0  # an unlocked folder's temp file older than this is a killed run's
FIFO_WAIT = 30.0  # seconds to wait for a program to read a FIFO before giving up
_OLD_TEMP = re.compile(r"\.[a-z0-9_]{8}\.tmp")  # what an older kbgen's mkstemp added to a name


def temp_path(target: Path) -> Path:
    return target.parent / f".{target.name}{TMP_MARK}{secrets.token_hex(4)}"


def is_temp_name(name: str) -> bool:
    return name.startswith(".") and TMP_MARK in name


def real_target(path: Path) -> Path:
    """The file a write to `path` should replace: the end of a symlink chain, else `path`."""
    path = Path(path)
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)


_STD_FDS = {"/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2}
_FD_PATH = re.compile(r"/(?:dev/fd|proc/(self|thread-self|\d+)/fd)/(\d+)")


def open_fd(path: Path | str) -> int | None:
    """The open file descriptor a path names (/dev/stdout, /dev/fd/3, /proc/self/fd/1, or a
    link to one), or None. Such a file is written through that descriptor: replacing or
    reopening it would lose what the shell set up (`> out.txt`, `>> log`)."""
    here = os.path.abspath(path)
    for _ in range(40):  # links to links, as the kernel allows
        if here in _STD_FDS:
            return _STD_FDS[here]
        match = _FD_PATH.fullmatch(here)
        if match:
            pid = match.group(1)
            own = not pid or not pid.isdigit() or int(pid) == os.getpid()
            return int(match.group(2)) if own else None
        try:
            link = os.readlink(here)
        except OSError:
            return None
        here = os.path.normpath(os.path.join(os.path.dirname(here), link))
    return None


def _special(path: Path) -> bool:
    """True for an existing target that is not a regular file (device, FIFO, socket), an
    open descriptor's name, or anything in /proc (never a temp file and a rename there)."""
    if open_fd(path) is not None or os.path.abspath(path).startswith("/proc/"):
        return True
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    if stat.S_ISDIR(mode):
        raise KbgenError(f"cannot write {path}: it is a folder")
    return not stat.S_ISREG(mode)


def is_special(path: Path | str) -> bool:
    """`-` or an existing non-regular file: written directly, never through a temp file."""
    return str(path) == "-" or _special(Path(path))


def _open_fifo(path: Path) -> int:
    """Open a FIFO for writing, waiting a bounded time for a reader instead of hanging."""
    deadline = time.monotonic() + FIFO_WAIT
    while True:
        try:
            fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError as exc:
            if exc.errno != errno.ENXIO:  # ENXIO: no reader yet
                raise
            if time.monotonic() >= deadline:
                raise KbgenError(
                    f"cannot write {path}: nothing reads from this pipe (waited {FIFO_WAIT:.0f}s)"
                ) from None
            time.sleep(0.05)
            continue
        os.set_blocking(fd, True)
        return fd


def write_direct(path: Path, data: str | bytes) -> None:
    """Write to a device, pipe, FIFO or open descriptor as it is (no temp file beside it)."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd = open_fd(path)
        if fd is not None:
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view) :]
            return
        if stat.S_ISFIFO(os.stat(path).st_mode):
            fd = _open_fifo(path)
        else:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o666)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
    except OSError as exc:
        raise KbgenError(f"cannot write {path}: {_why(exc)}") from None


def _write_temp(
    target: Path,
    data: bytes,
    mode: int | None,
    owner: tuple[int, int] | None,
    private: bool = False,
) -> Path:
    """A fully written, synced temp file beside `target` (mode: the old file's, else the
    umask's, or 0600 for a private file)."""
    tmp = temp_path(target)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC
    fd = os.open(tmp, flags, 0o600 if private else 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            if mode is not None:
                os.fchmod(handle.fileno(), mode)
            if owner is not None:
                with contextlib.suppress(OSError):  # only root may give a file away
                    os.fchown(handle.fileno(), *owner)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def _kept(target: Path) -> tuple[int | None, tuple[int, int] | None]:
    """The mode and owner an existing file has, to give its replacement."""
    try:
        st = os.stat(target)
    except FileNotFoundError:
        return None, None
    owner = (st.st_uid, st.st_gid)
    return stat.S_IMODE(st.st_mode), owner if owner != (os.geteuid(), os.getegid()) else None


def remove_stale_temps(folder: Path, name: str | None = None, *, older_than: float = 0.0) -> int:
    """Remove kbgen temp files (of `name`, or all) in `folder`; returns how many went."""
    removed = 0
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    prefix = f".{name}{TMP_MARK}" if name else None

    def ours(entry: str) -> bool:
        if prefix is None:
            return is_temp_name(entry)
        old = entry.startswith(f".{name}") and _OLD_TEMP.fullmatch(entry[len(name) + 1 :])
        return entry.startswith(prefix) or bool(old)

    for item in entries:
        if not ours(item.name):
            continue
        try:
            if not item.is_file(follow_symlinks=False):
                continue
            if older_than and now - item.stat(follow_symlinks=False).st_mtime < older_than:
                continue
            os.unlink(item.path)
            removed += 1
        except OSError:
            continue
    return removed


def _in_kbgen_home(target: Path) -> bool:
    """kbgen's own state (KBGEN_HOME) holds customer words: its new files are private."""
    from kbgen.config import home

    try:
        return Path(os.path.abspath(target)).is_relative_to(os.path.abspath(home()))
    except (OSError, ValueError, RuntimeError):
        return False


def atomic_write(path: Path, data: str | bytes, *, private: bool = False) -> None:
    """Write a whole file or nothing: a temp file in the same folder, then rename.

    A run killed half-way leaves the old file (or none), never a truncated one. Mode, owner
    and symlinks of an existing file are kept; a new file gets the umask's mode (0600 with
    `private`, and under KBGEN_HOME, for state built from customer text); a non-regular
    target is written directly.
    Temp files of this name left by a killed run over an hour ago are removed.
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if _special(path):
        write_direct(path, payload)
        return
    target = real_target(path)
    private = private or _in_kbgen_home(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = _write_temp(target, payload, *_kept(target), private=private)
    except OSError as exc:
        raise KbgenError(f"cannot write {path}: {_why(exc)}") from None
    try:
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise KbgenError(f"cannot write {path}: {_why(exc)}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    remove_stale_temps(target.parent, target.name, older_than=STALE_SECONDS)


# --- one run's changes, all or none ----------------------------------------------------------


@dataclass(slots=True)
class _Change:
    path: Path  # as the user named it (messages)
    data: bytes
    kind: str  # "create": must not exist; "update": must still hold `old`; "put": any
    old: bytes | None = None
    target: Path | None = None  # the file really replaced (a symlink's target)
    tmp: Path | None = None
    done: bool = False


class FileChanges(AbstractContextManager["FileChanges"]):
    """A run's file changes, staged in memory and committed together at the end.

    Nothing on disk changes before `commit()`. Leaving the `with` block without committing
    (an error anywhere in the run) discards them. Resources the run holds until the commit
    (the content lock) are released by `commit()` or on leaving the block.
    """

    def __init__(self) -> None:
        self._changes: list[_Change] = []
        self._held = ExitStack()
        self._made_dirs: list[Path] = []

    def __len__(self) -> int:
        return len(self._changes)

    def hold(self, resource: AbstractContextManager[Any]) -> Any:
        """Enter `resource` now and keep it until the changes are committed or dropped."""
        return self._held.enter_context(resource)

    def paths(self) -> Iterator[Path]:
        return (c.path for c in self._changes)

    def create(self, path: Path, data: str | bytes) -> None:
        self._add(_Change(Path(path), _bytes(data), "create"))

    def update(self, path: Path, data: str | bytes, old: bytes) -> None:
        """Replace a file, provided it still holds `old` when the changes are committed."""
        self._add(_Change(Path(path), _bytes(data), "update", old=old))

    def put(self, path: Path, data: str | bytes) -> None:
        """Write a file whatever it holds now (it is restored if the commit fails)."""
        self._add(_Change(Path(path), _bytes(data), "put"))

    def _add(self, change: _Change) -> None:
        if any(c.path == change.path for c in self._changes):
            raise KbgenError(f"{change.path} would be written twice in one run")
        self._changes.append(change)

    def commit(self) -> None:
        try:
            self._prepare()
            self._apply()
            self._made_dirs.clear()  # they hold the new files now
        finally:
            self.close()

    def close(self) -> None:
        """Drop whatever was not committed: temp files, folders made for them, held locks."""
        for change in self._changes:
            if change.tmp is not None:
                change.tmp.unlink(missing_ok=True)
                change.tmp = None
        for folder in reversed(self._made_dirs):
            with contextlib.suppress(OSError):
                folder.rmdir()  # only when empty: nothing was committed there
        self._made_dirs.clear()
        self._changes.clear()
        self._held.close()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _mkdirs(self, folder: Path) -> None:
        missing: list[Path] = []
        while not folder.exists():
            missing.append(folder)
            folder = folder.parent
        for item in reversed(missing):
            item.mkdir()
            self._made_dirs.append(item)

    def _prepare(self) -> None:
        """Every check and every temp file first, so a failure here leaves no trace."""
        for change in self._changes:
            path = change.path
            if _special(path):
                raise KbgenError(f"cannot write {path}: not a regular file")
            target = change.target = real_target(path)
            try:
                current = target.read_bytes()
            except FileNotFoundError:
                current = None
            except OSError as exc:
                raise KbgenError(f"cannot read {path}: {_why(exc)}") from None
            if change.kind == "create" and current is not None:
                raise KbgenError(f"{path} appeared while kbgen was running; nothing was written")
            if change.kind == "update" and current != change.old:
                raise KbgenError(
                    f"{path} was changed while kbgen was running; nothing was written "
                    "(run again to include the change)"
                )
            change.old = current
            try:
                self._mkdirs(target.parent)
                change.tmp = _write_temp(target, change.data, *_kept(target))
            except OSError as exc:
                raise KbgenError(f"cannot write {path}: {_why(exc)}; nothing was written") from None

    def _apply(self) -> None:
        for change in self._changes:
            assert change.tmp is not None and change.target is not None
            try:
                os.replace(change.tmp, change.target)
            except OSError as exc:
                left = self._undo()
                why = f"cannot write {change.path}: {_why(exc)}"
                if left:
                    raise KbgenError(
                        f"{why}; could not undo the changes to: {', '.join(map(str, left))}"
                    ) from None
                raise KbgenError(f"{why}; nothing was written") from None
            except BaseException:  # Ctrl-C half-way: undo, then stop as asked
                self._undo()
                raise
            change.tmp, change.done = None, True
        for change in self._changes:
            assert change.target is not None
            remove_stale_temps(change.target.parent, change.target.name, older_than=STALE_SECONDS)

    def _undo(self) -> list[Path]:
        """Put back what the committed changes replaced; returns the files that could not be."""
        failed: list[Path] = []
        for change in reversed([c for c in self._changes if c.done]):
            assert change.target is not None
            try:
                if change.old is None:
                    change.target.unlink()
                else:
                    atomic_write(change.target, change.old)
                change.done = False
            except (OSError, KbgenError):
                failed.append(change.path)
        return failed


def _bytes(data: str | bytes) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data
