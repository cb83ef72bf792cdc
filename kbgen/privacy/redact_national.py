"""Identity documents the core detectors do not know: Taiwan and Hong Kong ids, passports.

All run on the folded copy (full-width letters and brackets are ASCII there) and return spans
that :mod:`kbgen.privacy.redact` masks as ``<ID>``:

* Taiwan national id and resident certificate: a letter, 1/2 (or 8/9), eight digits, with the
  official check digit (one random code in ten passes, so product codes rarely do), compact
  or with its digits grouped 3-3-3 by one kind of separator.
* Hong Kong identity card: one or two letters, six digits and a check character. Written with
  its bracketed check character (``A123456(3)``) the shape alone is enough, as people do not
  write other codes that way; with a space before the bracket (``A123456 (3)``) the check
  character must be right; without brackets it must be right and an id word must come before.
* Passport numbers: one or two letters and six to nine digits, or six to nine digits (also in
  two or three groups: ``644 572276``), right after "passport (no.)", 护照, 護照,
  หนังสือเดินทาง or พาสปอร์ต.
"""

from __future__ import annotations

import re

from kbgen.privacy.context import first_wins

__all__ = ["hk_id_ok", "national_id_spans", "tw_id_ok"]

Span = tuple[int, int]

# Letter values of the Taiwan id: A=10 ... with I, O, W, X, Y, Z out of order.
_TW_LETTERS = dict(zip("ABCDEFGHJKLMNPQRSTUVXYWZIO", range(10, 36), strict=True))
# Compact, or grouped with one kind of separator as people read it out: "A 123 456 789",
# "A123-456-789".
_TW_ID = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z](?:[1289][0-9]{8}|[ \-]?[1289][0-9]{2}([ \-])[0-9]{3}\1[0-9]{3})"
    r"(?![A-Za-z0-9]|[ \-][0-9])"
)
# The check character in brackets, also after a space: "A123456 (3)".
_HK_ID = re.compile(
    r"(?<![A-Za-z0-9])([A-Z]{1,2})([0-9]{6})(?:(\s?)\(([0-9A])\)|([0-9A]))(?![A-Za-z0-9])"
)
_ID_WORD = re.compile(
    r"(?:\b(?:hkid|id|identity|ic)\b|身[份分][证證]|證件|证件|บัตร|เลขประจำตัว)[^0-9\n]{0,16}$",
    re.I,
)
_PASSPORT = re.compile(
    r"(?:\bpassport(?:\s*(?:no\.?|number|num|#))?|护照(?:号码|號碼|号|號)?|護照(?:號碼|号码|號|号)?"
    r"|หนังสือเดินทาง|พาสปอร์ต)(?:\s*(?:is|:|：|是|为|為|เลขที่|หมายเลข|คือ)?\s*)"
    r"([A-Za-z]{1,2}[0-9]{6,9}|[0-9]{6,9}"
    # grouped as it is read out: "644 572276", "E 1234 5678" (six to nine digits in all)
    r"|(?:[A-Za-z]{1,2}[ \-]?)?[0-9]{2,4}(?:[ \-][0-9]{2,6}){1,2})(?![A-Za-z0-9]|[ \-][0-9])",
    re.I,
)
_NOT_DIGIT = re.compile(r"[^0-9]")


# Cheap tests that let most texts skip the patterns above.
_LETTER_DIGITS = re.compile(r"[A-Za-z](?:[0-9]{6}|[ \-]?[1289][0-9]{2}[ \-][0-9]{3})")
_PASSPORT_HINT = re.compile(r"(?=[pP护護หพ])(?:passport|护照|護照|หนังสือเดินทาง|พาสปอร์ต)", re.I)


def tw_id_ok(code: str) -> bool:
    code = code.upper()
    value = _TW_LETTERS.get(code[0])
    if value is None or not code[1:].isdigit():
        return False
    digits = [value // 10, value % 10, *map(int, code[1:])]
    weights = (1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1)
    return sum(d * w for d, w in zip(digits, weights, strict=True)) % 10 == 0


def hk_id_ok(letters: str, digits: str, check: str) -> bool:
    values = [ord(c) - 55 for c in letters.rjust(2, "[")]  # a blank first letter counts 36
    total = sum(v * w for v, w in zip(values, (9, 8), strict=True))
    total += sum(int(d) * w for d, w in zip(digits, range(7, 1, -1), strict=True))
    expected = (11 - total % 11) % 11
    return check == ("A" if expected == 10 else str(expected))


def national_id_spans(work: str) -> list[Span]:
    """Taiwan, Hong Kong and passport numbers in the folded text ``work``."""
    spans: list[Span] = []
    if _PASSPORT_HINT.search(work):
        spans += [
            m.span(1) for m in _PASSPORT.finditer(work) if 6 <= len(_NOT_DIGIT.sub("", m[1])) <= 9
        ]
    if not _LETTER_DIGITS.search(work):
        return spans
    spans += [m.span() for m in _TW_ID.finditer(work) if tw_id_ok(re.sub(r"[ \-]", "", m[0]))]
    for m in _HK_ID.finditer(work):
        check = m[4] or m[5]
        # Bracketed right after the digits, the shape alone is enough; a space before the
        # bracket, or no bracket, needs the right check character, and no bracket an id word.
        if (m[4] is not None and not m[3]) or (
            hk_id_ok(m[1], m[2], check)
            and (
                m[4] is not None
                or _ID_WORD.search(work, max(0, m.start() - 24), m.start()) is not None
            )
        ):
            spans.append(m.span())
    return first_wins(spans)
