"""Personal-data redaction: the stage between ingest and everything else.

Embeddings, caches, logs, drafts and the public help site only ever see the output of
:meth:`Redactor.redact`. A leaked phone number on a public page is worse than a masked date, so
when a span is ambiguous and looks like personal data to a validator, it is masked.

HTML entities are decoded first (a page would show ``jane&#64;example.com`` as an address).
Detection then runs on a *folded* copy of the text (:mod:`kbgen.privacy.fold`: full-width
ASCII, Thai and Arabic-Indic digits, Chinese numerals in long runs, odd spaces, dashes and
full stops mapped onto ASCII, invisible characters left out), and the spans it finds are mapped
back, so the output keeps the customer's own characters everywhere else.

Detectors run in a fixed order and each one blanks what it claimed before the next looks, so
spans never overlap and never get two masks: configured site patterns (orders, tickets) first,
then names the writer gives (:mod:`~kbgen.privacy.redact_names`), URLs carrying credentials
(an e-mail inside any URL makes the whole URL ``<URL>``), e-mail (plain, then Unicode and
spelled-out forms: :mod:`~kbgen.privacy.redact_email`), IBANs and national ids (Chinese, Thai,
then Taiwan, Hong Kong and passports: :mod:`~kbgen.privacy.redact_national`), order-like
numbers (and carrier-shaped parcel codes, :mod:`~kbgen.privacy.redact_tracking`), cards, bank
account numbers (:mod:`~kbgen.privacy.redact_accounts`), IP addresses, phone numbers, the
loosest number detector, postal addresses (:mod:`~kbgen.privacy.redact_address`: after every
number, so a phone after an address stays ``<PHONE>`` and ends it), and last messaging-app ids
after an app's name (:mod:`~kbgen.privacy.redact_contacts`), so an e-mail or a phone number
there keeps its own type. Dates are shielded from the numeric detectors because ``2026-11-20``
is a valid-looking number in several regions.

Time is linear in the text's length: candidates are bounded regexes, and the search for a
valid part inside a long run (:mod:`kbgen.privacy.windows`) looks at a bounded number of
parts, so a million-character ``1-1-1-...`` takes seconds, not minutes.

``<ORDER_ID>`` (order, transaction, tracking, invoice, reference, ticket numbers) is decided by
the words before a code, not by its shape; :mod:`kbgen.privacy.redact_orders` owns those rules
and this module runs them in the order above. A checksum-valid IBAN or national id is still
masked as such after an order word (a receipt often carries its buyer's id), and so is a card
number grouped like a card. ``<ACCOUNT_ID>`` (bank account numbers) is decided the same way,
by account and bank words (:mod:`kbgen.privacy.redact_accounts`), after IBANs, ids, orders and
cards have been claimed, so each of those keeps its type after an account word.

A long digit run with no such context keeps its old treatment: it is ``<PHONE>`` when the phone
validator accepts it (that validator already refuses bare 8-10 digit runs without a phone word)
and stays as it is otherwise. Labelling every bare run ``<ORDER_ID>`` would hide real phone
numbers behind the wrong type; leaving validator-accepted runs unmasked would leak them.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import phonenumbers
from stdnum import iban as _iban
from stdnum import luhn
from stdnum.cn import ric
from stdnum.th import pin

from kbgen.errors import KbgenError
from kbgen.privacy.fold import decode_entities, fold
from kbgen.privacy.redact_accounts import account_spans
from kbgen.privacy.redact_address import address_spans
from kbgen.privacy.redact_contacts import contact_spans
from kbgen.privacy.redact_email import email_spans
from kbgen.privacy.redact_names import name_spans
from kbgen.privacy.redact_national import national_id_spans
from kbgen.privacy.redact_orders import order_spans
from kbgen.privacy.redact_tracking import tracking_spans
from kbgen.privacy.redact_urls import url_spans
from kbgen.privacy.windows import Span, Validator, windows

__all__ = ["DEFAULT_REGIONS", "RedactionResult", "Redactor", "redact"]

DEFAULT_REGIONS: tuple[str, ...] = ("CN", "TW", "HK", "TH", "US", "GB", "SG", "MY")


_BLANK = "\x00"  # what a claimed span becomes: not a digit, letter or separator

# Existing masks are shielded so that redacting twice changes nothing.
_MASK_TOKEN = re.compile(r"<[A-Z][A-Z0-9_]*>")
# Most questions carry none of these, so they skip the built-in detectors entirely.
_INTERESTING = re.compile(r"[0-9@:/]|www\.|\.[A-Za-z]{2,}[?#]", re.I)

_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]*@"
    r"[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*"
    r"\.[A-Za-z]{2,24}(?![A-Za-z])"
)

# Day and month fields accept 1..31 both ways round, so US and European orders are covered;
# 25xx years are Thai Buddhist-era dates (20/11/2569).
_DAY = r"(?:0?[1-9]|[12][0-9]|3[01])"
_DATE = re.compile(
    rf"(?<![0-9])(?:(?:19|20)[0-9]{{2}}([-/.])(?:0?[1-9]|1[0-2])\1{_DAY}"
    rf"|{_DAY}([-/.]){_DAY}\2(?:19|20|25)[0-9]{{2}})(?![0-9])"
)

_IBAN = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z]{2}[0-9]{2}(?:[ .\-]?[A-Za-z0-9]){11,30}(?![A-Za-z0-9])"
)
_CN_ID = re.compile(
    r"(?<![A-Za-z0-9+])[1-9][0-9]{5}[ \-]?(?:18|19|20)[0-9]{2}[01][0-9][0-3][0-9]"
    r"[ \-]?[0-9]{3}[0-9Xx](?![A-Za-z0-9])"
)
_TH_ID = re.compile(r"(?<![A-Za-z0-9+])(?<![A-Za-z]-)[1-8](?:[ .\-]?[0-9]){12}(?![0-9])")
_CARD = re.compile(r"(?<![A-Za-z0-9_+])(?<![A-Za-z]-)[0-9](?:[ .\-/_]?[0-9]){12,18}(?![0-9])")
_CARD_SEP = re.compile(r"[ .\-/_]")
_DIGITS = re.compile(r"[0-9]+")
_NOT_DIGIT = re.compile(r"[^0-9]+")
_DIGITS_BEFORE = re.compile(r"[0-9]{1,32}$")
# First digits of real brands by length: Visa 13/16/19, Diners 14, Amex 15, Mastercard 2/5,
# Discover, UnionPay and JCB 3/6 up to 19.
_CARD_FIRST_DIGIT = {13: "4", 14: "3", 15: "3", 16: "23456", 17: "3456", 18: "3456", 19: "3456"}
_IPV4 = re.compile(r"(?<![A-Za-z0-9.])(?:[0-9]{1,3}\.){3}[0-9]{1,3}(?![0-9]|\.[0-9])")
# "IP:2001:db8::1" (a folded full-width colon) may start after a colon, unless the colon is
# part of a longer hex run such as a time or a MAC address.
_IPV6 = re.compile(
    r"(?<![A-Za-z0-9.])(?<![0-9A-Fa-f:]:)(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![A-Za-z0-9:])"
)
# A version word shortly before a dotted quad ("เวอร์ชันแอป 5.12.0.3", "firmware v1.2.3.4")
# makes it a version, unless "IP" is named closer to it.
_VERSION_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:version|ver\.?|v|build|firmware|固件|韌體|版本|เวอร์ชัน)(?![A-Za-z])", re.I
)
_IP_WORD = re.compile(r"(?<![A-Za-z])ip(?![A-Za-z])", re.I)
_VERSION_AFTER = re.compile(r"\s*(?:version|firmware|build|固件|韌體|版本|เวอร์ชัน)", re.I)
# Up to three separators between digits covers "+66 (0) 81", "(0755) 8765 4321", "081-234-5678".
_PHONE = re.compile(
    r"(?<![A-Za-z0-9_])(?<![A-Za-z]-)(?<![0-9]\.)\+?\(?[0-9](?:[ .\-()/_]{0,3}[0-9]){6,16}(?![0-9])"
)
_PHONE_WORDS = re.compile(
    r"tel|phone|call|mobile|cell|whats ?app|line|contact|ring|text|sms|fax|hotline|reach|"
    r"电话|電話|手机|手機|座机|座機|联系|聯繫|聯絡|致电|致電|打给|打給|短信|簡訊|热线|熱線|"
    r"传真|傳真|微信|號碼|号码|收件|收货|收貨|recipient|ผู้รับ|โทร|เบอร์|มือถือ|ติดต่อ|ไลน์|แฟกซ์",
    re.I,
)
_GROUPED_8 = re.compile(r"[0-9]{4}[ \-][0-9]{4}")
_NAME = re.compile(r"[A-Z][A-Z0-9_]*")


@dataclass(frozen=True)
class RedactionResult:
    """Redacted text plus how many spans of each type were masked (for reports and tests)."""

    text: str
    counts: dict[str, int]


def _digits(s: str) -> str:
    return _NOT_DIGIT.sub("", s)


def _blank(work: str, spans: Sequence[Span]) -> str:
    """Hide claimed spans from later detectors without moving any offsets."""
    parts: list[str] = []
    pos = 0
    for start, end in sorted(spans):
        parts.append(work[pos:start])
        parts.append(_BLANK * (end - start))
        pos = end
    parts.append(work[pos:])
    return "".join(parts)


def _iban_ok(cand: str, _pos: int, _level: int) -> bool:
    # Country-specific BBAN checks are skipped: a national check-digit quirk must not leak an
    # account number that already passed mod-97 and the country's length and layout.
    return _iban.is_valid(cand.replace(".", ""), check_country=False)


def _cn_id_ok(cand: str, _pos: int, _level: int) -> bool:
    # Birth place is not required: stdnum's county table lags reality, and an unknown county
    # must not let a checksum-valid resident id through.
    number = cand.replace(" ", "").replace("-", "").upper()
    if len(number) != 18 or number[-1] != ric.calc_check_digit(number):
        return False
    try:
        ric.get_birth_date(number)
    except Exception:  # stdnum raises its own ValidationError subclasses
        return False
    return True


def _th_id_ok(cand: str, _pos: int, _level: int) -> bool:
    """Checksum, and the official 1-4-5-2-1 grouping (or 3-4-3-3) when typed with separators.

    Any 13 digits pass the mod-11 check one time in eleven, so "+86-138-0013-8000" must not.
    """
    groups = [len(g) for g in re.split(r"[ .\-]", cand)]
    return (len(groups) == 1 or groups in ([1, 4, 5, 2, 1], [3, 4, 3, 3])) and pin.is_valid(
        _digits(cand)
    )


def _card_grouped(cand: str, digits: str) -> bool:
    """Grouped like a card: 4-4-4-4[-3], Amex 4-6-5, Diners 4-6-4, any separators."""
    groups = [len(g) for g in _CARD_SEP.split(cand)]
    return len(digits) != len(cand) and (
        groups in ([4, 6, 5], [4, 6, 4])
        or (len(groups) >= 4 and all(g == 4 for g in groups[:-1]) and 1 <= groups[-1] <= 4)
    )


def _card_ok(cand: str, _pos: int, _level: int, strict: bool = False) -> bool:
    """Luhn plus the shape of a real card number.

    Luhn alone passes one random number in ten, and 16-19 digit order numbers and EAN-13
    barcodes are common, so a bare run must start like a card brand of its length and a grouped
    one must be grouped like a card (``_card_grouped``) or, unless ``strict``, typed with one
    kind of separator in two to five groups of three to six digits (5-5-6, 4-4-4-4 with dots,
    slashes or hair spaces) and start like a card brand. Other groupings are something else,
    such as a time followed by a phone number.
    """
    digits = _digits(cand)
    if not 13 <= len(digits) <= 19 or not luhn.is_valid(digits):
        return False
    if len(digits) == len(cand):
        return digits[0] in _CARD_FIRST_DIGIT[len(digits)]
    if _card_grouped(cand, digits):
        return True
    if strict or len(set(_CARD_SEP.findall(cand))) != 1:
        return False
    groups = [len(g) for g in _CARD_SEP.split(cand)]
    return (
        2 <= len(groups) <= 5
        and all(3 <= g <= 6 for g in groups)
        and (digits[0] in _CARD_FIRST_DIGIT[len(digits)])
    )


def _cards(text: str) -> list[Span]:
    """Card numbers, each widened over digit groups typed onto it.

    "4111-1111-1111-1111-42" must not leave "-42" behind (a partly visible card number on a
    page), so groups joined to a card by the separator it uses, or by "-./_", are masked too.
    """
    spans = []
    for start, end in _checksummed(_CARD, _card_ok, (13, 19))(text):
        seps = set(_CARD_SEP.findall(text, start, end)) | set("-./_")
        while end + 1 < len(text) and text[end] in seps and text[end + 1].isdigit():
            run = _DIGITS.match(text, end + 1)
            assert run is not None
            if text[end] == " " and len(run[0]) < 3:
                break
            end = run.end()
        while start > 1 and text[start - 1] in seps and text[start - 2].isdigit():
            run = _DIGITS_BEFORE.search(text, 0, start - 1)
            assert run is not None
            if text[start - 1] == " " and len(run[0]) < 3:
                break
            start = run.start()
        spans.append((start, end))
    return spans


def _checksummed(
    regex: re.Pattern[str], valid: Validator, size: tuple[int, int], dotted_whole: bool = True
) -> Callable[[str], list[Span]]:
    """Valid spans of each candidate; ``size`` bounds the letters and digits of a part."""
    return lambda text: [
        s
        for m in regex.finditer(text)
        for s in windows(m.start(), m[0], valid, *size, dotted_whole=dotted_whole)
    ]


def _order_ids(text: str) -> list[Span]:
    return order_spans(text, lambda code: _card_ok(code, 0, 2, strict=True))


class Redactor:
    """Masks personal data with typed placeholders (``<EMAIL>``, ``<PHONE>``, ``<ACCOUNT_ID>``...).

    Build one and reuse it: regexes are compiled once and phone validation is cached.
    ``extra_patterns`` maps a mask name to a regex for site-specific numbers such as orders or
    tickets; they are compiled with ``re.ASCII`` so ``\\b`` works next to Chinese and Thai text.
    """

    def __init__(
        self,
        extra_patterns: Mapping[str, str] | None = None,
        regions: Sequence[str] = DEFAULT_REGIONS,
    ) -> None:
        self._regions = tuple(r.upper() for r in regions)
        for region in self._regions:
            if region not in phonenumbers.SUPPORTED_REGIONS:
                raise KbgenError(f"unknown phone region {region!r} for redaction")
        self._extra: list[tuple[str, re.Pattern[str]]] = []
        for name, pattern in (extra_patterns or {}).items():
            if not isinstance(name, str) or not _NAME.fullmatch(name):
                raise KbgenError(
                    f"redaction pattern name {name!r} must be upper case letters, digits or _"
                )
            if not isinstance(pattern, str) or not pattern:
                raise KbgenError(f"redaction pattern {name!r} must be a non-empty string")
            try:
                self._extra.append((name, re.compile(pattern, re.ASCII)))
            except re.error as exc:
                raise KbgenError(
                    f"redaction pattern {name!r} is not a valid regular expression: {exc}"
                ) from exc
        self._phone_cache: dict[str, int] = {}

    # -- phones -------------------------------------------------------------------------------

    def _phone_grade(self, cand: str) -> int:
        """2 = valid, 1 = only a possible length, 0 = neither, by phonenumbers' region rules.

        Cached because tickets repeat numbers (and the shop's own hotline) many times.
        """
        hit = self._phone_cache.get(cand)
        if hit is not None:
            return hit
        grade = 0
        international = cand.lstrip("(").startswith("+")
        for region in (None,) if international else self._regions:
            try:
                number = phonenumbers.parse(cand, region)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(number):
                grade = 2
                break
            if grade == 0 and phonenumbers.is_possible_number(number):
                grade = 1
        if len(self._phone_cache) > 8192:
            self._phone_cache.clear()
        self._phone_cache[cand] = grade
        return grade

    def _phone_ok(self, work: str) -> Validator:
        thai = "TH" in self._regions

        def ok(cand: str, pos: int, level: int) -> bool:
            digits = _digits(cand)
            if not 7 <= len(digits) <= 17:
                return False
            international = cand.lstrip("(").startswith("+") or digits.startswith("00")
            cn_mobile = len(digits) == 11 and digits[0] == "1" and digits[1] in "3456789"
            # Thai mobiles: 06, 08, 09 and eight digits, including ranges newer than the
            # metadata ("0691234567").
            mobile = cn_mobile or (thai and len(digits) == 10 and digits[:2] in ("06", "08", "09"))
            # Shapes that are phones whatever the context: international, trunk-prefixed
            # domestic (0...), Chinese mobiles, and, when they are the whole run (not the tail
            # of an ISBN or coupon code), 10+ digits typed with separators and the HK/SG
            # "9123 4567" grouping. Anything else (bare 8-digit HK/SG numbers, bare US
            # numbers) is only a phone next to a phone word, because bare 8-10 digit runs are
            # usually order or reference numbers.
            plain = (
                international
                or digits[0] == "0"
                or cn_mobile
                or (level >= 1 and len(digits) >= 10 and len(digits) != len(cand))
                or (level == 2 and _GROUPED_8.fullmatch(cand) is not None)
            )
            if not plain and not _PHONE_WORDS.search(work, max(0, pos - 24), pos):
                return False
            # A "+" number or a Chinese or Thai mobile shape is a phone even in a range newer
            # than phonenumbers' metadata: a possible length is enough there.
            grade = self._phone_grade(cand.replace("/", "-").replace("_", "-"))
            return grade == 2 or (grade == 1 and (international or mobile))

        return ok

    # -- detection ----------------------------------------------------------------------------

    def _detect(self, work: str) -> list[tuple[int, int, str]]:
        found: list[tuple[int, int, str]] = []

        def claim(kind: str, spans: Sequence[Span]) -> None:
            nonlocal work
            if spans:
                found.extend((s, e, kind) for s, e in spans)
                work = _blank(work, spans)

        work = _blank(work, [m.span() for m in _MASK_TOKEN.finditer(work)])
        for name, pattern in self._extra:
            claim(name, [m.span() for m in pattern.finditer(work) if m.end() > m.start()])
        claim("NAME", name_spans(work))
        if not _INTERESTING.search(work):
            claim("EMAIL", email_spans(work))
            claim("ADDRESS", address_spans(work))  # "彌敦道七百號": numerals, no digit
            claim("CONTACT_ID", contact_spans(work))
            return found

        claim("URL", url_spans(work))
        claim("EMAIL", [m.span() for m in _EMAIL.finditer(work)])
        claim("EMAIL", email_spans(work))

        numeric = _blank(work, [m.span() for m in _DATE.finditer(work)])
        # Thai ids before cards: a 13-digit number that passes both checks is masked either way,
        # and Thai ids are common while 13-digit Visa numbers have not been issued for years.
        # Order numbers after ids (a receipt often carries its buyer's id) but before cards:
        # Taobao's bare 19-digit order numbers pass Luhn one time in ten. Bank accounts after
        # cards (a number that passes the card check after 卡号 is a card) and before phones
        # (a Thai account is ten digits, like a Thai mobile).
        early_phone = self._phone_ok(work)  # what the phone detector would take (for accounts)
        for kind, find in (
            ("IBAN", _checksummed(_IBAN, _iban_ok, (15, 34), dotted_whole=False)),
            ("ID", _checksummed(_CN_ID, _cn_id_ok, (18, 18))),
            ("ID", _checksummed(_TH_ID, _th_id_ok, (13, 13))),
            ("ID", national_id_spans),
            ("ORDER_ID", tracking_spans),
            ("ORDER_ID", _order_ids),
            ("CARD", _cards),
            ("ACCOUNT_ID", lambda text: account_spans(text, lambda c, p: early_phone(c, p, 2))),
        ):
            spans = find(numeric)
            if spans:
                claim(kind, spans)
                numeric = _blank(numeric, spans)

        ips = [m.span() for m in _IPV4.finditer(numeric) if self._ipv4_ok(numeric, m)]
        ips += [m.span() for m in _IPV6.finditer(numeric) if _ipv6_ok(m[0])]
        if ips:
            claim("IP", ips)
            numeric = _blank(numeric, ips)

        phone_ok = self._phone_ok(work)
        claim(
            "PHONE",
            [
                s
                for m in _PHONE.finditer(numeric)
                for s in windows(m.start(), m[0], phone_ok, 7, 17)
            ],
        )
        # Addresses after every number: a phone or an order number inside or after one keeps
        # its own type, and the address ends where it begins.
        claim("ADDRESS", address_spans(work))
        # Last: an app id is whatever is left after the app's name, so an e-mail or a phone
        # number there keeps its own type.
        claim("CONTACT_ID", contact_spans(work))
        return found

    @staticmethod
    def _ipv4_ok(work: str, m: re.Match[str]) -> bool:
        if any(int(part) > 255 for part in m[0].split(".")):
            return False
        if _VERSION_AFTER.match(work, m.end()):
            return False
        before = work[max(0, m.start() - 16) : m.start()]
        named = [v.end() for v in _VERSION_BEFORE.finditer(before)]
        return not named or any(ip.start() >= named[-1] for ip in _IP_WORD.finditer(before))

    def _once(self, text: str) -> tuple[str, dict[str, int]]:
        folded = fold(text)
        spans = [(*folded.span(s, e), kind) for s, e, kind in self._detect(folded.text)]
        if not spans:
            return text, {}
        spans.sort()
        counts: dict[str, int] = {}
        parts: list[str] = []
        pos = 0
        for start, end, kind in spans:
            parts.append(text[pos:start])
            parts.append(f"<{kind}>")
            counts[kind] = counts.get(kind, 0) + 1
            pos = end
        parts.append(text[pos:])
        return "".join(parts), counts

    def redact(self, text: str) -> RedactionResult:
        """Mask every detected span; repeat until nothing new is found.

        A mask is usually shorter than what it replaced, which can bring a phone word within
        reach of a number or end a run of digits; repeating until stable makes the output a
        fixed point, so ``redact(redact(x)) == redact(x)``.
        """
        text = decode_entities(text)
        counts: dict[str, int] = {}
        for _ in range(4):
            text, found = self._once(text)
            if not found:
                break
            for kind, n in found.items():
                counts[kind] = counts.get(kind, 0) + n
        return RedactionResult(text=text, counts=dict(sorted(counts.items())))


def _ipv6_ok(cand: str) -> bool:
    if cand.count(":") < 2 or sum(c in "0123456789abcdefABCDEF" for c in cand) < 3:
        return False
    try:
        ipaddress.IPv6Address(cand)
    except ValueError:
        return False
    return True


_default: Redactor | None = None


def redact(text: str) -> str:
    """Redact with a shared default :class:`Redactor` (no configured order patterns)."""
    global _default
    if _default is None:
        _default = Redactor()
    return _default.redact(text).text
