"""Bank account numbers: the ``<ACCOUNT_ID>`` detector.

A bank account number is what a refund is paid into ("เลขบัญชี 846-4-67285-8 กสิกร", "退款到
工商银行 6222 0212 3456 7890 123", "A/C no. 0123456789"). It has no shape of its own (a
Thai account is ten digits like a Thai mobile, a Chinese one 16-19 digits like a card), so, like
:mod:`~kbgen.privacy.redact_orders`, this module decides by the words shortly before a digit
code (at most one kind of separator, ``- . space``, in at most six groups), on the folded text
that :mod:`kbgen.privacy.redact` passes in after IBANs, national ids, order numbers and cards
have been claimed. Whichever word comes last wins, and the words say how much they prove:

* account-number words decide alone, for seven digits or more: "account number", "acct no",
  "a/c", "bank account", "savings account", เลขบัญชี, เลขที่บัญชี, บัญชี, บช., ออมทรัพย์, 局號;
* a bank's name (KBank / กสิกร, SCB / ไทยพาณิชย์, ธนาคาร..., any ...银行 / ...銀行, 郵局, 中華郵政)
  decides for eight digits or more, except for what is shaped like a phone number (a leading
  ``0`` outside the Thai 3-1-5-1 grouping, a Chinese mobile) and passes the phone check, which
  the phone detector keeps: "KBank 02-888-8888" is the bank's hotline. After an account word
  ("บัญชีไทยพาณิชย์ 0480455170") a bank's name is an account-number word;
* a plain account word (English "account", "acct"; 账号, 帳號, 账户, 帳戶, 卡号, 戶口) is an
  account-number word only after a bank's name or a money word (收款, 转账, 匯款, "refund",
  "transfer"...), as in 工商银行账号 or 收款帳戶. Alone, the Chinese ones take 16-19 digits
  (a bank card or account: login and QQ numbers are shorter) and the English ones nothing:
  "my account 12345" is as often a customer or user id as a bank account, so it stays as it
  was (a phone when the phone check accepts it, visible otherwise);
* other words stop it: phones, PromptPay (พร้อมเพย์: a phone or national id stays what it is),
  amounts, dates, ids, user and member accounts (บัญชีผู้ใช้, 会员卡号, 支付宝账号, "account id"),
  apps, IBAN, routing and sort codes.

The Thai 3-1-5-1 grouping with dashes (``846-4-67285-8``: Kasikorn, Bangkok Bank, Krungthai,
Krungsri) is a bank account wherever it stands, as a carrier's format is a parcel code in
:mod:`~kbgen.privacy.redact_tracking`. A card number that passes the card check was claimed as
``<CARD>`` before this detector runs, and so was an IBAN; an account word before one does not
change its type. Time is linear: bounded candidates, one bounded look back per candidate.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from kbgen.privacy.context import last_word
from kbgen.privacy.windows import Span, windows

__all__ = ["BANK_WORDS_CJK_TH", "BANK_WORDS_EN", "account_spans"]


def _alternation(words: Sequence[str]) -> str:
    """Longest first, so "เลขที่บัญชี" wins over "บัญชี" where both start."""
    return "|".join(sorted(words, key=len, reverse=True))


# Bank names and the word "bank", also read by the order detector as words that end an order
# word's reach ("ค่าออเดอร์ โอนเข้ากสิกร 1234567890" is an account). Regex fragments, no spaces.
BANK_WORDS_EN = (
    "bank", "banks", "kbank", r"k-bank", "kasikorn", "kasikornbank", "scb", "bbl", "ktb",
    "krungthai", "krungsri", "ttb", "tmb", "gsb", "baac", "uob", "cimb", "hsbc", "citi",
    "citibank", "chase", "barclays", "lloyds", "natwest", "santander", "dbs", "ocbc", "posb",
    "maybank", "icbc", "ccb", "boc", "cmb", "bofa", r"wells\s?fargo", r"standard\s?chartered",
    r"hang\s?seng",
)  # fmt: skip
BANK_WORDS_CJK_TH = (
    "银行", "銀行", "工行", "建行", "农行", "農行", "招行", "邮局", "郵局", "邮储", "郵儲",
    "中華郵政", "中华邮政", "信用社", "农会", "農會", "中國信託", "中国信托",
    "ธนาคาร", "แบงก์", "แบงค์", "กสิกร", "ไทยพาณิชย์", "กรุงไทย", "กรุงศรี", "บัวหลวง", "ทหารไทย",
    "ทีทีบี", "ธนชาต", "ออมสิน", r"ธ\.ก\.ส\.", "ธกส", "ยูโอบี", "ซีไอเอ็มบี", "เกียรตินาคิน", "ทิสโก้",
    "แลนด์แอนด์เฮาส์", "อาคารสงเคราะห์", "ไอซีบีซี",
)  # fmt: skip

# Account-number words: they decide alone.
_ACCT_EN = (
    r"(?:bank|savings?|checking|chequing|current|deposit)\s*(?:account|acct|acc|a/c)s?"
    r"(?:\s*(?:number|no\.?|nr\.?|num|#))?",
    r"(?:account|acct|acc|a/c)\.?\s*(?:number|no\.?|nr\.?|num|#)",
    r"a/c",
)
_ACCT_CJK_TH = (
    "เลขที่บัญชี", "เลขบัญชี", "หมายเลขบัญชี", "บัญชีเลขที่", "บัญชีธนาคาร", "บัญชีเงินฝาก",
    "เงินฝาก", "ออมทรัพย์", "กระแสรายวัน", "ฝากประจำ", "ชื่อบัญชี", "บัญชี", r"บช\.?", "บ/ช",
    "局號", "局号",
)  # fmt: skip
# Plain account words: an account-number word after a bank's name or a money word.
_WEAK_EN = ("account", "accounts", "acct", "acc")
_WEAK_CJK = (
    "账号", "帳號", "帐号", "賬號", "账户", "帳戶", "帐户", "賬戶", "户口", "戶口", "卡号", "卡號",
)  # fmt: skip
# Money words: they make a following plain account word an account-number word, and keep
# "เงิน" (money: an amount follows) from being read inside "ได้เงินคืน" (refunded).
_HINT_EN = ("refund", "refunds", "transfer", "transfers", "wire", "payout", "deposit", "withdraw")
_HINT_CJK_TH = (
    "收款", "转账", "轉帳", "轉賬", "汇款", "匯款", "打款", "退款", "提现", "提現", "对公", "對公",
    "储蓄", "儲蓄", "借记", "借記", "网银", "網銀", "劃撥", "划拨", "存折", "存摺",
    "เงินคืน", "คืนเงิน", "โอนเงิน",
)  # fmt: skip
# Words that make a following number something else.
_OTHER_EN = (
    "tel", "phone", "call", "mobile", "cell", "whatsapp", "line", "wechat", "qq", "telegram",
    "contact", "hotline", "fax", "sms", "text", "dial", "ext", "promptpay", "iban", "swift",
    "bic", "routing", r"sort\s?code", "aba", "id", "ids", "user", "username", "login", "member",
    "membership", r"customer\s?id", "card", "credit", "debit", "amount", "total", "balance",
    "price", "paid", "sum", "fee", "baht", "thb", "usd", "rmb", "cny", "twd", "hkd", "sgd",
    "myr", "eur", "gbp", "date", "time", "order", "invoice", "transaction", "ref", "reference",
    "tracking", "passport", "ssn", "tax", "otp", "pin", "password", "code", "facebook",
)  # fmt: skip
_OTHER_CJK_TH = (
    "บัญชีผู้ใช้งาน", "บัญชีผู้ใช้", "ผู้ใช้", "บัญชีไลน์", "บัญชีline", "บัญชีเฟซบุ๊ก", "บัญชีเฟสบุ๊ค",
    "ฝ่ายบัญชี", "แผนกบัญชี", "นักบัญชี", "เฟซบุ๊ก", "เฟสบุ๊ค", "พร้อมเพย์", "โทร", "เบอร์", "มือถือ",
    "ติดต่อ", "ไลน์",
    "ประชาชน", "ประจำตัว", "บัตร", "ไอดี", "สมาชิก", "รหัส", "ยอด", "ราคา", "จำนวน", "เงิน", "บาท",
    "วันที่", "เวลา", "ออเดอร์", "คำสั่งซื้อ", "พัสดุ",
    "电话", "電話", "手机", "手機", "联系", "聯繫", "聯絡", "微信", "支付宝", "支付寶", "会员",
    "會員", "礼品", "禮品", "购物", "購物", "充值", "储值", "儲值", "积分", "積分", "游戏", "遊戲",
    "点卡", "點卡", "加油", "公交", "交通", "信用卡", "身份证", "身分證", "护照", "護照", "密码",
    "密碼", "验证码", "驗證碼", "金额", "金額", "余额", "餘額", "订单", "訂單", "单号", "單號",
    "快递", "快遞", "日期", "时间", "時間",
)  # fmt: skip

# Matched on a copy with ASCII lower-cased (same length), like the order detector. Where two
# start at one place the first group listed wins: account-number and money words before the
# others, so "บัญชีเงินฝาก" is not "เงิน" (money) and "บัญชีผู้ใช้" is "บัญชี" then "ผู้ใช้" (a user
# account).
_WORDS = re.compile(
    r"(?=[a-z\u0e00-\u0e7f\u3400-\u9fff])(?:"
    rf"(?P<acct>(?<![a-z])(?:{_alternation(_ACCT_EN)})(?![a-z])|{_alternation(_ACCT_CJK_TH)})"
    rf"|(?P<hint>(?<![a-z])(?:{_alternation(_HINT_EN)})(?![a-z])|{_alternation(_HINT_CJK_TH)})"
    rf"|(?P<other>(?<![a-z])(?:{_alternation(_OTHER_EN)})(?![a-z])"
    rf"|{_alternation(_OTHER_CJK_TH)})"
    rf"|(?P<bank>(?<![a-z])(?:{_alternation(BANK_WORDS_EN)})(?![a-z])"
    rf"|{_alternation(BANK_WORDS_CJK_TH)})"
    rf"|(?P<weak_en>(?<![a-z])(?:{_alternation(_WEAK_EN)})(?![a-z]))"
    rf"|(?P<weak_zh>{_alternation(_WEAK_CJK)})"
    r")"
)
_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}
# Substrings of every account-number word, bank name and plain account word: a text with none
# of them (and no Thai grouping) skips the detector (substring tests on a lower-cased copy cost
# a fraction of one regex search; tests check that every word holds one).
_KEYS = (
    "acc", "a/c", "bank", "kasikorn", "scb", "bbl", "ktb", "krungthai", "krungsri", "ttb", "tmb",
    "gsb", "baac", "uob", "cimb", "hsbc", "citi", "chase", "barclays", "lloyds", "natwest",
    "santander", "dbs", "ocbc", "posb", "icbc", "ccb", "boc", "cmb", "bofa", "wells", "chartered",
    "seng", "บัญชี", "บช", "บ/ช", "เงินฝาก", "ออมทรัพย์", "กระแสรายวัน", "ฝากประจำ", "ธนาคาร", "แบงก์",
    "แบงค์", "กสิกร", "ไทยพาณิชย์", "กรุงไทย", "กรุงศรี", "บัวหลวง", "ทหารไทย", "ทีทีบี", "ธนชาต",
    "ออมสิน", "ธ.ก.ส.", "ธกส", "ยูโอบี", "ซีไอเอ็มบี", "เกียรตินาคิน", "ทิสโก้", "แลนด์แอนด์เฮาส์",
    "อาคารสงเคราะห์", "ไอซีบีซี", "银行", "銀行", "工行", "建行", "农行", "農行", "招行", "邮", "郵",
    "信用社", "农会", "農會", "信託", "信托", "账", "帳", "帐", "賬", "卡号", "卡號", "户口",
    "戶口", "局號", "局号",
)  # fmt: skip
_REACH = 48  # the longest gap plus the longest word
_GAP_MAX = 24
# No digits, claimed spans, line or sentence ends between a word and its number; a dot only
# inside an abbreviation ("a/c no.0123...", "บช.").
_GAP_BREAK = re.compile(r"[0-9\n\x00。！？!?;；]")
_GAP = re.compile(r"(?:[^0-9\n\x00。！？!?;；.]|\.(?=\S))*")
# The look back from a plain account word to a bank's name may cross numbers ("局號 0001234
# 帳號 1234567") but not a sentence end.
_SENTENCE_BREAK = re.compile(r"[\n。！？!?;；]")
# A Taiwan bank's three-digit code before the account: "銀行帳號(822)123456789012".
_BANK_CODE = re.compile(r"\([0-9]{3}\)\s?$")

# A digit code: one digit, then digits with at most one separator between two of them, ending
# where a group ends. The look-behinds keep it from starting inside a word, an amount or a
# longer number.
_CODE = re.compile(
    r"(?<![A-Za-z0-9_+])(?<![0-9][.,])(?<![A-Za-z]-)[0-9](?:[ .\-]?[0-9]){6,21}(?![0-9])"
)
_SEPS = re.compile(r"[ .\-]")
_THAI_GROUPED = re.compile(r"[0-9]{3}-[0-9]-[0-9]{5}-[0-9]")
_THAI_ACCOUNT_GROUPS = ([3, 1, 5, 1], [3, 6, 1])
_UNITS = (
    r"(?:%|baht|thb|usd|rmb|cny|twd|ntd|hkd|sgd|myr|eur|gbp|yuan|dollars?|บาท|元|块|塊|圓|円|"
    r"pcs|items?|ชิ้น|件|个|個)"
)
_FOLLOWED = re.compile(rf"[.,:/][0-9]|\s?{_UNITS}(?![A-Za-z])", re.I)
_CN_MOBILE = re.compile(r"1[3-9][0-9]{9}")


def _kind(lowered: str, start: int) -> str | None:
    """What the last word before ``start`` makes of a number there: "acct", "bank", "zh" (a
    Chinese plain account word alone), "other", or None when no word says anything."""
    code = _BANK_CODE.search(lowered, max(0, start - 6), start)
    if code:
        start = code.start()
    last = last_word(_WORDS, lowered, start, _REACH, _GAP_BREAK, _GAP, _GAP_MAX)
    if last is None:
        return None
    kind = last.lastgroup
    if kind in ("acct", "other"):
        return kind
    if kind == "hint":
        return None
    # A bank's name or a plain account word: what does the word before it say?
    before = _word_before(lowered, last.start())
    if kind == "bank":  # "บัญชีไทยพาณิชย์ 0480455170": the account word makes it an account
        return "acct" if before in ("acct", "weak_en", "weak_zh", "hint") else "bank"
    if before in ("acct", "bank", "hint"):
        return "acct"
    if before == "other":
        return "other"
    return "zh" if kind == "weak_zh" else None


def _word_before(lowered: str, at: int) -> str | None:
    """The kind of the last word in the sentence before ``at`` (numbers may come between)."""
    before = last_word(_WORDS, lowered, at, _REACH, _SENTENCE_BREAK)
    return None if before is None else before.lastgroup


def _phone_shaped(digits: str, groups: list[int]) -> bool:
    """A phone number's shape, which a bank's name alone does not make an account: a trunk
    ``0`` and at most twelve digits, ``00`` and a country code, or a Chinese mobile. Not the
    Thai account groupings, nor a post-office account's leading zeros (郵局 00012341234567)."""
    if groups in _THAI_ACCOUNT_GROUPS:
        return False
    if digits.startswith("0"):
        return len(digits) <= 12 or (digits.startswith("00") and digits[2] != "0")
    return _CN_MOBILE.fullmatch(digits) is not None


def account_spans(work: str, phone: Callable[[str, int], bool] | None = None) -> list[Span]:
    """Bank account numbers in the folded text ``work`` (dates, ids, orders, cards blanked).

    ``phone(code, offset)`` tells whether the phone detector, which runs next, takes a code: a
    phone-shaped code after a bank's name alone is left to it only then, so it never stays
    visible between the two (without ``phone``, every phone-shaped code is left to it).
    """
    lowered = work.lower()
    if not any(key in lowered for key in _KEYS) and not _THAI_GROUPED.search(work):
        return []
    lowered = work.translate(_ASCII_LOWER)  # same length as work, unlike str.lower()
    spans: list[Span] = []
    taken = phone or (lambda _code, _pos: True)

    def valid(cand: str, pos: int, level: int) -> bool:
        seps = set(_SEPS.findall(cand))
        groups = [len(g) for g in _SEPS.split(cand)]
        digits = cand.translate(_NO_SEPS)
        if len(seps) > 1 or len(groups) > 6 or not 7 <= len(digits) <= 20:
            return False
        # "1.500.000": thousands, an amount
        if seps == {"."} and groups[0] <= 3 and all(g == 3 for g in groups[1:]):
            return False
        if _FOLLOWED.match(work, pos + len(cand)):
            return False
        kind = _kind(lowered, pos)
        if kind == "acct":
            return True
        if kind == "bank":
            return len(digits) >= 8 and not (_phone_shaped(digits, groups) and taken(cand, pos))
        if kind == "zh":
            return 16 <= len(digits) <= 19
        # the Thai grouping on its own, when it is not the tail of a longer code
        return kind is None and level >= 1 and _THAI_GROUPED.fullmatch(cand) is not None

    for m in _CODE.finditer(work):
        spans += windows(m.start(), m[0], valid, 7, 20)
    return spans


_NO_SEPS = str.maketrans("", "", " .-")
