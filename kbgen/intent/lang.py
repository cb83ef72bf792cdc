"""Which of our languages a text is in, and how to split it into words.

Support text mixes scripts ("我的order还没到"), so segmentation works per script run: Thai
runs go to pythainlp (newmm), Han runs to jieba (Traditional is mapped to Simplified
character by character first, because jieba's dictionary is Simplified), the rest to a
plain word regex.
"""

from __future__ import annotations

import re
from functools import lru_cache

LANGS = ("en", "zh-Hans", "zh-Hant", "th")

THAI_CHARS = "\u0e00-\u0e7f"
HAN_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
LATIN_CHARS = r"A-Za-z0-9\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff"
_THAI = re.compile(f"[{THAI_CHARS}]+")
_HAN = re.compile(f"[{HAN_CHARS}]+")
_RUNS = re.compile(
    r"(?P<mask><[A-Z][A-Z_]*>)"
    rf"|(?P<th>[{THAI_CHARS}]+)|(?P<han>[{HAN_CHARS}]+)"
    rf"|(?P<word>[{LATIN_CHARS}](?:[{LATIN_CHARS}'’-]*[{LATIN_CHARS}])?)",
)


@lru_cache(maxsize=1)
def _t2s():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Simplified form of a Han string, or the string itself if lengths would differ."""
    converted = _t2s().convert(text)
    return converted if len(converted) == len(text) else text


def detect(text: str) -> str:
    """en | zh-Hans | zh-Hant | th, from the script that dominates the text."""
    thai = sum(len(m) for m in _THAI.findall(text))
    han_runs = _HAN.findall(text)
    han = sum(len(m) for m in han_runs)
    if thai == 0 and han == 0:
        return "en"
    if thai >= han:
        return "th"
    joined = "".join(han_runs)
    return "zh-Hant" if to_simplified(joined) != joined else "zh-Hans"


@lru_cache(maxsize=1)
def _jieba():  # type: ignore[no-untyped-def]
    from kbgen.config import prepare_segmenters

    prepare_segmenters()
    import jieba

    jieba.initialize()
    return jieba


@lru_cache(maxsize=1)
def _thai_tokenize():  # type: ignore[no-untyped-def]
    from kbgen.config import prepare_segmenters

    prepare_segmenters()
    from pythainlp.tokenize import word_tokenize

    return word_tokenize


def word_spans(script: str, run: str, simplified: str | None = None) -> list[tuple[int, int]]:
    """(start, end) of each word of a run of one script: "th" (pythainlp newmm) or "han"
    (jieba on its Simplified form, which has the same length, so offsets hold for both;
    pass it as `simplified` when already at hand)."""
    pieces = (
        _thai_tokenize()(run, engine="newmm")
        if script == "th"
        else _jieba().cut(simplified or to_simplified(run), HMM=True)
    )
    spans: list[tuple[int, int]] = []
    pos = 0
    for piece in pieces:
        if piece.strip():
            spans.append((pos, pos + len(piece)))
        pos += len(piece)
    return spans


def segment(text: str) -> list[str]:
    """Words of a text in its original spelling, script run by script run."""
    words: list[str] = []
    for match in _RUNS.finditer(text):
        run = match.group()
        if match.lastgroup == "mask":
            continue  # <EMAIL>, <PHONE>: what was masked is not what the question is about
        if match.lastgroup in ("th", "han"):
            words.extend(run[a:b] for a, b in word_spans(match.lastgroup, run))
        else:
            words.append(run)
    return words
