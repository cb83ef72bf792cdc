"""Intent view: what a question asks, without how it was wrapped.

Customers wrap the same request in greetings, address forms ("admin", 客服, แอดมิน),
politeness particles (ครับ, 呢), apologies, urgency, channel chatter ("sent from my iPhone"),
sign-offs and personal data ("contact me at <PHONE>"). Left in, the wrapper drives grouping:
every "แอดมินคะ ... ขอบคุณล่วงหน้าค่ะ" ends in one group, every "my e-mail is <EMAIL>" in
another. Everything that groups (embedding, the lexical re-rank, keywords) therefore reads the
*intent view* of a question; what people see (representative question, examples, drafts) stays
the customer's own masked words.

How a view is made:

1. A trailing signature ("--" / "——" lines), a last bracketed channel note ("(via LINE)") and a
   Thai "my name is ..." are set aside; the rest is cut into clauses at sentence punctuation,
   commas and line breaks (not inside "3.5", "8:10" or "12/11") and, in Thai, written without
   punctuation, at the spaces between its sentences.
2. Each clause is tokenised (jieba for Chinese, pythainlp for Thai, words elsewhere) and wrapper
   phrases are stripped from both of its edges, longest first, over and over; politeness
   particles go wherever they stand; masks and ids (5+ digits) are never content.
3. A clause goes when nothing is left, when it is a whole-clause wrapper ("ok", "好的"), or
   when it only states a contact detail or an id ("my number is <PHONE>", "訂單編號 <ORDER_ID>").
4. Some clauses are *removable*: they go only when another clause of the message still asks
   something, so these rules can trim a message but never silence it: a clause opened by a
   wrapper ("sorry for the long message", "sent via Messenger", "祝生活愉快"), one naming the
   writer, a detail beside a mask ("call back on <PHONE>"), and what the export taught.
5. What is kept is joined with the punctuation that followed it: a message with nothing to take
   away reads exactly as written. A message with no content left asks nothing ("ok", "thanks",
   "hello?"): a non-question, counted apart from the issues.

Three kinds of knowledge feed it:

- Curated phrase lists per language (``kbgen/data/wrappers.txt``), written by us.
- What the export's own counts teach (:meth:`IntentModel.learn`):

  * *Edge words*: a word that stands at the first or last two positions of longer messages far
    more often than chance, set off by punctuation at least sometimes, next to many different
    words, in messages about unrelated things ("bro", "ครับผม", a brand's bot signature).
  * *Wrapper clauses*: a clause that recurs across many messages, at their edges, nearly always
    beside another clause, far more often than the clauses it stands beside, and beside
    questions about unrelated things (the constant part of "question + sign-off" is the
    sign-off; "I lost my phone" beside "what do I do" is not).

- What the clauses *mean* (:meth:`IntentModel.recognise`): a short clause whose embedding is
  close to a curated wrapper phrase in any language is one, so misspelt and unlisted wrappers
  ("Hi thee", "thank yu admin", "打扰啦", "盼速回") are found too.

Question words ("how", 吗, ไหม) are never learned as wrappers: removing them could merge
"how do I" with "why can't I".
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import numpy as np

from kbgen.lang import to_simplified

# --- tokens --------------------------------------------------------------------------------

_THAI_CHARS = "\u0e00-\u0e7f"
_HAN_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_LATIN = r"A-Za-z0-9\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff"
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
# Words for an identifier: a label before a mask or id ("order number", "订单编号", "เลขที่").
_ID_NOUNS = frozenset(
    "number no nr num id ref reference 编号 号 单号 订单号 号码 编码 序号 流水号 运单号 快递单号 "
    "เลข หมายเลข เลขที่".split()
)
_FINAL = frozenset("?？!！。.")  # sentence ends a view may keep
_ABBREVIATION = re.compile(r"\b(no|nr|ref|tel|ph|mob|acct|inv)\.\s*(?=[<#\d])", re.I)
_NUMBERISH = re.compile(r"^[#\d.,:/\-]+$|^(?=.*\d)[A-Za-z0-9\-]{5,}$")

# Words that make a question a question; never learned as wrappers.
_QUESTION_WORDS = frozenset(
    """
    how what why when where which who whom whose can could would will should is are was were
    do does did may might must shall have has any anyone
    怎么 怎麼 怎样 怎樣 如何 什么 什麼 为什么 為什麼 为何 為何 哪里 哪裡 哪 几 幾 多少 多久
    吗 嗎 么 麼 呢 是否 能否 可否 可不可以 能不能 会不会 會不會 有没有 有沒有
    ไหม มั้ย ไม๊ มัย ยังไง อย่างไร ทำไม เมื่อไหร่ เมื่อไร ที่ไหน อะไร กี่ ได้ไหม
    หรือเปล่า หรือยัง ไหน เท่าไหร่ เท่าไร
    """.split()
)

# Interrogatives proper: a clause with one asks something even if it mentions a contact detail.
_ASKING = frozenset(
    """
    how what why when where which who
    怎么 怎样 如何 什么 为什么 为何 哪里 哪 几 多少 多久 吗 么 是否 能否
    ไหม มั้ย ยังไง อย่างไร ทำไม เมื่อไหร่ เมื่อไร ที่ไหน อะไร กี่ ได้ไหม หรือเปล่า หรือยัง
    """.split()
)

WRAPPERS_VERSION = 1  # bump when the phrase lists or the rules change what a view is


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
    from kbgen.lang import _jieba, _thai_tokenize

    out: list[Token] = []
    for m in _TOKEN.finditer(clause):
        kind = m.lastgroup
        if kind == "mask":
            out.append(Token(m.start(), m.end(), m[0], "mask"))
        elif kind == "th":
            pos = m.start()
            for piece in _thai_tokenize()(m[0], engine="newmm"):
                if piece.strip():
                    out.append(Token(pos, pos + len(piece), _key(piece), "word"))
                pos += len(piece)
        elif kind == "han":
            run = m[0]
            simple = to_simplified(run)
            pos = 0
            for piece in _jieba().cut(simple, HMM=True):
                out.append(Token(m.start() + pos, m.start() + pos + len(piece), piece, "word"))
                pos += len(piece)
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


# --- curated knowledge ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Wrapper phrases as token-key tuples, tokenised exactly as the texts they are found in."""

    edge: frozenset[tuple[str, ...]]  # stripped at a clause's edges
    anywhere: frozenset[str]  # politeness particles: removed wherever they stand
    whole: frozenset[tuple[str, ...]]  # a clause that is only this asks nothing ("ok")
    contact: frozenset[str]  # words of "my e-mail is <EMAIL>" / "order no. <ORDER_ID>"
    lead: frozenset[tuple[str, ...]]  # a clause opened by one of these is a wrapper
    longest: int


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(t.key for t in tokens(text) if t.kind != "mask")


def _lists_text() -> str:
    return resources.files("kbgen").joinpath("data/wrappers.txt").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _lists_digest() -> str:
    import hashlib

    return hashlib.sha256(_lists_text().encode("utf-8")).hexdigest()[:16]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The curated lists (``kbgen/data/wrappers.txt``: ``[section]`` headers, one phrase a line)."""
    sections = defaultdict(list, _sections())
    edge = {_phrase(p) for name in ("edge", "particle") for p in sections[name]}
    edge.discard(())
    anywhere = {k for p in sections["particle"] for k in _phrase(p)}
    whole = {_phrase(p) for p in sections["whole"]} | edge
    whole.discard(())
    contact = {k for p in sections["contact"] for k in _phrase(p)}
    lead = {_phrase(p) for p in sections["lead"]}
    lead.discard(())
    return Lexicon(
        edge=frozenset(edge),
        anywhere=frozenset(anywhere),
        whole=frozenset(whole),
        contact=frozenset(contact),
        lead=frozenset(lead),
        longest=max(len(p) for p in edge),
    )


@lru_cache(maxsize=1)
def _sections() -> dict[str, list[str]]:
    """The lists file: ``[section]`` headers, one phrase a line, ``#`` comments."""
    sections: dict[str, list[str]] = defaultdict(list)
    current = ""
    for raw in _lists_text().splitlines():
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            continue
        sections[current].append(line)
    return dict(sections)


def _section(name: str) -> list[str]:
    return _sections().get(name, [])


@lru_cache(maxsize=1)
def _prototypes() -> tuple[str, ...]:
    phrases = [p for name in ("edge", "whole", "lead") for p in _section(name)]
    # Single words and letters match too much by themselves ("no", "k", "ๆ").
    return tuple(dict.fromkeys(p for p in phrases if _distinctive(p)))


def _distinctive(phrase: str) -> bool:
    if " " in phrase or re.search(f"[{_HAN_CHARS}]", phrase):
        return len(phrase) >= 2
    return len(phrase) >= 4


def prototypes() -> list[str]:
    """The curated wrapper phrases that short clauses are compared with (``recognise``)."""
    return list(_prototypes())


# --- the model --------------------------------------------------------------------------------

# Learning edge words: a word must stand at a long message's edge this often, this far above
# chance, next to this many different words (distinct inward neighbours / edge occurrences).
EDGE_MIN_COUNT = 5
EDGE_MIN_SHARE = 0.002  # ... and in at least this share of messages
EDGE_MIN_RATIO = 0.8
EDGE_MIN_LIFT = 0.3
EDGE_MIN_DIVERSITY = 0.2
EDGE_MIN_SET_OFF = 0.2  # ... and at a clause's edge beside another clause this often
EDGE_MIN_TOKENS = 6  # only messages this long say where a word likes to stand
# Learning wrapper clauses: recurs in at least this many messages, has a companion clause in
# this share of them, and is this many times as frequent as its typical companion.
CLAUSE_MIN_COUNT = 8  # fewer companions cannot tell a topic from chance
CLAUSE_MIN_SHARE = 0.001
CLAUSE_MIN_COMPANY = 0.6
CLAUSE_MIN_DOMINANCE = 3.0
# Recognising wrappers by meaning: short clauses (at most this many words) beside others,
# this close (cosine) to a curated wrapper phrase. Measured on the noisy twins: above ~0.75
# clauses were wrappers ("thanks guys", "respond ASAP", "挺急的", "打扰啦"); between 0.5 and 0.7
# requests that share a word with one ("มีส่งด่วนไหมคะ": is there express delivery?). At 0.76,
# 15 of 128 clauses so found in smp2017_zh's twin were also in its clean texts, nearly all
# fillers ("嗯", "那好").
SEMANTIC_MAX_WORDS = 6
SEMANTIC_MIN_SIMILARITY = 0.76
CLAUSE_MIN_AT_EDGE = 0.7  # first or last clause of the message this often
# ... and what it stands beside is about unrelated things: the words of its companions agree
# with each other no more than this many times as much as random messages' words do.
CLAUSE_MAX_AGREEMENT = 1.25


@dataclass(frozen=True, slots=True)
class View:
    text: str  # the request in the customer's words; "" when the message asks nothing
    removed: tuple[str, ...] = ()  # what was taken away (for explanations and tests)
    words: tuple[str, ...] = ()  # its content words, segmented (the lexical view, keywords)

    @property
    def is_question(self) -> bool:
        return bool(self.text)


@dataclass(slots=True)
class IntentModel:
    """Curated wrappers plus the ones learned from an export; ``view`` applies both."""

    edge_words: frozenset[str] = frozenset()
    wrapper_clauses: frozenset[tuple[str, ...]] = frozenset()
    # clauses found to mean what a wrapper means (see ``recognise``), verbatim
    semantic_clauses: frozenset[str] = frozenset()
    _cache: dict[str, View] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def learn(cls, texts: Iterable[str], weights: Sequence[int] | None = None) -> IntentModel:
        """Learn this export's own wrappers from its (masked) question texts."""
        lex = lexicon()
        texts = list(texts)
        w = list(weights) if weights is not None else [1] * len(texts)
        # Pass 1: edge words, over the curated-stripped clauses of each message.
        stripped: list[list[tuple[str, ...]]] = []
        edge_count: Counter[str] = Counter()
        all_count: Counter[str] = Counter()
        chance: defaultdict[str, float] = defaultdict(float)
        neighbours: defaultdict[str, set[str]] = defaultdict(set)
        edges: defaultdict[str, list[list[tuple[str, ...]]]] = defaultdict(list)
        set_off: Counter[str] = Counter()
        apart: set[str] = set()
        for text in texts:
            clauses = [_strip(tokens(c), lex, frozenset()) for c in split_clauses(text)]
            keys = [tuple(t.key for t in c) for c in clauses if c]
            stripped.append(keys)
            words = [k for clause in keys for k in clause]
            n = len(words)
            if n < EDGE_MIN_TOKENS:
                continue
            if len(keys) > 1:  # words that stand at a clause's edge, set off by punctuation
                for clause in keys:
                    apart.update({clause[0], clause[-1]})
            seen: set[str] = set()
            for i, word in enumerate(words):
                if word in seen:
                    continue
                seen.add(word)
                all_count[word] += 1
                chance[word] += 4 / n
                if i < 2 or i >= n - 2:
                    edge_count[word] += 1
                    neighbours[word].add(_inward(words, i, 1 if i < 2 else -1))
                    edges[word].append(keys)
                    set_off[word] += word in apart
            apart.clear()
        floor = max(EDGE_MIN_COUNT, EDGE_MIN_SHARE * len(texts))
        topics = _TopicSpread(stripped)  # built once, for the edge words and the clauses
        learned = set()
        for word, count in edge_count.items():
            total = all_count[word]
            if (
                count >= floor
                and word not in _QUESTION_WORDS
                and not _filler(word)
                and not _DIGIT.search(word)
                and count / total >= EDGE_MIN_RATIO
                and count / total - chance[word] / total >= EDGE_MIN_LIFT
                and len(neighbours[word]) / count >= EDGE_MIN_DIVERSITY
                and set_off[word] >= EDGE_MIN_SET_OFF * count
                and topics.unrelated(
                    [[k for clause in keys for k in clause if k != word] for keys in edges[word]]
                )
            ):
                learned.add(word)
        edge_words = frozenset(learned)
        # Pass 2: wrapper clauses, counted once per message (weighted by repeats).
        df: Counter[tuple[str, ...]] = Counter()
        for keys, weight in zip(stripped, w):
            for clause in set(keys):
                df[clause] += weight
        least = max(CLAUSE_MIN_COUNT, CLAUSE_MIN_SHARE * len(texts))
        company: defaultdict[tuple[str, ...], list[int]] = defaultdict(list)
        beside: defaultdict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
        alone: Counter[tuple[str, ...]] = Counter()
        at_edge: Counter[tuple[str, ...]] = Counter()
        for keys, weight in zip(stripped, w):
            distinct = set(keys)
            for clause in distinct:
                if df[clause] < least:
                    continue
                others = [o for o in distinct if o != clause]
                if not others:
                    alone[clause] += weight
                    continue
                company[clause].extend([min(df[o] for o in others)] * weight)
                beside[clause].append(tuple(k for o in others for k in o))
                if clause in (keys[0], keys[-1]):
                    at_edge[clause] += weight
        if not company:
            return cls(edge_words=edge_words)
        clauses = set()
        for clause, companions in company.items():
            if len(clause) < 2 or any(k in _QUESTION_WORDS for k in clause):
                continue  # one word is the edge words' business
            with_company = len(companions) / (len(companions) + alone[clause])
            companions.sort()
            typical = companions[len(companions) // 2]
            if (
                with_company >= CLAUSE_MIN_COMPANY
                and at_edge[clause] >= CLAUSE_MIN_AT_EDGE * len(companions)
                and df[clause] >= CLAUSE_MIN_DOMINANCE * typical
                and topics.unrelated(beside[clause])
            ):
                clauses.add(clause)
        return cls(edge_words=edge_words, wrapper_clauses=frozenset(clauses))

    def recognise(
        self, texts: Sequence[str], embed: Callable[[list[str]], np.ndarray]
    ) -> IntentModel:
        """The same model, also knowing which short clauses of these texts *mean* a wrapper.

        Lists and counts miss the wrappers nobody wrote down or that are misspelt ("Hi thee",
        "thank yu admin", "打扰啦", "盼速回"). A short clause beside others is compared, by the
        embedding model, with the curated phrases of every language: one at least
        SEMANTIC_MIN_SIMILARITY to some phrase is a wrapper (removable, like what was learned).
        ``embed`` returns unit vectors; it is called once for the phrases and once for the
        clauses.
        """
        lex = lexicon()
        candidates: dict[str, None] = {}
        for text in texts:
            body, _ = _cut_signature(text)
            clauses = split_clauses(body)
            if len(clauses) < 2:
                continue
            for clause in clauses:
                if clause in candidates:
                    continue
                core = _strip(tokens(clause), lex, self.edge_words)
                words = [t for t in core if t.kind == "word"]
                if 0 < len(words) <= SEMANTIC_MAX_WORDS and not any(
                    t.key in _ASKING for t in words
                ):
                    candidates[clause] = None
        if not candidates:
            return self
        phrases = prototypes()
        p = np.asarray(embed(phrases), dtype=np.float32)
        found: set[str] = set()
        clauses = list(candidates)
        for start in range(0, len(clauses), 4096):
            part = clauses[start : start + 4096]
            x = np.asarray(embed(part), dtype=np.float32)
            best = (x @ p.T).max(axis=1)
            found.update(c for c, b in zip(part, best) if b >= SEMANTIC_MIN_SIMILARITY)
        return IntentModel(self.edge_words, self.wrapper_clauses, frozenset(found))

    def fingerprint(self) -> str:
        """Names what made the views: the lists, the rules, the segmenters, what was learned.
        Views cached under one fingerprint are reused only by the same model."""
        import hashlib

        from kbgen.keywords import segmenter_id

        payload = json.dumps(
            [WRAPPERS_VERSION, _lists_digest(), segmenter_id(), sorted(self.edge_words),
             sorted(self.wrapper_clauses), sorted(self.semantic_clauses)],
            ensure_ascii=False,
        )  # fmt: skip
        return "intent-" + hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]

    def to_json(self) -> str:
        return json.dumps(
            {"edge_words": sorted(self.edge_words),
             "wrapper_clauses": sorted(list(c) for c in self.wrapper_clauses),
             "semantic_clauses": sorted(self.semantic_clauses)},
            ensure_ascii=False,
        )  # fmt: skip

    @classmethod
    def from_json(cls, text: str) -> IntentModel | None:
        """The saved model, or None when it cannot be read (then it is learned again)."""
        try:
            data = json.loads(text)
            edge = frozenset(str(w) for w in data["edge_words"])
            clauses = frozenset(tuple(str(k) for k in c) for c in data["wrapper_clauses"])
            semantic = frozenset(str(c) for c in data.get("semantic_clauses", []))
        except (ValueError, KeyError, TypeError, AttributeError):
            return None
        return cls(edge_words=edge, wrapper_clauses=clauses, semantic_clauses=semantic)

    def view(self, text: str) -> View:
        """The intent view of one (masked) question."""
        found = self._cache.get(text)
        if found is None:
            found = self._cache[text] = self._view(text)
        return found

    def _view(self, text: str) -> View:
        lex = lexicon()
        body, tail = _cut_signature(text)
        body = _ABBREVIATION.sub(r"\1 ", body)
        spans = clause_spans(body)
        # text, asks, removable, words, what followed it (its punctuation)
        kept: list[tuple[str, bool, bool, tuple[str, ...], str]] = []
        removed: list[str] = list(tail)
        content = False
        named = _edge_names([body[a:b] for a, b in spans])
        for n, (start, end) in enumerate(spans):
            clause = body[start:end]
            after = body[end : spans[n + 1][0] if n + 1 < len(spans) else len(body)]
            toks = tokens(clause)
            core = _strip(toks, lex, self.edge_words, self.wrapper_clauses)
            keys = tuple(t.key for t in core)
            words = [t for t in core if t.kind == "word"]
            has_mask = any(_idlike(t) for t in toks)
            asking = any(t.key in _ASKING for t in words)
            details = [t for t in words if t.key not in lex.contact and not _filler(t.key)]
            if not words or keys in lex.whole or (has_mask and not asking and not details):
                removed.append(clause)
                continue
            piece = clause[core[0].start : core[-1].end]
            piece = _drop_inner(piece, core, core[0].start, lex)
            surfaces = tuple(clause[t.start : t.end] for t in words if t.key not in lex.anywhere)
            asks = any(not _filler(t.key) for t in words)
            # Removable when something else with content stays: what the export taught (its
            # own wrappers), a clause opened by a wrapper ("sorry for the long message", "sent
            # via Messenger", "祝生活愉快"), a name ("my name is ...", "郭丽"), or a bare label
            # ("订单号", "my email").
            removable = (
                clause in self.semantic_clauses
                or keys in self.wrapper_clauses
                or all(k in self.edge_words or _filler(k) for k in keys)
                or _opens_with(toks, lex.lead)
                or _names_someone(clause)
                or n in named
                or (  # a short detail beside a mask: "注册邮箱是<EMAIL>", "call back on <PHONE>"
                    any(t.kind == "mask" for t in toks)
                    and not asking
                    and len(details) <= 1
                    and len(words) <= 3
                )
                or (  # a bare label: "订单号", "my email"
                    not asking
                    and not details
                    and any(t.key in lex.contact and not _filler(t.key) for t in words)
                )
            )
            kept.append((piece, asks, removable, surfaces, after))
            content = content or asks
        if not content:
            return View("", tuple(removed))
        # ... and only then: these rules can trim a message, never silence it.
        if any(asks and not removable for _, asks, removable, _, _ in kept):
            removed.extend(piece for piece, _, removable, _, _ in kept if removable)
            kept = [item for item in kept if not item[2]]
        from kbgen.keywords import useful

        words = tuple(w for item in kept for w in item[3] if useful(w))
        # The kept clauses with the punctuation that followed each: a message with nothing to
        # take away keeps its exact wording ("退款什么时候到？" stays a question).
        out = []
        for i, (piece, *_, after) in enumerate(kept):
            if i == len(kept) - 1:
                after = after.strip()[:1] if after.strip()[:1] in _FINAL else ""
            elif not after.strip():
                after = " "
            out.append(piece + after)
        return View(" ".join("".join(out).split()), tuple(removed), words)


# A signature or a quoted tail: after a line that starts with "--" / "——" / "—", or a last
# bracketed note ("(sent via LINE)", "【来自微信】", "（臉書私訊）").
_SIGNATURE = re.compile(r"\n\s*(?:--+|——+|—|__+)\s*(?:\n|$)|\n\s*(?:--+|——+|—)(?=\s*\S)")
_BRACKET_TAIL = re.compile(r"[(（【\[][^()（）【】\[\]\n]{1,60}[)）】\]]\s*$")
# "my name is Anna Lee", "this is Tom", "I'm Sarah Gacia", "我是王小明", "我叫林秀英", "ดิฉันชื่อสมศรี",
# "กมลเองค่ะ", or a bare name line ("- Chloe Miller").
_NAME_CLAUSE = re.compile(
    r"^(?:(?:my name is|my name's|name:|this is|i am|i'm|it's)\s+(?:[A-Z][a-z'’-]+\s*){1,3}"
    r"|(?:[A-Z][a-z'’-]+\s+){1,2}[A-Z][a-z'’-]+"
    r"|(?:我是|我叫|本人|鄙人|買家|买家|訂購人|订购人|会员|會員)+[\u4e00-\u9fff]{2,3}"
    r"|[\u4e00-\u9fff]{1,2}(?:先生|小姐|女士|太太)|[\u4e00-\u9fff]{2,3}(?:敬上|留)"
    r"|คุณ[\u0e00-\u0e7f]{2,12}"
    r"|(?:ผม|ดิฉัน|หนู|ฉัน)?ชื่อ\s*[\u0e00-\u0e7f]{2,20}(?:\s*[\u0e00-\u0e7f]{2,20})?"
    r"|[\u0e00-\u0e7f]{2,12}เอง(?:ค่ะ|ครับ|คะ|นะคะ|นะครับ)?)$"
)


_THAI_NAME = re.compile(
    r"(?:ผม|ดิฉัน|หนู|ฉัน|เรา)?ชื่อ\s+[\u0e00-\u0e7f]{2,15}(?:\s+[\u0e00-\u0e7f]{2,20})?"
    r"(?=[\s!?.,~]|$)"
)


def _cut_signature(text: str) -> tuple[str, list[str]]:
    """The message without a trailing signature block, bracketed channel note, or a Thai
    "my name is ..." (Thai names are two words apart, like the clauses around them)."""
    cut: list[str] = []
    for match in list(_THAI_NAME.finditer(text))[::-1]:
        cut.append(match.group().strip())
        text = text[: match.start()] + " " + text[match.end() :]
    match = _SIGNATURE.search(text)
    if match and len(text) - match.start() <= 200 and text[: match.start()].strip():
        cut.append(text[match.start() :].strip())
        text = text[: match.start()]
    match = _BRACKET_TAIL.search(text)
    if match and text[: match.start()].strip():
        cut.append(match.group().strip())
        text = text[: match.start()]
    return text, cut


_HAN_NAME = re.compile(rf"^[{_HAN_CHARS}]{{2,3}}$")


@lru_cache(maxsize=1)
def _thai_names() -> frozenset[str]:
    """Thai first and family names (pythainlp's corpora, shipped with it)."""
    try:
        from pythainlp.corpus import thai_family_names, thai_female_names, thai_male_names

        names = set(thai_family_names()) | set(thai_female_names()) | set(thai_male_names())
    except Exception:  # noqa: BLE001 - a nicety: without it Thai names simply stay
        return frozenset()
    return frozenset(n for n in names if len(n) >= 3)


@lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    return frozenset(
        to_simplified(c) for line in _section("surname") for c in line if not c.isspace()
    )


def _edge_names(clauses: Sequence[str]) -> set[int]:
    """Positions of the clauses that are names in a run at the start or the end."""
    flags = [_is_name(c) for c in clauses]
    found: set[int] = set()
    for order in (range(len(flags)), range(len(flags) - 1, -1, -1)):
        for i in order:
            if not flags[i]:
                break
            found.add(i)
    return found


def _is_name(clause: str) -> bool:
    """A first or last clause that is only a person's name: a Thai first or family name
    (from pythainlp's name lists), or two or three Han characters led by a common surname."""
    text = clause.strip()
    if _HAN_NAME.match(text):
        return to_simplified(text[0]) in _surnames()
    return text in _thai_names()


def _names_someone(clause: str) -> bool:
    """A clause that only says who is writing (not what they ask)."""
    return bool(_NAME_CLAUSE.match(clause.strip()))


def _opens_with(toks: Sequence[Token], leads: frozenset[tuple[str, ...]]) -> bool:
    keys = tuple(t.key for t in toks if t.kind == "word")
    return any(keys[:size] in leads for size in range(1, min(4, len(keys)) + 1))


class _TopicSpread:
    """How much a set of texts agrees in its (TF-IDF weighted) content words, against random.

    The mean of n random unit vectors has squared norm g + (1 - g) / n, where g is the squared
    norm of the mean over all messages; texts about one topic sit well above it. A clause that
    stands beside questions about everything (a sign-off) sees companions near random; a
    clause that is itself a request ("I lost my phone") sees companions about the same thing
    ("what do I do", "can I lock my card").
    """

    def __init__(self, messages: Sequence[Sequence[tuple[str, ...]]]) -> None:
        import math

        docs = [{k for clause in keys for k in clause if _content(k)} for keys in messages]
        docs = [d for d in docs if d]
        df: Counter[str] = Counter(k for d in docs for k in d)
        n = max(len(docs), 1)
        self.idf = {k: math.log(1 + n / c) for k, c in df.items()}
        self.g = _mean_sq([self._unit(d) for d in docs])

    def _unit(self, words: Iterable[str]) -> dict[str, float]:
        vec = {k: self.idf.get(k, 0.0) for k in set(words) if _content(k)}
        norm = sum(v * v for v in vec.values()) ** 0.5
        return {k: v / norm for k, v in vec.items()} if norm else {}

    def unrelated(self, texts: Sequence[Sequence[str]]) -> bool:
        vecs = [v for v in (self._unit(t) for t in texts) if v]
        if len(vecs) < 2:
            return False
        expected = self.g + (1.0 - self.g) / len(vecs)
        return _mean_sq(vecs) <= CLAUSE_MAX_AGREEMENT * expected


def _mean_sq(vecs: Sequence[dict[str, float]]) -> float:
    """Squared norm of the mean of sparse unit vectors."""
    if not vecs:
        return 0.0
    total: Counter[str] = Counter()
    for vec in vecs:
        total.update(vec)
    return sum(v * v for v in total.values()) / (len(vecs) ** 2)


@lru_cache(maxsize=1 << 18)
def _content(key: str) -> bool:
    return not _filler(key) and not _DIGIT.search(key) and not key.startswith("<")


def _inward(words: Sequence[str], i: int, step: int) -> str:
    """The nearest content word from position i towards the middle of the message: what a
    wrapper word stands next to varies with the question; a content word's does not."""
    j = i + step
    while 0 <= j < len(words) and _filler(words[j]):
        j += step
    return words[j] if 0 <= j < len(words) else ""


@lru_cache(maxsize=1 << 18)
def _filler(key: str) -> bool:
    from kbgen.stopwords import is_stopword

    return is_stopword(key)


def _idlike(token: Token) -> bool:
    """A mask, a "#" or a number long enough to be an id (5+ digits): never content. Short
    numbers are ("8:10 alarm", "3 squared", "iPhone 13")."""
    if token.kind == "mask" or token.key == "#":
        return True
    return token.kind == "num" and len(_DIGIT.findall(token.key)) >= 5


def _label_run(toks: Sequence[Token], lex: Lexicon) -> int:
    """Length of a leading label and its value ("订单编号 <ORDER_ID>", "order number 123456"):
    contact words ending in a word for an identifier, then a mask or id; else 0."""
    for i, tok in enumerate(toks):
        if _idlike(tok):
            return i + 1 if i > 0 and toks[i - 1].key in _ID_NOUNS else 0
        if tok.kind != "word" or tok.key not in lex.contact:
            return 0
    return 0


def _strip(
    toks: Sequence[Token],
    lex: Lexicon,
    learned: frozenset[str],
    phrases: frozenset[tuple[str, ...]] = frozenset(),
) -> list[Token]:
    """A clause's tokens without wrapper phrases at its edges (and masks, ids, numbers there)."""
    core = list(toks)
    changed = True
    while core and changed:
        changed = False
        # "订单编号<ORDER_ID>..." / "... call me <PHONE>": a label goes with its value.
        lead = _label_run(core, lex)
        if lead:
            del core[:lead]
            changed = True
        while core and _idlike(core[0]):
            core.pop(0)
            changed = True
        while core and _idlike(core[-1]):
            core.pop()
            changed = True
        for size in range(min(lex.longest, len(core)), 0, -1):
            if tuple(t.key for t in core[:size]) in lex.edge:
                del core[:size]
                changed = True
                break
        for size in range(min(lex.longest, len(core)), 0, -1):
            if tuple(t.key for t in core[-size:]) in lex.edge:
                del core[-size:]
                changed = True
                break
        for phrase in phrases:  # learned wrapper clauses, glued to a request
            size = len(phrase)
            if len(core) > size and tuple(t.key for t in core[:size]) == phrase:
                del core[:size]
                changed = True
            elif len(core) > size and tuple(t.key for t in core[-size:]) == phrase:
                del core[len(core) - size :]
                changed = True
        # A learned word goes only where a content word stays ("怎么处理" keeps "处理").
        if core and core[0].key in learned and any(_content(t.key) for t in core[1:]):
            core.pop(0)
            changed = True
        if core and core[-1].key in learned and any(_content(t.key) for t in core[:-1]):
            core.pop()
            changed = True
    return core


def _drop_inner(piece: str, core: Sequence[Token], offset: int, lex: Lexicon) -> str:
    """Remove particles, masks and ids inside a kept clause, keeping the rest verbatim."""
    cuts = [(t.start - offset, t.end - offset) for t in core if _idlike(t) or t.key in lex.anywhere]
    if not cuts:
        return piece
    out: list[str] = []
    pos = 0
    for start, end in cuts:
        out.append(piece[pos:start])
        pos = end
    out.append(piece[pos:])
    return " ".join("".join(out).split())


def views(texts: Sequence[str], weights: Sequence[int] | None = None) -> list[View]:
    """Learn from these texts and return each one's view."""
    model = IntentModel.learn(texts, weights)
    return [model.view(t) for t in texts]
