"""Hostile and broken input: one clear InputError or a counted skip, never a traceback."""

from __future__ import annotations

import inspect
import json
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kbgen import pipeline
from kbgen.cli import cli
from kbgen.errors import InputError
from kbgen.privacy.redact import Redactor
from kbgen.read import ingest
from kbgen.read.ingest import FORMATS, MAX_TEXT_CHARS, Record, Source, clean_text, iter_records
from tests.conftest import REFUND, FakeEmbedder


def read(path: Path, **kwargs) -> tuple[list[Record], Source]:
    sources: list[Source] = []
    records = list(iter_records(path, source_out=sources, **kwargs))
    return records, sources[0]


def suggest(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["suggest", *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".jsonl", ".json", ".eml", ".mbox"])
def test_empty_file_in_every_format(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(b"\xef\xbb\xbf \r\n")
    with pytest.raises(InputError, match="empty"):
        read(path)


def test_header_only_is_one_clear_error(fake_embedder: FakeEmbedder, tmp_path: Path) -> None:
    path = tmp_path / "freshdesk.csv"
    path.write_text('"Ticket ID","Subject","Description","Status","Priority","Created time"\n')
    assert read(path)[0] == []
    code, out, err = suggest(str(path))
    assert code == 1 and err == f"Error: {path}: no questions found\n" and out == ""


@pytest.mark.parametrize(
    "content",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(200),
    ],
)
@pytest.mark.parametrize("suffix", [".csv", ".json", ".eml"])
def test_binary_file(tmp_path: Path, content: bytes, suffix: str) -> None:
    path = tmp_path / f"export{suffix}"
    path.write_bytes(content)
    with pytest.raises(InputError, match="binary"):
        read(path)


def test_wrong_delimiter_says_so(tmp_path: Path) -> None:
    path = tmp_path / "t.tsv"  # the suffix promises tabs; the file has semicolons
    path.write_text("id;question\n1;Where is my parcel\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"columns are: id;question \(one column: is the delim"):
        read(path)


def test_unterminated_quote_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text('id,question\n1,fine\n2,"never closed\n3,more\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"t\.csv line 4: unexpected end of data"):
        read(path)


def test_unterminated_quote_in_a_big_file_stops_at_the_field_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest, "MAX_FIELD_BYTES", 1000)
    path = tmp_path / "t.csv"
    path.write_text('id,question\n1,"oops\n' + "2,a normal row\n" * 200, encoding="utf-8")
    with pytest.raises(InputError, match=r"line \d+: field larger than field limit.*unterminated"):
        read(path)


def test_old_mac_line_endings_are_explained(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"id,question\r1,hello\r2,world\r")
    with pytest.raises(InputError, match="line break inside a field that is not quoted"):
        read(path)


def test_invalid_json_lines_numbered_or_counted(
    fake_embedder: FakeEmbedder, tmp_path: Path
) -> None:
    lines = [json.dumps({"text": q}) for q in REFUND]
    lines[2] = '{"text": "cut off'
    lines[4] = "[1, 2]"
    path = tmp_path / "t.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"t\.jsonl line 3: invalid JSON"):
        read(path)
    records, source = read(path, skip_bad_rows=True)
    assert len(records) == len(REFUND) - 2 and source.bad_rows == 2
    code, _, err = suggest(str(path), "--skip-bad-rows", "--min-size", "3")
    assert code == 0 and "skipped 2 unreadable rows" in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{\n  "tickets": [\n    {"text": "a"},\n  ]\n}', r"line 4: invalid JSON"),
        ("[" * 100_000, "nested too deeply"),
        ('[{"text": "a", "n": ' + "9" * 5000 + "}]", "invalid JSON"),
        ('{"a": 1}', "array of objects|no question column"),
    ],
)
def test_broken_json_documents(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "t.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read(path)


def test_ten_megabyte_question_is_cut_and_counted(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    huge = "My parcel is late. " * (10 * 1024 * 1024 // 19)
    path.write_text(f'id,question\n1,"{huge}"\n2,short one\n', encoding="utf-8")
    records, source = read(path)
    assert len(records[0].text) == MAX_TEXT_CHARS and records[1].text == "short one"
    assert source.long_texts == 1
    assert any("longer than 1,000,000 characters" in note for note in source.notes())


@pytest.mark.skipif(
    "source.notes()" not in inspect.getsource(pipeline.read_questions),
    reason="pipeline.read_questions does not print Source.notes() yet",
)
def test_ten_megabyte_question_warns_on_the_cli(
    fake_embedder: FakeEmbedder, tmp_path: Path
) -> None:
    path = tmp_path / "t.jsonl"
    rows = [{"text": "refund " * 2_000_000}] + [{"text": q} for q in REFUND]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    code, _, err = suggest(str(path), "--min-size", "3")
    assert code == 0 and "1 questions were longer than 1,000,000 characters" in err


def test_control_bidi_and_zero_width_characters_cannot_hide_pii(tmp_path: Path) -> None:
    hidden = (
        "Refund\x00 please\x07, write to ja\u200bne.d\u2060oe@exam\u00adple.com or "
        "call +1 415\u200e 555\u202e 0132\r\nthanks\x1b[31m \U000e0041"
    )
    path = tmp_path / "t.jsonl"
    path.write_text(json.dumps({"text": hidden, "id": "A\u200b1"}) + "\n", encoding="utf-8")
    [record], _ = read(path)
    assert record.text == (
        "Refund please, write to jane.doe@example.com or call +1 415 555 0132\nthanks[31m"
    )
    assert record.id == "A1"
    masked = Redactor().redact(record.text).text
    assert "<EMAIL>" in masked and "<PHONE>" in masked and "example.com" not in masked


def test_zero_width_joiner_kept_only_inside_emoji() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert clean_text(f"{family} pay\u200dment \u2028 next") == f"{family} payment \n next"


def test_mixed_encodings_name_the_line_or_are_skipped(tmp_path: Path) -> None:
    good = [f"{i},请问我的订单 {i} 什么时候发货？\n".encode() for i in range(300)]
    good[150] = "150,Café crème, où est ma commande?\n".encode("cp1252")
    good[200] = "200,退款还没到账\n".encode("gb18030")
    path = tmp_path / "t.csv"
    path.write_bytes(b"id,question\n" + b"".join(good))
    with pytest.raises(InputError, match=r"t\.csv line 152: not valid utf-8 text"):
        read(path)
    records, source = read(path, skip_bad_rows=True)
    assert source.encoding == "utf-8" and source.bad_rows == 2 and len(records) == 298
    assert all("\ufffd" not in r.text for r in records)


def test_mixed_encodings_in_jsonl_are_skipped_by_line(tmp_path: Path) -> None:
    lines = [json.dumps({"text": f"สินค้า {i}"}, ensure_ascii=False).encode() for i in range(20)]
    lines[5] = (
        json.dumps({"text": "สินค้า"}, ensure_ascii=False)
        .encode("utf-8")
        .replace("สินค้า".encode(), "สินค้า".encode("cp874"))
    )
    path = tmp_path / "t.jsonl"
    path.write_bytes(b"\n".join(lines))
    with pytest.raises(InputError, match="line 6: not valid utf-8"):
        read(path)
    records, source = read(path, skip_bad_rows=True)
    assert (len(records), source.bad_rows) == (19, 1)


def test_unreadable_email_in_a_folder(tmp_path: Path) -> None:
    (tmp_path / "a.eml").write_text("Subject: Refund\n\nWhere is my refund?\n", encoding="utf-8")
    (tmp_path / "b.eml").write_bytes(b"\x00\x01binary" * 10)
    with pytest.raises(InputError, match=r"b\.eml: looks like a binary file"):
        read(tmp_path)
    records, source = read(tmp_path, skip_bad_rows=True)
    assert [r.text for r in records] == ["Refund\nWhere is my refund?"] and source.bad_rows == 1


# --- fuzzing -----------------------------------------------------------------------------------

PREFIXES = [
    b"",
    b"id,question\n",
    b'"Ticket ID","Subject","Description","Status","Created time"\n',
    b"Conversation ID,Created at,Initial message\n",
    b'{"text": "',
    b'{"subject": "a", "description": "b", "via": {}, "comments": [',
    b'{"tickets": [{"subject": "s", "description": "d", "author_id": 1, "public": true, ',
    b"From a@example.com Sat Nov  7 00:00:00 2026\nSubject: ",
    b"Content-Type: multipart/mixed; boundary=x\n\n--x\nContent-Type: text/plain; charset=",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    prefix=st.sampled_from(PREFIXES),
    body=st.binary(max_size=600),
    suffix=st.sampled_from([".csv", ".tsv", ".jsonl", ".json", ".eml", ".mbox", ".txt"]),
    fmt=st.sampled_from([None, None, None, *FORMATS]),
    skip=st.booleans(),
)
def test_fuzz_readers_raise_only_input_error(
    prefix: bytes, body: bytes, suffix: str, fmt: str | None, skip: bool
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"export{suffix}"
        path.write_bytes(prefix + body)
        try:
            for record in iter_records(path, fmt=fmt, skip_bad_rows=skip):
                assert isinstance(record.text, str) and len(record.text) <= MAX_TEXT_CHARS
                assert "\x00" not in record.text and "\u202e" not in record.text
        except InputError as exc:
            assert "\n" not in str(exc)  # one line for the CLI
