"""Labels of masked values learned from the export, and names introduced in passing."""

from __future__ import annotations

import pytest

from kbgen.intent.learn import learn_mask_labels
from kbgen.intent.view import IntentModel
from kbgen.privacy.redact import Redactor

ASKS = {
    "en": ["where is my parcel", "how do I get a refund", "can I change my address",
           "the app crashes at checkout", "my coupon does not work", "how long is delivery"],
    "zh-Hant": ["包裹到哪裡了", "怎麼申請退款", "可以改地址嗎", "結帳時App閃退", "折價券不能用",
                "運送要多久"],
}  # fmt: skip
LABEL = {"en": "my account email: <EMAIL>", "zh-Hant": "LINE ID同手機<PHONE>"}


def export(lang: str) -> list[str]:
    """A small export whose customers write their own label before their personal data."""
    asks, label = ASKS[lang], LABEL[lang]
    return [f"{a}? {label}" for a in asks] + [f"{label}. {a}?" for a in asks[:3]]


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_labels_before_personal_values_are_learned_and_leave_the_view(lang: str) -> None:
    texts = export(lang)
    assert learn_mask_labels(texts), "no label learned"
    model = IntentModel.learn(texts)
    plain = IntentModel.learn(ASKS[lang])
    for text, ask in zip(texts, ASKS[lang] + ASKS[lang][:3]):
        view = model.view(text).text
        assert "<" not in view
        assert not any(w in view for w in ("email", "account", "LINE", "手機")), view
        assert view.rstrip("?？。.") == plain.view(ask).text.rstrip("?？。."), text


def test_order_references_are_never_labels() -> None:
    """'cancel order <ORDER_ID>': what is asked stands before the reference."""
    texts = [f"cancel order <ORDER_ID> please {i}" for i in range(10)]
    texts += [f"track order <ORDER_ID> {i}" for i in range(10)]
    assert learn_mask_labels(texts) == frozenset()
    assert "cancel order" in IntentModel.learn(texts).view("cancel order <ORDER_ID> please").text


def test_a_phrase_often_seen_without_a_value_is_not_a_label() -> None:
    texts = ["email <EMAIL> refund?"] * 3 + [f"the email never arrived {i}" for i in range(5)]
    assert ("email",) not in learn_mask_labels(texts)


def test_learned_labels_survive_saving() -> None:
    model = IntentModel.learn(export("en"))
    again = IntentModel.from_json(model.to_json())
    assert again is not None and again.mask_labels == model.mask_labels
    assert again.fingerprint() == model.fingerprint()
    broken = model.to_json().replace('"mask_labels": [', '"mask_labels": [7, ')
    assert IntentModel.from_json(broken) is None


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("hello, Sofia Patel speaking, How do I close my account?", "hello, <NAME> speaking,"),
        ("Hi, John here. Where is my order?", "Hi, <NAME> here."),
        ("这里是黄静！订单卡住不动了", "这里是<NAME>！"),
        ("黄艳这边～订单怎么还没发", "<NAME>这边～"),
    ],
)
def test_names_introduced_in_passing_are_masked(text: str, masked: str) -> None:
    assert Redactor().redact(text).text.startswith(masked)


@pytest.mark.parametrize(
    "text",
    [
        "Nobody here.",
        "Refund here.",
        "Tracking here shows nothing",
        "Support here is slow",
        "Hi, anyone here?",
        "黄金这边有货吗",
        "我这边的订单怎么还没发",
    ],
)
def test_ordinary_words_before_here_are_not_names(text: str) -> None:
    assert Redactor().redact(text).text == text


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("Attn: Jane Doe\nMy parcel never came", "Attn: <NAME>\nMy parcel"),
        ("c/o John Smith, where is my parcel?", "c/o <NAME>,"),
        ("Recipient: Mary Lee. Where is it?", "Recipient: <NAME>."),
        ("Account holder: Somchai Jaidee", "Account holder: <NAME>"),
        ("收件人：王小明，电话13812345678", "收件人：<NAME>，电话<PHONE>"),
        ("聯絡人 陳大文 訂單沒到", "聯絡人 <NAME> 訂單沒到"),
        ("户名:李四 退款到哪", "户名:<NAME> 退款"),
        ("收件人：阿花，怎么还没到", "收件人：<NAME>，"),
        ("ผู้รับ: สมชาย ใจดี ของยังไม่ถึงค่ะ", "ผู้รับ: <NAME> ของ"),
        ("ผู้รับ คุณมานี ของยังไม่มา", "ผู้รับ คุณ<NAME> ของ"),
        # who the writer is, a form's role labels, a dash or "from" line closing the message
        ("鄙人吴秀英 亲，下单忘了用优惠码", "鄙人<NAME> 亲"),
        ("我是會員郭美玲,訂單沒到", "我是會員<NAME>,"),
        ("重复扣款了89元。买家：马丽", "重复扣款了89元。买家：<NAME>"),
        ("ชื่อลูกค้า อนันต์ ใจดี ของยังไม่มา", "ชื่อลูกค้า <NAME> ของ"),
        ("ขอแก้ออเดอร์หน่อยค่ะ\nลงชื่อ รัตนา พึ่งบุญ", "ขอแก้ออเดอร์หน่อยค่ะ\nลงชื่อ <NAME>"),
        ("ค่าส่งเท่าไหร่คะ\nจาก ประเสริฐ สุขใจ", "ค่าส่งเท่าไหร่คะ\nจาก <NAME>"),
        ("箱子被壓壞了，請回覆，—陳雅婷", "箱子被壓壞了，請回覆，—<NAME>"),
    ],
)
def test_names_after_a_label_are_masked(text: str, masked: str) -> None:
    assert Redactor().redact(text).text.startswith(masked)


@pytest.mark.parametrize(
    "text",
    [
        "Attn: Customer Care, my parcel never came",
        "I want to change the recipient name",
        "How do I update the account name?",
        "Can the card holder be someone else?",
        "收件人写错了怎么改",
        "联系人：客服小美",
        "寄件人信息填错了",
        "ผู้รับไม่อยู่บ้านทำไงดี",
        "ผู้รับ เปลี่ยนได้ไหม",
        "ผู้ส่ง ของมาผิด",
        "我是会员，积分怎么用",
        "鄙人想问一下",
        "ชื่อลูกค้าผิดค่ะ แก้ยังไง",
        "ลงชื่อเข้าใช้ไม่ได้ค่ะ",
        "ลงชื่อ เข้าใช้ไม่ได้",
        "ถ้าต้องการเปลี่ยนแปลงชื่อเจ้าของ เบอร์ ทำได้หรือป่าวคะ",
        "ของส่งจาก เชียงใหม่",
        "型号A-王者",
    ],
)
def test_label_words_without_a_name_are_kept(text: str) -> None:
    assert Redactor().redact(text).text == text


def test_a_masked_thai_name_leaves_the_view() -> None:
    view = IntentModel().view("หนูชื่อ <NAME> ใส่ที่อยู่ผิดครับ แก้ไขได้ไหมครับ")
    assert "ชื่อ" not in view.text and "ใส่ที่อยู่ผิด" in view.text


@pytest.mark.parametrize(
    ("text", "view"),
    [
        ("救救孩子[发怒][发怒]", "救救孩子"),
        ("帮我定个明天早上的闹钟[微笑]，谢谢", "帮我定个明天早上的闹钟"),
        ("My card was charged twice [Smile]", "My card was charged twice"),
        ("แพ็คเกจเน็ตหมดแล้วทำไง (สติกเกอร์)", "แพ็คเกจเน็ตหมดแล้วทำไง"),
    ],
)
def test_chat_stickers_leave_the_view(text: str, view: str) -> None:
    assert IntentModel().view(text).text == view


def test_a_bracketed_word_inside_a_sentence_is_not_a_sticker() -> None:
    assert "已发货" in IntentModel().view("订单[已发货]但没收到").text
    assert "Premium" in IntentModel().view("I need the [Premium] plan price").text


def test_addresses_are_never_labels() -> None:
    """'ship to <ADDRESS>', 'change my address to <ADDRESS>': the request names the address."""
    texts = [f"can you ship to <ADDRESS> instead {i}" for i in range(10)]
    texts += [f"please change my address to <ADDRESS> {i}" for i in range(10)]
    assert learn_mask_labels(texts) == frozenset()
    view = IntentModel.learn(texts).view("please change my address to <ADDRESS>").text
    assert "change my address" in view
