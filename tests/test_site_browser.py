"""The built help site in a real browser (headless Debian Chromium via selenium).

Builds a small multilingual site once, serves it on 127.0.0.1, types queries into the real
search box and checks which pages come back; then checks that ticket text cannot run script.
Skipped only when chromium/chromedriver are not installed (scripts/install-browser.sh).
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest_site import FakeEmbedder, make_project, write_multilingual, write_xss

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


PREFIX = "/help/"  # served from a subpath, as a GitHub Pages project site is


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from kbgen.site import build_site

    root = tmp_path_factory.mktemp("browser-site")
    config = make_project(root, extra_kbgen={"feedback_url": "feedback-endpoint"})
    write_multilingual(root / "content")
    write_xss(root / "content")
    result = build_site(root, config_file=config, strict=True, embedder=FakeEmbedder(), quiet=True)
    handler = functools.partial(QuietHandler, directory=str(result.site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    finally:
        server.shutdown()
        server.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under PREFIX and answers a missing path with the site's 404.html and
    status 404, as GitHub Pages does."""

    posts: list[bytes] = []

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        # The default language's sitemap comes back last, as it may on a busy host: Material
        # then knows the other languages' sitemaps first (see switch_to).
        if self.path == PREFIX + "sitemap.xml":
            time.sleep(0.3)
        super().do_GET()

    def translate_path(self, path: str) -> str:
        if path.startswith(PREFIX):
            path = "/" + path[len(PREFIX) :]
        else:
            path = "/.no-such-file"
        return super().translate_path(path)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_POST(self) -> None:  # the feedback endpoint
        length = int(self.headers.get("Content-Length") or 0)
        QuietHandler.posts.append(self.rfile.read(length))
        self.send_response(204)
        self.end_headers()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    yield from chromium("en-US,en")


@pytest.fixture(scope="module")
def thai_browser() -> Iterator[object]:
    """A reader whose browser prefers Thai, then English."""
    yield from chromium("th-TH,th,en")


def chromium(accept_languages: str) -> Iterator[object]:
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.skip("chromium/chromedriver not installed (run scripts/install-browser.sh)")
    webdriver = pytest.importorskip("selenium.webdriver")
    options = webdriver.ChromeOptions()
    options.add_experimental_option("prefs", {"intl.accept_languages": accept_languages})
    options.add_argument(f"--lang={accept_languages.split(',')[0]}")
    options.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,900",
    ):
        options.add_argument(arg)
    service = webdriver.ChromeService(executable_path=CHROMEDRIVER)
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def search(driver: object, base: str, query: str, expect: str | None = None) -> list[str]:
    """Type `query` into the header search box; return result page paths, best first."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    if driver.current_url.split("#")[0].split("?")[0] != base:
        driver.get(base)  # that language's home: its search index
    box = driver.find_element(By.CSS_SELECTOR, "input[data-md-component=search-query]")
    driver.execute_script("document.getElementById('__search').checked = true")
    box.click()
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.DELETE)
    meta = (By.CSS_SELECTOR, ".md-search-result__meta")
    # wait for the previous query's results to clear, so they cannot be mistaken for these
    WebDriverWait(driver, 5).until(lambda _: "matching" not in driver.find_element(*meta).text)
    box.send_keys(query)

    def results(_: object) -> tuple[list[str]] | bool:  # a tuple, so [] counts as done
        meta = driver.find_element(By.CSS_SELECTOR, ".md-search-result__meta").text
        if "matching" not in meta:  # "No matching documents", "3 matching documents"
            return False
        links = driver.find_elements(By.CSS_SELECTOR, ".md-search-result__item > a")
        paths = [
            a.get_attribute("href").removeprefix(base).split("#")[0].split("?")[0] for a in links
        ]
        if expect is None:
            return (paths,) if paths or meta.startswith("No") else False
        return (paths,) if any(expect in p for p in paths) else False

    try:
        return WebDriverWait(driver, 10, poll_frequency=0.2).until(results)[0]
    except Exception:
        links = driver.find_elements(By.CSS_SELECTOR, ".md-search-result__item > a")
        return [a.get_attribute("href").removeprefix(base).split("?")[0] for a in links]


FOLDER = {"en": "", "zh-Hans": "zh-hans/", "zh-Hant": "zh-hant/", "th": "th/"}

# Each query is a word inside a sentence (title, answer or "also asked as") of exactly one page,
# typed into the search box of a page in the same language (each language has its own index).
QUERIES = [
    ("en", "refund", "returns-refunds/refund-timing/"),
    ("en", "warehouse", "returns-refunds/refund-timing/"),
    ("en", "password", "account/reset-password/"),
    ("en", "fulfilment", "orders/cancel-order/"),
    ("zh-Hans", "退款", "returns-refunds/tuikuan/"),
    ("zh-Hans", "到账", "returns-refunds/tuikuan/"),
    ("zh-Hans", "仓库", "returns-refunds/tuikuan/"),
    ("zh-Hans", "物流", "orders/dingdan/"),
    ("zh-Hant", "送貨", "shipping-delivery/songhuo/"),
    ("zh-Hant", "追蹤", "shipping-delivery/songhuo/"),
    ("zh-Hant", "包裹", "shipping-delivery/songhuo/"),
    ("zh-Hant", "發票", "billing-payments/fapiao/"),
    ("zh-Hant", "訂單", "billing-payments/fapiao/"),  # jieba alone splits 每筆訂|單
    ("th", "คืนเงิน", "returns-refunds/khuenngoen/"),
    ("th", "ขอคืนเงิน", "returns-refunds/khuenngoen/"),
    ("th", "พัสดุ", "shipping-delivery/phatsadu/"),
    ("th", "คำสั่งซื้อ", "shipping-delivery/phatsadu/"),
    ("th", "รหัสผ่าน", "account/rahatphan/"),
    ("th", "ห้าวัน", "returns-refunds/khuenngoen/"),
    # Simplified and Traditional find each other's words (OpenCC at index time)
    ("zh-Hant", "发票", "billing-payments/fapiao/"),
    ("zh-Hant", "送货", "shipping-delivery/songhuo/"),
    ("zh-Hans", "訂單", "orders/dingdan/"),
    ("zh-Hans", "倉庫", "returns-refunds/tuikuan/"),
]


@pytest.mark.parametrize(("lang", "query", "page"), QUERIES, ids=[q[1] for q in QUERIES])
def test_search_finds_word_inside_sentence(
    browser: object, site_url: str, lang: str, query: str, page: str
) -> None:
    base = site_url + FOLDER[lang]
    browser.get(base)
    found = search(browser, base, query, expect=page)
    assert found, f"{lang} query {query!r} returned nothing"
    assert found[0] == page, f"{lang} query {query!r}: expected {page} first, got {found}"


def test_search_does_not_return_everything(browser: object, site_url: str) -> None:
    found = search(browser, site_url, "发票zzzz")
    assert found == []
    assert "No matching" in browser.find_element("css selector", ".md-search-result__meta").text
    found = search(browser, site_url, "password", expect="account/reset-password/")
    assert not [p for p in found if "tuikuan" in p or "rahatphan" in p]  # English pages only


def test_home_search_box_opens_search(browser: object, site_url: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(site_url)
    hero = browser.find_element(By.ID, "kb-hero-query")
    hero.send_keys("refund")

    def found(_: object) -> bool:
        links = browser.find_elements(By.CSS_SELECTOR, ".md-search-result__item > a")
        return any("refund-timing" in (a.get_attribute("href") or "") for a in links)

    WebDriverWait(browser, 10).until(found)
    query = browser.find_element(By.CSS_SELECTOR, "input[data-md-component=search-query]")
    assert query.get_attribute("value").startswith("r")


def test_ticket_text_is_shown_not_run(browser: object, site_url: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(site_url + "other/xss/")
    article = browser.find_element(By.CSS_SELECTOR, "article").text
    assert "<script>window.__xss='title'</script>" in article
    assert "<script>window.__xss='body'</script>" in article
    assert "onerror=" in article  # the <img> tag is visible text
    assert browser.execute_script("return window.__xss === undefined")
    assert browser.execute_script("return document.querySelectorAll('article script').length") == 0
    assert browser.execute_script("return document.querySelectorAll('article iframe').length") == 0
    hrefs = [a.get_attribute("href") or "" for a in browser.find_elements(By.CSS_SELECTOR, "a")]
    assert not [h for h in hrefs if h.lower().startswith("javascript:")]
    title = browser.execute_script("return document.title")
    assert "<script>" in title
    # the title as shown in the search results is text too
    found = search(browser, site_url, "safe", expect="other/xss/")
    assert "other/xss/" in found
    assert browser.execute_script("return window.__xss === undefined")


def test_feedback_widget_posts_to_endpoint(browser: object, site_url: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    QuietHandler.posts.clear()
    browser.get(site_url + "account/reset-password/")
    browser.find_element(By.CSS_SELECTOR, "[data-helpful=yes]").click()
    WebDriverWait(browser, 5).until(lambda _: QuietHandler.posts)
    assert b'"helpful":true' in QuietHandler.posts[0]
    assert b"account/reset-password/" in QuietHandler.posts[0]
    thanks = browser.find_element(By.CSS_SELECTOR, ".kb-feedback__thanks")
    assert thanks.is_displayed()
    contact = browser.find_element(By.CSS_SELECTOR, "footer a.kb-contact__link")
    assert contact.get_attribute("href").startswith("mailto:")


PLACEHOLDERS = {  # mkdocs-material's search box, and kbgen's box on the home page
    "en": ("Search", "Search: refund"),
    "zh-Hans": ("搜索", "搜索：退款"),
    "zh-Hant": ("搜尋", "搜尋：退款"),
    "th": ("ค้นหา", "ค้นหา: คืนเงิน"),
}


@pytest.mark.parametrize("lang", list(FOLDER))
def test_each_language_speaks_its_own_language(browser: object, site_url: str, lang: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(site_url + FOLDER[lang])
    assert browser.execute_script("return document.documentElement.lang") == lang
    header, hero = PLACEHOLDERS[lang]
    box = browser.find_element(By.CSS_SELECTOR, "input[data-md-component=search-query]")
    assert box.get_attribute("placeholder") == header
    assert (
        browser.find_element(By.ID, "kb-hero-query").get_attribute("placeholder").startswith(hero)
    )
    # every link on the home page stays in this language (the language hint aside)
    links = browser.execute_script(
        "return [...document.querySelectorAll('article a:not(.kb-langhint__link)')]"
        ".map(a => a.href)"
    )
    assert links and all(link.startswith(site_url + FOLDER[lang]) for link in links)
    if lang != "en":
        assert not [x for x in links if x.startswith(site_url + "returns-refunds/")]


def _settled(browser: object) -> bool:
    """The page has loaded and every sitemap it asked for has come back (found or not)."""
    return bool(
        browser.execute_script(
            "if (document.readyState !== 'complete') return false;"
            "const heads = document.querySelectorAll('link[rel=alternate][hreflang]').length;"
            "const maps = performance.getEntriesByType('resource')"
            "  .filter(e => e.name.endsWith('sitemap.xml') && e.responseEnd > 0).length;"
            "return maps >= heads;"
        )
    )


def switch_to(browser: object, lang: str) -> None:
    """Choose `lang` in the header's language menu (the menu opens on hover/focus)."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    # Material fetches each alternate language's sitemap, and then took over clicks on links
    # into a language whose sitemap came back before the current one's, sending the reader to
    # that language's home instead of the entry. Wait for those requests, as a reader who
    # takes a moment to choose does.
    WebDriverWait(browser, 10).until(_settled)
    button = browser.find_element(By.CSS_SELECTOR, ".md-header__option .md-select button")
    ActionChains(browser).move_to_element(button).perform()
    link = browser.find_element(By.CSS_SELECTOR, f".md-select__link[hreflang='{lang}']")
    WebDriverWait(browser, 5).until(lambda _: link.is_displayed())
    before = browser.current_url
    link.click()
    WebDriverWait(browser, 10).until(lambda _: browser.current_url != before)


@pytest.mark.parametrize(
    ("lang", "entry"),
    [("th", "returns-refunds/khuenngoen/"), ("zh-Hans", "returns-refunds/tuikuan/")],
)
def test_language_switch_leads_to_the_same_entry_and_back(
    browser: object, site_url: str, lang: str, entry: str
) -> None:
    browser.get(site_url + FOLDER[lang] + entry)
    switch_to(browser, "en")
    assert browser.current_url == site_url + "returns-refunds/refund-timing/"
    assert browser.execute_script("return document.documentElement.lang") == "en"
    switch_to(browser, lang)
    assert browser.current_url == site_url + FOLDER[lang] + entry
    assert browser.execute_script("return document.documentElement.lang") == lang


def test_language_switch_without_a_translation_leads_home(browser: object, site_url: str) -> None:
    browser.get(site_url + "th/account/rahatphan/")  # no English entry for this issue
    switch_to(browser, "zh-Hant")
    assert browser.current_url == site_url + "zh-hant/"


def test_pinyin_composition_in_the_home_search_box(browser: object, site_url: str) -> None:
    """An IME composition (Chrome DevTools Input.imeSetComposition, then Input.insertText to
    commit it) hands exactly the composed text to the search, not its first keystroke."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    base = site_url + FOLDER["zh-Hans"]
    browser.get(base)
    hero = browser.find_element(By.ID, "kb-hero-query")
    hero.click()
    for typed in ("t", "tu", "tui"):  # each keystroke updates the composition
        browser.execute_cdp_cmd(
            "Input.imeSetComposition",
            {"text": typed, "selectionStart": len(typed), "selectionEnd": len(typed)},
        )
    browser.execute_cdp_cmd("Input.insertText", {"text": "退款"})
    query = browser.find_element(By.CSS_SELECTOR, "input[data-md-component=search-query]")
    WebDriverWait(browser, 5).until(lambda _: query.get_attribute("value"))
    assert query.get_attribute("value") == "退款"
    assert hero.get_attribute("value") == ""

    def found(_: object) -> bool:
        links = browser.find_elements(By.CSS_SELECTOR, ".md-search-result__item > a")
        return any("returns-refunds/tuikuan/" in (a.get_attribute("href") or "") for a in links)

    WebDriverWait(browser, 10).until(found)


def test_404_page_is_styled_under_a_subpath(browser: object, site_url: str) -> None:
    from selenium.webdriver.common.by import By

    for missing in ("no-such-page/", "th/returns-refunds/gone/", "a/b/c/d"):
        browser.get(site_url + missing)
        sheets = browser.execute_script(
            "return [...document.styleSheets].filter(s => { try { return s.cssRules.length > 0 }"
            " catch (e) { return false } }).map(s => s.href)"
        )
        assert any(h and "/help/assets/stylesheets/main" in h for h in sheets), sheets
        header = browser.find_element(By.CSS_SELECTOR, ".md-header")
        assert header.value_of_css_property("position") in ("sticky", "fixed")
        homes = browser.execute_script(
            "return [...document.querySelectorAll('.kb-notfound__home')].map(a => a.href)"
        )
        assert site_url in homes and site_url + "th/" in homes
        text = browser.find_element(By.CSS_SELECTOR, "article").text
        assert "Page not found" in text and "ไม่พบหน้านี้" in text and "找不到页面" in text


def test_a_thai_reader_is_offered_the_thai_page_never_redirected(
    thai_browser: object, site_url: str
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver = thai_browser
    assert driver.execute_script("return navigator.languages[0]").startswith("th")
    driver.get(site_url + "returns-refunds/refund-timing/")
    assert driver.current_url == site_url + "returns-refunds/refund-timing/"  # no redirect
    hint = driver.find_element(By.CSS_SELECTOR, ".kb-langhint")
    WebDriverWait(driver, 5).until(lambda _: hint.is_displayed())
    link = hint.find_element(By.CSS_SELECTOR, "a")
    assert link.text == "อ่านหน้านี้เป็นภาษาไทย"
    assert link.get_attribute("href") == site_url + "th/returns-refunds/khuenngoen/"
    assert link.get_attribute("target") == "_self"  # ours, not Material's guess (switch_to)
    driver.get(site_url + FOLDER["th"])  # already in Thai: nothing to offer
    assert not driver.find_element(By.CSS_SELECTOR, ".kb-langhint").is_displayed()
    driver.get(site_url + "account/reset-password/")  # no Thai version: Thai home
    hint = driver.find_element(By.CSS_SELECTOR, ".kb-langhint")
    assert hint.find_element(By.CSS_SELECTOR, "a").get_attribute("href") == site_url + "th/"
    hint.find_element(By.CSS_SELECTOR, "button").click()  # "ไม่เป็นไร": remembered
    assert not hint.is_displayed()
    driver.get(site_url + "returns-refunds/refund-timing/")
    assert not driver.find_element(By.CSS_SELECTOR, ".kb-langhint").is_displayed()


def test_an_english_reader_on_an_english_page_sees_no_hint(browser: object, site_url: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(site_url + "returns-refunds/refund-timing/")
    assert not browser.find_element(By.CSS_SELECTOR, ".kb-langhint").is_displayed()
