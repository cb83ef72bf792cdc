"""Bytes to clean text: encoding detection, decoding that names the bad line, JSON parsing
with one clear error, and removal of characters that hide or reorder text.

Invisible characters matter for privacy, not only looks: "ja\u200bne@example.com" slips past
an e-mail pattern and a right-to-left override makes a reviewer read a number backwards, so
every text is cleaned before redaction. A zero-width joiner is kept only between two
pictographs, where it builds one emoji (family, profession); tag characters are dropped, so
subdivision flags show as a plain black flag.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from kbgen.errors import InputError

# Encodings tried when a file is not UTF-8; charset-normalizer picks among them.
LEGACY_ENCODINGS = ["gb18030", "big5", "cp874", "cp1252", "utf_16", "shift_jis", "euc_kr"]


# --- cleaning ----------------------------------------------------------------------------------


def _clean_table() -> dict[int, int | str | None]:
    table: dict[int, int | str | None] = dict.fromkeys(
        [*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F, *range(0x80, 0xA0)]
    )
    table.update({0x0B: " ", 0x0C: " ", 0x85: "\n", 0x2028: "\n", 0x2029: "\n"})
    invisible = [0x00AD, 0x061C, 0x180E, 0x200B, 0x200C, 0x200E, 0x200F, 0xFEFF]
    invisible += [*range(0x202A, 0x202F), *range(0x2060, 0x2065), *range(0x2066, 0x206A)]
    invisible += [0xFFF9, 0xFFFA, 0xFFFB, *range(0xE0000, 0xE0080)]  # annotations, tag chars
    table.update(dict.fromkeys(invisible))
    return table


_CLEAN = _clean_table()
# A zero-width joiner stays only between two pictographs (family and profession emoji).
_PICTO = r"\u2600-\u27bf\U0001f000-\U0001faff"
_LONE_ZWJ = re.compile(rf"(?<![{_PICTO}\ufe0f\U0001f3fb-\U0001f3ff])\u200d|\u200d(?![{_PICTO}])")


_NEEDS_CLEAN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u2069\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)


def clean_text(text: str) -> str:
    """Remove characters that are invisible or reorder text, and unify line breaks."""
    if not _NEEDS_CLEAN.search(text):  # the usual case, and a fast one
        return text.strip()
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_CLEAN)
    if "\u200d" in text:
        text = _LONE_ZWJ.sub("", text)
    return text.strip()


# --- decoding ---------------------------------------------------------------------------------


def detect_encoding(sample: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM) first, as most exports are; else ask charset-normalizer."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    # Mostly UTF-8 with a few lines from another system: read as UTF-8 so the odd lines are
    # reported (or skipped) by number instead of turning every other line into mojibake.
    lines = [line for line in sample.split(b"\n")[:-1] if not line.isascii()]
    bad = sum(1 for line in lines if not _is_utf8(line))
    if lines and bad * 10 <= len(lines):
        return "utf-8"
    from charset_normalizer import from_bytes

    best = from_bytes(sample, cp_isolation=LEGACY_ENCODINGS).best()
    if best is None:
        raise InputError(
            f"{path}: cannot tell the text encoding; save the file as UTF-8 and try again"
        )
    return best.encoding


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def check_sample(sample: bytes, path: Path) -> None:
    if not sample.strip(b" \t\r\n\xef\xbb\xbf"):
        raise InputError(f"{path}: the file is empty")
    if b"\x00" in sample and not sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(f"{path}: looks like a binary file, not a ticket export")


class Lines:
    """The file's text lines, decoded one at a time so a bad byte is reported by line number.

    With `skip_bad`, an undecodable line is decoded with replacement characters and `dirty` is
    set, so the caller can drop (and count) the row that contains it.
    """

    def __init__(self, raw: IO[bytes], path: Path, encoding: str, skip_bad: bool) -> None:
        self.raw, self.path, self.encoding, self.skip_bad = raw, path, encoding, skip_bad
        self.line_no = 0
        self.dirty = False

    def __iter__(self) -> Iterator[str]:
        encoding = self.encoding
        if codecs.lookup(encoding).name.startswith("utf-16"):  # not line-splittable as bytes
            yield from codecs.getreader(encoding)(self.raw, errors="strict")
            return
        for line in self.raw:
            self.line_no += 1
            try:
                yield line.decode(encoding)
            except UnicodeDecodeError:
                if not self.skip_bad:
                    raise InputError(
                        f"{self.path} line {self.line_no}: not valid {encoding} text (the "
                        "file mixes encodings?); re-save it as UTF-8 or use --skip-bad-rows"
                    ) from None
                self.dirty = True
                yield line.decode(encoding, errors="replace")


def read_text(raw: IO[bytes], path: Path, encoding: str) -> str:
    """The whole file as text (for JSON documents); a bad byte is reported by line number."""
    data = raw.read()
    try:
        return codecs.decode(data, encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"{path} line {line}: not valid {encoding} text (the file mixes "
            "encodings?); re-save it as UTF-8"
        ) from None


def load_json(text: str, path: Path, line_no: int | None = None) -> Any:
    """json.loads with every failure (syntax, huge numbers, deep nesting) as one InputError."""
    where = f"{path} line {line_no}" if line_no else f"{path}"
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        at = f"{path} line {exc.lineno}" if line_no is None else where
        raise InputError(f"{at}: invalid JSON ({exc.msg})") from None
    except (ValueError, RecursionError) as exc:
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise InputError(f"{where}: invalid JSON ({reason})") from None
