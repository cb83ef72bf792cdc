"""Generate the site's Markdown pages from content/: home, one page per category, one per entry.

Every piece of text that came from an entry is escaped here (HTML and Markdown), and links are
written as relative `.md` links so MkDocs checks them and `--strict` catches a broken one.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import os
import posixpath
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kbgen.content.curation import folder_name
from kbgen.content.entries import Entry
from kbgen.content.taxonomy import Category
from kbgen.privacy import MASK
from kbgen.site import i18n
from kbgen.site.i18n import LanguagePlan
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


_LONG_NUMBER = re.compile(r"\d(?:[\s\-./]?\d){4,}")  # 5+ digits, however grouped
_TOKEN = re.compile(r"\bmsg-[0-9a-f]{6,}\b|\b[A-Z]{1,4}-?\d{3,}\b")


def is_public_phrasing(text: str) -> bool:
    """A phrasing fit for a public page: no masks, no ids or long numbers (raw messages that
    slipped into an older entry's evidence list are left off the site)."""
    return not (
        MASK.search(html.unescape(text)) or _LONG_NUMBER.search(text) or _TOKEN.search(text)
    )


_THAI = re.compile(r"[\u0e00-\u0e7f]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def in_page_script(text: str, lang: str) -> bool:
    """Whether a phrasing is written in the script of a page in `lang` (an English phrasing
    on a Thai page, or a Thai one on an English page, is another language's)."""
    if lang == "th":
        return bool(_THAI.search(text))
    if lang.startswith("zh"):
        return bool(_HAN.search(text))
    return not (_THAI.search(text) or _HAN.search(text))


def public_phrasings(entry: Entry) -> list[str]:
    """The "Also asked as" list of a page: curated, fit for the public, in its language."""
    return [p for p in entry.also_asked if is_public_phrasing(p) and in_page_script(p, entry.lang)]


@dataclass(slots=True)
class SiteSettings:
    """Site-wide choices from mkdocs.yml's `extra.kbgen` (see README "Configuration")."""

    plan: LanguagePlan = field(default_factory=lambda: LanguagePlan("en", ("en",)))
    home_title: object = None  # one string (default language) or a table lang = string
    show_counts: bool = False  # "asked 412 times" on public pages
    directory_urls: bool = True  # mkdocs.yml use_directory_urls


@dataclass(slots=True)
class SiteContent:
    """What the generated pages are made from: every language's entries; each language's
    pages are rendered from its own share (render_all(site, lang))."""

    entries: list[Entry]
    categories: list[Category]
    related: dict[int, list[tuple[int, float]]]
    updated: dict[Path, dt.date]
    settings: SiteSettings = field(default_factory=SiteSettings)
    _by_issue: dict[str, dict[str, Entry]] = field(init=False, repr=False)  # issue -> lang -> entry

    def __post_init__(self) -> None:
        self._by_issue = {}
        for entry in self.entries:
            if entry.evidence is not None:
                self._by_issue.setdefault(entry.evidence.issue, {})[entry.lang] = entry

    def page_of(self, entry: Entry) -> str:
        return f"{entry.category}/{entry.slug}.md"

    def url_of(self, page: str) -> str:
        """The URL MkDocs gives a generated page, relative to its language's root."""
        stem = page.removesuffix(".md")
        if stem == "index" or stem.endswith("/index"):
            return stem.removesuffix("index")
        return f"{stem}/" if self.settings.directory_urls else f"{stem}.html"

    def site_path(self, lang: str, page: str) -> str:
        """The URL of `lang`'s page relative to the root of the whole site."""
        return self.settings.plan.prefix(lang) + self.url_of(page)

    def link(self, from_lang: str, from_page: str | None, lang: str, page: str) -> str:
        """Relative link to `lang`'s `page`: from a page (for raw HTML), or from the root of
        `from_lang`'s build when `from_page` is None (for Material's `url` filter)."""
        target = self.site_path(lang, page)
        if from_page is None:
            start = self.settings.plan.prefix(from_lang) or "."
        else:
            here = self.site_path(from_lang, from_page)
            start = here if here.endswith("/") or not here else posixpath.dirname(here)
        rel = posixpath.relpath(target or ".", start.rstrip("/") or ".")
        if rel == ".":
            return "./"
        return rel + "/" if target.endswith("/") or not target else rel

    def category_name(self, slug: str, lang: str) -> str:
        cat = self.category(slug)
        return cat.title(lang)

    def category(self, slug: str) -> Category:
        for cat in self.categories:
            if cat.slug == slug:
                return cat
        return Category(slug, folder_name(slug))

    def by_category(self, lang: str | None = None) -> dict[str, list[Entry]]:
        groups: dict[str, list[Entry]] = {c.slug: [] for c in self.categories}
        for entry in self.entries:
            if lang is None or entry.lang == lang:
                groups.setdefault(entry.category, []).append(entry)
        for items in groups.values():
            items.sort(key=lambda e: (-e.questions, e.title.casefold()))
        return {slug: items for slug, items in groups.items() if items}

    def variants(self, entry: Entry) -> dict[str, Entry]:
        """The same issue's entry in each language (kbgen.issue links them)."""
        if entry.evidence is None:
            return {entry.lang: entry}
        return {**self._by_issue.get(entry.evidence.issue, {}), entry.lang: entry}


def asked(lang: str, n: int) -> str:
    return i18n.text(lang, "asked", n) if n else ""


def _alternates(site: SiteContent, lang: str, page: str, targets: dict[str, str]) -> list:
    """The language switch of one page: each language's counterpart, else its home."""
    out = []
    for other in site.settings.plan.languages:
        target = targets.get(other, "index.md")
        out.append(
            {
                "name": i18n.LANGUAGES[other].name,
                "lang": other,
                "href": site.link(lang, page, other, target),  # relative to this page
                "current": other == lang,
            }
        )
    return out


def _entry_link(site: SiteContent, entry: Entry, prefix: str, lang: str) -> str:
    draft = f" *({i18n.text(lang, 'draft')})*" if entry.status == "draft" else ""
    count = ""
    if site.settings.show_counts and entry.questions:
        count = f" <small>{asked(lang, entry.questions)}</small>"
    return f"[{md_text(entry.title)}]({prefix}{entry.category}/{entry.slug}.md){draft}{count}"


def home_title(site: SiteContent, lang: str) -> str:
    plan = site.settings.plan
    fallback = i18n.text(lang, "home_title")
    return i18n.localized(site.settings.home_title, lang, plan.default, fallback)


def home_page(site: SiteContent, lang: str = "en") -> str:
    groups = site.by_category(lang)
    t = functools.partial(i18n.text, lang)
    meta = {
        "title": t("home"),
        "search": {"exclude": True},
        "hide": ["toc"],
        "kbgen_alternates": _alternates(site, lang, "index.md", {}),
    }
    parts = [
        front_matter(meta),
        '<div class="kb-hero">\n'
        f'<h1 class="kb-hero__title">{html.escape(home_title(site, lang))}</h1>\n'
        '<form class="kb-hero__form" role="search" action="#" onsubmit="return false">\n'
        f'<label class="kb-visually-hidden" for="kb-hero-query">{attr(t("search"))}</label>\n'
        '<input id="kb-hero-query" class="kb-hero__input" type="search" autocomplete="off"'
        f' placeholder="{attr(t("hero_placeholder"))}">\n'
        "</form>\n</div>\n\n",
    ]
    if not groups:
        parts.append(f"{md_text(t('empty'))}\n")
        return "".join(parts)
    parts += [
        f"## {md_text(t('browse'))}\n\n",
        '<div class="grid cards kb-categories" markdown>\n\n',
    ]
    for slug, items in groups.items():
        cat = site.category(slug)
        n = len(items)
        parts.append(
            f"-   **[{md_text(cat.title(lang))}]({slug}/index.md)** · "
            f"{md_text(i18n.text(lang, 'questions', n))}\n\n"
            f"    {md_text(cat.describe(lang))}\n\n"
        )
    parts.append("</div>\n\n")
    top = sorted(
        (e for e in site.entries if e.questions and e.lang == lang),
        key=lambda e: (-e.questions, e.title.casefold()),
    )[:TOP_QUESTIONS]
    if top:
        parts.append(f"## {md_text(t('most_asked'))}\n\n")
        parts.extend(f"1. {_entry_link(site, e, '', lang)}\n" for e in top)
    return "".join(parts)


def category_page(site: SiteContent, cat: Category, items: list[Entry], lang: str = "en") -> str:
    page = f"{cat.slug}/index.md"
    others = {
        other: page
        for other in site.settings.plan.languages
        if site.by_category(other).get(cat.slug)
    }
    name = cat.title(lang)
    meta = {
        "title": html.escape(name),
        "search": {"exclude": True},
        "kbgen_alternates": _alternates(site, lang, page, others),
    }
    lines = [
        front_matter(meta),
        f"# {md_text(name)}\n\n",
        f"{md_text(cat.describe(lang))}\n\n" if cat.describe(lang) else "",
    ]
    lines.extend(f"- {_entry_link(site, e, '../', lang)}\n" for e in items)
    return "".join(lines)


def _related_items(site: SiteContent, index: int, k: int) -> list[str]:
    """Related questions in the page's language first. Fewer than `k` fill up from the
    languages its readers likely read too (the other Chinese script, then the site's default
    language), never from an unrelated script (no Thai on a Chinese page)."""
    entry = site.entries[index]
    issue = entry.evidence.issue if entry.evidence else None
    candidates = [
        site.entries[j]
        for j, _ in site.related.get(index, [])
        if not (issue and site.entries[j].evidence and site.entries[j].evidence.issue == issue)
    ]
    seen_issues: set[str] = set()
    readable = i18n.also_read(entry.lang, site.settings.plan.default)
    same, other = [], []
    for cand in candidates:
        key = cand.evidence.issue if cand.evidence else str(cand.path)
        if cand.lang == entry.lang:
            same.append((key, cand))
        elif cand.lang in readable:
            other.append((readable.index(cand.lang), key, cand))
    other.sort(key=lambda item: item[0])  # stable: by language, then by similarity
    out: list[str] = []
    page = site.page_of(entry)
    for key, cand in [*same, *((key, cand) for _, key, cand in other)]:
        if len(out) >= k or key in seen_issues:
            continue
        seen_issues.add(key)
        if cand.lang == entry.lang:
            out.append(f"- {_entry_link(site, cand, '../', entry.lang)}\n")
        else:
            href = site.link(entry.lang, page, cand.lang, site.page_of(cand))
            name = i18n.LANGUAGES[cand.lang].name
            out.append(
                f'- <a href="{attr(href)}" hreflang="{attr(cand.lang)}" target="_self">'
                f"{html.escape(cand.title)}"
                f"</a> <small>({html.escape(name)})</small>\n"
            )
    return out


def entry_page(site: SiteContent, index: int, related: int = 3) -> str:
    entry = site.entries[index]
    lang = entry.lang
    t = functools.partial(i18n.text, lang)
    page = site.page_of(entry)
    others = {other: site.page_of(e) for other, e in site.variants(entry).items()}
    meta: dict[str, object] = {
        "title": html.escape(entry.title),
        "kbgen_entry": index,
        "kbgen_alternates": _alternates(site, lang, page, others),
    }
    parts = [front_matter(meta), f"# {md_text(entry.title)}\n\n"]
    if entry.status == "draft":
        parts.append(
            f'<p class="kb-draft" data-search-exclude>{html.escape(t("draft_notice"))}</p>\n\n'
        )
    parts.append(escape_markdown_html(entry.body).strip() + "\n\n" + END_OF_ANSWER + "\n\n")
    phrasings = public_phrasings(entry)
    if phrasings:
        parts.append(f"## {md_text(t('also_asked'))}\n\n")
        parts.extend(f"- “{md_text(p)}”\n" for p in phrasings)
        parts.append("\n")
    rel = _related_items(site, index, related)
    if rel:
        parts.append('<div class="kb-related" data-search-exclude markdown>\n\n')
        parts.append(f"## {md_text(t('related'))}\n\n")
        parts.extend(rel)
        parts.append("\n</div>\n\n")
    updated = site.updated.get(entry.path)
    if updated:
        parts.append(
            f'<p class="kb-updated" data-search-exclude>{html.escape(t("updated"))}: '
            f'<time datetime="{updated.isoformat()}">'
            f"{html.escape(i18n.date_text(lang, updated))}</time></p>\n"
        )
    return "".join(parts)


def render_all(site: SiteContent, lang: str | None = None, related: int = 3) -> dict[str, str]:
    """Relative path -> Markdown for every generated page of `lang` (default language)."""
    lang = lang or site.settings.plan.default
    pages = {"index.md": home_page(site, lang)}
    for slug, items in site.by_category(lang).items():
        pages[f"{slug}/index.md"] = category_page(site, site.category(slug), items, lang)
    for i, entry in enumerate(site.entries):
        if entry.lang == lang:
            pages[site.page_of(entry)] = entry_page(site, i, related)
    return pages


def nav(site: SiteContent, lang: str | None = None) -> list[dict[str, str]]:
    """Home and the categories; entries are reached from their category (keeps pages small)."""
    lang = lang or site.settings.plan.default
    items = [{i18n.text(lang, "home"): "index.md"}]
    items.extend(
        {html.escape(site.category(slug).title(lang)): f"{slug}/index.md"}
        for slug in site.by_category(lang)
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
