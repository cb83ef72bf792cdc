"""Ingest stage: read exported support questions from CSV/TSV, JSONL, JSON or a helpdesk export.

Files are streamed: the encoding is detected from a sample, then the file is decoded line by
line as it is read, so a large export does not have to fit in memory and a line in another
encoding is reported by its number. Helpdesk formats (Zendesk, Freshdesk, Intercom, e-mail)
live in kbgen/read/helpdesk.py, decoding and text cleaning in kbgen/read/textio.py; this
module holds the generic readers and the Record/Source types every reader fills.

Every text is cleaned before it leaves here (see textio.clean_text: invisible characters can
hide an e-mail address from the redactor), and over-long questions are cut and counted.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from kbgen.errors import InputError
from kbgen.read.columns import (
    Fields,
    choose_fields,
    not_text,
    parse_time,
)
from kbgen.read.textio import (
    Lines,
    check_sample,
    clean_text,
    detect_encoding,
    load_json,
    read_text,
    wide_encoding,
)

__all__ = ["FORMATS", "Record", "Source", "clean_text", "iter_records", "parse_time"]

SAMPLE_BYTES = 256 * 1024
GENERIC_FORMATS = ("csv", "tsv", "jsonl", "json")
HELPDESK_FORMATS = ("zendesk", "freshdesk", "intercom", "eml", "mbox")
FORMATS = GENERIC_FORMATS + HELPDESK_FORMATS
# Questions are cut here (the embedder reads only the first 2,000 characters anyway); the cut
# keeps a pasted log or a 10 MB mail from stalling redaction (about 1 s per million characters).
MAX_TEXT_CHARS = 1_000_000
# A CSV field may be this big; larger usually means an unterminated quote swallowed the file.
MAX_FIELD_BYTES = 64 * 1024 * 1024


# --- what was read -----------------------------------------------------------------------------


@dataclass(slots=True)
class Record:
    """One data row as read, before redaction. `row` is the 0-based data row number."""

    row: int
    text: str
    id: str | None = None
    time: datetime | None = None
    answer: str | None = None


@dataclass(slots=True)
class Source:
    """What the reader learnt about a file; filled in as the file is read."""

    path: Path
    format: str = ""
    encoding: str = ""
    fields: Fields | None = None
    columns: list[str] = field(default_factory=list)
    bad_times: int = 0
    bad_rows: int = 0
    long_texts: int = 0  # questions cut to MAX_TEXT_CHARS
    not_text: int = 0  # rows whose question is a number or true/false: skipped

    def notes(self) -> list[str]:
        """Diagnostics beyond bad_rows and bad_times, one line each, for the reporter."""
        lines = []
        if self.not_text:
            lines.append(
                f"skipped {self.not_text} rows whose question is a number or true/false, not text"
            )
        if self.long_texts:
            lines.append(
                f"{self.long_texts} questions were longer than {MAX_TEXT_CHARS:,} characters and "
                "were cut; only the start of a question is embedded"
            )
        return lines

    def record(
        self,
        row: int,
        text: str,
        *,
        id: str | None = None,
        time: datetime | None = None,
        answer: str | None = None,
    ) -> Record:
        """Build a cleaned, length-capped record; every reader goes through here."""
        text = clean_text(text)
        if len(text) > MAX_TEXT_CHARS:
            self.long_texts += 1
            text = text[:MAX_TEXT_CHARS]
        answer = clean_text(answer)[:MAX_TEXT_CHARS] if answer else ""
        ident = clean_text(id) if id else ""
        return Record(row=row, text=text, id=ident or None, time=time, answer=answer or None)


# --- opening and decoding ----------------------------------------------------------------------


def _sniff_format(path: Path, sample: str) -> str:
    suffix = path.suffix.lower()
    if suffix in {".jsonl", ".ndjson"}:
        return "jsonl"
    if suffix == ".tsv":
        return "tsv"
    stripped = sample.lstrip("\ufeff \t\r\n")
    if stripped[:1] == "{":
        # One object per line (Zendesk's full export is NDJSON even when named .json).
        first, _, rest = stripped.partition("\n")
        try:
            one_per_line = isinstance(json.loads(first), dict) and rest.lstrip()[:1] == "{"
        except (ValueError, RecursionError):
            one_per_line = False
        return "jsonl" if one_per_line else "json"
    if suffix == ".json" or stripped[:1] == "[":
        return "json"
    return "csv"


def open_source(
    path: Path, fmt: str | None = None, on_wait: Callable[[str], None] | None = None
) -> tuple[Source, IO[bytes] | None]:
    """Check the input, detect encoding and format; return the raw stream (None for a folder).

    `path` may be "-" (standard input), a pipe or a FIFO: see kbgen/read/stream.py.
    """
    from kbgen.read import helpdesk
    from kbgen.read.stream import STDIN, open_input

    if fmt is not None and fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    if str(path) != STDIN:
        if path.is_symlink() and not path.exists():
            raise InputError(f"{path}: a broken symbolic link (to {os.readlink(path)})")
        if not path.exists():
            raise InputError(f"{path}: no such file")
        if path.is_dir():
            if fmt in (None, "eml") and (fmt == "eml" or helpdesk.has_eml(path)):
                return Source(path=path, format="eml"), None
            raise InputError(f"{path}: is a folder, not a ticket export file (or a folder of .eml)")
    raw, shown = open_input(path, on_wait)
    path = shown
    try:
        sample = raw.read(SAMPLE_BYTES)
        wide = wide_encoding(sample)
        check_sample(sample, path, wide=wide is not None)
        if fmt in ("eml", "mbox") or (fmt is None and not wide and helpdesk.is_email(path, sample)):
            source = Source(path=path, format=fmt or helpdesk.email_format(path, sample))
            raw.seek(0)
            return source, raw
        encoding = detect_encoding(sample, path)
        head = sample.decode(encoding, errors="ignore")
        generic = _sniff_format(path, head)
        if fmt is None:
            fmt = helpdesk.sniff(generic, head) or generic
        raw.seek(0)
    except OSError as exc:
        raw.close()
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except BaseException:
        raw.close()
        raise
    return Source(path=path, format=fmt, encoding=encoding), raw


# --- columns -----------------------------------------------------------------------------------


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        try:
            return json.dumps(value, ensure_ascii=False)
        except RecursionError:
            return ""
    return str(value).strip()


def _lookup(obj: dict[str, Any], key: str) -> Any:
    """Top-level key, or a dotted path into nested objects (e.g. `ticket.subject`)."""
    if key in obj:
        return obj[key]
    value: Any = obj
    for part in key.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def text_cells(values: list[Any], source: Source) -> str | None:
    """The question's parts joined, or None (counted) when every part is a number or boolean."""
    parts = [cell(v) for v in values if not not_text(v)]
    text = "\n".join(p for p in parts if p)
    if not text and any(not_text(v) for v in values):
        source.not_text += 1
        return None
    return text


def _record(row: int, obj: dict[str, Any], fields: Fields, source: Source) -> Record | None:
    text = text_cells([_lookup(obj, f) for f in fields.text], source)
    if text is None:
        return None
    time = None
    if fields.time:
        raw = _lookup(obj, fields.time)
        time = parse_time(raw)
        if time is None and raw not in (None, ""):
            source.bad_times += 1
    answer = cell(_lookup(obj, fields.answer)) if fields.answer else ""
    if fields.html:
        from kbgen.read.helpdesk import html_to_text

        text, answer = html_to_text(text), html_to_text(answer)
    ident = cell(_lookup(obj, fields.id)) if fields.id else ""
    return source.record(row, text, id=ident, time=time, answer=answer)


# --- generic readers ---------------------------------------------------------------------------


def iter_delimited(
    lines: Lines, source: Source, options: dict[str, Any], preset: Any = None
) -> Iterator[Record]:
    """CSV or TSV; `preset(columns)` may supply helpdesk defaults for options left unset."""
    csv.field_size_limit(min(sys.maxsize, MAX_FIELD_BYTES))
    stream: Iterator[str] = iter(lines)
    first_line = next(stream, "")
    if source.format == "tsv":
        delimiter = "\t"
    else:
        try:
            delimiter = csv.Sniffer().sniff(first_line[:65536], delimiters=",;\t|").delimiter
        except csv.Error:
            delimiter = ","

    def rejoined() -> Iterator[str]:
        yield first_line
        yield from stream

    reader = csv.reader(rejoined(), delimiter=delimiter, strict=True)

    def next_row() -> list[str] | None:
        try:
            return next(reader)
        except StopIteration:
            return None
        except csv.Error as exc:
            hint = " (an unterminated quote?)" if "field limit" in str(exc) else ""
            if "new-line character" in str(exc):
                exc = csv.Error("a line break inside a field that is not quoted")
            raise InputError(f"{source.path} line {reader.line_num}: {exc}{hint}") from None

    header = next_row()
    if header is None:
        raise InputError(f"{source.path}: the file is empty")
    lines.dirty = False
    columns = [clean_text(c) for c in header]
    source.columns = columns
    if preset is not None:
        defaults = preset(columns)
        options = {k: v or defaults.get(k) for k, v in options.items()}
    fields = choose_fields(columns, source.path, **options)
    fields.html = preset is not None
    source.fields = fields
    row = 0
    while (values := next_row()) is not None:
        if lines.dirty:
            lines.dirty = False
            source.bad_rows += 1
            continue
        if not any(v.strip() for v in values):
            continue
        record = _record(row, dict(zip(columns, values, strict=False)), fields, source)
        if record is not None:
            yield record
            row += 1


def json_lines(lines: Lines, source: Source, skip_bad: bool) -> Iterator[tuple[int, Any]]:
    """(line number, value) for each non-blank JSONL line; bad lines raise or are counted."""
    for line in lines:
        text = line.strip().lstrip("\ufeff")
        if not text:
            continue
        if lines.dirty:
            lines.dirty = False
            source.bad_rows += 1
            continue
        try:
            obj = load_json(text, source.path, lines.line_no)
        except InputError:
            if skip_bad:
                source.bad_rows += 1
                continue
            raise
        if not isinstance(obj, dict):
            if skip_bad:
                source.bad_rows += 1
                continue
            raise InputError(f"{source.path} line {lines.line_no}: expected a JSON object per line")
        yield lines.line_no, obj


def _iter_jsonl(
    lines: Lines, source: Source, options: dict[str, Any], skip_bad: bool
) -> Iterator[Record]:
    row = 0
    for _, obj in json_lines(lines, source, skip_bad):
        if source.fields is None:
            source.columns = list(obj)
            source.fields = choose_fields(source.columns, source.path, **options)
        record = _record(row, obj, source.fields, source)
        if record is not None:
            yield record
            row += 1


def _iter_json(raw: IO[bytes], source: Source, options: dict[str, Any]) -> Iterator[Record]:
    data = load_json(read_text(raw, source.path, source.encoding), source.path)
    if isinstance(data, dict):
        # Helpdesk exports often wrap the list: {"tickets": [...]} or {"data": [...]}.
        lists = [v for v in data.values() if isinstance(v, list) and v and isinstance(v[0], dict)]
        if not lists and not any(isinstance(v, (dict, list)) for v in data.values()):
            lists = [[data]]  # a single record
        if len(lists) != 1:
            raise InputError(f"{source.path}: expected a JSON array of objects")
        data = lists[0]
    if not isinstance(data, list):
        raise InputError(f"{source.path}: expected a JSON array of objects")
    objects = [o for o in data if isinstance(o, dict)]
    if not objects:
        raise InputError(f"{source.path}: the JSON array holds no objects")
    columns: dict[str, None] = {}
    for obj in objects[:1000]:
        columns.update(dict.fromkeys(obj))
    source.columns = [str(c) for c in columns]
    source.fields = choose_fields(source.columns, source.path, **options)
    row = 0
    for obj in objects:
        record = _record(row, obj, source.fields, source)
        if record is not None:
            yield record
            row += 1


def iter_records(
    path: str | Path,
    *,
    fmt: str | None = None,
    text_field: str | None = None,
    id_field: str | None = None,
    time_field: str | None = None,
    answer_field: str | None = None,
    skip_bad_rows: bool = False,
    source_out: list[Source] | None = None,
    on_wait: Callable[[str], None] | None = None,
) -> Iterator[Record]:
    """Yield the file's records one at a time. Raises InputError with a clear message.

    `path` "-" reads standard input; `on_wait` gets a note if a FIFO or pipe keeps it waiting.
    """
    from kbgen.read import helpdesk

    source, raw = open_source(Path(path), fmt, on_wait)
    if source_out is not None:
        source_out.append(source)
    options = {
        "text_field": text_field,
        "id_field": id_field,
        "time_field": time_field,
        "answer_field": answer_field,
    }
    try:
        if source.format in ("eml", "mbox"):
            yield from helpdesk.iter_email(raw, source, skip_bad_rows)
            return
        assert raw is not None
        lines = Lines(raw, source.path, source.encoding, skip_bad_rows)
        if source.format in {"csv", "tsv"}:
            yield from iter_delimited(lines, source, options)
        elif source.format in {"freshdesk", "intercom"}:
            yield from iter_delimited(lines, source, options, helpdesk.preset(source.format))
        elif source.format == "jsonl":
            yield from _iter_jsonl(lines, source, options, skip_bad_rows)
        elif source.format == "zendesk":
            yield from helpdesk.iter_zendesk(raw, lines, source, skip_bad_rows)
        else:
            yield from _iter_json(raw, source, options)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{source.path}: not valid {source.encoding} text (at byte {exc.start} of a block); "
            "save the file as UTF-8 and try again"
        ) from None
    finally:
        if raw is not None:
            raw.close()
