"""A message's clauses and their tokens: where clauses begin and end, and the words in each.

Chinese and Thai are segmented into words (jieba, pythainlp); every word has one spelling (its
key) whatever its width, case or script variant, so the lists and what is learned match it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from kbgen.intent.lang import HAN_CHARS as _HAN_CHARS
from kbgen.intent.lang import LATIN_CHARS as _LATIN
from kbgen.intent.lang import THAI_CHARS as _THAI_CHARS
from kbgen.intent.lang import to_simplified, word_spans

_TOKEN = re.compile(
    r"(?P<mask><[A-Z][A-Z0-9_]*>)"
    rf"|(?P<th>[{_THAI_CHARS}]+)|(?P<han>[{_HAN_CHARS}]+)"
    rf"|(?P<word>[{_LATIN}](?:[{_LATIN}'’.\-]*[{_LATIN}])?)"
    r"|(?P<hash>#)"
)
# Clause boundaries: sentence ends, commas, colons, brackets, emoji-ish symbols, line breaks.
_CLAUSE = re.compile(
    r"[!?。！？；;…\n\r，、~～()（）\[\]【】「」『』\"“”|\\]+\s*"
    r"|(?<!\d)[.,:：/]+\s*|[.,:：/]+(?!\d)\s*"  # not inside 3.5, 1,000, 8:10, 12/11
    r"|\s+-+\s+"
    r"|[\u2600-\u27bf\U0001f000-\U0001faff]+"
)
# Thai writes no punctuation between sentences: a space next to Thai text ends a clause.
# A mask stays with the words before it ("ติดต่อเบอร์ <PHONE>" is one clause).
# Chinese writers use a space the same way between phrases ("有道词典 胡先生").
_THAI_SPACE = re.compile(
    rf"(?<=[{_THAI_CHARS}])\s+(?!<[A-Z])|(?<!>)\s+(?=[{_THAI_CHARS}])"
    rf"|(?<=[{_HAN_CHARS}])\s+(?=[{_HAN_CHARS}])"
)
_DIGIT = re.compile(r"\d")
# "order no. <ORDER_ID>", "tel. <PHONE>": the dot ends a word, not a sentence.
_ABBREVIATION = re.compile(r"\b(no|nr|ref|tel|ph|mob|acct|inv)\.\s*(?=[<#\d])", re.I)
_NUMBERISH = re.compile(r"^[#\d.,:/\-]+$|^(?=.*\d)[A-Za-z0-9\-]{5,}$")


def _key(token: str) -> str:
    """One spelling per word: NFKC, case-folded, Traditional mapped to Simplified."""
    folded = unicodedata.normalize("NFKC", token).casefold().replace("’", "'")
    if any("\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" for c in folded):
        return to_simplified(folded)
    return folded


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    key: str
    kind: str  # "mask" | "num" | "word" (any script)


@lru_cache(maxsize=200_000)
def tokens(clause: str) -> tuple[Token, ...]:
    """Tokens of one clause with their offsets; Chinese and Thai segmented into words."""
    out: list[Token] = []
    for m in _TOKEN.finditer(clause):
        kind = m.lastgroup
        if kind == "mask":
            out.append(Token(m.start(), m.end(), m[0], "mask"))
        elif kind in ("th", "han"):
            # A Chinese word's key is its Simplified form as jieba cut it.
            keyed = to_simplified(m[0]) if kind == "han" else m[0]
            for a, b in word_spans(kind, m[0], keyed):
                key = keyed[a:b] if kind == "han" else _key(keyed[a:b])
                out.append(Token(m.start() + a, m.start() + b, key, "word"))
        elif kind == "hash":
            out.append(Token(m.start(), m.end(), "#", "num"))
        else:
            word = m[0].rstrip(".")
            kind = "num" if _NUMBERISH.match(word) or _DIGIT.search(word) else "word"
            out.append(Token(m.start(), m.start() + len(word), _key(word), kind))
    return tuple(out)


def split_clauses(text: str) -> list[str]:
    """Clauses of a message, in order, stripped of surrounding space."""
    text = _ABBREVIATION.sub(r"\1 ", text)
    return [text[start:end] for start, end in clause_spans(text)]


def clause_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each clause in `text`, without the space around it."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for cut in [*_CLAUSE.finditer(text), None]:
        stop = cut.start() if cut is not None else len(text)
        piece_start = pos
        for gap in [*_THAI_SPACE.finditer(text, pos, stop), None]:
            sub_stop = gap.start() if gap is not None else stop
            sub = text[piece_start:sub_stop]
            if sub.strip():
                lead = len(sub) - len(sub.lstrip())
                spans.append((piece_start + lead, piece_start + len(sub.rstrip())))
            if gap is not None:
                piece_start = gap.end()
        if cut is not None:
            pos = max(cut.end(), pos)
    return spans


def _idlike(token: Token) -> bool:
    """A mask, a "#" or a number long enough to be an id (5+ digits): never content. Short
    numbers are ("8:10 alarm", "3 squared", "iPhone 13")."""
    if token.kind == "mask" or token.key == "#":
        return True
    return token.kind == "num" and len(_DIGIT.findall(token.key)) >= 5


@lru_cache(maxsize=1 << 18)
def _filler(key: str) -> bool:
    from kbgen.intent.stopwords import is_stopword

    return is_stopword(key)


@lru_cache(maxsize=1 << 18)
def _content(key: str) -> bool:
    return not _filler(key) and not _DIGIT.search(key) and not key.startswith("<")
