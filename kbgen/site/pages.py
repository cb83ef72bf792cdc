"""Generate the site's Markdown pages from content/: home, one page per category, one per entry.

Every piece of text that came from an entry is escaped here (HTML and Markdown), and links are
written as relative `.md` links so MkDocs checks them and `--strict` catches a broken one.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import yaml

from kbgen.content.curation import folder_name
from kbgen.content.entries import Entry
from kbgen.content.taxonomy import Category
from kbgen.site.sanitize import escape_markdown_html

END_OF_ANSWER = "<!-- kbgen:end-answer -->"
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~])")
TOP_QUESTIONS = 10


def md_text(text: str) -> str:
    """Plain text that shows verbatim inside Markdown: no HTML, no Markdown formatting."""
    flat = " ".join(text.split())
    return _MD_SPECIAL.sub(r"\\\1", html.escape(flat, quote=False))


def attr(text: str) -> str:
    return html.escape(text, quote=True)


def front_matter(meta: dict[str, object]) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n"


def asked(n: int) -> str:
    return f"asked {n:,} time{'s' if n != 1 else ''}" if n else ""


@dataclass(slots=True)
class SiteContent:
    """What the generated pages are made from."""

    entries: list[Entry]
    categories: list[Category]
    related: dict[int, list[tuple[int, float]]]
    updated: dict[Path, dt.date]

    def page_of(self, entry: Entry) -> str:
        return f"{entry.category}/{entry.slug}.md"

    def by_category(self) -> dict[str, list[Entry]]:
        groups: dict[str, list[Entry]] = {c.slug: [] for c in self.categories}
        for entry in self.entries:
            groups.setdefault(entry.category, []).append(entry)
        for items in groups.values():
            items.sort(key=lambda e: (-e.questions, e.title.casefold()))
        return {slug: items for slug, items in groups.items() if items}


def _entry_link(entry: Entry, prefix: str) -> str:
    draft = " *(draft)*" if entry.status == "draft" else ""
    count = f" <small>{asked(entry.questions)}</small>" if entry.questions else ""
    return f"[{md_text(entry.title)}]({prefix}{entry.category}/{entry.slug}.md){draft}{count}"


def home_page(site: SiteContent, title: str = "How can we help?") -> str:
    groups = site.by_category()
    names = {c.slug: c for c in site.categories}
    parts = [
        front_matter({"title": "Home", "search": {"exclude": True}, "hide": ["toc"]}),
        '<div class="kb-hero">\n'
        f'<h1 class="kb-hero__title">{html.escape(title)}</h1>\n'
        '<form class="kb-hero__form" role="search" action="#" onsubmit="return false">\n'
        '<label class="kb-visually-hidden" for="kb-hero-query">Search</label>\n'
        '<input id="kb-hero-query" class="kb-hero__input" type="search" autocomplete="off"'
        ' placeholder="Search: refund, 退款, คืนเงิน …">\n'
        "</form>\n</div>\n\n",
        "## Browse by category\n\n",
        '<div class="grid cards kb-categories" markdown>\n\n',
    ]
    for slug, items in groups.items():
        cat = names.get(slug) or Category(slug, folder_name(slug), {})
        n = len(items)
        parts.append(
            f"-   **[{md_text(cat.name)}]({slug}/index.md)** · {n} question{'s' * (n != 1)}\n\n"
            f"    {md_text(cat.describe('en'))}\n\n"
        )
    parts.append("</div>\n\n")
    top = sorted(
        (e for e in site.entries if e.questions),
        key=lambda e: (-e.questions, e.title.casefold()),
    )[:TOP_QUESTIONS]
    if top:
        parts.append("## Most asked questions\n\n")
        parts.extend(f"1. {_entry_link(e, '')}\n" for e in top)
    return "".join(parts)


def category_page(cat: Category, items: list[Entry]) -> str:
    lines = [
        front_matter({"title": html.escape(cat.name), "search": {"exclude": True}}),
        f"# {md_text(cat.name)}\n\n",
        f"{md_text(cat.describe('en'))}\n\n" if cat.describe("en") else "",
    ]
    lines.extend(f"- {_entry_link(e, '../')}\n" for e in items)
    return "".join(lines)


def entry_page(site: SiteContent, index: int) -> str:
    entry = site.entries[index]
    meta: dict[str, object] = {"title": html.escape(entry.title), "kbgen_entry": index}
    parts = [front_matter(meta), f"# {md_text(entry.title)}\n\n"]
    if entry.status == "draft":
        parts.append('<p class="kb-draft" data-search-exclude>Draft: not published yet.</p>\n\n')
    parts.append(escape_markdown_html(entry.body).strip() + "\n\n" + END_OF_ANSWER + "\n\n")
    if entry.also_asked:
        parts.append("## Also asked as\n\n")
        parts.extend(f"- “{md_text(p)}”\n" for p in entry.also_asked)
        parts.append("\n")
    rel = [site.entries[j] for j, _ in site.related.get(index, [])]
    if rel:
        parts.append('<div class="kb-related" data-search-exclude markdown>\n\n')
        parts.append("## Related questions\n\n")
        parts.extend(f"- {_entry_link(r, '../')}\n" for r in rel)
        parts.append("\n</div>\n\n")
    updated = site.updated.get(entry.path)
    if updated:
        parts.append(
            '<p class="kb-updated" data-search-exclude>Last updated: '
            f'<time datetime="{updated.isoformat()}">{updated:%d %B %Y}</time></p>\n'
        )
    return "".join(parts)


def render_all(site: SiteContent, home_title: str = "How can we help?") -> dict[str, str]:
    """Relative path -> Markdown for every generated page."""
    pages = {"index.md": home_page(site, home_title)}
    names = {c.slug: c for c in site.categories}
    for slug, items in site.by_category().items():
        pages[f"{slug}/index.md"] = category_page(
            names.get(slug) or Category(slug, folder_name(slug)), items
        )
    for i, entry in enumerate(site.entries):
        pages[site.page_of(entry)] = entry_page(site, i)
    return pages


def nav(site: SiteContent) -> list[dict[str, str]]:
    """Home and the categories; entries are reached from their category (keeps pages small)."""
    names = {c.slug: c.name for c in site.categories}
    items = [{"Home": "index.md"}]
    items.extend(
        {html.escape(names.get(slug) or folder_name(slug)): f"{slug}/index.md"}
        for slug in site.by_category()
    )
    return items


def write_pages(pages: dict[str, str], out_dir: Path) -> int:
    """Write only changed files and delete stale ones (live reload watches this folder)."""
    changed = 0
    for rel, text in pages.items():
        path = out_dir / rel
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        changed += 1
    wanted = {out_dir / rel for rel in pages}
    for path in sorted(out_dir.rglob("*"), reverse=True):
        if path.is_file() and path not in wanted:
            path.unlink()
            changed += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return changed


def last_updated(entries: list[Entry], content_dir: Path) -> dict[Path, dt.date]:
    """Date of the last commit touching each entry (one `git log`), else the file's mtime."""
    dates: dict[Path, dt.date] = {}
    try:
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=content_dir,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
        log = subprocess.run(
            ["git", "log", "--format=@%ct", "--name-only", "--no-renames", "--", "."],
            cwd=content_dir,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout
        stamp: dt.date | None = None
        for line in log.splitlines():
            if line.startswith("@"):
                stamp = dt.datetime.fromtimestamp(int(line[1:]), dt.timezone.utc).date()
            elif line.strip() and stamp is not None:
                dates.setdefault(Path(top, line.strip()).resolve(), stamp)
    except (OSError, subprocess.SubprocessError, ValueError):
        pass
    out: dict[Path, dt.date] = {}
    for entry in entries:
        found = dates.get(entry.path.resolve())
        if found is None:
            mtime = os.stat(entry.path).st_mtime
            found = dt.datetime.fromtimestamp(mtime, dt.timezone.utc).date()
        out[entry.path] = found
    return out
