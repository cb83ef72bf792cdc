"""Opening the input: a file, a pipe (`<(cat t.csv)`, `/dev/stdin`), a FIFO, or "-" for stdin.

The readers sniff the first 256 KiB and then start again from byte 0. A pipe cannot seek, so
its start is kept in memory (`Rewindable`) and replayed; the rest streams through as from a
file, so memory stays bounded however large the input. Nothing is written to disk.

Opening a FIFO blocks until someone writes to it. Rather than hang in silence, `open_input`
waits a moment and then calls `on_wait` with a note saying what it waits for.
"""

from __future__ import annotations

import io
import os
import select
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO

from kbgen.errors import InputError

STDIN = "-"
STDIN_NAME = Path("<stdin>")
# How much of a pipe's start is kept so the readers can rewind after sniffing the format.
REWIND_BYTES = 1024 * 1024
WAIT_NOTE_AFTER_S = 1.0
# A named pipe nobody opens for writing: give up after this long (KBGEN_FIFO_TIMEOUT).
# Standard input never times out: the shell has connected its writer already.
FIFO_TIMEOUT_S = 60.0


class Rewindable(io.RawIOBase):
    """A forward-only stream that can seek back anywhere within its first `keep` bytes."""

    def __init__(self, raw: IO[bytes], keep: int = REWIND_BYTES, owned: bool = True) -> None:
        super().__init__()
        self._raw, self._keep, self._owned = raw, keep, owned
        self._head = bytearray()  # the stream's first bytes, while they fit in `keep`
        self._complete = True  # _head holds every byte read so far
        self._pos = 0  # position seen by the reader
        self._read = 0  # bytes taken from the underlying stream

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_CUR:
            offset += self._pos
        elif whence != io.SEEK_SET:
            raise io.UnsupportedOperation("a pipe can only seek from its start")
        if offset == self._pos:
            return offset
        if not self._complete or not 0 <= offset <= self._read:
            raise io.UnsupportedOperation(
                f"a pipe can rewind only within its first {self._keep} bytes"
            )
        self._pos = offset
        return offset

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._pos < self._read:  # replaying the kept start
            n = min(len(buffer), self._read - self._pos)
            buffer[:n] = self._head[self._pos : self._pos + n]
            self._pos += n
            return n
        data = self._raw.read(len(buffer))
        if not data:
            return 0
        n = len(data)
        buffer[:n] = data
        if self._complete and self._read + n <= self._keep:
            self._head += data
        else:
            self._complete = False
            self._head = bytearray()
        self._read += n
        self._pos += n
        return n

    def close(self) -> None:
        if not self.closed and self._owned:
            self._raw.close()
        super().close()


def fifo_timeout() -> float | None:
    """Seconds to wait for a writer on a named pipe (`KBGEN_FIFO_TIMEOUT`, 0 = for ever)."""
    raw = os.environ.get("KBGEN_FIFO_TIMEOUT", "").strip()
    try:
        seconds = float(raw) if raw else FIFO_TIMEOUT_S
    except ValueError:
        raise InputError(f"KBGEN_FIFO_TIMEOUT: {raw!r} is not a number of seconds") from None
    return None if seconds <= 0 else seconds


def _wait_readable(
    fd: int, name: str, on_wait: Callable[[str], None] | None, limit: float | None = None
) -> None:
    """Return once `fd` has data (or its writer has gone); say so if that takes a while, and
    give up with one clear error after `limit` seconds (None: wait as long as it takes)."""
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLHUP)
    if poller.poll(WAIT_NOTE_AFTER_S * 1000):
        return
    if on_wait is not None:
        until = f" for up to {limit:.0f}s" if limit is not None else ""
        on_wait(f"waiting{until} for input on {name} (write to it, or press Ctrl-C to stop)")
    left = None if limit is None else max(0.0, limit - WAIT_NOTE_AFTER_S) * 1000
    if not poller.poll(left):
        raise InputError(
            f"{name}: nothing was written to it within {limit:.0f}s "
            "(set KBGEN_FIFO_TIMEOUT to wait longer, 0 for ever)"
        )


def _open_fifo(path: Path, on_wait: Callable[[str], None] | None) -> IO[bytes]:
    # O_NONBLOCK: open at once even with no writer yet (a blocking open would hang right here).
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        _wait_readable(fd, f"the FIFO {path}", on_wait, fifo_timeout())
        os.set_blocking(fd, True)
        return io.FileIO(fd, "rb", closefd=True)
    except BaseException:
        os.close(fd)
        raise


def open_input(path: Path, on_wait: Callable[[str], None] | None = None) -> tuple[IO[bytes], Path]:
    """The input as a binary stream that can rewind to byte 0, and the name to show for it."""
    if str(path) == STDIN:
        stdin = sys.stdin.buffer if sys.stdin is not None else None
        if stdin is None:
            raise InputError("-: there is no standard input to read")
        try:
            fd = stdin.fileno()
        except (OSError, ValueError):
            fd = -1  # not a real file (a test runner's buffer)
        if fd >= 0:
            if os.isatty(fd):
                if on_wait is not None:
                    on_wait("reading tickets from the terminal; end with Ctrl-D")
            else:
                _wait_readable(fd, "standard input", on_wait)
        return io.BufferedReader(Rewindable(stdin, owned=False)), STDIN_NAME
    try:
        mode = path.stat().st_mode
    except OSError:
        mode = 0
    try:
        raw: IO[bytes] = _open_fifo(path, on_wait) if stat.S_ISFIFO(mode) else path.open("rb")
    except OSError as exc:
        raise InputError(f"{path}: cannot open ({exc.strerror or exc})") from None
    if raw.seekable():
        return raw, path
    return io.BufferedReader(Rewindable(raw)), path
