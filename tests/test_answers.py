"""Answers that generalise: one-off signals in four languages, the common reply over a one-off,
formatting kept, greeting and sign-off cut, a to-do with candidates, bounded embedding cost."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kbgen.cli import cli
from kbgen.content import answers
from kbgen.content.answers import STRONG, choose, signals, tidy, to_markdown
from kbgen.content.draft import TODO_MARKER, answer_body, todo_body
from kbgen.records import Issue, Question
from tests.conftest import REFUND, FakeEmbedder

# --- signals ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reply", "flag"),
    [
        ("Orders can be changed until packed. I've cancelled order {{Order Number}} for you.",
         "action"),
        ("We have refunded the full amount to your card.", "action"),
        ("订单未出库前可以取消或修改，已为您处理，退款会原路返回。", "action"),
        ("折價券需達使用門檻，已為您手動補差額。", "action"),
        ("ออเดอร์ที่ยังไม่ได้แพ็คสามารถยกเลิกได้ค่ะ แอดมินดำเนินการให้เรียบร้อยแล้วนะคะ", "action"),
        ("Thanks! I've passed it to the right team and we'll get back to you soon.", "escalation"),
        ("已幫您轉交相關部門，會在1個工作天內回覆您。", "escalation"),
        ("已经帮您转给相关同事，会在1个工作日内回复您。", "escalation"),
        ("แอดมินส่งเรื่องให้ทีมที่เกี่ยวข้องแล้ว จะติดต่อกลับภายใน 1 วันทำการค่ะ", "escalation"),
        ("Could you please provide me with the order number?", "request"),
        ("请提供您的订单号。", "request"),
        ("請提供訂單編號，謝謝。", "request"),
        ("รบกวนแจ้งเลขคำสั่งซื้อด้วยค่ะ", "request"),
        ("Your order 7322013499 is on its way.", "id"),
        ("We sent the label to <EMAIL>.", "mask"),
        ("Mr. Smith, the refund takes 5 days.", "name"),
        ("王先生，退款需要5天。", "name"),
        ("Refunds go to {{Payment Method}} in 5 days.", "placeholder"),
    ],
)  # fmt: skip
def test_one_off_signals(reply: str, flag: str) -> None:
    assert flag in signals(reply)


@pytest.mark.parametrize(
    "reply",
    [
        "You can return unused items within 30 days: go to My Orders > Return item.",
        "If the order hasn't shipped yet we can update the address: reply with the new address.",
        "退款已原路退回，银行卡一般3-7个工作日到账，支付宝/微信一般1-2天，请您留意。",
        "物流信息揽收后最长需要48小时更新，如仍无更新请回复我们，我们会联系快递公司核查。",
        "全館滿990元免運，一般2-3個工作天送達，離島及海外運費依結帳頁面顯示為準。",
        "ทางเราคืนเงินเข้าช่องทางเดิมที่ชำระแล้วค่ะ บัตรเครดิตใช้เวลา 7-14 วันทำการ",
        "ขอบคุณที่สอบถามค่ะ สามารถขอคืนสินค้าได้ภายใน 15 วันค่ะ",
    ],
)
def test_general_replies_carry_no_one_off_signal(reply: str) -> None:
    assert not signals(reply) & STRONG


# --- greeting, sign-off, formatting -----------------------------------------------------------


@pytest.mark.parametrize(
    ("reply", "kept"),
    [
        ("Hi Jane,\n\nRefunds take 5 days.\n\nBest regards,\nAnna", "Refunds take 5 days."),
        ("Dear customer, refunds take 5 days. Have a nice day!", "Refunds take 5 days."),
        ("您好，退款已原路退回，一般3-7个工作日到账。祝您生活愉快！",
         "退款已原路退回，一般3-7个工作日到账。"),
        ("親，退款約需7-14個工作天入帳。謝謝您", "退款約需7-14個工作天入帳。"),
        ("สวัสดีค่ะคุณลูกค้า สามารถขอคืนสินค้าได้ภายใน 15 วันค่ะ ขอบคุณค่ะ",
         "สามารถขอคืนสินค้าได้ภายใน 15 วันค่ะ"),
    ],
)  # fmt: skip
def test_greeting_and_sign_off_are_cut(reply: str, kept: str) -> None:
    assert tidy(reply)[0] == kept


def test_a_signature_line_under_the_reply_is_cut_but_content_lines_stay() -> None:
    assert tidy("签收后7天内可申请退货。\n客服小美")[0] == "签收后7天内可申请退货。"
    assert tidy("签收后7天内可申请退货。 客服小美")[0] == "签收后7天内可申请退货。"
    assert tidy("Refunds take 5 days.\nSupport team")[0] == "Refunds take 5 days."
    steps = "Steps:\n1. Open Orders\n2. Tap Save"
    assert tidy(steps)[0] == steps


def test_greeting_naming_the_customer_is_noticed() -> None:
    text, named = tidy("Hi Jane,\nRefunds take 5 days.")
    assert text == "Refunds take 5 days." and named


def test_formatting_is_kept_as_markdown() -> None:
    reply = (
        "Here's how to reset it:\n1. Open Settings\n2) Tap Reset\n"
        "Still stuck?\nWrite to us.\n\n# not a heading <EMAIL>"
    )
    md = to_markdown(reply)
    assert "Here's how to reset it:\n\n1. Open Settings\n2. Tap Reset\n\nStill stuck?" in md
    assert "Still stuck?\n\nWrite to us." in md  # one line each, never run together
    assert "\\# not a heading `<EMAIL>`" in md  # no heading, no HTML tag eating the mask


def test_answer_body_keeps_steps_and_marks_placeholders() -> None:
    body = answer_body("Steps:\n1. Log in to {{Website}}\n2. Open Orders")
    assert "Steps:\n\n1. Log in to {{Website}}\n2. Open Orders\n" in body
    assert TODO_MARKER in body


# --- choosing -----------------------------------------------------------------------------

COMMON = "Refunds reach your card 5-7 days after we receive the return.\nKeep the receipt."


def _issue(replies: list[str | None], lang: str = "en") -> tuple[Issue, list[Question]]:
    questions = [
        Question(i, REFUND[i % len(REFUND)], lang=lang, answer=a) for i, a in enumerate(replies)
    ]
    members = list(range(len(questions)))
    return Issue(1, len(members), 1.0, REFUND[0], ["refund"], members=members,
                 examples=REFUND[:3]), questions  # fmt: skip


def _embed(fake: FakeEmbedder):  # noqa: ANN202 - a callable like the pipeline's
    return lambda texts: fake.embed(texts)


def test_the_common_reply_wins_over_one_off_actions() -> None:
    one_off = "I've cancelled order {{Order Number}} for you and refunded it."
    issue, questions = _issue([one_off, one_off, one_off, COMMON, COMMON, "Hi Tom,\n" + COMMON])
    choice = choose(issue, questions, _embed(FakeEmbedder()), "en")
    assert choice.answer == COMMON  # "Hi Tom," cut: three tickets got it, more than the action


def test_a_reply_greeting_by_name_gives_way_to_the_same_reply_without() -> None:
    other = "Parcels go back free for a month.\nUse any post office."  # sorts after COMMON
    issue, questions = _issue(["Hi Tom,\n" + other, "Hi Ann,\n" + other, COMMON, COMMON])
    choice = choose(issue, questions, _embed(FakeEmbedder()), "en")
    assert choice.answer == COMMON  # as common, but the other one addressed people by name
    named = next(r for r in choice.replies if r.text == other)
    assert "addressed" in named.flags


def test_a_singleton_reply_does_not_generalise() -> None:
    issue, questions = _issue([COMMON, "Please wait, I will check with the warehouse.", None])
    choice = choose(issue, questions, _embed(FakeEmbedder()), "en")
    assert choice.answer is None
    assert set(choice.candidates) == {COMMON, "Please wait, I will check with the warehouse."}


def test_todo_lists_candidates_when_nothing_generalises() -> None:
    action = "I've cancelled order <ORDER_ID> for you."
    issue, questions = _issue([action, action, "已幫您轉交相關部門，會在1個工作天內回覆您。"])
    choice = choose(issue, questions, _embed(FakeEmbedder()), "en")
    assert choice.answer is None and choice.candidates[0] == action
    body = todo_body(issue, choice.candidates)
    assert body.startswith(TODO_MARKER)
    assert "> I've cancelled order `<ORDER_ID>` for you." in body  # quoted, mask kept visible
    assert REFUND[0] in body


def test_translations_support_each_other_but_only_the_entry_language_is_published() -> None:
    zh = "退款会在收到退货后5-7天内退回您的银行卡。"
    issue, questions = _issue([zh, zh, COMMON, COMMON])
    for q in questions[:2]:
        q.lang = "zh-Hans"
    assert choose(issue, questions, _embed(FakeEmbedder()), "zh-Hans").answer == zh
    assert choose(issue, questions, _embed(FakeEmbedder()), "en").answer == COMMON


def test_only_a_bounded_sample_of_replies_is_embedded() -> None:
    long_tail = [" ".join(f"w{i}x{j}" for j in range(400)) for i in range(300)]  # long, distinct
    issue, questions = _issue(long_tail + [COMMON] * 5)
    fake = FakeEmbedder()
    choice = choose(issue, questions, _embed(fake), "en")
    assert choice.answer == COMMON
    assert fake.embedded <= answers.SAMPLE_PER_GROUP
    assert max(len(t) for t in fake.texts) <= answers.EMBED_CHARS
    again = FakeEmbedder()
    choose(issue, questions, _embed(again), "en")
    assert again.texts == fake.texts  # the sample is seeded: reruns embed the same texts


# --- end to end -----------------------------------------------------------------------------

STEPS = (
    "Hi {name},\n\nTo get a refund:\n1. Open My Orders\n2. Choose Return item\n\n"
    "Best regards,\nAnna"
)


def _tickets(path: Path) -> Path:
    rows = []
    for i, text in enumerate(REFUND):
        reply = STEPS.format(name=["Jane", "Tom", "Lee", "Ann", "Bob", "Kim", "Max"][i])
        if i == 3:
            reply = "I've refunded order 732201349959 for you."
        rows.append((f"R{i}", f"2026-11-{10 + i:02d}", text, reply))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["ticket_id", "created_at", "question", "answer"])
        writer.writerows(rows)
    return path


def test_suggest_write_publishes_the_common_reply_with_its_steps(
    fake_embedder: FakeEmbedder, tmp_path: Path
) -> None:
    tickets, content = _tickets(tmp_path / "t.csv"), tmp_path / "content"
    result = CliRunner().invoke(
        cli, ["suggest", str(tickets), "--content", str(content), "--min-size", "3", "-f", "json",
              "--write"],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    path = json.loads(result.stdout)["issues"][0]["coverage"]["path"]
    body = Path(path).read_text(encoding="utf-8").split("---\n", 2)[2]
    assert body == "To get a refund:\n\n1. Open My Orders\n2. Choose Return item\n"
    assert TODO_MARKER not in body


def test_the_drafting_progress_bar_moves(fake_embedder: FakeEmbedder, tmp_path: Path) -> None:
    import contextlib

    from kbgen.pipeline import SilentReporter, SuggestOptions, suggest

    steps: list[int] = []

    class Recorder(SilentReporter):
        @contextlib.contextmanager
        def progress(self, label: str, total: int):  # noqa: ANN201
            yield steps.append if label == "Drafting" else (lambda n: None)

    options = SuggestOptions(content_dir=tmp_path / "content", write=True, min_size=3)
    result = suggest(_tickets(tmp_path / "t.csv"), options, reporter=Recorder())
    assert steps == [1] * len(result.issues) and steps
