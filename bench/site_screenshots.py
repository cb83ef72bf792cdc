"""Screenshots of the help site in every language, to look at (not a test).

Builds the repo's sample content, serves it under /help/ (as a GitHub Pages project site) and
saves home and one entry per language, desktop (1280x900) and mobile (390x844), plus the 404
page, with headless Chromium. Thai needs a Thai font (Debian: fonts-thai-tlwg), Chinese a CJK
font (fonts-wqy-microhei or fonts-noto-cjk), or the text shows as boxes.

    PYTHONPATH=. .venv/bin/python bench/site_screenshots.py -o /tmp/kbgen-screens
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PAGES = {
    "en": ("", "returns-refunds/when-will-i-get-my-refund/"),
    "zh-Hans": ("zh-hans/", "returns-refunds/tui-kuan-shen-me-shi-hou-dao-zhang/"),
    "zh-Hant": ("zh-hant/", "returns-refunds/tui-kuan-duo-jiu-dao-zhang/"),
    "th": ("th/", "returns-refunds/ngoen-khuen-cha-dai-muea-rai/"),
}
SIZES = {"desktop": (1280, 900), "mobile": (390, 844)}


class Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def translate_path(self, path: str) -> str:
        path = "/" + path[len("/help/") :] if path.startswith("/help/") else "/.missing"
        return super().translate_path(path)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(body)


def _driver(webdriver: object, accept_languages: str) -> object:
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    options.add_experimental_option("prefs", {"intl.accept_languages": accept_languages})
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--hide-scrollbars"):  # fmt: skip
        options.add_argument(flag)
    return webdriver.Chrome(
        options=options, service=webdriver.ChromeService("/usr/bin/chromedriver")
    )


def _save(driver: object, target: Path) -> None:
    driver.save_screenshot(str(target))
    print(target)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "-o", "--out", type=Path, default=Path(tempfile.gettempdir()) / "kbgen-screens"
    )
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    from selenium import webdriver

    from kbgen.site import build_site

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        result = build_site(REPO, site_dir=Path(tmp) / "site", strict=True, quiet=True)
        server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(Handler, directory=str(result.site_dir))
        )
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/help/"
        accept = {"en": "en-US,en", "zh-Hans": "zh-CN,zh", "zh-Hant": "zh-TW,zh", "th": "th-TH,th"}
        try:
            for lang, (folder, entry) in PAGES.items():
                driver = _driver(webdriver, accept[lang])  # a reader of this language
                try:
                    for size, (width, height) in SIZES.items():
                        driver.set_window_size(width, height)
                        for name, path in (("home", folder), ("entry", folder + entry)):
                            driver.get(base + path)
                            _save(driver, args.out / f"{lang}-{name}-{size}.png")
                        if lang == "th":  # a Thai reader on the English entry: the hint
                            driver.get(base + PAGES["en"][1])
                            _save(driver, args.out / f"th-reader-on-en-entry-{size}.png")
                        if lang == "en":
                            driver.get(base + "no/such/page/")
                            _save(driver, args.out / f"404-{size}.png")
                finally:
                    driver.quit()
        finally:
            server.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
