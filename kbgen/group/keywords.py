"""Label stage: keywords per issue by class-based TF-IDF over segmented words.

Each issue is one "document"; a word scores high when it is frequent in the issue and rare
across issues (BERTopic's c-TF-IDF idea). Chinese and Thai are segmented first, so keywords
are words (退款, คืนเงิน), not characters or whole sentences.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from kbgen.intent.lang import segment, to_simplified
from kbgen.intent.stopwords import is_stopword

if TYPE_CHECKING:
    from kbgen.embed import EmbeddingCache

MAX_KEYWORDS = 6
MIN_KEYWORDS = 3
MAX_DOCS_PER_ISSUE = 2000  # enough to find the words; keeps million-row runs fast

_NOISE = re.compile(r"^(?:\W+|.*\d.*|[a-z])$", re.IGNORECASE)  # digits: order numbers, codes
_THAI = re.compile(r"^[\u0e00-\u0e7f]+$")
_HAN = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff]+$")


@lru_cache(maxsize=65536)  # a run looks up the same few thousand words again and again
def _key(word: str) -> str:
    """One key for spellings of the same word: case, Traditional/Simplified, plural -s."""
    if _HAN.match(word):
        return to_simplified(word)
    low = word.casefold()
    if len(low) > 3 and low.endswith("s") and not low.endswith("ss"):
        low = low[:-1]
    return low


def useful(word: str) -> bool:
    """A word worth keeping for the lexical view and keywords (not a stopword, number or
    fragment)."""
    return _useful(word)


def _useful(word: str) -> bool:
    if _NOISE.match(word) or is_stopword(word):
        return False
    # A single Han character is nearly always a particle or half a word; a Thai run of one or
    # two letters is a segmentation fragment (แอ|ป), not a word worth showing.
    if _HAN.match(word):
        return len(word) > 1
    return not (_THAI.match(word) and len(word) <= 2)


def words_of(text: str) -> list[str]:
    return [w for w in segment(text) if _useful(w)]


WORDS_VERSION = 1  # bump when words_of changes what it returns


@lru_cache(maxsize=1)
def segmenter_id() -> str:
    """Names what produced a text's words, so cached words from another version are not used."""
    from importlib.metadata import PackageNotFoundError, version

    parts = [f"kbgen-words-{WORDS_VERSION}"]
    for package in ("jieba", "pythainlp", "opencc"):
        try:
            parts.append(f"{package}-{version(package)}")
        except PackageNotFoundError:
            parts.append(f"{package}-none")
    return "/".join(parts)


def words_for(
    texts: Iterable[str],
    cache: EmbeddingCache | None = None,
    progress: Callable[[int], None] | None = None,
) -> dict[str, list[str]]:
    """words_of for each text, taking what the cache holds: segmenting Thai and Chinese is most
    of the label stage's time, and a rerun sees mostly the same questions. `progress(n)` is
    called as texts are done."""
    report = progress or (lambda n: None)
    wanted = list(dict.fromkeys(texts))
    known = cache.get_words(segmenter_id(), wanted) if cache is not None else {}
    report(len(known))
    fresh: dict[str, list[str]] = {}
    for text in wanted:
        if text not in known:
            fresh[text] = words_of(text)
            if len(fresh) % 1000 == 0:
                report(1000)
    report(len(fresh) % 1000)
    if cache is not None and fresh:
        cache.put_words(segmenter_id(), fresh)
    return {**known, **fresh}


def keyword_texts(
    groups: Sequence[Sequence[tuple[str, int]]], background: Sequence[tuple[str, int]] = ()
) -> list[str]:
    """The texts issue_keywords reads (each group's first MAX_DOCS_PER_ISSUE)."""
    return [text for docs in [*groups, background] for text, _ in docs[:MAX_DOCS_PER_ISSUE]]


def issue_keywords(
    groups: Sequence[Sequence[tuple[str, int]]],
    background: Sequence[tuple[str, int]] = (),
    *,
    top: int = MAX_KEYWORDS,
    words: Mapping[str, list[str]] | None = None,
) -> list[list[str]]:
    """Keywords for each group of (text, count) pairs; `background` (the long tail) only
    informs how common a word is overall. `words` may hold texts' words already computed
    (see words_for); the others are segmented here."""
    known = words or {}
    classes = [*groups, background]
    counts: list[Counter[str]] = []
    surface: dict[str, Counter[str]] = defaultdict(Counter)
    for docs in classes:
        bag: Counter[str] = Counter()
        for text, weight in docs[:MAX_DOCS_PER_ISSUE]:
            found = known.get(text)
            for word in set(words_of(text) if found is None else found):
                key = _key(word)
                bag[key] += weight
                surface[key][word] += weight
        counts.append(bag)
    df: Counter[str] = Counter()
    for bag in counts:
        for key, n in bag.items():
            df[key] += n
    total = sum(df.values())
    mean_words = total / max(1, sum(1 for bag in counts if bag))
    result: list[list[str]] = []
    for bag in counts[: len(groups)]:
        size = sum(bag.values()) or 1
        scored = sorted(
            ((n / size) * math.log(1 + mean_words / df[key]), key) for key, n in bag.items()
        )
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        best = scored[0][0] if scored else 0.0
        eligible = [
            (score, key)
            for rank, (score, key) in enumerate(scored)
            if rank < MIN_KEYWORDS or (score >= 0.15 * best and bag[key] >= 2)
        ]
        # One word per script first, so a group asked in English, Chinese and Thai shows a
        # keyword a reader of each language recognises; then the rest by score.
        firsts: dict[str, tuple[float, str]] = {}
        for score, key in eligible:
            firsts.setdefault(_script(key), (score, key))
        chosen = sorted(firsts.values(), key=lambda pair: (-pair[0], pair[1]))[:top]
        for pair in eligible:
            if len(chosen) >= top:
                break
            if pair not in chosen:
                chosen.append(pair)
        chosen.sort(key=lambda pair: (-pair[0], pair[1]))
        result.append([surface[key].most_common(1)[0][0] for _, key in chosen])
    return result


def _script(word: str) -> str:
    if _HAN.match(word):
        return "han"
    if _THAI.match(word):
        return "thai"
    return "latin"
