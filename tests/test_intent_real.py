"""The intent view with the real bundled models: the same questions, wrapped in greetings,
particles, sign-offs and personal data in their own language, still group by what they ask,
across languages."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from kbgen.pipeline import SuggestOptions, suggest
from kbgen.records import NO_QUESTION

pytestmark = pytest.mark.model

QUESTIONS = {
    "refund": [
        "I returned the shoes two weeks ago and still have no refund",
        "when will my refund reach my card",
        "退货两个星期了，退款还没到账",
        "退款什么时候退回信用卡",
        "退貨兩週了，退款還沒收到",
        "คืนสินค้าไปสองอาทิตย์แล้ว ยังไม่ได้เงินคืน",
        "เงินคืนจะเข้าบัตรเมื่อไหร่",
    ],
    "password": [
        "I forgot my password and the reset email never comes",
        "cannot log in, the password reset link does not arrive",
        "忘记密码了，重置邮件一直收不到",
        "忘記密碼，收不到重設密碼的信",
        "ลืมรหัสผ่าน ไม่ได้รับอีเมลรีเซ็ต",
        "รีเซ็ตรหัสผ่านแล้วไม่มีอีเมลมา",
    ],
    "address": [
        "I put the wrong delivery address on my order, can I change it",
        "how do I change the shipping address after ordering",
        "下单后地址填错了，可以改吗",
        "訂單地址寫錯了，可以修改嗎",
        "ใส่ที่อยู่จัดส่งผิด แก้ไขได้ไหม",
        "สั่งแล้วเปลี่ยนที่อยู่ได้ไหม",
    ],
}
# Long wrappers, the same few in each language: left in, they outweigh the question.
WRAP = {
    "en": ["Hello team, hope you are doing well. {q}. Please contact me at ann.lee@example.com "
           "or +1 415 555 0132. Thanks in advance, have a nice day!",
           "Hi there, sorry to bother you again! {q}!! urgent please, my number is "
           "+1 415 555 0199. Kind regards, Ann. Sent from my iPhone"],
    "zh": ["您好客服，不好意思打扰了，{q}，我的电话是13800138000，麻烦尽快处理，谢谢！",
           "在吗？亲，{q}～急急急，联系电话0912-345-678，感謝您，辛苦了"],
    "th": ["สวัสดีค่ะ แอดมิน ขอโทษที่รบกวนนะคะ {q} ติดต่อกลับเบอร์ 081 234 5678 นะคะ ขอบคุณล่วงหน้าค่ะ",
           "แอดมินครับ สอบถามหน่อยครับ {q} ครับ ด่วนครับ อีเมล somchai@example.com ขอบคุณครับ"],
}  # fmt: skip


def _lang(text: str) -> str:
    if any("\u0e00" <= c <= "\u0e7f" for c in text):
        return "th"
    return "zh" if any("\u4e00" <= c <= "\u9fff" for c in text) else "en"


def test_wrapped_questions_group_by_intent_across_languages(tmp_path: Path) -> None:
    rows, truth = [], []
    for intent, questions in QUESTIONS.items():
        for q in questions:
            for wrap in WRAP[_lang(q)]:
                rows.append(wrap.format(q=q))
                truth.append(intent)
    chatter = ["ok", "thank you!", "hello?", "好的谢谢", "ขอบคุณค่ะ"]
    path = tmp_path / "t.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["question"])
        writer.writerows([r] for r in rows + chatter)
    result = suggest(path, SuggestOptions(min_size=4))
    assert result.no_question == len(chatter)
    assert result.labels[len(rows) :] == [NO_QUESTION] * len(chatter)
    # Each intent is one issue holding most of its questions, in all three languages.
    for intent in QUESTIONS:
        labels = Counter(lab for lab, t in zip(result.labels, truth) if t == intent)
        issue, count = labels.most_common(1)[0]
        assert issue > 0 and count >= 0.8 * sum(labels.values()), (intent, labels)
        langs = {_lang(r) for r, lab in zip(rows, result.labels) if lab == issue}
        assert langs == {"en", "zh", "th"}, (intent, langs)
    # No issue is the wrapper: keywords are never masks, greetings or particles.
    for issue in result.issues:
        assert not {"<PHONE>", "<EMAIL>", "hi", "thanks", "谢谢", "ค่ะ", "แอดมิน"} & set(
            issue.keywords
        ), issue.keywords
