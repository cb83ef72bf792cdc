"""Label stage: keywords per issue by class-based TF-IDF over segmented words.

Each issue is one "document"; a word scores high when it is frequent in the issue and rare
across issues (BERTopic's c-TF-IDF idea). Chinese and Thai are segmented first, so keywords
are words (退款, คืนเงิน), not characters or whole sentences.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from kbgen.lang import segment, to_simplified
from kbgen.stopwords import is_stopword

MAX_KEYWORDS = 6
MIN_KEYWORDS = 3
MAX_DOCS_PER_ISSUE = 2000  # enough to find the words; keeps million-row runs fast

_NOISE = re.compile(r"^(?:\W+|.*\d.*|[a-z])$", re.IGNORECASE)  # digits: order numbers, codes
_THAI = re.compile(r"^[\u0e00-\u0e7f]+$")
_HAN = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff]+$")


def _key(word: str) -> str:
    """One key for spellings of the same word: case, Traditional/Simplified, plural -s."""
    if _HAN.match(word):
        return to_simplified(word)
    low = word.casefold()
    if len(low) > 3 and low.endswith("s") and not low.endswith("ss"):
        low = low[:-1]
    return low


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


def issue_keywords(
    groups: Sequence[Sequence[tuple[str, int]]],
    background: Sequence[tuple[str, int]] = (),
    *,
    top: int = MAX_KEYWORDS,
) -> list[list[str]]:
    """Keywords for each group of (text, count) pairs; `background` (the long tail) only
    informs how common a word is overall."""
    classes = [*groups, background]
    counts: list[Counter[str]] = []
    surface: dict[str, Counter[str]] = defaultdict(Counter)
    for docs in classes:
        bag: Counter[str] = Counter()
        for text, weight in docs[:MAX_DOCS_PER_ISSUE]:
            for word in set(words_of(text)):
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
