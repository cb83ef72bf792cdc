"""Postal addresses: the ``<ADDRESS>`` detector, in English (and romanised), Chinese and Thai.

"Please ship to Flat 5, 12 Nathan Road, Kowloon", "地址：上海市浦东新区世纪大道100号3号楼502室"
and "ส่งที่ 99/9 หมู่ 3 ต.บางพูด อ.ปากเกร็ด จ.นนทบุรี 11120" name a home as surely as a phone number
names a person, and an address repeats its street words across unrelated questions, so left in
it also drives grouping. Addresses have no checksum and their words are ordinary words
("shipping address", 地址填错了, เปลี่ยนที่อยู่), so this detector goes by structure, precision
first:

* Latin letters (US, UK, AU, SG, MY, HK, and Thai or Chinese addresses written in English): a
  house number (``12``, ``12A``, ``12-14``, ``12/3``, ``No. 12``, ``Blk 123``) and one to four
  name words before a street type (``Street``, ``Rd``, ``Ave``...), or a number before a street
  word that leads its name (``Jalan``, ``Soi``, ``Moo``, ``Thanon``); then what follows in the
  same address (unit, floor, ``#05-12``, district and city words, state, postcode, a next line
  that ends in a postcode) and, before it, unit and floor words (``Flat B, 5/F,``). Street
  types that are common words (way, close, place, court, drive, lane...) need a capitalised name
  and a postcode, unit or comma-separated city after them, or an address word before; the others
  need a capitalised name or one of those, and without either the address must end its clause
  ("3 Main St. products?" is not one). Function words between the number and the type reject it
  ("3 items on the road"). ``PO Box 12`` is one too.
* Chinese: a chain of administrative and street units with a number: a street and its number
  (``世纪大道100号``, ``文化路一段188巷5弄3號``, ``彌敦道700號``) or two numbered building units
  (``3号楼502室``), with the city, district and building names around them. "我在北京市",
  "上海的仓库" and dates ("5号发货") are not addresses.
* Thai: a house number (``99/9``, ``บ้านเลขที่ 12``) and at least one unit after it (หมู่/ม.,
  ซอย/ซ., ถนน/ถ., แขวง/ตำบล/ต., เขต/อำเภอ/อ., จังหวัด/จ., กรุงเทพฯ/กทม., a postcode); a plain
  number without ``/`` needs two.

Address words before a value (address:, ship to, deliver to, I live at, 地址, 收货地址, 寄到,
ที่อยู่, ส่งที่, จัดส่งที่...) lower the bar: the value right after them is an address when it holds
a number and a street, unit or area word (or a postcode). The words themselves are never
masked, nor the request around the value: the span ends before a phone number or e-mail (already
blanked by then), before a word such as "Tel", "please" or "thanks", and at the clause's end.

Runs on the folded copy after every numeric detector (so numbers inside keep their own masks
and a phone after an address stays ``<PHONE>``); time is linear: every pattern is bounded and
possessive where it repeats, and the loops that extend a span take a bounded number of steps.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from kbgen.privacy.context import union

__all__ = ["address_spans"]

Span = tuple[int, int]

# -- Latin ------------------------------------------------------------------------------------

# Street types that are not common words (any case) and those that are (capitalised, and only
# with more of an address around them).
_STRONG_TYPES = (
    "street|st|road|rd|avenue|ave|av|boulevard|blvd|highway|hwy|terrace|tce|crescent|cres|"
    "parkway|pkwy|expressway|expy|freeway|fwy|"
    # a Thai lane or village after its road's name ("123 Sukhumvit Soi 11", "9 Bang Na Moo 3")
    "soi|moo"
)
_WEAK_TYPES = (
    "way|close|place|pl|court|ct|drive|dr|lane|ln|walk|row|grove|square|sq|gardens|gdns|mews|"
    "circle|cir|loop|trail|trl|plaza|quay|parade|pde|esplanade|alley|wharf|rise|hill"
)
# Street words that lead a name: Malaysian, Thai (romanised).
_LEAD_TYPES = "jalan|jln|lorong|lrg|persiaran|lebuh|lebuhraya|soi|thanon|moo"
_UNIT_WORDS = (
    "unit|flat|apt|apartment|suite|ste|room|rm|floor|fl|level|lvl|lot|blk|block|bldg|building|"
    "tower|twr|shop|house|villa|tambon|amphoe|khet|khwaeng"
)
_STRONG_SET = frozenset(_STRONG_TYPES.split("|"))
_WEAK_SET = frozenset(_WEAK_TYPES.split("|"))
# Words that never stand between a house number and its street type.
_FUNCTION = frozenset(
    """
    a an the on in at of to for from by with into onto my your his her our their its this that
    these those and or but is are was were be been am do does did not no so as if than then
    i you he she we they it me him us them some any more most many much few all each every
    other another such what which who when where why how very just only also too per via
    item items time times piece pieces pcs unit units minute minutes hour hours day days
    """.split()
)
# ... nor capitalised ("3 Items On The Road"), though "12 Some Rd" may be a street.
_FUNCTION_CAPS = frozenset(
    "The A An On In At Of To For From By With My Your Our Their This That And Or".split()
)
# Capitalised words that end an address rather than continue it.
_STOP = frozenset(
    """
    tel telephone phone mobile mob cell fax email e-mail mail contact call attn please pls plz
    thanks thank thx regards best cheers hi hello dear order name recipient receiver i i'm we my
    our the it and but or also when can could would will is are was do does did how what why
    where which who note ps sent sorry if so then not no yes ok okay asap today tomorrow this
    that there here let kindly hope looking regarding re subject for to from with by in on at of
    before after instead because until via monday tuesday wednesday thursday friday saturday
    sunday whatsapp line wechat
    """.split()
)

_NUM = r"[0-9]{1,5}[A-Za-z]?(?:\s?[-/]\s?[0-9]{1,5}[A-Za-z]?)?"
_LEAD_NUM = r"(?:(?:[Nn][Oo]|[Bb]lk|[Bb]lock|[Ll]ot)\.?\s?)?"
_WORD = r"(?:[A-Za-z][A-Za-z'’\-]{0,24}\.?|[0-9]{1,3}(?:st|nd|rd|th))"
# A house number not glued to a word, an amount or a bigger number.
_NUM_START = r"(?<![A-Za-z0-9$£€¥฿.,/#\-])"
_STREET = re.compile(
    rf"{_NUM_START}(?P<lead>{_LEAD_NUM})(?P<num>{_NUM}),?\s(?P<name>(?:{_WORD}\s){{1,4}}?)"
    rf"(?P<type>(?i:{_STRONG_TYPES}|{_WEAK_TYPES}))(?![A-Za-z'’\-])\.?"
    r"(?:\s[0-9]{1,3}[A-Za-z]?(?![A-Za-z0-9]))?"
)
_LEAD_STREET = re.compile(
    rf"{_NUM_START}(?P<lead>{_LEAD_NUM})(?P<num>{_NUM}),?\s(?P<type>(?i:{_LEAD_TYPES}))\.?\s"
    r"(?P<name>(?:[A-Z][A-Za-z'’\-]*|[0-9]{1,4}(?:/[0-9]{1,4})?[A-Za-z]?)"
    r"(?:\s(?:[A-Z][A-Za-z'’\-]*|[0-9]{1,4}(?:/[0-9]{1,4})?[A-Za-z]?)){0,3})(?![A-Za-z0-9])"
)
_PO_BOX = re.compile(
    r"(?<![A-Za-z])(?i:p\.?\s?o\.?\s?box|post\s?office\s?box|gpo\s?box|locked\s?bag)\s?#?"
    r"[0-9]{1,6}(?![0-9])"
)
# Unit and floor tokens, before or after the street.
_UNIT = (
    rf"(?:(?i:{_UNIT_WORDS})\.?\s?#?[A-Z0-9][A-Za-z0-9/\-]{{0,6}}(?![A-Za-z0-9])"
    r"|[0-9]{1,3}/F|[GLB]/F|[0-9]{1,3}(?:st|nd|rd|th)\s(?i:floor|fl)"
    r"|#[0-9]{1,3}-[0-9]{1,5}(?![0-9]))"
)
_UNIT_BEFORE = re.compile(
    rf"(?:{_UNIT}|(?<![A-Za-z])(?i:{_UNIT_WORDS})\.?|[A-Z][A-Za-z'’\-]*(?:\s[A-Z][A-Za-z'’\-]*){{0,3}})"
    r"\s?,?\s?$"
)
_SEP = re.compile(r"[ \t]*+(,)?[ \t]*+")
_POSTCODE = re.compile(
    r"(?:[A-Z]{2,3}\s)?[0-9]{5}(?:-[0-9]{4})?(?![0-9A-Za-z])"  # US ZIP (with its state)
    r"|[A-Z]{1,2}[0-9][A-Z0-9]?\s?[0-9][A-Z]{2}(?![A-Za-z0-9])"  # UK
    r"|(?:[A-Z]{2,3}\s)?[0-9]{4,6}(?![0-9A-Za-z])"  # AU, SG, MY, TH, CN, HK...
)
_UNIT_AT = re.compile(_UNIT)
_LEAD_AT = re.compile(
    rf"(?i:{_LEAD_TYPES})\.?\s(?:[A-Za-z][A-Za-z'’\-]*|[0-9]{{1,4}}(?:/[0-9]{{1,4}})?)"
    r"(?:\s(?:[A-Z][A-Za-z'’\-]*|[0-9]{1,4}(?:/[0-9]{1,4})?)){0,2}(?![A-Za-z0-9])"
)
_CAPS = re.compile(r"[A-Z][A-Za-z'’\-]*+(?:\s[A-Z][A-Za-z'’\-]*+){0,3}(?![A-Za-z0-9])")
_LOWER = re.compile(r"[a-z][a-z'’\-]*+(?:\s[a-z][a-z'’\-]*+){0,3}(?![A-Za-z0-9])")
_NUMBER_AT = re.compile(rf"{_LEAD_NUM}{_NUM}(?![A-Za-z0-9])")
# A next line that finishes the address: "Springfield, IL 62704", "London SW1A 2AA".
_NEXT_LINE = re.compile(
    r"[ \t]*\n[ \t]*(?:[A-Z][A-Za-z'’\-]*(?:\s[A-Z][A-Za-z'’\-]*){0,3},?\s)?"
    r"(?:[A-Z]{2,3}\s)?(?:[0-9]{4,6}(?:-[0-9]{4})?|[A-Z]{1,2}[0-9][A-Z0-9]?\s?[0-9][A-Z]{2})"
    r"[ \t]*(?=\n|$)"
)
_WORD_SPLIT = re.compile(r"\s+")
_MAX_TAIL = 10


def _stop_at(words: str) -> int:
    """Length of the leading words of ``words`` before the first stop word."""
    pos = 0
    for m in re.finditer(r"\S+", words):
        if m[0].lower().rstrip(".") in _STOP:
            return pos
        pos = m.end()
    return pos


def _tail(work: str, end: int, loose: bool) -> tuple[int, bool]:
    """Where the address that ends at ``end`` really ends, and whether what was added holds a
    strong sign (a postcode, a unit, a city after a comma, a next line with a postcode)."""
    strong = False
    for _ in range(_MAX_TAIL):
        sep = _SEP.match(work, end)
        assert sep is not None
        pos, comma = sep.end(), sep[1] is not None
        if pos == end and end < len(work) and work[end].isalnum():
            break  # glued to what came before
        if work[end - 1 : end] == "." and not comma:  # "St. Kilda" yes, "St. The" no
            m = _POSTCODE.match(work, pos) or _UNIT_AT.match(work, pos)
            if m is None:
                break
        found = None
        for pattern in (_UNIT_AT, _POSTCODE, _LEAD_AT):
            m = pattern.match(work, pos)
            if m is not None:
                found = m.end()
                strong = strong or pattern is not _LEAD_AT
                break
        if found is None:
            m = _CAPS.match(work, pos) or (_LOWER.match(work, pos) if loose and comma else None)
            if m is not None:
                size = _stop_at(m[0])
                if size:
                    found = pos + size
                    strong = strong or comma
        if found is None:
            line = _NEXT_LINE.match(work, end)
            if line is not None:
                return line.end(), True
            break
        end = found
    return end, strong


def _unit_start(work: str, start: int) -> int:
    """Unit and floor words before a street ("Flat B, 5/F, 12 Some Rd"), and the building names
    between them ("Room 1201, Tower 2, Times Square, 1 Matheson Street"); a capitalised word is
    taken only when a unit word stands before it (never a greeting's name alone)."""
    best = start
    pos = start
    for _ in range(5):
        m = _UNIT_BEFORE.search(work, max(0, pos - 48), pos)
        if m is None or m.start() == pos:
            break
        pos = m.start()
        if pos and (work[pos - 1].isalnum() or work[pos - 1] in "'’-"):
            break
        if not m[0][:1].isupper() or _UNIT_AT.match(work, pos) or _LEAD_UNIT.match(m[0]):
            best = pos
        elif m[0].split()[0].lower() in _STOP:
            break
    return best


_LEAD_UNIT = re.compile(rf"(?i:{_UNIT_WORDS})(?![A-Za-z])")


def _followed_ok(work: str, end: int) -> bool:
    """The street ends its clause: nothing, punctuation, a line break or non-Latin text next
    ("3 Main St. products?" and "2 Abbey Road CDs" go on with a word)."""
    rest = work[end : end + 3].lstrip(" \t")
    return not rest or not (rest[0].isascii() and rest[0].isalnum())


def _latin(work: str, context: list[Span]) -> list[Span]:
    spans: list[Span] = []
    for m in _STREET.finditer(work):
        words = _WORD_SPLIT.split(m["name"].strip())
        if any(w.rstrip(".") in _FUNCTION or w.rstrip(".") in _FUNCTION_CAPS for w in words):
            continue
        capitalised = all(w[:1].isupper() or w[:1].isdigit() for w in words)
        kind = m["type"].lower()
        weak = kind in _WEAK_SET and kind not in _STRONG_SET
        end, strong = _tail(work, m.end(), loose=False)
        announced = _announced(context, m.start())
        if announced:
            end, strong = _tail(work, m.end(), loose=True)
        if weak:
            ok = announced or (capitalised and m["type"][:1].isupper() and strong)
        else:  # "2 Abbey Road CDs": capitalised words after the street need a comma
            ok = announced or strong or (capitalised and _followed_ok(work, m.end()))
        if ok:
            spans.append((_unit_start(work, m.start()), _trim(work, m.start(), end)))
    for m in _LEAD_STREET.finditer(work):
        if m["type"][:1].islower() and not _announced(context, m.start()):
            continue
        end, _ = _tail(work, m.end(), loose=_announced(context, m.start()))
        spans.append((_unit_start(work, m.start()), _trim(work, m.start(), end)))
    for m in _PO_BOX.finditer(work):
        end, _ = _tail(work, m.end(), loose=False)
        spans.append((m.start(), _trim(work, m.start(), end)))
    return spans


def _trim(work: str, start: int, end: int) -> int:
    while end > start and work[end - 1] in " \t,.;:-":
        end -= 1
    return end


# -- Chinese ----------------------------------------------------------------------------------

_HAN = r"[\u3400-\u9fff]"
_CN_NUM = r"(?:[0-9]{1,5}|[一二三四五六七八九十百千零〇两兩]{1,5})(?:[-之][0-9]{1,4})?"
_ADMIN_UNITS = (
    "特别行政区|特別行政區|自治区|自治區|自治州|街道|社区|社區|小区|小區|新区|新區|省|市|区|區|县|縣|"
    "镇|鎮|乡|鄉|村|里"
)
_STREET_UNITS = "大道|大街|胡同|路|街|道|巷|村"
_REGIONS = "香港|九龍|九龙|新界|港島|港岛|澳門|澳门"
# Numbered units; building-level ones (B) make an address two at a time.
_NUMBERED_UNITS = (
    "号院|號院|号楼|號樓|单元|單元|号|號|栋|棟|幢|座|楼|樓|层|層|室|房|弄|巷|鄰|邻|F|f|"
    "期|区|區|户|戶"
)
_BUILDING_LEVEL = frozenset(
    "号院 號院 号楼 號樓 单元 單元 栋 棟 幢 座 楼 樓 层 層 室 房 鄰 邻 F f".split()
)
_BUILDING_NAMES = (
    "大厦|大廈|广场|廣場|中心|花园|花園|小区|小區|公寓|家园|家園|新村|公馆|公館|山庄|山莊|大楼|大樓|"
    "商场|商場|城|苑|园|園|府|阁|閣|庭|居|邨"
)
_CN_CHAIN = re.compile(
    rf"(?P<admin>(?>{_REGIONS}|{_HAN}{{1,6}}?(?:{_ADMIN_UNITS}))\s?){{0,6}}+"
    rf"(?P<street>(?>(?P<sname>{_HAN}{{1,8}}?)(?P<sunit>{_STREET_UNITS})"
    rf"(?:[一二三四五六七八九十]{{1,2}}段|[0-9]段)?)\s?)?+"
    rf"(?P<first>(?>{_CN_NUM}\s?(?:{_NUMBERED_UNITS})))"
    rf"(?P<rest>(?>\s?(?:{_CN_NUM}\s?(?:{_NUMBERED_UNITS})|[A-Za-z]\s?(?:座|栋|棟|幢|室|区|區)|[A-Za-z0-9\u3400-\u9fff]{{1,10}}?"
    rf"(?:{_BUILDING_NAMES})|[-－]?[0-9]{{2,5}}(?![0-9])|之[0-9]{{1,3}})){{0,8}}+)"
)
_CN_ADMIN = re.compile(rf"{_REGIONS}|{_ADMIN_UNITS}")
_CN_NUMBERED = re.compile(rf"{_CN_NUM}\s?({_NUMBERED_UNITS})")
# Words before a street or district char that make it an ordinary word ("不知道5号").
_NOT_STREET = frozenset(
    "知难難味渠频頻报報说說顺順管轨軌跑赛賽称稱地车車通霸厚公人网網线線电電思套出走迷水逛"
)
_NOT_ADMIN_BEFORE = frozenset("这這那哪家心城公店手夜超上门門")
# Request words a chain may start with ("寄到上海市..."): never part of the address.
_CN_LEAD = re.compile(
    r"(?:请|請|麻烦|麻煩|帮我|幫我|帮忙|幫忙|我的|我们|我們|我家|我|您|你|他|她|的|在|到|是|为|為|住|"
    r"家|寄|送|发|發|往|去|改|成|换|換|现在|現在|目前|就|想|要|可以|能|了|地址|住址|收货|收貨|收件|"
    r"查|一下|下|看|给|給|把|填|写|寫|那|这|這|从|從|由|放|至)+"
)


def _chinese(work: str, context: list[Span]) -> list[Span]:
    spans: list[Span] = []
    for m in _CN_CHAIN.finditer(work):
        start = m.start()
        word = _last_context(context, m.start("first"))  # "收货地址是广东省...": after the word
        if word >= start:
            start = word
        lead = _CN_LEAD.match(work, start, m.start("first"))
        if lead:
            start = lead.end()
        numbered = [u.group(1) for u in _CN_NUMBERED.finditer(work, m.start("first"), m.end())]
        street = m["street"]
        if street and m["sname"][-1] in _NOT_STREET and m["sunit"] != "大道":
            street = None
            if start < m.start("first"):
                start = max(start, m.start("street") + len(m["street"]))
        admin_text = work[start : m.start("street") if m["street"] else m.start("first")]
        admins = len(_CN_ADMIN.findall(admin_text))
        admin_chars = admin_text.strip()
        if admin_chars and admin_chars[-1] == "里" and admin_chars[-2:-1] in _NOT_ADMIN_BEFORE:
            start, admins = m.start("street") if street else m.start("first"), 0
        first = numbered[0] if numbered else ""
        building = sum(u in _BUILDING_LEVEL for u in numbered)
        street_number = bool(street) and first in ("号", "號", "号院", "號院", "巷", "弄")
        strict = (
            street_number
            or (building >= 1 and len(numbered) >= 2)
            or (admins and first in _BUILDING_LEVEL and first not in ("F", "f"))
        )
        loose = _announced(context, start) and len(numbered) + admins + bool(street) >= 2
        if not (strict or loose):
            continue
        # The first name keeps at most four characters: what stands before is the request.
        name = re.match(rf"{_HAN}+", work[start : m.end()])
        if name and len(name[0]) > 6 and not work.startswith(("香港", "九龍", "九龙"), start):
            cut = re.search(rf"(?:{_ADMIN_UNITS}|{_STREET_UNITS}|{_REGIONS})", name[0])
            if cut and cut.start() > 4:
                start += cut.start() - 4
        spans.append((start, _trim(work, start, m.end())))
    return spans


# -- Thai -------------------------------------------------------------------------------------

_TH = r"[\u0e00-\u0e7f]"
_TH_UNIT_WORDS = (
    r"หมู่บ้าน|มบ\.|ซอย|ซ\.|ถนน|ถ\.|แขวง|ตำบล|ต\.|เขต|อำเภอ|อ\.|จังหวัด|จ\.|อาคาร|ตึก|คอนโด|ชั้น|ห้อง"
)
# Units that make a house number an address (floor and room words only extend one).
_TH_QUALIFYING = re.compile(
    r"หมู่|ม\.|หมู่บ้าน|มบ\.|ซอย|ซ\.|ถนน|ถ\.|แขวง|ตำบล|ต\.|เขต|อำเภอ|อ\.|จังหวัด|จ\.|กรุงเทพ|กทม"
)
_TH_POSTCODE_IN = re.compile(r"(?<![0-9])[0-9]{5}$")
# Two letters at least: "ต.ค." (October) is not ตำบล ค.
_TH_NAME = rf"{_TH}{{2,40}}+(?:-{_TH}{{1,30}}+)?"
_TH_POSTCODE = r"(?:1[0-9]{4}|[2-8][0-9]{4}|9[0-6][0-9]{3})(?![0-9])"
_TH_HOUSE = r"(?:(?:บ้าน)?เลขที่\s?)?[0-9]{1,5}(?:/[0-9]{1,5})?(?![0-9/])"
_TH_CHAIN = re.compile(
    rf"(?<![0-9/.\-])(?P<house>{_TH_HOUSE})"
    rf"(?P<units>(?>\s?(?:(?:หมู่(?:ที่)?|ม\.)\s?[0-9]{{1,3}}(?![0-9])"
    rf"|(?:{_TH_UNIT_WORDS})\s?(?:{_TH_NAME}(?:\s?[0-9]{{1,4}}(?:/[0-9]{{1,4}})?(?![0-9]))?"
    r"|[0-9]{1,4}(?![0-9]))"
    rf"|กรุงเทพมหานคร|กรุงเทพฯ|กรุงเทพ|กทม\.?|(?:{_TH}{{2,20}}+\s?)?{_TH_POSTCODE})){{1,12}}+)"
)
# A chain after an address word may start without a house number.
_TH_LOOSE = re.compile(
    rf"(?P<house>(?:{_TH_HOUSE})?)"
    rf"(?P<units>(?>\s?(?:(?:หมู่(?:ที่)?|ม\.)\s?[0-9]{{1,3}}(?![0-9])"
    rf"|(?:{_TH_UNIT_WORDS})\s?(?:{_TH_NAME}(?:\s?[0-9]{{1,4}}(?:/[0-9]{{1,4}})?(?![0-9]))?"
    r"|[0-9]{1,4}(?![0-9]))"
    rf"|กรุงเทพมหานคร|กรุงเทพฯ|กรุงเทพ|กทม\.?|(?:{_TH}{{2,20}}+\s?)?{_TH_POSTCODE})){{1,12}}+)"
)
# Particles and request words a Thai name run swallows at the end ("ถนนสุขุมวิทค่ะ").
_TH_END = re.compile(
    r"(?:นะคะ|นะครับ|ค่ะ|คะ|ครับ|คับ|ค่า|จ้า|จ้ะ|นะ|ด้วย|หน่อย|เลย|ได้ไหม|ไหม|มั้ย|ให้|ที|แล้ว|ไปที่|ไป|"
    r"โทร|เบอร์|ติดต่อ|ขอบคุณ|บ้าน|ที่อยู่|ส่ง)+$"
)


def _thai_end(work: str, start: int, end: int) -> int:
    end = _trim(work, start, end)
    particles = _TH_END.search(work, start, end)
    return _trim(work, start, particles.start()) if particles else end


def _thai(work: str, context: list[Span]) -> list[Span]:
    spans: list[Span] = []
    for m in _TH_CHAIN.finditer(work):
        units = len(_TH_QUALIFYING.findall(m["units"]))
        house = m["house"]
        # A postcode alone does not make one ("1/2 10000 บาท"), beside a unit it does.
        sure = "/" in house or "เลขที่" in house or _TH_POSTCODE_IN.search(m["units"])
        if units >= 2 or (units >= 1 and sure):
            spans.append((m.start(), _thai_end(work, m.start(), m.end())))
        elif units >= 1 and _announced(context, m.start()):
            spans.append((m.start(), _thai_end(work, m.start(), m.end())))
    return spans


# -- address words ----------------------------------------------------------------------------

_CONTEXT = re.compile(
    r"(?:(?<![A-Za-z])(?i:(?:shipping |delivery |postal |mailing |home |billing |new |my )?"
    r"(?:address|addr)(?:\s(?:is|to|as))?|ship(?:ping)?\sto|deliver(?:y|ed)?\sto"
    r"|send\s(?:it\s|them\s|this\s|the\s(?:parcel|package|item|order)\s)?to|mail(?:ed)?\s(?:it\s)?to"
    r"|post(?:ed)?\s(?:it\s)?to|forward(?:ed)?\sto|(?:i\s)?live\sat|living\sat|located\sat"
    r"|reside\sat|moved\sto)(?![A-Za-z])"
    r"|收货地址|收貨地址|收件地址|送货地址|送貨地址|地址|住址|寄到|送到|寄往|发到|發到|寄去|送去"
    r"|配送到|送货到|送貨到|住在|我家在"
    r"|ที่อยู่|จัดส่งที่|ส่งไปที่|ส่งมาที่|ส่งที่)"
    r"(?:\s*+(?:[:：=]|is|คือ|是|为|為|改为|改為|改成)?\s*+)"
)
_LATIN_LOOSE_OK = re.compile(
    rf"(?<![A-Za-z])(?i:{_STRONG_TYPES}|{_WEAK_TYPES}|{_LEAD_TYPES}|{_UNIT_WORDS})(?![A-Za-z])"
    r"|[0-9]/F|#[0-9]{1,3}-[0-9]|(?<![0-9])[0-9]{4,6}(?![0-9])"
)


# Substrings of every address word: most texts hold none and skip the pattern.
_CONTEXT_KEYS = (
    "addr", "ship", "deliver", "send", "mail", "post", "forward", "liv", "locat", "resid",
    "moved", "地址", "住址", "寄", "送", "发到", "發到", "住在", "家在", "ที่อยู่", "ส่ง",
)  # fmt: skip


def _contexts(work: str) -> list[Span]:
    lowered = work.lower()
    if not any(key in lowered for key in _CONTEXT_KEYS):
        return []
    return [m.span() for m in _CONTEXT.finditer(work)]


def _last_context(context: list[Span], start: int) -> int:
    """Where the last address word before ``start`` ends (``context`` is in order), or -1."""
    i = bisect_right(context, (start, start)) - 1
    while i >= 0 and context[i][1] > start:
        i -= 1
    return context[i][1] if i >= 0 else -1


def _announced(context: list[Span], start: int) -> bool:
    """An address word stands before ``start``, at most 48 characters back."""
    end = _last_context(context, start)
    return end >= 0 and start - end <= 48


_CLAUSE_END = re.compile(r"[\n;!?。！？；\x00]|\.(?:\s|$)")


def _latin_loose(work: str, start: int) -> Span | None:
    """The value after an address word, as far as it reads like an address."""
    first = _NUMBER_AT.match(work, start) or _UNIT_AT.match(work, start)
    first = first or _PO_BOX.match(work, start) or _LEAD_AT.match(work, start)
    if first is None:
        caps = _CAPS.match(work, start)
        size = _stop_at(caps[0]) if caps else 0
        if not size:
            return None
        end = start + size
    else:
        end = first.end()
    for _ in range(_MAX_TAIL):
        new, _ = _tail(work, end, loose=True)
        if new == end:
            m = _SEP.match(work, end)
            assert m is not None
            nxt = _NUMBER_AT.match(work, m.end()) if m.end() > end else None
            if nxt is None:
                words = _LOWER.match(work, m.end()) if m.end() > end else None
                size = _stop_at(words[0]) if words else 0
                if not size or any(w in _FUNCTION for w in words[0][:size].split()):
                    break
                new = m.end() + size
            else:
                new = nxt.end()
        end = new
    clause = _CLAUSE_END.search(work, start, end)
    if clause:
        end = clause.start()
    end = _trim(work, start, end)
    value = work[start:end]
    if not re.search(r"[0-9]", value) or not _LATIN_LOOSE_OK.search(value):
        return None
    return start, end


def _loose(work: str, context: list[Span]) -> list[Span]:
    spans: list[Span] = []
    for _, value in context:
        if value >= len(work):
            continue
        ch = work[value]
        if ch.isascii():
            found = _latin_loose(work, value)
            if found:
                spans.append(found)
        elif "\u0e00" <= ch <= "\u0e7f" or ch.isdigit():
            m = _TH_LOOSE.match(work, value)
            if m and m.end() > value:
                spans.append((value, _thai_end(work, value, m.end())))
    return spans


# -- all together -----------------------------------------------------------------------------

# Cheap tests that let most texts skip a language's patterns: a number before a Latin word
# (or a PO box), a numbered Chinese unit, Thai letters.
_HINT_LATIN = re.compile(r"[0-9][A-Za-z]?,?\s[A-Za-z]|[Bb][Oo][Xx]")
_HINT_CN = re.compile(r"[号號樓楼室栋棟幢座单單层層弄巷鄰邻]")
_HINT_TH = re.compile(r"[\u0e00-\u0e7f]")
_DIGIT_OR_NUMERAL = re.compile(r"[0-9一二三四五六七八九十百]")


def address_spans(work: str) -> list[Span]:
    """Postal addresses in the folded text ``work`` (spans of the values, not the words that
    announce them), overlapping finds merged."""
    if not _DIGIT_OR_NUMERAL.search(work):
        return []
    context = _contexts(work)
    spans: list[Span] = []
    if _HINT_LATIN.search(work) or context:
        spans += _latin(work, context)
    if _HINT_CN.search(work):
        spans += _chinese(work, context)
    if _HINT_TH.search(work):
        spans += _thai(work, context)
    if context:
        spans += _loose(work, context)
    return union(spans)
