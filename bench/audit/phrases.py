"""Sentences the audit's personal data is written into, and the name pools, per language."""

from __future__ import annotations

from random import Random

# --- sentences ---------------------------------------------------------------------------------

LEAD = {
    "email": {
        "en": ["please reply to {x}", "my email is {x}", "you can reach me at {x} thanks"],
        "zh-Hans": ["我的邮箱是 {x}", "请发邮件到{x}联系我", "邮箱：{x}"],
        "zh-Hant": ["我的電郵是 {x}", "請寄信到{x}聯絡我", "信箱：{x}"],
        "th": ["อีเมลของฉันคือ {x}", "ติดต่อกลับทางอีเมล {x} ค่ะ", "ส่งเมลมาที่{x}นะครับ"],
    },
    "phone": {
        "en": ["call me on {x}", "my phone number is {x}", "text me at {x} please"],
        "zh-Hans": ["我的电话是{x}", "请打电话 {x} 找我", "手机：{x}"],
        "zh-Hant": ["我的電話是{x}", "請打 {x} 給我", "手機號碼：{x}"],
        "th": ["เบอร์โทร {x} ค่ะ", "โทรกลับที่เบอร์{x}นะครับ", "ติดต่อได้ที่ {x}"],
    },
    "card": {
        "en": ["I paid with card {x}", "my card number is {x}", "charged twice on {x}"],
        "zh-Hans": ["我的卡号是{x}", "用信用卡 {x} 付的款", "银行卡：{x}"],
        "zh-Hant": ["我的卡號是{x}", "用信用卡 {x} 付款的", "信用卡：{x}"],
        "th": ["จ่ายด้วยบัตร {x} ค่ะ", "บัตรเครดิตหมายเลข{x}", "เลขบัตร {x} ถูกตัดเงินสองครั้ง"],
    },
    "iban": {
        "en": ["refund to IBAN {x}", "my bank account is {x}"],
        "zh-Hans": ["请退款到账户 {x}", "我的IBAN是{x}"],
        "zh-Hant": ["請退款到帳戶 {x}", "我的IBAN是{x}"],
        "th": ["โอนเงินคืนเข้าบัญชี {x}", "เลขบัญชี IBAN {x} ค่ะ"],
    },
    "id": {
        "en": ["my ID number is {x}", "ID card {x}"],
        "zh-Hans": ["我的身份证号是{x}", "证件号码：{x}"],
        "zh-Hant": ["我的身分證字號是{x}", "證件號碼：{x}"],
        "th": ["เลขบัตรประชาชน {x} ค่ะ", "เลขประจำตัวประชาชน{x}"],
    },
    "passport": {
        "en": ["my passport number is {x}", "passport {x}", "Passport No. {x}"],
        "zh-Hans": ["我的护照号码是{x}", "护照 {x}", "护照号：{x}"],
        "zh-Hant": ["我的護照號碼是{x}", "護照 {x}", "護照號：{x}"],
        "th": ["หนังสือเดินทางเลขที่ {x}", "พาสปอร์ต {x} ค่ะ", "หนังสือเดินทาง{x}"],
    },
}

# The recurring question every row of a PII file asks, so the rows form one issue and reach
# the examples, the drafts and the site, not only the assignments.
BASE = {
    "en": [
        "I still have not received my refund for the returned shoes",
        "Where is my refund for the shoes I sent back",
        "My refund for the returned shoes has not arrived yet",
    ],
    "zh-Hans": [
        "我退回的鞋子到现在还没有收到退款",
        "退货的鞋子退款一直没到账",
        "鞋子退了但是退款还没收到",
    ],
    "zh-Hant": [
        "我退回的鞋子到現在還沒有收到退款",
        "退貨的鞋子退款一直沒入帳",
        "鞋子退了但是退款還沒收到",
    ],
    "th": [
        "ส่งรองเท้าคืนไปแล้วแต่ยังไม่ได้รับเงินคืนเลย",
        "ยังไม่ได้เงินคืนค่ารองเท้าที่ส่งคืนไป",
        "คืนรองเท้าแล้วเงินคืนยังไม่เข้าบัญชี",
    ],
}


def sentence(rng: Random, kind: str, lang: str, value: str) -> str:
    lead = rng.choice(LEAD[kind][lang]).format(x=value)
    base = rng.choice(BASE[lang])
    sep = ", " if lang == "en" else ("，" if lang.startswith("zh") else " ")
    return f"{base}{sep}{lead}"


# --- names -------------------------------------------------------------------------------------

_EN_FIRST = ["Marigold", "Ophelia", "Tobias", "Perpetua", "Lysander", "Wilhelmina", "Ignatius"]
_EN_LAST = [
    a + b
    for a in ("Thistle", "Bracken", "Winter", "Feather", "Ashen", "Holly", "Raven", "Marsh")
    for b in ("wood", "ridge", "bottom", "stone", "combe", "worth", "field", "hurst")
]
_ZH_LAST = ["欧阳", "司马", "诸葛", "上官", "慕容", "东方"]
_ZH_GIVEN = [
    "晓岚",
    "婉清",
    "明轩",
    "雨桐",
    "浩然",
    "思琪",
    "嘉懿",
    "梓萱",
    "若曦",
    "沐宸",
    "瑾瑜",
    "芷若",
]
_HANT = str.maketrans("欧阳马东晓岚轩", "歐陽馬東曉嵐軒")
_TH_FIRST = [
    a + b
    for a in ("กัญญา", "ธนา", "ปิยะ", "วรรณ", "ณัฐ", "ศิริ", "อัคร", "พิมพ์")
    for b in ("รัตน์", "กร", "พงษ์", "วิสาข์", "วุฒิ", "ลักษณ์", "เดช", "ชนก")
]
_TH_LAST = [
    a + b
    for a in ("ศรี", "วงศ์", "แก้ว", "ทอง", "บุญ", "สุวรรณ", "เจริญ", "อินทร")
    for b in ("สวัสดิ์", "สมบูรณ์", "วิเศษ", "ประเสริฐ", "วัฒน์", "โชติ", "มหาศาล", "กิจ")
]

_INTRO = {
    "en": ["my name is {n}", "this is {n} writing", "I'm {n}, a customer since 2019"],
    "zh-Hans": ["我叫{n}", "我是{n}", "本人{n}"],
    "zh-Hant": ["我叫{n}", "我是{n}", "本人{n}"],
    "th": ["ชื่อ {n} ค่ะ", "ดิฉันชื่อ{n}", "ผมชื่อ {n} ครับ"],
}
_SIGNOFF = {
    "en": [
        "Thanks,\n{n}",
        "Best regards\n{n}\nSent from my phone",
        "Kind regards,\n\n{n}",
        "— {n}",
    ],
    "zh-Hans": ["谢谢！\n{n}", "此致\n敬礼\n{n}", "{n} 敬上"],
    "zh-Hant": ["謝謝\n{n}", "{n} 敬上", "祝好\n{n}"],
    "th": ["ขอบคุณค่ะ\n{n}", "ด้วยความเคารพ\n{n}", "ขอบคุณครับ\n\n{n}"],
}
_QUOTE = {
    "en": [
        "On Tue, 3 Nov 2026 at 10:02, {n} <{m}> wrote:\n> old message",
        "Le mar. 3 nov. 2026 à 10:02, {n} <{m}> a écrit :\n> ancien message",
    ],
    "zh-Hans": ["在 2026年11月3日 10:02，{n} <{m}> 写道：\n> 原邮件"],
    "zh-Hant": ["{n} <{m}> 於 2026年11月3日 10:02 寫道：\n> 原郵件"],
    "th": ["เมื่อ 3 พ.ย. 2026 เวลา 10:02 {n} <{m}> เขียนว่า:\n> ข้อความเดิม"],
}
