"""A draft's tags: the topic's words, never a greeting, particle, name, mask or number.

Tags are the group's keywords (c-TF-IDF on the views, ``kbgen.group.keywords``) that are topic
words: never a curated wrapper word (greeting, address form, particle), a word the views of
the group usually strip (what is left of a wrapper the lists spell differently), a question
word, a Chinese function word or person's name (jieba's part of speech), a complaint rather
than a topic ("看不到", "不想", "ใช้ไม่ได้"), a Thai personal name or a piece of a word that is in
no Thai dictionary, a person's name (found as ``kbgen.content.titles`` finds them), a mask or
a number. Tags in the entry's own script come first; where its keywords have too few, the
words most of that language's questions use fill in.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache

from kbgen.content.titles import (
    _HAN,
    _THAI,
    ViewOf,
    _lang_script,
    _names_in,
    _person_names,
    _script,
    _word_key,
    curated_lexicon,
    curated_view,
)
from kbgen.privacy import MASK
from kbgen.records import Issue, Question

MAX_TAGS = 3
TAG_MIN_KEPT = 0.5  # a tag word the group's views keep in fewer of its texts is a wrapper
_NEGATION = re.compile("[不没沒別别]|ไม่")
_HONORIFIC_WORDS = frozenset("mr mrs ms miss mister dr prof madam sir".split())
# English words no stopword list holds that never name a topic.
_EN_NOT_TOPIC = frozenset(
    """every any some many much lot lots thing things something anything nothing everything
    someone anyone everyone way ago just since again ever never always really maybe sure same
    another else able unable instead almost already yet still even tho though via""".split()
)
# Chinese: a function word, pronoun or person's name (jieba's parts of speech) is no tag.
_ZH_NOT_TOPIC = frozenset("c u uj ul uz ug uv ud y e o r p nr nrfg nrt m q mq".split())


def choose_tags(
    issue: Issue,
    questions: Sequence[Question],
    lang: str,
    view_of: ViewOf | None = None,
    limit: int = MAX_TAGS,
) -> list[str]:
    """Topic words of the issue (its keywords that pass `is_topic_word`), entry's script
    first; the most used topic words of the entry's language fill in where the keywords have
    too few."""
    view_of = view_of or curated_view()
    members = [questions[i] for i in issue.members if i < len(questions)]
    texts = [q.text for q in members] or list(issue.examples)
    views = [view_of(t).text for t in texts]
    names = _names_in(texts) | _person_names(texts)
    words = [w for w in dict.fromkeys(issue.keywords) if is_topic_word(w, texts, views, names)]
    own = [w for w in words if _script(w) == _lang_script(lang)]
    if len(own) < min(2, limit):
        same = [(t, v) for q, t, v in zip(members, texts, views) if q.lang == lang and v] or list(
            zip(texts, views)
        )
        extra = _frequent_words([v for _, v in same], lang)
        for w in extra:
            if len(own) >= limit:
                break
            if w.casefold() not in {o.casefold() for o in own} and is_topic_word(
                w, [t for t, _ in same], [v for _, v in same], names
            ):
                own.append(w)
    rest = [w for w in words if w not in own]
    chosen = (own or rest)[:limit]
    return chosen if chosen else rest[:limit]


def _frequent_words(views: Sequence[str], lang: str) -> list[str]:
    """Content words used by at least two views and a fifth of them, most used first."""
    from kbgen.group.keywords import words_of

    df: Counter[str] = Counter()
    surface: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for view in views:
        for w in set(words_of(view)):
            if _script(w) == _lang_script(lang):
                df[_word_key(w)] += 1
                surface[_word_key(w)][w] += 1
    floor = max(2, 0.2 * len(views))
    ranked = sorted((k for k, n in df.items() if n >= floor), key=lambda k: (-df[k], k))
    return [surface[k].most_common(1)[0][0] for k in ranked]


def is_topic_word(
    word: str, texts: Sequence[str], views: Sequence[str], names: frozenset[str] = frozenset()
) -> bool:
    """A word that names what the issue is about: no wrapper, particle, name, mask or number."""
    from kbgen.group.keywords import useful

    low = word.casefold()
    if not word.strip() or MASK.search(word) or re.search(r"\d", word) or not useful(word):
        return False
    if low in _HONORIFIC_WORDS or low in _EN_NOT_TOPIC or low in names:
        return False
    if _question_word(word):
        return False
    if _wrapper_word(word):
        return False
    if _HAN.search(word) and (_zh_not_topic(word) or _NEGATION.search(word)):
        return False  # a function word, a name, or a complaint ("看不到", "不想"), not a topic
    if _THAI.search(word) and (
        word in _thai_names() or word not in _thai_words() or _NEGATION.search(word)
    ):
        return False  # a name, or a piece the segmenter cut off a word ("ฮู้" of "ฮู้ด")
    return _kept_share(word, texts, views) >= TAG_MIN_KEPT


def _kept_share(word: str, texts: Sequence[str], views: Sequence[str]) -> float:
    """Of the group's texts that use the word, the share whose intent view still has it."""
    if _HAN.search(word) or _THAI.search(word):
        found = lambda s: word in s  # noqa: E731
    else:
        pattern = re.compile(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", re.IGNORECASE)
        found = lambda s: bool(pattern.search(s))  # noqa: E731
    used = [v for t, v in zip(texts, views) if found(t)]
    if not used:
        return 1.0  # a keyword spelt otherwise in the texts (Traditional vs Simplified)
    return sum(1 for v in used if found(v)) / len(used)


@lru_cache(maxsize=1)
def _wrapper_words() -> frozenset[str]:
    """Words that are a wrapper by themselves in our curated lists (a greeting, an address
    form, a particle, a whole-message wrapper such as "ok")."""
    lex = curated_lexicon()
    singles = {p[0] for p in (*lex.edge, *lex.whole, *lex.lead) if len(p) == 1}
    return frozenset(singles | set(lex.anywhere))


def _wrapper_word(word: str) -> bool:
    from kbgen.intent.clauses import tokens

    keys = [t.key for t in tokens(word)]
    return bool(keys) and all(k in _wrapper_words() for k in keys)


@lru_cache(maxsize=4096)
def _zh_not_topic(word: str) -> bool:
    from kbgen.intent.lang import _jieba

    _jieba()  # loaded and quiet
    import jieba.posseg

    flags = [p.flag for p in jieba.posseg.cut(word)]
    return bool(flags) and all(f in _ZH_NOT_TOPIC for f in flags)


def _question_word(word: str) -> bool:
    from kbgen.intent.clauses import tokens
    from kbgen.intent.curated import _QUESTION_WORDS

    keys = [t.key for t in tokens(word)]
    return bool(keys) and any(k in _QUESTION_WORDS for k in keys)


@lru_cache(maxsize=1)
def _thai_words() -> frozenset[str]:
    from kbgen.config import prepare_segmenters

    prepare_segmenters()
    from pythainlp.corpus import thai_words

    return frozenset(thai_words())


def _thai_names() -> frozenset[str]:
    from kbgen.intent.curated import _thai_names as names

    return names()
