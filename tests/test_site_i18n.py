"""The help site in four languages: language plan, UI strings, public text, 404, sitemaps.

Builds use the repo's mkdocs.yml and a fake embedder; the browser checks are in
test_site_browser.py.
"""

from __future__ import annotations

import datetime as dt
import gzip
import re
from pathlib import Path

import pytest
from conftest_site import FakeEmbedder, make_project, write_entry, write_multilingual

from kbgen.content.taxonomy import load_taxonomy
from kbgen.errors import ContentError, KbgenError
from kbgen.site import build_site, i18n
from kbgen.site.notfound import relocatable_404
from kbgen.site.pages import SiteContent, SiteSettings, is_public_phrasing
from kbgen.site.plugin import merge_sitemaps
from kbgen.site.textcheck import check_site, problems_in


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_every_language_translates_every_ui_string() -> None:
    keys = set(i18n.UI["en"])
    for lang, table in i18n.UI.items():
        assert set(table) == keys, lang
        assert all(value.strip() for value in table.values()), lang
    assert set(i18n.UI) == set(i18n.LANGUAGES)
    assert i18n.text("th", "asked", 412) == "ถูกถาม 412 ครั้ง"
    assert i18n.text("en", "asked", 1) == "asked once"
    assert i18n.text("en", "questions", 1_234) == "1,234 questions"
    assert i18n.date_text("th", dt.date(2026, 11, 28)) == "28 พฤศจิกายน 2569"
    assert i18n.date_text("zh-Hant", dt.date(2026, 1, 5)) == "2026年1月5日"
    assert i18n.date_text("en", dt.date(2026, 1, 5)) == "5 January 2026"


def test_language_plan_from_config_and_content() -> None:
    plan = i18n.plan_languages({}, {"en", "th"})
    assert plan.languages == ("en", "th")  # no empty Chinese homes
    assert plan.prefix("en") == "" and plan.prefix("th") == "th/"
    plan = i18n.plan_languages({"default_language": "th"}, {"en"})
    assert plan.languages == ("th", "en") and plan.prefix("en") == "en/"
    plan = i18n.plan_languages({"languages": ["en", "zh-Hant"]}, {"en", "th", "zh-Hant"})
    assert plan.languages == ("en", "zh-Hant")
    with pytest.raises(ContentError, match="'fr' is not supported"):
        i18n.plan_languages({"languages": ["en", "fr"]}, {"en"})
    with pytest.raises(ContentError, match="must be a list"):
        i18n.plan_languages({"languages": "en"}, {"en"})


def test_localized_config_values() -> None:
    assert i18n.localized("Help!", "en", "en", "x") == "Help!"
    assert i18n.localized("Help!", "th", "en", "ไทย") == "ไทย"  # a plain string is the default's
    assert i18n.localized({"th": "ช่วยด้วย"}, "th", "en", "x") == "ช่วยด้วย"
    assert i18n.localized({"th": "ช่วยด้วย"}, "en", "en", "fallback") == "fallback"


def test_category_names_per_language(tmp_path: Path) -> None:
    cats = {c.slug: c for c in load_taxonomy(tmp_path)}
    assert cats["returns-refunds"].title("th") == "การคืนสินค้าและคืนเงิน"
    assert cats["returns-refunds"].title("zh-Hant") == "退貨與退款"
    assert cats["returns-refunds"].title("en") == "Returns & refunds"
    (tmp_path / "kbgen.toml").write_text(
        '[[categories]]\nslug = "loyalty"\nname = { en = "Points", th = "แต้มสะสม" }\n',
        encoding="utf-8",
    )
    cats = {c.slug: c for c in load_taxonomy(tmp_path)}
    assert cats["loyalty"].name == "Points" and cats["loyalty"].title("th") == "แต้มสะสม"
    assert cats["loyalty"].title("zh-Hans") == "Points"
    (tmp_path / "kbgen.toml").write_text(
        '[[categories]]\nslug = "loyalty"\nname = { en = 3 }\n', encoding="utf-8"
    )
    with pytest.raises(ContentError, match="'name' of 'loyalty' must be a string or a table"):
        load_taxonomy(tmp_path)


@pytest.mark.parametrize(
    ("text", "public"),
    [
        ("Where's my refund?", True),
        ("ยังไม่ได้รับเงินคืน", True),
        ("退款什么时候到账", True),
        ("order 2 days late", True),
        ("call me on <PHONE>", False),
        ("my order <ORDER_ID> is late", False),
        ("order 123456789 is late", False),
        ("order 1234 5678 9012 is late", False),
        ("ref msg-3fa2b19c", False),
        ("ticket T-10023 again", False),
    ],
)
def test_public_phrasings_never_carry_masks_ids_or_long_numbers(text: str, public: bool) -> None:
    assert is_public_phrasing(text) is public


def test_links_between_languages_are_relative() -> None:
    plan = i18n.plan_languages({}, {"en", "th", "zh-Hans"})
    site = SiteContent([], [], {}, {}, SiteSettings(plan=plan))
    assert site.link("th", "returns-refunds/a.md", "en", "returns-refunds/b.md") == (
        "../../../returns-refunds/b/"
    )
    assert site.link("en", "returns-refunds/b.md", "th", "index.md") == "../../th/"
    assert site.link("en", "index.md", "en", "index.md") == "./"
    assert site.link("th", None, "en", "index.md") == "../"  # from th's root, for `url`
    assert site.link("en", None, "zh-Hans", "orders/index.md") == "zh-hans/orders/"
    flat = SiteContent([], [], {}, {}, SiteSettings(plan=plan, directory_urls=False))
    assert flat.link("th", "orders/a.md", "en", "orders/b.md") == "../../orders/b.html"


def test_public_text_check_finds_masks_and_long_numbers(tmp_path: Path) -> None:
    assert problems_in("call <PHONE> or &lt;EMAIL&gt;") == [
        ("mask", "<PHONE>"),
        ("mask", "<EMAIL>"),
    ]
    assert problems_in("order 1234-5678-9012") == [("long number", "1234-5678-9012")]
    assert problems_in("in 2026, within 5 working days, 1,234.50 baht, 2026-11-28") == []
    assert problems_in("28/11/2026 or 2026.11.28") == []
    assert problems_in("2026-11-28 12345678") == [("long number", "12345678")]
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        "<html><head><title>Order 123456789</title><style>.x{width:12345678px}</style>"
        '<script>var n = 987654321;</script><script type="application/ld+json">'
        '{"name": "&lt;NAME&gt;"}</script></head>'
        '<body><p>Hi <img alt="<PHONE>" src="x.png"> <time datetime="20261128">today</time>'
        "</p></body></html>",
        encoding="utf-8",
    )
    found = {(f.kind, f.text) for f in check_site(tmp_path)}
    assert found == {("long number", "123456789"), ("mask", "<NAME>"), ("mask", "<PHONE>")}


def test_build_warns_about_masks_in_published_text_and_strict_fails(tmp_path: Path) -> None:
    config = make_project(tmp_path)
    write_entry(
        tmp_path / "content",
        "orders",
        "late",
        "Why is my order late?",
        "Call us on 0212345678 or quote <ORDER_ID>.\n",
        questions=12,
        also_asked=["order <ORDER_ID> late", "my order is late"],
    )
    result = build_site(tmp_path, config_file=config, related=False, quiet=True)
    page = read(result.site_dir, "orders/late/index.html")
    assert "my order is late" in page and "order &lt;ORDER_ID&gt; late" not in page
    with pytest.raises(KbgenError, match="strict"):
        build_site(tmp_path, config_file=config, related=False, strict=True, quiet=True)


def test_repo_sample_site_has_no_masks_or_long_numbers(tmp_path: Path) -> None:
    from conftest_site import REPO

    result = build_site(
        REPO, site_dir=tmp_path / "site", embedder=FakeEmbedder(), strict=True, quiet=True
    )
    assert check_site(result.site_dir) == []
    for lang, folder in [("th", "th/"), ("zh-Hans", "zh-hans/"), ("zh-Hant", "zh-hant/")]:
        assert f'<html lang="{lang}"' in read(result.site_dir, folder + "index.html")
    assert not re.search(r"asked [\d,]+ times", read(result.site_dir, "index.html"))


def test_related_questions_prefer_the_page_language(tmp_path: Path) -> None:
    config = make_project(tmp_path)
    content = tmp_path / "content"
    write_multilingual(content)
    for slug, title in [
        ("khuen-sinkha", "คืนสินค้าได้ภายในกี่วัน"),
        ("khuen-ngoen-bat", "คืนเงินเข้าบัตรกี่วัน"),
    ]:
        write_entry(content, "returns-refunds", slug, title, "ตอบ\n", lang="th", questions=9)
    result = build_site(tmp_path, config_file=config, embedder=FakeEmbedder(), quiet=True)
    page = read(result.site_dir, "th/returns-refunds/khuenngoen/index.html")
    related = page[page.index('class="kb-related"') :]
    related = related[: related.index("</div>")]
    links = re.findall(r'<a href="([^"]+)"', related)
    assert links[:2] and all(not x.startswith("../../../") for x in links[:2])  # Thai first
    assert "refund-timing" not in related and "tuikuan" not in related  # its own translations


def test_a_site_with_one_language_has_no_switch(tmp_path: Path) -> None:
    config = make_project(tmp_path)
    write_entry(tmp_path / "content", "orders", "a", "Can I cancel?", "Yes.\n")
    result = build_site(tmp_path, config_file=config, related=False, strict=True, quiet=True)
    assert not (result.site_dir / "th").exists()
    assert "md-select__link" not in read(result.site_dir, "orders/a/index.html")
    assert result.stats["languages"] == 1


def test_404_is_made_relocatable_without_site_url(tmp_path: Path) -> None:
    config = make_project(tmp_path)
    write_multilingual(tmp_path / "content")
    result = build_site(tmp_path, config_file=config, related=False, quiet=True)
    page = read(result.site_dir, "404.html")
    assert page.index("<base href") < page.index("stylesheet")  # base first, then styles
    markup = page.split("</script>", 1)[1]  # after the base-finding script
    assert not re.search(r'\s(?:href|src)="/(?!/)', markup)  # nothing from the domain root
    for text in ("Page not found", "ไม่พบหน้านี้", "找不到页面", "找不到頁面"):
        assert text in page
    assert not list(result.site_dir.glob("*/404.html"))  # only the root's: it finds the root
    assert relocatable_404(result.site_dir / "404.html") is True  # idempotent
    assert read(result.site_dir, "404.html") == page
    assert relocatable_404(tmp_path / "missing.html") is False
    with_url = tmp_path / "with-url"
    config = make_project(with_url, site_url="https://example.github.io/help/")
    write_multilingual(with_url / "content")
    result = build_site(with_url, config_file=config, related=False, quiet=True)
    page = read(result.site_dir, "404.html")
    assert "<base href" not in page and 'href="/help/assets/' in page


def test_sitemaps_are_merged(tmp_path: Path) -> None:
    (tmp_path / "th").mkdir()
    (tmp_path / "sitemap.xml").write_text(
        '<?xml version="1.0"?>\n<urlset>\n    <url><loc>https://x/a/</loc></url>\n</urlset>\n'
    )
    (tmp_path / "th" / "sitemap.xml").write_text(
        '<?xml version="1.0"?>\n<urlset>\n    <url><loc>https://x/th/b/</loc></url>\n</urlset>\n'
    )
    assert merge_sitemaps(tmp_path, ["th/"]) == 1
    text = read(tmp_path, "sitemap.xml")
    assert text.index("https://x/a/") < text.index("https://x/th/b/") < text.index("</urlset>")
    assert gzip.decompress((tmp_path / "sitemap.xml.gz").read_bytes()).decode() == text
    assert merge_sitemaps(tmp_path, []) == 0


def test_related_questions_in_another_language_are_our_links(tmp_path: Path) -> None:
    """A Thai page whose nearest entries are English links to them with hreflang and
    target="_self": Material takes over links into another language's folder (it guesses the
    same path there and falls back to that language's home) unless the link names a target."""
    from kbgen.content.entries import load_entries
    from kbgen.site.pages import entry_page

    make_project(tmp_path)
    content = tmp_path / "content"
    write_entry(content, "orders", "ship", "How long does shipping take?", "3 days.\n", questions=5)
    write_entry(content, "orders", "track", "Where is my parcel?", "See Orders.\n", questions=4)
    write_entry(content, "orders", "song", "ส่งกี่วัน", "3 วัน\n", lang="th", questions=3)
    entries = load_entries(content, load_taxonomy(tmp_path), ("published",))
    thai = next(i for i, e in enumerate(entries) if e.lang == "th")
    english = [i for i, e in enumerate(entries) if e.lang == "en"]
    plan = i18n.plan_languages({}, {"en", "th"})
    site = SiteContent(entries, [], {thai: [(j, 0.9) for j in english]}, {}, SiteSettings(plan))
    page = entry_page(site, thai)
    related = page[page.index('class="kb-related"') :]
    links = re.findall(r'<a href="([^"]+)" hreflang="en" target="_self">', related)
    assert sorted(links) == ["../../../orders/ship/", "../../../orders/track/"]


def test_related_fill_only_from_languages_the_reader_reads() -> None:
    assert i18n.also_read("zh-Hans", "en") == ["zh-Hant", "en"]
    assert i18n.also_read("th", "en") == ["en"]
    assert i18n.also_read("en", "en") == []
    assert i18n.also_read("en", "th") == ["th"]


def test_a_chinese_page_never_lists_thai_related(tmp_path: Path) -> None:
    config = make_project(tmp_path)
    write_multilingual(tmp_path / "content")
    result = build_site(tmp_path, config_file=config, embedder=FakeEmbedder(), quiet=True)
    for page in (result.site_dir / "zh-hans").rglob("index.html"):
        text = page.read_text(encoding="utf-8")
        if 'class="kb-related"' in text:
            related = text[text.index('class="kb-related"') :].split("</div>")[0]
            assert "/th/" not in related and "(ไทย)" not in related, page


def test_a_category_cannot_take_a_language_segment(tmp_path: Path) -> None:
    config = make_project(tmp_path)
    write_entry(tmp_path / "content", "orders", "a", "Can I cancel?", "Yes.\n")
    write_entry(tmp_path / "content", "orders", "b", "ยกเลิกได้ไหม", "ได้\n", lang="th")
    write_entry(tmp_path / "content", "th", "c", "Thailand shipping?", "Yes.\n")
    with pytest.raises(KbgenError, match="category folder 'th' is the URL segment of the th pages"):
        build_site(tmp_path, config_file=config, related=False, quiet=True)


def test_languages_left_out_are_reported(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = make_project(tmp_path, extra_kbgen={"languages": ["en"]})
    write_multilingual(tmp_path / "content")
    caplog.set_level("INFO", logger="mkdocs.plugins.kbgen")
    result = build_site(tmp_path, config_file=config, related=False, strict=True, quiet=True)
    assert not (result.site_dir / "th").exists()
    assert "3 th entries not published: th is not in extra.kbgen.languages" in caplog.text


def test_check_and_publish_keep_todo_lists_and_masks_off_the_site(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kbgen.cli import cli

    content = tmp_path / "content"
    write_entry(content, "orders", "ok", "Can I cancel?", "Yes, until it ships.\n")
    todo = write_entry(
        content,
        "orders",
        "todo",
        "Where is my order?",
        "<!-- kbgen:todo -->\n**To do:** write the answer.\n",
    )
    masked = write_entry(content, "orders", "masked", "Call <PHONE>?", "Call us.\n", status="draft")
    runner = CliRunner()
    out = runner.invoke(cli, ["check", str(content)])
    assert out.exit_code == 1
    assert "todo.md" in out.output and "still kbgen's to-do" in out.output
    assert "masked.md" not in out.output  # a draft may carry masks until it is published
    out = runner.invoke(cli, ["publish", str(masked)])
    assert out.exit_code == 1 and "the title shows a masked value (<PHONE>)" in out.output
    assert "status: draft" in masked.read_text(encoding="utf-8")  # nothing written
    todo.write_text(todo.read_text(encoding="utf-8").replace("<!-- kbgen:todo -->", ""))
    out = runner.invoke(cli, ["check", str(content)])
    assert out.exit_code == 0, out.output


def test_also_asked_shows_only_phrasings_in_the_page_language(tmp_path: Path) -> None:
    from kbgen.site.pages import in_page_script

    assert in_page_script("App裡的取消按鈕按不了", "zh-Hant")
    assert not in_page_script("How do i cancel an order.", "zh-Hant")
    assert in_page_script("ยกเลิก order ได้ไหม", "th") and not in_page_script("cancel?", "th")
    assert not in_page_script("退款 refund", "en") and in_page_script("refund?", "en")
    config = make_project(tmp_path)
    write_entry(
        tmp_path / "content",
        "orders",
        "quxiao",
        "已出貨還可以取消嗎？",
        "可以。\n",
        lang="zh-Hant",
        also_asked=["訂單可以取消嗎？", "How do i cancel an order.", "ยกเลิกได้ไหม"],
    )
    result = build_site(tmp_path, config_file=config, related=False, quiet=True)
    page = read(result.site_dir, "zh-hant/orders/quxiao/index.html")
    assert "訂單可以取消嗎？" in page
    assert "How do i cancel" not in page and "ยกเลิก" not in page


def test_a_thai_only_site_is_told_how_to_put_thai_at_the_root(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = make_project(tmp_path)
    write_entry(tmp_path / "content", "orders", "a", "ยกเลิกได้ไหม", "ได้\n", lang="th")
    caplog.set_level("INFO", logger="mkdocs.plugins.kbgen")
    result = build_site(tmp_path, config_file=config, related=False, strict=True, quiet=True)
    assert "set extra.kbgen.default_language: th" in caplog.text
    assert "There are no articles in this language yet." in read(result.site_dir, "index.html")
    assert (result.site_dir / "th" / "orders" / "a" / "index.html").is_file()
    config = make_project(tmp_path, extra_kbgen={"default_language": "th"})
    result = build_site(tmp_path, config_file=config, related=False, strict=True, quiet=True)
    assert '<html lang="th"' in read(result.site_dir, "orders/a/index.html")  # Thai at the root
    assert not (result.site_dir / "th").exists()
