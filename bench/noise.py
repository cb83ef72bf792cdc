"""Noisy twins of labelled support questions, wrapped the way real customers write.

Each question keeps its words (its label too) and gets, in its own language (en, zh-Hans,
zh-Hant, th), zero to three pieces before it and zero to three after it: greetings with an
address form ("hi admin,", "您好客服，", "สวัสดีค่ะ แอดมิน"), openers and apologies, urgency,
sentence-final particles, channel chatter ("Sent from my iPhone", "【来自微信】"), sign-offs, and
fictional personal data (names, e-mails, phone numbers in local formats, order numbers, "contact
me at ..." clauses). English also gets light typos (a swapped or dropped letter in ~5% of the
words, the question's own words included).

The phrase inventory (``noise_phrases.py``, data only) was written for this benchmark from
general knowledge of how customers write, independently of kbgen's own phrase lists, so that the
product is measured on wrappers it was not built from. E-mails use the reserved
example.com/.org/.net domains; names and numbers are made up.

Deterministic: a row's noise depends only on (seed, row index, text), never on other rows.

    from noise import NoiseMaker
    twin = NoiseMaker(seed=0).twin("where is my order?", lang="en", index=0)
    twin.text, twin.kinds, twin.typos
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from noise_phrases import MAIL_DOMAINS, PHONES, PHRASES, digits

LANGS = ("en", "zh-Hans", "zh-Hant", "th")
# What a person can switch on or off (--noise-kinds); "pii" is names, e-mails, phones, orders.
KINDS = ("greeting", "apology", "urgency", "particle", "channel", "signoff", "pii", "typo")
_FAMILY = {"name": "pii", "contact": "pii", "order": "pii", "sign_name": "pii"}

# Where a piece may go, how often it is picked there, and its order in the finished text.
_PREFIX = {"greeting": 5.0, "name": 1.2, "apology": 2.0, "urgency": 1.0, "order": 0.8,
           "contact": 0.5}  # fmt: skip
_SUFFIX = {"particle": 2.0, "order": 1.0, "contact": 1.5, "urgency": 1.0, "signoff": 4.0,
           "sign_name": 0.8, "channel": 1.5}  # fmt: skip
_PREFIX_ORDER = ("greeting", "name", "apology", "urgency", "order", "contact")
_SUFFIX_ORDER = ("particle", "order", "contact", "urgency", "signoff", "sign_name", "channel")
_HOW_MANY = ((0, 0.3), (1, 0.4), (2, 0.2), (3, 0.1))  # pieces on each side


# --- assembling ----------------------------------------------------------------------------------


_SLOT = re.compile(r"\{(\w+)\}")
_ZH_END = set("?？!！。.~～…")
_WORD = re.compile(r"^([\"'(\[]*)([A-Za-z][A-Za-z']{2,})([.,!?:;)\]\"']*)$")


@dataclass(frozen=True)
class Noisy:
    """A noisy twin of one question. ``kinds`` lists the pieces added, in text order."""

    text: str
    core: str
    lang: str
    kinds: tuple[str, ...] = ()
    typos: int = 0
    pii: dict[str, int] = field(default_factory=dict)  # injected: name, email, phone, order


@lru_cache(maxsize=1)
def _t2s():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s")


def detect_lang(text: str) -> str:
    """en | zh-Hans | zh-Hant | th, by the script that dominates (Traditional via OpenCC)."""
    thai = sum(1 for c in text if "\u0e00" <= c <= "\u0e7f")
    han = "".join(c for c in text if "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff")
    if not thai and not han:
        return "en"
    if thai >= len(han):
        return "th"
    return "zh-Hant" if _t2s().convert(han) != han else "zh-Hans"


def normalise_lang(lang: str | None, text: str) -> str:
    """A set's language tag as one of LANGS ("zh" -> zh-Hans); detected when missing."""
    if lang in LANGS:
        return lang
    if lang == "zh":
        return "zh-Hant" if detect_lang(text) == "zh-Hant" else "zh-Hans"
    return detect_lang(text)


class NoiseMaker:
    """Wraps questions in greetings, particles, personal data ... in their own language."""

    def __init__(
        self, seed: int = 0, typo_rate: float = 0.05, kinds: Iterable[str] = KINDS
    ) -> None:
        self.seed = seed
        self.typo_rate = typo_rate
        self.kinds = frozenset(kinds)
        unknown = self.kinds - set(KINDS)
        if unknown:
            raise ValueError(f"unknown noise kinds {sorted(unknown)}; use some of {KINDS}")
        allowed = lambda k: _FAMILY.get(k, k) in self.kinds  # noqa: E731
        self._prefix = {k: w for k, w in _PREFIX.items() if allowed(k)}
        self._suffix = {k: w for k, w in _SUFFIX.items() if allowed(k)}
        # With one kind only (an ablation), every row gets at least one piece of it.
        self._always = len(self.kinds - {"typo"}) == 1

    def twin(self, text: str, lang: str | None = None, index: int = 0) -> Noisy:
        """The noisy twin of one question (``lang`` taken from the text when not given)."""
        core = text.strip()
        lang = normalise_lang(lang, core)
        rng = random.Random(f"{self.seed}:{index}:{core}")
        pre = _pick(rng, self._prefix, _PREFIX_ORDER)
        suf = _pick(rng, self._suffix, _SUFFIX_ORDER)
        if self._always and not pre and not suf:
            sides = [s for s, pool in (("pre", self._prefix), ("suf", self._suffix)) if pool]
            if rng.choice(sides) == "pre":
                pre = _pick(rng, self._prefix, _PREFIX_ORDER, at_least=1)
            else:
                suf = _pick(rng, self._suffix, _SUFFIX_ORDER, at_least=1)
        pii: dict[str, int] = {}
        words = PHRASES[lang]
        pieces = [(k, _piece(rng, k, lang, words, pii)) for k in pre]
        out = _join_prefix(rng, lang, pieces) + core
        for kind in suf:
            piece = _piece(rng, kind, lang, words, pii, after=out)
            out += _suffix_sep(rng, lang, kind, out[-1:]) + piece
        typos = 0
        if lang == "en" and "typo" in self.kinds and self.typo_rate > 0:
            out, typos = _typos(rng, out, self.typo_rate)
        kinds = tuple(_FAMILY.get(k, k) for k in (*pre, *suf)) + (("typo",) if typos else ())
        return Noisy(out, core, lang, kinds, typos, pii)

    def twins(self, texts: Sequence[str], langs: Sequence[str | None] | None = None) -> list[Noisy]:
        langs = langs if langs is not None else [None] * len(texts)
        return [self.twin(t, g, i) for i, (t, g) in enumerate(zip(texts, langs))]


def _how_many(rng: random.Random) -> int:
    x = rng.random()
    for n, p in _HOW_MANY:
        if x < p:
            return n
        x -= p
    return _HOW_MANY[-1][0]


def _pick(
    rng: random.Random, weights: dict[str, float], order: Sequence[str], at_least: int = 0
) -> list[str]:
    """Distinct piece kinds for one side, weighted, then put in their natural order."""
    n = min(max(_how_many(rng), at_least), len(weights))
    pool = dict(weights)
    chosen = []
    for _ in range(n):
        kinds = list(pool)
        kind = rng.choices(kinds, weights=[pool[k] for k in kinds])[0]
        chosen.append(kind)
        del pool[kind]
    return sorted(chosen, key=order.index)


def _fill(rng: random.Random, template: str, lang: str, words: dict, pii: dict[str, int]) -> str:
    """Fill {name}, {first}, {email}, {phone}, {nN}, {L} ... slots with made-up values."""
    person = _person(rng, lang, words)

    def slot(m: re.Match[str]) -> str:
        key = m.group(1)
        if key in person:
            if key in ("name", "first", "surname"):
                pii["name"] = pii.get("name", 0) + 1
            return person[key]
        if key == "email":
            pii["email"] = pii.get("email", 0) + 1
            return _email(rng, lang, words, person)
        if key == "phone":
            pii["phone"] = pii.get("phone", 0) + 1
            return PHONES[lang](rng)
        if key == "L":
            return rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ")
        if key[0] == "n" and key[1:].isdigit():
            return rng.choice("123456789") + digits(rng, int(key[1:]) - 1)
        raise KeyError(key)

    return _SLOT.sub(slot, template)


def _person(rng: random.Random, lang: str, words: dict) -> dict[str, str]:
    if lang in ("zh-Hans", "zh-Hant"):
        surname, given = rng.choice(words["surname"]), rng.choice(words["given"])
        return {"name": surname + given, "surname": surname, "first": given}
    first, last = rng.choice(words["first"]), rng.choice(words["last"])
    return {"name": f"{first} {last}", "first": first, "last": last}


def _email(rng: random.Random, lang: str, words: dict, person: dict[str, str]) -> str:
    if lang == "en":
        first, last = person["first"].lower(), person["last"].lower().replace("'", "")
        user = rng.choice(PHRASES["en"]["mail_user"]).format(
            first=first, last=last, f=first[0], n2=digits(rng, 2)
        )
    else:
        user = rng.choice(words["roman"])
        if rng.random() < 0.4:
            user += digits(rng, rng.choice((2, 4)))
        if lang == "zh-Hans" and rng.random() < 0.2:
            user = rng.choice("123456789") + digits(rng, rng.choice((7, 8, 9)))  # QQ-style
    return f"{user}@{rng.choice(MAIL_DOMAINS)}"


def _piece(
    rng: random.Random, kind: str, lang: str, words: dict, pii: dict[str, int], after: str = ""
) -> str:
    if kind == "greeting":
        return _greeting(rng, lang, words)
    if kind == "particle":
        if lang in ("zh-Hans", "zh-Hant") and after[-1:] in _ZH_END:
            return rng.choice(words["after_punct"])
        return rng.choice(words["particle"])
    if kind in ("name", "sign_name", "contact", "order"):
        if kind == "order":
            pii["order"] = pii.get("order", 0) + 1
        return _fill(rng, rng.choice(words[kind]), lang, words, pii)
    piece = rng.choice(words[kind])
    if lang == "en" and kind in ("urgency", "signoff", "apology") and rng.random() < 0.3:
        piece = piece[:1].upper() + piece[1:]
    return piece


def _greeting(rng: random.Random, lang: str, words: dict) -> str:
    """A greeting, alone or with an address form ("hey admin", "您好客服", "สวัสดีค่ะ พี่")."""
    if rng.random() < 0.2:
        return rng.choice(words["greet_alone"])
    greet = rng.choice(words["greet"])
    if rng.random() < 0.5:
        address = rng.choice(words["address"])
        gap = {"en": " ", "th": rng.choice((" ", ""))}.get(lang, rng.choice(("", "", " ")))
        greet = f"{greet}{gap}{address}" if rng.random() < 0.85 else f"{address}{gap}{greet}"
    if lang == "en":
        case = rng.random()
        if case < 0.3:
            greet = greet.capitalize()
        elif case < 0.35 and len(greet) < 8:
            greet = greet.upper()
    return greet


_EN_PRE_END = (",", ",", ",", "!", "!!", ".", " -", "", ":", "...")
_ZH_PRE_END = ("，", "，", "，", "！", "。", "～", " ", ",", "", "！！")
_TH_PRE_END = (" ", " ", " ", " ", "  ", "! ", " ~ ", "\n")


def _join_prefix(rng: random.Random, lang: str, pieces: list[tuple[str, str]]) -> str:
    out = ""
    for _, piece in pieces:
        if lang == "en":
            out += piece + rng.choice(_EN_PRE_END) + rng.choice((" ", " ", " ", "\n"))
        elif lang == "th":
            out += piece + rng.choice(_TH_PRE_END)
        else:
            out += piece + rng.choice(_ZH_PRE_END)
    return out


def _suffix_sep(rng: random.Random, lang: str, kind: str, last: str) -> str:
    """What goes between the text so far (ending in ``last``) and the next piece."""
    if kind == "channel":
        return rng.choice(("\n\n", "\n", " ", "\n--\n"))
    if lang == "th":
        return rng.choice(("", "", " ")) if kind == "particle" else rng.choice((" ", " ", "\n"))
    if kind == "particle":
        return " " if lang == "en" else ""
    if last in _ZH_END or last in "?!.":
        return rng.choice((" ", " ", "\n", "") if lang != "en" else (" ", " ", "\n"))
    if lang == "en":
        return rng.choice((" ", ". ", ", ", "\n", " - ", "! "))
    return rng.choice(("，", "。", " ", "！", "", "\n"))


def _typos(rng: random.Random, text: str, rate: float) -> tuple[str, int]:
    """Swap two neighbouring letters or drop one, in ~rate of the plain words."""
    tokens = re.split(r"(\s+)", text)
    count = 0
    for i, token in enumerate(tokens):
        m = _WORD.match(token)
        if not m or rng.random() >= rate:
            continue
        word = m.group(2)
        j = rng.randrange(1, len(word))  # keep the first letter, as most typos do
        if rng.random() < 0.5 and j < len(word) - 1 and word[j] != word[j + 1]:
            word = word[:j] + word[j + 1] + word[j] + word[j + 2 :]
        else:
            word = word[:j] + word[j + 1 :]
        tokens[i] = m.group(1) + word + m.group(3)
        count += 1
    return "".join(tokens), count


def inventory_size(lang: str) -> dict[str, int]:
    """How many phrases of each kind a language has (for the README and the tests)."""
    return {k: len(v) for k, v in PHRASES[lang].items()}
