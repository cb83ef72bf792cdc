"""URLs that are personal data: ones carrying credentials, a token, an address or an e-mail.

Plain help-centre links survive so drafts can point at them; :mod:`kbgen.privacy.redact` masks
what :func:`url_spans` returns as ``<URL>`` before any other built-in detector looks.
"""

from __future__ import annotations

import re

__all__ = ["url_spans"]

Span = tuple[int, int]

# CJK and Thai characters end a URL: "链接https://x.cn/a?token=1谢谢" has no space after it.
# A bare "shop.example.com/reset?token=..." counts too, once a path or query follows the host.
_URL = re.compile(
    r"(?<![A-Za-z0-9@.\-])(?:(?:https?|ftp)://|www\.|(?:[A-Za-z0-9\-]+\.)+[A-Za-z]{2,}(?=[/?#]))"
    r"[^\s<>\"'`\x00\u0e00-\u0e7f\u3000-\u30ff\u3400-\u9fff\uac00-\ud7af]+",
    re.I,
)
_URL_TRAILING = ".,;:!?)]}'\""
_URL_PARAM = re.compile(r"[?&#;]([^=&#;/?]+)=")
# Parameter names (or _-. separated parts of them) that carry secrets or contact details;
# whole parts only, so "keyword" or "author" do not count.
_URL_SECRET_PARTS = frozenset(
    "token auth key apikey sig signature session sessionid sid secret password passwd pwd pass "
    "otp code email mail user userid uid username login phone mobile tel credential credentials "
    "jwt nonce reset hash".split()
)
_URL_SECRET_SUFFIXES = ("token", "key", "secret", "password", "signature", "email", "sessionid")
_URL_OPAQUE = re.compile(r"[A-Za-z0-9_]{20,}")


def _sensitive_url(url: str) -> bool:
    """A URL is personal data when it carries credentials, a token or an address, not otherwise.

    Plain help-centre links must survive so drafts can point at them. Any "@" (user info, an
    address in the path or query) makes the whole URL one ``<URL>``, never a URL with an
    ``<EMAIL>`` inside.
    """
    if "@" in url or "%40" in url.lower():
        return True
    for name in _URL_PARAM.findall(url):
        name = name.lower()
        if name.endswith(_URL_SECRET_SUFFIXES) or _URL_SECRET_PARTS.intersection(
            re.split(r"[_.\-]", name)
        ):
            return True
    # Opaque path or query tokens (reset and tracking links): long runs mixing letters with
    # digits or both cases. Readable slugs are lower case words between hyphens.
    for run in _URL_OPAQUE.findall(url.split("://", 1)[-1]):
        has_digit = any(c.isdigit() for c in run)
        if (has_digit and not run.isdigit()) or (run.lower() != run and run.upper() != run):
            return True
    return False


def url_spans(work: str) -> list[Span]:
    """Sensitive URLs in the folded text ``work``, trailing punctuation left out."""
    spans: list[Span] = []
    for m in _URL.finditer(work):
        url = m.group().rstrip(_URL_TRAILING)
        if _sensitive_url(url):
            spans.append((m.start(), m.start() + len(url)))
    return spans
