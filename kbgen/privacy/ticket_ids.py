"""Ticket ids are output too (a draft's ``sources``, the assignments file), so they are redacted.

An id column sometimes holds the requester's e-mail address or phone number, and an e-mail's
only id is its Message-ID (``<abc.123@mail.example.com>``), which names the sender's host and
often the sender. Ids go through the same redactor as the text; a Message-ID becomes a stable
opaque token instead, so the same message keeps the same id from run to run.
"""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kbgen.privacy.redact import Redactor

__all__ = ["message_id_token", "redact_id"]

_MESSAGE_ID = re.compile(r"<[^<>\s@]+@[^<>\s@]+>")


def message_id_token(message_id: str) -> str:
    """``msg-`` and 16 hex digits of a hash of the Message-ID ("" stays "")."""
    ident = message_id.strip().strip("<>").strip()
    if not ident:
        return ""
    return (
        "msg-" + hashlib.blake2b(ident.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()
    )


def redact_id(redactor: Redactor, ident: str | None) -> str | None:
    """The id with personal data masked (``<EMAIL>``, ``<PHONE>``...); plain ids unchanged.

    An id written like a Message-ID (``<local@host>``, as e-mail exports give it) becomes the
    same opaque token the e-mail reader makes.
    """
    if not ident:
        return ident
    if _MESSAGE_ID.fullmatch(ident.strip()):
        return message_id_token(ident)
    return redactor.redact(ident).text
