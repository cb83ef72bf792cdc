"""Regenerate the redaction corpus: ``python tests/data/redaction/make_corpus.py``.

Checksummed values (cards, resident ids, IBANs) and phone numbers are generated, then checked
with the same libraries the redactor trusts, so every value is valid and fictional; the seed is
fixed so the files only change when this script does. Sentences are written per language in
the voice of real support tickets, not translated from one template.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from collections.abc import Callable
from pathlib import Path

import phonenumbers
from stdnum import iban, luhn
from stdnum.cn import ric
from stdnum.th import pin

HERE = Path(__file__).parent
LANGS = ("en", "zh-Hans", "zh-Hant", "th")
rng = random.Random(20261122)


def digits(n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


# -- value generators ---------------------------------------------------------------------------


def _valid_phone(make: Callable[[], str], region: str) -> str:
    for _ in range(500):
        value = make()
        if phonenumbers.is_valid_number(phonenumbers.parse(value, region)):
            return value
    raise RuntimeError(f"no valid {region} number from generator")


def cn_mobile() -> str:
    return _valid_phone(
        lambda: rng.choice(["138", "139", "136", "159", "186", "177"]) + digits(8), "CN"
    )


PHONE_FORMATS: dict[str, list[Callable[[], str]]] = {
    "zh-Hans": [
        cn_mobile,
        lambda: (lambda m: f"{m[:3]} {m[3:7]} {m[7:]}")(cn_mobile()),
        lambda: (lambda m: f"{m[:3]}-{m[3:7]}-{m[7:]}")(cn_mobile()),
        lambda: (lambda m: f"+86 {m[:3]} {m[3:7]} {m[7:]}")(cn_mobile()),
        lambda: "+86" + cn_mobile(),
        lambda: "0086 " + cn_mobile(),
        lambda: _valid_phone(lambda: "010-6" + digits(7), "CN"),
        lambda: _valid_phone(lambda: f"021-{rng.choice('56')}{digits(3)} {digits(4)}", "CN"),
        lambda: _valid_phone(lambda: f"(0755) 8{digits(3)} {digits(4)}", "CN"),
        lambda: _valid_phone(lambda: f"0571-8{digits(7)}", "CN"),
        lambda: _valid_phone(lambda: f"+86 10 6{digits(3)} {digits(4)}", "CN"),
        lambda: cn_mobile().translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"}),
    ],
    "zh-Hant": [
        lambda: _valid_phone(lambda: f"09{digits(2)}-{digits(3)}-{digits(3)}", "TW"),
        lambda: _valid_phone(lambda: f"09{digits(8)}", "TW"),
        lambda: _valid_phone(lambda: f"+886 9{digits(2)} {digits(3)} {digits(3)}", "TW"),
        lambda: _valid_phone(lambda: f"(02) 2{digits(3)}-{digits(4)}", "TW"),
        lambda: _valid_phone(lambda: f"02-2{digits(3)}-{digits(4)}", "TW"),
        lambda: _valid_phone(lambda: f"04-2{digits(3)}-{digits(4)}", "TW"),
        lambda: _valid_phone(lambda: f"+852 {rng.choice('5689')}{digits(3)} {digits(4)}", "HK"),
        lambda: _valid_phone(lambda: f"{rng.choice('69')}{digits(3)} {digits(4)}", "HK"),
        lambda: _valid_phone(lambda: f"+853 6{digits(3)} {digits(4)}", "MO"),
        cn_mobile,
    ],
    "th": [
        lambda: _valid_phone(
            lambda: f"0{rng.choice('689')}{digits(1)}-{digits(3)}-{digits(4)}", "TH"
        ),
        lambda: _valid_phone(lambda: f"0{rng.choice('689')}{digits(8)}", "TH"),
        lambda: _valid_phone(lambda: f"0{rng.choice('689')}-{digits(4)}-{digits(4)}", "TH"),
        lambda: _valid_phone(
            lambda: f"+66 {rng.choice('689')}{digits(1)} {digits(3)} {digits(4)}", "TH"
        ),
        lambda: _valid_phone(lambda: f"+66{rng.choice('689')}{digits(8)}", "TH"),
        lambda: _valid_phone(
            lambda: f"0{rng.choice('689')}{digits(1)} {digits(3)} {digits(4)}", "TH"
        ),
        lambda: _valid_phone(lambda: f"02-{digits(3)}-{digits(4)}", "TH"),
        lambda: _valid_phone(lambda: f"02{digits(7)}", "TH"),
        lambda: _valid_phone(lambda: f"053-{digits(3)}-{digits(3)}", "TH"),
        lambda: _valid_phone(lambda: f"+66 2 {digits(3)} {digits(4)}", "TH"),
        lambda: _valid_phone(lambda: f"0{rng.choice('689')}{digits(8)}", "TH").translate(
            {ord(c): 0x0E50 + int(c) for c in "0123456789"}
        ),
    ],
    "en": [
        lambda: _valid_phone(
            lambda: (
                f"({rng.choice(['415', '212', '646', '312', '206'])}) {rng.randint(201, 989)}"
                f"-{digits(4)}"
            ),
            "US",
        ),
        lambda: _valid_phone(
            lambda: (
                f"{rng.choice(['415', '617', '503', '702'])}-{rng.randint(201, 989)}-{digits(4)}"
            ),
            "US",
        ),
        lambda: _valid_phone(
            lambda: f"+1 {rng.choice(['415', '213'])} {rng.randint(201, 989)} {digits(4)}", "US"
        ),
        lambda: _valid_phone(lambda: f"+44 20 7{digits(3)} {digits(4)}", "GB"),
        lambda: _valid_phone(lambda: f"07{rng.choice('4579')}{digits(2)} {digits(6)}", "GB"),
        lambda: _valid_phone(lambda: f"+44 7{rng.choice('4579')}{digits(2)} {digits(6)}", "GB"),
        lambda: _valid_phone(lambda: f"+65 {rng.choice('89')}{digits(3)} {digits(4)}", "SG"),
        lambda: _valid_phone(lambda: f"+60 1{rng.choice('2379')}-{digits(3)} {digits(4)}", "MY"),
        lambda: _valid_phone(lambda: f"01{rng.choice('2379')}-{digits(3)} {digits(4)}", "MY"),
        lambda: _valid_phone(
            lambda: f"+66 {rng.choice('89')}{digits(1)} {digits(3)} {digits(4)}", "TH"
        ),
        lambda: (lambda m: f"+86 {m[:3]} {m[3:7]} {m[7:]}")(cn_mobile()),
        lambda: _valid_phone(lambda: f"+852 {rng.choice('569')}{digits(3)} {digits(4)}", "HK"),
    ],
}


def card() -> str:
    prefix, length, layout = rng.choice(
        [
            ("4", 16, "4444"),
            ("4", 16, "bare"),
            ("5" + rng.choice("12345"), 16, "4444-"),
            ("2" + str(rng.randint(221, 720)), 16, "4444"),
            ("3" + rng.choice("47"), 15, "465"),
            ("62", 16, "4444"),
            ("62", 19, "bare"),
            ("35" + str(rng.randint(28, 89)), 16, "4444"),
            ("6011", 16, "4444-"),
            ("4", 13, "bare"),
        ]
    )
    body = prefix + digits(length - len(prefix) - 1)
    number = body + luhn.calc_check_digit(body)
    assert luhn.is_valid(number)
    if layout == "bare":
        return number
    if layout == "465":
        return f"{number[:4]} {number[4:10]} {number[10:]}"
    sep = "-" if layout.endswith("-") else " "
    return sep.join(number[i : i + 4] for i in range(0, len(number), 4))


def make_iban() -> str:
    country, bban = rng.choice(
        [
            ("GB", lambda: "NWBK" + digits(14)),
            ("DE", lambda: digits(18)),
            (
                "FR",
                lambda: (
                    digits(10)
                    + "".join(rng.choice("ABCDEFGHJK0123456789") for _ in range(11))
                    + digits(2)
                ),
            ),
            ("NL", lambda: rng.choice(["ABNA", "INGB", "RABO"]) + digits(10)),
            ("IE", lambda: "AIBK" + digits(14)),
            ("AT", lambda: digits(16)),
            ("CH", lambda: digits(17)),
        ]
    )
    for _ in range(200):
        raw = bban()
        number = country + iban.calc_check_digits(country + "00" + raw) + raw
        if iban.is_valid(number):
            break
    else:
        raise RuntimeError(country)
    if rng.random() < 0.6:
        return iban.format(number)
    return number


def cn_id() -> str:
    areas = ["110105", "310104", "440305", "510107", "330106", "320102", "420106", "210102"]
    for _ in range(100):
        born = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 45))
        body = rng.choice(areas) + born.strftime("%Y%m%d") + digits(3)
        number = body + ric.calc_check_digit(body + "0")
        if ric.is_valid(number):  # also checks the county existed in the birth year
            return number
    raise RuntimeError("no valid resident id")


def th_id(formatted: bool | None = None) -> str:
    body = str(rng.randint(1, 8)) + digits(11)
    number = body + pin.calc_check_digit(body)
    assert pin.is_valid(number)
    if formatted if formatted is not None else rng.random() < 0.5:
        return f"{number[0]}-{number[1:5]}-{number[5:10]}-{number[10:12]}-{number[12]}"
    return number


def ip() -> str:
    if rng.random() < 0.2:
        return f"2001:db8:{rng.randint(1, 0xFFFF):x}::{rng.randint(1, 0xFFFF):x}"
    first = rng.choice([58, 101, 113, 171, 180, 203, 110, 49, 192])
    if first == 192:
        return f"192.168.{rng.randint(0, 10)}.{rng.randint(2, 254)}"
    return f"{first}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


NAMES = [
    "zhang.wei",
    "li_na88",
    "wangfang",
    "somchai.k",
    "nattaya99",
    "chen.yuting",
    "lin.meiling",
    "j.smith",
    "emily.tan",
    "kittipong",
    "huang_jh",
    "ploy.s",
    "david.wong",
    "xiaoming2001",
]
DOMAINS = [
    "example.com",
    "example.co.th",
    "mail.example.cn",
    "example.com.tw",
    "example.org",
    "corp.example.hk",
]


def email() -> str:
    return f"{rng.choice(NAMES)}{rng.choice(['', str(rng.randint(1, 99))])}@{rng.choice(DOMAINS)}"


def url() -> str:
    token = "".join(
        rng.choice("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        for _ in range(rng.randint(22, 32))
    )
    return rng.choice(
        [
            f"https://shop.example.com/account/reset?token={token}",
            f"https://help.example.co.th/verify?email={rng.choice(NAMES)}%40example.com&lang=th",
            f"https://app.example.cn/login?session_id={token}",
            f"https://{rng.choice(NAMES).split('.')[0]}:{token[:10]}@ftp.example.com/invoices/",
            f"https://pay.example.com.tw/checkout/confirm?order=88213&sig={token}",
            f"https://example.com/unsubscribe?e={rng.choice(NAMES)}@example.org",
            f"https://track.example.com/r/{token}",
            f"http://portal.example.hk/api/download?access_token={token}&file=receipt.pdf",
        ]
    )


def order() -> str:
    return rng.choice([f"ORD-{digits(8)}", f"SO{digits(7)}", f"ORD-2026{digits(6)}"])


def ticket() -> str:
    return rng.choice([f"TCK-{digits(5)}", f"TCK-{digits(6)}"])


LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"


def letters(n: int) -> str:
    return "".join(rng.choice(LETTERS) for _ in range(n))


def alnum(n: int) -> str:
    return "".join(rng.choice(LETTERS + "0123456789") for _ in range(n))


def yymmdd() -> str:
    return f"{rng.randint(24, 26)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"


FULL_WIDTH = {ord(c): ord(c) + 0xFEE0 for c in "0123456789" + LETTERS}
THAI_DIGITS = {ord(c): 0x0E50 + int(c) for c in "0123456789"}

# Order, transaction, tracking, invoice and receipt numbers as shops, carriers and payment
# providers print them; no configured pattern matches any of them, so only the words before
# them make them <ORDER_ID>. Some are shaped like phone numbers on purpose.
ORDER_ID_FORMATS: dict[str, list[Callable[[], str]]] = {
    "en": [
        lambda: "1Z" + alnum(6) + digits(10),  # UPS
        lambda: str(rng.randint(1, 9)) + digits(11),  # FedEx
        lambda: f"{digits(3)}-{digits(7)}-{digits(7)}",  # marketplace order
        lambda: f"{rng.choice(LETTERS)}{digits(2)}-{digits(5)}",  # booking reference
        lambda: f"INV-{rng.randint(2023, 2026)}-{digits(5)}",
        lambda: "TX" + digits(rng.randint(7, 10)),
        lambda: "#" + rng.choice(["SL", "OD", "A"]) + digits(7),  # shop codes written "#..."
        lambda: str(rng.randint(1, 9)) + digits(rng.randint(7, 11)),
    ],
    "zh-Hans": [
        lambda: "SF" + digits(12),  # SF Express
        lambda: "JD" + digits(13),  # JD Logistics
        lambda: "YT" + digits(13),  # YTO Express
        lambda: "7" + digits(13),  # ZTO Express
        lambda: str(rng.randint(1, 9)) + digits(rng.randint(17, 18)),  # Taobao order
        lambda: "4200" + digits(24),  # WeChat Pay transaction
        lambda: "1" + rng.choice("3589") + digits(9),  # shaped like a mobile number
        lambda: "0" + digits(11),  # invoice number
        lambda: ("SF" + digits(12)).translate(FULL_WIDTH),
    ],
    "zh-Hant": [
        lambda: f"2026{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{digits(6)}",  # shop order
        lambda: "TW" + digits(13) + "CN",  # cross-border parcel
        lambda: str(rng.randint(1, 9)) + digits(11),  # T-Cat
        lambda: "09" + digits(8),  # shaped like a mobile number
        lambda: f"{letters(2)}-{digits(8)}",  # uniform invoice
        lambda: "TX" + digits(7),
        lambda: "#" + rng.choice(["SL", "OD", "A"]) + digits(7),
    ],
    "th": [
        lambda: "KEX" + digits(10),  # Kerry Express
        lambda: "TH" + digits(10) + letters(2),  # Flash Express
        lambda: rng.choice(["EE", "EF", "EX", "RB"]) + digits(9) + "TH",  # Thailand Post
        lambda: "8" + digits(11),  # J&T Express
        lambda: yymmdd() + digits(1) + rng.choice(LETTERS) + alnum(6),  # Shopee order
        lambda: str(rng.randint(1, 9)) + digits(14),  # Lazada order
        lambda: "0" + rng.choice("689") + digits(8),  # shaped like a mobile number
        lambda: f"RC-{rng.randint(2024, 2026)}-{digits(6)}",  # receipt
        lambda: (str(rng.randint(1, 9)) + digits(14)).translate(THAI_DIGITS),
    ],
}


def _id_or_iban(value: str) -> bool:
    """What the redactor masks as <ID> or <IBAN> even after an order word, by design."""
    plain = value.translate({v: k for k, v in THAI_DIGITS.items()})
    if pin.is_valid(plain) or iban.is_valid(plain, check_country=False):
        return True
    try:
        ric.get_birth_date(plain)
    except Exception:  # stdnum raises its own ValidationError subclasses
        return False
    return len(plain) == 18 and plain[-1] == ric.calc_check_digit(plain)


def order_id(lang: str) -> str:
    for _ in range(100):
        value = rng.choice(ORDER_ID_FORMATS[lang])()
        if not _id_or_iban(value):
            return value
    raise RuntimeError("no order number that is not also an id")


GEN: dict[str, Callable[[str], str]] = {
    "EMAIL": lambda lang: email(),
    "PHONE": lambda lang: rng.choice(PHONE_FORMATS[lang])(),
    "CARD": lambda lang: card(),
    "IBAN": lambda lang: make_iban(),
    "ID": lambda lang: (
        th_id() if lang == "th" or (lang == "en" and rng.random() < 0.5) else (cn_id())
    ),
    "IP": lambda lang: ip(),
    "URL": lambda lang: url(),
    "ORDER": lambda lang: order(),
    "TICKET": lambda lang: ticket(),
    "ORDER_ID": order_id,
}

# -- sentences ----------------------------------------------------------------------------------
# Slots are {TYPE} or {TYPE_2} (types may hold _: {ORDER_ID}, {ORDER_ID_2}); PHONE templates are
# used twice so every phone format appears.

TEMPLATES: dict[str, list[str]] = {
    "en": [
        "Hi, I never got the confirmation email. My address is {EMAIL}, can you resend it?",
        "Please update my account email to {EMAIL}, the old one is closed.",
        "I signed up with {EMAIL} but the login page says the account doesn't exist.",
        "Can you send the invoice to {EMAIL} instead? Thanks!",
        "Reply to {EMAIL}, I can't open the other inbox from work.",
        "My wife's account ({EMAIL}) was charged twice for the same order.",
        "Password reset mails to {EMAIL} keep landing in spam, which sender should I allow?",
        "Contact: {EMAIL}",
        "Please call me back on {PHONE}, I'm free after 3pm.",
        "My phone number changed, the new one is {PHONE}.",
        "The courier couldn't reach me, my mobile is {PHONE} not the one on file.",
        "You can WhatsApp me at {PHONE} if that's easier.",
        "I tried your hotline but it hung up, reach me at {PHONE} please.",
        "Delivery contact: Mr Tan, {PHONE}.",
        "The SMS code never arrives on {PHONE}, is there a problem with your provider?",
        "Update the phone on my account from {PHONE} to {PHONE_2}.",
        "Text me on {PHONE} when the technician is on the way.",
        "I'm travelling for work, call {PHONE} this week.",
        "Tel: {PHONE}",
        "Can someone ring {PHONE}? I've been waiting two days.",
        "My number is {PHONE}, please don't share it with the seller.",
        "Customer called from {PHONE} asking about the refund status.",
        "please call {PHONE} asap, package left at wrong address",
        "The receiver's cell is {PHONE}, she'll be home all day.",
        "I was charged twice on my card {CARD}, please refund one of them.",
        "Can you remove the card {CARD} from my account? It expired.",
        "Payment failed with card number {CARD} even though it has funds.",
        "I used {CARD} for the order, exp 09/28, but it shows unpaid.",
        "card: {CARD} declined 3 times today",
        "Please charge the remaining balance to {CARD}.",
        "The refund went to {CARD} but my bank says nothing arrived.",
        "Somebody used my card {CARD} on your site, I didn't place this order!",
        "Please refund to my bank account, IBAN {IBAN}.",
        "For the return, my IBAN is {IBAN} (account holder J. Smith).",
        "The transfer to {IBAN} bounced, can you check the details?",
        "I changed banks, new IBAN: {IBAN}",
        "Refund still not received on {IBAN}, it's been 14 days.",
        "Can you pay the commission into {IBAN} instead of PayPal?",
        "The customs form asks for an ID number, mine is {ID}.",
        "I entered my ID {ID} during KYC but verification failed.",
        "My national ID number is {ID}, please verify the account.",
        "Registration rejected my ID card {ID}, says invalid format.",
        "For the cross-border parcel I gave resident ID {ID}.",
        "ID: {ID}, name as on the card.",
        "Why do you need my ID {ID} just to buy a SIM?",
        "The invoice shows the wrong ID number, it should be {ID}.",
        "I keep getting blocked, my IP is {IP}.",
        "Login attempts from {IP} weren't me, please lock the account.",
        "The API returns 403 for requests from {IP}.",
        "Our office server at {IP} can't reach your sync endpoint.",
        "Whitelist {IP} please, we are on a static line.",
        "Suspicious login from IP {IP} at 2am last night.",
        "The reset link {URL} says it expired already.",
        "Clicking {URL} gives me a 500 error.",
        "I got this link by email: {URL} is it legit?",
        "Here's the link the agent sent: {URL}",
        "Unsubscribe link {URL} doesn't work, I still get mails.",
        "The download link ({URL}) asks me to log in again.",
        "Where is my order {ORDER}? It's been a week.",
        "Order {ORDER} arrived damaged, the box was crushed.",
        "I want to cancel {ORDER} before it ships.",
        "Following up on ticket {TICKET}, nobody replied.",
        "Same problem as in {TICKET}, still not fixed.",
        "Refund for {ORDER} was approved but not paid.",
        "Please merge {ORDER} and {ORDER_2} into one shipment.",
        "Re: {TICKET} - the replacement also doesn't charge.",
        "Tracking {ORDER_ID} hasn't moved since Monday.",
        "The tracking page for {ORDER_ID} shows delivered but nothing is here.",
        "The tracking number for my parcel is {ORDER_ID}, the courier says it was returned.",
        "I need help canceling purchase {ORDER_ID}",
        "Transaction ID: {ORDER_ID} was charged twice.",
        "Please send a corrected copy of invoice {ORDER_ID}, the VAT number is wrong.",
        "My order number is {ORDER_ID} and the parcel never arrived.",
        "Booking reference {ORDER_ID}, can I move the delivery date?",
        "Refund id {ORDER_ID} was rejected, why?",
        "Return for order {ORDER_ID}: the courier can call me on {PHONE}.",
        "Name: Somchai K., phone {PHONE}, email {EMAIL}, order {ORDER}.",
        "Please contact me at {EMAIL} or {PHONE} about {TICKET}.",
        "Charged on {CARD} for {ORDER} but the order shows cancelled.",
        "Logged in from {IP} with {EMAIL} and got locked out.",
        "Refund to IBAN {IBAN}, questions to {EMAIL}.",
        "ID {ID}, mobile {PHONE}, please update my KYC.",
        "The link {URL} was sent to {EMAIL} by mistake.",
        "Call {PHONE} or email {EMAIL}; the card used was {CARD}.",
    ],
    "zh-Hans": [
        "你好，我一直没收到确认邮件，邮箱是{EMAIL}，麻烦再发一次。",
        "请把账号绑定的邮箱改成{EMAIL}，原来那个不用了。",
        "发票能发到{EMAIL}吗？谢谢",
        "我用{EMAIL}注册的，但是登录提示账号不存在",
        "退款通知请发我邮箱：{EMAIL}",
        "重置密码的邮件发到{EMAIL}一直收不到，是不是进垃圾箱了？",
        "联系邮箱 {EMAIL}，工作日都能回复",
        "帮我查一下{EMAIL}这个账号是不是被冻结了",
        "麻烦帮我查下订单，电话{PHONE}",
        "我的电话是{PHONE}谢谢",
        "快递员联系不上我，手机号是{PHONE}，不是原来那个",
        "收件人：王女士 {PHONE}，请尽快安排派送",
        "验证码一直收不到，手机{PHONE}，换了好几次了",
        "请让售后给我回个电话：{PHONE}，下午三点以后都在",
        "我换手机号了，新号码{PHONE}，帮我改一下",
        "公司座机{PHONE}，找行政部李小姐",
        "有问题可以直接打{PHONE}联系我",
        "我在外地，微信同号{PHONE}",
        "客户来电{PHONE}，询问退款进度",
        "师傅上门前先打我电话{PHONE}哈",
        "我的信用卡{CARD}被扣了两次款，请退一笔",
        "用卡号{CARD}支付一直失败，卡里明明有钱",
        "退款退到哪张卡了？我付款用的是{CARD}",
        "请帮我解绑银行卡 {CARD}，这张卡已经注销了",
        "卡号：{CARD}，有效期12/28，刚才显示支付异常",
        "我没有下过这个单，为什么{CARD}会被扣款？",
        "尾款请从{CARD}扣",
        "银联卡{CARD}绑定不上，提示卡号错误",
        "我在德国，退款请打到IBAN {IBAN}",
        "收款账户IBAN：{IBAN}，户名张伟",
        "转账到{IBAN}被退回了，帮忙核对一下",
        "换了银行，新的IBAN是{IBAN}",
        "退款还没到账，账户是{IBAN}",
        "佣金能不能直接转到{IBAN}？",
        "实名认证一直失败，身份证号{ID}",
        "清关需要身份证号码：{ID}，收件人张伟",
        "我的身份证{ID}被别人注册了账号，怎么办？",
        "开发票要填身份证号吗？我的是{ID}",
        "身份证号码{ID}，姓名李娜，请帮我核实",
        "跨境包裹海关要求补充身份证：{ID}",
        "为什么提示{ID}已被绑定？我从来没注册过",
        "证件号 {ID}，麻烦尽快审核",
        "登录总是被拦截，我的IP是{IP}",
        "昨晚有{IP}的异地登录，不是我本人",
        "接口从{IP}请求一直返回403",
        "公司服务器{IP}连不上你们的同步服务",
        "请把{IP}加到白名单",
        "后台显示登录IP：{IP}，这是哪里？",
        "重置密码链接{URL}打开说已经过期了",
        "点这个链接{URL}一直报错500",
        "收到一封邮件让我点{URL}，是你们发的吗？",
        "客服发给我的链接：{URL} 打不开",
        "退订链接{URL}没用，还是一直收到邮件",
        "下载发票的链接 {URL} 又要求重新登录",
        "订单{ORDER}一周了还没发货",
        "我的订单号是{ORDER}，收到的东西是坏的",
        "麻烦取消订单{ORDER}，拍错了",
        "工单{TICKET}一直没人回复",
        "跟{TICKET}是同一个问题，还没解决",
        "{ORDER}的退款审核通过了，但钱没到账",
        "能把{ORDER}和{ORDER_2}合并发货吗？",
        "关于{TICKET}，换的新机还是充不进电",
        "快递单号{ORDER_ID}三天没更新了",
        "物流单号{ORDER_ID}查不到，是不是丢件了",
        "订单号：{ORDER_ID}，一直显示待发货",
        "我的订单编号是{ORDER_ID}，麻烦帮我取消",
        "交易流水号{ORDER_ID}扣了两次款",
        "发票号码{ORDER_ID}开错了，能重开吗？",
        "退货单号 {ORDER_ID}，退款还没到账",
        "运单号{ORDER_ID}显示已签收，可是我没收到",
        "订单{ORDER_ID}，收件人电话{PHONE}",
        "姓名张伟，电话{PHONE}，邮箱{EMAIL}，订单{ORDER}",
        "有进展请联系{EMAIL}或者打{PHONE}，工单{TICKET}",
        "{CARD}被扣款了，但订单{ORDER}显示已取消",
        "用{EMAIL}从{IP}登录后账号被锁",
        "退款打到{IBAN}，有问题发邮件到{EMAIL}",
        "身份证{ID}，手机{PHONE}，请帮我更新实名信息",
        "链接{URL}被误发到{EMAIL}了",
        "电话{PHONE}，付款卡号{CARD}",
    ],
    "zh-Hant": [
        "您好，我一直沒收到確認信，信箱是{EMAIL}，麻煩再寄一次。",
        "請把帳號的電子郵件改成{EMAIL}，舊的已經停用了。",
        "發票可以寄到{EMAIL}嗎？謝謝",
        "我是用{EMAIL}註冊的，可是登入顯示帳號不存在",
        "退款通知請寄到：{EMAIL}",
        "重設密碼的信寄到{EMAIL}都收不到，是不是被擋了？",
        "聯絡信箱 {EMAIL}",
        "幫我查一下{EMAIL}這個帳號是不是被停權",
        "麻煩幫我查一下訂單，電話{PHONE}",
        "我的手機是{PHONE}，謝謝",
        "物流聯絡不到我，手機號碼改成{PHONE}了",
        "收件人：陳小姐 {PHONE}，請盡快配送",
        "簡訊驗證碼一直收不到，門號{PHONE}",
        "請客服回電：{PHONE}，下午三點後都可以",
        "我換號碼了，新的是{PHONE}",
        "公司電話{PHONE}，找會計部林小姐",
        "有問題可以直接打{PHONE}找我",
        "我人在香港，聯絡電話{PHONE}",
        "顧客來電{PHONE}詢問退款進度",
        "師傅到之前先打給我 {PHONE}",
        "我的信用卡{CARD}被重複扣款，請退一筆",
        "用卡號{CARD}付款一直失敗",
        "退款是退到哪張卡？我付款用的是{CARD}",
        "請幫我移除信用卡 {CARD}，已經停卡了",
        "卡號：{CARD}，有效期限 12/28，剛剛顯示交易失敗",
        "我沒有下這筆訂單，為什麼{CARD}被刷了？",
        "尾款請從{CARD}扣",
        "這張{CARD}綁定不了，一直說卡號錯誤",
        "我住在荷蘭，退款請匯到 IBAN {IBAN}",
        "收款帳戶 IBAN：{IBAN}，戶名林美玲",
        "匯款到{IBAN}被退回，麻煩確認一下",
        "換銀行了，新的 IBAN 是 {IBAN}",
        "退款還沒入帳，帳戶是{IBAN}",
        "佣金可以直接匯到{IBAN}嗎？",
        "大陸居民身分證號碼{ID}，清關用",
        "實名認證一直失敗，身分證號{ID}",
        "我的身分證{ID}被別人拿去註冊，怎麼處理？",
        "報關需要收件人身分證：{ID}",
        "證件號碼 {ID}，麻煩盡快審核",
        "為什麼顯示{ID}已經綁定其他帳號？",
        "身分證字號{ID}，姓名陳雅婷",
        "補上身分證號碼：{ID}",
        "登入一直被擋，我的IP是{IP}",
        "昨晚有來自{IP}的登入，不是我本人",
        "API 從{IP}呼叫一直回 403",
        "公司伺服器{IP}連不到你們的同步服務",
        "請把{IP}加入白名單",
        "後台顯示登入IP：{IP}",
        "重設密碼連結{URL}打開說已經過期",
        "點這個連結{URL}一直出現錯誤",
        "收到一封信要我點{URL}，是你們寄的嗎？",
        "客服給我的連結：{URL} 打不開",
        "取消訂閱連結{URL}沒有用",
        "下載收據的連結 {URL} 又要我重新登入",
        "訂單{ORDER}一個禮拜了還沒出貨",
        "我的訂單編號是{ORDER}，收到的商品有瑕疵",
        "麻煩取消訂單{ORDER}，下錯了",
        "客服單{TICKET}一直沒有回覆",
        "跟{TICKET}是一樣的問題，還是沒解決",
        "{ORDER}退款已經核准，但還沒收到錢",
        "{ORDER}跟{ORDER_2}可以合併出貨嗎？",
        "關於{TICKET}，換的新機還是不能充電",
        "物流單號{ORDER_ID}還查不到",
        "訂單編號 {ORDER_ID} 還沒出貨",
        "交易編號{ORDER_ID}重複扣款，請退一筆",
        "發票號碼 {ORDER_ID} 的抬頭打錯了",
        "我的訂單號碼是{ORDER_ID}，請幫我取消",
        "運單號碼：{ORDER_ID}，顯示已送達但我沒收到",
        "退貨單號{ORDER_ID}的退款還沒入帳",
        "訂單{ORDER_ID}，手機{PHONE}",
        "姓名陳小姐，電話{PHONE}，信箱{EMAIL}，訂單{ORDER}",
        "有進度請寄信到{EMAIL}或打{PHONE}，案件{TICKET}",
        "{CARD}被扣款，可是訂單{ORDER}顯示已取消",
        "用{EMAIL}從{IP}登入後帳號被鎖",
        "退款匯到{IBAN}，有問題請寄{EMAIL}",
        "身分證{ID}，手機{PHONE}，請更新實名資料",
        "連結{URL}被誤寄到{EMAIL}",
        "電話{PHONE}，付款卡號{CARD}",
    ],
    "th": [
        "สวัสดีค่ะ ไม่ได้รับอีเมลยืนยันเลย อีเมลคือ {EMAIL} รบกวนส่งใหม่อีกครั้งนะคะ",
        "ขอเปลี่ยนอีเมลในบัญชีเป็น {EMAIL} ครับ อันเก่าใช้ไม่ได้แล้ว",
        "ส่งใบกำกับภาษีไปที่{EMAIL}ได้ไหมคะ",
        "สมัครด้วย {EMAIL} แต่ล็อกอินไม่ได้ บอกว่าไม่มีบัญชีนี้",
        "แจ้งคืนเงินทางอีเมล{EMAIL}ค่ะ",
        "อีเมลรีเซ็ตรหัสผ่านส่งไป {EMAIL} แต่ไม่ได้รับเลยครับ",
        "ติดต่อกลับทางอีเมล {EMAIL} ได้เลยค่ะ",
        "ช่วยเช็คบัญชี{EMAIL}หน่อยครับ โดนระงับหรือเปล่า",
        "โทร {PHONE} ได้เลยค่ะ",
        "เบอร์{PHONE}ค่ะ",
        "ขนส่งติดต่อไม่ได้ เบอร์ใหม่คือ {PHONE} นะครับ",
        "ผู้รับ: คุณนภา {PHONE} ฝากส่งด่วนด้วยค่ะ",
        "ไม่ได้รับ SMS OTP ที่เบอร์ {PHONE} เลยค่ะ",
        "รบกวนให้เจ้าหน้าที่โทรกลับที่{PHONE}หลังบ่ายสามโมงครับ",
        "เปลี่ยนเบอร์แล้วค่ะ เบอร์ใหม่ {PHONE}",
        "เบอร์ออฟฟิศ {PHONE} ติดต่อฝ่ายบัญชีค่ะ",
        "มีอะไรโทรหาผมได้ที่ {PHONE} ครับ",
        "ไลน์ใช้เบอร์เดียวกันค่ะ {PHONE}",
        "ลูกค้าโทรมาจาก{PHONE} สอบถามเรื่องคืนเงิน",
        "ช่างจะเข้ามาก่อนโทรหาที่เบอร์{PHONE}นะคะ",
        "บัตรเครดิต {CARD} โดนตัดเงินสองครั้งค่ะ รบกวนคืนเงินหนึ่งรายการ",
        "จ่ายด้วยบัตร{CARD}ไม่ผ่านเลยครับ ทั้งที่มีเงินในบัตร",
        "คืนเงินเข้าบัตรไหนคะ ตอนจ่ายใช้ {CARD}",
        "ช่วยลบบัตร {CARD} ออกจากบัญชีด้วยครับ บัตรหมดอายุแล้ว",
        "เลขบัตร: {CARD} หมดอายุ 12/28 เมื่อกี้ขึ้นว่าชำระเงินไม่สำเร็จ",
        "ไม่ได้สั่งของเลย ทำไมบัตร{CARD}ถูกตัดเงินคะ",
        "ยอดที่เหลือตัดจากบัตร {CARD} ได้เลยค่ะ",
        "ผูกบัตร{CARD}ไม่ได้ ขึ้นว่าเลขบัตรผิด",
        "ตอนนี้อยู่เยอรมนีค่ะ คืนเงินเข้า IBAN {IBAN} นะคะ",
        "บัญชีรับเงิน IBAN: {IBAN} ชื่อบัญชี Somchai K.",
        "โอนไปที่ {IBAN} แล้วเงินเด้งกลับ ช่วยตรวจสอบหน่อยครับ",
        "เปลี่ยนธนาคารแล้ว IBAN ใหม่คือ {IBAN}",
        "ยังไม่ได้รับเงินคืนเข้าบัญชี {IBAN} เลยค่ะ",
        "ค่าคอมมิชชั่นโอนเข้า {IBAN} แทนได้ไหมครับ",
        "ยืนยันตัวตนไม่ผ่าน เลขบัตรประชาชน {ID} ค่ะ",
        "เลขประจำตัวประชาชน{ID}ครับ",
        "มีคนเอาเลขบัตร {ID} ของดิฉันไปสมัครบัญชี ทำยังไงดีคะ",
        "ใบกำกับภาษีต้องใส่เลขประจำตัวผู้เสียภาษี {ID} ค่ะ",
        "เลขบัตร ปชช. {ID} ชื่อ นายสมชาย ใจดี",
        "ทำไมขึ้นว่าเลข {ID} ถูกใช้ไปแล้วครับ",
        "ลงทะเบียนซิมต้องใช้เลขบัตรประชาชนด้วยเหรอคะ ของหนูคือ{ID}",
        "แก้เลขบัตรในใบเสร็จเป็น {ID} ให้หน่อยครับ",
        "เข้าระบบไม่ได้ โดนบล็อก IP {IP} ค่ะ",
        "มีการล็อกอินจาก {IP} ตอนตีสอง ไม่ใช่ผมครับ",
        "เรียก API จาก {IP} แล้วได้ 403 ตลอด",
        "เซิร์ฟเวอร์บริษัท {IP} ต่อเข้าระบบซิงค์ไม่ได้ค่ะ",
        "ช่วยเพิ่ม {IP} ในไวท์ลิสต์ให้หน่อยครับ",
        "ในหน้าแอดมินขึ้น IP {IP} คือที่ไหนคะ",
        "ลิงก์รีเซ็ตรหัสผ่าน {URL} กดแล้วขึ้นว่าหมดอายุค่ะ",
        "กดลิงก์{URL}แล้วขึ้น error 500 ครับ",
        "ได้อีเมลให้กด {URL} เป็นของบริษัทจริงไหมคะ",
        "ลิงก์ที่แอดมินส่งมา {URL} เปิดไม่ได้ครับ",
        "ลิงก์ยกเลิกรับข่าวสาร {URL} ใช้ไม่ได้ ยังได้รับอีเมลอยู่",
        "ลิงก์ดาวน์โหลดใบเสร็จ {URL} ให้ล็อกอินใหม่อีกแล้วค่ะ",
        "คำสั่งซื้อ {ORDER} ผ่านไปอาทิตย์นึงแล้วยังไม่ส่งเลยค่ะ",
        "เลขออเดอร์{ORDER}ค่ะ ของที่ได้รับแตกมา",
        "รบกวนยกเลิกออเดอร์ {ORDER} สั่งผิดครับ",
        "ทิกเก็ต {TICKET} ยังไม่มีใครตอบเลยค่ะ",
        "ปัญหาเดียวกับ {TICKET} ยังไม่ได้แก้ครับ",
        "ออเดอร์ {ORDER} อนุมัติคืนเงินแล้วแต่ยังไม่ได้เงิน",
        "รวมส่ง {ORDER} กับ {ORDER_2} ได้ไหมคะ",
        "เรื่อง {TICKET} เครื่องที่เปลี่ยนให้ก็ยังชาร์จไม่เข้าครับ",
        "เลขพัสดุ {ORDER_ID} ไม่อัปเดตเลยค่ะ",
        "ขนส่งแจ้งว่าเลขพัสดุ {ORDER_ID} ค้างที่ศูนย์",
        "ออเดอร์ {ORDER_ID} ยังไม่ได้รับของเลยค่ะ",
        "เลขคำสั่งซื้อ{ORDER_ID}ค่ะ รบกวนยกเลิกให้หน่อย",
        "ใบเสร็จเลขที่ {ORDER_ID} ชื่อผิดครับ",
        "หมายเลขธุรกรรม {ORDER_ID} โดนตัดเงินสองรอบค่ะ",
        "เลขติดตามพัสดุ {ORDER_ID} ขึ้นว่าส่งแล้วแต่ยังไม่ได้รับ",
        "ออเดอร์ {ORDER_ID} เบอร์ติดต่อ {PHONE} ค่ะ",
        "ชื่อ นภา โทร {PHONE} อีเมล {EMAIL} ออเดอร์ {ORDER} ค่ะ",
        "มีความคืบหน้าแจ้งที่ {EMAIL} หรือโทร {PHONE} นะครับ เรื่อง {TICKET}",
        "บัตร {CARD} โดนตัดเงิน แต่ออเดอร์ {ORDER} ขึ้นว่ายกเลิกแล้ว",
        "ล็อกอินด้วย {EMAIL} จาก {IP} แล้วบัญชีโดนล็อก",
        "คืนเงินเข้า {IBAN} สอบถามเพิ่มเติมที่ {EMAIL} ค่ะ",
        "เลขบัตรประชาชน {ID} เบอร์ {PHONE} อัปเดตข้อมูลให้ด้วยครับ",
        "ลิงก์ {URL} ส่งไปที่ {EMAIL} ผิดคนค่ะ",
        "เบอร์{PHONE} จ่ายด้วยบัตร{CARD}ค่ะ",
    ],
}

# Look-alikes that must come back unchanged: dates, times, prices, quantities, short numbers,
# model and product codes, postal codes, versions and plain help links.
NEGATIVES: dict[str, list[str]] = {
    "en": [
        "My order 3 of 5 hasn't arrived yet.",
        "Delivered on 2026-11-20 but the box was empty.",
        "I paid $19.99 for the case and $5.00 shipping.",
        "The iPhone 15 Pro case doesn't fit, I need the one for iPhone 15.",
        "SKU-12345 is out of stock again, any date for restock?",
        "My RTX4090 arrived with a bent pin.",
        "The order was placed on 20/11/2026 at 14:30.",
        "Can I return 2 of the 3 items?",
        "Invoice total was $1,249.00 including tax.",
        "Postal code 10110, Bangkok, is that in your delivery zone?",
        "ZIP 94105-1234 is not accepted at checkout.",
        "The firmware 2.3.14 update bricked my router.",
        "Model A2849 battery drains in 4 hours.",
        "Help article: https://help.example.com/articles/returns-policy",
        "Samsung Galaxy S24 Ultra 512GB, colour titanium grey.",
        "I bought 12 packs and only 10 arrived.",
        "It costs 1,299 baht on your site but 1,099 in the store.",
        "Warranty until 2028, bought in November 2025.",
        "The 55-inch TV (model QA55QN90C) has a dead pixel line.",
        "Installation booked for 11/25/2026 10:00-11:30.",
        "Discount code SAVE20 gave me only 10% off.",
        "I waited 45 minutes on hold.",
        "Battery is 5000mAh but lasts less than a day.",
        "Windows version 10.0.19045.3693 shows the error.",
        "Order #3 and #4 were merged, fine by me.",
        "Page 2 of the manual, step 7 fails.",
        "Room 1203, floor 12, building B.",
        "The price went from EUR 49.90 to EUR 59.90 overnight.",
        "Delivery window 2026.12.01 - 2026.12.03 please.",
        "The book ISBN 978-0-306-40615-7 came with a torn cover.",
        "Gift card code 1234-5678-9012 says already redeemed.",
        "Serial number SN 2023 1120 0001 is on the warranty card.",
        "Windows version 10.0.19045.3693 after the update, still crashing.",
        "Barcode on the box reads 6901234567892, is that the right product?",
    ],
    "zh-Hans": [
        "我的第3个订单还没到",
        "2026年11月20日下单的，到现在还没发货",
        "这个手机壳¥299太贵了，能便宜点吗？",
        "买了3件只到了2件",
        "iPhone 15的壳能不能用在iPhone 15 Pro上？",
        "RTX4090显卡到货时包装破损",
        "邮编100080能送货吗？",
        "2026-11-20 14:30 下的单",
        "优惠券满300减50怎么用？",
        "型号XR-2000的说明书在哪里下载？",
        "固件版本2.3.14升级后连不上网",
        "价格从1,299元降到999元了，能补差价吗？",
        "双十一买的，11.11 当天付款",
        "保修期到2028年",
        "SKU-12345什么时候补货？",
        "第2步总是报错",
        "等了45分钟客服都没接",
        "帮助文档 https://help.example.cn/faq/returns 里没写清楚",
        "充电宝10000毫安，充不满",
        "订单3和订单4能一起发吗？",
        "小米14 Ultra 16GB+512GB 什么时候有货",
        "12月1日到12月3日之间能送到吗？",
        "退了¥1,299.00，只收到¥1,099.00",
        "我在3楼，1203室",
        "华为Mate 60 Pro的屏幕闪烁",
        "2025年买的，用了不到一年",
        "空调1.5匹的和2匹的有什么区别？",
        "运费12元是不是收多了",
        "发票日期20261120，抬头写错了",
        "条形码6901234567892和页面上的不一样",
        "兑换码 2468-1357-9024 提示已使用",
        "这本书ISBN 978-7-111-54742-6 缺页了",
    ],
    "zh-Hant": [
        "我的第3筆訂單還沒到",
        "2026年11月20日下單，到現在還沒出貨",
        "這個殼NT$1,290太貴了",
        "買了3件只收到2件",
        "iPhone 15的保護殼可以用在iPhone 15 Pro嗎？",
        "RTX4090顯示卡收到時外箱破損",
        "郵遞區號106可以配送嗎？",
        "2026/11/20 14:30 下的訂單",
        "滿千送百的優惠怎麼用？",
        "型號XR-2000的說明書在哪裡下載？",
        "韌體版本2.3.14更新後就連不上網",
        "HK$388 的月費方案包含什麼？",
        "雙十一買的，11/11 當天付款",
        "保固到2028年",
        "SKU-12345什麼時候補貨？",
        "等了45分鐘客服都沒接",
        "說明頁 https://help.example.com.tw/zh-TW/articles/shipping 沒寫清楚",
        "行動電源10000mAh充不滿",
        "訂單3和訂單4可以一起寄嗎？",
        "Pixel 8 Pro 256GB 什麼時候有貨",
        "12月1日到12月3日之間可以送到嗎？",
        "退了NT$2,990，只收到NT$2,490",
        "我住在12樓之3",
        "民國115年11月20日開的發票",
        "統一編號 24536806 可以打在發票上嗎？",
        "冷氣1.5噸跟2噸差在哪？",
        "運費60元是不是多收了",
        "第2步一直出現錯誤代碼 E-1024",
        "港幣 1,000 元的禮券可以分次用嗎？",
        "預購的 PS5 Pro 說 2026.12.05 到貨",
        "兌換碼 1357-2468-0000 顯示已使用",
        "App 版本 3.2.1.15 閃退",
    ],
    "th": [
        "ออเดอร์ที่ 3 ยังไม่ได้รับค่ะ",
        "สั่งวันที่ 20/11/2569 ยังไม่ได้ของเลยค่ะ",
        "ราคา ฿1,290.00 แพงกว่าหน้าร้านนะครับ",
        "สั่ง 3 ชิ้นได้มา 2 ชิ้นค่ะ",
        "เคส iPhone 15 ใส่กับ iPhone 15 Pro ได้ไหมคะ",
        "การ์ดจอ RTX4090 กล่องบุบมาครับ",
        "รหัสไปรษณีย์ 10110 ส่งได้ไหมครับ",
        "วันที่ 2026-11-20 เวลา 14:30 สั่งไปค่ะ",
        "โค้ดลด 100 บาทเมื่อซื้อครบ 1,000 ใช้ยังไงคะ",
        "รุ่น XR-2000 มีคู่มือภาษาไทยไหมครับ",
        "อัปเดตเฟิร์มแวร์ 2.3.14 แล้วเน็ตหลุดค่ะ",
        "ประกันถึงปี 2571 ใช่ไหมคะ",
        "SKU-12345 จะมีของเข้าเมื่อไหร่ครับ",
        "รอสายนาน 45 นาทีค่ะ",
        "ดูวิธีคืนสินค้าที่ https://help.example.co.th/th/returns แล้วแต่ไม่เข้าใจ",
        "พาวเวอร์แบงค์ 10000mAh ชาร์จไม่เต็มครับ",
        "ออเดอร์ 3 กับ 4 ส่งรวมกันได้ไหมคะ",
        "ส่งภายในวันที่ 1-3 ธันวาคมได้ไหมครับ",
        "คืนเงิน 2,990 บาท ได้มาแค่ 2,490 บาทค่ะ",
        "อยู่ชั้น 12 ห้อง 1203 ค่ะ",
        "แอร์ 12000 BTU กับ 18000 BTU ต่างกันยังไงครับ",
        "ค่าส่ง 60 บาทแพงไปไหมคะ",
        "ขั้นตอนที่ 2 ขึ้น error E-1024 ครับ",
        "ซื้อตอน 11.11 จ่ายเงินวันนั้นเลยค่ะ",
        "Samsung Galaxy A55 5G 8/256 มีสีอะไรบ้างคะ",
        "ทีวี 55 นิ้ว รุ่น QA55QN90C จอมีเส้นครับ",
        "ใช้มา 2 ปี แบตเหลือ 80%",
        "เวลาทำการ 08:30-17:30 น. ใช่ไหมคะ",
        "สั่งวันที่ ๒๐/๑๑/๒๕๖๙ ราคา ๑,๒๙๐ บาทค่ะ",
        "บาร์โค้ดข้างกล่อง 8850999220017 ไม่ตรงกับในเว็บค่ะ",
        "เวอร์ชันแอป 5.12.0.3 เปิดไม่ขึ้นครับ",
    ],
}

SLOT = re.compile(r"\{([A-Z]+(?:_[A-Z]+)*)(?:_\d)?\}")


def build() -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    phone_cycle = {lang: 0 for lang in LANGS}

    def value(kind: str, lang: str) -> str:
        if kind == "PHONE":
            formats = PHONE_FORMATS[lang]
            phone_cycle[lang] += 1
            return formats[phone_cycle[lang] % len(formats)]()
        return GEN[kind](lang)

    def sentence(template: str, lang: str) -> dict[str, object]:
        spans: list[dict[str, str]] = []

        def fill(m: re.Match[str]) -> str:
            v = value(m.group(1), lang)
            spans.append({"type": m.group(1), "value": v})
            return v

        return {"text": SLOT.sub(fill, template), "lang": lang, "spans": spans}

    positives = [
        sentence(template, lang)
        for lang in LANGS
        for template in TEMPLATES[lang]
        for _ in range(2 if SLOT.findall(template) == ["PHONE"] else 1)
    ]
    negatives = [{"text": t, "lang": lang} for lang in LANGS for t in NEGATIVES[lang]]
    return positives, negatives


def write(path: Path, rows: list[dict[str, object]]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    pos, neg = build()
    write(HERE / "positives.jsonl", pos)
    write(HERE / "negatives.jsonl", neg)
    print(f"{len(pos)} positives, {len(neg)} negatives")
