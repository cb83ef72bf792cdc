"""Bytes to clean text: encoding detection, decoding that names the bad line, JSON parsing
with one clear error, and removal of characters that hide or reorder text.

Invisible characters matter for privacy, not only looks: "ja\u200bne@example.com" slips past
an e-mail pattern and a right-to-left override makes a reviewer read a number backwards, so
every text is cleaned before redaction. A zero-width joiner is kept only between two
pictographs, where it builds one emoji (family, profession); tag characters are dropped, so
subdivision flags show as a plain black flag. A lone surrogate (half an emoji, from a JSON
"\\ud83d" escape) is dropped too: it cannot be encoded, so it would stop the run at embedding.

Files from Chinese systems may mix GB18030 and Big5 lines; each decodes "fine" as the other,
into nonsense, so a line that reads far better in the other encoding is reported like a line
in a wrong encoding (see `cjk_mismatch`).
"""

from __future__ import annotations

import codecs
import functools
import json
import re
import unicodedata
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
    invisible += range(0xD800, 0xE000)  # lone surrogates (a pair is one character by now)
    table.update(dict.fromkeys(invisible))
    return table


_CLEAN = _clean_table()
# A zero-width joiner stays only between two pictographs (family and profession emoji).
_PICTO = r"\u2600-\u27bf\U0001f000-\U0001faff"
_LONE_ZWJ = re.compile(rf"(?<![{_PICTO}\ufe0f\U0001f3fb-\U0001f3ff])\u200d|\u200d(?![{_PICTO}])")


_NEEDS_CLEAN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u2069\ufeff\ufff9-\ufffb\U000e0000-\U000e007f\ud800-\udfff]"
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

_WIDE = ("utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be")  # UTF-32 first: stricter


def wide_encoding(sample: bytes) -> str | None:
    """UTF-32 or UTF-16, from a byte order mark or, without one, from text that decodes cleanly.

    The UTF-32-LE mark starts with the UTF-16-LE one, so UTF-32 is checked first; a file
    without a mark is taken as wide only if its start decodes to ordinary text.
    """
    if sample.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = sample[:4096]
    if b"\x00" not in head:
        return None
    for encoding in _WIDE:
        try:
            text = codecs.getincrementaldecoder(encoding)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            return encoding
    return None


def _plausible(text: str) -> bool:
    """Ordinary text: no control, private or unassigned characters, and mostly ASCII words and
    delimiters (binary data read as UTF-16 gives scattered CJK-looking characters instead)."""
    if not text or not _ASCII_WORD.search(text):
        return False
    odd = sum(1 for c in text if unicodedata.category(c) in ("Cc", "Co", "Cn", "Cs"))
    odd -= text.count("\n") + text.count("\r") + text.count("\t")
    ascii_share = sum(1 for c in text if c < "\x80") / len(text)
    return odd == 0 and ascii_share >= 0.3


_ASCII_WORD = re.compile(r"[A-Za-z0-9_]{3}")


def detect_encoding(sample: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM) first, as most exports are; else ask charset-normalizer."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    wide = wide_encoding(sample)
    if wide:
        return wide
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
    chinese = _chinese_majority(lines)
    if best is None or (chinese and _family(best.encoding)):
        # GB18030 and Big5 lines mixed: charset-normalizer gives up or may pick the minority.
        if chinese:
            return chinese
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


def check_sample(sample: bytes, path: Path, wide: bool = False) -> None:
    if not sample.strip(b" \t\r\n\xef\xbb\xbf"):
        raise InputError(f"{path}: the file is empty")
    if b"\x00" in sample and not wide:
        raise InputError(f"{path}: looks like a binary file, not a ticket export")


# --- GB18030 and Big5 mixed in one file ----------------------------------------------------------

_FAMILIES = {"gb18030": "gb18030", "gbk": "gb18030", "gb2312": "gb18030",
             "big5": "big5", "big5hkscs": "big5", "cp950": "big5"}  # fmt: skip
_OTHER = {"gb18030": "big5", "big5": "gb18030"}
# Not counted when comparing readings: ASCII, CJK punctuation, full-width forms.
_NEUTRAL = re.compile(r"[\x00-\x7f\u3000-\u303f\uff00-\uffef]+")


def _family(encoding: str) -> str | None:
    try:
        return _FAMILIES.get(codecs.lookup(encoding).name)
    except LookupError:
        return None


@functools.cache
def _frequent(family: str) -> dict[int, None]:
    """The family's frequent characters (GB2312 level 1, Big5 level 1) as a deletion table."""
    if family == "gb18030":
        codes = [(lead, trail) for lead in range(0xB0, 0xD8) for trail in range(0xA1, 0xFF)]
        encoding = "gb2312"
    else:
        trails = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
        codes = [(lead, trail) for lead in range(0xA4, 0xC7) for trail in trails]
        codes = [(lead, trail) for lead, trail in codes if (lead, trail) <= (0xC6, 0x7E)]
        encoding = "big5"
    chars = []
    for lead, trail in codes:
        try:
            chars.append(bytes((lead, trail)).decode(encoding))
        except UnicodeDecodeError:
            continue
    return dict.fromkeys(map(ord, chars))


def _frequent_share(text: str, family: str) -> tuple[float, int]:
    """(share of the line's characters that are frequent in this reading, how many counted)."""
    core = _NEUTRAL.sub("", text)
    if not core:
        return 1.0, 0
    rare = len(core.translate(_frequent(family)))
    return (len(core) - rare) / len(core), len(core)


def cjk_mismatch(line: bytes, text: str, encoding: str) -> str | None:
    """The other encoding's name when a line decoded as GB18030 (Big5) reads far better as Big5
    (GB18030): nearly all frequent characters there, few here. None when the line is fine.

    Real text is over 90% frequent characters in its own encoding; the other reading gives
    about 30-60%, so the thresholds leave a wide margin (tested on both directions).
    """
    family = _family(encoding)
    if family is None or line.isascii():
        return None
    share, counted = _frequent_share(text, family)
    if counted < 4 or share >= 0.7:
        return None
    other = _OTHER[family]
    try:
        other_text = line.decode(other)
    except UnicodeDecodeError:
        return None
    other_share, _ = _frequent_share(other_text, other)
    return other if other_share >= 0.85 and other_share - share >= 0.3 else None


def _chinese_majority(lines: list[bytes]) -> str | None:
    """gb18030 or big5 when every non-ASCII sample line decodes in one of them, by majority."""
    votes = {"gb18030": 0, "big5": 0}
    for line in lines:
        best, best_share = None, 0.0
        for family in votes:
            try:
                share, counted = _frequent_share(line.decode(family), family)
            except UnicodeDecodeError:
                continue
            if counted and share > best_share:
                best, best_share = family, share
        if best is None or best_share < 0.85:
            return None
        votes[best] += 1
    if not lines:
        return None
    return max(votes, key=lambda k: votes[k])


def _mixed_message(path: Path, line_no: int, encoding: str, other: str, skip: bool) -> str:
    return (
        f"{path} line {line_no}: looks like {other} text in a {encoding} file (the file "
        "mixes encodings); re-save it as UTF-8" + (" or use --skip-bad-rows" if skip else "")
    )


class Lines:
    """The file's text lines, decoded one at a time so a bad byte is reported by line number.

    With `skip_bad`, an undecodable line is decoded with replacement characters and `dirty` is
    set, so the caller can drop (and count) the row that contains it. A line that decodes but
    reads as the other Chinese encoding (GB18030 vs Big5) is treated the same way.
    """

    def __init__(self, raw: IO[bytes], path: Path, encoding: str, skip_bad: bool) -> None:
        self.raw, self.path, self.encoding, self.skip_bad = raw, path, encoding, skip_bad
        self.line_no = 0
        self.dirty = False

    def __iter__(self) -> Iterator[str]:
        encoding = self.encoding
        if codecs.lookup(encoding).name.startswith(("utf-16", "utf-32")):  # not byte-splittable
            for line in codecs.getreader(encoding)(self.raw, errors="strict"):
                self.line_no += 1
                yield line
            return
        chinese = _family(encoding) is not None
        for line in self.raw:
            self.line_no += 1
            try:
                text = line.decode(encoding)
            except UnicodeDecodeError:
                if not self.skip_bad:
                    raise InputError(
                        f"{self.path} line {self.line_no}: not valid {encoding} text (the "
                        "file mixes encodings?); re-save it as UTF-8 or use --skip-bad-rows"
                    ) from None
                self.dirty = True
                yield line.decode(encoding, errors="replace")
                continue
            other = cjk_mismatch(line, text, encoding) if chinese else None
            if other:
                if not self.skip_bad:
                    raise InputError(_mixed_message(self.path, self.line_no, encoding, other, True))
                self.dirty = True
            yield text


def read_text(raw: IO[bytes], path: Path, encoding: str) -> str:
    """The whole file as text (for JSON documents); a bad byte is reported by line number."""
    data = raw.read()
    try:
        text = codecs.decode(data, encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"{path} line {line}: not valid {encoding} text (the file mixes "
            "encodings?); re-save it as UTF-8"
        ) from None
    if _family(encoding) is not None:
        for line_no, line in enumerate(data.split(b"\n"), 1):
            other = cjk_mismatch(line, line.decode(encoding), encoding)
            if other:
                raise InputError(_mixed_message(path, line_no, encoding, other, False))
    return text


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
