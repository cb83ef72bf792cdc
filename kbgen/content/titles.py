"""A draft's title: what a customer would type into search (its tags: ``kbgen.content.tags``).

A title is one of the group's own questions in the entry's language, never text we make up,
so title, representative question and answer stay about the same issue. Which one: every
phrasing is read through its intent view (``kbgen.intent``: greetings, sign-offs, particles,
masks, ids and names already gone) and scored by how *typical* its words are of the group
(the share of the group's questions that use each word: a lexical centroid). Typical words
rule out what one customer added: typos, names, order numbers, their device or city. Holding
the group's keywords (c-TF-IDF, so distinctive of it) rules out a wrapper the whole export
repeats. A complete question of a sensible length scores higher; one naming a person lower.
The chosen view is then tidied:

- clauses at its edges that carry only untypical words, a wrapper word, or none of the
  group's keywords are cut ("..., iPhone 13", "อยู่หาดใหญ่", "why is no one replying?"); a
  title ends with its question; one still too long keeps its best run of clauses (at most
  TITLE_LIMIT characters), else is cut between words;
- leftover masks, ids, amounts and names (after "Mr."/"Ms.", or a first and last name never
  written in lower case in the group) are taken out, with a connector left hanging;
- casing: sentence case in English, each word in the spelling the group uses most ("iphone"
  -> "iPhone", "i" -> "I"), shouting lowered;
- punctuation: one final "?" for an English question, "？" for a Chinese one (commas full
  width), no final mark for a statement; Thai titles end without one, as Thai writes a
  question with its question word (ไหม, ยังไง) and no question mark.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from kbgen.intent import IntentModel, View
from kbgen.intent.clauses import clause_spans
from kbgen.intent.lang import HAN_CHARS, THAI_CHARS
from kbgen.privacy import MASK
from kbgen.records import Issue, Question

ViewOf = Callable[[str], View]

TITLE_LIMIT = {"en": 80, "zh-Hans": 40, "zh-Hant": 40, "th": 40}  # characters
MAX_CANDIDATES = 500  # distinct phrasings scored per title (the group's first, by rows)
SPELLING_MIN_PHRASINGS = 5  # fewer phrasings cannot tell a typo from a rare word
EDGE_CLAUSE_MIN = 0.4  # an edge clause this much less typical than the best one goes

_ID = re.compile(r"#?\b[A-Za-z]*\d[\dA-Za-z\-]{4,}\b|#\s*\d+")  # 5+ characters with a digit
_AMOUNT = re.compile(
    r"(?:[$€£¥฿]|US\$|HK\$|NT\$|RM|USD|HKD|TWD|THB|RMB|CNY)\s?\d[\d,.]*"
    r"|\d[\d,.]*\s?(?:元|块|塊|圆|圓|บาท|dollars?|bucks|usd|hkd|twd|thb|rmb|baht)",
    re.IGNORECASE,
)
_HONORIFIC = re.compile(
    r"\b(?:mr|mrs|ms)\b\.?\s+[a-z][\w'’-]*"
    r"|\b(?:Mr|Mrs|Ms|Mister|Dr|Prof|mr|mrs|ms)\b\.?(?:\s*(?:<[A-Z_]+>|[A-Z][\w'’-]*)){0,2}"
    r"|\b(?:Miss|Madam|Sir)\.?(?:\s*(?:<[A-Z_]+>|[A-Z][\w'’-]*)){1,2}"
)  # a name after an honorific, or the honorific left by a masked name ("Mr. <NAME>")
_DANGLING = re.compile(
    r"(?:\s*\b(?:from|for|with|of|on|to|at|by|number|no|nr|is|was|the|my)\b\.?)*\s*\0[\s\0.,!?]*$",
    re.IGNORECASE,
)
_DANGLING_WORDS = frozenset(
    """from for with of to at by and or the a an my your our is are was were
    จาก ที่ ของ และ หรือ กับ ให้ เป็น แต่ ว่า โดย ซึ่ง
    的 和 与 與 从 從 跟 在 把 或""".split()
)
_QUESTIONISH = frozenset("can how what help".split())
_NAME_RUN = re.compile(r"(\s+(?:from|by|for|to|of|with)\b)?\s*\b((?:[A-Z][a-z'’-]+\s*){1,3})")
_PAIR = re.compile(r"\b([A-Z][a-z]{1,15})\s+([A-Z][a-z]{1,15})\b")
_HAN = re.compile(f"[{HAN_CHARS}]")
_THAI = re.compile(f"[{THAI_CHARS}]")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_EMOJI = re.compile(r"[\u2600-\u27bf\U0001f000-\U0001faff\ufe0f]+")
_ENDS = "?？!！。.,，、;；:：~～…-–— "
_EN_ASK = frozenset(
    """how what why when where which who whom whose can could would will should is are was
    were do does did may might must shall have has any am isn't aren't can't won't doesn't
    don't didn't wasn't""".split()
)


@dataclass(frozen=True, slots=True)
class _Phrasing:
    text: str  # the customer's (masked) words
    view: str  # its intent view
    keys: tuple[str, ...]  # its content words, one spelling each
    count: int  # how many questions asked it so


def curated_view() -> ViewOf:
    """Views with our curated lists only: for drafting without the export's learned model."""
    return IntentModel().view


def views_by_text(texts: Sequence[str], views: Sequence[View]) -> ViewOf:
    """The pipeline's views, looked up by question text (any width, case or spacing); a text
    it has none for gets the curated view."""
    from kbgen.pipeline import dedupe_key

    table = {dedupe_key(t): v for t, v in zip(texts, views)}
    fallback = curated_view()

    def view_of(text: str) -> View:
        found = table.get(dedupe_key(text))
        return found if found is not None else fallback(text)

    return view_of


# --- titles ---------------------------------------------------------------------------------


def choose_title(
    issue: Issue,
    questions: Sequence[Question],
    lang: str,
    view_of: ViewOf | None = None,
) -> str:
    """The clearest central phrasing of the issue in `lang`, tidied (see the module's doc)."""
    view_of = view_of or curated_view()
    phrasings = _phrasings(issue, questions, lang, view_of)
    if not phrasings:  # nothing asks anything: the representative, tidied all the same
        text = issue.by_lang.get(lang) or issue.representative
        return tidy_title(view_of(text).text or text, lang)
    share = _shares(phrasings)
    texts = [p.text for p in phrasings]
    context = _Context(
        top=sorted(share.values(), reverse=True),
        topic=frozenset(_word_key(k) for k in issue.keywords if _script(k) == _lang_script(lang)),
        names=_names_in(texts) | _person_names(texts),
        vocab=_vocabulary(texts) if len(texts) >= SPELLING_MIN_PHRASINGS else {},
    )
    best = max(phrasings, key=lambda p: (_score(p, share, lang, context), -len(p.view), p.view))
    surfaces = _surfaces(texts)
    return tidy_title(best.view, lang, share, surfaces, context.names, context.topic) or tidy_title(
        best.text, lang
    )


@dataclass(frozen=True, slots=True)
class _Context:
    """What every phrasing of one group is scored against."""

    top: Sequence[float] = ()  # the group's word shares, largest first
    topic: frozenset[str] = frozenset()  # its keywords in the entry's script
    names: frozenset[str] = frozenset()  # people named in it (casefolded)
    vocab: Mapping[str, int] = field(default_factory=dict)  # phrasings using each word


def _phrasings(
    issue: Issue, questions: Sequence[Question], lang: str, view_of: ViewOf
) -> list[_Phrasing]:
    from kbgen.pipeline import dedupe_key

    members = [questions[i] for i in issue.members if i < len(questions)]
    texts = [q.text for q in members if q.lang == lang] or [q.text for q in members]
    if not texts:  # an issue built by hand (tests): its own phrasings
        texts = [t for t in (issue.by_lang.get(lang), *issue.examples) if t]
    counts: Counter[str] = Counter()
    first: dict[str, str] = {}
    for text in texts:
        key = dedupe_key(text)
        counts[key] += 1
        first.setdefault(key, text)
    out = []
    for key in list(first)[:MAX_CANDIDATES]:
        view = view_of(first[key])
        if view.text:
            keys = tuple(dict.fromkeys(_word_key(w) for w in view.words))
            out.append(_Phrasing(first[key], view.text, keys, counts[key]))
    return out


def _shares(phrasings: Sequence[_Phrasing]) -> dict[str, float]:
    """Share of the group's questions that use each word (the lexical centroid)."""
    total = sum(p.count for p in phrasings) or 1
    df: Counter[str] = Counter()
    for p in phrasings:
        for key in p.keys:
            df[key] += p.count
    return {k: n / total for k, n in df.items()}


def _score(
    p: _Phrasing, share: Mapping[str, float], lang: str, context: _Context | None = None
) -> float:
    """Typical words (mean share), covering the group's main words and its keywords (a
    wrapper repeated across the export is frequent in a group too, but no keyword), a complete
    question of a sensible length, no leftover id or name."""
    if not p.keys:
        return 0.0
    context = context or _Context()
    weights = [share.get(k, 0.0) for k in p.keys]
    typical = sum(weights) / len(weights)
    top = context.top or sorted(share.values(), reverse=True)
    most = sum(top[: max(2, len(p.keys))])
    covered = min(1.0, sum(weights) / (most or 1.0))
    score = typical * math.sqrt(covered) * (1.0 + 0.05 * math.log(p.count))
    limit = TITLE_LIMIT.get(lang, 80)
    length = len(p.view)
    if length > limit:
        score *= 0.6
    if lang == "en" and len(p.view.split()) < 3 or lang != "en" and length < 4:
        score *= 0.7  # a fragment ("refund?") says less than a question
    if context.topic:
        hits = sum(1 for k in p.keys if k in context.topic)
        score *= (1 + hits) / (1 + min(3, len(context.topic)))
    if lang == "en":
        first = _LATIN_WORD.findall(p.view.lower())[:1]
        if first and first[0] in _EN_ASK:
            score *= 1.5  # a complete question ("How can I get my bill?")
        elif _is_question(p.view, lang):
            score *= 1.15
        if first == ["to"]:
            score *= 0.7  # an infinitive left by a stripped "I want" ("to get my bill")
    elif _is_question(p.view, lang):
        score *= 1.25
    if MASK.search(p.view) or _ID.search(p.view) or _AMOUNT.search(p.view):
        score *= 0.5
    if _HONORIFIC.search(p.view) or MASK.search(p.text):
        score *= 0.7
    if context.vocab:  # a word no other phrasing uses is most often a typo ("rfom", "delivrey")
        latin = [w.casefold() for w in _LATIN_WORD.findall(p.view)]
        if latin:
            odd = sum(1 for w in latin if context.vocab.get(w, 0) < 2) / len(latin)
            score *= 1.0 - 0.5 * odd
    if context.names and any(w.casefold() in context.names for w in _LATIN_WORD.findall(p.view)):
        score *= 0.5
    return score


def tidy_title(
    view: str,
    lang: str,
    share: Mapping[str, float] | None = None,
    surfaces: Mapping[str, str] | None = None,
    names: frozenset[str] = frozenset(),
    topic: frozenset[str] = frozenset(),
) -> str:
    """A view as a title: its typical clauses, no ids or names, casing and punctuation fixed."""
    text = _EMOJI.sub(" ", view)
    for pattern in (MASK, _AMOUNT, _ID, _HONORIFIC):
        text = pattern.sub(" \0 ", text)
    if names:  # "bills from Anna Freeman" -> "bills"
        text = _NAME_RUN.sub(
            lambda m: m.group() if m.group(2).casefold().split()[0] not in names else " \0 ",
            text,
        )
    # what stood before a removed id at the end goes with it ("... from Mr. Smith", "no. #")
    text = _DANGLING.sub("", text)
    text = " ".join(text.replace("\0", " ").split())
    text = _best_clauses(text, lang, share or {}, topic)
    text = re.sub(r"([?？!！.。,，~～])\1+", r"\1", text)
    text = re.sub(r"\s+([?？!！,，.。])", r"\1", text)
    asks = _is_question(text, lang)
    text = _strip_dangling(text.strip(_ENDS + "'\"“”「」()（）[]【】"))
    text = text.strip(_ENDS + "'\"“”「」()（）[]【】")
    if not text:
        return ""
    if lang == "en":
        text = _sentence_case(text, surfaces or {})
        return text + "?" if asks else text
    if lang in ("zh-Hans", "zh-Hant"):
        text = text.replace(",", "，").replace("?", "？").replace("!", "！")
        text = re.sub(f"(?<=[{HAN_CHARS}])\\s+(?=[{HAN_CHARS}])", "，", text)
        return text + "？" if asks else text
    if lang == "th":
        return " ".join(text.replace("?", " ").split())
    return text + "?" if asks and not text.endswith("?") else text


def _best_clauses(
    text: str, lang: str, share: Mapping[str, float], topic: frozenset[str] = frozenset()
) -> str:
    """The title's clauses without untypical ones at its edges, within the length limit."""
    spans = clause_spans(text)
    if len(spans) < 2 and len(text) <= TITLE_LIMIT.get(lang, 80):
        return text
    pieces = []
    for n, (a, _) in enumerate(spans):
        end = spans[n + 1][0] if n + 1 < len(spans) else len(text)
        pieces.append(text[a:end])
    asks = [_is_question(p, lang) for p in pieces]
    # a short clause holding a wrapper word our lists know ("Hyey support", typo and all)
    typ = [0.0 if _wrapperish(p) and not a else _typicality(p, share) for p, a in zip(pieces, asks)]
    # A clause with content words but none of the group's keywords, beside one with them, is
    # about something else ("why is no one replying?").
    hits = [_topic_hits(p, topic) for p in pieces]
    offtopic = [h == 0 and any(x > 0 for x in hits) for h in hits]
    limit = TITLE_LIMIT.get(lang, 80)
    best, best_score = (0, 0), -1.0
    for i in range(len(pieces)):
        for j in range(i + 1, len(pieces) + 1):
            run = "".join(pieces[i:j]).strip()
            if len(run) > limit and j > i + 1:
                break
            top = max(typ[i:j])
            if top <= 0:
                continue
            # Edge clauses far less typical than the run's best are one customer's details
            # ("..., iPhone 13", "อยู่หาดใหญ่"); a question clause ("ยังมีไหม") always counts.
            if any(
                (typ[k] < EDGE_CLAUSE_MIN * top and not asks[k]) or offtopic[k] for k in (i, j - 1)
            ):
                continue
            # A title ends with its question: "Can I ...? Just placed it" stops at "?".
            if any(asks[i:j]) and not asks[j - 1]:
                continue
            score = sum(typ[i:j]) + (0.5 if any(asks[i:j]) else 0.0)
            if score > best_score:
                best, best_score = (i, j), score
    if best_score < 0:
        return _cut(text, limit)
    return _cut("".join(pieces[best[0] : best[1]]).strip(), limit)


def _topic_hits(piece: str, topic: frozenset[str]) -> int:
    """How many of the group's keywords a clause holds; -1 when it has no content words."""
    from kbgen.group.keywords import words_of

    keys = {_word_key(w) for w in words_of(piece)}
    return len(keys & topic) if keys else -1


def _wrapperish(piece: str) -> bool:
    from kbgen.intent.clauses import tokens

    words = [t.key for t in tokens(piece) if t.kind == "word"]
    return 0 < len(words) <= 3 and any(k in _wrapper_tokens() for k in words)


@lru_cache(maxsize=1)
def _wrapper_tokens() -> frozenset[str]:
    """Every word of our curated greetings, address forms and sign-offs, minus stopwords."""
    from kbgen.intent.stopwords import is_stopword

    lex = curated_lexicon()
    words = {k for p in (*lex.edge, *lex.whole) for k in p}
    return frozenset(k for k in words if not is_stopword(k) and k not in _QUESTIONISH)


def _strip_dangling(text: str) -> str:
    """No connector left hanging at the end ("... from", "...จาก", "...的")."""
    from kbgen.intent.clauses import tokens

    while True:
        toks = [t for t in tokens(text) if t.kind != "mask"]
        if len(toks) < 2 or toks[-1].key not in _DANGLING_WORDS:
            return text
        text = text[: toks[-1].start].rstrip(_ENDS)


def _typicality(piece: str, share: Mapping[str, float]) -> float:
    from kbgen.group.keywords import words_of

    keys = [_word_key(w) for w in words_of(piece)]
    if not keys:
        return 0.0
    if not share:
        return 1.0
    return sum(share.get(k, 0.0) for k in keys) / len(keys) + 1e-6


def _cut(text: str, limit: int) -> str:
    """At most `limit` characters, cut between words."""
    if len(text) <= limit:
        return text
    if _HAN.search(text) or _THAI.search(text):
        from kbgen.intent.clauses import tokens

        ends = [t.end for t in tokens(text) if t.end <= limit]
        return text[: ends[-1]] if ends else text[:limit]
    cut = text[: limit + 1].rsplit(" ", 1)[0]
    return cut if cut else text[:limit]


def _is_question(text: str, lang: str) -> bool:
    from kbgen.intent.clauses import tokens
    from kbgen.intent.curated import _QUESTION_WORDS

    if "?" in text or "？" in text:
        return True
    if lang == "en":
        first = _LATIN_WORD.findall(text.lower())[:1]
        return bool(first) and first[0] in _EN_ASK
    return any(t.key in _QUESTION_WORDS for t in tokens(text))


def _vocabulary(texts: Sequence[str]) -> dict[str, int]:
    """How many of the group's phrasings use each Latin word (any case)."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update({w.casefold() for w in _LATIN_WORD.findall(text)})
    return dict(counts)


def _surfaces(texts: Sequence[str]) -> dict[str, str]:
    """Each English word's most used spelling inside a sentence, in the group's own texts; a
    word longer than an acronym is written in capitals only if the group never writes it
    otherwise ("ORDER" -> "order", "PIN" stays)."""
    seen: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for text in texts:
        for m in _LATIN_WORD.finditer(text):
            before = text[: m.start()].rstrip()
            if before and before[-1] not in ".!?。！？\n" and not text.isupper():
                seen[m.group().casefold()][m.group()] += 1
    out = {}
    for key, spellings in seen.items():
        ranked = [w for w, _ in spellings.most_common()]
        calm = [w for w in ranked if not (w.isupper() and len(w) > 3)]
        out[key] = calm[0] if calm else ranked[0]
    return out


def _sentence_case(text: str, surfaces: Mapping[str, str]) -> str:
    letters = [c for c in text if c.isalpha()]
    shouting = len(letters) > 3 and sum(c.isupper() for c in letters) > 0.7 * len(letters)

    def fix(m: re.Match[str]) -> str:
        word = m.group()
        low = word.casefold()
        if low in ("i", "i'm", "i've", "i'll", "i'd"):
            return "I" + word[1:].lower()
        known = surfaces.get(low)
        if known and known.isupper() and len(known) > 5 and shouting:
            return low  # the group shouts this word too: no acronym as long as that
        if known and (shouting or word.islower() or word.istitle() or word.isupper()):
            return known
        return low if shouting or (word.isupper() and len(word) > 4) else word

    text = _LATIN_WORD.sub(fix, text)
    return text[:1].upper() + text[1:]


def curated_lexicon():  # type: ignore[no-untyped-def]
    from kbgen.intent import lexicon

    return lexicon()


def _person_names(texts: Sequence[str]) -> frozenset[str]:
    """Words of a first-and-last name inside a sentence ("bills from Anna Freeman"): two
    capitalised words, neither a common word nor ever written in lower case in the group."""
    from kbgen.privacy.redact_names import _STOP_EN

    lower = {w for t in texts for w in _LATIN_WORD.findall(t) if w.islower()}
    found: set[str] = set()
    for text in texts:
        for m in _PAIR.finditer(text):
            before = text[: m.start()].rstrip()
            if not before or before[-1] in ".!?\n":
                continue  # a sentence's first word is capitalised anyway
            pair = [m.group(1), m.group(2)]
            if all(w.casefold() not in _STOP_EN and w.casefold() not in lower for w in pair):
                found.update(w.casefold() for w in pair)
    return frozenset(found)


def _names_in(texts: Sequence[str]) -> frozenset[str]:
    """Words that follow an honorific somewhere in the group ("Mr. Smith" -> smith)."""
    found: set[str] = set()
    for text in texts:
        for m in _HONORIFIC.finditer(text):
            words = _LATIN_WORD.findall(m.group())[1:]
            found.update(w.casefold() for w in words)
    return frozenset(found)


def _word_key(word: str) -> str:
    from kbgen.group.keywords import _key

    return _key(word)


def _script(word: str) -> str:
    if _THAI.search(word):
        return "thai"
    if _HAN.search(word):
        return "han"
    return "latin"


def _lang_script(lang: str) -> str:
    return {"th": "thai", "zh-Hans": "han", "zh-Hant": "han"}.get(lang, "latin")
