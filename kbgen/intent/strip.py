"""Taking wrappers off: a message's signature and channel note, a clause's wrapper edges."""

from __future__ import annotations

import re
from collections.abc import Sequence

from kbgen.intent.clauses import Token, _content, _idlike
from kbgen.intent.curated import _ID_NOUNS, Lexicon

# A last bracketed note ("(sent via LINE)", "【来自微信】", "（臉書私訊）").
_BRACKET_TAIL = re.compile(r"[(（【\[][^()（）【】\[\]\n]{1,60}[)）】\]]\s*$")

# Chat stickers and emoticon codes as messaging apps paste them into text: "[捂脸]", "[發怒]",
# "[doge]", "[Smile]", "(sticker)": one short bracketed word, no digits, that ends a clause or
# the message ("订单[已发货]但没收到" and "[Premium] plan" go on, so they are words).
_STICKER = re.compile(
    r"(?:\[(?:[\u3400-\u9fff]{1,4}|[A-Za-z][a-z]{1,9})\]"
    r"|[(（](?:sticker|emoji|贴图|貼圖|表情|สติกเกอร์|สติ๊กเกอร์)[)）])"
    r"(?=\s*(?:$|[\[(（\n.,!?~。，！？～、…]))",
    re.I,
)
_THAI_NAME = re.compile(
    r"(?:ผม|ดิฉัน|หนู|ฉัน|เรา)?ชื่อ\s+[\u0e00-\u0e7f]{2,15}(?:\s+[\u0e00-\u0e7f]{2,20})?"
    r"(?=[\s!?.,~]|$)"
    # ... or its masked form: "หนูชื่อ <NAME>"
    r"|(?:ผม|ดิฉัน|หนู|ฉัน|เรา|กระผม)?ชื่อ(?:ว่า|คือ)?\s*<NAME>"
)


def _cut_signature(text: str) -> tuple[str, list[str]]:
    """The message without what an e-mail reply carries besides it (quoted history, '>' lines,
    the signature, a disclaimer: ``kbgen.read.helpdesk.strip_reply``), chat stickers
    ("[捂脸]"), a last bracketed channel note, or a Thai "my name is ..." (Thai names are
    two words apart, like the clauses around them)."""
    from kbgen.read.helpdesk import strip_reply

    cut: list[str] = []
    new = strip_reply(text)
    if new and new != text.strip():
        kept = set(new.splitlines())
        cut.append("\n".join(line for line in text.splitlines() if line not in kept).strip())
        text = new
    for match in list(_STICKER.finditer(text))[::-1]:
        cut.append(match.group())
        text = text[: match.start()] + " " + text[match.end() :]
    for match in list(_THAI_NAME.finditer(text))[::-1]:
        cut.append(match.group().strip())
        text = text[: match.start()] + " " + text[match.end() :]
    match = _BRACKET_TAIL.search(text)
    if match and text[: match.start()].strip():
        cut.append(match.group().strip())
        text = text[: match.start()]
    return text, cut


def _opens_with(toks: Sequence[Token], leads: frozenset[tuple[str, ...]]) -> bool:
    keys = tuple(t.key for t in toks if t.kind == "word")
    return any(keys[:size] in leads for size in range(1, min(4, len(keys)) + 1))


def _label_run(toks: Sequence[Token], lex: Lexicon) -> int:
    """Length of a leading label and its value ("订单编号 <ORDER_ID>", "order number 123456"):
    contact words ending in a word for an identifier, then a mask or id; else 0."""
    for i, tok in enumerate(toks):
        if _idlike(tok):
            return i + 1 if i > 0 and toks[i - 1].key in _ID_NOUNS else 0
        if tok.kind != "word" or tok.key not in lex.contact:
            return 0
    return 0


def _labelled_value(core: Sequence[Token], labels: frozenset[tuple[str, ...]], start: bool) -> int:
    """Length of a learned label and the masked value after it at the start or end of `core`
    ("交易序號 <ORDER_ID>"), or 0."""
    if not labels:
        return 0
    for size in range(3, 0, -1):
        if len(core) <= size:
            continue
        if start:
            label, value = core[:size], core[size]
        else:
            label, value = core[len(core) - size - 1 : -1], core[-1]
        if _idlike(value) and tuple(t.key for t in label) in labels:
            return size + 1
    return 0


def _edge(
    core: Sequence[Token],
    phrases: frozenset[tuple[str, ...]],
    longest: int,
    most: int,
    *,
    start: bool,
) -> int:
    """Length of the longest of `phrases` (at most `most` tokens) at the start or end of
    `core`, or 0."""
    for size in range(min(longest, most), 0, -1):
        part = core[:size] if start else core[len(core) - size :]
        if tuple(t.key for t in part) in phrases:
            return size
    return 0


def _strip(
    toks: Sequence[Token],
    lex: Lexicon,
    learned: frozenset[str],
    phrases: frozenset[tuple[str, ...]] = frozenset(),
    labels: frozenset[tuple[str, ...]] = frozenset(),
) -> list[Token]:
    """A clause's tokens without wrapper phrases at its edges (and masks, ids, numbers there)."""
    longest = max(map(len, phrases), default=0)
    core = list(toks)
    changed = True
    while core and changed:
        changed = False
        # "订单编号<ORDER_ID>..." / "... call me <PHONE>": a label goes with its value.
        lead = _label_run(core, lex) or _labelled_value(core, labels, start=True)
        if lead:
            del core[:lead]
            changed = True
        tail = _labelled_value(core, labels, start=False)
        if tail:
            del core[len(core) - tail :]
            changed = True
        while core and _idlike(core[0]):
            core.pop(0)
            changed = True
        while core and _idlike(core[-1]):
            core.pop()
            changed = True
        size = _edge(core, lex.edge, lex.longest, len(core), start=True)
        if size:
            del core[:size]
            changed = True
        size = _edge(core, lex.edge, lex.longest, len(core), start=False)
        if size:
            del core[len(core) - size :]
            changed = True
        # Learned wrapper clauses glued to a request: only where something stays after them.
        size = _edge(core, phrases, longest, len(core) - 1, start=True)
        if size:
            del core[:size]
            changed = True
        size = _edge(core, phrases, longest, len(core) - 1, start=False)
        if size:
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


def _drop_inner(
    piece: str,
    core: Sequence[Token],
    offset: int,
    lex: Lexicon,
    labels: frozenset[tuple[str, ...]] = frozenset(),
) -> str:
    """Remove particles, masks and ids inside a kept clause, keeping the rest verbatim; a
    learned label goes with the masked value after it."""
    drop = {i for i, t in enumerate(core) if _idlike(t) or t.key in lex.anywhere}
    for i, t in enumerate(core):
        if not _idlike(t) or not labels:
            continue
        for size in range(min(3, i), 0, -1):
            if tuple(x.key for x in core[i - size : i]) in labels:
                drop.update(range(i - size, i))
                break
    cuts = [(t.start - offset, t.end - offset) for i, t in enumerate(core) if i in drop]
    if not cuts:
        return piece
    out: list[str] = []
    pos = 0
    for start, end in cuts:
        out.append(piece[pos:start])
        pos = end
    out.append(piece[pos:])
    return " ".join("".join(out).split())
