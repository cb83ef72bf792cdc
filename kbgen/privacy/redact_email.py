"""E-mail addresses the plain ASCII pattern misses: Unicode (IDN) ones and obfuscated ones.

:mod:`kbgen.privacy.redact` masks ``jane@example.com`` first; these detectors run next, on the
folded copy (so ``＠`` and ``。`` are already ``@`` and ``.``, invisible characters gone) and
see only what is left:

* Unicode local parts and domains: ``wang@例子.中国``, ``ตัวอย่าง@ไทย.ไทย``, ``jörg@bücher.de``.
  Chinese and Thai are written without spaces, so a non-ASCII top-level domain must be a known
  one (the text goes on right after it) and a non-ASCII local part stops after words such as
  是 or ที่ that usually introduce the address.
* Spelled out, bracketed or percent-encoded: ``jane dot doe at example dot com``,
  ``jane[at]example[dot]com``, ``jane(at)example.com``, ``jane%40example.com`` (any top-level
  domain after a bracketed or encoded "@"), ``jane @ example.com``, ``jane艾特example点com``,
  ``jane แอท example ดอท com``. A plain " at " needs a spelled-out dot as well and a common
  top-level domain, so "log in at example.com" stays as written.
"""

from __future__ import annotations

import re

__all__ = ["email_spans"]

Span = tuple[int, int]

# A letter or digit in any script; Thai vowel and tone marks are not \w for Python's re.
_L = r"(?:[^\W_]|[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0300-\u036f])"
_LABEL = rf"{_L}(?:{_L}|-){{0,62}}"
# Internationalised top-level domains in our languages' regions (and a few generic ones).
_IDN_TLDS = (
    "中国 中國 中文网 公司 网络 網絡 网址 網址 在线 在線 网店 網店 商城 商店 商標 "
    "商标 香港 台湾 台灣 澳門 澳门 新加坡 集团 集團 政务 政務 公益 企业 企業 游戏 "
    "遊戲 娱乐 娛樂 信息 购物 購物 网站 網站 移动 手机 手機 我爱你 广东 佛山 机构 "
    "組織机构 ไทย คอม 닷컴 한국 рф бел укр"
)
_TLD = (
    rf"(?:[A-Za-z]{{2,24}}(?![A-Za-z0-9])|xn--[A-Za-z0-9\-]{{2,59}}(?![A-Za-z0-9\-])"
    rf"|{'|'.join(sorted(_IDN_TLDS.split(), key=len, reverse=True))})"
)
# Matched at an "@": the domain part.
_DOMAIN = re.compile(rf"@((?:{_LABEL}\.){{1,8}}){_TLD}")
# Matched on the 64 characters before an "@", reversed: the local part.
_LOCAL_REV = re.compile(rf"(?:{_L}|[._%+\-]){{1,64}}")
# Words that end a non-ASCII local part (the window is read backwards, so they are reversed
# too): "邮箱是王明@..." keeps "邮箱是".
_LOCAL_STOP = re.compile(
    "|".join(w[::-1] for w in "是 为 為 到 给 給 至 ： : 邮箱 郵箱 ที่ คือ อีเมล เมล".split())
)

# Spelled-out or bracketed "@" and ".".
_OPEN, _CLOSE = r"[\[\(\{<]", r"[\]\)\}>]"
_AT_BRACKETED = rf" ?{_OPEN} ?(?:at|@|艾特) ?{_CLOSE} ?"
_AT_SPELLED = r"(?: {1,3}at {1,3}| ?(?:艾特|圈a|小老鼠) ?| ?แอท ?)"
_AT_SPACED = r"(?: {1,3}@ {0,3}| {0,3}@ {1,3})"
_DOT_SPELLED = rf"(?: ?{_OPEN} ?(?:dot|\.|点|點) ?{_CLOSE} ?| {{1,3}}dot {{1,3}}| ?(?:点|點|ดอท) ?)"
_DOT_ANY = rf"(?:{_DOT_SPELLED}|\.)"
_WORD = r"[A-Za-z0-9][A-Za-z0-9_%+\-]{0,63}"
_COMMON_TLDS = (
    "com net org edu gov mil int info biz io co me us uk cn tw hk mo th sg my jp kr au nz ca de "
    "fr it es nl be ch at se no dk fi pl ru in id ph vn br mx ar app dev xyz online shop site"
)
_OBF_TLD = rf"(?:(?:{'|'.join(_COMMON_TLDS.split())})(?![A-Za-z0-9])|คอม)"
_LOCAL_OBF = rf"{_WORD}(?:{_DOT_ANY}{_WORD}){{0,3}}"
# A bracketed or percent-encoded "@" is not prose, so any top-level domain goes after it.
_ANY_TLD = r"[A-Za-z]{2,24}(?![A-Za-z0-9])"
_LOCAL_SPELLED = (
    rf"(?:{_WORD}(?:{_DOT_SPELLED}{_WORD}){{1,3}}"
    # letters and digits, 3-64 of them (bounded lookaheads: linear on long runs)
    r"|(?=[A-Za-z0-9_%+\-]{0,63}[A-Za-z])(?=[A-Za-z0-9_%+\-]{0,63}[0-9])[A-Za-z0-9_%+\-]{3,64})"
)
_OBFUSCATED = re.compile(
    rf"(?<![A-Za-z0-9._%+\-])(?:"
    # jane[at]example[dot]com, jane(at)mailbox.example, jane%40example.com
    rf"{_LOCAL_OBF}(?:{_AT_BRACKETED}|%40)(?:{_WORD}{_DOT_ANY}){{1,5}}(?:{_OBF_TLD}|{_ANY_TLD})"
    # jane @ mailbox.example: a literal "@" with spaces around it, any domain ending
    rf"|{_LOCAL_OBF}{_AT_SPACED}(?:{_WORD}{_DOT_ANY}){{1,5}}(?:{_OBF_TLD}|{_ANY_TLD})"
    # jane艾特example.com, jane dot doe at example dot com
    rf"|{_LOCAL_OBF}(?:{_AT_SPELLED}(?=(?:{_WORD}{_DOT_ANY}){{0,4}}"
    rf"{_WORD}{_DOT_SPELLED}))(?:{_WORD}{_DOT_ANY}){{1,5}}{_OBF_TLD}"
    # kike46 dot zito at mailbox dot example: a local part that is spelled like an address
    # (a spelled-out dot or a digit in it) and a spelled-out dot after "at": any domain ending
    rf"|{_LOCAL_SPELLED}{_AT_SPELLED}(?:{_WORD}{_DOT_SPELLED}){{1,5}}{_ANY_TLD}"
    rf")",
    re.I,
)
# Cheap tests before the obfuscated pattern runs: a bracketed, spaced or percent-encoded "@",
# a Chinese or Thai "at", or a spelled-out "at" together with a spelled-out dot.
_HINT = re.compile(rf"{_OPEN} ?(?:at|@|艾特) ?{_CLOSE}| @|@ |%40|艾特|圈a|小老鼠|แอท", re.I)
_AT_WORD = re.compile(r"(?<![A-Za-z])at(?![A-Za-z])", re.I)
_DOT_WORD = re.compile(rf"(?<![A-Za-z])dot(?![A-Za-z])|点|點|ดอท|{_OPEN} ?\. ?{_CLOSE}", re.I)


def _script(c: str) -> str:
    if "\u0e00" <= c <= "\u0e7f":
        return "thai"
    if "\u2e80" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" or "\uac00" <= c <= "\ud7af":
        return "cjk"
    return "" if c.isdigit() or c in "._%+-" else "latin"


def _one_script(rev_local: str) -> int:
    """How much of a reversed local part is in one script: "wang" of "请发到wang"."""
    first = ""
    for i, c in enumerate(rev_local):
        script = _script(c)
        if script and first and script != first:
            return i
        first = first or script
    return len(rev_local)


def _unicode_emails(work: str) -> list[Span]:
    spans: list[Span] = []
    last_end = 0
    for at in re.finditer("@", work):
        pos = at.start()
        if pos < last_end:
            continue
        domain = _DOMAIN.match(work, pos)
        if domain is None:
            continue
        window = work[max(last_end, pos - 64) : pos][::-1]
        local = _LOCAL_REV.match(window)
        if local is None:
            continue
        n = _one_script(local[0])
        if not local[0][:n].isascii():
            stop = _LOCAL_STOP.search(window, 0, n)
            n = stop.start() if stop else n
        if n == 0:
            continue
        spans.append((pos - n, domain.end()))
        last_end = domain.end()
    return spans


def email_spans(work: str) -> list[Span]:
    """Unicode and obfuscated e-mail addresses in the folded text ``work``."""
    spans = _unicode_emails(work) if "@" in work else []
    if _HINT.search(work) or (_AT_WORD.search(work) and _DOT_WORD.search(work)):
        taken = set()
        for s, e in spans:
            taken.update((s, e))
        for m in _OBFUSCATED.finditer(work):
            if not any(s < m.end() and m.start() < e for s, e in spans):
                spans.append(m.span())
    return sorted(spans)
