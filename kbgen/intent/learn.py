"""What an export teaches (edge words, wrapper clauses) and what its short clauses mean.

These are the learned halves of the intent view; ``IntentModel.learn`` and
``IntentModel.recognise`` (``view.py``) call them and keep what they find.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np

from kbgen.intent.clauses import _DIGIT, Token, _content, _filler, split_clauses, tokens
from kbgen.intent.curated import _ASKING, _QUESTION_WORDS, lexicon, prototypes
from kbgen.intent.strip import _cut_signature, _strip

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
# A recurring clause found with another in at least this share of its messages is part of the
# same boilerplate, not its companion.
PARTNER_MIN_SHARE = 0.6
# Clauses of at least this many words are statements unless they open with a question word.
LONG_CLAUSE = 8
# ... and what it stands beside is about unrelated things: the words of its companions agree
# with each other no more than this many times as much as random messages' words do.
CLAUSE_MAX_AGREEMENT = 1.25


# Learning mask labels: the words right before a masked personal value ("my account email:
# <EMAIL>", "LINE ID同手機 <PHONE>", "聯絡電話 <PHONE>"). A phrase is this export's label for a
# value when it stands
# before one in at least LABEL_MIN_COUNT messages and is followed by one at least
# LABEL_MIN_SHARE of the times it occurs: "email" now and then, "my account email" nearly always.
LABEL_MIN_COUNT = 3
LABEL_MIN_SHARE = 0.75
LABEL_MAX_WORDS = 3


# Masks the request itself names: "cancel order <ORDER_ID>", "ship to <ADDRESS>", "change my
# address to <ADDRESS>": the words before them are what is asked, not a label.
_NAMED_BY_REQUEST = frozenset(("<ORDER_ID>", "<ADDRESS>"))


def _personal(token: Token) -> bool:
    """A masked personal value: e-mail, phone, name, contact id, card ... but not an order or
    reference number or a postal address, which the request itself may name ("cancel order
    <ORDER_ID>", "ship to <ADDRESS>": "cancel order" and "ship to" are what is asked)."""
    return token.kind == "mask" and token.key not in _NAMED_BY_REQUEST


def learn_mask_labels(texts: Iterable[str]) -> frozenset[tuple[str, ...]]:
    """Phrases this export writes before a masked value: its own labels for personal data and
    ids, in any language, learned rather than listed."""
    before: Counter[tuple[str, ...]] = Counter()
    anywhere: Counter[tuple[str, ...]] = Counter()
    for text in texts:
        if "<" not in text and not _DIGIT.search(text):
            continue
        seen_before: set[tuple[str, ...]] = set()
        seen: set[tuple[str, ...]] = set()
        # the whole message: a label may stand in its own clause ("my account email: <EMAIL>")
        toks = tokens(text)
        for i, tok in enumerate(toks):
            if tok.kind != "word":
                continue
            run: list[str] = []
            for j in range(i, min(i + LABEL_MAX_WORDS, len(toks))):
                if toks[j].kind != "word":
                    break
                run.append(toks[j].key)
                gram = tuple(run)
                seen.add(gram)
                if j + 1 < len(toks) and _personal(toks[j + 1]):
                    seen_before.add(gram)
        before.update(seen_before)
        anywhere.update(seen)
    return frozenset(
        gram
        for gram, n in before.items()
        if n >= LABEL_MIN_COUNT
        and n >= LABEL_MIN_SHARE * anywhere[gram]
        and any(_content(k) for k in gram)
        and not any(k in _ASKING or k in _QUESTION_WORDS for k in gram)
    )


def learn_wrappers(
    texts: Iterable[str], weights: Sequence[int] | None = None
) -> tuple[frozenset[str], frozenset[tuple[str, ...]]]:
    """This export's own edge words and wrapper clauses, from its (masked) question texts."""
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
    partners = _partners(stripped, w, df, least)
    company: defaultdict[tuple[str, ...], list[int]] = defaultdict(list)
    beside: defaultdict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    alone: Counter[tuple[str, ...]] = Counter()
    at_edge: Counter[tuple[str, ...]] = Counter()
    # Wrappers come in layers ("hi all | please help | <question> | thanks | sent from my
    # phone"): a clause also stands at the edge when only recurring clauses lie between it and
    # an end of the message (a question is seldom written word for word twice).
    in_layer: Counter[tuple[str, ...]] = Counter()
    for keys, weight in zip(stripped, w):
        present = set(keys)
        counted: set[tuple[str, ...]] = set()  # once per message
        rare = [i for i, c in enumerate(keys) if df[c] < least]
        for i, clause in enumerate(keys):
            if df[clause] < least or clause in counted:
                continue
            counted.add(clause)
            # a boilerplate split into several clauses ("sent from | NetEase Mail") is one
            # wrapper: its own parts are not its companions
            others = [o for o in present if o != clause and o not in partners[clause]]
            if not others:
                alone[clause] += weight
                continue
            company[clause].extend([min(df[o] for o in others)] * weight)
            beside[clause].append(tuple(k for o in others for k in o))
            if clause in (keys[0], keys[-1]):
                at_edge[clause] += weight
            elif not rare or i < rare[0] or i > rare[-1]:
                in_layer[clause] += weight
    if not company:
        return edge_words, frozenset()
    clauses, layered = set(), set()
    for clause, companions in company.items():
        if len(clause) < 2 or _asks(clause):
            continue  # one word is the edge words' business
        with_company = len(companions) / (len(companions) + alone[clause])
        companions.sort()
        typical = companions[len(companions) // 2]
        if not (
            with_company >= CLAUSE_MIN_COMPANY
            and df[clause] >= CLAUSE_MIN_DOMINANCE * typical
            and topics.unrelated(beside[clause])
        ):
            continue
        least_edge = CLAUSE_MIN_AT_EDGE * len(companions)
        if at_edge[clause] >= least_edge:
            clauses.add(clause)
        elif at_edge[clause] + in_layer[clause] >= least_edge:
            layered.add(clause)
    # A clause at the edge only among other wrappers must also stand on its own: words that
    # more often sit in the middle of a longer clause are part of what people ask ("ดาต้า",
    # mobile data: alone in 8 messages, inside 16 questions).
    inside = _inside_longer(layered, stripped, w)
    clauses.update(c for c in layered if inside[c] <= df[c])
    return edge_words, frozenset(clauses)


def _asks(clause: tuple[str, ...]) -> bool:
    """A clause that may be a question, and so never a wrapper: an interrogative anywhere, or
    (short clauses) any question word. A long clause that only has an auxiliary inside ("This
    email and any attachments are confidential...") is a statement; it may be boilerplate."""
    if any(k in _ASKING for k in clause):
        return True
    if len(clause) >= LONG_CLAUSE:
        return any(k in _QUESTION_WORDS for k in clause[:2])
    return any(k in _QUESTION_WORDS for k in clause)


def _inside_longer(
    clauses: Iterable[tuple[str, ...]],
    stripped: Sequence[Sequence[tuple[str, ...]]],
    w: Sequence[int],
) -> Counter[tuple[str, ...]]:
    """How many messages hold each of ``clauses`` in the middle of a longer clause, neither
    at its start nor at its end (one pass over the words, indexed by each clause's first
    word)."""
    by_first: defaultdict[str, list[tuple[str, ...]]] = defaultdict(list)
    for clause in clauses:
        by_first[clause[0]].append(clause)
    out: Counter[tuple[str, ...]] = Counter()
    if not by_first:
        return out
    for keys, weight in zip(stripped, w):
        found: set[tuple[str, ...]] = set()
        for clause in keys:
            for i, key in enumerate(clause):
                for cand in by_first.get(key, ()):
                    end = i + len(cand)
                    if 0 < i and end < len(clause) and clause[i:end] == cand:
                        found.add(cand)
        for cand in found:
            out[cand] += weight
    return out


def _partners(
    stripped: Sequence[Sequence[tuple[str, ...]]],
    w: Sequence[int],
    df: Mapping[tuple[str, ...], int],
    least: float,
) -> defaultdict[tuple[str, ...], set[tuple[str, ...]]]:
    """For each recurring clause, the recurring clauses found with it in at least
    PARTNER_MIN_SHARE of its messages: parts of one boilerplate (a signature line and the
    mail client's note, a disclaimer of two sentences)."""
    together: Counter[tuple[tuple[str, ...], tuple[str, ...]]] = Counter()
    for keys, weight in zip(stripped, w):
        common = sorted({c for c in keys if df[c] >= least})
        for i, a in enumerate(common):
            for b in common[i + 1 :]:
                together[a, b] += weight
    out: defaultdict[tuple[str, ...], set[tuple[str, ...]]] = defaultdict(set)
    for (a, b), n in together.items():
        if n >= PARTNER_MIN_SHARE * df[a]:
            out[a].add(b)
        if n >= PARTNER_MIN_SHARE * df[b]:
            out[b].add(a)
    return out


def recognise_wrappers(
    texts: Sequence[str],
    embed: Callable[[list[str]], np.ndarray],
    edge_words: frozenset[str],
) -> frozenset[str] | None:
    """The short clauses of these texts that *mean* a wrapper; None when none could be one.

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
            core = _strip(tokens(clause), lex, edge_words)
            words = [t for t in core if t.kind == "word"]
            if 0 < len(words) <= SEMANTIC_MAX_WORDS and not any(t.key in _ASKING for t in words):
                candidates[clause] = None
    if not candidates:
        return None
    phrases = prototypes()
    p = np.asarray(embed(phrases), dtype=np.float32)
    found: set[str] = set()
    clauses = list(candidates)
    for start in range(0, len(clauses), 4096):
        part = clauses[start : start + 4096]
        x = np.asarray(embed(part), dtype=np.float32)
        best = (x @ p.T).max(axis=1)
        found.update(c for c, b in zip(part, best) if b >= SEMANTIC_MIN_SIMILARITY)
    return frozenset(found)


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


def _inward(words: Sequence[str], i: int, step: int) -> str:
    """The nearest content word from position i towards the middle of the message: what a
    wrapper word stands next to varies with the question; a content word's does not."""
    j = i + step
    while 0 <= j < len(words) and _filler(words[j]):
        j += step
    return words[j] if 0 <= j < len(words) else ""
