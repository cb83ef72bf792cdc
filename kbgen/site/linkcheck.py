"""Check the internal links of a built site: every relative href/src must name a file in it.

Run as `python -m kbgen.site.linkcheck site/` (CI does, after `kbgen build --strict`); MkDocs
checks Markdown links, this also covers links in templates and raw HTML.
"""

from __future__ import annotations

import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.urls.append(value)


def _target(site: Path, page: Path, url: str) -> Path | None:
    """The file an internal URL points at, or None for external/fragment-only URLs."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    base = site if path.startswith("/") else page.parent
    target = (base / path.lstrip("/")).resolve()
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def broken_links(site_dir: Path | str) -> list[tuple[Path, str]]:
    """(page, url) for every internal link whose target file does not exist."""
    site = Path(site_dir).resolve()
    broken: list[tuple[Path, str]] = []
    for page in sorted(site.rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8", errors="replace"))
        for url in parser.urls:
            target = _target(site, page, url)
            if target is not None and not target.is_file():
                broken.append((page.relative_to(site), url))
    return broken


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    site = Path(args[0] if args else "site")
    if not site.is_dir():
        print(f"no built site at {site}; run `kbgen build` first", file=sys.stderr)
        return 2
    broken = broken_links(site)
    for page, url in broken:
        print(f"{page}: broken link {url}")
    pages = sum(1 for _ in site.rglob("*.html"))
    print(f"{len(broken)} broken internal link(s) in {pages} pages", file=sys.stderr)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
