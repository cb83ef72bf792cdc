"""Valid sub-spans of a greedy candidate, found in bounded time.

A candidate regex is greedy, so "room 12 13800138000" or an IBAN followed by "OK" arrive as one
run; validating whole-then-parts finds the real number without a regex per format. Parts are
cut at spaces first (level 1) and only then inside a word at punctuation (level 0), which is
where ISBNs and coupon codes hide phone-shaped tails.

Time is bounded on hostile runs such as ``1-1-1-1-...``: a part spans at most
:data:`MAX_PARTS` pieces (no phone, card or id is typed in more groups than that; a whole
candidate in more groups is still validated whole) and must hold between ``min_chars`` and
``max_chars`` letters and digits, checked with prefix sums before the validator is called.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import accumulate

__all__ = ["MAX_PARTS", "Span", "Validator", "windows"]

Span = tuple[int, int]
# A validator sees a candidate, its offset, and how it was cut: 2 = the whole regex match,
# 1 = a piece between spaces, 0 = a piece cut at punctuation inside a word (most suspicious).
Validator = Callable[[str, int, int], bool]

MAX_PARTS = 6
_WORD = re.compile(r"[^ ]+")
_TOKEN = re.compile(r"[^ .\-()/_]+")
_CUTS = re.compile(r"[ .\-()/_]+")
# What candidates hold besides letters and digits; deleted to count a part's size.
_SEPARATORS = str.maketrans("", "", " .-()/_+#:")


def windows(
    start: int,
    cand: str,
    valid: Validator,
    min_chars: int = 1,
    max_chars: int = 64,
    dotted_whole: bool = True,
) -> list[Span]:
    """Valid sub-spans of ``cand`` (found at ``start``), longest first.

    Runs with two or more dots are versions or dotted numbers ("415.555.2671"): whole only
    (unless not ``dotted_whole``), or "10.0.19045.3693" would yield a phone from its tail.
    """
    if valid(cand, start, 2):
        return [(start, start + len(cand))]
    if dotted_whole and cand.count(".") >= 2:
        return []
    if max(map(len, cand.split(" "))) * MAX_PARTS < min_chars:  # "1 1 1 1 1 ...": no part fits
        return []
    bounds = (min_chars, max_chars)
    found = _pieces(start, cand, valid, _WORD, 1, bounds, skip_whole=True)
    if not found:
        for m in _WORD.finditer(cand):
            if len(m[0]) < min_chars:  # too short to hold a part
                continue
            if max(map(len, _CUTS.split(m[0]))) * MAX_PARTS < min_chars:  # "1-1-1-1-..."
                continue
            found += _pieces(start + m.start(), m[0], valid, _TOKEN, 0, bounds, skip_whole=False)
    return found


def _pieces(
    start: int,
    cand: str,
    valid: Validator,
    token: re.Pattern[str],
    level: int,
    bounds: tuple[int, int],
    skip_whole: bool,
) -> list[Span]:
    toks = [m.span() for m in token.finditer(cand)]
    # sizes[k] = letters and digits in the first k tokens
    sizes = [0, *accumulate(len(cand[s:e].translate(_SEPARATORS)) for s, e in toks)]
    low, high = bounds
    found: list[Span] = []
    i = 0
    while i < len(toks):
        last = min(len(toks), i + MAX_PARTS)
        if sizes[last] - sizes[i] < low:  # even the longest part from here is too short
            i += 1
            continue
        for j in range(last, i, -1):
            if skip_whole and (i, j) == (0, len(toks)):
                continue
            if not low <= sizes[j] - sizes[i] <= high:
                continue
            s, e = toks[i][0], toks[j - 1][1]
            if valid(cand[s:e], start + s, level):
                found.append((start + s, start + e))
                i = j
                break
        else:
            i += 1
    return found
