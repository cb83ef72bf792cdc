"""Make Chinese and Thai findable in the browser-side search (lunr, inside mkdocs-material).

lunr splits text only on the search separator and matches every query term as a prefix of an
indexed token. Thai is written without spaces and Chinese has no separators at all, so (see
shared/SEARCH.md):

* Thai runs are word-segmented at build time (pythainlp newmm) and joined with U+200B, which
  the configured separator splits on; Chinese is segmented by Material itself (jieba).
* A query can span or start inside a segmenter word (ขอคืนเงิน, คำสั่งซื้อ, 什么时候). For those we
  add a hidden `keywords` field: for each word, the run of up to `SPAN` following words glued
  together, and its suffixes that start inside the first word. Prefix matching on those tokens
  then finds any substring that starts at a word or character boundary and spans up to `SPAN`
  words.
"""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

ZWSP = "\u200b"
SPAN = 3  # words glued into one keyword token
THAI_RUN = re.compile(r"[\u0e00-\u0e7f]+")
HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_TAG = re.compile(r"<[^>]*>")


def prepare() -> None:
    """Keep jieba's and pythainlp's files under KBGEN_HOME (see kbgen.config).

    pythainlp 5.4 reads PYTHAINLP_DATA and refuses to start when PYTHAINLP_DATA_DIR is set as
    well; older releases read only PYTHAINLP_DATA_DIR. Leave exactly the one it reads.
    """
    from kbgen.config import prepare_segmenters

    prepare_segmenters()
    new, old = os.environ.get("PYTHAINLP_DATA"), os.environ.get("PYTHAINLP_DATA_DIR")
    if new and old:
        from importlib.metadata import version

        major, minor = (int(x) for x in version("pythainlp").split(".")[:2])
        if (major, minor) >= (5, 4):
            del os.environ["PYTHAINLP_DATA_DIR"]
        else:
            del os.environ["PYTHAINLP_DATA"]


@lru_cache(maxsize=1)
def _thai_tokenizer() -> Callable[[str], list[str]]:
    prepare()
    from pythainlp.tokenize import word_tokenize

    return lambda text: [w for w in word_tokenize(text, engine="newmm") if w.strip()]


@lru_cache(maxsize=1)
def _han_tokenizer() -> Callable[[str], list[str]]:
    import jieba

    prepare()
    return lambda text: [w for w in jieba.lcut(text) if w.strip()]


@lru_cache(maxsize=100_000)
def thai_words(text: str) -> tuple[str, ...]:
    return tuple(_thai_tokenizer()(text))


@lru_cache(maxsize=100_000)
def han_words(text: str) -> tuple[str, ...]:
    return tuple(_han_tokenizer()(text))


def segment_thai(text: str) -> str:
    """Insert U+200B between the Thai words of every Thai run (tags and other text untouched)."""
    return THAI_RUN.sub(lambda m: ZWSP.join(thai_words(m.group(0))), text)


@lru_cache(maxsize=65536)
def _thai_starts(word: str) -> tuple[int, ...]:
    """Offsets of Thai character-cluster (TCC) boundaries inside `word`: places a real
    syllable can begin, so a keyword never starts on a vowel sign or tone mark."""
    from pythainlp.tokenize import subword_tokenize

    offsets, pos = [], 0
    for cluster in subword_tokenize(word, engine="tcc")[:-1]:
        pos += len(cluster)
        offsets.append(pos)
    return tuple(offsets)


def _starts(word: str, thai: bool) -> tuple[int, ...]:
    return _thai_starts(word) if thai else tuple(range(1, len(word)))


@lru_cache(maxsize=100_000)
def _run_keywords(words: tuple[str, ...], thai: bool) -> tuple[str, ...]:
    out: dict[str, None] = {}
    for i, word in enumerate(words):
        glued = "".join(words[i : i + SPAN])
        if len(words) > 1 and i + 1 < len(words):
            out[glued] = None
        for start in _starts(word, thai):
            suffix = glued[start:]
            if len(suffix) >= (3 if thai else 2):
                out[suffix] = None
    return tuple(out)


@lru_cache(maxsize=2)
def _converter(direction: str) -> Callable[[str], str]:
    import opencc

    return opencc.OpenCC(direction).convert


@lru_cache(maxsize=100_000)
def han_forms(run: str) -> tuple[str, ...]:
    """A Chinese run in the script it was written in, then its Simplified and Traditional
    forms (OpenCC) where they differ: 发票 and 發票 find each other."""
    forms = dict.fromkeys([run, _converter("t2s")(run), _converter("s2t")(run)])
    return tuple(forms)


@lru_cache(maxsize=100_000)
def han_words_any_script(run: str) -> tuple[str, ...]:
    """jieba's words for a run in either script. Its dictionary is Simplified and splits
    Traditional text badly (每筆訂單 -> 每筆訂|單); a Traditional run is cut where its
    Simplified form is cut (OpenCC converts character by character, so the lengths match)."""
    simplified = _converter("t2s")(run)
    if simplified == run or len(simplified) != len(run):
        return han_words(run)
    words, pos = [], 0
    for word in han_words(simplified):
        words.append(run[pos : pos + len(word)])
        pos += len(word)
    return tuple(words)


def keywords(text: str) -> str:
    """Extra index tokens (space-separated) for the Thai and Chinese runs of plain `text`:
    inside-word starts, and every Chinese word also in the other script."""
    text = html.unescape(_TAG.sub(" ", text)).replace(ZWSP, "")
    out: dict[str, None] = {}
    for match in THAI_RUN.finditer(text):
        out.update(dict.fromkeys(_run_keywords(thai_words(match.group(0)), True)))
    for match in HAN_RUN.finditer(text):
        for i, form in enumerate(han_forms(match.group(0))):
            words = han_words_any_script(form)
            if i:  # the converted script: its words as well as the inside-word starts
                out.update(dict.fromkeys(words))
            out.update(dict.fromkeys(_run_keywords(words, False)))
    return " ".join(out)


def enrich_search_index(path: Path, drop_titles: Iterable[str] = ()) -> dict[str, int]:
    """Rewrite Material's search_index.json in place: segment Thai, add `keywords` fields.

    Sections titled one of `drop_titles` (the related-questions heading in every language:
    excluded from search, it leaves an empty stub behind) are removed.
    """
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    fields = data.setdefault("config", {}).setdefault("fields", {})
    fields.setdefault("keywords", {"boost": 1.0})
    added = 0
    drop = set(drop_titles)
    data["docs"] = [
        d
        for d in data.get("docs", [])
        if not ("#" in d.get("location", "") and html.unescape(d.get("title", "")) in drop)
    ]
    for doc in data["docs"]:
        title, text = doc.get("title", ""), doc.get("text", "")
        extra = keywords(f"{title} {text}")
        if THAI_RUN.search(title) or THAI_RUN.search(text):
            doc["title"], doc["text"] = segment_thai(title), segment_thai(text)
        if extra:
            doc["keywords"] = extra
            added += 1
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")
    return {"docs": len(data.get("docs", [])), "with_keywords": added}
