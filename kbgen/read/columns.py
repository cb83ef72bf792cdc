"""Columns and cell values: which columns hold the question, id, time and answer, and what
a cell means (a time in any common style; a number or boolean, which is not a question).

Column names that reach an error message are redacted first: a file without a header row
makes its first ticket the "column names".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from kbgen.errors import InputError
from kbgen.read.textio import clean_text

# Column names, in order of preference, that usually hold the customer's question.
TEXT_FIELDS = (
    "question", "questions", "text", "message", "body", "description", "instruction",
    "content", "query", "utterance", "comment", "customer_message", "request", "issue",
)  # fmt: skip
SUBJECT_FIELDS = ("subject", "title", "summary")
BODY_FIELDS = ("body", "description", "message", "content", "text", "details")
ID_FIELDS = ("id", "ticket_id", "ticket", "ticket_number", "conversation_id", "case_id", "uid")
TIME_FIELDS = (
    "created_at", "created", "timestamp", "time", "date", "created_time", "submitted_at",
    "creation_date", "datetime",
)  # fmt: skip
MAX_EPOCH_MS = 253_402_300_800_000  # 10000-01-01 in milliseconds since 1970
ANSWER_FIELDS = ("answer", "response", "reply", "agent_response", "resolution", "solution")


@dataclass(slots=True)
class Fields:
    """Which columns hold what; `text` may be several columns joined (subject + body)."""

    text: list[str]
    id: str | None = None
    time: str | None = None
    answer: str | None = None
    html: bool = False  # helpdesk exports keep rich text as HTML


def normalise_name(name: str) -> str:
    return name.strip().strip("\ufeff").lower().replace(" ", "_").replace("-", "_")


SHOWN_COLUMN_CHARS = 40


def column_list(columns: list[str]) -> tuple[str, bool]:
    """Column names for an error message, and whether they look like a data row instead.

    A file without a header row makes its first ticket the "column names", so they are
    redacted and cut before they are shown: an error message must not print an e-mail.
    """
    from kbgen.privacy.redact import redact

    names, data = [], False
    for column in columns[:20]:
        flat = " ".join(clean_text(column).split())
        masked = redact(flat)
        data = data or masked != flat or len(flat) > SHOWN_COLUMN_CHARS or not_text(flat)
        if len(masked) > SHOWN_COLUMN_CHARS:
            masked = masked[: SHOWN_COLUMN_CHARS - 1] + "…"
        names.append(masked)
    return ", ".join(names) or "(none)", data


def choose_fields(
    columns: list[str],
    path: Path,
    *,
    text_field: str | None = None,
    id_field: str | None = None,
    time_field: str | None = None,
    answer_field: str | None = None,
) -> Fields:
    """Map the user's or the usual column names onto the file's actual columns."""
    by_name = {normalise_name(c): c for c in columns}

    def shown_columns() -> str:
        shown, looks_like_data = column_list(columns)
        if len(columns) == 1 and any(d in columns[0] for d in ",;\t|"):
            shown += " (one column: is the delimiter right?)"
        elif looks_like_data:
            shown += " (the first row looks like data: does the file have a header row?)"
        return shown

    def named(option: str, value: str) -> str:
        if value in columns or value.split(".", 1)[0] in columns:
            return value
        if normalise_name(value) in by_name:
            return by_name[normalise_name(value)]
        raise InputError(
            f"{path}: no column {value!r} (for {option}); columns are: {shown_columns()}"
        )

    def first(candidates: tuple[str, ...]) -> str | None:
        return next((by_name[c] for c in candidates if c in by_name), None)

    if text_field:
        text = [named("--text-field", part.strip()) for part in text_field.split("+")]
    else:
        subject, body = first(SUBJECT_FIELDS), first(BODY_FIELDS)
        main = first(TEXT_FIELDS)
        if subject and body and (main is None or main == body):
            text = [subject, body]
        elif main:
            text = [main]
        elif subject:
            text = [subject]
        else:
            raise InputError(
                f"{path}: no question column found (looked for question, text, message, "
                f"subject + body, ...); columns are: {shown_columns()}. Name it with --text-field"
            )
    return Fields(
        text=text,
        id=named("--id-field", id_field) if id_field else first(ID_FIELDS),
        time=named("--time-field", time_field) if time_field else first(TIME_FIELDS),
        answer=named("--answer-field", answer_field) if answer_field else first(ANSWER_FIELDS),
    )


def parse_time(value: Any) -> datetime | None:
    """ISO 8601 and common export styles; naive times are taken as UTC."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # Seconds or milliseconds since 1970; anything beyond year 9999 (10**400 in a JSON
        # export, which would overflow a float) is not a time.
        if not -MAX_EPOCH_MS <= value <= MAX_EPOCH_MS:
            return None
        seconds = value / 1000 if value > 1e11 else value
        try:
            return datetime.fromtimestamp(seconds, tz=timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    if text.isascii() and text.isdigit() and len(text) <= 16:
        return parse_time(int(text))
    if text.endswith((" UTC", " GMT")):
        text = text[:-4] + "+00:00"
    candidate = text.replace("Z", "+00:00").replace("/", "-")
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(candidate)
    except ValueError:
        for pattern in ("%d-%m-%Y %H:%M", "%d-%m-%Y", "%m-%d-%Y %H:%M", "%Y-%m-%d %H:%M:%S %z"):
            try:
                parsed = datetime.strptime(candidate, pattern)
                break
            except ValueError:
                continue
    if parsed is None:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


# A cell that holds only a number (or a JSON/CSV boolean or null) is not a question: a wrong
# column, or an order number typed alone. It is left out of the text (and the row skipped and
# counted when nothing else is left).
_NOT_TEXT = re.compile(r"[-+]?\d[\d.,' _]*|true|false|null|nan", re.I)


def not_text(value: Any) -> bool:
    if isinstance(value, (bool, int, float)):
        return True
    return isinstance(value, str) and _NOT_TEXT.fullmatch(value.strip()) is not None
