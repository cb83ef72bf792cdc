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
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest_site import FakeEmbedder, make_project, write_multilingual, write_xss

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from kbgen.site import build_site

    root = tmp_path_factory.mktemp("browser-site")
    config = make_project(root, extra_kbgen={"feedback_url": "/feedback-endpoint"})
    write_multilingual(root / "content")
    write_xss(root / "content")
    result = build_site(root, config_file=config, strict=True, embedder=FakeEmbedder(), quiet=True)
    handler = functools.partial(QuietHandler, directory=str(result.site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    posts: list[bytes] = []

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_POST(self) -> None:  # the feedback endpoint
        length = int(self.headers.get("Content-Length") or 0)
        QuietHandler.posts.append(self.rfile.read(length))
        self.send_response(204)
        self.end_headers()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.skip("chromium/chromedriver not installed (run scripts/install-browser.sh)")
    webdriver = pytest.importorskip("selenium.webdriver")
    options = webdriver.ChromeOptions()
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

    if not driver.current_url.startswith(base):
        driver.get(base)
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


# Each query is a word inside a sentence (title, answer or "also asked as") of exactly one page.
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
    ("th", "คืนเงิน", "returns-refunds/khuenngoen/"),
    ("th", "ขอคืนเงิน", "returns-refunds/khuenngoen/"),
    ("th", "พัสดุ", "shipping-delivery/phatsadu/"),
    ("th", "คำสั่งซื้อ", "shipping-delivery/phatsadu/"),
    ("th", "รหัสผ่าน", "account/rahatphan/"),
    ("th", "ห้าวัน", "returns-refunds/khuenngoen/"),
]


@pytest.mark.parametrize(("lang", "query", "page"), QUERIES, ids=[q[1] for q in QUERIES])
def test_search_finds_word_inside_sentence(
    browser: object, site_url: str, lang: str, query: str, page: str
) -> None:
    found = search(browser, site_url, query, expect=page)
    assert found, f"{lang} query {query!r} returned nothing"
    assert found[0] == page, f"{lang} query {query!r}: expected {page} first, got {found}"


def test_search_does_not_return_everything(browser: object, site_url: str) -> None:
    found = search(browser, site_url, "发票zzzz")
    assert found == []
    assert "No matching" in browser.find_element("css selector", ".md-search-result__meta").text
    found = search(browser, site_url, "password", expect="account/reset-password/")
    assert "returns-refunds/tuikuan/" not in found


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
    # the title as shown in the search results is text too
    found = search(browser, site_url, "safe", expect="other/xss/")
    assert "other/xss/" in found
    assert browser.execute_script("return window.__xss === undefined")
    title = browser.execute_script("return document.title")
    assert "<script>" in title


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
