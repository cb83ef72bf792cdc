"""Order, transaction, tracking, invoice and reference numbers: the ``<ORDER_ID>`` detector.

:mod:`kbgen.privacy.redact` owns the redaction stage (folding, the detector order, every other
mask); this module owns only the decision "is this code an order-like number?", as pure
functions on the folded text that redact.py passes in, with dates, IBANs and national ids
already blanked.

``<ORDER_ID>`` is decided by context, not shape, because an order number can be shaped exactly
like a phone number. A code with at least five digits (letters and dashes allowed:
``SL2449578``, ``A12-99812``), or three after a prefix such as ``INV-``, becomes ``<ORDER_ID>``
when an order word in any of our four languages comes shortly before it ("purchase
732201349959", "订单号：2026112012345678", "交易編號 TX8839201", "ออเดอร์ 123456789") with only
filler in between, when it is written ``#`` + code, or when its own prefix names it
(``INV-2024-00017``, ``REF12345``). Whichever word comes last before the number wins: in
"order, phone 0812345678" the phone word keeps it a phone, and amount, date, version, model,
address, card and id words stop an order word the same way. A card number grouped like a card
is left to the card detector (the caller says what "grouped like a card" means); a bare 16-19
digit run after an order word is an order number even when it passes Luhn, as one Taobao order
number in ten does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from kbgen.privacy.context import last_word
from kbgen.privacy.redact_accounts import BANK_WORDS_CJK_TH, BANK_WORDS_EN

__all__ = ["order_spans"]

Span = tuple[int, int]


def _digit_count(s: str) -> int:
    return sum("0" <= c <= "9" for c in s)


def _alternation(words: str) -> str:
    """Longest first, so "订单号" wins over "订单" where both start."""
    return "|".join(sorted(words.split(), key=len, reverse=True))


# Words that introduce an order-like number. English ones are whole words (a plural allowed);
# the second group only counts with a number word after it ("refund id", "delivery no.").
_ORDER_EN = (
    "order purchase transaction txn trx tracking track invoice receipt booking reservation case "
    "ticket parcel package shipment consignment waybill awb reference ref rma po"
    # carriers, whose name before a code says it is a tracking number
    " kerry j&t jnt ems dhl fedex auspost thaipost usps"
)
# Carriers whose first word alone is not one ("flash sale", "best price").
_CARRIERS_EN = "flash express|ninja ?van|thailand post|shopee express|best express"
_ORDER_EN_NUMBERED = (
    "delivery shipping confirmation return refund payment request claim incident complaint "
    "pickup collection dispute job quote"
)
_ORDER_CJK_TH = (
    "订单 訂單 单号 單號 单据 單據 交易 流水 物流 快递 快遞 运单 運單 货运 貨運 包裹 发票 發票 "
    "收据 收據 小票 工单 工單 案件 预订 預訂 预约 預約 订购 訂購 追踪 追蹤 参考 參考 退货 退貨 "
    "售后 售後 投诉 投訴 ออเดอร์ ออร์เดอร์ คำสั่งซื้อ สั่งซื้อ พัสดุ ใบเสร็จ ใบกำกับภาษี ใบแจ้งหนี้ ใบสั่งซื้อ ธุรกรรม "
    "รายการ การจอง เลขที่ เลขติดตาม แทร็ก แทร็ค แทรค ทิกเก็ต ทิคเก็ต เคส อ้างอิง "
    # carriers
    "顺丰 順豐 中通 圆通 圓通 韵达 韻達 申通 极兔 極兔 百世 德邦 京东快递 京東快遞 "
    "邮政快递 郵政快遞 中国邮政 中華郵政 黑猫 黑貓 嘉里 新竹物流 宅急便 菜鸟 菜鳥 "
    "เคอรี่ แฟลช เจแอนด์ที เจแอนที ไปรษณีย์ไทย อีเอ็มเอส"
)
# Words that make a following number something else: phone and contact words, cards, accounts,
# banks (the account detector's bank names) and ids, addresses, amounts and currencies, dates,
# versions, models, coupons and passwords.
# Generic "number" words (号码, 號碼, เลข) are neither: "订单号码" is an order number.
_OTHER_EN = (
    "tel telephone phone cellphone call mobile cell whatsapp line contact ring text sms fax "
    "hotline reach dial landline ext extension card iban account acct bank swift passport ssn "
    "address zip postcode postal box room apt apartment suite floor price total amount cost paid "
    "charged balance sum usd thb rmb cny twd ntd hkd sgd myr eur gbp jpy baht yuan dollar euro "
    "pound date dated version ver build firmware model sku part serial sn imei coupon voucher "
    "promo discount gift otp pin password a/c " + " ".join(BANK_WORDS_EN)
)
_OTHER_CJK_TH = (
    "电话 電話 手机 手機 座机 座機 联系 聯繫 聯絡 致电 致電 打 来电 來電 回电 回電 短信 "
    "簡訊 热线 熱線 传真 傳真 微信 门号 門號 收件 收货 收貨 卡号 卡號 信用卡 银行卡 銀行卡 账户 "
    "帳戶 账号 帳號 户名 戶名 身份证 身分證 证件 證件 护照 護照 统一编号 統一編號 统编 統編 税号 "
    "稅號 地址 住址 邮编 郵編 郵遞區號 房间 房間 金额 金額 价格 價格 价钱 價錢 总价 總價 总额 "
    "總額 合计 合計 运费 運費 日期 时间 時間 版本 固件 韌體 型号 型號 序列号 序列號 序號 兑换码 "
    "兌換碼 优惠 優惠 验证码 驗證碼 密码 密碼 โทร เบอร์ มือถือ ติดต่อ ไลน์ แฟกซ์ ผู้รับ บัตร บัญชี ประชาชน "
    "ประจำตัว พาสปอร์ต หนังสือเดินทาง ที่อยู่ บ้านเลขที่ รหัสไปรษณีย์ ราคา ยอด จำนวน บาท วันที่ เวลา เวอร์ชัน รุ่น โค้ด "
    "คูปอง ส่วนลด ห้อง ชั้น รหัสผ่าน ซีเรียล พร้อมเพย์ บช " + " ".join(BANK_WORDS_CJK_TH)
)
_NUMBER_EN = r"(?:number|no\.?|nr\.?|num|id|code|ref(?:erence)?|#)"
# Consumed with the order word, so "交易序號" is not read as a serial number.
_NUMBER_CJK = "编号 編號 号码 號碼 序号 序號 单号 單號 号 號 码 碼"
# Matched on a copy with ASCII lower-cased (same length) rather than with re.I, and behind a
# first-character guard: both halve the cost of the long alternation.
_CONTEXT_WORDS = re.compile(
    r"(?=[a-z$¥€£฿\u0e00-\u0e7f\u3400-\u9fff])"
    rf"(?:(?P<order>(?<![a-z])(?:(?:{_alternation(_ORDER_EN)})(?:e?s)?|{_CARRIERS_EN}"
    rf"|(?:{_alternation(_ORDER_EN_NUMBERED)})s?\s*{_NUMBER_EN})(?![a-z])"
    rf"|(?:{_alternation(_ORDER_CJK_TH)})(?:{_alternation(_NUMBER_CJK)})?)"
    rf"|(?P<other>(?<![a-z])(?:{_alternation(_OTHER_EN)})(?:e?s|ed|ing)?(?![a-z])"
    rf"|{_alternation(_OTHER_CJK_TH)}|[$¥€£฿]))"
)
_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}
# An order word is looked for after the last of these: a gap cannot hold them.
_GAP_BREAK = re.compile(r"[0-9\n\x00。！？!?，,;；]")
_CONTEXT_REACH = 44  # the longest gap plus the longest word
# What may stand between an order word and its number: "number is", "编号为：", "หมายเลข".
# No digits, no clause or sentence end ("no." and "ref." are abbreviations, not an end).
_ORDER_GAP = re.compile(
    r"(?:[^0-9\n\x00。！？!?，,;；.]|(?<=[Nn][OoRr])\.|(?<=[Rr][Ee][Ff])\.|(?<=[Nn][Uu][Mm])\.|"
    r"\.(?=\S))*"
)
_ORDER_GAP_MAX = 24
# "orders 12345678 and 12345679": a number right after an order number is one too.
_ORDER_AND = re.compile(r"\s*(?:and|or|&|/|\+|、|和|及|与|與|或|跟|กับ|และ|หรือ)\s*", re.I)
# Candidate codes: grouped digits ("2026 1120 1234"), or a run of letters and digits joined by
# - or _ (kept only when it holds a digit); "#" may lead either. No lookahead for the digit:
# on a long run of letters it rescanned the rest of the run at every position (quadratic).
_ORDER_CODE = re.compile(
    r"(#)?(?:[0-9]{2,4}(?: [0-9]{3,4})+(?![0-9A-Za-z])"
    r"|[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*)"
)
_DIGIT = re.compile(r"[0-9]")
# Prefixes that name the code themselves: INV-2024-00017, REF12345, order12345678.
_ORDER_PREFIX = re.compile(
    r"(?:order|ord|invoice|inv|txn|trx|tx|ref|rma|po|tkt|trk|rcpt|bkg)[-_#]?[0-9]", re.I
)
# Part of a word, URL, amount or bigger number when one of these comes right before.
_CODE_NOT_AFTER = frozenset("_+&/.,-@=#$¥€£฿%\\\x00")
_UNITS = (
    r"(?:%|mah|wh|kwh|gb|tb|mb|kb|btu|mm|cm|km|kg|ml|mg|hz|khz|mhz|ghz|rpm|dpi|px|pcs|pieces?|"
    r"items?|units?|baht|yuan|rmb|usd|thb|twd|ntd|hkd|sgd|myr|eur|euros?|gbp|dollars?|pounds?|"
    r"บาท|ดอลลาร์|元|块|塊|圓|円|件|个|個|台|ชิ้น)"
)
_UNIT_TOKEN = re.compile(rf"[0-9]+(?:{_UNITS}|[glwvkmp])", re.I)
_CODE_FOLLOWED = re.compile(rf"[.,:/][0-9]|\s?{_UNITS}(?![A-Za-z])", re.I)
_COMPACT_DATE = re.compile(r"(?:19|20|25)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])")


def _order_like(code: str) -> bool:
    """Five digits or more, or three after an order prefix; never a unit or a compact date."""
    digits = _digit_count(code)
    if _UNIT_TOKEN.fullmatch(code) or _COMPACT_DATE.fullmatch(code):
        return False
    return digits >= 5 or (digits >= 3 and _ORDER_PREFIX.match(code) is not None)


def _order_context(lowered: str, start: int, claimed: Sequence[Span]) -> bool | None:
    """True when an order word introduces the code at ``start``, False when a phone, amount,
    card (...) word does, None when no word is close enough to say."""
    if claimed and _ORDER_AND.fullmatch(lowered, claimed[-1][1], start):
        return True
    last = last_word(
        _CONTEXT_WORDS, lowered, start, _CONTEXT_REACH, _GAP_BREAK, _ORDER_GAP, _ORDER_GAP_MAX
    )
    return None if last is None else last.lastgroup == "order"


def order_spans(work: str, card_grouped: Callable[[str], bool]) -> list[Span]:
    """Order, transaction, tracking and reference numbers, by the words around them.

    ``card_grouped`` tells whether a code with separators is a card number grouped like one;
    such a code is left to the card detector, which runs after this one.
    """
    spans: list[Span] = []
    lowered = ""
    for m in _ORDER_CODE.finditer(work):
        start, end = m.span()
        if end - start < 3 or not _DIGIT.search(work, start, end):  # too short, or a word
            continue
        hashed = m[1] is not None
        code = m[0][1:] if hashed else m[0]
        before = work[start - 1] if start else " "
        if (
            before in _CODE_NOT_AFTER
            or (before.isascii() and before.isalnum() and not hashed)
            or _CODE_FOLLOWED.match(work, end)
            or not _order_like(code)
            or (not code.isalnum() and card_grouped(code))
        ):
            continue
        lowered = lowered or work.translate(_ASCII_LOWER)
        context = _order_context(lowered, start, spans)
        if context is False:
            continue
        named = _ORDER_PREFIX.match(code) is not None and _digit_count(code) >= 5
        if context or named or (hashed and not (before.isascii() and before.isalnum())):
            spans.append((start, end))
    return spans
