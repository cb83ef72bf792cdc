"""What we wrote down: the wrapper phrase lists (``data/wrappers.txt``), question words, names."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from kbgen.intent.clauses import _HAN_CHARS, tokens
from kbgen.intent.lang import to_simplified

# Words for an identifier: a label before a mask or id ("order number", "订单编号", "เลขที่").
_ID_NOUNS = frozenset(
    "number no nr num id ref reference 编号 号 单号 订单号 号码 编码 序号 流水号 运单号 快递单号 "
    "เลข หมายเลข เลขที่".split()
)
# An app's or a carrier's name right before its id labels it like an id word ("QQ <CONTACT_ID>",
# "极兔<ORDER_ID>", "Kerry <ORDER_ID>"): the pair is a detail, not what is asked.
_ID_NOUNS |= frozenset(
    "line ไลน์ wechat 微信 微信号 wx vx qq 扣扣 旺旺 阿里旺旺 telegram whatsapp skype "
    "kerry flash j&t 极兔 極兔 顺丰 順豐 中通 圆通 圓通 韵达 韻達 申通 auspost ems dhl fedex "
    "เคอรี่ แฟลช ดี".split()  # ไอดี is segmented ไอ + ดี
)

# Interrogatives proper: a clause with one asks something even if it mentions a contact detail.
_ASKING = frozenset(
    """
    how what why when where which who
    怎么 怎样 如何 什么 为什么 为何 哪里 哪 几 多少 多久 吗 么 是否 能否
    ไหม มั้ย ยังไง อย่างไร ทำไม เมื่อไหร่ เมื่อไร ที่ไหน อะไร กี่ ได้ไหม หรือเปล่า หรือยัง
    """.split()
)
# Words that make a question a question (the interrogatives and the auxiliaries that open
# one); never learned as wrappers.
_QUESTION_WORDS = _ASKING | frozenset(
    """
    whom whose can could would will should is are was were do does did may might must shall
    have has any anyone
    怎麼 怎樣 什麼 為什麼 為何 哪裡 幾 嗎 麼 呢 可否 可不可以 能不能 会不会 會不會 有没有 有沒有
    ไม๊ มัย ไหน เท่าไหร่ เท่าไร
    """.split()
)

WRAPPERS_VERSION = 6  # bump when the phrase lists or the rules change what a view is


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
    return resources.files("kbgen.intent").joinpath("data/wrappers.txt").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _lists_digest() -> str:
    import hashlib

    return hashlib.sha256(_lists_text().encode("utf-8")).hexdigest()[:16]


def _lexicon_path() -> Path:
    """Where the tokenised lists are kept: segmenting them (jieba, pythainlp) is the slow part
    (~1.5 s), and an English-only rerun needs neither segmenter otherwise."""
    from importlib.metadata import PackageNotFoundError, version

    from kbgen.config import home

    parts = [_lists_digest(), str(WRAPPERS_VERSION)]
    for package in ("jieba", "pythainlp", "opencc-python-reimplemented"):
        try:
            parts.append(version(package))
        except PackageNotFoundError:
            parts.append("-")
    import hashlib

    key = hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]
    return home() / "intent" / f"lexicon-{key}.json"


def _load_lexicon(path: Path) -> Lexicon | None:
    """The saved lists, or None when missing or damaged (then they are built again)."""
    from kbgen.group.state import load_text  # a folder or FIFO in the way is no file

    text = load_text(path)
    if text is None:
        return None
    try:
        data = json.loads(text)
        tuples = {k: frozenset(tuple(p) for p in data[k]) for k in ("edge", "whole", "lead")}
        words = {k: frozenset(data[k]) for k in ("anywhere", "contact")}
        lexicon = Lexicon(**tuples, **words, longest=int(data["longest"]))
    except (ValueError, KeyError, TypeError):
        return None
    phrases = (*lexicon.edge, *lexicon.whole, *lexicon.lead)
    if not all(isinstance(w, str) for p in phrases for w in p) or not lexicon.edge:
        return None
    return lexicon


def _save_lexicon(path: Path, lexicon: Lexicon) -> None:
    from kbgen.group.state import save_text  # atomic; failing only costs time next run

    data = {
        "edge": sorted(lexicon.edge),
        "anywhere": sorted(lexicon.anywhere),
        "whole": sorted(lexicon.whole),
        "contact": sorted(lexicon.contact),
        "lead": sorted(lexicon.lead),
        "longest": lexicon.longest,
    }
    save_text(path, json.dumps(data, ensure_ascii=False))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The curated lists (``kbgen/intent/data/wrappers.txt``: ``[section]`` headers, one phrase
    a line), tokenised; kept under KBGEN_HOME between runs."""
    path = _lexicon_path()
    if (saved := _load_lexicon(path)) is not None:
        return saved
    built = _build_lexicon()
    _save_lexicon(path, built)
    return built


def _build_lexicon() -> Lexicon:
    edge = {_phrase(p) for name in ("edge", "particle") for p in _section(name)}
    edge.discard(())
    anywhere = {k for p in _section("particle") for k in _phrase(p)}
    whole = {_phrase(p) for p in _section("whole")} | edge
    whole.discard(())
    contact = {k for p in _section("contact") for k in _phrase(p)}
    lead = {_phrase(p) for p in _section("lead")}
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


# --- names ------------------------------------------------------------------------------------

# "my name is Anna Lee", "this is Tom", "I'm Sarah Gacia", "我是王小明", "我叫林秀英", "ดิฉันชื่อสมศรี",
# "กมลเองค่ะ", or a bare name line ("- Chloe Miller").
_NAME_CLAUSE = re.compile(
    r"^(?:(?:my name is|my name's|name:|this is|i am|i'm|it's)\s+(?:[A-Z][a-z'’-]+\s*){1,3}"
    r"|(?:[A-Z][a-z'’-]+\s+){1,2}[A-Z][a-z'’-]+"
    r"|(?:我是|我叫|我係|我系|本人|鄙人|買家|买家|訂購人|订购人|会员|會員)+[\u4e00-\u9fff]{2,3}"
    r"|我姓[\u4e00-\u9fff]{1,2}"
    r"|[\u4e00-\u9fff]{1,2}(?:先生|小姐|女士|太太)|[\u4e00-\u9fff]{2,3}(?:敬上|留)"
    r"|คุณ[\u0e00-\u0e7f]{2,12}"
    r"|(?:ผม|ดิฉัน|หนู|ฉัน)?ชื่อ\s*[\u0e00-\u0e7f]{2,20}(?:\s*[\u0e00-\u0e7f]{2,20})?"
    r"|[\u0e00-\u0e7f]{2,12}เอง(?:ค่ะ|ครับ|คะ|นะคะ|นะครับ)?)$"
)

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
