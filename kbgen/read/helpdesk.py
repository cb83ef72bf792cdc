"""Helpdesk exports read as they come: Zendesk JSON, Freshdesk and Intercom CSV, e-mail.

Each reader turns a ticket into one Record: the customer's words are the question, the first
public agent reply (where the export has one) is the answer. Requester names, e-mail
addresses and other contact columns are never read into the text, so they cannot reach the
redactor's blind spots.

Accepted layouts (column names match case-insensitively, spaces or underscores alike):

* Zendesk JSON: an API-style document ``{"tickets": [...], "users": [...]}``, a bare array
  of tickets, or NDJSON with one ticket per line (the full data export). Question = subject +
  description (else the first comment by the requester); answer = first public comment whose
  author is an agent or admin (roles from ``users``, an inline ``author.role``, or, without
  either, any author other than the requester); id = ``id``; time = ``created_at``.
* Freshdesk tickets CSV: Ticket ID, Subject, Description, Created time (Status, Priority,
  Requester Email, ... are ignored). No reply column exists in the export.
* Intercom conversations CSV: Conversation ID; Created at | Conversation started at;
  Conversation subject (optional) + Initial message | Conversation first message | First
  message; answer from First teammate reply | First admin reply | Last teammate reply.
* E-mail: a folder of ``.eml`` files, one ``.eml`` file, or an mbox. Question = subject +
  the text/plain body (else the HTML body as text), with quoted replies and the signature cut;
  id = Message-ID; time = Date.
"""

from __future__ import annotations

import codecs
import html
import re
from collections.abc import Callable, Iterator
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import IO, Any, cast

from kbgen.errors import InputError
from kbgen.privacy.ticket_ids import message_id_token
from kbgen.read.columns import normalise_name, not_text, parse_time
from kbgen.read.ingest import SAMPLE_BYTES, Record, Source, cell, json_lines
from kbgen.read.textio import Lines, check_sample, load_json, read_text

# --- detection ---------------------------------------------------------------------------------

FRESHDESK_COLUMNS = {"ticket_id", "subject", "created_time"}
INTERCOM_ID = "conversation_id"
INTERCOM_TEXT = ("initial_message", "conversation_first_message", "first_message",
                 "first_user_message", "initial_message_body")  # fmt: skip
INTERCOM_SUBJECT = ("conversation_subject", "conversation_title", "subject")
INTERCOM_TIME = ("created_at", "conversation_started_at", "started_at", "conversation_created_at")
INTERCOM_ANSWER = ("first_teammate_reply", "first_admin_reply", "first_reply",
                   "last_teammate_reply", "teammate_reply")  # fmt: skip


def _column_key(name: str) -> str:
    """'Created at (UTC)' -> 'created_at', so export variants match."""
    return normalise_name(re.sub(r"\(.*?\)", "", name)).strip("_")


def sniff(generic: str, head: str) -> str | None:
    """A helpdesk format recognised from the file's first 256 KiB, or None."""
    if generic in ("json", "jsonl"):
        keys = ('"subject"', '"description"')
        if all(k in head for k in keys) and (
            '"via"' in head or ('"author_id"' in head and '"public"' in head)
        ):
            return "zendesk"
        return None
    if generic != "csv":
        return None
    header = {_column_key(c) for c in re.split(r"[,;\t|]", head.split("\n", 1)[0].strip('"'))}
    header = {h.strip('"').strip("_") for h in header}
    if FRESHDESK_COLUMNS <= header and header & {"status", "priority"}:
        return "freshdesk"
    if INTERCOM_ID in header and header & set(INTERCOM_TEXT):
        return "intercom"
    return None


def preset(kind: str) -> Callable[[list[str]], dict[str, str | None]]:
    """Default columns for a helpdesk CSV; only columns that exist are named."""

    def pick(columns: list[str]) -> dict[str, str | None]:
        by_key = {_column_key(c): c for c in columns}

        def first(*names: str) -> str | None:
            return next((by_key[n] for n in names if n in by_key), None)

        if kind == "freshdesk":
            text = [c for c in (first("subject"), first("description")) if c]
            id_, time, answer = first("ticket_id"), first("created_time"), None
        else:
            text = [c for c in (first(*INTERCOM_SUBJECT), first(*INTERCOM_TEXT)) if c]
            id_, time = first(INTERCOM_ID), first(*INTERCOM_TIME)
            answer = first(*INTERCOM_ANSWER)
        return {
            "text_field": "+".join(text) or None,
            "id_field": id_,
            "time_field": time,
            "answer_field": answer,
        }

    return pick


_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")
_BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "blockquote", "pre", "hr"}
_HIDDEN_OPEN = re.compile(r"<(script|style|head)\b", re.I)
_HIDDEN_CLOSE = {
    name: re.compile(rf"</{name}\s*>", re.I) for name in ("script", "style", "head")
}  # fmt: skip


def _drop_hidden(text: str) -> str:
    """Cut <script>, <style> and <head> elements, in one pass.

    A lazy `<script.*?</script>` pattern rescans the rest of the text for every opening tag
    that is never closed, which took minutes on a 1 MB e-mail; here an element name whose
    closing tag is missing is not looked for again.
    """
    kept: list[str] = []
    keep_from = search_from = 0
    unclosed: set[str] = set()
    while (opening := _HIDDEN_OPEN.search(text, search_from)) is not None:
        name = opening[1].lower()
        search_from = opening.end()
        if name in unclosed:
            continue
        closing = _HIDDEN_CLOSE[name].search(text, opening.end())
        if closing is None:
            unclosed.add(name)
            if len(unclosed) == len(_HIDDEN_CLOSE):
                break
            continue
        kept.append(text[keep_from : opening.start()])
        keep_from = search_from = closing.end()
    kept.append(text[keep_from:])
    return "".join(kept)


def html_to_text(text: str) -> str:
    """Rich text from a helpdesk as plain text: tags dropped, blocks on their own lines.

    A tag needs a '>' after it, so only the text up to the last '>' is searched for tags:
    otherwise each '<a' of a long run with no '>' rescans the rest of the text (quadratic).
    """
    if "<" not in text:
        return html.unescape(text) if "&" in text else text
    end = text.rfind(">") + 1
    tagged, tail = text[:end], text[end:]
    if not _TAG.search(tagged):
        return html.unescape(text) if "&" in text else text
    if re.search(r"</(?:script|style|head)", tagged, re.I):
        tagged = _drop_hidden(tagged)
    tagged = _TAG.sub(lambda m: "\n" if m[2].lower() in _BLOCK else "", tagged)
    text = html.unescape(tagged + tail)
    return re.sub(r"\n[ \t]*\n\s*", "\n\n", text).strip()


# --- Zendesk -----------------------------------------------------------------------------------

AGENT_ROLES = {"agent", "admin"}


def _comment_text(comment: dict[str, Any]) -> str:
    for key in ("plain_body", "body"):
        if isinstance(comment.get(key), str) and comment[key].strip():
            return html_to_text(comment[key])
    return html_to_text(cell(comment.get("html_body")))


def _zendesk_record(
    row: int, ticket: dict[str, Any], roles: dict[str, str], source: Source
) -> Record | None:
    requester = cell(ticket.get("requester_id"))
    listed = ticket.get("comments")
    comments = [c for c in listed if isinstance(c, dict)] if isinstance(listed, list) else []

    def role(comment: dict[str, Any]) -> str:
        author = comment.get("author")
        if isinstance(author, dict) and author.get("role"):
            return str(author["role"])
        author_id = cell(comment.get("author_id"))
        if author_id in roles:
            return roles[author_id]
        if not author_id or not requester:
            return "unknown"
        return "end-user" if author_id == requester else "agent"

    # A number or true/false is not a question (see ingest.not_text).
    subject_value = ticket.get("subject") or ticket.get("raw_subject")
    description = ticket.get("description")
    subject = "" if not_text(subject_value) else cell(subject_value)
    question = "" if not_text(description) else html_to_text(cell(description))
    if not question:
        asked = [c for c in comments if role(c) not in AGENT_ROLES]
        question = _comment_text(asked[0]) if asked else ""
    answer = next(
        (_comment_text(c) for c in comments if c.get("public", True) and role(c) in AGENT_ROLES),
        "",
    )
    created = ticket.get("created_at")
    time = parse_time(created)
    if time is None and created not in (None, ""):
        source.bad_times += 1
    text = "\n".join(p for p in (subject, question) if p)
    if not text and (not_text(subject_value) or not_text(description)):
        source.not_text += 1
        return None
    return source.record(row, text, id=cell(ticket.get("id")), time=time, answer=answer)


def _user_roles(users: Any) -> dict[str, str]:
    if not isinstance(users, list):
        return {}
    return {cell(u.get("id")): cell(u.get("role")) for u in users if isinstance(u, dict)}


def iter_zendesk(raw: IO[bytes], lines: Lines, source: Source, skip_bad: bool) -> Iterator[Record]:
    first = raw.readline(SAMPLE_BYTES)
    raw.seek(0)
    try:
        head = load_json(first.decode(source.encoding, "replace"), source.path)
    except InputError:
        head = None
    # One ticket per line, unless that line is a whole document ({"tickets": [...], ...}).
    ndjson = isinstance(head, dict) and not {"tickets", "ticket", "users"} & set(head)
    if ndjson:  # one ticket per line, streamed; no users list, so roles come from requester_id
        tickets: Iterator[dict[str, Any]] = (t for _, t in json_lines(lines, source, skip_bad))
        yield from _zendesk_records(tickets, {}, source)
        return
    data = load_json(read_text(raw, source.path, source.encoding), source.path)
    roles: dict[str, str] = {}
    if isinstance(data, dict):
        roles = _user_roles(data.get("users"))
        data = data.get("tickets", [data.get("ticket", data)])
    listed = [t for t in data if isinstance(t, dict)] if isinstance(data, list) else []
    if not listed:
        raise InputError(f"{source.path}: no Zendesk tickets found (expected a 'tickets' list)")
    yield from _zendesk_records(iter(listed), roles, source)


def _zendesk_records(
    tickets: Iterator[dict[str, Any]], roles: dict[str, str], source: Source
) -> Iterator[Record]:
    row = 0
    for ticket in tickets:
        record = _zendesk_record(row, ticket, roles, source)
        if record is not None:
            yield record
            row += 1


# --- e-mail ------------------------------------------------------------------------------------


def has_eml(folder: Path) -> bool:
    return next(folder.rglob("*.eml"), None) is not None


# A message's header block, for input without a suffix (a pipe): "Name: value" lines (folded
# lines start with a space) up to a blank line, with at least one of the usual headers.
_HEADER_LINE = re.compile(rb"[!-9;-~]+:[ \t]?[^\r\n]*|[ \t]+\S[^\r\n]*")
_MAIL_HEADERS = re.compile(
    rb"^(?:from|to|subject|date|message-id|received|return-path|mime-version):", re.I | re.M
)


def is_email(path: Path, sample: bytes) -> bool:
    if path.suffix.lower() in (".eml", ".mbox") or sample.startswith(b"From "):
        return True
    if path.suffix:
        return False
    block = sample.split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
    lines = block.splitlines()
    return (
        len(lines) >= 2
        and all(_HEADER_LINE.fullmatch(line) for line in lines)
        and len(_MAIL_HEADERS.findall(block)) >= 2
    )


def email_format(path: Path, sample: bytes = b"") -> str:
    if path.suffix.lower() == ".eml":
        return "eml"
    if path.suffix.lower() == ".mbox" or sample.startswith(b"From "):
        return "mbox"
    return "eml"


# Charsets as labelled vs what senders really use: GBK characters in "gb2312" mail, etc.
CHARSET_ALIASES = {
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
    "big5": "big5hkscs", "tis-620": "cp874", "iso-8859-11": "cp874", "windows-874": "cp874",
    "us-ascii": "utf-8", "ascii": "utf-8", "ks_c_5601-1987": "cp949",
}  # fmt: skip
_SUBJECT_PREFIX = re.compile(r"^\s*(?:re|fwd?|aw|回复|回覆|答复|答覆|转发|轉寄)\s*[:：]\s*", re.I)
# Where a reply's quoted history starts ("On Mon, ... wrote:" and its French, German, Spanish,
# Dutch, Italian, Portuguese, Chinese and Thai forms, Outlook's header block in several
# languages, forwarded-message markers, a helpdesk's "reply above this line" marker), where a
# signature starts ("-- ", "——", "— Jane") and where a confidentiality disclaimer starts;
# everything from there on is dropped.
_QUOTED_BY = (
    r"(?:\bwrote|\ba écrit|\bschrieb|\bescribió|\bschreef|\bha scritto|\bescreveu|\bskrev"
    r"|\bkirjoitti|[写寫]道|เขียนว่า|書きました)\s?[:：]?"
    r"|\bschrieb\b.{1,200}:"  # "Am 20.11.2026 um 10:00 schrieb Jane Doe <jane@...>:"
)
_QUOTE_START = re.compile(
    r"^(?:(?:On|Le|Am|El|Op|Il|Em|Den|在|於|于|เมื่อ)\b.{0,300}(?:"
    + _QUOTED_BY
    + ")"
    + r"|在.{0,300}[写寫]道[:：]|[於于].{0,300}[写寫]道[:：]|เมื่อ.{0,300}เขียนว่า:?"
    # the writer first: "上官若曦 <a@b.tw> 於 2026年11月3日 10:02 寫道：", "Jane <a@b> wrote:"
    r"|[^<>]{0,120}<[^<>\s@]+@[^<>\s]+>.{0,300}(?:" + _QUOTED_BY + ")"
    r"|[^<>]{0,120}[於于在]\s?[0-9]{4}\s?年.{0,200}[写寫]道[:：]"
    r"|-{2,}\s*(?:Original Message|原始邮件|原始郵件|邮件原件|郵件原件|Ursprüngliche Nachricht"
    r"|Message d'origine|Mensaje original|Forwarded message|转发邮件|轉寄郵件)\s*-{2,}"
    r"|_{10,}"
    r"|Begin forwarded message:?|.*reply above this line.*|##-.*-##)\s*$"
    r"|^(?:--+|——+|—|__+)(?:\s.*)?$"
    r"|^(?:this (?:e-?mail|message)\b.{0,120}\b(?:confidential|privileged)"
    r"|confidentiality notice|disclaimer:"
    r"|本(?:邮件|郵件|电子邮件|電子郵件).{0,40}(?:保密|機密|机密)"
    r"|อีเมล(?:ฉบับ)?นี้.{0,60}ความลับ)",
    re.I,
)
# Outlook's header block: a "From:" line with an address, or followed by "Sent:", "Date:"...
_FROM_LINE = re.compile(r"^(?:From|De|Von|Van|Da|จาก|发件人|發件人|寄件者|寄件人)\s?[:：]", re.I)
_HEADER_NEXT = re.compile(
    r"^(?:Sent|Date|To|Subject|Envoyé|Gesendet|Enviado|发送时间|發送時間|寄件日期|时间|時間|收件人"
    r"|ส่ง|วันที่|ถึง|เรื่อง)\s?[:：]",
    re.I,
)
# The first line of a quote header a mail client wrapped: "On Mon, 20 Nov 2026, Jane Doe <"
# + "jane@example.com> wrote:".
_QUOTE_OPENER = re.compile(r"^(?:On|Le|Am|El|Op|Il|Em|Den|在|於|于|เมื่อ)\b", re.I)
_SENT_FROM = re.compile(r"^(?:Sent from my \w+|发自我的\s?\S+|從我的\s?\S+\s?傳送)", re.I)
# A sign-off line, alone or with a short name after it ("Thanks, Jane", "谢谢 王小明"): with
# only a few short lines after it, it starts the signature, which may carry a name, a title,
# a street address or a phone number.
_SIGN_OFF = re.compile(
    r"^(?:best regards|kind regards|warm regards|warmest regards|regards|best wishes|best"
    r"|many thanks|thanks(?: again| a lot| so much| in advance)?|thank you(?: very much)?|cheers"
    r"|sincerely|yours sincerely|yours truly|yours faithfully|respectfully|br|rgds|thx"
    r"|cordialement|bien à vous|mit freundlichen grüßen|viele grüße|saludos|atentamente"
    r"|谢谢|謝謝|感谢|感謝|多谢|多謝|此致|此致敬礼|此致敬禮|敬礼|敬禮|祝好|顺祝商祺|順祝商祺"
    r"|ขอบคุณ(?:มาก)?(?:ครับ|ค่ะ|คะ|ค่า)?|ด้วยความเคารพ)"
    r"[\s,.!！，。~～]*"
    r"(?:(?-i:[A-Z][\w'’.\-]*)(?:[ ,]+(?-i:[A-Z][\w'’.\-]*)){0,2}|[\u3400-\u9fff]{2,4}"
    r"|[\u0e01-\u0e4e]{2,20}(?: [\u0e01-\u0e4e]{2,20})?)?[\s.!]*$",
    re.I,
)
_SIGNATURE_LINES = 6  # a sign-off with more lines after it is not a signature
_SIGNATURE_WIDTH = 80
# Lines of a message, not of a signature: a question or words a writer uses in sentences.
_SENTENCE = re.compile(
    r"[?？]|\b(?:i|i'm|my|me|we|our|you|your|please|can|could|would|will|is|are|was|were|have"
    r"|has|do|does|did|not|also|but)\b|[我你请請吗嗎呢能要想没沒]|ผม|ฉัน|ดิฉัน|ช่วย|ไหม|อยาก|ได้",
    re.I,
)


def _quote_starts(line: str, following: str) -> bool:
    if _QUOTE_START.match(line):
        return True
    if _FROM_LINE.match(line) and ("@" in line or _HEADER_NEXT.match(following)):
        return True
    return (
        bool(following)
        and _QUOTE_OPENER.match(line) is not None
        and (_QUOTE_START.match(f"{line} {following}") is not None)
    )


def _signature_starts(lines: list[str], i: int, kept: list[str]) -> bool:
    """A sign-off line after some text, followed by a few short lines and nothing else."""
    if not any(k.strip() for k in kept) or not _SIGN_OFF.match(lines[i].strip()):
        return False
    rest = [line.strip() for line in lines[i + 1 :] if line.strip()]
    return len(rest) <= _SIGNATURE_LINES and all(
        len(line) <= _SIGNATURE_WIDTH and not _SENTENCE.search(line) for line in rest
    )


def strip_reply(body: str) -> str:
    """The new text of a message: quoted history, '>' lines, "Sent from my ..." lines, the
    signature (after "-- " or a sign-off such as "Best regards," or "谢谢") and a
    confidentiality disclaimer cut."""
    kept: list[str] = []
    lines = body.splitlines()
    for i, line in enumerate(lines):
        following = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if _quote_starts(line.strip(), following):
            break
        if _signature_starts(lines, i, kept):
            break
        if line.lstrip().startswith(">") or _SENT_FROM.match(line.strip()):
            continue
        kept.append(line)
    return "\n".join(kept).strip()


def _decode_part(part: EmailMessage) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    label = (part.get_content_charset() or "utf-8").lower()
    charset = CHARSET_ALIASES.get(label, label)
    try:
        codecs.lookup(charset)
    except LookupError:
        charset = "utf-8"
    try:
        return payload.decode(charset)
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(payload).best()
        return str(best) if best is not None else payload.decode(charset, "replace")


def _message_record(row: int, data: bytes, source: Source) -> Record:
    msg = cast(EmailMessage, BytesParser(policy=policy.default).parsebytes(data))
    subject = _SUBJECT_PREFIX.sub("", str(msg.get("subject", "") or ""))
    subject = _SUBJECT_PREFIX.sub("", subject).strip()
    body = ""
    part = msg.get_body(preferencelist=("plain", "html"))
    if isinstance(part, EmailMessage):
        body = _decode_part(part)
        if part.get_content_subtype() == "html":
            body = html_to_text(body)
    body = strip_reply(body)
    text = body if subject and body.startswith(subject) else f"{subject}\n{body}".strip()
    time = None
    date = str(msg.get("date", "") or "").strip()
    if date:
        try:
            time = parse_time(parsedate_to_datetime(date).isoformat())
        except (TypeError, ValueError, IndexError, OverflowError):
            time = None
        if time is None:
            source.bad_times += 1
    # The Message-ID names the sender's host (and often the sender): an opaque token instead.
    ident = message_id_token(str(msg.get("message-id", "") or ""))
    return source.record(row, text, id=ident, time=time)


def _mbox_messages(raw: IO[bytes]) -> Iterator[tuple[int, bytes]]:
    """(first line number, bytes) per message, split on 'From ' lines; mboxrd '>From' undone."""
    buf: list[bytes] = []
    start, line_no, after_blank = 1, 0, True
    for line in raw:
        line_no += 1
        if line.startswith(b"From ") and after_blank:
            if buf:
                yield start, b"".join(buf)
            buf, start, after_blank = [], line_no, False
            continue
        if line.startswith(b">") and line.lstrip(b">").startswith(b"From "):
            line = line[1:]
        buf.append(line)
        after_blank = not line.strip()
    if buf:
        yield start, b"".join(buf)


def iter_email(raw: IO[bytes] | None, source: Source, skip_bad: bool) -> Iterator[Record]:
    """Messages from a folder of .eml files, one .eml file or an mbox, in file order."""
    items: Iterator[tuple[str, Callable[[], bytes]]]
    if raw is None:  # a folder
        files = sorted(p for p in source.path.rglob("*.eml") if p.is_file())
        if not files:
            raise InputError(f"{source.path}: no .eml files in this folder")
        items = ((str(p), lambda p=p: _read_eml(p)) for p in files)  # type: ignore[misc]
    elif source.format == "eml":
        items = iter([(str(source.path), raw.read)])
    else:
        if raw.read(5) != b"From ":
            raise InputError(f"{source.path}: not an mbox (it must start with a 'From ' line)")
        raw.seek(0)
        items = (
            (f"{source.path} line {n}", lambda d=data: d)  # type: ignore[misc]
            for n, data in _mbox_messages(raw)
        )
    row = 0
    for where, read in items:
        try:
            # The stdlib parser raises assorted errors on malformed headers; any of them means
            # this one message is unreadable.
            record = _message_record(row, read(), source)
        except InputError:
            if not skip_bad:
                raise
            source.bad_rows += 1
            continue
        except Exception as exc:  # noqa: BLE001
            if not skip_bad:
                raise InputError(
                    f"{where}: unreadable e-mail ({type(exc).__name__}); use --skip-bad-rows"
                ) from None
            source.bad_rows += 1
            continue
        yield record
        row += 1


def _read_eml(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot open ({exc.strerror})") from None
    check_sample(data[:SAMPLE_BYTES], path)
    return data
