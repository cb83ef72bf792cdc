"""Serve a built site with `python -m http.server` and check it in headless Chromium.

browse.py SITE_DIR CASES_JSON OUT_JSON
CASES: {"pages": {"en": "refund/", ...}, "queries": [[lang, page_path, query, expect_substring], ...]}
For every page: <html lang>, search placeholder, language-switch links.
For every query: type it into the header search box of that page; record result paths.
Recipe after tests/test_site_browser.py search(), with the 'matching' wait replaced by the
page's own translated result strings (the meta line is translated per language).
"""

import json
import socket
import subprocess
import sys
import time

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

site, cases_file, out_file = sys.argv[1:4]
cases = json.load(open(cases_file))
s = socket.socket()
s.bind(("127.0.0.1", 0))
port = s.getsockname()[1]
s.close()
srv = subprocess.Popen(
    [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "-d", site],
    stdout=subprocess.DEVNULL,
    stderr=subprocess.DEVNULL,
)
time.sleep(1)
base = f"http://127.0.0.1:{port}/"
opts = webdriver.ChromeOptions()
opts.binary_location = "/usr/bin/chromium"
for a in (
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
    opts.add_argument(a)
driver = webdriver.Chrome(
    options=opts, service=webdriver.ChromeService(executable_path="/usr/bin/chromedriver")
)
driver.set_page_load_timeout(30)
out = {"pages": {}, "queries": []}


def translations():
    cfg = driver.execute_script(
        "return JSON.parse(document.getElementById('__config').textContent)"
    )
    return cfg["translations"]


def search(query, expect):
    t = translations()
    idle = {t.get("search.result.placeholder"), t.get("search.result.initializer"), ""}
    box = driver.find_element(By.CSS_SELECTOR, "input[data-md-component=search-query]")
    driver.execute_script("document.getElementById('__search').checked = true")
    box.click()
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.DELETE)
    meta = (By.CSS_SELECTOR, ".md-search-result__meta")
    WebDriverWait(driver, 10).until(lambda _: driver.find_element(*meta).text in idle)
    box.send_keys(query)

    def paths():
        links = driver.find_elements(By.CSS_SELECTOR, ".md-search-result__item > a")
        return [
            a.get_attribute("href").removeprefix(base).split("#")[0].split("?")[0] for a in links
        ]

    def done(_):
        m = driver.find_element(*meta).text
        if m in idle:
            return False
        p = paths()
        if any(expect == x for x in p):
            return (p, m)
        return False

    try:
        p, m = WebDriverWait(driver, 8, poll_frequency=0.2).until(done)
    except Exception:
        p, m = paths(), driver.find_element(*meta).text
    return p, m


try:
    for lang, path in cases["pages"].items():
        driver.get(base + path)
        WebDriverWait(driver, 10).until(
            lambda _: driver.execute_script("return document.readyState") == "complete"
        )
        html_lang = driver.execute_script("return document.documentElement.lang")
        ph = driver.find_element(
            By.CSS_SELECTOR, "input[data-md-component=search-query]"
        ).get_attribute("placeholder")
        alts = [
            (a.get_attribute("hreflang"), a.get_attribute("href").removeprefix(base))
            for a in driver.find_elements(By.CSS_SELECTOR, "a.md-select__link")
        ]
        logo = (
            driver.find_element(By.CSS_SELECTOR, "a.md-header__button.md-logo")
            .get_attribute("href")
            .removeprefix(base)
        )
        out["pages"][path] = {
            "lang": lang,
            "html_lang": html_lang,
            "placeholder": ph,
            "switch": alts,
            "logo": logo,
        }
        print(path, html_lang, ph, alts, "logo->", logo, flush=True)
    for _lang, path, query, expect in cases["queries"]:
        driver.get(base + path)
        t0 = time.time()
        p, m = search(query, expect)
        found = expect in p
        rec = {
            "page": path,
            "query": query,
            "expect": expect,
            "found": found,
            "rank": (p.index(expect) + 1) if found else None,
            "results": p,
            "meta": m,
            "secs": round(time.time() - t0, 1),
        }
        out["queries"].append(rec)
        print(
            ("FOUND    " if found else "NOTFOUND ") + f"{path} {query!r} -> {p} [{m}]", flush=True
        )
finally:
    driver.quit()
    srv.terminate()
    srv.wait()
    json.dump(out, open(out_file, "w"), ensure_ascii=False, indent=1)
