"""The detection copy of a text: what the redactor's patterns read instead of the original.

Personal data hides behind characters that look alike or not at all: full-width digits and
``＠``, an ideographic full stop in ``jane@example。com``, hair spaces between digit groups,
a variation selector or Hangul filler inside an address, phone numbers in Chinese numerals,
``&#64;`` for ``@``. The redactor reads a *folded* copy where each of these is plain ASCII
(or gone), and maps what it finds back onto the original text, so everything it does not mask
keeps the customer's own characters.

HTML entities are the exception: they are decoded in the text itself, before detection, because
a Markdown page would decode ``jane&#64;example.com`` into a plain address later anyway.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

__all__ = ["Folded", "decode_entities", "fold"]


def _fold_table() -> dict[int, int]:
    """One-to-one character map, so detection offsets stay valid on the original text."""
    table = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}  # full-width ASCII
    for zero in (0x0E50, 0x0660, 0x06F0, 0x0966):  # Thai, Arabic-Indic, Persian, Devanagari
        table.update({zero + i: 0x30 + i for i in range(10)})
    # Every space separator (no-break, en/em, thin, hair, ideographic...) is a plain space.
    for space in (0x00A0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000):
        table[space] = 0x20
    for dash in (0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0x30FC, 0xFE63):
        table[dash] = 0x2D
    # Ideographic and half-width full stops, small and one-dot leaders: "example。com".
    for dot in (0x3002, 0xFF61, 0xFE52, 0x2024):
        table[dot] = 0x2E
    table[0xFE6B] = 0x40  # small commercial at
    table[0xFF3F] = 0x5F
    return table


_FOLD = _fold_table()

# Characters with no width that a pattern would otherwise see between two letters of an
# address or two digits of a number: format characters, variation selectors (VS16 after a
# digit), Hangul fillers, combining grapheme joiner, Mongolian selectors, word joiners.
# Zero-width characters the ingest already drops are listed too: the redactor is also called
# on texts that did not come through the ingest (ids, answers, tests).
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\U000e0000-\U000e0fff]"
)

# Phone and id numbers read aloud in Chinese numerals (幺 is "one" when reading digits),
# also mixed with digits ("一八六一8165898"). Only runs of seven digits or more with at least
# two numerals in them are mapped: "一二三" in prose stays prose, and words that contain a
# numeral ("统一编号", "第一 1234567") keep their meaning for the context detectors.
_CN_DIGITS = "〇零一二三四五六七八九幺"
_CN_RUN = re.compile(rf"[{_CN_DIGITS}0-9](?:[ \-./_]?[{_CN_DIGITS}0-9]){{6,}}")
_CN_TWO = re.compile(rf"[{_CN_DIGITS}][^{_CN_DIGITS}]*[{_CN_DIGITS}]")
_CN_HINT = re.compile(rf"[{_CN_DIGITS}][ \-./_]?[{_CN_DIGITS}0-9]")
_CN_TABLE = str.maketrans(_CN_DIGITS, "00123456789" + "1")


def _cn_digits(m: re.Match[str]) -> str:
    return m[0].translate(_CN_TABLE) if _CN_TWO.search(m[0]) else m[0]


_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]{1,31});?")
# "&" encoded again and again ("&amp;amp;", "&#38;#38;"): one "&", in one linear step.
_AMP_CHAIN = re.compile(r"&(?:amp;|#0*38;|#x0*26;)+", re.I)


def decode_entities(text: str) -> str:
    """HTML entities decoded the way a browser would, including double encodings.

    ``&amp;#64;`` is decoded twice; a long ``&amp;amp;amp;`` chain is collapsed in one linear
    step first, so the loop below runs a bounded number of times on any input (nesting deeper
    than that through other entities is left half decoded).
    """
    if "&" not in text or not _ENTITY.search(text):
        return text
    text = _AMP_CHAIN.sub("&", text)
    for _ in range(8):
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    return text


class Folded:
    """The folded copy of a text and the way back from its offsets to the original's.

    ``text`` is the copy the detectors read; :meth:`span` maps a span of it onto the original.
    When the original holds invisible characters the copy leaves them out, and a span that
    covers an address split by them covers the invisible characters too.
    """

    __slots__ = ("_keep", "text")

    def __init__(self, text: str, keep: Sequence[int] | None) -> None:
        self.text = text
        self._keep = keep

    def span(self, start: int, end: int) -> tuple[int, int]:
        if self._keep is None:
            return start, end
        return self._keep[start], self._keep[end - 1] + 1


def fold(text: str) -> Folded:
    """The detection copy of ``text`` (see the module docstring)."""
    work = text.translate(_FOLD)
    if _CN_HINT.search(work):
        work = _CN_RUN.sub(_cn_digits, work)
    if not _INVISIBLE.search(work):
        return Folded(work, None)
    keep = [i for i, c in enumerate(work) if not _INVISIBLE.match(c)]
    return Folded("".join(work[i] for i in keep), keep)
