"""Personal-data catalogue for the audit: a generator per type and language, and the leak check.

Every value is drawn from a seeded ``random.Random``, so a corpus is the same for the same seed.
Each generator returns :class:`Pii` items: the text as planted in a ticket (``surface``, already
in its sentence form, e.g. ``jane dot doe at ...``), and the needles that betray it in an output
whatever the formatting: ``alnum`` needles are compared against the output reduced to letters and
digits (NFKC, case-folded, entities decoded, zero-width and punctuation dropped), ``digits``
needles against each run of digits and digit separators with the separators dropped (Chinese and
Thai numerals read as digits). A value is leaked when any needle is found in any output.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from random import Random

from checksums import cn_id, hk_id, iban, luhn_complete, th_id, tw_id  # noqa: F401
from leaks import OutputView, Pii, alnum_view, digit_runs, leaked  # noqa: F401
from phrases import (  # noqa: F401  (BASE is used by the corpus through this module)
    _EN_FIRST,
    _EN_LAST,
    _HANT,
    _INTRO,
    _QUOTE,
    _SIGNOFF,
    _TH_FIRST,
    _TH_LAST,
    _ZH_GIVEN,
    _ZH_LAST,
    BASE,
    LEAD,
    sentence,
)

LANGS = ("en", "zh-Hans", "zh-Hant", "th")


# --- value helpers -----------------------------------------------------------------------------

_SYLL_C = "bdfghjklmnprstvz"
_SYLL_V = "aeiou"


_SEEN: set[str] = set()  # words and names handed out, so no two items share a needle


def token(rng: Random, syllables: int = 3) -> str:
    """A made-up, pronounceable word that no output would contain by chance (``zokimeta``)."""
    while True:
        word = "".join(rng.choice(_SYLL_C) + rng.choice(_SYLL_V) for _ in range(syllables))
        word += str(rng.randint(10, 99))
        if word not in _SEEN:
            _SEEN.add(word)
            return word


def group(s: str, sizes: Iterable[int], sep: str) -> str:
    parts, pos = [], 0
    for n in sizes:
        parts.append(s[pos : pos + n])
        pos += n
    if pos < len(s):
        parts.append(s[pos:])
    return sep.join(p for p in parts if p)


FULLWIDTH = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)})
THAI_DIGITS = str.maketrans({str(i): chr(0x0E50 + i) for i in range(10)})
CN_NUMERALS = str.maketrans({str(i): "〇一二三四五六七八九"[i] for i in range(10)})
CN_NUMERALS_ALT = str.maketrans({str(i): "零幺二三四五六七八九"[i] for i in range(10)})

# --- generators: e-mail ------------------------------------------------------------------------

_DOMAINS = {
    "en": ["mailbox.example", "postwick.co.uk", "brightmail.com"],
    "zh-Hans": ["163.com", "qq.com", "sina.cn"],
    "zh-Hant": ["gmail.com.tw", "yahoo.com.hk", "pchome.com.tw"],
    "th": ["hotmail.co.th", "gmail.com", "truemail.co.th"],
}
_IDN = {"en": "例子.com", "zh-Hans": "例子.中国", "zh-Hant": "例子.台灣", "th": "ตัวอย่าง.ไทย"}
_UNICODE_LOCAL = {"en": "renée", "zh-Hans": "王秀英", "zh-Hant": "陳美玲", "th": "สมศรี"}


def emails(rng: Random, lang: str) -> list[Pii]:
    """E-mail addresses in the many ways customers and systems write them."""
    items: list[Pii] = []

    def add(form: str, written: str, local: str) -> None:
        # each part of the local name is a made-up word: any of them surviving is a leak
        needles = tuple(alnum_view(p) for p in re.split(r"[.+_]", local) if p)
        items.append(Pii("email", lang, form, sentence(rng, "email", lang, written), needles))

    def fresh() -> tuple[str, str, str, str]:
        first, last = token(rng, 2), token(rng, 3)
        dom = rng.choice(_DOMAINS[lang])
        name, tld = dom.split(".", 1)
        return f"{first}.{last}", dom, name, tld

    local, dom, name, tld = fresh()
    add("plain", f"{local}@{dom}", local)
    local, dom, name, tld = fresh()
    add("upper", f"{local}@{dom}".upper(), local)
    local, dom, name, tld = fresh()
    add("plus-tag", f"{local}+shop@{dom}", local)
    local, dom, name, tld = fresh()
    add("idn-domain", f"{local}@{_IDN[lang]}", local)
    uni = _UNICODE_LOCAL[lang] + str(rng.randint(100, 999))
    add("unicode-local", f"{uni}@{_IDN[lang]}", uni)
    local, dom, name, tld = fresh()
    add("fullwidth", f"{local}@{dom}".translate(FULLWIDTH), local)
    local, dom, name, tld = fresh()
    add("ideographic-stop", f"{local}@{name}。{tld.replace('.', '。')}", local)
    local, dom, name, tld = fresh()
    add("fullwidth-at", f"{local}＠{dom}", local)
    local, dom, name, tld = fresh()
    add(
        "spelled", f"{local.replace('.', ' dot ')} at {name} dot {tld.replace('.', ' dot ')}", local
    )
    local, dom, name, tld = fresh()
    add("bracket-at-dot", f"{local}[at]{name}[dot]{tld}", local)
    local, dom, name, tld = fresh()
    add("paren-at", f"{local}(at){dom}", local)
    local, dom, name, tld = fresh()
    add("brace-at", f"{local} {{at}} {dom}", local)
    local, dom, name, tld = fresh()
    add("spaced-at", f"{local} @ {dom}", local)
    local, dom, name, tld = fresh()
    add("entity-dec", f"{local}&#64;{dom}", local)
    local, dom, name, tld = fresh()
    add("entity-hex", f"{local}&#x40;{name}&#46;{tld}", local)
    local, dom, name, tld = fresh()
    add("entity-named", f"{local}&commat;{dom}", local)
    local, dom, name, tld = fresh()
    add("percent", f"{local}%40{dom}", local)
    local, dom, name, tld = fresh()
    half = len(local) // 2
    add("zero-width", f"{local[:half]}\u200b{local[half:]}@{dom}", local)
    local, dom, name, tld = fresh()
    add("vs16-split", f"{local[:3]}\ufe0f{local[3:]}@\ufe0f{dom}", local)
    local, dom, name, tld = fresh()
    add("hangul-filler", f"{local[:4]}\u3164{local[4:]}@{dom}", local)
    local, dom, name, tld = fresh()
    add("mailto", f'<a href="mailto:{local}@{dom}">mail me</a>', local)
    local, dom, name, tld = fresh()
    add("angle", f"<{local}@{dom}>", local)
    if lang == "th":
        local, dom, name, tld = fresh()
        add("spelled-thai", f"{local} แอท {name} ดอท {tld.replace('.', ' ดอท ')}", local)
    if lang.startswith("zh"):
        local, dom, name, tld = fresh()
        dot = "点" if lang == "zh-Hans" else "點"
        add("spelled-chinese", f"{local} 艾特 {name} {dot} {tld.replace('.', f' {dot} ')}", local)
    return items


# --- generators: phone -------------------------------------------------------------------------


def _valid(region: str, make: Callable[[], str], rng: Random) -> str:
    import phonenumbers

    for _ in range(200):
        national = make()
        try:
            if phonenumbers.is_valid_number(phonenumbers.parse(national, region)):
                return national
        except phonenumbers.NumberParseException:
            pass
    return national


def _rand(n: int, rng: Random) -> str:
    return "".join(str(rng.randint(0, 9)) for _ in range(n))


# Per language: (region, country code, trunk prefix, national-number maker, groupings)
_PHONES: dict[str, list[tuple[str, str, str, Callable[[Random], str], tuple[int, ...]]]] = {
    "en": [
        (
            "US",
            "1",
            "",
            lambda r: r.choice(["212", "415", "646", "617"]) + str(r.randint(2, 9)) + _rand(6, r),
            (3, 3, 4),
        ),
        ("GB", "44", "0", lambda r: "79" + _rand(8, r), (4, 6)),
        ("SG", "65", "", lambda r: r.choice("89") + _rand(7, r), (4, 4)),
    ],
    "zh-Hans": [
        (
            "CN",
            "86",
            "",
            lambda r: "1" + r.choice(["38", "39", "50", "86", "77"]) + _rand(8, r),
            (3, 4, 4),
        ),
        ("CN", "86", "0", lambda r: "10" + r.choice("568") + _rand(7, r), (2, 4, 4)),
    ],
    "zh-Hant": [
        ("TW", "886", "0", lambda r: "9" + _rand(8, r), (3, 3, 3)),
        ("HK", "852", "", lambda r: r.choice("569") + _rand(7, r), (4, 4)),
    ],
    "th": [
        ("TH", "66", "0", lambda r: r.choice("689") + _rand(8, r), (2, 3, 4)),
        ("TH", "66", "0", lambda r: "2" + _rand(7, r), (1, 3, 4)),
    ],
}


def phones(rng: Random, lang: str) -> list[Pii]:
    """Phone numbers: international and national, in many groupings and scripts."""
    items: list[Pii] = []

    def pick(mobile_only: bool = True) -> tuple[str, str, str, tuple[int, ...]]:
        options = _PHONES[lang]
        region, cc, trunk, make, groups = options[0] if mobile_only else rng.choice(options)
        nsn = _valid(region, lambda: make(rng), rng)
        return nsn, cc, trunk, groups

    def add(form: str, written: str, nsn: str) -> None:
        items.append(Pii("phone", lang, form, sentence(rng, "phone", lang, written), (), (nsn,)))

    def national(nsn: str, trunk: str, groups: tuple[int, ...], sep: str) -> str:
        return group(trunk + nsn, (groups[0] + len(trunk), *groups[1:]), sep)

    for form, sep in [
        ("national-space", " "),
        ("national-dash", "-"),
        ("national-dot", "."),
        ("national-slash", "/"),
        ("national-underscore", "_"),
        ("national-hair-space", "\u200a"),
        ("national-nbsp", "\u00a0"),
        ("national-compact", ""),
    ]:
        nsn, cc, trunk, groups = pick()
        add(form, national(nsn, trunk, groups, sep), nsn)
    nsn, cc, trunk, groups = pick()
    add("intl-space", f"+{cc} " + group(nsn, groups, " "), nsn)
    nsn, cc, trunk, groups = pick()
    add("intl-compact", f"+{cc}{nsn}", nsn)
    nsn, cc, trunk, groups = pick()
    add("intl-00", f"00{cc} {nsn}", nsn)
    nsn, cc, trunk, groups = pick()
    add("intl-paren", f"(+{cc}) " + group(nsn, groups, "-"), nsn)
    nsn, cc, trunk, groups = pick()
    add("intl-fullwidth", f"＋{cc}{nsn}".translate(FULLWIDTH), nsn)
    nsn, cc, trunk, groups = pick(mobile_only=False)
    add("other-line", national(nsn, trunk, groups, "-"), nsn)
    nsn, cc, trunk, groups = pick()
    add("fullwidth", national(nsn, trunk, groups, "－").translate(FULLWIDTH), nsn)
    if lang.startswith("zh"):
        nsn, cc, trunk, groups = pick()
        add("chinese-numerals", (trunk + nsn).translate(CN_NUMERALS), nsn)
        nsn, cc, trunk, groups = pick()
        add("chinese-numerals-yao", (trunk + nsn).translate(CN_NUMERALS_ALT), nsn)
        nsn, cc, trunk, groups = pick()
        mixed = (trunk + nsn)[:4].translate(CN_NUMERALS) + (trunk + nsn)[4:]
        add("chinese-numerals-mixed", mixed, nsn)
    if lang == "zh-Hant":
        region, cc, trunk, make, groups = _PHONES[lang][1]
        nsn = _valid(region, lambda: make(rng), rng)
        add("hk-intl", f"+852 {nsn[:4]} {nsn[4:]}", nsn)
        nsn = _valid(region, lambda: make(rng), rng)
        add("hk-local", f"{nsn[:4]} {nsn[4:]}", nsn)
    if lang == "th":
        nsn, cc, trunk, groups = pick()
        add("thai-digits", (trunk + nsn).translate(THAI_DIGITS), nsn)
        for lead in "689":
            nsn = _valid("TH", lambda lead=lead: lead + _rand(8, rng), rng)
            add(f"mobile-0{lead}-compact", "0" + nsn, nsn)
        nsn, cc, trunk, groups = pick()
        add("intl-66-dash", f"66-{nsn[:2]}-{nsn[2:5]}-{nsn[5:]}", nsn)
    return items


# --- generators: cards, bank accounts, ids -----------------------------------------------------


def cards(rng: Random, lang: str) -> list[Pii]:
    """Luhn-valid card numbers (16-digit Visa/Mastercard/UnionPay, 15-digit Amex)."""
    items: list[Pii] = []

    def add(form: str, written: str, number: str) -> None:
        # the whole number, and any 8 digits of it in a row (a card left partly unmasked)
        windows = tuple(number[i : i + 8] for i in range(0, len(number) - 7, 4))
        surface = sentence(rng, "card", lang, written)
        items.append(Pii("card", lang, form, surface, (), (number, *windows)))

    def sixteen() -> str:
        return luhn_complete(rng.choice(["4", "51", "55", "62"]), 16, rng)

    for form, sep in [
        ("space", " "),
        ("dash", "-"),
        ("dot", "."),
        ("slash", "/"),
        ("none", ""),
        ("hair-space", "\u200a"),
        ("nbsp", "\u00a0"),
        ("ideographic-space", "\u3000"),
    ]:
        n = sixteen()
        add(form, group(n, (4, 4, 4, 4), sep), n)
    n = sixteen()
    add("5-5-6", group(n, (5, 5, 6), " "), n)
    n = sixteen()
    add("fullwidth", group(n, (4, 4, 4, 4), "-").translate(FULLWIDTH), n)
    n = luhn_complete(rng.choice(["34", "37"]), 15, rng)
    add("amex-4-6-5", group(n, (4, 6, 5), " "), n)
    n = luhn_complete(rng.choice(["34", "37"]), 15, rng)
    add("amex-compact", n, n)
    n = sixteen()
    add("zero-width", group(n, (4, 4, 4, 4), "\u200b"), n)
    if lang == "th":
        n = sixteen()
        add("thai-digits", group(n, (4, 4, 4, 4), " ").translate(THAI_DIGITS), n)
    return items


def ibans(rng: Random, lang: str) -> list[Pii]:
    items: list[Pii] = []
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    makers = [
        ("GB", lambda: "".join(rng.choice(letters) for _ in range(4)) + _rand(14, rng)),
        ("DE", lambda: _rand(18, rng)),
        ("NL", lambda: "".join(rng.choice(letters) for _ in range(4)) + _rand(10, rng)),
        ("FR", lambda: _rand(23, rng)),
    ]
    forms = [("compact", ""), ("space", " "), ("dot", "."), ("dash", "-"), ("lower", " ")]
    for i, (form, sep) in enumerate(forms):
        country, make = makers[i % len(makers)]
        value = iban(country, make())
        written = group(value, [4] * 9, sep)
        if form == "lower":
            written = written.lower()
        digits = re.sub(r"\D", "", value[4:])
        surface = sentence(rng, "iban", lang, written)
        items.append(Pii("iban", lang, form, surface, (value.lower(),), (digits,)))
    return items


def national_ids(rng: Random, lang: str) -> list[Pii]:
    """Thai, Taiwan, Hong Kong and mainland China ids (checksum-valid), in a few forms each."""
    items: list[Pii] = []

    def add(kind: str, form: str, written: str, value: str) -> None:
        d = re.sub(r"\D", "", value)
        surface = sentence(rng, "id", lang, written)
        items.append(Pii(kind, lang, form, surface, (value.lower(),), (d,) if len(d) >= 8 else ()))

    for form, sizes, sep in [
        ("1-4-5-2-1", (1, 4, 5, 2, 1), "-"),
        ("3-4-3-3", (3, 4, 3, 3), "-"),
        ("compact", (13,), ""),
        ("space", (1, 4, 5, 2, 1), " "),
    ]:
        v = th_id(rng)
        add("th_id", form, group(v, sizes, sep), v)
    v = th_id(rng)
    add("th_id", "thai-digits", group(v, (1, 4, 5, 2, 1), "-").translate(THAI_DIGITS), v)
    v = tw_id(rng)
    add("tw_id", "compact", v, v)
    v = tw_id(rng)
    add("tw_id", "lower", v.lower(), v)
    v = tw_id(rng)
    add("tw_id", "spaced", f"{v[0]} {v[1:4]} {v[4:7]} {v[7:]}", v)
    v = tw_id(rng)
    add("tw_id", "fullwidth", v.translate(FULLWIDTH), v)
    body, check = hk_id(rng)
    add("hk_id", "paren", f"{body}({check})", body + check)
    body, check = hk_id(rng)
    add("hk_id", "paren-space", f"{body} ({check})", body + check)
    body, check = hk_id(rng)
    add("hk_id", "compact", f"{body}{check}", body + check)
    body, check = hk_id(rng)
    add("hk_id", "fullwidth-paren", f"{body}（{check}）", body + check)
    v = cn_id(rng)
    add("cn_id", "compact", v, v)
    v = cn_id(rng)
    add("cn_id", "6-8-4", group(v, (6, 8, 4), " "), v)
    v = cn_id(rng)
    add("cn_id", "lower-x", v.lower(), v)
    v = cn_id(rng)
    add("cn_id", "fullwidth", v.translate(FULLWIDTH), v)
    return items


def passports(rng: Random, lang: str) -> list[Pii]:
    """Passport numbers right after the word for passport in the ticket's language."""
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    shapes = [
        lambda: rng.choice("EGP") + _rand(8, rng),  # China
        lambda: _rand(9, rng),  # Taiwan, US
        lambda: rng.choice(letters) + rng.choice(letters) + _rand(7, rng),  # Thailand
        lambda: rng.choice("HK") + _rand(8, rng),  # Hong Kong
        lambda: _rand(9, rng)[:3] + " " + _rand(6, rng),  # spaced
    ]
    items = []
    for i, make in enumerate(shapes):
        written = make()
        value = written.replace(" ", "")
        d = re.sub(r"\D", "", value)
        surface = sentence(rng, "passport", lang, written)
        items.append(Pii("passport", lang, f"shape-{i}", surface, (value.lower(),), (d,)))
    return items


# --- generators: names -------------------------------------------------------------------------


def person(rng: Random, lang: str) -> tuple[str, tuple[str, ...]]:
    """A full name as written in the language, and its needles (the rarer parts); the
    needles are not handed out twice while the pools last."""
    for _ in range(50):
        name, needles = _person(rng, lang)
        if not _SEEN.intersection(needles):
            break
    _SEEN.update(needles)
    return name, needles


def _person(rng: Random, lang: str) -> tuple[str, tuple[str, ...]]:
    if lang == "en":
        first, last = rng.choice(_EN_FIRST), rng.choice(_EN_LAST)
        return f"{first} {last}", (alnum_view(last),)
    if lang.startswith("zh"):
        name = rng.choice(_ZH_LAST) + rng.choice(_ZH_GIVEN)
        if lang == "zh-Hant":
            name = name.translate(_HANT)
        return name, (alnum_view(name),)
    first, last = rng.choice(_TH_FIRST), rng.choice(_TH_LAST)
    return f"{first} {last}", (alnum_view(first), alnum_view(last))


def intro(rng: Random, lang: str, i: int) -> Pii:
    """A customer introducing themself ("my name is ...")."""
    name, needles = person(rng, lang)
    template = _INTRO[lang][i % len(_INTRO[lang])]
    return Pii(
        "name", lang, f"intro-{i}", f"{rng.choice(BASE[lang])}. {template.format(n=name)}", needles
    )


def signoff(rng: Random, lang: str, i: int) -> Pii:
    """A message ending with a sign-off and the customer's name."""
    name, needles = person(rng, lang)
    template = _SIGNOFF[lang][i % len(_SIGNOFF[lang])]
    text = f"{rng.choice(BASE[lang])}\n\n{template.format(n=name)}"
    return Pii("name", lang, f"signoff-{i}", text, needles)


def quote_header(rng: Random, lang: str, i: int) -> Pii:
    """A message followed by a quoted reply whose header names the writer and address."""
    name, needles = person(rng, lang)
    mail = f"{token(rng, 2)}.{token(rng, 2)}@{rng.choice(_DOMAINS[lang])}"
    template = _QUOTE[lang][i % len(_QUOTE[lang])]
    text = f"{rng.choice(BASE[lang])}\n\n{template.format(n=name, m=mail)}"
    local = tuple(alnum_view(p) for p in mail.split("@")[0].split("."))
    return Pii("name", lang, f"quote-header-{i}", text, (*needles, *local))


def names(rng: Random, lang: str) -> list[Pii]:
    """Names a customer gives (introductions, sign-offs, quoted reply headers)."""
    return (
        [intro(rng, lang, i) for i in range(len(_INTRO[lang]))]
        + [signoff(rng, lang, i) for i in range(len(_SIGNOFF[lang]))]
        + [quote_header(rng, lang, i) for i in range(len(_QUOTE[lang]))]
    )


GENERATORS: dict[str, Callable[[Random, str], list[Pii]]] = {
    "email": emails,
    "phone": phones,
    "card": cards,
    "iban": ibans,
    "national_id": national_ids,
    "passport": passports,
    "name": names,
}


def catalogue(seed: int = 13) -> list[Pii]:
    """Every generated item, all types and languages (for the fuzz run and a quick look)."""
    rng = Random(seed)
    return [item for lang in LANGS for make in GENERATORS.values() for item in make(rng, lang)]


if __name__ == "__main__":
    from collections import Counter

    items = catalogue()
    print(len(items), "items")
    for (kind, lang), n in sorted(Counter((i.kind, i.lang) for i in items).items()):
        print(f"{kind:10} {lang:8} {n}")
