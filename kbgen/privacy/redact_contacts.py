"""Messaging-app account ids: the ``<CONTACT_ID>`` detector.

A LINE id, a WeChat id, a QQ number or a 旺旺 name reaches a person as surely as a phone
number, and in an export it repeats across unrelated questions ("加我微信 wxid_ab12cd"), so left
in it becomes an issue's keyword. None of these has a shape of its own (``somchai.k``,
``abc-123``, ``12345678``) except WeChat's generated ``wxid_...``, so, like
:mod:`~kbgen.privacy.redact_orders`, this module decides by the words before a value: the app's
name in any of our four languages (LINE / ไลน์, WeChat / 微信 / vx, QQ / 扣扣, 旺旺, Telegram,
WhatsApp, Skype, Viber, KakaoTalk, Discord), perhaps with an id word ("ID", 号, ไอดี,
"username") and a connector (":", "：", "is", "คือ", 是, 为, quotes or brackets) before it.

How much the words must say depends on the value, because app names are ordinary words too
("LINE app crashes", 微信支付 is WeChat Pay, "my line is busy"):

* ``wxid_...`` is masked anywhere, and ``@handle`` after any app name;
* a value with a digit or an inner ``. _ -`` (``somchai.k``, ``abc_123``, ``xyz99``) after any
  app name, unless it is a version, a size or an amount (``WhatsApp 2.23.1``, ``LINE 10GB``);
* digits alone after QQ / 扣扣 / 旺旺 (5 to 11: QQ numbers), after any other app only when an id
  word, a colon or "add me" says it is one (a phone number there was masked as ``<PHONE>``
  before this detector runs);
* letters alone only when an id word or "add me" (加我, add me on, แอด) says it is an id, or
  after a colon or "is" once "my"/我的 or an id word is there, and only when the value ends the
  clause and is not a common word ("LINE ID: somchai" yes, "LINE: not working" no). For a
  lower-case "line", a colon or "is" is not enough ("line: busy").

Values are ASCII handles (what these apps allow), except after 旺旺, where a Taobao name may
mix Chinese with letters or digits ("旺旺：小明2019"; at least one ASCII letter or digit).
Runs on the folded copy (full-width letters and colons are ASCII there) after the e-mail,
order and phone detectors, so ``LINE: jane@example.com`` stays ``<EMAIL>`` and
``WhatsApp +852 5123 4567`` stays ``<PHONE>``; time is linear (bounded patterns, one pass).
"""

from __future__ import annotations

import re

from kbgen.privacy.context import first_wins

__all__ = ["contact_spans"]

Span = tuple[int, int]

# App names. Latin ones are whole words; "line" is matched case-sensitively below as well,
# because an all-caps or title-case LINE is the app and a lower-case one is often the word.
_APPS_LATIN = (
    r"line(?:@|\s?oa)?|wechat|we\s?chat|weixin|vx|wx|qq|telegram|whatsapp|whats\s?app|skype|viber"
    r"|kakao(?:\s?talk)?|discord"
)
_APPS_CJK_TH = (
    r"阿里旺旺|旺旺|微信|威信|薇信|v信|扣扣|企鹅号|企鵝號|电报|電報|"
    r"ไลน์|ไลน|วีแชท|เทเลแกรม|วอทส์แอป|วอทส์แอพ|วอทแอป|วอทแอพ"
)
_ID_WORDS = (
    r"id|ไอดี|username|user\s?name|user\s?id|handle|account|acc|acct|"
    r"号码|號碼|账号|帳號|帐号|賬號|号|號|名|ชื่อ|บัญชี"
)
_ADD = r"(?:加我|加一下|加下|加个|加個|加|add\s++me\s++(?:on|in|via|at)?|add|แอด|เพิ่มเพื่อน)"
_CONNECT = r"(?:[:=]|(?<![A-Za-z])is(?![A-Za-z])|คือ|是|为|為)"
_QUOTE = "\"'“”‘’「『【《〈(\\[<"
# [add] [my] [id-word] APP [me (at)] [id-word] [connector] [quote] VALUE (an ASCII handle).
# Possessive spaces: a long run of them before a value that is not there (a mask blanked on the
# second pass) must not be re-split between the optional parts (quadratic).
_CONTACT = re.compile(
    rf"(?P<add>{_ADD}\s*+)?(?P<my>(?<![A-Za-z])my\s++|我的|ของ(?:ฉัน|ผม|หนู|เรา)\s*+)?"
    rf"(?P<pre>(?:(?<![A-Za-z])id|ไอดี)\s*+)?"
    rf"(?P<app>(?<![A-Za-z])(?:{_APPS_LATIN})(?![A-Za-z])|{_APPS_CJK_TH})"
    r"(?P<me>\s*+(?<![A-Za-z])(?:me|us)(?:\s++(?:at|on|via))?(?![A-Za-z])\s*+,?)?"
    rf"(?P<idw>\s*+(?:{_ID_WORDS})(?![A-Za-z]))?"
    rf"(?P<gap>\s*+(?:{_CONNECT}\s*+)?[{re.escape(_QUOTE)}]?\s*+)"
    # Skype's "live:.cid.123abc" carries its prefix with it.
    r"(?P<value>(?:live:\.?)?@?[A-Za-z0-9](?:[A-Za-z0-9._\-]{0,38}[A-Za-z0-9])?)(?![A-Za-z0-9@])",
    re.I,
)
# A Taobao (旺旺) name may mix Chinese with letters or digits: "旺旺ID：小明2019".
_WANGWANG = re.compile(
    rf"(?:阿里)?旺旺\s*+(?:{_ID_WORDS})?\s*+[:=]\s*+[{re.escape(_QUOTE)}]?\s*+"
    r"(?P<value>[A-Za-z0-9_\u3400-\u9fff][A-Za-z0-9_\-\u3400-\u9fff]{1,19})"
    r"(?=\s|$|[^A-Za-z0-9_\-\u3400-\u9fff])",
    re.I,
)
# WeChat's generated ids are masked wherever they stand.
_WXID = re.compile(r"(?<![A-Za-z0-9_])wxid_[A-Za-z0-9_\-]{2,40}", re.I)
# Substrings of every app name (and of wxid_): most texts hold none and skip the patterns
# (substring tests on a lower-cased copy cost a third of one regex search).
_KEYS = (
    "line", "wechat", "we chat", "weixin", "vx", "wx", "qq", "telegram", "whats", "skype",
    "viber", "kakao", "discord", "旺旺", "微信", "威信", "薇信", "v信", "扣扣", "企鹅号", "企鵝號",
    "电报", "電報", "ไลน", "วีแชท", "เทเลแกรม", "วอท",
)  # fmt: skip
_NUMBERISH = re.compile(r"[0-9][0-9._\-]*")
_DATE = re.compile(r"[0-9]{1,4}[-./][0-9]{1,2}[-./][0-9]{1,4}|[0-9]{1,2}[-./][0-9]{1,2}")
_VERSION = re.compile(r"v?[0-9]+(?:\.[0-9]+)+", re.I)
_UNIT = re.compile(
    r"[0-9]+(?:\.[0-9]+)?(?:gb|mb|kb|tb|k|m|x|am|pm|h|hrs?|mins?|s|th|st|nd|rd|d|days?|baht|thb|"
    r"usd|rmb|yuan|hkd|twd|sgd|myr|pcs|%)",
    re.I,
)
_NUMBERED_APPS = frozenset(("qq", "扣扣", "企鹅号", "企鵝號", "旺旺", "阿里旺旺"))
# Words that follow an app's name in ordinary sentences; never an id on their own.
_COMMON = frozenset(
    """
    a an the and or but not no yes is are was were be been am do does did can cant cannot
    will would should could may might must have has had get got my your our their his her its
    it this that these those there here me you we they him them i to of in on at by for from
    with without about as up down out off over again still just only also too very so then
    now app apps application account acc id ids number pay payment wallet login log sign call
    calls video voice chat chats message messages msg group groups official oa shop store
    web desktop pc mobile phone ios android iphone ipad version update updated
    crash crashes crashed crashing error errors bug bugs problem problems issue issues broken
    work works working worked down busy dead slow fine ok okay please pls thanks thank sorry
    help support admin contact notification notifications sticker stickers keep keeps stop
    stopped open opens opened close closed dont doesnt isnt none same
    friend friends add added link linked bind bound unbind verify verified verification code
    otp password service services team asap urgent today yesterday tomorrow
    """.split()
)
# The value ends its clause: end of text, punctuation, or a space before non-Latin text.
_CLAUSE_END = re.compile(r"\s*(?:$|[^\sA-Za-z0-9])|\s+[^\sA-Za-z]")
_SAID = re.compile(r"[:=]|is|คือ|是|为|為", re.I)


def _value_ok(m: re.Match[str], work: str) -> bool:
    value, app = m["value"], m["app"]
    app_key = re.sub(r"\s+", "", app).lower()
    if value.startswith("@"):
        return len(value) >= 3
    strong = m["idw"] is not None or m["pre"] is not None or m["add"] is not None
    said = _SAID.search(m["gap"]) is not None
    # A lower-case English "line" is the word more often than the app ("my line is busy").
    word_line = app.strip() in ("line", "Line")
    if _NUMBERISH.fullmatch(value):
        if _VERSION.fullmatch(value) or _DATE.fullmatch(value):
            return False
        digits = sum(c.isdigit() for c in value)
        if app_key in _NUMBERED_APPS:
            return 5 <= digits <= 11
        return digits >= 5 and (strong or (said and not word_line))
    if _UNIT.fullmatch(value):
        return False
    if not value.isalpha():  # letters with digits or an inner . _ - : shaped like a handle
        return len(value) >= 3 and (not word_line or strong or said or m["my"] is not None)
    if value.lower() in _COMMON or len(value) < 3:
        return False
    if not _CLAUSE_END.match(work, m.end()):  # "LINE: the app keeps crashing"
        return False
    if strong:
        return True
    return said and not word_line and (m["my"] is not None or ":" in m["gap"] or "=" in m["gap"])


def contact_spans(work: str) -> list[Span]:
    """Messaging-app ids in the folded text ``work`` (spans of the ids, not the app names)."""
    lowered = work.lower()
    if not any(key in lowered for key in _KEYS):
        return []
    spans = [m.span() for m in _WXID.finditer(work)]
    for m in _CONTACT.finditer(work):
        if _value_ok(m, work):
            spans.append(m.span("value"))
    for m in _WANGWANG.finditer(work):
        if re.search(r"[A-Za-z0-9]", m["value"]) and not re.fullmatch(r"[0-9]{1,4}", m["value"]):
            spans.append(m.span("value"))
    return first_wins(spans)
