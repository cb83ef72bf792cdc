"""Safe rendering of text that came from customers.

Entry bodies may quote ticket text, and titles and "also asked as" phrasings are ticket text.
Two layers, each enough on its own for script-free output:

1. `escape_markdown_html` runs before Markdown. It renders code spans and fenced blocks itself
   (escaped, as `<code>`/`<pre>`) and turns every other `<` into `&lt;`. Markdown's own idea of
   where code starts therefore no longer matters: a backslash-escaped backtick or an unclosed
   fence that Markdown reads differently from us can only change how text looks, never let a
   tag through.
2. `clean_html` runs on the rendered HTML. It rebuilds the page from an allow-list of tags,
   attributes and classes (only those our templates and Markdown extensions produce), keeps
   images only from the site itself and drops URLs with scripting schemes. Output is
   re-serialised from parsed tokens, so nothing unparsed can pass through, and entities are
   decoded once and escaped again, so `&lt;script&gt;` stays text.

`safe_slug` wraps the toc extension's slugify: heading ids never keep long digit runs (a card
or phone number in a title must not become a URL anchor).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from html import escape
from html.parser import HTMLParser

ALLOWED_TAGS = frozenset(
    "a abbr b blockquote br caption code dd del details div dl dt em figcaption figure h1 h2 h3"
    " h4 h5 h6 hr i img ins kbd li mark ol p pre q s section small span strong sub summary sup"
    " table tbody td tfoot th thead time tr u ul".split()
)
VOID_TAGS = frozenset({"br", "hr", "img"})
DROP_CONTENT = frozenset(
    "script style template iframe object embed noscript noembed noframes svg math textarea"
    " select title xmp".split()
)
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
GLOBAL_ATTRS = frozenset({"title"})  # `lang` is set by the hook after cleaning
TAG_ATTRS: dict[str, frozenset[str]] = {
    # target: only "_self", which keeps Material's language guessing off a link to an entry in
    # another language (kbgen's related questions)
    "a": frozenset({"href", "class", "hreflang", "target"}),
    "img": frozenset({"src", "alt"}),
    "ol": frozenset({"start"}),
    "details": frozenset({"open"}),
    "time": frozenset({"datetime"}),
    "td": frozenset({"colspan", "rowspan", "style", "align"}),
    "th": frozenset({"colspan", "rowspan", "style", "align"}),
    "p": frozenset({"class", "data-search-exclude"}),
    "div": frozenset({"class", "data-search-exclude"}),
    "code": frozenset({"class"}),
    **{h: frozenset({"id"}) for h in HEADINGS},
}
# Material's admonition types (`!!! note`); any other word would be a class of the author's
# choosing.
ADMONITION_TYPES = frozenset(
    "note abstract summary tldr info todo tip hint important success check done question help"
    " faq warning caution attention failure fail missing danger error bug example quote cite"
    " seealso".split()
)
TAG_CLASSES: dict[str, frozenset[str]] = {
    "div": frozenset({"admonition", "kb-related"}) | ADMONITION_TYPES,
    "p": frozenset({"admonition-title", "kb-draft", "kb-updated"}),
    "a": frozenset({"headerlink"}),  # toc permalinks
}
_LANGUAGE_CLASS = re.compile(r"language-[\w+#.-]{1,40}\Z")  # fenced code's info string
_LANG_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}\Z")
_ALIGN = re.compile(r"\s*text-align:\s*(left|right|center);?\s*\Z")  # Markdown tables
SAFE_SCHEMES = ("http", "https", "mailto", "tel")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
# What toc's slugify (or pymdownx.slugs, percent-encoded) makes; `__` ids are Material's.
_ID = re.compile(r"(?!__)[\w%.-]{1,512}\Z")
_DIGIT_RUN = re.compile(r"\d(?:[\W_]?\d)*")
LONG_DIGITS = 6


def _plain_url(url: str) -> str:
    # Browsers ignore control characters and whitespace in URLs and read `\` as `/`.
    return "".join(ch for ch in url if ch.isprintable() and not ch.isspace()).replace("\\", "/")


def safe_url(url: str) -> bool:
    """Relative URLs and a few plain schemes only (no javascript:, data:, vbscript:)."""
    match = _SCHEME.match(_plain_url(url))
    return match is None or match.group(1).lower() in SAFE_SCHEMES


def local_url(url: str) -> bool:
    """A URL on this site: no scheme, no host (`//host`), not empty."""
    plain = _plain_url(url)
    return bool(plain) and _SCHEME.match(plain) is None and not plain.startswith("//")


def has_long_digits(text: str) -> bool:
    """Six or more digits in a row, also when split by `-`, `_`, `.` or a space."""
    return any(
        sum(c.isdigit() for c in m.group()) >= LONG_DIGITS for m in _DIGIT_RUN.finditer(text)
    )


def drop_long_digits(slug: str, separator: str = "-") -> str:
    def cut(match: re.Match[str]) -> str:
        return "" if sum(c.isdigit() for c in match.group()) >= LONG_DIGITS else match.group()

    out = _DIGIT_RUN.sub(cut, slug)
    if separator:
        out = re.sub(f"(?:{re.escape(separator)}){{2,}}", separator, out).strip(separator)
    return out.lstrip("_")


def safe_slug(inner: Callable[[str, str], str]) -> Callable[[str, str], str]:
    """toc's `slugify` option: `inner` (the configured or default slugify) without digit runs."""

    def slugify(value: str, separator: str) -> str:
        return drop_long_digits(inner(value, separator), separator)

    slugify.kbgen_safe = True  # type: ignore[attr-defined]
    return slugify


# --- before Markdown --------------------------------------------------------------------------

_FENCE_OPEN = re.compile(r"(`{3,}|~{3,})[ \t]*([^\s`]*)[^`\n]*\n?\Z")
# Python-Markdown's backslash escapes: `\` plus one of these is a literal character.
_ESCAPABLE = frozenset("\\`*_{}[]()>#+-.!|")


def _entities(text: str) -> str:
    """Text as HTML that Markdown leaves alone: every ASCII symbol as a numeric entity."""
    return "".join(
        ch if ch.isalnum() or ch == " " or ord(ch) > 127 else f"&#{ord(ch)};"
        for ch in text.replace("\n", " ")
    )


def _code_span(code: str) -> str:
    return f"<code>{_entities(code.strip())}</code>"


def _code_block(lines: list[str], info: str) -> str:
    lang = f"language-{info}"
    cls = f' class="{escape(lang)}"' if info and _LANGUAGE_CLASS.match(lang) else ""
    # Entities for <, > and & only: newlines and indentation must stay inside <pre>.
    body = escape("".join(lines), quote=False)
    return f"\n<pre><code{cls}>{body}</code></pre>\n\n"


_TICKS = re.compile(r"`+")


def _escape_inline(text: str) -> str:
    """One paragraph: code spans rendered as `<code>`, every other `<` escaped.

    A span opens at an unescaped run of backticks and closes at the next run of exactly as
    many (backslashes do not escape inside code). Closing runs are looked up by length, so
    text full of unmatched backticks takes n log n time, not n squared.
    """
    closers: dict[int, list[int]] = {}  # run length -> start offsets of maximal runs
    for match in _TICKS.finditer(text):
        closers.setdefault(match.end() - match.start(), []).append(match.start())
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n and text[i + 1] in _ESCAPABLE:
            out.append(text[i : i + 2])
            i += 2
        elif ch == "`":
            end = _TICKS.match(text, i).end()  # type: ignore[union-attr]
            run = end - i
            starts = closers.get(run, [])
            k = bisect.bisect_left(starts, end)
            if k < len(starts):
                out.append(_code_span(text[end : starts[k]]))
                i = starts[k] + run
            else:
                out.append("&#96;" * run)  # unmatched: plain backticks
                i = end
        elif ch == "<":
            out.append("&lt;")
            i += 1
        else:
            out.append(ch)
            i += 1
    return "".join(out)


_FENCE_CLOSE = re.compile(r"(`{3,}|~{3,})[ \t]*\n?\Z")


def escape_markdown_html(markdown: str) -> str:
    """Neutralise raw HTML in Markdown, rendering code ourselves, keeping formatting intact."""
    lines = markdown.splitlines(keepends=True)
    closes: dict[str, list[tuple[int, int]]] = {"`": [], "~": []}  # char -> (line, length)
    for number, line in enumerate(lines):
        if match := _FENCE_CLOSE.match(line):
            closes[line[0]].append((number, len(match.group(1))))
    shortest_unclosed = {"`": 1 << 30, "~": 1 << 30}  # no closer after here for this or longer
    out: list[str] = []
    para: list[str] = []

    def flush() -> None:
        out.append(_escape_inline("".join(para)))
        para.clear()

    def closing_line(char: str, length: int, after: int) -> int | None:
        if length >= shortest_unclosed[char]:
            return None
        candidates = closes[char]
        for k in range(bisect.bisect_right(candidates, (after, 1 << 30)), len(candidates)):
            if candidates[k][1] >= length:
                return candidates[k][0]
        shortest_unclosed[char] = length
        return None

    i = 0
    while i < len(lines):
        line = lines[i]
        opening = _FENCE_OPEN.match(line)
        if opening:
            fence = opening.group(1)
            end = closing_line(fence[0], len(fence), i)
            if end is not None:
                flush()
                out.append(_code_block(lines[i + 1 : end], opening.group(2)))
                i = end + 1
                continue
        if line.strip():
            para.append(line)
        else:  # a blank line ends the paragraph: code spans never cross it
            flush()
            out.append(line)
        i += 1
    flush()
    return "".join(out)


# --- after Markdown ---------------------------------------------------------------------------


def _keep_attr(tag: str, name: str, value: str | None) -> str | None:
    """The attribute's value to keep, or None to drop it."""
    if name not in GLOBAL_ATTRS and name not in TAG_ATTRS.get(tag, ()):
        return None
    if name == "data-search-exclude" or name == "open":
        return ""
    if value is None:
        return None
    if name == "href":
        return value if safe_url(value) else None
    if name == "src":
        return value if local_url(value) else None
    if name == "class":
        allowed = TAG_CLASSES.get(tag, frozenset())
        words = [
            w for w in value.split() if w in allowed or (tag == "code" and _LANGUAGE_CLASS.match(w))
        ]
        return " ".join(words) or None
    if name == "id":
        return value if _ID.match(value) and not has_long_digits(value) else None
    if name == "style":
        match = _ALIGN.match(value)
        return f"text-align: {match.group(1)};" if match else None
    if name == "target":
        return value if value == "_self" else None
    if name == "hreflang":
        return value if _LANG_TAG.match(value) else None
    if name == "align":
        return value if value in ("left", "right", "center") else None
    if name in ("start", "colspan", "rowspan"):
        return value if value.isdigit() and len(value) < 6 else None
    return value


class _Cleaner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.dropping: list[str] = []  # open script/style/... whose content is dropped
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.dropping or tag in DROP_CONTENT:
            if tag in DROP_CONTENT:
                self.dropping.append(tag)
            return
        if tag not in ALLOWED_TAGS:
            return
        kept: dict[str, str] = {}
        for name, value in attrs:
            if name in kept:
                continue  # browsers use the first of duplicated attributes
            value = _keep_attr(tag, name, value)
            if value is not None:
                kept[name] = value
        if tag == "img" and "src" not in kept:
            return  # an image from another site (a tracker) or with a script URL
        parts = [tag] + [
            name if name in ("data-search-exclude", "open") else f'{name}="{escape(v)}"'
            for name, v in kept.items()
        ]
        self.out.append("<" + " ".join(parts) + ">")
        if tag not in VOID_TAGS:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROP_CONTENT:  # `<svg/>`: nothing to drop, nothing to wait for
            return
        self.handle_starttag(tag, attrs)
        if not self.dropping and self.open and self.open[-1] == tag and tag not in VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.dropping:
            if tag in self.dropping:
                while self.dropping.pop() != tag:
                    pass
            return
        if tag not in self.open:
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
    """`fragment` with only allow-listed tags, attributes and classes, local images and safe
    URLs; all text escaped."""
    cleaner = _Cleaner()
    cleaner.feed(fragment)
    return cleaner.result()
