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
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for flag in (
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
        ):
            options.add_argument(flag)
        driver = webdriver.Chrome(
            options=options, service=webdriver.ChromeService("/usr/bin/chromedriver")
        )
        try:
            for size, (width, height) in SIZES.items():
                driver.set_window_size(width, height)
                for lang, (folder, entry) in PAGES.items():
                    for name, path in (("home", folder), ("entry", folder + entry)):
                        driver.get(base + path)
                        target = args.out / f"{lang}-{name}-{size}.png"
                        driver.save_screenshot(str(target))
                        print(target)
                driver.get(base + "no/such/page/")
                driver.save_screenshot(str(args.out / f"404-{size}.png"))
                print(args.out / f"404-{size}.png")
        finally:
            driver.quit()
            server.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
