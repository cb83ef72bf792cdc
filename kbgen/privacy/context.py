"""Small helpers the context-decided detectors share (orders, accounts, contacts, national ids,
names, addresses).

A code is typed by the last word before it within a window that ends at a sentence or clause
break; overlapping candidates keep the first, or (for finds of one value by several patterns)
are joined.
"""

from __future__ import annotations

import re

Span = tuple[int, int]


def last_word(
    words: re.Pattern[str],
    lowered: str,
    at: int,
    reach: int,
    brk: re.Pattern[str],
    gap: re.Pattern[str] | None = None,
    gap_max: int = 0,
) -> re.Match[str] | None:
    """The last match of ``words`` before ``at``, at most ``reach`` characters back and not
    across a ``brk`` (searched in the reversed window, nearest first); None when none, or when
    ``gap`` is given and what lies between the word and ``at`` is longer than ``gap_max`` or
    not all ``gap`` (filler, punctuation)."""
    lo = max(0, at - reach)
    stop = brk.search(lowered[lo:at][::-1])
    if stop:
        lo = at - stop.start()
    last = None
    for last in words.finditer(lowered, lo, at):  # noqa: B007
        pass
    if last is not None and gap is not None:
        between = lowered[last.end() : at]
        if len(between) > gap_max or not gap.fullmatch(between):
            return None
    return last


def first_wins(spans: list[Span]) -> list[Span]:
    """The spans in order, each one that overlaps an earlier kept span dropped."""
    out: list[Span] = []
    for s, e in sorted(spans):
        if not out or s >= out[-1][1]:
            out.append((s, e))
    return out


def union(spans: list[Span]) -> list[Span]:
    """The spans in order, overlapping ones joined into one and empty ones left out."""
    out: list[Span] = []
    for s, e in sorted(spans):
        if e <= s:
            continue
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out
