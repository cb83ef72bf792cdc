"""Messaging-app ids (<CONTACT_ID>) and parcel tracking codes (<ORDER_ID>) in four languages.

Each language has forms that must be masked (the app or carrier named, or an id word, with or
without a colon, full-width colon, quotes, "is" / คือ / 是) and near misses that must stay as
they are: app names in ordinary sentences, WeChat Pay, dates, amounts, versions, product and
model codes. A property test plants generated ids in generated sentences.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kbgen.privacy.redact import Redactor, redact
from kbgen.site.textcheck import problems_in

# (text, the id that must be gone, the mask it must become)
CONTACTS: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("LINE ID: somchai.k", "somchai.k"),
        ("add me on LINE: xyz", "xyz"),
        ("my line id is pim_2024, the app logs me out", "pim_2024"),
        ("Line: @abc123", "@abc123"),
        ("WeChat ID wang_fang88", "wang_fang88"),
        ("my WeChat is wangfang", "wangfang"),
        ("whatsapp me, id kuma-77", "kuma-77"),
        ("Telegram @john_doe99 - sent the screenshots there", "@john_doe99"),
        ("telegram username: johnny", "johnny"),
        ("QQ 12345678 if email fails", "12345678"),
        ("wxid_ab12cd3ef is my wechat", "wxid_ab12cd3ef"),
        ("Skype: live:.cid.98ab77", "live:.cid.98ab77"),
        ("contact me on LINE (somchai99) please", "somchai99"),
    ],
    "zh-Hans": [
        ("加我微信 xyz", "xyz"),
        ("加我微信xyz谢谢", "xyz"),
        ("微信号 abc-123", "abc-123"),
        ("微信号：abc-123，麻烦联系我", "abc-123"),
        ("微信: xyz", "xyz"),
        ("我的微信是abc123，请加我", "abc123"),
        ("vx：hello_2024", "hello_2024"),
        ("QQ号：1234567890", "1234567890"),
        ("扣扣 87654321", "87654321"),
        ("QQ 12345678 找我", "12345678"),
        ("旺旺ID：abcde12", "abcde12"),
        ("阿里旺旺：小明2019", "小明2019"),
        ("wxid_k9x2m4 是我的微信", "wxid_k9x2m4"),
    ],
    "zh-Hant": [
        ("LINE ID: lin.mei88", "lin.mei88"),
        ("加我LINE：xyz", "xyz"),
        ("我的LINE是「amy_0912」", "amy_0912"),
        ("賴 LINE ID 是 chen1990", "chen1990"),
        ("微信號：wx_tw_777", "wx_tw_777"),
        ("我的微信是 chenmei", "chenmei"),
    ],
    "th": [
        ("ไลน์ไอดี abc_123", "abc_123"),
        ("ไลน์ @shop99 ค่ะ", "@shop99"),
        ("ไอดีไลน์ somchai", "somchai"),
        ("ไลน์ไอดีคือ nong.may ค่ะ", "nong.may"),
        ("LINE ID คือ somchai99", "somchai99"),
        ("แอดไลน์ pim2024 นะคะ", "pim2024"),
        ("line: @abc123 ติดต่อได้ค่ะ", "@abc123"),
        ("ไลน์：somchai.k", "somchai.k"),
    ],
}

# Carrier and tracking codes: (text, code); all become <ORDER_ID>.
PARCELS: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("tracking number: 1Z999AA10123456784", "1Z999AA10123456784"),
        ("tracking ID TBA123456789000 still not moving", "TBA123456789000"),
        ("tracking no. abc12345", "abc12345"),
        ("Kerry KEX123456789TH hasn't arrived", "KEX123456789TH"),
        ("J&T 820012345678 says delivered", "820012345678"),
        ("EMS EF123456789TH is stuck in customs", "EF123456789TH"),
        ("my parcel EE123456785TH says delivered but nothing came", "EE123456785TH"),
        ("flash express 1234567890 lost my parcel", "1234567890"),
    ],
    "zh-Hans": [
        ("顺丰单号SF1234567890123", "SF1234567890123"),
        ("SF1234567890123 到哪了", "SF1234567890123"),
        ("极兔JT1234567890123三天没更新", "JT1234567890123"),
        ("极兔快递 78123456789012 还没到", "78123456789012"),
        ("中通 75312345678901 没更新", "75312345678901"),
        ("圆通快递单号是：YT1234567890123", "YT1234567890123"),
        ("物流单号 4312345678901 查不到", "4312345678901"),
        ("韵达 4312345678901 显示签收", "4312345678901"),
    ],
    "zh-Hant": [
        ("黑貓單號 123456789012 一直沒更新", "123456789012"),
        ("宅急便 906123456789 查不到", "906123456789"),
        ("RB123456789TW 這個包裹到哪了", "RB123456789TW"),
        ("順豐 SF1234567890123 還沒到", "SF1234567890123"),
    ],
    "th": [
        ("Kerry KERTH0001234567 ไม่อัปเดต", "KERTH0001234567"),
        ("Flash TH0123456789A ค่ะ", "TH0123456789A"),
        ("เลขพัสดุ TH0123456789A", "TH0123456789A"),
        ("เลขแทร็ค KEX123456789TH ครับ", "KEX123456789TH"),
        ("หมายเลขติดตาม EF123456789TH", "EF123456789TH"),
        ("ของยังไม่ถึง EF123456789TH ช่วยเช็คให้หน่อย", "EF123456789TH"),
        ("เคอรี่ 123456789012 ค่ะ", "123456789012"),
        ("SPXTH012345678901 ยังไม่ได้รับ", "SPXTH012345678901"),
    ],
}

# Must come out exactly as they went in.
NEAR_MISSES: dict[str, list[str]] = {
    "en": [
        "LINE app crashes when I pay",
        "LINE Pay doesn't work",
        "LINE: the app keeps crashing",
        "my line is busy",
        "Line 3 of the invoice is wrong",
        "line 12345 of the log",
        "WhatsApp 2.23.1 crashes on my iPhone 15",
        "The XR-200 model via LINE app",
        "Telegram notifications stopped",
        "Can I pay with WeChat Pay?",
        "QQ no reply yet",
        "iPhone 15 model XR-200 costs 12000 baht",
        "LINE me tomorrow please",
        "best price 12000 baht",
        "flash sale ends 11/11",
    ],
    "zh-Hans": [
        "微信支付失败怎么办",
        "微信转账 10000元 没到账",
        "QQ音乐打不开",
        "微信 2024-11-20 付款",
        "用微信付款可以吗",
        "QQ邮箱收不到验证码",
        "旺旺：我的订单没到",
        "邮政编码 100000",
    ],
    "zh-Hant": [
        "LINE Pay 可以用嗎？",
        "我用LINE聯絡過了",
        "微信支付 299元",
        "LINE 更新後打不開",
    ],
    "th": [
        "ไลน์ใช้ไม่ได้",
        "ไลน์แจ้งเตือนไม่เด้ง",
        "จ่ายผ่าน LINE Pay ได้ไหม",
        "ไลน์ 2 วันแล้วไม่ตอบ",
        "แฟลชเซลล์ 12.12 ราคา 299 บาท",
    ],
}

_R = Redactor()


def _cases(table: dict[str, list[tuple[str, str]]]) -> list[tuple[str, str]]:
    return [case for cases in table.values() for case in cases]


@pytest.mark.parametrize(("text", "value"), _cases(CONTACTS))
def test_messaging_app_ids_are_contact_ids(text: str, value: str) -> None:
    result = _R.redact(text)
    assert value not in result.text
    assert result.counts.get("CONTACT_ID") == 1, result.text
    assert set(result.counts) == {"CONTACT_ID"}, result.text


@pytest.mark.parametrize(("text", "code"), _cases(PARCELS))
def test_parcel_codes_are_order_ids(text: str, code: str) -> None:
    result = _R.redact(text)
    assert code not in result.text
    assert result.counts == {"ORDER_ID": 1}, result.text


@pytest.mark.parametrize("text", [t for texts in NEAR_MISSES.values() for t in texts])
def test_app_names_and_look_alikes_stay(text: str) -> None:
    assert redact(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the app names themselves are never masked
        ("LINE ID: somchai.k", "LINE ID: <CONTACT_ID>"),
        ("加我微信 xyz", "加我微信 <CONTACT_ID>"),
        ("ไลน์ไอดี abc_123", "ไลน์ไอดี <CONTACT_ID>"),
        ("QQ号：1234567890", "QQ号：<CONTACT_ID>"),
        # a phone number or an e-mail after an app's name keeps its own type
        ("WhatsApp +852 5123 4567", "WhatsApp <PHONE>"),
        ("加我微信 13800138000", "加我微信 <PHONE>"),
        ("ไลน์ 0812345678 ค่ะ", "ไลน์ <PHONE> ค่ะ"),
        ("LINE: jane@example.com", "LINE: <EMAIL>"),
        ("QQ邮箱 12345678@qq.com", "QQ邮箱 <EMAIL>"),
        # full-width letters and colon
        ("ＬＩＮＥ ＩＤ：ｓｏｍｃｈａｉ９９", "ＬＩＮＥ ＩＤ：<CONTACT_ID>"),
        # two apps in one message
        ("LINE: pim_88 / WeChat: wang_fang", "LINE: <CONTACT_ID> / WeChat: <CONTACT_ID>"),
        # a carrier code next to a contact id
        ("Kerry KEX123456789TH, LINE @shop99", "Kerry <ORDER_ID>, LINE <CONTACT_ID>"),
    ],
)
def test_types_and_surroundings(text: str, expected: str) -> None:
    assert redact(text) == expected


def test_contact_ids_are_masks_downstream() -> None:
    """Whatever knows the mask list treats <CONTACT_ID> like the others: the site's public-text
    check flags it, and the intent view drops it with the app's name that labels it."""
    from kbgen.group.keywords import words_of
    from kbgen.intent import IntentModel

    assert problems_in("add me on LINE <CONTACT_ID>") == [("mask", "<CONTACT_ID>")]
    assert words_of("加我微信 <CONTACT_ID> LINE <CONTACT_ID> refund") == ["微信", "LINE", "refund"]
    model = IntentModel()
    assert model.view(redact("QQ 12345678 怎么设置闹钟")).text == "怎么设置闹钟"
    assert model.view(redact("加我微信 wxid_ab12cd 明天几点下雨")).text == "明天几点下雨"
    assert model.view(redact("LINE ID: somchai88 運費是多少？")).text == "運費是多少？"
    assert model.view(redact("极兔JT1234567890123 我的快递什么时候到")).text == "我的快递什么时候到"
    assert model.view("LINE app crashes when I pay").text == "LINE app crashes when I pay"


@pytest.mark.parametrize("head", ["LINE", "add me on LINE", "旺旺：", "微信号"])
def test_a_long_space_run_after_an_app_name_is_linear(head: str) -> None:
    """A mask after the spaces is blanked on the detection copy, so the value is missing: the
    optional parts between the app and its value re-split the run from every split (quadratic
    until the spaces were made possessive)."""
    import time

    def seconds(n: int) -> float:
        start = time.perf_counter()
        _R.redact(head + " " * n + "<PHONE> x1")
        return time.perf_counter() - start

    seconds(100)
    small = min(seconds(5_000) for _ in range(2))
    big = seconds(20_000)
    assert big < 8 * small + 0.5, (head, small, big)


# -- properties ---------------------------------------------------------------------------------

_LOWER = "abcdefghijkmnopqrstuvwxyz"
_handle = st.builds(
    lambda head, sep, tail: f"{head}{sep}{tail}",
    st.text(_LOWER, min_size=3, max_size=8),
    st.sampled_from(["", ".", "_", "-"]),
    st.text("0123456789", min_size=2, max_size=5),
)
_frames = st.sampled_from(
    [
        "LINE ID: {}",
        "Add me on LINE {} please",
        "my WeChat ID is {}",
        "微信号：{}，麻烦联系我",
        "加我微信 {}",
        "我的LINE是「{}」",
        "ไลน์ไอดี {} ค่ะ",
        "ไอดีไลน์คือ {}",
        "Telegram: @{}",
        "{}",  # wxid_ frames below add the prefix
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frame=_frames, handle=_handle, before=st.sampled_from(["", "Hi, ", "您好，", "สวัสดีค่ะ "]))
def test_planted_ids_never_survive_and_masking_is_idempotent(
    frame: str, handle: str, before: str
) -> None:
    value = f"wxid_{handle}" if frame == "{}" else handle
    text = before + frame.format(value)
    once = redact(text)
    assert value not in once
    assert redact(once) == once


@settings(max_examples=200, deadline=None)
@given(
    code=st.one_of(
        st.builds(lambda d: f"EF{d}TH", st.text("0123456789", min_size=9, max_size=9)),
        st.builds(lambda d: f"KEX{d}TH", st.text("0123456789", min_size=9, max_size=12)),
        st.builds(lambda d, c: f"TH{d}{c}", st.text("0123456789", min_size=10, max_size=10),
                  st.sampled_from("ABCD")),
        st.builds(lambda d: f"SF{d}", st.text("0123456789", min_size=13, max_size=13)),
        st.builds(lambda d: f"JT{d}", st.text("0123456789", min_size=13, max_size=13)),
    ),
    frame=st.sampled_from(
        ["{} ยังไม่มาค่ะ", "快递 {} 到哪了", "tracking {}", "單號：{}", "where is {}?", "{}"]
    ),
)  # fmt: skip
def test_planted_parcel_codes_never_survive(code: str, frame: str) -> None:
    once = redact(frame.format(code))
    assert code not in once
    assert "<ORDER_ID>" in once
    assert redact(once) == once
