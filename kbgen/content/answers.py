"""Answer stage: the agent reply a draft can publish, or the candidates its owner picks from.

An FAQ answer must hold for every customer who asks, so kbgen prefers the reply many agents
gave: near-duplicates among the group's replies (the largest tight cluster, its most central
member). A reply that only fits one ticket is set aside, found by signals that hold in any
export and in English, Chinese (both scripts) and Thai:

- an action already taken on the customer's own case ("I've cancelled order X for you",
  "已為您處理", "แอดมินดำเนินการให้เรียบร้อยแล้ว");
- an escalation instead of an answer ("passed it to the right team", "已轉交相關部門",
  "ส่งเรื่องให้ทีมที่เกี่ยวข้อง");
- a reply that only asks for details ("Could you please provide the order number?");
- a person's name, a redaction mask or an id (the reply is about one ticket);
- and, most general, a singleton: no near-duplicate among the group's replies.

Unfilled template placeholders ("{{Order Number}}"), a greeting that named the customer (cut
from the published text), a request beside an answer, a reply given in many unrelated groups
(a stock phrase) and one nearer another group's questions than its own (off-topic) count
against a reply without ruling it out, and only where at least half of the group's replies go
without. Near-duplicates in the group's other languages (translations) count as support, but
only replies in the entry's language are published. When nothing generalises the draft keeps
its to-do marker and lists the best candidates.

Measured by bench/bench_answers.py. Cost: only a bounded, seeded sample of each group's
distinct replies is tidied and embedded, cut to EMBED_CHARS, through the embedding cache.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from kbgen.privacy import MASK
from kbgen.records import Issue, Question

SAMPLE_PER_GROUP = 20  # distinct replies embedded per group at most (30: no better on bitext)
EMBED_CHARS = 512  # a reply's start says what it is about; the rest only costs time
NEAR_DUPLICATE = 0.75  # cosine of two wordings of one reply template (use-multilingual)
OFF_TOPIC_MARGIN = 0.1  # nearer another group's questions than its own by this much
STOCK_GROUPS = 3  # the same reply in this many groups is a stock phrase, not an answer
MAX_CANDIDATES = 3
REQUEST_SHARE = 0.6  # a reply whose requests are this share of what it says only asks
SEED = 11

# Flags that rule a reply out; the others only weigh against it.
STRONG = frozenset({"action", "escalation", "request", "mask", "id", "name"})
WEAK = frozenset({"placeholder", "asks", "stock", "off-topic", "addressed"})

Embed = Callable[[list[str]], np.ndarray]

_PLACEHOLDER = re.compile(r"\{\{[^{}]{1,60}\}\}")
_ID = re.compile(r"(?<![\w{])(?=[A-Za-z\-#]*\d)[A-Za-z#]*\d[\dA-Za-z\-]{4,}(?![\w}])")

_ACTION = re.compile(
    # English: "I've cancelled", "we have refunded", "I just reset", "... has been issued for you"
    r"\b(?:i|we)(?:'ve|’ve| have)?(?: just| already| now)?\s+"
    r"(?:cancell?ed|processed|refunded|issued|updated|changed|applied|credited|reset|resent|"
    r"forwarded|passed|escalated|arranged|added|removed|fixed|resolved|submitted|reactivated|"
    r"unlocked|booked|scheduled|initiated|raised|logged|replaced|reshipped|modified|"
    r"corrected|waived|refunded|shipped|sent|upgraded|downgraded|restored|verified)\b"
    r"|\b(?:has|have) been \w+ed for you\b"
    # Chinese: 已為您 / 已经帮您 / 我们已(经) / 帮您处理好了
    r"|已(?:經|经)?(?:幫|帮|為|为|給|给|替)(?:您|你)"
    r"|我(?:們|们)?已(?:經|经)?(?:為|为|幫|帮|將|将|把)?"
    r"|(?:幫|帮|為|为)(?:您|你)(?:處理|处理)(?:好|完成|完畢|完毕)"
    # Thai: "... ให้เรียบร้อยแล้ว" (done for you), "แอดมิน/ทางเรา ... แล้ว" (we have ...)
    r"|ให้(?:คุณ)?(?:ลูกค้า)?(?:เรียบร้อย)?แล้ว"
    r"|(?:แอดมิน|ทางร้าน|ทางเรา)(?:ได้)?(?:ทำการ)?"
    r"(?:ดำเนินการ|ยกเลิก|แก้ไข|คืนเงิน|เปลี่ยน|ส่ง|จัดการ|อัปเดต|ตรวจสอบ)(?:ให้)?(?:เรียบร้อย)?แล้ว",
    re.IGNORECASE,
)
_ESCALATION = re.compile(
    r"\b(?:passed|forwarded|escalated|referred|transferred|handed)\b[^.!?\n]{0,40}"
    r"\b(?:team|department|colleagues?|specialists?|supervisor|manager)\b"
    r"|\b(?:get|come) back to you\b|\bbe in touch\b|\bsomeone will (?:contact|call|reach)\b"
    r"|轉交|转交|轉給|转给|轉達|转达|反饋給|反馈给|相關部門|相关部门|相關同事|相关同事"
    r"|專人|专人|(?:會|会)(?:在|於|于)?\S{0,12}(?:回覆|回复|聯繫|联系|聯絡)(?:您|你)"
    r"|ส่งเรื่อง|ทีมที่เกี่ยวข้อง|ติดต่อกลับ",
    re.IGNORECASE,
)
_REQUEST = re.compile(
    r"\b(?:could|can|would) you (?:please |kindly )?(?:provide|share|send|confirm|tell|"
    r"let (?:me|us) know|give|reply with|check)\b"
    r"|\bplease (?:provide|share|send|confirm|reply with|let (?:me|us) know|tell)\b"
    r"|\bmay i (?:have|ask|know)\b|\bi(?:'ll| will) need (?:your|the)\b"
    r"|(?:請|请|麻煩|麻烦|煩請|烦请|勞煩|劳烦)(?:您)?(?:提供|告知|告訴|告诉|回覆|回复|發送|发送|拍|私信|留下)"
    r"|(?:รบกวน|กรุณา)\S{0,12}(?:แจ้ง|ส่ง|ระบุ|ถ่าย|ขอ)|ขอทราบ|ขอเลข",
    re.IGNORECASE,
)
# A person named in the reply: "Mr Smith", "王先生", "คุณสมศรี" (a Thai name list decides).
_TITLE_NAME = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+[A-Z][a-z'’-]+|[\u4e00-\u9fff]{1,2}(?:先生|小姐|女士|太太)"
)
_HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Mx|Dr)\.")
_THAI_KHUN = re.compile(r"(?<!ขอบ)คุณ([\u0e00-\u0e7f]{4,12})")
_CLAUSE = re.compile(r"[^,，、;；:：.!?。！？\n]+")
_THAI_SENTENCES = re.compile(r"(?<=[\u0e00-\u0e7f])\s+(?=[\u0e00-\u0e7f])")

# Words that address a reader without naming anyone ("Dear customer", "亲爱的顾客", "คุณลูกค้า").
_ADDRESS = frozenset(
    "dear customer customers sir madam team valued friend there all mr mrs ms miss "
    "亲 亲爱 亲爱的 的 尊敬 尊敬的 顾客 客户 用户 会员 朋友 您 "
    "คุณ ลูกค้า ท่าน".split()
)
_TRAILING_PUNCT = "。．.！!？?，,、；;：:~～…)）」』"


@dataclass(slots=True)
class Reply:
    """One distinct reply of a group, as it would be published."""

    text: str  # greeting and sign-off cut, line breaks kept
    count: int  # tickets that got exactly this reply
    flags: set[str] = field(default_factory=set)
    support: int = 0  # tickets that got it or a near-duplicate
    density: float = 0.0
    topic_gap: float = 0.0  # similarity to the nearest other group's questions minus its own
    own_lang: bool = True  # in the entry's language (only these are published)
    near: set[int] = field(default_factory=set)  # id() of its near-duplicates in the sample


@dataclass(slots=True)
class AnswerChoice:
    """A reply that generalises (answer), else the best candidates for the owner to pick."""

    answer: str | None
    candidates: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)  # why the answer or the first candidate
    replies: list[Reply] = field(default_factory=list)  # what was weighed (for measuring)


# --- signals -------------------------------------------------------------------------------


def signals(text: str) -> set[str]:
    """Why a reply might fit only one ticket (see the module docstring); empty when none."""
    found: set[str] = set()
    if _ACTION.search(text):
        found.add("action")
    if _ESCALATION.search(text):
        found.add("escalation")
    if _REQUEST.search(text):
        found.add("request" if _only_asks(text) else "asks")
    if MASK.search(text):
        found.add("name" if "<NAME>" in text else "mask")
    if _ID.search(_PLACEHOLDER.sub(" ", text)):
        found.add("id")
    if _PLACEHOLDER.search(text):
        found.add("placeholder")
    if _TITLE_NAME.search(text) or _thai_name(text):
        found.add("name")
    return found


def _only_asks(text: str) -> bool:
    """The reply mostly asks the customer for something: its requests are at least half of
    what it says besides greetings and thanks ("if it has not arrived, please reply" is an
    answer that also asks; "could you provide the order number?" only asks)."""
    clauses = [c.strip() for c in _CLAUSE.findall(_THAI_SENTENCES.sub("\n", text))]
    content = [c for c in clauses if c and not _is_wrapper(c)]
    asked = sum(len(c) for c in content if _REQUEST.search(c))
    return asked > 0 and asked >= REQUEST_SHARE * sum(len(c) for c in content)


def _thai_name(text: str) -> bool:
    from kbgen.intent.curated import _thai_names

    names = _thai_names()
    for match in _THAI_KHUN.finditer(text):
        word = match.group(1)
        if any(word[:n] in names for n in range(3, len(word) + 1)):
            return True
    return False


# --- greeting and sign-off ------------------------------------------------------------------


def _keys(clause: str) -> tuple[tuple[str, ...], list[str]]:
    from kbgen.intent import lexicon, tokens

    lex = lexicon()
    toks = [t for t in tokens(clause) if t.kind != "mask"]
    keep = [t for t in toks if t.key not in lex.anywhere]
    return tuple(t.key for t in keep), [clause[t.start : t.end] for t in keep]


def _is_wrapper(clause: str) -> bool:
    """A greeting, thanks or sign-off clause, possibly addressing the reader by name."""
    return _wrapper_kind(clause) is not None


def _wrapper_kind(clause: str, signature: bool = False) -> str | None:
    """ "wrapper", "name" (a wrapper naming someone) or None. With `signature` (a reply's last
    line), a role followed by any short name counts too ("客服小美", "Support team, Anna")."""
    from kbgen.intent import lexicon

    lex = lexicon()
    keys, words = _keys(clause)
    if not keys:
        return "empty" if clause.strip() else None
    if keys in lex.whole or any(keys[:n] in lex.lead for n in range(1, len(keys) + 1)):
        return "wrapper"
    start = 0
    while start < len(keys):  # wrapper phrases at the front, longest first
        for n in range(min(lex.longest, len(keys) - start), 0, -1):
            if keys[start : start + n] in lex.edge or keys[start : start + n] in lex.whole:
                start += n
                break
        else:
            break
    if start == 0:
        return None
    rest, rest_words = keys[start:], words[start:]
    if all(k in _ADDRESS for k in rest):
        return "wrapper"
    named = [w for k, w in zip(rest, rest_words) if k not in _ADDRESS]
    if len(named) <= 3 and all(_looks_like_name(w) for w in named):
        return "name"
    if signature and len(named) <= 2 and len("".join(named)) <= 12:
        return "name"
    return None


def _name_line(line: str) -> bool:
    words = line.strip().split()
    return 0 < len(words) <= 3 and all(_looks_like_name(w.strip(",.-–—")) for w in words)


def _looks_like_name(word: str) -> bool:
    from kbgen.intent.curated import _is_name, _thai_names

    if word[:1].isupper() and word[1:].islower():
        return True
    return _is_name(word) or word in _thai_names()


def tidy(text: str) -> tuple[str, bool]:
    """The reply without the agent's greeting and sign-off, its line breaks kept.

    Returns the text and whether the greeting named the customer."""
    from kbgen.intent import clause_spans

    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    named = False
    while lines and not lines[0].strip():
        lines.pop(0)
    # Greeting: wrapper clauses at the start of the first line ("Hi Jane,", "您好，").
    for _ in range(3):
        if not lines:
            break
        spans = clause_spans(_HONORIFIC.sub(lambda m: m.group(1) + " ", lines[0]))
        cut = 0
        for start, end in spans:
            kind = _wrapper_kind(lines[0][start:end])
            if kind is None:
                break
            named = named or kind == "name"
            cut = end
        if cut == 0:
            break
        rest = lines[0][cut:].lstrip(_TRAILING_PUNCT + "-–— \t")
        if rest[:1].isascii() and rest[:1].islower():
            rest = rest[0].upper() + rest[1:]
        if not rest and len([x for x in lines if x.strip()]) <= 1:
            break  # a reply that is only a greeting stays as it is
        lines[0] = rest
        if rest:
            break
        lines.pop(0)
        while lines and not lines[0].strip():
            lines.pop(0)
    # Sign-off: wrapper clauses at the end of the last line ("Best regards", "祝您生活愉快").
    for _ in range(3):
        while lines and not lines[-1].strip():
            lines.pop()
        if len(lines) == 0:
            break
        last = lines[-1]
        if len(lines) > 1 and _name_line(last) and _wrapper_kind(lines[-2]) is not None:
            lines.pop()  # "Best regards,\nAnna"
            continue
        if len(lines) > 1 and _wrapper_kind(last.strip(), signature=True) == "name":
            lines.pop()  # a signature line: "客服小美", "Support team - Anna"
            continue
        spans = clause_spans(last)
        keep_end = None
        for k, (start, end) in enumerate(reversed(spans)):
            kind = _wrapper_kind(last[start:end], signature=k == 0 and len(spans) > 1)
            if kind is None:
                keep_end = end
                break
            named = named or kind == "name"
        if keep_end is None:  # the whole line is a sign-off (or a name under one)
            if len([x for x in lines if x.strip()]) <= 1:
                break
            lines.pop()
            continue
        tail = last[keep_end:]
        punct = len(tail) - len(tail.lstrip(_TRAILING_PUNCT))
        cut_line = last[: keep_end + punct].rstrip().rstrip(",，、;；:： ")
        if cut_line == last.rstrip():
            break
        lines[-1] = cut_line
        break
    return "\n".join(lines).strip(), named


# --- Markdown -------------------------------------------------------------------------------

_NUMBERED = re.compile(r"^\s*(\d{1,2})\s*[.)、]\s*(\S.*)$")
_BULLET = re.compile(r"^\s*[-*•·●▪◦]\s+(\S.*)$")
_BLOCK_START = re.compile(
    r"^(#{1,6}(?=\s|$)|>|[-+*](?=\s)|\d+[.)](?=\s)|={3,}|-{3,}|`{3,}|~{3,}|\|)"
)
_HTML = re.compile(r"<[A-Z][A-Z0-9_]*>|<(?=[A-Za-z/!?])")


def to_markdown(text: str) -> str:
    """A reply as Markdown that renders as the agent wrote it: numbered steps stay a list,
    bullets stay bullets, each other line its own paragraph; nothing turns into a heading,
    a quote, code or HTML by accident."""
    blocks: list[tuple[str, list[str]]] = []  # (kind, lines)
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            blocks.append(("blank", []))
            continue
        numbered, bullet = _NUMBERED.match(line), _BULLET.match(line)
        if numbered:
            kind, item = "ol", f"{int(numbered.group(1))}. {_inline(numbered.group(2))}"
        elif bullet:
            kind, item = "ul", f"- {_inline(bullet.group(1))}"
        else:
            kind, item = "p", _escape_start(_inline(line))
        if blocks and blocks[-1][0] == kind and kind in ("ol", "ul"):
            blocks[-1][1].append(item)
        else:
            blocks.append((kind, [item]))
    parts = ["\n".join(lines) for kind, lines in blocks if kind != "blank"]
    return "\n\n".join(parts)


def _inline(line: str) -> str:
    return _HTML.sub(lambda m: f"`{m.group(0)}`" if len(m.group(0)) > 1 else "&lt;", line)


def _escape_start(line: str) -> str:
    return "\\" + line if _BLOCK_START.match(line) else line


# --- choosing -------------------------------------------------------------------------------


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def reply_spread(issues: Sequence[Issue], questions: Sequence[Question]) -> Counter[str]:
    """In how many groups each distinct reply was given (a stock phrase is in many)."""
    spread: Counter[str] = Counter()
    for issue in issues:
        spread.update({_key(questions[i].answer or "") for i in issue.members} - {""})
    return spread


def choose(
    issue: Issue,
    questions: Sequence[Question],
    embed: Embed | None,
    lang: str | None = None,
    *,
    topics: np.ndarray | None = None,
    own: int | None = None,
    spread: Mapping[str, int] | None = None,
) -> AnswerChoice:
    """The reply that generalises, from the group's replies in `lang` (else all of them).

    `topics` holds every group's question centroid and `own` this group's row: a reply nearer
    another group's questions is off-topic. `spread` comes from :func:`reply_spread`.
    """
    replied = [questions[i] for i in issue.members if (questions[i].answer or "").strip()]
    same = [q.answer or "" for q in replied if q.lang == lang]
    if not replied:
        return AnswerChoice(None)
    if not same:  # no reply in the entry's language: publish from all of them
        sample = _distinct([q.answer or "" for q in replied], spread, SAMPLE_PER_GROUP)
    else:
        # The same reply in other languages (a translation) is support too, never published.
        sample = _distinct(same, spread, SAMPLE_PER_GROUP)
        others = [q.answer or "" for q in replied if q.lang != lang]
        for reply in _distinct(others, spread, SAMPLE_PER_GROUP // 3):
            reply.own_lang = False
            sample.append(reply)
    if embed is not None and len(sample) > 1:
        vectors = embed([" ".join(r.text.split())[:EMBED_CHARS] for r in sample])
        _cluster(sample, vectors)
        if topics is not None and own is not None and len(topics) > 1:
            _topic(sample, vectors, topics, own)
    else:  # one distinct reply (or no model): exact repeats are the only near-duplicates
        for r in sample:
            r.support, r.density = r.count, float(r.count)
    for r in sample:
        if r.support < 2:
            r.flags.add("singleton")
    fit = [
        r for r in sample if r.own_lang and not (r.flags & STRONG) and "singleton" not in r.flags
    ]
    if fit:
        # A weak flag counts against a reply only where at least half of the replies go
        # without it (in an export whose every reply has placeholders, they say nothing).
        total = sum(r.count for r in fit)
        rare = {f for f in WEAK if 2 * sum(r.count for r in fit if f in r.flags) <= total}

        def weight(r: Reply) -> float:
            return 0.5 ** len(r.flags & rare)

        # The largest tight family of replies, then its most central member.
        seed = max(fit, key=lambda r: (r.support * weight(r), r.density, r.count, r.text))
        family = [r for r in fit if id(r) in seed.near or r is seed]
        best = max(family, key=lambda r: (r.density * weight(r), r.count, r.text))
        return AnswerChoice(best.text, flags=sorted(best.flags), replies=sample)
    ranked = sorted(
        [r for r in sample if r.own_lang],
        key=lambda r: (len(r.flags & STRONG), -r.support, len(r.flags), -r.density, r.text),
    )
    picks = [r.text for r in ranked[:MAX_CANDIDATES]]
    return AnswerChoice(None, candidates=picks, flags=sorted(ranked[0].flags), replies=sample)


def _distinct(raw: Sequence[str], spread: Mapping[str, int] | None, limit: int) -> list[Reply]:
    """The distinct replies to look at: the repeated ones first (most often given), then a
    seeded sample of the others, `limit` in all; each tidied and read for signals."""
    counts: Counter[str] = Counter()
    first: dict[str, str] = {}
    for text in raw:
        key = _key(text)
        counts[key] += 1
        first.setdefault(key, text)
    repeated = sorted((k for k in counts if counts[k] > 1), key=lambda k: (-counts[k], k))
    chosen = repeated[:limit]
    once = sorted(k for k in counts if counts[k] == 1)
    room = limit - len(chosen)
    if room > 0 and once:
        chosen += random.Random(SEED).sample(once, min(room, len(once)))
    replies: dict[str, Reply] = {}
    for key in chosen:
        text, named = tidy(first[key])
        tidy_key = _key(text)
        if tidy_key in replies:  # two replies that differ only in greeting or sign-off
            replies[tidy_key].count += counts[key]
            continue
        reply = Reply(text=text, count=counts[key], flags=signals(text))
        if named or _TITLE_NAME.search(first[key]) or _thai_name(first[key]):
            reply.flags.add("addressed")  # its greeting named the customer (cut, but personal)
        if spread is not None and spread.get(key, 0) >= STOCK_GROUPS:
            reply.flags.add("stock")
        replies[tidy_key] = reply
    return list(replies.values())


def _cluster(sample: list[Reply], vectors: np.ndarray) -> None:
    """Support: the tickets whose reply is this one or a near-duplicate (none: a singleton);
    density: similarity to every reply weighed, ticket by ticket, which picks the most central
    member of the largest family (on bitext, 21 of 22 answers typical of their intent against
    18 with near-duplicates only, bench/bench_answers.py)."""
    sims = vectors @ vectors.T
    counts = np.array([r.count for r in sample], dtype=np.float32)
    near = sims >= NEAR_DUPLICATE
    np.fill_diagonal(near, True)
    support = near.astype(np.float32) @ counts
    density = (sims * counts[None, :]).sum(axis=1)
    for i, (r, s, d) in enumerate(zip(sample, support, density)):
        r.support, r.density = int(round(s)), float(d)
        r.near = {id(sample[j]) for j in np.flatnonzero(near[i]).tolist()}


def _topic(sample: list[Reply], vectors: np.ndarray, topics: np.ndarray, own: int) -> None:
    unit = topics / np.maximum(np.linalg.norm(topics, axis=1, keepdims=True), 1e-9)
    sims = vectors @ unit.T
    mine = sims[:, own]
    others = np.delete(sims, own, axis=1).max(axis=1)
    for r, m, o in zip(sample, mine, others):
        r.topic_gap = float(o - m)
        if o > m + OFF_TOPIC_MARGIN:
            r.flags.add("off-topic")


def candidates_markdown(candidates: Sequence[str]) -> str:
    """The candidate replies, each quoted as it would render, for the owner to pick from."""
    lines = ["No agent reply fits every customer. Replies agents gave, best first:"]
    for n, text in enumerate(candidates, 1):
        quoted = "\n".join(f"> {line}".rstrip() for line in to_markdown(text).split("\n"))
        lines += ["", f"Candidate {n}:", "", quoted]
    return "\n".join(lines)
