"""Redaction quality and speed on the test corpus: ``python bench/bench_redact.py``.

Prints recall per mask type (a span counts when its value is gone from the output and a mask
of its type is there), the false-positive rate on the look-alike sentences, and single-core
throughput on the whole corpus, so a change to a detector shows its cost in one run.

``--seeds N`` also re-draws every value with N other seeds of make_corpus.py: the sentences
were written next to the detectors, so fresh numbers are the nearest thing to held-out data
(it caught IPv6 after a full-width colon and all-letter tracking tokens; the misses left are
13-digit Visa numbers that also pass the Thai id checksum, masked as <ID>).

It also draws order-number cases (``ORDER_TEMPLATES`` below, no configured patterns): order,
transaction, tracking, invoice and reference numbers after their words in four languages, some
shaped like phone numbers, and phone numbers next to order words. For each value it reports
whether it came out with the right mask, another mask (an order number called ``<PHONE>``, a
phone called ``<ORDER_ID>``, a random order number that passes a card or id checksum) or was
left visible. The same is reported for messaging-app ids (``<CONTACT_ID>``: LINE, WeChat, QQ,
旺旺, Telegram handles after the app's name) and parcel codes (``<ORDER_ID>``: after a carrier or
tracking word, or alone in a carrier's own format), with values drawn from a seeded generator,
and for bank account numbers (``<ACCOUNT_ID>``: after account words or a bank's name, next to
phone numbers, PromptPay ids and order numbers that must keep their own types), and for postal
addresses (``<ADDRESS>`` in the four languages' formats, with phones after them; the output
must equal the sentence with only the values masked, and address look-alikes must stay as
written). ``--real [DIR]`` counts the shared real question sets' texts that get an
``<ADDRESS>`` and prints them: real questions carry almost none, so each hit is to be checked.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kbgen.privacy.redact import Redactor  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "redaction"


def load(name: str) -> list[dict]:
    with (CORPUS / name).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def recall(redactor: Redactor, rows: list[dict]) -> tuple[Counter[str], Counter[str], list[str]]:
    hits: Counter[str] = Counter()
    total: Counter[str] = Counter()
    misses: list[str] = []
    for row in rows:
        out = redactor.redact(row["text"]).text
        for span in row["spans"]:
            total[span["type"]] += 1
            if span["value"] not in out and f"<{span['type']}>" in out:
                hits[span["type"]] += 1
            else:
                misses.append(f"  {span['type']:7} {span['value']!r} -> {out}")
    return hits, total, misses


def make_corpus() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_corpus", CORPUS / "make_corpus.py")
    assert spec and spec.loader
    corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(corpus)
    return corpus


def redrawn(redactor: Redactor, seeds: int) -> None:
    corpus = make_corpus()
    rows: list[dict] = []
    for seed in range(1, seeds + 1):
        corpus.rng.seed(seed)
        rows += corpus.build()[0]
    hits, total, misses = recall(redactor, rows)
    print(f"re-drawn values, {seeds} seeds, {len(rows)} sentences:")
    for kind in sorted(total):
        print(f"{kind:8}{hits[kind] / total[kind]:>9.2%}{hits[kind]:>8}{total[kind]:>7}")
    for line in misses[:20]:
        print("miss", line)


ORDER_TEMPLATES: dict[str, list[str]] = {
    "en": [
        "Where is my order {ORDER_ID}? It's been two weeks.",
        "I need help canceling purchase {ORDER_ID}",
        "Transaction ID {ORDER_ID} was charged twice.",
        "Tracking number: {ORDER_ID}, the courier says delivered.",
        "Please send me a copy of invoice {ORDER_ID}.",
        "My booking reference is {ORDER_ID}",
        "Following up on case {ORDER_ID} from last week",
        "Refund for order no. {ORDER_ID} never arrived, please call {PHONE}.",
        "Order {ORDER_ID}: the courier could not reach me on {PHONE}",
        "My phone is {PHONE} and the receipt number is {ORDER_ID}.",
        "Question about my order, mobile {PHONE}",
    ],
    "zh-Hans": [
        "订单号{ORDER_ID}一直没发货",
        "我的订单编号是 {ORDER_ID}，麻烦查一下",
        "交易流水号：{ORDER_ID}，扣了两次款",
        "快递单号 {ORDER_ID} 三天没更新",
        "发票号码{ORDER_ID}开错了",
        "退货单号{ORDER_ID}，退款还没到",
        "订单{ORDER_ID}，收件人电话{PHONE}",
        "手机{PHONE}，订单号{ORDER_ID}",
        "订单有问题请打我电话{PHONE}",
    ],
    "zh-Hant": [
        "訂單編號 {ORDER_ID} 還沒出貨",
        "交易編號{ORDER_ID}重複扣款",
        "運單號碼：{ORDER_ID}查不到",
        "發票號碼 {ORDER_ID} 的抬頭打錯了",
        "我的訂單號碼是{ORDER_ID}，請幫我取消",
        "訂單{ORDER_ID}，手機{PHONE}",
        "訂單有問題請打{PHONE}給我",
    ],
    "th": [
        "ออเดอร์ {ORDER_ID} ยังไม่ได้รับค่ะ",
        "เลขคำสั่งซื้อ{ORDER_ID}ค่ะ",
        "เลขพัสดุ {ORDER_ID} ไม่อัปเดตเลย",
        "ใบเสร็จเลขที่ {ORDER_ID} ชื่อผิดครับ",
        "หมายเลขธุรกรรม {ORDER_ID} โดนตัดเงินสองรอบ",
        "ออเดอร์ {ORDER_ID} เบอร์ติดต่อ {PHONE} ค่ะ",
        "ออเดอร์มีปัญหา โทร {PHONE} ได้เลยครับ",
    ],
}


def order_number(rng: random.Random) -> str:
    """Shapes seen in exports: plain runs, phone-shaped runs, carrier and shop codes, "#"."""

    def digits(n: int) -> str:
        return "".join(rng.choice("0123456789") for _ in range(n))

    letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
    return rng.choice(
        [
            lambda: str(rng.randint(1, 9)) + digits(rng.randint(7, 19)),
            lambda: "0" + rng.choice("689") + digits(8),  # a Thai mobile's shape
            lambda: "1" + rng.choice("3589") + digits(9),  # a Chinese mobile's shape
            lambda: rng.choice(["SF", "JD", "YT", "SL", "TX", "KEX"]) + digits(rng.randint(7, 13)),
            lambda: rng.choice(["EX", "RB", "EE"]) + digits(9) + rng.choice(["TH", "CN", "TW"]),
            lambda: (
                "1Z" + "".join(rng.choice(letters + "0123456789") for _ in range(6)) + digits(10)
            ),
            lambda: f"INV-{rng.randint(2020, 2026)}-{digits(5)}",
            lambda: f"{rng.choice(letters)}{digits(2)}-{digits(5)}",
            lambda: f"{digits(3)}-{digits(7)}-{digits(7)}",
            lambda: "#" + str(rng.randint(1, 9)) + digits(rng.randint(5, 9)),
            lambda: "#" + rng.choice(["SL", "OD", "A"]) + digits(7),
        ]
    )()


def filled(
    templates: dict[str, list[str]], draws: int, value: Callable[[str, str], tuple[str, str]]
) -> list[dict]:
    """Each template `draws` times with every ``{KIND}`` slot filled by ``value(kind, lang)``,
    which returns the mask type the value should get and the value. A row holds the text, its
    language, the planted spans and the text as it should read once masked."""
    rows = []
    for lang, lang_templates in templates.items():
        for template in lang_templates:
            for _ in range(draws):
                parts = re.split(r"\{([A-Z_]+)\}", template)
                expected = list(parts)
                spans: list[dict] = []
                for i in range(1, len(parts), 2):
                    kind, parts[i] = value(parts[i], lang)
                    expected[i] = f"<{kind}>"
                    spans.append({"type": kind, "value": parts[i]})
                rows.append(
                    {
                        "text": "".join(parts),
                        "lang": lang,
                        "spans": spans,
                        "expected": "".join(expected),
                    }
                )
    return rows


def order_cases(draws: int) -> list[dict]:
    corpus = make_corpus()
    corpus.rng.seed(10)
    rng = random.Random(10)

    def value(kind: str, lang: str) -> tuple[str, str]:
        if kind == "ORDER_ID":
            return kind, order_number(rng)
        return kind, rng.choice(corpus.PHONE_FORMATS[lang])()

    return filled(ORDER_TEMPLATES, draws, value)


def order_report(redactor: Redactor, draws: int) -> None:
    """Right mask, another mask or visible, per type, for values in order-number sentences."""
    rows = order_cases(draws)
    print(f"order-number cases: {len(rows)} sentences, 4 languages, no configured patterns")
    typed_report(redactor, rows, "order case")


def typed_report(redactor: Redactor, rows: list[dict], label: str) -> None:
    outcome: dict[str, Counter[str]] = {}
    wrong: list[str] = []
    for row in rows:
        result = redactor.redact(row["text"])
        expected = Counter(span["type"] for span in row["spans"])
        for span in row["spans"]:
            kind = span["type"]
            outcome.setdefault(kind, Counter())
            if span["value"] in result.text:
                verdict = "visible"
            elif result.counts.get(kind, 0) >= expected[kind]:
                verdict = "right"
            else:
                verdict = "other"
            outcome[kind][verdict] += 1
            if verdict != "right":
                wrong.append(f"  {kind:10} {verdict:7} {span['value']!r} -> {result.text}")
    print(f"{'type':11}{'right':>8}{'other':>8}{'visible':>9}{'spans':>7}")
    for kind, seen in outcome.items():
        n = sum(seen.values())
        print(
            f"{kind:11}{seen['right'] / n:>8.1%}{seen['other'] / n:>8.1%}"
            f"{seen['visible'] / n:>9.1%}{n:>7}"
        )
    for line in wrong:
        print(label, line)


CONTACT_TEMPLATES: dict[str, list[str]] = {
    "en": [
        "Add me on LINE: {CONTACT_ID}",
        "my WeChat ID is {CONTACT_ID}, please message me",
        "Telegram {HANDLE} - I sent the screenshots there",
        "QQ {QQ} if email fails",
        "LINE ID {CONTACT_ID} (the app crashes when I pay)",
        "whatsapp me, id {CONTACT_ID}",
        "tracking number {ORDER_ID} still not moving",
        "Kerry {ORDER_ID} hasn't arrived",
        "my parcel {SHAPE} says delivered but nothing came",
    ],
    "zh-Hans": [
        "加我微信 {CONTACT_ID}",
        "微信号：{CONTACT_ID}，麻烦联系我",
        "QQ号 {QQ} 找我",
        "扣扣{QQ}",
        "旺旺ID：{CONTACT_ID}",
        "{WXID} 是我的微信",
        "极兔{ORDER_ID}三天没更新",
        "中通快递 {DIGITS} 还没到",
        "物流单号 {DIGITS} 查不到",
        "快递 {SHAPE} 显示签收了但我没收到",
    ],
    "zh-Hant": [
        "LINE ID: {CONTACT_ID}",
        "加我LINE：{CONTACT_ID}",
        "我的微信是「{CONTACT_ID}」",
        "黑貓單號 {DIGITS} 一直沒更新",
        "宅急便 {DIGITS} 查不到",
        "{SHAPE} 這個包裹到哪了",
    ],
    "th": [
        "ไลน์ไอดี {CONTACT_ID}",
        "แอดไลน์ {HANDLE} นะคะ",
        "ไอดีไลน์คือ {CONTACT_ID} ค่ะ",
        "Kerry {ORDER_ID} ยังไม่มาเลย",
        "Flash {SHAPE} ค่ะ",
        "เลขพัสดุ {ORDER_ID} ไม่อัปเดต",
        "เลขแทร็ค {SHAPE} ครับ",
        "J&T {DIGITS} ยังไม่ได้รับ",
        "ของยังไม่ถึง {SHAPE} ช่วยเช็คให้หน่อย",
    ],
}
# What each placeholder holds, and the mask it must get.
_CONTACT_KINDS = {
    "CONTACT_ID": "CONTACT_ID",
    "HANDLE": "CONTACT_ID",
    "QQ": "CONTACT_ID",
    "WXID": "CONTACT_ID",
    "ORDER_ID": "ORDER_ID",
    "DIGITS": "ORDER_ID",
    "SHAPE": "ORDER_ID",
}


def contact_value(kind: str, rng: random.Random) -> str:
    """Handles people choose (letters with digits, dots, underscores), QQ numbers, wxid_ ids,
    carrier-shaped tracking codes and carriers' digit-only numbers."""

    def digits(n: int) -> str:
        return "".join(rng.choice("0123456789") for _ in range(n))

    def letters(n: int) -> str:
        return "".join(rng.choice("abcdefghijkmnopqrstuvwxyz") for _ in range(n))

    upper = "ABCDEFGHJKLMNPRSTUVWXYZ"
    shapes = [
        lambda: rng.choice(["EF", "EE", "RB", "RR", "CP", "LX"]) + digits(9) + "TH",
        lambda: "KEX" + digits(rng.randint(9, 12)) + rng.choice(["", "TH"]),
        lambda: "KERTH" + digits(10),
        lambda: "TH" + digits(10) + rng.choice(upper),
        lambda: rng.choice(["SF", "JT", "YT"]) + digits(13),
        lambda: "SPXTH" + digits(12),
        lambda: "1Z" + "".join(rng.choice(upper + "0123456789") for _ in range(6)) + digits(10),
    ]
    handles = [
        lambda: f"{letters(rng.randint(4, 8))}{digits(rng.randint(2, 4))}",
        lambda: f"{letters(rng.randint(4, 7))}.{letters(1)}{digits(2)}",
        lambda: f"{letters(rng.randint(3, 6))}_{digits(rng.randint(3, 6))}",
        lambda: f"{letters(rng.randint(3, 6))}-{digits(3)}",
        lambda: f"@{letters(rng.randint(3, 6))}{digits(3)}",
    ]
    return {
        "CONTACT_ID": lambda: rng.choice(handles)(),
        "HANDLE": lambda: rng.choice(handles[:1] + handles[2:])(),
        "QQ": lambda: str(rng.randrange(10_000, 3_000_000_000)),
        "WXID": lambda: f"wxid_{letters(2)}{digits(rng.randint(2, 10))}{letters(2)}",
        "ORDER_ID": lambda: rng.choice(shapes)(),
        "DIGITS": lambda: str(rng.randint(1, 9)) + digits(rng.randint(11, 14)),
        "SHAPE": lambda: rng.choice(shapes)(),
    }[kind]()


def contact_cases(draws: int) -> list[dict]:
    rng = random.Random(11)
    return filled(
        CONTACT_TEMPLATES, draws, lambda kind, _: (_CONTACT_KINDS[kind], contact_value(kind, rng))
    )


def contact_report(redactor: Redactor, draws: int) -> None:
    rows = contact_cases(draws)
    print(f"messaging-app ids and parcel codes: {len(rows)} sentences, 4 languages")
    typed_report(redactor, rows, "contact case")


ACCOUNT_TEMPLATES: dict[str, list[str]] = {
    "en": [
        "Please refund to my bank account {ACCOUNT}",
        "account number: {ACCOUNT}, holder J. Smith",
        "A/C no. {ACCOUNT} (KBank)",
        "HSBC {ACCOUNT} - the refund never arrived",
        "refund to account {ACCOUNT} please, or call {PHONE}",
        "Order {ORDER_ID} was paid from acct no. {ACCOUNT}",
    ],
    "zh-Hans": [
        "银行账号 {CN_ACCOUNT} 退款还没到",
        "收款账户：{CN_ACCOUNT}，户名张伟",
        "退款到工商银行 {CN_ACCOUNT}",
        "账号{CN_ACCOUNT}，电话{PHONE}",
        "订单号{ORDER_ID}退款到建设银行账户{CN_ACCOUNT}",
    ],
    "zh-Hant": [
        "匯款帳號 {ACCOUNT}，謝謝",
        "銀行帳號(822){ACCOUNT}",
        "轉帳到郵局 {ACCOUNT} 了",
        "帳戶 {CN_ACCOUNT} 退款沒收到",
        "訂單{ORDER_ID}，退款帳號 {ACCOUNT}，手機{PHONE}",
    ],
    "th": [
        "บัญชี {TH_ACCOUNT}",
        "เลขบัญชี {TH_ACCOUNT} กสิกร",
        "โอนคืนเข้าบัญชีไทยพาณิชย์ {TH_ACCOUNT} ค่ะ",
        "กสิกร {TH_ACCOUNT} ชื่อสมชาย",
        "บช. {TH_ACCOUNT} ครับ",
        "ออเดอร์ {ORDER_ID} เงินคืนเข้าบัญชี {TH_ACCOUNT} โทร {PHONE}",
        "บัญชีพร้อมเพย์ {PHONE} ค่ะ",
    ],
}
_ACCOUNT_KINDS = {
    "ACCOUNT": "ACCOUNT_ID",
    "CN_ACCOUNT": "ACCOUNT_ID",
    "TH_ACCOUNT": "ACCOUNT_ID",
    "PHONE": "PHONE",
    "ORDER_ID": "ORDER_ID",
}


def account_number(kind: str, rng: random.Random) -> str:
    """Thai 3-1-5-1 / 3-6-1 / bare ten digits (leading zeros too), US, UK and Hong Kong shapes,
    Taiwan post-office and bank accounts, and Chinese 16-19 digit accounts that fail the card
    check (one that passes it is a card number and is masked as <CARD>, by design)."""

    def digits(n: int) -> str:
        return "".join(rng.choice("0123456789") for _ in range(n))

    def no_card(n: int) -> str:
        from stdnum import luhn

        while True:
            value = str(rng.randint(1, 9)) + digits(n - 1)
            if not luhn.is_valid(value):
                return value

    th = [
        lambda: f"{digits(3)}-{digits(1)}-{digits(5)}-{digits(1)}",
        lambda: f"{digits(3)}-{digits(6)}-{digits(1)}",
        lambda: str(rng.randint(1, 9)) + digits(9),
        lambda: "0" + rng.choice("1234579") + digits(8),
    ]
    other = [
        lambda: str(rng.randint(1, 9)) + digits(rng.randint(7, 11)),
        lambda: f"{digits(3)}-{digits(6)}-{digits(3)}",
        lambda: f"000{digits(4)}-{digits(7)}",
        lambda: f"{digits(4)}-{digits(4)}-{digits(4)}",
    ]
    return {
        "TH_ACCOUNT": lambda: rng.choice(th)(),
        "ACCOUNT": lambda: rng.choice(th + other)(),
        "CN_ACCOUNT": lambda: no_card(rng.randint(16, 19)),
    }[kind]()


def account_cases(draws: int) -> list[dict]:
    corpus = make_corpus()
    corpus.rng.seed(12)
    rng = random.Random(12)

    def value(kind: str, lang: str) -> tuple[str, str]:
        if kind == "PHONE":
            return _ACCOUNT_KINDS[kind], rng.choice(corpus.PHONE_FORMATS[lang])()
        if kind == "ORDER_ID":
            return _ACCOUNT_KINDS[kind], order_number(rng)
        return _ACCOUNT_KINDS[kind], account_number(kind, rng)

    return filled(ACCOUNT_TEMPLATES, draws, value)


def account_report(redactor: Redactor, draws: int) -> None:
    rows = account_cases(draws)
    print(f"bank account numbers: {len(rows)} sentences, 4 languages")
    typed_report(redactor, rows, "account case")


ADDRESS_TEMPLATES: dict[str, list[str]] = {
    "en": [
        "Please ship to {ADDRESS}",
        "My new address is {ADDRESS}, can you update it?",
        "Hi, the parcel for {ADDRESS} came back. Tel {PHONE}",
        "I live at {ADDRESS} and nothing arrived",
        "{ADDRESS}",
    ],
    "zh-Hans": [
        "地址：{ADDRESS}",
        "麻烦寄到{ADDRESS}，电话{PHONE}",
        "收货地址是{ADDRESS}，什么时候能到？",
        "{ADDRESS}的快递一直没送到",
    ],
    "zh-Hant": [
        "收貨地址：{ADDRESS}",
        "請寄到{ADDRESS}，手機{PHONE}",
        "{ADDRESS}，請問什麼時候會到？",
    ],
    "th": [
        "ส่งที่ {ADDRESS} ค่ะ",
        "ที่อยู่ {ADDRESS} โทร {PHONE}",
        "รบกวนเปลี่ยนที่อยู่เป็น {ADDRESS} ได้ไหมคะ",
        "{ADDRESS}",
    ],
}
# Address words, street-like words and numbers that are not an address: must stay as written.
ADDRESS_LOOKALIKES: dict[str, list[str]] = {
    "en": [
        "How do I change my shipping address?",
        "I bought 3 items on the road",
        "the 2 Street Fighter games",
        "Road 66 tour",
        "3 Main St. products?",
        "I bought a Samsung 980 Pro Drive yesterday",
        "In 2019 Oxford Street was closed for 3 days",
        "Top 10 Oxford Street shops are open",
        "Can I pick it up at 5 pm on Main Street?",
        "The 2 Way adapter costs $12",
        "Is shipping to 2 addresses possible?",
        "my billing address has 2 typos",
    ],
    "zh-Hans": [
        "地址填错了怎么办",
        "我在北京市",
        "上海的仓库",
        "不知道5号能不能到",
        "我12号下的单，什么时候发货",
        "地铁2号线附近有门店吗",
        "分3期12号还款",
        "收货地址能改吗？我下了3单",
        "路由器3号到的，今天坏了",
        "北京市3号开始限行，快递会延迟吗",
    ],
    "zh-Hant": [
        "地址寫錯了可以改嗎",
        "我在台北市",
        "我5號下單的，還沒收到",
        "捷運2號線附近有門市嗎",
        "知道了，12號會到嗎",
        "網路3號就斷了",
    ],
    "th": [
        "เปลี่ยนที่อยู่จัดส่งได้ไหม",
        "ราคา 99 บาท ส่งฟรี",
        "เลยไป 2 ซอยแล้วเลี้ยวซ้าย",
        "สั่ง 3 ชิ้น ส่งวันที่ 12/3",
        "ที่อยู่ผิดไป 2 ครั้งแล้วค่ะ",
        "ตู้ 12 ชั้น ราคาเท่าไหร่คะ",
        "ส่งกรุงเทพกี่วัน 3 วันไหม",
    ],
}


def address_value(lang: str, rng: random.Random) -> str:
    """Addresses in the formats each locale writes, with drawn numbers and names."""
    n = lambda a=1, b=999: str(rng.randint(a, b))  # noqa: E731
    pick = rng.choice
    if lang == "en":
        name = pick(["Nathan", "Baker", "Orchard", "Queen's", "Collins", "Maple", "Kings"])
        city = pick(["Springfield", "Kowloon", "Fitzroy", "Petaling Jaya", "Mong Kok"])
        return pick(
            [
                lambda: (
                    f"{n()} {name} {pick(['Street', 'St', 'Road', 'Rd', 'Avenue'])}, "
                    f"{city}, {pick(['IL', 'CA', 'NY'])} {n(10000, 99999)}"
                ),
                lambda: f"Flat {pick('ABCD')}, {n(1, 40)}/F, {n()} {name} Road, {city}",
                lambda: f"Unit {n(1, 20)}/{n(1, 200)} {name} St, {city} VIC {n(3000, 3999)}",
                lambda: (
                    f"Blk {n()} Ang Mo Kio Ave {n(1, 9)} #{n(10, 30)}-{n(10, 99)} "
                    f"Singapore {n(100000, 829999)}"
                ),
                lambda: f"No. {n(1, 99)}, Jalan SS {n(1, 30)}/{n(1, 30)}, {n(40000, 59999)} {city}",
                lambda: (
                    f"{n(1, 200)}/{n(1, 99)} Moo {n(1, 12)}, Soi Sukhumvit {n(1, 101)}, "
                    f"Bangkok {n(10100, 10900)}"
                ),
                lambda: f"PO Box {n(1, 9999)}, Sydney NSW {n(2000, 2999)}",
                lambda: f"{n(1, 99)} {name} Lane, London SW{n(1, 20)} {n(1, 9)}AB",
            ]
        )()
    if lang == "th":
        pc = n(10100, 96999)
        return pick(
            [
                lambda: f"{n(1, 300)}/{n(1, 99)} หมู่ {n(1, 15)} ต.บางพูด อ.ปากเกร็ด จ.นนทบุรี {pc}",
                lambda: (
                    f"{n(1, 300)}/{n(1, 99)} ซอยสุขุมวิท {n(1, 101)} แขวงคลองเตยเหนือ "
                    f"เขตวัฒนา กรุงเทพฯ {pc}"
                ),
                lambda: (
                    f"บ้านเลขที่ {n(1, 300)} หมู่ {n(1, 15)} ตำบลหนองหาร อำเภอสันทราย จังหวัดเชียงใหม่ {pc}"
                ),
                lambda: f"{n(1, 300)} ซ.ลาดพร้าว {n(1, 130)} ถ.ลาดพร้าว กทม. {pc}",
            ]
        )()
    if lang == "zh-Hans":
        street = pick(["世纪大道", "建国路", "中山北路", "文三路", "长乐路", "人民路"])
        area = pick(["上海市浦东新区", "北京市朝阳区", "杭州市西湖区", "广东省深圳市南山区"])
        return pick(
            [
                lambda: f"{area}{street}{n()}号{n(1, 30)}号楼{n(101, 2505)}室",
                lambda: f"{area}{street}{n()}号",
                lambda: f"{area}{street}{n()}弄{n(1, 60)}号",
                lambda: f"{area}{street}{n()}号{n(1, 12)}栋{n(1, 6)}单元{n(101, 2505)}",
            ]
        )()
    street = pick(["松仁路", "文化路", "中山路", "光復路", "彌敦道", "軒尼詩道"])
    return pick(
        [
            lambda: f"台北市信義區{street}{n()}號{n(1, 30)}樓",
            lambda: f"新北市板橋區{street}{pick('一二三')}段{n()}巷{n(1, 30)}弄{n(1, 99)}號",
            lambda: f"香港九龍旺角{street}{n()}號{n(1, 30)}樓{pick('ABCD')}室",
            lambda: f"台中市西屯區{street}{n()}號{n(1, 30)}樓之{n(1, 9)}",
        ]
    )()


def address_cases(draws: int) -> list[dict]:
    corpus = make_corpus()
    corpus.rng.seed(13)
    rng = random.Random(13)

    def value(kind: str, lang: str) -> tuple[str, str]:
        if kind == "PHONE":
            return kind, rng.choice(corpus.PHONE_FORMATS[lang])()
        return kind, address_value(lang, rng)

    return filled(ADDRESS_TEMPLATES, draws, value)


def address_report(redactor: Redactor, draws: int) -> None:
    """Addresses and the phones after them typed right, the text around them kept exactly (a
    mask that takes a request word or leaves part of an address is counted as inexact), and
    the look-alike sentences left as written."""
    rows = address_cases(draws)
    print(f"postal addresses: {len(rows)} sentences, 4 languages")
    typed_report(redactor, rows, "address case")
    inexact = [row for row in rows if redactor.redact(row["text"]).text != row["expected"]]
    print(
        f"exact output (address and request words intact): {len(rows) - len(inexact)}/{len(rows)}"
    )
    for row in inexact[:20]:
        print("  inexact:", row["text"], "->", redactor.redact(row["text"]).text)
    lookalikes = [text for texts in ADDRESS_LOOKALIKES.values() for text in texts]
    changed = [text for text in lookalikes if redactor.redact(text).text != text]
    print(f"address look-alikes changed: {len(changed)}/{len(lookalikes)}")
    for text in changed:
        print("  look-alike:", text, "->", redactor.redact(text).text)


def real_report(redactor: Redactor, data: Path) -> None:
    """How many real questions get an <ADDRESS> mask (they carry almost no addresses, so each
    hit is printed to be checked by eye)."""
    import bench_cluster

    bench_cluster.DATA = data  # read_rows reads from here
    for name, spec in bench_cluster.SETS.items():
        if not (data / spec.file).exists():
            print(f"real set {name}: {data / spec.file} not found")
            continue
        texts, _ = bench_cluster.read_rows(spec)
        hits = [(t, out) for t in texts if "<ADDRESS>" in (out := redactor.redact(t).text)]
        print(f"real set {name}: {len(hits)}/{len(texts)} texts with <ADDRESS>")
        for text, out in hits[:10]:
            print("  ", text[:200], "->", out[:200])


DATA_DEFAULT = ROOT.parent / "shared" / "data"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=0, help="also re-draw values N times")
    parser.add_argument(
        "--order-draws", type=int, default=10, help="values drawn per order-number sentence"
    )
    parser.add_argument(
        "--real",
        nargs="?",
        const=DATA_DEFAULT,
        type=Path,
        help="also count <ADDRESS> masks on the shared real question sets (in this folder)",
    )
    args = parser.parse_args()
    patterns = json.loads((CORPUS / "patterns.json").read_text(encoding="utf-8"))
    redactor = Redactor(extra_patterns=patterns)
    positives, negatives = load("positives.jsonl"), load("negatives.jsonl")

    hits, total, misses = recall(redactor, positives)

    false_pos = [
        row["text"] for row in negatives if redactor.redact(row["text"]).text != row["text"]
    ]

    texts = [row["text"] for row in positives + negatives]
    rounds = 20
    fresh = Redactor(extra_patterns=patterns)  # cold phone cache for the first round
    start = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            fresh.redact(text)
    per_s = rounds * len(texts) / (time.perf_counter() - start)
    clean = [t for t in texts if not any(ch.isdigit() for ch in t) and "@" not in t]

    print(f"{'type':8}{'recall':>9}{'found':>8}{'spans':>7}")
    for kind in sorted(total):
        print(f"{kind:8}{hits[kind] / total[kind]:>9.1%}{hits[kind]:>8}{total[kind]:>7}")
    all_hits, all_total = sum(hits.values()), sum(total.values())
    print(f"{'all':8}{all_hits / all_total:>9.1%}{all_hits:>8}{all_total:>7}")
    # The look-alikes still list tracking codes; after a tracking word they are <ORDER_ID> now.
    order_only = [
        t
        for t in false_pos
        if set(re.findall(r"<([A-Z_]+)>", redactor.redact(t).text)) == {"ORDER_ID"}
    ]
    print(
        f"false positives: {len(false_pos)}/{len(negatives)} = "
        f"{len(false_pos) / len(negatives):.1%} ({len(order_only)} only <ORDER_ID>)"
    )
    print(
        f"speed: {per_s:,.0f} sentences/s on one core "
        f"({len(texts)} corpus sentences x {rounds}; {len(clean)} without digits or @)"
    )
    for line in misses:
        print("miss", line)
    for text in false_pos:
        print("false positive:", text, "->", redactor.redact(text).text)
    if args.order_draws:
        order_report(Redactor(), args.order_draws)
        contact_report(Redactor(), args.order_draws)
        account_report(Redactor(), args.order_draws)
        address_report(Redactor(), args.order_draws)
    if args.real:
        real_report(Redactor(), args.real)
    if args.seeds:
        redrawn(redactor, args.seeds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
