"""The MkDocs side of `kbgen build`: turns content/ into pages, then post-processes the output.

MkDocs loads this through the small hook file `kbgen/site/hook.py` (listed under `hooks:` in
mkdocs.yml), so a plain `mkdocs build` and `kbgen build` produce the same site.

Events used:
  on_startup      note the command; plain `mkdocs build/serve` get their own scratch dir
  on_config       read content/, generate pages into a private scratch docs dir, set the nav
  on_serve        also watch content/ and kbgen.toml for live reload
  on_page_content sanitise the rendered HTML, add FAQPage JSON-LD and the answer language
  on_post_build   segment Thai and add inside-word keywords to the search index
  on_build_error, on_shutdown   remove a scratch dir this hook created

The scratch dir comes from `tempfile.mkdtemp` (mode 0700, a fresh name each time), one per
`kbgen build` or `kbgen serve` run, and is removed afterwards, also after a failure: a
predictable shared name would let another local user plant it (a `docs` link elsewhere, whose
files the page writer would then delete) or read drafts left behind by a failed build.
"""

from __future__ import annotations

import contextlib
import html
import json
import logging
import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kbgen.content.entries import Entry, load_entries
from kbgen.content.taxonomy import load_taxonomy
from kbgen.errors import KbgenError
from kbgen.site import i18n
from kbgen.site import pages as gen
from kbgen.site.sanitize import clean_html, safe_slug

log = logging.getLogger("mkdocs.plugins.kbgen")
_H1 = re.compile(r"^\s*<h1[^>]*>.*?</h1>", re.S)


@dataclass(slots=True)
class RunOptions:
    """Set by `kbgen build`/`kbgen serve` (or tests) for the next MkDocs run."""

    drafts: bool = False
    embedder: Any = None  # object with .embed(list[str]) -> ndarray; None = kbgen's default
    related: bool = True


_run = RunOptions()
last_stats: dict[str, int] = {}  # of the latest build in this process, for `kbgen build`
_command: list[str] = []  # "build", "serve", "gh-deploy" of the current MkDocs process
last_error: list[str] = []  # content problem that stopped the latest build (MkDocs hides it)


def set_run_options(options: RunOptions | None) -> None:
    global _run
    _run = options or RunOptions()


def get_run_options() -> RunOptions:
    return _run


@dataclass(slots=True)
class _Scratch:
    path: Path | None = None  # the current run's private docs dir
    owned_by_hook: bool = False  # made by the hook for a plain `mkdocs` run, not by kbgen


_scratch = _Scratch()  # module level: MkDocs reloads the hook file for each live-reload rebuild


@dataclass(slots=True)
class _Languages:
    """The multi-language run in progress. The default language's build (plain `mkdocs
    build` too) builds the other languages from its on_post_build into `<site>/<lang>/`;
    those nested builds read the content model the first one made instead of reloading it."""

    stack: list[str] = field(default_factory=list)  # languages of the nested builds running
    site: gen.SiteContent | None = None


_langs = _Languages()


def building_language() -> str | None:
    """The language of the nested build in progress; None for the default language's."""
    return _langs.stack[-1] if _langs.stack else None


def new_scratch_dir() -> Path:
    """A fresh private folder (0700, unguessable name) for the generated Markdown pages."""
    return Path(tempfile.mkdtemp(prefix="kbgen-site-"))


def scratch_dir() -> Path | None:
    """The scratch docs dir of the run in progress, if any (for tests and diagnostics)."""
    return _scratch.path


@contextlib.contextmanager
def scratch_session() -> Iterator[Path]:
    """One private scratch dir for one `kbgen build`/`serve` run; removed however it ends."""
    previous = (_scratch.path, _scratch.owned_by_hook)
    path = new_scratch_dir()
    _scratch.path, _scratch.owned_by_hook = path, False
    try:
        yield path
    finally:
        _scratch.path, _scratch.owned_by_hook = previous
        shutil.rmtree(path, ignore_errors=True)


def _drop_hook_scratch() -> None:
    if _langs.stack:  # a nested language build: the default language's run owns it
        return
    if _scratch.owned_by_hook and _scratch.path is not None:
        shutil.rmtree(_scratch.path, ignore_errors=True)
        _scratch.path, _scratch.owned_by_hook = None, False


def _safe_toc_slugs(config: Any) -> None:
    """Heading ids without long digit runs, whatever slugify mkdocs.yml configures."""
    from markdown.extensions.toc import slugify

    names = [n for n in config["markdown_extensions"] if n in ("toc", "markdown.extensions.toc")]
    mdx = config["mdx_configs"]
    for name in names or ["toc"]:
        options = dict(mdx.get(name) or {})
        inner = options.get("slugify") or slugify
        if not getattr(inner, "kbgen_safe", False):
            options["slugify"] = safe_slug(inner)
        mdx[name] = options


@dataclass
class KbgenSite:
    content_dir: Path | None = None
    entries: list[Entry] = field(default_factory=list)
    stats: dict[str, int] = field(default_factory=dict)
    lang: str = i18n.DEFAULT_LANGUAGE  # of this build's pages
    homes: list[dict[str, str]] | None = None  # extra.alternate as configured for this build

    def on_startup(self, command: str, dirty: bool) -> None:
        # MkDocs calls on_startup once per process, but reloads this hook for each live-reload
        # rebuild, so the command is kept at module level.
        _command[:] = [command]
        if _scratch.path is None:  # plain `mkdocs build/serve`; kbgen made one already
            _scratch.path, _scratch.owned_by_hook = new_scratch_dir(), True

    def on_config(self, config: Any) -> Any:
        from kbgen.site.segment import prepare

        prepare()  # before Material's search plugin first calls jieba
        nested = building_language()
        if nested is None or _langs.site is None:
            _langs.site = self._load_site(config)
        site = _langs.site
        plan = site.settings.plan
        lang = nested or plan.default
        extra = dict(config["extra"].get("kbgen") or {})
        if _scratch.path is None:  # MkDocs' build() called without on_startup
            _scratch.path, _scratch.owned_by_hook = new_scratch_dir(), True
        out_dir = _scratch.path / i18n.LANGUAGES[lang].slug
        out_dir.mkdir(exist_ok=True)
        related = int(extra.get("related", 3))
        changed = gen.write_pages(gen.render_all(site, lang, related), out_dir)
        self.entries, self.lang = site.entries, lang
        self.stats = {
            "entries": sum(1 for e in site.entries if e.lang == lang),
            "pages_written": changed,
        }
        log.debug("kbgen: %s: %d pages rewritten in %s", lang, changed, out_dir)
        config["docs_dir"] = str(out_dir)
        config["nav"] = gen.nav(site, lang)
        _localize(config, site, lang, extra)
        self.homes = None
        _safe_toc_slugs(config)
        return config

    def _load_site(self, config: Any) -> gen.SiteContent:
        """Read content/ once per run: entries of every language, related questions."""
        from mkdocs.exceptions import PluginError

        content_dir = Path(config["docs_dir"])
        project_dir = Path(config["config_file_path"] or content_dir).resolve().parent
        options = _run
        extra = dict(config["extra"].get("kbgen") or {})
        try:
            categories = load_taxonomy(project_dir)
            statuses = ("published", "draft") if options.drafts else ("published",)
            entries = load_entries(content_dir, categories, statuses)
            plan = i18n.plan_languages(extra, {e.lang for e in entries})
            _check_languages(plan, entries)
        except KbgenError as exc:
            last_error[:] = [str(exc)]
            raise PluginError(str(exc)) from None
        last_error.clear()
        order = {c.slug: i for i, c in enumerate(categories)}
        entries.sort(key=lambda e: (order.get(e.category, 99), -e.questions, e.slug))
        related: dict[int, list[tuple[int, float]]] = {}
        k = int(extra.get("related", 3))
        if options.related and k > 0:
            from kbgen.site.related import load_default_embedder, open_cache, related_entries

            embedder, cache = options.embedder, None
            if embedder is None:
                embedder = load_default_embedder(extra.get("embedding_model"))
                cache = open_cache()
            # more neighbours than shown: the page's own language is picked from them first
            related = related_entries(entries, embedder, k=max(4 * k, 12), cache=cache)
        self.content_dir = content_dir
        return gen.SiteContent(
            entries=entries,
            categories=categories,
            related=related,
            updated=gen.last_updated(entries, content_dir),
            settings=gen.SiteSettings(
                plan=plan,
                home_title=extra.get("home_title"),
                show_counts=bool(extra.get("show_counts", False)),
                directory_urls=bool(config["use_directory_urls"]),
            ),
        )

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        if self.content_dir is not None:
            server.watch(str(self.content_dir))
            toml = Path(config["config_file_path"]).parent / "kbgen.toml"
            if toml.exists():
                server.watch(str(toml))
        return server

    def on_page_context(self, context: Any, page: Any, config: Any, nav: Any) -> Any:
        """`<link rel="alternate" hreflang>` in the page head: with `site_url` set, each
        language's version of this very page (search engines want absolute URLs); else, and
        on pages of our own with no counterparts, each language's home."""
        if self.homes is None:
            self.homes = list(config["extra"].get("alternate") or [])
        alternates = (page.meta or {}).get("kbgen_alternates")
        if alternates and page.canonical_url and self.homes:
            from urllib.parse import urljoin

            config["extra"]["alternate"] = [
                {
                    "name": a["name"],
                    "lang": a["lang"],
                    "link": urljoin(page.canonical_url, a["href"]),
                }
                for a in alternates
            ]
        else:
            config["extra"]["alternate"] = self.homes
        return context

    def on_page_content(self, html_text: str, page: Any, config: Any, files: Any) -> str:
        index = page.meta.get("kbgen_entry")
        if not isinstance(index, int) or not 0 <= index < len(self.entries):
            return html_text
        entry = self.entries[index]
        if entry.lang != self.lang:
            return html_text
        answer, _, rest = html_text.partition(gen.END_OF_ANSWER)
        answer, rest = clean_html(answer), clean_html(rest)
        page.meta["kbgen_jsonld"] = faq_jsonld(entry.title, _H1.sub("", answer, count=1))
        page.meta["kbgen_lang"] = entry.lang
        return f'<div lang="{html.escape(entry.lang)}">{answer}{rest}</div>'

    def on_post_build(self, config: Any) -> None:
        from kbgen.site.segment import enrich_search_index

        index = Path(config["site_dir"]) / "search" / "search_index.json"
        related_titles = {i18n.text(lang, "related") for lang in i18n.LANGUAGES}
        if index.is_file():
            self.stats.update(enrich_search_index(index, related_titles))
        if building_language() is not None:  # a nested build: the first one reports
            return
        site = _langs.site
        try:
            if site is not None:
                prefixes = [site.settings.plan.prefix(x) for x in site.settings.plan.languages[1:]]
                for lang, prefix in zip(site.settings.plan.languages[1:], prefixes, strict=True):
                    _build_language(config, lang, prefix)
                    # a host serves the root's 404 page (in every language) for any missing
                    # path; the root's page finds the site root by looking for this one
                    (Path(config["site_dir"]) / prefix / "404.html").unlink(missing_ok=True)
                merge_sitemaps(Path(config["site_dir"]), prefixes)
            if not config["site_url"]:
                from kbgen.site.notfound import relocatable_404

                relocatable_404(Path(config["site_dir"]) / "404.html")
            from kbgen.site.textcheck import check_site

            for finding in check_site(config["site_dir"]):  # a warning: --strict fails
                log.warning("kbgen: %s", finding)
        finally:
            _langs.site = None
        last_stats.clear()
        last_stats.update(self.stats)
        if site is not None:
            last_stats["languages"] = len(site.settings.plan.languages)
            last_stats["entries"] = len(site.entries)
        if _command != ["serve"]:  # serve rebuilds into the same dir
            _drop_hook_scratch()

    def on_build_error(self, error: Exception) -> None:
        if building_language() is None:
            _langs.site = None
        if _command != ["serve"]:
            _drop_hook_scratch()

    def on_shutdown(self) -> None:
        _drop_hook_scratch()


def faq_jsonld(question: str, answer_html: str) -> str:
    """schema.org FAQPage for one question; safe to place inside a <script> element."""
    data = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": question,
                "acceptedAnswer": {"@type": "Answer", "text": answer_html.strip()},
            }
        ],
    }
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _localize(config: Any, site: gen.SiteContent, lang: str, extra: dict[str, Any]) -> None:
    """Set one language's build: Material's UI language, the language switch, kbgen's UI
    strings for the templates, the site name, and search settings that suit every language."""
    plan = site.settings.plan
    config["theme"]["language"] = i18n.LANGUAGES[lang].theme
    config["site_name"] = i18n.localized(
        extra.get("site_name"), lang, plan.default, config["site_name"]
    )
    if len(plan.languages) > 1:
        config["extra"]["alternate"] = [
            {
                "name": i18n.LANGUAGES[other].name,
                "link": site.link(lang, None, other, "index.md"),
                "lang": other,
            }
            for other in plan.languages
        ]
    config["extra"]["kbgen_ui"] = {"lang": lang, **i18n.UI[lang]}
    config["extra"]["kbgen_languages"] = [
        {
            "lang": other,
            "name": i18n.LANGUAGES[other].name,
            "link": site.link(lang, None, other, "index.md"),
            "not_found": i18n.text(other, "not_found"),
            "not_found_text": i18n.text(other, "not_found_text"),
            "go_home": i18n.text(other, "go_home"),
            "read_in": i18n.text(other, "read_in"),
            "dismiss": i18n.text(other, "dismiss"),
        }
        for other in plan.languages
    ]
    for name in ("search", "material/search"):
        search = config["plugins"].get(name)
        if search is not None and not search.config.get("lang"):
            # lunr's English pipeline: the tested one for Chinese and Thai (shared/SEARCH.md);
            # Thai's own pipeline expects a word-cut library that the search worker never loads.
            search.config["lang"] = ["en"]


def _build_language(primary: Any, lang: str, prefix: str) -> None:
    """Build `lang`'s pages into `<site_dir>/<prefix>` with the same mkdocs.yml and options."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site_url = primary["site_url"]
    overrides: dict[str, Any] = {
        "site_dir": str(Path(primary["site_dir"]) / prefix),
        "strict": primary["strict"],
        "site_url": site_url.rstrip("/") + "/" + prefix if site_url else site_url,
    }
    _langs.stack.append(lang)
    try:
        config = load_config(config_file=primary["config_file_path"], **overrides)
        config.plugins.on_startup(command=(_command or ["build"])[0], dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    finally:
        _langs.stack.pop()


_URL_BLOCK = re.compile(r"<url>.*?</url>", re.S)


def merge_sitemaps(site_dir: Path, prefixes: list[str]) -> int:
    """One sitemap for the whole site: the other languages' pages added to the root's
    sitemap.xml (and .gz), where crawlers look. Returns the number of URLs added."""
    import gzip

    root = site_dir / "sitemap.xml"
    if not root.is_file() or not prefixes:
        return 0
    text = root.read_text(encoding="utf-8")
    blocks = []
    for prefix in prefixes:
        other = site_dir / prefix / "sitemap.xml"
        if other.is_file():
            blocks += _URL_BLOCK.findall(other.read_text(encoding="utf-8"))
    if not blocks or "</urlset>" not in text:
        return 0
    head, _, tail = text.rpartition("</urlset>")
    text = head + "".join(f"    {b}\n" for b in blocks) + "</urlset>" + tail
    root.write_text(text, encoding="utf-8")
    with gzip.GzipFile(site_dir / "sitemap.xml.gz", "wb", mtime=0) as out:
        out.write(text.encode("utf-8"))
    return len(blocks)


def _check_languages(plan: i18n.LanguagePlan, entries: list[Entry]) -> None:
    """A category folder must not take a language's URL segment; entries in a language the
    site leaves out are reported (they are not published)."""
    from collections import Counter

    from kbgen.errors import ContentError

    segments = {i18n.LANGUAGES[lang].slug: lang for lang in plan.languages[1:]}
    for entry in entries:
        if entry.category in segments:
            raise ContentError(
                f"{entry.path}: category folder {entry.category!r} is the URL segment of the "
                f"{segments[entry.category]} pages; rename the category"
            )
    present = Counter(e.lang for e in entries)
    if entries and not present.get(plan.default):
        main = present.most_common(1)[0][0]
        log.info(
            "kbgen: no published entry is in %s, the language at the site's root; "
            "set extra.kbgen.default_language: %s to put %s there",
            plan.default,
            main,
            main,
        )
    left_out = Counter(e.lang for e in entries if e.lang not in plan.languages)
    for lang, n in sorted(left_out.items()):
        log.info(
            "kbgen: %d %s entr%s not published: %s is not in extra.kbgen.languages",
            n,
            lang,
            "y" if n == 1 else "ies",
            lang,
        )
