"""Safe rendering of text that came from customers.

Entry bodies may quote ticket text, and titles and "also asked as" phrasings are ticket text.
Two layers:

1. `escape_markdown_html` turns raw HTML in a Markdown body into text before Markdown sees it
   (code spans and fenced blocks are left alone, Markdown escapes those itself), so
   `<script>` or `<img onerror=...>` written in a ticket is shown, not run.
2. `clean_html` rebuilds the rendered HTML from an allowlist of tags and attributes and drops
   URLs with scripting schemes, which catches Markdown tricks such as `[x](javascript:...)`.
   Output is re-serialised from parsed tokens, so nothing unparsed can pass through.
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

ALLOWED_TAGS = frozenset(
    "a abbr b blockquote br caption code dd del details div dl dt em figcaption figure h1 h2 h3"
    " h4 h5 h6 hr i img ins kbd li mark ol p pre q s section small span strong sub summary sup"
    " table tbody td tfoot th thead time tr u ul".split()
)
VOID_TAGS = frozenset({"br", "hr", "img"})
DROP_CONTENT = frozenset({"script", "style", "template", "iframe", "object", "noscript", "svg"})
ALLOWED_ATTRS = frozenset(
    "href src alt title id class lang dir datetime colspan rowspan start open"
    " data-search-exclude".split()
)
URL_ATTRS = frozenset({"href", "src"})
SAFE_SCHEMES = ("http", "https", "mailto", "tel")
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.\-]*):")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:.+?)\1", re.S)


def safe_url(url: str) -> bool:
    """Relative URLs and a few plain schemes only (no javascript:, data:, vbscript:)."""
    cleaned = "".join(ch for ch in url if ch.isprintable() and not ch.isspace())
    match = _SCHEME.match(cleaned)
    return match is None or match.group(1).lower() in SAFE_SCHEMES


def _escape_inline(text: str) -> str:
    out, pos = [], 0
    for match in _CODE_SPAN.finditer(text):
        out.append(text[pos : match.start()].replace("<", "&lt;"))
        out.append(match.group(0))
        pos = match.end()
    out.append(text[pos:].replace("<", "&lt;"))
    return "".join(out)


def escape_markdown_html(markdown: str) -> str:
    """Neutralise raw HTML in Markdown outside code, keeping Markdown formatting intact."""
    out: list[str] = []
    block: list[str] = []
    fence: str | None = None
    for line in markdown.splitlines(keepends=True):
        match = _FENCE.match(line)
        if fence is None and match:
            out.append(_escape_inline("".join(block)))
            block, fence = [], match.group(1)
            out.append(line)
        elif fence is not None:
            out.append(line)
            if line.strip().startswith(fence[0] * len(fence)) and not line.strip().strip(fence[0]):
                fence = None
        else:
            block.append(line)
    out.append(_escape_inline("".join(block)) if fence is None else "".join(block))
    return "".join(out)


class _Cleaner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.dropping = 0  # depth inside script/style/...
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROP_CONTENT:
            self.dropping += 1
            return
        if self.dropping or tag not in ALLOWED_TAGS:
            return
        parts = [tag]
        for name, value in attrs:
            if name not in ALLOWED_ATTRS:
                continue
            if name in URL_ATTRS and (value is None or not safe_url(value)):
                continue
            parts.append(name if value is None else f'{name}="{escape(value, quote=True)}"')
        self.out.append("<" + " ".join(parts) + ">")
        if tag not in VOID_TAGS:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in self.open and self.open[-1] == tag and tag not in VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in DROP_CONTENT:
            self.dropping = max(0, self.dropping - 1)
            return
        if self.dropping or tag not in self.open:
            return
        while self.open:
            top = self.open.pop()
            self.out.append(f"</{top}>")
            if top == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.out.append(escape(data, quote=False))

    def result(self) -> str:
        self.close()
        return "".join(self.out) + "".join(f"</{t}>" for t in reversed(self.open))


def clean_html(fragment: str) -> str:
    """`fragment` with only allowlisted tags/attributes and safe URLs; all text escaped."""
    cleaner = _Cleaner()
    cleaner.feed(fragment)
    return cleaner.result()
