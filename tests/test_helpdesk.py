"""Helpdesk exports read directly: Zendesk, Freshdesk, Intercom, .eml folders and mbox."""

from __future__ import annotations

import json
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from kbgen.cli import cli
from kbgen.errors import InputError
from kbgen.privacy.ticket_ids import message_id_token
from kbgen.read.helpdesk import html_to_text, strip_reply
from kbgen.read.ingest import Record, Source, iter_records

FIXTURES = Path(__file__).parent / "fixtures" / "helpdesk"
# Contact details that live only in metadata columns or headers: never part of a question.
METADATA_ONLY = ["Jane Doe", "王小明", "สมชาย ใจดี", "陳美玲", "Alex Agent", "u_8812", "77001"]


def read(path: Path, **kwargs) -> tuple[list[Record], Source]:
    sources: list[Source] = []
    records = list(iter_records(path, source_out=sources, **kwargs))
    return records, sources[0]


def all_text(records: list[Record]) -> str:
    return "\n".join(f"{r.text}\n{r.answer or ''}" for r in records)


def test_zendesk_document_with_users() -> None:
    records, source = read(FIXTURES / "zendesk_tickets.json")
    assert source.format == "zendesk"
    assert [r.id for r in records] == ["35436", "35437", "35438", "35439"]
    first = records[0]
    assert first.text.startswith("Refund not received\nHi, I returned my order")
    # The internal note comes first but is private; the public agent reply is the answer.
    assert first.answer is not None and first.answer.startswith("Refunds reach your card")
    assert "VIP" not in all_text(records)
    # An admin's HTML reply becomes plain text.
    assert records[1].answer == "您好，仓库收到退货后 5 个工作日内退款。"
    # No description: the requester's first comment is the question.
    assert records[2].text == "ยังไม่ได้รับพัสดุ\nสั่งของไปสิบวันแล้วยังไม่ได้รับเลยค่ะ เบอร์ 081 234 5678"
    assert records[2].time is not None and records[2].time.utcoffset() == timedelta(hours=7)
    assert records[3].answer is None  # nobody answered yet
    for name in METADATA_ONLY:
        assert name not in all_text(records)


def test_zendesk_ndjson_export_infers_agents_from_requester() -> None:
    records, source = read(FIXTURES / "zendesk_export.json")
    assert source.format == "zendesk"
    assert [r.id for r in records] == ["35436", "35437", "35438"]
    assert records[0].answer is not None and records[0].answer.startswith("Refunds reach")
    assert records[2].answer == "ขออภัยค่ะ พัสดุจะถึงภายใน 2 วันทำการ"


def test_zendesk_inline_author_role_and_forced_format(tmp_path: Path) -> None:
    ticket = {
        "id": 7,
        "subject": "Coupon",
        "comments": [
            {"author": {"role": "end-user"}, "body": "My coupon code fails", "public": True},
            {"author": {"role": "agent"}, "body": "It expired yesterday", "public": True},
        ],
    }
    path = tmp_path / "export.txt"  # no Zendesk hints in name or keys: forced
    path.write_text(json.dumps([ticket]), encoding="utf-8")
    records, source = read(path, fmt="zendesk")
    assert source.format == "zendesk"
    assert records[0].text == "Coupon\nMy coupon code fails"
    assert records[0].answer == "It expired yesterday"


def test_freshdesk_csv() -> None:
    records, source = read(FIXTURES / "freshdesk_tickets.csv")
    assert source.format == "freshdesk"
    assert source.fields is not None and source.fields.text == ["Subject", "Description"]
    assert [r.id for r in records] == ["1041", "1042", "1043"]
    assert records[0].text.startswith("Cannot log in\nI forgot my password")
    assert records[1].time is not None and (records[1].time.hour, records[1].time.minute) == (14, 2)
    assert all(r.answer is None for r in records)
    text = all_text(records)
    for name in METADATA_ONLY + ["+1 415 555 0132"]:  # Work phone column
        assert name not in text


def test_freshdesk_columns_can_still_be_overridden() -> None:
    records, _ = read(FIXTURES / "freshdesk_tickets.csv", text_field="Subject")
    assert [r.text for r in records] == ["Cannot log in", "密码重置邮件收不到", "ลืมรหัสผ่าน"]


def test_intercom_csv() -> None:
    records, source = read(FIXTURES / "intercom_conversations.csv")
    assert source.format == "intercom"
    assert records[0].text == (
        "Where is my parcel? Tracking says delivered but nothing here.\n\n"
        "Call me on +1 415 555 0132"
    )
    assert records[0].answer == "Sorry about that! I have opened a claim with the courier."
    assert records[1].text.startswith("包裹顯示已送達\n")  # subject + first message
    assert "&amp;" not in records[2].text and "&" in records[2].text
    assert records[2].time is not None and records[2].time.day == 4
    assert [r.id for r in records] == ["215467890123", "215467890124", "215467890125"]
    for name in METADATA_ONLY:
        assert name not in all_text(records)


def test_input_format_overrides_detection() -> None:
    with pytest.raises(InputError, match="no question column"):
        read(FIXTURES / "intercom_conversations.csv", fmt="csv")


def test_eml_folder_decodes_charsets_and_cuts_replies() -> None:
    records, source = read(FIXTURES / "emails")
    assert source.format == "eml"
    texts = [r.text for r in records]
    assert texts[0] == (
        "Refund not received\nHi team,\n\nI still have not received my refund for the returned "
        "order.\nYou can reach me on +1 415 555 0132."
    )
    assert texts[1].startswith("退款还没到账\n你好，\n我上周退货了")  # gb2312, base64 + subject
    assert texts[2].startswith("請問可以開發票嗎\n您好，請問可以開立統一編號的發票嗎？")  # big5
    assert texts[3].startswith("ยังไม่ได้รับพัสดุ\nสวัสดีค่ะ")  # tis-620 quoted-printable
    assert texts[4].startswith("Change delivery address\nCan I change")  # HTML only, "Fwd:" cut
    joined = "\n".join(texts)
    for gone in ("wrote:", "写道", "已收到退货", "> Thanks", "iPhone", "color:red", "Jane Doe"):
        assert gone not in joined
    # The Message-ID names the sender's host: an opaque, stable token (issue 13).
    assert records[0].id == message_id_token("<CAF8x1kq2026110209150001@mail.example.com>")
    assert records[0].id.startswith("msg-") and "example" not in records[0].id
    assert records[1].time is not None and records[1].time.utcoffset() == timedelta(hours=8)


def test_single_eml_file(tmp_path: Path) -> None:
    records, source = read(FIXTURES / "emails" / "03-zh-hant-big5.eml")
    assert source.format == "eml" and len(records) == 1
    assert "統一編號" in records[0].text
    # Any name works when the format is given.
    path = tmp_path / "message.txt"
    shutil.copy(FIXTURES / "emails" / "01-en-reply.eml", path)
    assert read(path, fmt="eml")[0][0].text.startswith("Refund not received")


def test_mbox(tmp_path: Path) -> None:
    records, source = read(FIXTURES / "support.mbox")
    assert source.format == "mbox"
    assert [r.id for r in records] == [
        message_id_token(f"<mbox.{i}@mail.example.com>") for i in range(3)
    ]
    assert "\nFrom what the tracking says" in records[0].text  # mboxrd ">From" undone
    assert records[1].text == "包裹还没到，已经十天了。手机 13800138000"  # gbk body
    plain = tmp_path / "Inbox"  # no suffix: recognised by its "From " line
    shutil.copy(FIXTURES / "support.mbox", plain)
    assert len(read(plain)[0]) == 3


def test_not_an_mbox(tmp_path: Path) -> None:
    path = tmp_path / "x.mbox"
    path.write_text("Subject: hi\n\nbody\n", encoding="utf-8")
    with pytest.raises(InputError, match="not an mbox"):
        read(path)


def test_folder_without_eml_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    with pytest.raises(InputError, match="is a folder"):
        read(tmp_path)
    with pytest.raises(InputError, match="no .eml files"):
        read(tmp_path, fmt="eml")


def test_strip_reply_and_html() -> None:
    body = "Thanks!\n\n-----Original Message-----\nFrom: a@example.com\nold text"
    assert strip_reply(body) == "Thanks!"
    assert strip_reply("ขอบคุณค่ะ\nเมื่อ 2 พ.ย. 2569 support เขียนว่า:\n> เก่า") == "ขอบคุณค่ะ"
    # Other signature separators, helpdesk markers and confidentiality disclaimers.
    assert strip_reply("Refund please\n——\n王小明 | ShopB") == "Refund please"
    assert strip_reply("Refund please\n-- Jane | Acme") == "Refund please"
    assert strip_reply("Refund please\n##- Please type your reply above this line -##\nold") == (
        "Refund please"
    )
    disclaimer = "This e-mail and any attachments are confidential. If you are not the addressee"
    assert strip_reply(f"Refund please\n{disclaimer}") == "Refund please"
    assert strip_reply("退款\n本邮件及其附件含有保密信息，仅限收件人使用") == "退款"
    assert strip_reply("Refund please\n- one item was broken") != "Refund please"  # a list item
    assert html_to_text("<p>a&nbsp;b</p><script>x()</script><p>c</p>") == "a\xa0b\n\nc"


def test_cli_accepts_helpdesk_input_formats(fake_embedder, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["suggest", str(FIXTURES / "zendesk_tickets.json"), "--input-format", "zendesk",
              "-f", "json", "-q", "--content", str(tmp_path / "content")],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["total"] == 4
    result = CliRunner().invoke(cli, ["suggest", "x.csv", "--input-format", "outlook"])
    assert result.exit_code == 2
