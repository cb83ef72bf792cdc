"""Reading exports: formats, encodings, column discovery and the errors users hit."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from kbgen.errors import InputError
from kbgen.read.ingest import iter_records, parse_time

ZH_HANS = "请问我的订单什么时候发货？"
ZH_HANT = "請問我的訂單什麼時候出貨？"
THAI = "สินค้าที่สั่งไปยังไม่ได้รับเลยค่ะ"


def write_csv(path: Path, rows: list[dict[str, str]], *, delimiter: str = ",", encoding="utf-8"):
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), delimiter=delimiter)
        writer.writeheader()
        writer.writerows(rows)
    return path


def texts(path: Path, **kwargs) -> list[str]:
    return [r.text for r in iter_records(path, **kwargs)]


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("utf-8", ZH_HANS + THAI),
        ("utf-8-sig", ZH_HANT),
        ("gb18030", ZH_HANS),
        ("gbk", ZH_HANS),
        ("big5", ZH_HANT),
        ("cp874", THAI),
        ("tis-620", THAI),
    ],
)
def test_reads_each_encoding_without_flags(tmp_path: Path, encoding: str, text: str) -> None:
    rows = [{"id": str(i), "question": f"{text} {i}"} for i in range(30)]
    path = write_csv(tmp_path / "t.csv", rows, encoding=encoding)
    got = texts(path)
    assert got[0] == f"{text} 0"
    assert len(got) == 30


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_sniffs_the_delimiter(tmp_path: Path, delimiter: str) -> None:
    rows = [{"id": "1", "question": "Where is my parcel, please?"}, {"id": "2", "question": "x"}]
    path = write_csv(tmp_path / "t.txt", rows, delimiter=delimiter)
    assert texts(path)[0] == "Where is my parcel, please?"


def test_tsv_by_extension(tmp_path: Path) -> None:
    path = tmp_path / "t.tsv"
    path.write_text("id\ttext\n1\thello, world; yes\n", encoding="utf-8")
    assert texts(path) == ["hello, world; yes"]


def test_jsonl_and_fields(tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    lines = [
        {"ticket": "A1", "message": "Refund please", "created": "2026-11-02T10:00:00Z",
         "reply": "Done"},
        {"ticket": "A2", "message": "退款", "created": 1762077600},
    ]  # fmt: skip
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n\n")
    records = list(iter_records(path, id_field="ticket", answer_field="reply"))
    assert [r.text for r in records] == ["Refund please", "退款"]
    assert [r.id for r in records] == ["A1", "A2"]
    assert records[0].answer == "Done" and records[1].answer is None
    assert records[0].time is not None and records[0].time.year == 2026
    assert records[1].time is not None and records[1].time.tzinfo is not None


def test_json_array_and_wrapped_array(tmp_path: Path) -> None:
    plain = tmp_path / "a.json"
    plain.write_text(json.dumps([{"text": "one"}, {"text": "two"}]))
    wrapped = tmp_path / "b.json"
    wrapped.write_text(json.dumps({"count": 2, "tickets": [{"body": "three"}]}))
    assert texts(plain) == ["one", "two"]
    assert texts(wrapped) == ["three"]


def test_subject_and_body_are_joined(tmp_path: Path) -> None:
    rows = [{"Subject": "Late parcel", "Description": "It has been 10 days.", "Status": "open"}]
    path = write_csv(tmp_path / "t.csv", rows)
    assert texts(path) == ["Late parcel\nIt has been 10 days."]


def test_text_field_names_a_column_or_several(tmp_path: Path) -> None:
    rows = [{"a": "x", "notes": "the question", "b": "more"}]
    path = write_csv(tmp_path / "t.csv", rows)
    assert texts(path, text_field="notes") == ["the question"]
    assert texts(path, text_field="notes+b") == ["the question\nmore"]


def test_dotted_path_into_nested_json(tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    path.write_text(json.dumps({"ticket": {"subject": "Nested question"}}) + "\n")
    assert texts(path, text_field="ticket.subject") == ["Nested question"]


def test_blank_rows_are_skipped_and_rows_numbered(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("id,question\n1,first\n,\n2,second\n", encoding="utf-8")
    records = list(iter_records(path))
    assert [(r.row, r.text) for r in records] == [(0, "first"), (1, "second")]


def test_huge_field_is_read(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    big = "word " * 60_000  # over csv's default 128 KiB field limit
    path.write_text(f'id,question\n1,"{big}"\n', encoding="utf-8")
    assert len(texts(path)[0]) == len(big.strip())


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x00\x01\x02binary\x00stuff" * 10, "binary"),
        (b"id,foo\n1,2\n", "no question column"),
        (b'{"text": "ok"}\n{"text": broken\n', "line 2: invalid JSON"),
        (b"[1, 2, 3]", "no objects"),
        (b'id,question\n1,"unterminated\n', "line"),
    ],
)
def test_clear_errors(tmp_path: Path, content: bytes, message: str) -> None:
    suffix = ".jsonl" if content.startswith(b'{"') else ".json" if content[:1] == b"[" else ".csv"
    path = tmp_path / f"bad{suffix}"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        list(iter_records(path))


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        list(iter_records(tmp_path / "nope.csv"))
    with pytest.raises(InputError, match="is a folder"):
        list(iter_records(tmp_path))


def test_unknown_column_lists_the_columns(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", [{"id": "1", "question": "q"}])
    with pytest.raises(InputError, match=r"no column 'body'.*columns are: id, question"):
        list(iter_records(path, text_field="body"))


def test_skip_bad_rows_in_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    path.write_text('{"text": "a"}\nnot json\n{"text": "b"}\n')
    assert texts(path, skip_bad_rows=True) == ["a", "b"]


def test_parse_time_styles() -> None:
    assert parse_time("2026-11-20").day == 20  # type: ignore[union-attr]
    assert parse_time("2026/11/20 08:30").hour == 8  # type: ignore[union-attr]
    assert parse_time("2026-11-20T08:30:00Z").tzinfo is not None  # type: ignore[union-attr]
    assert parse_time("1763600000000").year == 2025  # type: ignore[union-attr]
    assert parse_time("yesterday") is None
    assert parse_time("") is None


def test_ndjson_named_json_and_a_single_object(tmp_path: Path) -> None:
    nd = tmp_path / "export.json"
    nd.write_text('{"text": "one"}\n{"text": "two"}\n', encoding="utf-8")
    single = tmp_path / "one.json"
    single.write_text('{"id": 7, "text": "only me"}', encoding="utf-8")
    assert texts(nd) == ["one", "two"]
    assert [(r.id, r.text) for r in iter_records(single)] == [("7", "only me")]


def test_mostly_utf8_sample_is_read_as_utf8(tmp_path: Path) -> None:
    lines = [f"{i},{ZH_HANS}{i}\n".encode() for i in range(40)]
    lines[7] = f"7,{ZH_HANS}".encode("gb18030") + b"\n"
    path = tmp_path / "t.csv"
    path.write_bytes(b"id,question\n" + b"".join(lines))
    sources: list = []
    got = [r.text for r in iter_records(path, skip_bad_rows=True, source_out=sources)]
    assert sources[0].encoding == "utf-8" and sources[0].bad_rows == 1
    assert got[0] == f"{ZH_HANS}0" and len(got) == 39


def test_parse_time_helpdesk_styles() -> None:
    assert parse_time("2026-11-20 08:30:00 UTC").utcoffset().total_seconds() == 0  # type: ignore[union-attr]
    assert parse_time("²") is None and parse_time("9" * 40) is None
