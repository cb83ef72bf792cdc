"""The intent view: wrappers, particles, masks and ids do not drive grouping; non-questions
are told apart; wrappers nobody listed are learned from the export."""

from __future__ import annotations

import hashlib
import random

import numpy as np
import pytest

from kbgen.intent import IntentModel, split_clauses

CURATED = IntentModel()  # the curated lists only


@pytest.mark.parametrize(
    ("text", "core"),
    [
        # English: greeting, sign-off, contact clause, urgency
        ("Hi there, my parcel never arrived. Thanks in advance!", "my parcel never arrived."),
        ("Hey, does the backpack fit a laptop? My email is <EMAIL>. Thank you!",
         "does the backpack fit a laptop?"),
        ("URGENT!!! cannot log in to my account, please help asap", "cannot log in to my account"),
        ("Dear support team, how do I change my address? Kind regards",
         "how do I change my address?"),
        # Simplified and Traditional Chinese
        ("在吗？已经发货了还能取消吗，谢谢", "已经发货了还能取消吗"),
        ("亲，我的快递还没到，麻烦尽快处理，急急急", "我的快递还没到"),
        ("您好，請問發票在哪裡查詢，謝謝您～", "發票在哪裡查詢"),
        ("不好意思打擾了，帳號被鎖住了，電話<PHONE>", "帳號被鎖住了"),
        # Thai: address forms, particles, thanks, contact
        ("แอดมินคะ อยากคืนสินค้าต้องทำยังไงคะ ขอบคุณล่วงหน้าค่ะ", "อยากคืนสินค้าต้องทำยังไง"),
        ("สวัสดีครับ สั่งของไปแล้วยังไม่ได้รับครับ ติดต่อกลับเบอร์ <PHONE> นะครับ",
         "สั่งของไปแล้วยังไม่ได้รับ"),
    ],
)  # fmt: skip
def test_wrappers_come_off_in_every_language(text: str, core: str) -> None:
    view = CURATED.view(text)
    assert view.is_question
    assert view.text == core


@pytest.mark.parametrize(
    "text",
    ["ok", "Thanks!", "hello?", "thank you so much", "好的谢谢", "收到", "謝謝～", "ขอบคุณค่ะ",
     "โอเคครับ", "<EMAIL>", "   ", "Hi, my phone is <PHONE>", "👍"],
)  # fmt: skip
def test_messages_that_ask_nothing_are_not_questions(text: str) -> None:
    assert not CURATED.view(text).is_question


def test_masks_ids_and_numbers_leave_the_view_but_questions_keep_their_words() -> None:
    view = CURATED.view("I need to cancel order <ORDER_ID> placed on 12/11, item 732201349959")
    assert "<" not in view.text and "732201349959" not in view.text  # ids out
    assert "cancel order" in view.text and "12/11" in view.text  # a short number may matter
    assert CURATED.view("set an alarm for 8:10 tomorrow").text == "set an alarm for 8:10 tomorrow"
    assert CURATED.view("订单#<ORDER_ID>还没发货，怎么回事").text == "订单还没发货，怎么回事"


def test_a_question_about_a_contact_detail_is_still_a_question() -> None:
    assert CURATED.view("How do I change my phone number <PHONE>?").is_question
    assert CURATED.view("Where is my parcel number 3").is_question


def test_thai_clauses_split_at_spaces_and_mixed_script_survives() -> None:
    assert split_clauses("สอบถามหน่อยครับ หม้อทอดจุกี่ลิตรครับ") == [
        "สอบถามหน่อยครับ",
        "หม้อทอดจุกี่ลิตรครับ",
    ]
    view = CURATED.view("รอ refund มา 16 วันแล้วนะคะ")
    assert "refund" in view.text and "นะคะ" not in view.text


# --- learned from the export ------------------------------------------------------------------

QUESTIONS = [
    "my card was charged twice",
    "the app crashes when I open settings",
    "how long does delivery to Chiang Mai take",
    "can I pay with a gift card",
    "the discount code says it expired",
    "my refund has not arrived yet",
    "I want to change the size of my order",
    "the tracking page shows nothing",
    "is there a store in Bangkok",
    "the zipper on my jacket broke",
    "how do I delete my account",
    "can I return an opened item",
]


def _wrapped(prefixes: list[str], suffixes: list[str]) -> list[str]:
    pairs = [(p, s) for p in prefixes for s in suffixes]
    random.Random(0).shuffle(pairs)
    return [
        f"{p}, {q} {s}" for i, q in enumerate(QUESTIONS * 2) for p, s in [pairs[i % len(pairs)]]
    ]


def test_unlisted_wrapper_words_are_learned_from_message_edges() -> None:
    # "bro", "cheerio", "ciao" are in no list; they sit at the edges next to anything, set off
    # from the question by punctuation (at least in some messages).
    texts = _wrapped(["yo bro", "bro"], ["cheerio", "ciao bro", "ciao"])
    model = IntentModel.learn(texts)
    assert {"bro", "ciao", "cheerio"} <= model.edge_words | {
        w for clause in model.wrapper_clauses for w in clause
    }
    assert not model.edge_words & {"card", "refund", "order", "account", "app"}
    for text, question in zip(texts, QUESTIONS * 2):
        assert model.view(text).text.casefold() == question.casefold(), text


def test_an_unlisted_wrapper_clause_is_learned_but_a_repeated_question_is_not() -> None:
    sign_off = "Sent from ShopLane Messenger for Android"
    texts = [f"{q}. {sign_off}" for q in QUESTIONS] + ["my refund has not arrived yet"] * 3
    model = IntentModel.learn(texts)
    assert ("sent", "from", "shoplane", "messenger", "for", "android") in model.wrapper_clauses
    assert not any("refund" in clause for clause in model.wrapper_clauses)
    assert model.view(f"the zipper on my jacket broke. {sign_off}").text == (
        "the zipper on my jacket broke."
    )


def test_wrappers_in_layers_and_boilerplate_in_parts_are_learned() -> None:
    """A plea between a greeting and the question is at the edge once the other wrappers are
    peeled off; a mail client's note split in two clauses is one boilerplate; a long disclaimer
    is a statement though it has "are" and "any" in it."""
    rng = random.Random(1)
    plea, note, disclaimer = (
        "save me guys",
        "sent from | Mailbird Pro",
        "This message and any files are private and meant only for the recipient",
    )
    texts = []
    for i, q in enumerate(QUESTIONS * 3):
        hello = rng.choice(["hello", "hi there", "good morning"])
        parts = [hello, plea, q] if i % 2 else [q]
        if (i + i // 12) % 3 == 0:  # beside every question, not a few
            parts.append(note)
        if (i + i // 12) % 3 == 1:
            parts.append(disclaimer)
        texts.append(". ".join(parts))
    model = IntentModel.learn(texts)
    learned = {" ".join(c) for c in model.wrapper_clauses}
    assert {"save me guys", "mailbird pro", disclaimer.casefold()} <= learned, learned
    for text, question in zip(texts, QUESTIONS * 3):
        assert model.view(text).text.casefold().rstrip(".") == question.casefold(), text


def test_a_topic_word_among_wrappers_is_not_learned_when_questions_hold_it() -> None:
    """ "topup bonus" stands alone between wrappers in a few messages, but more often in the
    middle of questions: it is what people ask about, not a wrapper."""
    rng = random.Random(2)
    texts = [f"{q}. thanks mate" for q in QUESTIONS]
    for i in range(12):
        hello = rng.choice(["yo team", "morning crew", "hey folks"])
        texts.append(f"{hello}. topup bonus. {QUESTIONS[i]}. thanks mate")
    for i in range(20):
        texts.append(f"why is my topup bonus missing on day {i} again")
    model = IntentModel.learn(texts)
    assert ("topup", "bonus") not in model.wrapper_clauses


def test_learning_keeps_topic_words_on_clean_questions() -> None:
    # Questions that all end with the same topic word: it is content, not a sign-off.
    texts = [f"{verb} my {adj} order" for verb in ("cancel", "change", "track", "split", "pause")
             for adj in ("first", "last", "big", "new", "old")]  # fmt: skip
    model = IntentModel.learn(texts)
    assert "order" not in model.edge_words
    assert all(model.view(t).text == t for t in texts)


def test_pipeline_counts_non_questions_apart_and_ranks_only_questions(
    fake_embedder: object, tmp_path: object
) -> None:
    from pathlib import Path

    from kbgen.pipeline import SuggestOptions, suggest
    from kbgen.records import NO_QUESTION

    path = Path(str(tmp_path)) / "t.csv"
    rows = ["question"]
    rows += [f'"Hi, {q}, thanks"' for q in ["my parcel never arrived"] * 4]
    rows += ["ok", "thanks!", "hello?", "好的谢谢", "ขอบคุณค่ะ", "thank you", "ok"]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = suggest(path, SuggestOptions(min_size=3), embedder=fake_embedder)  # type: ignore[arg-type]
    assert result.no_question == 7
    assert result.labels.count(NO_QUESTION) == 7
    assert [issue.size for issue in result.issues] == [4]
    assert result.placed == 4 and result.long_tail == 0
    assert all("ok" != t for t in fake_embedder.texts)  # type: ignore[attr-defined]


def test_views_do_not_depend_on_what_else_is_in_a_small_export() -> None:
    # A tiny export teaches nothing: views equal the curated ones.
    texts = ["Hi, my parcel never arrived", "สวัสดีค่ะ ลืมรหัสผ่านค่ะ"]
    model = IntentModel.learn(texts)
    assert [model.view(t).text for t in texts] == [CURATED.view(t).text for t in texts]
    assert model.edge_words == frozenset() and model.wrapper_clauses == frozenset()


def test_non_question_rows_are_marked_in_assignments(
    fake_embedder: object, tmp_path: object
) -> None:
    import json
    from pathlib import Path

    from click.testing import CliRunner

    from kbgen.cli import cli

    path = Path(str(tmp_path)) / "t.csv"
    path.write_text("question\nmy parcel never arrived\nmy parcel never arrived\nthanks!\n")
    out = Path(str(tmp_path)) / "a.jsonl"
    result = CliRunner().invoke(
        cli, ["suggest", str(path), "--min-size", "2", "-q", "--assignments", str(out)]
    )
    assert result.exit_code == 0, result.output
    clusters = [json.loads(line)["cluster"] for line in out.read_text().splitlines()]
    assert clusters == [1, 1, -2]
    assert "1 message asks nothing" in result.stdout


def test_wrapped_questions_read_exactly_like_the_bare_ones() -> None:
    # The view of a wrapped question equals the view of the bare one, so both get one vector;
    # a message with nothing to take away keeps its exact wording and punctuation.
    bare = np.array([CURATED.view(f"{q}?").text for q in QUESTIONS])
    wrapped = np.array(
        [CURATED.view(f"Hello admin, {q}? Thank you so much, have a nice day!").text
         for q in QUESTIONS]
    )  # fmt: skip
    assert (bare == wrapped).all()
    for text in [
        "简单的，糖醋排骨怎么做？",
        "I paid 3.5 dollars, then 1,000 more.",
        "set an alarm for 8:10",
    ]:
        assert CURATED.view(text).text == text


@pytest.mark.parametrize(
    ("text", "core"),
    [
        ("วิไล ศรีสุข โค้ดส่วนลดหมดอายุแล้วเหรอ", "โค้ดส่วนลดหมดอายุแล้วเหรอ"),  # a Thai name, no intro
        ("ผมชื่อ ปิยะ รักไทย! เสื่อโยคะที่สั่งไปจะได้วันไหน", "เสื่อโยคะที่สั่งไปจะได้วันไหน"),
        ("搜索京东商城 郭丽", "搜索京东商城"),  # a Chinese name after a space
        ("我是会员林伟，登录不上", "登录不上"),
        ("我姓林。我收到的東西寄錯了。", "我收到的東西寄錯了。"),
        ("我係陳宜蓁,要如何重設密碼？", "要如何重設密碼？"),  # Cantonese "I am"
        ("運費是多少？ 透過WhatsApp傳送", "運費是多少？"),  # channel chatter
        ("订单编号<ORDER_ID>太原到广州的车。", "太原到广州的车。"),  # a label goes with its value
        ("手机号码：<PHONE>，怎么开发票", "怎么开发票"),
    ],
)  # fmt: skip
def test_names_and_labels_are_not_what_is_asked(text: str, core: str) -> None:
    assert CURATED.view(text).text == core


def test_a_name_alone_is_kept_when_nothing_else_is_asked() -> None:
    assert CURATED.view("郭丽").text == "郭丽"  # never silenced by a guess


def test_wrappers_are_recognised_by_meaning_even_misspelt() -> None:
    # A fake embedding that puts every thanks-like text on one axis and the rest elsewhere.
    def embed(texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), 64), dtype=np.float32)
        for i, t in enumerate(texts):
            low = t.lower()
            if any(w in low for w in ("thank", "thx", "tks", "appreciat", "cheers")):
                out[i, 0] = 1.0
            else:  # anything else: its own direction
                seed = int.from_bytes(hashlib.blake2b(low.encode(), digest_size=4).digest())
                v = np.random.default_rng(seed).normal(size=63)
                out[i, 1:] = v / np.linalg.norm(v)
        return out

    texts = ["my parcel never arrived. thank yu admin", "the app crashes. Thank yuo guys"]
    model = IntentModel().recognise(texts, embed)
    assert {"thank yu admin", "Thank yuo guys"} <= model.semantic_clauses
    assert "my parcel never arrived" not in model.semantic_clauses
    assert model.view(texts[0]).text == "my parcel never arrived."
    # Saved and loaded with the rest of what was learned.
    assert IntentModel.from_json(model.to_json()) == model
    assert IntentModel.from_json("not json") is None


def test_wrappers_are_recognised_by_meaning_only_with_the_default_model(
    fake_embedder: object, tmp_path: object
) -> None:
    # The similarity threshold was measured on the default model's cosines: another model
    # (here the fake) is never asked to embed the curated phrases.
    from pathlib import Path

    from kbgen.intent import prototypes
    from kbgen.pipeline import SuggestOptions, suggest

    path = Path(str(tmp_path)) / "t.csv"
    rows = ['"Hi, my parcel never arrived. Thank yu admin"'] * 3 + ['"ok"']
    path.write_text("question\n" + "\n".join(rows) + "\n", encoding="utf-8")
    suggest(path, SuggestOptions(min_size=2), embedder=fake_embedder)  # type: ignore[arg-type]
    embedded = set(fake_embedder.texts)  # type: ignore[attr-defined]
    assert embedded and not embedded & set(prototypes())


@pytest.mark.parametrize(
    ("text", "core"),
    [
        ("Why is my payment pending?\nOn Fri 28 Jan at 11:21 pm, Help Desk <EMAIL> wrote:\n"
         "> Hi Kai, is there anything else?", "Why is my payment pending?"),
        ("申请了退货，快递员什么时候上门取件？\n在 2025年3月21日 周六，客服 <EMAIL> 写道：\n> 您好",
         "申请了退货，快递员什么时候上门取件？"),
        ("我的貨到底什麼時候到\n於 2025年10月26日 週一，客服中心 <EMAIL> 寫道：\n> 您好",
         "我的貨到底什麼時候到"),
        ("where is my refund\nThis email and any attachments are confidential and intended "
         "solely for the addressee.", "where is my refund"),
        ("Is a new debit card free?\n\n> Is there anything else we can help with?\n"
         "> Reply above this line", "Is a new debit card free?"),
        ("my parcel never arrived\n-- \nJane | Acme Pty Ltd", "my parcel never arrived"),
    ],
)  # fmt: skip
def test_quoted_replies_signatures_and_disclaimers_are_not_the_question(
    text: str, core: str
) -> None:
    assert CURATED.view(text).text == core
