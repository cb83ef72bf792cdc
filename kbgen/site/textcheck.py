"""Check what a built site shows the public: no personal-data masks, no long numbers.

Masks (`<PHONE>`, `&lt;EMAIL&gt;`) mean a customer's message reached a public page; a run of
8 or more digits is an order, phone, card or account number more often than not. kbgen keeps
both out of what it generates (public phrasings are filtered, counts are off by default); this
catches them in what an owner wrote or left in an entry. Every HTML page's text (also titles,
alt text and the FAQ structured data) and every search index are read.

`kbgen build` runs it after each build and logs one warning per finding (so `--strict` fails);
`python -m kbgen.site.textcheck site/` runs it on any built site.
"""

from __future__ import annotations

import html
import json
import re
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from kbgen.privacy import MASK

LONG_NUMBER = re.compile(r"(?<![\d.,])\d(?:[ \u00a0\-./]?\d){7,}(?![\d])")
_SKIP = frozenset({"style"})  # script text is read only for JSON-LD


@dataclass(frozen=True, slots=True)
class Finding:
    path: Path  # relative to the site
    kind: str  # "mask" or "long number"
    text: str  # the offending token

    def __str__(self) -> str:
        return f"{self.path}: public text contains a {self.kind}: {self.text}"


class _Text(HTMLParser):
    """Visible text plus the attributes and JSON-LD that search engines show."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._stack: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        keep = tag != "script" or values.get("type") == "application/ld+json"
        if tag not in ("meta", "link", "img", "input", "br", "hr"):
            self._stack.append((tag, keep and tag not in _SKIP))
        for name in ("title", "alt", "placeholder", "aria-label"):
            if values.get(name):
                self.parts.append(str(values[name]))
        if tag == "meta" and values.get("name") == "description" and values.get("content"):
            self.parts.append(str(values["content"]))

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            if self._stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if all(keep for _, keep in self._stack):
            self.parts.append(data)


_DATE = re.compile(r"(?<!\d)(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4})(?!\d)")


def problems_in(text: str) -> list[tuple[str, str]]:
    """(kind, token) for every mask and long number in plain text (dates are not numbers)."""
    text = _DATE.sub(" ", html.unescape(text))
    found = [("mask", m.group(0)) for m in MASK.finditer(text)]
    found += [("long number", m.group(0)) for m in LONG_NUMBER.finditer(text)]
    return found


def check_site(site_dir: Path | str) -> list[Finding]:
    """Every mask and 8+ digit run in the site's public text, page by page."""
    site = Path(site_dir)
    findings: list[Finding] = []
    for path in sorted(site.rglob("*.html")):
        parser = _Text()
        parser.feed(path.read_text(encoding="utf-8", errors="replace"))
        rel = path.relative_to(site)
        seen: set[tuple[str, str]] = set()
        for part in parser.parts:
            for kind, token in problems_in(part):
                if (kind, token) not in seen:
                    seen.add((kind, token))
                    findings.append(Finding(rel, kind, token))
    for index in sorted(site.rglob("search_index.json")):
        try:
            docs = json.loads(index.read_text(encoding="utf-8")).get("docs", [])
        except (OSError, ValueError):
            continue
        for doc in docs:
            for key in ("title", "text"):
                for kind, token in problems_in(re.sub(r"<[^>]*>", " ", str(doc.get(key, "")))):
                    where = index.relative_to(site) / str(doc.get("location", ""))
                    findings.append(Finding(where, kind, token))
    return findings


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not Path(args[0]).is_dir():
        print("usage: python -m kbgen.site.textcheck SITE_DIR", file=sys.stderr)
        return 2
    findings = check_site(args[0])
    for finding in findings:
        print(finding)
    print(f"{len(findings)} problem(s) in the public text of {args[0]}")
    return 1 if findings else 0


if __name__ == "__main__":
    raise SystemExit(main())
